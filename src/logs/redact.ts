/**
 * Log lines are quoted as evidence; some software logs secrets (Dovecot's auth_verbose_passwords writes "given
 * password: …", SASL failures can carry a base64 challenge answer). Every quoted line passes through here.
 */
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/(given password: )[^)]{0,200}/gi, '$1***'],
  [/(password[=:] ?)[^\s,;)]{1,200}/gi, '$1***'],
  [/(authentication failed: )[A-Za-z0-9+/=]{8,200}$/, '$1***'],
];

/**
 * A log line safe to quote as evidence: passwords some software logs ("given password: …", SASL answers) masked, and
 * cut at 4,000 characters.
 */
export function redactLogLine(line: string): string {
  if (line.length > 4000) line = line.slice(0, 4000) + '…';
  if (!/pass|authentication failed/i.test(line)) return line;
  for (const [re, to] of SECRET_PATTERNS) line = line.replace(re, to);
  return line;
}
