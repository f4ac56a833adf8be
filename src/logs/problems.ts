/**
 * `logs problems` (and `logs follow`): things that need a person, each a Finding with the log lines that show it.
 * - an account (SASL user, or the sender of locally submitted mail) or a client IP over the sending limits per
 *   hour / per day (defaults from the hosting help: 200 an hour and 500 a day per account, 300 an hour per IP);
 * - a wave of rejections from one receiving provider (our IP or domain is probably on a block list);
 * - password guessing (failed logins) from one IP;
 * - deferred mail piling up; TLS failures; messages stuck in the queue longer than N hours; fatal/panic lines.
 * Counting windows are calendar hours and days (local time), as hosting panels count.
 */
import { own } from './own.js';
import { createRequire } from 'node:module';
import type { Evidence, Finding, Status } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { describeReason } from '../knowledge/reasons.js';
import { classifyLogText, toDiagnosis } from './diagnose.js';
import { providerFor } from '../classify/providers/index.js';
import { attemptsIn } from './formats/dovecot.js';
import type { TrackedMessage } from './messages.js';
import { fmtTime } from './stamp.js';
import { redactLogLine } from './redact.js';
import type { LogEvent } from './types.js';

/**
 * The thresholds from which a log pattern is reported as a problem (sending bursts, failed logins, rejection waves,
 * piles of deferred mail …); DEFAULT_LOG_LIMITS gives the defaults.
 */
export interface LogProblemLimits {
  /** Mails (recipients) per account per hour / per day; per client IP per hour. */
  accountPerHour: number;
  accountPerDay: number;
  ipPerHour: number;
  /** Failed logins from one IP within an hour. */
  authFailuresPerHour: number;
  /** Block-type rejections from one provider within an hour. */
  rejectWave: number;
  /** Messages deferred and still waiting at the same time. */
  deferredPile: number;
  /** Hours in the queue after which a message counts as stuck. */
  stuckHours: number;
  /** TLS failures (all peers) before it is a warning. */
  tlsFailures: number;
  /** Recipients deferred at the same time for one destination domain. */
  destinationPile: number;
  /** Refusals by our own DNSBL of mail relayed by a big provider before it is a likely false positive. */
  rblProvider: number;
  /** DMARC failures of mail claiming one From domain before it is reported (forgery, or a sender's broken set-up). */
  dmarcFailures: number;
}

/** Defaults: sending limits from the hosting help articles (seeds 000, 002); the rest are common alert levels. */
export const DEFAULT_LOG_LIMITS: LogProblemLimits = {
  accountPerHour: 200, accountPerDay: 500, ipPerHour: 300, authFailuresPerHour: 10, rejectWave: 10,
  deferredPile: 50, stuckHours: 4, tlsFailures: 5, destinationPile: 10, rblProvider: 3, dmarcFailures: 3,
};

/** opendmarc's reply when it refuses a message: "rejected by DMARC policy for bank.test". */
const DMARC_REFUSED = 'DMARC policy for ';
/** Seconds around a filter's error within which a milter's "try again later" counts as caused by it. */
const FILTER_DOWN_WINDOW_MS = 5000;
/** At most this many time stamps kept for the filter-down matching (memory stays bounded). */
const MAX_TIMES = 100_000;

const MAX_EVIDENCE = 8;

/** Words in a refusal that point to a block list or bad reputation (backs up the classifier). */
const BLOCK_WORDS = /\bblock(?:ed|list)\b|blacklist|\blisted\b|spamhaus|spamcop|barracuda|reputation|dnsbl|\brbl\b|unsolicited|banned/i;
/** Greylisting and similar "try again" answers are not a block, whatever words they use. */
const NOT_BLOCK = /greylist|graylist|try again later|temporarily deferred/i;
const BLOCK_REASONS = new Set(['blocked', 'badreputation', 'spamdetected']);
/** A refusal naming the DNS block list that decided ("… blocked using zen.spamhaus.org"). */
const BLOCKED_USING = /blocked using ([A-Za-z0-9.-]{3,253})/;
/** A DNSBL look-up that failed or timed out (postscreen, dnsblog, smtpd's reject_rbl_client). */
const DNSBL_DOWN = /dnsblog reply timeout \S+ for ([A-Za-z0-9.-]+)|dnsblog_query: lookup error for DNS query ([A-Za-z0-9.-]+)|(?:dnsbl|rbl) lookup error for [^ ]* ([A-Za-z0-9.-]+)/i;
/** An outbound delivery deferred because TLS could not be had or verified. */
const TLS_REFUSED = /certificate not verified|certificate verification failed|TLS is required, but|Cannot start TLS|TLS handshake failed|tls.*(?:unavailable|failure)/i;

interface Window { key: number; count: number; max: number; maxKey: number; evidence: Evidence[]; extra: Set<string>; raised: boolean; first: number; last: number }

const ev = (line: string): Evidence => ({ kind: 'log', value: own(redactLogLine(line.length > 500 ? line.slice(0, 500) + '…' : line)) });
const hourKey = (ts: number) => Math.floor(ts / 3600_000);
const dayKey = (ts: number) => { const d = new Date(ts); return d.getFullYear() * 1000 + d.getMonth() * 40 + d.getDate(); };

/** Counts in fixed windows per key; remembers the worst window and its evidence. */
class WindowCounter {
  readonly m = new Map<string, Window & { cur: Evidence[]; curFirst: number }>();
  constructor(private limit: number, private windowOf: (ts: number) => number, private onCross: (key: string, w: Window) => void) {}
  add(key: string, ts: number, n: number, line: string, extra?: string): void {
    const wk = this.windowOf(ts);
    let w = this.m.get(key);
    if (!w) {
      w = { key: wk, count: 0, max: 0, maxKey: wk, evidence: [], extra: new Set(), raised: false, first: ts, last: ts, cur: [], curFirst: ts };
      this.m.set(own(key), w);
    }
    if (w.key !== wk) { // a new window: count afresh; the worst window so far keeps its evidence
      w.key = wk;
      w.count = 0;
      w.cur = [];
      w.curFirst = ts;
      w.raised = false;
    }
    w.count += n;
    w.last = ts;
    if (extra && w.extra.size < 20 && !w.extra.has(extra)) w.extra.add(own(extra));
    if (w.cur.length < MAX_EVIDENCE) w.cur.push(ev(line));
    if (w.count > w.max) { // this window is now the worst: its lines are the evidence
      w.max = w.count;
      w.maxKey = wk;
      w.evidence = w.cur;
      w.first = w.curFirst;
    }
    // once per key and window (follow mode tells again when the next hour or day is over the limit too)
    if (w.count >= this.limit && !w.raised) { w.raised = true; this.onCross(key, w); }
  }
  over(): [string, Window][] {
    return [...this.m.entries()].filter(([, w]) => w.max >= this.limit);
  }
}

/**
 * Watches a stream of log events (add) for problems over sliding windows — bursts from one account or IP, login
 * attacks, rejection waves, deferred piles, TLS failures — and gives them as findings at the end, or live to a
 * callback.
 */
export class ProblemDetector {
  private acctHour: WindowCounter;
  private acctDay: WindowCounter;
  private ipHour: WindowCounter;
  private authFail: WindowCounter;
  private wave: WindowCounter;
  private authKinds = new Map<string, { db: number; login: number; smtp: number; hour: number }>();
  private tls: { count: number; evidence: Evidence[]; peers: Map<string, number> } = { count: 0, evidence: [], peers: new Map() };
  private deferredOpen = new Set<string>();
  private deferredPeak = 0;
  private deferredPeakTs = NaN;
  private deferredEvidence: Evidence[] = [];
  private late: { count: number; evidence: Evidence[]; max: number } = { count: 0, evidence: [], max: 0 };
  private fatal: { level: string; text: string; line: string; count: number }[] = [];
  private lastTs = NaN;
  private waveSample = new Map<string, { text: string; dsn: string }>();
  /** Content filter verdicts that kept mail from its recipients (or quarantined it). */
  private filtered = { blocked: 0, quarantined: 0, byCategory: new Map<string, number>(), evidence: [] as Evidence[], discardedLines: 0, discardEvidence: [] as Evidence[] };
  /** DNSBL look-ups that timed out or failed (postscreen, dnsblog, smtpd), by list. */
  private dnsblDown = { count: 0, lists: new Map<string, number>(), evidence: [] as Evidence[] };
  /** Our DNSBL refusing a big provider's relays: provider → list → count. */
  private rblProviders = new Map<string, { count: number; lists: Set<string>; evidence: Evidence[]; senders: Set<string> }>();
  /** DMARC failures by the From domain judged: how many, how many the policy refused, sample lines. */
  private dmarc = new Map<string, { fails: number; refused: number; ips: Set<string>; evidence: Evidence[] }>();
  /** SPF checks that ended in temperror (DNS did not answer in time), by the domain checked. */
  private spfTemp = { count: 0, domains: new Map<string, number>(), evidence: [] as Evidence[] };
  /** Errors of filters and milters (a scanner not answering …), by program, and when. */
  private filterErr = { count: 0, progs: new Map<string, number>(), evidence: [] as Evidence[], times: [] as number[] };
  /** Whole messages a milter or cleanup refused with a 4xx ("try again later"): when, and sample lines. */
  private tempfails = { times: [] as number[], lines: [] as string[] };
  /** Recipients whose mailbox was full, ours (delivered here) or remote. */
  private full = new Map<string, { count: number; local: boolean; line: string }>();
  /** Recipients waiting for a retry, per destination domain: qid+recipient keys, the worst delay, a sample reply. */
  private destinations = new Map<string, { open: Set<string>; peak: number; maxDelay: number; text: string; evidence: Evidence[] }>();

  constructor(private limits: LogProblemLimits = DEFAULT_LOG_LIMITS, private live?: (f: Finding) => void) {
    const L = limits;
    this.acctHour = new WindowCounter(L.accountPerHour, hourKey, (k, w) => this.raise(this.limitFinding('hour', k, w)));
    this.acctDay = new WindowCounter(L.accountPerDay, dayKey, (k, w) => this.raise(this.limitFinding('day', k, w)));
    this.ipHour = new WindowCounter(L.ipPerHour, hourKey, (k, w) => this.raise(this.limitFinding('ip', k, w)));
    this.authFail = new WindowCounter(L.authFailuresPerHour, hourKey, (k, w) => this.raise(this.bruteFinding(k, w)));
    this.wave = new WindowCounter(L.rejectWave, hourKey, (k, w) => this.raise(this.waveFinding(k, w)));
  }

  private raise(f: Finding): void {
    this.live?.(f);
  }

  add(e: LogEvent, m: TrackedMessage | undefined): void {
    if (e.ts === e.ts && !(e.ts <= this.lastTs)) this.lastTs = e.ts;
    switch (e.k) {
      case 'queued':
        if (m && m.received && !m.requeuedFrom && (m.saslUser || m.origin === 'local')) this.sent(m, e.ts, e.line, e.nrcpt);
        break;
      case 'received':
        if (e.size !== undefined && m && (m.saslUser || m.origin === 'local')) this.sent(m, e.ts, e.line, e.nrcpt ?? 1);
        break;
      case 'filter':
        if (e.verdict === 'blocked' || e.quarantined) {
          if (e.verdict === 'blocked') this.filtered.blocked++;
          if (e.quarantined) this.filtered.quarantined++;
          const key = `${e.verdict === 'blocked' ? 'Blocked' : 'Passed'} ${e.category}`;
          this.filtered.byCategory.set(key, (this.filtered.byCategory.get(key) ?? 0) + 1);
          if (this.filtered.evidence.length < MAX_EVIDENCE) this.filtered.evidence.push(ev(e.line));
        }
        break;
      case 'reject':
        if (e.action === 'reject' && e.client && e.client !== 'unknown') this.ownRbl(e.client, e.text, e.from, e.line);
        if (e.action === 'reject' && e.qid && (e.stage === 'END-OF-MESSAGE' || e.stage === 'DATA')) {
          const d = e.text.indexOf(DMARC_REFUSED);
          if (d >= 0) {
            const dom = e.text.slice(d + DMARC_REFUSED.length).split(/[\s;]/, 1)[0]!.toLowerCase();
            const r = this.dmarc.get(dom);
            if (r) r.refused++;
          }
          const temp = e.replyCode !== undefined ? e.replyCode >= 400 && e.replyCode < 500 : (e.dsn ?? '').startsWith('4.');
          if (temp && this.tempfails.times.length < MAX_TIMES) { this.tempfails.times.push(e.ts); this.tempfails.lines.push(own(e.line)); }
        }
        break;
      case 'authcheck':
        if (e.method === 'dmarc' && e.result === 'fail') {
          let r = this.dmarc.get(e.domain);
          if (!r) { if (this.dmarc.size >= 20000) break; r = { fails: 0, refused: 0, ips: new Set(), evidence: [] }; this.dmarc.set(own(e.domain), r); }
          r.fails++;
          if (m?.ip && r.ips.size < 20) r.ips.add(own(m.ip));
          if (r.evidence.length < MAX_EVIDENCE) r.evidence.push(ev(e.line));
          if (r.fails === this.limits.dmarcFailures) this.raise(this.dmarcFinding(e.domain, r));
        } else if (e.method === 'spf' && e.result === 'temperror') {
          this.spfTemp.count++;
          if (this.spfTemp.domains.size < 1000 || this.spfTemp.domains.has(e.domain)) this.spfTemp.domains.set(own(e.domain), (this.spfTemp.domains.get(e.domain) ?? 0) + 1);
          if (this.spfTemp.evidence.length < MAX_EVIDENCE) this.spfTemp.evidence.push(ev(e.line));
          if (this.spfTemp.count === 1) this.raise(this.spfTempFinding());
        }
        break;
      case 'delivery': {
        if (e.status === 'discarded') {
          this.filtered.discardedLines++;
          if (this.filtered.discardEvidence.length < MAX_EVIDENCE) this.filtered.discardEvidence.push(ev(e.line));
        }
        if (e.status === 'deferred' || e.status === 'bounced') {
          const c = classifyLogText(e.text, e.dsn);
          if (c.reason === 'mailboxfull') {
            const local = !e.text.startsWith('host ');
            const r = this.full.get(e.to);
            if (r) r.count++; else if (this.full.size < 1000) this.full.set(own(e.to), { count: 1, local, line: own(e.line) });
          }
          if (e.status === 'deferred' && TLS_REFUSED.test(e.text)) this.tlsFailed(e.relay, e.line);
        }
        this.destination(e);
        if (e.status === 'deferred') {
          this.deferredOpen.add(own(e.qid));
          if (this.deferredOpen.size > this.deferredPeak) {
            this.deferredPeak = this.deferredOpen.size;
            this.deferredPeakTs = e.ts;
            if (this.deferredEvidence.length < MAX_EVIDENCE) this.deferredEvidence.push(ev(e.line));
          }
        } else if (e.status !== 'filtered') this.deferredOpen.delete(e.qid);
        if (e.status === 'sent' && e.delay > this.limits.stuckHours * 3600) {
          this.late.count++;
          if (e.delay > this.late.max) this.late.max = e.delay;
          if (this.late.evidence.length < MAX_EVIDENCE) this.late.evidence.push(ev(e.line));
        }
        if (e.status === 'deferred' || e.status === 'bounced') {
          const head = e.text.slice(0, 300);
          if (!NOT_BLOCK.test(head) && (BLOCK_WORDS.test(head) || BLOCK_REASONS.has(classifyLogText(e.text, e.dsn).reason))) {
            const provider = providerOf(e.relay, e.to);
            if (!this.waveSample.has(provider)) this.waveSample.set(own(provider), { text: own(e.text), dsn: e.dsn });
            this.wave.add(provider, e.ts, 1, e.line, e.to);
          }
        }
        break;
      }
      case 'removed':
        this.deferredOpen.delete(e.qid);
        break;
      case 'auth-fail': {
        if (!e.ip) break;
        // the same wrong password is logged by the login process and by the auth process (and by Postfix for
        // SMTP AUTH via Dovecot): count the larger of the two views, not their sum
        const hk = hourKey(e.ts);
        let k = this.authKinds.get(e.ip);
        if (!k || k.hour !== hk) { k = { db: 0, login: 0, smtp: 0, hour: hk }; this.authKinds.set(own(e.ip), k); }
        const before = Math.max(k.db, k.login + k.smtp);
        if (e.method === 'auth-db') k.db++;
        else if (e.method === 'login-process') k.login += attemptsIn(e.line);
        else k.smtp++;
        const after = Math.max(k.db, k.login + k.smtp);
        if (after > before) this.authFail.add(e.ip, e.ts, after - before, e.line, e.user);
        break;
      }
      case 'tls':
        if (!e.ok) this.tlsFailed(e.ip || e.peer || '?', e.line);
        break;
      case 'daemon':
        if (e.fmt === 'filter' && e.level === 'error') {
          const f = this.filterErr;
          f.count++;
          f.progs.set(own(e.prog), (f.progs.get(e.prog) ?? 0) + 1);
          if (f.times.length < MAX_TIMES) f.times.push(e.ts);
          if (f.evidence.length < MAX_EVIDENCE) f.evidence.push(ev(e.line));
          if (f.count === 1) this.raise(this.filterDownFinding(0, []));
        }
        if (e.level === 'fatal' || e.level === 'panic') {
          const same = this.fatal.find((f) => f.text === e.text);
          if (same) same.count++;
          else if (this.fatal.length < 50) {
            this.fatal.push({ level: e.level, text: own(e.text), line: own(e.line), count: 1 });
            this.raise(this.fatalFinding(this.fatal[this.fatal.length - 1]!));
          }
        } else if (e.text.startsWith('lots of deferred mail')) this.deferredEvidence.push(ev(e.line));
        else if (e.level === 'warning') {
          const d = DNSBL_DOWN.exec(e.text);
          if (d) {
            this.dnsblDown.count++;
            const list = (d[1] ?? d[2] ?? '?').replace(/^(?:\d+\.){4}/, '');
            this.dnsblDown.lists.set(own(list), (this.dnsblDown.lists.get(list) ?? 0) + 1);
            if (this.dnsblDown.evidence.length < MAX_EVIDENCE) this.dnsblDown.evidence.push(ev(e.line));
          }
        }
        break;
      default:
    }
  }

  private tlsFailed(peer: string, line: string): void {
    this.tls.count++;
    this.tls.peers.set(own(peer), (this.tls.peers.get(peer) ?? 0) + 1);
    if (this.tls.evidence.length < MAX_EVIDENCE) this.tls.evidence.push(ev(line));
    if (this.tls.count === this.limits.tlsFailures) this.raise(this.tlsFinding());
  }

  /** An inbound refusal "… blocked using zen.example" of a client whose name belongs to a big provider's relays. */
  private ownRbl(client: string, text: string, from: string | undefined, line: string): void {
    const m = BLOCKED_USING.exec(text);
    if (!m) return;
    const p = providerFor({ rhost: client });
    if (!p) return;
    let r = this.rblProviders.get(p.name);
    if (!r) { r = { count: 0, lists: new Set(), evidence: [], senders: new Set() }; this.rblProviders.set(own(p.name), r); }
    r.count++;
    r.lists.add(own(m[1]!));
    if (from && r.senders.size < 20) r.senders.add(own(from));
    if (r.evidence.length < MAX_EVIDENCE) r.evidence.push(ev(line));
    if (r.count === this.limits.rblProvider) this.raise(this.rblFinding(p.name, r));
  }

  /** Deferred recipients waiting per destination domain (a later attempt of the same recipient ends the wait). */
  private destination(e: Extract<LogEvent, { k: 'delivery' }>): void {
    const at = e.to.lastIndexOf('@');
    const dom = at >= 0 ? e.to.slice(at + 1).toLowerCase() : e.to;
    const key = e.qid + ' ' + e.to;
    let d = this.destinations.get(dom);
    if (e.status !== 'deferred') { d?.open.delete(key); return; }
    if (!d) {
      if (this.destinations.size >= 20000) return;
      d = { open: new Set(), peak: 0, maxDelay: 0, text: own(e.text), evidence: [] };
      this.destinations.set(own(dom), d);
    }
    d.open.add(own(key));
    if (e.delay > d.maxDelay) d.maxDelay = e.delay;
    if (d.open.size > d.peak) d.peak = d.open.size;
    if (d.evidence.length < MAX_EVIDENCE) d.evidence.push(ev(e.line));
  }

  /** DMARC failures piling up for one From domain, SPF checks DNS could not finish, filters that stopped answering. */
  private authFindings(): Finding[] {
    const out: Finding[] = [];
    const doms = [...this.dmarc.entries()].filter(([, r]) => r.fails >= this.limits.dmarcFailures).sort((a, b) => b[1].fails - a[1].fails).slice(0, 10);
    for (const [domain, r] of doms) out.push(this.dmarcFinding(domain, r));
    if (this.spfTemp.count) out.push(this.spfTempFinding());
    if (this.filterErr.count) {
      // the milter's "try again later" refusals within a few seconds of its errors
      const times = this.filterErr.times.slice().sort((a, b) => a - b);
      let tempfailed = 0;
      const lines: string[] = [];
      this.tempfails.times.forEach((t, i) => {
        let lo = 0, hi = times.length;
        while (lo < hi) { const mid = (lo + hi) >> 1; if (times[mid]! < t - FILTER_DOWN_WINDOW_MS) lo = mid + 1; else hi = mid; }
        if (lo < times.length && times[lo]! <= t + FILTER_DOWN_WINDOW_MS) { tempfailed++; if (lines.length < 3) lines.push(this.tempfails.lines[i]!); }
      });
      out.push(this.filterDownFinding(tempfailed, lines));
    }
    return out;
  }

  private dmarcFinding(domain: string, r: { fails: number; refused: number; ips: Set<string>; evidence: Evidence[] }): Finding {
    const p = { count: r.fails, domain, refused: r.refused, ips: [...r.ips].join(', ') || '?' };
    return {
      check: 'logs.dmarc.failures',
      status: 'warn',
      subject: domain,
      summary: r.refused
        ? fill(tx('{count} messages with {domain} in From failed DMARC; {refused} of them were refused as its policy asks (sent from {ips}).', '{count} wiadomości z domeną {domain} w polu From nie przeszło testu DMARC; {refused} z nich odrzucono, jak każe jej polityka (wysłane z {ips}).'), p)
        : fill(tx('{count} messages with {domain} in From failed DMARC and were accepted (its policy does not ask to refuse; sent from {ips}).', '{count} wiadomości z domeną {domain} w polu From nie przeszło testu DMARC i zostały przyjęte (polityka domeny nie każe odrzucać; wysłane z {ips}).'), p),
      detail: fill(tx('Neither SPF nor DKIM confirmed {domain} for these messages. Either someone forges {domain} (phishing in its name: then the refusals are protection at work), or {domain} sends through a server or service it has not authorised in SPF or DKIM (then its real mail is lost).',
        'Ani SPF, ani DKIM nie potwierdziły domeny {domain} dla tych wiadomości. Albo ktoś podszywa się pod {domain} (phishing w jej imieniu — wtedy odrzucenia to skuteczna ochrona), albo {domain} wysyła przez serwer lub usługę, których nie dopisała do SPF ani DKIM (wtedy ginie jej prawdziwa poczta).'), p),
      advice: [
        fill(tx('Check the sending servers in the evidence: if they are not {domain}\'s, it is forgery and nothing needs doing.', 'Sprawdź serwery nadawcze w dowodach: jeśli nie należą do {domain}, to fałszerstwo i nic nie trzeba robić.'), p),
        fill(tx('If it is real mail from {domain} (a partner, a newsletter service), tell them to align SPF or DKIM with their From domain: mailmedic check {domain}.', 'Jeśli to prawdziwa poczta od {domain} (partner, usługa newslettera), poproś o zgodne z domeną From SPF lub DKIM: mailmedic check {domain}.'), p),
      ],
      evidence: r.evidence,
      data: { domain, failures: r.fails, refused: r.refused, ips: [...r.ips] },
    };
  }

  private spfTempFinding(): Finding {
    const st = this.spfTemp;
    const domains = [...st.domains.entries()].sort((a, b) => b[1] - a[1]);
    const p = { count: st.count, domains: domains.slice(0, 5).map(([d]) => d).join(', ') + (domains.length > 5 ? ' …' : '') };
    return {
      check: 'logs.spf.temperror',
      status: 'warn',
      subject: p.domains,
      summary: fill(tx('SPF could not be checked ({count}×) because DNS did not answer in time (temperror; {domains}).', 'SPF nie dało się sprawdzić ({count}×), bo DNS nie odpowiedział na czas (temperror; {domains}).'), p),
      detail: tx('The SPF checker got no answer for the sender domain\'s records. Depending on its settings the mail was accepted without the check or deferred. For one domain it is usually that domain\'s name servers; for many domains at once it is your own DNS resolver.',
        'Program sprawdzający SPF nie dostał odpowiedzi na zapytanie o rekordy domeny nadawcy. Zależnie od ustawień wiadomość przyjęto bez sprawdzenia albo odroczono. Przy jednej domenie winne są zwykle jej serwery nazw; przy wielu domenach naraz — Twój własny serwer DNS (resolver).'),
      advice: [
        tx('From the mail server, ask for the domain\'s SPF record: dig TXT <domain>; a timeout there confirms the DNS problem.', 'Na serwerze poczty zapytaj o rekord SPF domeny: dig TXT <domena>; przekroczony czas potwierdza problem z DNS.'),
        tx('If many domains fail, check the resolver in /etc/resolv.conf (a local caching resolver such as unbound helps).', 'Jeśli zawodzi wiele domen, sprawdź serwer DNS z /etc/resolv.conf (pomaga lokalny, buforujący resolver, np. unbound).'),
      ],
      evidence: st.evidence,
      data: { count: st.count, domains: Object.fromEntries(domains.slice(0, 50)) },
    };
  }

  /** A filter's errors; tempfailed: the "try again later" refusals matched to them (0 when raised live, at the first error). */
  private filterDownFinding(tempfailed: number, lines: string[]): Finding {
    const fe = this.filterErr;
    const progs = [...fe.progs.entries()].sort((a, b) => b[1] - a[1]);
    const p = { count: fe.count, progs: progs.map(([k]) => k).join(', '), tempfailed };
    return {
      check: 'logs.filter.unavailable',
      status: 'error',
      subject: p.progs,
      summary: tempfailed
        // "count: N" rather than a counted noun: one form that is right for 1, 2 and 5 in both languages
        ? fill(tx('{progs}: errors in the log: {count} (its scanner not answering); meanwhile refused with "try again later": {tempfailed}.', '{progs}: błędy w dzienniku: {count} (skaner nie odpowiada); w tym czasie odrzucone z „spróbuj później”: {tempfailed}.'), p)
        : fill(tx('{progs}: errors in the log: {count} (its scanner not answering or failing).', '{progs}: błędy w dzienniku: {count} (skaner nie odpowiada albo zawodzi).'), p),
      detail: tx('While a milter cannot reach its scanner (clamd, spamd, rspamd), mail is either deferred — senders retry, and after their queue lifetime (usually 5 days) it bounces — or passes unscanned, as the milter\'s failure setting (OnFail, default action) says.',
        'Dopóki milter nie może połączyć się ze swoim skanerem (clamd, spamd, rspamd), poczta jest albo odraczana — nadawcy ponawiają próby, a po upływie czasu życia w ich kolejce (zwykle 5 dni) wraca do nich — albo przechodzi bez skanowania, zależnie od ustawienia na wypadek awarii (OnFail, akcja domyślna).'),
      advice: [
        tx('Check that the scanner runs and answers (systemctl status clamav-daemon; clamdscan --ping 1) and read its own log for why it stopped — running out of memory while reloading signatures is common.', 'Sprawdź, czy skaner działa i odpowiada (systemctl status clamav-daemon; clamdscan --ping 1), i przeczytaj jego dziennik, dlaczego przestał — częstą przyczyną jest brak pamięci przy przeładowaniu sygnatur.'),
        tx('Check that the milter\'s scanner socket (ClamdSocket in clamav-milter.conf) is the one the scanner listens on.', 'Sprawdź, czy gniazdo skanera ustawione w milterze (ClamdSocket w clamav-milter.conf) to to, na którym skaner nasłuchuje.'),
      ],
      evidence: [...fe.evidence.slice(0, 5), ...lines.map(ev)].slice(0, MAX_EVIDENCE),
      data: { errors: fe.count, programs: Object.fromEntries(progs), tempfailed },
    };
  }

  private rblFinding(provider: string, r: { count: number; lists: Set<string>; evidence: Evidence[]; senders: Set<string> }): Finding {
    const p = { count: r.count, provider, lists: [...r.lists].join(', ') };
    return {
      check: 'logs.rbl.false-positive',
      status: 'warn',
      subject: provider,
      summary: fill(tx('Your server refused {count} messages relayed by {provider} because of a block list ({lists}): probably real mail lost.',
        'Twój serwer odrzucił {count} wiadomości przekazanych przez {provider}, bo serwer nadawcy jest na czarnej liście ({lists}): prawdopodobnie przepadła prawdziwa poczta.'), p),
      detail: tx('Big providers send everyone\'s mail through shared relays; a block list that names one of them hits many legitimate senders (your users\' correspondents). It is usually a short-lived or over-eager listing.',
        'Duzi dostawcy wysyłają pocztę wszystkich klientów przez wspólne serwery; czarna lista, która obejmuje taki serwer, uderza w wielu uczciwych nadawców (korespondentów Twoich użytkowników). Zwykle to krótkotrwały albo nadgorliwy wpis.'),
      advice: [
        tx('Allow the provider\'s relays before the DNSBL check (postscreen_access_list or check_client_access with their host names or networks).', 'Dopuść serwery tego dostawcy przed sprawdzeniem czarnej listy (postscreen_access_list albo check_client_access z ich nazwami lub sieciami).'),
        tx('Consider scoring with that list (postscreen_dnsbl_sites weights, SpamAssassin) instead of refusing outright.', 'Rozważ używanie tej listy do punktacji (wagi w postscreen_dnsbl_sites, SpamAssassin) zamiast odrzucania od razu.'),
        tx('Tell the affected users: the senders got a bounce and may think your users\' addresses are broken.', 'Uprzedź użytkowników: nadawcy dostali zwrot i mogą myśleć, że adresy Twoich użytkowników nie działają.'),
      ],
      evidence: r.evidence,
      data: { provider, count: r.count, lists: [...r.lists], senders: [...r.senders] },
    };
  }

  private sent(m: TrackedMessage, ts: number, line: string, nrcpt: number): void {
    const n = Math.max(1, nrcpt || 1);
    const acct = m.saslUser ?? (m.from || '<>');
    this.acctHour.add(acct, ts, n, line);
    this.acctDay.add(acct, ts, n, line);
    if (m.saslUser && m.ip) this.ipHour.add(m.ip, ts, n, line);
  }

  private limitFinding(kind: 'hour' | 'day' | 'ip', key: string, w: Window): Finding {
    const L = this.limits;
    const limit = kind === 'hour' ? L.accountPerHour : kind === 'day' ? L.accountPerDay : L.ipPerHour;
    const when = fmtTime(w.maxKey === w.key ? w.first : w.first);
    const p = { who: key, count: w.max, limit, when };
    const summary = kind === 'ip'
      ? fill(tx('{count} mails sent from IP {who} within one hour (limit {limit}).', 'Z adresu IP {who} wysłano {count} wiadomości w ciągu godziny (limit wysyłki: {limit}).'), p)
      : kind === 'hour'
        ? fill(tx('Account {who} sent {count} mails within one hour (limit {limit}).', 'Konto {who} wysłało {count} wiadomości w ciągu godziny (limit wysyłki: {limit}).'), p)
        : fill(tx('Account {who} sent {count} mails in one day (limit {limit}).', 'Konto {who} wysłało {count} wiadomości w ciągu jednego dnia (limit wysyłki: {limit}).'), p);
    return {
      check: `logs.limit.${kind === 'ip' ? 'ip-hour' : kind === 'hour' ? 'account-hour' : 'account-day'}`,
      status: 'error',
      subject: key,
      summary,
      detail: tx(
        'Over the limit the hosting provider blocks further sending (often with "550" or "554" replies) or suspends the account; a sudden surge usually means a hacked password or a compromised contact form or script. Each recipient counts as one mail.',
        'Po przekroczeniu limitu dostawca hostingu blokuje dalszą wysyłkę (często z odpowiedzią „550” lub „554”) albo zawiesza konto; nagły skok zwykle oznacza przejęte hasło albo włamanie na formularz kontaktowy lub skrypt. Każdy odbiorca liczy się jako jedna wiadomość.',
      ),
      advice: [
        tx('Check whether these mails were really sent by you (look at the recipients and subjects).', 'Sprawdź, czy te wiadomości rzeczywiście wysłał ktoś z Twojej firmy (przejrzyj odbiorców i tematy).'),
        tx('If not: change the account password at once and scan the website scripts and forms for abuse.', 'Jeśli nie: natychmiast zmień hasło do konta i sprawdź skrypty oraz formularze na stronie pod kątem nadużyć.'),
        tx('For legitimate mass mailing, spread it over time or use a newsletter service.', 'Przy legalnej wysyłce masowej rozłóż ją w czasie albo skorzystaj z usługi do newsletterów.'),
      ],
      evidence: w.evidence,
      data: { kind, key, count: w.max, limit, windowStart: new Date(w.first).toISOString() },
    };
  }

  private bruteFinding(ip: string, w: Window): Finding {
    return {
      check: 'logs.auth.bruteforce',
      status: 'error',
      subject: ip,
      summary: fill(tx('{count} failed logins from {ip} within one hour: password guessing.', '{count} nieudanych logowań z {ip} w ciągu godziny: ktoś zgaduje hasła.'), { count: w.max, ip }),
      ...(w.extra.size ? { detail: fill(tx('Accounts tried: {users}.', 'Próbowane konta: {users}.'), { users: [...w.extra].join(', ') }) } : {}),
      advice: [
        tx('Block the IP address (fail2ban or the firewall).', 'Zablokuj ten adres IP (fail2ban albo zapora sieciowa).'),
        tx('Make sure the tried accounts have strong, unique passwords; change any that may be weak.', 'Upewnij się, że atakowane konta mają silne, unikalne hasła; zmień te, które mogą być słabe.'),
      ],
      evidence: w.evidence,
      data: { ip, count: w.max, users: [...w.extra] },
    };
  }

  private waveFinding(provider: string, w: Window): Finding {
    const sample = this.waveSample.get(provider);
    const c = classifyLogText(sample?.text ?? '', sample?.dsn);
    const info = describeReason(c.reason);
    const f: Finding = {
      check: 'logs.reject-wave',
      status: 'error',
      subject: provider,
      summary: fill(tx('{count} deliveries to {provider} refused within one hour: your server is probably on a block list there.', 'W ciągu godziny {provider} odrzucił {count} wiadomości od Ciebie: Twój serwer prawdopodobnie trafił tam na czarną listę.'), { count: w.max, provider }),
      detail: info.meaning,
      advice: [
        tx('Read the refusal text below: it usually names the block list or the policy.', 'Przeczytaj treść odmowy poniżej: zwykle podaje nazwę czarnej listy albo zasadę.'),
        tx('Check your IP on the named list and look for the cause (spam from a hacked account, a script).', 'Sprawdź swój adres IP na wskazanej liście i znajdź przyczynę (spam z przejętego konta, skrypt).'),
        tx('Remove the cause first, then ask for delisting.', 'Najpierw usuń przyczynę, potem poproś o usunięcie z listy.'),
        ...info.advice,
      ],
      evidence: w.evidence,
      data: { provider, count: w.max, recipients: [...w.extra] },
    };
    if (sample) f.diagnosis = toDiagnosis(c, sample.text, sample.dsn);
    return f;
  }

  private tlsFinding(): Finding {
    const status: Status = this.tls.count >= this.limits.tlsFailures ? 'warn' : 'info';
    const peers = [...this.tls.peers.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([p, n]) => `${p} (${n})`).join(', ');
    return {
      check: 'logs.tls.failures',
      status,
      subject: peers,
      // "what: N" rather than a counted noun: right for 1, 2 and 5 in both languages (Polish nouns and verbs agree with the number)
      summary: fill(tx('TLS handshakes that failed: {count}.', 'Nieudane próby nawiązania szyfrowanego połączenia (TLS): {count}.'), { count: this.tls.count }),
      detail: tx('Clients or servers could not agree on encryption: an expired or wrong certificate, old TLS versions, or scanners that drop the connection.', 'Klienci lub serwery nie uzgodnili szyfrowania: wygasły lub niewłaściwy certyfikat, stare wersje TLS albo skanery zrywające połączenie.'),
      advice: [
        tx('Check the certificate: mailmedic probe <your mail host>.', 'Sprawdź certyfikat: mailmedic probe <Twój serwer poczty>.'),
        tx('If the failures come from a few unknown IPs only, they are usually scanners and can be ignored.', 'Jeśli błędy dotyczą tylko kilku nieznanych adresów IP, to zwykle skanery — można je pominąć.'),
      ],
      evidence: this.tls.evidence,
      data: { count: this.tls.count, peers: Object.fromEntries(this.tls.peers) },
    };
  }

  private fatalFinding(x: { level: string; text: string; line: string; count: number }): Finding {
    return {
      check: `logs.daemon.${x.level}`,
      status: 'error',
      subject: x.text.slice(0, 80),
      summary: fill(tx('The mail server logged a {level} error: {text}', 'Serwer poczty zapisał błąd krytyczny ({level}): {text}'), { level: x.level, text: x.text.slice(0, 200) }),
      detail: tx('A fatal or panic line means a mail program stopped; mail may not be received or sent until it is fixed.', 'Wpis fatal lub panic oznacza, że program pocztowy przerwał pracę; poczta może nie być odbierana ani wysyłana, dopóki tego nie naprawisz.'),
      advice: [tx('Fix the cause named in the line (often a configuration or permissions error), then restart the mail server.', 'Usuń przyczynę wskazaną we wpisie (często błąd konfiguracji lub uprawnień), a potem uruchom ponownie serwer poczty.')],
      evidence: [ev(x.line)],
      data: { level: x.level, count: x.count },
    };
  }

  /** All findings at the end of a run; `open` are the messages still in the queue when the log ends. */
  findings(open: TrackedMessage[]): Finding[] {
    const out: Finding[] = [];
    for (const [k, w] of this.acctHour.over()) out.push(this.limitFinding('hour', k, w));
    for (const [k, w] of this.acctDay.over()) out.push(this.limitFinding('day', k, w));
    for (const [k, w] of this.ipHour.over()) out.push(this.limitFinding('ip', k, w));
    for (const [k, w] of this.wave.over()) out.push(this.waveFinding(k, w));
    for (const [k, w] of this.authFail.over()) out.push(this.bruteFinding(k, w));
    if (this.tls.count) out.push(this.tlsFinding());
    if (this.deferredPeak >= this.limits.deferredPile) {
      out.push({
        check: 'logs.deferred.pile',
        status: 'warn',
        subject: String(this.deferredPeak),
        summary: fill(tx('Deferred mail piled up: {count} messages waited for a retry at the same time (at {when}).', 'W kolejce przybywa odroczonych wiadomości: {count} naraz czekało na ponowną próbę ({when}).'), { count: this.deferredPeak, when: fmtTime(this.deferredPeakTs) }),
        detail: tx('Receiving servers keep answering "try later" (4xx), or your server cannot reach them. The queue grows and mail arrives late or expires.', 'Serwery odbiorców ciągle odpowiadają „spróbuj później” (4xx) albo Twój serwer nie może się z nimi połączyć. Kolejka rośnie, a poczta dociera z opóźnieniem lub wygasa.'),
        advice: [
          tx('See which reasons dominate: mailmedic logs summary (top deferral reasons).', 'Zobacz, które przyczyny przeważają: mailmedic logs summary (najczęstsze przyczyny odroczeń).'),
          tx('Check outgoing connectivity on port 25 and whether your IP is blocked.', 'Sprawdź połączenia wychodzące na porcie 25 i czy Twój adres IP nie jest zablokowany.'),
        ],
        evidence: this.deferredEvidence,
        data: { peak: this.deferredPeak, openAtEnd: this.deferredOpen.size },
      });
    }
    const stuckMs = this.limits.stuckHours * 3600_000;
    const stuck = open.filter((m) => m.deferrals > 0 || m.from !== undefined).filter((m) => this.lastTs - m.firstTs > stuckMs);
    if (stuck.length || this.late.count) {
      const oldest = stuck.reduce((a, m) => Math.max(a, this.lastTs - m.firstTs), 0);
      out.push({
        check: 'logs.queue.stuck',
        status: stuck.length ? 'warn' : 'info',
        subject: stuck.slice(0, 5).map((m) => m.qid).join(', ') || `${this.late.count}`,
        summary: stuck.length
          ? fill(tx('Messages in the queue longer than {hours} h: {count} (the oldest {age} h).', 'Wiadomości w kolejce dłużej niż {hours} godz.: {count} (najstarsza {age} godz.).'), { count: stuck.length, hours: this.limits.stuckHours, age: (oldest / 3600_000).toFixed(1) })
          : fill(tx('Messages delivered only after more than {hours} h in the queue: {count}.', 'Wiadomości doręczone dopiero po ponad {hours} godz. w kolejce: {count}.'), { count: this.late.count, hours: this.limits.stuckHours }),
        detail: tx('A message stays queued while every attempt is deferred; it is returned to the sender when the queue lifetime (Postfix default: 5 days) runs out.', 'Wiadomość zostaje w kolejce, dopóki każda próba jest odraczana; po upływie czasu życia w kolejce (w Postfiksie domyślnie 5 dni) wraca do nadawcy.'),
        advice: [
          tx('Trace one of them: mailmedic logs trace --id <queue id>.', 'Prześledź jedną z nich: mailmedic logs trace --id <identyfikator kolejki>.'),
          tx('Look at the queue: postqueue -p (or mailq).', 'Obejrzyj kolejkę: postqueue -p (albo mailq).'),
        ],
        evidence: [...stuck.slice(0, MAX_EVIDENCE).map((m) => ({ kind: 'log' as const, label: m.qid, value: `${fmtTime(m.firstTs)} from=<${m.from ?? '?'}> deferrals=${m.deferrals}` })), ...this.late.evidence].slice(0, MAX_EVIDENCE),
        data: { stuck: stuck.length, lateDeliveries: this.late.count, maxDelay: this.late.max, qids: stuck.slice(0, 50).map((m) => m.qid) },
      });
    }
    for (const x of this.fatal) out.push(this.fatalFinding(x));
    for (const [name, r] of this.rblProviders) if (r.count >= this.limits.rblProvider) out.push(this.rblFinding(name, r));
    const fl = this.filtered;
    if (fl.blocked || fl.quarantined || fl.discardedLines) {
      const cats = [...fl.byCategory.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
      const blocked = fl.blocked || fl.discardedLines;
      out.push({
        check: 'logs.filter.blocked',
        status: blocked ? 'warn' : 'info',
        subject: cats || String(fl.discardedLines),
        summary: fill(tx('The content filter blocked {blocked} messages and quarantined {quarantined} ({cats}).', 'Filtr treści zablokował {blocked} wiadomości, a {quarantined} trafiło do kwarantanny ({cats}).'),
          { blocked, quarantined: fl.quarantined, cats: cats || 'discarded' }),
        detail: tx('Blocked mail does not reach the recipient. A filter after the queue (amavis) usually discards it without telling the sender; a milter (clamav-milter, rspamd, spamass-milter) refuses it during the SMTP dialogue, so the sending server returns it to the sender. BANNED: a forbidden attachment type; INFECTED: a virus; SPAM: the spam score was over the limit.',
          'Zablokowana poczta nie trafia do odbiorcy. Filtr działający po kolejce (amavis) zwykle usuwa ją bez powiadomienia nadawcy; milter (clamav-milter, rspamd, spamass-milter) odrzuca ją w trakcie rozmowy SMTP, więc serwer nadawcy zwraca ją nadawcy. BANNED: niedozwolony typ załącznika; INFECTED: wirus; SPAM: wynik antyspamu powyżej progu.'),
        advice: [
          tx('Check the quarantine for wanted messages (amavisd-release <id> sends one on).', 'Przejrzyj kwarantannę w poszukiwaniu potrzebnych wiadomości (amavisd-release <id> przekazuje wiadomość dalej).'),
          tx('If wanted mail is blocked often, adjust the rule (allowed file types, spam score limits, sender allow lists).', 'Jeśli potrzebna poczta jest często blokowana, popraw regułę (dozwolone typy plików, progi antyspamu, listy zaufanych nadawców).'),
        ],
        evidence: [...fl.evidence, ...fl.discardEvidence].slice(0, MAX_EVIDENCE),
        data: { blocked, quarantined: fl.quarantined, categories: Object.fromEntries(fl.byCategory) },
      });
    }
    out.push(...this.authFindings());
    if (this.dnsblDown.count) {
      const lists = [...this.dnsblDown.lists.keys()];
      out.push({
        check: 'logs.dnsbl.timeout',
        status: 'warn',
        subject: lists.join(', '),
        summary: fill(tx('DNSBL look-ups that failed or timed out: {count} ({lists}); that protection is silently off.', 'Nieudane albo przeterminowane zapytania do czarnych list (DNSBL): {count} ({lists}); ta ochrona po cichu nie działa.'), { count: this.dnsblDown.count, lists: lists.join(', ') }),
        detail: tx('When a list does not answer in time, postscreen or smtpd let the client through as if it were not listed, and each look-up slows new connections down.', 'Gdy lista nie odpowiada na czas, postscreen albo smtpd przepuszcza klienta tak, jakby go na liście nie było, a każde zapytanie spowalnia nowe połączenia.'),
        advice: [
          tx('Check that the list still exists and that your DNS resolver can reach it (dig <reversed IP>.<list>); free lists often block queries from public resolvers.', 'Sprawdź, czy lista nadal istnieje i czy Twój serwer DNS może się z nią połączyć (dig <odwrócony IP>.<lista>); darmowe listy często blokują zapytania z publicznych serwerów DNS.'),
          tx('Remove lists that are gone from postscreen_dnsbl_sites / reject_rbl_client.', 'Usuń listy, które przestały działać, z postscreen_dnsbl_sites / reject_rbl_client.'),
        ],
        evidence: this.dnsblDown.evidence,
        data: { count: this.dnsblDown.count, lists: Object.fromEntries(this.dnsblDown.lists) },
      });
    }
    if (this.full.size) {
      const rows = [...this.full.entries()].sort((a, b) => b[1].count - a[1].count);
      const local = rows.filter(([, r]) => r.local).map(([a]) => a);
      out.push({
        check: 'logs.mailbox.full',
        status: local.length ? 'warn' : 'info',
        subject: rows.slice(0, 5).map(([a]) => a).join(', '),
        summary: fill(tx('Recipients whose mail failed because their mailbox is full: {count}.', 'Odbiorcy, do których poczta nie dotarła, bo ich skrzynka jest pełna: {count}.'), { count: rows.length }),
        detail: local.length
          ? fill(tx('Mailboxes on this server: {local}. Their owners lose mail until they make room.', 'Skrzynki na tym serwerze: {local}. Ich właściciele tracą pocztę, dopóki nie zwolnią miejsca.'), { local: local.join(', ') })
          : tx('The recipients\' own servers said so; they must make room, you can only retry later or tell them another way.', 'Tak odpowiedziały serwery odbiorców; to oni muszą zwolnić miejsce, Ty możesz tylko spróbować później albo powiadomić ich inną drogą.'),
        advice: [
          tx('For your own users: ask them to delete or archive old mail, or raise their quota.', 'Dla własnych użytkowników: poproś o usunięcie lub zarchiwizowanie starej poczty albo zwiększ limit skrzynki.'),
          tx('For remote recipients: let them know by phone or another address.', 'Dla odbiorców z innych serwerów: daj im znać telefonicznie albo na inny adres.'),
        ],
        evidence: rows.slice(0, MAX_EVIDENCE).map(([, r]) => ev(r.line)),
        data: { recipients: rows.map(([a, r]) => ({ address: a, count: r.count, local: r.local })) },
      });
    }
    const piles = [...this.destinations.entries()].filter(([, d]) => d.peak >= this.limits.destinationPile).sort((a, b) => b[1].peak - a[1].peak);
    for (const [dom, d] of piles.slice(0, 10)) {
      const c = classifyLogText(d.text);
      const f: Finding = {
        check: 'logs.deferred.destination',
        status: 'warn',
        subject: dom,
        summary: fill(tx('{count} recipients at {domain} waited for a retry at the same time (the longest {delay}).', '{count} odbiorców w domenie {domain} czekało jednocześnie na ponowną próbę (najdłużej {delay}).'),
          { count: d.peak, domain: dom, delay: d.maxDelay >= 3600 ? (d.maxDelay / 3600).toFixed(1) + ' h' : Math.round(d.maxDelay) + ' s' }),
        detail: fill(tx('The last answer: {text}', 'Ostatnia odpowiedź: {text}'), { text: d.text.slice(0, 300) }),
        advice: describeReason(c.reason).advice,
        evidence: d.evidence,
        data: { domain: dom, peak: d.peak, openAtEnd: d.open.size, maxDelay: d.maxDelay, reason: c.reason },
      };
      f.diagnosis = toDiagnosis(c, d.text);
      out.push(f);
    }
    return out;
  }
}

/** The receiving provider: the registrable domain of the relay host, else of the recipient. */
/** tldts' getDomain, loaded at its first use: its public-suffix table costs ~50 ms to load, which `logs summary` and `logs trace` never need. */
let tldtsGetDomain: typeof import('tldts').getDomain | undefined;
function getDomain(host: string): string | null {
  tldtsGetDomain ??= (createRequire(import.meta.url)('tldts') as typeof import('tldts')).getDomain;
  return tldtsGetDomain(host);
}

/**
 * The provider a delivery went to, for grouping: the relay host's registered domain, or else the recipient's domain.
 */
export function providerOf(relay: string, to: string): string {
  const lb = relay.indexOf('[');
  const host = (lb > 0 ? relay.slice(0, lb) : relay).toLowerCase();
  if (host && host !== 'none' && host.includes('.')) {
    const d = getDomain(host);
    if (d) return d;
  }
  const at = to.lastIndexOf('@');
  return at >= 0 ? to.slice(at + 1).toLowerCase() : host || '?';
}

