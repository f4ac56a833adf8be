import type { Actor, Permanence, Reason, Text } from '../core/finding.js';
import { tx } from '../i18n/text.js';

/** What a bounce reason means, who usually acts, and what to do. One entry per reason; data, not code. */
export interface ReasonInfo {
  title: Text;
  meaning: Text;
  advice: Text[];
  /** Who usually must act for this reason. */
  actor: Actor;
  /** Usual permanence when the code does not say. */
  permanence: Permanence;
  /** Hard bounce (stop sending to that address) when permanent. */
  hard: boolean;
}

// PLACEHOLDER: the explain work fills in every reason in both languages (owned by src/explain helper).
const GENERIC: ReasonInfo = {
  title: tx('Delivery problem', 'Problem z doręczeniem'),
  meaning: tx('The message could not be delivered.', 'Wiadomości nie udało się doręczyć.'),
  advice: [],
  actor: 'unknown',
  permanence: 'unknown',
  hard: false,
};

export const REASON_INFO: Partial<Record<Reason, ReasonInfo>> = {};

export function describeReason(reason: Reason): ReasonInfo {
  return REASON_INFO[reason] ?? GENERIC;
}
