/**
 * Timestamps and the syslog line head, parsed with charCodeAt arithmetic (no regex per line: this runs on every
 * one of millions of lines). Supported stamps:
 * - classic syslog `Mmm dd hh:mm:ss` (day space- or zero-padded, or unpadded) — no year: see {@link StampClock};
 * - RFC 3339 `2026-11-23T10:40:14.123456+01:00` (rsyslog's default on Debian 12);
 * - `2026-11-23 10:40:14[.123]` (Exim main log, Dovecot's own log with a dated log_timestamp);
 * - TAI64N `@4000000065…` (daemontools / s6 multilog);
 * - journalctl's outputs: `short` and `short-precise` (classic, with a fraction), `short-iso` (RFC 3339, "+0100"),
 *   `short-full` "Sat 2026-12-05 10:00:02 CET" and `short-unix` "1796500000.123456";
 * - any of these after a syslog priority `<22>`, as a collector that stores the raw message writes it, and the
 *   RFC 5424 head `<22>1 2026-11-23T10:40:14.123+01:00 host app procid msgid [sd] msg` (rsyslog's
 *   RSYSLOG_SyslogProtocol23Format, syslog-ng's `syslog()` destinations: what central log servers keep);
 * - any of these after a container runtime's own stamp (`docker logs -t`, `kubectl logs --timestamps`) and/or
 *   `docker compose logs`' service prefix (`postfix-mailcow-1  | `): mail servers run in containers (mailcow,
 *   docker-mailserver) and their logs reach a help desk that way.
 * Classic and space-separated stamps are local time of the machine that wrote them; we read them in this
 * process's time zone (run with TZ=… to read a log from elsewhere).
 */

const MONTHS: Record<string, number> = {
  Jan: 0, Feb: 1, Mar: 2, Apr: 3, May: 4, Jun: 5, Jul: 6, Aug: 7, Sep: 8, Oct: 9, Nov: 10, Dec: 11,
};

/** {@link StampClock.offsetMin} of a stamp without a zone: the machine's local time (or the one TZ names). */
export const LOCAL_TIME = 100_000;

/**
 * Resolves the year of year-less classic stamps. The reference is "when the log was last written" (the file's
 * mtime, or now for stdin/follow): a stamp that would land more than two days after the reference belongs to the
 * previous year. So a file written on 2 Jan holding "Dec 31" lines gets the old year, and "Jan 1" the new one.
 */
export class StampClock {
  /**
   * The zone offset (minutes east of UTC) written in the last stamp read, or {@link LOCAL_TIME}: reports bucket a
   * line by the wall time its log wrote ("keep the log's own offset"), not by the reader's zone.
   */
  offsetMin = LOCAL_TIME;
  private cache = new Map<number, number>();
  private refMs: number;
  constructor(reference: number | Date) {
    this.refMs = typeof reference === 'number' ? reference : reference.getTime();
  }
  /** Change the reference (follow mode moves it forward as time passes). */
  setReference(ms: number): void {
    if (Math.abs(ms - this.refMs) > 3600_000) { this.cache.clear(); this.lastKey = -1; this.generation++; }
    this.refMs = ms;
  }
  get reference(): number {
    return this.refMs;
  }
  /** Local midnight (ms) of month/day in the right year. */
  private lastKey = -1;
  private lastVal = 0;
  /** Changes whenever resolved years may change (stamp caches compare it). */
  generation = 0;
  dayStart(month: number, day: number): number {
    const key = month * 32 + day;
    if (key === this.lastKey) return this.lastVal;
    const v = this.dayStartSlow(key, month, day);
    this.lastKey = key;
    this.lastVal = v;
    return v;
  }
  private dayStartSlow(key: number, month: number, day: number): number {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const refYear = new Date(this.refMs).getFullYear();
    let t = new Date(refYear, month, day).getTime();
    if (t > this.refMs + 2 * 86400_000) t = new Date(refYear - 1, month, day).getTime();
    this.cache.set(key, t);
    return t;
  }
}

/** The parsed head of a line. One object is reused for every line (see {@link parseHead}). */
export interface LineHead {
  ts: number;
  /** Where the host name is in the line (not sliced: rarely needed). */
  hostStart: number;
  hostEnd: number;
  /** Program without the pid: "postfix/smtpd", "dovecot", "imap-login", "sm-mta", "exim". Empty when none. */
  prog: string;
  /** Where the pid is in the line (read it with headPid; most lines never need it). */
  pidStart: number;
  pidEnd: number;
  /** Index in the line where the message body starts (after "prog[pid]: "). */
  body: number;
  /** How the stamp was written (for format detection and statistics). */
  stamp: 'classic' | 'rfc3339' | 'iso-space' | 'tai64n' | 'journal' | 'none';
  /** The stamp's zone offset in minutes east of UTC, or LOCAL_TIME when it has none. */
  offsetMin: number;
  /** The line is RFC 5424 (`<pri>1 stamp host app procid msgid sd msg`): {@link parseHead} reads its fields. */
  rfc5424: boolean;
  /**
   * Light parsing (summary, problems, follow): lines whose details nobody reads then (connect, disconnect,
   * TLS established, message-id) are answered with a shared event carrying only kind and time.
   */
  light: boolean;
}

export function newHead(): LineHead {
  return { ts: NaN, hostStart: 0, hostEnd: 0, prog: '', pidStart: 0, pidEnd: 0, body: 0, stamp: 'none', offsetMin: LOCAL_TIME, rfc5424: false, light: false };
}

/** The pid of the parsed line ("" when none). */
export function headPid(line: string, h: LineHead): string {
  return h.pidEnd > h.pidStart ? line.slice(h.pidStart, h.pidEnd) : '';
}

const d2 = (s: string, i: number): number => (s.charCodeAt(i) - 48) * 10 + (s.charCodeAt(i + 1) - 48);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Cache for RFC 3339 / ISO stamps: the hour prefix → epoch ms of that hour. */
class HourCache {
  key = '';
  base = NaN;
}
const rfcCache = new HourCache();
const isoCache = new HourCache();

/** Parse a classic `Mmm dd hh:mm:ss` stamp at 0; returns the index after it, or -1. */
let lastMonKey = -1;
let lastMon = -1;
/** The last classic stamp seen: most lines share their second with the line before. */
let lastStamp = '';
let lastStampTs = NaN;
let lastStampClock: StampClock | undefined;
let lastStampGen = -1;

function classicStamp(s: string, clock: StampClock, out: LineHead): number {
  const n = lastStamp.length;
  if (n && clock === lastStampClock && clock.generation === lastStampGen && s.charCodeAt(n) === 32 && s.startsWith(lastStamp)) {
    out.ts = lastStampTs;
    out.stamp = 'classic';
    return n;
  }
  const p = classicStampSlow(s, clock, out);
  if (p > 0 && p <= 16 && s.charCodeAt(p) === 32) {
    lastStamp = s.slice(0, p);
    lastStampTs = out.ts;
    lastStampClock = clock;
    lastStampGen = clock.generation;
  }
  return p;
}

function classicStampSlow(s: string, clock: StampClock, out: LineHead): number {
  const key = (s.charCodeAt(0) << 16) | (s.charCodeAt(1) << 8) | s.charCodeAt(2);
  let month: number | undefined;
  if (key === lastMonKey) month = lastMon;
  else {
    month = MONTHS[s.slice(0, 3)];
    if (month === undefined) return -1;
    lastMonKey = key;
    lastMon = month;
  }
  if (s.charCodeAt(3) !== 32) return -1;
  let p = 4;
  if (s.charCodeAt(p) === 32) p++;
  let day = 0;
  const p0 = p;
  while (p < p0 + 2 && isDigit(s.charCodeAt(p))) day = day * 10 + s.charCodeAt(p++) - 48;
  if (p === p0 || s.charCodeAt(p) !== 32 || day < 1 || day > 31) return -1;
  p++;
  if (s.charCodeAt(p + 2) !== 58 || s.charCodeAt(p + 5) !== 58) return -1;
  const h = d2(s, p), m = d2(s, p + 3), sec = d2(s, p + 6);
  if (!(h >= 0 && h < 24 && m >= 0 && m < 60 && sec >= 0 && sec < 61)) return -1;
  p += 8;
  let ms = 0;
  if (s.charCodeAt(p) === 46) { // fractional seconds (some syslog daemons)
    p++;
    let scale = 100;
    while (isDigit(s.charCodeAt(p))) { ms += (s.charCodeAt(p++) - 48) * scale; scale /= 10; }
  }
  out.ts = clock.dayStart(month, day) + h * 3600_000 + m * 60_000 + sec * 1000 + Math.floor(ms);
  out.stamp = 'classic';
  return p;
}

/** `YYYY-MM-DD[T ]hh:mm:ss[.frac][Z|±hh:mm|±hhmm]` at 0; returns the index after it, or -1. */
function isoStamp(s: string, out: LineHead): number {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return -1;
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 32) return -1;
  let p = 19;
  let frac = 0;
  if (s.charCodeAt(p) === 46 || s.charCodeAt(p) === 44) {
    p++;
    let scale = 100;
    while (isDigit(s.charCodeAt(p))) { frac += (s.charCodeAt(p++) - 48) * scale; scale /= 10; }
  }
  let offsetMin: number | undefined;
  const c = s.charCodeAt(p);
  if (c === 90) { offsetMin = 0; p++; } else if ((c === 43 || c === 45) && isDigit(s.charCodeAt(p + 1))) {
    const oh = d2(s, p + 1);
    let om = 0;
    if (s.charCodeAt(p + 3) === 58) { om = d2(s, p + 4); p += 6; } else if (isDigit(s.charCodeAt(p + 3))) { om = d2(s, p + 3); p += 5; } else p += 3;
    offsetMin = (c === 45 ? -1 : 1) * (oh * 60 + om);
  }
  const cache = offsetMin === undefined ? isoCache : rfcCache;
  const key = s.slice(0, 13) + (offsetMin ?? 'L');
  if (cache.key !== key) {
    const y = Number(s.slice(0, 4)), mo = d2(s, 5) - 1, d = d2(s, 8), h = d2(s, 11);
    if (!(y > 1970 && mo >= 0 && mo < 12 && d >= 1 && d <= 31 && h >= 0 && h < 24)) return -1;
    cache.key = key;
    cache.base = offsetMin === undefined ? new Date(y, mo, d, h).getTime() : Date.UTC(y, mo, d, h) - offsetMin * 60_000;
  }
  const m = d2(s, 14), sec = d2(s, 17);
  if (!(m >= 0 && m < 60 && sec >= 0 && sec < 61)) return -1;
  out.ts = cache.base + m * 60_000 + sec * 1000 + Math.floor(frac);
  out.stamp = sep === 84 ? 'rfc3339' : 'iso-space';
  out.offsetMin = offsetMin ?? LOCAL_TIME;
  return p;
}

/** TAI64N label `@` + 24 hex digits. */
function tai64nStamp(s: string, out: LineHead): number {
  if (s.length < 25) return -1;
  const hi = parseInt(s.slice(1, 9), 16), lo = parseInt(s.slice(9, 17), 16), ns = parseInt(s.slice(17, 25), 16);
  if (!Number.isFinite(hi) || !Number.isFinite(lo) || !Number.isFinite(ns)) return -1;
  out.ts = ((hi - 0x40000000) * 4294967296 + lo - 10) * 1000 + Math.floor(ns / 1e6);
  out.stamp = 'tai64n';
  return 25;
}

/** Parse just the stamp at the start of a line; returns the index after it (0 and ts NaN when none). */
export function parseStamp(s: string, clock: StampClock, out: LineHead, depth = 0): number {
  out.ts = NaN;
  out.stamp = 'none';
  out.offsetMin = LOCAL_TIME;
  out.rfc5424 = false;
  const c = s.charCodeAt(0);
  let p = -1;
  if (c === 60) return priorityStamp(s, clock, out);
  if (c >= 65 && c <= 90) p = classicStamp(s, clock, out);
  else if (isDigit(c)) {
    p = isoStamp(s, out);
    // one runtime stamp and one compose prefix at most: a line of nothing but prefixes must not recurse
    if (p > 0 && depth < 2 && s.charCodeAt(p - 1) === 90 && s.charCodeAt(p) === 32) return runtimeStamp(s, p, clock, out);
  } else if (c === 64) p = tai64nStamp(s, out);
  if (p < 0) {
    out.ts = NaN; out.stamp = 'none';
    p = journalStamp(s, out);
    if (p > 0) return p;
    out.ts = NaN; out.stamp = 'none';
    return depth < 1 ? composePrefix(s, clock, out) : 0;
  }
  return p;
}

/** Zone abbreviations journalctl's short-full prints, as minutes east of UTC (others: read as local time). Data. */
const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0, GMT: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
};
const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);

/**
 * journalctl's other outputs (`-o short-iso` and `-o short-precise` are read above as RFC 3339 and classic stamps):
 * `-o short-full` "Sat 2026-12-05 10:00:02 CET" and `-o short-unix` "1796500000.123456". -1 when neither.
 */
function journalStamp(s: string, out: LineHead): number {
  const c = s.charCodeAt(0);
  if (isDigit(c)) {
    let q = 0;
    while (q < 12 && isDigit(s.charCodeAt(q))) q++;
    if (q < 9 || q > 11 || s.charCodeAt(q) !== 46) return -1;
    let r = q + 1;
    while (r < q + 8 && isDigit(s.charCodeAt(r))) r++;
    if (r === q + 1 || s.charCodeAt(r) !== 32) return -1;
    out.ts = Math.floor(Number(s.slice(0, r)) * 1000);
    out.stamp = 'journal';
    // an instant without the wall time the machine showed: hours are counted in the reader's zone (TZ=…)
    out.offsetMin = LOCAL_TIME;
    return r;
  }
  if (!WEEKDAYS.has(s.slice(0, 3)) || s.charCodeAt(3) !== 32 || !isDigit(s.charCodeAt(4))) return -1;
  const rest = s.slice(4);
  const p = isoStamp(rest, out);
  if (p < 0 || out.stamp !== 'iso-space' || rest.charCodeAt(p) !== 32) return -1;
  let z = p + 1;
  while (z < p + 7 && rest.charCodeAt(z) >= 65 && rest.charCodeAt(z) <= 90) z++;
  if (z - p - 1 < 2 || rest.charCodeAt(z) !== 32) return -1;
  const zone = rest.slice(p + 1, z);
  if (Object.hasOwn(ZONE_ABBREVIATIONS, zone)) {
    const off = ZONE_ABBREVIATIONS[zone]!;
    out.ts = Date.UTC(Number(rest.slice(0, 4)), d2(rest, 5) - 1, d2(rest, 8), d2(rest, 11), d2(rest, 14), d2(rest, 17)) - off * 60_000;
    out.offsetMin = off;
  }
  out.stamp = 'journal';
  return 4 + z;
}

/**
 * A container runtime's stamp before the program's line (`docker logs -t`, `kubectl logs --timestamps`: RFC 3339 in
 * UTC, nanoseconds, "Z"), then the line with its own stamp: the runtime's time is kept (it has the date and the zone),
 * the head is read after the inner stamp. Without an inner stamp the line starts right after the runtime's.
 */
function runtimeStamp(s: string, p: number, clock: StampClock, out: LineHead): number {
  const ts = out.ts, stamp = out.stamp, off = out.offsetMin;
  const c = s.charCodeAt(p + 1);
  if (!((c >= 65 && c <= 90) || isDigit(c) || c === 60)) return p;
  const inner = parseStamp(s.slice(p + 1), clock, out, 2);
  if (inner <= 0) { out.ts = ts; out.stamp = stamp; out.offsetMin = off; out.rfc5424 = false; return p; }
  if (!out.rfc5424) { out.ts = ts; out.stamp = stamp; out.offsetMin = off; }
  return p + 1 + inner;
}

/**
 * `docker compose logs` puts the service before each line, padded, and a bar: `postfix-mailcow-1  | Dec  5 …`.
 * The stamp is read after it (the service name is not the host: the line names its own). 0 when there is none.
 */
function composePrefix(s: string, clock: StampClock, out: LineHead): number {
  let q = 0;
  const n = Math.min(s.length, 80);
  while (q < n) {
    const c = s.charCodeAt(q);
    if (!(isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46 || c === 95)) break;
    q++;
  }
  if (q === 0 || q >= n) return 0;
  while (q < n && s.charCodeAt(q) === 32) q++;
  if (s.charCodeAt(q) !== 124 || s.charCodeAt(q + 1) !== 32) return 0;
  q += 2;
  const c = s.charCodeAt(q);
  if (!((c >= 65 && c <= 90) || isDigit(c) || c === 60 || c === 64)) return 0;
  const p = parseStamp(s.slice(q), clock, out, 1);
  return p > 0 ? q + p : 0;
}

/** `<pri>` then a stamp (`<pri>1 ` first in RFC 5424); returns the index after the stamp, or 0 when none. */
function priorityStamp(s: string, clock: StampClock, out: LineHead): number {
  let q = 1;
  while (q < 5 && isDigit(s.charCodeAt(q))) q++;
  if (q === 1 || s.charCodeAt(q) !== 62) return 0;
  q++;
  const v5424 = s.charCodeAt(q) === 49 && s.charCodeAt(q + 1) === 32;
  if (v5424) q += 2;
  const c = s.charCodeAt(q);
  if (c === 60) return 0;
  // Rare formats: the slice costs one string per line, and keeps the stamp readers indexed from 0.
  const rest = s.slice(q);
  const p = c >= 65 && c <= 90 ? classicStamp(rest, clock, out) : isDigit(c) ? isoStamp(rest, out) : -1;
  if (p < 0) { out.ts = NaN; out.stamp = 'none'; return 0; }
  out.rfc5424 = v5424;
  return q + p;
}

/** RFC 5424 after the stamp: `host app procid msgid sd msg` (NILVALUE `-` for any of them). */
function parse5424(s: string, p: number, out: LineHead): boolean {
  const sp1 = s.indexOf(' ', p);
  if (sp1 < 0) return false;
  const sp2 = s.indexOf(' ', sp1 + 1);
  if (sp2 < 0) return false;
  const sp3 = s.indexOf(' ', sp2 + 1);
  if (sp3 < 0) return false;
  const sp4 = s.indexOf(' ', sp3 + 1);
  if (sp4 < 0) return false;
  if (s.charCodeAt(p) !== 45 || sp1 - p !== 1) { out.hostStart = p; out.hostEnd = sp1; }
  if (s.charCodeAt(sp1 + 1) === 45 && sp2 - sp1 === 2) return false; // no app name: nothing to attribute the line to
  // Structured data: "-" or one or more [id k="v" …] elements; a value may hold "]" or spaces when quoted or escaped.
  let q = sp4 + 1;
  if (s.charCodeAt(q) === 45) q++;
  else {
    while (s.charCodeAt(q) === 91) {
      let quoted = false;
      for (q++; q < s.length; q++) {
        const c = s.charCodeAt(q);
        if (c === 92) { q++; continue; }
        if (c === 34) quoted = !quoted;
        else if (c === 93 && !quoted) { q++; break; }
      }
    }
  }
  if (q < s.length && s.charCodeAt(q) !== 32) return false;
  let body = q + 1;
  if (s.charCodeAt(body) === 0xfeff) body++; // the BOM RFC 5424 puts before a UTF-8 message
  while (s.charCodeAt(body) === 32) body++; // rsyslog's %msg% keeps the space that followed the tag
  out.prog = internProg(s, sp1 + 1, sp2);
  if (!(s.charCodeAt(sp2 + 1) === 45 && sp3 - sp2 === 2)) { out.pidStart = sp2 + 1; out.pidEnd = sp3; }
  out.body = Math.min(body, s.length);
  return true;
}

/**
 * Parse `stamp host prog[pid]: ` (or `stamp prog: ` without a host, as Dovecot's own log writes). Fills `out`
 * and returns true when a program was found; `out.body` points after it. Lines without a program (an Exim main
 * log line, garbage) return false with `out.body` just after the stamp.
 */
export function parseHead(s: string, clock: StampClock, out: LineHead): boolean {
  let p = parseStamp(s, clock, out);
  out.hostStart = out.hostEnd = 0;
  out.prog = '';
  out.pidStart = out.pidEnd = 0;
  if (p > 0) {
    if (s.charCodeAt(p) !== 32) { out.body = p; return false; }
    p++;
    if (out.rfc5424) { out.body = p; return parse5424(s, p, out); }
  }
  out.body = p;
  // token 1: host, or the program when it ends with ':' / has "[pid]:"
  const sp1 = s.indexOf(' ', p);
  if (sp1 < 0) return false;
  if (s.charCodeAt(p) === 60 && s.charCodeAt(sp1 - 1) === 62) return parseAfterPriority(s, sp1 + 1, out); // "<mail.info> host prog:"
  if (!isProgToken(s, p, sp1)) {
    out.hostStart = p;
    out.hostEnd = sp1;
    p = sp1 + 1;
    const sp2 = s.indexOf(' ', p);
    if (sp2 < 0 || !isProgToken(s, p, sp2)) return false;
    return takeProg(s, p, sp2, out);
  }
  return takeProg(s, p, sp1, out);
}

function parseAfterPriority(s: string, p: number, out: LineHead): boolean {
  const sp1 = s.indexOf(' ', p);
  if (sp1 < 0) return false;
  out.hostStart = p;
  out.hostEnd = sp1;
  const sp2 = s.indexOf(' ', sp1 + 1);
  if (sp2 < 0 || !isProgToken(s, sp1 + 1, sp2)) return false;
  return takeProg(s, sp1 + 1, sp2, out);
}

/** Is s[a, b) a "prog:" or "prog[pid]:" token? */
function isProgToken(s: string, a: number, b: number): boolean {
  if (b - a < 2 || s.charCodeAt(b - 1) !== 58) return false;
  return true;
}

function takeProg(s: string, a: number, b: number, out: LineHead): boolean {
  // s[a, b) ends with ':'; "prog[pid]:" or "prog:" or "auth-worker(123):"
  let end = b - 1;
  if (s.charCodeAt(end - 1) === 93) { // ']'
    const lb = s.lastIndexOf('[', end);
    if (lb > a) { out.pidStart = lb + 1; out.pidEnd = end - 1; end = lb; }
  }
  out.prog = internProg(s, a, end);
  out.body = b + 1;
  return true;
}

/** Recently seen program names, by length and last character: most lines reuse a handful, so no new string. */
const progCache: string[] = new Array(512).fill('');
function internProg(s: string, a: number, end: number): string {
  const len = end - a;
  if (len > 63) return s.slice(a, end);
  const slot = (len << 3) | (s.charCodeAt(end - 1) & 7);
  const c = progCache[slot]!;
  if (c.length === len && s.startsWith(c, a)) return c;
  const v = s.slice(a, end);
  progCache[slot] = len < 13 ? v : (v + ' ').slice(0, -1); // own copy: do not pin the chunk
  return progCache[slot]!;
}

/** Format epoch ms as local "YYYY-MM-DD HH:MM:SS" (what the reports show). */
export function fmtTime(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const d = new Date(ms);
  const p = (n: number) => (n < 10 ? '0' + n : String(n));
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Parse a --since/--until value: ISO date/time, "HH:MM" today, or a relative "-2h"/"30m"/"1d" before `now`. */
export function parseTimeArg(v: string, now: number): number {
  const rel = /^-?(\d{1,6})([smhd])$/.exec(v.trim());
  if (rel) return now - Number(rel[1]) * { s: 1000, m: 60_000, h: 3600_000, d: 86400_000 }[rel[2] as 's' | 'm' | 'h' | 'd'];
  const hm = /^(\d{1,2}):(\d{2})$/.exec(v.trim());
  if (hm) {
    const d = new Date(now);
    d.setHours(Number(hm[1]), Number(hm[2]), 0, 0);
    return d.getTime();
  }
  const head = newHead();
  const s = v.trim().length === 10 ? v.trim() + ' 00:00:00' : v.trim();
  const p = parseStamp(s, new StampClock(now), head);
  if (p > 0 && Number.isFinite(head.ts)) return head.ts;
  const t = Date.parse(v);
  if (Number.isFinite(t)) return t;
  throw new RangeError(`cannot read the time "${v}" (use 2026-11-23 14:05, 14:05 or -2h)`);
}
