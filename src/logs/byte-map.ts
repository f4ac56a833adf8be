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
    const store = this.store;
    for (let i = a, j = this.used; i < b; i++, j++) store[j] = buf[i]!; // no subarray object per new key
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

/** Two independent 32-bit hashes of buf[a, b), over 32-bit words (then the tail bytes), into out[0] and out[1]. */
export function hash2(buf: Uint8Array, a: number, b: number, out: Int32Array): void {
  let h = 0x811c9dc5 | 0, g = 0x2545f491 | 0, i = a;
  for (; i + 4 <= b; i += 4) {
    const w = buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24);
    h = Math.imul(h ^ w, 16777619);
    h ^= h >>> 13;
    g = Math.imul(g + w, 0x5bd1e995);
    g ^= g >>> 15;
  }
  for (; i < b; i++) { h = Math.imul(h ^ buf[i]!, 16777619); g = Math.imul(g + buf[i]!, 0x5bd1e995); }
  out[0] = h ^ (h >>> 15);
  out[1] = g ^ (g >>> 13) ^ (b - a);
}

export const QID_MAX = 24;

/**
 * The Message-IDs of the last {@link cap} messages, newest first, each with the queue id of the leg that carries
 * it now: a copy this server made (a content filter's re-injection, a local forward, a requeued file) finds the leg
 * it continues. A ring, not a table: adding costs a hash and a few writes (every message adds one); finding scans
 * back from the newest (a re-injected copy comes back within seconds, so its leg is near), and a counting filter
 * over the first hash skips the scan for ids that are not there. Ids are compared by two 32-bit hashes and their
 * length. Strings (the full path) are encoded to the same bytes, so both paths agree.
 */
export class IdRing {
  private h1: Int32Array;
  private h2: Int32Array;
  private lens: Uint16Array;
  readonly qids: Uint8Array;
  private qidLens: Uint8Array;
  /** Entries per low 15 bits of the first hash (at most cap of them: a Uint16 never saturates). */
  private filter = new Uint16Array(1 << 15);
  private n = 0;
  private hh = new Int32Array(2);
  private scratch = Buffer.allocUnsafe(1024);
  constructor(readonly cap = 4096) {
    this.h1 = new Int32Array(cap);
    this.h2 = new Int32Array(cap);
    this.lens = new Uint16Array(cap);
    this.qids = new Uint8Array(cap * QID_MAX);
    this.qidLens = new Uint8Array(cap);
  }
  /** Remember id buf[a, b) → queue id q[qa, qb) (the newest entry answers first). */
  add(buf: Uint8Array, a: number, b: number, q: Uint8Array, qa: number, qb: number): void {
    if (qb - qa > QID_MAX || b <= a) return;
    hash2(buf, a, b, this.hh);
    const slot = this.n % this.cap;
    if (this.n >= this.cap) this.filter[this.h1[slot]! & 0x7fff]!--;
    const h = this.hh[0]!;
    this.h1[slot] = h;
    this.h2[slot] = this.hh[1]!;
    this.lens[slot] = b - a > 65535 ? 65535 : b - a;
    this.filter[h & 0x7fff]!++;
    for (let i = qa, j = slot * QID_MAX; i < qb; i++, j++) this.qids[j] = q[i]!;
    this.qidLens[slot] = qb - qa;
    this.n++;
  }
  /** The newest entry for id buf[a, b): its slot (queue id bytes from slot × 24, {@link qidLength} long), or -1. */
  find(buf: Uint8Array, a: number, b: number): number {
    if (b <= a) return -1;
    hash2(buf, a, b, this.hh);
    const h = this.hh[0]!;
    if (this.filter[h & 0x7fff] === 0) return -1;
    const g = this.hh[1]!, len = b - a > 65535 ? 65535 : b - a, cap = this.cap, h1 = this.h1;
    const count = this.n < cap ? this.n : cap;
    for (let k = 1, slot = (this.n - 1) % cap; k <= count; k++, slot = slot === 0 ? cap - 1 : slot - 1) {
      if (h1[slot] === h && this.h2[slot] === g && this.lens[slot] === len) return slot;
    }
    return -1;
  }
  qidLength(slot: number): number {
    return this.qidLens[slot]!;
  }
  qidOf(slot: number): string {
    return String.fromCharCode(...this.qids.subarray(slot * QID_MAX, slot * QID_MAX + this.qidLens[slot]!));
  }
  private encode(key: string): number {
    if (key.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(key.length * 3);
    return this.scratch.write(key, 0, 'utf8');
  }
  getString(id: string): string | undefined {
    const slot = this.find(this.scratch, 0, this.encode(id));
    return slot < 0 ? undefined : this.qidOf(slot);
  }
  setString(id: string, qid: string): void {
    const n = this.encode(id);
    const q = Buffer.from(qid, 'latin1');
    this.add(this.scratch, 0, n, q, 0, q.length);
  }
}
