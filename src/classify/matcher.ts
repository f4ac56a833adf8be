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
const PREFIX = 16;

/**
 * The automaton is compiled to a dense transition table over character classes (every character used by a
 * pattern gets a class, all others share class 0), so matching is one array lookup per input character.
 */
export class PhraseMatcher {
  private readonly pieces: string[][];
  /** The part of each first piece past the automaton's prefix, verified with startsWith. */
  private readonly tails: string[];
  private readonly heads: number[];
  private readonly classOf = new Int32Array(128);
  private readonly wideClass = new Map<number, number>();
  private readonly classes: number;
  private readonly delta: Int32Array;
  private readonly out: (number[] | undefined)[];

  constructor(patterns: readonly string[]) {
    this.pieces = patterns.map((p) => p.split('*'));
    // Only a short prefix of each pattern goes into the automaton (few states: fast to build at start-up);
    // the rest is checked with startsWith when the prefix is seen, a bounded amount of work per hit.
    this.heads = this.pieces.map((ps) => Math.min((ps[0] ?? '').length, PREFIX));
    this.tails = this.pieces.map((ps, i) => (ps[0] ?? '').slice(this.heads[i]));
    // Character classes.
    let nextClass = 1;
    for (const ps of this.pieces) {
      const first = (ps[0] ?? '').slice(0, PREFIX);
      for (let k = 0; k < first.length; k++) {
        const c = first.charCodeAt(k);
        if (c < 128) { if (!this.classOf[c]) this.classOf[c] = nextClass++; }
        else if (!this.wideClass.has(c)) this.wideClass.set(c, nextClass++);
      }
    }
    this.classes = nextClass;
    // Trie, in a dense table (0 = no child; the root is state 0 and never a child).
    const C = this.classes;
    let maxStates = 1;
    for (const ps of this.pieces) maxStates += Math.min((ps[0] ?? '').length, PREFIX);
    const trie = new Int32Array(maxStates * C);
    const outs: number[][] = [[]];
    let states = 1;
    this.pieces.forEach((ps, i) => {
      const first = (ps[0] ?? '').slice(0, PREFIX);
      if (!first) throw new Error(`pattern must start with a literal: "${patterns[i]}"`);
      let st = 0;
      for (let k = 0; k < first.length; k++) {
        const at = st * C + this.cls(first.charCodeAt(k));
        let n = trie[at]!;
        if (n === 0) { n = states++; trie[at] = n; outs.push([]); }
        st = n;
      }
      outs[st]!.push(i);
    });
    // Breadth-first: fail links and the complete transition table (a row starts as a copy of its fail
    // state's row, then the state's own children override it).
    const delta = new Int32Array(states * C);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < C; c++) {
      const u = trie[c]!;
      if (u !== 0) { delta[c] = u; queue.push(u); }
    }
    for (let qi = 0; qi < queue.length; qi++) {
      const r = queue[qi]!;
      const f = fail[r]!;
      if (outs[f]!.length) outs[r] = outs[r]!.concat(outs[f]!);
      delta.copyWithin(r * C, f * C, f * C + C);
      const row = r * C;
      for (let c = 0; c < C; c++) {
        const u = trie[row + c]!;
        if (u === 0) continue;
        fail[u] = delta[f * C + c]!;
        delta[row + c] = u;
        queue.push(u);
      }
    }
    // Store row offsets instead of state numbers (no multiplication per character), and flag the rows that
    // have outputs in a byte array indexed the same way.
    for (let k = 0; k < delta.length; k++) delta[k] = delta[k]! * C;
    this.delta = delta;
    this.out = outs.map((o) => (o.length ? o : undefined));
    this.hasOut = new Uint8Array(delta.length);
    outs.forEach((o, st) => { if (o.length) this.hasOut[st * C] = 1; });
  }

  private readonly hasOut: Uint8Array;

  private cls(c: number): number {
    return c < 128 ? this.classOf[c]! : this.wideClass.get(c) ?? 0;
  }

  /** Every pattern that occurs in `text` (already normalized), first occurrence of each. */
  scan(text: string): PatternHit[] {
    return this.run(text, false);
  }

  /** The first match that ends earliest, or undefined; stops reading there (markers of a long text). */
  scanFirst(text: string): PatternHit | undefined {
    return this.run(text, true)[0];
  }

  private run(text: string, firstOnly: boolean): PatternHit[] {
    const hits: PatternHit[] = [];
    let seen: Set<number> | undefined;
    const { delta, classOf, classes: C, out, hasOut } = this;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      s = delta[s + (c < 128 ? classOf[c]! : this.wideClass.get(c) ?? 0)]!;
      if (hasOut[s] === 0) continue;
      const o = out[s / C]!;
      for (let k = 0; k < o.length; k++) {
        const p = o[k]!;
        if (seen?.has(p)) continue;
        const ps = this.pieces[p]!;
        const tail = this.tails[p]!;
        if (tail && !text.startsWith(tail, i + 1)) continue;
        if (ps.length === 1 || this.verify(text, i + 1 + tail.length, ps)) {
          (seen ??= new Set()).add(p);
          hits.push({ index: p, at: i + 1 - this.heads[p]! });
          if (firstOnly) return hits;
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

// eslint-disable-next-line no-control-regex
const FOLD_NEEDED = /[\t\n\r\f\v\u0000\u00a0\u2028\u2029]| {2}/;

/** Lowercase, fold whitespace, and undo qmail's "spaces as underscores" log style. Bounded length. */
export function normalizeDiagnostic(text: string, limit = 32 * 1024): string {
  let t = text.length > limit ? text.slice(0, limit) : text;
  t = t.toLowerCase();
  if (t.includes('_')) {
    let spaces = 0;
    let unders = 0;
    for (let i = 0; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 32) spaces++;
      else if (c === 95) unders++;
    }
    if (unders > spaces) t = t.replace(/_/g, ' ');
  }
  // Most diagnostics are already single-spaced: test before rebuilding the string.
  return FOLD_NEEDED.test(t) ? t.replace(/[\s\u0000]+/g, ' ') : t;
}
