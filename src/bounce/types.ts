/** Shapes of the bounce reader: what a decoder extracts and what `parseBounce` returns. */
import type { Reason, Text } from '../core/finding.js';
import type { HeaderList, MimePart } from '../mime/parse.js';

/** What a decoder found about one recipient, before classification. */
export interface RawRecipient {
  recipient: string;
  action?: string;
  /** Enhanced status code, e.g. "5.1.1". */
  status?: string;
  replyCode?: number;
  diagnosticCode?: string;
  /** Diagnostic type from the DSN (SMTP, X-Postfix, X-Unix …). */
  diagnosticType?: string;
  rhost?: string;
  lhost?: string;
  command?: string;
  date?: string;
  /** Written by the recipient's own mailbox server (see ClassifyInput.mailboxServer). */
  mailboxServer?: boolean;
  /** Decoder-decided reason (e.g. feedback, vacation) that the classifier must not override. */
  reason?: Reason;
  feedbackType?: string;
  /** The sending MTA's own classification from its DSN fields (src/bounce/categories.ts): a hint, not a verdict. */
  senderCategory?: Reason;
  /** Decoder rule: which part of the decoder found it, e.g. "dsn", "text-block". */
  rule?: string;
}

/** Everything a decoder may look at, computed once per message. */
export interface BounceContext {
  root: MimePart;
  headers: HeaderList;
  from: string;
  subject: string;
  /** The human-readable text of the bounce (first text part, or the whole body), decoded. */
  text: string;
  /**
   * False when `text` certainly contains none of these ASCII strings, known without decoding it (the raw
   * bytes of a part that needs no transfer decoding, in an ASCII-compatible charset, lack them all); true when
   * it may (then test `text`).
   */
  textMayContain(needles: readonly string[]): boolean;
  /** The same with the returned original message cut off. */
  errorText: string;
  /** Decoded DSN parts (message/delivery-status, message/global-delivery-status). */
  dsnParts: string[];
  /** Headers of the returned original message, when present. */
  original?: HeaderList;
  /** Lowercased head of errorText (computed once, for the formats' detect()). */
  lowHead: string;
  /** From, Subject and the Received/X- header values, lowercased once. */
  lowFrom: string;
  lowSubject: string;
  lowTrace: string;
  /** errorText lowercased once. */
  lowError: string;
  /** Names of the formats whose text markers occur in lowHead (one automaton pass, computed lazily). */
  markerHits?: Set<string>;
  /**
   * Per list of start markers (a format's `start`, by identity): the first one in lowError, as firstMarker
   * finds it; a list without an entry has none there. Set by the pass that cuts lowError, if it did.
   */
  startHits?: Map<readonly string[], { at: number; marker: string }>;
  /** Provider ids whose knowledge is left out (leave-one-family-out scoring only). */
  excludeProviders?: readonly string[];
  /** Per-format detect results (computed at most once per message). */
  detected: Map<string, boolean>;
  /** Per-format decode results (computed at most once per message). */
  cache: Map<string, RawRecipient[]>;
}

/**
 * A reader for one MTA's or provider's bounce format: a cheap test whether a message is in it, and the decoder that
 * reads its recipients.
 */
export interface BounceFormat {
  /** Stable id, used in rules: "postfix", "qmail" … */
  name: string;
  /** Does this message look like this format? Cheap header/text checks. */
  detect(ctx: BounceContext): boolean;
  /** Recognisable from the text alone, even when sender and subject do not look like a bounce. */
  standalone?: boolean;
  /** Recipients found; [] when the format matched but nothing could be read. */
  decode(ctx: BounceContext): RawRecipient[];
}

/** One recipient of a bounce as parseBounce returns it: the decoder's fields plus the verdict. */
export interface BounceRecipient
  extends Pick<RawRecipient, 'recipient' | 'date' | 'action' | 'status' | 'replyCode' | 'diagnosticCode' | 'diagnosticType' | 'rhost' | 'lhost' | 'command'> {
  /** Original sender (envelope or From of the returned message). */
  sender?: string;
  messageId?: string;
  subject?: string;
  reason: Reason;
  hardBounce: boolean;
  permanence: 'temporary' | 'permanent' | 'unknown';
  feedbackType?: string;
  explanation: Text;
  advice: Text[];
  /** Which decoder and which classifier rule decided, e.g. "decoder:postfix/dsn + classify:status:5.1.1". */
  rule: string;
  decoder: string;
}

/**
 * What kind of message it is: a standard DSN, an MTA's own text bounce, a feedback (abuse/unsubscribe) report, an
 * auto-reply, no bounce at all, or unreadable.
 */
export type BounceKind = 'dsn' | 'mta-text' | 'feedback' | 'auto-reply' | 'not-bounce' | 'error';

/** What one message is (a bounce, an auto-reply, a feedback report, not a bounce, unreadable) and its recipients. */
export interface BounceResult {
  isBounce: boolean;
  kind: BounceKind;
  /** Decoder that read it ("rfc3464", "postfix", "arf", "rfc3834" …), if any. */
  decoder?: string;
  recipients: BounceRecipient[];
  /** For a message that could not be read at all. */
  error?: string;
  /** The same in both languages, for the reports (the JSON record keeps `error`). */
  errorText?: Text;
  /** Subject of the bounce itself. */
  subject?: string;
  from?: string;
}
