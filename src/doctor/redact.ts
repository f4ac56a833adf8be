/**
 * Passwords never reach a report: every string in it is scrubbed of the secrets the user gave (in plain and
 * in the base64 forms AUTH LOGIN / AUTH PLAIN put on the wire).
 */
import type { DoctorAnswers } from './types.js';

export const REDACTED_MARK = '********';

export function secretsOf(a: DoctorAnswers): string[] {
  const out = new Set<string>();
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  for (const s of [a.server, a.incoming]) {
    if (!s?.password) continue;
    const p = s.password;
    const u = s.user ?? a.address ?? '';
    for (const form of [p, b64(p), b64(`\0${u}\0${p}`), b64(`${u}\0${u}\0${p}`)]) {
      out.add(form);
      out.add(form.replace(/=+$/, ''));
    }
  }
  // Very short passwords would scrub ordinary words; they are still never put in a report by the doctor itself.
  return [...out].filter((s) => s.length >= 3).sort((x, y) => y.length - x.length);
}

export function scrubString(s: string, secrets: readonly string[]): string {
  let out = s;
  for (const sec of secrets) if (out.includes(sec)) out = out.split(sec).join(REDACTED_MARK);
  return out;
}

/** A deep copy with every string scrubbed and every `password` key dropped. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return secrets.length ? scrubString(v, secrets) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (/^(password|pass|secret)$/i.test(k)) continue;
        o[k] = walk(x);
      }
      return o;
    }
    return v;
  };
  return walk(value) as T;
}

/** The answers as they may be shown or saved: without passwords. */
export function publicAnswers(a: DoctorAnswers): DoctorAnswers {
  return redactDeep(a, secretsOf(a));
}
