import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createStaticDnsClient, normalizeDnsName } from '../../src/dns/index.js';
import {
  parseSpf, parseSpfMacroString, parseDmarc, parseDkimTags, analyzeDkimRecord, parseMtaStsPolicy, normalizeDomainInput, evaluateSpf, buildSpfTree,
} from '../../src/domain/index.js';

const ALPHABET = 'v=spf1 :/%{}._-+~?!allincludeamxptrip4ip6existsredirectexp0123456789ABCDEFabcdef;,@\t\r\n"\'\\ñż\u0000';
function rnd(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  return s;
}
const hostile = (): string[] => [
  '', ' ', 'v=spf1', 'v=spf1 ' + 'a'.repeat(70000), 'v=spf1 ' + '%{'.repeat(5000), 'v=spf1 ' + 'ip4:1.2.3.4/'.repeat(3000),
  'v=spf1 ' + 'include:' + 'a.'.repeat(4000) + 'com', randomBytes(5000).toString('latin1'), randomBytes(5000).toString('utf8'),
  'v=spf1 ' + '%{d9999999999r.-+,/_=}'.repeat(200) + '.com', 'v=spf1 a:%{i}' + '%%'.repeat(10000),
];

test('parsers: random and hostile input never throws and stays fast', () => {
  const t0 = performance.now();
  const inputs = [...hostile(), ...Array.from({ length: 3000 }, () => 'v=spf1 ' + rnd(Math.floor(Math.random() * 200))), ...Array.from({ length: 500 }, () => rnd(300))];
  for (const s of inputs) {
    const p = parseSpf(s);
    for (const e of p.errors) { assert.ok(e.pos >= 0); assert.ok(e.message.en && e.message.pl); }
    parseSpfMacroString(s);
    parseSpfMacroString(s, true);
    parseDmarc(s);
    parseDkimTags(s);
    analyzeDkimRecord('x', s);
    parseMtaStsPolicy(s);
    normalizeDnsName(s);
    normalizeDomainInput(s);
  }
  assert.ok(performance.now() - t0 < 20000, `took ${performance.now() - t0} ms`);
});

test('evaluator and tree: random records over an in-memory zone end with a result, never a throw', async () => {
  for (let i = 0; i < 300; i++) {
    const zone = {
      'x.test': [{ type: 'TXT' as const, data: 'v=spf1 ' + rnd(80) }],
      'y.test': [{ type: 'TXT' as const, data: 'v=spf1 include:x.test ' + rnd(40) }, { type: 'A' as const, data: '192.0.2.1' }],
    };
    const dns = createStaticDnsClient(zone);
    const ev = await evaluateSpf(dns, { ip: i % 2 ? '192.0.2.1' : '2001:db8::1', sender: 'a@y.test', helo: 'h.test' });
    assert.ok(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror'].includes(ev.result));
    const tree = await buildSpfTree(dns, 'y.test');
    assert.ok(tree.lookupCount >= 1);
  }
});

test('evaluator: self-include loop and a deep include chain stop at the limit', async () => {
  const zone: Record<string, { type: 'TXT'; data: string }[]> = { 'loop.test': [{ type: 'TXT', data: 'v=spf1 include:loop.test -all' }] };
  for (let i = 0; i < 30; i++) zone[`d${i}.test`] = [{ type: 'TXT', data: `v=spf1 include:d${i + 1}.test -all` }];
  const dns = createStaticDnsClient(zone);
  assert.equal((await evaluateSpf(dns, { ip: '192.0.2.1', domain: 'loop.test' })).result, 'permerror');
  assert.equal((await evaluateSpf(dns, { ip: '192.0.2.1', domain: 'd0.test' })).result, 'permerror');
  const tree = await buildSpfTree(dns, 'd0.test');
  assert.ok(tree.nodes.some((n) => n.status === 'depth'));
});

test('evaluator: a DNS failure on the wire is temperror, only a name that cannot be asked matches nothing', async () => {
  const zone = {
    'net.test': [{ type: 'TXT' as const, data: 'v=spf1 a:down.test ip4:192.0.2.1 -all' }],
    'mxnet.test': [{ type: 'TXT' as const, data: 'v=spf1 mx:down.test ip4:192.0.2.1 -all' }],
    'exnet.test': [{ type: 'TXT' as const, data: 'v=spf1 exists:down.test ip4:192.0.2.1 -all' }],
    'bad.test': [{ type: 'TXT' as const, data: 'v=spf1 a:%{l}.bad.test -all' }],
  };
  const base = createStaticDnsClient(zone);
  // What the real client answers when the socket fails: status "error", no rcode, but it was sent.
  const dns = { ...base, query: async (name: string, type: Parameters<typeof base.query>[1]) => (name === 'down.test'
    ? { name, type, status: 'error' as const, rcode: '', answers: [], authority: [], ad: false, truncated: false, viaTcp: false, timeMs: 1, server: '127.0.0.1', error: 'read ECONNRESET', attempts: 2 }
    : base.query(name, type)) };
  for (const domain of ['net.test', 'mxnet.test', 'exnet.test']) {
    assert.equal((await evaluateSpf(dns, { ip: '192.0.2.1', domain })).result, 'temperror', domain);
  }
  // "a:%{l}.bad.test" with a local part that makes no valid name: matches nothing (fail by -all), not temperror.
  const ev = await evaluateSpf(dns, { ip: '192.0.2.1', domain: 'bad.test', sender: 'a..b@bad.test' });
  assert.equal(ev.result, 'fail');
});
