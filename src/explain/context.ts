/**
 * Pulling the names `explain` needs for its "check further" commands out of the text: the sender's domain,
 * the recipient's domain and the sending IP. Everything is bounded (addresses are found by expanding around
 * "@", never by an unbounded regex) so that hostile input cannot make it slow.
 */

const LOCAL = /[A-Za-z0-9._%+'-]/;
const DOMAIN = /[A-Za-z0-9.-]/;

const isDotOrDash = (c: string | undefined) => c === '.' || c === '-';

/**
 * A plausible domain name, trimmed of leading/trailing dots and dashes, or undefined. Trimmed by loops, not by
 * /[.-]+$/ (that regex rescans a long run of dashes from every position: quadratic), and the length is checked
 * before the shape regex runs.
 */
function cleanDomain(d: string): string | undefined {
  let a = 0;
  let b = d.length;
  while (a < b && isDotOrDash(d[a])) a++;
  while (b > a && isDotOrDash(d[b - 1])) b--;
  if (b - a > 253) return undefined;
  const s = d.slice(a, b).toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,24}$/.test(s) ? s : undefined;
}

/** E-mail addresses in a text, in order (at most `max`). Handles "%40" as "@" (URL-encoded addresses). */
export function findAddresses(text: string, max = 20): string[] {
  const s = text.length > 1_000_000 ? text.slice(0, 1_000_000) : text;
  const src = s.includes('%40') ? s.replace(/%40/gi, '@') : s;
  const out: string[] = [];
  let at = src.indexOf('@');
  while (at >= 0 && out.length < max) {
    let i = at;
    while (i > 0 && at - i < 64 && LOCAL.test(src[i - 1]!)) i--;
    let j = at + 1;
    while (j < src.length && j - at < 253 && DOMAIN.test(src[j]!)) j++;
    const local = src.slice(i, at);
    const domain = cleanDomain(src.slice(at + 1, j));
    if (local && domain) out.push(`${local}@${domain}`);
    at = src.indexOf('@', at + 1);
  }
  return out;
}

export function domainOf(address: string | undefined): string | undefined {
  return address ? cleanDomain(address.slice(address.lastIndexOf('@') + 1)) : undefined;
}

/** What the whole text says about who sent to whom (header lines of a bounce or a pasted dialog). */
export interface TextContext {
  senderDomain?: string;
  recipientDomain?: string;
}

const SENDER_HEADER = /^(?:return-path|from|sender|original-mail-from|x-original-from|mail from)\s*:/i;
const RECIPIENT_HEADER = /^(?:final-recipient|original-recipient|x-failed-recipients|to|rcpt to)\s*:/i;

/** Look at the first 2000 lines for sender/recipient header fields (and qmail's "<address>:" lines). */
export function textContext(text: string): TextContext {
  const ctx: TextContext = {};
  let start = 0;
  for (let n = 0; n < 2000 && start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 1000));
    start = end + 1;
    if (!ctx.senderDomain && SENDER_HEADER.test(line)) ctx.senderDomain = domainOf(findAddresses(line, 1)[0]);
    else if (!ctx.recipientDomain && (RECIPIENT_HEADER.test(line) || /^\s{0,8}<[^<>\s@]{1,64}@[^<>\s@]{1,253}>:/.test(line))) {
      ctx.recipientDomain = domainOf(findAddresses(line, 1)[0]);
    }
    if (ctx.senderDomain && ctx.recipientDomain) break;
  }
  return ctx;
}

// Where a reply names the sender's address or domain (bounded patterns; group texts are at most a few KB).
const SENDER_IN_LINE: RegExp[] = [
  /\bid=([^&\s]{1,64}@[A-Za-z0-9.-]{1,253})/i, // openspf.org/Why?id=user%40domain
  /(?:smtp\.mailfrom|envelope-from|header\.from)=<?([^\s<>;]{1,300})/i,
  /(?:sender address|verification failed for|domain of|sender)\s{0,3}:?\s{0,3}<([^\s<>]{1,300})>/i,
  /domain mismatch\s*-\s*([A-Za-z0-9.-]{1,253})/i,
  /unauthenticated email from\s+([A-Za-z0-9.-]{1,253})/i,
  /allowed to send mail from(?: domain)?\s{1,3}([A-Za-z0-9.-]{1,253})/i, // "[SPF] host … is not allowed to send mail from example.com"
  /spf check for \[([A-Za-z0-9.-]{1,253})\]/i, // Gmail 5.7.26: "SPF check for [example.com] did not pass"
  /<([^\s<>]{1,300})>:?\s{0,3}sender address rejected/i, // Postfix: "<user@example.com>: Sender address rejected: …"
];

/** The sender's domain as a single reply line names it, if it does. */
export function senderDomainInLine(text: string): string | undefined {
  const src = text.replace(/%40/gi, '@');
  for (const re of SENDER_IN_LINE) {
    const m = re.exec(src);
    if (!m) continue;
    const v = m[1]!;
    const d = v.includes('@') ? domainOf(v) : cleanDomain(v);
    if (d) return d;
  }
  return undefined;
}

/** The recipient's domain as a reply line names it ("couldn't find any host named X", "<user@domain>"). */
export function recipientDomainInLine(text: string): string | undefined {
  const norm = text.replace(/_/g, ' ');
  const host = /(?:host named|znalezc hosta)[^A-Za-z0-9]{0,40}([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/i.exec(norm);
  const fromHost = host ? cleanDomain(host[1]!) : undefined;
  if (fromHost) return fromHost;
  return domainOf(findAddresses(text, 1)[0]);
}

// One regex for the forms that name the sending IP: "[192.0.2.1]" (Gmail adds a score: "[192.0.2.1      12]"),
// "ip=192.0.2.1", "IP address of: …", "client host [ … ]", "messages from 192.0.2.1". Octets are checked in code
// (keeps the regex small and quick to compile).
const OWN_IP = /\[(\d{1,3}(?:\.\d{1,3}){3})(?:[ \t]{1,20}\d{1,4})?\]|\bip=(\d{1,3}(?:\.\d{1,3}){3})\b|ip address(?: of)?:?\s{0,3}(\d{1,3}(?:\.\d{1,3}){3})\b|client host\s{0,3}\[?(\d{1,3}(?:\.\d{1,3}){3})|messages? from\s{1,3}\[?(\d{1,3}(?:\.\d{1,3}){3})\b/gi;
const HOST_CHAR = /[A-Za-z0-9.-]/;

/**
 * The sending IP as a reply line names it ("[192.0.2.1]", "ip=…", "IP address of: …"). A bracketed address glued
 * to a host name ("mx.example.com[192.0.2.1]") is the receiving server in Postfix's "host … said:" and
 * "connect to …" wording, not the sender, so it is passed over.
 */
export function sendingIpInLine(text: string): string | undefined {
  for (const m of text.slice(0, 8192).matchAll(OWN_IP)) {
    if (m[1] !== undefined && m.index > 0 && HOST_CHAR.test(m.input[m.index - 1]!)) continue;
    const ip = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    if (ip && ip.split('.').every((o) => Number(o) <= 255)) return ip;
  }
  return undefined;
}
