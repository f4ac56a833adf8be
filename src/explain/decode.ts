/**
 * Turning raw input bytes into text for `explain`: UTF-8 when valid, else the Polish legacy encodings
 * (Windows-1250 or ISO-8859-2, told apart by their distinct bytes), decided line by line so that a file mixing
 * UTF-8 and legacy lines still reads right. Never throws.
 */

export type InputEncoding = 'utf-8' | 'windows-1250' | 'iso-8859-2' | 'mixed';

/**
 * Pasted or piped text decoded to a string, with the encoding it was read as (Polish texts often arrive in
 * windows-1250 or ISO-8859-2) and how binary it looked.
 */
export interface DecodedInput {
  text: string;
  encoding: InputEncoding;
  /** Share of bytes that are control characters other than tab/CR/LF (0..1): high means binary input. */
  controlRatio: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const lossyUtf8 = new TextDecoder('utf-8');

function legacyDecoder(label: 'windows-1250' | 'iso-8859-2'): TextDecoder | undefined {
  try {
    return new TextDecoder(label);
  } catch {
    return undefined; // a Node built without full ICU: fall back to lossy UTF-8
  }
}

/**
 * Windows-1250 or ISO-8859-2? Bytes 0x80–0x9F are C1 controls in ISO-8859-2 but letters/punctuation in
 * Windows-1250 (ś 0x9C, ź 0x9F, Ś 0x8C, Ź 0x8F); ą/ś/ź sit at 0xB9/0x9C/0x9F in Windows-1250 and 0xB1/0xB6/0xBC
 * in ISO-8859-2.
 */
function guessLegacy(buf: Uint8Array): 'windows-1250' | 'iso-8859-2' {
  let win = 0;
  let iso = 0;
  for (const b of buf) {
    if (b >= 0x80 && b <= 0x9f) win += 2;
    else if (b === 0xb9 || b === 0xa5) win++; // ą Ą in Windows-1250
    else if (b === 0xb1 || b === 0xb6 || b === 0xbc || b === 0xa1 || b === 0xa6 || b === 0xac) iso++; // ą ś ź Ą Ś Ź in ISO-8859-2
  }
  return iso > win ? 'iso-8859-2' : 'windows-1250';
}

function countControls(buf: Uint8Array): number {
  let n = 0;
  for (const b of buf) if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) n++;
  return n;
}

/** Decode input bytes (a file, standard input) for `explain`. */
export function decodeExplainInput(buf: Uint8Array): DecodedInput {
  const controlRatio = buf.length ? countControls(buf) / buf.length : 0;
  try {
    return { text: utf8.decode(buf), encoding: 'utf-8', controlRatio };
  } catch {
    /* not valid UTF-8 as a whole: decide line by line */
  }
  const legacyName = guessLegacy(buf);
  const legacy = legacyDecoder(legacyName);
  if (!legacy) return { text: lossyUtf8.decode(buf), encoding: 'utf-8', controlRatio };
  const parts: string[] = [];
  let sawUtf8NonAscii = false;
  let sawLegacy = false;
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i < buf.length && buf[i] !== 0x0a) continue;
    const line = buf.subarray(start, i);
    let decoded: string;
    try {
      decoded = utf8.decode(line);
      if (line.some((b) => b >= 0x80)) sawUtf8NonAscii = true;
    } catch {
      decoded = legacy.decode(line);
      sawLegacy = true;
    }
    parts.push(decoded);
    start = i + 1;
  }
  return { text: parts.join('\n'), encoding: sawUtf8NonAscii && sawLegacy ? 'mixed' : legacyName, controlRatio };
}
