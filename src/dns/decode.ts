import type { Answer } from 'dns-packet';
import type { DnsAnswer, DnsRecord, DnsRecordType, DnsStatus } from './types.js';

const lower = (s: unknown) => String(s ?? '').toLowerCase().replace(/\.$/, '');

/** dns-packet's decoded record → our DnsRecord (names lower-case, TXT strings decoded as UTF-8). */
export function toDnsRecord(a: Answer): DnsRecord {
  const name = lower(a.name);
  const ttl = 'ttl' in a && typeof a.ttl === 'number' ? a.ttl : 0;
  const d = (a as { data?: unknown }).data;
  const type = a.type as string;
  switch (type) {
    case 'A': case 'AAAA': return { name, type: type as 'A', ttl, data: String(d) };
    case 'CNAME': case 'NS': case 'PTR': return { name, type: type as 'PTR', ttl, data: lower(d) };
    case 'MX': {
      const m = d as { preference?: number; exchange?: string };
      return { name, type: 'MX', ttl, data: { preference: Number(m?.preference ?? 0), exchange: lower(m?.exchange) } };
    }
    case 'TXT': case 'SPF': {
      const parts = Array.isArray(d) ? d : [d];
      const strings = parts.map((p) => (Buffer.isBuffer(p) ? p.toString('utf8') : String(p ?? '')));
      return { name, type: type as 'TXT', ttl, data: { strings, text: strings.join('') } };
    }
    case 'SRV': {
      const s = d as { priority?: number; weight?: number; port?: number; target?: string };
      return { name, type: 'SRV', ttl, data: { priority: s?.priority ?? 0, weight: s?.weight ?? 0, port: s?.port ?? 0, target: lower(s?.target) } };
    }
    case 'SOA': {
      const s = d as { mname: string; rname: string; serial: number; refresh: number; retry: number; expire: number; minimum: number };
      return { name, type: 'SOA', ttl, data: { ...s, mname: lower(s.mname), rname: lower(s.rname) } };
    }
    default:
      return { name, type, ttl, data: Buffer.isBuffer(d) ? d.toString('hex') : d };
  }
}

/**
 * The records of `type` that answer `name`, following CNAMEs in the answer section. Records for other
 * owners or of other types (a misbehaving server) are ignored.
 */
export function recordsOf(answer: Pick<DnsAnswer, 'name' | 'answers'>, type: string): DnsRecord[] {
  const owners = new Set([answer.name]);
  if (type !== 'CNAME') {
    for (let i = 0; i < 16; i++) {
      const size = owners.size;
      for (const r of answer.answers) if (r.type === 'CNAME' && owners.has(r.name)) owners.add(String(r.data));
      if (owners.size === size) break;
    }
  }
  return answer.answers.filter((r) => r.type === type && owners.has(r.name));
}

/** Status from the response code and whether records of the asked type came. */
export function statusFor(rcode: string, name: string, type: DnsRecordType, answers: DnsRecord[]): DnsStatus {
  switch (rcode) {
    case 'NOERROR': return recordsOf({ name, answers }, type).length ? 'ok' : 'nodata';
    case 'NXDOMAIN': return 'nxdomain';
    case 'SERVFAIL': return 'servfail';
    case 'REFUSED': return 'refused';
    default: return 'error';
  }
}

/** Is this a real answer (records or a definite "no such name / no such record")? */
export function isDefinite(status: DnsStatus): boolean {
  return status === 'ok' || status === 'nodata' || status === 'nxdomain';
}
