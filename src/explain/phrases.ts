/**
 * Finding known phrases in text in one pass: every literal phrase of the knowledge tables is indexed by its
 * first word, and the text is walked once, word by word (no per-pattern rescans, no regex, no backtracking).
 */
import type { MessagePattern } from '../knowledge/types.js';

/**
 * The normalized form phrases are written in: lower-case, diacritics removed (ł → l too), "_" and runs of white
 * space turned into one space. Qmail writes spaces as "_", users type Polish without diacritics.
 */
export function normalizeForMatch(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/[\s_]+/g, ' ');
}

export interface PhraseHit {
  pattern: MessagePattern;
  phrase: string;
}

const isWordChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/**
 * A compiled set of phrases. Every phrase starts with a word (letters/digits); the phrases are indexed by that
 * first word, and `find` walks the text once, word by word, checking only the few phrases that start with the
 * word at hand. Cost: linear in the text's length (times the small number of phrases sharing a first word);
 * building the index is a single pass over the phrases, so start-up stays fast.
 */
export class PhraseMatcher {
  private readonly byFirstWord = new Map<string, { text: string; pattern: MessagePattern }[]>();

  constructor(patterns: readonly MessagePattern[]) {
    for (const pattern of patterns) {
      for (const raw of pattern.phrases) {
        const text = normalizeForMatch(raw).trim();
        let end = 0;
        while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
        if (end === 0) throw new Error(`phrase "${raw}" of ${pattern.id} must start with a letter or digit`);
        const first = text.slice(0, end);
        const list = this.byFirstWord.get(first);
        if (list) list.push({ text, pattern });
        else this.byFirstWord.set(first, [{ text, pattern }]);
      }
    }
  }

  /**
   * The patterns whose phrases occur in an already normalized text (see normalizeForMatch), each once with its
   * longest phrase found, in order of first occurrence. Phrases match only at word boundaries.
   */
  find(normalized: string): PhraseHit[] {
    const hits = new Map<MessagePattern, string>();
    const n = normalized.length;
    let i = 0;
    while (i < n) {
      if (!isWordChar(normalized.charCodeAt(i))) { i++; continue; }
      let end = i;
      while (end < n && isWordChar(normalized.charCodeAt(end))) end++;
      const candidates = this.byFirstWord.get(normalized.slice(i, end));
      if (candidates) {
        for (const c of candidates) {
          const stop = i + c.text.length;
          if (!normalized.startsWith(c.text, i)) continue;
          if (isWordChar(c.text.charCodeAt(c.text.length - 1)) && stop < n && isWordChar(normalized.charCodeAt(stop))) continue;
          const seen = hits.get(c.pattern);
          if (seen === undefined || seen.length < c.text.length) hits.set(c.pattern, c.text);
        }
      }
      i = end;
    }
    return [...hits].map(([pattern, phrase]) => ({ pattern, phrase }));
  }
}
