/**
 * Realistic noise for a robustness check of the recipient reader: what real bounces carry and the shared corpus
 * rarely does — a provider's help-desk paragraph before the failure list, a footer with links and contact
 * addresses after it. Inserted into the first plain-text part that is not transfer-encoded; the expectations
 * stay the same, so any recipient or reason that changes is the reader being misled.
 */
import type { CorpusItem } from '../../src/bounce/corpus.js';

const PREAMBLE = [
  'If you need assistance, please contact our help desk at <helpdesk@support.example.net> or call us.',
  'Questions about this notice? Write to postmaster@mail-provider.example.com and include this report.',
  '',
].join('\n');
const FOOTER = [
  '',
  '--',
  'This notice was generated automatically. Help: https://help.example.net/bounces?contact=abuse@example.net',
  'For further information contact support@mail-provider.example.com.',
  '',
].join('\n');

/** The message with the preamble after the first text part's headers and the footer at that part's end. */
export function withNoise(raw: Uint8Array): Uint8Array | undefined {
  const s = Buffer.from(raw).toString('latin1');
  const nl = s.includes('\r\n') ? '\r\n' : '\n';
  const head = s.indexOf(nl + nl);
  if (head < 0) return undefined;
  const top = s.slice(0, head).toLowerCase();
  const multipart = /content-type:\s*multipart\//.test(top);
  let bodyStart: number;
  let bodyEnd: number;
  if (!multipart) {
    if (/content-transfer-encoding:\s*(?:base64|quoted-printable)/.test(top) || /content-type:\s*(?!text\/plain)[a-z]/.test(top)) return undefined;
    bodyStart = head + 2 * nl.length;
    const copy = /\n[-\s]*(?:-{3,}|below this line|original message|this is a copy)/i.exec(s.slice(bodyStart));
    bodyEnd = copy ? bodyStart + copy.index : s.length;
  } else {
    const m = /\n--([^\r\n]+)\r?\n((?:[^\r\n]+\r?\n)*?)\r?\n/g;
    let found: RegExpExecArray | null = null;
    for (let x = m.exec(s); x; x = m.exec(s)) {
      const h = x[2]!.toLowerCase();
      if (/content-type:\s*text\/plain/.test(h) || !/content-type:/.test(h)) {
        if (/content-transfer-encoding:\s*(?:base64|quoted-printable)/.test(h)) return undefined;
        found = x;
        break;
      }
    }
    if (!found) return undefined;
    bodyStart = found.index + found[0].length;
    const next = s.indexOf(`\n--${found[1]}`, bodyStart);
    if (next < 0) return undefined;
    const copy = /\n[-\s]*(?:-{3,}|below this line|original message|this is a copy)/i.exec(s.slice(bodyStart, next));
    bodyEnd = copy ? bodyStart + copy.index : next;
  }
  const conv = (t: string): string => t.replace(/\n/g, nl);
  return Buffer.from(s.slice(0, bodyStart) + conv(PREAMBLE) + s.slice(bodyStart, bodyEnd) + conv(FOOTER) + s.slice(bodyEnd), 'latin1');
}

/** The items that could take the noise, with it. */
export function noisyItems(items: readonly CorpusItem[]): CorpusItem[] {
  const out: CorpusItem[] = [];
  for (const it of items) {
    if (!it.expected.length) continue;
    const raw = withNoise(it.raw);
    if (raw) out.push({ ...it, raw });
  }
  return out;
}
