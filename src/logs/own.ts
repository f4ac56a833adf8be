/**
 * Lines are cut from 1 MB chunk strings; V8 keeps a slice (13+ characters) as a view that pins the whole chunk.
 * Anything kept beyond the current line (map keys, open messages, evidence) goes through own(), which makes a
 * flat copy — otherwise memory would grow with the file instead of with what is kept.
 */
export function own(s: string): string {
  return s.length < 13 ? s : (s + ' ').slice(0, -1);
}
