import { withHelpers, invalidAnswer } from './client.js';
import { recordsOf } from './decode.js';
import { formatRecord, normalizeDnsName } from './names.js';
import type { DnsAnswer, DnsClient, DnsRecord, DnsRecordType, DnsTraceEntry, MxData, SoaData, SrvData } from './types.js';

/** One record in a static zone. TXT data may be one string or its character-strings. */
export type StaticRecord =
  | { type: 'A' | 'AAAA' | 'CNAME' | 'NS' | 'PTR'; data: string }
  | { type: 'TXT' | 'SPF'; data: string | string[] }
  | { type: 'MX'; data: MxData }
  | { type: 'SRV'; data: SrvData }
  | { type: 'SOA'; data: SoaData }
  /** Every type with no record listed before this marker times out (the SPF suite's per-type TIMEOUT). */
  | { type: 'TIMEOUT' };

/** A name's entry: its records, or a fault to simulate for every type asked. */
export type StaticEntry = StaticRecord[] | 'TIMEOUT' | 'SERVFAIL' | 'REFUSED';

/** Options of the in-memory DNS client: whether its answers claim DNSSEC validation, and a trace callback. */
export interface StaticDnsOptions {
  /** Set the AD bit on every answer (a "validating resolver"). */
  ad?: boolean;
  onTrace?: (e: DnsTraceEntry) => void;
}

/**
 * An in-memory DNS client over a fixed zone (tests, the SPF conformance suite, offline use). Names are
 * case-insensitive; an absent name is NXDOMAIN, a present name without the asked type is NODATA, CNAMEs are
 * followed inside the zone. Lookups are cached and traced like the wire client's.
 */
export function createStaticDnsClient(zone: Record<string, StaticEntry>, options: StaticDnsOptions = {}): DnsClient {
  const data = new Map<string, StaticEntry>();
  for (const [k, v] of Object.entries(zone)) {
    const n = normalizeDnsName(k);
    const key = n.name.toLowerCase();
    const prev = data.get(key);
    data.set(key, Array.isArray(prev) && Array.isArray(v) ? [...prev, ...v] : v);
  }
  const trace: DnsTraceEntry[] = [];
  const cache = new Map<string, DnsAnswer>();
  let hits = 0;
  const toRecord = (name: string, r: Exclude<StaticRecord, { type: 'TIMEOUT' }>): DnsRecord => {
    if (r.type === 'TXT' || r.type === 'SPF') {
      const strings = Array.isArray(r.data) ? r.data : [r.data];
      return { name, type: r.type, ttl: 300, data: { strings, text: strings.join('') } };
    }
    if (r.type === 'MX') return { name, type: 'MX', ttl: 300, data: { preference: r.data.preference, exchange: r.data.exchange.toLowerCase().replace(/\.$/, '') } };
    if (r.type === 'CNAME' || r.type === 'NS' || r.type === 'PTR') return { name, type: r.type, ttl: 300, data: r.data.toLowerCase().replace(/\.$/, '') };
    return { name, type: r.type, ttl: 300, data: r.data } as DnsRecord;
  };
  function answer(name: string, type: DnsRecordType): DnsAnswer {
    const base = { name, type, authority: [], ad: Boolean(options.ad), truncated: false, viaTcp: false, timeMs: 0, server: '', attempts: 1 };
    const answers: DnsRecord[] = [];
    let owner = name;
    for (let hop = 0; hop < 10; hop++) {
      const entry = data.get(owner);
      if (entry === 'TIMEOUT') return { ...base, status: 'timeout', rcode: '', answers, error: 'no answer (simulated timeout)' };
      if (entry === 'SERVFAIL' || entry === 'REFUSED') return { ...base, status: entry === 'SERVFAIL' ? 'servfail' : 'refused', rcode: entry, answers };
      if (!entry) return { ...base, status: 'nxdomain', rcode: 'NXDOMAIN', answers };
      const marker = entry.findIndex((r) => r.type === 'TIMEOUT');
      if (marker >= 0 && !entry.slice(0, marker).some((r) => r.type === type)) {
        return { ...base, status: 'timeout', rcode: '', answers, error: 'no answer (simulated timeout)' };
      }
      const recs = entry.filter((r) => r.type !== 'TIMEOUT').map((r) => toRecord(owner, r as Exclude<StaticRecord, { type: 'TIMEOUT' }>));
      const wanted = recs.filter((r) => r.type === type);
      if (wanted.length) { answers.push(...wanted); break; }
      const cname = recs.find((r) => r.type === 'CNAME');
      if (!cname || type === 'CNAME') break;
      answers.push(cname);
      owner = String(cname.data);
    }
    return { ...base, status: recordsOf({ name, answers }, type).length ? 'ok' : 'nodata', rcode: 'NOERROR', answers };
  }
  const client = withHelpers({
    async query(rawName, type) {
      const n = normalizeDnsName(rawName);
      if (!n.ok) return invalidAnswer(n.name, type, n.error);
      const key = `${n.name}|${type}`;
      const hit = cache.get(key);
      if (hit) { hits++; return hit; }
      const a = answer(n.name, type);
      cache.set(key, a);
      const e: DnsTraceEntry = {
        name: n.name, type, server: '', status: a.status, rcode: a.rcode, transport: 'memory', attempts: 1, timeMs: 0,
        startMs: 0, answers: a.answers.map(formatRecord), ...(a.error ? { error: a.error } : {}),
      };
      trace.push(e);
      options.onTrace?.(e);
      return a;
    },
  }, trace, () => ({ queries: trace.length, cacheHits: hits }));
  return client;
}
