/**
 * The reusable reason classifier: diagnostic text + enhanced status + reply code → a reason from the bounce
 * vocabulary, with the rule that decided it. Used by `explain`, `bounce` and `logs` alike.
 *
 * PLACEHOLDER implementation (status-class only); the classifier work replaces the body, keeping this interface.
 */
import type { Actor, Permanence, Reason } from '../core/finding.js';

export interface ClassifyInput {
  /** The remote server's words / diagnostic text (any length; may hold several lines). */
  text?: string;
  /** Enhanced status code, e.g. "5.1.1" (if known). */
  status?: string;
  /** SMTP reply code, e.g. 550 (if known). */
  replyCode?: number;
  /** The SMTP command at which it failed (CONN, EHLO, MAIL, RCPT, DATA, …) if known. */
  command?: string;
  /** DSN Action field (failed, delayed, delivered, relayed, expanded) if known. */
  action?: string;
}

export interface Classification {
  reason: Reason;
  /** What decided: e.g. "text:mailbox-full", "status:5.1.1", "reply:552". */
  rule: string;
  permanence: Permanence;
  actor: Actor;
  /** Hard bounce per the corpus README: userunknown, hostunknown, hasmoved, and notaccept when permanent. */
  hard: boolean;
}

export function classify(input: ClassifyInput): Classification {
  const s = input.status ?? (input.replyCode ? String(input.replyCode)[0] + '.0.0' : '');
  const permanence: Permanence = s.startsWith('5') ? 'permanent' : s.startsWith('4') ? 'temporary' : 'unknown';
  if (s.startsWith('2')) return { reason: 'delivered', rule: 'status:2', permanence: 'unknown', actor: 'unknown', hard: false };
  return { reason: input.text ? 'onhold' : 'undefined', rule: 'placeholder', permanence, actor: 'unknown', hard: false };
}
