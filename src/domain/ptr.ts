/** Reverse DNS: a PTR for each address, forward-confirmed (FCrDNS): the PTR name resolves back to the address. */
import type { Finding } from '../core/finding.js';
import { isDefinite, type DnsClient } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { parseIp, ipInCidr } from './ip.js';
import { dnsEvidence, dnsUnknown, finding } from './util.js';
import { dnsClientOf } from './adapters.js';

/** An IP whose reverse DNS is checked, and why: an MX host's address or a sending IP the caller gave. */
export interface PtrTarget {
  ip: string;
  /** 'mx': an address of an MX host (receives, often sends too); 'sender': an IP given with --ip. */
  role: 'mx' | 'sender';
  /** The MX host name for role 'mx'. */
  host?: string;
}

/** The reverse DNS of one IP: its PTR names, those that resolve back to it (forward-confirmed), and the verdict. */
export interface PtrResult {
  ip: string;
  names: string[];
  /** PTR names that resolve back to the IP. */
  confirmed: string[];
  status: 'ok' | 'no-ptr' | 'not-confirmed' | 'unknown';
}

/** PTR names that look like an ISP's dynamic/customer pool (many receivers distrust them). */
export function looksGeneric(name: string, ip: string): boolean {
  const n = name.toLowerCase();
  const parts = ip.split(/[.:]/).filter(Boolean);
  const hasIp = parts.length >= 4 && (n.includes(parts.join('-')) || n.includes(parts.join('.')) || n.includes([...parts].reverse().join('-')));
  return hasIp || /(^|[.-])(dyn|dynamic|dhcp|pool|dsl|adsl|cable|ppp|dialup|client|customer|broadband|host\d|ip\d|static-ip|unassigned|cpe)([.-]|\d|$)/.test(n);
}

/**
 * Reverse DNS of one address. Call as `checkPtr(dns, { ip, role })`; `checkPtr(ip, { dns })` (subject first, as
 * `mailmedic doctor` calls it) checks a sending IP.
 */
export async function checkPtr(dnsOrIp: DnsClient | string, targetOrOptions: PtrTarget | { dns?: DnsClient; resolver?: DnsClient }): Promise<{ findings: Finding[]; result: PtrResult }> {
  const subjectFirst = typeof dnsOrIp === 'string';
  const dns = subjectFirst ? dnsClientOf(targetOrOptions as { dns?: DnsClient }) : dnsOrIp;
  const target: PtrTarget = subjectFirst ? { ip: dnsOrIp, role: 'sender' } : (targetOrOptions as PtrTarget);
  const C = 'dns.ptr';
  const { ip } = target;
  const findings: Finding[] = [];
  const subject = target.host ? `${ip} (${target.host})` : ip;
  const parsed = parseIp(ip);
  if (!parsed) {
    findings.push(finding(`${C}.invalid`, 'error', ip, tx(`"${ip}" is not an IP address.`, `„${ip}” nie jest adresem IP.`)));
    return { findings, result: { ip, names: [], confirmed: [], status: 'unknown' } };
  }
  const rev = await dns.reverse(parsed.text);
  if (!isDefinite(rev.status)) {
    findings.push(dnsUnknown(C, subject, tx(`the reverse DNS (PTR) of ${ip}`, `odwrotny DNS (PTR) adresu ${ip}`), rev));
    return { findings, result: { ip, names: [], confirmed: [], status: 'unknown' } };
  }
  const names = rev.values.slice(0, 10);
  if (!names.length) {
    findings.push(finding(`${C}.missing`, target.role === 'sender' ? 'error' : 'warn', subject,
      tx(`${ip} has no reverse DNS (PTR) record.`, `Adres ${ip} nie ma rekordu odwrotnego DNS (PTR).`),
      {
        detail: tx('Many receivers (Gmail, Microsoft, Onet, WP, Interia) reject or junk mail from an address without a PTR ("cannot find your hostname"). A VPS or home line sending mail needs one.',
          'Wielu dostawców poczty (Gmail, Microsoft, Onet, WP, Interia) odrzuca lub oznacza jako spam pocztę z adresu bez PTR („cannot find your hostname”). Serwer VPS czy łącze domowe wysyłające pocztę musi go mieć.'),
        advice: [
          tx('Ask the owner of the address (your hosting or ISP; on a VPS usually in the provider\'s panel) to set the PTR to your mail server\'s name, e.g. mail.<domain>.',
            'Poproś właściciela adresu (hosting lub dostawcę Internetu; przy VPS zwykle w panelu dostawcy), by ustawił PTR na nazwę serwera poczty, np. mail.<domena>.'),
          tx('Make that name resolve back to the same address (A/AAAA) and use it as the server\'s HELO name.', 'Zadbaj, by ta nazwa wskazywała z powrotem na ten sam adres (A/AAAA), i używaj jej jako nazwy HELO serwera.'),
        ],
        evidence: [dnsEvidence(rev)],
      }));
    return { findings, result: { ip, names, confirmed: [], status: 'no-ptr' } };
  }
  const forward = await Promise.all(names.map(async (n) => {
    const a = parsed.version === 4 ? await dns.a(n) : await dns.aaaa(n);
    const ok = a.values.some((v) => { const x = parseIp(v); return x ? ipInCidr(parsed, x, parsed.version === 4 ? 32 : 128) : false; });
    return { n, a, ok };
  }));
  const confirmed = forward.filter((f) => f.ok).map((f) => f.n);
  const ev = [dnsEvidence(rev), ...forward.map((f) => dnsEvidence(f.a))];
  if (!confirmed.length) {
    const unknown = forward.find((f) => !isDefinite(f.a.status));
    if (unknown) {
      findings.push(dnsUnknown(C, subject, tx(`whether ${names.join(', ')} resolves back to ${ip}`, `czy ${names.join(', ')} wskazuje z powrotem na ${ip}`), unknown.a));
      return { findings, result: { ip, names, confirmed, status: 'unknown' } };
    }
    findings.push(finding(`${C}.not-confirmed`, target.role === 'sender' ? 'error' : 'warn', subject,
      tx(`The PTR of ${ip} is ${names.join(', ')}, but that name does not resolve back to ${ip} (no forward-confirmed reverse DNS).`,
        `PTR adresu ${ip} to ${names.join(', ')}, ale ta nazwa nie wskazuje z powrotem na ${ip} (brak potwierdzenia w przód, FCrDNS).`),
      {
        detail: tx('Receivers check that the PTR name has an A/AAAA record with the same address; if not, they treat the host as unidentified.',
          'Serwery odbiorców sprawdzają, czy nazwa z PTR ma rekord A/AAAA z tym samym adresem; jeśli nie, traktują serwer jak niezidentyfikowany.'),
        advice: [tx(`Add an A/AAAA record ${names[0]} → ${ip}, or change the PTR to a name that has it.`, `Dodaj rekord A/AAAA ${names[0]} → ${ip} albo zmień PTR na nazwę, która go ma.`)],
        evidence: ev,
      }));
    return { findings, result: { ip, names, confirmed, status: 'not-confirmed' } };
  }
  const generic = confirmed.filter((n) => looksGeneric(n, ip));
  if (generic.length === confirmed.length) {
    findings.push(finding(`${C}.generic`, target.role === 'sender' ? 'warn' : 'info', subject,
      tx(`The PTR of ${ip} (${confirmed[0]}) looks like a generic name of an ISP's address pool.`, `PTR adresu ${ip} (${confirmed[0]}) wygląda na ogólną nazwę z puli adresów dostawcy.`),
      {
        detail: tx('Spam filters score names like these as home or dynamic connections.', 'Filtry antyspamowe traktują takie nazwy jak łącza domowe lub dynamiczne.'),
        advice: [tx('Ask for a PTR with your own mail server name (mail.<domain>).', 'Poproś o PTR z nazwą własnego serwera poczty (mail.<domena>).')],
        evidence: ev,
      }));
  }
  const matchesMx = target.host ? confirmed.includes(target.host) : undefined;
  findings.push(finding(`${C}.ok`, 'ok', subject,
    tx(`${ip} has reverse DNS ${confirmed.join(', ')}, which resolves back to it.`, `Adres ${ip} ma odwrotny DNS ${confirmed.join(', ')}, który wskazuje z powrotem na ten adres.`),
    {
      ...(matchesMx === false ? { detail: tx(`The PTR name differs from the MX name ${target.host}; that is allowed, but the server should say its PTR name in HELO.`, `Nazwa z PTR różni się od nazwy MX ${target.host}; to dozwolone, ale serwer powinien przedstawiać się w HELO nazwą z PTR.`) } : {}),
      evidence: ev,
      data: { ip, ptr: confirmed },
    }));
  return { findings, result: { ip, names, confirmed, status: 'ok' } };
}
