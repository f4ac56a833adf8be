/**
 * The SQLite engine of the watch store (better-sqlite3, WAL: a pass killed half-way keeps what it stored). The
 * library is synchronous; a transaction here holds the one connection, so statements from elsewhere in the process
 * wait for it rather than slip into it.
 */
import Database from 'better-sqlite3';
import type { SqlDriver, SqlSession } from './index.js';

/** Open (creating it if needed) the SQLite file at `path`. */
export function sqliteDriver(path: string): SqlDriver {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, Database.Statement>();
  const prepared = (sql: string) => { let st = cache.get(sql); if (!st) { st = db.prepare(sql); cache.set(sql, st); } return st; };
  const session: SqlSession = {
    async all<T>(sql: string, params: readonly unknown[] = []) { return prepared(sql).all(...params) as T[]; },
    async run(sql, params = []) { return prepared(sql).run(...params).changes; },
    async exec(sql) { db.exec(sql); },
  };
  // Transactions one after another: the next waits for the one in hand to commit or roll back.
  let queue: Promise<unknown> = Promise.resolve();
  let inTransaction = false;
  const outside = <T>(op: () => Promise<T>): Promise<T> => (inTransaction ? queue.then(op, op) : op());
  return {
    engine: 'sqlite',
    location: path,
    all: (sql, params) => outside(() => session.all(sql, params)),
    run: (sql, params) => outside(() => session.run(sql, params)),
    exec: (sql) => outside(() => session.exec(sql)),
    transaction<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
      const go = async () => {
        inTransaction = true;
        db.exec('BEGIN IMMEDIATE');
        try {
          const r = await fn(session);
          db.exec('COMMIT');
          return r;
        } catch (e) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw e;
        } finally {
          inTransaction = false;
        }
      };
      const next = queue.then(go, go);
      queue = next.catch(() => undefined);
      return next;
    },
    async close() { await queue; db.close(); },
  };
}
