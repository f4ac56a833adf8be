import { makeReport, type Finding, type Report, type Table, type Text } from '../../core/finding.js';
import { fill, pick, tx } from '../../i18n/text.js';
import { renderCsv } from '../../report/csv.js';
import { durationOption, numberOption, parseCommand, UsageError } from '../args.js';
import { postgresUrlOption } from '../db-option.js';
import { emit } from '../output.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import type { Command } from './index.js';

const T = {
  none: tx('No address has a hard bounce{since}.', 'Żaden adres nie ma twardego zwrotu{since}.'),
  some: tx('{n} addresses have hard bounces{since}: stop sending to them (a mailbox that does not exist or refuses for good hurts the sender\'s reputation).',
    'Adresów z twardymi zwrotami{since}: {n}; przestań do nich wysyłać (nieistniejąca skrzynka albo trwała odmowa szkodzi reputacji nadawcy).'),
  since: tx(' in the last {d}', ' w ciągu ostatnich {d}'),
  onHost: tx(' on {host}', ' na hoście {host}'),
  title: tx('Suppression list (hard bounces per recipient)', 'Lista blokad wysyłki (twarde zwroty według odbiorcy)'),
  hostsNone: tx('No log lines stored{host}{since}: is `mailmedic worker logs` running, and `mailmedic ship logs` on the servers?',
    'Brak zapisanych wierszy dziennika{host}{since}: czy działa `mailmedic worker logs`, a na serwerach `mailmedic ship logs`?'),
  hostsSome: tx('{hosts} hosts, {lines} log lines{since}: received {received}, delivered {delivered}, deferred {deferred}, bounced {bounced}, rejected {rejected}.',
    'Hostów: {hosts}, wierszy dziennika: {lines}{since}; przyjęte: {received}, doręczone: {delivered}, odłożone: {deferred}, zwrócone: {bounced}, odrzucone: {rejected}.'),
  hostsTitle: tx('Per host and {by}', 'Według hosta i {by}'),
  hour: tx('hour', 'godziny'),
  day: tx('day', 'dnia'),
  problemsNone: tx('No problems found in the logs{host}{since}.', 'W dziennikach nie znaleziono problemów{host}{since}.'),
  problemsTitle: tx('Problems found in the hosts\' logs', 'Problemy znalezione w dziennikach hostów'),
  storyNone: tx('No stored log line mentions {id}: the queue id or Message-ID may be wrong, or its host\'s lines were not shipped.',
    'Żaden zapisany wiersz dziennika nie wspomina {id}: identyfikator kolejki albo Message-ID może być błędny albo wiersze tego hosta nie zostały wysłane.'),
  storySome: tx('{id}: {n} log lines on {hosts} ({qids}); {verdict}.', '{id}: wierszy dziennika {n} na {hosts} ({qids}); {verdict}.'),
  delivered: tx('delivered', 'doręczona'),
  bounced: tx('bounced for recipients: {n}', 'zwrócona dla odbiorców: {n}'),
  deferred: tx('deferred, not delivered yet', 'odłożona, jeszcze niedoręczona'),
  rejected: tx('rejected', 'odrzucona'),
  other: tx('no delivery logged', 'brak wpisu o doręczeniu'),
  storyTitle: tx('The message\'s story', 'Historia wiadomości'),
  bouncesNone: tx('No bounce stored for {addr}{since}.', 'Brak zapisanych zwrotów dla {addr}{since}.'),
  bouncesSome: tx('{addr}: {n} bounces{since}, {hard} of them hard (last: {reason}).', '{addr}: zwrotów{since}: {n}, w tym twardych: {hard} (ostatni: {reason}).'),
  bouncesHard: tx('Stop sending to this address: it bounced for good.', 'Przestań wysyłać na ten adres: zwroty są trwałe.'),
  bouncesTitle: tx('Bounces of the recipient', 'Zwroty odbiorcy'),
};

const QUESTIONS = ['suppression', 'hosts', 'problems', 'message', 'bounces'] as const;

export const command: Command = {
  describe: {
    en: "ask the workers' database: suppression list, hosts, problems, a message, a recipient's bounces",
    pl: 'pyta bazę pracowników: lista blokad, hosty, problemy, wiadomość, zwroty odbiorcy',
  },
  usage: {
    en: `mailmedic query suppression|hosts|problems|message|bounces --db postgres://… [--json|--csv|--markdown|--html]

  query suppression [--since 7d] [--limit 1000]
      every recipient with a hard bounce stored by \`mailmedic worker bounces\`: first and last seen, how many, the last
      reason and status; --csv gives a file a mailing system can import as its suppression list
  query hosts [--host NAME] [--since 24h] [--by hour|day]
      per host and hour (or day): log lines, received, delivered, deferred, bounced, rejected (\`worker logs\`)
  query problems [--host NAME] [--since 24h] [--limit 200]
      the problems \`worker logs\` found in the hosts' logs, newest first
  query message QUEUEID|MESSAGE-ID
      the message's story: every stored log line of the queue id, or of every queue id that carried the Message-ID
  query bounces --recipient ADDRESS [--since 30d]
      every bounce stored for one recipient: when, reason, hard or soft, status, the remote server's words
  --db URL        PostgreSQL (default $MAILMEDIC_DB)
  --since TIME    only what happened within TIME (e.g. 36h, 7d)`,
    pl: `mailmedic query suppression|hosts|problems|message|bounces --db postgres://… [--json|--csv|--markdown|--html]

  query suppression [--since 7d] [--limit 1000]
      każdy odbiorca z twardym zwrotem zapisanym przez \`mailmedic worker bounces\`: kiedy pierwszy i ostatni raz, ile
      razy, ostatnia przyczyna i status; --csv daje plik, który system wysyłkowy zaimportuje jako listę blokad
  query hosts [--host NAZWA] [--since 24h] [--by hour|day]
      dla każdego hosta i godziny (albo dnia): wiersze dziennika, przyjęte, doręczone, odłożone, zwrócone, odrzucone
  query problems [--host NAZWA] [--since 24h] [--limit 200]
      problemy znalezione przez \`worker logs\` w dziennikach hostów, od najnowszych
  query message IDENTYFIKATOR-KOLEJKI|MESSAGE-ID
      historia wiadomości: każdy zapisany wiersz dziennika tego identyfikatora kolejki albo każdego, który niósł Message-ID
  query bounces --recipient ADRES [--since 30d]
      każdy zapisany zwrot jednego odbiorcy: kiedy, przyczyna, twardy czy miękki, status, słowa zdalnego serwera
  --db URL        PostgreSQL (domyślnie $MAILMEDIC_DB)
  --since CZAS    tylko to, co zdarzyło się w ciągu CZASU (np. 36h, 7d)`,
  },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, {
      db: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' }, host: { type: 'string' }, by: { type: 'string' }, recipient: { type: 'string' },
    });
    const what = positionals[0] as (typeof QUESTIONS)[number] | undefined;
    if (!what || !QUESTIONS.includes(what) || positionals.length > (what === 'message' ? 2 : 1)) throw new UsageError(USAGE_TEXTS.queryWhat);
    if (what === 'message' && !positionals[1]?.trim()) throw new UsageError(USAGE_TEXTS.queryMessageId);
    if (what === 'bounces' && !(typeof v.recipient === 'string' && v.recipient.trim())) throw new UsageError(USAGE_TEXTS.queryRecipient);
    if (v.by !== undefined && v.by !== 'hour' && v.by !== 'day') throw new UsageError(USAGE_TEXTS.queryBy, { value: String(v.by) });
    const rawDb = typeof v.db === 'string' ? v.db : process.env.MAILMEDIC_DB;
    if (!rawDb) throw new UsageError(USAGE_TEXTS.workerDb);
    const db = postgresUrlOption(rawDb);
    const sinceMs = typeof v.since === 'string' ? durationOption('since', v.since, 0, 'ms', 60_000, 3650 * 86_400_000) : undefined;
    const sinceDate = sinceMs ? { since: new Date(Date.now() - sinceMs) } : {};
    const since = typeof v.since === 'string' ? fill(T.since, { d: v.since }) : tx('', '');
    const host = typeof v.host === 'string' ? v.host : undefined;
    const onHost = host ? fill(T.onHost, { host }) : tx('', '');
    const limitDefault = what === 'problems' ? 200 : 1000;
    const limit = numberOption('limit', v.limit, limitDefault, 1, 1_000_000);
    const stream = await import('../../stream/store.js');
    const q = await import('../../stream/queries.js');
    const pool = stream.openStore(db, 1);
    /** A report with one table: CSV is the table itself. */
    const out = (report: Report, table: Table) =>
      common.format === 'csv' ? emit(report, common, renderCsv(table.columns.map((c) => pick(c, common.lang)), table.rows)) : emit(report, common);
    try {
      await stream.migrate(pool);
      switch (what) {
        case 'suppression': {
          const rows = await stream.suppressionList(pool, { ...sinceDate, limit });
          const f: Finding = rows.length
            ? { check: 'query.suppression', status: 'warn', subject: 'suppression', summary: fill(T.some, { n: rows.length, since }), data: { count: rows.length } }
            : { check: 'query.suppression', status: 'ok', subject: 'suppression', summary: fill(T.none, { since }), data: { count: 0 } };
          const table = { id: 'suppression', title: T.title,
            columns: [tx('Recipient', 'Odbiorca'), tx('First seen', 'Pierwszy raz'), tx('Last seen', 'Ostatni raz'), tx('Bounces', 'Zwroty'), tx('Last reason', 'Ostatnia przyczyna'), tx('Status', 'Status')],
            rows: rows.map((r) => [r.recipient, r.firstSeen.toISOString(), r.lastSeen.toISOString(), String(r.bounces), r.lastReason, r.lastStatus ?? '']) };
          return out(makeReport('query suppression', 'suppression', [f], {
            tables: [table], data: { rows: rows.map((r) => ({ ...r, firstSeen: r.firstSeen.toISOString(), lastSeen: r.lastSeen.toISOString() })) },
          }), table);
        }
        case 'hosts': {
          const by = v.by === 'day' ? 'day' : 'hour';
          const rows = await q.hostSummaries(pool, { ...sinceDate, ...(host ? { host } : {}), by, limit });
          const tot = rows.reduce((t, r) => ({ lines: t.lines + r.lines, received: t.received + r.received, delivered: t.delivered + r.delivered,
            deferred: t.deferred + r.deferred, bounced: t.bounced + r.bounced, rejected: t.rejected + r.rejected }), { lines: 0, received: 0, delivered: 0, deferred: 0, bounced: 0, rejected: 0 });
          const hosts = new Set(rows.map((r) => r.host)).size;
          const f: Finding = rows.length
            ? { check: 'query.hosts', status: 'info', subject: host ?? 'hosts', summary: fill(T.hostsSome, { hosts, since, ...tot }), data: { hosts, ...tot } }
            : { check: 'query.hosts', status: 'info', subject: host ?? 'hosts', summary: fill(T.hostsNone, { host: onHost, since }), data: { hosts: 0, ...tot } };
          const table = { id: 'hosts', title: fill(T.hostsTitle, { by: by === 'day' ? T.day : T.hour }),
            columns: [tx('Host', 'Host'), by === 'day' ? tx('Day', 'Dzień') : tx('Hour', 'Godzina'), tx('Lines', 'Wiersze'), tx('Received', 'Przyjęte'), tx('Delivered', 'Doręczone'),
              tx('Deferred', 'Odłożone'), tx('Bounced', 'Zwrócone'), tx('Rejected', 'Odrzucone')],
            rows: rows.map((r) => [r.host, r.period.toISOString(), ...[r.lines, r.received, r.delivered, r.deferred, r.bounced, r.rejected].map(String)]) };
          return out(makeReport('query hosts', host ?? 'hosts', [f], { tables: [table], data: { by, rows: rows.map((r) => ({ ...r, period: r.period.toISOString() })) } }), table);
        }
        case 'problems': {
          const rows = await q.storedProblems(pool, { ...sinceDate, ...(host ? { host } : {}), limit });
          const findings: Finding[] = rows.length
            ? rows.map((r) => ({ ...r.finding, subject: `${r.host}: ${r.finding.subject}` }))
            : [{ check: 'query.problems', status: 'ok', subject: host ?? 'hosts', summary: fill(T.problemsNone, { host: onHost, since }) }];
          const table = { id: 'problems', title: T.problemsTitle,
            columns: [tx('Host', 'Host'), tx('Detected', 'Wykryto'), tx('Check', 'Test'), tx('Status', 'Status'), tx('Subject', 'Dotyczy'), tx('Summary', 'Opis')],
            rows: rows.map((r) => [r.host, r.detectedAt.toISOString(), r.finding.check, r.finding.status, r.finding.subject, pick(r.finding.summary, common.lang)]) };
          return out(makeReport('query problems', host ?? 'hosts', findings, {
            tables: [table], data: { rows: rows.map((r) => ({ host: r.host, detectedAt: r.detectedAt.toISOString(), check: r.finding.check, status: r.finding.status, subject: r.finding.subject })) },
          }), table);
        }
        case 'message': {
          const id = positionals[1]!.trim();
          const rows = await q.messageStory(pool, id, limit);
          const table = { id: 'story', title: T.storyTitle,
            columns: [tx('Time', 'Czas'), tx('Host', 'Host'), tx('Queue id', 'Identyfikator kolejki'), tx('Event', 'Zdarzenie'), tx('Status', 'Status'), tx('Recipient', 'Odbiorca'), tx('Log line', 'Wiersz dziennika')],
            rows: rows.map((r) => [r.at?.toISOString() ?? '', r.host, r.qid, r.kind, r.status ?? '', r.recipient ?? '', r.line]) };
          let f: Finding;
          if (!rows.length) f = { check: 'query.message', status: 'unknown', subject: id, summary: fill(T.storyNone, { id }) };
          else {
            const last = new Map<string, string>();
            for (const r of rows) if (r.kind === 'delivery' && r.recipient) last.set(r.recipient, r.status ?? '');
            const bounced = [...last.values()].filter((s) => s === 'bounced' || s === 'expired').length;
            const deferred = [...last.values()].some((s) => s === 'deferred');
            const sent = [...last.values()].some((s) => s === 'sent');
            const rejected = rows.some((r) => r.kind === 'reject' && r.status === 'reject');
            const [verdict, status]: [Text, Finding['status']] = bounced ? [fill(T.bounced, { n: bounced }), 'error'] : deferred ? [T.deferred, 'warn']
              : rejected ? [T.rejected, 'error'] : sent ? [T.delivered, 'ok'] : [T.other, 'info'];
            f = { check: 'query.message', status, subject: id,
              summary: fill(T.storySome, { id, n: rows.length, hosts: [...new Set(rows.map((r) => r.host))].join(', '), qids: [...new Set(rows.map((r) => r.qid))].join(', '), verdict }),
              evidence: rows.slice(0, 50).map((r) => ({ kind: 'log' as const, value: r.line })) };
          }
          return out(makeReport('query message', id, [f], { tables: [table], data: { rows: rows.map((r) => ({ ...r, at: r.at?.toISOString() ?? null })) } }), table);
        }
        case 'bounces': {
          const addr = String(v.recipient).trim();
          const rows = await q.recipientBounces(pool, addr, { ...sinceDate, limit });
          const hard = rows.filter((r) => r.hard).length;
          const f: Finding = rows.length
            ? { check: 'query.bounces', status: hard ? 'error' : 'warn', subject: addr, summary: fill(T.bouncesSome, { addr, n: rows.length, since, hard, reason: rows[0]!.reason }),
              ...(hard ? { advice: [T.bouncesHard] } : {}), data: { bounces: rows.length, hard } }
            : { check: 'query.bounces', status: 'ok', subject: addr, summary: fill(T.bouncesNone, { addr, since }), data: { bounces: 0, hard: 0 } };
          const table = { id: 'bounces', title: T.bouncesTitle,
            columns: [tx('Time', 'Czas'), tx('Recipient', 'Odbiorca'), tx('Reason', 'Przyczyna'), tx('Hard', 'Twardy'), tx('Status', 'Status'), tx('Remote server', 'Serwer zdalny'), tx('Diagnostic', 'Diagnoza')],
            rows: rows.map((r) => [r.at.toISOString(), r.recipient, r.reason, r.hard ? 'yes' : 'no', r.status ?? '', r.remoteHost ?? '', r.diagnostic ?? '']) };
          return out(makeReport('query bounces', addr, [f], { tables: [table], data: { rows: rows.map((r) => ({ ...r, at: r.at.toISOString() })) } }), table);
        }
      }
    } finally {
      await pool.end();
    }
  },
};
