/**
 * The reusable reason classifier: diagnostic text + enhanced status + reply code → a reason from the bounce
 * vocabulary, with the rule that decided it. Used by `explain`, `bounce` and `logs` alike.
 *
 * Order of precedence (first that applies decides; the `rule` says which):
 *   1. action "delivered" or status 2.x.x                        → delivered          rule "status:2" / "action:delivered"
 *   2. a *strong* status code (X.2.2, X.7.26, X.7.25, X.1.6 …)    → its reason         rule "status:5.2.2"
 *   3. a specific phrase in the text (PHRASES, by TEXT_PRECEDENCE) → its reason        rule "text:<reason>:<phrase>"
 *   4. any other known status code (X.1.1, X.7.1 …)               → its reason         rule "status:5.1.1"
 *   5. a generic phrase (WEAK_PHRASES)                             → its reason        rule "weak:<reason>:<phrase>"
 *   6. the reply code (552, 421 …)                                 → its reason        rule "reply:552"
 *   7. action "delayed"                                            → expired           rule "action:delayed"
 *   8. text without any of the above, or a bounce that gives no cause → onhold; nothing at all → undefined.
 * Outside a bounce (`inBounce` unset) a few phrases and statuses are read as what they say about this one
 * attempt (LIVE_READING, LIVE_STATUS_DETAIL: a timeout is a network error, not an expired queue). Wording in
 * TEMPORARY_PHRASES ("Host not found, try again", greylisting) makes the failure temporary when no code says.
 * Matching is one Aho–Corasick pass over at most 32 KiB of lowercased text: linear, no backtracking regex.
 */
import type { Actor, Permanence, Reason } from '../core/finding.js';
import { normalizeDiagnostic, PhraseMatcher } from './matcher.js';
import { CAUSE_OF_EXPIRY, HOST_WAS_TRIED, LIVE_READING, PHRASES, TEMPORARY_PHRASES, TEXT_PRECEDENCE, WEAK_PHRASES } from './patterns.js';
import { providerReason, type Provider } from './providers/index.js';
import { REPLY_FALLBACK, statusRule } from './status.js';

/**
 * What is known about one failed (or delivered) attempt: the server's words and whatever codes, command and DSN
 * fields came with them.
 */
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
  /** DSN Diagnostic-Code type (SMTP, X-UNIX, X-POSTFIX …) if known: X-UNIX means a local program failed. */
  diagnosticType?: string;
  /**
   * The report comes from the recipient's own mailbox server (its directory said so), not from a gateway or
   * filter relaying a remote answer: its wording about an unknown user is taken at its word.
   */
  mailboxServer?: boolean;
  /**
   * The text is one recipient's diagnostic inside a bounce (set by the bounce reader). Enables the reading
   * "an unknown-user answer given anywhere but at RCPT TO comes from a filter" (Sisimai's rule), which a bare
   * pasted message (explain) does not support.
   */
  inBounce?: boolean;
  /** The codes `codesInText(text)` gives, when the caller has already computed them (saves a second scan). */
  textCodes?: { status?: string; replyCode?: number };
  /**
   * The mailbox provider or gateway that gave this answer (providerFor: by recipient domain or remote host):
   * its documented texts and codes decide before the general tables.
   */
  provider?: Provider;
  /**
   * The sending MTA's own classification of this failure (PowerMTA's bounce category …): coarse (its patterns
   * file "denied" or "rejected" under policy), so used only when neither the words nor the status name a cause,
   * before a generic phrase or the bare reply code.
   */
  senderCategory?: Reason;
}

/**
 * The classifier's verdict: the reason, the rule that decided it, whether it is permanent and hard, and who must act.
 */
export interface Classification {
  reason: Reason;
  /** What decided: e.g. "text:mailboxfull:mailbox full", "status:5.1.1", "reply:552". */
  rule: string;
  permanence: Permanence;
  actor: Actor;
  /** Hard bounce per the corpus README: userunknown, hostunknown, hasmoved, and notaccept when permanent. */
  hard: boolean;
  /** Status and reply code used (given, or found in the text when not given). */
  status?: string;
  replyCode?: number;
}

/** Who usually must act, per reason. */
export const REASON_ACTOR: Readonly<Record<Reason, Actor>> = {
  userunknown: 'you', hostunknown: 'you', mailboxfull: 'recipient', suspend: 'recipient', hasmoved: 'you',
  notaccept: 'you', filtered: 'recipient', rejected: 'you', blocked: 'your-provider', badreputation: 'your-provider',
  requireptr: 'your-provider', authfailure: 'you', policyviolation: 'you', spamdetected: 'you',
  virusdetected: 'you', contenterror: 'you', notcompliantrfc: 'you', mesgtoobig: 'you', exceedlimit: 'you',
  norelaying: 'your-provider', securityerror: 'your-provider', failedstarttls: 'recipient-provider',
  toomanyconn: 'your-provider', speeding: 'your-provider', syntaxerror: 'your-provider',
  systemerror: 'recipient-provider', systemfull: 'recipient-provider', networkerror: 'network',
  expired: 'recipient-provider', mailererror: 'recipient-provider', onhold: 'unknown', undefined: 'unknown',
  feedback: 'you', vacation: 'unknown', delivered: 'unknown',
};

const HARD: ReadonlySet<Reason> = new Set(['userunknown', 'hostunknown', 'hasmoved']);

/** Hard bounce rule of the corpus README. */
export function isHardBounce(reason: Reason, permanence: Permanence): boolean {
  if (HARD.has(reason)) return true;
  return reason === 'notaccept' && permanence === 'permanent';
}

interface Entry {
  reason: Reason;
  phrase: string;
  rank: number;
  weak: boolean;
  /** The reading outside a bounce (LIVE_READING), when it differs. */
  live?: { reason: Reason; rank: number };
}

let compiled: { matcher: PhraseMatcher; entries: Entry[] } | undefined;

function table(): { matcher: PhraseMatcher; entries: Entry[] } {
  if (compiled) return compiled;
  const entries: Entry[] = [];
  TEXT_PRECEDENCE.forEach((reason, rank) => {
    for (const phrase of PHRASES[reason] ?? []) {
      const e: Entry = { reason, phrase, rank, weak: WEAK_PHRASES.has(phrase) };
      const lr = LIVE_READING[phrase];
      if (lr && lr !== reason) e.live = { reason: lr, rank: TEXT_PRECEDENCE.indexOf(lr) };
      entries.push(e);
    }
  });
  compiled = { matcher: new PhraseMatcher(entries.map((e) => e.phrase)), entries };
  return compiled;
}

/**
 * A phrase found in the text and the reason it stands for; weak phrases (WEAK_PHRASES) are generic and decide only
 * when no code does.
 */
export interface TextMatch {
  reason: Reason;
  phrase: string;
  weak: boolean;
}

/**
 * What the wording alone says: the best strong and weak phrase, and any phrase that marks the failure temporary or
 * names an expired message's cause.
 */
export interface TextMatches {
  strong?: TextMatch;
  weak?: TextMatch;
  /** A phrase of TEMPORARY_PHRASES found in the text, if any. */
  temporary?: string;
  /** A phrase of CAUSE_OF_EXPIRY found in the text, if any. */
  cause?: string;
}

/**
 * The best reason the wording alone gives: strong phrases first, then weak, by TEXT_PRECEDENCE. `live`: the
 * text is not inside a bounce, so LIVE_READING applies.
 */
export function matchText(text: string, live = false, normalized?: string): TextMatches {
  const { matcher, entries } = table();
  const norm = normalized ?? normalizeDiagnostic(text);
  const hits = matcher.scan(norm);
  // A phrase found (mostly) inside a longer phrase that also matched is its part, not a finding of its own:
  // "does not exist." within "domain does not exist." says hostunknown, not userunknown.
  const spans = hits.map((h) => ({ h, e: entries[h.index]!, end: h.at + entries[h.index]!.phrase.length }));
  type Pick = { reason: Reason; phrase: string; rank: number };
  let strong: Pick | undefined;
  let weak: Pick | undefined;
  let temporary: string | undefined;
  let cause: string | undefined;
  for (const x of spans) {
    if (!temporary && TEMPORARY_PHRASES.has(x.e.phrase)) temporary = x.e.phrase;
    if (!cause && Object.hasOwn(CAUSE_OF_EXPIRY, x.e.phrase)) cause = x.e.phrase;
    const len = x.end - x.h.at;
    const inner = spans.some((y) => y !== x && y.end - y.h.at > len && y.h.at <= x.h.at && y.end >= x.h.at + len * 0.75);
    if (inner) continue;
    const p: Pick = live && x.e.live ? { ...x.e.live, phrase: x.e.phrase } : x.e;
    if (x.e.weak) {
      if (!weak || p.rank < weak.rank) weak = p;
    } else if (!strong || p.rank < strong.rank) strong = p;
  }
  const out: TextMatches = {};
  if (strong) out.strong = { reason: strong.reason, phrase: strong.phrase, weak: false };
  if (weak) out.weak = { reason: weak.reason, phrase: weak.phrase, weak: true };
  if (temporary) out.temporary = temporary;
  if (cause) out.cause = cause;
  return out;
}

const STATUS_IN_TEXT = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?!\.?\d)/g;
const REPLY_IN_TEXT = /(?<![\d.])([245][0-5]\d)(?=[ \-]|$)/gm;

/**
 * The first failure codes written in a text (bounded scan): the first 4.x.x/5.x.x enhanced status and the
 * first 4xx/5xx reply code; success codes (a transcript's "250 2.1.5 Ok") are passed over.
 */
export function codesInText(text: string): { status?: string; replyCode?: number } {
  const t = text.length > 8192 ? text.slice(0, 8192) : text;
  const out: { status?: string; replyCode?: number } = {};
  // exec loops on the module's own regexes (matchAll would clone each regex per call).
  STATUS_IN_TEXT.lastIndex = 0;
  for (let s = STATUS_IN_TEXT.exec(t); s; s = STATUS_IN_TEXT.exec(t)) {
    if (s[1] === '2') continue;
    out.status = `${s[1]}.${s[2]}.${s[3]}`;
    break;
  }
  REPLY_IN_TEXT.lastIndex = 0;
  for (let r = REPLY_IN_TEXT.exec(t); r; r = REPLY_IN_TEXT.exec(t)) {
    if (r[1]![0] === '2') continue;
    out.replyCode = Number(r[1]);
    break;
  }
  return out;
}

function permanenceOf(status: string | undefined, replyCode: number | undefined, action: string | undefined): Permanence {
  const c = status?.[0] ?? (replyCode ? String(replyCode)[0] : undefined);
  if (c === '5') return 'permanent';
  if (c === '4') return 'temporary';
  if (action === 'delayed') return 'temporary';
  if (action === 'failed') return 'permanent';
  return 'unknown';
}

function isFilterContext(status: string | undefined, command: string | undefined): boolean {
  const cmd = command?.toUpperCase();
  if (cmd === 'RCPT') return false;
  // The address check's own codes (X.1.x) or a protocol-level X.5.x keep it an unknown user.
  if (status && /^\d\.[15]\./.test(status)) return false;
  if (cmd === 'MAIL') return false;
  return true;
}

/** Wording that can only come from an address (directory) lookup, never from a content filter. */
const DIRECTORY_WORDS: ReadonlySet<string> = new Set([
  'not listed in domino directory', 'not listed in public name & address book', "address couldn't be found",
  "the address couldn't be found", 'recipient name is not recognized', 'no valid recipients for this mm',
  'resolver.adr.recipientnotfound', 'resolver.adr.recipient notfound', "wasn't found at", 'no such mailbox',
  'mailbox not found', 'email address does not exist', 'address does not exist',
  // Exchange's Polish directory answer ("Nie znaleziono użytkownika … w domenie …").
  'nie znaleziono użytkownika', 'nie znaleziono uzytkownika',
  // Dovecot's LMTP/LDA answer from its user database.
  "user doesn't exist",
  // RFC 821's own example of the address check's refusal, and the text cPanel's aliases fail an address with
  // (Exim ":fail: No Such User Here").
  'no such user here',
]);

/** What a local delivery program's own words may name as the cause instead of "the mailer failed". */
const X_UNIX_CAUSES: ReadonlySet<Reason> = new Set(['mailboxfull', 'systemfull', 'mesgtoobig', 'exceedlimit']);

/** Reasons about the recipient's address that, said in reply to MAIL FROM, are about the sender instead. */
const SENDER_SIDE: ReadonlySet<Reason> = new Set(['userunknown', 'hostunknown', 'onhold', 'systemerror', 'filtered', 'undefined']);

/**
 * Classifies a server's reply into a bounce reason, by the order of precedence above (codes, specific phrases,
 * generic phrases, reply code); the `rule` says what decided.
 */
export function classify(input: ClassifyInput): Classification {
  const text = input.text ?? '';
  let status = input.status?.trim() || undefined;
  let replyCode = input.replyCode;
  if ((!status || !replyCode) && text) {
    const found = input.textCodes ?? codesInText(text);
    status ??= found.status;
    replyCode ??= found.replyCode;
  }
  if (status && !/^[245]\.\d{1,3}\.\d{1,3}$/.test(status)) status = undefined;
  const action = input.action?.toLowerCase();
  const live = !input.inBounce;
  // The wording is read only when a rule below needs it (a delivered action, a success status or a strong
  // status decide without it): the phrase scan is the classifier's main cost.
  let tmRead: TextMatches | undefined;
  let normRead: string | undefined;
  const norm = (): string => (normRead ??= normalizeDiagnostic(text));
  const words = (): TextMatches => (tmRead ??= text ? matchText(text, live, norm()) : {});
  let permanence = permanenceOf(status, replyCode, action);
  // "Try again" (the resolver), greylisting: temporary by the server's own words when no code says.
  if (permanence === 'unknown' && words().temporary) permanence = 'temporary';
  const cmd = input.command?.toUpperCase();
  const done = (reason0: Reason, rule0: string): Classification => {
    let reason = reason0;
    let rule = rule0;
    // A DNS failure reported with a temporary code is a network problem, not a domain that does not exist.
    if (reason === 'hostunknown' && permanence === 'temporary') { reason = 'networkerror'; rule += '+temporary'; }
    // Refused at MAIL FROM: the envelope sender was rejected, whatever the words.
    else if (cmd === 'MAIL' && (SENDER_SIDE.has(reason) || (reason === 'securityerror' && rule.startsWith('status:')))) {
      reason = 'rejected'; rule += '+at-mail-from';
    }
    // Refused at connection or greeting, with nothing more specific said: the sending host was blocked.
    else if ((cmd === 'CONN' || cmd === 'EHLO' || cmd === 'HELO') && (reason === 'onhold' || reason === 'undefined' || reason === 'securityerror' || reason === 'systemerror')) {
      reason = 'blocked'; rule += '+at-connection';
    }
    const perm = reason === 'delivered' || reason === 'vacation' || reason === 'feedback' ? 'unknown' : permanence;
    const c: Classification = { reason, rule, permanence: perm, actor: REASON_ACTOR[reason], hard: isHardBounce(reason, perm) };
    if (status) c.status = status;
    if (replyCode) c.replyCode = replyCode;
    return c;
  };

  if (action === 'delivered') return done('delivered', 'action:delivered');
  if (status?.startsWith('2.')) return done('delivered', 'status:2');
  if (input.provider && text) {
    const pv = providerReason(input.provider, { text, low: norm(), status, replyCode, command: cmd });
    if (pv) return done(pv.reason, `provider:${input.provider.id}:${pv.matched}`);
  }
  const sr = status ? statusRule(status, live) : undefined;
  // "No such host" (X.1.2) beside words that say the host was tried: the status is a catch-all, the words decide.
  const hostTried = sr?.reason === 'hostunknown' && text !== '' && words().strong !== undefined && HOST_WAS_TRIED.has(words().strong!.phrase.trim());
  if (sr?.strong && sr.reason !== 'delivered' && !hostTried) return done(sr.reason, `status:${status}`);
  // A local delivery program (procmail, maildrop, a pipe) failed: its own words are not the remote server's.
  const dtype = input.diagnosticType?.toUpperCase();
  // A local program's failure with a system-level status (X.3.x): the status says it all.
  // Not when the words say the program itself failed ("unknown mailer error 1", "Command died with status 1").
  if (dtype === 'X-UNIX' && permanence === 'permanent' && sr && (sr.reason === 'systemerror' || sr.reason === 'systemfull') &&
    words().strong?.reason !== 'mailererror') {
    return done(sr.reason, `status:${status}+x-unix`);
  }
  const tm = words();
  // A local program failed, unless its words say why in a way that names the cause ("Disk quota exceeded" from
  // a delivery agent is a full mailbox, not a broken mailer).
  if (dtype === 'X-UNIX' && !(sr && (sr.strong || (permanence === 'permanent' && (sr.reason === 'systemerror' || sr.reason === 'systemfull')))) &&
    !(tm.strong && X_UNIX_CAUSES.has(tm.strong.reason))) {
    return done('mailererror', 'diagnostic-type:x-unix');
  }
  // Postfix's own diagnostic (not the remote's words): a local mailer problem when nothing else tells more; a
  // status (4.4.1 connection refused …) or any wording does.
  if (dtype === 'X-POSTFIX' && !sr && !tm.strong && !tm.weak) return done('mailererror', 'diagnostic-type:x-postfix');
  if (tm.strong) {
    const rule = `text:${tm.strong.reason}:${tm.strong.phrase.trim()}`;
    // "User unknown" said after DATA (or with a status that is not X.1.x) comes from a recipient-side filter,
    // not from the address check at RCPT: the address may well exist (Sisimai reads it the same way).
    if (tm.strong.reason === 'userunknown' && input.inBounce && !input.mailboxServer && !DIRECTORY_WORDS.has(tm.strong.phrase) &&
      isFilterContext(status, input.command)) return done('filtered', `${rule}+not-at-rcpt`);
    if (tm.strong.reason === 'expired' && tm.cause) {
      const cause = CAUSE_OF_EXPIRY[tm.cause]!;
      return done(cause, `text:${cause}:${tm.cause}+cause-of-expiry`);
    }
    return done(tm.strong.reason, rule);
  }
  // A bare temporary 4.0.0 without words: the usual cause is that the remote host could not be reached.
  if (status === '4.0.0' && !tm.weak) return done('networkerror', 'status:4.0.0');
  if (sr && sr.reason !== 'delivered' && !(sr.reason === 'onhold' && (tm.weak || input.senderCategory))) return done(sr.reason, `status:${status}`);
  if (input.senderCategory) return done(input.senderCategory, `sender-category:${input.senderCategory}`);
  if (tm.weak) return done(tm.weak.reason, `weak:${tm.weak.reason}:${tm.weak.phrase.trim()}`);
  if (replyCode && REPLY_FALLBACK[replyCode]) return done(REPLY_FALLBACK[replyCode]!, `reply:${replyCode}`);
  if (action === 'delayed') return done('expired', 'action:delayed');
  if (text.trim()) return done('onhold', 'none:text-not-recognised');
  // A bounce that lists the recipient as failed but says nothing of why: the reason is on hold (Sisimai's
  // reading), not unknown input.
  if (input.inBounce) return done('onhold', 'none:no-cause-in-bounce');
  return done('undefined', 'none:no-information');
}

export { PhraseMatcher, normalizeDiagnostic } from './matcher.js';
export { PHRASES, TEXT_PRECEDENCE, WEAK_PHRASES } from './patterns.js';
export { STATUS_DETAIL, REPLY_FALLBACK, statusRule } from './status.js';
export { PROVIDERS, providerFor, providerReason, type Provider } from './providers/index.js';
