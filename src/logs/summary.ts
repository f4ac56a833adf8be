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
import { filterVerdictReason } from './diagnose.js';
import { ByteCounter, Counter, type CountRow } from './counters.js';
import type { Reason } from '../core/finding.js';
import { classifyLogText, normalizeReasonText } from './diagnose.js';
import { attemptsIn } from './formats/dovecot.js';
import { LOCAL_TIME, type StampClock } from './stamp.js';
import type { MessageTracker, TrackedMessage } from './messages.js';
import type { LogEvent } from './types.js';

export { MAX_DISTINCT, canonicalIpv4, type CountRow } from './counters.js';

export interface ReasonGroup { reason: Reason; count: number; samples: { text: string; count: number }[] }
/** pflogsumm's per-domain traffic: recipients delivered, their bytes, deferral attempts, bounces, delays (seconds). */
export interface DomainRow { domain: string; delivered: number; bytes: number; deferrals: number; bounced: number; avgDelay: number; maxDelay: number }
export interface PeriodCounts { received: number; delivered: number; deferred: number; bounced: number; rejected: number }

/**
 * The `data` of a `logs summary` report: what was read, the counts (received, delivered, deferred, bounced, rejected
 * …), content filters and postscreen, logins, figures per hour and day, the top lists, delays and reasons.
 */
export interface LogSummaryData {
  inputs: string[];
  /** Sources not read to their end (a truncated .gz …) and why; the lines read before count. */
  notChecked: { source: string; reason: { en: string; pl: string } }[];
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
    /** Messages a content filter kept in quarantine (whether it passed or blocked them). */
    quarantined: number;
    /** Removed from the queue by the administrator (postsuper -d); requeued (postsuper -r); released from hold. */
    deleted: number; requeued: number; released: number;
    bytesReceived: number; bytesDelivered: number; senders: number; recipients: number; openAtEnd: number; peakOpen: number;
  };
  /**
   * Content filters' verdicts (amavis, rspamd, spamd, clamav-milter) by filter and category: passed and blocked
   * messages. One message may be judged by several filters (a milter chain), so rows of different filters overlap.
   */
  filters: { filter: string; category: string; passed: number; blocked: number }[];
  /** Sender authentication verdicts: SPF (policyd-spf) and DMARC (opendmarc) results, with how many messages got each. */
  auth: { method: 'spf' | 'dmarc'; result: string; count: number }[];
  /** postscreen's verdicts on connecting clients, and DNSBL hits per list (dnsblog). */
  screen: { passNew: number; passOld: number; pregreet: number; dnsbl: number; hangup: number; command: number; pipelining: number;
    bareNewline: number; nonSmtp: number; denylisted: number; allowlisted: number; listHits: CountRow[] };
  /** Failed logins: SMTP AUTH (the larger of Postfix's SASL warnings and its disconnect counters) and IMAP/POP3. */
  logins: { failed: number; smtpFailed: number; imapPopFailed: number; topFailedIps: CountRow[] };
  /** Our mail refused or deferred by remote servers, per remote host (delivery perspective); per recipient domain. */
  outbound: { refusedBy: CountRow[]; perDomain: DomainRow[] };
  /** By hour of day (0–23, local time), all days together, as pflogsumm does. */
  perHour: (PeriodCounts & { hour: number })[];
  perDay: (PeriodCounts & { day: string })[];
  top: { senders: CountRow[]; recipients: CountRow[]; senderDomains: CountRow[]; recipientDomains: CountRow[]; saslUsers: CountRow[]; clientIps: CountRow[] };
  /** Delivery delay (seconds) of sent recipients. Percentiles from a fine histogram (±1 % or better). */
  delays: { count: number; avg: number; p50: number; p90: number; p95: number; p99: number; max: number;
    parts: { beforeQueue: number; inQueue: number; connection: number; transmission: number };
    /** Deliveries of messages that went through a content filter or another leg, and the average time before the last leg began. */
    chained: number; filterAvg: number };
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

/** Buffer.prototype.latin1Slice: a string from bytes without toString's argument checks (ASCII bytes only here). */
type Latin1 = { latin1Slice(a: number, b: number): string };
export const latin1 = (buf: Uint8Array, a: number, b: number): string => (buf as unknown as Latin1).latin1Slice(a, b);

/** One group of reasons: its count and its texts (normalised; at most 500 kept, each with its count). */
interface ReasonBucket { count: number; samples: Map<string, { count: number }> }
/** What one raw text (with its DSN and reply code) was counted as. */
export interface ReasonMemo { dsn: string | undefined; replyCode: number | undefined; group: ReasonBucket; sample: { count: number } | undefined }

class ReasonCounter {
  private m = new Map<Reason, ReasonBucket>();
  /**
   * Raw texts already counted: the same deferral or reject text comes back thousands of times (on the bench log,
   * 32 distinct deferral texts in 16,000 lines), and a repeat then costs one Map lookup — no normalising, no
   * classifier key. Cleared when it grows big, so memory stays bounded.
   */
  private memo = new Map<string, ReasonMemo[]>();

  /** Count the text; what it was counted as (to count it again with {@link again}). */
  add(text: string, dsn?: string, replyCode?: number, forced?: Reason): ReasonMemo {
    const known = forced === undefined ? this.memo.get(text) : undefined;
    if (known !== undefined) {
      for (const x of known) {
        if (x.dsn === dsn && x.replyCode === replyCode) {
          this.again(x);
          return x;
        }
      }
    }
    const norm = normalizeReasonText(text);
    const reason = forced ?? classifyLogText(text, dsn, replyCode, norm).reason;
    let g = this.m.get(reason);
    if (!g) { g = { count: 0, samples: new Map() }; this.m.set(reason, g); }
    g.count++;
    const key = dsn ? dsn + ' ' + norm : norm;
    let sample = g.samples.get(key);
    if (sample !== undefined) sample.count++;
    else if (g.samples.size < 500) g.samples.set(own(key), sample = { count: 1 });
    const memo: ReasonMemo = { dsn, replyCode, group: g, sample };
    if (forced !== undefined) return memo;
    if (known !== undefined) known.push(memo);
    else {
      if (this.memo.size >= 20000) this.memo.clear();
      this.memo.set(own(text), [memo]);
    }
    return memo;
  }

  /** Count once more a text counted before as m (its group and sample outlive the memo's clearing). */
  again(m: ReasonMemo): void {
    m.group.count++;
    if (m.sample !== undefined) m.sample.count++;
  }
  groups(): ReasonGroup[] {
    return [...this.m.entries()].map(([reason, g]) => ({
      reason, count: g.count,
      samples: [...g.samples.entries()].map(([text, s]) => ({ text, count: s.count })).sort((a, b) => b.count - a.count).slice(0, 5),
    })).sort((a, b) => b.count - a.count);
  }
}

/**
 * Per recipient domain (pflogsumm's per-domain traffic). Deliveries are counted per recipient address in the
 * summary's recipients counter (with delay columns beside it, see SummaryCollector.rcptDelay) and summed per
 * domain at the end; deferrals and bounces, rare, are counted here by domain.
 */
class DomainStats {
  readonly m = new Map<string, { deferrals: number; bounced: number }>();
  /** kind 1: a deferral, 2: a bounce, of a recipient at `to`. */
  add(to: string, kind: 1 | 2): void {
    const d = domainOf(to);
    let r = this.m.get(d);
    if (!r) {
      if (this.m.size >= 20000) return;
      r = { deferrals: 0, bounced: 0 };
      this.m.set(own(d), r);
    }
    if (kind === 1) r.deferrals++; else r.bounced++;
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

/**
 * Gathers the log summary's figures event by event (add) in one pass, pflogsumm's counts and more; result() gives the
 * LogSummaryData.
 */
export class SummaryCollector {
  private c: LogSummaryData['counts'] = {
    received: 0, delivered: 0, forwarded: 0, filtered: 0, deferred: 0, deferrals: 0, bounced: 0, expired: 0, rejected: 0,
    rejectWarnings: 0, held: 0, discarded: 0, quarantined: 0, deleted: 0, requeued: 0, released: 0, bytesReceived: 0, bytesDelivered: 0,
    senders: 0, recipients: 0, openAtEnd: 0, peakOpen: 0,
  };
  /** Arrivals taken back when a message turned out to continue another (a Counter of negative counts, applied at the end). */
  private sendersBack = new Counter();
  private clientsBack = new Counter();
  private saslBack = new Counter();
  /** Verdicts by filter, then category (amavis CLEAN, rspamd SPAM …): several filters may judge one message. */
  private filterCats = new Map<string, Map<string, { passed: number; blocked: number }>>();
  /** amavis' categories (the fast path counts its lines; no look-up of the filter per line). */
  private amavisCats = this.catsOf('amavis');
  /** SPF and DMARC results ("spf\tsoftfail", "dmarc\tfail" …). */
  private authResults = new Map<string, number>();
  private scr = { passNew: 0, passOld: 0, pregreet: 0, dnsbl: 0, hangup: 0, command: 0, pipelining: 0, bareNewline: 0, nonSmtp: 0, denylisted: 0, allowlisted: 0 };
  private listHits = new Counter();
  private smtpSasl = 0;
  private smtpCounters = 0;
  private imapPop = 0;
  private failedIps = new ByteCounter();
  private refusedBy = new Counter();
  private domains = new DomainStats();
  /** Per entry of the recipients counter: the sum and the longest of its delivery delays (seconds). */
  private delaySum = new Float64Array(1024);
  private delayMax = new Float64Array(1024);
  /** The delivery just counted in the recipients counter took d seconds. */
  private rcptDelay(d: number): void {
    const e = this.recipients.lastEntry;
    if (e < 0) return;
    if (e >= this.delaySum.length) {
      const n = Math.max(e + 1, this.delaySum.length * 2);
      const s2 = new Float64Array(n), m2 = new Float64Array(n);
      s2.set(this.delaySum); m2.set(this.delayMax);
      this.delaySum = s2; this.delayMax = m2;
    }
    this.delaySum[e]! += d;
    if (d > this.delayMax[e]!) this.delayMax[e] = d;
  }

  /** pflogsumm's per-domain table: deliveries summed from the recipients counter, deferrals and bounces by domain. */
  private perDomain(topN: number): DomainRow[] {
    const rows = new Map<string, DomainRow & { sum: number }>();
    const row = (d: string) => {
      let r = rows.get(d);
      if (!r) { r = { domain: d, delivered: 0, bytes: 0, deferrals: 0, bounced: 0, avgDelay: 0, maxDelay: 0, sum: 0 }; rows.set(d, r); }
      return r;
    };
    this.recipients.forEachEntry((key, e, messages, bytes) => {
      const r = row(domainOf(key));
      r.delivered += messages;
      r.bytes += bytes;
      r.sum += this.delaySum[e] ?? 0;
      if ((this.delayMax[e] ?? 0) > r.maxDelay) r.maxDelay = this.delayMax[e]!;
    });
    for (const [d, x] of this.domains.m) { const r = row(d); r.deferrals += x.deferrals; r.bounced += x.bounced; }
    const r3 = (v: number) => Math.round(v * 1000) / 1000;
    return [...rows.values()].map(({ sum, ...r }) => ({ ...r, avgDelay: r3(r.delivered ? sum / r.delivered : 0), maxDelay: r3(r.maxDelay) }))
      .sort((a, b) => b.delivered + b.deferrals + b.bounced - (a.delivered + a.deferrals + a.bounced) || (a.domain < b.domain ? -1 : 1)).slice(0, topN);
  }
  private chained = 0;
  private filterTime = 0;
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
  first = NaN;
  last = NaN;

  constructor(private tracker: MessageTracker) {
    tracker.onLink = (child) => this.takeBack(child);
  }

  /**
   * The running counts (received, delivered, deferred, bounced, rejected …) as they stand, without building a
   * result: read before and after an event, they give what that event changed (the stream's log workers add such
   * changes to per-hour rows). Live: do not change it.
   */
  get counts(): Readonly<LogSummaryData['counts']> { return this.c; }

  /** child turned out to continue another message: its arrival is not one (counted once, at the first leg). */
  private takeBack(m: TrackedMessage): void {
    if (!m.arrivalCounted) return;
    m.arrivalCounted = false;
    this.c.received--;
    const b = this.bucket(m.firstTs);
    b.received--;
    this.perHour[this.hourOf]!.received--;
    if (m.ip) this.clientsBack.add(m.ip, 0);
    if (m.saslUser) this.saslBack.add(m.saslUser, 0);
    if (m.counted) {
      m.counted = false;
      this.sendersBack.add(m.from ?? '', m.size ?? 0);
      this.c.bytesReceived -= m.size ?? 0;
    }
  }

  /**
   * Where the current line's time is read from: the clock of the scan knows the zone offset its stamp wrote. Hours
   * and days are those the log wrote (an RFC 3339 "+01:00" log read on a UTC machine keeps its own hours), unless
   * `byReaderZone` (the user named a zone with --tz).
   */
  clock: StampClock | undefined = undefined;
  byReaderZone = false;
  private utcHour = NaN;
  private localOff = 0;

  /** Milliseconds to add to ts for the wall time the log wrote (or the reader's zone). */
  private wallOffset(ts: number): number {
    const om = this.clock ? this.clock.offsetMin : LOCAL_TIME;
    if (om !== LOCAL_TIME && !this.byReaderZone) return om * 60_000;
    const h = Math.floor(ts / 3600_000);
    if (h !== this.utcHour) { this.utcHour = h; this.localOff = -new Date(ts).getTimezoneOffset() * 60_000; }
    return this.localOff;
  }

  /** The per-day bucket of a timestamp (cached: lines come in time order); sets {@link hourOf}. */
  private bucket(ts: number): PeriodCounts {
    if (!Number.isFinite(ts)) return this.dayCacheVal;
    const wall = ts + this.wallOffset(ts);
    const dayKey = Math.floor(wall / 3600_000);
    if (dayKey !== this.dayCacheKey) {
      this.dayCacheKey = dayKey;
      const d = new Date(wall);
      this.hourOf = d.getUTCHours();
      const day = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
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
        if (m?.requeuedFrom !== undefined || m?.arrivalCounted) break; // the next leg of a message counted already
        if (m) m.arrivalCounted = true;
        this.c.received++;
        this.bucket(ts).received++;
        this.perHour[this.hourOf]!.received++;
        if (e.ip) this.clients.add(e.ip, 0);
        if (e.saslUser) this.sasl.add(e.saslUser, 0);
        if (e.size !== undefined && e.from !== undefined) { this.arrival(e.from, e.size); if (m) m.counted = true; } // Exim, Sendmail
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
          // end to end: from the first leg's arrival (a content filter's re-injection starts a new clock)
          const before = m?.chainStart !== undefined && m.firstTs === m.firstTs ? Math.max(0, (m.firstTs - m.chainStart) / 1000) : 0;
          if (m?.chainStart !== undefined) { this.chained++; this.filterTime += before; }
          this.delays.add(e.delay + before);
          this.rcptDelay(e.delay + before);
          if (e.delays) {
            this.parts[0]! += e.delays[0]; this.parts[1]! += e.delays[1]; this.parts[2]! += e.delays[2]; this.parts[3]! += e.delays[3];
            this.partsN++;
          }
        } else if (e.status === 'deferred') {
          // the tracker counts deferrals per message (and knows whether an earlier leg was deferred already)
          const first = m ? m.deferrals === 1 && !m.deferredBefore : !this.deferredQids.has(e.qid);
          if (first && !m) this.deferredQids.add(own(e.qid));
          this.deferral(b, first, e.text, e.dsn);
          this.domains.add(e.to, 1);
          this.refusal(e.relay, e.text);
        } else if (e.status === 'bounced' || e.status === 'expired') {
          this.bounce(b, e.text, e.dsn);
          this.domains.add(e.to, 2);
          this.refusal(e.relay, e.text);
        } else if (e.status === 'forwarded') this.c.forwarded++;
        else if (e.status === 'filtered') this.c.filtered++;
        else if (e.status === 'discarded') this.c.discarded++;
        break;
      }
      case 'filter': {
        const cats = e.filter === 'amavis' ? this.amavisCats : this.catsOf(e.filter);
        let f = cats.get(e.category);
        if (!f) { f = { passed: 0, blocked: 0 }; cats.set(own(e.category), f); }
        if (e.verdict === 'passed') f.passed++; else f.blocked++;
        if (e.quarantined) this.c.quarantined++;
        break;
      }
      case 'authcheck': {
        const key = e.method + '\t' + e.result;
        this.authResults.set(key, (this.authResults.get(key) ?? 0) + 1);
        break;
      }
      case 'admin':
        if (e.action === 'hold') this.c.held++;
        else if (e.action === 'release') this.c.released++;
        else if (e.action === 'requeue') this.c.requeued++;
        else this.c.deleted++;
        break;
      case 'screen': {
        const v = e.verdict, sc = this.scr;
        if (v === 'listed') { if (e.list) this.listHits.add(e.list, 0); }
        else if (v === 'pass-new') sc.passNew++;
        else if (v === 'pass-old') sc.passOld++;
        else if (v === 'pregreet') sc.pregreet++;
        else if (v === 'dnsbl') sc.dnsbl++;
        else if (v === 'hangup') sc.hangup++;
        else if (v === 'command') sc.command++;
        else if (v === 'pipelining') sc.pipelining++;
        else if (v === 'bare-newline') sc.bareNewline++;
        else if (v === 'non-smtp') sc.nonSmtp++;
        else if (v === 'denylisted') sc.denylisted++;
        else sc.allowlisted++;
        break;
      }
      case 'expired':
        this.c.expired++;
        break;
      case 'removed':
        if (this.deferredQids.size) this.deferredQids.delete(e.qid);
        break;
      case 'reject': {
        this.bucket(ts); // every action has its day in perDay, as before
        if (e.action === 'reject') this.rejected(ts, e.text, e.dsn, e.replyCode, filterVerdictReason(m?.filter, e.stage, e.replyCode, e.dsn));
        else if (e.action === 'warn') this.c.rejectWarnings++;
        else if (e.action === 'hold') this.c.held++;
        else if (e.action === 'discard') this.c.discarded++;
        break;
      }
      case 'connect': this.smtp.connections++; break;
      case 'disconnect':
        this.smtp.disconnects++;
        if (e.authFailed) this.smtpCounters += e.authFailed;
        break;
      case 'tls': if (e.ok) this.smtp.tls++; else this.smtp.tlsFailures++; break;
      case 'auth-fail': this.authFail(e.method, e.ip, e.line); break;
      case 'login': this.smtp.imapPopLogins++; break;
      case 'daemon': {
        const slash = e.prog.lastIndexOf('/');
        this.daemon(e.level, slash >= 0 ? e.prog.slice(slash + 1) : e.prog, e.text);
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

  /** The time of the fast path's current line (set by src/logs/fast.ts; unboxed). */
  readonly time = new Float64Array(1);

  /** A fast line that counts for nothing but its time. */
  fastSeen(): void {
    this.seen(this.time[0]!);
  }

  /** smtpd `QID: client=host[ip][, sasl_username=u]` (the message marked received); queue id buf[qa, qb). Empty ranges: absent. */
  fastReceived(buf: Uint8Array, qa: number, qb: number, ipA: number, ipB: number, userA: number, userB: number): void {
    const ts = this.time[0]!;
    this.seen(ts);
    void qa; void qb;
    this.c.received++;
    this.bucket(ts).received++;
    this.perHour[this.hourOf]!.received++;
    if (ipB > ipA) this.clients.addBytes(buf, ipA, ipB, 0);
    if (userB > userA) this.sasl.addBytes(buf, userA, userB, 0);
  }

  /** qmgr `QID: from=<a>, size=n, …`; count: the message arrived in this log and its size is not counted yet. */
  fastQueued(count: boolean, buf: Uint8Array, fromA: number, fromB: number, size: number): void {
    this.seen(this.time[0]!);
    if (count) {
      this.senders.addBytes(buf, fromA, fromB, size);
      this.c.bytesReceived += size;
    }
  }

  /**
   * A plain `status=sent` delivery (not forwarded, not a content-filter hop); d: delay, then the four delays=
   * parts (NaN: none); before: seconds between the first leg's arrival and this leg's (chained: a later leg).
   */
  fastSent(size: number, buf: Uint8Array, toA: number, toB: number, d: Float64Array, before: number, chained: boolean): void {
    const ts = this.time[0]!;
    this.seen(ts);
    const b = this.bucket(ts);
    this.c.delivered++;
    b.delivered++;
    this.perHour[this.hourOf]!.delivered++;
    this.recipients.addBytes(buf, toA, toB, size);
    this.c.bytesDelivered += size;
    if (chained) { this.chained++; this.filterTime += before; }
    this.delays.add(d[0]! + before);
    this.rcptDelay(d[0]! + before);
    const d0 = d[1]!;
    if (d0 === d0) {
      this.parts[0]! += d0; this.parts[1]! += d[2]!; this.parts[2]! += d[3]!; this.parts[3]! += d[4]!;
      this.partsN++;
    }
  }

  /** qmgr `QID: removed`, queue id buf[qa, qb). */
  fastRemoved(buf: Uint8Array, qa: number, qb: number): void {
    this.seen(this.time[0]!);
    if (this.deferredQids.size) this.deferredQids.delete(latin1(buf, qa, qb));
  }

  /** connect / disconnect (with its failed AUTH commands) / TLS established / TLS failure (SSL_accept, SSL_connect error) lines. */
  fastSession(kind: 0 | 1 | 2 | 3, authFailed: number): void {
    this.seen(this.time[0]!);
    if (kind === 0) this.smtp.connections++;
    else if (kind === 1) { this.smtp.disconnects++; this.smtpCounters += authFailed; }
    else if (kind === 2) this.smtp.tls++;
    else this.smtp.tlsFailures++;
  }

  /** A loopback arrival (localhost[127.0.0.1]) that turned out to be one: counted at ts, when it arrived. */
  fastLoopArrival(ts: number): void {
    this.c.received++;
    this.bucket(ts).received++;
    this.perHour[this.hourOf]!.received++;
    this.clients.add('127.0.0.1', 0);
  }

  /** A hop to a content filter whose re-injected leg is in this log (not a delivery). */
  fastFiltered(): void {
    this.seen(this.time[0]!);
    this.c.filtered++;
  }

  /** postscreen "PASS NEW" (0) or "PASS OLD" (1). */
  fastScreen(pass: 0 | 1): void {
    this.seen(this.time[0]!);
    if (pass === 0) this.scr.passNew++; else this.scr.passOld++;
  }

  /** The category counts of one filter (created on first use). */
  private catsOf(filter: string): Map<string, { passed: number; blocked: number }> {
    let m = this.filterCats.get(filter);
    if (!m) { m = new Map(); this.filterCats.set(own(filter), m); }
    return m;
  }

  /** A content filter's verdict (amavis), read from the buffer: its category, passed or blocked, quarantined. */
  fastFilter(category: string, passed: boolean, quarantined: boolean): void {
    this.seen(this.time[0]!);
    let f = this.amavisCats.get(category);
    if (!f) { f = { passed: 0, blocked: 0 }; this.amavisCats.set(own(category), f); }
    if (passed) f.passed++; else f.blocked++;
    if (quarantined) this.c.quarantined++;
  }

  /** A `status=deferred` delivery to buf[toA, toB) via relay; first: the message's first deferral. */
  fastDeferred(first: boolean, text: string, dsn: string, buf: Uint8Array, toA: number, toB: number, relay: string): void {
    const ts = this.time[0]!;
    this.seen(ts);
    this.deferral(this.bucket(ts), first, text, dsn);
    this.domains.add(latin1(buf, toA, toB), 1);
    this.refusal(relay, text);
  }

  /** A `status=bounced` delivery to buf[toA, toB) via relay. */
  fastBounced(text: string, dsn: string, buf: Uint8Array, toA: number, toB: number, relay: string): void {
    const ts = this.time[0]!;
    this.seen(ts);
    this.bounce(this.bucket(ts), text, dsn);
    this.domains.add(latin1(buf, toA, toB), 2);
    this.refusal(relay, text);
  }

  /** A daemon `warning:` line (prog: the program's last name, "smtpd"). */
  fastDaemon(level: 'warning', prog: string, text: string): void {
    this.seen(this.time[0]!);
    this.daemon(level, prog, text);
  }

  private deferral(b: PeriodCounts, first: boolean, text: string, dsn: string): void {
    this.c.deferrals++;
    if (first) {
      this.c.deferred++;
      b.deferred++;
      this.perHour[this.hourOf]!.deferred++;
    }
    this.def.add(text, dsn);
  }

  private bounce(b: PeriodCounts, text: string, dsn: string): void {
    this.c.bounced++;
    b.bounced++;
    this.perHour[this.hourOf]!.bounced++;
    this.bnc.add(text, dsn);
  }

  private daemon(lv: 'warning' | 'error' | 'fatal' | 'panic', prog: string, rawText: string): void {
    if (lv === 'warning') this.daemonCounts.warnings++;
    else if (lv === 'error') this.daemonCounts.errors++;
    else if (lv === 'fatal') this.daemonCounts.fatal++;
    else this.daemonCounts.panic++;
    const text = normalizeReasonText(rawText);
    const key = lv + '|' + prog + '|' + text;
    const r = this.daemonTop.get(key);
    if (r) r.count++;
    else if (this.daemonTop.size < 2000) this.daemonTop.set(own(key), { level: lv, prog: own(prog), text: own(text), count: 1 });
  }

  /** A NOQUEUE `reject:` (smtpd, postscreen), without the event object; what its text was counted as. */
  fastReject(text: string, dsn: string | undefined, replyCode: number | undefined): ReasonMemo {
    const ts = this.time[0]!;
    this.seen(ts);
    return this.rejected(ts, text, dsn, replyCode);
  }

  /** A NOQUEUE `reject:` whose raw text was counted before as m. */
  fastRejectAgain(m: ReasonMemo): void {
    const ts = this.time[0]!;
    this.seen(ts);
    this.countRejected(ts);
    this.rej.again(m);
  }

  /** A `warning: host[ip]: SASL … authentication failed` line. */
  fastAuthFail(buf: Uint8Array, ipA: number, ipB: number): void {
    this.seen(this.time[0]!);
    this.smtpSasl++;
    if (ipB > ipA) this.failedIps.addBytes(buf, ipA, ipB, 0);
  }

  /** A failed login: SMTP AUTH (Postfix's SASL warning), a login process (IMAP/POP3, its attempts), or the auth backend (not counted: it repeats one of the others). */
  private authFail(method: string | undefined, ip: string, line: string): void {
    if (method === 'auth-db') return;
    if (method === 'login-process') { const n = attemptsIn(line); this.imapPop += n; if (ip) for (let i = 0; i < n; i++) this.failedIps.add(ip, 0); return; }
    this.smtpSasl++;
    if (ip) this.failedIps.add(ip, 0);
  }


  /** A remote server refused or deferred our mail ("host X said: …", "refused to talk to me"): by that host. */
  private refusal(relay: string, text: string): void {
    if (!text.startsWith('host ') || (text.indexOf(' said: ') < 0 && text.indexOf(' refused to talk to me') < 0)) return;
    const lb = relay.indexOf('[');
    this.refusedBy.add(lb > 0 ? relay.slice(0, lb) : relay || '?', 0);
  }

  private rejected(ts: number, text: string, dsn: string | undefined, replyCode: number | undefined, forced?: Reason): ReasonMemo {
    this.countRejected(ts);
    return this.rej.add(text, dsn, replyCode, forced);
  }

  private countRejected(ts: number): void {
    this.c.rejected++;
    this.bucket(ts).rejected++;
    this.perHour[this.hourOf]!.rejected++;
  }

  private arrival(from: string, size: number): void {
    this.senders.add(from, size);
    this.c.bytesReceived += size;
  }

  /** The numbers, ready for Report.data. */
  result(meta: { inputs: string[]; notChecked: LogSummaryData['notChecked']; format: string | undefined; formats: Record<string, number>; stamps: Record<string, number>; lines: number; parsed: number; unparsed: number; unparsedSamples: string[] }, topN = 10): LogSummaryData {
    // addresses are counted as logged; normalising (domain in lower case, as pflogsumm does) and the domain
    // tables are derived here, once, instead of per line
    // a re-injected leg whose Message-ID line lies past the end: not shown to be an arrival (as the fast path counts)
    for (const m of this.tracker.unconfirmedLoopbacks()) this.takeBack(m);
    const senders = this.senders.toCounter().minus(this.sendersBack).mapKeys(normAddr);
    const recipients = this.recipients.toCounter().mapKeys(normAddr);
    const senderDomains = senders.mapKeys((a) => (a === 'from=<>' ? '<>' : domainOf(a)));
    const recipientDomains = recipients.mapKeys(domainOf);
    const counts = { ...this.c, senders: senders.m.size, recipients: recipients.m.size, openAtEnd: this.tracker.openCount(), peakOpen: this.tracker.peakOpen };
    const n = this.partsN || 1;
    const r3 = (v: number) => Math.round(v * 1000) / 1000;
    const out: LogSummaryData = {
      ...meta,
      counts,
      perHour: this.perHour.map((p, hour) => ({ hour, ...p })),
      perDay: [...this.perDay.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([day, p]) => ({ day, ...p })),
      top: {
        senders: senders.top(topN), recipients: recipients.top(topN), senderDomains: senderDomains.top(topN),
        recipientDomains: recipientDomains.top(topN), saslUsers: this.sasl.toCounter().minus(this.saslBack).top(topN),
        clientIps: this.clients.toCounter().minus(this.clientsBack).top(topN),
      },
      filters: [...this.filterCats.entries()].flatMap(([filter, cats]) => [...cats.entries()].map(([category, f]) => ({ filter, category, ...f })))
        .sort((a, b) => b.passed + b.blocked - a.passed - a.blocked),
      auth: [...this.authResults.entries()].map(([key, count]) => { const t = key.indexOf('\t'); return { method: key.slice(0, t) as 'spf' | 'dmarc', result: key.slice(t + 1), count }; })
        .sort((a, b) => (a.method < b.method ? -1 : a.method > b.method ? 1 : b.count - a.count)),
      screen: { ...this.scr, listHits: this.listHits.top(topN) },
      logins: { failed: Math.max(this.smtpSasl, this.smtpCounters) + this.imapPop, smtpFailed: Math.max(this.smtpSasl, this.smtpCounters), imapPopFailed: this.imapPop, topFailedIps: this.failedIps.toCounter().top(topN) },
      outbound: {
        refusedBy: this.refusedBy.top(topN),
        perDomain: this.perDomain(topN),
      },
      delays: {
        count: this.delays.count, avg: r3(this.delays.count ? this.delays.sum / this.delays.count : 0),
        p50: r3(this.delays.quantile(0.5)), p90: r3(this.delays.quantile(0.9)), p95: r3(this.delays.quantile(0.95)),
        p99: r3(this.delays.quantile(0.99)), max: r3(this.delays.max),
        parts: { beforeQueue: r3(this.parts[0]! / n), inQueue: r3(this.parts[1]! / n), connection: r3(this.parts[2]! / n), transmission: r3(this.parts[3]! / n) },
        chained: this.chained, filterAvg: r3(this.chained ? this.filterTime / this.chained : 0),
      },
      reasons: { rejected: this.rej.groups(), deferred: this.def.groups(), bounced: this.bnc.groups() },
      smtp: { ...this.smtp, authFailures: Math.max(this.smtpSasl, this.smtpCounters) + this.imapPop },
      daemon: { ...this.daemonCounts, top: [...this.daemonTop.values()].sort((a, b) => b.count - a.count).slice(0, topN) },
    };
    if (Number.isFinite(this.first)) out.first = new Date(this.first).toISOString();
    if (Number.isFinite(this.last)) out.last = new Date(this.last).toISOString();
    return out;
  }
}
