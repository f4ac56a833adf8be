/**
 * The SPF lookup tree of a domain, without a client IP: every include/redirect followed (in parallel, each
 * (name, type) asked once), every term that costs a DNS lookup counted over the whole tree (RFC 7208 §4.6.4),
 * void lookups, loops, duplicate includes, targets that resolve to nothing, and each record's problems.
 */
import { isDefinite, recordsOf, type DnsAnswer, type DnsQuery } from '../../dns/index.js';
import { trimDomain } from './macro.js';
import { isSpfRecord, looksLikeSpfTypo, parseSpf, type ParsedSpf, type SpfMechanism } from './parser.js';
import { isValidSpfDomain } from './evaluator.js';

export type SpfNodeStatus =
  | 'ok' // one SPF record, parsed
  | 'none' // no SPF record (name exists)
  | 'nxdomain' // the name does not exist
  | 'multiple' // more than one SPF record
  | 'syntax' // record has syntax errors
  | 'dns-error' // timeout / SERVFAIL / REFUSED: unknown
  | 'loop' // include/redirect back to a domain on the path
  | 'invalid' // not a valid domain name
  | 'macro' // target depends on the message (macros): not followed
  | 'depth'; // nesting deeper than we follow

/** A DNS lookup a term costs, and what it found. */
export interface SpfTermLookup {
  term: string;
  /** The mechanism name (include, a, mx, ptr, exists, redirect). */
  kind: string;
  target: string;
  /** Found something (false = void lookup). undefined when not resolved (macro, DNS error). */
  found?: boolean;
  /** DNS status when it failed. */
  dnsStatus?: string;
  /** For a/mx: the addresses found; for mx: the MX hosts. */
  values?: string[];
}

export interface SpfTreeNode {
  domain: string;
  /** The term that led here ('' for the root). */
  via: string;
  depth: number;
  status: SpfNodeStatus;
  record?: string;
  /** All TXT strings at the name that are SPF records (several = error) or look like mistyped ones. */
  records: string[];
  typos: string[];
  parsed?: ParsedSpf;
  lookups: SpfTermLookup[];
  children: SpfTreeNode[];
  /** Seen already elsewhere in the tree (not on the path): evaluated again, costs lookups again. */
  duplicate?: boolean;
  dnsError?: string;
  /** Wire size of the record and its character-strings (for the 255/512 limits). */
  strings?: number[];
}

export interface SpfTree {
  root: SpfTreeNode;
  /** DNS-lookup terms over the whole tree (limit 10). */
  lookupCount: number;
  /** Lookups that found nothing (limit 2). */
  voidCount: number;
  /** Any part could not be checked (DNS errors). */
  incomplete: boolean;
  nodes: SpfTreeNode[];
}

const MAX_DEPTH = 12;

export async function buildSpfTree(dns: DnsQuery, domain: string): Promise<SpfTree> {
  const nodes: SpfTreeNode[] = [];
  const seen = new Set<string>();

  const lookupTarget = async (m: SpfMechanism, d: string): Promise<SpfTermLookup> => {
    const kind = m.name;
    if (m.domainParts?.some((p) => p.kind === 'macro')) return { term: m.raw, kind, target: m.domainSpec ?? d };
    const target = m.domainSpec ? trimDomain(m.domainSpec).toLowerCase() : d;
    if (kind === 'a') {
      const [a, aaaa] = await Promise.all([dns.query(target, 'A'), dns.query(target, 'AAAA')]);
      const bad = [a, aaaa].find((x) => !isDefinite(x.status));
      const values = [...recordsOf(a, 'A'), ...recordsOf(aaaa, 'AAAA')].map((r) => String(r.data));
      if (bad && !values.length) return { term: m.raw, kind, target, dnsStatus: bad.status };
      return { term: m.raw, kind, target, found: values.length > 0, values };
    }
    if (kind === 'mx') {
      const mx = await dns.query(target, 'MX');
      if (!isDefinite(mx.status)) return { term: m.raw, kind, target, dnsStatus: mx.status };
      const hosts = recordsOf(mx, 'MX').map((r) => (r.data as { exchange: string }).exchange).filter(Boolean);
      // Ask the hosts' addresses too: an SPF "mx" evaluation does, and it shows MX hosts without addresses.
      await Promise.all(hosts.slice(0, 10).flatMap((h) => [dns.query(h, 'A'), dns.query(h, 'AAAA')]));
      return { term: m.raw, kind, target, found: hosts.length > 0, values: hosts };
    }
    if (kind === 'exists') {
      const a = await dns.query(target, 'A');
      if (!isDefinite(a.status)) return { term: m.raw, kind, target, dnsStatus: a.status };
      return { term: m.raw, kind, target, found: recordsOf(a, 'A').length > 0 };
    }
    return { term: m.raw, kind, target }; // ptr: depends on the client IP
  };

  async function visit(domain: string, via: string, depth: number, path: string[]): Promise<SpfTreeNode> {
    const d = domain.toLowerCase().replace(/\.$/, '');
    const node: SpfTreeNode = { domain: d, via, depth, status: 'ok', records: [], typos: [], lookups: [], children: [] };
    nodes.push(node);
    if (!isValidSpfDomain(d)) { node.status = 'invalid'; return node; }
    if (path.includes(d)) { node.status = 'loop'; return node; }
    if (depth > MAX_DEPTH) { node.status = 'depth'; return node; }
    if (seen.has(d)) node.duplicate = true;
    seen.add(d);
    const txt: DnsAnswer = await dns.query(d, 'TXT');
    if (txt.status === 'nxdomain') { node.status = 'nxdomain'; return node; }
    if (!isDefinite(txt.status)) { node.status = 'dns-error'; node.dnsError = txt.error ?? txt.status; return node; }
    const texts = recordsOf(txt, 'TXT').map((r) => r.data as { text: string; strings: string[] });
    const spf = texts.filter((t) => isSpfRecord(t.text));
    node.records = spf.map((t) => t.text);
    node.typos = texts.filter((t) => looksLikeSpfTypo(t.text)).map((t) => t.text);
    if (spf.length === 0) { node.status = 'none'; return node; }
    if (spf.length > 1) { node.status = 'multiple'; return node; }
    node.record = spf[0]!.text;
    node.strings = spf[0]!.strings.map((s) => Buffer.byteLength(s));
    const parsed = parseSpf(node.record);
    node.parsed = parsed;
    if (parsed.errors.length) node.status = 'syntax';
    const next = [...path, d];
    const jobs: Promise<void>[] = [];
    for (const m of parsed.mechanisms) {
      if (m.name === 'include') {
        if (m.domainParts?.some((p) => p.kind === 'macro')) {
          node.lookups.push({ term: m.raw, kind: 'include', target: m.domainSpec! });
          node.children.push({ domain: m.domainSpec!, via: m.raw, depth: depth + 1, status: 'macro', records: [], typos: [], lookups: [], children: [] });
          continue;
        }
        const target = trimDomain(m.domainSpec!).toLowerCase();
        const l: SpfTermLookup = { term: m.raw, kind: 'include', target };
        node.lookups.push(l);
        const slot = node.children.length;
        node.children.push(undefined as unknown as SpfTreeNode);
        jobs.push(visit(target, m.raw, depth + 1, next).then((c) => {
          node.children[slot] = c;
          if (c.status === 'nxdomain' || c.status === 'none') l.found = false;
          else if (c.status === 'dns-error') l.dnsStatus = c.dnsError ?? 'error';
          else l.found = true;
        }));
      } else if (m.name === 'a' || m.name === 'mx' || m.name === 'ptr' || m.name === 'exists') {
        const idx = node.lookups.length;
        node.lookups.push({ term: m.raw, kind: m.name, target: m.domainSpec ?? d });
        jobs.push(lookupTarget(m, d).then((l) => { node.lookups[idx] = l; }));
      }
    }
    const hasAll = parsed.mechanisms.some((m) => m.name === 'all');
    if (parsed.redirect && !hasAll) {
      const spec = parsed.redirect.value;
      if (parsed.redirect.valueParts?.some((p) => p.kind === 'macro')) {
        node.lookups.push({ term: parsed.redirect.raw, kind: 'redirect', target: spec });
        node.children.push({ domain: spec, via: parsed.redirect.raw, depth: depth + 1, status: 'macro', records: [], typos: [], lookups: [], children: [] });
      } else {
        const target = trimDomain(spec).toLowerCase();
        const l: SpfTermLookup = { term: parsed.redirect.raw, kind: 'redirect', target };
        node.lookups.push(l);
        const slot = node.children.length;
        node.children.push(undefined as unknown as SpfTreeNode);
        jobs.push(visit(target, parsed.redirect.raw, depth + 1, next).then((c) => {
          node.children[slot] = c;
          l.found = !(c.status === 'nxdomain' || c.status === 'none');
        }));
      }
    }
    await Promise.all(jobs);
    return node;
  }

  const root = await visit(domain, '', 0, []);
  let lookupCount = 0;
  let voidCount = 0;
  let incomplete = false;
  for (const n of nodes) {
    lookupCount += n.lookups.length;
    voidCount += n.lookups.filter((l) => l.found === false).length;
    if (n.status === 'dns-error' || n.lookups.some((l) => l.dnsStatus)) incomplete = true;
  }
  return { root, lookupCount, voidCount, incomplete, nodes };
}

/** The tree as indented lines, for tables and evidence ("include:x (3 lookups)"). */
export function spfTreeLines(tree: SpfTree): { indent: number; term: string; domain: string; status: string; record: string; lookups: number }[] {
  const out: { indent: number; term: string; domain: string; status: string; record: string; lookups: number }[] = [];
  const walk = (n: SpfTreeNode) => {
    out.push({
      indent: n.depth, term: n.via || '(root)', domain: n.domain, status: n.duplicate ? `${n.status}, duplicate` : n.status,
      record: n.record ?? (n.records.length > 1 ? n.records.join(' | ') : ''), lookups: n.lookups.length,
    });
    for (const c of n.children) if (c) walk(c);
  };
  walk(tree.root);
  return out;
}
