/**
 * Reasons that a sending MTA wrote into its own DSN fields, as data. Bulk senders' MTAs classify each failure
 * themselves and say so beside the RFC 3464 fields; when the remote server's words tell us nothing specific,
 * their verdict is better than a guess from a bare status code. Values from PowerMTA's documented bounce
 * categories (X-PowerMTA-BounceCategory), as read by Sisimai (BSD-2-Clause).
 */
import type { Reason } from '../core/finding.js';

/** Per-recipient DSN field → its value (lowercase) → our reason. */
export const SENDER_CATEGORY_FIELDS: Readonly<Record<string, Readonly<Record<string, Reason>>>> = {
  'x-powermta-bouncecategory': {
    'bad-domain': 'hostunknown',
    'bad-mailbox': 'userunknown',
    'inactive-mailbox': 'suspend',
    'message-expired': 'expired',
    'no-answer-from-host': 'networkerror',
    'policy-related': 'policyviolation',
    'quota-issues': 'mailboxfull',
    'routing-errors': 'systemerror',
    'spam-related': 'spamdetected',
    'content-related': 'contenterror',
    'invalid-sender': 'rejected',
    'relaying-issues': 'norelaying',
    'protocol-errors': 'syntaxerror',
    'virus-related': 'virusdetected',
    'bad-connection': 'networkerror',
    'bad-configuration': 'systemerror',
  },
};

/** The sending MTA's own reason for one recipient block, if it wrote one we know. */
export function senderCategory(read: (field: string) => string | undefined): Reason | undefined {
  for (const [name, table] of Object.entries(SENDER_CATEGORY_FIELDS)) {
    const v = read(name)?.trim().toLowerCase();
    if (v && Object.hasOwn(table, v)) return table[v];
  }
  return undefined;
}
