/**
 * Trimming a set of characters off the ends of untrusted text with loops. The regex way, /[set]+$/, tries again
 * from every character of a long run of them that is not at the end (quadratic: 200 KB of tabs took 23 s).
 */
const SPACE = /\s/;

/** Is the character at `i` one of `chars` (or, when `space`, any character \s matches)? */
function inSet(s: string, i: number, chars: string, space: boolean): boolean {
  const c = s[i]!;
  return chars.includes(c) || (space && SPACE.test(c));
}

/** `s` without the trailing characters in `chars` (and \s white space when `space`). */
export function trimEndOf(s: string, chars: string, space = false): string {
  let j = s.length;
  while (j > 0 && inSet(s, j - 1, chars, space)) j--;
  return j === s.length ? s : s.slice(0, j);
}

/** `s` without the leading characters in `chars` (and \s white space when `space`). */
export function trimStartOf(s: string, chars: string, space = false): string {
  let i = 0;
  while (i < s.length && inSet(s, i, chars, space)) i++;
  return i === 0 ? s : s.slice(i);
}
