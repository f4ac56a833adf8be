/**
 * Reading recipients out of human-readable bounce text, for the many MTAs that ignore RFC 3464 (or whose DSN
 * part lacks the server's words). Most of them write, per failed address, a line that starts with the address
 * followed by lines with the remote server's answer; the per-format modules only say where that section starts
 * and ends. Line-oriented and bounded: linear in the text.
 */
import { cleanAddress } from './dsn.js';
import { PhraseMatcher } from '../classify/matcher.js';
import { header, isJsSpace } from '../mime/parse.js';
import type { BounceContext, RawRecipient } from './types.js';

const ADDR = "[A-Za-z0-9._%+'=!#$&*/?^`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,10}";
/** A line that starts with an address (bare, in <>, or quoted), then ends, or goes on with ":", "...", "(". */
const RCPT_LINE = new RegExp(`^[\\s>]*(?:(?:[Ii][Nn]:\\s*)?[Rr][Cc][Pp][Tt] [Tt][Oo]:\\s?)?[<"'(]?(${ADDR})\\.?[>"')]?(?:\\s*$|\\s*[:,;(]|\\s*\\.\\.\\.|\\s+[<(\\[]|\\s+-|\\s+\\S)`, '');
/** Sendmail's per-recipient result line: "550 <a@b>... User unknown". */
const CODE_RCPT_LINE = new RegExp(`^\\s*[45]\\d\\d[ -]<(${ADDR})>\\.\\.\\.`);
const SESSION_LINE = /^\s*(?:[45]\d\d [^\s<>]{1,255} \(\w{1,20}\)\.\.\.|while talking to )/i;

/** Characters of the local part and of a domain label in ADDR (ASCII lookup tables). */
const LOCAL_CHAR = new Uint8Array(128);
const LABEL_CHAR = new Uint8Array(128);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-") { LOCAL_CHAR[c.charCodeAt(0)] = 1; LABEL_CHAR[c.charCodeAt(0)] = 1; }
for (const c of "._%+'=!#$&*/?^`{|}~") LOCAL_CHAR[c.charCodeAt(0)] = 1;
const isLocal = (c: number): boolean => c < 128 && LOCAL_CHAR[c] === 1;
const isLabel = (c: number): boolean => c < 128 && LABEL_CHAR[c] === 1;

/** End of a run of 1..63 label characters starting at i (i itself when there is none). */
function labelEnd(t: string, i: number): number {
  let j = i;
  while (j < t.length && j - i < 63 && isLabel(t.charCodeAt(j))) j++;
  return j;
}

/**
 * The next match of ADDR in `t` at or after `from`, as the regex would find it (leftmost, greedy), but found
 * from each "@" with indexOf: the regex itself tries up to 64 local-part characters at every position of a
 * text without "@", which made address scans of long bodies many times slower than reading them.
 */
export function nextAddress(t: string, from: number): { index: number; end: number } | undefined {
  let a = t.indexOf('@', from);
  while (a >= 0) {
    // Leftmost start: the local-part run before "@", at most 64 characters, not before `from`.
    let p = a;
    const lowest = Math.max(from, a - 64);
    while (p > lowest && isLocal(t.charCodeAt(p - 1))) p--;
    if (p < a) {
      let end = labelEnd(t, a + 1);
      if (end > a + 1) {
        // Up to 10 more ".label" groups, each taken only when a label follows the dot.
        for (let k = 0; k < 10 && t.charCodeAt(end) === 46; k++) {
          const e = labelEnd(t, end + 1);
          if (e === end + 1) break;
          end = e;
        }
        return { index: p, end };
      }
    }
    a = t.indexOf('@', a + 1);
  }
  return undefined;
}

export function firstAddress(s: string): string | undefined {
  const t = s.length > 4096 ? s.slice(0, 4096) : s;
  const m = nextAddress(t, 0);
  return m ? cleanAddress(t.slice(m.index, m.end)) : undefined;
}

export function allAddresses(s: string, limit = 200): string[] {
  const out: string[] = [];
  const t = s.length > 65536 ? s.slice(0, 65536) : s;
  for (let m = nextAddress(t, 0); m; m = nextAddress(t, m.end)) {
    out.push(cleanAddress(t.slice(m.index, m.end)));
    if (out.length >= limit) break;
  }
  return out;
}

const matchers = new WeakMap<readonly string[], PhraseMatcher>();

/** Earliest occurrence of any marker (lowercase literals) in lowercase text: one automaton pass. */
export function firstMarker(low: string, markers: readonly string[]): { at: number; marker: string } | undefined {
  if (!markers.length) return undefined;
  let m = matchers.get(markers);
  if (!m) { m = new PhraseMatcher(markers.map((x) => x.replace(/\*/g, ' '))); matchers.set(markers, m); }
  // The marker that ends first (markers rarely overlap): reading stops there, not at the end of a long text.
  const h = m.scanFirst(low);
  return h ? { at: h.at, marker: markers[h.index]! } : undefined;
}

/** Cut `text` at the first of `markers` (lowercase) found; returns the part before it. */
export function cutAt(text: string, markers: readonly string[], lower?: string): string {
  const hit = firstMarker(lower ?? text.toLowerCase(), markers);
  return hit ? text.slice(0, hit.at) : text;
}

/** The text after the first of `markers` found (the whole text when none is). */
export function startAt(text: string, markers: readonly string[], lower?: string, known?: { at: number; marker: string } | null):
  { text: string; found: boolean } {
  if (!markers.length) return { text, found: false };
  // `known`: the marker firstMarker would give (null: none), already found by the caller's own pass.
  const hit = known !== undefined ? known ?? undefined : firstMarker(lower ?? text.toLowerCase(), markers);
  if (!hit) return { text, found: false };
  const best = hit.at;
  const len = hit.marker.length;
  // Start at the line after the marker's line.
  const nl = text.indexOf('\n', best + len);
  return { text: nl < 0 ? '' : text.slice(nl + 1), found: true };
}

export interface BlockOptions {
  /** Lines (lowercase prefixes) that end the recipient section. */
  stop?: readonly string[];
  /** Max recipients. */
  limit?: number;
  /** Ignore address lines that look like these (lowercase substrings), e.g. the bounce's own sender. */
  skip?: readonly string[];
}

/**
 * line.trim().toLowerCase() starts with one of `stops`, decided without building either string: ASCII
 * characters are lowercased one by one; a line with other characters in the compared span (whose lowercase
 * may differ in length) takes the original expression.
 */
function startsWithStop(line: string, stops: readonly string[]): boolean {
  let from = 0;
  let end = line.length;
  while (from < end && isJsSpace(line.charCodeAt(from))) from++;
  while (end > from && isJsSpace(line.charCodeAt(end - 1))) end--;
  for (const s of stops) {
    const n = Math.min(s.length, end - from);
    let k = 0;
    for (; k < n; k++) {
      let c = line.charCodeAt(from + k);
      if (c >= 128) { const low = line.trim().toLowerCase(); return stops.some((x) => low.startsWith(x)); }
      if (c >= 65 && c <= 90) c += 32;
      if (c !== s.charCodeAt(k)) break;
    }
    if (k === s.length) return true;
  }
  return false;
}

/**
 * A line that names a recipient with a label, as many MTAs and gateways write it: "Recipient address: a@b",
 * "Original recipient: <a@b>", "Final-Recipient: rfc822; a@b" written as text, and the same in a few other
 * languages. The label makes it a recipient, not a mention.
 */
const LABELLED_RCPT = new RegExp(`^\\s*(?:(?:original|final|failed|invalid|bad|unknown|intended|rejected)[\\s-]+)?(?:recipient|rcpt|addressee|destinataire|empf(?:ä|ae)nger|odbiorca|destinatario|adresat|mottagare|ontvanger)(?:[\\s-]+address)?(?:\\(s\\)|\\(es\\))?\\s*:\\s*(?:rfc822\\s*;\\s*)?[<"']?(${ADDR})[>"']?`, 'i');

/** A local delivery target instead of a mailbox: Exim's "pipe to |cmd", "save to /file", sendmail's "|cmd". */
const LOCAL_TARGET = /^\s*(?:-{2,}\s*)?(?:pipe to \||save to \/|"?\|)/i;
/** The mailbox a local target was expanded from: Exim "generated by a@b", sendmail "(expanded from: <a@b>)". */
const GENERATED_BY = new RegExp(`^\\s*(?:generated by|\\(expanded from:?)\\s*<?(${ADDR})`, 'i');
/** Lines of an SMTP session transcript or a failure summary that explain whichever recipient they sit near. */
const TRANSCRIPT_LINE = /^\s*(?:<<<|>>>|\.\.\. while talking to |[45]\d\d[ -]|[45]\.\d{1,3}\.\d{1,3}\s)/i;
/** Header fields of a returned message (a recipient line never looks like these). */
const HEADER_LINE = /^\s*(?:from|to|cc|bcc|reply-to|return-path|sender|subject|x-[a-z0-9-]+|received|message-id|in-reply-to|references|delivered-to|envelope-to|list-[a-z-]+|errors-to|resent-[a-z-]+):/i;
const CODE_IN_LINE = /(?:^|[\s(#\[:;])(?:[45]\d\d(?=[ -]|$)|[45]\.\d{1,3}\.\d{1,3}(?![\d.]))/;

const ANGLE_AFTER = new RegExp(`^[>"']?\\s+<(${ADDR})>\\s*:`);

/** Address-led blocks: each recipient with the lines that follow it up to the next recipient. */
export function addressBlocks(text: string, opts: BlockOptions = {}): RawRecipient[] {
  const lines = (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text).split('\n');
  const out: RawRecipient[] = [];
  const byAddr = new Map<string, { r: RawRecipient; lines: string[] }>();
  let cur: { r: RawRecipient; lines: string[] } | undefined;
  const stop = opts.stop ?? [];
  const limit = opts.limit ?? 1000;
  // Words before the first recipient (the section's preamble) and transcript lines no recipient owns: the only
  // explanation some bounces give, attached to recipients whose own lines say nothing.
  const context: string[] = [];
  let target: string | undefined;
  for (let line of lines) {
    if (line.length > 4096) line = line.slice(0, 4096);
    // A stop marker ends the recipient section; a rule of dashes only once the section has begun.
    if (stop.length && startsWithStop(line, stop) && (out.length || !/^\s*-+\s*$/.test(line))) break;
    // A sendmail per-host result ("421 host (smtp)... Deferred") or a new session ends the current block.
    if (SESSION_LINE.test(line)) { cur = undefined; if (context.length < 40) context.push(line.trim()); continue; }
    if ((line.includes('|') || line.includes('save to')) && LOCAL_TARGET.test(line)) { target = line.trim(); cur = undefined; continue; }
    const hasAt = line.includes('@');
    if (target !== undefined) {
      const g = hasAt ? GENERATED_BY.exec(line) : null;
      if (g) {
        const addr = cleanAddress(g[1]!);
        const known = byAddr.get(addr.toLowerCase());
        if (known) { cur = known; cur.lines.push(target); target = undefined; continue; }
        if (out.length >= limit) break;
        const r: RawRecipient = { recipient: addr, rule: 'text-block', diagnosticType: 'X-UNIX' };
        cur = { r, lines: [target] };
        byAddr.set(addr.toLowerCase(), cur);
        out.push(r);
        target = undefined;
        continue;
      }
      if (line.trim()) target = undefined;
    }
    const m = hasAt && !HEADER_LINE.test(line) ? RCPT_LINE.exec(line) ?? CODE_RCPT_LINE.exec(line) ?? LABELLED_RCPT.exec(line) : null;
    if (m) {
      // "name@x <box@y>: …" names the mailbox in angle brackets; the bare address before it is a phrase.
      const angle = ANGLE_AFTER.exec(line.slice(line.indexOf(m[1]!) + m[1]!.length));
      const addr = cleanAddress(angle ? angle[1]! : m[1]!);
      if (opts.skip?.some((x) => addr.toLowerCase().includes(x))) { cur = undefined; continue; }
      const rest = line.slice(m.index + m[0].length).trim();
      const known = byAddr.get(addr.toLowerCase());
      // Transcript lines (">>> RCPT TO:<a@b>") name the command: keep them whole.
      const transcript = /^\s*(?:>>>|<<<|[45]\d\d[ -]<)/.test(line);
      if (known) { cur = known; if (rest || transcript) cur.lines.push(line.trim()); continue; }
      if (out.length >= limit) break;
      const r: RawRecipient = { recipient: addr, rule: 'text-block' };
      cur = { r, lines: [] };
      // Keep what follows the address on its own line ("<a@b>: host x said: 550 ...").
      const after = line.slice(line.indexOf(m[1]!) + m[1]!.length).replace(/^[>"')\s]*[:,;]?\s*/, '').trim();
      if (transcript) cur.lines.push(line.trim());
      else if (after) cur.lines.push(after);
      byAddr.set(addr.toLowerCase(), cur);
      out.push(r);
      continue;
    }
    if (cur) { if (cur.lines.length < 60) cur.lines.push(line.trim()); }
    else if (line.trim() && context.length < 40 && (!out.length || TRANSCRIPT_LINE.test(line))) context.push(line.trim());
  }
  const extra = context.join(' ').replace(/\s+/g, ' ').trim();
  for (const { r, lines: ls } of byAddr.values()) {
    let diag = ls.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim();
    if (extra && !CODE_IN_LINE.test(diag) && !saysWhy(diag)) diag = diag ? `${diag} ${extra}` : extra;
    if (diag) r.diagnosticCode = diag.length > 2000 ? diag.slice(0, 2000) : diag;
  }
  return out;
}

/** Words that explain a failure on their own (a recipient's block that has them needs no preamble). */
const WHY_WORDS = ['unknown', 'not exist', 'no such', 'full', 'quota', 'denied', 'refused', 'rejected', 'blocked', 'invalid',
  'not found', 'timed out', 'timeout', 'expired', 'too large', 'too big', 'spam', 'virus', 'disabled', 'suspended', 'relay',
  'unavailable', 'not accept', 'error', 'failed', 'failure', 'unrouteable', 'unroutable', 'could not', 'unable'];

function saysWhy(diag: string): boolean {
  if (diag.length < 8) return false;
  const low = diag.length > 2000 ? diag.slice(0, 2000).toLowerCase() : diag.toLowerCase();
  for (const w of WHY_WORDS) if (low.includes(w)) return true;
  return false;
}

const COMMANDS: readonly [string, string][] = [
  ['rcpt to', 'RCPT'], ['mail from', 'MAIL'], ['does not like recipient', 'RCPT'], ['after rcpt', 'RCPT'],
  ['rcpt command', 'RCPT'], ['smtp:rcpt', 'RCPT'], ['failed on data command', 'DATA'],
  ['failed after i sent the message', 'DATA'], ['but greeting failed', 'CONN'], ['but my name was rejected', 'HELO'],
  ['but sender was rejected', 'MAIL'], ['smtp command rcpt', 'RCPT'], ['smtp command data', 'DATA'], ['sender was rejected', 'MAIL'],
  ['end of data', 'DATA'], ['after data', 'DATA'], ['data command', 'DATA'],
  ['>>> data', 'DATA'], ['in reply to data', 'DATA'], ['after ehlo', 'EHLO'], ['after helo', 'HELO'], ['ehlo command', 'EHLO'],
  ['helo command', 'HELO'], ['initial connection', 'CONN'], ['greeting', 'CONN'], ['starttls', 'STARTTLS'],
  ['after auth', 'AUTH'], ['>>> quit', 'QUIT'],
];
const COMMAND_NEEDLES = COMMANDS.map(([n]) => n);

/** The SMTP command a diagnostic says it failed at (the first one named). */
export function commandIn(text: string): string | undefined {
  return commandInLower(lowWindow(text));
}

/** The first 4 KiB of a diagnostic, lowercased: what commandIn and rhostIn read (compute it once, pass it). */
export function lowWindow(text: string): string {
  return (text.length > 4096 ? text.slice(0, 4096) : text).toLowerCase();
}

/** commandIn over an already lowercased window (lowWindow). */
export function commandInLower(low: string): string | undefined {
  const hit = firstMarker(low, COMMAND_NEEDLES);
  return hit ? COMMANDS[COMMAND_NEEDLES.indexOf(hit.marker)]![1] : undefined;
}

const RHOST = /\b(?:host|from|by|server|remote host)\s+\[?([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,10})\]?(?:\s*\[(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-f:]{2,40})\])?\s*(?:said|:|\[)/i;

/** qmail: "192.0.2.1 does not like recipient." / "Connected to 192.0.2.1 but …". */
const QMAIL_RHOST = /(?:^|\s)(?:connected to )?([0-9a-z][0-9a-z.:-]{2,252}) (?:does not like recipient|failed after i sent the message|failed on data command|but (?:greeting failed|sender was rejected|my name was rejected|connection died))/i;

const QMAIL_PHRASES = ['does not like recipient', 'failed after i sent the message', 'failed on data command', 'but greeting failed',
  'but sender was rejected', 'but my name was rejected', 'but connection died'];

/** The remote host named in a diagnostic ("host mx.example.com[192.0.2.1] said: …"). */
export function rhostIn(text: string, low?: string): string | undefined {
  const t = text.length > 4096 ? text.slice(0, 4096) : text;
  // The qmail form needs one of its phrases: indexOf on the lowercased window first spares the host-name
  // regex, which would otherwise try a host name at every space of a long text. (Lowercasing can only add
  // hits here, never lose one, so the regex still decides.)
  const m = RHOST.exec(t) ?? (hasQmailPhrase(low ?? lowWindow(t)) ? QMAIL_RHOST.exec(t) : null);
  return m ? m[1] : undefined;
}

function hasQmailPhrase(low: string): boolean {
  for (const p of QMAIL_PHRASES) if (low.includes(p)) return true;
  return false;
}

/** Words around an address that say it failed (one of them must be near an address read from prose). */
const FAILURE_CUES = ['deliver', 'recipient', 'reject', 'refuse', 'fail', 'unknown', 'not found', 'not exist', "n't exist",
  'no such', 'invalid', 'bounce', 'returned', 'could not', "couldn't", 'unable', 'error', 'quota', 'full', 'blocked', 'denied',
  'unavailable', 'not accept', 'permanent', 'temporar', 'expired', 'timed out', 'undeliver', 'niedostarcz', 'nie można', 'nie mozna',
  'unzustellbar', 'zustellung', 'remise', 'distribu', 'entrega', 'recapit', 'consegna', 'bezorg'];
/** Words that make an address a help desk or a contact, not a failed recipient. */
const CONTACT_CUES = ['contact', 'please send', 'please write', 'questions', 'assistance', 'help desk', 'helpdesk', 'support team',
  'customer service', 'reach us', 'if you have', 'for more information', 'for further', 'write to', 'report this', 'report abuse',
  'skontaktuj', 'kontakt', 'pomoc', 'wenden sie sich', 'contactez', 'póngase en contacto', 'contattare'];

/**
 * Addresses written inside sentences of the error section ("error delivering your mail to <a@b>"), for the
 * bounces that name their recipient nowhere else. An address counts only where the words around it (its line
 * and the next one) speak of a failure and not of whom to contact, and it is neither the bounce's own sender or
 * recipient nor the original sender, nor in a URL, a header line or a Message-ID.
 */
export function inlineAddresses(text: string, ctx: BounceContext, limit = 50): RawRecipient[] {
  const own = new Set<string>();
  for (const name of ['from', 'to', 'sender', 'reply-to', 'return-path']) {
    for (const a of allAddresses(header(ctx.headers, name) ?? '')) own.add(a.toLowerCase());
  }
  if (ctx.original) for (const name of ['from', 'sender', 'return-path', 'reply-to']) {
    for (const a of allAddresses(header(ctx.original, name) ?? '')) own.add(a.toLowerCase());
  }
  const out: RawRecipient[] = [];
  const seen = new Set<string>();
  const t = text.length > 65536 ? text.slice(0, 65536) : text;
  // what depends on the line alone is worked out once per line (a line of thousands of addresses stays linear)
  let memoStart = -1, memoEnd = 0, lineOk = false, hasCode = false, diag = '';
  for (let m = nextAddress(t, 0); m; m = nextAddress(t, m.end)) {
    const a = cleanAddress(t.slice(m.index, m.end));
    const k = a.toLowerCase();
    if (m.index >= memoEnd || m.index < memoStart) {
      memoStart = t.lastIndexOf('\n', m.index) + 1;
      memoEnd = lineEnd(t, m.index);
      const line = t.slice(memoStart, memoEnd);
      hasCode = CODE_IN_LINE.test(line);
      // header lines (Message-ID, Received …) and contact lines hold no recipient; the line or the 200 characters
      // before it and the next line must carry a code or a failure word
      const lowLine = line.toLowerCase();
      const low = t.slice(Math.max(0, memoStart - 200), lineEnd(t, memoEnd + 1)).toLowerCase();
      lineOk = !(HEADER_LINE.test(line) || /^\s*(?:message-id|references|in-reply-to|received|from|return-path|sender|reply-to|[a-z][a-z0-9-]{0,40})\s*:/i.test(line) && !LABELLED_RCPT.test(line)) &&
        !CONTACT_CUES.some((c) => lowLine.includes(c)) && (CODE_IN_LINE.test(low) || FAILURE_CUES.some((c) => low.includes(c)));
      diag = lineOk ? t.slice(memoStart, memoStart + 1500).replace(/\s+/g, ' ').trim() : '';
    }
    if (own.has(k) || seen.has(k) || /^(?:mailer-daemon|noreply|no-reply|postmaster|abuse|support)@/i.test(a) && !hasCode) continue;
    // Addresses in URLs, mailto: links and quoted-printable leftovers are not recipients.
    const before = t.slice(Math.max(memoStart, m.index - 12), m.index).toLowerCase();
    if (before.includes('/') || before.includes('mailto:') || before.endsWith('=') || !lineOk) continue;
    seen.add(k);
    out.push({ recipient: a, diagnosticCode: diag, rule: 'text-inline' });
    if (out.length >= limit) break;
  }
  return out;
}

function lineEnd(t: string, from: number): number {
  const nl = t.indexOf('\n', from);
  return nl < 0 ? t.length : nl;
}

const TRANSCRIPT_IN = /^[ \t]*in:[ \t]/m;
const SENT = /^\s*(?:>>>|in:)\s*(rcpt to|mail from|data|bdat|ehlo|helo|starttls|auth|quit|\.)(?=[\s:<]|$)/;
const REPLY = /^\s*(?:<<<|out:)\s*([45])\d\d[\s-]/;
const SENT_COMMAND: Readonly<Record<string, string>> = {
  'rcpt to': 'RCPT', 'mail from': 'MAIL', data: 'DATA', bdat: 'DATA', '.': 'DATA', ehlo: 'EHLO', helo: 'HELO',
  starttls: 'STARTTLS', auth: 'AUTH', quit: 'QUIT',
};

/**
 * The SMTP command a session transcript shows a recipient failing at (sendmail's ">>> DATA" / "<<< 550 … <a@b>…",
 * Postfix's "In: RCPT TO:<a@b>" / "Out: 550 …"): the last command sent before the failure reply that names the
 * recipient, or its own RCPT TO when that is what got the failure. `low`: lowercased text.
 */
export function transcriptCommand(low: string, recipient: string): string | undefined {
  const t = low.length > 65536 ? low.slice(0, 65536) : low;
  if (!t.includes('>>>') && !TRANSCRIPT_IN.test(t)) return undefined;
  const want = recipient.toLowerCase();
  let last: string | undefined;
  let lastRcpt = '';
  for (const line of t.split('\n')) {
    const s = SENT.exec(line);
    if (s) {
      last = SENT_COMMAND[s[1]!];
      lastRcpt = last === 'RCPT' ? line : '';
      continue;
    }
    if (!last || !REPLY.test(line)) continue;
    if (line.includes(want) || (last === 'RCPT' && lastRcpt.includes(want))) return last;
  }
  return undefined;
}
