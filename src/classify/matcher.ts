/**
 * One-pass multi-pattern matcher (Aho–Corasick) over lowercase text, so classifying a diagnostic costs time
 * linear in its length however many phrases the tables hold: no per-pattern rescans, no backtracking regex.
 *
 * Pattern syntax: lowercase literal text; `*` stands for one run of 1–80 non-space characters (an address,
 * a host name, a number), e.g. "user * does not exist". The first literal piece is found by the automaton;
 * the rest is verified in a window of bounded size, which keeps the whole match linear.
 */

export interface PatternHit {
  /** Index of the pattern in the list given to the constructor. */
  index: number;
  /** Offset in the normalized text where the match starts. */
  at: number;
}

const MAX_WILD = 80;

interface Node {
  next: Map<number, number>;
  fail: number;
  /** Patterns whose first piece ends here (including via fail links, merged at build time). */
  out: number[];
}

export class PhraseMatcher {
  private readonly nodes: Node[] = [{ next: new Map(), fail: 0, out: [] }];
  private readonly pieces: string[][];

  constructor(patterns: readonly string[]) {
    this.pieces = patterns.map((p) => p.split('*'));
    this.pieces.forEach((ps, i) => {
      const first = ps[0] ?? '';
      if (!first) throw new Error(`pattern must start with a literal: "${patterns[i]}"`);
      let s = 0;
      for (let k = 0; k < first.length; k++) {
        const c = first.charCodeAt(k);
        let n = this.nodes[s]!.next.get(c);
        if (n === undefined) {
          n = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, out: [] });
          this.nodes[s]!.next.set(c, n);
        }
        s = n;
      }
      this.nodes[s]!.out.push(i);
    });
    // Breadth-first fail links.
    const queue: number[] = [];
    for (const n of this.nodes[0]!.next.values()) queue.push(n);
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi]!;
      for (const [c, u] of this.nodes[r]!.next) {
        queue.push(u);
        let f = this.nodes[r]!.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const g = this.nodes[f]!.next.get(c);
        this.nodes[u]!.fail = g !== undefined && g !== u ? g : 0;
        const fo = this.nodes[this.nodes[u]!.fail]!.out;
        if (fo.length) this.nodes[u]!.out = this.nodes[u]!.out.concat(fo);
      }
    }
  }

  /** Every pattern that occurs in `text` (already normalized), first occurrence of each. */
  scan(text: string): PatternHit[] {
    const hits: PatternHit[] = [];
    const seen = new Set<number>();
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let n = this.nodes[s]!.next.get(c);
      while (n === undefined && s !== 0) {
        s = this.nodes[s]!.fail;
        n = this.nodes[s]!.next.get(c);
      }
      s = n ?? 0;
      const out = this.nodes[s]!.out;
      for (let k = 0; k < out.length; k++) {
        const p = out[k]!;
        if (seen.has(p)) continue;
        const ps = this.pieces[p]!;
        const start = i + 1 - ps[0]!.length;
        if (ps.length === 1 || this.verify(text, i + 1, ps)) {
          seen.add(p);
          hits.push({ index: p, at: start });
        }
      }
    }
    return hits;
  }

  /** Check the pieces after the first: each `*` eats 1..MAX_WILD non-space characters (bounded window). */
  private verify(text: string, pos: number, ps: string[]): boolean {
    return this.verifyFrom(text, pos, ps, 1);
  }

  private verifyFrom(text: string, pos: number, ps: string[], k: number): boolean {
    if (k >= ps.length) return true;
    const piece = ps[k]!;
    for (let w = 1; w <= MAX_WILD && pos + w <= text.length; w++) {
      const ch = text.charCodeAt(pos + w - 1);
      if (ch === 32) break;
      if (piece === '' ? k === ps.length - 1 : text.startsWith(piece, pos + w)) {
        // Patterns have at most a couple of wildcards, so this nested check stays bounded.
        if (this.verifyFrom(text, pos + w + piece.length, ps, k + 1)) return true;
      }
    }
    return false;
  }
}

/** Lowercase, fold whitespace, and undo qmail's "spaces as underscores" log style. Bounded length. */
export function normalizeDiagnostic(text: string, limit = 32 * 1024): string {
  let t = text.length > limit ? text.slice(0, limit) : text;
  t = t.toLowerCase();
  let spaces = 0;
  let unders = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 32) spaces++;
    else if (c === 95) unders++;
  }
  if (unders > spaces) t = t.replace(/_/g, ' ');
  return t.replace(/[\s\u0000]+/g, ' ');
}
