/**
 * The workers' results as a long-running reader sees them (`mailmedic serve --stream-db`): the library's questions
 * (suppression list, per-host summaries, problems, a message's story, a recipient's bounces) over one small pool
 * with short client-side timeouts, and a database that stops answering turned into one error a server can answer
 * 503 with — never a request left hanging, never a crash.
 */
import pg from 'pg';
import type { Text } from '../core/finding.js';
import { WHY_UNREACHABLE, whyUnreachable } from '../core/unreadable.js';
import { hostSummaries, messageStory, recipientBounces, storedProblems, type HostPeriodRow, type RecipientBounce, type StoredProblem, type StoryLine } from './queries.js';
import { MIGRATIONS, storeCounts, suppressionList, type SuppressionRow } from './store.js';

/** What the database holds: the bounce side (as `storeCounts`), the log side, and the newest of each. */
export interface StreamSummary {
  schemaVersion: number;
  bounces: { messages: number; recipients: number; suppressed: number; newest: Date | null };
  logs: { hosts: number; lines: number; problems: number; newest: Date | null };
}

/** The database did not answer (stopped, unreachable, too slow): `why` in both languages. */
export class StreamUnavailableError extends Error {
  override readonly name = 'StreamUnavailableError';
  constructor(readonly why: Text, cause?: unknown) {
    super(why.en, { cause });
  }
}

/**
 * The database is not one this reader can use: no mailmedic tables yet (no worker has started), tables older than
 * the queries need, or a schema newer than this mailmedic knows. `text` says which and what to do, in both languages.
 */
export class StreamSchemaError extends Error {
  override readonly name = 'StreamSchemaError';
  constructor(readonly text: Text) {
    super(text.en);
  }
}

/** The schema version the queries need at least: the log tables came with migration 2. */
const NEEDED_VERSION = 2;

/** The reader's questions; each rejects with StreamUnavailableError when the database does not answer. */
export interface StreamReader {
  summary(): Promise<StreamSummary>;
  suppression(o: { since?: Date; limit?: number }): Promise<SuppressionRow[]>;
  hosts(o: { since?: Date; host?: string; by?: 'hour' | 'day'; limit?: number }): Promise<HostPeriodRow[]>;
  problems(o: { since?: Date; host?: string; limit?: number }): Promise<StoredProblem[]>;
  message(id: string, limit?: number): Promise<StoryLine[]>;
  bounces(recipient: string, o: { since?: Date; limit?: number }): Promise<RecipientBounce[]>;
  close(): Promise<void>;
}

/** The schema version the workers reached (0: no mailmedic tables). */
async function schemaVersion(pool: pg.Pool): Promise<number> {
  const { rows: [t] } = await pool.query<{ exists: boolean }>("SELECT to_regclass('mailmedic_schema') IS NOT NULL AS exists");
  if (!t?.exists) return 0;
  const { rows: [r] } = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM mailmedic_schema');
  return r?.v ?? 0;
}

/** SQLSTATE classes of a server going away: 08 connection exception, 53 insufficient resources, 57 shutdown/restart. */
const GONE_CLASSES = /^(08|53|57)/;
/** node-postgres's own words for a connection lost or a time-out. */
const GONE_WORDS = /connection terminated|connection ended|timeout exceeded|query read timeout|connection error|not queryable/i;

/** Why a failed query means the database is unavailable (in both languages), or undefined for any other failure. */
export function whyStreamUnavailable(e: unknown): Text | undefined {
  const net = whyUnreachable(e);
  if (net) return net.why;
  const err = e as { code?: unknown; message?: unknown } | null;
  // 57014: the statement ran past its time (the database is overloaded or the question too big): said as a time-out
  if (err?.code === '57014') return WHY_UNREACHABLE.timeout;
  if (typeof err?.code === 'string' && GONE_CLASSES.test(err.code)) return WHY_UNREACHABLE.reset;
  if (typeof err?.message === 'string' && GONE_WORDS.test(err.message)) return /timeout/i.test(err.message) ? WHY_UNREACHABLE.timeout : WHY_UNREACHABLE.reset;
  return undefined;
}

/**
 * Open a reader on the workers' database. It never changes the schema — the workers own it (migrations on a big
 * table belong to them, and a read-only role must be enough for a web page): it reads the version, which also proves
 * the database answers, and refuses a database it cannot use (StreamSchemaError). Other failures are the caller's
 * to report (not wrapped).
 */
export async function openStreamReader(url: string, o: { connectMs?: number; queryMs?: number } = {}): Promise<StreamReader> {
  // A web page waits seconds, not the workers' minutes: short connect and query limits, the server's own
  // statement_timeout a little shorter than the client's, so PostgreSQL ends a slow query itself when it can.
  const queryMs = o.queryMs ?? 15_000;
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: o.connectMs ?? 3000, query_timeout: queryMs,
    statement_timeout: Math.max(1000, queryMs - 1000), idleTimeoutMillis: 30_000 });
  // A connection the server closed (PostgreSQL stopped) is an event, not a crash; the next query opens another.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => { client.on('error', () => undefined); });
  try {
    const v = await schemaVersion(pool);
    const t = v === 0 ? { en: 'the database has no mailmedic tables yet: start `mailmedic worker bounces` or `worker logs` on it once (the first worker creates them)',
      pl: 'w bazie nie ma jeszcze tabel mailmedic: uruchom na niej raz `mailmedic worker bounces` albo `worker logs` (pierwszy pracownik je zakłada)' }
      : v < NEEDED_VERSION ? { en: `the database's mailmedic tables are older (version ${v}) than this page needs: start a \`mailmedic worker\` of this version once (it updates them)`,
        pl: `tabele mailmedic w bazie są starsze (wersja ${v}), niż potrzeba: uruchom raz \`mailmedic worker\` w tej wersji (zaktualizuje je)` }
      : v > MIGRATIONS.length ? { en: `the database's mailmedic tables are newer (version ${v}) than this mailmedic knows (${MIGRATIONS.length}): update mailmedic`,
        pl: `tabele mailmedic w bazie są nowsze (wersja ${v}), niż zna ta wersja mailmedic (${MIGRATIONS.length}): zaktualizuj mailmedic` }
      : undefined;
    if (t) throw new StreamSchemaError(t);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      const why = whyStreamUnavailable(e);
      throw why ? new StreamUnavailableError(why, e) : e;
    }
  };
  return {
    summary: () => guard(async () => {
      const [counts, logs] = await Promise.all([storeCounts(pool), pool.query<{ v: number | null; hosts: string; lines: string | null; problems: string; newest_log: Date | null; newest_bounce: Date | null }>(
        `SELECT (SELECT max(version) FROM mailmedic_schema) AS v, (SELECT count(*) FROM mailmedic_log_checkpoint) AS hosts,
                (SELECT sum(lines) FROM mailmedic_log_checkpoint) AS lines, (SELECT count(*) FROM mailmedic_log_problem) AS problems,
                (SELECT max(stream_time) FROM mailmedic_log_checkpoint) AS newest_log, (SELECT max(stored_at) FROM mailmedic_bounce_message) AS newest_bounce`)]);
      const r = logs.rows[0]!;
      return {
        schemaVersion: r.v ?? MIGRATIONS.length,
        bounces: { ...counts, newest: r.newest_bounce },
        logs: { hosts: Number(r.hosts), lines: Number(r.lines ?? 0), problems: Number(r.problems), newest: r.newest_log },
      };
    }),
    suppression: (q) => guard(() => suppressionList(pool, q)),
    hosts: (q) => guard(() => hostSummaries(pool, q)),
    problems: (q) => guard(() => storedProblems(pool, q)),
    message: (id, limit) => guard(() => messageStory(pool, id, limit)),
    bounces: (recipient, q) => guard(() => recipientBounces(pool, recipient, q)),
    close: () => pool.end().catch(() => undefined),
  };
}
