// Every regex path of the record parsers fed 1 MB of input shaped against it (long runs of the characters the
// pattern repeats, then a character that makes it fail at the end). A regex that backtracks catastrophically
// would not finish; the time bound is only a sanity bound against a hang, not a performance assertion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeDnsName } from '../../src/dns/index.js';
import {
  parseSpf, looksLikeSpfTypo, parseSpfMacroString, parseDmarc, parseDkimTags, analyzeDkimRecord, parseMtaStsPolicy,
  normalizeDomainInput, looksLikeGenericPtr, isValidSpfDomain,
} from '../../src/domain/index.js';

const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

const INPUTS: [string, string][] = [
  ['DKIM key with white space, then junk', 'v=DKIM1; k=rsa; p=' + fill('A ') + '!'],
  ['DKIM "p=" over and over', fill('p=p')],
  ['DKIM one huge tag name', fill('a') + '=1'],
  ['DMARC fo= with many options, then junk', 'v=DMARC1; p=none; fo=' + fill('0:') + 'x'],
  ['DMARC rua with a huge local part and two @', 'v=DMARC1; p=none; rua=mailto:' + fill('a') + '@@'],
  ['MTA-STS mx pattern of wildcards', 'version: STSv1\nmode: enforce\nmx: ' + fill('*.') + '\nmax_age: 1'],
  ['SPF CIDR slashes', 'v=spf1 ip4:1.2.3.4' + fill('/')],
  ['SPF dual CIDR repeated', 'v=spf1 a:x' + fill('/1')],
  ['SPF-like typo with white space', 'v' + fill(' ') + '=x'],
  ['SPF modifier with a huge name', 'v=spf1 ' + fill('a') + '=x'],
  ['SPF macro with a huge transformer', 'v=spf1 exists:%{l1r' + fill('.') + '}'],
  ['SPF macro with every delimiter', 'v=spf1 exists:%{ir' + fill('-+,/_=') + '}'],
  ['domain of dots, then junk', fill('.') + 'x'],
  ['domain with a run of dashes', 'a.' + fill('-') + 'b'],
  ['generic-PTR words', fill('dyn-pool.')],
];

for (const [name, input] of INPUTS) {
  test(`record parsers on 1 MB of hostile input finish: ${name}`, () => {
    const t0 = performance.now();
    parseSpf(input);
    looksLikeSpfTypo(input);
    parseSpfMacroString(input);
    parseSpfMacroString(input, true);
    isValidSpfDomain(input);
    parseDmarc(input);
    parseDkimTags(input);
    analyzeDkimRecord('sel', input);
    parseMtaStsPolicy(input);
    normalizeDnsName(input);
    normalizeDomainInput(input);
    looksLikeGenericPtr(input, '192.0.2.1');
    const ms = performance.now() - t0;
    assert.ok(ms < 10000, `took ${Math.round(ms)} ms`);
  });
}
