/**
 * The DNS client every mailmedic check uses (domain, settings, message, doctor).
 *
 * ```ts
 * import { createDnsClient } from '../dns/index.js';
 * const dns = createDnsClient({ server: '127.0.0.1:5353', timeoutMs: 2000, retries: 1, onTrace: (e) => log(e) });
 * const mx = await dns.mx('example.test');        // { status: 'ok'|'nodata'|'nxdomain'|'servfail'|'timeout'|…, values: [{preference, exchange}], answers, ad, timeMs, … }
 * if (!isDefinite(mx.status)) { ... report 'unknown' with mx.error / mx.rcode: never a verdict ... }
 * const raw = await dns.query('example.test', 'TXT'); // the full answer; recordsOf(raw, 'TXT') for the records
 * ```
 * - Take a `DnsClient` (or `DnsQuery`) as a parameter; never create one inside a check (tests inject
 *   `createStaticDnsClient({...})` or a client pointed at the test NSD).
 * - One client per run: each (name, type) is asked once, concurrent asks share the lookup; `dns.trace` has
 *   every wire query with its answer and time (`--trace`), `dns.stats()` the counts.
 * - It sends only to the server given (default: first nameserver of /etc/resolv.conf), UDP with EDNS0,
 *   TCP when the answer is truncated; names are normalized (IDN → punycode, trailing dot, case) and invalid
 *   ones answered locally with status 'error'.
 */
export type {
  DnsRecordType, DnsQueryOptions, DnsStatus, DnsRecord, DnsAnswer, DnsResult, DnsTraceEntry, DnsQuery, DnsClient, MxData, SrvData, SoaData, TxtData,
} from './types.js';
export { createDnsClient, parseDnsServer, systemDnsServer, formatServer, withHelpers, invalidAnswer } from './client.js';
export type { DnsClientOptions, DnsServer } from './client.js';
export { createStaticDnsClient } from './static.js';
export type { StaticRecord, StaticEntry, StaticDnsOptions } from './static.js';
export { recordsOf, isDefinite } from './decode.js';
export { normalizeDnsName, isHostName, reverseName, expandIPv6, formatRecord } from './names.js';
export type { NameCheck } from './names.js';
export {
  keyTag, dsMatches, dsDigestChecked, dsFor, verifyRrsig, publicKeyOf, algorithmName, digestName, isDnskey, isDs, isRrsig, isTlsa, DNSSEC_ALGORITHMS,
} from './dnssec.js';
export type { DnskeyData, DsData, RrsigData, TlsaData, SigVerdict } from './dnssec.js';
