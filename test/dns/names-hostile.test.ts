// The name helpers' regex paths fed 1 MB of hostile input. expandIPv6 once looked for an IPv4 tail with
// /(\d+\.\d+\.\d+\.\d+)$/, which rescans a long run of digits from every position (minutes on 200 KB); the
// time bound is only a sanity bound against such a hang, not a performance assertion.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandIPv6, normalizeDnsName, parseDnsServer, reverseName } from '../../src/dns/index.js';

const MB = 1 << 20;
const INPUTS: [string, string][] = [
  ['a run of digits', '1'.repeat(MB) + 'x'],
  ['digits and dots', '1.'.repeat(MB / 2) + 'x'],
  ['hex groups and colons', 'ffff:'.repeat(MB / 5) + ':1.2.3'],
  ['labels of letters', 'a.'.repeat(MB / 2) + '-'],
  ['brackets and a port', '[' + ':'.repeat(MB) + ']:53x'],
];

for (const [name, input] of INPUTS) {
  test(`dns name helpers on 1 MB of hostile input finish: ${name}`, () => {
    const t0 = performance.now();
    expandIPv6(input);
    normalizeDnsName(input);
    reverseName(input);
    try { parseDnsServer(input); } catch { /* a usage error is a fine answer */ }
    const ms = performance.now() - t0;
    assert.ok(ms < 5000, `took ${Math.round(ms)} ms`);
  });
}

test('expandIPv6 still expands addresses with and without an IPv4 tail', () => {
  assert.equal(expandIPv6('2001:db8::1'), '2001:0db8:0000:0000:0000:0000:0000:0001');
  assert.equal(expandIPv6('::ffff:192.0.2.1'), '0000:0000:0000:0000:0000:ffff:c000:0201');
});
