/** SOA and NS sanity at a zone apex: two or more name servers that resolve, sensible SOA timers (RFC 1912). */
import type { Finding } from '../core/finding.js';
import { isDefinite, recordsOf, type DnsClient, type SoaData } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { dnsEvidence, dnsUnknown, finding, plPlural } from './util.js';

/** Checks a zone apex's SOA and NS: two or more name servers that resolve, sensible SOA timers (RFC 1912). */
export async function checkSoaNs(dns: DnsClient, domain: string): Promise<Finding[]> {
  const C = 'dns.zone';
  const [soa, ns] = await Promise.all([dns.soa(domain), dns.ns(domain)]);
  if (soa.status === 'nxdomain') return []; // the MX check reports the missing domain
  if (!isDefinite(soa.status)) return [dnsUnknown(`${C}.soa`, domain, tx('the SOA record', 'rekord SOA'), soa)];
  const findings: Finding[] = [];
  if (!soa.values.length) {
    const apex = recordsOf({ name: domain, answers: soa.authority }, 'SOA').length ? undefined : soa.authority.find((r) => r.type === 'SOA')?.name;
    findings.push(finding(`${C}.apex`, 'info', domain,
      tx(`${domain} is not the apex of a zone${apex ? ` (its zone is ${apex})` : ''}; SOA/NS are checked at the zone.`, `${domain} nie jest wierzchołkiem strefy${apex ? ` (jej strefa to ${apex})` : ''}; SOA/NS sprawdza się w strefie.`),
      { evidence: [dnsEvidence(soa)] }));
    return findings;
  }
  const s: SoaData = soa.values[0]!;
  const problems: { en: string; pl: string }[] = [];
  if (s.refresh < 1200 || s.refresh > 86400 * 2) problems.push(tx(`refresh ${s.refresh} s (usual 1200–43200)`, `refresh ${s.refresh} s (zwykle 1200–43200)`));
  if (s.retry >= s.refresh) problems.push(tx(`retry ${s.retry} s is not below refresh`, `retry ${s.retry} s nie jest mniejsze niż refresh`));
  if (s.expire < 604800) problems.push(tx(`expire ${s.expire} s (at least 1 week recommended)`, `expire ${s.expire} s (zalecany co najmniej tydzień)`));
  if (s.minimum > 86400) problems.push(tx(`negative-caching TTL ${s.minimum} s (over a day delays new records)`, `TTL buforowania negatywnego ${s.minimum} s (ponad dobę opóźnia nowe rekordy)`));
  findings.push(finding(`${C}.soa`, problems.length ? 'info' : 'ok', domain,
    problems.length
      ? tx(`SOA timers are unusual: ${problems.map((p) => p.en).join('; ')}.`, `Parametry czasowe SOA są nietypowe: ${problems.map((p) => p.pl).join('; ')}.`)
      : tx(`SOA: primary ${s.mname}, serial ${s.serial}.`, `SOA: serwer główny ${s.mname}, numer seryjny ${s.serial}.`),
    { evidence: [dnsEvidence(soa)], data: { soa: s } }));
  if (!isDefinite(ns.status)) { findings.push(dnsUnknown(`${C}.ns`, domain, tx('the NS records', 'rekordy NS'), ns)); return findings; }
  const hosts = ns.values;
  const addrs = await Promise.all(hosts.slice(0, 20).map(async (h) => { const [a, aaaa] = await Promise.all([dns.a(h), dns.aaaa(h)]); return { h, a, aaaa }; }));
  const dead = addrs.filter((x) => isDefinite(x.a.status) && isDefinite(x.aaaa.status) && !x.a.values.length && !x.aaaa.values.length).map((x) => x.h);
  if (dead.length) {
    findings.push(finding(`${C}.ns-address`, 'error', domain,
      tx(`Name server(s) ${dead.join(', ')} have no address: resolvers cannot ask them.`, `Serwery nazw ${dead.join(', ')} nie mają adresu: resolwery nie mogą ich odpytać.`),
      { evidence: addrs.flatMap((x) => [dnsEvidence(x.a), dnsEvidence(x.aaaa)]) }));
  }
  findings.push(finding(`${C}.ns`, hosts.length < 2 ? 'warn' : 'ok', domain,
    hosts.length < 2
      ? tx(`The zone has only ${hosts.length} name server${hosts.length === 1 ? '' : 's'}; at least two, on different networks, are required.`, `Strefa ma tylko ${hosts.length} ${plPlural(hosts.length, 'serwer', 'serwery', 'serwerów')} nazw; wymagane są co najmniej dwa, w różnych sieciach.`)
      : tx(`Name servers: ${hosts.join(', ')}.`, `Serwery nazw: ${hosts.join(', ')}.`),
    { evidence: [dnsEvidence(ns)], data: { ns: hosts } }));
  return findings;
}
