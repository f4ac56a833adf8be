/** Shapes shared by every DNS client (wire, in-memory) and the checks that use them. */

/** Record types the checks ask for. */
export type DnsRecordType =
  | 'A' | 'AAAA' | 'MX' | 'TXT' | 'PTR' | 'SRV' | 'CNAME' | 'NS' | 'SOA' | 'CAA' | 'TLSA' | 'DS' | 'DNSKEY' | 'RRSIG' | 'SPF';

/**
 * What a query came to. The checks must tell these apart: `nxdomain` (name does not exist) and `nodata`
 * (name exists, no record of that type) are answers; `servfail`, `refused`, `timeout` and `error` are not —
 * a check seeing them reports "unknown", never a verdict.
 */
export type DnsStatus = 'ok' | 'nodata' | 'nxdomain' | 'servfail' | 'refused' | 'timeout' | 'error';

/** An MX record's data: lower preference is tried first. */
export interface MxData { preference: number; exchange: string }
/** An SRV record's data (RFC 2782): the host and port a service is offered on. */
export interface SrvData { priority: number; weight: number; port: number; target: string }
/** An SOA record's data: the primary name server, the zone's contact (as a name), its serial and timers in seconds. */
export interface SoaData {
  mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number;
}
/** TXT: the character-strings as sent (each ≤ 255 bytes), and joined. */
export interface TxtData { strings: string[]; text: string }

/** One resource record, decoded. Names are lower-case, without the trailing dot. */
export type DnsRecord =
  | { name: string; type: 'A' | 'AAAA' | 'CNAME' | 'NS' | 'PTR'; ttl: number; data: string }
  | { name: string; type: 'MX'; ttl: number; data: MxData }
  | { name: string; type: 'TXT' | 'SPF'; ttl: number; data: TxtData }
  | { name: string; type: 'SRV'; ttl: number; data: SrvData }
  | { name: string; type: 'SOA'; ttl: number; data: SoaData }
  | { name: string; type: string; ttl: number; data: unknown };

/**
 * Everything one query returned, failed or not, so a check can tell "no such record" from "could not ask" and show
 * the evidence.
 */
export interface DnsAnswer {
  /** The name asked (normalized: lower-case ASCII/punycode, no trailing dot). */
  name: string;
  type: DnsRecordType;
  status: DnsStatus;
  /** The response code as text (NOERROR, NXDOMAIN, SERVFAIL, REFUSED, …); '' when no response came. */
  rcode: string;
  /** Answer section (all records, including CNAMEs on the way). Use `recordsOf()` for the asked type. */
  answers: DnsRecord[];
  authority: DnsRecord[];
  /** AD bit: a validating resolver vouches for the answer (DNSSEC). */
  ad: boolean;
  /** The UDP answer was truncated (TC); `viaTcp` says whether it was then asked again over TCP. */
  truncated: boolean;
  viaTcp: boolean;
  /** Wall time of this lookup (0 when served from the cache). */
  timeMs: number;
  /** Server asked, "ip:port" ('' for in-memory clients). */
  server: string;
  /** Why there is no answer (timeout, socket error, invalid name, malformed response). */
  error?: string;
  /** Number of attempts on the wire (retries after timeouts count). */
  attempts: number;
}

/** One line of `--trace`: a query with its answer and time. */
export interface DnsTraceEntry {
  name: string;
  type: DnsRecordType;
  server: string;
  status: DnsStatus;
  rcode: string;
  transport: 'udp' | 'tcp' | 'memory';
  attempts: number;
  timeMs: number;
  /** Milliseconds since the client was created, when the query started. */
  startMs: number;
  /** Answer records in presentation format. */
  answers: string[];
  error?: string;
}

/**
 * The resolver every check takes. Only `query` is required; the helpers are built on it by `withHelpers`.
 * Implementations: `createDnsClient` (real wire, UDP+TCP), `createStaticDnsClient` (in-memory, for tests).
 */
export interface DnsQuery {
  query(name: string, type: DnsRecordType, options?: DnsQueryOptions): Promise<DnsAnswer>;
}

/** Per-query options. */
export interface DnsQueryOptions {
  /**
   * Set the DO bit (RFC 3225): ask for the DNSSEC records (RRSIG) beside the answer, for the checks that verify
   * signatures themselves. Answers with and without DO are cached apart.
   */
  dnssec?: boolean;
  /**
   * Set the CD bit (RFC 4035 §3.2.2): a validating resolver then answers even when the data fails validation,
   * instead of SERVFAIL — so the chain walk can see, and say, what is broken.
   */
  checkingDisabled?: boolean;
}

/** An answer plus the values of the asked type, for the convenience helpers. */
export interface DnsResult<T> extends DnsAnswer {
  values: T[];
}

/** A DNS client that asks only the server it was made for: raw queries, typed helpers, a trace and counts. */
export interface DnsClient extends DnsQuery {
  a(name: string): Promise<DnsResult<string>>;
  aaaa(name: string): Promise<DnsResult<string>>;
  mx(name: string): Promise<DnsResult<MxData>>;
  /** TXT records, each joined from its character-strings. */
  txt(name: string): Promise<DnsResult<string>>;
  ptr(name: string): Promise<DnsResult<string>>;
  /** PTR for an IP address (builds the in-addr.arpa / ip6.arpa name). */
  reverse(ip: string): Promise<DnsResult<string>>;
  srv(name: string): Promise<DnsResult<SrvData>>;
  cname(name: string): Promise<DnsResult<string>>;
  ns(name: string): Promise<DnsResult<string>>;
  soa(name: string): Promise<DnsResult<SoaData>>;
  /** Every query made so far on the wire (not cache hits), in completion order (`startMs` gives the start). */
  readonly trace: readonly DnsTraceEntry[];
  /** Counts: wire queries made and cache hits served. */
  stats(): { queries: number; cacheHits: number };
}
