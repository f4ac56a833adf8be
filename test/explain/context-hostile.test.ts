// Each regex path of src/explain/context.ts fed 1 MB of hostile input straight (not through explain's 4 KB line
// and 8 KB group bounds): a regex that backtracks catastrophically would not finish. The time bound is only a
// sanity bound against a hang, not a performance assertion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { domainOf, findAddresses, recipientDomainInLine, senderDomainInLine, sendingIpInLine, textContext } from '../../src/explain/context.js';

const MB = 1 << 20;
const fill = (unit: string) => unit.repeat(Math.ceil(MB / unit.length));

const CASES: [string, () => unknown][] = [
  ['domainOf: a long run of dashes inside the domain', () => domainOf('x@a.' + fill('-') + 'b')],
  ['domainOf: a long run of dots then junk', () => domainOf('x@' + fill('.') + '!')],
  ['domainOf: many labels then junk', () => domainOf('x@' + fill('a.') + '1!')],
  ['recipientDomainInLine: "host named" and dashes', () => recipientDomainInLine('host named a.' + fill('-') + 'b')],
  ['recipientDomainInLine: "host named" repeated', () => recipientDomainInLine(fill('host named '))],
  ['senderDomainInLine: "domain mismatch" and white space', () => senderDomainInLine(fill('domain mismatch' + ' '.repeat(500)))],
  ['senderDomainInLine: "sender" and angle brackets', () => senderDomainInLine(fill('sender : <' + 'a'.repeat(299)))],
  ['senderDomainInLine: "id=" and "%40"', () => senderDomainInLine(fill('id=a%40'))],
  ['senderDomainInLine: "allowed to send mail from" and dashes', () => senderDomainInLine('allowed to send mail from a.' + fill('-') + 'b')],
  ['sendingIpInLine: brackets and dotted digits', () => sendingIpInLine(fill('[1.1.1.1.'))],
  ['findAddresses: @ and dots', () => findAddresses(fill('a@.-'))],
  ['textContext: header lines full of @', () => textContext(fill('From: ' + '@'.repeat(200) + '\n'))],
];

for (const [name, run] of CASES) {
  test(`context on 1 MB of hostile input finishes: ${name}`, () => {
    const t0 = performance.now();
    run();
    const ms = performance.now() - t0;
    assert.ok(ms < 5000, `took ${Math.round(ms)} ms`);
  });
}

test('domainOf still trims dots and dashes around a real domain', () => {
  assert.equal(domainOf('user@.Example.COM.'), 'example.com');
  assert.equal(domainOf('user@-example.com-'), 'example.com');
  assert.equal(domainOf('user@' + 'a'.repeat(250) + '.com'), undefined);
  assert.equal(domainOf('user@localhost'), undefined);
});
