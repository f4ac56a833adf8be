/**
 * `mailmedic ship bounce`: publish one bounce message to the stream and wait for the server's acknowledgement, so a
 * Postfix pipe transport hands the message over only once it is stored. The message id is its SHA-256: a message
 * shipped twice (a retried pipe) is stored once.
 */
import { createHash } from 'node:crypto';
import { headers } from 'nats';
import { connectNats, ensureStream, STREAM, type NatsOptions } from './nats.js';

/** What the server said about one shipped message. */
export interface ShipResult {
  /** The message's SHA-256 (hex): its id in the stream and in the database. */
  id: string;
  /** Sequence number in the stream. */
  seq: number;
  /** True when the server already had it (same id within the de-duplication window). */
  duplicate: boolean;
  /** Bytes sent (less than the message when it was cut to the server's largest payload). */
  bytes: number;
  truncated: boolean;
}

/** A message's id: the SHA-256 of its bytes. */
export function messageId(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

/**
 * Publish one bounce. A message larger than the server's largest payload is cut to fit (the status and the
 * diagnostic are at the top; what is cut is the returned original's body) and marked so.
 */
export async function shipBounce(raw: Uint8Array, o: NatsOptions & { subject?: string }): Promise<ShipResult> {
  const nc = await connectNats(o);
  try {
    await ensureStream(await nc.jetstreamManager());
    const id = messageId(raw);
    const room = Math.max(1024, nc.info!.max_payload - 4096);
    const truncated = raw.byteLength > room;
    const body = truncated ? raw.subarray(0, room) : raw;
    const h = headers();
    if (truncated) h.set('Mailmedic-Original-Size', String(raw.byteLength));
    const ack = await nc.jetstream().publish(o.subject ?? STREAM.bounce, body, { msgID: id, headers: h, timeout: o.timeoutMs ?? 5000 });
    return { id, seq: ack.seq, duplicate: ack.duplicate, bytes: body.byteLength, truncated };
  } finally {
    await nc.close();
  }
}
