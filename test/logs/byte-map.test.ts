/** The byte-keyed memo of the summary's fast path agrees with a Map through growth, clearing and long keys. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ByteKeyMap } from '../../src/logs/byte-map.js';

test('ByteKeyMap answers as a Map of strings would, through growth, clearing when full, equal hashes and over-long keys', () => {
  let seed = 3;
  const rnd = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 16) % n; }; // high bits: an LCG's low bits cycle
  for (const max of [300, 6000]) { // cleared often; grown past its first 4,096 slots
  const map = new ByteKeyMap<number>(max, 64);
  const ref = new Map<string, number>();
  const buf = Buffer.alloc(200);
  for (let step = 0; step < 20_000; step++) {
    // keys from a small alphabet (many shared prefixes), some empty, some over the 64-byte limit
    const len = rnd(10) === 0 ? 65 + rnd(20) : rnd(12);
    let key = '';
    for (let i = 0; i < len; i++) key += 'ab<>[] 0'[rnd(8)];
    buf.write(key, 10, 'latin1');
    const a = 10, b = 10 + key.length;
    const got = map.get(buf, a, b);
    const want = key.length > 64 ? undefined : ref.get(key);
    assert.equal(got, want, `step ${step}: "${key}"`);
    if (got === undefined && key.length <= 64) {
      if (ref.size === max) ref.clear(); // the map starts again empty when full
      map.set(buf, a, b, step);
      ref.set(key, step);
    }
  }
  }
});
