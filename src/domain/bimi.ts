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
export async function checkBimi(dns: DnsClient, domain: string, dmarcTags: Record<string, string> | undefined): Promise<{ findings: Finding[]; record?: BimiRecord }> {
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
  }
  return { findings, record: r };
}
