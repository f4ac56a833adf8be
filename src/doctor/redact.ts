/**
 * Passwords never reach a report: every string in it is masked of the secrets the user gave (plain, IMAP-quoted,
 * and the base64 forms AUTH LOGIN / AUTH PLAIN put on the wire), as whole tokens only (src/core/secrets.ts), so a
 * short password such as "alice" leaves the login "alice@example.test" readable.
 */
import { maskSecrets, mergeSecretForms, NO_SECRETS, passwordForms, REDACTED, type SecretForms } from '../core/secrets.js';
import type { DoctorAnswers } from './types.js';

export const REDACTED_MARK = REDACTED;

/**
 * Every form the passwords in the answers can take (plain, quoted, escaped, base64 for AUTH LOGIN and AUTH PLAIN,
 * with the user named or the address), so the report masks them all.
 */
export function secretsOf(a: DoctorAnswers): SecretForms {
  const sets: SecretForms[] = [];
  for (const s of [a.server, a.incoming]) {
    if (!s?.password) continue;
    sets.push(passwordForms(s.user ?? a.address ?? '', s.password));
    // The probe logs in with the address when no user was named (seed 000), so its AUTH forms too.
    if (s.user && a.address && s.user !== a.address) sets.push(passwordForms(a.address, s.password));
  }
  return sets.length ? mergeSecretForms(...sets) : NO_SECRETS;
}

export function scrubString(s: string, secrets: SecretForms): string {
  return maskSecrets(s, secrets);
}

/** A deep copy with every string masked and every `password` key dropped. */
export function redactDeep<T>(value: T, secrets: SecretForms): T {
  const any = secrets.anywhere.length > 0 || secrets.positional.length > 0;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return any ? maskSecrets(v, secrets) : v;
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
