/**
 * A bounce worker: pulls batches from the shared durable consumer, reads each message with the bounce reader,
 * stores the batch in one transaction, then acknowledges it. At-least-once: a worker that dies before the ack
 * leaves the batch to be redelivered (to it or another worker), and the idempotent store makes that harmless.
 * Any number of workers on any number of machines share the consumer; NATS hands each message to one of them.
 */
import type { JsMsg, NatsConnection } from 'nats';
import { parseBounce } from '../bounce/parse.js';
import { BOUNCE_CONSUMER, connectNats, ensureBounceConsumer, ensureStream, STREAM, type NatsOptions } from './nats.js';
import { migrate, openStore, storeBounces, type StoredBounce } from './store.js';
import { WorkerMetrics } from './metrics.js';

/** Options of `runBounceWorker`. */
export interface BounceWorkerOptions {
  nats: NatsOptions;
  /** PostgreSQL connection URL. */
  db: string;
  /** Messages pulled at once (default 50). */
  batch?: number;
  /** How long one pull waits for messages, in ms (default 2000). */
  pullWaitMs?: number;
  /** Stop after this many messages (tests, one-off drains); default: run until stopped. */
  maxMessages?: number;
  /** Stop when the stream has been empty this long, in ms (a drain); default: wait for more. */
  idleExitMs?: number;
  /** Aborting drains: the batch in hand is stored and acknowledged, then the worker returns. */
  signal?: AbortSignal;
  /** Counters for the Prometheus endpoint. */
  metrics?: WorkerMetrics;
  /** Called after each stored batch. */
  onBatch?: (b: { messages: number; stored: number; duplicates: number; recipients: number; ms: number }) => void;
}

/** What a worker did before it stopped. */
export interface BounceWorkerSummary { messages: number; stored: number; duplicates: number; recipients: number; failedBatches: number }

/** Read one message; an unreadable one is still stored (kind "error"), so it is counted and never redelivered forever. */
function readOne(m: JsMsg): StoredBounce {
  const size = Number(m.headers?.get('Mailmedic-Original-Size') || m.data.byteLength);
  return { id: m.headers?.get('Nats-Msg-Id') || String(m.seq), seq: m.seq, size, truncated: Boolean(m.headers?.get('Mailmedic-Original-Size')), result: parseBounce(m.data) };
}

/** Run a bounce worker until it is stopped (signal), drained (idleExitMs) or has done `maxMessages`. */
export async function runBounceWorker(o: BounceWorkerOptions): Promise<BounceWorkerSummary> {
  const pool = openStore(o.db);
  let nc: NatsConnection | undefined;
  const sum: BounceWorkerSummary = { messages: 0, stored: 0, duplicates: 0, recipients: 0, failedBatches: 0 };
  try {
    await migrate(pool);
    nc = await connectNats({ name: 'mailmedic-worker', ...o.nats });
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm);
    await ensureBounceConsumer(jsm);
    const consumer = await nc.jetstream().consumers.get(STREAM.name, BOUNCE_CONSUMER);
    let idleSince = Date.now();
    while (!o.signal?.aborted && (o.maxMessages === undefined || sum.messages < o.maxMessages)) {
      const want = Math.min(o.batch ?? 50, o.maxMessages === undefined ? Infinity : o.maxMessages - sum.messages);
      const got: JsMsg[] = [];
      const iter = await consumer.fetch({ max_messages: want, expires: Math.max(1000, o.pullWaitMs ?? 2000) });
      for await (const m of iter) got.push(m);
      if (!got.length) {
        if (o.idleExitMs !== undefined && Date.now() - idleSince >= o.idleExitMs) break;
        continue;
      }
      idleSince = Date.now();
      const t0 = performance.now();
      const batch = got.map(readOne);
      try {
        const r = await storeBounces(pool, batch);
        for (const m of got) m.ack();
        sum.messages += got.length; sum.stored += r.stored; sum.duplicates += r.duplicates; sum.recipients += r.recipients;
        const ms = performance.now() - t0;
        o.metrics?.batch(got.length, r, ms);
        o.onBatch?.({ messages: got.length, ...r, ms });
      } catch {
        // The database refused the batch: give it back for a later try (here or on another worker).
        sum.failedBatches++;
        o.metrics?.failed(got.length);
        for (const m of got) m.nak(5000);
      }
    }
    return sum;
  } finally {
    await nc?.drain().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}
