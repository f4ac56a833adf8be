/**
 * The header block of a message (RFC 5322 §2.2), parsed in one linear pass with bounded work per field:
 * hostile input (no colon, 1 MB folded lines, tens of thousands of fields, binary) yields problems, never a crash.
 *
 * The MIME layer's diagnostic reader: where a user pastes headers to be judged (`message`), it keeps each field's
 * line, its full length and what is wrong with the block. parse.ts's reader is the fast one for parts and bounces,
 * which need only names and values.
 */
import { trimEndOf, trimStartOf } from '../core/trim.js';

/** One header field, unfolded. */
export interface HeaderField {
  /** Field name as written. */
  name: string;
  /** Lower-cased name, for lookups. */
  key: string;
  /** Unfolded value (line breaks removed, leading whitespace trimmed), at most `maxValue` characters. */
  value: string;
  /** Position among the fields, 0 = topmost (the newest trace headers are on top). */
  index: number;
  /** 1-based line number where the field starts. */
  line: number;
  /** Full unfolded length, even when `value` was cut. */
  length: number;
  truncated: boolean;
}

export type HeaderProblemKind = 'no-colon' | 'bad-name' | 'too-long' | 'too-many' | 'mbox-from' | 'leading-continuation' | 'nul-byte';

/**
 * Something wrong in the header block (a line without a colon, a bad name, a value too long …), where, with a short
 * excerpt.
 */
export interface HeaderProblem {
  kind: HeaderProblemKind;
  line: number;
  /** A short, cut excerpt of the offending line (data). */
  excerpt: string;
}

/** A message split into its header fields and body, with the problems met on the way. */
export interface ParsedHeaders {
  fields: HeaderField[];
  /** The body as text (empty when only headers were given). */
  body: string;
  /** True when no empty line ended the header block: headers pasted alone. */
  headersOnly: boolean;
  problems: HeaderProblem[];
  /** Problems beyond the recorded ones (counted, not kept). */
  problemsDropped: number;
}

export interface HeaderLimits {
  /** Characters of one unfolded value kept for analysis (the rest is counted). */
  maxValue: number;
  /** Fields kept; the rest is counted as a problem. */
  maxFields: number;
  /** Problems kept with their excerpt. */
  maxProblems: number;
}

/** The default bounds on header parsing: 64 KiB kept of one value, 50,000 fields, 50 problems recorded. */
export const HEADER_LIMITS: HeaderLimits = { maxValue: 64 * 1024, maxFields: 50_000, maxProblems: 50 };

const EXCERPT = 80;
const excerpt = (s: string) => (s.length > EXCERPT ? s.slice(0, EXCERPT) + '…' : s);

/** A field name: printable US-ASCII except colon (RFC 5322 ftext), at most 200 characters. */
function validName(name: string): boolean {
  if (!name.length || name.length > 200) return false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 33 || c > 126) return false;
  }
  return true;
}

/** Split a message (or headers alone) into header fields and body. Linear in the input size. */
export function parseHeaderBlock(input: string, limits: Partial<HeaderLimits> = {}): ParsedHeaders {
  const lim = { ...HEADER_LIMITS, ...limits };
  const fields: HeaderField[] = [];
  const problems: HeaderProblem[] = [];
  let problemsDropped = 0;
  const problem = (kind: HeaderProblemKind, line: number, text: string) => {
    if (problems.length < lim.maxProblems) problems.push({ kind, line, excerpt: excerpt(text) });
    else problemsDropped++;
  };

  // Leading empty lines (a paste with a blank line on top) are not the end of an empty header block.
  let pos = 0;
  let lineNo = 1;
  while (pos < input.length) {
    const nl = input.indexOf('\n', pos);
    const line = input.slice(pos, nl < 0 ? input.length : nl).replace(/\r$/, '');
    if (line.trim() !== '' || nl < 0) break;
    pos = nl + 1;
    lineNo++;
  }

  let cur: { name: string; parts: string[]; size: number; kept: number; line: number } | null = null;
  let tooMany = 0;
  const flush = () => {
    if (!cur) return;
    if (fields.length >= lim.maxFields) {
      tooMany++;
    } else {
      const raw = cur.parts.join('');
      const value = trimEndOf(trimStartOf(raw, ' \t'), ' \t\r');
      const truncated = cur.size > lim.maxValue;
      fields.push({ name: cur.name, key: cur.name.toLowerCase(), value, index: fields.length, line: cur.line, length: cur.size, truncated });
      if (truncated) problem('too-long', cur.line, `${cur.name}: ${cur.size} characters`);
    }
    cur = null;
  };
  const append = (text: string) => {
    if (!cur) return;
    cur.size += text.length;
    const room = lim.maxValue - cur.kept;
    if (room > 0) {
      const kept = text.length > room ? text.slice(0, room) : text;
      cur.parts.push(kept);
      cur.kept += kept.length;
    }
  };

  let body = '';
  let headersOnly = true;
  let first = true;
  while (pos < input.length) {
    const nl = input.indexOf('\n', pos);
    const end = nl < 0 ? input.length : nl;
    let line = input.slice(pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const next = nl < 0 ? input.length : nl + 1;
    if (line === '') {
      flush();
      body = input.slice(next);
      headersOnly = false;
      pos = input.length;
      break;
    }
    if (line.includes('\0')) problem('nul-byte', lineNo, line.replace(/\0/g, '\\0'));
    if (line[0] === ' ' || line[0] === '\t') {
      if (cur) {
        // Keep only the room we have: a 1 MB folded field costs its length once, not its length squared.
        if (cur.size <= lim.maxValue) append(line);
        else cur.size += line.length;
      } else problem('leading-continuation', lineNo, line);
    } else if (first && line.startsWith('From ')) {
      problem('mbox-from', lineNo, line);
    } else {
      flush();
      const colon = line.indexOf(':');
      if (colon < 0) problem('no-colon', lineNo, line);
      else {
        // Obsolete syntax allows whitespace before the colon ("Subject : x").
        const name = trimEndOf(line.slice(0, colon), ' \t');
        if (!validName(name)) problem('bad-name', lineNo, line);
        else {
          cur = { name, parts: [], size: 0, kept: 0, line: lineNo };
          append(line.slice(colon + 1));
        }
      }
    }
    first = false;
    pos = next;
    lineNo++;
  }
  flush();
  if (tooMany) problem('too-many', lineNo, `${tooMany} fields over the limit of ${lim.maxFields}`);
  return { fields, body, headersOnly, problems, problemsDropped };
}

/** Fields with that name (case-insensitive), top first. */
export function headerAll(fields: readonly HeaderField[], name: string): HeaderField[] {
  const key = name.toLowerCase();
  return fields.filter((f) => f.key === key);
}

/** The first (topmost) field with that name. */
export function headerFirst(fields: readonly HeaderField[], name: string): HeaderField | undefined {
  const key = name.toLowerCase();
  return fields.find((f) => f.key === key);
}

/**
 * Split a structured value at `sep` outside comments "( )" and quoted strings; bounded nesting. Linear.
 * Used for Authentication-Results (";"), X-Forefront-Antispam-Report (";") and friends.
 */
export function splitOutside(value: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && (quoted || depth)) { i++; continue; }
    if (quoted) { if (c === '"') quoted = false; continue; }
    if (c === '"' && !depth) quoted = true;
    else if (c === '(') depth = Math.min(depth + 1, 64);
    else if (c === ')') depth = Math.max(depth - 1, 0);
    else if (c === sep && !depth) { out.push(value.slice(start, i)); start = i + 1; }
  }
  out.push(value.slice(start));
  return out.map((s) => s.trim()).filter((s) => s.length);
}

/** A token of a structured header: a word or a "(comment)" (nested comments kept whole), quotes removed. */
export interface Token {
  kind: 'word' | 'comment';
  text: string;
}

/** Tokenize a structured value into words and comments; linear, nesting bounded. */
export function tokenize(value: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    const c = value[i]!;
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') { i++; continue; }
    if (c === '(') {
      let depth = 0;
      const start = i;
      for (; i < n; i++) {
        const d = value[i];
        if (d === '\\') { i++; continue; }
        if (d === '(') depth++;
        else if (d === ')' && --depth === 0) { i++; break; }
      }
      out.push({ kind: 'comment', text: value.slice(start + 1, i - (value[i - 1] === ')' ? 1 : 0)).trim() });
      continue;
    }
    if (c === '"') {
      const start = ++i;
      while (i < n && value[i] !== '"') i += value[i] === '\\' ? 2 : 1;
      out.push({ kind: 'word', text: value.slice(start, Math.min(i, n)) });
      i++;
      continue;
    }
    const start = i;
    while (i < n && !' \t\r\n("'.includes(value[i]!)) i++;
    out.push({ kind: 'word', text: value.slice(start, i) });
  }
  return out;
}
