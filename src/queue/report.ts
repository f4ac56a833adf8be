/**
 * `mailmedic queue` as a Report: what waits and why, the alarms a queue raises (a sending burst from one sender,
 * a backlog of bounces that cannot be returned, mail older than the bounce lifetime, a destination that is down,
 * held and frozen mail), each with the exact, safe command to look further. Tables for the figures; Report.data
 * for machines (docs/json-schema.md, section "queue").
 */
import { makeReport, type Finding, type Report, type Table, type Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { describeReason } from '../knowledge/reasons.js';
import { isDeletion, queueCommand, type QueueAction } from './commands.js';
import type { QueueSummaryData } from './summary.js';
import type { QueueFormat, QueueMessage, QueueMta, QueueProblem } from './types.js';
import { classifyLogText, normalizeReasonText } from '../logs/diagnose.js';

/** When the queue is worth an alarm (data, in one place). */
export const QUEUE_ALARMS = {
  /** One sender with this many waiting messages … */
  burstMessages: 50,
  /** … that are at least this share of the queue (or this many, whatever the share). */
  burstShare: 0.5,
  burstAlways: 200,
  /** Bounces (null sender) waiting: this many, or this share of a queue of at least 5. */
  bounceBacklog: 10,
  bounceShare: 0.25,
  /** Postfix's default maximal_queue_lifetime and bounce_queue_lifetime: 5 days. */
  maxAgeSeconds: 5 * 86400,
  /** A destination whose mail waited this long for a network or DNS failure is reported as down. */
  downAfterSeconds: 3600,
} as const;

/**
 * What queueReport turns into a report: the summary, how the listing was read, where it came from, and the alarm age
 * in seconds (default 5 days).
 */
export interface QueueReportInput {
  summary: QueueSummaryData;
  format?: QueueFormat;
  problems: QueueProblem[];
  truncated: boolean;
  /** Where it came from: a file name, "stdin", "live queue (postqueue -j)". */
  source: string;
  /** Postfix configuration directory given (-c), used in the suggested commands. */
  configDir?: string;
  /** Mail older than this (seconds) raises an alarm (default 5 days). */
  maxAgeSeconds?: number;
  /** The clock for the report's time (default the system clock). */
  now?: () => Date;
}

const T = tx;

export function fmtAge(s: number | undefined): string {
  if (s === undefined) return '?';
  if (s < 90) return `${s} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 2 * 86400) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

function fmtBytes(n: number): string {
  return n >= 1 << 30 ? (n / (1 << 30)).toFixed(1) + ' GiB' : n >= 1 << 20 ? (n / (1 << 20)).toFixed(1) + ' MiB' : n >= 1024 ? (n / 1024).toFixed(1) + ' KiB' : n + ' B';
}

const QUEUE_NAMES: Record<string, Text> = {
  active: T('being delivered', 'w trakcie doręczania'), deferred: T('deferred (waiting for a retry)', 'odroczone (czekają na ponowienie)'),
  hold: T('on hold', 'wstrzymane'), incoming: T('incoming', 'przychodzące'), maildrop: T('not yet picked up', 'jeszcze nieodebrane'),
  corrupt: T('corrupt', 'uszkodzone'), frozen: T('frozen', 'zamrożone'), queued: T('queued', 'w kolejce'),
};

/** The command lines for some actions, as evidence (deletions marked). */
function commands(mta: QueueMta | undefined, list: [QueueAction, { id?: string; domain?: string; sender?: string }?][], configDir?: string): { kind: 'code'; label: string; value: string }[] {
  if (!mta) return [];
  const out: { kind: 'code'; label: string; value: string }[] = [];
  for (const [action, args] of list) {
    const cmd = queueCommand(mta, action, { ...args, ...(configDir ? { configDir } : {}) });
    if (cmd) out.push({ kind: 'code', label: isDeletion(action) ? 'command (deletes mail)' : 'command', value: cmd });
  }
  return out;
}

/** Greylisting has no reason of its own in the bounce vocabulary ("onhold"): in a queue it deserves its words. */
const GREYLISTING = {
  title: T('greylisting (the receiving server defers first attempts on purpose)', 'szara lista (serwer odbiorcy celowo odracza pierwsze próby)'),
  meaning: T('The receiving server refuses the first delivery attempt from an unknown sender for some minutes and accepts a retry after that: a spam defence. Your server retries by itself; the mail arrives with a delay.',
    'Serwer odbiorcy odrzuca pierwszą próbę doręczenia od nieznanego nadawcy na kilka minut i przyjmuje kolejną: to obrona przed spamem. Twój serwer ponawia sam; poczta dotrze z opóźnieniem.'),
  advice: [T('Nothing to do while it lasts minutes; if it lasts hours, ask the recipient\'s administrator to whitelist your server.', 'Nic nie trzeba robić, jeśli trwa to minuty; jeśli godziny, poproś administratora odbiorcy o wpisanie Twojego serwera na białą listę.')],
};

const DELETE_WARNING = T('Deleting removes the messages for good, without a bounce to their senders: delete only what you have looked at.',
  'Usunięcie kasuje wiadomości na zawsze, bez zwrotu do nadawców: usuwaj tylko to, co zostało sprawdzone.');

/**
 * The queue report: what waits and where, how old, why (reasons classified), for which destinations and senders, with
 * alarms and the MTA's commands for what to do next.
 */
export function queueReport(input: QueueReportInput): Report {
  const d = input.summary;
  const mta = d.mta;
  const cfg = input.configDir;
  const maxAge = input.maxAgeSeconds ?? QUEUE_ALARMS.maxAgeSeconds;
  const findings: Finding[] = [];
  const byQueue = Object.entries(d.byQueue).map(([q, n]) => ({ q, n: n ?? 0 }));
  const qText = (lang: 'en' | 'pl'): string => byQueue.map(({ q, n }) => `${n} ${(QUEUE_NAMES[q] ?? T(q, q))[lang]}`).join(', ');

  // 1. What waits.
  const head: Finding = {
    check: 'queue.summary',
    status: d.messages ? 'info' : 'ok',
    subject: input.source,
    summary: d.messages
      ? { en: `Messages waiting: ${d.messages}, to ${d.recipients} recipient(s) (${qText('en')}); the oldest for ${fmtAge(d.oldestSeconds)}; ${fmtBytes(d.bytes)} in all.`,
        pl: `Wiadomości w kolejce: ${d.messages}, odbiorców: ${d.recipients} (${qText('pl')}); najstarsza czeka od ${fmtAge(d.oldestSeconds)}; razem ${fmtBytes(d.bytes)}.` }
      : T('The queue is empty: nothing waits to be delivered.', 'Kolejka jest pusta: nic nie czeka na doręczenie.'),
    data: { messages: d.messages, recipients: d.recipients, byQueue: d.byQueue, format: input.format },
  };
  if (mta) head.evidence = commands(mta, [['list'], ['flush']], cfg);
  if (d.messages) head.detail = T('Mail waits in the queue when the receiving server cannot be reached or answers "try later", or when delivery failed for a reason the server may retry. The sections below say why, per reason and per destination.',
    'Poczta czeka w kolejce, gdy serwer odbiorcy jest nieosiągalny albo odpowiada „spróbuj później”, lub gdy doręczenie nie powiodło się z powodu, przy którym serwer ponawia próby. Poniżej: dlaczego, według przyczyn i według odbiorców.');
  if (!input.format && !d.messages) {
    head.status = 'unknown';
    head.summary = T('No queue listing was recognised in the input.', 'W podanych danych nie rozpoznano listy kolejki poczty.');
    head.advice = [T('Give the output of `postqueue -j` (Postfix), `exim -bp` (Exim) or `mailq` (Sendmail), or run mailmedic queue on the mail server itself.',
      'Podaj wynik `postqueue -j` (Postfix), `exim -bp` (Exim) albo `mailq` (Sendmail) lub uruchom mailmedic queue na samym serwerze poczty.')];
  }
  findings.push(head);

  // 2. Why: the main reasons, each with what it means and what to do.
  for (const g of d.reasons.slice(0, 5)) {
    const info = describeReason(g.reason);
    const grey = g.rule.includes('greylist');
    const title = grey ? GREYLISTING.title : info.title;
    const f: Finding = {
      check: 'queue.reason',
      status: g.permanence === 'permanent' ? 'warn' : 'info',
      subject: g.reason,
      summary: { en: `Waiting because of: ${title.en} (${g.reason}) — recipients: ${g.recipients}.`, pl: `Czeka z powodu: ${title.pl} (${g.reason}) — odbiorców: ${g.recipients}.` },
      detail: grey ? GREYLISTING.meaning : info.meaning,
      evidence: [...g.samples.map((s) => ({ kind: 'text' as const, label: `${s.count}×`, value: s.text })),
        ...(g.destinations.length ? [{ kind: 'other' as const, label: 'destinations', value: g.destinations.slice(0, 8).join(', ') }] : [])],
      // The MTA keeps it in the queue: unless its words say otherwise, the failure is temporary.
      diagnosis: { reason: g.reason, permanence: g.permanence === 'unknown' ? 'temporary' : g.permanence, actor: g.actor,
        retry: g.permanence === 'permanent' ? 'after-fix' : 'later', rule: g.rule },
    };
    const advice = grey ? GREYLISTING.advice : info.advice;
    if (advice.length) f.advice = advice;
    findings.push(f);
  }

  // 3. Destinations that look down: a network or DNS failure, waiting for a while.
  for (const dest of d.destinations.filter((x) => x.reason === 'networkerror' || x.reason === 'hostunknown').slice(0, 3)) {
    const long = dest.oldestSeconds >= QUEUE_ALARMS.downAfterSeconds;
    findings.push({
      check: 'queue.destination-down',
      status: long ? 'warn' : 'info',
      subject: dest.domain,
      summary: { en: `Mail to ${dest.domain} cannot get through: messages waiting: ${dest.messages}, the oldest for ${fmtAge(dest.oldestSeconds)}.`,
        pl: `Poczta do ${dest.domain} nie może przejść: czekających wiadomości: ${dest.messages}, najstarsza od ${fmtAge(dest.oldestSeconds)}.` },
      detail: T('The receiving servers of this domain cannot be reached (connection refused or timed out, or their name does not resolve). While it lasts the server keeps retrying; after the queue lifetime the messages bounce.',
        'Serwery odbiorcze tej domeny są nieosiągalne (połączenie odrzucone lub przekroczony czas, albo ich nazwa się nie rozwiązuje). Dopóki to trwa, serwer ponawia próby; po upływie czasu życia kolejki wiadomości wrócą jako zwroty.'),
      advice: [fill(T('Check the domain\'s MX records and whether its servers answer on port 25: mailmedic domain {d}.', 'Sprawdź rekordy MX domeny i czy jej serwery odpowiadają na porcie 25: mailmedic domain {d}.'), { d: dest.domain }),
        T('If only your server cannot reach it, check your firewall and your provider (outgoing port 25 may be blocked).', 'Jeśli tylko Twój serwer nie może się połączyć, sprawdź zaporę i dostawcę (wychodzący port 25 może być zablokowany).'),
        T('Once it answers again, retry now instead of waiting for the next attempt.', 'Gdy znów odpowiada, ponów teraz zamiast czekać na kolejną próbę.')],
      evidence: [...(dest.sample ? [{ kind: 'text' as const, label: 'reason', value: dest.sample }] : []), ...commands(mta, [['flushDomain', { domain: dest.domain }]], cfg)],
      seeAlso: [`mailmedic domain ${dest.domain}`],
      data: { ...dest },
    });
  }

  // 4. Alarms.
  const burst = d.senders.find((s) => s.sender !== '<>' && (s.messages >= QUEUE_ALARMS.burstAlways || (s.messages >= QUEUE_ALARMS.burstMessages && s.messages >= d.messages * QUEUE_ALARMS.burstShare)));
  if (burst) {
    findings.push({
      check: 'queue.sender-burst',
      status: 'warn',
      subject: burst.sender,
      summary: { en: `${burst.messages} of the ${d.messages} waiting messages come from ${burst.sender}.`, pl: `${burst.messages} z ${d.messages} czekających wiadomości pochodzi od ${burst.sender}.` },
      detail: T('One sender with this much mail in the queue is either a mass mailing or an account that was taken over and sends spam (its password guessed or stolen). Hosting limits such as 500 messages a day or 200 an hour per account exist to stop exactly this; a spam run also gets the server\'s IP onto blocklists.',
        'Tak dużo poczty jednego nadawcy w kolejce to albo wysyłka masowa, albo przejęte konto, które rozsyła spam (hasło odgadnięte lub wykradzione). Limity hostingu, np. 500 wiadomości dziennie lub 200 na godzinę na konto, istnieją właśnie po to; wysyłka spamu wpisuje też adres IP serwera na czarne listy.'),
      advice: [T('Check whether this sending was intended (ask the owner of the account).', 'Sprawdź, czy ta wysyłka była zamierzona (zapytaj właściciela konta).'),
        T('If not: change the account\'s password at once, look for the login IPs in the mail log (mailmedic logs problems), and hold or delete its queued messages.', 'Jeśli nie: natychmiast zmień hasło konta, znajdź adresy IP logowań w dzienniku poczty (mailmedic logs problems) i wstrzymaj albo usuń jego wiadomości z kolejki.'),
        T('Then check the server\'s IP on the blocklists: mailmedic domain <your-domain> --ip <server IP>.', 'Potem sprawdź adres IP serwera na czarnych listach: mailmedic domain <twoja-domena> --ip <IP serwera>.'), DELETE_WARNING],
      evidence: commands(mta, [['deleteBySender', { sender: burst.sender }]], cfg),
      seeAlso: ['mailmedic logs problems /var/log/maillog'],
      data: { ...burst },
    });
  }
  if (d.bounces >= QUEUE_ALARMS.bounceBacklog || (d.bounces >= 5 && d.bounces >= d.messages * QUEUE_ALARMS.bounceShare)) {
    findings.push({
      check: 'queue.bounce-backlog',
      status: 'warn',
      subject: '<>',
      summary: { en: `Bounces waiting (from MAILER-DAEMON): ${d.bounces}. They cannot be returned to their senders.`, pl: `Zwroty czekające w kolejce (od MAILER-DAEMON): ${d.bounces}. Nie da się ich odesłać nadawcom.` },
      detail: T('A pile of undeliverable bounces usually means the server accepted mail it could not deliver and now answers forged senders (backscatter), often because it accepts mail for unknown recipients or is used by a spammer. Backscatter lands servers on blocklists.',
        'Stos niedoręczalnych zwrotów zwykle oznacza, że serwer przyjmował pocztę, której nie mógł doręczyć, i teraz odpisuje na sfałszowanych nadawców (backscatter), często dlatego, że przyjmuje pocztę do nieistniejących odbiorców albo korzysta z niego spamer. Backscatter wpisuje serwery na czarne listy.'),
      advice: [T('Reject unknown recipients during the SMTP session (recipient verification) instead of accepting and bouncing later.', 'Odrzucaj nieistniejących odbiorców już w trakcie sesji SMTP (weryfikacja odbiorców) zamiast przyjmować i później zwracać.'),
        T('Find where the bounced mail came from in the mail log (mailmedic logs summary) and stop the source.', 'Znajdź w dzienniku poczty, skąd przyszła zwracana poczta (mailmedic logs summary), i zablokuj źródło.'), DELETE_WARNING],
      evidence: commands(mta, mta === 'exim' ? [['deleteFrozenBounces']] : [['deleteBySender', { sender: 'MAILER-DAEMON' }]], cfg),
      data: { bounces: d.bounces },
    });
  }
  const old = d.oldest.filter((r) => (r.ageSeconds ?? 0) > maxAge);
  if (old.length || (d.oldestSeconds ?? 0) > maxAge) {
    findings.push({
      check: 'queue.too-old',
      status: 'warn',
      subject: fmtAge(d.oldestSeconds),
      summary: { en: `Messages have waited longer than the usual queue lifetime (${fmtAge(maxAge)}): the oldest for ${fmtAge(d.oldestSeconds)}.`,
        pl: `Wiadomości czekają dłużej niż zwykły czas życia kolejki (${fmtAge(maxAge)}): najstarsza od ${fmtAge(d.oldestSeconds)}.` },
      detail: T('A server bounces mail it could not deliver within its queue lifetime (Postfix: maximal_queue_lifetime, 5 days by default). Older mail means a longer lifetime was set, the server was stopped, or the messages are held or frozen.',
        'Serwer zwraca pocztę, której nie doręczył w czasie życia kolejki (Postfix: maximal_queue_lifetime, domyślnie 5 dni). Starsza poczta oznacza dłuższy ustawiony czas, zatrzymany serwer albo wiadomości wstrzymane lub zamrożone.'),
      advice: [T('Look at one of them to see why it still waits.', 'Obejrzyj jedną z nich, żeby zobaczyć, dlaczego wciąż czeka.'), T('Deliver it now, or delete it if it is no longer wanted.', 'Doręcz ją teraz albo usuń, jeśli nie jest już potrzebna.'), DELETE_WARNING],
      evidence: commands(mta, [['show', { id: old[0]?.id ?? d.oldest[0]?.id ?? 'QUEUE_ID' }], ['deliverOne', { id: old[0]?.id ?? d.oldest[0]?.id ?? 'QUEUE_ID' }]], cfg),
      data: { messages: old.length, oldestSeconds: d.oldestSeconds },
    });
  }
  const held = d.byQueue.hold ?? 0;
  if (held) {
    findings.push({
      check: 'queue.held',
      status: 'info',
      subject: String(held),
      summary: { en: `Messages on hold: ${held}. They are not delivered until released.`, pl: `Wstrzymane wiadomości: ${held}. Nie zostaną doręczone, dopóki się ich nie zwolni.` },
      detail: T('An administrator (or a header_checks/access rule with HOLD) put them on hold, often to look at suspicious mail before it goes out.',
        'Wstrzymał je administrator (albo reguła header_checks/access z akcją HOLD), często po to, by obejrzeć podejrzaną pocztę przed wysyłką.'),
      advice: [T('Release the ones that may go; delete the ones that must not.', 'Zwolnij te, które mogą wyjść; usuń te, które nie mogą.'), DELETE_WARNING],
      evidence: commands(mta, [['show', { id: d.sampleIds.hold?.[0] ?? 'QUEUE_ID' }], ['release', { id: d.sampleIds.hold?.[0] ?? 'QUEUE_ID' }], ['releaseAll']], cfg),
    });
  }
  const frozen = d.byQueue.frozen ?? 0;
  if (frozen) {
    findings.push({
      check: 'queue.frozen',
      status: 'warn',
      subject: String(frozen),
      summary: { en: `Frozen messages: ${frozen}. Exim stopped trying to deliver them.`, pl: `Zamrożone wiadomości: ${frozen}. Exim przestał próbować je doręczyć.` },
      detail: T('Exim freezes a message when delivery fails in a way retrying cannot fix, most often a bounce that cannot be returned to its sender. Frozen bounces are removed after ignore_bounce_errors_after / timeout_frozen_after, if set.',
        'Exim zamraża wiadomość, gdy doręczenie zawodzi w sposób, którego ponawianie nie naprawi, najczęściej zwrot, którego nie da się odesłać nadawcy. Zamrożone zwroty są usuwane po ignore_bounce_errors_after / timeout_frozen_after, jeśli je ustawiono.'),
      advice: [T('Read the message\'s log to see why it was frozen.', 'Przeczytaj dziennik wiadomości, aby zobaczyć, dlaczego została zamrożona.'), T('Thaw the ones worth another try; delete frozen bounces nobody can receive.', 'Odmroź te, które warto ponowić; usuń zamrożone zwroty, których nikt nie odbierze.'), DELETE_WARNING],
      evidence: commands(mta, [['show', { id: d.sampleIds.frozen?.[0] ?? 'QUEUE_ID' }], ['thawAll'], ['deleteFrozenBounces']], cfg),
    });
  }
  if (mta === 'exim' && d.messages && !d.reasons.length) {
    findings.push({
      check: 'queue.reasons-not-listed',
      status: 'info',
      subject: 'exim -bp',
      summary: T('Exim\'s queue listing says nothing about why messages wait: the reasons are in its log.', 'Lista kolejki Exima nie mówi, dlaczego wiadomości czekają: przyczyny są w jego dzienniku.'),
      advice: [T('Read the per-message log of a waiting message, or the main log: mailmedic logs summary /var/log/exim4/mainlog.', 'Przeczytaj dziennik konkretnej wiadomości albo główny dziennik: mailmedic logs summary /var/log/exim4/mainlog.')],
      evidence: commands(mta, [['show', { id: d.oldest[0]?.id ?? 'QUEUE_ID' }]], cfg),
    });
  }

  // 5. What could not be read.
  if (input.problems.length) {
    const p = input.problems;
    findings.push({
      check: 'queue.unreadable',
      status: 'unknown',
      subject: `${p.length}`,
      summary: { en: `Lines of the listing that could not be read: ${p.length}; the rest was read.`, pl: `Nieodczytane wiersze listy: ${p.length}; resztę odczytano.` },
      detail: input.truncated ? T('The input was cut at the size limit.', 'Dane ucięto na limicie rozmiaru.') : T('A truncated or edited dump, or lines of another program mixed in.', 'Ucięty albo ręcznie zmieniony zrzut lub wiersze innego programu wmieszane w listę.'),
      evidence: p.slice(0, 5).map((x) => ({ kind: 'text' as const, label: `line ${x.line}`, value: x.text ? `${x.text} — ${x.why.en}` : x.why.en })),
    });
  }

  const tables: Table[] = [];
  if (d.messages) {
    if (d.reasons.length) tables.push({ id: 'queue.by-reason', title: T('Why mail waits', 'Dlaczego poczta czeka'), columns: [T('Reason', 'Przyczyna'), T('Recipients', 'Odbiorcy'), T('Most common text', 'Najczęstsza treść')],
      rows: d.reasons.slice(0, 10).map((g) => [g.reason, String(g.recipients), g.samples[0] ? `${g.samples[0].text} (${g.samples[0].count}×)` : '']) });
    tables.push({ id: 'queue.by-destination', title: T('Destinations', 'Domeny odbiorców'), columns: [T('Domain', 'Domena'), T('Messages', 'Wiadomości'), T('Recipients', 'Odbiorcy'), T('Oldest', 'Najstarsza'), T('Reason', 'Przyczyna')],
      rows: d.destinations.slice(0, 15).map((x) => [x.domain, String(x.messages), String(x.recipients), fmtAge(x.oldestSeconds), x.reason ?? '']) });
    tables.push({ id: 'queue.ages', title: T('How long mail has waited', 'Jak długo poczta czeka'), columns: [T('Age', 'Wiek'), T('Messages', 'Wiadomości')], rows: d.ages.filter((a) => a.messages).map((a) => [a.label, String(a.messages)]) });
    tables.push({ id: 'queue.senders', title: T('Senders with most mail waiting', 'Nadawcy z największą ilością czekającej poczty'), columns: [T('Sender', 'Nadawca'), T('Messages', 'Wiadomości'), T('Size', 'Rozmiar')],
      rows: d.senders.slice(0, 10).map((s) => [s.sender, String(s.messages), fmtBytes(s.bytes)]) });
    tables.push({ id: 'queue.oldest', title: T('Messages waiting longest', 'Najdłużej czekające wiadomości'), columns: [T('Queue ID', 'ID w kolejce'), T('Queue', 'Kolejka'), T('Waiting', 'Czeka'), T('Sender', 'Nadawca'), T('Recipients', 'Odbiorcy'), T('Reason', 'Przyczyna')],
      rows: d.oldest.slice(0, 20).map((r) => [r.id, r.queue, fmtAge(r.ageSeconds), r.sender, r.recipients.slice(0, 3).join(', ') + (r.recipients.length > 3 ? ` (+${r.recipients.length - 3})` : ''), (r.reason ?? '').slice(0, 100)]) });
  }
  const data = { source: input.source, format: input.format ?? null, ...d, problems: input.problems.map((p) => ({ line: p.line, text: p.text, why: p.why })), truncated: input.truncated };
  return makeReport('queue', input.source, findings, { tables, data, ...(input.now ? { now: input.now } : {}) });
}

/** CSV rows: one per message kept (the oldest; all with keepAll). */
export const QUEUE_CSV_COLUMNS = ['id', 'queue', 'ageSeconds', 'size', 'sender', 'recipients', 'reason'];

/** The queue CSV's rows (QUEUE_CSV_COLUMNS): one per message kept, recipients space-separated. */
export function queueCsvRows(d: QueueSummaryData): (string | number | undefined)[][] {
  return d.oldest.map((r) => [r.id, r.queue, r.ageSeconds, r.size, r.sender, r.recipients.join(' '), r.reason]);
}

/** Where one message waits, as a verb phrase ("… is in the deferred queue for 2 h"). */
const MESSAGE_PLACE: Record<string, Text> = {
  active: T('is in the active queue (being delivered)', 'jest w kolejce aktywnej (właśnie doręczana)'),
  deferred: T('is in the deferred queue (waiting for a retry)', 'jest w kolejce odroczonych (czeka na ponowienie)'),
  hold: T('is on hold in the queue', 'jest wstrzymana w kolejce'),
  incoming: T('is in the incoming queue (not yet picked up)', 'jest w kolejce przychodzącej (jeszcze nieodebrana)'),
  maildrop: T('is in the maildrop queue (not yet picked up)', 'jest w kolejce maildrop (jeszcze nieodebrana)'),
  corrupt: T('is in the queue, marked corrupt', 'jest w kolejce, oznaczona jako uszkodzona'),
  frozen: T('is frozen in the queue (delivery stopped)', 'jest zamrożona w kolejce (doręczanie wstrzymane)'),
};

/**
 * One waiting message as a finding (the doctor's "is my message still in the queue?"): where it waits, for how
 * long, why (the deferral reason classified like the queue's own reasons), and the safe commands for it.
 */
export function queueMessageFinding(m: QueueMessage, opts: { configDir?: string; nowSeconds?: number } = {}): Finding {
  const waiting = m.recipients.filter((r) => !r.delivered);
  const why = waiting.find((r) => r.reason)?.reason;
  const c = why ? classifyLogText(why, undefined, undefined, normalizeReasonText(why)) : undefined;
  const grey = c?.rule.includes('greylist') ?? false;
  const info = c ? describeReason(c.reason) : undefined;
  const title = grey ? GREYLISTING.title : info?.title;
  const place = MESSAGE_PLACE[m.queue] ?? T('is in the queue', 'jest w kolejce');
  const to = waiting.map((r) => r.address).join(', ') || '?';
  const from = m.sender || '<>';
  const stuck = m.queue === 'deferred' || m.queue === 'hold' || m.queue === 'frozen' || m.queue === 'corrupt';
  const age = fmtAge(m.ageSeconds);
  const f: Finding = {
    check: 'queue.message',
    status: stuck ? 'warn' : 'info',
    subject: m.id,
    summary: {
      en: `Message ${m.id} from ${from} to ${to} ${place.en} for ${age}${title ? `: ${title.en}` : ''}.`,
      pl: `Wiadomość ${m.id} od ${from} do ${to} ${place.pl} od ${age}${title ? `: ${title.pl}` : ''}.`,
    },
    evidence: [
      ...(why ? [{ kind: 'text' as const, label: 'delay reason', value: why }] : []),
      ...commands(m.mta, m.queue === 'hold' ? [['show', { id: m.id }], ['release', { id: m.id }]] : m.queue === 'frozen' ? [['show', { id: m.id }], ['thaw', { id: m.id }]] : [['show', { id: m.id }], ['deliverOne', { id: m.id }]], opts.configDir),
    ],
    data: { id: m.id, queue: m.queue, ageSeconds: m.ageSeconds, sender: m.sender, recipients: waiting.map((r) => r.address), mta: m.mta },
  };
  if (m.queue === 'hold') {
    f.detail = T('The message is on hold: an administrator or a filter stopped it, and it will not be sent until it is released.',
      'Wiadomość jest wstrzymana: zatrzymał ją administrator albo filtr i nie zostanie wysłana, dopóki ktoś jej nie zwolni.');
  } else if (c && info) {
    f.detail = grey ? GREYLISTING.meaning : info.meaning;
    f.diagnosis = { reason: c.reason, permanence: c.permanence === 'unknown' ? 'temporary' : c.permanence, actor: c.actor,
      retry: c.permanence === 'permanent' ? 'after-fix' : 'later', rule: c.rule };
    const advice = grey ? GREYLISTING.advice : info.advice;
    if (advice.length) f.advice = advice;
  }
  return f;
}
