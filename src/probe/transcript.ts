/**
 * A swaks-like transcript: every line with its direction and the time since the probe started.
 * Secrets never enter it: lines that carry one are recorded already redacted (see `redactSecrets`).
 */

export type Direction = 'C' | 'S' | '*';

export interface TranscriptLine {
  /** C: client → server, S: server → client, *: a note from mailmedic (TLS started, connection closed…). */
  dir: Direction;
  /** Milliseconds since the probe started. */
  atMs: number;
  text: string;
}

export const REDACTED = '********';

/** Longest line kept in a transcript (longer ones are clipped; the full line never matters for diagnosis). */
const MAX_KEPT = 2000;

export class Transcript {
  readonly lines: TranscriptLine[] = [];
  private readonly secrets: string[] = [];
  constructor(private readonly now: () => number, private readonly start = now()) {}

  /** Remember a secret so that any line holding it (plain or in base64 forms) is scrubbed on the way in. */
  addSecret(user: string | undefined, password: string | undefined): void {
    this.secrets.push(...secretForms(user, password));
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

/**
 * Every form in which a password can show up on the wire: itself, base64 of itself (AUTH LOGIN), base64 of
 * "\0user\0password" and "user\0user\0password" (AUTH PLAIN), with and without padding. Empty forms are dropped.
 */
export function secretForms(user: string | undefined, password: string | undefined): string[] {
  if (!password) return [];
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  const u = user ?? '';
  const forms = [password, b64(password), b64(`\0${u}\0${password}`), b64(`${u}\0${u}\0${password}`)];
  const all = new Set<string>();
  for (const f of forms) {
    all.add(f);
    all.add(f.replace(/=+$/, ''));
  }
  // base64 of a longer string that contains the password at an unknown offset cannot be listed; callers
  // therefore redact whole AUTH payload lines themselves and this list is the safety net.
  return [...all].filter((f) => f.length >= 3).sort((a, b) => b.length - a.length);
}

/** Replace every secret form inside `text` by the redaction mark. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}
