/**
 * The DNS resolver the --verify checks use, in the shape mailauth expects: `(name, rrtype) → records` like
 * node:dns's resolve(), with its error codes (ENOTFOUND, ENODATA, ETIMEOUT, …). It is built on the project's
 * DNS client (src/dns), so it asks exactly the one server given (--resolver ip[:port]) and nothing else.
 */
import { createDnsClient, parseDnsServer, recordsOf, type DnsQuery, type DnsRecordType, type MxData, type TxtData } from '../dns/index.js';

/** mailauth's resolver shape. */
export type MailauthResolver = (name: string, rrtype: string) => Promise<unknown>;

export interface MessageResolverOptions {
  /** "127.0.0.1", "127.0.0.1:5353", "[::1]:53"; undefined: the first nameserver of /etc/resolv.conf. */
  server?: string;
  /** Per attempt, milliseconds. */
  timeoutMs?: number;
}

/** Parse "ip[:port]" ("[v6]:port" for IPv6 with a port); throws RangeError on nonsense. */
export function parseResolverAddress(spec: string): { host: string; port: number; server: string } {
  const { host, port } = parseDnsServer(spec);
  return { host, port, server: host.includes(':') ? `[${host}]:${port}` : `${host}:${port}` };
}

const TYPES = new Set<DnsRecordType>(['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME', 'NS', 'SPF']);

/** node:dns error codes for the DNS client's statuses (what mailauth looks for). */
const ERROR_CODE: Record<string, string> = {
  nxdomain: 'ENOTFOUND', nodata: 'ENODATA', servfail: 'ESERVFAIL', refused: 'EREFUSED', timeout: 'ETIMEOUT', error: 'EBADRESP',
};

/** Adapt any DnsQuery (the wire client, or an in-memory one in tests) to mailauth's resolver. */
export function mailauthResolverFrom(dns: DnsQuery): MailauthResolver {
  return async (name: string, rrtype: string) => {
    const type = rrtype.toUpperCase() as DnsRecordType;
    if (!TYPES.has(type)) throw Object.assign(new Error(`query type ${rrtype} not supported`), { code: 'ENOTIMP' });
    const ans = await dns.query(name, type);
    if (ans.status !== 'ok') {
      const code = ERROR_CODE[ans.status] ?? 'EBADRESP';
      throw Object.assign(new Error(`${code} ${name} ${type}${ans.error ? `: ${ans.error}` : ''}`), { code, hostname: name });
    }
    const recs = recordsOf(ans, type);
    if (type === 'TXT' || type === 'SPF') return recs.map((r) => (r.data as TxtData).strings);
    if (type === 'MX') return recs.map((r) => ({ exchange: (r.data as MxData).exchange, priority: (r.data as MxData).preference }));
    return recs.map((r) => String(r.data));
  };
}

/** A resolver bound to one server (timeouts and retries by the DNS client). */
export function makeMessageResolver(opts: MessageResolverOptions = {}): MailauthResolver {
  return mailauthResolverFrom(createDnsClient({ ...(opts.server ? { server: opts.server } : {}), timeoutMs: opts.timeoutMs ?? 2000, retries: 1 }));
}
