/**
 * Reading a queue listing: the format is recognised by content (a `postqueue -j` dump whatever its name), the
 * text is split into lines as it streams (a 100,000-message dump never sits in memory as a whole), and each
 * message goes to the caller as soon as its last line is read. Unreadable lines are kept as problems; the rest
 * still counts.
 */
import { tx } from '../i18n/text.js';
import { eximParser } from './formats/exim.js';
import { postqueueJsonParser } from './formats/postfix-json.js';
import { postqueueTextParser } from './formats/postfix-text.js';
import { sendmailParser } from './formats/sendmail.js';
import type { QueueFormat, QueueMessage, QueueParser, QueueProblem } from './types.js';

/** Which listing a line starts (undefined: this line does not tell). */
export function detectFormat(line: string): QueueFormat | undefined {
  const t = line.trimStart();
  if (!t) return undefined;
  if (t.startsWith('{')) return 'postqueue-json';
  if (/^-Queue ID-|^Mail queue is empty/.test(t)) return 'postqueue-text';
  if (/^\/\S*\s+\(\d+ requests?\)|^-+Q-ID-+|^\/\S+ is empty/.test(t)) return 'sendmail-mailq';
  if (/^\d{1,6}[smhdw]\s+\d{1,9}(?:\.\d{1,3})?[KMG]?\s+[0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}\s+</.test(t)) return 'exim-bp';
  return undefined;
}

export function parserFor(format: QueueFormat, now: number): QueueParser {
  switch (format) {
    case 'postqueue-json': return postqueueJsonParser(now);
    case 'postqueue-text': return postqueueTextParser(now);
    case 'exim-bp': return eximParser();
    case 'sendmail-mailq': return sendmailParser(now);
  }
}

/** How to read a queue listing: "now" for the ages, a format to force, and the size cap. */
export interface ReadQueueOptions {
  /** "Now" for ages (ms since the epoch); default the clock. */
  now?: number;
  /** Force a format instead of recognising it. */
  format?: QueueFormat;
  /** Largest input read, bytes (default 4 GiB); past it reading stops and a problem says so. */
  maxBytes?: number;
}

/**
 * What reading a listing gave besides its messages: the format recognised, lines and bytes read, the problems met,
 * and whether the size cap cut it.
 */
export interface QueueReading {
  format?: QueueFormat;
  lines: number;
  bytes: number;
  problems: QueueProblem[];
  /** Reading stopped at the size cap. */
  truncated: boolean;
}

/** Lines that decide nothing before the format is known are read at most this far. */
const DETECT_LINES = 50;

/**
 * Read a listing from text, bytes or a stream of chunks, calling `onMessage` for every message. Returns what was
 * read and the problems; never throws for bad content (an unrecognised listing is a problem, not an exception).
 */
export async function readQueue(source: string | Uint8Array | AsyncIterable<string | Uint8Array>, onMessage: (m: QueueMessage) => void,
  opts: ReadQueueOptions = {}): Promise<QueueReading> {
  const now = opts.now ?? Date.now();
  const max = opts.maxBytes ?? 4 * 1024 * 1024 * 1024;
  const reading: QueueReading = { lines: 0, bytes: 0, problems: [], truncated: false };
  let parser: QueueParser | undefined = opts.format ? parserFor(opts.format, now) : undefined;
  if (parser) reading.format = parser.format;
  const pending: string[] = [];
  let carry = '';
  const decoder = new TextDecoder('utf-8');
  const line = (text: string): void => {
    reading.lines++;
    if (!parser) {
      const f = detectFormat(text);
      if (!f) {
        if (pending.length < DETECT_LINES) pending.push(text);
        return;
      }
      parser = parserFor(f, now);
      reading.format = f;
      // Lines before the first telling one belong to the listing too (a blank line, a banner).
      let n = reading.lines - pending.length;
      for (const p of pending) for (const m of parser.push(p, n++)) onMessage(m);
      pending.length = 0;
    }
    for (const m of parser.push(text.endsWith('\r') ? text.slice(0, -1) : text, reading.lines)) onMessage(m);
  };
  const chunk = (c: string): void => {
    let from = 0;
    for (let nl = c.indexOf('\n'); nl >= 0; nl = c.indexOf('\n', from)) {
      const piece = c.slice(from, nl);
      line(carry ? carry + piece : piece);
      carry = '';
      from = nl + 1;
    }
    carry += c.slice(from);
    // A line longer than 1 MiB is no queue listing line: cut it rather than hold it.
    if (carry.length > 1024 * 1024) { line(carry); carry = ''; }
  };
  const iterable: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> = typeof source === 'string' || source instanceof Uint8Array ? [source] : source;
  for await (const c of iterable) {
    const size = typeof c === 'string' ? c.length : c.byteLength;
    if (reading.bytes + size > max) {
      const room = max - reading.bytes;
      chunk(typeof c === 'string' ? c.slice(0, room) : decoder.decode(c.subarray(0, room), { stream: true }));
      reading.bytes = max;
      reading.truncated = true;
      reading.problems.push({ line: reading.lines, text: '', why: tx(`the input is over ${max} bytes: the rest was not read`, `dane są większe niż ${max} bajtów: reszty nie przeczytano`) });
      break;
    }
    reading.bytes += size;
    chunk(typeof c === 'string' ? c : decoder.decode(c, { stream: true }));
  }
  if (!reading.truncated) chunk(decoder.decode());
  if (carry) line(carry);
  if (parser) {
    for (const m of parser.end()) onMessage(m);
    reading.problems.push(...parser.problems);
  } else if (reading.lines && pending.some((p) => p.trim())) {
    reading.problems.push({ line: 1, text: pending.find((p) => p.trim())!.slice(0, 200),
      why: tx('not a queue listing this version reads (postqueue -j or -p, exim -bp, Sendmail mailq)', 'to nie jest lista kolejki, którą ta wersja czyta (postqueue -j lub -p, exim -bp, mailq Sendmaila)') });
  }
  return reading;
}
