import type { Text } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';

/**
 * SPF macros (RFC 7208 §7): validation of macro-strings at parse time, expansion at evaluation time.
 */

export const MACRO_LETTERS = 'slodiphcrtv';
/** Letters allowed only in exp= explanation strings. */
export const EXP_ONLY_LETTERS = 'crt';
const DELIMITERS = '.-+,/_=';

export interface MacroError { pos: number; message: Text }

/** One parsed piece of a macro-string. */
export type MacroPart =
  | { kind: 'literal'; text: string }
  | { kind: 'macro'; letter: string; upper: boolean; digits: number | undefined; reverse: boolean; delimiters: string; raw: string };

/**
 * Parse a macro-string (or an explain-string when `explain` is true: spaces allowed). Returns the parts or the
 * first error with its position inside `s`.
 */
export function parseMacroString(s: string, explain = false): { parts: MacroPart[]; error?: MacroError } {
  const parts: MacroPart[] = [];
  let lit = '';
  const flush = () => { if (lit) { parts.push({ kind: 'literal', text: lit }); lit = ''; } };
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = ch.charCodeAt(0);
    if (ch !== '%') {
      if ((code >= 0x21 && code <= 0x7e) || (explain && ch === ' ')) { lit += ch; continue; }
      return { parts, error: { pos: i, message: code > 0x7e ? tx('non-ASCII character', 'znak spoza ASCII') : tx(`character 0x${code.toString(16).padStart(2, '0')} is not allowed`, `znak 0x${code.toString(16).padStart(2, '0')} jest niedozwolony`) } };
    }
    const next = s[i + 1];
    if (next === '%') { lit += '%'; i++; continue; }
    if (next === '_') { lit += ' '; i++; continue; }
    if (next === '-') { lit += '%20'; i++; continue; }
    if (next !== '{') return { parts, error: { pos: i, message: tx('"%" must be followed by {, %, _ or -', 'po „%” musi być {, %, _ albo -') } };
    const close = s.indexOf('}', i + 2);
    if (close < 0) return { parts, error: { pos: i, message: tx('macro is not closed with "}"', 'makro nie jest zamknięte znakiem „}”') } };
    const body = s.slice(i + 2, close);
    const letter = body[0] ?? '';
    if (!letter || !MACRO_LETTERS.includes(letter.toLowerCase())) {
      return { parts, error: { pos: i + 2, message: tx(`unknown macro letter "${letter}"`, `nieznana litera makra „${letter}”`) } };
    }
    if (!explain && EXP_ONLY_LETTERS.includes(letter.toLowerCase())) {
      return { parts, error: { pos: i + 2, message: tx(`macro letter "${letter}" is allowed only in exp= explanations`, `litera makra „${letter}” jest dozwolona tylko w wyjaśnieniach exp=`) } };
    }
    let j = 1;
    let digitText = '';
    while (j < body.length && body[j]! >= '0' && body[j]! <= '9') digitText += body[j++];
    let reverse = false;
    if (body[j] === 'r' || body[j] === 'R') { reverse = true; j++; }
    let delimiters = '';
    while (j < body.length && DELIMITERS.includes(body[j]!)) delimiters += body[j++];
    if (j !== body.length) return { parts, error: { pos: i + 2 + j, message: tx(`unexpected "${body[j]}" in macro`, `nieoczekiwany znak „${body[j]}” w makrze`) } };
    if (digitText && (Number(digitText) === 0 || digitText.length > 3)) {
      return { parts, error: { pos: i + 3, message: tx('macro digit transformer must be 1 to 999', 'liczba w makrze musi wynosić od 1 do 999') } };
    }
    flush();
    parts.push({
      kind: 'macro', letter: letter.toLowerCase(), upper: letter !== letter.toLowerCase(),
      digits: digitText ? Number(digitText) : undefined, reverse, delimiters: delimiters || '.', raw: s.slice(i, close + 1),
    });
    i = close;
  }
  flush();
  return { parts };
}

/** What macros expand to; `p` is async (it needs DNS) and asked only when used. */
export interface MacroContext {
  sender: string;
  localPart: string;
  senderDomain: string;
  domain: string;
  ip: string;
  ipVersion: 4 | 6;
  /** Bytes of the IP (for %{i} of IPv6: nibbles). */
  ipBytes: number[];
  helo: string;
  receiver?: string;
  now?: () => number;
  validatedName?: () => Promise<string>;
}

function urlEscape(s: string): string {
  // RFC 7208 §7.3: uppercase macro letters are URL-escaped (RFC 3986 unreserved kept).
  return Array.from(Buffer.from(s, 'utf8')).map((b) => {
    const c = String.fromCharCode(b);
    return /[A-Za-z0-9\-._~]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }).join('');
}

function letterValue(letter: string, ctx: MacroContext): string | Promise<string> {
  switch (letter) {
    case 's': return ctx.sender;
    case 'l': return ctx.localPart;
    case 'o': return ctx.senderDomain;
    case 'd': return ctx.domain;
    case 'i': return ctx.ipVersion === 4 ? ctx.ipBytes.join('.')
      : ctx.ipBytes.flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]).join('.');
    case 'c': return ctx.ip;
    case 'v': return ctx.ipVersion === 4 ? 'in-addr' : 'ip6';
    case 'h': return ctx.helo;
    case 'r': return ctx.receiver || 'unknown';
    case 't': return String(Math.floor((ctx.now ?? Date.now)() / 1000));
    case 'p': return ctx.validatedName ? ctx.validatedName() : 'unknown';
    default: return '';
  }
}

/** Expand parsed macro parts (call `parseMacroString` first). */
export async function expandMacroParts(parts: MacroPart[], ctx: MacroContext): Promise<string> {
  let out = '';
  for (const p of parts) {
    if (p.kind === 'literal') { out += p.text; continue; }
    const value = await letterValue(p.letter, ctx);
    let labels = value.split(new RegExp(`[${p.delimiters.replace(/[-\\\]^/]/g, '\\$&')}]`));
    if (p.reverse) labels = labels.reverse();
    if (p.digits !== undefined && p.digits < labels.length) labels = labels.slice(labels.length - p.digits);
    const joined = labels.join('.');
    out += p.upper ? urlEscape(joined) : joined;
  }
  return out;
}

/**
 * Turn an expanded domain-spec into a name to look up: over 253 characters, drop labels from the left
 * (RFC 7208 §7.3); drop a trailing dot.
 */
export function trimDomain(name: string): string {
  let n = name.endsWith('.') ? name.slice(0, -1) : name;
  while (n.length > 253 && n.includes('.')) n = n.slice(n.indexOf('.') + 1);
  return n;
}
