import { EXIT } from '../../core/finding.js';
import { fill, pick, tx } from '../../i18n/text.js';
import type { Server } from 'node:http';
import { durationOption, numberOption, parseCommand, sizeOption, UsageError } from '../args.js';
import { postgresUrlOption } from '../db-option.js';
import { emit } from '../output.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import type { Command } from './index.js';

const T = {
  started: tx('reading bounces from {nats}, storing in PostgreSQL; SIGTERM or Ctrl-C stops after the batch in hand', 'czytam zwroty z {nats} i zapisuję w PostgreSQL; SIGTERM lub Ctrl-C kończy po bieżącej paczce'),
  batch: tx('{messages} messages: {stored} new, {duplicates} seen before, {recipients} recipients ({ms} ms)', 'wiadomości: {messages}; nowe: {stored}, znane wcześniej: {duplicates}, odbiorcy: {recipients} ({ms} ms)'),
  done: tx('stopped: {messages} messages read, {stored} stored, {duplicates} duplicates, {dead} to the dead letters, {failed} batches given back',
    'koniec: przeczytano {messages} wiadomości, zapisano {stored}, duplikatów {duplicates}, do kolejki martwych wiadomości {dead}, oddanych paczek {failed}'),
  logsStarted: tx('reading log lines from {nats}, storing per-host summaries, problems and message stories in PostgreSQL; SIGTERM or Ctrl-C stops after the batch in hand',
    'czytam wiersze dzienników z {nats} i zapisuję w PostgreSQL podsumowania hostów, problemy i historie wiadomości; SIGTERM lub Ctrl-C kończy po bieżącej paczce'),
  logsBatch: tx('{host}: {messages} messages, {lines} lines, up to stream sequence {seq} ({ms} ms)', '{host}: wiadomości {messages}, wierszy {lines}, do numeru w strumieniu {seq} ({ms} ms)'),
  hostTaken: tx('took host {host}', 'przejmuję hosta {host}'),
  hostLeft: tx('let host {host} go (another worker takes it)', 'oddaję hosta {host} (przejmie go inny pracownik)'),
  logsDone: tx('stopped: {hosts} hosts taken, {messages} messages and {lines} lines counted, {dead} to the dead letters', 'koniec: przejętych hostów {hosts}, policzonych wiadomości {messages} i wierszy {lines}, do kolejki martwych wiadomości {dead}'),
  retry: tx('PostgreSQL is not answering ({error}); trying again in {s} s', 'PostgreSQL nie odpowiada ({error}); ponowna próba za {s} s'),
  failed: tx('the worker stopped: {why}', 'pracownik zatrzymał się: {why}'),
  hostError: tx('{host}: {error} (tried again at the next look)', '{host}: {error} (ponowna próba przy następnym przeglądzie)'),
  pruned: tx('deleted {n} message-story rows older than {before}', 'usunięto wiersze historii wiadomości starsze niż {before}: {n}'),
  bounceKind: tx('bounce', 'zwrotów'),
  logKind: tx('log', 'dzienników'),
};

/** NATS server URLs as they may be shown: a user's password replaced. */
const shownServers = (servers: string) => servers.split(',').map((x) => x.replace(/^([a-z]+:\/\/[^:@/]*):.*@/i, '$1:***@')).join(',');

/** `--metrics HOST:PORT` (an IPv6 address in brackets) as [host, port]. */
function metricsAddress(raw: string): [string, number] {
  const m = /^(.+):(\d{1,5})$/.exec(raw);
  if (!m) throw new UsageError(USAGE_TEXTS.workerMetrics);
  return [m[1]!.replace(/^\[|\]$/g, ''), numberOption('metrics', m[2], 0, 0, 65535)];
}

export const command: Command = {
  describe: {
    en: 'reads bounces or log lines from NATS JetStream into PostgreSQL (run as many as needed)',
    pl: 'czyta zwroty albo wiersze dzienników z NATS JetStream do PostgreSQL (uruchom ich tylu, ilu trzeba)',
  },
  usage: {
    en: `mailmedic worker bounces --db postgres://user@host/db [--nats URL] [--batch 50] [--metrics 127.0.0.1:9464]
                         [--max-size 64M] [--drain] [--status]

Pulls bounces from the shared durable consumer, reads each one (one row per recipient: reason, hard/soft, status,
rule), stores a batch in one transaction and only then acknowledges it: a worker that dies leaves its batch to
be delivered again, and the store skips what it already has. Start any number, on any number of machines.
SIGTERM or Ctrl-C stops after the batch in hand.
  --nats URL         NATS servers (default $MAILMEDIC_NATS or nats://127.0.0.1:4222)
  --db URL           PostgreSQL (default $MAILMEDIC_DB); the tables are created on first start
  --batch N          messages pulled at once (default 50)
  --metrics H:P      serve Prometheus metrics on http://H:P/metrics
  --max-size SIZE    a bounce larger than this goes to the dead letters unread (default 64M)
  --drain            stop when nothing has arrived for 3 s (a one-off catch-up)
  --status           print the backlog (waiting, in flight, redelivered) and what is stored, then exit
Messages that cannot be read (empty, not a message) go to mailmedic.dead.bounce with the reason; when PostgreSQL
is away the batch in hand is kept and tried again with growing waits (up to 15 s), so nothing is lost.

mailmedic worker logs --db postgres://user@host/db [--nats URL] [--batch 20] [--metrics 127.0.0.1:9465]
                      [--keep-stories 30d] [--drain] [--status]

Reads the lines \`mailmedic ship logs\` publishes (mailmedic.log.HOST) and stores per host: counts per hour (received,
delivered, deferred, bounced, rejected, as \`logs summary\` counts them), the problems \`logs follow\` reports, and
every line about a queued message (its story, for \`query message\`). One worker reads one host at a time, in order;
start any number: they share the hosts (each takes its fair share). The position in each host's lines is stored in
the same transaction as the rows, so a worker stopped or killed is continued exactly where it stopped.
  --batch N          stream messages (each up to 500 lines) stored in one transaction (default 20)
  --metrics H:P      Prometheus metrics: lines and messages per host, hosts held, each held host's backlog, retries
  --keep-stories T   delete message-story rows older than T (7d at least, e.g. 30d; they are the bulk of the
                     database; hourly counts and problems are kept); one worker at a time prunes, every 10 minutes
  --status           each host's lag (messages waiting after its checkpoint) and what is stored, then exit`,
    pl: `mailmedic worker bounces --db postgres://użytkownik@host/baza [--nats URL] [--batch 50] [--metrics 127.0.0.1:9464]
                         [--max-size 64M] [--drain] [--status]

Pobiera zwroty ze wspólnego trwałego konsumenta, odczytuje każdy (wiersz na odbiorcę: przyczyna, twardy/miękki,
status, reguła), zapisuje paczkę w jednej transakcji i dopiero wtedy ją potwierdza: pracownik, który padnie,
zostawia paczkę do ponownego dostarczenia, a zapis pomija to, co już ma. Uruchom ich dowolnie wielu, na dowolnie
wielu maszynach. SIGTERM lub Ctrl-C kończy po bieżącej paczce.
  --nats URL         serwery NATS (domyślnie $MAILMEDIC_NATS albo nats://127.0.0.1:4222)
  --db URL           PostgreSQL (domyślnie $MAILMEDIC_DB); tabele powstają przy pierwszym uruchomieniu
  --batch N          ile wiadomości pobierać naraz (domyślnie 50)
  --metrics H:P      metryki Prometheusa pod http://H:P/metrics
  --max-size ROZMIAR zwrot większy niż ten trafia nieczytany do kolejki martwych wiadomości (domyślnie 64M)
  --drain            zakończ, gdy przez 3 s nic nie przyszło (jednorazowe nadrobienie zaległości)
  --status           wypisz zaległości (czekające, w trakcie, ponowione) i to, co zapisano, i zakończ
Wiadomości, których nie da się odczytać (puste, niebędące wiadomością), trafiają do mailmedic.dead.bounce z przyczyną;
gdy PostgreSQL nie odpowiada, bieżąca paczka czeka i zapis jest ponawiany w coraz dłuższych odstępach (do 15 s).

mailmedic worker logs --db postgres://użytkownik@host/baza [--nats URL] [--batch 20] [--metrics 127.0.0.1:9465]
                      [--keep-stories 30d] [--drain] [--status]

Czyta wiersze publikowane przez \`mailmedic ship logs\` (mailmedic.log.HOST) i zapisuje dla każdego hosta: liczby
na godzinę (przyjęte, doręczone, odłożone, zwrócone, odrzucone — liczone jak w \`logs summary\`), problemy, które
zgłasza \`logs follow\`, i każdy wiersz o wiadomości w kolejce (jej historię, dla \`query message\`). Jeden host
czyta naraz jeden pracownik, po kolei; uruchom ich dowolnie wielu — podzielą się hostami po równo. Miejsce w wierszach
hosta zapisuje się w tej samej transakcji co wyniki, więc zatrzymany albo zabity pracownik jest kontynuowany dokładnie
tam, gdzie skończył.
  --batch N          ile wiadomości strumienia (każda do 500 wierszy) zapisać w jednej transakcji (domyślnie 20)
  --metrics H:P      metryki Prometheusa: wiersze i wiadomości na hosta, obsługiwane hosty, zaległości każdego z nich,
                     ponowienia zapisu
  --keep-stories T   usuwaj wiersze historii wiadomości starsze niż T (co najmniej 7d, np. 30d; to one zajmują
                     najwięcej miejsca; liczby godzinowe i problemy zostają); naraz czyści jeden pracownik, co 10 minut
  --status           opóźnienie każdego hosta (wiadomości czekające za punktem kontrolnym) i to, co zapisano`,
  },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, {
      nats: { type: 'string' }, db: { type: 'string' }, batch: { type: 'string' }, metrics: { type: 'string' },
      drain: { type: 'boolean' }, status: { type: 'boolean' }, timeout: { type: 'string' }, 'max-size': { type: 'string' },
      'keep-stories': { type: 'string' },
    });
    if (!['bounces', 'logs'].includes(positionals[0] ?? '') || positionals.length > 1) throw new UsageError(USAGE_TEXTS.workerWhat);
    const logs = positionals[0] === 'logs';
    // An option of the other kind of worker is said, not ignored.
    const foreign = logs ? (v['max-size'] !== undefined ? '--max-size' : undefined) : (v['keep-stories'] !== undefined ? '--keep-stories' : undefined);
    if (foreign) throw new UsageError(USAGE_TEXTS.workerOnlyFor, { option: foreign, kind: logs ? T.bounceKind : T.logKind });
    const nats = { servers: String(v.nats ?? process.env.MAILMEDIC_NATS ?? 'nats://127.0.0.1:4222'), timeoutMs: durationOption('timeout', v.timeout, 5000, 'ms', 100, 120_000) };
    const rawDb = typeof v.db === 'string' ? v.db : process.env.MAILMEDIC_DB;
    const db = rawDb ? postgresUrlOption(rawDb) : undefined;
    const metricsAt = typeof v.metrics === 'string' ? metricsAddress(v.metrics) : undefined;
    const maxBytes = sizeOption('max-size', v['max-size'], 64 << 20, 1024, 1 << 30);
    const keepStoriesMs = v['keep-stories'] === undefined ? undefined : durationOption('keep-stories', v['keep-stories'], 0, 's', 7 * 86_400_000, 3650 * 86_400_000);
    const batch = numberOption('batch', v.batch, logs ? 20 : 50, 1, 1000);
    const stream = await import('../../stream/index.js');
    if (v.status) return emit(await (logs ? stream.logWorkerStatus : stream.bounceWorkerStatus)({ nats, ...(db ? { db } : {}) }), common);
    if (!db) throw new UsageError(USAGE_TEXTS.workerDb);

    const say = (t: Parameters<typeof pick>[0]) => process.stderr.write(`mailmedic worker: ${pick(t, common.lang)}\n`);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    const shared = {
      nats, db, batch, signal: stop.signal, ...(v.drain ? { idleExitMs: 3000 } : {}),
      onRetry: (r: { waitMs: number; error: string }) => say(fill(T.retry, { error: r.error, s: (r.waitMs / 1000).toFixed(1) })),
    };
    let server: Server | undefined;
    try {
      if (logs) {
        const metrics = new stream.LogWorkerMetrics();
        if (metricsAt) server = await metrics.serve(metricsAt[0], metricsAt[1]);
        say(fill(T.logsStarted, { nats: shownServers(nats.servers) }));
        const sum = await stream.runLogWorker({
          ...shared, metrics, ...(keepStoriesMs !== undefined ? { keepStoriesMs } : {}),
          onHost: (h) => say(fill(h.taken ? T.hostTaken : T.hostLeft, { host: h.host })),
          onError: (e) => say(fill(T.hostError, { host: e.host || '-', error: e.error })),
          onPrune: (p) => say(fill(T.pruned, { n: p.deleted, before: p.before.toISOString() })),
          ...(common.verbose ? { onBatch: (b) => say(fill(T.logsBatch, { host: b.host, messages: b.messages, lines: b.lines, seq: b.seq, ms: Math.round(b.ms) })) } : {}),
        });
        say(fill(T.logsDone, { ...sum }));
        return EXIT.ok;
      }
      const metrics = new stream.WorkerMetrics();
      if (metricsAt) {
        server = await metrics.serve(metricsAt[0], metricsAt[1], async () => {
          const b = await stream.bounceBacklog(nats);
          return { mailmedic_stream_bounces_pending: b.pending, mailmedic_stream_bounces_in_flight: b.inFlight };
        });
      }
      say(fill(T.started, { nats: shownServers(nats.servers) }));
      const sum = await stream.runBounceWorker({
        ...shared, metrics, maxBytes,
        ...(common.verbose ? { onBatch: (b) => say(fill(T.batch, { ...b, ms: Math.round(b.ms) })) } : {}),
      });
      say(fill(T.done, { ...sum, failed: sum.failedBatches }));
      return sum.failedBatches ? EXIT.warn : EXIT.ok;
    } catch (e) {
      say(fill(T.failed, { why: String((e as Error).message ?? e).slice(0, 300) }));
      return 75;
    } finally {
      server?.close();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
  },
};
