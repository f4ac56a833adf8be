/**
 * `logs summary`: the figures pflogsumm reports, and more, in one pass. Counting follows pflogsumm where both
 * report the same figure (see BENCHMARKS.md for the deliberate differences):
 * - received: messages entering the queue from SMTP (smtpd client=) or locally (pickup), Exim `<=`, Sendmail from=;
 *   a content-filter re-injection (amavis → :10025) is not a second arrival;
 * - delivered: recipients with status=sent (not forwarded, not a content-filter hop);
 * - deferred: messages with at least one deferral (deferrals: the attempts);
 * - bounced: recipients with status=bounced; rejected / held / discarded: policy decisions (smtpd, postscreen,
 *   cleanup, milters).
 */
import { own } from './own.js';
import type { Reason } from '../core/finding.js';
import { classifyLogText, normaliseReasonText } from './diagnose.js';
import type { MessageTracker, TrackedMessage } from './messages.js';
import type { LogEvent } from './types.js';

export interface CountRow { key: string; messages: number; bytes: number }
export interface ReasonGroup { reason: Reason; count: number; samples: { text: string; count: number }[] }
export interface PeriodCounts { received: number; delivered: number; deferred: number; bounced: number; rejected: number }

export interface LogSummaryData {
  inputs: string[];
  format: string | undefined;
  formats: Record<string, number>;
  stamps: Record<string, number>;
  lines: number;
  parsed: number;
  unparsed: number;
  unparsedSamples: string[];
  first?: string;
  last?: string;
  counts: {
    received: number; delivered: number; forwarded: number; filtered: number; deferred: number; deferrals: number;
    bounced: number; expired: number; rejected: number; rejectWarnings: number; held: number; discarded: number;
    bytesReceived: number; bytesDelivered: number; senders: number; recipients: number; openAtEnd: number; peakOpen: number;
  };
  /** By hour of day (0–23, local time), all days together, as pflogsumm does. */
  perHour: (PeriodCounts & { hour: number })[];
  perDay: (PeriodCounts & { day: string })[];
  top: { senders: CountRow[]; recipients: CountRow[]; senderDomains: CountRow[]; recipientDomains: CountRow[]; saslUsers: CountRow[]; clientIps: CountRow[] };
  /** Delivery delay (seconds) of sent recipients. Percentiles from a fine histogram (±1 % or better). */
  delays: { count: number; avg: number; p50: number; p90: number; p95: number; p99: number; max: number;
    parts: { beforeQueue: number; inQueue: number; connection: number; transmission: number } };
  reasons: { rejected: ReasonGroup[]; deferred: ReasonGroup[]; bounced: ReasonGroup[] };
  smtp: { connections: number; disconnects: number; tls: number; tlsFailures: number; authFailures: number; imapPopLogins: number };
  daemon: { warnings: number; errors: number; fatal: number; panic: number; top: { level: string; prog: string; text: string; count: number }[] };
}

/** ln(1.01), once (the same value the division used per delivery before). */
const LOG_STEP = Math.log(1.01);

/** A delay histogram with 1 % steps: fixed memory whatever the number of deliveries. */
class DelayHistogram {
  private bins = new Float64Array(2000);
  count = 0;
  sum = 0;
  max = 0;
  private static bin(v: number): number {
    if (v <= 0.01) return 0;
    const b = Math.floor(Math.log(v / 0.01) / LOG_STEP) + 1;
    return b >= 2000 ? 1999 : b;
  }
  add(v: number): void {
    this.bins[DelayHistogram.bin(v)]!++;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }
  quantile(q: number): number {
    if (!this.count) return 0;
    const target = q * this.count;
    let acc = 0;
    for (let i = 0; i < this.bins.length; i++) {
      acc += this.bins[i]!;
      if (acc >= target) return i === 0 ? 0.01 : Math.min(this.max, 0.01 * Math.pow(1.01, i));
    }
    return this.max;
  }
}

/** Distinct keys kept per top list; beyond it new keys are counted under "(other)" so memory stays bounded. */
export const MAX_DISTINCT = 200_000;
const OTHER = '(other)';

/** Buffer.prototype.latin1Slice: a string from bytes without toString's argument checks (ASCII bytes only here). */
type Latin1 = { latin1Slice(a: number, b: number): string };
export const latin1 = (buf: Uint8Array, a: number, b: number): string => (buf as unknown as Latin1).latin1Slice(a, b);

/**
 * A counter of keys kept as bytes (UTF-8): the fast path counts an address or IP straight from the read
 * buffer, with no string and no Map lookup by string — FNV-1a over the bytes, open addressing, keys in one
 * growing byte store, counts in typed arrays. Lines of the full path come as strings and are encoded to the
 * same bytes, so both paths count into the same entries. {@link toCounter} gives the string-keyed
 * {@link Counter} (first-seen order, "(other)" for keys beyond {@link MAX_DISTINCT}) at the end.
 */
class ByteCounter {
  /** Slots of [entry, hash, start, length]: a hit reads one slot, the key bytes and the counts (cold caches: the read buffers stream through them). */
  private slots = new Int32Array(4 << 12).fill(-1);
  private mask = (1 << 12) - 1;
  private hashes = new Int32Array(1 << 11);
  private starts = new Int32Array(1 << 11);
  private lens = new Int32Array(1 << 11);
  /** Per entry [messages, bytes], side by side (one cache line per hit). */
  private counts = new Float64Array(2 << 11);
  private size = 0;
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

  /** Count the key buf[a, b) (UTF-8 bytes) once, with its bytes. */
  addBytes(buf: Uint8Array, a: number, b: number, bytes: number): void {
    const len0 = b - a;
    if (len0 >= 7 && len0 <= 15) {
      const ip = canonicalIpv4(buf, a, b);
      if (ip >= 0) { this.addIpv4(ip, buf, a, b, bytes); return; }
    }
    let h = 0x811c9dc5 | 0;
    for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    h ^= h >>> 15;
    const len = b - a;
    // the hash, start and length are checked in the same cache line as the slot
    const store = this.store, slots = this.slots, mask = this.mask;
    let slot = h & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e = slots[4 * slot]!;
      if (e < 0) break;
      if (slots[4 * slot + 1] !== h || slots[4 * slot + 3] !== len) continue;
      let j = slots[4 * slot + 2]!, i = a;
      while (i < b && store[j] === buf[i]) { i++; j++; }
      if (i === b) { this.counts[2 * e]!++; this.counts[2 * e + 1]! += bytes; return; }
    }
    if (this.size >= MAX_DISTINCT) { this.overflow++; this.otherMsgs++; this.otherBytes += bytes; return; }
    this.insert(buf, a, b, h, slot, bytes);
  }

  private addIpv4(ip: number, buf: Uint8Array, a: number, b: number, bytes: number): void {
    const key = ip | 0, v4 = this.v4, mask = this.v4mask;
    let slot = (Math.imul(key, -1640531535) >>> 12) & mask;
    for (; ; slot = (slot + 1) & mask) {
      const e1 = v4[2 * slot + 1]!;
      if (e1 === 0) break;
      if (v4[2 * slot] === key) { this.counts[2 * e1 - 2]!++; this.counts[2 * e1 - 1]! += bytes; return; }
    }
    if (this.size >= MAX_DISTINCT) { this.overflow++; this.otherMsgs++; this.otherBytes += bytes; return; }
    const e = this.entry(buf, a, b, 0, bytes, 1);
    v4[2 * slot] = key;
    v4[2 * slot + 1] = e + 1;
    if (++this.v4size * 2 > mask + 1) this.growV4();
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

  private insert(buf: Uint8Array, a: number, b: number, h: number, slot: number, bytes: number): void {
    const e = this.entry(buf, a, b, h, bytes, 0);
    this.byteKeys++;
    if (this.byteKeys * 2 > this.mask + 1) this.grow();
    else { const s = this.slots; s[4 * slot] = e; s[4 * slot + 1] = h; s[4 * slot + 2] = this.starts[e]!; s[4 * slot + 3] = this.lens[e]!; }
  }

  /** Keys in the byte-hash table (IPv4 keys live in {@link v4}). */
  private byteKeys = 0;
  /** Per entry: 1 when it lives in the IPv4 table ({@link grow} leaves it out). */
  private isV4 = new Uint8Array(1 << 11);

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
    if (e === this.hashes.length) {
      const gi = (x: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => { const y = new Int32Array(x.length * 2); y.set(x); return y; };
      const gf = (x: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => { const y = new Float64Array(x.length * 2); y.set(x); return y; };
      this.hashes = gi(this.hashes); this.starts = gi(this.starts); this.lens = gi(this.lens);
      this.counts = gf(this.counts);
      const v = new Uint8Array(this.isV4.length * 2); v.set(this.isV4); this.isV4 = v;
    }
    this.hashes[e] = h;
    this.starts[e] = this.used;
    this.lens[e] = len;
    this.counts[2 * e] = 1;
    this.counts[2 * e + 1] = bytes;
    this.isV4[e] = v4;
    this.used += len;
    this.size++;
    return e;
  }

  private grow(): void {
    const n = (this.mask + 1) * 2;
    const slots = this.slots = new Int32Array(4 * n).fill(-1);
    this.mask = n - 1;
    for (let e = 0; e < this.size; e++) {
      if (this.isV4[e]) continue;
      const h = this.hashes[e]!;
      let slot = h & this.mask;
      while (slots[4 * slot]! >= 0) slot = (slot + 1) & this.mask;
      slots[4 * slot] = e;
      slots[4 * slot + 1] = h;
      slots[4 * slot + 2] = this.starts[e]!;
      slots[4 * slot + 3] = this.lens[e]!;
    }
  }

  /** The counts keyed by string, for the reports. */
  toCounter(): Counter {
    const out = new Counter();
    for (let e = 0; e < this.size; e++) {
      const key = this.store.toString('utf8', this.starts[e]!, this.starts[e]! + this.lens[e]!);
      out.m.set(key, { key, messages: this.counts[2 * e]!, bytes: this.counts[2 * e + 1]! });
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

class Counter {
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

class ReasonCounter {
  private m = new Map<Reason, { count: number; samples: Map<string, number> }>();
  add(text: string, dsn?: string, replyCode?: number): void {
    const norm = normaliseReasonText(text);
    const c = classifyLogText(text, dsn, replyCode, norm);
    let g = this.m.get(c.reason);
    if (!g) { g = { count: 0, samples: new Map() }; this.m.set(c.reason, g); }
    g.count++;
    const key = dsn ? dsn + ' ' + norm : norm;
    const n = g.samples.get(key);
    if (n !== undefined) g.samples.set(key, n + 1);
    else if (g.samples.size < 500) g.samples.set(own(key), 1);
  }
  groups(): ReasonGroup[] {
    return [...this.m.entries()].map(([reason, g]) => ({
      reason, count: g.count,
      samples: [...g.samples.entries()].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count).slice(0, 5),
    })).sort((a, b) => b.count - a.count);
  }
}

const emptyPeriod = (): PeriodCounts => ({ received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 });
const domainOf = (addr: string): string => {
  const at = addr.lastIndexOf('@');
  return at < 0 ? addr || '<>' : addr.slice(at + 1).toLowerCase();
};
/** Lower-case the domain part only (as pflogsumm does). */
const normAddr = (a: string): string => {
  if (!a) return 'from=<>';
  const at = a.lastIndexOf('@');
  if (at < 0) return a;
  let i = at + 1;
  while (i < a.length) { const c = a.charCodeAt(i); if ((c >= 65 && c <= 90) || c > 127) break; i++; }
  return i === a.length ? a : a.slice(0, at) + a.slice(at).toLowerCase(); // mostly already lower case: no new string
};

export class SummaryCollector {
  private c: LogSummaryData['counts'] = {
    received: 0, delivered: 0, forwarded: 0, filtered: 0, deferred: 0, deferrals: 0, bounced: 0, expired: 0, rejected: 0,
    rejectWarnings: 0, held: 0, discarded: 0, bytesReceived: 0, bytesDelivered: 0, senders: 0, recipients: 0, openAtEnd: 0, peakOpen: 0,
  };
  private perHour = Array.from({ length: 24 }, emptyPeriod);
  private perDay = new Map<string, PeriodCounts>();
  private dayCacheKey = NaN;
  private dayCacheVal: PeriodCounts = emptyPeriod();
  private hourOf = 0;
  private senders = new ByteCounter();
  private recipients = new ByteCounter();
  private sasl = new ByteCounter();
  private clients = new ByteCounter();
  private delays = new DelayHistogram();
  private parts = [0, 0, 0, 0];
  private partsN = 0;
  private rej = new ReasonCounter();
  private def = new ReasonCounter();
  private bnc = new ReasonCounter();
  private smtp = { connections: 0, disconnects: 0, tls: 0, tlsFailures: 0, authFailures: 0, imapPopLogins: 0 };
  private daemonCounts = { warnings: 0, errors: 0, fatal: 0, panic: 0 };
  private daemonTop = new Map<string, { level: string; prog: string; text: string; count: number }>();
  /** Queue ids that were deferred at least once (deleted when the message leaves). */
  private deferredQids = new Set<string>();
  /** Content-filter re-injections: the new queue id is not a new arrival. */
  private reinjected = new Set<string>();
  first = NaN;
  last = NaN;

  constructor(private tracker: MessageTracker) {}

  /** The per-day bucket of a timestamp (cached: lines come in time order). */
  private bucket(ts: number): PeriodCounts {
    if (!Number.isFinite(ts)) return this.dayCacheVal;
    const dayKey = Math.floor(ts / 3600_000);
    if (dayKey !== this.dayCacheKey) {
      this.dayCacheKey = dayKey;
      const d = new Date(ts);
      this.hourOf = d.getHours();
      const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      let v = this.perDay.get(day);
      if (!v) { v = emptyPeriod(); this.perDay.set(day, v); }
      this.dayCacheVal = v;
    }
    return this.dayCacheVal;
  }

  /** Call after the tracker has seen the event (m is the message it concerned). */
  add(e: LogEvent, m: TrackedMessage | undefined): void {
    const ts = e.ts;
    if (ts === ts) { if (!(ts >= this.first)) this.first = ts; if (!(ts <= this.last)) this.last = ts; }
    switch (e.k) {
      case 'received': {
        if (this.reinjected.size && this.reinjected.has(e.qid)) break;
        this.c.received++;
        this.bucket(ts).received++;
        this.perHour[this.hourOf]!.received++;
        if (e.ip) this.clients.add(e.ip, 0);
        if (e.saslUser) this.sasl.add(e.saslUser, 0);
        if (e.size !== undefined && e.from !== undefined) this.arrival(e.from, e.size); // Exim, Sendmail
        break;
      }
      case 'queued': {
        // size counts once per message, for messages that arrived in this log (pflogsumm's rule)
        if (m && m.received && !m.requeuedFrom && !m.counted) {
          m.counted = true;
          this.arrival(e.from, e.size);
        }
        break;
      }
      case 'delivery': {
        const size = m?.size ?? 0;
        const b = this.bucket(ts);
        if (e.status === 'sent') {
          const n = e.rcptCount ?? 1; // Sendmail: one line for several recipients
          this.c.delivered += n;
          b.delivered += n;
          this.perHour[this.hourOf]!.delivered += n;
          this.recipients.add(e.to, size);
          this.c.bytesDelivered += size;
          this.delays.add(e.delay);
          if (e.delays) {
            this.parts[0]! += e.delays[0]; this.parts[1]! += e.delays[1]; this.parts[2]! += e.delays[2]; this.parts[3]! += e.delays[3];
            this.partsN++;
          }
        } else if (e.status === 'deferred') {
          this.c.deferrals++;
          if (m ? m.deferrals === 1 : !this.deferredQids.has(e.qid)) { // the tracker counts deferrals per message
            if (!m) this.deferredQids.add(own(e.qid));
            this.c.deferred++;
            b.deferred++;
            this.perHour[this.hourOf]!.deferred++;
          }
          this.def.add(e.text, e.dsn);
        } else if (e.status === 'bounced' || e.status === 'expired') {
          this.c.bounced++;
          b.bounced++;
          this.perHour[this.hourOf]!.bounced++;
          this.bnc.add(e.text, e.dsn);
        } else if (e.status === 'forwarded') this.c.forwarded++;
        else if (e.status === 'filtered') {
          this.c.filtered++;
          const q = /queued as ([0-9A-Za-z]+)/.exec(e.text);
          if (q) {
            // the re-injected copy has usually been logged (client=) already: take it back
            const child = this.tracker.open.get(q[1]!);
            if (child?.received) { this.c.received--; this.bucket(child.firstTs).received--; }
            else this.reinjected.add(own(q[1]!));
            if (child) child.requeuedFrom = e.qid;
          }
        }
        break;
      }
      case 'expired':
        this.c.expired++;
        break;
      case 'removed':
        if (this.deferredQids.size) this.deferredQids.delete(e.qid);
        if (this.reinjected.size) this.reinjected.delete(e.qid);
        break;
      case 'reject': {
        const b = this.bucket(ts);
        if (e.action === 'reject') {
          this.c.rejected++;
          b.rejected++;
          this.perHour[this.hourOf]!.rejected++;
          this.rej.add(e.text, e.dsn, e.replyCode);
        } else if (e.action === 'warn') this.c.rejectWarnings++;
        else if (e.action === 'hold') this.c.held++;
        else if (e.action === 'discard') this.c.discarded++;
        break;
      }
      case 'connect': this.smtp.connections++; break;
      case 'disconnect': this.smtp.disconnects++; break;
      case 'tls': if (e.ok) this.smtp.tls++; else this.smtp.tlsFailures++; break;
      case 'auth-fail': this.smtp.authFailures++; break;
      case 'login': this.smtp.imapPopLogins++; break;
      case 'daemon': {
        const lv = e.level;
        if (lv === 'warning') this.daemonCounts.warnings++;
        else if (lv === 'error') this.daemonCounts.errors++;
        else if (lv === 'fatal') this.daemonCounts.fatal++;
        else this.daemonCounts.panic++;
        const slash = e.prog.lastIndexOf('/');
        const prog = slash >= 0 ? e.prog.slice(slash + 1) : e.prog;
        const text = normaliseReasonText(e.text);
        const key = lv + '|' + prog + '|' + text;
        const r = this.daemonTop.get(key);
        if (r) r.count++;
        else if (this.daemonTop.size < 2000) this.daemonTop.set(own(key), { level: lv, prog: own(prog), text: own(text), count: 1 });
        break;
      }
      default:
    }
  }

  // --- the fast path (src/logs/fast.ts): the same counting as add() for the common Postfix lines, with keys
  // given as byte ranges of the read buffer and no event object. Each mirrors one case of add() exactly.

  /** Any parsed line's time (add() does this for every event). */
  seen(ts: number): void {
    if (ts === ts) { if (!(ts >= this.first)) this.first = ts; if (!(ts <= this.last)) this.last = ts; }
  }

  /** smtpd `QID: client=host[ip][, sasl_username=u]` (after tracker.at marked it received). Empty ranges: absent. */
  fastReceived(qid: string, ts: number, buf: Uint8Array, ipA: number, ipB: number, userA: number, userB: number): void {
    this.seen(ts);
    if (this.reinjected.size && this.reinjected.has(qid)) return;
    this.c.received++;
    this.bucket(ts).received++;
    this.perHour[this.hourOf]!.received++;
    if (ipB > ipA) this.clients.addBytes(buf, ipA, ipB, 0);
    if (userB > userA) this.sasl.addBytes(buf, userA, userB, 0);
  }

  /** qmgr `QID: from=<a>, size=n, …`. */
  fastQueued(ts: number, m: TrackedMessage, buf: Uint8Array, fromA: number, fromB: number, size: number): void {
    this.seen(ts);
    if (m.received && !m.requeuedFrom && !m.counted) {
      m.counted = true;
      this.senders.addBytes(buf, fromA, fromB, size);
      this.c.bytesReceived += size;
    }
  }

  /** A plain `status=sent` delivery (not forwarded, not a content-filter hop). d0 NaN: no delays= part. */
  fastSent(ts: number, m: TrackedMessage, buf: Uint8Array, toA: number, toB: number, delay: number, d0: number, d1: number, d2: number, d3: number): void {
    this.seen(ts);
    const size = m.size ?? 0;
    const b = this.bucket(ts);
    this.c.delivered++;
    b.delivered++;
    this.perHour[this.hourOf]!.delivered++;
    this.recipients.addBytes(buf, toA, toB, size);
    this.c.bytesDelivered += size;
    this.delays.add(delay);
    if (d0 === d0) {
      this.parts[0]! += d0; this.parts[1]! += d1; this.parts[2]! += d2; this.parts[3]! += d3;
      this.partsN++;
    }
  }

  /** qmgr `QID: removed`. */
  fastRemoved(qid: string, ts: number): void {
    this.seen(ts);
    if (this.deferredQids.size) this.deferredQids.delete(qid);
    if (this.reinjected.size) this.reinjected.delete(qid);
  }

  /** connect / disconnect / TLS established lines. */
  fastSession(ts: number, kind: 0 | 1 | 2): void {
    this.seen(ts);
    if (kind === 0) this.smtp.connections++;
    else if (kind === 1) this.smtp.disconnects++;
    else this.smtp.tls++;
  }

  private arrival(from: string, size: number): void {
    this.senders.add(from, size);
    this.c.bytesReceived += size;
  }

  /** The numbers, ready for Report.data. */
  result(meta: { inputs: string[]; format: string | undefined; formats: Record<string, number>; stamps: Record<string, number>; lines: number; parsed: number; unparsed: number; unparsedSamples: string[] }, topN = 10): LogSummaryData {
    // addresses are counted as logged; normalising (domain in lower case, as pflogsumm does) and the domain
    // tables are derived here, once, instead of per line
    const senders = this.senders.toCounter().mapKeys(normAddr);
    const recipients = this.recipients.toCounter().mapKeys(normAddr);
    const senderDomains = senders.mapKeys((a) => (a === 'from=<>' ? '<>' : domainOf(a)));
    const recipientDomains = recipients.mapKeys(domainOf);
    const counts = { ...this.c, senders: senders.m.size, recipients: recipients.m.size, openAtEnd: this.tracker.open.size, peakOpen: this.tracker.peakOpen };
    const n = this.partsN || 1;
    const r3 = (v: number) => Math.round(v * 1000) / 1000;
    const out: LogSummaryData = {
      ...meta,
      counts,
      perHour: this.perHour.map((p, hour) => ({ hour, ...p })),
      perDay: [...this.perDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([day, p]) => ({ day, ...p })),
      top: {
        senders: senders.top(topN), recipients: recipients.top(topN), senderDomains: senderDomains.top(topN),
        recipientDomains: recipientDomains.top(topN), saslUsers: this.sasl.toCounter().top(topN), clientIps: this.clients.toCounter().top(topN),
      },
      delays: {
        count: this.delays.count, avg: r3(this.delays.count ? this.delays.sum / this.delays.count : 0),
        p50: r3(this.delays.quantile(0.5)), p90: r3(this.delays.quantile(0.9)), p95: r3(this.delays.quantile(0.95)),
        p99: r3(this.delays.quantile(0.99)), max: r3(this.delays.max),
        parts: { beforeQueue: r3(this.parts[0]! / n), inQueue: r3(this.parts[1]! / n), connection: r3(this.parts[2]! / n), transmission: r3(this.parts[3]! / n) },
      },
      reasons: { rejected: this.rej.groups(), deferred: this.def.groups(), bounced: this.bnc.groups() },
      smtp: { ...this.smtp },
      daemon: { ...this.daemonCounts, top: [...this.daemonTop.values()].sort((a, b) => b.count - a.count).slice(0, topN) },
    };
    if (Number.isFinite(this.first)) out.first = new Date(this.first).toISOString();
    if (Number.isFinite(this.last)) out.last = new Date(this.last).toISOString();
    return out;
  }
}
