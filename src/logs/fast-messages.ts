/**
 * The open messages of the summary's fast path, as rows of typed arrays keyed by the queue id's bytes. Most
 * messages of a log come and go on fast lines only (client=, from=, to= sent, removed); as rows they cost no
 * object, no string and no Map entry, and nothing for the garbage collector to promote and sweep later. A row
 * becomes a {@link TrackedMessage} object the moment anything else asks for the message (a deferral, a bounce,
 * a line of the full path: {@link MessageTracker} calls {@link take}); objects the tracker makes are indexed
 * here too ({@link linked}), so a fast line finds any open message by its bytes alone.
 */
import { GenerationMap } from './byte-map.js';
import type { MessageTracker, OpenMessageSide, TrackedMessage } from './messages.js';

/** Longest queue id kept as a row (formats/postfix.ts qidLen reads at most 24 characters). */
const KEY = 24;
/** Row flags. */
/**
 * Row flags. LOOP: arrived from localhost[127.0.0.1], its arrival not counted yet (its Message-ID tells whether it
 * is a content filter's re-injection, a leg of a message counted already); LINKED: a later leg of another message
 * (parents/chain say which, and since when); DEFER_BEFORE: an earlier leg was deferred already.
 */
export const RECEIVED = 1, COUNTED = 2, LOCAL = 4, LINKED = 8, LOOP = 16, DEFER_BEFORE = 32;

/** A row's columns: queue id length (0: empty slot), hash, id bytes (KEY per row), flags, size, first/last time, deferrals, object. */
interface Rows {
  lens: Uint8Array; hashes: Int32Array; keys: Uint8Array; flags: Uint8Array; sizes: Float64Array;
  first: Float64Array; last: Float64Array; deferrals: Int32Array; objs: (TrackedMessage | undefined)[];
  chain: Float64Array; parents: (string | undefined)[];
}

/** Copy row o of src into row s of dst (the same table when a removal moves a row back, the old columns when it grows). */
function copyRow(src: Rows, o: number, dst: Rows, s: number): void {
  dst.keys.set(src.keys.subarray(o * KEY, o * KEY + KEY), s * KEY);
  dst.lens[s] = src.lens[o]!;
  dst.hashes[s] = src.hashes[o]!;
  dst.flags[s] = src.flags[o]!;
  dst.sizes[s] = src.sizes[o]!;
  dst.first[s] = src.first[o]!;
  dst.last[s] = src.last[o]!;
  dst.deferrals[s] = src.deferrals[o]!;
  dst.objs[s] = src.objs[o];
  dst.chain[s] = src.chain[o]!;
  dst.parents[s] = src.parents[o];
}

export class FastMessages implements OpenMessageSide, Rows {
  /** Rows without an object (the tracker's open map does not hold them). */
  plain = 0;
  private rows = 0;
  private mask = (1 << 12) - 1;
  // the columns of the rows (see Rows); written by the fast path through flags, sizes, deferrals and objs only
  lens = new Uint8Array(1 << 12);
  hashes = new Int32Array(1 << 12);
  keys = new Uint8Array(KEY << 12);
  flags = new Uint8Array(1 << 12);
  /** Message size (NaN: not known yet), first and last time seen. */
  sizes = new Float64Array(1 << 12);
  first = new Float64Array(1 << 12);
  last = new Float64Array(1 << 12);
  /** Deferrals so far. */
  deferrals = new Int32Array(1 << 12);
  /** The object of a row that has one (else undefined). */
  objs: (TrackedMessage | undefined)[] = new Array<TrackedMessage | undefined>(1 << 12).fill(undefined);
  /** LINKED rows: when the first leg arrived, and the queue id of the leg before. */
  chain = new Float64Array(1 << 12);
  parents: (string | undefined)[] = new Array<string | undefined>(1 << 12).fill(undefined);
  /**
   * Later legs that left the queue as rows, by queue id → the leg before (a parent's "queued as" line often comes
   * after its re-injected copy is gone). See {@link closedLeg}.
   */
  private closedLegs = new GenerationMap<string>(16_384, 24);
  /** A LOOP row becomes an object or is resolved without a link: its arrival is counted now (at its first time). */
  onLoopArrival: (ts: number) => void = () => {};
  /** Where {@link find} stopped: the free slot for an insert after a miss. */
  private free = 0;
  private hash = 0;

  /** time[0]: the current line's time (shared with the fast path). */
  constructor(private tracker: MessageTracker, private time: Float64Array) {
    tracker.side = this;
  }

  /** The row of the queue id buf[a, b), or -1 (then {@link free} is where it goes); h0: FNV-1a of those bytes. */
  find(buf: Uint8Array, a: number, b: number, h0: number): number {
    const h = h0 ^ (h0 >>> 15);
    this.hash = h;
    const len = b - a, lens = this.lens, keys = this.keys, mask = this.mask;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const l = lens[s]!;
      if (l === 0) { this.free = s; return -1; }
      if (l !== len || this.hashes[s] !== h) continue;
      let i = a, j = s * KEY;
      while (i < b && keys[j] === buf[i]) { i++; j++; }
      if (i === b) return s;
    }
  }

  /** (h0: FNV-1a of the bytes.) The row of the queue id buf[a, b), a new message (as tracker.at opens it) if there is none; its last time moved on to the line's. */
  at(buf: Uint8Array, a: number, b: number, h0: number): number {
    const ts = this.time[0]!;
    let s = this.find(buf, a, b, h0);
    if (s < 0) {
      if ((this.rows + 1) * 2 > this.mask + 1) { this.grow(); this.find(buf, a, b, h0); }
      s = this.free;
      this.put(s, buf, a, b, this.hash);
      this.flags[s] = 0;
      this.sizes[s] = NaN;
      this.first[s] = ts;
      this.last[s] = ts;
      this.deferrals[s] = 0;
      this.chain[s] = NaN;
      this.parents[s] = undefined;
      this.plain++;
      const t = this.tracker, n = t.open.size + this.plain;
      if (n > t.peakOpen) t.peakOpen = n;
      return s;
    }
    const m = this.objs[s];
    if (m !== undefined) { if (ts > m.lastTs || !(m.lastTs === m.lastTs)) m.lastTs = ts; } // as tracker.at does
    else if (ts > this.last[s]! || !(this.last[s] === this.last[s])) this.last[s] = ts;
    return s;
  }

  /** Close the row s (a plain message leaving the queue: `removed`). */
  close(s: number): void {
    if (this.objs[s] === undefined) {
      this.plain--;
      if (this.flags[s]! & LINKED) { this.closedLegs.set(this.keys, s * KEY, s * KEY + this.lens[s]!, this.parents[s]!); this.anyClosedLeg = true; }
    }
    this.remove(s);
  }

  private anyClosedLeg = false;
  /** Did the later leg with the queue id buf[a, b) leave the queue as a row? */
  closedLegBytes(buf: Uint8Array, a: number, b: number): boolean {
    return this.anyClosedLeg && this.closedLegs.get(buf, a, b) !== undefined;
  }

  /** OpenMessageSide: has any later leg left the queue as a row? */
  hasClosedLegs(): boolean {
    return this.anyClosedLeg;
  }

  /** OpenMessageSide: a later leg that left the queue as a row, as a minimal closed message (undefined: none). */
  closedLeg(qid: string): TrackedMessage | undefined {
    this.findString(qid); // the id's bytes into scratch
    if (this.scratchLen === 0) return undefined;
    const parent = this.closedLegs.get(this.scratch, 0, this.scratchLen);
    if (parent === undefined) return undefined;
    const m = this.tracker.create(qid, 'postfix', NaN);
    m.requeuedFrom = parent;
    m.closed = 'removed';
    m.received = true;
    return m;
  }

  private put(s: number, buf: Uint8Array, a: number, b: number, h: number): void {
    const keys = this.keys;
    for (let i = a, j = s * KEY; i < b; i++, j++) keys[j] = buf[i]!;
    this.lens[s] = b - a;
    this.hashes[s] = h;
    this.rows++;
  }

  /** Linear probing without tombstones: later rows of the cluster move back into the hole. */
  private remove(s: number): void {
    const mask = this.mask, lens = this.lens;
    lens[s] = 0;
    this.objs[s] = undefined;
    this.rows--;
    let hole = s;
    for (let k = (s + 1) & mask; lens[k] !== 0; k = (k + 1) & mask) {
      const home = this.hashes[k]! & mask;
      // k stays if its home lies cyclically in (hole, k]
      if (hole <= k ? home > hole && home <= k : home > hole || home <= k) continue;
      this.move(k, hole);
      hole = k;
    }
  }

  private move(from: number, to: number): void {
    copyRow(this, from, this, to);
    this.lens[from] = 0;
    this.objs[from] = undefined;
  }

  private grow(): void {
    const old: Rows = { lens: this.lens, hashes: this.hashes, keys: this.keys, flags: this.flags, sizes: this.sizes, first: this.first, last: this.last, deferrals: this.deferrals, objs: this.objs, chain: this.chain, parents: this.parents };
    const n = (this.mask + 1) * 2;
    this.mask = n - 1;
    this.lens = new Uint8Array(n);
    this.hashes = new Int32Array(n);
    this.keys = new Uint8Array(KEY * n);
    this.flags = new Uint8Array(n);
    this.sizes = new Float64Array(n);
    this.first = new Float64Array(n);
    this.last = new Float64Array(n);
    this.deferrals = new Int32Array(n);
    this.objs = new Array<TrackedMessage | undefined>(n).fill(undefined);
    this.chain = new Float64Array(n);
    this.parents = new Array<string | undefined>(n).fill(undefined);
    for (let o = 0; o < old.lens.length; o++) {
      if (old.lens[o] === 0) continue;
      let s = old.hashes[o]! & this.mask;
      while (this.lens[s] !== 0) s = (s + 1) & this.mask;
      copyRow(old, o, this, s);
    }
  }

  /** The bytes of the queue id {@link findString} looked for last (it is looked up as bytes). */
  private scratch = new Uint8Array(KEY);
  private scratchLen = 0;

  /** The row of a queue id given as a string, or -1 (only ids a fast line could carry, ASCII of at most KEY characters, can have one). */
  private findString(qid: string): number {
    const len = qid.length;
    this.scratchLen = 0;
    if (len === 0 || len > KEY) return -1;
    const sc = this.scratch;
    let h0 = 0x811c9dc5 | 0;
    for (let i = 0; i < len; i++) {
      const c = qid.charCodeAt(i);
      if (c > 127) return -1;
      sc[i] = c;
      h0 = Math.imul(h0 ^ c, 16777619);
    }
    this.scratchLen = len;
    return this.find(sc, 0, len, h0);
  }

  /** The row of a queue id given as a string, or -1. */
  rowOf(qid: string): number {
    return this.findString(qid);
  }

  /** OpenMessageSide: is qid a row here? */
  has(qid: string): boolean {
    return this.findString(qid) >= 0;
  }

  /** OpenMessageSide: the plain row of qid as an object (the tracker puts it in its open map), or undefined. */
  take(qid: string): TrackedMessage | undefined {
    const s = this.findString(qid);
    if (s < 0) return undefined;
    const have = this.objs[s];
    if (have !== undefined) return have;
    const m = this.tracker.create(qid, 'postfix', this.first[s]!);
    m.lastTs = this.last[s]!;
    const f = this.flags[s]!;
    if (f & RECEIVED) { m.received = true; m.origin = f & LOCAL ? 'local' : 'smtp'; m.arrivalCounted = (f & (LOOP | LINKED)) === 0; }
    if (f & LOOP) {
      // a loopback arrival as the full path holds it: counted when it arrived (the fast path counts it now, at its time)
      m.loopback = true; m.client = 'localhost'; m.ip = '127.0.0.1'; m.arrivalCounted = true;
      this.flags[s] = f & ~LOOP;
      this.onLoopArrival(this.first[s]!);
    }
    if (f & LINKED) {
      m.requeuedFrom = this.parents[s];
      m.chainStart = this.chain[s]!;
      if (f & RECEIVED) { m.loopback = true; m.client = 'localhost'; m.ip = '127.0.0.1'; } // only loopback arrivals are linked as rows
    }
    if (f & DEFER_BEFORE) m.deferredBefore = true;
    m.deferrals = this.deferrals[s]!;
    if (f & COUNTED) m.counted = true;
    const size = this.sizes[s]!;
    if (size === size) m.size = size;
    this.objs[s] = m;
    this.plain--;
    return m;
  }

  /** OpenMessageSide: the tracker opened an object; index it so fast lines find it by its bytes. */
  linked(m: TrackedMessage): void {
    if (this.findString(m.qid) >= 0 || this.scratchLen === 0) return; // already indexed, or not a queue id of the fast path
    if ((this.rows + 1) * 2 > this.mask + 1) { this.grow(); this.findString(m.qid); }
    this.put(this.free, this.scratch, 0, this.scratchLen, this.hash);
    this.objs[this.free] = m;
  }

  /** OpenMessageSide: the tracker closed an object. */
  unlinked(m: TrackedMessage): void {
    const s = this.findString(m.qid);
    if (s >= 0 && this.objs[s] === m) this.remove(s);
  }

  /** OpenMessageSide: every plain row made an object (for the tracker's list of what is still open). */
  materialise(): TrackedMessage[] {
    const out: TrackedMessage[] = [];
    for (let s = 0; s <= this.mask; s++) {
      const len = this.lens[s]!;
      if (len === 0 || this.objs[s] !== undefined) continue;
      const m = this.take(String.fromCharCode(...this.keys.subarray(s * KEY, s * KEY + len)));
      if (m) out.push(m);
    }
    return out;
  }
}
