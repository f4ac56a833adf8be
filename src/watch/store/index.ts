/**
 * The watch history: every pass, every item's result, the state of every finding (for change detection), the alerts,
 * where each log was read up to, and what people did on the dashboard (alerts acknowledged, items muted). One store
 * over two engines: embedded SQLite by default (a file next to the watch list) and PostgreSQL for a team
 * (`--db postgres://…`). Both apply the same MIGRATIONS and run the same SQL, kept to what both accept (TEXT ids made
 * by the caller, BIGINT counters, ISO-8601 UTC times as TEXT so they sort as text, JSON as TEXT, `?` placeholders
 * that the PostgreSQL driver numbers).
 */
import type { Finding, Status } from '../../core/finding.js';
import { sqlWatchStore } from './sql-store.js';

/** Schema migrations, in order; each runs once, in a transaction, and bumps watch_schema.version. Never edit a step that shipped: add one. */
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
  // The dashboard: who acknowledged an alert and when; items whose alerts are stored but not sent until a time.
  `ALTER TABLE watch_alerts ADD COLUMN acked_at TEXT;
   ALTER TABLE watch_alerts ADD COLUMN acked_by TEXT;
   CREATE TABLE watch_mutes (
     item TEXT PRIMARY KEY,
     until_at TEXT NOT NULL,
     reason TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX watch_results_checked ON watch_results (checked_at);`,
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

/** One alert as stored, with how each channel delivered it and whether someone acknowledged it. */
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
  ackedAt?: string;
  ackedBy?: string;
}

/** One pass as stored. */
export interface StoredRun { id: string; startedAt: string; finishedAt?: string; status?: string }

/** An item whose alerts are stored but not sent until `until`. */
export interface StoredMute { item: string; until: string; reason?: string; createdAt: string }

/** What `prune` removed. */
export interface PruneResult { results: number; runs: number; alerts: number }

/** The store the watcher writes to and the dashboard reads: the same interface over SQLite and PostgreSQL. */
export interface WatchStore {
  /** The file or the PostgreSQL URL without its password. */
  readonly location: string;
  readonly engine: 'sqlite' | 'postgres';
  schemaVersion(): Promise<number>;
  beginRun(id: string, startedAt: string): Promise<void>;
  finishRun(id: string, finishedAt: string, status: Status): Promise<void>;
  saveResult(r: StoredResult): Promise<void>;
  states(): Promise<Map<string, FindingState>>;
  /** Replace the states of the given keys (delete those given as null), in one transaction. */
  saveStates(changes: Map<string, FindingState | null>): Promise<void>;
  /** Store a pass's alerts and the new states together: killed in between, a rerun neither loses nor repeats an alert. */
  commitChanges(alerts: StoredAlert[], changes: Map<string, FindingState | null>): Promise<void>;
  setDelivery(alertIds: string[], channel: string, outcome: string): Promise<void>;
  logOffsets(): Promise<Map<string, number>>;
  setLogOffset(path: string, offset: number, at: string): Promise<void>;
  /** Results checked at or after `since` (ISO time), oldest first; of one item when `item` is given. */
  results(since?: string, item?: string): Promise<StoredResult[]>;
  /** Each item's newest result. */
  latestResults(): Promise<StoredResult[]>;
  alerts(since?: string): Promise<StoredAlert[]>;
  runs(since?: string): Promise<StoredRun[]>;
  /** Mark alerts as acknowledged (by whom, when); returns how many were found. */
  acknowledge(alertIds: string[], by: string, at: string): Promise<number>;
  mute(item: string, until: string, reason: string | undefined, at: string): Promise<void>;
  unmute(item: string): Promise<void>;
  /** Mutes still in force at `now` (ISO time). */
  mutes(now: string): Promise<StoredMute[]>;
  /**
   * Forget results and passes older than `before` (ISO time), but never an item's newest result (the dashboard's
   * "now"); alerts too when `alertsBefore` is given. States, offsets and mutes stay: they are the watcher's memory.
   */
  prune(before: string, alertsBefore?: string): Promise<PruneResult>;
  close(): Promise<void>;
}

/** The engine-specific part: statements run on one connection, transactions, and where the data is. */
export interface SqlSession {
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run one statement; returns the rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
  /** Run a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}
/** A database the SQL store runs on. */
export interface SqlDriver extends SqlSession {
  readonly engine: 'sqlite' | 'postgres';
  readonly location: string;
  /** Run `fn` in one transaction on one connection; `lockMigrations` also keeps other processes out of the migrations. */
  transaction<T>(fn: (s: SqlSession) => Promise<T>, o?: { lockMigrations?: boolean }): Promise<T>;
  close(): Promise<void>;
}

/** True when `db` names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (db: string) => /^postgres(?:ql)?:\/\//i.test(db);

/** Open (and create or migrate) the history: a SQLite file, or PostgreSQL when `db` is a postgres:// URL. */
export async function openWatchStore(db: string): Promise<WatchStore> {
  const driver = isPostgresUrl(db)
    ? (await import('./postgres.js')).postgresDriver(db)
    : (await import('./sqlite.js')).sqliteDriver(db);
  return sqlWatchStore(driver);
}
