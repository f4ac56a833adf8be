/**
 * The one JetStream stream mailmedic uses and its durable consumers: created when missing, never replaced (an
 * operator's retention settings stay). NATS does the queueing, redelivery and de-duplication; mailmedic only
 * publishes, pulls and acknowledges.
 */
import { AckPolicy, connect, DeliverPolicy, nanos, RetentionPolicy, StorageType, type JetStreamManager, type NatsConnection } from 'nats';

/** Stream name and subjects. Logs go to one subject per host so a consumer can keep each host's order. */
export const STREAM = {
  name: 'MAILMEDIC',
  bounce: 'mailmedic.bounce',
  logPrefix: 'mailmedic.log.',
  subjects: ['mailmedic.bounce', 'mailmedic.log.>'],
  /** Publishes of the same message (same Nats-Msg-Id) within this window are stored once. */
  duplicateWindowMs: 10 * 60_000,
} as const;

/**
 * Dead letters: messages a worker could not use (unreadable, empty, too large; or delivered `max_deliver` times
 * without being stored) go here with the original payload and a `Mailmedic-Dead-Reason` header, and the stream
 * moves on. A stream of their own rather than more subjects in MAILMEDIC: an existing MAILMEDIC stream keeps its
 * subjects untouched (streams are never replaced), no worker's consumer filter can ever match a dead letter, and
 * they are kept longer (30 days) for a person to look at.
 */
export const DEAD = {
  name: 'MAILMEDIC_DEAD',
  bounce: 'mailmedic.dead.bounce',
  logPrefix: 'mailmedic.dead.log.',
  subjects: ['mailmedic.dead.>'],
  reasonHeader: 'Mailmedic-Dead-Reason',
} as const;

/** The durable pull consumer every bounce worker shares: each message goes to one of them. */
export const BOUNCE_CONSUMER = 'mailmedic-bounces';

/** How to reach NATS: a URL list ("nats://127.0.0.1:4222,nats://…"), a time limit for connecting. */
export interface NatsOptions {
  servers: string;
  timeoutMs?: number;
  /** Connection name shown by the server (monitoring). */
  name?: string;
}

/** Connect to NATS (no reconnect storm: a few attempts, then an error the caller reports). */
export async function connectNats(o: NatsOptions): Promise<NatsConnection> {
  return connect({
    servers: o.servers.split(',').map((s) => s.trim()).filter(Boolean),
    timeout: o.timeoutMs ?? 5000,
    name: o.name ?? 'mailmedic',
    maxReconnectAttempts: 10,
    reconnectTimeWait: 1000,
  });
}

/** The stream and the dead-letter stream, created with file storage and a de-duplication window when they do not exist yet. */
export async function ensureStream(jsm: JetStreamManager): Promise<void> {
  try {
    await jsm.streams.info(STREAM.name);
  } catch {
    await jsm.streams.add({
      name: STREAM.name, subjects: [...STREAM.subjects], storage: StorageType.File, retention: RetentionPolicy.Limits,
      duplicate_window: nanos(STREAM.duplicateWindowMs), max_age: nanos(7 * 24 * 3600_000),
    });
  }
  try {
    await jsm.streams.info(DEAD.name);
  } catch {
    await jsm.streams.add({
      name: DEAD.name, subjects: [...DEAD.subjects], storage: StorageType.File, retention: RetentionPolicy.Limits,
      duplicate_window: nanos(STREAM.duplicateWindowMs), max_age: nanos(30 * 24 * 3600_000),
    });
  }
}

/** The shared durable consumer of bounces: explicit acks, redelivery after `ackWaitMs`, at most `maxDeliver` tries. */
export async function ensureBounceConsumer(jsm: JetStreamManager, o: { ackWaitMs?: number; maxDeliver?: number } = {}): Promise<void> {
  try {
    await jsm.consumers.info(STREAM.name, BOUNCE_CONSUMER);
  } catch {
    await jsm.consumers.add(STREAM.name, {
      durable_name: BOUNCE_CONSUMER, filter_subject: STREAM.bounce, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
      ack_wait: nanos(o.ackWaitMs ?? 60_000), max_deliver: o.maxDeliver ?? 10, max_ack_pending: 10_000,
    });
  }
}
