/**
 * The one address check of `mailmedic serve`: every spelling of an IP address a visitor or a DNS answer can
 * give — IPv4 in the forms inet_aton() reads (127.1, 0177.0.0.1, 0x7f000001, 2130706433), IPv6 compressed or
 * zero-padded (0::1, ::0:1, 0000:…:0001), IPv4-mapped (::ffff:7f00:1, ::ffff:127.0.0.1), IPv4-compatible,
 * NAT64 and 6to4 forms that carry an IPv4 address, brackets and zone ids — is read into its bytes once, and
 * the bytes, not the text, decide whether the address is public. The probe then connects to exactly the
 * canonical address that was checked.
 */
import { isIP } from 'node:net';

export interface NormalAddress {
  version: 4 | 6;
  bytes: number[];
  /** Canonical text: dotted quad, or lower-case compressed IPv6. */
  text: string;
  /** The spelling carried a zone id (fe80::1%eth0): only meaningful on this machine. */
  zoned?: boolean;
}

/** One part of an inet_aton() address: decimal, octal (leading 0) or hex (0x). */
function atonPart(p: string): number | undefined {
  if (/^0x[0-9a-f]{1,8}$/i.test(p)) return parseInt(p.slice(2), 16);
  if (/^0[0-7]{0,11}$/.test(p)) return parseInt(p, 8);
  if (/^[1-9]\d{0,9}$/.test(p)) return Number(p);
  return undefined;
}

/** IPv4 as the C library's inet_aton() reads it (what a getaddrinfo() call given this text would connect to). */
function parseAton(s: string): number[] | undefined {
  if (s.length > 64) return undefined;
  const parts = s.split('.');
  if (parts.length < 1 || parts.length > 4) return undefined;
  const nums = parts.map(atonPart);
  if (nums.some((n) => n === undefined)) return undefined;
  const n = nums as number[];
  const last = n[n.length - 1]!;
  const lastBytes = 5 - n.length; // a.b.c.d: 1 byte each; a.b.c: last 2 bytes; a.b: last 3; a: all 4
  if (n.slice(0, -1).some((x) => x > 255) || last >= 2 ** (8 * lastBytes)) return undefined;
  const head = n.slice(0, -1);
  const tail: number[] = [];
  for (let i = lastBytes - 1; i >= 0; i--) tail.push(Math.floor(last / 2 ** (8 * i)) & 0xff);
  return [...head, ...tail];
}

/** The 16 bytes of an IPv6 address that node's isIP() accepts (no zone id). */
function v6Bytes(s: string): number[] {
  let t = s.toLowerCase();
  const dotted = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t);
  let tailBytes: number[] = [];
  if (dotted) {
    tailBytes = dotted.slice(1, 5).map(Number);
    t = t.slice(0, dotted.index) + '0:0'; // two groups stand in for the dotted tail
  }
  const [head, tail] = t.includes('::') ? (t.split('::') as [string, string]) : [t, undefined];
  const h = head ? head.split(':') : [];
  const tl = tail ? tail.split(':') : [];
  const groups = tail !== undefined ? [...h, ...new Array(Math.max(0, 8 - h.length - tl.length)).fill('0'), ...tl] : h;
  const bytes = groups.slice(0, 8).flatMap((g) => { const v = parseInt(g || '0', 16); return [v >> 8, v & 0xff]; });
  if (tailBytes.length) bytes.splice(12, 4, ...tailBytes);
  return bytes;
}

function v6Text(bytes: number[]): string {
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  // The longest run of two or more zero groups becomes "::" (RFC 5952).
  let best = -1; let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== '0') { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  if (best < 0) return groups.join(':');
  return `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}`;
}

/**
 * Any IP spelling → its bytes and canonical text; undefined when the text is no IP address (a host name).
 * IPv4-mapped IPv6 comes back as the IPv4 address it maps.
 */
export function normalizeAddress(input: string): NormalAddress | undefined {
  let s = input.trim();
  if (!s || s.length > 100) return undefined;
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  let zoned = false;
  const pct = s.indexOf('%');
  if (pct >= 0 && s.includes(':')) { zoned = true; s = s.slice(0, pct); }
  if (s.includes(':')) {
    if (isIP(s) !== 6) return undefined;
    const bytes = v6Bytes(s);
    if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
      const v4 = bytes.slice(12);
      return { version: 4, bytes: v4, text: v4.join('.'), ...(zoned ? { zoned } : {}) };
    }
    return { version: 6, bytes, text: v6Text(bytes), ...(zoned ? { zoned } : {}) };
  }
  const v4 = parseAton(s);
  return v4 ? { version: 4, bytes: v4, text: v4.join('.') } : undefined;
}

type Range = [network: number[], bits: number, kind: string];
const v4 = (t: string): number[] => t.split('.').map(Number);
const v6 = (t: string): number[] => v6Bytes(t);

/** Addresses that are not on the public internet (RFC 6890 and its updates), as data. */
const V4_RANGES: Range[] = [
  [v4('0.0.0.0'), 8, 'unspecified'], [v4('10.0.0.0'), 8, 'private'], [v4('100.64.0.0'), 10, 'cgnat'],
  [v4('127.0.0.0'), 8, 'loopback'], [v4('169.254.0.0'), 16, 'link-local'], [v4('172.16.0.0'), 12, 'private'],
  [v4('192.0.0.0'), 24, 'reserved'], [v4('192.0.2.0'), 24, 'documentation'], [v4('192.88.99.0'), 24, 'reserved'],
  [v4('192.168.0.0'), 16, 'private'], [v4('198.18.0.0'), 15, 'reserved'], [v4('198.51.100.0'), 24, 'documentation'],
  [v4('203.0.113.0'), 24, 'documentation'], [v4('224.0.0.0'), 4, 'multicast'], [v4('240.0.0.0'), 4, 'reserved'],
];
const V6_RANGES: Range[] = [
  [v6('::'), 128, 'unspecified'], [v6('::1'), 128, 'loopback'],
  [v6('::'), 96, 'reserved'], // IPv4-compatible (deprecated; ::127.0.0.1 is loopback on some stacks)
  [v6('64:ff9b:1::'), 48, 'private'], [v6('100::'), 64, 'reserved'], [v6('2001::'), 23, 'reserved'],
  [v6('2001:db8::'), 32, 'documentation'], [v6('fc00::'), 7, 'private'], [v6('fe80::'), 10, 'link-local'],
  [v6('fec0::'), 10, 'link-local'], [v6('ff00::'), 8, 'multicast'],
];

function inRange(bytes: number[], [net, bits]: Range): boolean {
  let left = bits;
  for (let i = 0; left > 0; i++, left -= 8) {
    const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
    if ((bytes[i]! & mask) !== (net[i]! & mask)) return false;
  }
  return true;
}

/** IPv6 forms that carry an IPv4 address a gateway would reach: NAT64 (64:ff9b::/96) and 6to4 (2002::/16). */
function embeddedV4(bytes: number[]): number[] | undefined {
  if (inRange(bytes, [v6('64:ff9b::'), 96, ''])) return bytes.slice(12);
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6);
  return undefined;
}

/** Why an address is not public ('loopback', 'private', …), or undefined for a public address. */
export function nonPublicKind(a: NormalAddress): string | undefined {
  if (a.zoned) return 'link-local';
  if (a.version === 4) return V4_RANGES.find((r) => inRange(a.bytes, r))?.[2];
  const own = V6_RANGES.find((r) => inRange(a.bytes, r))?.[2];
  if (own) return own;
  const inner = embeddedV4(a.bytes);
  return inner ? V4_RANGES.find((r) => inRange(inner, r))?.[2] : undefined;
}

/** Loopback, private, link-local, CGNAT, documentation, multicast, reserved — anything not on the public internet. */
export function isNonPublicAddress(ip: string): boolean {
  const a = normalizeAddress(ip);
  return !a || nonPublicKind(a) !== undefined; // not an IP at all: never treated as public
}

/** Is this listen address only reachable from this machine? ("localhost" or any spelling of a loopback address.) */
export function isLoopbackBind(host: string): boolean {
  if (host.trim().toLowerCase() === 'localhost') return true;
  const a = normalizeAddress(host);
  return a !== undefined && !a.zoned && nonPublicKind(a) === 'loopback';
}
