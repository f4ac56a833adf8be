/**
 * RFC 3464 / RFC 6533 delivery-status fields: one per-message block, then one block per recipient, separated
 * by blank lines; fields may be folded and (for the global variant) UTF-8 or xtext-encoded.
 */
import { decodeHeaderValue, isJsSpace, parseHeaderBlock, type HeaderList } from './mime.js';
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

/** Recipients from one delivery-status part. */
export function decodeDsn(text: string): RawRecipient[] {
  const { message, recipients } = splitDsn(text);
  const lhost = typedValue(field(message, 'reporting-mta'))?.value;
  const arrival = field(message, 'arrival-date');
  const out: RawRecipient[] = [];
  for (const h of recipients) {
    const fr = typedValue(field(h, 'final-recipient')) ?? typedValue(field(h, 'original-recipient')) ??
      typedValue(field(h, 'x-actual-recipient'));
    if (!fr) continue;
    const rcpt = cleanAddress(decodeHeaderValue(fr.value));
    if (!rcpt.includes('@') && !rcpt) continue;
    const r: RawRecipient = { recipient: rcpt, rule: 'dsn' };
    // Delivery to a program ("|/path/cmd …"): a local mailer failed, not a remote server.
    if (rcpt.startsWith('|')) r.diagnosticType = 'X-UNIX';
    const action = field(h, 'action');
    if (action) r.action = action.trim().toLowerCase().split(/[\s(]/)[0]!;
    const st = STATUS.exec(field(h, 'status') ?? '');
    if (st) r.status = `${st[1]}.${st[2]}.${st[3]}`;
    const diag = typedValue(field(h, 'diagnostic-code'));
    if (diag?.value) {
      r.diagnosticCode = decodeHeaderValue(diag.value);
      if (diag.type) r.diagnosticType = diag.type.toUpperCase();
      const rc = /^\s*([245]\d\d)\b/.exec(r.diagnosticCode);
      if (rc) r.replyCode = Number(rc[1]);
    }
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
