/**
 * DMARC (RFC 7489, with what DMARCbis changed: np=, t=, psd=; pct=, rf=, ri= dropped): the record at
 * _dmarc.<domain> or at the organizational domain (Public Suffix List via tldts), its tags, report URIs and
 * the authorization of external report destinations (<domain>._report._dmarc.<destination>).
 */
import { getDomain } from 'tldts';
import type { Finding, Text } from '../core/finding.js';
import { isDefinite, type DnsClient } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { dnsEvidence, dnsUnknown, finding, plPlural, recordEvidence } from './util.js';

/**
 * A DMARC record read: its tags, the policy, the report addresses, and errors (receivers may ignore the record) and
 * warnings.
 */
export interface DmarcRecord {
  raw: string;
  tags: Record<string, string>;
  errors: Text[];
  warnings: Text[];
  policy?: 'none' | 'quarantine' | 'reject';
  rua: string[];
  ruf: string[];
}

const POLICIES = ['none', 'quarantine', 'reject'];

/** Organizational domain by the Public Suffix List (ICANN section). */
export function organizationalDomain(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: false }) ?? domain;
}

/**
 * Reads a DMARC record (RFC 7489): it must start with v=DMARC1; unknown tags are warned about, invalid values and
 * report URIs are errors.
 */
export function parseDmarc(raw: string): DmarcRecord {
  const rec: DmarcRecord = { raw, tags: {}, errors: [], warnings: [], rua: [], ruf: [] };
  const parts = raw.slice(0, 10000).split(';').map((p) => p.trim()).filter(Boolean);
  if (!/^v\s*=\s*DMARC1$/.test(parts[0] ?? '')) rec.errors.push(tx('the record must start with "v=DMARC1"', 'rekord musi zaczynać się od „v=DMARC1”'));
  for (const p of parts) {
    const eq = p.indexOf('=');
    if (eq <= 0) { rec.errors.push(tx(`"${p.slice(0, 30)}" is not tag=value`, `„${p.slice(0, 30)}” nie ma postaci znacznik=wartość`)); continue; }
    const k = p.slice(0, eq).trim().toLowerCase();
    const v = p.slice(eq + 1).trim();
    if (k in rec.tags) rec.errors.push(tx(`tag "${k}" appears twice`, `znacznik „${k}” występuje dwa razy`));
    rec.tags[k] = v;
  }
  const t = rec.tags;
  if (t.p === undefined) {
    if (t.rua) rec.warnings.push(tx('no p= tag: treated as p=none because rua= is present', 'brak znacznika p=: traktowany jak p=none, bo jest rua='));
    else rec.errors.push(tx('the required p= tag is missing', 'brakuje wymaganego znacznika p='));
  } else if (!POLICIES.includes(t.p.toLowerCase())) rec.errors.push(tx(`p=${t.p} is not none, quarantine or reject`, `p=${t.p} to nie none, quarantine ani reject`));
  else rec.policy = t.p.toLowerCase() as DmarcRecord['policy'];
  if (!rec.policy && t.p === undefined && t.rua) rec.policy = 'none';
  for (const k of ['sp', 'np']) if (t[k] !== undefined && !POLICIES.includes(t[k]!.toLowerCase())) rec.errors.push(tx(`${k}=${t[k]} is not none, quarantine or reject`, `${k}=${t[k]} to nie none, quarantine ani reject`));
  for (const k of ['adkim', 'aspf']) if (t[k] !== undefined && !['r', 's'].includes(t[k]!.toLowerCase())) rec.errors.push(tx(`${k}=${t[k]} must be r or s`, `${k}=${t[k]} musi mieć wartość r albo s`));
  if (t.pct !== undefined) {
    if (!/^\d{1,3}$/.test(t.pct) || Number(t.pct) > 100) rec.errors.push(tx(`pct=${t.pct} must be 0 to 100`, `pct=${t.pct} musi mieścić się w zakresie 0–100`));
    else if (Number(t.pct) < 100) rec.warnings.push(tx(`pct=${t.pct}: the policy applies to only ${t.pct}% of failing mail (DMARCbis drops pct= in favour of t=y)`, `pct=${t.pct}: polityka obejmuje tylko ${t.pct}% niezgodnej poczty (DMARCbis zastępuje pct= znacznikiem t=y)`));
  }
  if (t.t !== undefined && !['y', 'n'].includes(t.t.toLowerCase())) rec.errors.push(tx(`t=${t.t} must be y or n`, `t=${t.t} musi mieć wartość y albo n`));
  if (t.fo !== undefined && !/^[01ds](:[01ds])*$/.test(t.fo)) rec.errors.push(tx(`fo=${t.fo} must be 0, 1, d, s (joined by ":")`, `fo=${t.fo} musi składać się z 0, 1, d, s (łączonych „:”)`));
  if (t.ri !== undefined && !/^\d{1,10}$/.test(t.ri)) rec.errors.push(tx(`ri=${t.ri} must be a number of seconds`, `ri=${t.ri} musi być liczbą sekund`));
  for (const k of ['rua', 'ruf'] as const) {
    if (t[k] === undefined) continue;
    for (const u of t[k]!.split(',').map((x) => x.trim()).filter(Boolean)) {
      const m = /^mailto:([^@\s!]+@([^!\s]+))(!\d+[kmgt]?)?$/i.exec(u);
      if (!m) { rec.errors.push(tx(`${k}=${u} is not a valid mailto: URI`, `${k}=${u} nie jest poprawnym adresem mailto:`)); continue; }
      rec[k].push(m[1]!.toLowerCase());
    }
  }
  const known = ['v', 'p', 'sp', 'np', 'pct', 'adkim', 'aspf', 'rua', 'ruf', 'fo', 'rf', 'ri', 't', 'psd'];
  for (const k of Object.keys(t)) if (!known.includes(k)) rec.warnings.push(tx(`unknown tag "${k}" (ignored by receivers)`, `nieznany znacznik „${k}” (odbiorcy go pomijają)`));
  return rec;
}

/**
 * Looks up the domain's DMARC record, falling back to the organizational domain's as receivers do; `at` is where it
 * was found.
 */
export async function checkDmarc(dns: DnsClient, domain: string): Promise<{ findings: Finding[]; record?: DmarcRecord; at?: string }> {
  const C = 'dns.dmarc';
  const findings: Finding[] = [];
  const org = organizationalDomain(domain);
  const names = org !== domain ? [`_dmarc.${domain}`, `_dmarc.${org}`] : [`_dmarc.${domain}`];
  // Both asked at once: the organizational lookup is only used when the first has no record.
  const answers = await Promise.all(names.map((n) => dns.txt(n)));
  let at: string | undefined;
  let recs: string[] = [];
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i]!;
    if (!isDefinite(a.status)) { findings.push(dnsUnknown(C, names[i]!, tx('the DMARC record', 'rekord DMARC'), a)); return { findings }; }
    recs = a.values.filter((v) => /^v\s*=\s*DMARC1\b/i.test(v));
    if (recs.length) { at = names[i]; break; }
  }
  const ev = answers.map(dnsEvidence);
  if (!at) {
    findings.push(finding(`${C}.missing`, 'warn', domain,
      tx('The domain has no DMARC record.', 'Domena nie ma rekordu DMARC.'),
      {
        detail: tx('Gmail and Yahoo require DMARC from bulk senders since 2024, and without it anyone can send mail that looks like yours with little consequence.',
          'Gmail i Yahoo od 2024 r. wymagają DMARC od nadawców masowych, a bez niego każdy może bez większych przeszkód wysyłać pocztę wyglądającą na Twoją.'),
        advice: [tx(`Add a TXT record at _dmarc.${domain}: "v=DMARC1; p=none; rua=mailto:dmarc@${domain}", read the reports for a few weeks, then move to p=quarantine or p=reject.`,
          `Dodaj rekord TXT _dmarc.${domain}: „v=DMARC1; p=none; rua=mailto:dmarc@${domain}”, przez kilka tygodni czytaj raporty, a potem przejdź na p=quarantine albo p=reject.`)],
        evidence: ev,
      }));
    return { findings };
  }
  if (recs.length > 1) {
    findings.push(finding(`${C}.multiple`, 'error', at,
      tx(`There are ${recs.length} DMARC records at ${at}; receivers then ignore DMARC altogether.`, `Pod ${at} ${plPlural(recs.length, 'jest', 'są', 'jest')} ${recs.length} ${plPlural(recs.length, 'rekord', 'rekordy', 'rekordów')} DMARC; odbiorcy ignorują wtedy DMARC całkowicie.`),
      { advice: [tx('Keep exactly one.', 'Zostaw dokładnie jeden.')], evidence: ev }));
    return { findings, at };
  }
  const rec = parseDmarc(recs[0]!);
  const rev = [recordEvidence(`TXT ${at}`, rec.raw)];
  const inherited = at !== `_dmarc.${domain}`;
  if (rec.errors.length) {
    findings.push(finding(`${C}.syntax`, 'error', at,
      tx(`The DMARC record at ${at} has errors: ${rec.errors.map((e) => e.en).join('; ')}.`, `Rekord DMARC pod ${at} ma błędy: ${rec.errors.map((e) => e.pl).join('; ')}.`),
      { advice: [tx('Correct the record; a broken DMARC record is ignored by receivers.', 'Popraw rekord; błędny rekord DMARC jest przez odbiorców pomijany.')], evidence: rev }));
  }
  for (const w of rec.warnings) findings.push(finding(`${C}.tag`, 'info', at, tx(`DMARC: ${w.en}.`, `DMARC: ${w.pl}.`), { evidence: rev }));
  const sp = inherited ? (rec.tags.sp ?? rec.tags.p) : rec.tags.p;
  const effective = (sp ?? rec.policy ?? '').toLowerCase();
  if (rec.policy) {
    const status = effective === 'none' ? 'warn' : 'ok';
    findings.push(finding(`${C}.policy`, status, domain,
      effective === 'none'
        ? tx(`DMARC policy is "none"${inherited ? ` (inherited from ${at})` : ''}: failing mail is only reported, not stopped.`, `Polityka DMARC to „none”${inherited ? ` (dziedziczona z ${at})` : ''}: niezgodna poczta jest tylko raportowana, a nie zatrzymywana.`)
        : tx(`DMARC policy is "${effective}"${inherited ? ` (inherited from ${at})` : ''}.`, `Polityka DMARC to „${effective}”${inherited ? ` (dziedziczona z ${at})` : ''}.`),
      {
        ...(effective === 'none' ? { advice: [tx('Once the reports show your own mail passes, move to p=quarantine and then p=reject.', 'Gdy raporty pokażą, że Twoja poczta przechodzi, przejdź na p=quarantine, a potem p=reject.')] } : {}),
        detail: tx(`Alignment: DKIM ${rec.tags.adkim === 's' ? 'strict' : 'relaxed'}, SPF ${rec.tags.aspf === 's' ? 'strict' : 'relaxed'}.`, `Dopasowanie: DKIM ${rec.tags.adkim === 's' ? 'ścisłe' : 'luźne'}, SPF ${rec.tags.aspf === 's' ? 'ścisłe' : 'luźne'}.`),
        evidence: rev, data: { at, policy: rec.policy, subdomainPolicy: rec.tags.sp, effective, tags: rec.tags },
      }));
  }
  if (!rec.rua.length && !rec.errors.length) {
    findings.push(finding(`${C}.no-rua`, 'info', at,
      tx('The DMARC record asks for no aggregate reports (no rua=), so you will not see who sends as your domain.', 'Rekord DMARC nie prosi o raporty zbiorcze (brak rua=), więc nie zobaczysz, kto wysyła pocztę jako Twoja domena.'),
      { advice: [tx(`Add rua=mailto:<an address you read>.`, 'Dodaj rua=mailto:<adres, który czytasz>.')], evidence: rev }));
  }
  // External report destinations must authorize themselves (RFC 7489 §7.1).
  const policyDomain = at.replace(/^_dmarc\./, '');
  const orgOf = organizationalDomain(policyDomain);
  const external = [...new Set([...rec.rua, ...rec.ruf].map((a) => a.split('@')[1]!).filter((d) => organizationalDomain(d) !== orgOf))];
  const auth = await Promise.all(external.map(async (d) => ({ d, a: await dns.txt(`${policyDomain}._report._dmarc.${d}`) })));
  for (const { d, a } of auth) {
    if (!isDefinite(a.status)) { findings.push(dnsUnknown(`${C}.external`, d, tx(`the report authorization of ${d}`, `upoważnienie do raportów dla ${d}`), a)); continue; }
    if (a.values.some((v) => /^v\s*=\s*DMARC1/i.test(v))) {
      findings.push(finding(`${C}.external`, 'ok', d, tx(`${d} accepts DMARC reports for ${policyDomain}.`, `${d} przyjmuje raporty DMARC dla ${policyDomain}.`), { evidence: [dnsEvidence(a)] }));
    } else {
      findings.push(finding(`${C}.external`, 'warn', d,
        tx(`Reports go to ${d}, which has not authorized them (no ${policyDomain}._report._dmarc.${d}); receivers will not send them.`, `Raporty mają trafiać do ${d}, ale ta domena ich nie autoryzowała (brak ${policyDomain}._report._dmarc.${d}); odbiorcy ich nie wyślą.`),
        { advice: [tx(`Ask the owner of ${d} to publish TXT "v=DMARC1" at ${policyDomain}._report._dmarc.${d}, or send reports to an address in your own domain.`, `Poproś właściciela ${d} o rekord TXT „v=DMARC1” pod ${policyDomain}._report._dmarc.${d} albo kieruj raporty na adres we własnej domenie.`)], evidence: [dnsEvidence(a)] }));
    }
  }
  return { findings, record: rec, at };
}
