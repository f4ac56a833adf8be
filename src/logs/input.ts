/**
 * Where log lines come from: files (plain or gzip, detected by magic bytes), standard input, or a log folder
 * with its rotations (maillog, maillog.1, maillog.2.gz, maillog-20261120 …) read oldest first. Lines are cut
 * from Buffers with indexOf; a chunk that is pure ASCII (the usual case) is decoded as latin1, which is several
 * times faster than UTF-8 decoding and gives the same string.
 */
import { createReadStream, openSync, readSync, closeSync, statSync, readdirSync, type Stats } from 'node:fs';
import { isAscii } from 'node:buffer';
import { basename, join } from 'node:path';
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { MAX_LINE } from './parse.js';

/** One log to read (a file, a .gz, or standard input) with what the reader needs to know before opening it. */
export interface LogSource {
  /** Path, or "-" for standard input. */
  name: string;
  /** Bytes on disk (compressed size for .gz); 0 when unknown (stdin). */
  size: number;
  /** Last modification, the reference for year-less timestamps. */
  mtimeMs: number;
  gzip: boolean;
}

/** File system reach, injectable for tests. */
export interface LogFs {
  stat(path: string): Pick<Stats, 'size' | 'mtimeMs' | 'isDirectory'>;
  readdir(path: string): string[];
}
const realFs: LogFs = { stat: (p) => statSync(p), readdir: (p) => readdirSync(p) };

/** Names of the usual mail logs, in order of preference, when a folder is given. */
const PREFERRED = ['maillog', 'mail.log', 'mainlog', 'exim_mainlog', 'mail', 'syslog', 'messages', 'dovecot.log'];

/**
 * Standard input as it comes, or ungzipped when its first bytes are gzip's (1f 8b): `zcat`-less pipes such as
 * `ssh host cat /var/log/maillog.2.gz | mailmedic logs summary -` read like the .gz file would.
 */
export function stdinMaybeGzip(raw: Readable): Readable {
  return Readable.from((async function* () {
    const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    // Two bytes tell gzip: gather them even when the first chunk is a single byte.
    let head = Buffer.alloc(0);
    while (head.length < 2) {
      const n = await it.next();
      if (n.done) break;
      head = Buffer.concat([head, Buffer.isBuffer(n.value) ? n.value : Buffer.from(n.value as unknown as string)]);
    }
    if (!head.length) return;
    const all = (async function* () { yield head; for (;;) { const n = await it.next(); if (n.done) return; yield n.value; } })();
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      const gz = createGunzip();
      const src = Readable.from(all, { objectMode: false });
      src.on('error', (e) => gz.destroy(e));
      yield* src.pipe(gz) as AsyncIterable<Buffer>;
    } else yield* all;
  })(), { objectMode: false });
}

/** Split a rotated name into its base and its age rank (bigger = older). "maillog.2.gz" → ["maillog", 2]. */
export function rotationKey(name: string): { base: string; age: number } {
  let n = name.endsWith('.gz') ? name.slice(0, -3) : name;
  const num = /^(.*)\.(\d{1,4})$/.exec(n);
  if (num) return { base: num[1]!, age: Number(num[2]) };
  const date = /^(.*)-(\d{8})(?:\d{2})?$/.exec(n);
  if (date) return { base: date[1]!, age: 1e9 - Number(date[2]!.slice(0, 8)) / 100 }; // later date = younger
  n = n.trim();
  return { base: n, age: 0 };
}

/** Order the files of one log family oldest first (maillog.3.gz, maillog.2.gz, maillog.1, maillog). */
export function orderRotations(names: string[]): string[] {
  return [...names].sort((a, b) => rotationKey(b).age - rotationKey(a).age || a.localeCompare(b));
}

function isGzip(path: string): boolean {
  try {
    const fd = openSync(path, 'r');
    const b = Buffer.alloc(2);
    const n = readSync(fd, b, 0, 2, 0);
    closeSync(fd);
    return n === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } catch {
    return path.endsWith('.gz');
  }
}

/**
 * Resolve command-line inputs to sources. A folder picks its mail-log family (maillog, mail.log, … or the
 * family with the most bytes) and lists it oldest first. "-" or no input is standard input.
 */
export function resolveLogSources(inputs: string[], fs: LogFs = realFs, now = Date.now()): LogSource[] {
  if (!inputs.length) inputs = ['-'];
  const out: LogSource[] = [];
  for (const input of inputs) {
    if (input === '-') { out.push({ name: '-', size: 0, mtimeMs: now, gzip: false }); continue; }
    const st = fs.stat(input);
    if (!st.isDirectory()) { out.push({ name: input, size: st.size, mtimeMs: st.mtimeMs, gzip: isGzip(input) }); continue; }
    const families = new Map<string, string[]>();
    for (const n of fs.readdir(input)) {
      let s;
      try { s = fs.stat(join(input, n)); } catch { continue; }
      if (s.isDirectory()) continue;
      const { base } = rotationKey(n);
      (families.get(base) ?? families.set(base, []).get(base)!).push(n);
    }
    let pick = PREFERRED.find((p) => families.has(p));
    if (!pick) {
      let best = -1;
      for (const [base, names] of families) {
        const bytes = names.reduce((a, n) => a + fs.stat(join(input, n)).size, 0);
        if (bytes > best) { best = bytes; pick = base; }
      }
    }
    if (!pick) continue;
    for (const n of orderRotations(families.get(pick)!)) {
      const p = join(input, n);
      const s = fs.stat(p);
      out.push({ name: p, size: s.size, mtimeMs: s.mtimeMs, gzip: isGzip(p) });
    }
  }
  return out;
}

export interface ReadProgress {
  /** Bytes read from disk so far over all sources, and the total (0 when unknown). */
  bytes: number;
  total: number;
  lines: number;
}

export interface ReadLinesOptions {
  /** Called about every 8 MB read. */
  onProgress?: (p: ReadProgress) => void;
  /** Called before each source starts (the caller sets the timestamp reference to its mtime). */
  onSource?: (src: LogSource) => void;
  /** Read standard input from here (tests). */
  stdin?: Readable;
  signal?: AbortSignal;
  /** Start reading a file at this byte offset (follow mode). */
  start?: number;
  /**
   * A source could not be read to its end (a truncated or corrupt .gz, a file that vanished): the lines read before
   * still count, the other sources are read. Without it the error is thrown.
   */
  onSourceError?: (src: LogSource, error: unknown) => void;
}

/** Why a source could not be read, in both languages (a truncated .gz, corrupt data, a file that cannot be opened). */
export function unreadableReason(e: unknown): { en: string; pl: string } {
  const code = (e as { code?: string }).code ?? '';
  const msg = e instanceof Error ? e.message : String(e);
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(msg)) return { en: 'the compressed file ends too early (truncated)', pl: 'skompresowany plik urywa się przed końcem (jest obcięty)' };
  if (code.startsWith('Z_')) return { en: `the compressed data is damaged (${msg})`, pl: `skompresowane dane są uszkodzone (${msg})` };
  if (code === 'ENOENT') return { en: 'the file disappeared while it was being read', pl: 'plik zniknął w trakcie czytania' };
  if (code === 'EACCES' || code === 'EPERM') return { en: 'no permission to read it', pl: 'brak uprawnień do odczytu' };
  return { en: msg, pl: msg };
}

/**
 * Feed every line of every source to `onLine`, in order. Never throws for bad content: a line too long is cut
 * and passed on (the parser counts it as unparsed).
 */
export async function readLogLines(
  sources: LogSource[],
  onLine: (line: string, source: string, lineNo: number) => void,
  opt: ReadLinesOptions = {},
): Promise<ReadProgress> {
  const prog: ReadProgress = { bytes: 0, total: sources.reduce((a, s) => a + s.size, 0), lines: 0 };
  let nextReport = 8 << 20;
  for (const src of sources) {
    opt.onSource?.(src);
    const raw: Readable = src.name === '-' ? (opt.stdin ?? process.stdin) : createReadStream(src.name, { highWaterMark: 1 << 20, start: opt.start ?? 0 });
    if (src.name !== '-') {
      raw.on('data', (c: Buffer) => {
        prog.bytes += c.length;
        if (opt.onProgress && prog.bytes >= nextReport) { nextReport = prog.bytes + (8 << 20); opt.onProgress(prog); }
      });
    }
    const stream: Readable = src.gzip ? raw.pipe(createGunzip()) : src.name === '-' ? stdinMaybeGzip(raw) : raw;
    if (src.gzip) raw.on('error', (e) => stream.destroy(e));
    let left: Buffer | undefined;
    let lineNo = 0;
    const emit = (s: string) => {
      lineNo++;
      prog.lines++;
      onLine(s.charCodeAt(s.length - 1) === 13 ? s.slice(0, -1) : s, src.name, lineNo);
    };
    try {
    for await (const chunk0 of stream) {
      if (opt.signal?.aborted) break;
      if (src.name === '-') prog.bytes += (chunk0 as Buffer).length;
      let buf = chunk0 as Buffer;
      if (left) { buf = Buffer.concat([left, buf]); left = undefined; }
      const last = buf.lastIndexOf(10);
      if (last < 0) {
        if (buf.length > MAX_LINE * 4) emit(buf.toString('latin1', 0, MAX_LINE * 4 + 1)); // no newline for too long: cut
        else left = buf;
        continue;
      }
      const text = isAscii(buf.subarray(0, last)) ? buf.toString('latin1', 0, last) : buf.toString('utf8', 0, last);
      let p = 0;
      for (;;) {
        const nl = text.indexOf('\n', p);
        if (nl < 0) { emit(text.slice(p)); break; }
        emit(text.slice(p, nl));
        p = nl + 1;
      }
      if (last + 1 < buf.length) left = buf.subarray(last + 1);
    }
    } catch (e) {
      if (!opt.onSourceError) throw e;
      opt.onSourceError(src, e); // what was read so far counts; the cut-off last line is dropped
      raw.destroy();
      continue;
    }
    if (left && left.length) emit(isAscii(left) ? left.toString('latin1') : left.toString('utf8'));
  }
  opt.onProgress?.(prog);
  return prog;
}

/** A display name for a set of sources ("maillog (+2 rotations)"). */
export function describeSources(sources: LogSource[]): string {
  if (!sources.length) return 'stdin';
  const first = sources[sources.length - 1]!;
  const name = first.name === '-' ? 'stdin' : basename(first.name);
  return sources.length > 1 ? `${name} (+${sources.length - 1})` : name;
}
