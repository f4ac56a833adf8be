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
/** Wide-character class table of the matchers whose patterns are all ASCII (every class 0). */
const NO_WIDE = new Uint16Array(65536);
const PREFIX = 16;

/**
 * The automaton is a transition table over character classes (every character used by a pattern's prefix gets
 * a class, all others share class 0), so matching is one array lookup per input character. Almost nothing is
 * built up front (a CLI answering one question must not pay for the whole automaton at start-up): the trie
 * branch of the patterns that start with a given character is inserted when the scan first meets that
 * character at the root, and a transition, a fail link and a state's output list are computed the first time
 * the scan needs them, then kept. Each table entry is computed once, so matching stays linear (amortized over
 * all texts), and the hits are exactly those of the automaton built eagerly.
 */
export class PhraseMatcher {
  private readonly pieces: string[][];
  /** The part of each first piece past the automaton's prefix, verified with startsWith. */
  private readonly tails: string[];
  private readonly heads: number[];
  private readonly classOf = new Int32Array(128);
  private readonly wideClass = new Map<number, number>();
  private readonly classes: number;
  private readonly wideTab: Uint16Array;
  /** Per class: the patterns whose prefix starts with it, until their trie branch is built. */
  private readonly pending: (number[] | undefined)[];
  /**
   * Transitions (row = state × classes), encoded as ((row + 1) << 1) | check, where check = 1 means "the target
   * may recognise patterns: look" (cleared once it is known not to); 0 = not computed yet. Keeping the flag in
   * the transition saves a second table lookup per character.
   */
  private readonly delta: Int32Array;
  /** Per state: fail link as row offset + 1; 0 = not computed yet. */
  private readonly fail: Int32Array;
  /** Per state: its parent's row offset and the class of the character that leads to it. */
  private readonly parent: Int32Array;
  private readonly via: Int32Array;
  /** Per state: the patterns that end exactly there (from the trie). */
  private readonly own: (number[] | undefined)[] = [undefined];
  /** Per row offset: 0 = outputs not computed yet, 1 = none, 2 = some (in `out`). */
  private readonly outState: Uint8Array;
  private readonly out: (number[] | undefined)[] = [];
  private states = 1;

  constructor(patterns: readonly string[]) {
    this.pieces = patterns.map((p) => p.split('*'));
    // Only a short prefix of each pattern goes into the automaton (few states); the rest is checked with
    // startsWith when the prefix is seen, a bounded amount of work per hit.
    const firsts = this.pieces.map((ps) => (ps[0] ?? '').slice(0, PREFIX));
    this.heads = firsts.map((f) => f.length);
    this.tails = this.pieces.map((ps, i) => (ps[0] ?? '').slice(this.heads[i]));
    const empty = this.heads.indexOf(0);
    if (empty >= 0) throw new Error(`pattern must start with a literal: "${patterns[empty]}"`);
    // Character classes: the distinct characters of all prefixes, collected natively (new Set over a string).
    let nextClass = 1;
    for (const ch of new Set(firsts.join(''))) {
      for (let k = 0; k < ch.length; k++) {
        const c = ch.charCodeAt(k);
        if (c < 128) { if (!this.classOf[c]) this.classOf[c] = nextClass++; }
        else if (!this.wideClass.has(c)) this.wideClass.set(c, nextClass++);
      }
    }
    const C = (this.classes = nextClass);
    // Classes of characters beyond ASCII in a flat table (a Map lookup per character was slow on Japanese or
    // Polish text); matchers without such characters share one table of zeros.
    if (this.wideClass.size) {
      this.wideTab = new Uint16Array(65536);
      for (const [c, k] of this.wideClass) this.wideTab[c] = k;
    } else this.wideTab = NO_WIDE;
    let maxStates = 1;
    const pending: (number[] | undefined)[] = new Array<number[] | undefined>(C);
    for (let i = 0; i < firsts.length; i++) {
      maxStates += this.heads[i]!;
      (pending[this.cls(firsts[i]!.charCodeAt(0))] ??= []).push(i);
    }
    this.pending = pending;
    this.delta = new Int32Array(maxStates * C);
    this.parent = new Int32Array(maxStates);
    this.via = new Int32Array(maxStates);
    this.fail = new Int32Array(maxStates);
    this.outState = new Uint8Array(maxStates * C);
  }

  private cls(c: number): number {
    return c < 128 ? this.classOf[c]! : this.wideClass.get(c) ?? 0;
  }

  /** Insert the trie branch of the patterns that start with class `c` (in pattern order, as an eager build). */
  private branch(c: number): void {
    const list = this.pending[c];
    if (!list) return;
    this.pending[c] = undefined;
    const C = this.classes;
    const delta = this.delta;
    for (const i of list) {
      const first = this.pieces[i]![0]!;
      const len = this.heads[i]!;
      let row = 0;
      for (let k = 0; k < len; k++) {
        const cl = this.cls(first.charCodeAt(k));
        const d = delta[row + cl]!;
        let n: number;
        if (d === 0) {
          const st = this.states++;
          n = st * C;
          this.parent[st] = row;
          this.via[st] = cl;
          this.own.push(undefined);
          delta[row + cl] = ((n + 1) << 1) | 1;
        } else n = (d >> 1) - 1;
        row = n;
      }
      (this.own[row / C] ??= []).push(i);
    }
  }

  /** The transition from `row` on class `c`, computed on first use (goto, else the fail state's transition). */
  private go(row: number, c: number): number {
    const d = this.delta[row + c]!;
    if (d !== 0) return (d >> 1) - 1;
    let t = 0;
    if (row === 0) {
      this.branch(c);
      const b = this.delta[c]!;
      if (b !== 0) return (b >> 1) - 1; // a trie edge, just inserted
    } else t = this.go(this.failOf(row), c);
    this.delta[row + c] = ((t + 1) << 1) | 1;
    return t;
  }

  /** Fail link of a state (as a row offset), computed on first use. */
  private failOf(row: number): number {
    const st = row / this.classes;
    const f = this.fail[st]!;
    if (f !== 0) return f - 1;
    const p = this.parent[st]!;
    const r = p === 0 ? 0 : this.go(this.failOf(p), this.via[st]!);
    this.fail[st] = r + 1;
    return r;
  }

  /** The patterns recognised at a state: its own, then those of its fail state (computed on first use). */
  private outputsOf(row: number): number[] | undefined {
    const flag = this.outState[row]!;
    if (flag === 1) return undefined;
    const st = row / this.classes;
    if (flag === 2) return this.out[st];
    let o = this.own[st];
    if (row !== 0) {
      const inherited = this.outputsOf(this.failOf(row));
      if (inherited) o = o ? o.concat(inherited) : inherited;
    }
    this.out[st] = o;
    this.outState[row] = o ? 2 : 1;
    return o;
  }

  /** Every pattern that occurs in `text` (already normalized), first occurrence of each. */
  scan(text: string): PatternHit[] {
    return this.run(text, 0);
  }

  /** The first match that ends earliest, or undefined; stops reading there (markers of a long text). */
  scanFirst(text: string): PatternHit | undefined {
    return this.run(text, Infinity)[0];
  }

  /**
   * Every pattern that occurs (first occurrence of each, as `scan`), up to the first hit of a pattern whose
   * index is below `stopBelow`: that hit ends the list and the reading (as `scanFirst` would stop at it, had
   * the matcher held those patterns alone). One pass for "the first of these markers, and which of those
   * others come before it".
   */
  scanUntil(text: string, stopBelow: number): PatternHit[] {
    return this.run(text, stopBelow);
  }

  private run(text: string, stopBelow: number): PatternHit[] {
    const hits: PatternHit[] = [];
    let seen: Set<number> | undefined;
    const { delta, classOf, wideTab } = this;
    const n = text.length;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      const cl = c < 128 ? classOf[c]! : wideTab[c]!;
      const at = s + cl;
      let v = delta[at]!;
      if (v === 0) { this.go(s, cl); v = delta[at]!; }
      s = (v >> 1) - 1;
      if ((v & 1) === 0) continue;
      const o = this.outputsOf(s);
      if (!o) { delta[at] = v & ~1; continue; }
      for (let k = 0; k < o.length; k++) {
        const p = o[k]!;
        if (seen?.has(p)) continue;
        const ps = this.pieces[p]!;
        const tail = this.tails[p]!;
        if (tail && !text.startsWith(tail, i + 1)) continue;
        if (ps.length === 1 || this.verify(text, i + 1 + tail.length, ps)) {
          (seen ??= new Set()).add(p);
          hits.push({ index: p, at: i + 1 - this.heads[p]! });
          if (p < stopBelow) return hits;
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
