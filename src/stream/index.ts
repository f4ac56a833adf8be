/**
 * Beyond one machine: bounces and log lines shipped to NATS JetStream, read by any number of workers, stored in PostgreSQL.
 * NATS does the queueing, redelivery and de-duplication; PostgreSQL keeps the results where a team can query them.
 */
export { BOUNCE_CONSUMER, DEAD, connectNats, ensureBounceConsumer, ensureStream, STREAM, type NatsOptions } from './nats.js';
export { messageId, shipBounce, type ShipResult } from './ship.js';
export { MIGRATIONS, migrate, openStore, storeBounces, storeCounts, suppressionList, type StoredBounce, type SuppressionRow } from './store.js';
export { runBounceWorker, type BounceWorkerOptions, type BounceWorkerSummary } from './worker.js';
export { LogWorkerMetrics, MetricSet, WorkerMetrics, type MetricDef } from './metrics.js';
export { bounceBacklog, bounceWorkerStatus, logLag, logWorkerStatus, type BounceBacklog, type HostLag } from './status.js';
export { hostToken, LOG_HEADERS, shipLogs, type ShipLogsOptions, type ShipLogsSummary } from './ship-logs.js';
export { HostLogState, LOG_WORKER_APP, logHosts, pruneStories, runLogWorker, type LogWorkerOptions, type LogWorkerSummary } from './logs-worker.js';
export { backoffDelay, pause, type BackoffOptions } from './backoff.js';
export { deadLetter, readDeadLetters, type DeadLetter } from './dead.js';
export { hostSummaries, messageStory, recipientBounces, storedProblems, type HostPeriodRow, type RecipientBounce, type StoredProblem, type StoryLine } from './queries.js';
