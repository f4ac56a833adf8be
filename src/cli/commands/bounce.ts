import { statSync } from 'node:fs';
import { readBounces, bounceFindings, bounceMessageRecord, bounceReport, bounceCsvRows, BounceTally, BOUNCE_CSV_COLUMNS, type BounceItem } from '../../bounce/index.js';
import { EXIT, exitCodeFor, worstStatus, type Status } from '../../core/finding.js';
import { renderCsv } from '../../report/csv.js';
import { renderTerminalFindings, renderTerminalFooter, renderTerminalHeader, renderTerminalSection, statusCounts } from '../../report/terminal.js';
import { InputError, parseCommand, UsageError, type CommonFlags } from '../args.js';
import { USAGE_TEXTS, whyUnreadable } from '../usage-texts.js';
import { emit, openSink, useColor } from '../output.js';
import type { Command } from './index.js';

/**
 * Messages one --json, --markdown or --html document may hold: those shapes are built whole in memory. Terminal,
 * --csv and --jsonl output is written message by message and has no limit.
 */
export const MAX_COLLECTED_BOUNCES = 10_000;

export const command: Command = {
  describe: {
    en: 'read bounce messages (eml, mbox, maildir): per recipient what happened, why, and what to do',
    pl: 'czyta zwroty (eml, mbox, maildir): dla każdego odbiorcy co się stało, dlaczego i co zrobić',
  },
  usage: {
    en: `mailmedic bounce <files|dirs|globs|-> [--recursive] [--jsonl|--csv|--json|--markdown|--html] [--lang en|pl]

Reads bounce messages (RFC 3464 DSNs, the text bounces of Postfix, Sendmail, Exim, qmail, Exchange, Gmail …,
ARF feedback reports, auto-replies) from .eml files, mbox files, maildir folders or standard input ("-").
Per recipient: reason, hard/soft bounce, status and reply code, the server's words, and the rule that decided.
Over many messages: each message under the name of its file, then the recipients per reason.
  --recursive   descend into sub-directories
  --csv         one row per recipient (for a suppression list), written as the messages are read
  --jsonl       one JSON object per message (JSON Lines), written as the messages are read
  --json        one document (at most ${MAX_COLLECTED_BOUNCES.toLocaleString('en')} messages; stream bigger inputs with --jsonl or --csv)`,
    pl: `mailmedic bounce <pliki|katalogi|wzorce|-> [--recursive] [--jsonl|--csv|--json|--markdown|--html] [--lang en|pl]

Czyta zwroty (raporty DSN wg RFC 3464, tekstowe zwroty Postfiksa, Sendmaila, Exima, qmaila, Exchange, Gmaila …,
raporty o nadużyciach ARF, autoodpowiedzi) z plików .eml, plików mbox, katalogów maildir lub wejścia ("-").
Dla każdego odbiorcy: przyczyna, zwrot twardy/miękki, kody, słowa serwera i reguła, która zdecydowała.
Przy wielu wiadomościach: każda pod nazwą swojego pliku, na końcu odbiorcy według przyczyny.
  --recursive   wchodzi do podkatalogów
  --csv         jeden wiersz na odbiorcę (do listy blokowanych adresów), wypisywany w trakcie czytania
  --jsonl       jeden obiekt JSON na wiadomość (JSON Lines), wypisywany w trakcie czytania
  --json        jeden dokument (najwyżej ${MAX_COLLECTED_BOUNCES.toLocaleString('pl')} wiadomości; większe wejście przez --jsonl lub --csv)`,
  },
  async run(argv) {
    const { values, positionals, common } = parseCommand(argv, { recursive: { type: 'boolean', short: 'r' }, jsonl: { type: 'boolean' } });
    if (!positionals.length) throw new UsageError(USAGE_TEXTS.bounceNoInput);
    if (values.jsonl && common.format !== 'terminal') throw new UsageError(USAGE_TEXTS.oneFormat, { options: `--jsonl, --${common.format}` });
    // No input at all: every named file unreadable (and no folder, glob or stdin to read instead) is 66.
    const named = positionals.filter((p) => p !== '-' && !/[*?[]/.test(p));
    if (named.length === positionals.length) {
      const why = named.map((p) => { try { statSync(p); return undefined; } catch (e) { return { p, e }; } });
      if (why.every(Boolean)) throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path: why[0]!.p, why: whyUnreadable(why[0]!.e) });
    }
    const items = emptyStdinGuard(readBounces(positionals, { recursive: Boolean(values.recursive) }), positionals);
    const subject = positionals.join(' ');
    if (values.jsonl) return streamJsonLines(items, common);
    if (common.format === 'csv') return streamCsv(items, common);
    if (common.format === 'terminal') return streamTerminal(items, subject, common);
    const collected: BounceItem[] = [];
    for await (const it of items) {
      if (collected.length >= MAX_COLLECTED_BOUNCES) {
        throw new InputError(USAGE_TEXTS.bounceTooManyForDocument, EXIT.dataError, { max: MAX_COLLECTED_BOUNCES, format: common.format });
      }
      collected.push(it);
    }
    return emit(bounceReport(collected, subject), common);
  },
};

/** The exit code of the worst finding seen, as the collected report would give. */
class Worst {
  private status: Status = 'ok';
  see(item: BounceItem): ReturnType<typeof bounceFindings> {
    const f = bounceFindings(item);
    this.status = worstStatus([{ status: this.status }, ...f]);
    return f;
  }
  exit(): number {
    return exitCodeFor(this.status);
  }
}

async function streamJsonLines(items: AsyncIterable<BounceItem>, common: CommonFlags): Promise<number> {
  const out = openSink(common);
  const worst = new Worst();
  for await (const it of items) {
    worst.see(it);
    await out.write(JSON.stringify(bounceMessageRecord(it)) + '\n');
  }
  await out.close();
  return worst.exit();
}

async function streamCsv(items: AsyncIterable<BounceItem>, common: CommonFlags): Promise<number> {
  const out = openSink(common);
  const worst = new Worst();
  await out.write(renderCsv(BOUNCE_CSV_COLUMNS, []));
  for await (const it of items) {
    worst.see(it);
    const rows = renderCsv([], bounceCsvRows([it]));
    await out.write(rows.slice(2)); // renderCsv puts the (empty) header line first
  }
  await out.close();
  return worst.exit();
}

/**
 * One message: the report as before. More: each message's findings under a line naming its file (and its place
 * in an mbox), written as it is read, then the recipients per reason and the counts.
 */
async function streamTerminal(items: AsyncIterable<BounceItem>, subject: string, common: CommonFlags): Promise<number> {
  const it = items[Symbol.asyncIterator]();
  const first = await it.next();
  const second = first.done ? first : await it.next();
  if (second.done) return emit(bounceReport(first.done ? [] : [first.value], subject), common);
  const out = openSink(common);
  const opt = { lang: common.lang, color: useColor(common), verbose: common.verbose, width: process.stdout.columns || 80 };
  const tally = new BounceTally();
  const counts = statusCounts([]);
  const worst = new Worst();
  await out.write(renderTerminalHeader('bounce', subject, opt));
  const one = async (item: BounceItem) => {
    tally.add(item);
    const findings = worst.see(item);
    const c = statusCounts(findings);
    for (const k of Object.keys(counts) as Status[]) counts[k] += c[k];
    await out.write(renderTerminalSection(item.index ? `${item.file} #${item.index}` : item.file, opt) + renderTerminalFindings(findings, opt));
  };
  await one(first.value as BounceItem);
  await one(second.value);
  for (let n = await it.next(); !n.done; n = await it.next()) await one(n.value);
  await out.write(renderTerminalFooter(tally.summary().recipients ? [tally.table()] : [], counts, opt));
  await out.close();
  return worst.exit();
}

/** Standard input alone, and empty: nothing to read (64), as in every command. */
async function* emptyStdinGuard(items: AsyncIterable<BounceItem>, positionals: string[]): AsyncGenerator<BounceItem> {
  let first = true;
  for await (const it of items) {
    if (first && positionals.length === 1 && positionals[0] === '-' && it.result.kind === 'error' && it.result.error === 'empty message') {
      throw new InputError(USAGE_TEXTS.emptyStdin, EXIT.usage);
    }
    first = false;
    yield it;
  }
}
