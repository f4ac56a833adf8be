/**
 * `checkDomain`: every mail DNS check of a domain, independent lookups in parallel (only dependent ones wait:
 * PTR, blocklists and the MTA-STS pattern match wait for the MX hosts' addresses).
 */
import { isIP } from 'node:net';
import { makeReport, type Finding, type Report, type Table } from '../core/finding.js';
import { isHostName, normalizeDnsName, type DnsClient } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { checkDkim, type DkimKeyInfo } from './dkim.js';
import { checkDmarc } from './dmarc.js';
import { checkDnsbl } from './dnsbl.js';
import type { DnsblList } from './dnsbl-lists.js';
import { checkDnssec, type TrustAnchor } from './dnssec.js';
import { checkDane, daneMxSetFinding, type DaneResult } from './dane.js';
import { checkMtaSts, checkTlsRpt, dnsPinnedFetch, type HttpsFetch } from './mtasts.js';
import { boundedHost, checkMx, type MxHost } from './mx.js';
import { checkPtr, type PtrResult } from './ptr.js';
import { checkSoaNs } from './soa-ns.js';
import { checkSpf } from './spf/check.js';
import { spfTreeLines } from './spf/tree.js';
import { parseIp, specialRange } from './ip.js';
import { finding, sampleList } from './util.js';
import { dnsClientOf } from './adapters.js';
import { checkBimi } from './bimi.js';
import { checkMxTls, type MxTlsOptions, type MxTlsResult } from './mx-tls.js';
import { checkRegistration, type RegistrationInfo, type RegistrationOptions } from './rdap/index.js';

/** Options of `checkDomain` / `checkMailDomain`. One name per option across the library. */
export interface DomainCheckOptions {
  /** The DNS client to ask (default: one for the system's resolver). */
  resolver?: DnsClient;
  /** @deprecated The old name of `resolver`, still accepted. */
  dns?: DnsClient;
  /** @deprecated The old name of `dkimSelectors`, still accepted. */
  selectors?: string[];
  /** Sending IPs to check (PTR, blocklists, SPF evaluation). */
  ips?: string[];
  /** DKIM selectors to look for (default: the common ones). */
  dkimSelectors?: string[];
  /** Blocklists to check the IPs on (default DEFAULT_DNSBL_LISTS). */
  dnsblLists?: readonly DnsblList[];
  /** HTTPS fetch for the MTA-STS policy; default: through the same DNS client; false: do not fetch. */
  fetch?: HttpsFetch | false;
  /** Time limit of the MTA-STS policy fetch, in ms (default 5000). */
  httpsTimeoutMs?: number;
  /** Connect to every MX (port 25) and check its STARTTLS and certificate; off unless given (it opens SMTP sessions). */
  mxTls?: MxTlsOptions;
  /** Ask the registry over RDAP whether the domain is registered, active and not about to expire; off unless given. */
  registration?: RegistrationOptions;
  /** DNSSEC trust anchors for the chain walk (default: the root's keys); tests give their signed test zone's DS. */
  trustAnchors?: readonly TrustAnchor[];
}

/**
 * Every mail DNS check of a domain: the findings, the tables and the `data` of the `domain` report (MX, SPF, DKIM,
 * PTR, blocklists, queries made).
 */
export interface DomainCheckResult {
  /** The domain as checked (ASCII, lower-case). */
  domain: string;
  input: string;
  findings: Finding[];
  tables: Table[];
  data: {
    domain: string;
    mx: MxHost[];
    nullMx: boolean;
    implicitMx: boolean;
    spf?: { record?: string; lookups: number; voidLookups: number; tree: ReturnType<typeof spfTreeLines>; evaluations: { ip: string; result: string; mechanism?: string }[] };
    dkim: DkimKeyInfo[];
    dmarc?: { at?: string; tags?: Record<string, string> };
    ptr: PtrResult[];
    dnsbl: { list: string; item: string; state: string; codes?: string[] }[];
    /** The BIMI record's logo and certificate URLs, when the domain has one. */
    bimi?: { logo?: string; certificate?: string };
    /** What each MX answered on port 25 (only with the mxTls option). */
    mxTls?: MxTlsResult[];
    /** What the registry said (only with the registration option, when it answered). */
    registration?: RegistrationInfo;
    /** The TLSA records of each MX that has them (DANE), how DNSSEC vouches for them, and whether they match. */
    dane?: DaneResult[];
    queries: { queries: number; cacheHits: number };
  };
}

/** Validate and normalize what the user typed: IDN → punycode, trailing dot, case; an e-mail address → its domain. */
export function normalizeDomainInput(input: string): { ok: true; domain: string; notes: Finding[] } | { ok: false; findings: Finding[] } {
  let raw = String(input ?? '').trim();
  const notes: Finding[] = [];
  if (raw.includes('@')) {
    const d = raw.slice(raw.lastIndexOf('@') + 1);
    notes.push(finding('dns.name.address', 'info', raw, tx(`"${raw}" is an e-mail address; checking its domain ${d}.`, `„${raw}” to adres e-mail; sprawdzana jest jego domena ${d}.`)));
    raw = d;
  }
  const bad = (why: { en: string; pl: string }) => ({ ok: false as const, findings: [finding('dns.name.invalid', 'error', raw.slice(0, 100) || '(empty)', why)] });
  if (!raw) return bad(tx('No domain given.', 'Nie podano domeny.'));
  if (isIP(raw.replace(/^\[|\]$/g, ''))) return bad(tx(`"${raw}" is an IP address; give a domain name (IP addresses go to --ip).`, `„${raw}” to adres IP; podaj nazwę domeny (adresy IP podaje się w --ip).`));
  const n = normalizeDnsName(raw);
  if (!n.ok || !isHostName(n.name) || !n.name.includes('.')) {
    return bad(tx(`"${raw.slice(0, 100)}" is not a valid domain name${n.ok ? '' : ` (${n.error})`}.`, `„${raw.slice(0, 100)}” nie jest poprawną nazwą domeny${n.ok ? '' : ` (${n.error})`}.`));
  }
  if (n.name.split('.').some((l) => l.startsWith('xn--')) && n.name !== raw.toLowerCase().replace(/\.$/, '')) {
    notes.push(finding('dns.name.idn', 'info', raw, tx(`Internationalized name: checked as ${n.name} (punycode).`, `Nazwa z polskimi lub innymi znakami narodowymi: sprawdzana jako ${n.name} (punycode).`), { data: { ascii: n.name } }));
  }
  return { ok: true, domain: n.name, notes };
}

/**
 * Checks a domain's mail DNS (MX, SPF, DKIM, DMARC, MTA-STS, TLS-RPT, SOA/NS, DNSSEC, PTR, blocklists, BIMI;
 * with `mxTls` also each MX's STARTTLS), independent lookups in parallel; a name that cannot be a domain gives
 * findings, not an exception. checkMailDomain gives the same as a Report.
 */
export async function checkDomain(input: string, options: DomainCheckOptions): Promise<DomainCheckResult> {
  const dns = dnsClientOf(options);
  const norm = normalizeDomainInput(input);
  const empty = { mx: [], nullMx: false, implicitMx: false, dkim: [], ptr: [], dnsbl: [] };
  if (!norm.ok) return { domain: input, input, findings: norm.findings, tables: [], data: { domain: input, ...empty, queries: dns.stats() } };
  const domain = norm.domain;
  const badIps = (options.ips ?? []).filter((ip) => !parseIp(ip));
  const ips = (options.ips ?? []).filter((ip) => parseIp(ip)).map((ip) => parseIp(ip)!.text);

  const mxP = checkMx(dns, domain);
  const mxHostsP = mxP.then((m) => m.hosts.map((h) => h.host));
  const spfP = checkSpf(dns, domain, { ips });
  const dkimP = checkDkim(dns, domain, options.dkimSelectors ?? options.selectors);
  const dmarcP = checkDmarc(dns, domain);
  const fetch = options.fetch === false ? undefined : options.fetch ?? dnsPinnedFetch(dns);
  const mtaStsP = checkMtaSts(dns, domain, mxHostsP, fetch, options.httpsTimeoutMs ?? 5000);
  const tlsRptP = checkTlsRpt(dns, domain);
  const zoneP = checkSoaNs(dns, domain);
  const walk = options.trustAnchors ? { trustAnchors: options.trustAnchors } : {};
  const dnssecP = checkDnssec(dns, domain, mxP.then(async (m) => [m.mxAnswer, await dns.soa(domain)]), walk);
  const senderPtrP = Promise.all(ips.map((ip) => checkPtr(dns, { ip, role: 'sender' })));
  // The logo and mark certificate are fetched with the same HTTPS client as the MTA-STS policy (and not with --no-fetch).
  const bimiAssets = fetch ? { fetch, timeoutMs: options.httpsTimeoutMs ?? 5000, now: new Date() } : undefined;
  const bimiP = dmarcP.then((d) => checkBimi(dns, domain, d.record?.tags, bimiAssets));
  const registrationP = options.registration ? checkRegistration(domain, options.registration) : undefined;
  const mxTlsP = options.mxTls ? mxP.then((m) => (m.hosts.length && !m.nullMx ? checkMxTls(m.hosts.slice(0, 10).map((h) => h.host), options.mxTls!) : { findings: [], results: [], presented: new Map() })) : undefined;
  // DANE: the TLSA records of every MX; compared with the certificates only when the MX sessions ran.
  const daneP = mxP.then(async (m) => (m.hosts.length && !m.nullMx && !m.nxdomain
    ? checkDane(dns, m.hosts.slice(0, 10).map((h) => h.host), { ...walk, ...(mxTlsP ? { certificates: (await mxTlsP).presented } : {}) })
    : { findings: [], results: [] }));
  // Private, loopback and reserved MX addresses already have their finding; PTR and blocklists mean nothing there.
  const publicAddrs = (h: MxHost) => h.addresses.filter((a) => !specialRange(a)).slice(0, 8);
  const mxPtrP = mxP.then((m) => Promise.all(m.hosts.slice(0, 10).flatMap((h) => publicAddrs(h).map((ip) => checkPtr(dns, { ip, role: 'mx', host: h.host })))));
  const dnsblP = mxP.then((m) => checkDnsbl(dns, {
    ips: [...ips.map((ip) => ({ ip, label: 'sender' })), ...m.hosts.slice(0, 10).flatMap((h) => publicAddrs(h).map((ip) => ({ ip, label: `MX ${h.host}` })))],
    domains: m.nxdomain ? [] : [domain],
    ...(options.dnsblLists ? { lists: options.dnsblLists } : {}),
  }));

  const [mx, spf, dkim, dmarc, mtaSts, tlsRpt, zone, dnssec, senderPtr, mxPtr, dnsbl, bimi, mxTls, dane, registration] = await Promise.all([
    mxP, spfP, dkimP, dmarcP, mtaStsP, tlsRptP, zoneP, dnssecP, senderPtrP, mxPtrP, dnsblP, bimiP, mxTlsP, daneP, registrationP,
  ]);

  const findings: Finding[] = [...norm.notes];
  for (const ip of badIps) findings.push(finding('dns.ip.invalid', 'error', ip, tx(`"${ip}" (--ip) is not an IP address; skipped.`, `„${ip}” (--ip) nie jest adresem IP; pominięto.`)));
  findings.push(...mx.findings);
  // Right after MX: a domain on hold or expired is why its DNS is gone (the seeds' first question).
  findings.push(...(registration?.findings ?? []));
  if (mx.nxdomain) {
    findings.push(...senderPtr.flatMap((p) => p.findings), ...dnsbl.findings);
  } else {
    // The domain's own DNSSEC state (the resolver's AD counts as secure) decides whether its MX hosts' DANE applies.
    const dnssecData = dnssec.find((f) => f.check.startsWith('dns.dnssec.'))?.data as { state?: string; ad?: boolean } | undefined;
    const mxSet = daneMxSetFinding(domain, dane.results, dnssecData?.ad ? 'valid' : dnssecData?.state);
    findings.push(...spf.findings, ...dkim.findings, ...dmarc.findings, ...(mxTls?.findings ?? []), ...dane.findings, ...(mxSet ? [mxSet] : []),
      ...mxPtr.flatMap((p) => p.findings), ...senderPtr.flatMap((p) => p.findings), ...dnsbl.findings,
      ...mtaSts, ...tlsRpt, ...bimi.findings, ...dnssec, ...zone);
  }

  const ptrByIp = new Map([...mxPtr, ...senderPtr].map((p) => [p.result.ip, p.result]));
  const tables: Table[] = [];
  if (mx.hosts.length) {
    tables.push({
      id: 'mx', title: tx('Mail servers (MX)', 'Serwery poczty (MX)'),
      columns: [tx('Priority', 'Priorytet'), tx('Host', 'Host'), tx('Addresses', 'Adresy'), tx('Reverse DNS (PTR)', 'Odwrotny DNS (PTR)')],
      rows: mx.hosts.slice(0, 50).map((h) => [String(h.preference), h.host, sampleList(h.addresses) || '—',
        h.addresses.slice(0, 10).map((a) => { const p = ptrByIp.get(a); return p ? (p.confirmed.join(', ') || (p.names.length ? `${p.names.join(', ')} (!)` : '—')) : '?'; }).join('; ') || '—']),
    });
  }
  const treeLines = spfTreeLines(spf.tree);
  if (spf.tree.root.record || spf.tree.root.records.length) {
    tables.push({
      id: 'spf-tree', title: tx(`SPF tree (${spf.tree.lookupCount}/10 DNS lookups)`, `Drzewo SPF (${spf.tree.lookupCount}/10 zapytań DNS)`),
      columns: [tx('Term', 'Element'), tx('Domain', 'Domena'), tx('Status', 'Stan'), tx('Lookups', 'Zapytania')],
      rows: treeLines.map((l) => [`${'  '.repeat(l.indent)}${l.term}`, l.domain, l.status, String(l.lookups)]),
    });
  }
  return {
    domain, input, findings, tables,
    data: {
      domain, mx: mx.hosts.map(boundedHost), nullMx: mx.nullMx, implicitMx: mx.implicit,
      spf: {
        ...(spf.tree.root.record ? { record: spf.tree.root.record } : {}),
        lookups: spf.tree.lookupCount, voidLookups: spf.tree.voidCount, tree: treeLines,
        evaluations: spf.evaluations.map((e) => ({ ip: e.ip, result: e.result, ...(e.mechanism ? { mechanism: e.mechanism } : {}) })),
      },
      dkim: dkim.keys,
      dmarc: { ...(dmarc.at ? { at: dmarc.at } : {}), ...(dmarc.record ? { tags: dmarc.record.tags } : {}) },
      ptr: [...ptrByIp.values()],
      dnsbl: dnsbl.results.map((r) => ({ list: r.list.id, item: r.item, state: r.verdict.state, ...(r.verdict.state === 'listed' ? { codes: r.verdict.answers } : {}) })),
      ...(bimi.record ? { bimi: { ...(bimi.record.logo !== undefined ? { logo: bimi.record.logo } : {}), ...(bimi.record.certificate ? { certificate: bimi.record.certificate } : {}) } } : {}),
      ...(mxTls ? { mxTls: mxTls.results } : {}),
      ...(registration?.info ? { registration: registration.info } : {}),
      ...(dane.results.length ? { dane: dane.results } : {}),
      queries: dns.stats(),
    },
  };
}

/** The whole `domain` check as a Report (what `mailmedic domain` prints): findings, tables and `data`. */
export async function checkMailDomain(input: string, options: DomainCheckOptions): Promise<Report> {
  const res = await checkDomain(input, options);
  return makeReport('domain', res.domain, res.findings, { tables: res.tables, data: res.data });
}
