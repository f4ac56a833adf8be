/**
 * A log worker: reads the lines `mailmedic ship logs` published to `mailmedic.log.<host>` and keeps, in PostgreSQL,
 * per-host per-hour counts (what `logs summary` counts: received, delivered, deferred, bounced, rejected), the
 * problems `logs follow` would report, and every queue-id line as a row of its message's story.
 *
 * Order and sharing: the lines of one host are read by one worker at a time, in stream order. A worker owns a host
 * while it holds a PostgreSQL advisory lock on it (a session lock on its own connection: a worker that dies loses it
 * at once), and takes at most its fair share (hosts ÷ workers connected), so N workers split the hosts. It reads the
 * host's subject with an ordered consumer starting after the host's checkpoint — the last stream sequence counted,
 * stored in the same transaction as the rows it counted for. So nothing is acknowledged to NATS: the position lives
 * with the results, and a restarted worker (or another one) continues exactly where the last commit stopped, never
 * counting a line twice (the transaction also re-checks the checkpoint under a row lock, so even two workers on one
 * host by mistake cannot double-count).
 *
 * State across batches (open messages, deferral counts, problem windows) lives in memory; a worker taking over a host
 * rebuilds it by reading again, without writing, the host's lines of the `warmupMs` before the checkpoint.
 */
import pg from 'pg';
import { inTransaction } from '../core/pg-transaction.js';
import type { JsMsg, NatsConnection } from 'nats';
import { DeliverPolicy } from 'nats';
import type { Finding } from '../core/finding.js';
import { MessageTracker } from '../logs/messages.js';
import { LogLineParser } from '../logs/parse.js';
import { DEFAULT_LOG_LIMITS, ProblemDetector, type LogProblemLimits } from '../logs/problems.js';
import { StampClock } from '../logs/stamp.js';
import { SummaryCollector } from '../logs/summary.js';
import type { LogEvent } from '../logs/types.js';
import { backoffDelay, pause, type BackoffOptions } from './backoff.js';
import { deadLetter } from './dead.js';
import type { LogWorkerMetrics } from './metrics.js';
import { connectNats, DEAD, ensureStream, STREAM, type NatsOptions } from './nats.js';
import { migrate, openStore } from './store.js';

/** The application name log workers connect to PostgreSQL with (how they count each other for fair shares). */
export const LOG_WORKER_APP = 'mailmedic-logs-worker';
/** The advisory-lock namespace of host ownership (the second key is hashtext(host)). */
const HOST_LOCK = 7243002;
/** The advisory lock of story pruning: one worker prunes at a time. */
const PRUNE_LOCK = 7243003;
/** Story rows deleted per statement while pruning (short transactions, no long lock on the table). */
const PRUNE_CHUNK = 20_000;
/** The counts kept per hour, in this order. */
const HOUR_COUNTS = ['received', 'delivered', 'deferred', 'bounced', 'rejected'] as const;

/** Options of {@link runLogWorker}. */
export interface LogWorkerOptions {
  nats: NatsOptions;
  /** PostgreSQL connection URL. */
  db: string;
  /** Stream messages (each a batch of lines) read and committed together (default 20). */
  batch?: number;
  /** How long one read waits for messages, in ms (default 1000). */
  pullWaitMs?: number;
  /** Stop when nothing has arrived this long, in ms (a drain); default: wait for more. */
  idleExitMs?: number;
  /** How often hosts are looked for and shares rebalanced, in ms (default 2000). */
  rebalanceMs?: number;
  /** State rebuilt from this much stream time before a host's checkpoint when a worker takes the host (default 2 h). */
  warmupMs?: number;
  /** Problem thresholds (default: those of `logs problems`). */
  limits?: LogProblemLimits;
  /** Waits between tries while PostgreSQL is away (default 250 ms doubling to 15 s, with jitter). */
  backoff?: BackoffOptions;
  /** Aborting stops after the batch in hand is committed. */
  signal?: AbortSignal;
  /** Called after each committed batch of a host. */
  onBatch?: (b: { host: string; messages: number; lines: number; seq: number; ms: number }) => void;
  /** Called when a host is taken or let go. */
  onHost?: (h: { host: string; taken: boolean }) => void;
  /** Called before each wait while PostgreSQL is away. */
  onRetry?: (r: { attempt: number; waitMs: number; error: string }) => void;
  /**
   * A host's reading failed (NATS refused the consumer …): the host is let go and taken again at the next look. Also
   * a failed prune (`host` empty), tried again at the next prune time.
   */
  onError?: (e: { host: string; error: string }) => void;
  /** Counters for the Prometheus endpoint. */
  metrics?: LogWorkerMetrics;
  /**
   * Message-story rows older than this (ms, by the line's time) are deleted — stories are the bulk of the database;
   * per-hour counts and problems are kept. Default: kept for ever.
   */
  keepStoriesMs?: number;
  /** How often a worker looks for story rows to prune, in ms (default 10 min; one worker at a time prunes). */
  pruneEveryMs?: number;
  /** Called after a prune that deleted rows. */
  onPrune?: (p: { deleted: number; before: Date }) => void;
}

/** What a log worker did before it stopped. */
export interface LogWorkerSummary { hosts: number; messages: number; lines: number; skipped: number; dead: number; retries: number; pruned: number }

/** The rows one stream message adds. */
interface MessageRows {
  seq: number;
  time: Date;
  lines: number;
  /** hour (ms) → [lines, received, delivered, deferred, bounced, rejected] */
  hours: Map<number, number[]>;
  problems: { at: Date; f: Finding }[];
  events: unknown[][];
}

const errText = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 300);
const cut = (s: string | undefined, n: number) => (s === undefined ? null : s.length > n ? s.slice(0, n) : s);

/** One host's reading state: the parser, the message tracker, the summary's counters and the problem detector. */
export class HostLogState {
  private clock = new StampClock(Date.now());
  private parser = new LogLineParser(this.clock, { light: true });
  private tracker = new MessageTracker({ light: true });
  private collector = new SummaryCollector(this.tracker);
  private found: Finding[] = [];
  private det: ProblemDetector;
  private lastTs = NaN;
  /** Queue ids deferred before what this state has read (from the stored stories): their next deferral is not a first. */
  private deferredEarlier = new Set<string>();
  constructor(limits: LogProblemLimits = DEFAULT_LOG_LIMITS) {
    this.collector.clock = this.clock;
    this.det = new ProblemDetector(limits, (f) => this.found.push(f));
  }

  /**
   * Messages a worker before this one saw deferred, earlier than the lines this state re-reads: counted as deferred
   * once already, so a later deferral of theirs is not counted again.
   */
  seedDeferred(qids: Iterable<string>): void { for (const q of qids) this.deferredEarlier.add(q); }

  /**
   * Read one message's lines. `streamMs` (the time the stream stored it) is the reference for year-less stamps, so
   * reading the same messages again gives the same result. Returns the rows, or only updates the state (`count` false).
   */
  feed(body: string, seq: number, streamMs: number, count: boolean): MessageRows {
    this.clock.setReference(streamMs);
    const rows: MessageRows = { seq, time: new Date(streamMs), lines: 0, hours: new Map(), problems: [], events: [] };
    const c = this.collector.counts;
    let lineNo = 0;
    for (const raw of body.split('\n')) {
      lineNo++;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (!line) continue;
      rows.lines++;
      const b0 = c.received, b1 = c.delivered, b2 = c.deferred, b3 = c.bounced, b4 = c.rejected;
      const e = this.parser.parse(line);
      if (e) {
        const m = this.tracker.add(e);
        if (this.deferredEarlier.size && m && 'qid' in e && e.qid && this.deferredEarlier.delete(e.qid)) m.deferredBefore = true;
        this.collector.add(e, m);
        this.det.add(e, m);
        if (e.ts === e.ts) this.lastTs = e.ts;
      }
      if (!count) continue;
      const ts = this.lastTs === this.lastTs ? this.lastTs : streamMs;
      const hour = Math.floor(ts / 3600_000) * 3600_000;
      let h = rows.hours.get(hour);
      if (!h) { h = [0, 0, 0, 0, 0, 0]; rows.hours.set(hour, h); }
      h[0]!++;
      h[1]! += c.received - b0; h[2]! += c.delivered - b1; h[3]! += c.deferred - b2; h[4]! += c.bounced - b3; h[5]! += c.rejected - b4;
      if (e) this.storyRow(rows, e, seq, lineNo, line);
      for (const f of this.found) rows.problems.push({ at: new Date(ts), f });
      this.found.length = 0;
    }
    this.found.length = 0;
    return rows;
  }

  /** A line about one queued message becomes a row of that message's story. */
  private storyRow(rows: MessageRows, e: LogEvent, seq: number, lineNo: number, line: string): void {
    const qid = 'qid' in e ? e.qid : undefined;
    if (!qid) return;
    const status = e.k === 'delivery' ? e.status : e.k === 'reject' ? e.action : null;
    const to = e.k === 'delivery' || e.k === 'reject' ? e.to : undefined;
    const mid = e.k === 'message-id' ? e.messageId : e.k === 'received' ? e.messageId : undefined;
    rows.events.push([seq, lineNo, cut(qid, 64), e.ts === e.ts ? new Date(e.ts).toISOString() : null, e.k, status, cut(to, 320), cut(mid, 998), cut(line, 4000)]);
  }
}

/** Store the rows of a host's messages (those after its checkpoint) and move the checkpoint, in one transaction. */
function commitHost(pool: pg.Pool, host: string, msgs: MessageRows[]): Promise<{ written: number; skipped: number; lines: number }> {
  return inTransaction(() => pool.connect(), async (c) => {
    await c.query('INSERT INTO mailmedic_log_checkpoint (host) VALUES ($1) ON CONFLICT (host) DO NOTHING', [host]);
    const { rows: [cp] } = await c.query<{ stream_seq: string }>('SELECT stream_seq FROM mailmedic_log_checkpoint WHERE host = $1 FOR UPDATE', [host]);
    const done = Number(cp!.stream_seq);
    const fresh = msgs.filter((m) => m.seq > done);
    // Nothing new (another worker counted these): the transaction wrote nothing (the checkpoint row existed).
    if (!fresh.length) return { written: 0, skipped: msgs.length, lines: 0 };
    const hours = new Map<number, number[]>();
    for (const m of fresh) for (const [h, v] of m.hours) {
      const t = hours.get(h);
      if (t) v.forEach((x, i) => { t[i]! += x; }); else hours.set(h, [...v]);
    }
    const hs = [...hours.entries()];
    await c.query(
      `INSERT INTO mailmedic_log_hour AS h (host, hour, lines, received, delivered, deferred, bounced, rejected)
       SELECT $1, * FROM unnest($2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::bigint[])
       ON CONFLICT (host, hour) DO UPDATE SET lines = h.lines + EXCLUDED.lines, received = h.received + EXCLUDED.received,
         delivered = h.delivered + EXCLUDED.delivered, deferred = h.deferred + EXCLUDED.deferred, bounced = h.bounced + EXCLUDED.bounced,
         rejected = h.rejected + EXCLUDED.rejected`,
      [host, hs.map(([h]) => new Date(h).toISOString()), ...[0, 1, 2, 3, 4, 5].map((i) => hs.map(([, v]) => v[i]))]);
    const probs = fresh.flatMap((m) => m.problems.map((p, n) => [m.seq, n, p.at.toISOString(), cut(p.f.check, 200), p.f.status, cut(p.f.subject, 500), JSON.stringify(p.f)]));
    if (probs.length) {
      await c.query(
        `INSERT INTO mailmedic_log_problem (host, stream_seq, n, detected_at, check_id, status, subject, finding)
         SELECT $1, s, n, at, ch, st, su, f::jsonb FROM unnest($2::bigint[], $3::integer[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(s, n, at, ch, st, su, f)
         ON CONFLICT DO NOTHING`, [host, ...[0, 1, 2, 3, 4, 5, 6].map((i) => probs.map((r) => r[i]))]);
    }
    const ev = fresh.flatMap((m) => m.events);
    if (ev.length) {
      await c.query(
        `INSERT INTO mailmedic_log_event (host, stream_seq, line_no, qid, at, kind, status, recipient, message_id, line)
         SELECT $1, * FROM unnest($2::bigint[], $3::integer[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
         ON CONFLICT DO NOTHING`, [host, ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => ev.map((r) => r[i]))]);
    }
    const last = fresh[fresh.length - 1]!;
    const lines = fresh.reduce((n, m) => n + m.lines, 0);
    await c.query('UPDATE mailmedic_log_checkpoint SET stream_seq = $2, stream_time = $3, lines = lines + $4, updated_at = now() WHERE host = $1',
      [host, last.seq, last.time.toISOString(), lines]);
    return { written: fresh.length, skipped: msgs.length - fresh.length, lines };
  });
}

/** Why a log message cannot be read as lines, or undefined. */
function unusable(m: JsMsg): string | undefined {
  if (!m.data.byteLength) return 'empty message';
  if (m.data.includes(0)) return 'not text (NUL bytes)';
  return undefined;
}

/**
 * Queue ids of a host deferred in what was counted (up to the checkpoint `done`, stream order — line times may be in
 * another zone than the stream's) within the week before `from`, and not removed after that deferral: messages
 * still waiting whose first deferral an earlier worker counted. Seeding one the warm-up reads again anyway is
 * harmless. Stories pruned away or never written make this a lower bound: such a message may count once more.
 */
async function deferredBefore(pool: pg.Pool, host: string, done: number, from: Date): Promise<string[]> {
  const { rows } = await pool.query<{ qid: string }>(
    `SELECT DISTINCT d.qid FROM mailmedic_log_event d
      WHERE d.host = $1 AND d.status = 'deferred' AND d.stream_seq <= $2 AND d.at >= $3::timestamptz - interval '7 days'
        AND NOT EXISTS (SELECT 1 FROM mailmedic_log_event r WHERE r.qid = d.qid AND r.host = d.host AND r.kind = 'removed'
                          AND (r.stream_seq, r.line_no) > (d.stream_seq, d.line_no))
      LIMIT 1000000`, [host, done, from.toISOString()]);
  return rows.map((r) => r.qid);
}

/**
 * Delete message-story rows whose line time is before `before`, in short chunks; returns how many went. Safe beside
 * running workers (rows of a message still open are newer than any sensible keep period).
 */
export async function pruneStories(pool: pg.Pool, before: Date, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  while (!signal?.aborted) {
    const r = await pool.query(
      'DELETE FROM mailmedic_log_event WHERE ctid = ANY (ARRAY(SELECT ctid FROM mailmedic_log_event WHERE at < $1 LIMIT $2))', [before.toISOString(), PRUNE_CHUNK]);
    deleted += r.rowCount ?? 0;
    if ((r.rowCount ?? 0) < PRUNE_CHUNK) break;
  }
  return deleted;
}

/** The host subjects the stream holds, with their message counts. */
export async function logHosts(nc: NatsConnection): Promise<Map<string, number>> {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.streams.info(STREAM.name, { subjects_filter: `${STREAM.logPrefix}>` });
  const out = new Map<string, number>();
  for (const [subject, n] of Object.entries(info.state.subjects ?? {})) out.set(subject.slice(STREAM.logPrefix.length), n);
  return out;
}

/** Run a log worker until it is stopped (signal) or drained (idleExitMs). */
export async function runLogWorker(o: LogWorkerOptions): Promise<LogWorkerSummary> {
  const pool = openStore(o.db, 6);
  const sum: LogWorkerSummary = { hosts: 0, messages: 0, lines: 0, skipped: 0, dead: 0, retries: 0, pruned: 0 };
  const onHost = (h: { host: string; taken: boolean }) => { o.metrics?.host(h); o.onHost?.(h); };
  let nc: NatsConnection | undefined;
  let lock: pg.Client | undefined;
  // The lock connection is used from the rebalancing loop and from hosts that end on their own: one query at a time.
  let lockChain: Promise<unknown> = Promise.resolve();
  const onLock = <R extends pg.QueryResultRow>(c: pg.Client, sql: string, params: unknown[]): Promise<pg.QueryResult<R>> => {
    const q = lockChain.then(() => c.query<R>(sql, params));
    lockChain = q.catch(() => undefined);
    return q;
  };
  const owned = new Map<string, { stop: AbortController; done: Promise<void> }>();
  let lastWork = Date.now();
  const retry = async (attempt: number, e: unknown, signal?: AbortSignal) => {
    const waitMs = backoffDelay(attempt, o.backoff);
    sum.retries++;
    o.metrics?.retry();
    o.onRetry?.({ attempt, waitMs, error: errText(e) });
    await pause(waitMs, signal);
  };
  try {
    for (let attempt = 0; ; attempt++) {
      try { await migrate(pool); break; } catch (e) { if (o.signal?.aborted || attempt >= 12) throw e; await retry(attempt, e, o.signal); }
    }
    nc = await connectNats({ name: 'mailmedic-logs-worker', ...o.nats });
    await ensureStream(await nc.jetstreamManager());
    const js = nc.jetstream();

    const runHost = async (host: string, signal: AbortSignal): Promise<void> => {
      const state = new HostLogState(o.limits);
      const { rows } = await pool.query<{ stream_seq: string; stream_time: Date | null }>('SELECT stream_seq, stream_time FROM mailmedic_log_checkpoint WHERE host = $1', [host]);
      const done = Number(rows[0]?.stream_seq ?? 0);
      const from = rows[0]?.stream_time ? new Date(rows[0].stream_time.getTime() - (o.warmupMs ?? 2 * 3600_000)) : undefined;
      if (from) state.seedDeferred(await deferredBefore(pool, host, done, from));
      const consumer = await js.consumers.get(STREAM.name, {
        filterSubjects: STREAM.logPrefix + host,
        ...(from ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: from.toISOString() } : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: 1 }),
      });
      while (!signal.aborted) {
        const got: JsMsg[] = [];
        const it = await consumer.fetch({ max_messages: o.batch ?? 20, expires: Math.max(1000, o.pullWaitMs ?? 1000) });
        for await (const m of it) got.push(m);
        if (!got.length) continue;
        lastWork = Date.now(); // re-reading lines already counted (after a takeover) is work too: not idle
        const t0 = performance.now();
        const todo: MessageRows[] = [];
        for (const m of got) {
          const streamMs = Math.floor(m.info.timestampNanos / 1e6);
          const counted = m.seq <= done;
          const why = unusable(m);
          if (why) {
            if (!counted) { await deadLetter(js, DEAD.logPrefix + host, m, why); sum.dead++; o.metrics?.dead(1); todo.push({ seq: m.seq, time: new Date(streamMs), lines: 0, hours: new Map(), problems: [], events: [] }); }
            continue;
          }
          // m.data is sometimes a Uint8Array, whose toString() lists numbers: decode its bytes as UTF-8.
          const r = state.feed(Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength).toString('utf8'), m.seq, streamMs, !counted);
          if (!counted) todo.push(r);
        }
        if (!todo.length) continue;
        lastWork = Date.now();
        // PostgreSQL away: keep the rows in hand and try again (the state already read them).
        for (let attempt = 0; ; attempt++) {
          try {
            const w = await commitHost(pool, host, todo);
            sum.messages += w.written; sum.skipped += w.skipped; sum.lines += w.lines;
            const ms = performance.now() - t0;
            o.metrics?.batch({ host, messages: w.written, lines: w.lines, ms, pending: got[got.length - 1]!.info.pending });
            o.onBatch?.({ host, messages: w.written, lines: w.lines, seq: todo[todo.length - 1]!.seq, ms });
            break;
          } catch (e) {
            if (signal.aborted) return; // not committed: the next owner reads these again from the checkpoint
            await retry(attempt, e, signal);
            lastWork = Date.now();
          }
        }
        lastWork = Date.now();
      }
    };

    const take = (host: string) => {
      const stop = new AbortController();
      // However the host's reading ends (let go, or failed on its own), it is said once, here.
      const done = runHost(host, stop.signal).catch((e) => { o.onError?.({ host, error: errText(e) }); }).finally(() => {
        if (owned.get(host)?.stop === stop) owned.delete(host);
        if (lock) onLock(lock, 'SELECT pg_advisory_unlock($1, hashtext($2))', [HOST_LOCK, host]).catch(() => undefined);
        onHost({ host, taken: false });
      });
      owned.set(host, { stop, done });
      lastWork = Date.now();
      sum.hosts++;
      onHost({ host, taken: true });
    };
    const letGo = async (host: string) => {
      const h = owned.get(host);
      if (!h) return;
      h.stop.abort();
      await h.done;
    };
    const connectLock = async () => {
      // keepAlive and a query limit: a connection that hangs must fail (and its hosts be let go), not stall the worker.
      const c = new pg.Client({ connectionString: o.db, application_name: LOG_WORKER_APP, connectionTimeoutMillis: 5000, keepAlive: true, query_timeout: 30_000 });
      c.on('error', () => undefined);
      await c.connect();
      return c;
    };

    let attempt = 0;
    let nextPrune = 0;
    const prune = async (c: pg.Client) => {
      if (o.keepStoriesMs === undefined || Date.now() < nextPrune) return;
      nextPrune = Date.now() + (o.pruneEveryMs ?? 10 * 60_000);
      const { rows: [l] } = await onLock<{ ok: boolean }>(c, 'SELECT pg_try_advisory_lock($1) AS ok', [PRUNE_LOCK]);
      if (!l!.ok) return; // another worker is pruning
      try {
        const before = new Date(Date.now() - o.keepStoriesMs);
        const deleted = await pruneStories(pool, before, o.signal);
        sum.pruned += deleted;
        if (deleted) { o.metrics?.pruned(deleted); o.onPrune?.({ deleted, before }); }
      } finally { await onLock(c, 'SELECT pg_advisory_unlock($1)', [PRUNE_LOCK]).catch(() => undefined); }
    };
    // Pruning runs beside the rebalancing (a first prune of a big table takes a while), one at a time.
    let pruning: Promise<void> | undefined;
    while (!o.signal?.aborted) {
      try {
        if (!lock) { lock = await connectLock(); attempt = 0; }
        const hosts = await logHosts(nc);
        const { rows: [w] } = await onLock<{ n: string }>(lock, 'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1', [LOG_WORKER_APP]);
        const fair = Math.ceil(hosts.size / Math.max(1, Number(w!.n)));
        // Hosts in an order of their own per worker, so two workers starting together try different hosts first.
        const order = [...hosts.keys()].filter((h) => !owned.has(h)).sort(() => Math.random() - 0.5);
        for (const host of order) {
          if (owned.size >= fair) break;
          const { rows: [l] } = await onLock<{ ok: boolean }>(lock, 'SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [HOST_LOCK, host]);
          if (l!.ok) take(host);
        }
        while (owned.size > fair) await letGo([...owned.keys()].pop()!);
      } catch (e) {
        // The lock connection (or NATS) failed: the locks went with the connection, so every host is let go.
        await Promise.all([...owned.keys()].map(letGo));
        await lock?.end().catch(() => undefined);
        lock = undefined;
        await retry(attempt++, e, o.signal);
        lastWork = Date.now(); // an outage is not an empty stream: a drain waits for the hosts to be taken again
        continue;
      }
      // A failed prune is said and tried again later; it never costs the worker its hosts.
      if (lock && !pruning) {
        pruning = prune(lock).catch((e) => o.onError?.({ host: '', error: `pruning stories: ${errText(e)}` })).finally(() => { pruning = undefined; });
      }
      if (o.idleExitMs !== undefined && Date.now() - lastWork >= o.idleExitMs) break;
      await pause(o.rebalanceMs ?? 2000, o.signal, undefined, 250);
    }
    await Promise.all([...owned.keys()].map(letGo));
    await pruning;
    return sum;
  } finally {
    await lock?.end().catch(() => undefined);
    await nc?.drain().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}
