// The scan behind the Polish-words tests (issue 16): English sentence words in a Polish text once data (quoted
// replies, addresses, brackets, header and command names) is taken out. Shared by the CLI report test and the
// browser test of every page in Polish.

/** English words that are never Polish words (so "to", "a", "on", "by" are not here). */
export const ENGLISH = new Set(('the and of with from your this that is are was were not for please could should would will have has been which '
  + 'there their when what why how does did cannot because after before only also into than these those its you').split(' '));
/** Technical tokens written as they are in Polish too: header names, SMTP commands. */
const TECHNICAL = /\b(?:MAIL FROM|RCPT TO|From|To|Date|Reply-To|Return-Path)\b/g;

/** The words of a Polish text once data is taken out. */
export function words(pl: string): string[] {
  const text = pl.replace(/„[^”]*”|"[^"]*"|`[^`]*`|<[^>]*>|\[[^\]]*\]|\([^)]*[@_.:/][^)]*\)/g, ' ').replace(TECHNICAL, ' ')
    .split(/\s+/).filter((t) => !/[@_./\\:=-]/.test(t) || /^[\p{L}]+[.:,;]$/u.test(t)).join(' ');
  return text.split(/[^\p{L}']+/u).filter(Boolean);
}

/** The English words found in a Polish text (empty when it is Polish throughout). */
export function englishWords(pl: string): string[] {
  return words(pl).filter((w) => ENGLISH.has(w.toLowerCase()));
}
