/**
 * The PostgreSQL engine of the watch store, for a team sharing one history (`--db postgres://…`). A small pool;
 * transactions on one connection; the migrations under an advisory lock, so two watchers (or a watcher and the
 * dashboard) starting at once do not both migrate. The shared SQL's `?` placeholders are numbered here ($1, $2 …).
 */
import pg from 'pg';
import { inTransaction } from '../../core/pg-transaction.js';
import type { SqlDriver, SqlSession } from './index.js';

/** Advisory lock key of the watch migrations (any constant; the stream workers use another). */
const MIGRATION_LOCK = 7243019;

/** `?` → `$1, $2 …` (the shared SQL has no `?` inside string literals). */
export function numberPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

/** The URL as it may be shown: without its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    // node-postgres also takes the password (and TLS key material) from the query string
    for (const k of [...u.searchParams.keys()]) if (/pass|secret|key/i.test(k)) u.searchParams.set(k, '***');
    return u.toString();
  } catch { return 'postgres://…'; }
}

function sessionOf(q: (text: string, values?: unknown[]) => Promise<pg.QueryResult>): SqlSession {
  return {
    async all<T>(sql: string, params: readonly unknown[] = []) { return (await q(numberPlaceholders(sql), [...params])).rows as T[]; },
    async run(sql, params = []) { return (await q(numberPlaceholders(sql), [...params])).rowCount ?? 0; },
    async exec(sql) { await q(sql); },
  };
}

/** Connect to the PostgreSQL database at `url` (the pool connects on first use). */
export function postgresDriver(url: string): SqlDriver {
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: 10_000, statement_timeout: 60_000 });
  // An idle connection the server drops must not crash the process; the next query gets a fresh one.
  pool.on('error', () => undefined);
  return {
    engine: 'postgres',
    location: redactUrl(url),
    ...sessionOf((text, values) => pool.query(text, values)),
    transaction<T>(fn: (s: SqlSession) => Promise<T>, o: { lockMigrations?: boolean } = {}): Promise<T> {
      return inTransaction(() => pool.connect(), async (c) => {
        if (o.lockMigrations) await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        return fn(sessionOf((text, values) => c.query(text, values)));
      });
    },
    async close() { await pool.end(); },
  };
}
