/**
 * The summary's fast path. Most lines of a Postfix log are a handful of kinds (smtpd client=, cleanup
 * message-id=, qmgr from=/removed, deliveries, NOQUEUE rejects, pickup, bounce notices, connect/disconnect, TLS,
 * SASL failures, warnings), and the summary only counts them. Here they are read straight from the read buffer:
 * byte comparisons, numbers from bytes, addresses and IPs counted by their bytes (counters.ts: ByteCounter),
 * open messages as table rows (fast-messages.ts) — no per-line string, no event object. Every other line, and any
 * line that looks the least bit unusual, goes the full way (parse → track → SummaryCollector.add), so the figures
 * are exactly those of the full path (test/logs/fast.test.ts compares both on generated, corpus, real, rotated,
 * mutated and edge-case input).
 */
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { setImmediate } from 'node:timers/promises';
import { isAscii } from 'node:buffer';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { LogLineParser, MAX_LINE } from './parse.js';
import { LOCAL_TIME, newHead, parseStamp, StampClock } from './stamp.js';
import { resolveLogSources, stdinMaybeGzip, unreadableReason, type ReadProgress } from './input.js';
import { latin1, type ReasonMemo, type SummaryCollector } from './summary.js';
import { ByteKeyMap, QID_MAX } from './byte-map.js';
import type { MessageTracker } from './messages.js';
import { COUNTED, DEFER_BEFORE, FastMessages, LINKED, LOCAL, LOOP, RECEIVED } from './fast-messages.js';
import { splitReply } from './formats/postfix.js';
import { parseLine, type ScanLogOptions, type ScanStats } from './scan.js';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');

/** A pattern of 4 or more bytes with its first and last four bytes as little-endian words, for {@link atw}. */
interface Pat { b: Uint8Array; n: number; w0: number; w1: number }
const pat = (s: string): Pat => {
  const b = bytes(s), v = new DataView(b.buffer, b.byteOffset, b.length);
  return { b, n: b.length, w0: v.getInt32(0, true), w1: v.getInt32(b.length - 4, true) };
};

/** Does buf[p, end) start with P? Two word compares (the middle of a pattern longer than 8 bytewise); dv views buf. */
function atw(buf: Uint8Array, dv: DataView, p: number, end: number, P: Pat): boolean {
  const n = P.n;
  if (p + n > end) return false;
  if (dv.getInt32(p, true) !== P.w0 || dv.getInt32(p + n - 4, true) !== P.w1) return false;
  for (let i = 4; i < n - 4; i++) if (buf[p + i] !== P.b[i]) return false;
  return true;
}
const POSTFIX = pat('postfix');
const NOQUEUE = bytes('NOQUEUE');
const TO = pat('to=<');
const ORIG_TO = bytes('orig_to=<');
const RELAY = pat('relay=');
const GT_COMMA = bytes('>, ');
const COMMA_SP = bytes(', ');
const DELAY = bytes('delay=');
const DELAYS = pat(', delays=');
const DSN = bytes('dsn=');
const STATUS = bytes('status=');
const SENT = pat('sent');
const PAREN = bytes(' (');
const QUEUED_AS = bytes('queued as');
const FROM = pat('from=<');
const SIZE = pat(', size=');
const REMOVED = pat('removed');
const CLIENT = pat('client=');
const SASL_USER = bytes('sasl_username=');
const MESSAGE_ID = bytes('message-id=');
const CONNECT = pat('connect from ');
const DISCONNECT = pat('disconnect from ');
const CONNECT_PS = bytes('CONNECT from ');
const TLS_OK = bytes(' TLS connection established ');
const SSL_ACCEPT = bytes('SSL_accept error from ');
const SSL_CONNECT = bytes('SSL_connect error to ');
const LEVELS = ['warning: ', 'error: ', 'fatal: ', 'panic: '].map(bytes);
const LOOPBACK = bytes('127.');
const LOOPBACK6 = bytes('::1]');
const REJECT = pat('reject: ');
const SP_FROM_SP = bytes(' from ');
const ENVELOPE = bytes('; from=<');
const SASL = bytes(': SASL ');
const TLS_HANDSHAKE = bytes('TLS handshake');
const UID = bytes('uid=');
const SENDER_EQ = bytes('sender=');
const SENDER_SP = bytes('sender ');
const NOTIFICATION = bytes(' notification: ');
const PICKUP = bytes('pickup');
const BOUNCE = bytes('bounce');
const DEFERRED = bytes('deferred');
const BOUNCED = bytes('bounced');
const AUTH_FAILED = bytes(' authentication failed');
const LOCALHOST = bytes('localhost');
const LOOPBACK6_BR = bytes('[::1]');
const ORIG_QID = bytes('orig_queue_id=');
const ORIG_ID = bytes('orig_id=');
const POSTSUPER = bytes('postsuper');
const POSTSCREEN = bytes('postscreen');
const DNSBLOG = bytes('dnsblog');
const AUTH_EQ = bytes(' auth=');
const DISCARDED = bytes(', discarded');
const PASS_OLD = bytes('PASS OLD ');
const IP_127_0_0_1 = bytes('127.0.0.1');
const PASS_NEW = bytes('PASS NEW ');
const AMAVIS = bytes('amavis');
const OPENDKIM = bytes('opendkim');
const PASSED_SP = bytes('Passed ');
const BLOCKED_SP = bytes('Blocked ');
const QUARANTINED = bytes('Quarantined');
const QUARANTINE_FIELD = bytes(', quarantine: ');
const QUEUED_AS_FIELD = bytes(', queued_as: ');

/** "1/3" at buf[p]: failed AUTH commands (tried − succeeded), as formats/postfix.ts authFailures reads it. */
function authFailedAt(buf: Uint8Array, p: number, e: number): number {
  let a = 0, c = p < e ? buf[p]! : -1;
  while (c >= 48 && c <= 57) { a = a * 10 + c - 48; c = ++p < e ? buf[p]! : -1; }
  if (c !== 47) return 0;
  let b = 0;
  c = ++p < e ? buf[p]! : -1;
  while (c >= 48 && c <= 57) { b = b * 10 + c - 48; c = ++p < e ? buf[p]! : -1; }
  return b > a ? b - a : 0;
}

/** Does buf[p, end) start with pat? */
function at(buf: Uint8Array, p: number, end: number, pat: Uint8Array): boolean {
  const n = pat.length;
  if (p + n > end) return false;
  for (let i = 0; i < n; i++) if (buf[p + i] !== pat[i]) return false;
  return true;
}

/** First index of pat in buf[from, end), or -1 (lines are short: JavaScript beats a native call here); dv views buf. */
function find(buf: Uint8Array, dv: DataView, from: number, end: number, pat: Uint8Array): number {
  const c0 = pat[0]!, n = pat.length, last = end - n;
  for (let i = from; i <= last; i++) {
    i = findByte(buf, dv, i, last + 1, c0);
    if (i < 0) return -1;
    let j = 1;
    while (j < n && buf[i + j] === pat[j]) j++;
    if (j === n) return i;
  }
  return -1;
}

/** The first space in buf[p, e), or e. */
function spaceAt(buf: Uint8Array, dv: DataView, p: number, e: number): number {
  const k = findByte(buf, dv, p, e, 32);
  return k < 0 ? e : k;
}

/**
 * First index of the byte c in buf[from, end), or -1. Four bytes at a time: in x = word XOR c repeated, a byte
 * that was c is zero, and (x - 0x01010101) & ~x & 0x80808080 flags exactly the zero bytes from the lowest up to
 * the first one.
 */
function findByte(buf: Uint8Array, dv: DataView, from: number, end: number, c: number): number {
  const rep = Math.imul(c, 0x01010101);
  let p = from;
  while (p + 4 <= end) {
    const x = dv.getInt32(p, true) ^ rep;
    const t = (x - 0x01010101) & ~x & 0x80808080;
    if (t !== 0) return p + ((31 - Math.clz32(t & -t)) >> 3);
    p += 4;
  }
  for (; p < end; p++) if (buf[p] === c) return p;
  return -1;
}

/** End of the program name in the token buf[a, b) ("prog[pid]:" or "prog:"), as stamp.ts takeProg reads it. */
function progEnd(buf: Uint8Array, a: number, b: number): number {
  const end = b - 1;
  if (buf[end - 1] === 93) for (let k = end; k > a; k--) if (buf[k] === 91) return k;
  return end;
}

/** Does buf[a, b) end with pat? */
function endsWith(buf: Uint8Array, a: number, b: number, pat: Uint8Array): boolean {
  return b - pat.length >= a && at(buf, b - pat.length, b, pat);
}

/** Is the relay buf[a, b) a loopback one, as formats/postfix.ts isContentFilterHop asks ("[127.", "[::1]", "127.…", "localhost…")? */
function loopbackRelay(buf: Uint8Array, dv: DataView, a: number, b: number): boolean {
  if (at(buf, a, b, LOOPBACK) || at(buf, a, b, LOCALHOST)) return true;
  for (let k = findByte(buf, dv, a, b, 91); k >= 0; k = findByte(buf, dv, k + 1, b, 91)) {
    if (at(buf, k + 1, b, LOOPBACK) || at(buf, k + 1, b, LOOPBACK6)) return true;
  }
  return false;
}

/** Two ASCII digits at buf[p] as a number; 99 when they are not digits. */
function two(buf: Uint8Array, p: number): number {
  const a = buf[p]! - 48, b = buf[p + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : 99;
}

/** Per byte: 1 = queue-id character [0-9A-Za-z], 2 = not upper-case hex, 4 = a vowel (see qidLen in formats/postfix.ts). */
const QID_CLASS = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c);
  if (!/[0-9A-Za-z]/.test(ch)) continue;
  QID_CLASS[c] = 1 | (/[0-9A-F]/.test(ch) ? 0 : 2) | (/[aeiouAEIOU]/.test(ch) ? 4 : 0);
}

/** The line handler: one instance per scan. */
export class FastPostfixLines {
  /** Lines answered here (each counts as a parsed Postfix line with a classic stamp). */
  count = 0;
  /** Lines skipped here because their time is outside the range (see {@link range}). */
  skipped = 0;
  private since = -Infinity;
  private until = Infinity;
  /** Count only lines stamped within [since, until]. */
  range(since: number, until: number): void {
    this.since = since;
    this.until = until;
  }
  private stamp = new Uint8Array(15);
  private stampTs = NaN;
  private stampGen = -1;
  /** "Mmm dd " of the last stamp read in full, and the time of that day's midnight it gave. */
  private day = new Uint8Array(7);
  private dayBase = NaN;
  private dayGen = -1;
  private head = newHead();
  /** End of the number read by the last {@link num}; numBad: it had an exponent (the full path reads those). */
  private numEnd = 0;
  private numBad = false;

  /** Open messages by their queue id's bytes (rows; objects only for those the full path asked for). */
  private msgs: FastMessages;
  /** The time of the current line, shared with the collector and the message rows (a double passed as an argument would be boxed per call). */
  private time: Float64Array;

  constructor(private clock: StampClock, private tracker: MessageTracker, private collector: SummaryCollector) {
    this.time = collector.time;
    this.msgs = new FastMessages(tracker, this.time);
    this.msgs.onLoopArrival = (ts) => collector.fastLoopArrival(ts);
  }

  /** A source starts: its reference time may differ, so stamps are read afresh. */
  reset(): void {
    this.stampGen = -1;
    this.dayGen = -1;
  }

  /**
   * The same number as formats/postfix.ts decimal() reads at buf[a], NaN when there is no digit, into out[k]
   * (a double returned from a call that is not inlined would be boxed: one heap object per number).
   */
  private num(buf: Uint8Array, a: number, end: number, out: Float64Array, k: number): void {
    let v = 0, i = a, c = i < end ? buf[i]! : -1;
    this.numBad = false;
    if (!(c >= 48 && c <= 57)) { this.numEnd = a; out[k] = NaN; return; }
    while (c >= 48 && c <= 57) { v = v * 10 + (c - 48); c = ++i < end ? buf[i]! : -1; }
    if (c === 46) {
      let scale = 0.1;
      c = ++i < end ? buf[i]! : -1;
      while (c >= 48 && c <= 57) { v += (c - 48) * scale; scale /= 10; c = ++i < end ? buf[i]! : -1; }
      v = Math.round(v * 1e6) / 1e6;
    } else if (c === 101 || c === 69) this.numBad = true;
    this.numEnd = i;
    out[k] = v;
  }

  /** The buffer lines come from next, and a view of it that reads four bytes at a time. */
  use(buf: Uint8Array): void {
    this.buf = buf;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  private buf: Uint8Array = new Uint8Array(0);
  private dv: DataView = new DataView(new ArrayBuffer(0));
  /** The last stamp's 15 bytes as four 32-bit words (bytes 0–3, 4–7, 8–11, 11–14). */
  private sw0 = 0;
  private sw1 = 0;
  private sw2 = 0;
  private sw3 = 0;

  /** Count the line buf[a, e) (no newline, no CR) of the buffer given to {@link use} if it is one of the common kinds; false: take the full path. */
  line(a: number, e: number): boolean {
    const buf = this.buf, dv = this.dv;
    const len = e - a;
    if (len < 26 || len > MAX_LINE) return false;
    const clock = this.clock;
    /** Where the host name starts, after the stamp and its space. */
    let h0: number;
    const s0 = buf[a]!;
    if (s0 >= 48 && s0 <= 57) {
      // --- an RFC 3339 stamp (rsyslog's default on Debian): "2026-12-05T06:05:29.123456+01:00 " ---
      h0 = this.isoStamp(buf, dv, a, e);
      if (h0 < 0) return false;
    } else {
      if (buf[a + 15] !== 32) return false;
      this.isoLine = false;
      // --- the classic stamp, mostly the same second as the line before (compared four bytes at a time) ---
      const w3 = dv.getInt32(a + 11, true), w2 = dv.getInt32(a + 8, true), w1 = dv.getInt32(a + 4, true), w0 = dv.getInt32(a, true);
      let same = this.stampGen === clock.generation && w3 === this.sw3 && w2 === this.sw2 && w1 === this.sw1 && w0 === this.sw0;
      if (!same) {
        // a new second: the same day as the last stamp read in full needs only the time of day from the bytes
        const st = this.stamp;
        let sameDay = this.dayGen === clock.generation;
        if (sameDay) for (let i = 0; i < 7; i++) if (buf[a + i] !== this.day[i]) { sameDay = false; break; }
        const hh = two(buf, a + 7), mm = two(buf, a + 10), ss = two(buf, a + 13);
        if (sameDay && buf[a + 9] === 58 && buf[a + 12] === 58 && hh < 24 && mm < 60 && ss < 61) {
          this.stampTs = this.dayBase + hh * 3600_000 + mm * 60_000 + ss * 1000;
        } else {
          const h = this.head;
          if (parseStamp(latin1(buf, a, a + 16), clock, h) !== 15 || h.stamp !== 'classic') return false;
          this.stampTs = h.ts;
          if (hh < 24 && mm < 60 && ss < 61) { // plain digits (the stamp parser also takes a few odd bytes: not as a base)
            this.dayBase = h.ts - (hh * 3600_000 + mm * 60_000 + ss * 1000);
            for (let i = 0; i < 7; i++) this.day[i] = buf[a + i]!;
            this.dayGen = clock.generation;
          }
        }
        for (let i = 0; i < 15; i++) st[i] = buf[a + i]!;
        this.sw0 = w0; this.sw1 = w1; this.sw2 = w2; this.sw3 = w3;
        this.stampGen = clock.generation;
      }
      if (clock.offsetMin !== LOCAL_TIME) clock.offsetMin = LOCAL_TIME;
      h0 = a + 16;
    }
    this.time[0] = this.stampTs;
    if (!this.isoLine) return this.afterStamp(buf, dv, a, h0, e, len);
    const before = this.count;
    const r = this.afterStamp(buf, dv, a, h0, e, len);
    if (this.count > before) this.isoCount++;
    return r;
  }

  /** RFC 3339 stamps read here, beside {@link count} (for the parser's statistics). */
  isoCount = 0;
  /** The hour of the last RFC 3339 stamp: its first 13 bytes ("2026-12-05T06") as words, its offset, its time. */
  private iw0 = 0;
  private iw1 = 0;
  private iw2 = 0;
  private ib12 = -1;
  private ioff = NaN;
  private ibase = NaN;

  /**
   * "YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM) " at buf[a]: the time into stampTs, the offset into the clock (the summary
   * counts hours as the log wrote them), the index after the space; -1 for any other form (the full path reads it).
   * The same time as stamp.ts isoStamp gives: milliseconds are the fraction's first three digits.
   */
  private isoStamp(buf: Uint8Array, dv: DataView, a: number, e: number): number {
    if (buf[a + 4] !== 45 || buf[a + 7] !== 45 || buf[a + 10] !== 84 || buf[a + 13] !== 58 || buf[a + 16] !== 58) return -1;
    let p = a + 19, ms = 0;
    if (buf[p] === 46) {
      p++;
      let k = 0;
      for (let c = buf[p]!; c >= 48 && c <= 57 && p < e; c = buf[++p]!) { if (k < 3) ms = ms * 10 + (c - 48); k++; }
      if (k === 1) ms *= 100; else if (k === 2) ms *= 10;
    }
    let off: number;
    const c = buf[p];
    if (c === 90) { off = 0; p++; } else if ((c === 43 || c === 45) && buf[p + 3] === 58) {
      const oh = two(buf, p + 1), om = two(buf, p + 4);
      if (oh > 23 || om > 59) return -1;
      off = (c === 45 ? -1 : 1) * (oh * 60 + om);
      p += 6;
    } else return -1;
    if (p >= e || buf[p] !== 32) return -1;
    const w0 = dv.getInt32(a, true), w1 = dv.getInt32(a + 4, true), w2 = dv.getInt32(a + 8, true), b12 = buf[a + 12]!;
    if (w0 !== this.iw0 || w1 !== this.iw1 || w2 !== this.iw2 || b12 !== this.ib12 || off !== this.ioff) {
      const y = two(buf, a) * 100 + two(buf, a + 2), mo = two(buf, a + 5), d = two(buf, a + 8), hh = two(buf, a + 11);
      if (!(y > 1970 && y < 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && hh < 24)) return -1;
      this.ibase = Date.UTC(y, mo - 1, d, hh) - off * 60_000;
      this.iw0 = w0; this.iw1 = w1; this.iw2 = w2; this.ib12 = b12; this.ioff = off;
    }
    const mm = two(buf, a + 14), ss = two(buf, a + 17);
    if (mm > 59 || ss > 60) return -1;
    this.stampTs = this.ibase + mm * 60_000 + ss * 1000 + ms;
    this.stampGen = -1; // the classic stamp's same-second shortcut no longer holds
    this.clock.offsetMin = off;
    this.isoLine = true;
    return p + 1;
  }
  /** The current line's stamp was RFC 3339 (counted in {@link isoCount} when the line is answered here). */
  private isoLine = false;

  /** The line after its stamp: h0 is where the host starts. */
  private afterStamp(buf: Uint8Array, dv: DataView, a: number, h0: number, e: number, len: number): boolean {
    // --- outside --since/--until: read, not counted (the full path would skip its event the same way) ---
    if (!(this.stampTs >= this.since && this.stampTs <= this.until)) {
      if (len > 40 && buf[h0] !== 60 && atw(buf, dv, spaceAt(buf, dv, h0, e) + 1, e, POSTFIX)) { this.skipped++; return true; }
      return false;
    }
    void a;
    // --- host, then a Postfix program "postfix…[pid]:" ---
    let p = h0;
    if (buf[p] === 60) return false; // "<facility.level>": the full path
    let sp = spaceAt(buf, dv, p, e);
    if (sp === p || sp >= e || buf[sp - 1] === 58) return false;
    p = sp + 1;
    if (!atw(buf, dv, p, e, POSTFIX)) return this.notPostfix(buf, dv, p, e);
    sp = spaceAt(buf, dv, p + 7, e);
    if (sp >= e || buf[sp - 1] !== 58) return false;
    const b = sp + 1;
    // --- a queue id? (the same test as formats/postfix.ts qidLen) ---
    // (hashed on the way, as FastMessages.find would hash it)
    let i = b, seen = 0, qh = 0x811c9dc5 | 0;
    const max = b + 24 < e ? b + 24 : e;
    while (i < max) {
      const c = buf[i]!, k = QID_CLASS[c]!;
      if (k === 0) break;
      seen |= k;
      qh = Math.imul(qh ^ c, 16777619);
      i++;
    }
    this.qh = qh;
    const n = i - b;
    if (i + 1 < e && buf[i] === 58 && buf[i + 1] === 32 && (((seen & 2) === 0 && n >= 5) || ((seen & 4) === 0 && n >= 10) || (n === 7 && at(buf, b, e, NOQUEUE)))) {
      if (n === 7 && at(buf, b, e, NOQUEUE)) return atw(buf, dv, i + 2, e, REJECT) && this.noqueueReject(buf, i + 2 + REJECT.n, e);
      const q = i + 2;
      const c0 = buf[q];
      if (c0 === 116) return atw(buf, dv, q, e, TO) && this.delivery(buf, b, i, q, e);
      if (c0 === 102) {
        if (!atw(buf, dv, q, e, FROM)) return false;
        const fe = findByte(buf, dv, q + 6, e, 62);
        if (fe < 0 || !atw(buf, dv, fe + 1, e, SIZE)) return false; // expired and others: the full path
        this.num(buf, fe + 8, e, this.delays, 0);
        const size = this.delays[0]!;
        if (this.numBad || !(size >= 0)) return false;
        // size counts once per message, for messages that arrived in this log (as SummaryCollector.add does);
        // from and nrcpt are left out: nothing in the summary reads them
        const msgs = this.msgs, s = msgs.at(buf, b, i, this.qh), m = msgs.objs[s];
        // a loopback arrival whose Message-ID never came: the full path holds it as the full path would
        if (m === undefined && (msgs.flags[s]! & LOOP) !== 0) return false;
        let count: boolean;
        if (m !== undefined) {
          m.size = size;
          count = m.received && !m.requeuedFrom && !m.counted;
          if (count) m.counted = true;
        } else {
          msgs.sizes[s] = size;
          const f = msgs.flags[s]!;
          count = (f & (RECEIVED | COUNTED | LINKED)) === RECEIVED; // arrived here, not counted, not a later leg
          if (count) msgs.flags[s] = f | COUNTED;
        }
        this.collector.fastQueued(count, buf, q + 6, fe, size);
        this.count++;
        return true;
      }
      if (c0 === 114) {
        if (!atw(buf, dv, q, e, REMOVED) || endsWith(buf, p, progEnd(buf, p, sp), POSTSUPER)) return false; // postsuper -d: the full path
        const msgs = this.msgs, s = msgs.find(buf, b, i, this.qh);
        if (s >= 0) {
          const m = msgs.objs[s];
          if (m === undefined && (msgs.flags[s]! & LOOP) !== 0) return false; // a loopback arrival still waiting: the full path
          if (m !== undefined) this.tracker.closeAt(m, this.stampTs); // the tracker drops its row too
          else msgs.close(s);
        }
        this.collector.fastRemoved(buf, b, i);
        this.count++;
        return true;
      }
      if (c0 === 99) {
        if (!atw(buf, dv, q, e, CLIENT)) return false;
        const comma = findByte(buf, dv, q, e, 44);
        const end = comma < 0 ? e : comma;
        let ipA = 0, ipB = 0, userA = 0, userB = 0;
        const lb = findByte(buf, dv, q + 7, e, 91);
        if (lb >= 0 && lb < end) {
          const rb = findByte(buf, dv, lb, e, 93);
          ipA = lb + 1;
          ipB = rb > lb && rb < end ? rb : end;
        }
        // a loopback client may be a content filter re-injecting: its arrival waits for its Message-ID (a new row,
        // "client=localhost[127.0.0.1]" exactly); other loopback forms take the full path
        if (ipB > ipA ? at(buf, ipA, ipB, LOOPBACK) || at(buf, ipA - 1, ipB + 1, LOOPBACK6_BR) : at(buf, q + 7, end, LOCALHOST)) {
          if (comma >= 0 || ipB + 1 !== e || ipB - ipA !== 9 || !at(buf, ipA, ipB, IP_127_0_0_1) || ipA !== q + 17 || !at(buf, q + 7, q + 16, LOCALHOST)) return false;
          const msgs = this.msgs;
          if (msgs.find(buf, b, i, this.qh) >= 0) return false;
          const s = msgs.at(buf, b, i, this.qh);
          msgs.flags[s] = RECEIVED | LOOP;
          this.collector.fastSeen();
          this.count++;
          return true;
        }
        if (comma >= 0) {
          if (find(buf, dv, comma, e, ORIG_QID) >= 0) return false;
          const u = find(buf, dv, comma, e, SASL_USER);
          if (u >= 0) {
            userA = userB = u + 14;
            while (userB < e && buf[userB] !== 44 && buf[userB] !== 32) userB++;
          }
        }
        const msgs = this.msgs, s = msgs.at(buf, b, i, this.qh), m = msgs.objs[s];
        if (m !== undefined) { m.received = true; m.origin = 'smtp'; } else msgs.flags[s] = (msgs.flags[s]! | RECEIVED) & ~LOCAL;
        this.collector.fastReceived(buf, b, i, ipA, ipB, userA, userB);
        this.count++;
        return true;
      }
      if (c0 === 109 && at(buf, q, e, MESSAGE_ID)) return this.messageId(buf, b, i, q + 11, e);
      if ((c0 === 117 && at(buf, q, e, UID)) || (c0 === 115 && at(buf, q, e, SENDER_EQ))) {
        // pickup "QID: uid=0 from=<root>": a local arrival (a message already an object: the full path)
        if (!endsWith(buf, p, progEnd(buf, p, sp), PICKUP) || this.isObject(buf, b, i) || find(buf, dv, q, e, ORIG_ID) >= 0) return false;
        const msgs = this.msgs, s = msgs.at(buf, b, i, this.qh);
        msgs.flags[s] |= RECEIVED | LOCAL;
        this.collector.fastReceived(buf, b, i, 0, 0, 0, 0);
        this.count++;
        return true;
      }
      if (c0 === 115 && at(buf, q, e, SENDER_SP)) {
        // bounce "QID: sender non-delivery notification: NEWQID": opens the message if new, counts nothing
        if (!endsWith(buf, p, progEnd(buf, p, sp), BOUNCE) || find(buf, dv, q, e, NOTIFICATION) < 0 || this.isObject(buf, b, i)) return false;
        this.msgs.at(buf, b, i, this.qh);
        this.collector.fastSeen();
        this.count++;
        return true;
      }
      return false;
    }
    // --- lines without a queue id ---
    const c0 = buf[b];
    let kind: 0 | 1 | 2 | 3;
    if (c0 === 99 && atw(buf, dv, b, e, CONNECT)) kind = 0;
    else if (c0 === 100 && atw(buf, dv, b, e, DISCONNECT)) kind = 1;
    else if (c0 === 67 && at(buf, b, e, CONNECT_PS)) kind = 0;
    else {
      if (c0 === 119 && at(buf, b, e, LEVELS[0]!)) {
        // "warning: host[ip]: SASL LOGIN authentication failed: …" (password guessing: many)
        const t = b + LEVELS[0]!.length;
        const sa = find(buf, dv, t, e, SASL); // the first ": SASL ", which must not open the text (as daemonLine reads it)
        if (sa > t && find(buf, dv, sa, e, AUTH_FAILED) >= 0) {
          // "host[ip]: SASL …": the client's address, as formats/postfix.ts splitClient reads it
          const lb = findByte(buf, dv, t, sa, 91);
          const rb = lb < 0 ? -1 : findByte(buf, dv, lb, sa, 93);
          this.collector.fastAuthFail(buf, lb + 1, lb < 0 ? 0 : rb < 0 ? sa : rb);
          this.count++;
          return true;
        }
        // TLS handshake failures are TLS events: the full path; any other warning is counted by its words
        if (find(buf, dv, t, e, TLS_HANDSHAKE) >= 0) return false;
        const pe = progEnd(buf, p, sp);
        let slash = pe - 1;
        while (slash >= p && buf[slash] !== 47) slash--;
        this.collector.fastDaemon('warning', latin1(buf, slash + 1, pe), latin1(buf, t, e));
        this.count++;
        return true;
      }
      if (c0 === 119 || c0 === 101 || c0 === 102 || c0 === 112) for (const lv of LEVELS) if (at(buf, b, e, lv)) return false; // errors, fatal, panic: the full path
      // "Anonymous|Trusted|Untrusted|Verified TLS connection established …" (first word), or anywhere
      let w = b;
      while (w < e && w - b < 16 && buf[w] !== 32) w++;
      if (at(buf, w, e, TLS_OK) || find(buf, dv, b, e, TLS_OK) >= 0) kind = 2;
      else if (c0 === 83 && (at(buf, b, e, SSL_ACCEPT) || at(buf, b, e, SSL_CONNECT))) kind = 3; // a TLS failure
      else {
        // postscreen's verdicts and dnsblog's hits: the common "PASS OLD [ip]:port" here, the others by the full path
        const pe = progEnd(buf, p, sp);
        if (endsWith(buf, p, pe, POSTSCREEN)) {
          const pass = c0 === 80 && at(buf, b, e, PASS_OLD) ? 1 : c0 === 80 && at(buf, b, e, PASS_NEW) ? 0 : -1;
          if (pass < 0) return false;
          const lb = findByte(buf, dv, b + 9, e, 91);
          if (lb < 0 || findByte(buf, dv, lb, e, 93) < 0) return false;
          this.collector.fastScreen(pass as 0 | 1);
          this.count++;
          return true;
        }
        if (endsWith(buf, p, pe, DNSBLOG)) return false;
        // anything else with a space (lost connection, anvil statistics …) is understood and counts for nothing
        // but its time; without one, the full path calls it a cut-off fragment
        if (findByte(buf, dv, b, e, 32) < 0) return false;
        this.collector.fastSeen();
        this.count++;
        return true;
      }
    }
    // a failed AUTH shows as "auth=0/1"; when no command failed, Postfix ends the line with "commands=N" (no "/")
    if (kind === 1 && this.failedCommands(buf, e)) {
      const au = find(buf, dv, b + 16, e, AUTH_EQ);
      if (au >= 0) { this.collector.fastSession(1, authFailedAt(buf, au + 6, e)); this.count++; return true; }
    }
    this.collector.fastSession(kind, 0);
    this.count++;
    return true;
  }

  /** Lines of amavis and of other filters and milters answered here (see {@link notPostfix}), for the parser's statistics. */
  amavisCount = 0;
  filterCount = 0;

  /**
   * A line of another program at buf[p] (its "prog[pid]:" token): opendkim, which only says what it did, counts
   * for nothing but its time (opendmarc's and policyd-spf's verdicts are counted by the full path); amavis'
   * verdicts are counted when nothing is left to link (every re-injected id it names is already known as the leg it
   * is). Anything else: the full path.
   */
  private notPostfix(buf: Uint8Array, dv: DataView, p: number, e: number): boolean {
    const sp = spaceAt(buf, dv, p, e);
    if (sp >= e || buf[sp - 1] !== 58) return false;
    const pe = progEnd(buf, p, sp);
    if (pe - p === 6 && at(buf, p, pe, AMAVIS)) return this.amavis(buf, dv, sp + 1, e);
    if (pe - p === 8 && at(buf, p, pe, OPENDKIM)) {
      if (sp + 1 >= e) return false;
      this.collector.fastSeen();
      if (this.isoLine) this.isoCount++;
      this.filterCount++;
      return true;
    }
    return false;
  }

  /** An amavis line whose body starts at b: "(08648-03) Passed CLEAN {RelayedInbound}, …" (see formats/amavis.ts). */
  private amavis(buf: Uint8Array, dv: DataView, b: number, e: number): boolean {
    let p = b;
    if (buf[p] === 40) { const c = findByte(buf, dv, p, p + 32 < e ? p + 32 : e, 41); if (c < 0 || buf[c + 1] !== 32) return false; p = c + 2; }
    if (p >= e || buf[p] === 40) return false; // "(!!)TROUBLE …": an error, the full path
    const passed = at(buf, p, e, PASSED_SP);
    if (!passed && !at(buf, p, e, BLOCKED_SP)) { this.amavisSeen(); return true; }
    const ca = p + (passed ? 7 : 8);
    let ce = ca;
    while (ce < e && buf[ce] !== 32 && buf[ce] !== 44) ce++;
    // the category without a "-0" suffix, as formats/amavis.ts reads it
    let cb = ce;
    let k = ce - 1;
    while (k > ca && buf[k]! >= 48 && buf[k]! <= 57) k--;
    if (k < ce - 1 && buf[k] === 45) cb = k;
    if (cb <= ca) return false;
    // "{…Quarantined…}" or ", quarantine: " (either says it was kept)
    let q = ce;
    if (buf[q] === 32 && buf[q + 1] === 40) { const c = findByte(buf, dv, q, e, 41); if (c < 0) return false; q = c + 1; }
    let quarantined = false;
    if (buf[q] === 32 && buf[q + 1] === 123) {
      const c = findByte(buf, dv, q, e, 125);
      if (c < 0) return false;
      quarantined = find(buf, dv, q, c, QUARANTINED) >= 0;
      q = c + 1;
    }
    if (!quarantined && find(buf, dv, q, e, QUARANTINE_FIELD) >= 0) quarantined = true;
    // the ids it re-injected as: each must be unknown or already linked
    const qa = find(buf, dv, q, e, QUEUED_AS_FIELD);
    if (qa >= 0) {
      let x = qa + QUEUED_AS_FIELD.length;
      for (;;) {
        let y = x;
        while (y < e && QID_CLASS[buf[y]!]! !== 0) y++;
        if (y - x < 5 || y - x > 24) break;
        if (!this.linkedOrUnknown(buf, x, y)) return false;
        if (!(buf[y] === 44 && buf[y + 1] === 32)) break;
        x = y + 2;
      }
    }
    this.collector.fastFilter(latin1(buf, ca, cb), passed, quarantined);
    this.amavisCount++;
    if (this.isoLine) this.isoCount++;
    return true;
  }

  private amavisSeen(): void {
    this.collector.fastSeen();
    this.amavisCount++;
    if (this.isoLine) this.isoCount++;
  }

  /** Is the queue id buf[a, b) one this log has not seen, or a leg already linked to the one before it? */
  private linkedOrUnknown(buf: Uint8Array, a: number, b: number): boolean {
    let h = 0x811c9dc5 | 0;
    for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    const s = this.msgs.find(buf, a, b, h);
    if (s >= 0) {
      const m = this.msgs.objs[s];
      return m !== undefined ? m.requeuedFrom !== undefined : (this.msgs.flags[s]! & LINKED) !== 0;
    }
    const m = this.tracker.known(latin1(buf, a, b));
    return m === undefined || m.requeuedFrom !== undefined;
  }

  /** Does a disconnect line end like "commands=4/5" (some command failed), or not like "commands=N" at all? */
  private failedCommands(buf: Uint8Array, e: number): boolean {
    let k = e - 1;
    while (k > e - 12 && buf[k]! >= 48 && buf[k]! <= 57) k--;
    if (buf[k] === 47) return true;
    return !(buf[k] === 61 && buf[k - 1] === 115 && buf[k - 2] === 100); // "…ds=N": no failure
  }

  /**
   * `QID: message-id=<id>`: the id is indexed (the newest open leg answers for it); a copy this server made
   * itself (no client) whose id names another open message continues that message: the full path links them.
   */
  private messageId(buf: Uint8Array, qa: number, qb: number, p: number, e: number): boolean {
    const msgs = this.msgs, s = msgs.at(buf, qa, qb, this.qh);
    if (msgs.objs[s] !== undefined) return false;
    let ia = p, ib = e;
    if (buf[ia] === 60) { ia++; const gt = findByte(buf, this.dv, ia, e, 62); if (gt >= 0) ib = gt; }
    const ids = this.tracker.ids;
    const f = msgs.flags[s]!;
    // only a copy this server made (back from localhost, or without any client) looks for the leg it continues
    let ps = -1, e0 = -1;
    if ((f & RECEIVED) === 0 || (f & LOOP) !== 0) {
      e0 = ids.find(buf, ia, ib);
      if (e0 >= 0) {
        const qo = e0 * QID_MAX, ql = ids.qidLength(e0), qb2 = ids.qids;
        let qh = 0x811c9dc5 | 0;
        for (let i = qo; i < qo + ql; i++) qh = Math.imul(qh ^ qb2[i]!, 16777619);
        ps = msgs.find(qb2, qo, qo + ql, qh);
      }
    }
    if (ps >= 0 && ps !== s) {
      if ((f & LINKED) !== 0 || !this.linkRow(s, ps, ids.qidOf(e0))) return false;
    } else if (f & LOOP) { msgs.flags[s] = f & ~LOOP; this.collector.fastLoopArrival(msgs.first[s]!); } // a new arrival after all
    ids.add(buf, ia, ib, buf, qa, qb); // this leg now answers for the id
    this.done();
    return true;
  }

  private done(): void {
    this.collector.fastSeen();
    this.count++;
  }

  /**
   * The row s continues the open message `parent` (a row or an object): linked as the tracker links objects, for
   * what the summary reads (the first leg's arrival time, an earlier deferral; the arrival is not one). False when
   * the parent needs the full path (a requeued file, which the link closes).
   */
  private linkRow(s: number, ps: number, parent: string): boolean {
    const msgs = this.msgs;
    let chain: number, deferred: boolean;
    const pm = ps >= 0 ? msgs.objs[ps] : this.tracker.open.get(parent);
    if (pm !== undefined) {
      if (pm.admin === 'requeued') return false;
      chain = pm.chainStart ?? pm.firstTs;
      deferred = pm.deferrals > 0 || pm.deferredBefore === true;
    } else if (ps >= 0) {
      chain = msgs.flags[ps]! & LINKED ? msgs.chain[ps]! : msgs.first[ps]!;
      deferred = msgs.deferrals[ps]! > 0 || (msgs.flags[ps]! & DEFER_BEFORE) !== 0;
    } else return false;
    msgs.flags[s] = (msgs.flags[s]! & ~LOOP) | LINKED | (deferred ? DEFER_BEFORE : 0);
    msgs.chain[s] = chain;
    msgs.parents[s] = parent;
    return true;
  }

  /**
   * "… queued as X" of the message buf[qa, qb): 1 when X is a later leg of it (linked now if its Message-ID did not
   * link it yet), 0 when X is not in this log (a delivery), -1 when the full path must decide.
   */
  private hop(buf: Uint8Array, qa: number, qb: number, x: number, e: number): -1 | 0 | 1 {
    let y = x;
    while (y < e && y - x < 24 && QID_CLASS[buf[y]!]! !== 0) y++;
    if (y - x < 5) return 0;
    let h = 0x811c9dc5 | 0;
    for (let i = x; i < y; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    const msgs = this.msgs;
    const xs = msgs.find(buf, x, y, h);
    if (xs >= 0) {
      const m = msgs.objs[xs];
      if (m !== undefined) return m.requeuedFrom !== undefined ? 1 : -1;
      const f = msgs.flags[xs]!;
      if (f & LINKED) return 1;
      if ((f & LOOP) === 0) return -1;
      return this.linkRow(xs, msgs.find(buf, qa, qb, this.qh), latin1(buf, qa, qb)) ? 1 : -1;
    }
    // left the queue already? (only legs a later line may name are remembered: none in a log without copies)
    if (!msgs.closedLegBytes(buf, x, y) && this.tracker.recentIds.get(buf, x, y) === undefined) return 0;
    const m = this.tracker.known(latin1(buf, x, y));
    return m === undefined ? 0 : m.requeuedFrom !== undefined ? 1 : -1;
  }

  /**
   * `NOQUEUE: reject: RCPT from host[ip]: 554 5.7.1 text; from=<a> to=<b> proto=ESMTP helo=<h>` (smtpd,
   * postscreen): the reply text read as formats/postfix.ts reject() reads it; p is after "reject: ". Forms whose
   * text follows the envelope (cleanup) take the full path.
   */
  private noqueueReject(buf: Uint8Array, p: number, e: number): boolean {
    const dv = this.dv;
    const fromI = find(buf, dv, p, e, SP_FROM_SP);
    const env = find(buf, dv, p, e, ENVELOPE);
    if (fromI < 0 || (env >= 0 && fromI > env)) return false;
    const ce = findByte(buf, dv, fromI, e, 93);
    if (ce < 0) return false;
    let t = ce + 1;
    // postscreen adds ":port"
    if (t + 1 < e && buf[t] === 58 && buf[t + 1] !== 32) while (t < e && buf[t] !== 32) t++;
    if (t < e && buf[t] === 58) t++;
    if (t >= e || buf[t] !== 32) return false;
    // the raw text (reply code and DSN included) decides what it is counted as: seen before, no string is made
    const ta = t + 1, tb = env < 0 ? e : env;
    const known = this.rejects.get(buf, ta, tb);
    if (known !== undefined) this.collector.fastRejectAgain(known);
    else {
      const r = this.reply;
      r.replyCode = undefined;
      r.dsn = undefined;
      splitReply(r, latin1(buf, ta, tb));
      this.rejects.set(buf, ta, tb, this.collector.fastReject(r.text, r.dsn, r.replyCode));
    }
    this.count++;
    return true;
  }

  /** Raw NOQUEUE reject texts and what each was counted as. */
  private rejects = new ByteKeyMap<ReasonMemo>();

  /** Is the queue id at buf[a…] (up to its end) one this log has seen lately (open, or left the queue a moment ago)? */
  private knownQid(buf: Uint8Array, a: number, e: number): boolean {
    let b = a;
    while (b < e && b - a < 24 && QID_CLASS[buf[b]!]! !== 0) b++;
    if (b - a < 5) return false;
    let h = 0x811c9dc5 | 0;
    for (let i = a; i < b; i++) h = Math.imul(h ^ buf[i]!, 16777619);
    if (this.msgs.find(buf, a, b, h) >= 0) return true;
    return this.tracker.known(latin1(buf, a, b)) !== undefined;
  }

  /** Is the open message with the queue id buf[a, b) an object (its lines then take the full path where it keeps more than a row)? */
  private isObject(buf: Uint8Array, a: number, b: number): boolean {
    const s = this.msgs.find(buf, a, b, this.qh);
    return s >= 0 && this.msgs.objs[s] !== undefined;
  }

  /**
   * A `status=deferred` or `status=bounced` delivery, read as formats/postfix.ts delivery() reads it: the DSN
   * after "dsn=", the text between " (" and the line's last ")". dni/si: where "dsn=" / "status=" start.
   */
  private failed(buf: Uint8Array, qa: number, qb: number, dni: number, si: number, e: number, deferred: boolean, toA: number, toB: number, relayA: number, relayB: number): boolean {
    const dv = this.dv;
    const relay = latin1(buf, relayA, relayB);
    let dsn = '';
    if (dni >= 0) {
      const dne = findByte(buf, dv, dni, e, 44);
      dsn = latin1(buf, dni + 4, dne < 0 ? e : dne);
    }
    let text = '';
    const po = find(buf, dv, si, e, PAREN);
    if (po >= 0) {
      let pc = e - 1;
      while (pc > po && buf[pc] !== 41) pc--;
      const end = pc > po ? pc : e;
      if (end > po + 2) text = latin1(buf, po + 2, end);
    }
    const msgs = this.msgs, s = msgs.at(buf, qa, qb, this.qh), m = msgs.objs[s];
    if (deferred) {
      const n = m !== undefined ? ++m.deferrals : ++msgs.deferrals[s]!;
      const before = m !== undefined ? m.deferredBefore === true : (msgs.flags[s]! & DEFER_BEFORE) !== 0;
      this.collector.fastDeferred(n === 1 && !before, text, dsn, buf, toA, toB, relay);
    } else this.collector.fastBounced(text, dsn, buf, toA, toB, relay);
    this.count++;
    return true;
  }

  /** A sent line's delay and delays= parts (NaN: none), handed over unboxed; also the size of a from= line. */
  private delays = new Float64Array(5);

  /** FNV-1a of the current line's queue id bytes (before the final mix), from the scan that found it. */
  private qh = 0;

  /** Scratch for {@link noqueueReject}. */
  private reply: { replyCode?: number | undefined; dsn?: string | undefined; text: string } = { replyCode: undefined, dsn: undefined, text: '' };

  /** `QID: to=<…>, [orig_to=<…>, ]relay=…, delay=…, delays=…, dsn=…, status=sent (…)` — plain sent only. */
  private delivery(buf: Uint8Array, qa: number, qb: number, q: number, e: number): boolean {
    const dv = this.dv;
    const te = find(buf, dv, q + 4, e, GT_COMMA);
    if (te < 0) return false;
    let r = te + 3;
    if (buf[r] === 111 && at(buf, r, e, ORIG_TO)) {
      const oe = find(buf, dv, r + 9, e, GT_COMMA);
      if (oe < 0) return false;
      r = oe + 3;
    }
    if (!atw(buf, dv, r, e, RELAY)) return false;
    const relayA = r + 6;
    const re = find(buf, dv, r, e, COMMA_SP);
    if (re < 0) return false;
    const di = find(buf, dv, re, e, DELAY);
    if (di < 0) return false;
    // dl: the delay, then the four delays= parts (all NaN unless all four are there)
    const dl = this.delays;
    this.num(buf, di + 6, e, dl, 0);
    if (this.numBad) return false;
    if (!(dl[0]! >= 0)) dl[0] = 0;
    dl[1] = NaN; dl[2] = NaN; dl[3] = NaN; dl[4] = NaN;
    r = this.numEnd;
    if (atw(buf, dv, r, e, DELAYS)) {
      this.num(buf, r + 9, e, dl, 1);
      if (this.numBad || !(dl[1] === dl[1])) return false;
      for (let k = 2; k <= 4; k++) {
        if (buf[this.numEnd] === 47 && this.numEnd < e) this.num(buf, this.numEnd + 1, e, dl, k);
        else dl[k] = NaN;
        if (this.numBad) return false;
      }
      if (!(dl[4] === dl[4])) { dl[1] = NaN; dl[2] = NaN; dl[3] = NaN; }
      r = this.numEnd;
    }
    const dni = buf[r] === 44 && buf[r + 1] === 32 && at(buf, r + 2, e, DSN) ? r + 2 : find(buf, dv, r, e, DSN); // ", dsn=" right there, mostly
    const si = find(buf, dv, dni >= 0 ? dni : r, e, STATUS);
    if (si < 0) return false;
    if (!atw(buf, dv, si + 7, e, SENT)) {
      if (at(buf, si + 7, e, DEFERRED)) return this.failed(buf, qa, qb, dni, si, e, true, q + 4, te, relayA, re);
      if (at(buf, si + 7, e, BOUNCED)) return this.failed(buf, qa, qb, dni, si, e, false, q + 4, te, relayA, re);
      return false; // expired and the rest: the full path
    }
    const po = at(buf, si + 11, e, PAREN) ? si + 11 : find(buf, dv, si, e, PAREN); // "status=sent" holds no " ("
    if (po >= 0) {
      const t0 = buf[po + 2];
      if (t0 === 102) return false; // perhaps "forwarded as …"
      if (t0 === 50) {
        // "250 2.7.0 Ok, discarded, …": a content filter threw it away (the full path)
        const dc = find(buf, dv, po + 6, po + 32 < e ? po + 32 : e, DISCARDED);
        if (dc >= 0) return false;
        // "… queued as X": a content filter's hop when X comes back into this log (the full path links them)
        // "… queued as X)" at the end of the line, as formats/postfix.ts queuedAs reads it
        let pc = e - 1;
        while (pc > po && buf[pc] !== 41) pc--;
        if (pc <= po) pc = e; // no ")": the text runs to the end
        let te2 = pc;
        while (te2 > po && buf[te2 - 1] === 32) te2--;
        let x = te2;
        while (x > po && QID_CLASS[buf[x - 1]!]! !== 0) x--;
        const qa2 = te2 - x >= 5 && te2 - x <= 24 && buf[x - 1] === 32 && at(buf, x - 10, te2, QUEUED_AS) ? x - 10 : -1;
        if (qa2 >= 0) {
          const hop = this.hop(buf, qa, qb, qa2 + 10, te2);
          if (hop < 0) return false;
          if (hop > 0) { this.msgs.at(buf, qa, qb, this.qh); this.collector.fastFiltered(); this.count++; return true; }
        }
      }
    }
    const msgs = this.msgs, s = msgs.at(buf, qa, qb, this.qh), m = msgs.objs[s];
    const size = m !== undefined ? m.size ?? 0 : msgs.sizes[s]! === msgs.sizes[s]! ? msgs.sizes[s]! : 0;
    // end to end: a later leg's delay counts from its first leg's arrival
    let before = 0, chained = false;
    if (m !== undefined) {
      if (m.chainStart !== undefined) { chained = true; if (m.firstTs === m.firstTs) before = Math.max(0, (m.firstTs - m.chainStart) / 1000); }
    } else if (msgs.flags[s]! & LINKED) { chained = true; before = Math.max(0, (msgs.first[s]! - msgs.chain[s]!) / 1000); }
    this.collector.fastSent(size, buf, q + 4, te, dl, before, chained);
    this.count++;
    return true;
  }
}

/**
 * Read the inputs for the summary: the same lines, in the same order, with the same counting as
 * {@link scanLogs} + SummaryCollector.add, the common Postfix lines through {@link FastPostfixLines}.
 * The tracker must be light (no story).
 */
export async function scanLogsForSummary(opt: ScanLogOptions, tracker: MessageTracker, collector: SummaryCollector): Promise<ScanStats> {
  const now = opt.now ?? Date.now;
  const sources = resolveLogSources(opt.inputs, opt.fs, now());
  const clock = opt.clock ?? new StampClock(now());
  const parser = new LogLineParser(clock, { light: true });
  const keep = opt.keepUnparsed ?? 20;
  const stats: ScanStats = { sources, lines: 0, outOfRange: 0, notChecked: [], parsed: 0, unparsed: 0, unparsedSamples: [], parser, tracker };
  const fast = new FastPostfixLines(clock, tracker, collector);
  const since = opt.since ?? -Infinity, until = opt.until ?? Infinity;
  const ranged = since > -Infinity || until < Infinity;
  if (ranged) fast.range(since, until);
  const prog: ReadProgress = { bytes: 0, total: sources.reduce((x, s) => x + s.size, 0), lines: 0 };
  let nextReport = 8 << 20;
  let srcName = '';
  let lineNo = 0;
  // the full path for one line, as scanLogs does it
  const slow = (line: string): void => {
    if (line.length === 0) return;
    const ev = parseLine(stats, keep, line, srcName, lineNo);
    if (!ev) return;
    if (ranged && !(ev.ts >= since && ev.ts <= until)) { stats.outOfRange++; stats.parsed--; return; }
    collector.add(ev, tracker.add(ev));
  };
  const slowLine = (s: string): void => {
    lineNo++;
    stats.lines++;
    slow(s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s);
  };
  /** The line buf[p, nl) of a pure-ASCII buffer, nl its newline. */
  const lineAt = (buf: Buffer, p: number, nl: number): void => {
    let e = nl;
    if (e > p && buf[e - 1] === 13) e--;
    lineNo++;
    stats.lines++;
    if (e > p && !fast.line(p, e)) slow(latin1(buf, p, e));
  };
  const readBuf = Buffer.allocUnsafeSlow(READ_CHUNK);
  for (const src of sources) {
    clock.setReference(src.mtimeMs);
    fast.reset();
    srcName = src.name;
    lineNo = 0;
    let left: Buffer | undefined;
    try {
    for await (const chunk of chunksOf(src.name, src.gzip, opt.stdin, prog, readBuf)) {
      let buf = chunk;
      if (left) {
        // finish the line cut at the end of the last chunk on its own (no copy of the whole new chunk)
        const nl = chunk.indexOf(10);
        if (nl < 0 || left.length + nl > MAX_LINE * 4) { buf = Buffer.concat([left, chunk]); left = undefined; }
        else {
          const one = Buffer.concat([left, chunk.subarray(0, nl + 1)]);
          left = undefined;
          if (isAscii(one)) { fast.use(one); lineAt(one, 0, one.length - 1); }
          else slowLine(one.toString('utf8', 0, one.length - 1));
          buf = chunk.subarray(nl + 1);
        }
      }
      const last = buf.lastIndexOf(10);
      if (last < 0) {
        if (buf.length > MAX_LINE * 4) slowLine(buf.toString('latin1', 0, MAX_LINE * 4 + 1)); // no newline for too long: cut
        else left = Buffer.from(buf);
        continue;
      }
      if (isAscii(buf.subarray(0, last))) {
        fast.use(buf);
        let p = 0;
        while (p <= last) {
          const nl = buf.indexOf(10, p);
          lineAt(buf, p, nl);
          p = nl + 1;
        }
      } else {
        const text = buf.toString('utf8', 0, last);
        let p = 0;
        for (;;) {
          const nl = text.indexOf('\n', p);
          if (nl < 0) { slowLine(text.slice(p)); break; }
          slowLine(text.slice(p, nl));
          p = nl + 1;
        }
      }
      if (last + 1 < buf.length) left = Buffer.from(buf.subarray(last + 1)); // a copy: the read buffer is reused
      prog.lines = stats.lines;
      if (opt.onProgress && prog.bytes >= nextReport) { nextReport = prog.bytes + (8 << 20); opt.onProgress(prog); }
    }
    } catch (e) {
      // a truncated or corrupt .gz, a file gone: what was read counts, the rest of the input is still read
      stats.notChecked.push({ source: src.name, reason: unreadableReason(e) });
      continue;
    }
    if (left && left.length) slowLine(isAscii(left) ? left.toString('latin1') : left.toString('utf8'));
  }
  prog.lines = stats.lines;
  opt.onProgress?.(prog);
  // fast.count holds the Postfix lines answered here; amavis and filter lines are counted apart (isoCount has all three)
  const answered = fast.count + fast.amavisCount + fast.filterCount;
  parser.countFastLines(answered - fast.isoCount, fast.isoCount, { amavis: fast.amavisCount, filter: fast.filterCount });
  stats.parsed += answered;
  stats.outOfRange += fast.skipped;
  return stats;
}

/** Bytes per read of a plain file. */
const READ_CHUNK = 1 << 20;

/** Chunks of a plain file read between two turns of the event loop (~16 MB: a few dozen milliseconds of counting). */
const CHUNKS_PER_TURN = 16;

/**
 * The chunks of one source; a chunk is valid only until the next one is asked for. A plain file is read with
 * readSync into one reused buffer: a fresh buffer per read, as a stream gives, is external memory that makes V8
 * run a full garbage collection every few dozen megabytes, and a read through the thread pool costs twice the
 * CPU of a 1 MB readSync from the page cache (~0.15 ms, shorter than counting the chunk). The event loop gets a
 * turn every {@link CHUNKS_PER_TURN} chunks, so a server running a summary stays responsive. Gzip and stdin stream.
 */
async function* chunksOf(name: string, gzip: boolean, stdin: Readable | undefined, prog: ReadProgress, buf: Buffer): AsyncGenerator<Buffer> {
  if (name !== '-' && !gzip) {
    const fd = openSync(name, 'r');
    try {
      for (let k = 1; ; k++) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) return;
        prog.bytes += n;
        yield n === buf.length ? buf : buf.subarray(0, n);
        if (k % CHUNKS_PER_TURN === 0) await setImmediate();
      }
    } finally {
      closeSync(fd);
    }
  }
  const raw: Readable = name === '-' ? (stdin ?? process.stdin) : createReadStream(name, { highWaterMark: 4 << 20 });
  const stream: Readable = gzip ? raw.pipe(createGunzip()) : name === '-' ? stdinMaybeGzip(raw) : raw;
  if (gzip) raw.on('error', (err) => stream.destroy(err));
  if (name !== '-') raw.on('data', (c: Buffer) => { prog.bytes += c.length; });
  for await (const chunk of stream) {
    if (name === '-') prog.bytes += (chunk as Buffer).length;
    yield chunk as Buffer;
  }
}
