/**
 * DNSSEC status as the resolver reports it: the AD bit (set only by a validating resolver) on the domain's
 * answers, and whether the zone publishes DNSKEY records.
 */
import type { Finding } from '../core/finding.js';
import { isDefinite, recordsOf, type DnsAnswer, type DnsClient } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { dnsEvidence, finding } from './util.js';

/** `answers`: answers already received for the domain (their AD bits count); DNSKEY is asked here. */
export async function checkDnssec(dns: DnsClient, domain: string, answers: Promise<DnsAnswer[]>): Promise<Finding[]> {
  const C = 'dns.dnssec';
  const [key, seen] = await Promise.all([dns.query(domain, 'DNSKEY'), answers]);
  const definite = [key, ...seen].filter((a) => isDefinite(a.status) && a.status !== 'nxdomain');
  if (!definite.length) return [];
  const ad = definite.some((a) => a.ad);
  const signed = recordsOf(key, 'DNSKEY').length > 0;
  if (ad) {
    return [finding(`${C}.validated`, 'ok', domain, tx('DNSSEC: the resolver validated the domain\'s answers (AD bit).', 'DNSSEC: resolwer zweryfikował odpowiedzi domeny (bit AD).'), { evidence: [dnsEvidence(key)], data: { ad: true, dnskey: signed } })];
  }
  if (signed) {
    return [finding(`${C}.not-validated`, 'info', domain,
      tx('The zone publishes DNSKEY records, but the resolver did not mark the answers as validated (AD).', 'Strefa publikuje rekordy DNSKEY, ale resolwer nie oznaczył odpowiedzi jako zweryfikowanych (AD).'),
      {
        detail: tx('Either the resolver does not validate DNSSEC (e.g. an authoritative server or a plain forwarder), or the chain of trust (DS at the parent) is missing. A broken chain makes validating resolvers answer SERVFAIL.',
          'Albo resolwer nie sprawdza DNSSEC (np. serwer autorytatywny lub zwykły forwarder), albo brakuje łańcucha zaufania (rekordu DS u rodzica). Zerwany łańcuch powoduje, że resolwery weryfikujące odpowiadają SERVFAIL.'),
        advice: [tx('Check with a validating resolver (--resolver), and that the registrar has the DS record.', 'Sprawdź przez resolwer weryfikujący (--resolver) i upewnij się, że rejestrator ma rekord DS.')],
        evidence: [dnsEvidence(key)], data: { ad: false, dnskey: true },
      })];
  }
  return [finding(`${C}.unsigned`, 'info', domain,
    tx('DNSSEC: the domain is not signed (or the resolver does not validate).', 'DNSSEC: domena nie jest podpisana (albo resolwer tego nie sprawdza).'),
    { detail: tx('Not required for mail, but DANE and some MTA security features need it.', 'Nie jest wymagany do poczty, ale potrzebują go DANE i niektóre zabezpieczenia serwerów pocztowych.'), evidence: [dnsEvidence(key)], data: { ad: false, dnskey: false } })];
}
