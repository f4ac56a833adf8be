/**
 * One PostgreSQL transaction on one pooled connection: BEGIN, the work, COMMIT — ROLLBACK on any failure, the
 * connection always given back. Typed by shape, so this file loads no database driver (both the watch store and the
 * stream workers use it with node-postgres).
 */

/** What a transaction needs of a client: one query at a time, given back when done. */
export interface TransactionClient {
  query(text: string, values?: unknown[]): Promise<unknown>;
  release(): void;
}

/** Run `work` inside BEGIN … COMMIT on the connection `connect` gives (`() => pool.connect()`); a throw rolls back and is thrown again. */
export async function inTransaction<C extends TransactionClient, T>(connect: () => Promise<C>, work: (c: C) => Promise<T>): Promise<T> {
  const c = await connect();
  try {
    await c.query('BEGIN');
    const r = await work(c);
    await c.query('COMMIT');
    return r;
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}
