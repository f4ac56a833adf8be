import type { Text } from '../../core/finding.js';

/** A rule or symbol a spam filter reported, explained from a data table when known. */
export interface SpamRuleHit {
  name: string;
  /** Points this rule added (negative = towards "not spam"), when the header says. */
  score?: number;
  /** Extra data the filter attached (rspamd's [options]). */
  options?: string;
  meaning?: Text;
  /** What the sender can do, when the rule points at something fixable. */
  fix?: Text;
}

/** One spam filter's verdict as read from its headers. */
export interface SpamVerdict {
  filter: 'spamassassin' | 'rspamd' | 'microsoft' | 'gmail' | 'other';
  /** Product name as shown to people. */
  product: string;
  /** Did the filter call it spam? undefined when the headers do not say. */
  spam?: boolean;
  score?: number;
  /** How the score is called when it is not points (Microsoft: "SCL"). */
  scoreName?: string;
  threshold?: number;
  /** Filter action or category ("add header", "SFV:SPM", "CAT:PHSH"). */
  action?: string;
  rules: SpamRuleHit[];
  /** Filter-specific fields decoded (Microsoft SCL, BCL, SFV, CAT, PTR, CIP, …). */
  fields?: Record<string, string>;
  /** The headers read, for evidence. */
  headers: { name: string; value: string }[];
}

/** An explanation table entry; `*` at the end of a key matches any suffix. */
export interface RuleInfo {
  meaning: Text;
  fix?: Text;
}

/** Look a rule up: exact name first, then the longest matching "PREFIX*" key. */
export function lookupRule(table: Record<string, RuleInfo>, name: string): RuleInfo | undefined {
  const exact = table[name];
  if (exact) return exact;
  let best: RuleInfo | undefined;
  let bestLen = 0;
  for (const key of Object.keys(table)) {
    if (key.endsWith('*') && name.startsWith(key.slice(0, -1)) && key.length > bestLen) {
      best = table[key];
      bestLen = key.length;
    }
  }
  return best;
}
