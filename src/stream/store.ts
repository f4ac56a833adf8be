/**
 * Where the workers' results live: PostgreSQL, one row per bounce message and one per bounced recipient, written
 * idempotently (the message's SHA-256 is the key), so a redelivered message never makes a second row. Migrations
 * are numbered and run once, under an advisory lock, whichever worker starts first.
 */
import pg from 'pg';
import { inTransaction } from '../core/pg-transaction.js';
import type { BounceResult } from '../bounce/types.js';

/** The schema, one step per version; never edit a step that has shipped, add one. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE mailmedic_bounce_message (
     message_id  text PRIMARY KEY,
     stored_at   timestamptz NOT NULL DEFAULT now(),
     stream_seq  bigint,
     kind        text NOT NULL,
     decoder     text,
     subject     text,
     from_addr   text,
     size_bytes  integer NOT NULL,
     truncated   boolean NOT NULL DEFAULT false
   );
   CREATE TABLE mailmedic_bounce_recipient (
     message_id   text NOT NULL REFERENCES mailmedic_bounce_message (message_id),
     recipient    text NOT NULL,
     reason       text NOT NULL,
     hard         boolean NOT NULL,
     permanence   text NOT NULL,
     status       text,
     reply_code   text,
     diagnostic   text,
     remote_host  text,
     rule         text NOT NULL,
     bounced_at   timestamptz,
     PRIMARY KEY (message_id, recipient)
   );
   CREATE INDEX mailmedic_bounce_recipient_by_address ON mailmedic_bounce_recipient (lower(recipient));
   CREATE VIEW mailmedic_suppression AS
     SELECT lower(r.recipient) AS recipient,
            min(coalesce(r.bounced_at, m.stored_at)) AS first_seen,
            max(coalesce(r.bounced_at, m.stored_at)) AS last_seen,
            count(*) AS bounces,
            (array_agg(r.reason ORDER BY coalesce(r.bounced_at, m.stored_at) DESC))[1] AS last_reason,
            (array_agg(r.status ORDER BY coalesce(r.bounced_at, m.stored_at) DESC))[1] AS last_status
       FROM mailmedic_bounce_recipient r JOIN mailmedic_bounce_message m USING (message_id)
      WHERE r.hard
      GROUP BY lower(r.recipient);`,
  // 2: log workers (issue 20). The checkpoint is written in the same transaction as the rows a batch adds, so a
  // host's lines are counted once whatever stops and starts.
  `CREATE TABLE mailmedic_log_checkpoint (
     host        text PRIMARY KEY,
     stream_seq  bigint NOT NULL DEFAULT 0,
     stream_time timestamptz,
     lines       bigint NOT NULL DEFAULT 0,
     updated_at  timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE mailmedic_log_hour (
     host      text NOT NULL,
     hour      timestamptz NOT NULL,
     lines     bigint NOT NULL DEFAULT 0,
     received  bigint NOT NULL DEFAULT 0,
     delivered bigint NOT NULL DEFAULT 0,
     deferred  bigint NOT NULL DEFAULT 0,
     bounced   bigint NOT NULL DEFAULT 0,
     rejected  bigint NOT NULL DEFAULT 0,
     PRIMARY KEY (host, hour)
   );
   CREATE TABLE mailmedic_log_problem (
     host        text NOT NULL,
     stream_seq  bigint NOT NULL,
     n           integer NOT NULL,
     detected_at timestamptz NOT NULL,
     check_id    text NOT NULL,
     status      text NOT NULL,
     subject     text NOT NULL,
     finding     jsonb NOT NULL,
     PRIMARY KEY (host, stream_seq, n)
   );
   CREATE INDEX mailmedic_log_problem_by_time ON mailmedic_log_problem (detected_at);
   CREATE TABLE mailmedic_log_event (
     host       text NOT NULL,
     stream_seq bigint NOT NULL,
     line_no    integer NOT NULL,
     qid        text NOT NULL,
     at         timestamptz,
     kind       text NOT NULL,
     status     text,
     recipient  text,
     message_id text,
     line       text NOT NULL,
     PRIMARY KEY (host, stream_seq, line_no)
   );
   CREATE INDEX mailmedic_log_event_by_qid ON mailmedic_log_event (qid);
   CREATE INDEX mailmedic_log_event_by_message_id ON mailmedic_log_event (message_id) WHERE message_id IS NOT NULL;`,
  // 3: story rows are pruned by age (`worker logs --keep-stories`), which wants them by time; a worker taking over a
  // host asks for its messages deferred before the warm-up window (few rows: a partial index).
  `CREATE INDEX mailmedic_log_event_by_time ON mailmedic_log_event (at);
   CREATE INDEX mailmedic_log_event_deferred ON mailmedic_log_event (host, at) WHERE status = 'deferred';`,
];

/** A connection pool to the results database. */
export function openStore(url: string, max = 4): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, statement_timeout: 30_000 });
  // An idle connection the server closed (PostgreSQL restarted) is an event, not a crash: the pool drops it and
  // the next query opens a new one; the query that meets the outage gets the error and the worker backs off.
  pool.on('error', () => undefined);
  // The same for a connection checked out when the server goes (between two queries of a transaction): the query
  // in progress, or the next one, fails and the caller retries; the event itself must not end the process.
  pool.on('connect', (client) => { client.on('error', () => undefined); });
  return pool;
}

/** Bring the schema up to date (safe when several workers start at once). Returns the version reached. */
export function migrate(pool: pg.Pool): Promise<number> {
  return inTransaction(() => pool.connect(), async (c) => {
    // One migrator at a time; the others wait here, then find nothing left to do.
    await c.query('SELECT pg_advisory_xact_lock(7243001)');
    await c.query('CREATE TABLE IF NOT EXISTS mailmedic_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await c.query<{ v: number | null }>('SELECT max(version) AS v FROM mailmedic_schema');
    let v = rows[0]?.v ?? 0;
    for (; v < MIGRATIONS.length; v++) {
      await c.query(MIGRATIONS[v]!);
      await c.query('INSERT INTO mailmedic_schema (version) VALUES ($1)', [v + 1]);
    }
    return v;
  });
}

/** One parsed message ready to store. */
export interface StoredBounce {
  id: string;
  seq?: number;
  size: number;
  truncated: boolean;
  result: BounceResult;
}

const cut = (s: string | undefined, n: number) => (s === undefined ? null : s.length > n ? s.slice(0, n) : s);

/**
 * Store a batch in one transaction, in two statements whatever its size (arrays unnested server-side: the round
 * trips, not the rows, are what cost). A message already stored (a redelivery, a second publish) is skipped with
 * its recipients. Returns how many were new.
 */
export function storeBounces(pool: pg.Pool, batch: readonly StoredBounce[]): Promise<{ stored: number; duplicates: number; recipients: number }> {
  return inTransaction(() => pool.connect(), async (c) => {
    // One message once, even twice in the same batch.
    const uniq = [...new Map(batch.map((b) => [b.id, b])).values()];
    const ins = await c.query<{ message_id: string }>(
      `INSERT INTO mailmedic_bounce_message (message_id, stream_seq, kind, decoder, subject, from_addr, size_bytes, truncated)
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[], $8::boolean[])
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [uniq.map((b) => b.id), uniq.map((b) => b.seq ?? null), uniq.map((b) => b.result.kind), uniq.map((b) => b.result.decoder ?? null),
        uniq.map((b) => cut(b.result.subject, 500)), uniq.map((b) => cut(b.result.from, 320)), uniq.map((b) => b.size), uniq.map((b) => b.truncated)],
    );
    const fresh = new Set(ins.rows.map((r) => r.message_id));
    const cols: unknown[][] = Array.from({ length: 11 }, () => []);
    for (const b of uniq) {
      if (!fresh.has(b.id)) continue;
      for (const x of b.result.recipients.slice(0, 1000)) {
        const at = x.date ? Date.parse(x.date) : NaN;
        const row = [b.id, cut(x.recipient, 320) ?? '', x.reason, x.hardBounce, x.permanence, cut(x.status, 20),
          x.replyCode === undefined ? null : String(x.replyCode).slice(0, 10), cut(x.diagnosticCode, 2000), cut(x.rhost, 255), cut(x.rule, 200) ?? '',
          Number.isFinite(at) ? new Date(at).toISOString() : null];
        row.forEach((v, i) => cols[i]!.push(v));
      }
    }
    let recipients = 0;
    if (cols[0]!.length) {
      const r = await c.query(
        `INSERT INTO mailmedic_bounce_recipient (message_id, recipient, reason, hard, permanence, status, reply_code, diagnostic, remote_host, rule, bounced_at)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::boolean[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::timestamptz[])
         ON CONFLICT (message_id, recipient) DO NOTHING`, cols);
      recipients = r.rowCount ?? 0;
    }
    return { stored: fresh.size, duplicates: batch.length - fresh.size, recipients };
  });
}

/** One row of the suppression list: a recipient with hard bounces. */
export interface SuppressionRow { recipient: string; firstSeen: Date; lastSeen: Date; bounces: number; lastReason: string; lastStatus: string | null }

/** The suppression list (hard bounces per recipient), newest first. */
export async function suppressionList(pool: pg.Pool, o: { since?: Date; limit?: number } = {}): Promise<SuppressionRow[]> {
  const { rows } = await pool.query<{ recipient: string; first_seen: Date; last_seen: Date; bounces: string; last_reason: string; last_status: string | null }>(
    `SELECT recipient, first_seen, last_seen, bounces, last_reason, last_status FROM mailmedic_suppression
      WHERE last_seen >= $1 ORDER BY last_seen DESC, recipient LIMIT $2`,
    [o.since ?? new Date(0), Math.min(o.limit ?? 1000, 1_000_000)],
  );
  return rows.map((r) => ({ recipient: r.recipient, firstSeen: r.first_seen, lastSeen: r.last_seen, bounces: Number(r.bounces), lastReason: r.last_reason, lastStatus: r.last_status }));
}

/** Rows stored so far (for status and tests). */
export async function storeCounts(pool: pg.Pool): Promise<{ messages: number; recipients: number; suppressed: number }> {
  const { rows } = await pool.query<{ m: string; r: string; s: string }>(
    'SELECT (SELECT count(*) FROM mailmedic_bounce_message) AS m, (SELECT count(*) FROM mailmedic_bounce_recipient) AS r, (SELECT count(*) FROM mailmedic_suppression) AS s');
  return { messages: Number(rows[0]!.m), recipients: Number(rows[0]!.r), suppressed: Number(rows[0]!.s) };
}
