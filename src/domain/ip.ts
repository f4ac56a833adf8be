import { isIP } from 'node:net';
import { expandIPv6 } from '../dns/names.js';

/** An IP address as bytes (4 or 16). IPv4-mapped IPv6 (::ffff:a.b.c.d) is returned as IPv4 (RFC 7208 §5). */
export interface IpBytes { version: 4 | 6; bytes: number[]; text: string }

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Strict dotted-quad IPv4 (no leading zeros, as RFC 7208's ip4-network). */
export function isStrictIPv4(s: string): boolean {
  return s.length <= 15 && IPV4.test(s);
}

/**
 * Parses an IPv4 (strict dotted quad) or IPv6 address into bytes; IPv4-mapped IPv6 comes back as IPv4. Undefined for
 * anything else.
 */
export function parseIp(text: string): IpBytes | undefined {
  const s = text.trim();
  if (s.length > 64) return undefined;
  if (isStrictIPv4(s)) return { version: 4, bytes: s.split('.').map(Number), text: s };
  if (isIP(s) !== 6) return undefined;
  const groups = expandIPv6(s).split(':').map((g) => parseInt(g, 16));
  const bytes = groups.flatMap((g) => [g >> 8, g & 0xff]);
  if (bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    const v4 = bytes.slice(12);
    return { version: 4, bytes: v4, text: v4.join('.') };
  }
  return { version: 6, bytes, text: s.toLowerCase() };
}

/** Is `ip` inside `net`/`prefix`? Different families never match. */
export function ipInCidr(ip: IpBytes, net: IpBytes, prefix: number): boolean {
  if (ip.version !== net.version) return false;
  let bits = prefix;
  for (let i = 0; i < ip.bytes.length && bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if ((ip.bytes[i]! & mask) !== (net.bytes[i]! & mask)) return false;
  }
  return true;
}

/** Special-purpose ranges a public mail host must not use (RFC 6890 and friends). */
export const SPECIAL_RANGES: readonly { cidr: string; kind: 'private' | 'loopback' | 'link-local' | 'reserved' | 'documentation' | 'cgnat' | 'unspecified' | 'multicast' }[] = [
  { cidr: '0.0.0.0/8', kind: 'unspecified' },
  { cidr: '10.0.0.0/8', kind: 'private' },
  { cidr: '100.64.0.0/10', kind: 'cgnat' },
  { cidr: '127.0.0.0/8', kind: 'loopback' },
  { cidr: '169.254.0.0/16', kind: 'link-local' },
  { cidr: '172.16.0.0/12', kind: 'private' },
  { cidr: '192.0.0.0/24', kind: 'reserved' },
  { cidr: '192.0.2.0/24', kind: 'documentation' },
  { cidr: '192.168.0.0/16', kind: 'private' },
  { cidr: '198.18.0.0/15', kind: 'reserved' },
  { cidr: '198.51.100.0/24', kind: 'documentation' },
  { cidr: '203.0.113.0/24', kind: 'documentation' },
  { cidr: '224.0.0.0/4', kind: 'multicast' },
  { cidr: '240.0.0.0/4', kind: 'reserved' },
  { cidr: '::/128', kind: 'unspecified' },
  { cidr: '::1/128', kind: 'loopback' },
  { cidr: 'fc00::/7', kind: 'private' },
  { cidr: 'fe80::/10', kind: 'link-local' },
  { cidr: '2001:db8::/32', kind: 'documentation' },
  { cidr: 'ff00::/8', kind: 'multicast' },
];

/** The special range an address falls in, if any. */
export function specialRange(ip: string): (typeof SPECIAL_RANGES)[number] | undefined {
  const p = parseIp(ip);
  if (!p) return undefined;
  return SPECIAL_RANGES.find((r) => {
    const [net, len] = r.cidr.split('/') as [string, string];
    const n = parseIp(net);
    return n ? ipInCidr(p, n, Number(len)) : false;
  });
}
