/**
 * BIMI (Brand Indicators for Message Identification): the `default._bimi` TXT record — its syntax, the logo URL
 * (an HTTPS SVG Tiny PS) and the certificate URL (an HTTPS PEM: a VMC or CMC) — and the prerequisite that matters
 * most: a DMARC policy at enforcement, without which no mailbox shows the logo. The logo and the certificate
 * themselves are not fetched here (no connection beyond DNS).
 */
import type { Finding } from '../core/finding.js';
import type { DnsClient } from '../dns/index.js';
import { fill, tx } from '../i18n/text.js';
import { dnsEvidence, finding } from './util.js';
import { markCertificate, svgTinyPsProblems } from './bimi-assets.js';
import type { HttpsFetch } from './mtasts.js';

/** Fetch the logo and the certificate the record names (only when the check may use the network). */
export interface BimiFetchOptions { fetch: HttpsFetch; timeoutMs: number; now: Date }

/** A BIMI record read (default._bimi): its tags, the logo's URL and the Verified Mark Certificate's. */
export interface BimiRecord {
  raw: string;
  tags: Record<string, string>;
  /** The logo (SVG) URL; '' when the domain declines to show one. */
  logo?: string;
  /** The Verified Mark Certificate URL. */
  certificate?: string;
}

const T = {
  none: tx('No BIMI record (default._bimi.{domain}): mailboxes that support BIMI show no brand logo.', 'Brak rekordu BIMI (default._bimi.{domain}): skrzynki obsługujące BIMI nie pokażą logo marki.'),
  many: tx('{n} BIMI records at default._bimi.{domain}: there must be exactly one.', 'Rekordów BIMI pod default._bimi.{domain} jest {n}: musi być dokładnie jeden.'),
  syntax: tx('The BIMI record is not valid: {why}.', 'Rekord BIMI jest błędny: {why}.'),
  declined: tx('The BIMI record declines a logo (l= empty).', 'Rekord BIMI rezygnuje z logo (pusty l=).'),
  ok: tx('BIMI record: logo {logo}{cert}.', 'Rekord BIMI: logo {logo}{cert}.'),
  withCert: tx(', certificate {url}', ', certyfikat {url}'),
  noCert: tx('The BIMI record has no certificate (a=): Gmail and Apple Mail show a logo only with a VMC or CMC.', 'Rekord BIMI nie ma certyfikatu (a=): Gmail i Apple Mail pokazują logo tylko z certyfikatem VMC lub CMC.'),
  dmarc: tx('BIMI needs DMARC at enforcement (p=quarantine or p=reject, pct=100); this domain has {policy}: no mailbox will show the logo.',
    'BIMI wymaga DMARC z egzekwowaniem (p=quarantine lub p=reject, pct=100); ta domena ma {policy}: żadna skrzynka nie pokaże logo.'),
  dmarcAdvice: tx('Move DMARC to p=quarantine or p=reject (after reading the aggregate reports), then BIMI can take effect.',
    'Przejdź z DMARC na p=quarantine lub p=reject (po przejrzeniu raportów zbiorczych); dopiero wtedy BIMI zadziała.'),
  logoOk: tx('The BIMI logo is SVG Tiny PS, as mailboxes want it ({bytes} bytes).', 'Logo BIMI jest w formacie SVG Tiny PS, jakiego wymagają skrzynki ({bytes} bajtów).'),
  logoBad: tx('The BIMI logo ({url}) is not what mailboxes accept: {why}.', 'Logo BIMI ({url}) nie spełnia wymagań skrzynek: {why}.'),
  logoAdvice: tx('Export the logo as SVG Tiny Portable/Secure (baseProfile="tiny-ps", version="1.2", a <title>, square, no scripts or outside links, under 32 KB); tools such as Adobe Illustrator\'s "SVG Tiny 1.2" export followed by a tiny-ps converter do it.',
    'Wyeksportuj logo jako SVG Tiny Portable/Secure (baseProfile="tiny-ps", version="1.2", element <title>, kwadrat, bez skryptów i zewnętrznych odnośników, poniżej 32 KB); zrobi to np. eksport „SVG Tiny 1.2” z Adobe Illustratora i konwerter do tiny-ps.'),
  fetchFailed: tx('The {what} ({url}) could not be fetched: {why}.', 'Nie udało się pobrać: {what} ({url}): {why}.'),
  logoWord: tx('BIMI logo', 'logo BIMI'),
  certWord: tx('BIMI mark certificate', 'certyfikat znaku BIMI'),
  certOk: tx('The mark certificate names {domain}, is valid until {until} and was issued by {issuer} (whether mailboxes trust that issuer is theirs to decide).',
    'Certyfikat znaku obejmuje {domain}, jest ważny do {until}, wystawił go {issuer} (czy skrzynki ufają temu wystawcy, decydują one).'),
  certBad: tx('The mark certificate ({url}) will not be accepted: {why}.', 'Certyfikat znaku ({url}) nie zostanie zaakceptowany: {why}.'),
  certAdvice: tx('Get a Verified Mark Certificate (VMC) or Common Mark Certificate (CMC) for this domain from a mark-certificate authority and publish the PEM it gives (with its chain) at the a= URL.',
    'Uzyskaj certyfikat VMC (Verified Mark Certificate) lub CMC (Common Mark Certificate) dla tej domeny u wystawcy certyfikatów znaków i opublikuj otrzymany plik PEM (z łańcuchem) pod adresem z a=.'),
  fixAdvice: tx('Publish one TXT record at default._bimi.{domain}: "v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem".',
    'Opublikuj jeden rekord TXT pod default._bimi.{domain}: „v=BIMI1; l=https://…/logo.svg; a=https://…/vmc.pem”.'),
};

/** Parse a BIMI record; the reasons it is not valid (English, technical) when it is not. */
export function parseBimi(raw: string): { record?: BimiRecord; errors: string[] } {
  const errors: string[] = [];
  const tags: Record<string, string> = {};
  const parts = raw.slice(0, 4096).split(';').map((p) => p.trim()).filter(Boolean);
  for (const [i, p] of parts.entries()) {
    const eq = p.indexOf('=');
    if (eq < 1) { errors.push(`"${p.slice(0, 60)}" is not a tag=value pair`); continue; }
    const k = p.slice(0, eq).trim().toLowerCase();
    const v = p.slice(eq + 1).trim();
    if (i === 0 && (k !== 'v' || v !== 'BIMI1')) errors.push('it must start with v=BIMI1');
    if (k in tags) errors.push(`the tag ${k}= is given twice`);
    else tags[k] = v;
  }
  if (!parts.length) errors.push('it is empty');
  const logo = tags.l;
  const certificate = tags.a;
  if (logo === undefined) errors.push('the logo tag l= is missing');
  for (const url of (logo ?? '').split(',').map((u) => u.trim()).filter(Boolean)) {
    if (!/^https:\/\/[^\s/]+\/\S*$/i.test(url)) errors.push(`the logo URL "${url.slice(0, 100)}" is not an https:// URL`);
    else if (!/\.svg(?:[?#]\S*)?$/i.test(url)) errors.push(`the logo "${url.slice(0, 100)}" is not an SVG file (BIMI needs SVG Tiny PS)`);
  }
  if (certificate && !/^https:\/\/[^\s/]+\/\S*$/i.test(certificate)) errors.push(`the certificate URL "${certificate.slice(0, 100)}" is not an https:// URL`);
  const record: BimiRecord = { raw, tags, ...(logo !== undefined ? { logo } : {}), ...(certificate ? { certificate } : {}) };
  return errors.length ? { errors } : { record, errors };
}

/** The BIMI record of a domain and its DMARC prerequisite (`dmarcTags`: the domain's DMARC tags, if any). */
export async function checkBimi(dns: DnsClient, domain: string, dmarcTags: Record<string, string> | undefined, assets?: BimiFetchOptions): Promise<{ findings: Finding[]; record?: BimiRecord }> {
  const name = `default._bimi.${domain}`;
  const ans = await dns.txt(name);
  const evidence = [dnsEvidence(ans)];
  if (ans.status !== 'ok' && ans.status !== 'nodata' && ans.status !== 'nxdomain') {
    return { findings: [finding('dns.bimi.unknown', 'unknown', domain, tx(`Could not read the BIMI record (${ans.status}).`, `Nie udało się odczytać rekordu BIMI (${ans.status}).`), { evidence })] };
  }
  const recs = ans.values.filter((v) => /^v\s*=\s*BIMI1/i.test(v));
  if (!recs.length) return { findings: [finding('dns.bimi.none', 'info', domain, fill(T.none, { domain }), { evidence })] };
  if (recs.length > 1) return { findings: [finding('dns.bimi.many', 'error', domain, fill(T.many, { n: recs.length, domain }), { evidence, advice: [fill(T.fixAdvice, { domain })] })] };
  const parsed = parseBimi(recs[0]!);
  if (!parsed.record) {
    const why = parsed.errors.join('; ');
    return { findings: [finding('dns.bimi.syntax', 'error', domain, { en: fill(T.syntax, { why }).en, pl: fill(T.syntax, { why }).pl }, { evidence, advice: [fill(T.fixAdvice, { domain })] })] };
  }
  const r = parsed.record;
  const findings: Finding[] = [];
  if (r.logo === '') findings.push(finding('dns.bimi.declined', 'info', domain, T.declined, { evidence }));
  else {
    findings.push(finding('dns.bimi', 'ok', domain, fill(T.ok, { logo: r.logo ?? '', cert: r.certificate ? fill(T.withCert, { url: r.certificate }) : tx('', '') }), { evidence }));
    if (!r.certificate) findings.push(finding('dns.bimi.no-certificate', 'info', domain, T.noCert));
    const p = dmarcTags?.p?.toLowerCase();
    const pct = dmarcTags?.pct === undefined ? 100 : Number(dmarcTags.pct);
    const sp = dmarcTags?.sp?.toLowerCase();
    if (!(p === 'quarantine' || p === 'reject') || pct !== 100 || sp === 'none') {
      const policy = p ? `p=${p}${pct !== 100 ? `, pct=${dmarcTags?.pct}` : ''}${sp === 'none' ? ', sp=none' : ''}` : 'no DMARC';
      findings.push(finding('dns.bimi.dmarc', 'warn', domain, fill(T.dmarc, { policy }), { advice: [T.dmarcAdvice] }));
    }
    if (assets) findings.push(...await bimiAssetFindings(domain, r, assets));
  }
  return { findings, record: r };
}

async function get(url: string, o: BimiFetchOptions): Promise<{ body: string } | { why: string }> {
  try {
    const r = await o.fetch(url, { timeoutMs: o.timeoutMs });
    return r.status === 200 ? { body: r.body } : { why: `HTTP ${r.status}` };
  } catch (e) {
    return { why: String((e as Error).message ?? e).slice(0, 160) };
  }
}

/** The logo and the certificate, fetched and judged (check `dns.bimi.logo` / `dns.bimi.certificate`). */
async function bimiAssetFindings(domain: string, r: BimiRecord, o: BimiFetchOptions): Promise<Finding[]> {
  const out: Finding[] = [];
  const logoUrl = (r.logo ?? '').split(',')[0]!.trim();
  const [logo, cert] = await Promise.all([logoUrl ? get(logoUrl, o) : undefined, r.certificate ? get(r.certificate, o) : undefined]);
  if (logo && 'why' in logo) out.push(finding('dns.bimi.logo', 'unknown', domain, fill(T.fetchFailed, { what: T.logoWord, url: logoUrl, why: logo.why })));
  else if (logo) {
    const bytes = Buffer.byteLength(logo.body);
    const problems = svgTinyPsProblems(logo.body, bytes);
    out.push(problems.length
      ? finding('dns.bimi.logo', 'error', domain, fill(T.logoBad, { url: logoUrl, why: problems.join('; ') }), { advice: [T.logoAdvice], data: { problems } })
      : finding('dns.bimi.logo', 'ok', domain, fill(T.logoOk, { bytes }), { data: { bytes } }));
  }
  if (cert && 'why' in cert) out.push(finding('dns.bimi.certificate', 'unknown', domain, fill(T.fetchFailed, { what: T.certWord, url: r.certificate!, why: cert.why })));
  else if (cert) {
    const m = markCertificate(cert.body, domain, o.now);
    out.push(m.problems.length
      ? finding('dns.bimi.certificate', 'error', domain, fill(T.certBad, { url: r.certificate!, why: m.problems.join('; ') }), { advice: [T.certAdvice], evidence: [{ kind: 'text', label: 'VMC', value: `${m.subject}\n${m.issuer}\n${m.validTo}` }], data: { ...m } })
      : finding('dns.bimi.certificate', 'ok', domain, fill(T.certOk, { domain, until: m.validTo.slice(0, 10), issuer: m.issuer.replace(/^.*CN=/, '').slice(0, 120) }), { evidence: [{ kind: 'text', label: 'VMC', value: `${m.subject}\n${m.issuer}\n${m.validTo}` }], data: { ...m } }));
  }
  return out;
}
