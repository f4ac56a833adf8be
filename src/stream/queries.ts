/**
 * The common questions asked of the workers' database, as plain rows: per-host summaries over time, the problems
 * found in a host's logs, one message's story, a recipient's bounces. The CLI (`mailmedic query …`) turns them
 * into reports; anything else (a dashboard) can call them directly.
 */
import type pg from 'pg';
import type { Finding } from '../core/finding.js';

/** Per host and period: the lines read and what `logs summary` counts. */
export interface HostPeriodRow { host: string; period: Date; lines: number; received: number; delivered: number; deferred: number; bounced: number; rejected: number }

const num = (v: unknown) => Number(v ?? 0);

/** Per-host counts by hour or day (newest first), optionally since a time and for one host. */
export async function hostSummaries(pool: pg.Pool, o: { since?: Date; host?: string; by?: 'hour' | 'day'; limit?: number } = {}): Promise<HostPeriodRow[]> {
  const unit = o.by === 'day' ? 'day' : 'hour';
  const { rows } = await pool.query(
    `SELECT host, date_trunc('${unit}', hour, 'UTC') AS period, sum(lines) AS lines, sum(received) AS received, sum(delivered) AS delivered,
            sum(deferred) AS deferred, sum(bounced) AS bounced, sum(rejected) AS rejected
       FROM mailmedic_log_hour WHERE hour >= $1 AND ($2::text IS NULL OR host = $2)
      GROUP BY 1, 2 ORDER BY 2 DESC, 1 LIMIT $3`,
    [o.since ?? new Date(0), o.host ?? null, Math.min(o.limit ?? 1000, 1_000_000)]);
  return rows.map((r) => ({ host: r.host, period: r.period, lines: num(r.lines), received: num(r.received), delivered: num(r.delivered),
    deferred: num(r.deferred), bounced: num(r.bounced), rejected: num(r.rejected) }));
}

/** A problem a log worker found, with its host and when. */
export interface StoredProblem { host: string; detectedAt: Date; finding: Finding }

/** Problems found in the hosts' logs (newest first). */
export async function storedProblems(pool: pg.Pool, o: { since?: Date; host?: string; limit?: number } = {}): Promise<StoredProblem[]> {
  const { rows } = await pool.query<{ host: string; detected_at: Date; finding: Finding }>(
    `SELECT host, detected_at, finding FROM mailmedic_log_problem WHERE detected_at >= $1 AND ($2::text IS NULL OR host = $2)
      ORDER BY detected_at DESC, host, stream_seq DESC, n DESC LIMIT $3`,
    [o.since ?? new Date(0), o.host ?? null, Math.min(o.limit ?? 200, 100_000)]);
  return rows.map((r) => ({ host: r.host, detectedAt: r.detected_at, finding: r.finding }));
}

/** One line of a message's story. */
export interface StoryLine { host: string; qid: string; at: Date | null; kind: string; status: string | null; recipient: string | null; messageId: string | null; line: string }

/**
 * A message's story: every stored line of the queue id, or of every queue id that carried the Message-ID (a content
 * filter's second leg has its own queue id and the same Message-ID), in log order. `<…>` around a Message-ID is optional.
 */
export async function messageStory(pool: pg.Pool, id: string, limit = 2000): Promise<StoryLine[]> {
  const bare = id.trim().replace(/^<(.*)>$/, '$1');
  const { rows } = await pool.query(
    `WITH ids AS (
       SELECT DISTINCT host, qid FROM mailmedic_log_event WHERE qid = $1
       UNION SELECT DISTINCT host, qid FROM mailmedic_log_event WHERE message_id IN ($1, $2)
     )
     SELECT e.host, e.qid, e.at, e.kind, e.status, e.recipient, e.message_id, e.line
       FROM mailmedic_log_event e JOIN ids USING (host, qid)
      ORDER BY e.at NULLS LAST, e.host, e.stream_seq, e.line_no LIMIT $3`,
    [bare, `<${bare}>`, Math.min(limit, 100_000)]);
  return rows.map((r) => ({ host: r.host, qid: r.qid, at: r.at, kind: r.kind, status: r.status, recipient: r.recipient, messageId: r.message_id, line: r.line }));
}

/** One bounce of a recipient, as a bounce worker stored it. */
export interface RecipientBounce { recipient: string; at: Date; reason: string; hard: boolean; status: string | null; diagnostic: string | null; remoteHost: string | null; rule: string; messageId: string }

/** Every stored bounce of a recipient (case-insensitive), newest first. */
export async function recipientBounces(pool: pg.Pool, recipient: string, o: { since?: Date; limit?: number } = {}): Promise<RecipientBounce[]> {
  const { rows } = await pool.query(
    `SELECT r.recipient, coalesce(r.bounced_at, m.stored_at) AS at, r.reason, r.hard, r.status, r.diagnostic, r.remote_host, r.rule, r.message_id
       FROM mailmedic_bounce_recipient r JOIN mailmedic_bounce_message m USING (message_id)
      WHERE lower(r.recipient) = lower($1) AND coalesce(r.bounced_at, m.stored_at) >= $2
      ORDER BY 2 DESC LIMIT $3`,
    [recipient.trim().replace(/^<(.*)>$/, '$1'), o.since ?? new Date(0), Math.min(o.limit ?? 1000, 100_000)]);
  return rows.map((r) => ({ recipient: r.recipient, at: r.at, reason: r.reason, hard: r.hard, status: r.status, diagnostic: r.diagnostic,
    remoteHost: r.remote_host, rule: r.rule, messageId: r.message_id }));
}
