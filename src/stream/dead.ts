/**
 * Dead letters: a message a worker cannot use is published, unchanged, to the dead-letter stream with the reason in
 * a header, and then acknowledged, so the stream moves on and nothing is lost silently.
 */
import { headers, type JetStreamClient, type JsMsg } from 'nats';
import { DEAD } from './nats.js';

/** One dead letter as read back (tests, `worker --status`). */
export interface DeadLetter { subject: string; reason: string; originalSubject: string; originalSeq: number; bytes: number }

/**
 * Publish `m` to `subject` (a `mailmedic.dead.*` subject) with `reason`; its id is derived from the original's stream
 * sequence, so a worker that dies after publishing and before acknowledging does not make a second dead letter.
 */
export async function deadLetter(js: JetStreamClient, subject: string, m: JsMsg, reason: string): Promise<void> {
  const h = headers();
  for (const [k, v] of m.headers ?? []) if (k !== 'Nats-Msg-Id') for (const x of v) h.append(k, x);
  h.set(DEAD.reasonHeader, reason.replace(/[\r\n]+/g, ' ').slice(0, 1000));
  h.set('Mailmedic-Original-Subject', m.subject);
  h.set('Mailmedic-Original-Seq', String(m.seq));
  await js.publish(subject, m.data, { headers: h, msgID: `dead-${m.info.stream}-${m.seq}` });
}

/** Read up to `max` dead letters from the start (an ordered consumer: nothing is acknowledged or changed). */
export async function readDeadLetters(js: JetStreamClient, max = 1000, waitMs = 1000): Promise<DeadLetter[]> {
  const c = await js.consumers.get(DEAD.name);
  const out: DeadLetter[] = [];
  const it = await c.fetch({ max_messages: max, expires: waitMs });
  for await (const m of it) {
    out.push({ subject: m.subject, reason: m.headers?.get(DEAD.reasonHeader) ?? '', originalSubject: m.headers?.get('Mailmedic-Original-Subject') ?? '',
      originalSeq: Number(m.headers?.get('Mailmedic-Original-Seq') ?? 0), bytes: m.data.byteLength });
    if (m.info.pending === 0) break;
  }
  return out;
}
