/** `mailmedic watch`: a watch list checked pass after pass, every result stored, changes sent as alerts. */
export { parseWatchConfig, validateWatchConfig, resolveConfigPaths, WatchConfigError, defaultDbPath } from './config.js';
export type { WatchConfig, WatchedDomain, WatchedServer, WebhookChannel, EmailChannel } from './config.js';
export { openWatchStore, isPostgresUrl, MIGRATIONS as WATCH_MIGRATIONS } from './store/index.js';
export type { WatchStore, FindingState, StoredResult, StoredAlert, StoredRun, StoredMute, PruneResult, SqlDriver, SqlSession } from './store/index.js';
export { watchItems, checkItem, runChecks, itemKey } from './checks-runner.js';
export type { WatchItem, ItemResult, RunnerDeps, ItemKind } from './checks-runner.js';
export { detectChanges, stateKey } from './changes.js';
export type { WatchAlert, AlertKind, ChangeOptions } from './changes.js';
export { sendWebhook, webhookBody } from './channels/webhook.js';
export { sendEmail, alertMail } from './channels/email.js';
export { alertFinding } from './channels/terminal.js';
export { runWatchPass } from './run.js';
export { watchHistoryReport } from './history.js';
export type { ItemHistory } from './history.js';
export type { WatchRunOptions, WatchRunResult } from './run.js';
export { runWatchDaemon, type WatchDaemonOptions } from './daemon.js';
export { WatchDashboard, DashboardError, parseSpan } from './dashboard.js';
export type { DashboardItem, DashboardState, HistoryPoint, TimelineEvent, WatchListText } from './dashboard.js';
