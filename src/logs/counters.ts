/**
 * The summary's top-N counters: a string-keyed {@link Counter} for the reports, and the {@link ByteCounter} the
 * summary counts into while it reads (keys as bytes straight from the read buffer, no string per line).
 */
import { own } from './own.js';

export interface CountRow { key: string; messages: number; bytes: number }

/** Distinct keys kept per top list; beyond it new keys are counted under "(other)" so memory stays bounded. */
export const MAX_DISTINCT = 200_000;
const OTHER = '(other)';

export class Counter {
  readonly m = new Map<string, CountRow>();
  /** Keys not kept because the table was full. */
  overflow = 0;
  add(key: string, bytes: number): void {
    const r = this.m.get(key);
    if (r) { r.messages++; r.bytes += bytes; } else if (this.m.size < MAX_DISTINCT) { key = own(key); this.m.set(key, { key, messages: 1, bytes }); }
    else {
      this.overflow++;
      let o = this.m.get(OTHER);
      if (!o) { o = { key: OTHER, messages: 0, bytes: 0 }; this.m.set(OTHER, o); } // one row over the cap, on purpose
      o.messages++;
      o.bytes += bytes;
    }
  }
  /** These counts less those of `back` (arrivals taken back); rows that reach zero go. */
  minus(back: Counter): Counter {
    for (const b of back.m.values()) {
      const r = this.m.get(b.key);
      if (!r) continue;
      r.messages -= b.messages;
      r.bytes -= b.bytes;
      if (r.messages <= 0) this.m.delete(b.key);
    }
    return this;
  }
  /** Merge keys that map to the same value (e.g. address → domain), done once at the end, not per line. */
  mapKeys(f: (k: string) => string): Counter {
    const out = new Counter();
    for (const r of this.m.values()) {
      const k = f(r.key);
      const x = out.m.get(k);
      if (x) { x.messages += r.messages; x.bytes += r.bytes; } else out.m.set(k, { key: k, messages: r.messages, bytes: r.bytes });
    }
    return out;
  }
  /** The n largest, by a single pass (no full sort of a big map). */
  top(n: number): CountRow[] {
    const best: CountRow[] = [];
    const worse = (a: CountRow, b: CountRow) => a.messages < b.messages || (a.messages === b.messages && (a.bytes < b.bytes || (a.bytes === b.bytes && a.key > b.key)));
    for (const r of this.m.values()) {
      if (best.length === n && !worse(best[n - 1]!, r)) continue;
      let i = best.length === n ? n - 1 : best.length;
      if (best.length < n) best.push(r);
      while (i > 0 && worse(best[i - 1]!, r)) { best[i] = best[i - 1]!; i--; }
      best[i] = r;
    }
    return best;
  }
}

/** Bytes per entry record, and how many of a key's bytes live in it (most addresses fit). */
const REC = 64;
const INLINE = 32;
/** Record layout in 32-bit words: hash, length, start in the key store, 1 if kept in the IPv4 table; then messages and bytes as doubles (words 4–7); then the key's first INLINE bytes (bytes 32–63). */
const W_HASH = 0, W_LEN = 1, W_START = 2, W_V4 = 3, D_MSGS = 2, D_BYTES = 3;

/**
 * A counter of keys kept as bytes (UTF-8): the fast path counts an address or IP straight from the read
 * buffer, with no string and no Map lookup by string — FNV-1a over the bytes, open addressing. A hit touches the
 * slot index (4 bytes per slot: small enough to stay in cache) and one 64-byte entry record holding the hash,
 * the length, the counts and the key's first bytes — one cache miss where separate arrays cost three (the read
 * buffers streaming through evict them). Lines of the full path come as strings and are encoded to the same
 * bytes, so both paths count into the same entries. {@link toCounter} gives the string-keyed {@link Counter}
 * (first-seen order, "(other)" for keys beyond {@link MAX_DISTINCT}) at the end.
 */
export class ByteCounter {
  /** Open-addressing slots: entry + 1, 0 when empty. */
  private index = new Int32Array(1 << 12);
  private mask = (1 << 12) - 1;
  /** Entry records (see {@link REC}), three views of one buffer. */
  private w = new Int32Array((REC / 4) << 11);
  private d = new Float64Array(this.w.buffer);
  private u = new Uint8Array(this.w.buffer);
  private size = 0;
  /** Every key's bytes in full (long keys are compared past INLINE here; the report reads keys from here). */
  private store = Buffer.allocUnsafe(1 << 16);
  private used = 0;
  private scratch = Buffer.allocUnsafe(1024);
  /** Keys not kept because the table was full, and their counts. */
  private overflow = 0;
  private otherMsgs = 0;
  private otherBytes = 0;

  /**
   * Dotted IPv4 keys in canonical form (no leading zeros, parts ≤ 255) are found by their 32-bit value in a
   * second table of [value, entry + 1] pairs: no byte hash, no byte compare (the client-IP table of a busy
   * server is mostly new addresses, and each probe is a cache miss). Canonical text ↔ value is one to one, and
   * whether a key is canonical depends on its bytes alone, so a key always goes the same way, from either path;
   * entries stay in one first-seen order.
   */
  private v4 = new Int32Array(2 << 10);
  private v4mask = (1 << 10) - 1;
  private v4size = 0;
  /** Keys in the byte-hash table (IPv4 keys live in {@link v4}). */
  private byteKeys = 0;

  /**
   * The entry the last {@link addBytes} counted into (-1: an IPv4 key, or over the cap): lets a caller keep more
   * columns per key beside this counter (see {@link forEachEntry}) without hashing the key again.
   */
  lastEntry = -1;

  /** Count the key buf[a, b) (UTF-8 bytes) once, with its bytes. */
  addBytes(buf: Uint8Array, a: number, b: number, bytes: number): void {
    const len = b - a;
    this.lastEntry = -1;
    if (len >= 7 && len <= 15) {
      const ip = canonicalIpv4(buf, a, b);
      if (ip >= 0) { this.addIpv4(ip, buf, a, b, bytes); return; }
    }
    // FNV-1a over 32-bit words, then the tail bytes (a quarter of the multiplications of a byte-wise loop)
    let h = 0x811c9dc5 | 0, i0 = a;
    for (; i0 + 4 <= b; i0 += 4) h = Math.imul(h ^ (buf[i0]! | (buf[i0 + 1]! << 8) | (buf[i0 + 2]! << 16) | (buf[i0 + 3]! << 24)), 16777619);
    for (; i0 < b; i0++) h = Math.imul(h ^ buf[i0]!, 16777619);
    h ^= h >>> 15;
    const index = this.index, mask = this.mask, w = this.w, u = this.u;
    const inl = len < INLINE ? len : INLINE;
    let slot = h & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e1 = index[slot]!;
      if (e1 === 0) break;
      const r = (e1 - 1) * (REC / 4);
      if (w[r + W_HASH] !== h || w[r + W_LEN] !== len) continue;
      let i = a, j = r * 4 + INLINE;
      const stop = a + inl;
      while (i < stop && u[j] === buf[i]) { i++; j++; }
      if (i < stop) continue;
      if (len > INLINE && !this.sameTail(buf, a, b, w[r + W_START]!)) continue;
      const dd = this.d, k = (e1 - 1) * (REC / 8);
      dd[k + D_MSGS]!++;
      dd[k + D_BYTES]! += bytes;
      this.lastEntry = e1 - 1;
      return;
    }
    this.insert(buf, a, b, h, slot, bytes);
  }

  // The rare paths are methods of their own: a branch first taken after V8 optimised addBytes (a long key, a new
  // key, the cap) would otherwise throw its optimised code away, and early in a log that happens again and again.

  /** Are the bytes of a long key past INLINE those of the stored key that starts at start? */
  private sameTail(buf: Uint8Array, a: number, b: number, start: number): boolean {
    const store = this.store;
    for (let i = a + INLINE, j = start + INLINE; i < b; i++, j++) if (store[j] !== buf[i]) return false;
    return true;
  }

  /** A key not in the table, for the empty slot where the search ended. */
  private insert(buf: Uint8Array, a: number, b: number, h: number, slot: number, bytes: number): void {
    if (this.size >= MAX_DISTINCT) { this.overflow++; this.otherMsgs++; this.otherBytes += bytes; return; }
    const e = this.entry(buf, a, b, h, bytes, 0);
    this.index[slot] = e + 1;
    this.lastEntry = e;
    if (++this.byteKeys * 2 > this.mask + 1) this.grow();
  }

  /** Every byte-keyed entry (IPv4 keys too) with its key, in first-seen order: e is the index {@link lastEntry} gave. */
  forEachEntry(f: (key: string, e: number, messages: number, bytes: number) => void): void {
    for (let e = 0; e < this.size; e++) {
      const r = e * (REC / 4), k = e * (REC / 8), start = this.w[r + W_START]!;
      f(this.store.toString('utf8', start, start + this.w[r + W_LEN]!), e, this.d[k + D_MSGS]!, this.d[k + D_BYTES]!);
    }
  }

  private addIpv4(ip: number, buf: Uint8Array, a: number, b: number, bytes: number): void {
    const key = ip | 0, v4 = this.v4, mask = this.v4mask;
    let slot = (Math.imul(key, -1640531535) >>> 12) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e1 = v4[2 * slot + 1]!;
      if (e1 === 0) break;
      if (v4[2 * slot] === key) {
        const dd = this.d, k = (e1 - 1) * (REC / 8);
        dd[k + D_MSGS]!++;
        dd[k + D_BYTES]! += bytes;
        return;
      }
    }
    this.insertIpv4(key, slot, buf, a, b, bytes);
  }

  /** A new IPv4 key (value key) for the empty slot where the search ended. */
  private insertIpv4(key: number, slot: number, buf: Uint8Array, a: number, b: number, bytes: number): void {
    if (this.size >= MAX_DISTINCT) { this.overflow++; this.otherMsgs++; this.otherBytes += bytes; return; }
    const e = this.entry(buf, a, b, 0, bytes, 1);
    this.v4[2 * slot] = key;
    this.v4[2 * slot + 1] = e + 1;
    if (++this.v4size * 2 > this.v4mask + 1) this.growV4();
  }

  private growV4(): void {
    const old = this.v4, n = (this.v4mask + 1) * 2, mask = n - 1;
    const v4 = new Int32Array(2 * n);
    for (let s = 0; s < old.length; s += 2) {
      const e1 = old[s + 1]!;
      if (e1 === 0) continue;
      let slot = (Math.imul(old[s]!, -1640531535) >>> 12) & mask;
      while (v4[2 * slot + 1] !== 0) slot = (slot + 1) & mask;
      v4[2 * slot] = old[s]!;
      v4[2 * slot + 1] = e1;
    }
    this.v4 = v4;
    this.v4mask = mask;
  }

  /** Count a key given as a string (the full path). */
  add(key: string, bytes: number): void {
    if (key.length * 3 > this.scratch.length) this.scratch = Buffer.allocUnsafe(key.length * 3);
    const n = this.scratch.write(key, 0, 'utf8');
    this.addBytes(this.scratch, 0, n, bytes);
  }

  /** A new entry for the key buf[a, b) (h: its byte hash; v4: 1 for a key of the IPv4 table); its index. */
  private entry(buf: Uint8Array, a: number, b: number, h: number, bytes: number, v4: number): number {
    const len = b - a;
    if (this.used + len > this.store.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.store.length * 2, this.used + len));
      this.store.copy(bigger, 0, 0, this.used);
      this.store = bigger;
    }
    const store = this.store;
    for (let i = a, j = this.used; i < b; i++, j++) store[j] = buf[i]!; // no subarray object per new key
    const e = this.size;
    if ((e + 1) * REC > this.u.length) {
      const w = new Int32Array(this.w.length * 2);
      w.set(this.w);
      this.w = w;
      this.d = new Float64Array(w.buffer);
      this.u = new Uint8Array(w.buffer);
    }
    const r = e * (REC / 4), k = e * (REC / 8), u = this.u;
    this.w[r + W_HASH] = h;
    this.w[r + W_LEN] = len;
    this.w[r + W_START] = this.used;
    this.w[r + W_V4] = v4;
    this.d[k + D_MSGS] = 1;
    this.d[k + D_BYTES] = bytes;
    for (let i = a, j = r * 4 + INLINE, stop = a + (len < INLINE ? len : INLINE); i < stop; i++, j++) u[j] = buf[i]!;
    this.used += len;
    this.size++;
    return e;
  }

  private grow(): void {
    const n = (this.mask + 1) * 2;
    const index = this.index = new Int32Array(n);
    const mask = this.mask = n - 1, w = this.w;
    for (let e = 0; e < this.size; e++) {
      const r = e * (REC / 4);
      if (w[r + W_V4]) continue;
      let slot = w[r + W_HASH]! & mask;
      while (index[slot] !== 0) slot = (slot + 1) & mask;
      index[slot] = e + 1;
    }
  }

  /** The counts keyed by string, for the reports. */
  toCounter(): Counter {
    const out = new Counter();
    for (let e = 0; e < this.size; e++) {
      const r = e * (REC / 4), k = e * (REC / 8), start = this.w[r + W_START]!;
      const key = this.store.toString('utf8', start, start + this.w[r + W_LEN]!);
      out.m.set(key, { key, messages: this.d[k + D_MSGS]!, bytes: this.d[k + D_BYTES]! });
    }
    if (this.overflow) {
      out.overflow = this.overflow;
      const o = out.m.get(OTHER);
      if (o) { o.messages += this.otherMsgs; o.bytes += this.otherBytes; } else out.m.set(OTHER, { key: OTHER, messages: this.otherMsgs, bytes: this.otherBytes });
    }
    return out;
  }
}

/** The value of buf[a, b) as a canonical dotted IPv4 address ("1.2.3.4", no leading zeros, parts ≤ 255); -1 if it is not one. */
export function canonicalIpv4(buf: Uint8Array, a: number, b: number): number {
  let v = 0, part = 0, digits = 0, dots = 0;
  for (let i = a; i < b; i++) {
    const c = buf[i]!;
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      v = v * 256 + part;
      part = 0; digits = 0; dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return -1; // a leading zero
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return v * 256 + part;
}
