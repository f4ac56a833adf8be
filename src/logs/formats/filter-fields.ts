/**
 * Small readers shared by the filter and milter log formats (rspamd, spamd, clamav, opendmarc, policyd-spf).
 */

/** The text between `key` and the next `end` at or after `from` (undefined when either is missing). */
export function between(s: string, key: string, from: number, end = '>'): string | undefined {
  const i = s.indexOf(key, from);
  if (i < 0) return undefined;
  const a = i + key.length;
  const e = s.indexOf(end, a);
  return e < 0 ? undefined : s.slice(a, e);
}

/** Is s[a, b) a Postfix-style queue id (letters and digits, 5–24 of them)? */
export function isQueueId(s: string, a: number, b: number): boolean {
  if (b - a < 5 || b - a > 24) return false;
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/** The domain of an address ("a@B.example" → "b.example"); the text itself when it has no "@". */
export function domainOfAddress(a: string): string {
  const at = a.lastIndexOf('@');
  return (at >= 0 ? a.slice(at + 1) : a).toLowerCase();
}
