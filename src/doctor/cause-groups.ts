/**
 * Which findings of different checks are the same cause, as data: a login failure seen by the server test and
 * a "535" in the pasted error; a blocklist entry found in DNS and a "blocked using" in the bounce. Findings of
 * one group become one cause with the evidence of all (corroborated), instead of two causes that look different.
 */
import type { Finding } from '../core/finding.js';

/**
 * One cause as several checks may see it: the finding check ids, diagnosis reasons and reply codes that all point at
 * it.
 */
export interface CauseGroup {
  id: string;
  /** Finding check ids that belong to the group. */
  checks?: RegExp;
  /** Diagnosis reasons that belong to the group. */
  reasons?: string[];
  /** Reply codes that belong to the group (with any reason). */
  replyCodes?: number[];
}

/** The cause groups: findings of one group are ranked as one cause, corroborated by each other. */
export const CAUSE_GROUPS: readonly CauseGroup[] = [
  { id: 'login', checks: /^probe\.(smtp|imap|pop3)\.(auth|login)$/, replyCodes: [535, 534, 454] },
  { id: 'blocklist', checks: /^dns\.dnsbl\.listed$/, reasons: ['blocked', 'badreputation'] },
  { id: 'reverse-dns', checks: /^dns\.ptr\./, reasons: ['requireptr'] },
  { id: 'sender-auth', checks: /^(dns\.(spf|dkim|dmarc)\.|message\.auth\.)/, reasons: ['authfailure'] },
  { id: 'recipient-domain', checks: /^dns\.mx\.(none|null|nxdomain|implicit)/, reasons: ['hostunknown', 'notaccept'] },
  { id: 'mailbox-full', reasons: ['mailboxfull'] },
  { id: 'no-such-user', reasons: ['userunknown'] },
  { id: 'limits', checks: /^doctor\.limits\./, reasons: ['exceedlimit', 'speeding'] },
  { id: 'spam', checks: /^(message\.why-spam|message\.spam\.|doctor\.spam-folder)/, reasons: ['spamdetected'] },
];

/** The group a failing finding belongs to, or undefined. Checks first (they are specific), then codes, then reasons. */
export function causeGroupOf(f: Finding): string | undefined {
  for (const g of CAUSE_GROUPS) if (g.checks?.test(f.check)) return g.id;
  const code = f.diagnosis?.replyCode;
  if (code !== undefined) for (const g of CAUSE_GROUPS) if (g.replyCodes?.includes(code)) return g.id;
  const reason = f.diagnosis?.reason;
  if (reason) for (const g of CAUSE_GROUPS) if (g.reasons?.includes(reason)) return g.id;
  return undefined;
}
