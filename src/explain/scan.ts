/**
 * One pass over a text of any length: split it into logical lines (folded continuation lines joined, long lines
 * cut to a bound), skip the header lines of a returned original message, and find in each line the SMTP reply
 * codes, enhanced status codes and known phrases. Adjacent lines that belong to one reply (a multi-line
 * "550-5.7.1 …" reply, or a code on one line with its words on the next) are grouped into one thing found.
 */
import { REPLY_CODES } from '../knowledge/reply-codes.js';
import { normalizeForMatch, type PhraseHit, type PhraseMatcher } from './phrases.js';

/** Longest logical line looked at; longer lines are cut into pieces (bounds regex and matcher work). */
export const MAX_LINE = 4096;
/** A group (one thing found) keeps at most this much text. */
const MAX_GROUP_TEXT = 8192;

export interface ReplyCodeHit {
  code: number;
  /** Followed by "-": a line of a multi-line reply that continues. */
  dash: boolean;
  known: boolean;
}

export interface ScannedGroup {
  /** 1-based number of the physical line where it starts. */
  line: number;
  /** The original text of the line(s), continuation lines joined with a space. */
  text: string;
  replyCodes: ReplyCodeHit[];
  enhancedCodes: string[];
  hits: PhraseHit[];
  /** Sequence number of the last logical line in the group (for adjacency). */
  lastSeq: number;
  /** The logical line just before the group when it held nothing we know (qmail's "… does not like recipient."). */
  before?: string;
}

export interface ScanResult {
  /** Physical lines read. */
  lines: number;
  /** Logical lines cut because they were longer than MAX_LINE. */
  longLines: number;
}

// Header fields of a returned original message or DSN envelope that say nothing about the failure. Status: and
// Diagnostic-Code: are deliberately absent. Looked up by name in a set (cheaper than one big alternation).
const SKIP_HEADERS = new Set(['received', 'dkim-signature', 'domainkey-signature', 'authentication-results', 'message-id',
  'references', 'in-reply-to', 'mime-version', 'date', 'subject', 'from', 'to', 'cc', 'bcc', 'return-path',
  'received-spf', 'delivered-to', 'envelope-to', 'reply-to', 'sender', 'errors-to', 'arrival-date', 'reporting-mta',
  'original-recipient', 'final-recipient', 'action', 'remote-mta', 'last-attempt-date', 'will-retry-until',
  'user-agent', 'organization', 'importance', 'priority', 'precedence', 'auto-submitted', 'feedback-type',
  'original-envelope-id', 'original-mail-from', 'source-ip', 'reported-domain', 'dsn-gateway', 'accept-language']);
const SKIP_PREFIXES = ['x-', 'arc-', 'list-', 'content-', 'thread-'];
const HEADER_NAME = /^([A-Za-z][A-Za-z0-9-]{0,60})[ \t]*:/;

function isSkippedHeader(line: string): boolean {
  const m = HEADER_NAME.exec(line);
  if (!m) return false;
  const name = m[1]!.toLowerCase();
  return SKIP_HEADERS.has(name) || SKIP_PREFIXES.some((p) => name.startsWith(p));
}
const BASE64_LINE = /^[A-Za-z0-9+/=]{60,}$/;

const ENHANCED = /(?<![\d.])([245])\.([0-7])\.(\d{1,3})(?!\d)(?!\.\d)/g;
const REPLY = /(?<![A-Za-z0-9.\-/@#+=%])([2-5]\d\d)(?!\d)(?!\.\d)(?=[\s_\-),;:\]"'.]|$)/g;

/** What comes right before a reply code that is not at the start of its line. */
const REPLY_INTRO = /(?:said|returned|reply|replied|response|responded|answer(?:ed)?|error|code|status|smtp|server|host|fehler|erreur|erro|błąd|blad|kod|odpowied[zź]|odpowiedzia[lł]|[:=('"\[<>#])[\s'"\[(]*$/i;

function scanCodes(text: string): { reply: ReplyCodeHit[]; enhanced: string[] } {
  const enhanced: string[] = [];
  for (const m of text.matchAll(ENHANCED)) {
    const code = `${m[1]}.${m[2]}.${Number(m[3])}`;
    if (!enhanced.includes(code)) enhanced.push(code);
  }
  const reply: ReplyCodeHit[] = [];
  const firstToken = text.search(/[A-Za-z0-9]/);
  for (const m of text.matchAll(REPLY)) {
    const code = Number(m[1]);
    const at = m.index ?? 0;
    const dash = text[at + 3] === '-';
    const known = m[1]! in REPLY_CODES;
    // An unlisted number is a reply code only where it looks like one: leading the line, continued with "-",
    // or beside an enhanced code of the same class.
    if (!known && !dash && !enhanced.some((e) => e[0] === m[1]![0])) {
      // Leading the line, and followed by words: "571 Delivery not authorized", not `375" face=` or `274)(`.
      if (at !== firstToken || !/^[ \t][A-Za-z]/.test(text.slice(at + 3, at + 5))) continue;
    }
    // A known code counts where a reply stands: leading the line, continued with "-", beside an enhanced code,
    // or after words that introduce one ("said:", "error 550", "Remote server returned '550"); not in
    // "the meeting at 550 Main Street".
    if (known && !dash && at !== firstToken && !enhanced.length && !REPLY_INTRO.test(text.slice(Math.max(0, at - 30), at))) continue;
    const seen = reply.find((r) => r.code === code);
    if (seen) seen.dash = dash; // the last line of a multi-line reply decides whether it continues
    else reply.push({ code, dash, known });
  }
  return { reply, enhanced };
}

/**
 * Scan a whole text, handing each group (one thing found) to `onGroup` in order as soon as it is complete, so
 * memory stays bounded whatever the input's size.
 */
export function scanText(text: string, matcher: PhraseMatcher, onGroup: (group: ScannedGroup) => void): ScanResult {
  let pending: ScannedGroup | undefined;
  let lines = 0;
  let longLines = 0;
  let seq = 0;

  let logical = '';
  let logicalLine = 0;
  let plain = '';
  let plainSeq = -1;
  let skipping = false;
  let open = false;

  const finish = () => {
    if (!open) return;
    open = false;
    seq++;
    if (skipping) return;
    const text = logical.trim();
    if (!text) return;
    const { reply, enhanced } = scanCodes(text);
    const hits = matcher.find(normalizeForMatch(text));
    if (!reply.length && !enhanced.length && !hits.length) {
      plain = text.length > 1000 ? text.slice(0, 1000) : text;
      plainSeq = seq;
      return;
    }
    const group: ScannedGroup = { line: logicalLine, text, replyCodes: reply, enhancedCodes: enhanced, hits, lastSeq: seq };
    if (plainSeq === seq - 1) group.before = plain;
    if (pending && belongsTogether(pending, group, seq - pending.lastSeq)) merge(pending, group);
    else {
      if (pending) onGroup(pending);
      pending = group;
    }
  };

  const take = (physical: string, lineNo: number) => {
    const continuation = open && (physical.startsWith(' ') || physical.startsWith('\t')) && physical.trim() !== '';
    if (continuation && logical.length + physical.length < MAX_LINE) {
      logical += ' ' + physical.trim();
      return;
    }
    finish();
    if (continuation && skipping) { open = true; logical = ''; return; } // a folded header line: still skipped
    if (physical.trim() === '') { seq++; skipping = false; return; }
    open = true;
    logical = physical;
    logicalLine = lineNo;
    skipping = isSkippedHeader(physical) || BASE64_LINE.test(physical);
  };

  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lines++;
    let physical = text.slice(start, end);
    if (physical.endsWith('\r')) physical = physical.slice(0, -1);
    if (physical.length > MAX_LINE) {
      longLines++;
      for (let i = 0; i < physical.length; i += MAX_LINE) {
        take(physical.slice(i, i + MAX_LINE), lines);
        finish(); // pieces of a cut line never continue each other
      }
    } else take(physical, lines);
    start = end + 1;
  }
  finish();
  if (pending) onGroup(pending);
  return { lines, longLines };
}

/** Does `cur` continue `prev`? `gap` is 1 for the very next logical line. */
function belongsTogether(prev: ScannedGroup, cur: ScannedGroup, gap: number): boolean {
  const curHasCodes = cur.replyCodes.length > 0 || cur.enhancedCodes.length > 0;
  // A server reply explained over several lines: more words about the same problem a line or two further on.
  const prevHasCodes = prev.replyCodes.length > 0 || prev.enhancedCodes.length > 0;
  if (gap <= 3 && prevHasCodes && !curHasCodes && prev.hits.length && cur.hits.every((h) => prev.hits.some((p) => p.pattern === h.pattern || (p.pattern.reason !== undefined && p.pattern.reason === h.pattern.reason)))) return true;
  if (gap !== 1) return false;
  const last = prev.replyCodes[prev.replyCodes.length - 1];
  const first = cur.replyCodes[0];
  // "550-5.7.1 …" followed by "550-5.7.1 …" / "550 5.7.1 …": one multi-line reply.
  if (last?.dash && first && first.code === last.code) return true;
  // A code with no words we know, followed by words with no code: the reply wrapped onto the next line.
  return prevHasCodes && !prev.hits.length && !curHasCodes && cur.hits.length > 0;
}

function merge(into: ScannedGroup, from: ScannedGroup): void {
  if (into.text.length < MAX_GROUP_TEXT) into.text = (into.text + ' ' + from.text).slice(0, MAX_GROUP_TEXT);
  for (const r of from.replyCodes) {
    const seen = into.replyCodes.find((x) => x.code === r.code);
    if (seen) seen.dash = r.dash;
    else into.replyCodes.push(r);
  }
  for (const e of from.enhancedCodes) if (!into.enhancedCodes.includes(e)) into.enhancedCodes.push(e);
  for (const h of from.hits) {
    const seen = into.hits.find((x) => x.pattern === h.pattern);
    if (!seen) into.hits.push(h);
    else if (seen.phrase.length < h.phrase.length) seen.phrase = h.phrase;
  }
  into.lastSeq = from.lastSeq;
}
