/**
 * The watch history: every pass, every item's result, the state of every finding (for change detection), the alerts
 * and where each log was read up to. Embedded SQLite (better-sqlite3, WAL: a pass killed half-way keeps what it
 * stored). The SQL is kept to what SQLite and PostgreSQL both run (TEXT ids made by the caller, BIGINT counters,
 * ISO-8601 times as TEXT, JSON as TEXT), so a PostgreSQL store can apply the same MIGRATIONS.
 */
import Database from 'better-sqlite3';
import type { Finding, Status } from '../core/finding.js';

/** Schema migrations, in order; each runs once, in a transaction, and bumps watch_schema.version. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE watch_runs (
     id TEXT PRIMARY KEY,
     started_at TEXT NOT NULL,
     finished_at TEXT,
     status TEXT
   );
   CREATE TABLE watch_results (
     run_id TEXT NOT NULL REFERENCES watch_runs(id),
     item TEXT NOT NULL,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     checked_at TEXT NOT NULL,
     duration_ms BIGINT NOT NULL,
     findings TEXT NOT NULL,
     PRIMARY KEY (run_id, item)
   );
   CREATE INDEX watch_results_item ON watch_results (item, checked_at);
   CREATE TABLE watch_states (
     key TEXT PRIMARY KEY,
     item TEXT NOT NULL,
     check_id TEXT NOT NULL,
     subject TEXT NOT NULL,
     status TEXT NOT NULL,
     fail_count BIGINT NOT NULL,
     alerted_status TEXT NOT NULL,
     value TEXT,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE watch_alerts (
     id TEXT PRIMARY KEY,
     run_id TEXT NOT NULL REFERENCES watch_runs(id),
     key TEXT NOT NULL,
     item TEXT NOT NULL,
     kind TEXT NOT NULL,
     status TEXT NOT NULL,
     previous TEXT NOT NULL,
     created_at TEXT NOT NULL,
     alert TEXT NOT NULL,
     delivery TEXT
   );
   CREATE INDEX watch_alerts_created ON watch_alerts (created_at);
   CREATE TABLE watch_log_offsets (
     path TEXT PRIMARY KEY,
     byte_offset BIGINT NOT NULL,
     updated_at TEXT NOT NULL
   );`,
];

/** What change detection remembers about one finding (item + check + subject). */
export interface FindingState {
  key: string;
  item: string;
  check: string;
  subject: string;
  status: Status;
  /** Passes in a row with this finding at warn or error. */
  failCount: number;
  /** The status the last alert told about ('ok' when none or after a recovery). */
  alertedStatus: Status;
  /** A tracked value (e.g. the MX/SPF/DMARC records) to notice changes that keep the status. */
  value?: string;
  updatedAt: string;
}

/** One item's result of one pass, as stored. */
export interface StoredResult {
  runId: string;
  item: string;
  kind: string;
  status: Status;
  checkedAt: string;
  durationMs: number;
  findings: Finding[];
}

/** One alert as stored, with how each channel delivered it. */
export interface StoredAlert {
  id: string;
  runId: string;
  key: string;
  item: string;
  kind: string;
  status: Status;
  previous: Status;
  createdAt: string;
  /** The whole alert as JSON (what channels send). */
  alert: unknown;
  delivery?: Record<string, string>;
}

/** The store the watcher writes to; SQLite here, the same interface for PostgreSQL later. */
export interface WatchStore {
  readonly location: string;
  schemaVersion(): number;
  beginRun(id: string, startedAt: string): void;
  finishRun(id: string, finishedAt: string, status: Status): void;
  saveResult(r: StoredResult): void;
  states(): Map<string, FindingState>;
  /** Replace the states of the given keys (delete those given as null), in one transaction. */
  saveStates(changes: Map<string, FindingState | null>): void;
  saveAlerts(alerts: StoredAlert[]): void;
  /** Store a pass's alerts and the new states together: killed in between, a rerun neither loses nor repeats an alert. */
  commitChanges(alerts: StoredAlert[], changes: Map<string, FindingState | null>): void;
  setDelivery(alertIds: string[], channel: string, outcome: string): void;
  logOffset(path: string): number | undefined;
  setLogOffset(path: string, offset: number, at: string): void;
  results(since?: string): StoredResult[];
  alerts(since?: string): StoredAlert[];
  runs(): { id: string; startedAt: string; finishedAt?: string; status?: string }[];
  close(): void;
}

/** Open (and create or migrate) the SQLite history at `path`. */
export function openSqliteStore(path: string): WatchStore {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS watch_schema (version BIGINT NOT NULL)');
  if (!db.prepare('SELECT version FROM watch_schema').get()) db.prepare('INSERT INTO watch_schema (version) VALUES (0)').run();
  const version = () => Number((db.prepare('SELECT version FROM watch_schema').get() as { version: number }).version);
  for (let v = version(); v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.prepare('UPDATE watch_schema SET version = ?').run(v + 1);
    })();
  }
  if (version() > MIGRATIONS.length) {
    db.close();
    throw new Error(`${path}: the database was made by a newer mailmedic (schema ${version()}, this one knows ${MIGRATIONS.length})`);
  }
  const insertResult = db.prepare(`INSERT INTO watch_results (run_id, item, kind, status, checked_at, duration_ms, findings) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const upsertState = db.prepare(`INSERT INTO watch_states (key, item, check_id, subject, status, fail_count, alerted_status, value, updated_at)
    VALUES (@key, @item, @check, @subject, @status, @failCount, @alertedStatus, @value, @updatedAt)
    ON CONFLICT (key) DO UPDATE SET status = excluded.status, fail_count = excluded.fail_count,
      alerted_status = excluded.alerted_status, value = excluded.value, updated_at = excluded.updated_at`);
  const deleteState = db.prepare('DELETE FROM watch_states WHERE key = ?');
  const insertAlert = db.prepare(`INSERT INTO watch_alerts (id, run_id, key, item, kind, status, previous, created_at, alert, delivery) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  type ResultRow = { run_id: string; item: string; kind: string; status: Status; checked_at: string; duration_ms: number; findings: string };
  type AlertRow = { id: string; run_id: string; key: string; item: string; kind: string; status: Status; previous: Status; created_at: string; alert: string; delivery: string | null };
  return {
    location: path,
    schemaVersion: version,
    beginRun(id, startedAt) { db.prepare('INSERT INTO watch_runs (id, started_at) VALUES (?, ?)').run(id, startedAt); },
    finishRun(id, finishedAt, status) { db.prepare('UPDATE watch_runs SET finished_at = ?, status = ? WHERE id = ?').run(finishedAt, status, id); },
    saveResult(r) { insertResult.run(r.runId, r.item, r.kind, r.status, r.checkedAt, r.durationMs, JSON.stringify(r.findings)); },
    states() {
      const rows = db.prepare('SELECT * FROM watch_states').all() as { key: string; item: string; check_id: string; subject: string; status: Status; fail_count: number; alerted_status: Status; value: string | null; updated_at: string }[];
      return new Map(rows.map((r) => [r.key, {
        key: r.key, item: r.item, check: r.check_id, subject: r.subject, status: r.status, failCount: Number(r.fail_count),
        alertedStatus: r.alerted_status, ...(r.value !== null ? { value: r.value } : {}), updatedAt: r.updated_at,
      }]));
    },
    saveStates(changes) {
      db.transaction(() => {
        for (const [key, s] of changes) {
          if (s === null) deleteState.run(key);
          else upsertState.run({ ...s, value: s.value ?? null });
        }
      })();
    },
    saveAlerts(alerts) {
      db.transaction(() => {
        for (const a of alerts) insertAlert.run(a.id, a.runId, a.key, a.item, a.kind, a.status, a.previous, a.createdAt, JSON.stringify(a.alert), a.delivery ? JSON.stringify(a.delivery) : null);
      })();
    },
    commitChanges(alerts, changes) {
      db.transaction(() => { this.saveAlerts(alerts); this.saveStates(changes); })();
    },
    setDelivery(ids, channel, outcome) {
      const get = db.prepare('SELECT delivery FROM watch_alerts WHERE id = ?');
      const set = db.prepare('UPDATE watch_alerts SET delivery = ? WHERE id = ?');
      db.transaction(() => {
        for (const id of ids) {
          const row = get.get(id) as { delivery: string | null } | undefined;
          if (!row) continue;
          const d = row.delivery ? JSON.parse(row.delivery) as Record<string, string> : {};
          d[channel] = outcome;
          set.run(JSON.stringify(d), id);
        }
      })();
    },
    logOffset(p) {
      const row = db.prepare('SELECT byte_offset FROM watch_log_offsets WHERE path = ?').get(p) as { byte_offset: number } | undefined;
      return row ? Number(row.byte_offset) : undefined;
    },
    setLogOffset(p, offset, at) {
      db.prepare(`INSERT INTO watch_log_offsets (path, byte_offset, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (path) DO UPDATE SET byte_offset = excluded.byte_offset, updated_at = excluded.updated_at`).run(p, offset, at);
    },
    results(since) {
      const rows = db.prepare('SELECT * FROM watch_results WHERE checked_at >= ? ORDER BY checked_at, item').all(since ?? '') as ResultRow[];
      return rows.map((r) => ({ runId: r.run_id, item: r.item, kind: r.kind, status: r.status, checkedAt: r.checked_at, durationMs: Number(r.duration_ms), findings: JSON.parse(r.findings) as Finding[] }));
    },
    alerts(since) {
      const rows = db.prepare('SELECT * FROM watch_alerts WHERE created_at >= ? ORDER BY created_at, id').all(since ?? '') as AlertRow[];
      return rows.map((r) => ({
        id: r.id, runId: r.run_id, key: r.key, item: r.item, kind: r.kind, status: r.status, previous: r.previous, createdAt: r.created_at,
        alert: JSON.parse(r.alert) as unknown, ...(r.delivery ? { delivery: JSON.parse(r.delivery) as Record<string, string> } : {}),
      }));
    },
    runs() {
      return (db.prepare('SELECT * FROM watch_runs ORDER BY started_at').all() as { id: string; started_at: string; finished_at: string | null; status: string | null }[])
        .map((r) => ({ id: r.id, startedAt: r.started_at, ...(r.finished_at ? { finishedAt: r.finished_at } : {}), ...(r.status ? { status: r.status } : {}) }));
    },
    close() { db.close(); },
  };
}
