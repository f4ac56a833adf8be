/** What `mailmedic domain` and `mailmedic spf` share: resolver flags → a DNS client, and --trace output. */
import { readFileSync } from 'node:fs';
import { createDnsClient, type DnsClient, type DnsTraceEntry } from '../dns/index.js';
import type { DnsblList } from './dnsbl-lists.js';

/** The resolver flags of `mailmedic domain` and `mailmedic spf`: server, timeout (ms), retries and --trace. */
export interface ResolverFlags {
  /** The DNS server, "ip[:port]" (default: the system's first nameserver). */
  resolver?: string;
  /** Per-attempt timeout in ms (the client's default 2000). */
  timeoutMs?: number;
  /** Extra attempts after a timeout (the client's default 1). */
  retries?: number;
  /** Write every query as it completes. */
  trace?: boolean;
  /** Where trace lines go (default: standard error, so --json on stdout stays clean). */
  traceOut?: (line: string) => void;
}

/** One line per query: time, question, status, answers. */
export function formatTraceEntry(e: DnsTraceEntry): string {
  const head = `;; ${e.timeMs.toFixed(1).padStart(7)} ms  +${e.startMs.toFixed(0).padStart(5)} ms  ${e.type.padEnd(5)} ${e.name}  → ${e.rcode || e.status.toUpperCase()}${e.transport === 'tcp' ? ' (TCP)' : ''}${e.attempts > 1 ? ` (${e.attempts} attempts)` : ''}${e.error ? ` — ${e.error}` : ''}`;
  return [head, ...e.answers.map((a) => `;;            ${a.length > 200 ? a.slice(0, 200) + '…' : a}`)].join('\n');
}

/**
 * A wire DNS client from the resolver flags; with `trace`, each query is written as one line (to standard error by
 * default).
 */
export function dnsClientFromFlags(f: ResolverFlags): DnsClient & { server: string } {
  const out = f.traceOut ?? ((l: string) => process.stderr.write(l + '\n'));
  return createDnsClient({
    ...(f.resolver ? { server: f.resolver } : {}),
    ...(f.timeoutMs !== undefined ? { timeoutMs: f.timeoutMs } : {}),
    ...(f.retries !== undefined ? { retries: f.retries } : {}),
    ...(f.trace ? { onTrace: (e: DnsTraceEntry) => out(formatTraceEntry(e)) } : {}),
  });
}

/** Load a blocklist set from a JSON file (an array of DnsblList; see DEFAULT_DNSBL_LISTS for the shape). */
export function loadDnsblLists(path: string): DnsblList[] {
  const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${path}: expected a JSON array of blocklists`);
  for (const l of data as Partial<DnsblList>[]) {
    if (!l || typeof l.zone !== 'string' || (l.kind !== 'ip' && l.kind !== 'domain') || typeof l.testEntry !== 'string' || !Array.isArray(l.codes)) {
      throw new Error(`${path}: each blocklist needs zone, kind ("ip" or "domain"), testEntry and codes`);
    }
  }
  return (data as DnsblList[]).map((l) => ({ ...l, id: l.id ?? l.zone, name: l.name ?? l.zone, lookupUrl: l.lookupUrl ?? '', errorCodes: l.errorCodes ?? [] }));
}
