/**
 * RFC 2047 encoded words in unstructured headers (Subject, display names), for diagnosis: unknown or mislabelled
 * charsets are reported, not guessed at, and the raw word is kept. The decoder is the project's one
 * (src/mime/encoded-words.ts) in its strict policy.
 */
import { decodeWords, type EncodedWordProblem } from '../mime/encoded-words.js';

export type { EncodedWordProblem } from '../mime/encoded-words.js';

export interface DecodedText {
  text: string;
  problems: EncodedWordProblem[];
}

const MAX_INPUT = 64 * 1024;

/** Decode the encoded words of a header value. Adjacent encoded words separated by white space join up. */
export function decodeEncodedWords(value: string): DecodedText {
  const problems: EncodedWordProblem[] = [];
  const input = value.length > MAX_INPUT ? value.slice(0, MAX_INPUT) : value;
  return { text: decodeWords(input, { strict: true, problems }), problems };
}
