// Driver for the RFC 7208 conformance suite (../shared/corpus/spf/rfc7208-tests.yml): each YAML document's
// `zonedata` becomes an in-memory DNS client (absent name = NXDOMAIN, TIMEOUT = timeout), each test is
// evaluated with evaluateSpf.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { createStaticDnsClient, type StaticEntry, type StaticRecord } from '../../src/dns/index.js';

export interface SuiteCase {
  section: string;
  name: string;
  host: string;
  mailfrom: string;
  helo: string;
  result: string[];
  explanation?: string;
  zone: Record<string, StaticEntry>;
}

type ZoneItem = string | Record<string, unknown>;

function toZone(zonedata: Record<string, ZoneItem[]>): Record<string, StaticEntry> {
  const zone: Record<string, StaticEntry> = {};
  for (const [name, items] of Object.entries(zonedata ?? {})) {
    const recs: StaticRecord[] = [];
    let txtListed = false;
    for (const item of items ?? []) {
      if (item === 'TIMEOUT') { recs.push({ type: 'TIMEOUT' }); continue; }
      if (typeof item !== 'object' || !item) continue;
      const [type, value] = Object.entries(item)[0]!;
      const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : [String(v)]);
      if (type === 'TXT') txtListed = true;
      if (value === 'NONE') continue; // "TXT: NONE": the type has no record
      switch (type) {
        case 'SPF': case 'TXT': recs.push({ type: type as 'TXT', data: strs(value) }); break;
        case 'A': case 'AAAA': case 'PTR': case 'CNAME': recs.push({ type, data: String(value) }); break;
        case 'MX': { const [p, h] = value as [number, string]; recs.push({ type: 'MX', data: { preference: Number(p), exchange: String(h) } }); break; }
        default: break;
      }
    }
    // "auto-magic duplication of SPF to TXT records (by test suite drivers)"
    if (recs.some((r) => r.type === 'SPF') && !txtListed) {
      for (const r of recs.filter((x) => x.type === 'SPF')) recs.push({ type: 'TXT', data: (r as { data: string[] }).data });
    }
    const prev = zone[name];
    zone[name] = Array.isArray(prev) ? [...prev, ...recs] : recs;
  }
  return zone;
}

export function loadSuite(path: string): SuiteCase[] {
  const out: SuiteCase[] = [];
  for (const doc of parseAllDocuments(readFileSync(path, 'utf8'))) {
    const d = doc.toJS() as { description: string; tests: Record<string, Record<string, unknown>>; zonedata: Record<string, ZoneItem[]> } | null;
    if (!d?.tests) continue;
    const zone = toZone(d.zonedata);
    for (const [name, t] of Object.entries(d.tests)) {
      out.push({
        section: d.description, name, host: String(t.host), mailfrom: String(t.mailfrom ?? ''), helo: String(t.helo ?? ''),
        result: Array.isArray(t.result) ? t.result.map(String) : [String(t.result)],
        ...(t.explanation !== undefined ? { explanation: String(t.explanation) } : {}),
        zone,
      });
    }
  }
  return out;
}

export const suiteClient = (c: SuiteCase) => createStaticDnsClient(c.zone);
