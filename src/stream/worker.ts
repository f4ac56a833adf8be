/**
 * A bounce worker: pulls batches from the shared durable consumer, reads each message with the bounce reader,
 * stores the batch in one transaction, then acknowledges it. At-least-once: a worker that dies before the ack
 * leaves the batch to be redelivered (to it or another worker), and the idempotent store makes that harmless.
 * Any number of workers on any number of machines share the consumer; NATS hands each message to one of them.
 *
 * Faults: a message that cannot be read (empty, not a message, larger than `maxBytes`) goes to the dead-letter
 * subject with the reason. When PostgreSQL is away the batch stays in hand (its ack wait extended) and the store is
 * tried again with exponential, bounded, jittered waits; when PostgreSQL answers but refuses the batch, the messages
 * are stored one by one, and one refused on its last allowed delivery goes to the dead letters instead of being lost.
 */
import type { JetStreamClient, JsMsg, NatsConnection } from 'nats';
import { parseBounce } from '../bounce/parse.js';
import { backoffDelay, pause, type BackoffOptions } from './backoff.js';
import { deadLetter } from './dead.js';
import { BOUNCE_CONSUMER, connectNats, DEAD, ensureBounceConsumer, ensureStream, STREAM, type NatsOptions } from './nats.js';
import { migrate, openStore, storeBounces, type StoredBounce } from './store.js';
import { WorkerMetrics } from './metrics.js';
import type pg from 'pg';

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
  /** Messages larger than this (bytes) go to the dead letters unread (default 64 MiB). */
  maxBytes?: number;
  /** Waits between tries while PostgreSQL is away (default 250 ms doubling to 15 s, with jitter). */
  backoff?: BackoffOptions;
  /** How long a batch is kept in hand while PostgreSQL is away before it is given back to NATS (default 5 min). */
  outageMs?: number;
  /** Redelivery delay of a message PostgreSQL refused (default 5 s). */
  retryDelayMs?: number;
  /** Called before each wait while PostgreSQL is away. */
  onRetry?: (r: { attempt: number; waitMs: number; error: string }) => void;
}

/** What a worker did before it stopped. */
export interface BounceWorkerSummary { messages: number; stored: number; duplicates: number; recipients: number; failedBatches: number; dead: number; retries: number }

const errText = (e: unknown) => String((e as Error)?.message ?? e).slice(0, 300);

/** Read one message, or say why it cannot be used. */
function readOne(m: JsMsg, maxBytes: number): StoredBounce | { dead: string } {
  if (!m.data.byteLength) return { dead: 'empty message' };
  if (m.data.byteLength > maxBytes) return { dead: `larger than ${maxBytes} bytes (${m.data.byteLength})` };
  const result = parseBounce(m.data);
  if (result.kind === 'error') return { dead: `unreadable: ${result.error ?? 'not a message'}` };
  const size = Number(m.headers?.get('Mailmedic-Original-Size') || m.data.byteLength);
  return { id: m.headers?.get('Nats-Msg-Id') || String(m.seq), seq: m.seq, size, truncated: Boolean(m.headers?.get('Mailmedic-Original-Size')), result };
}

const reachable = (pool: pg.Pool) => pool.query('SELECT 1').then(() => true, () => false);

/** Run a bounce worker until it is stopped (signal), drained (idleExitMs) or has done `maxMessages`. */
export async function runBounceWorker(o: BounceWorkerOptions): Promise<BounceWorkerSummary> {
  const pool = openStore(o.db);
  let nc: NatsConnection | undefined;
  const sum: BounceWorkerSummary = { messages: 0, stored: 0, duplicates: 0, recipients: 0, failedBatches: 0, dead: 0, retries: 0 };
  const maxBytes = o.maxBytes ?? 64 << 20;
  const retryDelay = o.retryDelayMs ?? 5000;
  try {
    // Even the first connection waits for PostgreSQL (a worker started before its database).
    for (let attempt = 0; ; attempt++) {
      try { await migrate(pool); break; } catch (e) {
        if (o.signal?.aborted || attempt >= 12) throw e;
        const waitMs = backoffDelay(attempt, o.backoff);
        sum.retries++;
        o.onRetry?.({ attempt, waitMs, error: errText(e) });
        await pause(waitMs, o.signal);
      }
    }
    nc = await connectNats({ name: 'mailmedic-worker', ...o.nats });
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm);
    await ensureBounceConsumer(jsm);
    const js = nc.jetstream();
    const consumer = await js.consumers.get(STREAM.name, BOUNCE_CONSUMER);
    const maxDeliver = (await consumer.info()).config.max_deliver ?? -1;
    const toDead = async (m: JsMsg, reason: string) => {
      await deadLetter(js, DEAD.bounce, m, reason);
      m.ack();
      sum.dead++;
      o.metrics?.dead(1);
    };
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
      const msgs: JsMsg[] = [], batch: StoredBounce[] = [];
      for (const m of got) {
        const r = readOne(m, maxBytes);
        if ('dead' in r) await toDead(m, r.dead);
        else { msgs.push(m); batch.push(r); }
      }
      sum.messages += got.length;
      if (!batch.length) continue;
      const outageEnd = Date.now() + (o.outageMs ?? 5 * 60_000);
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await storeBounces(pool, batch);
          for (const m of msgs) m.ack();
          sum.stored += r.stored; sum.duplicates += r.duplicates; sum.recipients += r.recipients;
          const ms = performance.now() - t0;
          o.metrics?.batch(msgs.length, r, ms);
          o.onBatch?.({ messages: msgs.length, ...r, ms });
          break;
        } catch (e) {
          if (await reachable(pool)) {
            // PostgreSQL answers but refused the batch: one by one, so one bad message does not hold the others.
            for (let i = 0; i < batch.length; i++) {
              const m = msgs[i]!;
              try {
                const r = await storeBounces(pool, [batch[i]!]);
                m.ack();
                sum.stored += r.stored; sum.duplicates += r.duplicates; sum.recipients += r.recipients;
                o.metrics?.batch(1, r, 0);
              } catch (e1) {
                if (maxDeliver > 0 && m.info.deliveryCount >= maxDeliver) await toDead(m, `PostgreSQL refused it ${m.info.deliveryCount} times: ${errText(e1)}`);
                else { sum.failedBatches++; o.metrics?.failed(1); m.nak(retryDelay); }
              }
            }
            break;
          }
          if (o.signal?.aborted || Date.now() >= outageEnd) {
            // Given back to NATS for a later try (here or on another worker).
            sum.failedBatches++;
            o.metrics?.failed(msgs.length);
            for (const m of msgs) m.nak(retryDelay);
            break;
          }
          const waitMs = backoffDelay(attempt, o.backoff);
          sum.retries++;
          o.metrics?.retry();
          o.onRetry?.({ attempt, waitMs, error: errText(e) });
          // Keep the batch: tell NATS it is still being worked on, so it is not redelivered meanwhile.
          const working = () => { for (const m of msgs) m.working(); };
          working();
          await pause(waitMs, o.signal, working);
        }
      }
    }
    return sum;
  } finally {
    await nc?.drain().catch(() => undefined);
    await pool.end().catch(() => undefined);
  }
}
