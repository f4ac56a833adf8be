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

/** Options of the single-subject checks (a sender's domain, an IP). One name per option across the library. */
export interface SubjectOptions {
  /** The DNS client to ask (default: one for the system's resolver). */
  resolver?: DnsClient;
  /** @deprecated The old name of `resolver`, still accepted. */
  dns?: DnsClient;
  /** DKIM selectors to look for (default: the common ones). */
  dkimSelectors?: string[];
  /** @deprecated The old name of `dkimSelectors`, still accepted. */
  selectors?: string[];
  /** DNS blocklists to ask instead of the default set. */
  dnsblLists?: readonly DnsblList[];
}

/** The DNS client in an options bag (`resolver`, or its old name `dns`), or one for the system resolver. */
export function dnsClientOf(o: SubjectOptions | undefined): DnsClient {
  const c = o?.resolver ?? o?.dns;
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
