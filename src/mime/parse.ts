/**
 * A small, careful MIME reader for bounce messages. Hand-written rather than a general library because the
 * input is hostile by nature (truncated copies, missing or lying boundaries, nesting bombs, huge attachments,
 * bogus charsets, NUL bytes, megabyte headers) and must be read in time linear in its size:
 *  - the message is held as a latin1 string (one char per byte), so slicing never breaks a multibyte char;
 *  - boundaries are found with indexOf, each byte is looked at a bounded number of times;
 *  - nesting stops at MAX_DEPTH (deeper content stays an opaque leaf), header blocks are capped;
 *  - only text-like parts are transfer-decoded and charset-decoded (attachments are skipped, not decoded).
 */

import { decodeWords } from './encoded-words.js';
import { isAscii } from 'node:buffer';

export const MAX_DEPTH = 24;
const MAX_HEADER_BYTES = 256 * 1024;
const MAX_HEADERS = 1000;
const MAX_PARTS = 2000;

export type HeaderList = [name: string, value: string][];

export interface MimePart {
  headers: HeaderList;
  /** Lowercase "type/subtype"; text/plain when absent or unreadable. */
  contentType: string;
  params: Record<string, string>;
  /** Child parts of multipart/* and the embedded message of message/rfc822 (one child). */
  parts: MimePart[];
  /** The body as a latin1 string (raw bytes, still transfer-encoded). */
  rawBody: string;
  depth: number;
  /** "message" for the headers-only entity embedded in a message/rfc822 part (the returned original). */
  parent?: 'message';
}

/** Raw bytes (or a string) → a latin1 "byte string". */
export function toByteString(raw: string | Uint8Array): string {
  if (typeof raw === 'string') {
    // A JS string from a caller: keep code points ≤ 0xff as they are, encode the rest as UTF-8 bytes.
    // eslint-disable-next-line no-control-regex
    return /[^\u0000-\u00ff]/.test(raw) ? Buffer.from(raw, 'utf8').toString('latin1') : raw;
  }
  return Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
}

/** Index where the body starts and the header block's end. */
function splitHeaderBody(s: string, from: number, to: number): { headEnd: number; bodyStart: number } {
  // A blank line ends the header block; accept \n\n and \r\n\r\n (and mixed).
  let i = from;
  // Message starts with an empty line: no headers.
  if (s.startsWith('\r\n', from) || s.charCodeAt(from) === 10) {
    return { headEnd: from, bodyStart: from + (s.charCodeAt(from) === 13 ? 2 : 1) };
  }
  while (i < to) {
    const nl = s.indexOf('\n', i);
    if (nl < 0 || nl >= to) return { headEnd: to, bodyStart: to };
    const next = nl + 1;
    if (next >= to) return { headEnd: to, bodyStart: to };
    const c = s.charCodeAt(next);
    if (c === 10) return { headEnd: nl, bodyStart: next + 1 };
    if (c === 13 && s.charCodeAt(next + 1) === 10) return { headEnd: nl, bodyStart: next + 2 };
    i = next;
  }
  return { headEnd: to, bodyStart: to };
}

/** JS whitespace: String.prototype.trim's and regex \s's set (index arithmetic cuts exactly what they would). */
export function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f ||
    c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** text.slice(from, to).trim() with one string cut instead of two. */
function trimmedSlice(text: string, from: number, to: number): string {
  while (from < to && isJsSpace(text.charCodeAt(from))) from++;
  while (to > from && isJsSpace(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

/** Lowercase a header name, allocating only when it has an uppercase letter (checked by char code, no regex). */
function lowerName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return name.toLowerCase();
  }
  return name;
}

/** Unfold and split a header block. Lines without a colon are skipped; the block is capped in size and count. */
export function parseHeaderBlock(block: string): HeaderList {
  return parseHeaderRange(block, 0, Math.min(block.length, MAX_HEADER_BYTES));
}

/**
 * parseHeaderBlock over s[from, to) without cutting the block out first. Index arithmetic instead of per-line
 * strings: only names and values are cut out.
 */
function parseHeaderRange(text: string, from0: number, n: number): HeaderList {
  const out: HeaderList = [];
  let cur: [string, string] | undefined;
  let start = from0;
  while (start <= n && out.length < MAX_HEADERS) {
    let nl = text.indexOf('\n', start);
    if (nl < 0 || nl > n) nl = n;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const from = start;
    start = nl + 1;
    if (end === from) continue;
    const c = text.charCodeAt(from);
    if ((c === 32 || c === 9) && cur) {
      if (cur[1].length < 65536) cur[1] += ' ' + trimmedSlice(text, from, end);
      continue;
    }
    // The colon must come within the first 77 characters of the line: look no further (a line without one
    // no longer searches the rest of the block).
    let colon = -1;
    for (let k = from, lim = Math.min(end, from + 77); k < lim; k++) if (text.charCodeAt(k) === 58) { colon = k; break; }
    if (colon <= from) {
      // A parameter folded without indentation ("boundary=..." at the start of a line): broken but common.
      if (cur) {
        const line = text.slice(from, end);
        if (/^[A-Za-z-]{1,40}\*?=/.test(line)) { cur[1] += ' ' + line.trim(); continue; }
      }
      cur = undefined;
      continue;
    }
    let nameEnd = colon;
    while (nameEnd > from && (text.charCodeAt(nameEnd - 1) === 32 || text.charCodeAt(nameEnd - 1) === 9)) nameEnd--;
    if (nameEnd === from) { cur = undefined; continue; }
    const raw = text.slice(from, nameEnd);
    if (raw.includes(' ')) { cur = undefined; continue; }
    cur = [lowerName(raw), trimmedSlice(text, colon + 1, end)];
    out.push(cur);
  }
  return out;
}

export function header(h: HeaderList, name: string): string | undefined {
  for (const [n, v] of h) if (n === name) return v;
  return undefined;
}

export function headers(h: HeaderList, name: string): string[] {
  const out: string[] = [];
  for (const [n, v] of h) if (n === name) out.push(v);
  return out;
}

/** Parse `type/subtype; a=b; c="d"` without regex backtracking. */
export function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  if (!value) return { type: 'text/plain', params };
  const v = value.length > 4096 ? value.slice(0, 4096) : value;
  const semi = v.indexOf(';');
  let type = (semi < 0 ? v : v.slice(0, semi)).trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(type)) type = 'text/plain';
  let i = semi < 0 ? v.length : semi + 1;
  while (i < v.length) {
    while (i < v.length && (v[i] === ' ' || v[i] === '\t' || v[i] === ';')) i++;
    const eq = v.indexOf('=', i);
    if (eq < 0) break;
    const key = v.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < v.length && (v[i] === ' ' || v[i] === '\t')) i++;
    let val = '';
    if (v[i] === '"') {
      i++;
      // Most quoted values hold no backslash: one slice up to the closing quote.
      let close = v.indexOf('"', i);
      if (close < 0) close = v.length;
      const bs = v.indexOf('\\', i);
      if (bs < 0 || bs >= close) { val = v.slice(i, close); i = close; }
      while (i < v.length && v[i] !== '"') {
        if (v[i] === '\\' && i + 1 < v.length) i++;
        val += v[i];
        i++;
      }
      i++;
    } else {
      const end = v.indexOf(';', i);
      val = (end < 0 ? v.slice(i) : v.slice(i, end)).trim();
      i = end < 0 ? v.length : end;
    }
    if (key && !(key in params)) params[key.includes('*') ? key.replace(/\*0?\*?$/, '') : key] = val;
  }
  return { type, params };
}

interface Budget {
  parts: number;
}

/** One parameter of a Content-Type or Content-Disposition value (`boundary`, `charset`, `filename` …). */
export function contentParam(value: string | undefined, name: string): string | undefined {
  return value ? parseContentType(value).params[name.toLowerCase()] : undefined;
}

/** Parse a whole message (or an embedded one) from a byte string. Never throws on malformed input. */
export function parseMime(raw: string | Uint8Array): MimePart {
  const s = toByteString(raw);
  return parseEntity(s, 0, s.length, 0, { parts: 0 });
}

function parseEntity(s: string, from: number, to: number, depth: number, budget: Budget): MimePart {
  budget.parts++;
  const { headEnd, bodyStart } = splitHeaderBody(s, from, to);
  const hs = parseHeaderRange(s, from, Math.min(headEnd, from + MAX_HEADER_BYTES));
  const ctHeader = header(hs, 'content-type');
  const ct = parseContentType(ctHeader);
  // No Content-Type at all, yet the body is cut by boundary lines (MIME headers lost on the way): guess it.
  if (!ctHeader && depth === 0) {
    const guessed = guessBoundary(s, bodyStart, Math.min(to, bodyStart + 1024), Math.min(to, bodyStart + 65536));
    if (guessed) { ct.type = 'multipart/mixed'; ct.params.boundary = guessed; }
  }
  const part: MimePart = { headers: hs, contentType: ct.type, params: ct.params, parts: [], rawBody: '', depth };
  const canNest = depth < MAX_DEPTH && budget.parts < MAX_PARTS;
  if (ct.type.startsWith('multipart/') && ct.params.boundary && canNest) {
    const children = splitMultipart(s, bodyStart, to, ct.params.boundary);
    if (children) {
      part.rawBody = s.slice(bodyStart, Math.min(to, bodyStart + (children[0]?.[0] ?? to) - bodyStart));
      for (const [a, b] of children) {
        if (budget.parts >= MAX_PARTS) break;
        part.parts.push(parseEntity(s, a, b, depth + 1, budget));
      }
      return part;
    }
    // Lying boundary: no delimiter found. Read the body as plain text.
    part.contentType = 'text/plain';
  } else if (ct.type.startsWith('multipart/')) part.contentType = 'text/plain';
  if ((ct.type === 'message/rfc822' || ct.type === 'message/global') && canNest) {
    const enc = (header(hs, 'content-transfer-encoding') ?? '').trim().toLowerCase();
    // The embedded (original) message: only its headers are read now (Message-ID, Subject, From …); its
    // body stays raw in rawBody, to be parsed with parseMime() only if ever needed (a forwarded bounce).
    // A base64/QP wrapper is undone first (rare but seen).
    const body = enc === 'base64' || enc === 'quoted-printable' ? decodeTransfer(s.slice(bodyStart, to), enc) : s.slice(bodyStart, to);
    part.rawBody = body;
    budget.parts++;
    part.parts.push(new EmbeddedMessage(body, depth + 1));
    return part;
  }
  part.rawBody = s.slice(bodyStart, to);
  return part;
}

const BOUNDARY_LINE = /^--([0-9A-Za-z'()+_,./:=?-]{6,70})\r?$/m;

/** A "--token" line that occurs again later as a delimiter: the boundary of a multipart with lost headers. */
function guessBoundary(s: string, from: number, firstBy: number, to: number): string | undefined {
  // The first delimiter must come right after a short preamble (not inside a returned copy further down).
  const m = BOUNDARY_LINE.exec(s.slice(from, firstBy));
  if (!m) return undefined;
  const b = m[1]!;
  if (!/[0-9A-Za-z]/.test(b)) return undefined; // a line of dashes is a separator, not a boundary
  const again = s.indexOf('\n--' + b, from + m.index + b.length + 2);
  return again >= 0 && again < to ? b : undefined;
}

/**
 * The returned original inside a message/rfc822 part: its headers are parsed only when first read (most
 * bounces never need more than Message-ID, Subject and From, and many never look at it at all).
 */
class EmbeddedMessage implements MimePart {
  readonly parts: MimePart[] = [];
  readonly parent = 'message' as const;
  private parsed?: { headers: HeaderList; type: string; params: Record<string, string>; bodyStart: number };

  constructor(private readonly raw: string, readonly depth: number) {}

  private get p(): { headers: HeaderList; type: string; params: Record<string, string>; bodyStart: number } {
    if (!this.parsed) {
      const inner = splitHeaderBody(this.raw, 0, this.raw.length);
      const headers = parseHeaderRange(this.raw, 0, Math.min(inner.headEnd, MAX_HEADER_BYTES));
      const ct = parseContentType(header(headers, 'content-type'));
      this.parsed = { headers, type: ct.type, params: ct.params, bodyStart: inner.bodyStart };
    }
    return this.parsed;
  }

  get headers(): HeaderList { return this.p.headers; }
  get contentType(): string { return this.p.type; }
  get params(): Record<string, string> { return this.p.params; }
  get rawBody(): string { return this.raw.slice(this.p.bodyStart); }
}

/** Body ranges between `--boundary` delimiter lines; undefined when no delimiter occurs at all. */
function splitMultipart(s: string, from: number, to: number, boundary: string): [number, number][] | undefined {
  const delim = '--' + boundary;
  const ranges: [number, number][] = [];
  let pos = from;
  let partStart = -1;
  let found = false;
  while (pos < to) {
    const i = s.indexOf(delim, pos);
    if (i < 0 || i >= to) break;
    // A delimiter must start a line.
    if (i !== from && s.charCodeAt(i - 1) !== 10) { pos = i + delim.length; continue; }
    found = true;
    const closing = s.startsWith('--', i + delim.length);
    if (partStart >= 0) {
      let end = i - 1; // the newline before the delimiter belongs to it
      if (end > partStart && s.charCodeAt(end - 1) === 13) end--;
      ranges.push([partStart, Math.max(partStart, end)]);
    }
    if (closing) { partStart = -1; break; }
    const nl = s.indexOf('\n', i + delim.length);
    if (nl < 0 || nl >= to) { partStart = -1; break; }
    partStart = nl + 1;
    pos = partStart;
    if (ranges.length >= MAX_PARTS) break;
  }
  // Truncated message: the last part runs to the end.
  if (partStart >= 0 && partStart < to) ranges.push([partStart, to]);
  return found ? ranges : undefined;
}

/** Undo base64 / quoted-printable; returns a byte string. */
export function decodeTransfer(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  if (encoding === 'quoted-printable') return decodeQPBytes(body);
  return body;
}

const QP = /=(?:\r?\n|([0-9A-Fa-f]{2}))/g;

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) { HEX[65 + i] = 10 + i; HEX[97 + i] = 10 + i; }
const hexOf = (c: number): number => (c < 128 ? HEX[c]! : -1);

/**
 * Quoted-printable of a byte string into one buffer (the same result as decodeQP's regex replace, without a
 * callback and a one-character string per escape). Falls back to decodeQP for text beyond one byte.
 */
function decodeQPBytes(body: string): string {
  if (!body.includes('=')) return body;
  const n = body.length;
  const out = Buffer.allocUnsafe(n);
  let o = 0;
  let i = 0;
  while (i < n) {
    const c = body.charCodeAt(i);
    if (c > 0xff) return decodeQP(body);
    if (c === 61) {
      const a = body.charCodeAt(i + 1);
      if (a === 10) { i += 2; continue; }
      if (a === 13 && body.charCodeAt(i + 2) === 10) { i += 3; continue; }
      const h = hexOf(a);
      const l = h < 0 ? -1 : hexOf(body.charCodeAt(i + 2));
      if (l >= 0) { out[o++] = h * 16 + l; i += 3; continue; }
    }
    out[o++] = c;
    i++;
  }
  return out.toString('latin1', 0, o);
}

function decodeQP(body: string): string {
  if (!body.includes('=')) return body;
  return body.replace(QP, (_m, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : ''));
}

const decoders = new Map<string, TextDecoder>();

/** Byte string → text in the given charset; unknown charsets fall back to UTF-8, then latin1. */
export function decodeCharset(bytes: string, charset: string | undefined): string {
  const special = !!charset && /2022|utf-7|utf-16/i.test(charset);
  let buf: Buffer | undefined;
  // Pure ASCII needs no decoding. A long text is tested as bytes (the buffer serves the decoding too); a
  // character beyond one byte turns into some byte there, but such text is returned as it is below anyway.
  if (bytes.length >= 512) {
    if (!special) {
      buf = Buffer.from(bytes, 'latin1');
      if (isAscii(buf)) return bytes;
    }
  // eslint-disable-next-line no-control-regex
  } else if (!special && !/[^\u0000-\u007f]/.test(bytes)) return bytes;
  // Already text (characters beyond one byte): decoded before, leave it alone.
  // eslint-disable-next-line no-control-regex
  if (/[^\u0000-\u00ff]/.test(bytes)) return bytes;
  const label = (charset ?? 'utf-8').trim().toLowerCase() || 'utf-8';
  let dec = decoders.get(label);
  if (!dec) {
    try {
      dec = new TextDecoder(label === 'us-ascii' || label === 'ascii' ? 'utf-8' : label);
    } catch {
      dec = new TextDecoder('utf-8');
    }
    decoders.set(label, dec);
  }
  buf ??= Buffer.from(bytes, 'latin1');
  // UTF-8 without a byte-order mark: Buffer's native decoder gives what TextDecoder gives (both replace invalid
  // sequences with U+FFFD), without TextDecoder's per-call overhead. (TextDecoder drops a leading BOM.)
  const utf8 = dec.encoding === 'utf-8';
  const text = utf8 && !(buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) ? buf.toString('utf8') : dec.decode(buf);
  // Invalid UTF-8 (a lying charset): latin1/windows-1252 reads better than replacement characters.
  if (utf8 && text.includes('\ufffd')) return new TextDecoder('windows-1252').decode(buf);
  return text;
}

/** The decoded text of a leaf part. */
export function partText(p: MimePart, limit = 8 * 1024 * 1024): string {
  const enc = (header(p.headers, 'content-transfer-encoding') ?? '').trim().toLowerCase();
  const raw = p.rawBody.length > limit ? p.rawBody.slice(0, limit) : p.rawBody;
  return decodeCharset(decodeTransfer(raw, enc), p.params.charset);
}

/** Decode RFC 2047 encoded words in a header value (a byte string). */
export function decodeHeaderValue(value: string): string {
  // Raw 8-bit bytes first (UTF-8, or raw ISO-2022-JP as Japanese mail often has); encoded words are ASCII
  // and pass through unchanged, then are decoded each in its own charset.
  const v = value.includes('\x1b$') ? decodeCharset(value, 'iso-2022-jp') : decodeCharset(value, 'utf-8');
  return v.includes('=?') ? decodeWords(v) : v;
}

/** The Q encoding of RFC 2047 ("_" is a space, =XX a byte) into a byte string. */
export function decodeQ(data: string): string {
  return decodeQP(data.replace(/_/g, ' '));
}

/** Every part, depth first, in order. */
export function* walkParts(p: MimePart): Generator<MimePart> {
  const stack: MimePart[] = [p];
  while (stack.length) {
    const cur = stack.pop()!;
    yield cur;
    for (let i = cur.parts.length - 1; i >= 0; i--) stack.push(cur.parts[i]!);
  }
}
