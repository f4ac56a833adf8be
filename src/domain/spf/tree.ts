/**
 * The SPF lookup tree of a domain, without a client IP: every include/redirect followed, every term that costs
 * a DNS lookup counted over the whole tree (RFC 7208 §4.6.4), void lookups, loops, duplicate includes, targets
 * that resolve to nothing, and each record's problems.
 *
 * Bounded, because a hostile zone decides its shape: each record is fetched and walked once (a record included
 * again is a "duplicate" node that is not expanded; its lookups are counted again from the first copy, as an
 * evaluation would spend them), the walk is breadth first and stops creating nodes at `nodes`, and the tree
 * asks at most `queries` distinct DNS questions (records first, then the a/mx/exists targets). The count may
 * go on past 10 ("needs 840 of 10"); when a cap left records unread it is a lower bound (`atLeast`).
 */
import { isDefinite, recordsOf, type DnsAnswer, type DnsQuery, type DnsRecordType } from '../../dns/index.js';
import { trimDomain } from './macro.js';
import { isSpfRecord, looksLikeSpfTypo, parseSpf, type ParsedSpf } from './parser.js';
import { isValidSpfDomain } from './evaluator.js';

/**
 * What became of one domain in the SPF tree: its record was read, or why it was not (none, several, broken, DNS
 * failed, a loop, or not followed).
 */
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
  | 'depth' // nesting deeper than we follow
  | 'limit'; // not followed: the tree reached its node or DNS-query cap

/** A DNS lookup a term costs, and what it found. */
export interface SpfTermLookup {
  term: string;
  /** The mechanism name (include, a, mx, ptr, exists, redirect). */
  kind: string;
  target: string;
  /** Found something (false = void lookup). undefined when not resolved (macro, DNS error, cap). */
  found?: boolean;
  /** DNS status when it failed. */
  dnsStatus?: string;
  /** For a: the addresses found; for mx: the MX hosts. */
  values?: string[];
  /** Not asked: the tree's DNS-query cap was reached. */
  skipped?: boolean;
}

/**
 * One domain in the SPF tree: the term that led to it, its record and the lookups its terms cost, and the includes
 * and redirect below it.
 */
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
  /**
   * Included again elsewhere in the tree (not on the path): an evaluation spends its lookups again. Not
   * expanded here; its record and children are those of the first copy.
   */
  duplicate?: boolean;
  dnsError?: string;
  /** Wire size of the record and its character-strings (for the 255/512 limits). */
  strings?: number[];
}

/** Caps on the SPF tree's walk, so a hostile or looping zone cannot make it ask without end. */
export interface SpfTreeLimits {
  /** Nodes the tree creates at most (default 200). */
  nodes: number;
  /** Distinct DNS questions the tree asks at most (default 100). */
  queries: number;
  /** Nesting followed at most (default 12). */
  depth: number;
}

/** The default caps: 200 nodes, 100 DNS questions, 12 levels. */
export const SPF_TREE_LIMITS: SpfTreeLimits = { nodes: 200, queries: 100, depth: 12 };

/**
 * A domain's whole SPF tree (every include and redirect), with the lookup counts an evaluation would spend against
 * RFC 7208's limits, the loops found, and whether a cap cut it short.
 */
export interface SpfTree {
  root: SpfTreeNode;
  /** DNS-lookup terms over the whole tree (limit 10), duplicates counted as often as an evaluation meets them. */
  lookupCount: number;
  /** Lookups that found nothing (limit 2). */
  voidCount: number;
  /** Any part could not be checked (DNS errors, or a cap stopped the walk). */
  incomplete: boolean;
  nodes: SpfTreeNode[];
  /** include/redirect edges that lead back to a domain being evaluated (a loop), once each. */
  loops: { from: string; via: string; to: string }[];
  /** Which cap stopped the walk or left questions unasked. */
  capped?: { nodes?: boolean; queries?: boolean; depth?: boolean };
  /** Records were left unread (a cap): `lookupCount` and `voidCount` are the least the tree needs. */
  atLeast?: boolean;
  /** Distinct DNS questions the tree asked. */
  queries: number;
}

/** Counts past this are reported as "at least" (a lattice of includes multiplies them). */
const COUNT_CAP = 100_000;

interface Edge { via: string; target: string; kind: 'include' | 'redirect'; macro: boolean; lookup: SpfTermLookup }

/**
 * Fetches a domain's SPF record and everything it includes or redirects to, breadth first, each domain once, within
 * the limits; counts the DNS lookups an evaluation would need without an IP to evaluate.
 */
export async function buildSpfTree(dns: DnsQuery, domain: string, limits: SpfTreeLimits = SPF_TREE_LIMITS): Promise<SpfTree> {
  const nodes: SpfTreeNode[] = [];
  const capped: NonNullable<SpfTree['capped']> = {};
  const asked = new Set<string>();
  /** One DNS question, within the budget; undefined when the budget is spent (the answer stays unknown). */
  const ask = (name: string, type: DnsRecordType): Promise<DnsAnswer> | undefined => {
    const key = `${name.toLowerCase().replace(/\.$/, '')}|${type}`;
    if (!asked.has(key)) {
      if (asked.size >= limits.queries) { capped.queries = true; return undefined; }
      asked.add(key);
    }
    return dns.query(name, type);
  };
  /** The first node of each domain (the one that is expanded), and each domain's include/redirect edges. */
  const first = new Map<string, SpfTreeNode>();
  const edges = new Map<string, Edge[]>();
  const newNode = (d: string, via: string, depth: number, status: SpfNodeStatus = 'ok'): SpfTreeNode | undefined => {
    if (nodes.length >= limits.nodes) { capped.nodes = true; return undefined; }
    const n: SpfTreeNode = { domain: d, via, depth, status, records: [], typos: [], lookups: [], children: [] };
    nodes.push(n);
    return n;
  };

  /** Fetch and parse a node's record; note its lookups and the edges to follow. */
  const fetchRecord = async (node: SpfTreeNode): Promise<void> => {
    const d = node.domain;
    const q = ask(d, 'TXT');
    if (!q) { node.status = 'limit'; return; }
    const txt = await q;
    if (txt.status === 'nxdomain') { node.status = 'nxdomain'; return; }
    if (!isDefinite(txt.status)) { node.status = 'dns-error'; node.dnsError = txt.error ?? txt.status; return; }
    const texts = recordsOf(txt, 'TXT').map((r) => r.data as { text: string; strings: string[] });
    const spf = texts.filter((t) => isSpfRecord(t.text));
    node.records = spf.map((t) => t.text);
    node.typos = texts.filter((t) => looksLikeSpfTypo(t.text)).map((t) => t.text);
    if (spf.length === 0) { node.status = 'none'; return; }
    if (spf.length > 1) { node.status = 'multiple'; return; }
    node.record = spf[0]!.text;
    node.strings = spf[0]!.strings.map((s) => Buffer.byteLength(s));
    const parsed = parseSpf(node.record);
    node.parsed = parsed;
    if (parsed.errors.length) node.status = 'syntax';
    const out: Edge[] = [];
    for (const m of parsed.mechanisms) {
      if (m.name === 'include') {
        const macro = Boolean(m.domainParts?.some((p) => p.kind === 'macro'));
        const target = macro ? m.domainSpec! : trimDomain(m.domainSpec!).toLowerCase();
        const l: SpfTermLookup = { term: m.raw, kind: 'include', target };
        node.lookups.push(l);
        out.push({ via: m.raw, target, kind: 'include', macro, lookup: l });
      } else if (m.name === 'a' || m.name === 'mx' || m.name === 'ptr' || m.name === 'exists') {
        node.lookups.push({ term: m.raw, kind: m.name, target: m.domainParts?.some((p) => p.kind === 'macro') ? m.domainSpec ?? d : m.domainSpec ? trimDomain(m.domainSpec).toLowerCase() : d });
      }
    }
    if (parsed.redirect && !parsed.mechanisms.some((m) => m.name === 'all')) {
      const macro = Boolean(parsed.redirect.valueParts?.some((p) => p.kind === 'macro'));
      const target = macro ? parsed.redirect.value : trimDomain(parsed.redirect.value).toLowerCase();
      const l: SpfTermLookup = { term: parsed.redirect.raw, kind: 'redirect', target };
      node.lookups.push(l);
      out.push({ via: parsed.redirect.raw, target, kind: 'redirect', macro, lookup: l });
    }
    edges.set(d, out);
  };

  // Breadth first: the records of one level, then the next level's nodes.
  const rootDomain = domain.toLowerCase().replace(/\.$/, '');
  const root = newNode(rootDomain, '', 0)!;
  const paths = new Map<SpfTreeNode, string[]>([[root, []]]);
  let level: SpfTreeNode[] = [];
  if (!isValidSpfDomain(rootDomain)) root.status = 'invalid';
  else { first.set(rootDomain, root); level = [root]; }
  while (level.length) {
    await Promise.all(level.map(fetchRecord));
    const next: SpfTreeNode[] = [];
    for (const node of level) {
      const path = [...paths.get(node)!, node.domain];
      for (const e of edges.get(node.domain) ?? []) {
        const child = newNode(e.target, e.via, node.depth + 1, e.macro ? 'macro' : 'ok');
        if (!child) break;
        node.children.push(child);
        if (e.macro) continue;
        if (!isValidSpfDomain(e.target)) child.status = 'invalid';
        else if (path.includes(e.target)) child.status = 'loop';
        else if (first.has(e.target)) child.duplicate = true;
        else if (child.depth > limits.depth) { child.status = 'depth'; capped.depth = true; }
        else { first.set(e.target, child); paths.set(child, path); next.push(child); }
      }
      if (capped.nodes) break;
    }
    level = next;
  }
  // A duplicate shows what its first copy found; the edge's lookup says whether the target has a record.
  for (const n of nodes) {
    if (n.duplicate) {
      const f = first.get(n.domain)!;
      n.status = f.status;
      if (f.record !== undefined) n.record = f.record;
      n.records = f.records;
      if (f.dnsError) n.dnsError = f.dnsError;
    }
  }
  for (const [d, es] of edges) {
    void d;
    for (const e of es) {
      if (e.macro) continue;
      const c = first.get(e.target);
      if (!c) continue;
      if (c.status === 'nxdomain' || c.status === 'none') e.lookup.found = false;
      else if (c.status === 'dns-error') e.lookup.dnsStatus = c.dnsError ?? 'error';
      else if (c.status === 'limit') e.lookup.skipped = true;
      else e.lookup.found = true;
    }
  }

  // The a/mx/exists targets, each asked once, shallow records first, within what is left of the budget.
  const targets = new Map<string, Promise<Omit<SpfTermLookup, 'term' | 'kind' | 'target'>>>();
  const resolveTarget = (kind: string, target: string): Promise<Omit<SpfTermLookup, 'term' | 'kind' | 'target'>> => {
    const key = `${kind}|${target}`;
    let p = targets.get(key);
    if (!p) {
      p = (async () => {
        if (kind === 'a') {
          const qa = ask(target, 'A');
          const qaaaa = ask(target, 'AAAA');
          if (!qa || !qaaaa) return { skipped: true };
          const [a, aaaa] = await Promise.all([qa, qaaaa]);
          const bad = [a, aaaa].find((x) => !isDefinite(x.status));
          const values = [...recordsOf(a, 'A'), ...recordsOf(aaaa, 'AAAA')].map((r) => String(r.data));
          if (bad && !values.length) return { dnsStatus: bad.status };
          return { found: values.length > 0, values: values.slice(0, 20) };
        }
        const q = ask(target, kind === 'mx' ? 'MX' : 'A');
        if (!q) return { skipped: true };
        const ans = await q;
        if (!isDefinite(ans.status)) return { dnsStatus: ans.status };
        if (kind === 'mx') {
          const hosts = recordsOf(ans, 'MX').map((r) => (r.data as { exchange: string }).exchange).filter(Boolean);
          return { found: hosts.length > 0, values: hosts.slice(0, 20) };
        }
        return { found: recordsOf(ans, 'A').length > 0 };
      })();
      targets.set(key, p);
    }
    return p;
  };
  const jobs: Promise<void>[] = [];
  for (const n of nodes) {
    if (n.duplicate) continue;
    for (const [i, l] of n.lookups.entries()) {
      if (l.kind !== 'a' && l.kind !== 'mx' && l.kind !== 'exists') continue;
      if (n.parsed?.mechanisms.find((m) => m.raw === l.term)?.domainParts?.some((p) => p.kind === 'macro')) continue;
      jobs.push(resolveTarget(l.kind, l.target).then((r) => { n.lookups[i] = { ...l, ...r }; }));
    }
  }
  await Promise.all(jobs);

  // Counts over the graph of distinct records: a duplicate costs its first copy's lookups again.
  const memo = new Map<string, { lookups: number; voids: number }>();
  const active = new Set<string>();
  const loops: SpfTree['loops'] = [];
  const count = (d: string): { lookups: number; voids: number } => {
    const done = memo.get(d);
    if (done) return done;
    const n = first.get(d);
    if (!n) return { lookups: 0, voids: 0 };
    active.add(d);
    let lookups = n.lookups.length;
    let voids = n.lookups.filter((l) => l.found === false).length;
    for (const e of edges.get(d) ?? []) {
      if (e.macro) continue;
      if (active.has(e.target)) {
        if (!loops.some((x) => x.from === d && x.to === e.target)) loops.push({ from: d, via: e.via, to: e.target });
        continue;
      }
      const c = count(e.target);
      lookups = Math.min(COUNT_CAP, lookups + c.lookups);
      voids = Math.min(COUNT_CAP, voids + c.voids);
    }
    active.delete(d);
    const r = { lookups, voids };
    memo.set(d, r);
    return r;
  };
  const total = root.status === 'invalid' ? { lookups: 0, voids: 0 } : count(rootDomain);
  const incomplete = Boolean(capped.nodes || capped.queries || capped.depth)
    || nodes.some((n) => n.status === 'dns-error' || n.lookups.some((l) => l.dnsStatus || l.skipped));
  const atLeast = Boolean(capped.nodes || capped.depth) || nodes.some((n) => n.status === 'limit')
    || total.lookups >= COUNT_CAP || total.voids >= COUNT_CAP;
  return {
    root, lookupCount: total.lookups, voidCount: total.voids, incomplete, nodes, loops,
    ...(capped.nodes || capped.queries || capped.depth ? { capped } : {}), ...(atLeast ? { atLeast } : {}), queries: asked.size,
  };
}

/** The tree as indented lines, for tables and evidence ("include:x (3 lookups)"); at most `max` lines. */
export function spfTreeLines(tree: SpfTree, max = 200): { indent: number; term: string; domain: string; status: string; record: string; lookups: number }[] {
  const out: { indent: number; term: string; domain: string; status: string; record: string; lookups: number }[] = [];
  const walk = (n: SpfTreeNode) => {
    if (out.length >= max) return;
    out.push({
      indent: n.depth, term: n.via || '(root)', domain: n.domain, status: n.duplicate ? `${n.status}, duplicate` : n.status,
      record: n.duplicate ? '' : n.record ?? (n.records.length > 1 ? n.records.join(' | ') : ''), lookups: n.duplicate ? 0 : n.lookups.length,
    });
    for (const c of n.children) walk(c);
  };
  walk(tree.root);
  return out;
}
