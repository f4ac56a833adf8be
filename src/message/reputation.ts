/**
 * With --verify: the sending IP of the receiving hop as receivers see it — its PTR name, whether that name
 * resolves back to the IP (forward-confirmed, "iprev"), and whether it is on the DNS block lists given with
 * --dnsbl. Every lookup goes through the one resolver given; no list is asked unless named.
 */
import { isIP } from 'node:net';
import type { Finding } from '../core/finding.js';
import { reverseName } from '../dns/index.js';
import { fill, tx } from '../i18n/text.js';
import type { MailauthResolver } from './resolver.js';
import { FIX } from './spam/fixes.js';
import { cut } from './util.js';

/** What one DNS blocklist said about the sending IP: listed or not, its codes and text, or why the lookup failed. */
export interface DnsblListing {
  zone: string;
  listed: boolean;
  /** 127.0.0.x answers (the list's return codes). */
  codes: string[];
  /** The list's TXT explanation, when it gives one. */
  text?: string;
  /** The lookup failed (not an answer). */
  error?: string;
}

/** The sending IP's reputation: its PTR names, whether one resolves back, and the blocklists' answers. */
export interface IpReputation {
  ip: string;
  ptr: string[];
  /** A PTR name resolves back to the IP. */
  forwardConfirmed: boolean;
  ptrError?: string;
  dnsbl: DnsblListing[];
}

const code = (e: unknown) => (e as { code?: string }).code ?? 'ERROR';
const notFound = (e: unknown) => code(e) === 'ENOTFOUND' || code(e) === 'ENODATA';

/** DNSBL query name: reversed octets (IPv4) or nibbles (IPv6) under the list's zone. */
export function dnsblName(ip: string, zone: string): string | undefined {
  const r = reverseName(ip);
  if (!r) return undefined;
  return `${r.replace(/\.(in-addr|ip6)\.arpa$/, '')}.${zone.replace(/\.$/, '')}`;
}

/**
 * Looks up the sending IP's reverse DNS (and whether a name resolves back to it) and asks the given blocklist zones;
 * for anything that is not an IP it returns an empty result.
 */
export async function checkSendingIp(ip: string, resolver: MailauthResolver, dnsblZones: readonly string[] = []): Promise<IpReputation> {
  const out: IpReputation = { ip, ptr: [], forwardConfirmed: false, dnsbl: [] };
  if (!isIP(ip)) return out;
  try {
    out.ptr = ((await resolver(reverseName(ip)!, 'PTR')) as string[]).slice(0, 5).map((n) => n.replace(/\.$/, '').toLowerCase());
    for (const name of out.ptr) {
      try {
        const addrs = (await resolver(name, isIP(ip) === 6 ? 'AAAA' : 'A')) as string[];
        if (addrs.includes(ip)) { out.forwardConfirmed = true; break; }
      } catch { /* this name does not resolve: try the next */ }
    }
  } catch (e) {
    if (!notFound(e)) out.ptrError = code(e);
  }
  for (const zone of dnsblZones.slice(0, 10)) {
    const q = dnsblName(ip, zone);
    if (!q) continue;
    const l: DnsblListing = { zone, listed: false, codes: [] };
    try {
      l.codes = ((await resolver(q, 'A')) as string[]).slice(0, 8);
      l.listed = l.codes.length > 0;
      try { l.text = cut(((await resolver(q, 'TXT')) as string[][]).map((s) => s.join('')).join(' '), 300); } catch { /* optional */ }
    } catch (e) {
      if (!notFound(e)) l.error = code(e);
    }
    out.dnsbl.push(l);
  }
  return out;
}

const T = {
  ptrOk: tx('The sending IP {ip} has the PTR name {name}, which resolves back to it.', 'Adres IP nadawcy {ip} ma nazwę PTR {name}, która wskazuje z powrotem na ten adres.'),
  ptrNotConfirmed: tx('The sending IP {ip} has the PTR name {name}, but that name does not resolve back to the IP.', 'Adres IP nadawcy {ip} ma nazwę PTR {name}, ale ta nazwa nie wskazuje z powrotem na ten adres.'),
  ptrNone: tx('The sending IP {ip} has no PTR (reverse DNS) name.', 'Adres IP nadawcy {ip} nie ma nazwy PTR (odwrotny DNS).'),
  ptrDetail: tx('Receivers check that the sending server\'s IP has a PTR name and that the name points back to the same IP; without it many score the mail as spam or refuse it (450 4.7.1, "Client host rejected: cannot find your hostname").',
    'Odbiorcy sprawdzają, czy adres IP serwera wysyłającego ma nazwę PTR i czy ta nazwa wskazuje z powrotem na ten sam adres; bez tego wielu z nich ocenia pocztę jako spam albo ją odrzuca (450 4.7.1, „Client host rejected: cannot find your hostname”).'),
  ptrError: tx('The PTR of the sending IP {ip} could not be looked up ({e}).', 'Nie udało się sprawdzić PTR adresu IP nadawcy {ip} ({e}).'),
  listed: tx('The sending IP {ip} is listed on {zone} ({codes}).', 'Adres IP nadawcy {ip} jest na liście {zone} ({codes}).'),
  listedDetail: tx('Receivers that use this block list refuse or mark as spam all mail from this IP, whatever its content.', 'Odbiorcy korzystający z tej listy odrzucają albo oznaczają jako spam całą pocztę z tego adresu IP, niezależnie od treści.'),
  notListed: tx('The sending IP {ip} is not listed on {zone}.', 'Adres IP nadawcy {ip} nie jest na liście {zone}.'),
  dnsblError: tx('The block list {zone} could not be asked about {ip} ({e}).', 'Nie udało się zapytać listy {zone} o adres {ip} ({e}).'),
};

export function reputationFindings(r: IpReputation): Finding[] {
  const out: Finding[] = [];
  const ip = r.ip;
  if (r.ptrError) out.push({ check: 'message.verify.ptr', status: 'unknown', subject: ip, summary: fill(T.ptrError, { ip, e: r.ptrError }) });
  else if (!r.ptr.length) out.push({ check: 'message.verify.ptr', status: 'warn', subject: ip, summary: fill(T.ptrNone, { ip }), detail: T.ptrDetail, advice: [FIX.ptr], data: { ip, ptr: [], spamWeight: 3 } });
  else if (!r.forwardConfirmed) out.push({ check: 'message.verify.ptr', status: 'warn', subject: ip, summary: fill(T.ptrNotConfirmed, { ip, name: r.ptr[0]! }), detail: T.ptrDetail, advice: [FIX.ptr], data: { ip, ptr: r.ptr, spamWeight: 2 } });
  else out.push({ check: 'message.verify.ptr', status: 'ok', subject: ip, summary: fill(T.ptrOk, { ip, name: r.ptr[0]! }), data: { ip, ptr: r.ptr } });
  for (const l of r.dnsbl) {
    if (l.error) out.push({ check: 'message.verify.dnsbl', status: 'unknown', subject: l.zone, summary: fill(T.dnsblError, { zone: l.zone, ip, e: l.error }) });
    else if (l.listed) out.push({ check: 'message.verify.dnsbl', status: 'error', subject: l.zone, summary: fill(T.listed, { ip, zone: l.zone, codes: l.codes.join(', ') }), detail: T.listedDetail, advice: [FIX.listed], ...(l.text ? { evidence: [{ kind: 'record' as const, label: `TXT ${dnsblName(ip, l.zone)}`, value: l.text }] } : {}), data: { ...l, ip, spamWeight: 7 } });
    else out.push({ check: 'message.verify.dnsbl', status: 'ok', subject: l.zone, summary: fill(T.notListed, { ip, zone: l.zone }), data: { ...l, ip } });
  }
  return out;
}
