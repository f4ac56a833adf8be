/**
 * Many domains at once (a hosting company's customers): `checkDomain` on each with bounded concurrency, one shared
 * DNS client (a name asked for one domain — a shared include:, a hosting MX — is answered from its cache for the
 * next), results in input order as they are ready, each as a one-line overview (worst findings first) and its
 * full Report. Memory stays with the `jobs` domains in flight.
 */
import { makeReport, worstStatus, type Report, type Status, type Text } from '../core/finding.js';
import { createDnsClient, withHelpers, type DnsClient, type DnsQuery } from '../dns/index.js';
import { checkDomain, type DomainCheckOptions } from './check.js';
import type { DaneResult } from './dane.js';

/** Options of checkDomains: those of checkDomain for every domain, and how many domains are checked at once. */
export interface FleetOptions extends DomainCheckOptions {
  /** Domains checked at once (default 8, at most 256). */
  jobs?: number;
}

/** One domain of a fleet run. */
export interface FleetRow {
  /** The domain as checked (or as given, when it is not a domain). */
  domain: string;
  input: string;
  status: Status;
  counts: Record<Status, number>;
  /** The worst findings first (errors, then warnings, then not checked), at most three: what to fix. */
  problems: { check: string; status: Status; subject: string; summary: Text }[];
  /** The DNSSEC chain of the domain: valid, broken, unsigned, island, unknown ('' when not judged). */
  dnssec: string;
  /**
   * DANE of its MX hosts: none (no TLSA), valid (every TLSA host matches, DNSSEC-protected), problem (a mismatch,
   * unusable records or broken DNSSEC), unprotected (TLSA without DNSSEC), not-compared (no --connect).
   */
  dane: 'none' | 'valid' | 'problem' | 'unprotected' | 'not-compared';
  report: Report;
}

const RANK: Record<Status, number> = { error: 0, warn: 1, unknown: 2, info: 3, ok: 4 };

/** A view of a shared client that counts its own questions (each domain's `data.queries`), answers shared. */
function countingView(shared: DnsQuery): DnsClient {
  let asked = 0;
  return withHelpers({ query: (n, t, o) => { asked++; return shared.query(n, t, o); } }, [], () => ({ queries: asked, cacheHits: 0 }));
}

function rowOf(input: string, report: Report): FleetRow {
  const counts: Record<Status, number> = { ok: 0, info: 0, warn: 0, error: 0, unknown: 0 };
  for (const f of report.findings) counts[f.status]++;
  const problems = report.findings.filter((f) => f.status === 'error' || f.status === 'warn' || f.status === 'unknown')
    .map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.status] - RANK[b.f.status] || a.i - b.i).slice(0, 3)
    .map(({ f }) => ({ check: f.check, status: f.status, subject: f.subject, summary: f.summary }));
  const dnssec = String(report.findings.find((f) => f.check.startsWith('dns.dnssec.'))?.data?.state ?? '');
  return { domain: report.subject, input, status: report.status, counts, problems, dnssec, dane: daneSummary(report), report };
}

/** One word for the DANE state of a domain (see FleetRow.dane). */
function daneSummary(report: Report): FleetRow['dane'] {
  const results = (report.data as { dane?: DaneResult[] } | undefined)?.dane ?? [];
  if (!results.length) return 'none';
  if (report.findings.some((f) => f.check === 'dns.dane.unusable' || f.check === 'dns.dane.pkix') || results.some((r) => r.dnssec === 'broken' || r.matches === false)) return 'problem';
  if (results.some((r) => r.dnssec !== 'resolver' && r.dnssec !== 'verified')) return 'unprotected';
  return results.every((r) => r.matches === true) ? 'valid' : 'not-compared';
}

/** Check every domain of `inputs` (blank lines and "# comments" skipped); rows come in input order. */
export async function* checkDomains(inputs: Iterable<string> | AsyncIterable<string>, options: FleetOptions = {}): AsyncGenerator<FleetRow> {
  const jobs = Math.max(1, Math.min(Math.floor(options.jobs ?? 8), 256));
  // A fleet's own client keeps a bounded cache and no trace: memory stays flat over thousands of domains.
  // Up to 16 questions on the wire per domain in flight, so the wire limit does not serialize the domains.
  const shared = options.resolver ?? options.dns ?? createDnsClient({ cacheSize: 50_000, keepTrace: false, maxInFlight: Math.min(1024, jobs * 16) });
  const one = async (input: string): Promise<FleetRow> => {
    const res = await checkDomain(input, { ...options, dns: undefined, resolver: countingView(shared) });
    return rowOf(input, makeReport('domain', res.domain, res.findings, { tables: res.tables, data: res.data }));
  };
  const window: Promise<FleetRow>[] = [];
  for await (const line of inputs as AsyncIterable<string>) {
    const input = line.trim();
    if (!input || input.startsWith('#')) continue;
    window.push(one(input));
    if (window.length >= jobs) yield await window.shift()!;
  }
  while (window.length) yield await window.shift()!;
}

/** The worst status over rows (the exit status of a fleet run). */
export function fleetStatus(rows: readonly { status: Status }[]): Status {
  return worstStatus(rows);
}

/** CSV columns of the one-line-per-domain overview. */
export const FLEET_CSV_COLUMNS = ['domain', 'status', 'errors', 'warnings', 'notChecked', 'problems', 'dnssec', 'dane'];

/** One CSV row of the overview (the problems in English, as machine-readable text). */
export function fleetCsvRow(r: FleetRow): string[] {
  return [r.domain, r.status, String(r.counts.error), String(r.counts.warn), String(r.counts.unknown), r.problems.map((p) => `${p.check}: ${p.summary.en}`).join(' | '), r.dnssec, r.dane];
}

/** The JSON Lines object of one domain (the full report only when asked: it is large). */
export function fleetJsonLine(r: FleetRow, full = false): Record<string, unknown> {
  return { domain: r.domain, status: r.status, counts: r.counts, problems: r.problems, dnssec: r.dnssec, dane: r.dane, ...(full ? { report: r.report } : {}) };
}

