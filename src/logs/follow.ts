/**
 * `logs follow`: like `tail -F` — reads what is appended to a log, survives rotation (the file is replaced: the
 * rest of the old file is read, then the new one from its start) and truncation (copytruncate: read again from
 * 0), and reports problems the moment they are detected.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import type { Finding } from '../core/finding.js';
import { MessageTracker } from './messages.js';
import { LogLineParser, MAX_LINE } from './parse.js';
import { DEFAULT_LOG_LIMITS, ProblemDetector, type LogProblemLimits } from './problems.js';
import { StampClock } from './stamp.js';
import type { LogEvent } from './types.js';

/**
 * What `logs follow` watches and whom it tells: the file, the problem limits, a callback per problem (and per event),
 * where to start, how often to look (pollMs, default 500 ms) and the signal that stops it.
 */
export interface FollowLogOptions {
  path: string;
  limits?: LogProblemLimits;
  /** A problem was detected (called once per problem and window). */
  onFinding: (f: Finding) => void;
  /** Every parsed event (optional, e.g. for --verbose). */
  onEvent?: (e: LogEvent) => void;
  /** Read the existing content first instead of starting at the end. */
  fromStart?: boolean;
  /** How often the file is looked at for new lines, rotation and truncation, in ms (default 500). */
  pollMs?: number;
  /** Stops following when it aborts. */
  signal?: AbortSignal;
  /** The clock in ms since the epoch (default Date.now), the reference for year-less stamps. */
  now?: () => number;
}

/** Wait ms, or less when the signal aborts; the abort listener goes with the wait (one per poll would pile up). */
const sleep = (ms: number, signal?: AbortSignal) => new Promise<void>((res) => {
  if (signal?.aborted) { res(); return; }
  const onAbort = () => { clearTimeout(t); res(); };
  const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); res(); }, ms);
  signal?.addEventListener('abort', onAbort, { once: true });
});

/** At most this much is read between two looks at the signal and the event loop (a file that never ends, /dev/zero). */
const READ_PER_TURN = 16 << 20;
/** Bytes before the read position checked at each poll: changed means the file was truncated and written again. */
const TAIL = 64;

/** Where a follower is in a file: the file's identity (device and inode) and the byte offset after the last whole line. */
export interface FollowPosition { path: string; fileId: string; offset: number }

/**
 * What {@link followLines} watches and whom it tells: each whole line (without its end of line) with the position
 * after it, a hook awaited at every turn (a shipper publishes there: back-pressure), where to start.
 */
export interface FollowLinesOptions {
  path: string;
  onLine: (line: string, at: FollowPosition) => void;
  /** Awaited at each turn of the loop (after a read, and before each wait). */
  onTurn?: () => Promise<void> | void;
  fromStart?: boolean;
  /** Continue a file from a known position: used when the file is still the same (device and inode) and not shorter. */
  resume?: { fileId: string; offset: number };
  pollMs?: number;
  signal?: AbortSignal;
}

/**
 * The `tail -F` loop on its own: raw lines of a file that grows, is rotated (the rest of the old file, then the new
 * one from its start) or truncated (read again from 0). Returns the number of lines read.
 */
export async function followLines(opt: FollowLinesOptions): Promise<number> {
  const buf = Buffer.alloc(1 << 20);
  let fd = -1, ino = -1, pos = 0, lines = 0, fileId = '';
  let left = '';
  let leftBytes = 0;
  const openFile = (atEnd: boolean): boolean => {
    try {
      fd = openSync(opt.path, 'r');
      const st = fstatSync(fd);
      ino = st.ino;
      fileId = `${st.dev}:${st.ino}`;
      pos = atEnd ? st.size : 0;
      if (opt.resume && opt.resume.fileId === fileId && opt.resume.offset <= st.size) pos = opt.resume.offset;
      opt.resume = undefined;
      left = '';
      leftBytes = 0;
      return true;
    } catch {
      fd = -1;
      return false;
    }
  };
  const feed = (text: string, bytes: number, ascii: boolean) => {
    let p = 0;
    text = left + text;
    // the byte offset where `text` starts in the file
    let at = pos - bytes - leftBytes;
    for (;;) {
      const nl = text.indexOf('\n', p);
      if (nl < 0) break;
      const line = text.slice(p, nl);
      at += ascii ? nl + 1 - p : Buffer.byteLength(text.slice(p, nl + 1));
      p = nl + 1;
      lines++;
      opt.onLine(line.endsWith('\r') ? line.slice(0, -1) : line, { path: opt.path, fileId, offset: at });
    }
    left = text.slice(p);
    leftBytes = pos - at;
    if (left.length > MAX_LINE) { left = ''; leftBytes = 0; }
  };
  /** The last bytes read before pos, as read (to notice a truncation followed at once by new writing). */
  let tail = Buffer.alloc(0);
  /** Read what was appended, up to READ_PER_TURN; true when there may be more. */
  const drain = (): boolean => {
    let read = 0;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) return false;
      pos += n;
      read += n;
      const chunk = buf.subarray(0, n);
      tail = Buffer.from(chunk.subarray(Math.max(0, n - TAIL)));
      const ascii = isAscii(chunk);
      feed(ascii ? chunk.toString('latin1') : chunk.toString('utf8'), n, ascii);
      if (read >= READ_PER_TURN) return true;
    }
  };
  /** Are the bytes before pos still those read? (copytruncate followed by new lines longer than the old file) */
  const rewritten = (): boolean => {
    if (!tail.length || pos < tail.length) return false;
    const now = Buffer.alloc(tail.length);
    const n = readSync(fd, now, 0, tail.length, pos - tail.length);
    return n !== tail.length || !now.equals(tail);
  };
  const restart = () => { pos = 0; left = ''; leftBytes = 0; tail = Buffer.alloc(0); };
  openFile(!opt.fromStart);
  while (!opt.signal?.aborted) {
    await opt.onTurn?.();
    if (fd < 0) openFile(false);
    if (fd >= 0) {
      // truncated and written again before this poll (copytruncate, then the new lines): read from the start
      if (rewritten()) restart();
      if (drain()) { await new Promise<void>((r) => setImmediate(r)); continue; } // more to read: let signals in first
      await opt.onTurn?.();
      let st;
      try { st = statSync(opt.path); } catch { st = undefined; }
      if (st && st.ino !== ino) { // rotated: finish the old file, then start the new one from its beginning
        while (drain() && !opt.signal?.aborted) { await opt.onTurn?.(); await new Promise<void>((r) => setImmediate(r)); }
        await opt.onTurn?.();
        closeSync(fd);
        openFile(false);
        restart();
        continue;
      }
      if (st && st.isFile() && st.size < pos) { restart(); continue; } // truncated
    }
    await sleep(opt.pollMs ?? 500, opt.signal);
  }
  if (fd >= 0) closeSync(fd);
  return lines;
}

/** Follow until the signal aborts. Returns the number of lines read. */
export async function followLog(opt: FollowLogOptions): Promise<number> {
  const now = opt.now ?? Date.now;
  const clock = new StampClock(now());
  const parser = new LogLineParser(clock, { light: true });
  const tracker = new MessageTracker({ light: true });
  const det = new ProblemDetector(opt.limits ?? DEFAULT_LOG_LIMITS, opt.onFinding);
  return followLines({
    path: opt.path,
    ...(opt.fromStart !== undefined ? { fromStart: opt.fromStart } : {}),
    ...(opt.pollMs !== undefined ? { pollMs: opt.pollMs } : {}),
    ...(opt.signal ? { signal: opt.signal } : {}),
    onTurn: () => { clock.setReference(now()); },
    onLine: (line) => {
      const e = parser.parse(line);
      if (!e) return;
      opt.onEvent?.(e);
      det.add(e, tracker.add(e));
    },
  });
}
