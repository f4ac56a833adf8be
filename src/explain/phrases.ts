/**
 * Finding known phrases in text in one pass: an Aho–Corasick automaton over every literal phrase of the
 * knowledge tables, so the cost is linear in the text's length whatever the number of phrases (no per-pattern
 * rescans, no backtracking).
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

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Indexes into `phrases` ending here (own and via fail links). */
  out: number[];
}

const isWordChar = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);

/** A compiled set of phrases; `find` returns every pattern whose phrase occurs at word boundaries. */
export class PhraseMatcher {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly phrases: { text: string; pattern: MessagePattern }[] = [];

  constructor(patterns: readonly MessagePattern[]) {
    for (const pattern of patterns) {
      for (const raw of pattern.phrases) {
        const text = normalizeForMatch(raw).trim();
        if (!text) continue;
        const index = this.phrases.push({ text, pattern }) - 1;
        let node = 0;
        for (let i = 0; i < text.length; i++) {
          const c = text.charCodeAt(i);
          let child = this.nodes[node]!.next.get(c);
          if (child === undefined) {
            child = this.nodes.push({ next: new Map(), fail: 0, out: [] }) - 1;
            this.nodes[node]!.next.set(c, child);
          }
          node = child;
        }
        this.nodes[node]!.out.push(index);
      }
    }
    // Breadth-first: fail links, and outputs merged along them.
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    for (let qi = 0; qi < queue.length; qi++) {
      const n = queue[qi]!;
      for (const [c, child] of this.nodes[n]!.next) {
        let f = this.nodes[n]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const target = this.nodes[f]!.next.get(c);
        this.nodes[child]!.fail = target !== undefined && target !== child ? target : 0;
        this.nodes[child]!.out.push(...this.nodes[this.nodes[child]!.fail]!.out);
        queue.push(child);
      }
    }
  }

  /**
   * The patterns whose phrases occur in an already normalized text (see normalizeForMatch), each once with its
   * longest phrase found, in order of first occurrence.
   */
  find(normalized: string): PhraseHit[] {
    const hits = new Map<MessagePattern, string>();
    let node = 0;
    for (let i = 0; i < normalized.length; i++) {
      const c = normalized.charCodeAt(i);
      while (node !== 0 && !this.nodes[node]!.next.has(c)) node = this.nodes[node]!.fail;
      node = this.nodes[node]!.next.get(c) ?? 0;
      const out = this.nodes[node]!.out;
      for (let k = 0; k < out.length; k++) {
        const p = this.phrases[out[k]!]!;
        const start = i - p.text.length + 1;
        // Word boundaries: a phrase that starts/ends with a letter or digit must not sit inside a longer word.
        if (isWordChar(p.text.charCodeAt(0)) && start > 0 && isWordChar(normalized.charCodeAt(start - 1))) continue;
        if (isWordChar(p.text.charCodeAt(p.text.length - 1)) && i + 1 < normalized.length && isWordChar(normalized.charCodeAt(i + 1))) continue;
        const seen = hits.get(p.pattern);
        if (seen === undefined || seen.length < p.text.length) hits.set(p.pattern, p.text);
      }
    }
    return [...hits].map(([pattern, phrase]) => ({ pattern, phrase }));
  }
}
