/**
 * A swaks-like transcript: every line with its direction and the time since the probe started.
 * Secrets never enter it: lines the client sends with one are recorded already redacted, and every line (a
 * server may echo the password) is masked on the way in (src/core/secrets.ts: whole tokens only).
 */
import { allSecretForms, maskSecrets, mergeSecretForms, NO_SECRETS, passwordForms, REDACTED, type SecretForms } from '../core/secrets.js';

export { REDACTED };

export type Direction = 'C' | 'S' | '*';

/** One line of a probe's transcript: who said it, when (ms since the start), and the text (secrets masked). */
export interface TranscriptLine {
  /** C: client → server, S: server → client, *: a note from mailmedic (TLS started, connection closed…). */
  dir: Direction;
  /** Milliseconds since the probe started. */
  atMs: number;
  text: string;
}

/** Longest line kept in a transcript (longer ones are clipped; the full line never matters for diagnosis). */
const MAX_KEPT = 2000;

/**
 * The running transcript of a probe session; secrets it is told about are masked in every line as it is added, so the
 * transcript never holds a password.
 */
export class Transcript {
  readonly lines: TranscriptLine[] = [];
  private secrets: SecretForms = NO_SECRETS;
  constructor(private readonly now: () => number, private readonly start = now()) {}

  /** Remember a secret so that any line holding it (plain or in base64 forms) is scrubbed on the way in. */
  addSecret(user: string | undefined, password: string | undefined): void {
    this.secrets = mergeSecretForms(this.secrets, passwordForms(user, password));
  }

  /** Remember forms derived from the password during the session (a CRAM-MD5 response): masked anywhere. */
  addForms(forms: SecretForms): void {
    this.secrets = mergeSecretForms(this.secrets, forms);
  }

  elapsed(): number {
    return Math.round(this.now() - this.start);
  }

  add(dir: Direction, text: string): void {
    const clipped = text.length > MAX_KEPT ? text.slice(0, MAX_KEPT) + '…' : text;
    this.lines.push({ dir, atMs: this.elapsed(), text: scrub(clipped, this.secrets) });
  }

  /** swaks style: "  12 ms C: EHLO client" */
  format(): string {
    return this.lines.map(formatLine).join('\n');
  }
}

export function formatLine(l: TranscriptLine): string {
  const arrow = l.dir === 'C' ? ' -> ' : l.dir === 'S' ? '<-  ' : ' === ';
  return `${String(l.atMs).padStart(6)} ms${arrow}${l.text}`;
}

/** Every form of the password, in one list (see src/core/secrets.ts `passwordForms` for which are masked where). */
export function secretForms(user: string | undefined, password: string | undefined): string[] {
  return allSecretForms(passwordForms(user, password));
}

/** Mask the secret forms in `text` (a plain list is masked as whole tokens anywhere). */
export function scrub(text: string, secrets: readonly string[] | SecretForms): string {
  return maskSecrets(text, Array.isArray(secrets) ? { anywhere: [...secrets], positional: [] } : secrets as SecretForms);
}
