import { createReadStream, statSync } from 'node:fs';
import { EXIT } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import { checkLiveQueue, checkQueueListing, liveCommand, NoQueueError, queueCsvRows, QUEUE_CSV_COLUMNS, type QueueMta } from '../../queue/index.js';
import { renderCsv } from '../../report/csv.js';
import { InputError, parseCommand, UsageError } from '../args.js';
import { emit } from '../output.js';
import { USAGE_TEXTS, whyUnreadable } from '../usage-texts.js';
import type { Command } from './index.js';

const DURATION = /^(\d{1,6})([smhdw])$/;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

export const command: Command = {
  describe: {
    en: 'what waits in the mail queue (Postfix, Exim, Sendmail), why, and which command to run',
    pl: 'co czeka w kolejce poczty (Postfix, Exim, Sendmail), dlaczego i jakie polecenie uruchomić',
  },
  usage: {
    en: `mailmedic queue [FILE|-] [--mta postfix|exim|sendmail] [--postfix-config DIR] [--max-age 5d] [--all]
                [--json|--markdown|--html|--csv] [--lang en|pl]

Without FILE: reads the live queue of this machine with its MTA's own read-only listing (postqueue -j, exim -bp
or mailq). With FILE (or "-" for standard input): a saved listing — postqueue -j or -p, exim -bp, Sendmail's mailq
— recognised by its content. Says how much waits and for how long, why (the deferral reasons, classified),
towards which destinations, and raises alarms: one sender with a burst of mail (a taken-over account?), a backlog
of bounces, mail older than the queue lifetime, a destination that is down, held and frozen mail. It suggests the
exact commands to look further; it never changes the queue.
  --mta M               read this MTA's live queue (default: the one installed)
  --postfix-config DIR  Postfix configuration directory (postqueue -c DIR), also in the suggested commands
  --max-age D           alarm for mail older than D (default 5d; e.g. 36h, 90m)
  --all                 list every message (JSON, CSV), not only the 50 that waited longest`,
    pl: `mailmedic queue [PLIK|-] [--mta postfix|exim|sendmail] [--postfix-config KATALOG] [--max-age 5d] [--all]
                [--json|--markdown|--html|--csv] [--lang en|pl]

Bez PLIKU: czyta kolejkę poczty tego komputera poleceniem jego serwera poczty, tylko do odczytu (postqueue -j,
exim -bp lub mailq). Z PLIKIEM (albo „-” dla standardowego wejścia): zapisaną listę — postqueue -j lub -p, exim -bp,
mailq Sendmaila — rozpoznaną po treści. Mówi, ile czeka i jak długo, dlaczego (przyczyny odroczeń), do jakich
domen, i ostrzega: jeden nadawca z masą poczty (przejęte konto?), zaległe zwroty, poczta starsza niż czas życia
kolejki, niedostępna domena odbiorcy, wiadomości wstrzymane i zamrożone. Podaje dokładne polecenia do dalszego
sprawdzenia; sam nigdy nie zmienia kolejki.
  --mta M                   kolejka tego serwera poczty (domyślnie: zainstalowanego)
  --postfix-config KATALOG  katalog konfiguracji Postfiksa (postqueue -c KATALOG), także w podpowiadanych poleceniach
  --max-age D               ostrzeżenie o poczcie starszej niż D (domyślnie 5d; np. 36h, 90m)
  --all                     wszystkie wiadomości (JSON, CSV), nie tylko 50 najdłużej czekających`,
  },
  async run(argv) {
    const { values, positionals, common } = parseCommand(argv, {
      mta: { type: 'string' }, 'postfix-config': { type: 'string' }, 'max-age': { type: 'string' }, all: { type: 'boolean' },
    });
    if (positionals.length > 1) throw new UsageError(USAGE_TEXTS.queueOneInput);
    const mta = values.mta as string | undefined;
    if (mta !== undefined && !['postfix', 'exim', 'sendmail'].includes(mta)) throw new UsageError(USAGE_TEXTS.queueMta, { value: mta });
    let maxAgeSeconds: number | undefined;
    if (typeof values['max-age'] === 'string') {
      const m = DURATION.exec(values['max-age']);
      if (!m) throw new UsageError(USAGE_TEXTS.queueMaxAge, { value: values['max-age'] });
      maxAgeSeconds = Number(m[1]) * UNIT[m[2]!]!;
    }
    const configDir = values['postfix-config'] as string | undefined;
    const opts = { keep: values.all ? Number.MAX_SAFE_INTEGER : 50, ...(configDir ? { configDir } : {}), ...(maxAgeSeconds ? { maxAgeSeconds } : {}) };
    let report;
    const file = positionals[0];
    if (file === '-') {
      let bytes = 0;
      const counted = (async function* () { for await (const c of process.stdin) { bytes += (c as Buffer).length; yield c as Buffer; } })();
      report = await checkQueueListing(counted, 'stdin', opts);
      if (!bytes) throw new InputError(USAGE_TEXTS.emptyStdin, EXIT.usage);
    }
    else if (file !== undefined) {
      try {
        if (statSync(file).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      } catch (e) {
        throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path: file, why: whyUnreadable(e) });
      }
      report = await checkQueueListing(createReadStream(file), file, opts);
    } else {
      const cmd = liveCommand({ ...(mta ? { mta: mta as QueueMta } : {}), ...(configDir ? { configDir } : {}) });
      try {
        report = await checkLiveQueue({ ...opts, ...(mta ? { mta: mta as QueueMta } : {}) });
      } catch (e) {
        if (e instanceof NoQueueError) throw new InputError(USAGE_TEXTS.queueNoMta, EXIT.noInput);
        const why = (e as Error).message;
        throw new InputError(USAGE_TEXTS.queueLiveFailed, EXIT.noInput, { command: cmd ? [cmd.command, ...cmd.args].join(' ') : '?', why: tx(why, why) });
      }
    }
    if (common.format === 'csv') {
      const rows = queueCsvRows(report.data as Parameters<typeof queueCsvRows>[0]);
      return emit(report, common, renderCsv(QUEUE_CSV_COLUMNS, rows));
    }
    return emit(report, common);
  },
};
