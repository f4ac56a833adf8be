import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import type { DnsRecord } from './types.js';
import { formatDnssecData } from './dnssec.js';

/** A name ready for the wire, or the name and why it cannot be asked. */
export type NameCheck = { ok: true; name: string } | { ok: false; name: string; error: string };

/**
 * Normalize a domain name for a query: trim, drop one trailing dot, lower-case, IDN → punycode
 * (`zażółć.pl` → `xn--za-6ja4f8n1l.pl`). Rejects what cannot go on the wire: empty labels, labels over 63
 * octets, names over 253 and control characters. Underscores are fine (`_dmarc`, `_domainkey`); other printable
 * ASCII is passed on as DNS allows it in labels (SPF macros can produce `%` or spaces) — `isHostName` is the strict test.
 */
export function normalizeDnsName(input: string): NameCheck {
  let name = String(input ?? '').trim();
  if (name.length > 1024) return { ok: false, name: name.slice(0, 64) + '…', error: 'name is longer than 253 characters' };
  if (name === '.') return { ok: true, name: '' }; // the root zone (asked for its DNSKEY by the DNSSEC chain walk)
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (!name) return { ok: false, name, error: 'empty name' };
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(name)) return { ok: false, name, error: 'name contains control characters' };
  if (/[^\x20-\x7e]/.test(name)) {
    // Non-ASCII: an IDN. domainToASCII refuses what cannot be one (spaces, forbidden code points).
    const ascii = domainToASCII(name);
    if (!ascii) return { ok: false, name, error: 'not a valid internationalized domain name' };
    name = ascii.endsWith('.') ? ascii.slice(0, -1) : ascii;
  }
  name = name.toLowerCase();
  if (name.length > 253) return { ok: false, name, error: 'name is longer than 253 characters' };
  const labels = name.split('.');
  for (const l of labels) {
    if (l.length === 0) return { ok: false, name, error: 'empty label (two dots in a row)' };
    if (l.length > 63) return { ok: false, name, error: `label "${l.slice(0, 20)}…" is longer than 63 characters` };
  }
  return { ok: true, name };
}

/** Is this a plausible host name (letters, digits, hyphen, underscore labels; not an IP literal)? */
export function isHostName(name: string): boolean {
  const n = normalizeDnsName(name);
  if (!n.ok) return false;
  if (isIP(n.name)) return false;
  return n.name.split('.').every((l) => /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/.test(l));
}

/** The reverse-lookup name for an IPv4 or IPv6 address; undefined for anything else. */
export function reverseName(ip: string): string | undefined {
  const v = isIP(ip);
  if (v === 4) return ip.split('.').reverse().join('.') + '.in-addr.arpa';
  if (v === 6) return expandIPv6(ip).replace(/:/g, '').split('').reverse().join('.') + '.ip6.arpa';
  return undefined;
}

/** Full, zero-padded IPv6 ("2001:db8::1" → "2001:0db8:0000:…:0001"); IPv4-mapped tails handled. */
export function expandIPv6(ip: string): string {
  let s = ip.toLowerCase();
  const v4 = /(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s); // bounded repeats: linear on any input
  if (v4) {
    const p = v4[1]!.split('.').map(Number);
    s = s.slice(0, -v4[1]!.length) + ((p[0]! << 8) | p[1]!).toString(16) + ':' + ((p[2]! << 8) | p[3]!).toString(16);
  }
  const [head, tail] = s.includes('::') ? s.split('::') as [string, string] : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined && tail ? tail.split(':') : [];
  // Math.max: a string with too many groups is no IPv6 address; it gets no filler rather than a RangeError.
  const fill = tail !== undefined ? new Array(Math.max(0, 8 - h.length - t.length)).fill('0') : [];
  return [...h, ...fill, ...t].map((x) => x.padStart(4, '0')).join(':');
}

/** A record in zone-file presentation format (for evidence and --trace). */
export function formatRecord(r: DnsRecord): string {
  const head = `${r.name || '.'}. ${r.ttl} IN ${r.type}`;
  const d = r.data as unknown;
  switch (r.type) {
    case 'MX': { const m = d as { preference: number; exchange: string }; return `${head} ${m.preference} ${m.exchange || ''}.`; }
    case 'TXT': case 'SPF': {
      const t = d as { strings: string[] };
      const shown = t.strings.map((s) => JSON.stringify(s)).join(' ');
      return `${head} ${shown.length > 600 ? shown.slice(0, 600) + `… (${t.strings.join('').length} characters)` : shown}`;
    }
    case 'SRV': { const s = d as { priority: number; weight: number; port: number; target: string }; return `${head} ${s.priority} ${s.weight} ${s.port} ${s.target}.`; }
    case 'SOA': {
      const s = d as { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };
      return `${head} ${s.mname}. ${s.rname}. ${s.serial} ${s.refresh} ${s.retry} ${s.expire} ${s.minimum}`;
    }
    case 'CNAME': case 'NS': case 'PTR': return `${head} ${String(d)}.`;
    case 'A': case 'AAAA': return `${head} ${String(d)}`;
    default: return `${head} ${typeof d === 'string' ? d : formatDnssecData(r.type, d) ?? JSON.stringify(d)}`;
  }
}
