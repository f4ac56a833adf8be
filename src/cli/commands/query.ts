import { makeReport, type Finding } from '../../core/finding.js';
import { fill, pick, tx } from '../../i18n/text.js';
import { renderCsv } from '../../report/csv.js';
import { durationOption, numberOption, parseCommand, UsageError } from '../args.js';
import { emit } from '../output.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import type { Command } from './index.js';

const T = {
  none: tx('No address has a hard bounce{since}.', 'Żaden adres nie ma twardego zwrotu{since}.'),
  some: tx('{n} addresses have hard bounces{since}: stop sending to them (a mailbox that does not exist or refuses for good hurts the sender\'s reputation).',
    'Adresów z twardymi zwrotami{since}: {n}; przestań do nich wysyłać (nieistniejąca skrzynka albo trwała odmowa szkodzi reputacji nadawcy).'),
  since: tx(' in the last {d}', ' w ciągu ostatnich {d}'),
  title: tx('Suppression list (hard bounces per recipient)', 'Lista blokad wysyłki (twarde zwroty według odbiorcy)'),
};

export const command: Command = {
  describe: {
    en: 'ask the workers\' database: the suppression list of hard-bounced recipients',
    pl: 'pyta bazę pracowników: lista blokad wysyłki (odbiorcy z twardymi zwrotami)',
  },
  usage: {
    en: `mailmedic query suppression --db postgres://… [--since 7d] [--limit 1000] [--json|--csv|--markdown|--html]

Every recipient with a hard bounce stored by \`mailmedic worker bounces\`: first and last seen, how many, the last
reason and status. --csv gives a file a mailing system can import as its suppression list.
  --db URL        PostgreSQL (default $MAILMEDIC_DB)
  --since TIME    only recipients that bounced within TIME (e.g. 36h, 7d)
  --limit N       at most N rows (default 1000)`,
    pl: `mailmedic query suppression --db postgres://… [--since 7d] [--limit 1000] [--json|--csv|--markdown|--html]

Każdy odbiorca z twardym zwrotem zapisanym przez \`mailmedic worker bounces\`: kiedy pierwszy i ostatni raz, ile
razy, ostatnia przyczyna i status. --csv daje plik, który system wysyłkowy zaimportuje jako listę blokad.
  --db URL        PostgreSQL (domyślnie $MAILMEDIC_DB)
  --since CZAS    tylko odbiorcy ze zwrotem w ciągu CZASU (np. 36h, 7d)
  --limit N       najwyżej N wierszy (domyślnie 1000)`,
  },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, { db: { type: 'string' }, since: { type: 'string' }, limit: { type: 'string' } });
    if (positionals[0] !== 'suppression' || positionals.length > 1) throw new UsageError(USAGE_TEXTS.queryWhat);
    const db = typeof v.db === 'string' ? v.db : process.env.MAILMEDIC_DB;
    if (!db) throw new UsageError(USAGE_TEXTS.workerDb);
    const sinceText = typeof v.since === 'string' ? v.since.replace(/d$/, '') : undefined;
    // Days are the natural unit here: "7d" is read as 168 hours.
    const sinceMs = typeof v.since === 'string' ? (/d$/.test(v.since) ? durationOption('since', `${Number(sinceText) * 24}h`, 0, 'ms', 60_000, 3650 * 86_400_000) : durationOption('since', v.since, 0, 'ms', 60_000, 3650 * 86_400_000)) : undefined;
    const limit = numberOption('limit', v.limit, 1000, 1, 1_000_000);
    const { openStore, suppressionList } = await import('../../stream/store.js');
    const pool = openStore(db, 1);
    try {
      const rows = await suppressionList(pool, { ...(sinceMs ? { since: new Date(Date.now() - sinceMs) } : {}), limit });
      const since = typeof v.since === 'string' ? fill(T.since, { d: v.since }) : tx('', '');
      const f: Finding = rows.length
        ? { check: 'query.suppression', status: 'warn', subject: 'suppression', summary: fill(T.some, { n: rows.length, since }), data: { count: rows.length } }
        : { check: 'query.suppression', status: 'ok', subject: 'suppression', summary: fill(T.none, { since }), data: { count: 0 } };
      const table = { id: 'suppression', title: T.title,
        columns: [tx('Recipient', 'Odbiorca'), tx('First seen', 'Pierwszy raz'), tx('Last seen', 'Ostatni raz'), tx('Bounces', 'Zwroty'), tx('Last reason', 'Ostatnia przyczyna'), tx('Status', 'Status')],
        rows: rows.map((r) => [r.recipient, r.firstSeen.toISOString(), r.lastSeen.toISOString(), String(r.bounces), r.lastReason, r.lastStatus ?? '']) };
      const report = makeReport('query suppression', 'suppression', [f], {
        tables: [table], data: { rows: rows.map((r) => ({ ...r, firstSeen: r.firstSeen.toISOString(), lastSeen: r.lastSeen.toISOString() })) },
      });
      // CSV is the list itself, one recipient per row, for a mailing system to import.
      if (common.format === 'csv') return emit(report, common, renderCsv(table.columns.map((c) => pick(c, common.lang)), table.rows));
      return emit(report, common);
    } finally {
      await pool.end();
    }
  },
};
