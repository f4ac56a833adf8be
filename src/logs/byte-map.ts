/**
 * A bounded map from byte strings to values, looked up straight from a read buffer (no string per lookup). The
 * summary's fast path keeps what a raw reject text was counted as here: the same text comes back often (a
 * spamming client, a bad HELO), and a hit then skips making its string, splitting its reply code and hashing it
 * as a string. Cleared when full, so memory stays bounded.
 */
export class ByteKeyMap<T> {
  /** Open-addressing slots: entry + 1, 0 when empty (kept at most half full). */
  private index: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private starts: Int32Array;
  private lens: Int32Array;
  private values: (T | undefined)[];
  private store: Uint8Array;
  private used = 0;
  private size = 0;

  /** max: entries kept before the map starts again empty; keys longer than maxKey bytes are not kept. */
  constructor(private readonly max = 20_000, private readonly maxKey = 512) {
    this.index = new Int32Array(1 << 12);
    this.mask = (1 << 12) - 1;
    this.hashes = new Int32Array(max);
    this.starts = new Int32Array(max);
    this.lens = new Int32Array(max);
    this.values = new Array<T | undefined>(max).fill(undefined);
    this.store = new Uint8Array(1 << 16);
  }

  private static hash(buf: Uint8Array, a: number, b: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    return h ^ (h >>> 15);
  }

  /** The slot of the key buf[a, b) with hash h: its entry + 1 there, or an empty slot (0 there). */
  private slot(buf: Uint8Array, a: number, b: number, h: number): number {
    const len = b - a, index = this.index, mask = this.mask, store = this.store;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e1 = index[s]!;
      if (e1 === 0) return s;
      const e = e1 - 1;
      if (this.hashes[e] !== h || this.lens[e] !== len) continue;
      let i = a, j = this.starts[e]!;
      while (i < b && store[j] === buf[i]) { i++; j++; }
      if (i === b) return s;
    }
  }

  /** The next new key starts the map again empty. */
  get full(): boolean {
    return this.size === this.max;
  }

  get(buf: Uint8Array, a: number, b: number): T | undefined {
    if (b - a > this.maxKey) return undefined;
    const e1 = this.index[this.slot(buf, a, b, ByteKeyMap.hash(buf, a, b))]!;
    return e1 === 0 ? undefined : this.values[e1 - 1];
  }

  set(buf: Uint8Array, a: number, b: number, value: T): void {
    const len = b - a;
    if (len > this.maxKey) return;
    if (this.size === this.max) this.clear();
    const h = ByteKeyMap.hash(buf, a, b);
    let s = this.slot(buf, a, b, h);
    const known = this.index[s]!;
    if (known !== 0) { this.values[known - 1] = value; return; }
    if ((this.size + 1) * 2 > this.mask + 1) { this.grow(); s = this.slot(buf, a, b, h); }
    if (this.used + len > this.store.length) {
      const bigger = new Uint8Array(Math.max(this.store.length * 2, this.used + len));
      bigger.set(this.store.subarray(0, this.used));
      this.store = bigger;
    }
    this.store.set(buf.subarray(a, b), this.used);
    const e = this.size++;
    this.hashes[e] = h;
    this.starts[e] = this.used;
    this.lens[e] = len;
    this.values[e] = value;
    this.used += len;
    this.index[s] = e + 1;
  }

  private grow(): void {
    const n = (this.mask + 1) * 2;
    this.index = new Int32Array(n);
    this.mask = n - 1;
    for (let e = 0; e < this.size; e++) {
      let s = this.hashes[e]! & this.mask;
      while (this.index[s] !== 0) s = (s + 1) & this.mask;
      this.index[s] = e + 1;
    }
  }

  private clear(): void {
    this.index.fill(0);
    this.values.fill(undefined);
    this.size = 0;
    this.used = 0;
  }
}

/**
 * A byte-keyed map that forgets by generations instead of all at once: when the current {@link ByteKeyMap} is
 * full it becomes the previous one and a new one starts, so a key set lately is always found (at least the last
 * `max` keys), and memory stays bounded. Keys also come as strings (the full path), encoded to the same bytes.
 */
export class GenerationMap<T> {
  private cur: ByteKeyMap<T>;
  private prev: ByteKeyMap<T> | undefined;
  private scratch = Buffer.allocUnsafe(1024);
  constructor(private readonly max = 65_536, private readonly maxKey = 998) {
    this.cur = new ByteKeyMap<T>(max, maxKey);
  }
  get(buf: Uint8Array, a: number, b: number): T | undefined {
    const v = this.cur.get(buf, a, b);
    return v !== undefined ? v : this.prev?.get(buf, a, b);
  }
  set(buf: Uint8Array, a: number, b: number, value: T): void {
    if (this.cur.full) { this.prev = this.cur; this.cur = new ByteKeyMap<T>(this.max, this.maxKey); }
    this.cur.set(buf, a, b, value);
  }
  private encode(key: string): number {
    if (key.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(key.length * 3);
    return this.scratch.write(key, 0, 'utf8');
  }
  getString(key: string): T | undefined {
    return this.get(this.scratch, 0, this.encode(key));
  }
  setString(key: string, value: T): void {
    this.set(this.scratch, 0, this.encode(key), value);
  }
}
