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
import { attemptsIn } from './formats/dovecot.js';
import type { TrackedMessage } from './messages.js';
import { fmtTime } from './stamp.js';
import { redactLogLine } from './redact.js';
import type { LogEvent } from './types.js';

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
}

/** Defaults: sending limits from the hosting help articles (seeds 000, 002); the rest are common alert levels. */
export const DEFAULT_LOG_LIMITS: LogProblemLimits = {
  accountPerHour: 200, accountPerDay: 500, ipPerHour: 300, authFailuresPerHour: 10, rejectWave: 10,
  deferredPile: 50, stuckHours: 4, tlsFailures: 5,
};

const MAX_EVIDENCE = 8;

/** Words in a refusal that point to a block list or bad reputation (backs up the classifier). */
const BLOCK_WORDS = /\bblock(?:ed|list)\b|blacklist|\blisted\b|spamhaus|spamcop|barracuda|reputation|dnsbl|\brbl\b|unsolicited|banned/i;
/** Greylisting and similar "try again" answers are not a block, whatever words they use. */
const NOT_BLOCK = /greylist|graylist|try again later|temporarily deferred/i;
const BLOCK_REASONS = new Set(['blocked', 'badreputation', 'spamdetected']);

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
      case 'delivery': {
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
        if (!e.ok) {
          this.tls.count++;
          const p = e.ip || e.peer || '?';
          this.tls.peers.set(own(p), (this.tls.peers.get(p) ?? 0) + 1);
          if (this.tls.evidence.length < MAX_EVIDENCE) this.tls.evidence.push(ev(e.line));
          if (this.tls.count === this.limits.tlsFailures) this.raise(this.tlsFinding());
        }
        break;
      case 'daemon':
        if (e.level === 'fatal' || e.level === 'panic') {
          const same = this.fatal.find((f) => f.text === e.text);
          if (same) same.count++;
          else if (this.fatal.length < 50) {
            this.fatal.push({ level: e.level, text: own(e.text), line: own(e.line), count: 1 });
            this.raise(this.fatalFinding(this.fatal[this.fatal.length - 1]!));
          }
        } else if (e.text.startsWith('lots of deferred mail')) this.deferredEvidence.push(ev(e.line));
        break;
      default:
    }
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
      summary: fill(tx('{count} TLS handshakes failed.', 'Nie udało się nawiązać szyfrowanego połączenia (TLS) {count} razy.'), { count: this.tls.count }),
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
          ? fill(tx('{count} messages have been in the queue longer than {hours} h (the oldest {age} h).', '{count} wiadomości jest w kolejce dłużej niż {hours} godz. (najstarsza {age} godz.).'), { count: stuck.length, hours: this.limits.stuckHours, age: (oldest / 3600_000).toFixed(1) })
          : fill(tx('{count} messages were delivered only after more than {hours} h in the queue.', '{count} wiadomości doręczono dopiero po ponad {hours} godz. w kolejce.'), { count: this.late.count, hours: this.limits.stuckHours }),
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

