/**
 * DANE for SMTP (RFC 6698, 7671, 7672): the TLSA records at `_25._tcp.<mx>` of every MX, each field explained, whether
 * DNSSEC vouches for them (the resolver's AD bit, or mailmedic's own chain walk), and — when the MX certificates were
 * fetched over SMTP (the mx-tls sessions) — whether the certificate the server presents matches. For SMTP only
 * DANE-TA(2) and DANE-EE(3) count; PKIX-TA(0) / PKIX-EE(1) are treated as unusable by senders (RFC 7672 §3.1.3).
 */
import { createHash } from 'node:crypto';
import type { Evidence, Finding, Text } from '../core/finding.js';
import { isDefinite, isTlsa, recordsOf, type DnsQuery, type TlsaData } from '../dns/index.js';
import { fill, tx } from '../i18n/text.js';
import type { CertSummary } from '../probe/tls.js';
import { answerSignature, walkDnssecChain, type DnssecChain, type DnssecWalkOptions } from './dnssec.js';
import { dnsEvidence, dnsFailureText, finding } from './util.js';

/** The meaning of each TLSA field value, in both languages (data, not branches). */
export const TLSA_USAGES: Record<number, { name: string; text: Text; smtp: boolean }> = {
  0: { name: 'PKIX-TA', smtp: false, text: tx('PKIX-TA: a certificate authority, which must also be publicly trusted', 'PKIX-TA: urząd certyfikacji, który musi też być publicznie zaufany') },
  1: { name: 'PKIX-EE', smtp: false, text: tx('PKIX-EE: the server\'s certificate, which must also be publicly trusted', 'PKIX-EE: certyfikat serwera, który musi też być publicznie zaufany') },
  2: { name: 'DANE-TA', smtp: true, text: tx('DANE-TA: a certificate authority of the server\'s chain (own CA allowed); the certificate must name the MX host', 'DANE-TA: urząd certyfikacji z łańcucha serwera (może być własny); certyfikat musi zawierać nazwę serwera MX') },
  3: { name: 'DANE-EE', smtp: true, text: tx('DANE-EE: the server\'s own certificate or key; names and expiry are not checked', 'DANE-EE: własny certyfikat lub klucz serwera; nazwy i data ważności nie są sprawdzane') },
};
/** The meaning of each TLSA selector value. */
export const TLSA_SELECTORS: Record<number, Text> = {
  0: tx('the whole certificate', 'cały certyfikat'),
  1: tx('only the public key (SubjectPublicKeyInfo; survives a renewal with the same key)', 'tylko klucz publiczny (SubjectPublicKeyInfo; przetrwa odnowienie z tym samym kluczem)'),
};
/** The meaning of each TLSA matching type, with the digest length it requires. */
export const TLSA_MATCHING: Record<number, { text: Text; bytes?: number; hash?: string }> = {
  0: { text: tx('the data itself, in full', 'pełne dane, bez skrótu') },
  1: { text: tx('its SHA-256 digest', 'jego skrót SHA-256'), bytes: 32, hash: 'sha256' },
  2: { text: tx('its SHA-512 digest', 'jego skrót SHA-512'), bytes: 64, hash: 'sha512' },
};

/** One TLSA record, read and judged. */
export interface TlsaRecord {
  usage: number; selector: number; matchingType: number;
  /** The association data, lower-case hex (cut at 256 characters). */
  data: string;
  /** Why senders cannot use it; absent when usable for SMTP. */
  unusable?: Text;
}

/** What was found for one MX host. */
export interface DaneResult {
  host: string;
  /** `_25._tcp.<host>` */
  name: string;
  records: TlsaRecord[];
  /** How the TLSA answer is vouched for: by the resolver (AD), by mailmedic's chain walk, or not. */
  dnssec: 'resolver' | 'verified' | 'unsigned' | 'island' | 'broken' | 'unknown';
  /** Does a usable record match the certificate the server presented (absent when none was fetched)? */
  matches?: boolean;
}

/** What an MX presented over STARTTLS: its chain (leaf first) and whether the leaf names the host. */
export interface DaneCertificate { chain: readonly CertSummary[]; nameMatches: boolean; nameError?: string }

/** Options: the certificates each MX presented (from the mx-tls sessions), and the DNSSEC walk's. */
export interface DaneOptions extends DnssecWalkOptions {
  /** By host name; a host missing here presented none. Without the map no MX was connected to. */
  certificates?: ReadonlyMap<string, DaneCertificate>;
}

const T = {
  none: tx('No MX has TLSA records: DANE is not used (optional; it needs DNSSEC).', 'Żaden serwer MX nie ma rekordów TLSA: DANE nie jest używane (to opcja; wymaga DNSSEC).'),
  noneDetail: tx('With DANE, senders that support it (Postfix, Exim, most large providers in Europe) require TLS to your MX and check its certificate against TLSA records, which stops downgrade and interception.',
    'Z DANE nadawcy, którzy je obsługują (Postfix, Exim, wielu dużych dostawców w Europie), wymagają TLS do twojego MX i sprawdzają jego certyfikat z rekordami TLSA, co chroni przed wyłączeniem szyfrowania i podsłuchem.'),
  partial: tx('Only some MX hosts have TLSA records; without them: {hosts}.', 'Tylko część serwerów MX ma rekordy TLSA; bez nich: {hosts}.'),
  partialDetail: tx('A DANE sender protects delivery only to the MX hosts with TLSA records; to the others it falls back to opportunistic TLS.', 'Nadawca z DANE chroni dostarczanie tylko do serwerów MX z rekordami TLSA; do pozostałych używa zwykłego, oportunistycznego TLS.'),
  records: tx('{host}: {n} TLSA record(s) at {name}.', '{host}: rekordy TLSA pod {name} (liczba: {n}).'),
  recordLine: tx('{rec}: {usage} · {selector} · {matching}', '{rec}: {usage} · {selector} · {matching}'),
  pkix: tx('{host}: TLSA usage {usage} ({name}) is not used for SMTP: senders treat the record as unusable.', '{host}: rekord TLSA z użyciem {usage} ({name}) nie jest stosowany dla SMTP: nadawcy uznają go za bezużyteczny.'),
  pkixDetail: tx('RFC 7672 §3.1.3: mail servers are found through MX records, not by a name a user typed, so the public CA system adds nothing; only DANE-TA (2) and DANE-EE (3) count.',
    'RFC 7672 §3.1.3: serwery poczty znajduje się przez rekordy MX, a nie po nazwie wpisanej przez użytkownika, więc publiczne urzędy certyfikacji nic tu nie dodają; liczą się tylko DANE-TA (2) i DANE-EE (3).'),
  pkixAdvice: tx('Publish a DANE-EE record instead: {record}', 'Opublikuj zamiast niego rekord DANE-EE: {record}'),
  unusable: tx('{host}: TLSA record "{rec}" is unusable: {why}.', '{host}: rekord TLSA „{rec}” jest bezużyteczny: {why}.'),
  noneUsable: tx('When a host has TLSA records but none is usable, DANE senders still require TLS but cannot check the certificate.', 'Gdy serwer ma rekordy TLSA, ale żaden nie nadaje się do użycia, nadawcy z DANE nadal wymagają TLS, ale nie mogą sprawdzić certyfikatu.'),
  badUsage: tx('usage {n} is not defined (0–3)', 'użycie {n} nie istnieje (dozwolone 0–3)'),
  badSelector: tx('selector {n} is not defined (0 or 1)', 'selektor {n} nie istnieje (dozwolone 0 lub 1)'),
  badMatching: tx('matching type {n} is not defined (0–2)', 'typ dopasowania {n} nie istnieje (dozwolone 0–2)'),
  badLength: tx('{hash} digest of {got} bytes (must be {want})', 'skrót {hash} ma {got} bajtów (powinien mieć {want})'),
  pkixUnusable: tx('usage {n} is not used for SMTP', 'użycie {n} nie jest stosowane dla SMTP'),
  verified: tx('signed, chain of trust verified by mailmedic', 'podpisane, łańcuch zaufania sprawdzony przez mailmedic'),
  resolver: tx('validated by the resolver (AD bit)', 'zweryfikowane przez resolwer (bit AD)'),
  unsigned: tx('{host}: its TLSA records are not protected by DNSSEC ({why}): DANE senders ignore them.', '{host}: jego rekordy TLSA nie są chronione przez DNSSEC ({why}): nadawcy z DANE je pomijają.'),
  unsignedDetail: tx('The resolver did not set the AD bit, and mailmedic\'s own walk of the chain of trust did not get to a trust anchor. DANE works only with DNSSEC: without it anyone could forge the TLSA records.',
    'Resolwer nie ustawił bitu AD, a własne sprawdzenie łańcucha zaufania przez mailmedic nie doszło do kotwicy zaufania. DANE działa tylko z DNSSEC: bez niego każdy mógłby podrobić rekordy TLSA.'),
  unsignedAdvice: tx('Sign the zone of {host} with DNSSEC and give the registrar its DS record; or remove the TLSA records.', 'Podpisz strefę {host} przez DNSSEC i przekaż rejestratorowi rekord DS; albo usuń rekordy TLSA.'),
  bogus: tx('{host}: the DNSSEC of its TLSA records is broken ({why}): DANE senders cannot look them up and defer mail to this MX.', '{host}: DNSSEC jego rekordów TLSA jest zepsuty ({why}): nadawcy z DANE nie mogą ich odczytać i wstrzymują pocztę do tego MX.'),
  bogusAdvice: tx('Fix the signatures of the zone (see the DNSSEC finding) — until then validating senders see SERVFAIL.', 'Napraw podpisy strefy (zobacz wynik DNSSEC) — do tego czasu nadawcy weryfikujący widzą SERVFAIL.'),
  notCheckedDnssec: tx('{host}: whether DNSSEC protects its TLSA records was not checked ({why}).', '{host}: nie sprawdzono, czy DNSSEC chroni jego rekordy TLSA ({why}).'),
  match: tx('{host}: the certificate it presents matches TLSA {rec} ({usage}); DNSSEC: {dnssec}.', '{host}: przedstawiony certyfikat pasuje do TLSA {rec} ({usage}); DNSSEC: {dnssec}.'),
  mismatch: tx('{host}: no usable TLSA record matches the certificate it presents: DANE senders will not deliver to it (mail waits in their queues, then bounces).',
    '{host}: żaden użyteczny rekord TLSA nie pasuje do przedstawionego certyfikatu: nadawcy z DANE nie dostarczą do niego poczty (czeka w ich kolejkach, potem wraca).'),
  mismatchDetail: tx('Usually the certificate or its key was changed without publishing the new TLSA record first. Publish the new record beside the old one, wait for the TTL, then change the certificate.',
    'Zwykle zmieniono certyfikat lub klucz bez wcześniejszego opublikowania nowego rekordu TLSA. Publikuj nowy rekord obok starego, odczekaj TTL, dopiero potem zmieniaj certyfikat.'),
  mismatchAdvice: tx('For the certificate the server presents now, publish: {record}', 'Dla certyfikatu, który serwer przedstawia teraz, opublikuj: {record}'),
  taName: tx('{host}: TLSA {rec} (DANE-TA) matches the certificate authority, but the certificate does not name the MX host ({error}): DANE senders refuse it.',
    '{host}: TLSA {rec} (DANE-TA) pasuje do urzędu certyfikacji, ale certyfikat nie zawiera nazwy serwera MX ({error}): nadawcy z DANE go odrzucą.'),
  notCompared: tx('{host}: TLSA records found; the certificate was not compared (mailmedic did not connect to the MX: use --connect).', '{host}: są rekordy TLSA; certyfikatu nie porównano (mailmedic nie łączył się z serwerem MX: użyj --connect).'),
  noCert: tx('{host}: TLSA records found, but the server presented no certificate to compare (no STARTTLS, or it did not answer).', '{host}: są rekordy TLSA, ale serwer nie przedstawił certyfikatu do porównania (brak STARTTLS albo brak odpowiedzi).'),
  notChecked: tx('DANE of {host} not checked: {why}.', 'Nie sprawdzono DANE dla {host}: {why}.'),
  mxInsecure: tx('{hosts}: TLSA records protected by DNSSEC, but the MX records of {domain} are not ({state}): DANE senders do not use those TLSA records for mail to {domain}.',
    '{hosts}: rekordy TLSA chronione przez DNSSEC, ale rekordy MX domeny {domain} nie są ({state}): nadawcy z DANE nie stosują tych rekordów TLSA do poczty dla {domain}.'),
  mxInsecureDetail: tx('RFC 7672 §2.2: a sender uses DANE only when the MX lookup itself is secure, since whoever could forge the MX records could point them at a host with TLSA records of their own. Hosting companies often sign the zone of their MX hosts while their customers\' domains stay unsigned: those customers get opportunistic TLS only.',
    'RFC 7672 §2.2: nadawca stosuje DANE tylko wtedy, gdy samo wyszukanie MX jest bezpieczne, bo kto podrobiłby rekordy MX, mógłby wskazać w nich serwer z własnymi rekordami TLSA. Firmy hostingowe często podpisują strefę swoich serwerów MX, a domeny klientów zostają niepodpisane: ci klienci mają wtedy tylko oportunistyczne TLS.'),
  mxInsecureAdvice: tx('Sign {domain} with DNSSEC at its DNS host and give the registrar its DS record: then the MX hosts\' DANE protects mail to {domain} too.',
    'Podpisz domenę {domain} przez DNSSEC u jej dostawcy DNS i przekaż rejestratorowi rekord DS: wtedy DANE serwerów MX ochroni także pocztę dla {domain}.'),
};

/**
 * RFC 7672 §2.2: TLSA records count only when the domain's MX RRset is secure too. When some MX host's TLSA records are
 * DNSSEC-protected but the domain's own answers are not (`domainState`: the DNSSEC check's chain state, or 'valid'
 * when the resolver vouched with AD), one finding says DANE does not apply to this domain's mail.
 */
export function daneMxSetFinding(domain: string, results: readonly DaneResult[], domainState: string | undefined): Finding | undefined {
  const protectedHosts = results.filter((r) => r.dnssec === 'verified' || r.dnssec === 'resolver').map((r) => r.host);
  // Broken or not checked has its own DNSSEC finding; only a domain that is plainly not secure is said here.
  if (!protectedHosts.length || (domainState !== 'unsigned' && domainState !== 'island')) return undefined;
  return finding('dns.dane.mx-insecure', 'info', domain, fill(T.mxInsecure, { hosts: protectedHosts.join(', '), domain, state: domainState }), {
    detail: T.mxInsecureDetail, advice: [fill(T.mxInsecureAdvice, { domain })], data: { hosts: protectedHosts, domainState },
  });
}

/** A TLSA record as text: "3 1 1 ab12…" (data cut for display). */
const recText = (r: TlsaRecord) => `${r.usage} ${r.selector} ${r.matchingType} ${r.data.length > 24 ? `${r.data.slice(0, 24)}…` : r.data}`;

/** Reads and judges one TLSA record's fields. */
export function readTlsa(d: TlsaData): TlsaRecord {
  const rec: TlsaRecord = { usage: d.usage, selector: d.selector, matchingType: d.matchingType, data: d.certificate.toString('hex').slice(0, 256) };
  const m = TLSA_MATCHING[d.matchingType];
  if (!TLSA_USAGES[d.usage]) rec.unusable = fill(T.badUsage, { n: d.usage });
  else if (!TLSA_SELECTORS[d.selector]) rec.unusable = fill(T.badSelector, { n: d.selector });
  else if (!m) rec.unusable = fill(T.badMatching, { n: d.matchingType });
  else if (m.bytes && d.certificate.length !== m.bytes) rec.unusable = fill(T.badLength, { hash: m.hash!.toUpperCase(), got: d.certificate.length, want: m.bytes });
  else if (!d.certificate.length) rec.unusable = fill(T.badLength, { hash: '—', got: 0, want: '> 0' });
  else if (!TLSA_USAGES[d.usage]!.smtp) rec.unusable = fill(T.pkixUnusable, { n: d.usage });
  return rec;
}

/** The digest of a certificate the record asks for (selector × matching type), hex; undefined when not known. */
function certDigest(c: CertSummary, selector: number, matchingType: number): string | undefined {
  const full256 = c.fingerprint256?.replace(/:/g, '').toLowerCase();
  if (selector === 0) return matchingType === 1 ? full256 : c.sha512;
  return matchingType === 1 ? c.spkiSha256 : c.spkiSha512;
}

/** Does the record match this certificate? Full data (matching type 0) is compared through its SHA-512. */
export function tlsaMatches(d: TlsaData, c: CertSummary): boolean | undefined {
  if (d.matchingType === 0) {
    const want = d.selector === 0 ? c.sha512 : c.spkiSha512;
    return want === undefined ? undefined : createHash('sha512').update(d.certificate).digest('hex') === want;
  }
  const have = certDigest(c, d.selector, d.matchingType);
  return have === undefined ? undefined : have === d.certificate.toString('hex');
}

const chainWhy = (c: DnssecChain): Text => c.why ?? tx(c.state, c.state);

/** DANE of each MX host: findings (dns.dane.*) and one result per host with TLSA records. */
export async function checkDane(dns: DnsQuery, hosts: readonly string[], o: DaneOptions = {}): Promise<{ findings: Finding[]; results: DaneResult[] }> {
  const nowSec = Math.floor((o.now ?? Date.now)() / 1000);
  const unique = [...new Set(hosts)].slice(0, 10);
  // A validating resolver answers SERVFAIL for TLSA records that fail validation: ask again with checking disabled
  // to see them (and let the chain walk say what is broken); their AD bit then counts for nothing.
  const answers = await Promise.all(unique.map(async (h) => {
    const a = await dns.query(`_25._tcp.${h}`, 'TLSA', { dnssec: true });
    return a.status === 'servfail' ? dns.query(`_25._tcp.${h}`, 'TLSA', { dnssec: true, checkingDisabled: true }) : a;
  }));
  const findings: Finding[] = [];
  const results: DaneResult[] = [];
  const without: string[] = [];
  for (const [i, host] of unique.entries()) {
    const a = answers[i]!;
    const name = `_25._tcp.${host}`;
    if (!isDefinite(a.status)) {
      findings.push(finding('dns.dane.not-checked', 'unknown', host, fill(T.notChecked, { host, why: dnsFailureText(a) }), { evidence: [dnsEvidence(a)] }));
      continue;
    }
    const raw = recordsOf(a, 'TLSA').filter((r) => isTlsa(r.data)).slice(0, 20);
    if (!raw.length) { without.push(host); continue; }
    const owner = raw[0]!.name;
    const tlsa = raw.map((r) => r.data as TlsaData);
    const records = tlsa.map(readTlsa);
    const evidence: Evidence[] = [dnsEvidence(a)];
    const res: DaneResult = { host, name, records, dnssec: 'unknown' };
    results.push(res);

    // Each record explained, field by field.
    findings.push(finding('dns.dane.records', 'info', host, fill(T.records, { host, name, n: records.length }), {
      detail: {
        en: records.map((r) => fill(T.recordLine, lineParams(r)).en).join('\n'),
        pl: records.map((r) => fill(T.recordLine, lineParams(r)).pl).join('\n'),
      },
      evidence, data: { name, records: records.map((r) => ({ usage: r.usage, selector: r.selector, matchingType: r.matchingType })) },
    }));
    const leaf = o.certificates?.get(host)?.chain[0];
    for (const r of records) {
      if (!r.unusable) continue;
      if (TLSA_USAGES[r.usage] && !TLSA_USAGES[r.usage]!.smtp) {
        findings.push(finding('dns.dane.pkix', 'warn', host, fill(T.pkix, { host, usage: r.usage, name: TLSA_USAGES[r.usage]!.name }), {
          detail: T.pkixDetail, evidence, ...(leaf?.spkiSha256 ? { advice: [fill(T.pkixAdvice, { record: `${name}. IN TLSA 3 1 1 ${leaf.spkiSha256}` })] } : {}),
        }));
      } else {
        findings.push(finding('dns.dane.unusable', 'error', host, fill(T.unusable, { host, rec: recText(r), why: r.unusable }), { detail: T.noneUsable, evidence }));
      }
    }

    // DNSSEC: the resolver's word, or mailmedic's own walk and the TLSA RRset's signature.
    if (a.ad) res.dnssec = 'resolver';
    else {
      const chain = await walkDnssecChain(dns, owner, o);
      const sig = chain.state === 'valid' ? answerSignature(a, 'TLSA', chain, nowSec) : undefined;
      evidence.push({ kind: 'other', label: 'DNSSEC chain', value: chain.links.map((l) => `${l.zone}: ${l.state}`).join(' → ') });
      if (chain.state === 'valid' && sig?.ok) res.dnssec = 'verified';
      else if (chain.state === 'valid' || chain.state === 'broken') {
        res.dnssec = 'broken';
        const why = chain.state === 'broken' ? chainWhy(chain) : tx(`the TLSA signature: ${sig?.why ?? '?'}`, `podpis rekordów TLSA: ${sig?.why ?? '?'}`);
        findings.push(finding('dns.dane.bogus', 'error', host, fill(T.bogus, { host, why }), { advice: [T.bogusAdvice], evidence }));
      } else if (chain.state === 'unknown') {
        findings.push(finding('dns.dane.not-validated', 'unknown', host, fill(T.notCheckedDnssec, { host, why: chainWhy(chain) }), { evidence }));
      } else {
        res.dnssec = chain.state;
        findings.push(finding('dns.dane.not-validated', 'warn', host, fill(T.unsigned, { host, why: chainWhy(chain) }), { detail: T.unsignedDetail, advice: [fill(T.unsignedAdvice, { host })], evidence }));
      }
    }

    // The certificate the MX presented, against the usable records.
    const presented = o.certificates?.get(host);
    const chainCerts = presented?.chain;
    const usable = tlsa.filter((_, j) => !records[j]!.unusable);
    if (!usable.length) continue;
    if (!o.certificates) { findings.push(finding('dns.dane.not-compared', 'info', host, fill(T.notCompared, { host }), { evidence })); continue; }
    if (!chainCerts?.length) { findings.push(finding('dns.dane.not-compared', 'info', host, fill(T.noCert, { host }), { evidence })); continue; }
    const certEv: Evidence = { kind: 'other', label: 'certificate', value: chainCerts.slice(0, 4).map((c, j) => `${j === 0 ? 'leaf' : `chain[${j}]`}: ${c.subject}; SHA-256 ${c.fingerprint256}; key SHA-256 ${c.spkiSha256 ?? '?'}`).join('\n') };
    let hit: { rec: TlsaRecord; usage: number } | undefined;
    let taNameProblem: TlsaRecord | undefined;
    for (const [j, d] of tlsa.entries()) {
      if (records[j]!.unusable) continue;
      const candidates = d.usage === 3 ? chainCerts.slice(0, 1) : chainCerts.slice(1);
      if (!candidates.some((c) => tlsaMatches(d, c))) continue;
      if (d.usage === 2 && presented?.nameMatches === false) { taNameProblem = records[j]; continue; }
      hit = { rec: records[j]!, usage: d.usage }; break;
    }
    res.matches = Boolean(hit);
    const dnssecText = res.dnssec === 'resolver' ? T.resolver : res.dnssec === 'verified' ? T.verified : tx('not protected', 'brak ochrony');
    if (hit) {
      findings.push(finding('dns.dane.match', 'ok', host, fill(T.match, { host, rec: recText(hit.rec), usage: TLSA_USAGES[hit.usage]!.name, dnssec: dnssecText }), { evidence: [certEv, ...evidence] }));
    } else if (taNameProblem) {
      findings.push(finding('dns.dane.ta-name', 'error', host, fill(T.taName, { host, rec: recText(taNameProblem), error: presented?.nameError ?? 'no matching name' }), { evidence: [certEv, ...evidence] }));
    } else {
      findings.push(finding('dns.dane.mismatch', 'error', host, fill(T.mismatch, { host }), {
        detail: T.mismatchDetail,
        ...(chainCerts[0]?.spkiSha256 ? { advice: [fill(T.mismatchAdvice, { record: `${name}. IN TLSA 3 1 1 ${chainCerts[0].spkiSha256}` })] } : {}),
        evidence: [certEv, ...evidence],
      }));
    }
  }
  if (!results.length && without.length) {
    findings.push(finding('dns.dane.none', 'info', without.join(', ').slice(0, 200), T.none, { detail: T.noneDetail }));
  } else if (results.length && without.length) {
    findings.push(finding('dns.dane.partial', 'info', without.join(', ').slice(0, 200), fill(T.partial, { hosts: without.join(', ') }), { detail: T.partialDetail }));
  }
  return { findings, results };
}

function lineParams(r: TlsaRecord) {
  return {
    rec: recText(r),
    usage: TLSA_USAGES[r.usage]?.text ?? fill(T.badUsage, { n: r.usage }),
    selector: TLSA_SELECTORS[r.selector] ?? fill(T.badSelector, { n: r.selector }),
    matching: TLSA_MATCHING[r.matchingType]?.text ?? fill(T.badMatching, { n: r.matchingType }),
  };
}
