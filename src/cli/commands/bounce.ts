import { readBounces, bounceReport, bounceCsvRows, BOUNCE_CSV_COLUMNS, type BounceItem } from '../../bounce/index.js';
import { renderCsv } from '../../report/csv.js';
import { parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import { emit } from '../output.js';
import type { Command } from './index.js';

export const command: Command = {
  describe: {
    en: 'read bounce messages (eml, mbox, maildir): per recipient what happened, why, and what to do',
    pl: 'czyta zwroty (eml, mbox, maildir): dla każdego odbiorcy co się stało, dlaczego i co zrobić',
  },
  usage: {
    en: `mailmedic bounce <files|dirs|globs|-> [--recursive] [--json|--csv|--markdown|--html] [--lang en|pl]

Reads bounce messages (RFC 3464 DSNs, the text bounces of Postfix, Sendmail, Exim, qmail, Exchange, Gmail …,
ARF feedback reports, auto-replies) from .eml files, mbox files, maildir folders or standard input ("-").
Per recipient: reason, hard/soft bounce, status and reply code, the server's words, and the rule that decided.
  --recursive   descend into sub-directories
  --csv         one row per recipient (for a suppression list)`,
    pl: `mailmedic bounce <pliki|katalogi|wzorce|-> [--recursive] [--json|--csv|--markdown|--html] [--lang en|pl]

Czyta zwroty (raporty DSN wg RFC 3464, tekstowe zwroty Postfiksa, Sendmaila, Exima, qmaila, Exchange, Gmaila …,
raporty o nadużyciach ARF, autoodpowiedzi) z plików .eml, plików mbox, katalogów maildir lub wejścia ("-").
Dla każdego odbiorcy: przyczyna, zwrot twardy/miękki, kody, słowa serwera i reguła, która zdecydowała.
  --recursive   wchodzi do podkatalogów
  --csv         jeden wiersz na odbiorcę (do listy blokowanych adresów)`,
  },
  async run(argv) {
    const { values, positionals, common } = parseCommand(argv, { recursive: { type: 'boolean', short: 'r' } });
    if (!positionals.length) throw new UsageError(USAGE_TEXTS.bounceNoInput);
    const items: BounceItem[] = [];
    for await (const it of readBounces(positionals, { recursive: Boolean(values.recursive) })) items.push(it);
    const report = bounceReport(items, positionals.join(' '));
    if (common.format === 'csv') return emit(report, common, renderCsv(BOUNCE_CSV_COLUMNS, bounceCsvRows(items)));
    return emit(report, common);
  },
};
