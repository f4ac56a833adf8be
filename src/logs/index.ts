// Public API of the logs capability: read Postfix / Exim / Sendmail / Dovecot logs, trace messages, summarise,
// find problems, follow a live log.
import { ProblemDetector, DEFAULT_LOG_LIMITS, type LogProblemLimits } from './problems.js';
import { scanLogs, type ScanLogOptions, type ScanStats } from './scan.js';
import { scanLogsForSummary } from './fast.js';
import { SummaryCollector, type LogSummaryData } from './summary.js';
import type { Finding, Report } from '../core/finding.js';
import { summaryReport } from './report.js';
import { MessageTracker } from './messages.js';
import { StampClock } from './stamp.js';

export type { LogEvent, LogFormatId, DeliveryStatus as LogDeliveryStatus, LogConsumer } from './types.js';
export { LogLineParser, LOG_FORMATS } from './parse.js';
export { StampClock, parseTimeArg as parseLogTime, fmtTime as fmtLogTime } from './stamp.js';
export { resolveLogSources, readLogLines, orderRotations as orderLogRotations, type LogSource } from './input.js';
export { MessageTracker, type TrackedMessage, type DeliveryAttempt as LogDeliveryAttempt } from './messages.js';
export { scanLogs, type ScanLogOptions, type ScanStats } from './scan.js';
export { SummaryCollector as LogSummaryCollector, type LogSummaryData } from './summary.js';
export { traceLogs, storyMatches as logStoryMatches, type TraceFilter as LogTraceFilter, type TraceResult as LogTraceResult, type MessageStory as LogMessageStory } from './trace.js';
export { ProblemDetector as LogProblemDetector, DEFAULT_LOG_LIMITS, providerOf as logProviderOf, type LogProblemLimits } from './problems.js';
export { summaryReport as logSummaryReport, traceReport as logTraceReport, storyFinding as logStoryFinding, notCheckedFindings as logNotCheckedFindings } from './report.js';
export { followLog, type FollowLogOptions } from './follow.js';
export { renderLogSummaryHtml } from './html.js';
export { classifyLogText, normalizeReasonText } from './diagnose.js';
import { normalizeReasonText as normalizeReason } from './diagnose.js';
/** @deprecated The old spelling of `normalizeReasonText` (the library spells "normalize" with a z everywhere). */
export const normaliseReasonText = normalizeReason;
export { redactLogLine } from './redact.js';

/**
 * Read the inputs once and summarise them (pflogsumm's figures and more). The common Postfix lines are counted
 * straight from the read buffer (src/logs/fast.ts); `fullPath: true` sends every line through the parser
 * instead — the same figures, slower (the tests compare both).
 */
export async function summarizeLogs(opt: Omit<ScanLogOptions, 'story' | 'tracker'>, topN = 10, how: { fullPath?: boolean; readerZone?: boolean } = {}): Promise<LogSummaryData> {
  const tracker = new MessageTracker({ light: true });
  const collector = new SummaryCollector(tracker);
  // hours and days as the log wrote them (an RFC 3339 stamp's own offset), or in the reader's zone (--tz)
  const clock = opt.clock ?? new StampClock((opt.now ?? Date.now)());
  collector.clock = clock;
  collector.byReaderZone = Boolean(how.readerZone);
  const stats = how.fullPath
    ? await scanLogs({ ...opt, story: false, light: true, tracker, clock }, (e, m) => collector.add(e, m))
    : await scanLogsForSummary({ ...opt, story: false, light: true, clock }, tracker, collector);
  return collector.result({
    inputs: stats.sources.map((s) => s.name), notChecked: stats.notChecked, format: stats.parser.detectedFormat(), formats: { ...stats.parser.formats },
    stamps: { ...stats.parser.stamps }, lines: stats.lines, parsed: stats.parsed, unparsed: stats.unparsed, unparsedSamples: stats.unparsedSamples,
  }, topN);
}

/** Read the inputs once and list the problems found. */
export async function findLogProblems(opt: Omit<ScanLogOptions, 'story' | 'tracker'>, limits: LogProblemLimits = DEFAULT_LOG_LIMITS): Promise<{ findings: Finding[]; lines: number; parsed: number; unparsed: number; unparsedSamples: string[]; format: string | undefined; notChecked: ScanStats['notChecked'] }> {
  const det = new ProblemDetector(limits);
  const stats = await scanLogs({ ...opt, story: false, light: true, tracker: new MessageTracker({ light: true }) }, (e, m) => det.add(e, m));
  return { findings: det.findings(stats.tracker.remaining()), lines: stats.lines, parsed: stats.parsed, unparsed: stats.unparsed, unparsedSamples: stats.unparsedSamples, format: stats.parser.detectedFormat(), notChecked: stats.notChecked };
}

/** A mail log summarised into a Report (what `mailmedic logs summary` prints): findings, tables, `data`. */
export async function checkLogs(opt: Omit<ScanLogOptions, 'story' | 'tracker'>, options: { topN?: number; subject?: string } = {}): Promise<Report> {
  const data = await summarizeLogs(opt, options.topN ?? 10);
  return summaryReport(data, options.subject ?? opt.inputs.join(' '));
}
