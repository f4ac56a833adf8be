/**
 * RFC 3464 / RFC 6533 delivery-status fields: one per-message block, then one block per recipient, separated
 * by blank lines; fields may be folded and (for the global variant) UTF-8 or xtext-encoded.
 */
import { decodeHeaderValue, isJsSpace, parseHeaderBlock, type HeaderList } from '../mime/parse.js';
import { senderCategory } from './categories.js';
import type { RawRecipient } from './types.js';

function field(h: HeaderList, name: string): string | undefined {
  for (const [n, v] of h) if (n === name) return v;
  return undefined;
}

/** "rfc822; user@example.com" → "user@example.com" (type prefix and xtext removed). */
export function typedValue(v: string | undefined): { type?: string; value: string } | undefined {
  if (!v) return undefined;
  const semi = v.indexOf(';');
  if (semi < 0 || semi > 20) return { value: v.trim() };
  return { type: v.slice(0, semi).trim().toLowerCase(), value: v.slice(semi + 1).trim() };
}

function unXtext(s: string): string {
  return s.includes('+') ? s.replace(/\+([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

/** Clean an address: strip <>, quotes, trailing dots and xtext. */
export function cleanAddress(a: string): string {
  let s = unXtext(a.trim());
  const lt = s.lastIndexOf('<');
  const gt = s.indexOf('>', lt + 1);
  if (lt >= 0 && gt > lt) s = s.slice(lt + 1, gt);
  // Trimmed with loops, not /["'\s.,;:]+$/: that regex is quadratic on a long run of those characters.
  let i = 0;
  let j = s.length;
  for (let c = s.charCodeAt(i); i < j && (c === 34 || c === 39 || isJsSpace(c)); c = s.charCodeAt(++i));
  for (let c = s.charCodeAt(j - 1); j > i && (c === 34 || c === 39 || c === 46 || c === 44 || c === 59 || c === 58 || isJsSpace(c)); c = s.charCodeAt(--j - 1));
  return i > 0 || j < s.length ? s.slice(i, j) : s;
}

export interface DsnBlocks {
  message: HeaderList;
  recipients: HeaderList[];
}

export function splitDsn(text: string): DsnBlocks {
  const blocks = (text.includes('\r') ? text.replace(/\r\n/g, '\n') : text).split(/\n[ \t]*\n/);
  const parsed: HeaderList[] = [];
  for (const b of blocks) {
    const h = parseHeaderBlock(b);
    if (!h.length) continue;
    // Recipient blocks written without a blank line between them: split at each repeated Final-Recipient.
    let cur: HeaderList = [];
    for (const f of h) {
      if (f[0] === 'final-recipient' && cur.some(([n]) => n === 'final-recipient')) { parsed.push(cur); cur = []; }
      cur.push(f);
    }
    if (cur.length) parsed.push(cur);
  }
  let message: HeaderList = [];
  const recipients: HeaderList[] = [];
  for (const h of parsed) {
    const isRcpt = h.some(([n]) => n === 'final-recipient' || n === 'original-recipient' || n === 'x-actual-recipient');
    if (isRcpt) recipients.push(h);
    else if (!recipients.length) message = message.concat(h);
    else {
      // A status block split by a stray blank line: add to the last recipient.
      recipients[recipients.length - 1] = recipients[recipients.length - 1]!.concat(h);
    }
  }
  return { message, recipients };
}

const STATUS = /([245])\.(\d{1,3})\.(\d{1,3})/;

/** A mailbox as a DSN should name it: a local part, "@", a domain (a route "@relay:" removed first). */
function isMailbox(a: string): boolean {
  const at = a.lastIndexOf('@');
  return at > 0 && at < a.length - 1 && !a.includes(' ');
}

/** "@relay.example:user@host" (a source route) → "user@host". */
function withoutRoute(a: string): string {
  const colon = a.startsWith('@') ? a.indexOf(':') : -1;
  return colon > 0 ? a.slice(colon + 1) : a;
}

/**
 * The recipient a DSN block names: Final-Recipient, unless it is no usable mailbox (a bare "@domain", a
 * source route, a name without a domain while Original-Recipient has one), then Original-Recipient; a program
 * or file ("|cmd …", "/path") as X-Actual-Recipient is kept as it is (a local mailer failed).
 */
function recipientOf(h: HeaderList): string | undefined {
  const read = (name: string): string | undefined => {
    const v = typedValue(field(h, name))?.value;
    return v ? cleanAddress(v.includes('=?') || !isAscii(v) ? decodeHeaderValue(v) : v) : undefined;
  };
  const fin = read('final-recipient');
  // The common case: a plain mailbox with a dotted domain needs no second look.
  if (fin !== undefined && !fin.startsWith('@') && isMailbox(fin) && domainHasDot(fin)) return fin;
  const orig = read('original-recipient');
  const finOk = fin !== undefined && isMailbox(withoutRoute(fin)) && !fin.startsWith('@');
  const origOk = orig !== undefined && isMailbox(orig);
  if (finOk && origOk && !domainHasDot(fin!) && domainHasDot(orig!)) return orig;
  if (finOk) return fin;
  if (origOk) return orig;
  if (fin && fin.startsWith('|')) return fin;
  const actual = read('x-actual-recipient');
  if (actual && (isMailbox(actual) || actual.startsWith('|'))) return actual;
  return undefined;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

function domainHasDot(a: string): boolean {
  return a.slice(a.lastIndexOf('@') + 1).includes('.');
}

/** Field names of RFC 3464 per-message and per-recipient blocks (and the common X- ones). */
const DSN_FIELD = /^(?:reporting-mta|received-from-mta|arrival-date|original-envelope-id|dsn-gateway|final-recipient|original-recipient|action|status|remote-mta|diagnostic-code|last-attempt-date|final-log-id|will-retry-until|x-[a-z0-9-]{1,40})[ \t]*:/i;
const RECIPIENT_FIELD = /^(?:final|original)-recipient[ \t]*:/im;
const RESULT_FIELD = /^(?:status|action)[ \t]*:/im;

/**
 * A delivery-status report written into a text part instead of its own message/delivery-status part (some
 * gateways and old MTAs do so): the run of field blocks that starts at the first DSN field line and ends at
 * the first block that is not one (usually the returned message's headers). Undefined when there is none
 * with a recipient and a status or action.
 */
export function embeddedDsn(text: string): string | undefined {
  const t = text.length > 1024 * 1024 ? text.slice(0, 1024 * 1024) : text;
  if (!RECIPIENT_FIELD.test(t) || !RESULT_FIELD.test(t)) return undefined;
  const lines = (t.includes('\r') ? t.replace(/\r\n?/g, '\n') : t).split('\n');
  let start = -1;
  for (let i = 0; i < lines.length; i++) if (DSN_FIELD.test(lines[i]!)) { start = i; break; }
  if (start < 0) return undefined;
  const out: string[] = [];
  let blockStart = true;
  for (let i = start; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^[ \t]*$/.test(l)) { out.push(''); blockStart = true; continue; }
    // A block must open with a DSN field; a continuation line belongs to the field above it.
    if (blockStart && !DSN_FIELD.test(l)) break;
    if (!blockStart && !/^[ \t]/.test(l) && !/^[A-Za-z0-9-]{1,60}[ \t]*:/.test(l)) break;
    blockStart = false;
    out.push(l);
  }
  const dsn = out.join('\n');
  return RECIPIENT_FIELD.test(dsn) && RESULT_FIELD.test(dsn) ? dsn : undefined;
}

/**
 * A parenthesised comment after the code in a Status field that quotes a reply ("(550 Tried all MXs …)"), if any;
 * a comment that only names the status code ("(other or undefined network or routing status)") says nothing more.
 */
function statusComment(value: string): string | undefined {
  const open = value.indexOf('(');
  const close = value.lastIndexOf(')');
  if (open < 0 || close <= open + 3 || close - open > 1000) return undefined;
  const words = value.slice(open + 1, close).replace(/\s+/g, ' ').trim();
  return /^[245]\d\d\s/.test(words) ? words : undefined;
}

/** Recipients from one delivery-status part. */
export function decodeDsn(text: string): RawRecipient[] {
  const { message, recipients } = splitDsn(text);
  const lhost = typedValue(field(message, 'reporting-mta'))?.value;
  const arrival = field(message, 'arrival-date');
  const out: RawRecipient[] = [];
  for (const h of recipients) {
    const rcpt = recipientOf(h);
    if (!rcpt) continue;
    const r: RawRecipient = { recipient: rcpt, rule: 'dsn' };
    // Delivery to a program ("|/path/cmd …"): a local mailer failed, not a remote server.
    if (rcpt.startsWith('|')) r.diagnosticType = 'X-UNIX';
    const action = field(h, 'action');
    if (action) r.action = action.trim().toLowerCase().split(/[\s(]/)[0]!;
    const statusField = field(h, 'status') ?? '';
    const st = STATUS.exec(statusField);
    if (st) r.status = `${st[1]}.${st[2]}.${st[3]}`;
    const diag = typedValue(field(h, 'diagnostic-code'));
    // Without a Diagnostic-Code, a comment in the Status field that quotes a reply is the MTA's only word on the
    // cause (Haraka writes "Status: 5.1.2 (550 Tried all MXs example.com)"; RFC 822 allows comments in structured fields).
    const said = diag?.value ? decodeHeaderValue(diag.value) : statusComment(statusField);
    if (said) {
      r.diagnosticCode = said;
      if (diag?.value && diag.type) r.diagnosticType = diag.type.toUpperCase();
      const rc = /^\s*([245]\d\d)\b/.exec(said);
      if (rc) r.replyCode = Number(rc[1]);
    }
    const category = senderCategory((name) => field(h, name));
    if (category) r.senderCategory = category;
    const rhost = typedValue(field(h, 'remote-mta'))?.value;
    // "mx.example.com. (192.0.2.1, the server for …)" → "mx.example.com"
    if (rhost) r.rhost = (rhost.trim().split(/[\s(]/)[0] ?? '').replace(/^\[|\]$/g, '').replace(/\.$/, '');
    if (lhost) r.lhost = lhost;
    const date = field(h, 'last-attempt-date') ?? arrival;
    if (date) r.date = date;
    out.push(r);
  }
  return out;
}
