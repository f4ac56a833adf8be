/**
 * The watch store written once in SQL that SQLite and PostgreSQL both run; the drivers (sqlite.ts, postgres.ts) only
 * connect, number placeholders and hold transactions.
 */
import type { Finding, Status } from '../../core/finding.js';
import { MIGRATIONS, type FindingState, type SqlDriver, type SqlSession, type StoredAlert, type StoredResult, type WatchStore } from './index.js';

type ResultRow = { run_id: string; item: string; kind: string; status: Status; checked_at: string; duration_ms: number | string; findings: string };
type AlertRow = { id: string; run_id: string; key: string; item: string; kind: string; status: Status; previous: Status; created_at: string; alert: string; delivery: string | null; acked_at: string | null; acked_by: string | null };
type StateRow = { key: string; item: string; check_id: string; subject: string; status: Status; fail_count: number | string; alerted_status: Status; value: string | null; updated_at: string };

const toResult = (r: ResultRow): StoredResult => ({
  runId: r.run_id, item: r.item, kind: r.kind, status: r.status, checkedAt: r.checked_at, durationMs: Number(r.duration_ms), findings: JSON.parse(r.findings) as Finding[],
});
const toAlert = (r: AlertRow): StoredAlert => ({
  id: r.id, runId: r.run_id, key: r.key, item: r.item, kind: r.kind, status: r.status, previous: r.previous, createdAt: r.created_at,
  alert: JSON.parse(r.alert) as unknown, ...(r.delivery ? { delivery: JSON.parse(r.delivery) as Record<string, string> } : {}),
  ...(r.acked_at ? { ackedAt: r.acked_at } : {}), ...(r.acked_by ? { ackedBy: r.acked_by } : {}),
});

/** Bring the schema up to date; refuse a database made by a newer mailmedic. */
async function migrate(d: SqlDriver): Promise<number> {
  return d.transaction(async (s) => {
    await s.exec('CREATE TABLE IF NOT EXISTS watch_schema (version BIGINT NOT NULL)');
    let rows = await s.all<{ version: number | string }>('SELECT version FROM watch_schema');
    if (!rows.length) { await s.run('INSERT INTO watch_schema (version) VALUES (0)'); rows = [{ version: 0 }]; }
    const at = Number(rows[0]!.version);
    if (at > MIGRATIONS.length) throw new Error(`${d.location}: the database was made by a newer mailmedic (schema ${at}, this one knows ${MIGRATIONS.length})`);
    for (let v = at; v < MIGRATIONS.length; v++) {
      await s.exec(MIGRATIONS[v]!);
      await s.run('UPDATE watch_schema SET version = ?', [v + 1]);
    }
    return MIGRATIONS.length;
  }, { lockMigrations: true });
}

async function insertAlerts(s: SqlSession, alerts: StoredAlert[]): Promise<void> {
  for (const a of alerts) {
    await s.run('INSERT INTO watch_alerts (id, run_id, key, item, kind, status, previous, created_at, alert, delivery) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [a.id, a.runId, a.key, a.item, a.kind, a.status, a.previous, a.createdAt, JSON.stringify(a.alert), a.delivery ? JSON.stringify(a.delivery) : null]);
  }
}
async function writeStates(s: SqlSession, changes: Map<string, FindingState | null>): Promise<void> {
  for (const [key, st] of changes) {
    if (st === null) { await s.run('DELETE FROM watch_states WHERE key = ?', [key]); continue; }
    await s.run(`INSERT INTO watch_states (key, item, check_id, subject, status, fail_count, alerted_status, value, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET status = excluded.status, fail_count = excluded.fail_count,
        alerted_status = excluded.alerted_status, value = excluded.value, updated_at = excluded.updated_at`,
    [st.key, st.item, st.check, st.subject, st.status, st.failCount, st.alertedStatus, st.value ?? null, st.updatedAt]);
  }
}

/** The store over a driver, its schema brought up to date first. */
export async function sqlWatchStore(d: SqlDriver): Promise<WatchStore> {
  try { await migrate(d); } catch (e) { await d.close().catch(() => undefined); throw e; }
  return {
    location: d.location,
    engine: d.engine,
    async schemaVersion() { return Number((await d.all<{ version: number | string }>('SELECT version FROM watch_schema'))[0]!.version); },
    async beginRun(id, startedAt) { await d.run('INSERT INTO watch_runs (id, started_at) VALUES (?, ?)', [id, startedAt]); },
    async finishRun(id, finishedAt, status) { await d.run('UPDATE watch_runs SET finished_at = ?, status = ? WHERE id = ?', [finishedAt, status, id]); },
    async saveResult(r) {
      await d.run('INSERT INTO watch_results (run_id, item, kind, status, checked_at, duration_ms, findings) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [r.runId, r.item, r.kind, r.status, r.checkedAt, r.durationMs, JSON.stringify(r.findings)]);
    },
    async states() {
      const rows = await d.all<StateRow>('SELECT * FROM watch_states');
      return new Map(rows.map((r) => [r.key, {
        key: r.key, item: r.item, check: r.check_id, subject: r.subject, status: r.status, failCount: Number(r.fail_count),
        alertedStatus: r.alerted_status, ...(r.value !== null ? { value: r.value } : {}), updatedAt: r.updated_at,
      }]));
    },
    saveStates(changes) { return d.transaction((s) => writeStates(s, changes)); },
    commitChanges(alerts, changes) { return d.transaction(async (s) => { await insertAlerts(s, alerts); await writeStates(s, changes); }); },
    setDelivery(ids, channel, outcome) {
      return d.transaction(async (s) => {
        for (const id of ids) {
          const row = (await s.all<{ delivery: string | null }>('SELECT delivery FROM watch_alerts WHERE id = ?', [id]))[0];
          if (!row) continue;
          const del = row.delivery ? JSON.parse(row.delivery) as Record<string, string> : {};
          del[channel] = outcome;
          await s.run('UPDATE watch_alerts SET delivery = ? WHERE id = ?', [JSON.stringify(del), id]);
        }
      });
    },
    async logOffsets() {
      const rows = await d.all<{ path: string; byte_offset: number | string }>('SELECT path, byte_offset FROM watch_log_offsets');
      return new Map(rows.map((r) => [r.path, Number(r.byte_offset)]));
    },
    async setLogOffset(p, offset, at) {
      await d.run(`INSERT INTO watch_log_offsets (path, byte_offset, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (path) DO UPDATE SET byte_offset = excluded.byte_offset, updated_at = excluded.updated_at`, [p, offset, at]);
    },
    async results(since, item) {
      const rows = item === undefined
        ? await d.all<ResultRow>('SELECT * FROM watch_results WHERE checked_at >= ? ORDER BY checked_at, item', [since ?? ''])
        : await d.all<ResultRow>('SELECT * FROM watch_results WHERE item = ? AND checked_at >= ? ORDER BY checked_at', [item, since ?? '']);
      return rows.map(toResult);
    },
    async latestResults() {
      const rows = await d.all<ResultRow>(`SELECT r.* FROM watch_results r
        JOIN (SELECT item, max(checked_at) AS last FROM watch_results GROUP BY item) n ON n.item = r.item AND n.last = r.checked_at
        ORDER BY r.item`);
      // Two results of one item with the same time (two passes in one millisecond) would both match: keep one.
      const seen = new Set<string>();
      return rows.map(toResult).filter((r) => !seen.has(r.item) && seen.add(r.item));
    },
    async alerts(since) { return (await d.all<AlertRow>('SELECT * FROM watch_alerts WHERE created_at >= ? ORDER BY created_at, id', [since ?? ''])).map(toAlert); },
    async runs(since) {
      const rows = await d.all<{ id: string; started_at: string; finished_at: string | null; status: string | null }>('SELECT * FROM watch_runs WHERE started_at >= ? ORDER BY started_at', [since ?? '']);
      return rows.map((r) => ({ id: r.id, startedAt: r.started_at, ...(r.finished_at ? { finishedAt: r.finished_at } : {}), ...(r.status ? { status: r.status } : {}) }));
    },
    acknowledge(ids, by, at) {
      return d.transaction(async (s) => {
        let n = 0;
        for (const id of ids) n += await s.run('UPDATE watch_alerts SET acked_at = ?, acked_by = ? WHERE id = ?', [at, by, id]);
        return n;
      });
    },
    async mute(item, until, reason, at) {
      await d.run(`INSERT INTO watch_mutes (item, until_at, reason, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (item) DO UPDATE SET until_at = excluded.until_at, reason = excluded.reason, created_at = excluded.created_at`, [item, until, reason ?? null, at]);
    },
    async unmute(item) { await d.run('DELETE FROM watch_mutes WHERE item = ?', [item]); },
    async mutes(now) {
      const rows = await d.all<{ item: string; until_at: string; reason: string | null; created_at: string }>('SELECT * FROM watch_mutes WHERE until_at > ? ORDER BY item', [now]);
      return rows.map((r) => ({ item: r.item, until: r.until_at, ...(r.reason ? { reason: r.reason } : {}), createdAt: r.created_at }));
    },
    prune(before, alertsBefore) {
      return d.transaction(async (s) => {
        const results = await s.run(`DELETE FROM watch_results WHERE checked_at < ? AND EXISTS
          (SELECT 1 FROM watch_results n WHERE n.item = watch_results.item AND n.checked_at > watch_results.checked_at)`, [before]);
        const alerts = alertsBefore ? await s.run('DELETE FROM watch_alerts WHERE created_at < ?', [alertsBefore]) : 0;
        // A pass goes once nothing refers to it any more.
        const runs = await s.run(`DELETE FROM watch_runs WHERE started_at < ?
          AND NOT EXISTS (SELECT 1 FROM watch_results r WHERE r.run_id = watch_runs.id)
          AND NOT EXISTS (SELECT 1 FROM watch_alerts a WHERE a.run_id = watch_runs.id)`, [before]);
        return { results, runs, alerts };
      });
    },
    close() { return d.close(); },
  };
}
