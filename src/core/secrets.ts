/**
 * Passwords never reach output. Every form a password takes on the wire or in an echo of it — itself, IMAP-quoted
 * (Zq\"7\\x), JSON-escaped, base64 of itself (AUTH LOGIN) and of the AUTH PLAIN payloads, a CRAM-MD5 response —
 * is masked, but only as a whole token: masking every substring equal to the password turned "smtp
 * mail.example.test" into "smtp ********.example.test" for the password "mail", and a login "alice@…" into
 * stars for "alice" (and showed which characters the password has). A short or common password is masked only
 * where a password stands — a command's argument (PASS, LOGIN, AUTH …), a quoted string, "password=" — so the
 * rest of the report stays readable.
 */

export const REDACTED = '********';

/** The forms of the secrets of one run, split by where they may be masked. */
export interface SecretForms {
  /** Distinctive forms (base64 payloads, CRAM responses, a long uncommon password): masked as whole tokens anywhere. */
  anywhere: string[];
  /** A short or common password (and its escaped forms): masked only where a password stands. */
  positional: string[];
}

export const NO_SECRETS: SecretForms = { anywhere: [], positional: [] };

/** Passwords shorter than this are "ordinary": words of that length are everywhere in mail reports. */
const SHORT = 6;
/** Passwords people use that are also words of mail reports. */
const COMMON = new Set([
  'mail', 'email', 'e-mail', 'smtp', 'imap', 'pop3', 'login', 'password', 'passwd', 'secret', 'server', 'example', 'test', 'testing',
  'admin', 'administrator', 'user', 'root', 'postmaster', 'localhost', 'domain', 'host', 'message', 'error', 'relay', 'master',
  'guest', 'welcome', 'qwerty', 'letmein', 'changeme', 'default', 'support', 'office', 'poczta', 'haslo', 'hasło', 'mailbox',
]);

/** Is this password a word that may stand in a report for another reason? */
export function isOrdinaryPassword(p: string): boolean {
  return p.length < SHORT || COMMON.has(p.toLowerCase());
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/**
 * Every form of `password` (used with `user`): the password, its IMAP-quoted and JSON-escaped contents, base64 of
 * it (AUTH LOGIN) and of "\0user\0password" and "user\0user\0password" (AUTH PLAIN), with and without padding.
 */
export function passwordForms(user: string | undefined, password: string | undefined): SecretForms {
  if (!password) return { anywhere: [], positional: [] };
  const u = user ?? '';
  const plain = new Set([password, password.replace(/[\\"]/g, (c) => '\\' + c), JSON.stringify(password).slice(1, -1)]);
  const wire = new Set<string>();
  for (const f of [b64(password), b64(`\0${u}\0${password}`), b64(`${u}\0${u}\0${password}`), b64(`\0${password}`)]) {
    wire.add(f);
    const bare = f.replace(/=+$/, '');
    if (bare.length >= 4) wire.add(bare);
  }
  const ordinary = isOrdinaryPassword(password);
  return sortForms({ anywhere: [...wire, ...(ordinary ? [] : plain)], positional: ordinary ? [...plain] : [] });
}

/** Longest first, so that a form inside a longer one never leaves part of it. */
function sortForms(f: SecretForms): SecretForms {
  const by = (a: string, b: string) => b.length - a.length;
  return { anywhere: [...new Set(f.anywhere)].filter(Boolean).sort(by), positional: [...new Set(f.positional)].filter(Boolean).sort(by) };
}

export function mergeSecretForms(...sets: SecretForms[]): SecretForms {
  return sortForms({ anywhere: sets.flatMap((s) => s.anywhere), positional: sets.flatMap((s) => s.positional) });
}

/** All forms in one list (for callers and tests that look for any of them). */
export function allSecretForms(f: SecretForms): string[] {
  return [...f.anywhere, ...f.positional];
}

const SPACE = /\s/;
const OPENERS = new Set(['"', "'", '`', '<', '(', '[', '{', ',', ';', ':', '=']);
const CLOSERS = new Set(['"', "'", '`', '>', ')', ']', '}', ',', ';', ':', '=', '!', '?']);

/** Does a token start at `i` (the character before is none, white space or an opening delimiter)? */
function startsToken(t: string, i: number): boolean {
  if (i === 0) return true;
  const c = t[i - 1]!;
  return SPACE.test(c) || OPENERS.has(c);
}

/** Does a token end at `end` (none, white space, a closing delimiter, or a full stop that ends a sentence)? */
function endsToken(t: string, end: number): boolean {
  if (end >= t.length) return true;
  const c = t[end]!;
  if (SPACE.test(c) || CLOSERS.has(c)) return true;
  return c === '.' && (end + 1 >= t.length || SPACE.test(t[end + 1]!));
}

const COMMANDS = new Set(['PASS', 'LOGIN', 'AUTH', 'AUTHENTICATE', 'APOP']);
const FIELD = /(?:pass(?:word)?|passwd|pwd|secret|has[łl]o)["']?\s{0,3}[:=]\s{0,3}["']?$/i;

/**
 * Does the occurrence at [i, end) stand where a password stands: quoted on its own, after "password=" or
 * "password:", or among the first arguments of a command that carries one (PASS x, LOGIN user x, AUTH PLAIN x)?
 */
function inPasswordPlace(t: string, i: number, end: number): boolean {
  const q = t[i - 1];
  if ((q === '"' || q === "'") && t[end] === q) return true;
  // Look back at most 100 characters (lastIndexOf('\n') would scan to the start on a text without line breaks).
  let lineStart = i;
  while (lineStart > 0 && i - lineStart < 100 && t[lineStart - 1] !== '\n') lineStart--;
  const before = t.slice(lineStart, i);
  if (FIELD.test(before.slice(-40))) return true;
  const tokens = before.split(/\s+/);
  tokens.pop(); // what touches the occurrence (an opening quote, or nothing)
  return tokens.slice(-3).some((w) => COMMANDS.has(w.toUpperCase()));
}

function maskForm(t: string, form: string, placed: boolean): string {
  let out = '';
  let from = 0;
  for (let i = t.indexOf(form); i >= 0; i = t.indexOf(form, i + 1)) {
    if (i < from) continue;
    const end = i + form.length;
    if (!startsToken(t, i) || !endsToken(t, end) || (placed && !inPasswordPlace(t, i, end))) continue;
    out += t.slice(from, i) + REDACTED;
    from = end;
  }
  return from === 0 ? t : out + t.slice(from);
}

/** `text` with every secret form that stands as a whole token (and, for ordinary ones, where a password stands) masked. */
export function maskSecrets(text: string, forms: SecretForms): string {
  let out = text;
  for (const f of forms.anywhere) if (out.includes(f)) out = maskForm(out, f, false);
  for (const f of forms.positional) if (out.includes(f)) out = maskForm(out, f, true);
  return out;
}

/** A deep copy of a JSON-like value with every string masked. */
export function maskDeep<T>(value: T, forms: SecretForms): T {
  if (!forms.anywhere.length && !forms.positional.length) return value;
  return JSON.parse(JSON.stringify(value, (_k, x: unknown) => (typeof x === 'string' ? maskSecrets(x, forms) : x))) as T;
}
