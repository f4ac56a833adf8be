/**
 * `queue`: what waits in a mail queue (Postfix, Exim, Sendmail), why, and what to do — from a saved listing or the
 * live queue of this machine. Read-only: mailmedic never changes a queue, it says which command would.
 */
import type { Report } from '../core/finding.js';
import { liveCommand, spawnRunner, type CommandRunner } from './live.js';
import { readQueue, type ReadQueueOptions } from './read.js';
import { queueReport } from './report.js';
import { QueueSummary } from './summary.js';
import type { QueueMessage, QueueMta } from './types.js';

export { readQueue, detectFormat, type ReadQueueOptions, type QueueReading } from './read.js';
export { QueueSummary, AGE_BUCKETS, type QueueSummaryData, type QueueReasonGroup, type QueueDestination, type QueueSender, type QueueRow } from './summary.js';
export { queueReport, queueMessageFinding, queueCsvRows, QUEUE_CSV_COLUMNS, QUEUE_ALARMS, type QueueReportInput } from './report.js';
export { queueCommand, type QueueAction } from './commands.js';
export { liveCommand, spawnRunner, findOnPath, type CommandRunner, type LiveCommand } from './live.js';
export type { QueueMessage, QueueRecipient, QueueName, QueueMta, QueueFormat, QueueProblem } from './types.js';

/** Options of the queue checks: how many messages to list, Postfix's configuration directory, alarm thresholds, clock. */
export interface CheckQueueOptions extends ReadQueueOptions {
  /** Messages kept for the listing of the longest-waiting ones (default 50). */
  keep?: number;
  /** Postfix configuration directory (-c) for the live queue and the suggested commands. */
  configDir?: string;
  /** Mail older than this (seconds) raises an alarm (default 5 days). */
  maxAgeSeconds?: number;
  /** The clock for the report's time (default the system clock); ages are measured from `now`. */
  nowDate?: () => Date;
  /** Sees every message as it is read (the summary keeps only counts and the longest-waiting ones). */
  onMessage?: (m: QueueMessage) => void;
}

/** Read a saved listing (text, bytes or a stream) into a Report. */
export async function checkQueueListing(source: string | Uint8Array | AsyncIterable<string | Uint8Array>, name: string, opts: CheckQueueOptions = {}): Promise<Report> {
  const summary = new QueueSummary(opts.keep ?? 50);
  const r = await readQueue(source, opts.onMessage ? (m) => { summary.add(m); opts.onMessage!(m); } : (m) => summary.add(m), opts);
  return queueReport({ summary: summary.data(), ...(r.format ? { format: r.format } : {}), problems: r.problems, truncated: r.truncated, source: name,
    ...(opts.configDir ? { configDir: opts.configDir } : {}), ...(opts.maxAgeSeconds ? { maxAgeSeconds: opts.maxAgeSeconds } : {}), ...(opts.nowDate ? { now: opts.nowDate } : {}) });
}

/** No mail queue command (postqueue, exim, mailq) is installed on this machine, so there is no live queue to read. */
export class NoQueueError extends Error {}

/**
 * The live queue of this machine. Throws NoQueueError when no MTA listing command is installed; a command
 * that fails (no permission, MTA stopped) rejects with its own words.
 */
export async function checkLiveQueue(opts: CheckQueueOptions & { mta?: QueueMta; run?: CommandRunner; find?: (name: string) => string | undefined; timeoutMs?: number } = {}): Promise<Report> {
  const cmd = liveCommand({ ...(opts.mta ? { mta: opts.mta } : {}), ...(opts.configDir ? { configDir: opts.configDir } : {}), ...(opts.find ? { find: opts.find } : {}) });
  if (!cmd) throw new NoQueueError('no mail queue command (postqueue, exim, mailq) found on this machine');
  const run = opts.run ?? spawnRunner;
  return checkQueueListing(run(cmd.command, cmd.args, opts.timeoutMs ?? 60_000), `live queue (${[cmd.command, ...cmd.args].join(' ')})`, { ...opts, format: cmd.format });
}
