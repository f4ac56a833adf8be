/**
 * Reports for the logs commands: Findings for what needs saying, Tables for the figures, Report.data for
 * machines (documented in docs/json-schema.md, section "logs").
 */
import { makeReport, type Finding, type Report, type Status, type Table, type Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { describeReason } from '../knowledge/reasons.js';
import { classifyLogText, classifyReject, toDiagnosis } from './diagnose.js';
import { fmtTime } from './stamp.js';
import { redactLogLine } from './redact.js';
import { inboundNote } from './perspective.js';
import type { LogSummaryData, CountRow, ReasonGroup } from './summary.js';
import type { MessageStory, TraceFilter, TraceResult } from './trace.js';

const T = (en: string, pl: string): Text => tx(en, pl);

/** A two-column table whose first column is words: the English word in `rows`, both languages in `rowLabels`. */
function labelledTable(id: string, title: Text, columns: Text[], pairs: [Text, string | number][]): Table {
  return { id, title, columns, rows: pairs.map(([k, v]) => [k.en, String(v)]), rowLabels: pairs.map(([k]) => k) };
}
const fmtBytes = (n: number): string => (n >= 1 << 30 ? (n / (1 << 30)).toFixed(1) + ' GiB' : n >= 1 << 20 ? (n / (1 << 20)).toFixed(1) + ' MiB' : n >= 1024 ? (n / 1024).toFixed(1) + ' KiB' : n + ' B');
const sec = (v: number): string => (v >= 3600 ? (v / 3600).toFixed(1) + ' h' : v >= 60 ? (v / 60).toFixed(1) + ' min' : v.toFixed(2) + ' s');

function topTable(id: string, title: Text, keyCol: Text, rows: CountRow[], withBytes = true): Table {
  return {
    id, title,
    columns: withBytes ? [keyCol, T('Messages', 'Wiadomości'), T('Bytes', 'Bajty')] : [keyCol, T('Count', 'Liczba')],
    rows: rows.map((r) => (withBytes ? [r.key, String(r.messages), fmtBytes(r.bytes)] : [r.key, String(r.messages)])),
  };
}

function reasonTable(id: string, title: Text, groups: ReasonGroup[]): Table {
  const rows: string[][] = [];
  for (const g of groups.slice(0, 10)) {
    rows.push([g.reason, String(g.count), g.samples[0] ? `${g.samples[0].text} (${g.samples[0].count}×)` : '']);
    for (const s of g.samples.slice(1, 3)) rows.push(['', '', `${s.text} (${s.count}×)`]);
  }
  return { id, title, columns: [T('Reason', 'Przyczyna'), T('Count', 'Liczba'), T('Most common text', 'Najczęstsza treść')], rows };
}

/** A source read only in part (a truncated .gz …): "not checked to the end", with why; the rest counted. */
export function notCheckedFindings(list: readonly { source: string; reason: { en: string; pl: string } }[]): Finding[] {
  return list.map((x) => ({
    check: 'logs.input.not-checked',
    status: 'warn' as Status,
    subject: x.source,
    summary: { en: `Not checked to the end: ${x.source} — ${x.reason.en}. The lines before that point, and the other files, were read.`,
      pl: `Nie sprawdzono do końca: ${x.source} — ${x.reason.pl}. Wiersze sprzed tego miejsca i pozostałe pliki zostały przeczytane.` },
    advice: [T('If the file was cut by a full disk or a broken copy, take it again from the server or its backup.', 'Jeśli plik został obcięty przez zapełniony dysk albo nieudane kopiowanie, pobierz go ponownie z serwera lub z kopii zapasowej.')],
    data: { source: x.source },
  }));
}

/** `logs summary` as a Report. */
export function summaryReport(d: LogSummaryData, subject: string, now?: () => Date): Report {
  const c = d.counts;
  const findings: Finding[] = [];
  const period = d.first && d.last ? `${fmtTime(Date.parse(d.first))} – ${fmtTime(Date.parse(d.last))}` : '?';
  findings.push({
    check: 'logs.summary',
    status: d.parsed ? 'ok' : 'unknown',
    subject,
    summary: fill(T('{received} received, {delivered} delivered, {deferred} deferred, {bounced} bounced, {rejected} rejected ({period}).',
      '{received} odebranych, {delivered} doręczonych, {deferred} odroczonych, {bounced} zwróconych, {rejected} odrzuconych ({period}).'),
      { received: c.received, delivered: c.delivered, deferred: c.deferred, bounced: c.bounced, rejected: c.rejected, period }),
    detail: fill(T('{lines} lines read ({format}); {unparsed} not understood.', 'Przeczytano {lines} wierszy ({format}); niezrozumiałych: {unparsed}.'),
      { lines: d.lines, format: Object.entries(d.formats).filter(([, n]) => n).map(([f, n]) => `${f} ${n}`).join(', ') || '?', unparsed: d.unparsed }),
    data: { counts: c },
  });
  if (!d.parsed) {
    findings[0]!.summary = T('No mail log lines were recognised in the input.', 'W podanych danych nie rozpoznano żadnego wpisu z dziennika poczty (logu).');
    findings[0]!.advice = [T('Give the path of the mail log, e.g. /var/log/maillog or /var/log/mail.log.', 'Podaj ścieżkę do dziennika poczty (logu), np. /var/log/maillog albo /var/log/mail.log.')];
  }
  findings.push(...notCheckedFindings(d.notChecked ?? []));
  const total = c.delivered + c.bounced + c.rejected;
  const addReason = (kind: 'bounced' | 'deferred' | 'rejected', groups: ReasonGroup[], count: number) => {
    const g = groups[0];
    if (!g) return;
    const share = total ? count / total : 0;
    const status: Status = kind === 'deferred' ? (count > 0 ? 'info' : 'ok') : share > 0.2 ? 'warn' : 'info';
    const info = describeReason(g.reason);
    const texts: Record<typeof kind, Text> = {
      bounced: T('Most bounces: {reason} ({n} of {all}).', 'Najwięcej zwrotów: {reason} ({n} z {all}).'),
      deferred: T('Most deferrals: {reason} ({n} of {all}).', 'Najwięcej odroczeń: {reason} ({n} z {all}).'),
      rejected: T('Most rejections: {reason} ({n} of {all}).', 'Najwięcej odrzuceń: {reason} ({n} z {all}).'),
    };
    const all = groups.reduce((a, x) => a + x.count, 0);
    const sample = g.samples[0]?.text ?? '';
    const f: Finding = {
      check: `logs.summary.${kind}`,
      status,
      subject: g.reason,
      summary: fill(texts[kind], { reason: `${g.reason} (${info.title.en})`, n: g.count, all }),
      detail: info.meaning,
      evidence: g.samples.map((s) => ({ kind: 'text' as const, label: `${s.count}×`, value: s.text })),
      diagnosis: toDiagnosis(classifyLogText(sample), sample),
    };
    f.summary = { en: fill(texts[kind], { reason: `${g.reason} (${info.title.en})`, n: g.count, all }).en, pl: fill(texts[kind], { reason: `${g.reason} (${info.title.pl})`, n: g.count, all }).pl };
    if (info.advice.length) f.advice = info.advice;
    if (kind === 'rejected') {
      // our server refused someone else's mail: the administrator's story, not a sender's (no "get delisted")
      const note = inboundNote(g.reason);
      f.check = 'logs.summary.rejected-inbound';
      f.status = 'info';
      const t = T('Your server refused {n} incoming messages; most: {reason} ({k} of {n}).', 'Twój serwer odrzucił {n} przychodzących wiadomości; najczęściej: {reason} ({k} z {n}).');
      f.summary = { en: fill(t, { n: all, reason: `${g.reason} (${info.title.en})`, k: g.count }).en, pl: fill(t, { n: all, reason: `${g.reason} (${info.title.pl})`, k: g.count }).pl };
      f.detail = note.meaning;
      f.advice = note.advice;
      delete f.diagnosis;
    }
    findings.push(f);
  };
  addReason('bounced', d.reasons.bounced, c.bounced);
  addReason('rejected', d.reasons.rejected, c.rejected);
  addReason('deferred', d.reasons.deferred, c.deferrals);
  const blocked = d.filters.reduce((a, f) => a + f.blocked, 0);
  if (d.filters.length) {
    const many = new Set(d.filters.map((f) => f.filter)).size > 1;
    const cats = (word: string) => d.filters.map((f) => `${many ? f.filter + ' ' : ''}${f.category} ${f.passed + f.blocked}${f.blocked ? ` (${word}: ${f.blocked})` : ''}`).join(', ');
    const n = d.filters.reduce((a, f) => a + f.passed + f.blocked, 0);
    // several filters in a row (milters) judge the same message: then it is verdicts, not messages
    const en = many ? 'The content filters gave {n} verdicts: {blocked} blocked, {quarantined} quarantined ({cats}).' : 'The content filter checked {n} messages: {blocked} blocked, {quarantined} quarantined ({cats}).';
    const pl = many ? 'Filtry treści wydały {n} werdyktów: {blocked} zablokowanych, {quarantined} w kwarantannie ({cats}).' : 'Filtr treści sprawdził {n} wiadomości: {blocked} zablokował, {quarantined} trafiło do kwarantanny ({cats}).';
    findings.push({
      check: 'logs.summary.filter', status: blocked ? 'warn' : 'ok', subject: cats('blocked'),
      summary: {
        en: fill(T(en, ''), { n, blocked, quarantined: c.quarantined, cats: cats('blocked') }).en,
        pl: fill(T('', pl), { n, blocked, quarantined: c.quarantined, cats: cats('zablokowane') }).pl,
      },
      data: { filters: d.filters, quarantined: c.quarantined, discarded: c.discarded },
    });
  }
  if (d.auth.length) {
    const line = (m: 'spf' | 'dmarc') => d.auth.filter((r) => r.method === m).map((r) => `${r.result} ${r.count}`).join(', ');
    const parts = (['spf', 'dmarc'] as const).filter((m) => d.auth.some((r) => r.method === m)).map((m) => `${m.toUpperCase()}: ${line(m)}`).join('; ');
    const bad = d.auth.some((r) => r.result === 'fail' || r.result === 'temperror' || r.result === 'permerror');
    findings.push({
      check: 'logs.summary.auth', status: bad ? 'info' : 'ok', subject: parts,
      summary: fill(T('Sender authentication of incoming mail — {parts}.', 'Uwierzytelnienie nadawców poczty przychodzącej — {parts}.'), { parts }),
      detail: T('SPF (policyd-spf) checks that the sending server may send for the envelope sender\'s domain; DMARC (opendmarc) that SPF or DKIM passed for the domain in From. Failures are mostly forged senders; see mailmedic logs problems for patterns.',
        'SPF (policyd-spf) sprawdza, czy serwer nadawcy może wysyłać pocztę w imieniu domeny z koperty; DMARC (opendmarc) — czy SPF lub DKIM potwierdziły domenę z pola From. Niepowodzenia to najczęściej podrobieni nadawcy; wzorce pokazuje mailmedic logs problems.'),
      data: { auth: d.auth },
    });
  }
  if (d.logins.failed) {
    const top = d.logins.topFailedIps[0];
    findings.push({
      check: 'logs.summary.logins', status: top && top.messages >= 10 ? 'warn' : 'info', subject: top?.key ?? String(d.logins.failed),
      summary: fill(T('{n} failed logins ({smtp} SMTP AUTH, {imap} IMAP/POP3); most from {ip} ({k}).', '{n} nieudanych logowań ({smtp} SMTP AUTH, {imap} IMAP/POP3); najwięcej z {ip} ({k}).'),
        { n: d.logins.failed, smtp: d.logins.smtpFailed, imap: d.logins.imapPopFailed, ip: top?.key ?? '?', k: top?.messages ?? 0 }),
      advice: [T('Many failures from one address are password guessing: see mailmedic logs problems, block the address (fail2ban, firewall).', 'Wiele nieudanych prób z jednego adresu to zgadywanie haseł: zobacz mailmedic logs problems, zablokuj ten adres (fail2ban, zapora).')],
      data: { logins: d.logins },
    });
  }
  if (d.daemon.fatal || d.daemon.panic) {
    findings.push({
      check: 'logs.summary.fatal', status: 'error', subject: `${d.daemon.fatal + d.daemon.panic}`,
      summary: fill(T('{n} fatal/panic lines: a mail program stopped.', '{n} wpisów fatal/panic: program pocztowy przerwał pracę.'), { n: d.daemon.fatal + d.daemon.panic }),
      evidence: d.daemon.top.filter((x) => x.level === 'fatal' || x.level === 'panic').map((x) => ({ kind: 'log' as const, label: `${x.prog} ${x.level} ${x.count}×`, value: x.text })),
    });
  }
  if (d.unparsed) {
    findings.push({
      check: 'logs.unparsed', status: 'info', subject: String(d.unparsed),
      summary: fill(T('{n} lines were not understood and were skipped (shown with --verbose).', 'Pominięto {n} niezrozumiałych wierszy (pokaże je --verbose).'), { n: d.unparsed }),
      evidence: d.unparsedSamples.map((s) => ({ kind: 'log' as const, value: redactLogLine(s) })),
    });
  }
  const tables: Table[] = [
    labelledTable('logs.totals', T('Totals', 'Podsumowanie'), [T('What', 'Co'), T('Count', 'Liczba')], [
      [T('received', 'odebrane'), c.received], [T('delivered', 'doręczone'), c.delivered], [T('forwarded', 'przekazane dalej'), c.forwarded],
      [T('deferred', 'odroczone'), c.deferred], [T('deferrals (attempts)', 'odroczenia (próby)'), c.deferrals],
      [T('bounced', 'zwrócone'), c.bounced], [T('expired', 'wygasłe w kolejce'), c.expired], [T('rejected', 'odrzucone'), c.rejected],
      [T('reject warnings', 'ostrzeżenia o odrzuceniu'), c.rejectWarnings], [T('held', 'wstrzymane'), c.held], [T('discarded', 'porzucone'), c.discarded],
      [T('quarantined', 'w kwarantannie'), c.quarantined], [T('deleted by the administrator', 'usunięte przez administratora'), c.deleted],
      [T('requeued', 'ponownie w kolejce'), c.requeued], [T('released from hold', 'zwolnione z wstrzymania'), c.released],
      [T('content-filter hops', 'przejścia przez filtr treści'), c.filtered], [T('bytes received', 'bajty odebrane'), fmtBytes(c.bytesReceived)],
      [T('bytes delivered', 'bajty doręczone'), fmtBytes(c.bytesDelivered)], [T('senders', 'nadawcy'), c.senders], [T('recipients', 'odbiorcy'), c.recipients],
      [T('SMTP connections', 'połączenia SMTP'), d.smtp.connections], [T('TLS connections', 'połączenia TLS'), d.smtp.tls],
      [T('TLS failures', 'błędy TLS'), d.smtp.tlsFailures], [T('failed logins', 'nieudane logowania'), d.logins.failed],
      [T('failed SMTP logins', 'nieudane logowania SMTP'), d.logins.smtpFailed], [T('failed IMAP/POP3 logins', 'nieudane logowania IMAP/POP3'), d.logins.imapPopFailed],
      [T('IMAP/POP3 logins', 'logowania IMAP/POP3'), d.smtp.imapPopLogins],
      [T('warnings', 'ostrzeżenia'), d.daemon.warnings], [T('errors', 'błędy'), d.daemon.errors], [T('fatal', 'błędy krytyczne (fatal)'), d.daemon.fatal],
      [T('panic', 'awarie (panic)'), d.daemon.panic], [T('still in queue at end', 'w kolejce na końcu logu'), c.openAtEnd],
    ]),
    labelledTable('logs.delays', T('Delivery delays', 'Czas doręczenia'), [T('Measure', 'Miara'), T('Value', 'Wartość')], [
      [T('deliveries', 'doręczenia'), d.delays.count], [T('p50', 'p50 (mediana)'), sec(d.delays.p50)], [T('p90', 'p90'), sec(d.delays.p90)],
      [T('p95', 'p95'), sec(d.delays.p95)], [T('p99', 'p99'), sec(d.delays.p99)], [T('max', 'maks.'), sec(d.delays.max)], [T('avg', 'średnio'), sec(d.delays.avg)],
      [T('avg before queue', 'średnio przed kolejką'), sec(d.delays.parts.beforeQueue)], [T('avg in queue', 'średnio w kolejce'), sec(d.delays.parts.inQueue)],
      [T('avg connection', 'średnio na połączenie'), sec(d.delays.parts.connection)], [T('avg transmission', 'średnio na przesłanie'), sec(d.delays.parts.transmission)],
      [T('deliveries after a content filter or forward', 'doręczenia po filtrze treści lub przekazaniu'), d.delays.chained],
      [T('avg time before the last leg (filter)', 'średni czas przed ostatnim etapem (filtr)'), sec(d.delays.filterAvg)],
    ]),
    {
      id: 'logs.per-day', title: T('Per day', 'Dziennie'),
      columns: [T('Day', 'Dzień'), T('Received', 'Odebrane'), T('Delivered', 'Doręczone'), T('Deferred', 'Odroczone'), T('Bounced', 'Zwrócone'), T('Rejected', 'Odrzucone')],
      rows: d.perDay.map((p) => [p.day, String(p.received), String(p.delivered), String(p.deferred), String(p.bounced), String(p.rejected)]),
    },
    {
      id: 'logs.per-hour', title: T('Per hour of day', 'Według godziny dnia'),
      columns: [T('Hour', 'Godzina'), T('Received', 'Odebrane'), T('Delivered', 'Doręczone'), T('Deferred', 'Odroczone'), T('Bounced', 'Zwrócone'), T('Rejected', 'Odrzucone')],
      rows: d.perHour.filter((p) => p.received + p.delivered + p.deferred + p.bounced + p.rejected > 0)
        .map((p) => [`${String(p.hour).padStart(2, '0')}:00`, String(p.received), String(p.delivered), String(p.deferred), String(p.bounced), String(p.rejected)]),
    },
    topTable('logs.top.senders', T('Top senders', 'Najczęstsi nadawcy'), T('Sender', 'Nadawca'), d.top.senders),
    topTable('logs.top.recipients', T('Top recipients', 'Najczęstsi odbiorcy'), T('Recipient', 'Odbiorca'), d.top.recipients),
    topTable('logs.top.sender-domains', T('Top sending domains', 'Najczęstsze domeny nadawców'), T('Domain', 'Domena'), d.top.senderDomains),
    topTable('logs.top.recipient-domains', T('Top receiving domains', 'Najczęstsze domeny odbiorców'), T('Domain', 'Domena'), d.top.recipientDomains),
    topTable('logs.top.sasl', T('Top SASL users', 'Najaktywniejsi użytkownicy SASL'), T('User', 'Użytkownik'), d.top.saslUsers, false),
    topTable('logs.top.clients', T('Top client IPs', 'Najczęstsze adresy IP klientów'), T('IP', 'IP'), d.top.clientIps, false),
    reasonTable('logs.reasons.rejected', T('Rejections by reason', 'Odrzucenia według przyczyny'), d.reasons.rejected),
    reasonTable('logs.reasons.deferred', T('Deferrals by reason', 'Odroczenia według przyczyny'), d.reasons.deferred),
    reasonTable('logs.reasons.bounced', T('Bounces by reason', 'Zwroty według przyczyny'), d.reasons.bounced),
    {
      id: 'logs.filters', title: T('Content filter verdicts', 'Werdykty filtra treści'),
      columns: [T('Filter', 'Filtr'), T('Category', 'Kategoria'), T('Passed', 'Przepuszczone'), T('Blocked', 'Zablokowane')],
      rows: d.filters.map((f) => [f.filter, f.category, String(f.passed), String(f.blocked)]),
    },
    {
      id: 'logs.auth', title: T('Sender authentication (SPF, DMARC)', 'Uwierzytelnienie nadawców (SPF, DMARC)'),
      columns: [T('Check', 'Test'), T('Result', 'Wynik'), T('Messages', 'Wiadomości')],
      rows: d.auth.map((r) => [r.method.toUpperCase(), r.result, String(r.count)]),
    },
    {
      id: 'logs.postscreen', title: T('postscreen (protection before smtpd)', 'postscreen (ochrona przed smtpd)'), columns: [T('Verdict', 'Werdykt'), T('Count', 'Liczba')],
      rows: ([['PASS NEW', d.screen.passNew], ['PASS OLD', d.screen.passOld], ['PREGREET', d.screen.pregreet], ['DNSBL rank', d.screen.dnsbl],
        ['HANGUP', d.screen.hangup], ['COMMAND limits', d.screen.command], ['PIPELINING', d.screen.pipelining], ['BARE NEWLINE', d.screen.bareNewline],
        ['NON-SMTP COMMAND', d.screen.nonSmtp], ['DENYLISTED', d.screen.denylisted], ['ALLOWLISTED', d.screen.allowlisted]] as [string, number][])
        .filter(([, n]) => n > 0).map(([k, n]) => [k, String(n)]),
    },
    topTable('logs.dnsbl-hits', T('DNSBL hits per list', 'Trafienia na czarnych listach (DNSBL)'), T('List', 'Lista'), d.screen.listHits, false),
    topTable('logs.failed-logins', T('Failed logins per IP', 'Nieudane logowania według IP'), T('IP', 'IP'), d.logins.topFailedIps, false),
    topTable('logs.refused-by', T('Our mail refused or deferred by remote servers', 'Nasza poczta odrzucona lub odroczona przez inne serwery'), T('Remote server', 'Serwer'), d.outbound.refusedBy, false),
    {
      id: 'logs.per-domain', title: T('Per destination domain', 'Według domeny odbiorcy'),
      columns: [T('Domain', 'Domena'), T('Delivered', 'Doręczone'), T('Bytes', 'Bajty'), T('Deferrals', 'Odroczenia'), T('Bounced', 'Zwrócone'), T('Avg delay', 'Śr. opóźnienie'), T('Max delay', 'Maks. opóźnienie')],
      rows: d.outbound.perDomain.map((r) => [r.domain, String(r.delivered), fmtBytes(r.bytes), String(r.deferrals), String(r.bounced), sec(r.avgDelay), sec(r.maxDelay)]),
    },
    {
      id: 'logs.daemon', title: T('Warnings and errors', 'Ostrzeżenia i błędy'),
      columns: [T('Level', 'Poziom'), T('Program', 'Program'), T('Count', 'Liczba'), T('Text', 'Treść')],
      rows: d.daemon.top.map((x) => [x.level, x.prog, String(x.count), x.text]),
    },
  ].filter((t) => t.rows.length);
  const extra: Parameters<typeof makeReport>[3] = { tables, data: d };
  if (now) extra.now = now;
  return makeReport('logs summary', subject, findings, extra);
}

const VERDICT_TEXT: Record<string, Text> = {
  delivered: T('delivered', 'doręczona'), deferred: T('deferred, still waiting for a retry', 'odroczona, czeka na ponowną próbę'),
  bounced: T('bounced (not delivered, the sender is told)', 'zwrócona (niedoręczona, nadawca dostaje raport o niedoręczeniu)'), expired: T('expired in the queue and returned to the sender', 'wygasła w kolejce i wróciła do nadawcy'),
  rejected: T('rejected before it entered the queue', 'odrzucona, zanim trafiła do kolejki'), 'in-queue': T('still in the queue when the log ends', 'wciąż w kolejce, gdy dziennik (log) się kończy'),
  unknown: T('outcome not in this log', 'w tym dzienniku (logu) brak wyniku'),
  discarded: T('accepted, then thrown away (not delivered, the sender is not told)', 'przyjęta, a potem odrzucona bez powiadomienia (niedoręczona, nadawca nie dostaje raportu)'),
  deleted: T('deleted from the queue by the administrator (postsuper -d)', 'usunięta z kolejki przez administratora (postsuper -d)'),
  held: T('held in the queue by the administrator or a rule (not sent until released)', 'wstrzymana w kolejce przez administratora lub regułę (nie zostanie wysłana, dopóki jej nie zwolnisz)'),
};
const VERDICT_STATUS: Record<string, Status> = { delivered: 'ok', deferred: 'warn', bounced: 'error', expired: 'error', rejected: 'error', discarded: 'error', deleted: 'warn', held: 'warn', 'in-queue': 'warn', unknown: 'unknown' };

/** A content filter's verdict, for the story's facts. */
function filterFact(f: NonNullable<MessageStory['filter']>): Text {
  const what = `${f.name}: ${f.verdict === 'passed' ? 'Passed' : 'Blocked'} ${f.category}${f.detail ? ' ' + f.detail : ''}`;
  return T(`content filter ${what}${f.quarantined ? ', quarantined' : ''}${f.discarded ? ', discarded' : ''}`,
    `filtr treści ${what}${f.quarantined ? ', w kwarantannie' : ''}${f.discarded ? ', odrzucona' : ''}`);
}

/** One leg of a message and how it continues the one before, for the story's facts. */
function legFact(l: NonNullable<MessageStory['legs']>[number], first: boolean): Text {
  const via: Text = first ? T('queue id', 'identyfikator w kolejce') : l.via === 'filter' ? T('back from the content filter as', 'po filtrze treści jako')
    : l.via === 'forward' ? T('forwarded locally as', 'przekazana lokalnie jako') : l.via === 'requeue' ? T('requeued (postsuper -r) as', 'ponownie w kolejce (postsuper -r) jako')
      : T('continued as', 'dalej jako');
  const f = l.filter ? filterFact(l.filter) : undefined;
  const admin: Text | undefined = l.admin === 'deleted' ? T('deleted by the administrator', 'usunięta przez administratora')
    : l.admin === 'held' ? T('held', 'wstrzymana') : l.admin === 'released' ? T('held, then released', 'wstrzymana, potem zwolniona')
      : l.admin === 'requeued' ? T('requeued by the administrator', 'ponownie w kolejce na polecenie administratora') : undefined;
  const tail = (k: 'en' | 'pl') => [f?.[k], admin?.[k]].filter(Boolean).join(', ');
  return { en: `${via.en} ${l.qid}${tail('en') ? ` (${tail('en')})` : ''}`, pl: `${via.pl} ${l.qid}${tail('pl') ? ` (${tail('pl')})` : ''}` };
}

/** The filter verdict that explains a story: a blocking one of any leg, else the last leg's. */
function blockedOrLast(s: MessageStory): MessageStory['filter'] {
  return s.filter?.verdict === 'blocked' ? s.filter : s.legs?.find((l) => l.filter?.verdict === 'blocked')?.filter ?? s.filter;
}

/** One story → one Finding (verdict + diagnosis) and its attempt rows. */
export function storyFinding(s: MessageStory): Finding {
  const rcpts = s.recipients.map((r) => r.to).join(', ') || '?';
  const who = `${s.qid} <${s.from ?? '?'}> → ${rcpts}`;
  const f: Finding = {
    check: `logs.trace.${s.verdict}`,
    status: VERDICT_STATUS[s.verdict] ?? 'unknown',
    subject: who.length > 200 ? who.slice(0, 200) + '…' : who,
    summary: fill(T('{time}: message from {from} to {to}: {verdict}.', '{time}: wiadomość od {from} do {to}: {verdict}.'), { time: fmtTime(s.first), from: s.from === '' ? '<>' : s.from ?? '?', to: rcpts, verdict: '{verdict}' }),
    evidence: s.lines.slice(0, 100).map((l) => ({ kind: 'log' as const, value: redactLogLine(l) })),
    data: { story: storyData(s) },
  };
  const vt = VERDICT_TEXT[s.verdict]!;
  f.summary = { en: f.summary.en.replace('{verdict}', vt.en), pl: f.summary.pl.replace('{verdict}', vt.pl) };
  const facts: Text[] = [];
  const both = (v: string): Text => ({ en: v, pl: v });
  if (s.client?.startsWith('uid=')) facts.push(T(`local submission (sendmail/pickup, ${s.client})`, `wysłana lokalnie (sendmail/pickup, ${s.client})`));
  else if (s.client) facts.push(T(`client ${s.client}[${s.ip ?? ''}]`, `klient ${s.client}[${s.ip ?? ''}]`));
  if (s.helo) facts.push(both(`HELO ${s.helo}`));
  if (s.saslUser) facts.push(both(`SASL ${s.saslUser}`));
  if (s.tls) facts.push(both(`TLS ${s.tls.split(' with ')[0]}`));
  if (s.messageId) facts.push(both(`Message-ID <${s.messageId}>`));
  if (s.size !== undefined) facts.push(T(`size ${s.size}`, `rozmiar ${s.size}`));
  if (s.legs) facts.push(...s.legs.map((l, i) => legFact(l, i === 0)));
  else if (s.filter) facts.push(filterFact(s.filter));
  else if (s.requeuedFrom) facts.push(T(`← continues ${s.requeuedFrom}`, `← ciąg dalszy ${s.requeuedFrom}`));
  for (const n of s.notices) facts.push(T(`${n.kind} notice → ${n.qid}`, `raport (${n.kind}) → ${n.qid}`));
  if (facts.length) f.detail = { en: facts.map((x) => x.en).join('; '), pl: facts.map((x) => x.pl).join('; ') };
  if (s.verdict === 'discarded') {
    const blocked = s.filter?.verdict === 'blocked' ? s.filter : s.legs?.find((l) => l.filter?.verdict === 'blocked')?.filter;
    const a = s.recipients.flatMap((r) => r.attempts).find((x) => x.status === 'discarded');
    const what = blocked ? `${blocked.name}: ${blocked.category}${blocked.detail ? ` (${blocked.detail})` : ''}` : a?.text ?? '';
    f.detail = { en: `${f.detail ? f.detail.en + '. ' : ''}Blocked by the content filter — ${what}${blocked?.quarantined ? '; a copy is in quarantine' : ''}.`,
      pl: `${f.detail ? f.detail.pl + '. ' : ''}Zablokowana przez filtr treści — ${what}${blocked?.quarantined ? '; kopia jest w kwarantannie' : ''}.` };
    f.advice = [
      T('If the message was wanted, release it from the quarantine (amavisd-release <quarantine id>) and tell the sender what the filter did not like.', 'Jeśli wiadomość była potrzebna, zwolnij ją z kwarantanny (amavisd-release <identyfikator kwarantanny>) i powiedz nadawcy, co nie spodobało się filtrowi.'),
      T('Banned attachments (.exe, .js, macros) are blocked on purpose: ask the sender for another format or a download link.', 'Zablokowane załączniki (.exe, .js, makra) są blokowane celowo: poproś nadawcę o inny format albo link do pobrania.'),
    ];
  }
  // the diagnosis of the worst failure
  const failed = s.recipients.flatMap((r) => r.attempts).filter((a) => a.status === 'bounced' || a.status === 'expired' || a.status === 'deferred').pop();
  const rej = s.rejects.find((r) => r.action === 'reject');
  if (s.verdict !== 'delivered' && s.verdict !== 'discarded' && (failed || rej)) {
    const text = failed ? failed.text : rej!.text;
    const dsn = failed ? failed.dsn : rej!.dsn;
    const c = failed ? classifyLogText(text, dsn) : classifyReject(text, dsn, rej!.replyCode, rej!.stage, blockedOrLast(s));
    f.diagnosis = toDiagnosis(c, text, dsn, failed ? undefined : rej!.replyCode);
    const info = describeReason(c.reason);
    // the server's words are data: quoted in the Polish text, which must not read as half English
    f.detail = { en: `${f.detail ? f.detail.en + '. ' : ''}${text}`, pl: `${f.detail ? f.detail.pl + '. ' : ''}„${text}”` };
    f.advice = info.advice.length ? info.advice : [info.meaning];
    f.seeAlso = [`mailmedic explain "${(dsn ? dsn + ' ' : '') + text.slice(0, 120).replace(/"/g, "'")}"`];
  }
  return f;
}

function storyData(s: MessageStory): Record<string, unknown> {
  const { lines, rejects, ...rest } = s;
  void lines;
  return {
    ...rest,
    first: Number.isFinite(s.first) ? new Date(s.first).toISOString() : null,
    last: Number.isFinite(s.last) ? new Date(s.last).toISOString() : null,
    rejects: rejects.map((r) => ({ ts: new Date(r.ts).toISOString(), action: r.action, stage: r.stage, replyCode: r.replyCode, dsn: r.dsn, text: r.text, to: r.to })),
    recipients: s.recipients.map((r) => ({ ...r, attempts: r.attempts.map(({ line, ts, ...a }) => ({ ...a, ts: new Date(ts).toISOString() })) })),
  };
}

/** Table cells stay short (the whole reply is in the finding and in data.story). */
const cut = (t: string) => (t.length > 60 ? t.slice(0, 59) + '…' : t);

/** `logs trace` as a Report. */
export function traceReport(r: TraceResult, filter: TraceFilter, subject: string, now?: () => Date): Report {
  const findings = r.stories.map(storyFinding);
  findings.push(...notCheckedFindings(r.stats.notChecked ?? []));
  if (!r.stories.length) {
    findings.push({
      check: 'logs.trace.none', status: 'unknown', subject: describeFilter(filter),
      summary: T('No message in the log matches.', 'Żadna wiadomość w dzienniku poczty (logu) nie pasuje do kryteriów.'),
      advice: [
        T('Check the address and the time range; the log may have been rotated (give the folder to read the rotations too).', 'Sprawdź adres i zakres czasu; starsze wpisy mogły trafić do archiwalnych plików dziennika (rotacja) — podaj katalog, by przeczytać także je.'),
      ],
      data: { lines: r.stats.lines },
    });
  }
  if (r.more) {
    findings.push({ check: 'logs.trace.more', status: 'info', subject: String(r.more),
      summary: fill(T('{n} more matching messages are not shown (narrow with --since/--until or --limit).', 'Nie pokazano {n} kolejnych pasujących wiadomości (zawęź przez --since/--until albo --limit).'), { n: r.more }) });
  }
  const rows: string[][] = [];
  const multi = r.stories.length > 1;
  const days = new Set(r.stories.map((s) => fmtTime(s.first).slice(0, 10)));
  const when = (ts: number) => (days.size > 1 ? fmtTime(ts).slice(5) : fmtTime(ts).slice(11));
  for (const s of r.stories) {
    const lead = (ts: number) => (multi ? `${when(ts)} ${s.qid}` : when(ts));
    for (const j of s.rejects) rows.push([lead(j.ts), j.to ?? '', `${j.action} ${j.stage}`, '', '', cut([j.replyCode, j.dsn, j.text].filter(Boolean).join(' '))]);
    for (const rc of s.recipients) {
      for (const a of rc.attempts) {
        rows.push([lead(a.ts), rc.to, a.status, a.relay, a.delays ? `${a.delay} (${a.delays.join('/')})` : String(a.delay), cut(`${a.dsn} ${a.text}`.trim())]);
      }
    }
  }
  const tables: Table[] = [{
    id: 'logs.trace.attempts',
    title: T('Delivery attempts (delay in seconds: total (before queue / in queue / connection / transmission))', 'Próby doręczenia (opóźnienie w sekundach: łącznie (przed kolejką / w kolejce / połączenie / przesyłanie))'),
    columns: [multi ? T('Time, queue id', 'Czas, identyfikator w kolejce') : T('Time', 'Czas'), T('Recipient', 'Odbiorca'), T('Status', 'Stan'), T('Relay', 'Serwer docelowy'),
      T('Delay', 'Opóźnienie'), T('DSN and server reply', 'DSN i odpowiedź serwera')],
    rows,
  }];
  const extra: Parameters<typeof makeReport>[3] = { tables: rows.length ? tables : [], data: { filter, count: r.stories.length, more: r.more, lines: r.stats.lines, unparsed: r.stats.unparsed, format: r.stats.format } };
  if (now) extra.now = now;
  return makeReport('logs trace', subject, findings, extra);
}

export function describeFilter(f: TraceFilter): string {
  const parts: string[] = [];
  if (f.to) parts.push(`to ${f.to}`);
  if (f.from) parts.push(`from ${f.from}`);
  if (f.id) parts.push(`id ${f.id}`);
  if (f.since !== undefined) parts.push(`since ${fmtTime(f.since)}`);
  if (f.until !== undefined) parts.push(`until ${fmtTime(f.until)}`);
  return parts.join(', ') || 'all';
}
