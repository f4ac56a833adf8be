/**
 * Shapes shared by every knowledge table under src/knowledge/. The tables are plain data (arrays and records of
 * entries) so that `explain`, the classifier (src/classify) and later capabilities can read them without code.
 * These shapes are a stable contract: add optional fields, never rename or remove.
 */
import type { Actor, Permanence, Reason, Text } from '../core/finding.js';

/**
 * Which mailmedic command checks a problem further. `explain` turns a kind into a concrete command line,
 * filling in the domain / IP / host it found in the text (or a placeholder such as `<your-domain>`).
 *
 * - `domain`: `mailmedic domain <sender domain>` (SPF, DKIM, DMARC, MX)
 * - `domain-ip`: `mailmedic domain <domain> --ip <sending IP>` (PTR / reverse DNS, blocklists)
 * - `recipient-domain`: `mailmedic domain <recipient domain>` (MX, null MX of the other side)
 * - `probe-smtp`: `mailmedic probe smtp <host>` (relay, AUTH, STARTTLS, connection)
 * - `probe-imap`: `mailmedic probe imap <host>` (receiving with a mail client)
 * - `settings`: `mailmedic settings <address>` (mail-client settings)
 * - `logs`: `mailmedic logs problems <file>` (server-side mail log)
 * - `message`: `mailmedic message <file.eml>` (headers, authentication results)
 */
export type SeeAlsoKind =
  | 'domain'
  | 'domain-ip'
  | 'recipient-domain'
  | 'probe-smtp'
  | 'probe-imap'
  | 'settings'
  | 'logs'
  | 'message';

/** One piece of knowledge: what something means, why it happens, what to do. */
export interface KnowledgeEntry {
  /** Short name of the problem (one line). */
  title: Text;
  /** What it means. */
  meaning: Text;
  /** The usual causes (optional when the meaning says it all). */
  cause?: Text;
  /** Concrete steps, in order. May be empty when there is nothing to do (e.g. success codes). */
  advice: Text[];
  /** The bounce reason this entry usually stands for (the classifier may use it as a rule source). */
  reason?: Reason;
  /** Who usually must act. */
  actor?: Actor;
  /** Usual permanence when the code does not say (keyword entries). */
  permanence?: Permanence;
  /** Which mailmedic commands check it further. */
  see?: SeeAlsoKind[];
  /** Where the knowledge comes from: "rfc5321", "rfc3463", "seed:002", "provider:gmail", … */
  source?: string;
}

/**
 * A known message found by its words (no code needed): a keyword pattern. Matching is done by `explain` on a
 * normalized copy of the text: lower-case, Polish diacritics folded (ą→a, ł→l, …), "_" and runs of white space
 * turned into one space. `phrases` are given in that normalized form (lower-case, no diacritics), each a literal
 * (no regex); a phrase matches only at word boundaries.
 */
export interface MessagePattern extends KnowledgeEntry {
  /** Stable id, e.g. "bounce.maildir-over-quota", "gmail.5.7.26". Used as the rule: "message:<id>". */
  id: string;
  /** Literal phrases (normalized form); any one of them identifies the message. */
  phrases: string[];
  /** Higher wins when several patterns match the same line (default 0; tie → longer phrase). */
  priority?: number;
  /** The provider whose message it is ("gmail", "microsoft", "yahoo", …), for provider rejections. */
  provider?: string;
}
