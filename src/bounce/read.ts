/**
 * readBounces: an async iterator over many messages — files, directories (maildir cur/ and new/), globs, mbox
 * files and standard input — parsed one at a time. An mbox is split on "From " lines while it streams, so
 * memory follows the largest message, not the file; a broken message yields its own error and the rest go on.
 */
import { createReadStream, type Dirent } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { whyUnreadable } from '../core/unreadable.js';
import { tx } from '../i18n/text.js';
import { parseBounce, unreadable, type ParseBounceOptions } from './parse.js';
import type { BounceResult } from './types.js';

/** Options of `readBounces`: descend into folders, and the stream standard input comes from. */
export interface ReadBouncesOptions extends ParseBounceOptions {
  /** Descend into sub-directories. */
  recursive?: boolean;
  /** Standard input, for the source "-". */
  stdin?: Readable;
}

/** One message read by `readBounces`: where it came from and what was found in it. */
export interface BounceItem {
  /** File the message came from ("-" for stdin). */
  file: string;
  /** 1-based position in an mbox (absent for single-message files). */
  index?: number;
  result: BounceResult;
}

const GLOB_CHARS = /[*?[]/;

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') { re += '.*'; i++; if (glob[i + 1] === '/') i++; } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end > i) { re += '[' + glob.slice(i + 1, end).replace(/\\/g, '\\\\') + ']'; i = end; } else re += '\\[';
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

async function* walk(dir: string, recursive: boolean): AsyncGenerator<string> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // A maildir: read cur/ and new/ (tmp/ holds messages still being written).
  const names = new Set(entries.map((e) => e.name));
  if (names.has('cur') && names.has('new')) {
    for (const sub of ['cur', 'new']) yield* walk(join(dir, sub), false);
    if (!recursive) return;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (recursive && !['cur', 'new', 'tmp'].includes(e.name)) yield* walk(p, true);
    } else if (e.isFile() && !e.name.startsWith('.')) yield p;
  }
}

/** Expand files, directories and globs into file paths (in a stable order). */
export async function* expandBounceSources(sources: readonly string[], recursive = false): AsyncGenerator<string> {
  for (const src of sources) {
    if (src === '-') { yield '-'; continue; }
    if (GLOB_CHARS.test(src)) {
      const parts = src.split(/[\\/]/);
      const firstWild = parts.findIndex((p) => GLOB_CHARS.test(p));
      const base = parts.slice(0, firstWild).join(sep) || '.';
      const re = globToRegExp(parts.slice(firstWild).join('/'));
      const deep = src.includes('**') || parts.length - firstWild > 1;
      for await (const f of walk(base, deep || recursive)) {
        if (re.test(relative(base, f).split(sep).join('/'))) yield f;
      }
      continue;
    }
    let st;
    try {
      st = await stat(src);
    } catch {
      yield src; // reported as unreadable by readBounces
      continue;
    }
    if (st.isDirectory()) yield* walk(resolve(src) === src ? src : src, recursive);
    else yield src;
  }
}

async function isMbox(file: string): Promise<boolean> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(5);
    const { bytesRead } = await fh.read(buf, 0, 5, 0);
    return bytesRead === 5 && buf.toString('latin1') === 'From ';
  } finally {
    await fh.close();
  }
}

const MAX_LINE = 1024 * 1024;

/**
 * Lines of a byte stream (latin1, "\n" or "\r\n" endings). A line longer than MAX_LINE keeps its first
 * MAX_LINE characters and the rest is dropped as it streams, so even a file without newlines cannot make memory
 * grow with its size.
 */
async function* streamLines(stream: Readable): AsyncGenerator<string[]> {
  let pending = '';
  let overflow = false;
  for await (const chunk of stream) {
    const s = typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('latin1');
    const out: string[] = [];
    let start = 0;
    let nl = s.indexOf('\n', start);
    while (nl >= 0) {
      let line = pending ? (overflow ? pending : pending + s.slice(start, Math.min(nl, start + MAX_LINE))) : s.slice(start, nl);
      if (line.length > MAX_LINE) line = line.slice(0, MAX_LINE);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      out.push(line);
      pending = '';
      overflow = false;
      start = nl + 1;
      nl = s.indexOf('\n', start);
    }
    if (!overflow && start < s.length) {
      pending += s.slice(start, start + MAX_LINE - pending.length);
      if (pending.length >= MAX_LINE) overflow = true;
    }
    if (out.length) yield out;
  }
  if (pending) yield [pending];
}

/** Split a stream of mbox data into messages ("From " separator lines; ">From " unescaped). */
export async function* splitMbox(stream: Readable, maxBytes = 64 * 1024 * 1024): AsyncGenerator<Buffer> {
  let lines: string[] = [];
  let size = 0;
  let started = false;
  let prevBlank = true;
  for await (const batch of streamLines(stream)) {
    for (const line of batch) {
      const blank = prevBlank;
      prevBlank = line === '';
      // A separator is a "From " line at the start or after a blank line (a "From " inside a paragraph is text).
      if (blank && line.startsWith('From ')) {
        if (started && lines.length) yield Buffer.from(lines.join('\n'), 'latin1');
        started = true;
        lines = [];
        size = 0;
        continue;
      }
      started = true;
      if (size > maxBytes) continue; // oversized message: keep its head, skip the rest
      const l = line.charCodeAt(0) === 62 && /^>+From /.test(line) ? line.slice(1) : line;
      lines.push(l);
      size += l.length + 1;
    }
  }
  if (lines.length) yield Buffer.from(lines.join('\n'), 'latin1');
}

/** Up to `maxBytes` of a stream; `over` when there was more (the stream is left unread: /dev/zero never ends). */
async function readAll(stream: Readable, maxBytes: number): Promise<{ buf: Buffer; over: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of stream) {
    const b = typeof c === 'string' ? Buffer.from(c, 'latin1') : (c as Buffer);
    chunks.push(b);
    size += b.length;
    if (size > maxBytes) {
      stream.destroy();
      return { buf: Buffer.alloc(0), over: true };
    }
  }
  return { buf: Buffer.concat(chunks), over: false };
}

const MIB = 1024 * 1024;

/** One message read whole: parsed, or "not checked" when it is over the limit for one message. */
async function oneMessage(stream: Readable, max: number, opts: ParseBounceOptions): Promise<BounceResult> {
  const { buf, over } = await readAll(stream, max);
  if (!over) return parseBounce(buf, opts);
  const limit = max >= MIB ? `${Math.round(max / MIB)} MiB` : `${max} B`;
  return unreadable(tx(`over ${limit}, the limit for one message: not read (a mailbox of many messages is read message by message when it starts with an mbox "From " line)`,
    `ponad ${limit}, limit jednej wiadomości: nie przeczytano (skrzynka z wieloma wiadomościami jest czytana po kolei, gdy zaczyna się wierszem „From ” formatu mbox)`));
}

/** Every message of every source, parsed. */
export async function* readBounces(sources: string | readonly string[], opts: ReadBouncesOptions = {}): AsyncGenerator<BounceItem> {
  const list = typeof sources === 'string' ? [sources] : sources;
  const max = opts.maxBytes ?? 64 * 1024 * 1024;
  for await (const file of expandBounceSources(list, opts.recursive)) {
    try {
      if (file === '-') {
        // Standard input is streamed too: peek at the first bytes, then split as an mbox or read one message.
        const input = opts.stdin ?? process.stdin;
        const it = (input as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
        const first = await it.next();
        if (first.done) { yield { file, result: parseBounce(Buffer.alloc(0), opts) }; continue; }
        const head = typeof first.value === 'string' ? Buffer.from(first.value, 'latin1') : first.value;
        const rest = Readable.from((async function* () { yield head; for (let n = await it.next(); !n.done; n = await it.next()) yield n.value; })());
        if (head.subarray(0, 5).toString('latin1') === 'From ') {
          let i = 0;
          for await (const m of splitMbox(rest, max)) yield { file, index: ++i, result: parseBounce(m, opts) };
        } else yield { file, result: await oneMessage(rest, max, opts) };
        continue;
      }
      // A .eml file is one message by definition, even when saved with an mbox "From " line in front.
      if (!/\.eml$/i.test(file) && await isMbox(file)) {
        let i = 0;
        for await (const m of splitMbox(createReadStream(file, { highWaterMark: 1024 * 1024 }), max)) {
          yield { file, index: ++i, result: parseBounce(m, opts) };
        }
      } else {
        yield { file, result: await oneMessage(createReadStream(file), max, opts) };
      }
    } catch (e) {
      const why = whyUnreadable(e);
      yield { file, result: unreadable(tx(`cannot read the file: ${why.en}`, `nie da się odczytać pliku: ${why.pl}`)) };
    }
  }
}
