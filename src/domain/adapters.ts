/**
 * Subject-first entry points for callers that hold a subject and an options bag (`mailmedic doctor`, the web
 * API): `fn(subject, { dns })`. Each returns `{ findings, … }`. The DNS client comes from `dns` (or
 * `resolver`); without one, a client for the system resolver is made.
 */
import type { Finding } from '../core/finding.js';
import { createDnsClient, type DnsClient } from '../dns/index.js';
import { checkDkim } from './dkim.js';
import { checkDmarc } from './dmarc.js';
import { checkDnsbl } from './dnsbl.js';
import type { DnsblList } from './dnsbl-lists.js';
import { checkPtr } from './ptr.js';
import { checkSpf } from './spf/check.js';

/**
 * The options bag of the subject-first entry points: the DNS client (`dns`, or `resolver` as another name), DKIM
 * selectors (`dkimSelectors` or `selectors`) and blocklists.
 */
export interface SubjectOptions {
  dns?: DnsClient;
  resolver?: DnsClient;
  dkimSelectors?: string[];
  selectors?: string[];
  dnsblLists?: readonly DnsblList[];
}

/** The DNS client in an options bag (dns or resolver), or one for the system resolver. */
export function dnsClientOf(o: SubjectOptions | undefined): DnsClient {
  const c = o?.dns ?? o?.resolver;
  return c && typeof (c as DnsClient).query === 'function' ? c : createDnsClient();
}

/** SPF, DKIM and DMARC of a sender's domain. */
export async function checkMailAuth(domain: string, o: SubjectOptions = {}): Promise<{ findings: Finding[] }> {
  const dns = dnsClientOf(o);
  const sel = o.dkimSelectors ?? o.selectors;
  const [spf, dkim, dmarc] = await Promise.all([checkSpf(dns, domain), checkDkim(dns, domain, sel), checkDmarc(dns, domain)]);
  return { findings: [...spf.findings, ...dkim.findings, ...dmarc.findings] };
}

/** Reverse DNS (PTR, forward-confirmed) of a sending IP. */
export async function checkReverseDns(ip: string, o: SubjectOptions = {}): Promise<{ findings: Finding[] }> {
  const r = await checkPtr(dnsClientOf(o), { ip, role: 'sender' });
  return { findings: r.findings, ...r.result };
}

/** A sending IP against the IP blocklists. */
export async function checkBlacklists(ip: string, o: SubjectOptions = {}): Promise<{ findings: Finding[] }> {
  const r = await checkDnsbl(dnsClientOf(o), { ips: [{ ip }], ...(o.dnsblLists ? { lists: o.dnsblLists } : {}) });
  return { findings: r.findings };
}

/** The SPF verdict of a domain for one client IP (plus the record's own problems). */
export async function checkSpfForIp(o: SubjectOptions & { ip: string; domain: string; sender?: string; helo?: string }): Promise<{ findings: Finding[]; result?: string; mechanism?: string }> {
  const r = await checkSpf(dnsClientOf(o), o.domain, { ips: [o.ip], ...(o.sender ? { sender: o.sender } : {}), ...(o.helo ? { helo: o.helo } : {}) });
  const ev = r.evaluations[0];
  return { findings: r.findings, ...(ev ? { result: ev.result, ...(ev.mechanism ? { mechanism: ev.mechanism } : {}) } : {}) };
}
