/**
 * RFC 2047 encoded words (=?charset?B|Q?text?=) in unstructured headers such as Subject and display names.
 * Unknown or mislabelled charsets are reported, not guessed at; the raw word is kept.
 */

export interface EncodedWordProblem {
  kind: 'unknown-charset' | 'invalid-bytes' | 'bad-encoding';
  charset: string;
  word: string;
}

export interface DecodedText {
  text: string;
  problems: EncodedWordProblem[];
}

// Bounded pieces only (no nested quantifiers): charset ≤ 64, text ≤ 4096 characters per word.
const WORD = /=\?([^?\s]{1,64})\?([QqBb])\?([^?\s]{0,4096})\?=/g;
const MAX_INPUT = 64 * 1024;

function bytesOfQ(s: string): Uint8Array | null {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '_') out.push(0x20);
    else if (c === '=') {
      const h = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(h)) return null;
      out.push(parseInt(h, 16));
      i += 2;
    } else out.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(out);
}

function bytesOfB(s: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return null;
  return Buffer.from(s, 'base64');
}

/** Decode the encoded words of a header value. Adjacent encoded words separated by whitespace join up. */
export function decodeEncodedWords(value: string): DecodedText {
  const problems: EncodedWordProblem[] = [];
  const input = value.length > MAX_INPUT ? value.slice(0, MAX_INPUT) : value;
  if (!input.includes('=?')) return { text: input, problems };
  let out = '';
  let last = 0;
  let lastWasWord = false;
  for (const m of input.matchAll(WORD)) {
    const gap = input.slice(last, m.index);
    if (!(lastWasWord && /^[ \t]*$/.test(gap))) out += gap;
    const charset = m[1]!.split('*')[0]!.toLowerCase();
    const bytes = m[2]!.toUpperCase() === 'Q' ? bytesOfQ(m[3]!) : bytesOfB(m[3]!);
    let decoded: string | undefined;
    if (!bytes) problems.push({ kind: 'bad-encoding', charset, word: m[0].slice(0, 120) });
    else {
      let decoder: TextDecoder | undefined;
      try {
        decoder = new TextDecoder(charset, { fatal: true });
      } catch {
        problems.push({ kind: 'unknown-charset', charset, word: m[0].slice(0, 120) });
      }
      if (decoder) {
        try {
          decoded = decoder.decode(bytes);
        } catch {
          problems.push({ kind: 'invalid-bytes', charset, word: m[0].slice(0, 120) });
          decoded = new TextDecoder(charset).decode(bytes);
        }
      }
    }
    out += decoded ?? m[0];
    last = m.index + m[0].length;
    lastWasWord = true;
  }
  out += input.slice(last);
  return { text: out, problems };
}
