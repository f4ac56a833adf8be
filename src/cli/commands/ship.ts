import { EXIT } from '../../core/finding.js';
import { fill, pick, tx } from '../../i18n/text.js';
import { durationOption, InputError, numberOption, parseCommand, UsageError } from '../args.js';
import { readStdin } from '../output.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import type { Command } from './index.js';

/** EX_TEMPFAIL: a Postfix pipe transport keeps the message and tries again later. */
const TEMPFAIL = 75;

const T = {
  shipped: tx('stored as {id} (stream sequence {seq}){dup}', 'zapisano jako {id} (numer w strumieniu {seq}){dup}'),
  dup: tx(', already shipped before', ', wysłano już wcześniej'),
  failed: tx('could not hand the message to NATS ({why}); exit 75 so the mail system tries again later', 'nie udało się przekazać wiadomości do NATS ({why}); kod 75, by system pocztowy spróbował później'),
  following: tx('following {files} as host {host} (subject {subject}); SIGTERM or Ctrl-C publishes what is read and stops', 'śledzę {files} jako host {host} (temat {subject}); SIGTERM lub Ctrl-C wysyła to, co przeczytane, i kończy'),
  batch: tx('{lines} lines of {file} up to byte {offset}: stream sequence {seq}{dup}', 'wierszy z {file}: {lines}, do bajtu {offset}: numer w strumieniu {seq}{dup}'),
  retry: tx('NATS did not acknowledge ({error}); trying again in {s} s', 'NATS nie potwierdził ({error}); ponowna próba za {s} s'),
  stopped: tx('stopped: {lines} lines in {batches} batches ({duplicates} already in the stream)', 'koniec: wierszy {lines} w paczkach: {batches} (już w strumieniu: {duplicates})'),
  logsFailed: tx('shipping stopped: {why}', 'wysyłanie przerwane: {why}'),
};

export const command: Command = {
  describe: {
    en: 'send a bounce (standard input) or follow log files, to NATS JetStream for the workers',
    pl: 'wysyła zwrot (ze standardowego wejścia) albo śledzone pliki dziennika do NATS JetStream dla pracowników',
  },
  usage: {
    en: `mailmedic ship bounce [--nats nats://127.0.0.1:4222] [--timeout 5s] [--verbose]

Reads one message on standard input and publishes it to the stream (subject mailmedic.bounce) with its SHA-256 as
its id, then waits for the server's acknowledgement: a message shipped twice is stored once. Exit 0 once stored,
75 (try again later) when NATS cannot take it — so a Postfix pipe transport keeps the mail until it can:
  bounces  unix  -  n  n  -  -  pipe  flags=q user=nobody argv=/usr/bin/mailmedic ship bounce --nats nats://10.0.0.5:4222
  --nats URL        NATS servers, comma-separated (default $MAILMEDIC_NATS or nats://127.0.0.1:4222)
  --timeout TIME    for connecting and for the acknowledgement (default 5s)

mailmedic ship logs FILE… [--host NAME] [--from-start] [--batch-lines 500] [--poll-ms 500] [--nats URL]

Follows the files like \`mailmedic logs follow\` (rotation and truncation included) and publishes their lines to
mailmedic.log.HOST, many lines per message, each batch acknowledged before the next; the file's identity and byte
offset travel with it, so a shipper started again continues where the stream's last batch of that file ended.
SIGTERM or Ctrl-C publishes what was read, then stops (exit 0); 75 when NATS cannot be reached.
  --host NAME       the host the lines come from (default this machine's name; dots become _)
  --from-start      read what the files hold already (default: only new lines, or from the last shipped offset)
  --batch-lines N   lines per message at most (default 500; also at most 256 KiB, or 1 s after the first line)`,
    pl: `mailmedic ship bounce [--nats nats://127.0.0.1:4222] [--timeout 5s] [--verbose]

Czyta jedną wiadomość ze standardowego wejścia i publikuje ją w strumieniu (temat mailmedic.bounce) z jej SHA-256
jako identyfikatorem, po czym czeka na potwierdzenie serwera: wiadomość wysłana dwa razy jest zapisana raz. Kod 0
po zapisaniu, 75 (spróbuj później), gdy NATS nie może jej przyjąć — transport pipe Postfiksa zatrzyma wtedy pocztę:
  bounces  unix  -  n  n  -  -  pipe  flags=q user=nobody argv=/usr/bin/mailmedic ship bounce --nats nats://10.0.0.5:4222
  --nats URL        serwery NATS, po przecinku (domyślnie $MAILMEDIC_NATS albo nats://127.0.0.1:4222)
  --timeout CZAS    na połączenie i na potwierdzenie (domyślnie 5s)

mailmedic ship logs PLIK… [--host NAZWA] [--from-start] [--batch-lines 500] [--poll-ms 500] [--nats URL]

Śledzi pliki jak \`mailmedic logs follow\` (także po rotacji i obcięciu) i publikuje ich wiersze w temacie
mailmedic.log.HOST, wiele wierszy w jednej wiadomości, każdą paczkę dopiero po potwierdzeniu poprzedniej; razem z nią
idą identyfikator pliku i przesunięcie w bajtach, więc ponownie uruchomiony nadawca zaczyna tam, gdzie skończyła się
ostatnia paczka tego pliku w strumieniu. SIGTERM lub Ctrl-C wysyła to, co przeczytane, i kończy (kod 0); 75, gdy NATS
jest nieosiągalny.
  --host NAZWA      host, z którego pochodzą wiersze (domyślnie nazwa tej maszyny; kropki stają się _)
  --from-start      przeczytaj też to, co pliki już zawierają (domyślnie tylko nowe wiersze albo od ostatniej paczki)
  --batch-lines N   najwyżej tyle wierszy w wiadomości (domyślnie 500; też najwyżej 256 KiB albo 1 s od pierwszego)`,
  },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, {
      nats: { type: 'string' }, timeout: { type: 'string' }, host: { type: 'string' }, 'from-start': { type: 'boolean' },
      'batch-lines': { type: 'string' }, 'poll-ms': { type: 'string' },
    });
    const timeoutMs = durationOption('timeout', v.timeout, 5000, 'ms', 100, 120_000);
    if (positionals[0] === 'logs') {
      const files = positionals.slice(1);
      if (!files.length) throw new UsageError(USAGE_TEXTS.shipLogsFiles);
      if (files.includes('-')) throw new UsageError(USAGE_TEXTS.shipLogsStdin);
      const batchLines = numberOption('batch-lines', v['batch-lines'], 500, 1, 100_000);
      const pollMs = numberOption('poll-ms', v['poll-ms'], 500, 20, 60_000);
      const { shipLogs, hostToken } = await import('../../stream/ship-logs.js');
      const { STREAM } = await import('../../stream/nats.js');
      const { hostname } = await import('node:os');
      const host = hostToken(typeof v.host === 'string' ? v.host : hostname());
      const say = (t: Parameters<typeof pick>[0]) => process.stderr.write(`mailmedic ship: ${pick(t, common.lang)}\n`);
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      say(fill(T.following, { files: files.join(', '), host, subject: STREAM.logPrefix + host }));
      try {
        const sum = await shipLogs({
          nats: { servers: String(v.nats ?? process.env.MAILMEDIC_NATS ?? 'nats://127.0.0.1:4222'), timeoutMs }, files, host,
          fromStart: Boolean(v['from-start']), batchLines, pollMs, signal: stop.signal,
          onRetry: (r) => say(fill(T.retry, { error: r.error, s: (r.waitMs / 1000).toFixed(1) })),
          ...(common.verbose ? { onBatch: (b) => say(fill(T.batch, { file: b.file, lines: b.lines, offset: b.offset, seq: b.seq, dup: b.duplicate ? T.dup : tx('', '') })) } : {}),
        });
        say(fill(T.stopped, { ...sum }));
        return EXIT.ok;
      } catch (e) {
        say(fill(T.logsFailed, { why: String((e as Error).message ?? e).slice(0, 200) }));
        return TEMPFAIL;
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
      }
    }
    if (positionals[0] !== 'bounce' || positionals.length > 1) throw new UsageError(USAGE_TEXTS.shipWhat);
    const raw = await readStdin(64 * 1024 * 1024);
    if (!raw.length) throw new InputError(USAGE_TEXTS.emptyStdin, EXIT.usage);
    const { shipBounce } = await import('../../stream/ship.js');
    try {
      const r = await shipBounce(raw, { servers: String(v.nats ?? process.env.MAILMEDIC_NATS ?? 'nats://127.0.0.1:4222'), timeoutMs });
      if (common.verbose) process.stderr.write(`mailmedic ship: ${pick(fill(T.shipped, { id: r.id, seq: r.seq, dup: r.duplicate ? T.dup : tx('', '') }), common.lang)}\n`);
      return EXIT.ok;
    } catch (e) {
      process.stderr.write(`mailmedic ship: ${pick(fill(T.failed, { why: String((e as Error).message ?? e).slice(0, 200) }), common.lang)}\n`);
      return TEMPFAIL;
    }
  },
};
