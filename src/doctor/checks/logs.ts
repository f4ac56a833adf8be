/**
 * Adapter over src/logs: problems found in the mail log the user owns, and the story of the messages of this
 * case (narrowed to the recipient / sender), from a file path (CLI) or the log's text (web app).
 */
import { Readable } from 'node:stream';
import type { Finding, Report, Table } from '../../core/finding.js';
import { makeReport } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import type { CheckAdapter } from '../types.js';
import { capabilityFn } from './load.js';
import { NEEDS } from './needs.js';

interface LogSource { inputs?: string[]; text?: string; now?: () => number }
type ScanOpt = { inputs: string[]; stdin?: Readable; now?: () => number };
type ProblemsFn = (opt: ScanOpt) => Promise<{ findings: Finding[]; lines: number }>;
type SummarizeFn = (opt: ScanOpt, topN?: number) => Promise<unknown>;
type SummaryReportFn = (d: unknown, subject: string) => Report;
type TraceFn = (opt: ScanOpt, filter: { to?: string; from?: string }, limit?: number) => Promise<unknown>;
type TraceReportFn = (r: unknown, filter: { to?: string; from?: string }, subject: string) => Report;

function scanOptions(src: LogSource): ScanOpt {
  // Each scan reads the text afresh: a Readable is consumed once.
  if (src.text !== undefined) return { inputs: ['-'], stdin: Readable.from([Buffer.from(src.text, 'utf8')]), ...(src.now ? { now: src.now } : {}) };
  return { inputs: src.inputs ?? [], ...(src.now ? { now: src.now } : {}) };
}

/** The log summary with its tables (the web app's log page): summary findings, then the problems found. */
export async function logSummaryReportFor(src: LogSource, subject: string): Promise<Report> {
  const [summarize, summaryReport, problems] = await Promise.all([
    capabilityFn<SummarizeFn>('logs', ['summarizeLogs']), capabilityFn<SummaryReportFn>('logs', ['logSummaryReport', 'summaryReport']), capabilityFn<ProblemsFn>('logs', ['findLogProblems']),
  ]);
  const summary = summaryReport(await summarize(scanOptions(src)), subject);
  const found = await problems(scanOptions(src));
  const tables: Table[] = summary.tables ?? [];
  return makeReport('logs', subject, [...summary.findings, ...found.findings], { ...(tables.length ? { tables } : {}), data: summary.data });
}

export const logsAdapter: CheckAdapter = {
  id: 'logs',
  capability: 'logs',
  title: tx('The mail log', 'Log poczty'),
  needs: (a) => (a.log || a.logFile ? undefined : NEEDS.log),
  async run({ answers, deps }) {
    const problems = await capabilityFn<ProblemsFn>('logs', ['findLogProblems']);
    const src: LogSource = answers.log !== undefined ? { text: answers.log } : { inputs: [answers.logFile!] };
    if (deps.now) { const n = deps.now; src.now = () => n().getTime(); }
    const findings: Finding[] = [];
    const context: Finding[] = [];
    const filter = { ...(answers.to ? { to: answers.to } : {}), ...(answers.from ? { from: answers.from } : {}) };
    if (filter.to || filter.from) {
      // The messages of this case first: their fate in the log is the strongest evidence.
      const [trace, traceReport] = await Promise.all([capabilityFn<TraceFn>('logs', ['traceLogs']), capabilityFn<TraceReportFn>('logs', ['logTraceReport', 'traceReport'])]);
      const stories = traceReport(await trace(scanOptions(src), filter, 20), filter, answers.logFile ?? 'log');
      findings.push(...stories.findings);
    }
    const found = await problems(scanOptions(src));
    // Problems of other messages are background unless nothing of this case was traced.
    (findings.length ? context : findings).push(...found.findings);
    return { findings, context };
  },
};
