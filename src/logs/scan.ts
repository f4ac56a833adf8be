/**
 * One pass over the inputs: read lines → parse → track messages → hand each event to the caller. Shared by
 * summary, trace and problems (and by all three at once: one pass can feed several collectors).
 */
import { own } from './own.js';
import { MessageTracker, type TrackedMessage } from './messages.js';
import { LogLineParser } from './parse.js';
import { StampClock } from './stamp.js';
import { readLogLines, resolveLogSources, unreadableReason, type LogFs, type LogSource, type ReadProgress } from './input.js';
import type { LogEvent } from './types.js';
import type { Readable } from 'node:stream';

/**
 * What scanLogs reads and keeps: the inputs, the clock, the file system and stdin (injectable), per-message stories,
 * a time range, and progress and close callbacks.
 */
export interface ScanLogOptions {
  /** Files, folders, "-" for stdin; empty = stdin. */
  inputs: string[];
  /** The clock (reference for year-less stamps of stdin). */
  now?: () => number;
  fs?: LogFs;
  stdin?: Readable;
  /** Keep every line and attempt per message (trace). */
  story?: boolean;
  onProgress?: (p: ReadProgress) => void;
  /** Keep up to this many unparsed lines as samples (default 20). */
  keepUnparsed?: number;
  /** Called when a message leaves the queue (or at the end, for those still open, with closed = 'open'). */
  onClose?: (m: TrackedMessage) => void;
  /** Light parsing: connection/TLS/message-id lines carry no details (summary, problems). */
  light?: boolean;
  /** Use this tracker (so collectors can hold it before the scan starts). */
  tracker?: MessageTracker;
  /** Use this clock (a collector reads the zone offset of each line's stamp from it). */
  clock?: StampClock;
  /** Only lines stamped within [since, until] (ms since the epoch) count; the rest are read and skipped. */
  since?: number;
  until?: number;
}

/**
 * What one pass over the logs read: the sources, line counts (parsed, unparsed with samples, out of range), the
 * sources not read to their end, and the parser and tracker for what follows.
 */
export interface ScanStats {
  sources: LogSource[];
  lines: number;
  /** Lines outside --since/--until (read, not counted). */
  outOfRange: number;
  /** Sources not read to their end, and why (the lines read before still count). */
  notChecked: { source: string; reason: { en: string; pl: string } }[];
  parsed: number;
  unparsed: number;
  unparsedSamples: string[];
  parser: LogLineParser;
  tracker: MessageTracker;
}

/** A line journalctl writes between entries: "-- Boot 0c3f… --", "-- Logs begin at … --", "-- No entries --". */
function isJournalMarker(line: string): boolean {
  return line.length < 300 && line.startsWith('-- ') && line.endsWith(' --');
}

/**
 * One non-empty line through the full parser: its event, or null after counting it as unparsed (with a sample,
 * up to `keep`). Shared by {@link scanLogs} and the summary's fast scan (src/logs/fast.ts) for the lines it
 * leaves to the parser, so both count and sample the same way.
 */
export function parseLine(stats: ScanStats, keep: number, line: string, src: string, lineNo: number): LogEvent | null {
  const e = stats.parser.parse(line);
  if (!e) {
    if (isJournalMarker(line)) return null; // journalctl's own "-- Boot … --", "-- No entries --": no log line

    stats.unparsed++;
    if (stats.unparsedSamples.length < keep) stats.unparsedSamples.push(own(`${src === '-' ? 'stdin' : src}:${lineNo}: ${line.length > 300 ? line.slice(0, 300) + '…' : line}`));
    return null;
  }
  stats.parsed++;
  return e;
}

/**
 * Reads every line of the inputs once, in order, parses it and passes each event with its message to `onEvent`;
 * summary, trace and problems are all built on this pass.
 */
export async function scanLogs(opt: ScanLogOptions, onEvent: (e: LogEvent, m: TrackedMessage | undefined) => void): Promise<ScanStats> {
  const now = opt.now ?? Date.now;
  const sources = resolveLogSources(opt.inputs, opt.fs, now());
  const clock = opt.clock ?? new StampClock(now());
  const parser = new LogLineParser(clock, { light: Boolean(opt.light) && !opt.story });
  const trackerOpts: ConstructorParameters<typeof MessageTracker>[0] = { story: Boolean(opt.story) };
  if (opt.onClose) trackerOpts.onClose = opt.onClose;
  const tracker = opt.tracker ?? new MessageTracker(trackerOpts);
  const keep = opt.keepUnparsed ?? 20;
  const stats: ScanStats = { sources, lines: 0, outOfRange: 0, notChecked: [], parsed: 0, unparsed: 0, unparsedSamples: [], parser, tracker };
  const since = opt.since ?? -Infinity, until = opt.until ?? Infinity;
  const ranged = since > -Infinity || until < Infinity;
  const readOpts: Parameters<typeof readLogLines>[2] = {
    onSource: (s) => clock.setReference(s.mtimeMs),
    onSourceError: (s, e) => { stats.notChecked.push({ source: s.name, reason: unreadableReason(e) }); },
  };
  if (opt.onProgress) readOpts.onProgress = opt.onProgress;
  if (opt.stdin) readOpts.stdin = opt.stdin;
  await readLogLines(sources, (line, src, lineNo) => {
    stats.lines++;
    if (line.length === 0) return;
    const e = parseLine(stats, keep, line, src, lineNo);
    if (!e) return;
    if (ranged && !(e.ts >= since && e.ts <= until)) { stats.outOfRange++; stats.parsed--; return; }
    onEvent(e, tracker.add(e));
  }, readOpts);
  return stats;
}
