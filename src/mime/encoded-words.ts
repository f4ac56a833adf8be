/**
 * RFC 2047 encoded words (=?charset?B|Q?text?=) — the one decoder of the project, with two policies:
 * - reading (the default, bounces): decode as well as possible; an unknown charset falls back like any text;
 * - diagnosis (`strict`, the message analyzer): report unknown charsets, broken encodings and invalid bytes, and
 *   keep a word whose charset is unknown as it was, rather than guess.
 * Adjacent words of one charset are decoded together (a multi-byte character may be split across two of them:
 * RFC 2047 forbids it, mailers do it); white space between two encoded words is dropped (RFC 2047 §6.2).
 */
import { decodeCharset, decodeQ } from './parse.js';

export interface EncodedWordProblem {
  kind: 'unknown-charset' | 'invalid-bytes' | 'bad-encoding';
  charset: string;
  word: string;
}

export interface DecodeWordsOptions {
  /** Report problems and keep words of an unknown charset as they are (diagnosis); default false (reading). */
  strict?: boolean;
  /** Where problems are collected (strict only). */
  problems?: EncodedWordProblem[];
}

// Bounded pieces only (no nested quantifiers): charset ≤ 64, text ≤ 4096 characters per word.
const WORD = /=\?([^?\s]{1,64})\?([QqBb])\?([^?\s]{0,4096})\?=/g;
const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const Q_ESCAPES = /=(?![0-9A-Fa-f]{2})/;

/** Decode the encoded words of a header value (a byte string or text); other text passes through. */
export function decodeWords(value: string, o: DecodeWordsOptions = {}): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let run = '';
  let runRaw = '';
  let runCharset = '';
  let runBad = false;
  const flush = (): void => {
    if (!runRaw) return;
    out += runBad ? runRaw : o.strict ? strictText(run, runCharset, runRaw, o.problems) : decodeCharset(run, runCharset);
    run = '';
    runRaw = '';
    runBad = false;
  };
  WORD.lastIndex = 0;
  for (let m = WORD.exec(value); m; m = WORD.exec(value)) {
    const gap = value.slice(last, m.index);
    const cs = (m[1]!.split('*')[0] ?? '').toLowerCase();
    const joins = runRaw !== '' && /^[ \t\r\n]*$/.test(gap);
    if (!joins || cs !== runCharset) {
      flush();
      if (!joins) out += gap;
    }
    runCharset = cs;
    const data = m[3]!;
    const b = m[2]!.toLowerCase() === 'b';
    if (o.strict && (b ? !B64.test(data) : Q_ESCAPES.test(data))) {
      o.problems?.push({ kind: 'bad-encoding', charset: cs, word: m[0].slice(0, 120) });
      // A broken word is kept as it was; what came before it is decoded on its own.
      flush();
      out += m[0];
      last = m.index + m[0].length;
      runCharset = '';
      continue;
    }
    run += b ? Buffer.from(data, 'base64').toString('latin1') : decodeQ(data);
    runRaw += m[0];
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

/** Diagnosis: the charset must be known and the bytes valid in it; otherwise say so. */
function strictText(bytes: string, charset: string, raw: string, problems: EncodedWordProblem[] | undefined): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    problems?.push({ kind: 'unknown-charset', charset, word: raw.slice(0, 120) });
    return raw;
  }
  const buf = Buffer.from(bytes, 'latin1');
  try {
    return decoder.decode(buf);
  } catch {
    problems?.push({ kind: 'invalid-bytes', charset, word: raw.slice(0, 120) });
    return new TextDecoder(charset).decode(buf);
  }
}
