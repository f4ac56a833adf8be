/** MX check: the domain exists, its MX records, null MX, implicit MX, each host's addresses. */
import { isIP } from 'node:net';
import type { Finding } from '../core/finding.js';
import { isDefinite, recordsOf, type DnsAnswer, type DnsClient } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { specialRange } from './ip.js';
import { dnsClientOf } from './adapters.js';
import { dnsEvidence, dnsUnknown, finding, sampleList } from './util.js';

/** One host mail for the domain goes to, with its addresses, or why they could not be had. */
export interface MxHost {
  host: string;
  preference: number;
  addresses: string[];
  /** The host name is an alias (CNAME) — not allowed for MX targets. */
  cname?: string;
  /** DNS failed for the addresses (unknown). */
  dnsError?: string;
}

/**
 * What the MX check found: the hosts mail goes to, whether the domain refuses mail (null MX) or has no MX (its own
 * address is used), or does not exist.
 */
export interface MxCheckResult {
  findings: Finding[];
  /** Hosts mail is delivered to (implicit MX = the domain itself). */
  hosts: MxHost[];
  nullMx: boolean;
  implicit: boolean;
  /** The domain does not exist (NXDOMAIN). */
  nxdomain: boolean;
  mxAnswer: DnsAnswer;
}

const RANGE_TEXT: Record<string, { en: string; pl: string }> = {
  private: tx('a private address (RFC 1918 / ULA)', 'adres prywatny (RFC 1918 / ULA)'),
  loopback: tx('a loopback address', 'adres pętli zwrotnej (loopback)'),
  'link-local': tx('a link-local address', 'adres lokalny łącza (link-local)'),
  reserved: tx('a reserved address', 'adres zarezerwowany'),
  documentation: tx('an address reserved for documentation', 'adres zarezerwowany do dokumentacji'),
  cgnat: tx('a carrier-grade NAT address (100.64.0.0/10)', 'adres CGNAT operatora (100.64.0.0/10)'),
  unspecified: tx('the unspecified address', 'adres nieokreślony'),
  multicast: tx('a multicast address', 'adres multicast'),
};

/** A host for findings' data: at most 20 addresses, with their count when there are more. */
export function boundedHost(h: MxHost): MxHost & { addressCount?: number } {
  return h.addresses.length <= 20 ? h : { ...h, addresses: h.addresses.slice(0, 20), addressCount: h.addresses.length };
}

async function hostAddresses(dns: DnsClient, host: string): Promise<{ addresses: string[]; cname?: string; dnsError?: string; answers: DnsAnswer[] }> {
  const [a, aaaa] = await Promise.all([dns.a(host), dns.aaaa(host)]);
  const addresses = [...a.values, ...aaaa.values];
  const cname = [...recordsOf(a, 'CNAME'), ...recordsOf(aaaa, 'CNAME')].find((r) => r.name === host);
  const failed = [a, aaaa].find((x) => !isDefinite(x.status));
  return {
    addresses,
    ...(cname ? { cname: String(cname.data) } : {}),
    ...(failed && !addresses.length ? { dnsError: `${failed.status}${failed.error ? ': ' + failed.error : ''}` } : {}),
    answers: [a, aaaa],
  };
}

/**
 * MX check. Call as `checkMx(dns, domain)`; `checkMx(domain, { dns })` (subject first, as `mailmedic doctor`
 * calls it) works too.
 */
export async function checkMx(dnsOrDomain: DnsClient | string, domainOrOptions: string | { dns?: DnsClient; resolver?: DnsClient }): Promise<MxCheckResult> {
  const dns = typeof dnsOrDomain === 'string' ? dnsClientOf(domainOrOptions as { dns?: DnsClient }) : dnsOrDomain;
  const domain = typeof dnsOrDomain === 'string' ? dnsOrDomain : (domainOrOptions as string);
  const C = 'dns.mx';
  const findings: Finding[] = [];
  const mx = await dns.mx(domain);
  const result: MxCheckResult = { findings, hosts: [], nullMx: false, implicit: false, nxdomain: false, mxAnswer: mx };
  if (mx.status === 'nxdomain') {
    result.nxdomain = true;
    findings.push(finding('dns.domain.exists', 'error', domain,
      tx('The domain does not exist in DNS (NXDOMAIN): no mail can be delivered to it.', 'Domena nie istnieje w DNS (NXDOMAIN): nie da się do niej dostarczyć żadnej poczty.'),
      {
        detail: tx('The resolver says the name does not exist at all. Check the spelling; if it is yours, check that it is registered, paid, and delegated to the right DNS servers.',
          'Resolwer odpowiada, że taka nazwa w ogóle nie istnieje. Sprawdź pisownię; jeśli to Twoja domena, sprawdź, czy jest zarejestrowana, opłacona i delegowana na właściwe serwery DNS.'),
        advice: [tx('Check the domain at your registrar (expiry, delegation to name servers).', 'Sprawdź domenę u rejestratora (termin ważności, delegacja na serwery nazw).')],
        evidence: [dnsEvidence(mx)],
      }));
    return result;
  }
  if (!isDefinite(mx.status) || mx.status === 'error') {
    findings.push(dnsUnknown(C, domain, tx('the MX records', 'rekordy MX'), mx));
    return result;
  }
  const records = mx.values;
  if (records.length === 0) {
    // No MX: RFC 5321 §5.1 implicit MX — mail goes to the domain's own A/AAAA.
    const own = await hostAddresses(dns, domain);
    if (own.addresses.length) {
      result.implicit = true;
      result.hosts.push({ host: domain, preference: 0, addresses: own.addresses });
      findings.push(finding(`${C}.implicit`, 'warn', domain,
        tx('The domain has no MX record; senders fall back to its A/AAAA address (implicit MX).', 'Domena nie ma rekordu MX; nadawcy używają zamiast niego jej adresu A/AAAA (niejawny MX).'),
        {
          detail: tx('This works with most servers, but it is fragile: the web server address then receives mail, and some senders refuse domains without MX.',
            'Z większością serwerów to działa, ale jest zawodne: pocztę odbiera wtedy adres serwera WWW, a część nadawców odrzuca domeny bez MX.'),
          advice: [tx('Add an MX record pointing at your mail server (e.g. "10 mail.<domain>."), as your mail provider instructs.', 'Dodaj rekord MX wskazujący na serwer poczty (np. „10 mail.<domena>.”), zgodnie z instrukcją dostawcy poczty.')],
          evidence: [dnsEvidence(mx), ...own.answers.map(dnsEvidence)],
        }));
    } else if (own.dnsError) {
      findings.push(dnsUnknown(C, domain, tx('the address of the domain (no MX)', 'adres domeny (brak MX)'), own.answers.find((a) => !isDefinite(a.status))!));
    } else {
      findings.push(finding(`${C}.missing`, 'error', domain,
        tx('The domain has no MX record and no address: nobody can send mail to it.', 'Domena nie ma rekordu MX ani adresu: nikt nie może wysłać do niej poczty.'),
        {
          advice: [tx('Add the MX record(s) your mail provider gives you.', 'Dodaj rekord(y) MX podane przez dostawcę poczty.')],
          evidence: [dnsEvidence(mx), ...own.answers.map(dnsEvidence)],
        }));
    }
    return result;
  }
  const isNull = (r: { exchange: string }) => r.exchange === '' || r.exchange === '.';
  if (records.some(isNull)) {
    result.nullMx = true;
    if (records.length === 1 && records[0]!.preference === 0) {
      findings.push(finding(`${C}.null`, 'info', domain,
        tx('The domain publishes a null MX ("0 ."): it accepts no mail at all (RFC 7505).', 'Domena publikuje pusty MX („0 .”): nie przyjmuje żadnej poczty (RFC 7505).'),
        {
          detail: tx('Senders bounce mail to it at once. This is right for a domain that never receives mail; if it should, replace the null MX with real MX records.',
            'Nadawcy od razu zwracają pocztę do tej domeny. To właściwe dla domeny, która nigdy nie odbiera poczty; jeśli ma odbierać, zastąp pusty MX prawdziwymi rekordami MX.'),
          evidence: [dnsEvidence(mx)],
        }));
    } else {
      findings.push(finding(`${C}.null-mixed`, 'error', domain,
        tx('A null MX (".") is mixed with other MX records (or has a priority other than 0).', 'Pusty MX („.”) występuje razem z innymi rekordami MX (albo ma priorytet inny niż 0).'),
        {
          detail: tx('RFC 7505 requires a null MX to be the only MX record, with preference 0. Senders handle this mix differently.', 'RFC 7505 wymaga, by pusty MX był jedynym rekordem MX, z priorytetem 0. Nadawcy różnie obsługują taką mieszankę.'),
          advice: [tx('Keep either the null MX alone, or only the real MX records.', 'Zostaw albo sam pusty MX, albo tylko prawdziwe rekordy MX.')],
          evidence: [dnsEvidence(mx)],
        }));
    }
    if (records.length === 1) return result;
  }
  const real = records.filter((r) => !isNull(r)).sort((a, b) => a.preference - b.preference);
  if (real.length > 10) {
    findings.push(finding(`${C}.too-many`, 'warn', domain,
      tx(`The domain has ${real.length} MX hosts; many senders try only the first 10 or so.`, `Domena ma ${real.length} serwerów MX; wielu nadawców próbuje tylko mniej więcej 10 pierwszych.`),
      { evidence: [dnsEvidence(mx)] }));
  }
  // A hostile zone may list thousands: resolve the first 50 (senders try far fewer).
  const resolved = await Promise.all(real.slice(0, 50).map(async (r) => ({ r, info: isIP(r.exchange) ? undefined : await hostAddresses(dns, r.exchange) })));
  for (const { r, info } of resolved) {
    if (!info) {
      findings.push(finding(`${C}.ip-literal`, 'error', r.exchange,
        tx(`MX record "${r.preference} ${r.exchange}" holds an IP address; an MX must name a host.`, `Rekord MX „${r.preference} ${r.exchange}” zawiera adres IP; MX musi wskazywać nazwę hosta.`),
        {
          detail: tx('Senders look up the name in the MX record; an address there is taken as a (non-existent) host name, so delivery fails.', 'Nadawcy szukają nazwy z rekordu MX; adres IP jest traktowany jak (nieistniejąca) nazwa hosta, więc doręczenie się nie udaje.'),
          advice: [tx('Create an A record (e.g. mail.<domain> → that address) and point the MX at the name.', 'Utwórz rekord A (np. mail.<domena> → ten adres) i wskaż tę nazwę w rekordzie MX.')],
          evidence: [dnsEvidence(mx)],
        }));
      continue;
    }
    const host: MxHost = { host: r.exchange, preference: r.preference, addresses: info.addresses };
    if (info.cname) host.cname = info.cname;
    if (info.dnsError) host.dnsError = info.dnsError;
    result.hosts.push(host);
    if (info.cname) {
      findings.push(finding(`${C}.cname`, 'warn', r.exchange,
        tx(`MX host ${r.exchange} is an alias (CNAME → ${info.cname}); MX records must point at a name with its own A/AAAA.`, `Serwer MX ${r.exchange} jest aliasem (CNAME → ${info.cname}); rekord MX musi wskazywać nazwę z własnym A/AAAA.`),
        {
          detail: tx('RFC 2181 and RFC 5321 forbid it; most senders follow the alias anyway, some refuse.', 'Zabraniają tego RFC 2181 i RFC 5321; większość nadawców i tak podąża za aliasem, ale niektórzy odmawiają.'),
          advice: [tx(`Point the MX directly at ${info.cname}.`, `Wskaż w MX bezpośrednio ${info.cname}.`)],
          evidence: info.answers.map(dnsEvidence),
        }));
    }
    if (info.dnsError) {
      findings.push(dnsUnknown(`${C}.host`, r.exchange, tx(`the address of MX host ${r.exchange}`, `adres serwera MX ${r.exchange}`), info.answers.find((a) => !isDefinite(a.status))!));
      continue;
    }
    if (!info.addresses.length) {
      findings.push(finding(`${C}.host-no-address`, 'error', r.exchange,
        tx(`MX host ${r.exchange} has no A or AAAA record: mail cannot be delivered to it.`, `Serwer MX ${r.exchange} nie ma rekordu A ani AAAA: nie da się do niego dostarczyć poczty.`),
        {
          advice: [tx(`Add an A record for ${r.exchange}, or point the MX at a host that exists.`, `Dodaj rekord A dla ${r.exchange} albo wskaż w MX istniejący serwer.`)],
          evidence: info.answers.map(dnsEvidence),
        }));
      continue;
    }
    // One finding per host and kind of range, naming the first address and counting the rest (a hostile zone
    // may give a host thousands of private addresses: one finding each, each with the whole answer, was GBs).
    const special = new Map<string, { range: NonNullable<ReturnType<typeof specialRange>>; addresses: string[] }>();
    for (const addr of info.addresses) {
      const sr = specialRange(addr);
      if (!sr) continue;
      const g = special.get(sr.kind) ?? { range: sr, addresses: [] };
      g.addresses.push(addr);
      special.set(sr.kind, g);
    }
    for (const { range: sr, addresses } of special.values()) {
      const t = RANGE_TEXT[sr.kind]!;
      const addr = addresses[0]!;
      const others = addresses.length - 1;
      findings.push(finding(`${C}.host-address`, 'error', `${r.exchange} ${addr}`,
        others
          ? tx(`MX host ${r.exchange} resolves to ${addr} and ${others} more address(es) of the kind, ${t.en} (${sr.cidr} and the like): other servers on the Internet cannot reach them.`,
            `Serwer MX ${r.exchange} ma adres ${addr} i jeszcze ${others} takich — ${t.pl} (${sr.cidr} i podobne): inne serwery w Internecie nie mogą się z nim połączyć.`)
          : tx(`MX host ${r.exchange} resolves to ${addr}, ${t.en} (${sr.cidr}): other servers on the Internet cannot reach it.`, `Serwer MX ${r.exchange} ma adres ${addr} — ${t.pl} (${sr.cidr}): inne serwery w Internecie nie mogą się z nim połączyć.`),
        {
          advice: [tx(`Set the public address of the mail server in the A/AAAA record of ${r.exchange}.`, `Ustaw publiczny adres serwera poczty w rekordzie A/AAAA ${r.exchange}.`)],
          evidence: info.answers.map(dnsEvidence),
          data: { address: addr, range: sr.cidr, kind: sr.kind, count: addresses.length, addresses: addresses.slice(0, 10) },
        }));
    }
  }
  const ok = result.hosts.filter((h) => h.addresses.length);
  if (ok.length) {
    const prefs = new Set(real.map((r) => r.preference));
    findings.push(finding(`${C}.hosts`, 'ok', domain,
      tx(`Mail for the domain goes to ${real.map((r) => `${r.exchange} (${r.preference})`).join(', ')}.`, `Poczta dla domeny trafia do ${real.map((r) => `${r.exchange} (${r.preference})`).join(', ')}.`),
      {
        ...(real.length > 1 && prefs.size === 1 ? { detail: tx('All MX records have the same priority: senders spread mail over them at random.', 'Wszystkie rekordy MX mają ten sam priorytet: nadawcy rozkładają pocztę między nie losowo.') } : {}),
        evidence: [dnsEvidence(mx), ...result.hosts.slice(0, 10).map((h) => ({ kind: 'record' as const, label: h.host, value: sampleList(h.addresses) }))],
        data: { hosts: result.hosts.map(boundedHost) },
      }));
  }
  return result;
}
