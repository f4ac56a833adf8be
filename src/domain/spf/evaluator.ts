/**
 * SPF evaluator: check_host() of RFC 7208 §4, over an injected DNS client. Exposes which mechanism matched,
 * in which record, every step taken, the lookup and void-lookup counts, and exp= explanations.
 */
import type { Text } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import { isDefinite, recordsOf, type DnsAnswer, type DnsQuery, type DnsRecordType } from '../../dns/index.js';
import { ipInCidr, parseIp, type IpBytes } from '../ip.js';
import { plPlural } from '../util.js';
import { expandMacroParts, parseMacroString, trimDomain, type MacroContext, type MacroPart } from './macro.js';
import { isSpfRecord, parseSpf, type ParsedSpf, type SpfMechanism, type SpfQualifier } from './parser.js';

/** The results of RFC 7208's check_host(): what a receiver decides for a client IP. */
export type SpfResult = 'pass' | 'fail' | 'softfail' | 'neutral' | 'none' | 'temperror' | 'permerror';

export const QUALIFIER_RESULT: Record<SpfQualifier, SpfResult> = { '+': 'pass', '-': 'fail', '~': 'softfail', '?': 'neutral' };

/** RFC 7208 §4.6.4 limits. */
export const SPF_LIMITS = { lookups: 10, voidLookups: 2, mxNames: 10, ptrNames: 10 } as const;

/**
 * One SMTP session to evaluate SPF for: the client IP, the domain (or the sender and HELO it comes from) and the
 * clock.
 */
export interface SpfEvalInput {
  /** Client IP (IPv4, IPv6, IPv4-mapped IPv6). */
  ip: string;
  /** Domain to check (the MAIL FROM domain, or the HELO name when MAIL FROM is empty). Default: from sender/helo. */
  domain?: string;
  /** MAIL FROM address; empty means a bounce (postmaster@helo). */
  sender?: string;
  helo?: string;
  /** Receiving host name, for %{r}. */
  receiver?: string;
  now?: () => number;
}

/**
 * One term evaluation took: where (domain, nesting depth), which term, and whether it matched, failed or was skipped.
 */
export interface SpfStep {
  domain: string;
  term: string;
  outcome: 'match' | 'no-match' | 'error' | 'skip';
  note?: string;
  depth: number;
}

/** The SPF result for one IP, what decided it and why, the DNS lookups spent and every step on the way. */
export interface SpfEvaluation {
  result: SpfResult;
  /** The domain check_host started at. */
  domain: string;
  /** The mechanism that decided (as written) and the domain whose record held it. */
  mechanism?: string;
  mechanismDomain?: string;
  /** Why: for errors the cause, for default results "no mechanism matched". */
  /** Why, in English (for logs and tests); `reasonText` in both languages. */
  reason: string;
  reasonText: Text;
  /** Explanation from exp= (on fail). */
  explanation?: string;
  lookups: number;
  voidLookups: number;
  steps: SpfStep[];
  /** The record at the top domain, if there was one. */
  record?: string;
}

const dnsFail = (status: string, name: string, type: string, error?: string): Text =>
  tx(`DNS ${status} for ${name} ${type}${error ? ': ' + error : ''}`, `błąd DNS (${status}) dla ${name} ${type}${error ? ': ' + error : ''}`);

class SpfAbort extends Error {
  constructor(public result: 'temperror' | 'permerror', public text: Text) { super(text.en); }
}

/** Is this a domain check_host can start with (RFC 7208 §4.3)? Multi-label, labels 1–63, not a literal. */
export function isValidSpfDomain(d: string): boolean {
  const n = d.endsWith('.') ? d.slice(0, -1) : d;
  if (!n || n.length > 253 || !n.includes('.')) return false;
  return n.split('.').every((l) => l.length > 0 && l.length <= 63 && /^[\x21-\x7e]+$/.test(l) && !/[[\]]/.test(l));
}

interface Outcome { result: SpfResult; mechanism?: string; mechanismDomain?: string; reason: Text; explanation?: string }

/** Pick the SPF record out of a TXT answer: none, one, or several (an error). */
export function selectSpfRecord(answer: DnsAnswer): { records: string[] } {
  return { records: recordsOf(answer, 'TXT').map((r) => (r.data as { text: string }).text).filter(isSpfRecord) };
}

/**
 * Evaluates SPF for one client IP as a receiver would (RFC 7208 check_host(), with its lookup limits and macros); an
 * empty sender means a bounce (postmaster@HELO). DNS failures and broken records give temperror or permerror, with
 * the reason.
 */
export async function evaluateSpf(dns: DnsQuery, input: SpfEvalInput): Promise<SpfEvaluation> {
  const parsedIp = parseIp(input.ip);
  const helo = (input.helo ?? '').replace(/\.$/, '');
  let sender = input.sender ?? '';
  if (!sender) sender = `postmaster@${helo || input.domain || 'unknown'}`;
  const at = sender.lastIndexOf('@');
  const localPart = at < 0 ? 'postmaster' : sender.slice(0, at) || 'postmaster';
  const senderDomain = (at < 0 ? sender : sender.slice(at + 1)).replace(/\.$/, '');
  if (at <= 0) sender = `${localPart}@${senderDomain}`;
  const domain = (input.domain ?? senderDomain).replace(/\.$/, '');
  const steps: SpfStep[] = [];
  const state = { lookups: 0, voids: 0 };
  const ev: SpfEvaluation = { result: 'none', domain, reason: '', reasonText: tx('', ''), lookups: 0, voidLookups: 0, steps };
  if (!parsedIp) {
    const t = tx(`"${input.ip}" is not an IP address`, `„${input.ip}” nie jest adresem IP`);
    return { ...ev, result: 'permerror', reason: t.en, reasonText: t };
  }
  const ip: IpBytes = parsedIp;

  const query = async (name: string, type: DnsRecordType): Promise<DnsAnswer> => dns.query(name, type);
  const addrType = (v: 4 | 6): DnsRecordType => (v === 4 ? 'A' : 'AAAA');

  /**
   * The records of one name and type for a term; finding none counts as a void lookup when `countVoid`. A name
   * that could not be asked at all (invalid after macro expansion: status "error" and nothing sent) matches
   * nothing; any other failure (timeout, SERVFAIL, a socket error) aborts with temperror.
   */
  const lookup = async (name: string, type: DnsRecordType, countVoid: boolean) => {
    const a = await query(name, type);
    const notAsked = a.status === 'error' && !a.rcode && a.attempts === 0;
    if (!notAsked && !isDefinite(a.status)) throw new SpfAbort('temperror', dnsFail(a.status, name, type));
    const records = notAsked ? [] : recordsOf(a, type);
    if (!records.length && countVoid) void_();
    return records;
  };
  /** Addresses of a name (A or AAAA, as the client IP). */
  const addresses = async (name: string, countVoid: boolean): Promise<IpBytes[]> =>
    (await lookup(name, addrType(ip.version), countVoid)).map((r) => parseIp(String(r.data))).filter((x): x is IpBytes => Boolean(x));
  const void_ = () => {
    state.voids++;
    if (state.voids > SPF_LIMITS.voidLookups) throw new SpfAbort('permerror', tx(`more than ${SPF_LIMITS.voidLookups} void DNS lookups`, `ponad ${SPF_LIMITS.voidLookups} puste odpowiedzi DNS`));
  };
  const countLookup = (term: string) => {
    state.lookups++;
    if (state.lookups > SPF_LIMITS.lookups) throw new SpfAbort('permerror', tx(`more than ${SPF_LIMITS.lookups} DNS lookups (at "${term}")`, `ponad ${SPF_LIMITS.lookups} zapytań DNS (przy „${term}”)`));
  };

  let validatedCache: Promise<string[]> | undefined;
  /** Validated PTR names of the client IP (for ptr and %{p}); DNS errors just drop names. */
  const validatedNames = (): Promise<string[]> => {
    validatedCache ??= (async () => {
      const rev = ip.version === 4 ? ip.bytes.slice().reverse().join('.') + '.in-addr.arpa'
        : ip.bytes.flatMap((b) => [(b >> 4).toString(16), (b & 15).toString(16)]).reverse().join('.') + '.ip6.arpa';
      const p = await query(rev, 'PTR');
      const names = recordsOf(p, 'PTR').map((r) => String(r.data)).slice(0, SPF_LIMITS.ptrNames);
      const checked = await Promise.all(names.map(async (n) => {
        const a = await query(n, addrType(ip.version));
        return recordsOf(a, addrType(ip.version)).some((r) => { const x = parseIp(String(r.data)); return x && ipInCidr(ip, x, ip.version === 4 ? 32 : 128); }) ? n : undefined;
      }));
      return checked.filter((n): n is string => Boolean(n));
    })();
    return validatedCache;
  };

  const ctxFor = (d: string): MacroContext => ({
    sender, localPart, senderDomain, domain: d, ip: ip.text, ipVersion: ip.version, ipBytes: ip.bytes, helo: helo || 'unknown',
    ...(input.receiver ? { receiver: input.receiver } : {}), ...(input.now ? { now: input.now } : {}),
    validatedName: async () => {
      const names = await validatedNames();
      const cur = d.toLowerCase();
      return names.find((n) => n === cur) ?? names.find((n) => n.endsWith('.' + cur)) ?? names[0] ?? 'unknown';
    },
  });
  const target = async (parts: MacroPart[] | undefined, d: string): Promise<string> =>
    (parts ? trimDomain(await expandMacroParts(parts, ctxFor(d))) : d);

  const cidrMatch = (addrs: IpBytes[], m: SpfMechanism) => {
    const len = ip.version === 4 ? (m.cidr4 ?? 32) : (m.cidr6 ?? 128);
    return addrs.some((x) => ipInCidr(ip, x, len));
  };

  async function matchMechanism(m: SpfMechanism, d: string, depth: number): Promise<boolean> {
    switch (m.name) {
      case 'all': return true;
      case 'ip4': case 'ip6': {
        const net = parseIp(m.network!);
        if (!net) return false;
        if (m.name === 'ip6' && net.version === 4) return false; // ::ffff:x in ip6: only matches IPv6 clients
        const len = m.name === 'ip4' ? (m.cidr4 ?? 32) : (m.cidr6 ?? 128);
        return ip.version === (m.name === 'ip4' ? 4 : 6) && ipInCidr(ip, net, len);
      }
      case 'a': {
        countLookup(m.raw);
        return cidrMatch(await addresses(await target(m.domainParts, d), true), m);
      }
      case 'mx': {
        countLookup(m.raw);
        const t = await target(m.domainParts, d);
        const records = await lookup(t, 'MX', true);
        if (!records.length) return false;
        const hosts = records.map((r) => (r.data as { exchange: string }).exchange).filter(Boolean);
        if (hosts.length > SPF_LIMITS.mxNames) throw new SpfAbort('permerror', tx(`${t} has more than ${SPF_LIMITS.mxNames} MX hosts`, `${t} ma ponad ${SPF_LIMITS.mxNames} serwerów MX`));
        const all = await Promise.allSettled(hosts.map((h) => addresses(h, false)));
        for (const r of all) if (r.status === 'fulfilled' && cidrMatch(r.value, m)) return true;
        const failed = all.find((r) => r.status === 'rejected');
        if (failed) throw (failed as PromiseRejectedResult).reason;
        return false;
      }
      case 'ptr': {
        countLookup(m.raw);
        const t = (await target(m.domainParts, d)).toLowerCase();
        const names = await validatedNames();
        return names.some((n) => n === t || n.endsWith('.' + t));
      }
      case 'exists': {
        countLookup(m.raw);
        const t = await target(m.domainParts, d);
        return (await lookup(t, 'A', true)).length > 0;
      }
      case 'include': {
        countLookup(m.raw);
        const t = await target(m.domainParts, d);
        const sub = await checkHost(t, depth + 1);
        switch (sub.result) {
          case 'pass': return true;
          case 'fail': case 'softfail': case 'neutral': return false;
          case 'temperror': throw new SpfAbort('temperror', sub.reason);
          case 'permerror': throw new SpfAbort('permerror', sub.reason);
          case 'none': throw new SpfAbort('permerror', tx(`include:${t} has no SPF record (${sub.reason.en})`, `include:${t} nie ma rekordu SPF (${sub.reason.pl})`));
        }
      }
    }
    return false;
  }

  async function explain(parsed: ParsedSpf, d: string): Promise<string | undefined> {
    if (!parsed.exp) return undefined;
    try {
      const t = await target(parsed.exp.valueParts, d);
      const a = await query(t, 'TXT');
      const recs = recordsOf(a, 'TXT');
      if (a.status !== 'ok' || recs.length !== 1) return undefined;
      const text = (recs[0]!.data as { text: string }).text;
      const p = parseMacroString(text, true);
      if (p.error) return undefined;
      return await expandMacroParts(p.parts, ctxFor(d));
    } catch { return undefined; }
  }

  async function checkHost(d: string, depth: number): Promise<Outcome> {
    if (!isValidSpfDomain(d)) return { result: 'none', reason: tx(`"${d}" is not a valid domain name`, `„${d}” nie jest poprawną nazwą domeny`) };
    const txt = await query(d, 'TXT');
    if (txt.status === 'nxdomain') return { result: 'none', reason: tx(`${d} does not exist (NXDOMAIN)`, `${d} nie istnieje (NXDOMAIN)`) };
    if (txt.status === 'error' && !txt.rcode) return { result: 'none', reason: tx(`${d}: ${txt.error}`, `${d}: ${txt.error}`) };
    if (!isDefinite(txt.status)) throw new SpfAbort('temperror', dnsFail(txt.status, d, 'TXT', txt.error));
    const { records } = selectSpfRecord(txt);
    if (records.length === 0) return { result: 'none', reason: tx(`${d} has no SPF record`, `${d} nie ma rekordu SPF`) };
    if (records.length > 1) throw new SpfAbort('permerror', tx(`${d} has ${records.length} SPF records (exactly one is allowed)`, `${d} ma ${records.length} ${plPlural(records.length, 'rekord', 'rekordy', 'rekordów')} SPF (dozwolony jest dokładnie jeden)`));
    const record = records[0]!;
    if (depth === 0) ev.record = record;
    const parsed = parseSpf(record);
    if (parsed.errors.length) {
      const e = parsed.errors[0]!;
      throw new SpfAbort('permerror', tx(`syntax error in the SPF record of ${d} at character ${e.pos + 1} ("${e.term}"): ${e.message.en}`, `błąd składni w rekordzie SPF ${d} na znaku ${e.pos + 1} („${e.term}”): ${e.message.pl}`));
    }
    for (const m of parsed.mechanisms) {
      let matched: boolean;
      try {
        matched = await matchMechanism(m, d, depth);
      } catch (e) {
        steps.push({ domain: d, term: m.raw, outcome: 'error', note: (e as Error).message, depth });
        throw e;
      }
      steps.push({ domain: d, term: m.raw, outcome: matched ? 'match' : 'no-match', depth });
      if (matched) {
        const result = QUALIFIER_RESULT[m.qualifier];
        const out: Outcome = { result, mechanism: m.raw, mechanismDomain: d, reason: tx(`"${m.raw}" matched in the SPF record of ${d}`, `w rekordzie SPF ${d} pasuje „${m.raw}”`) };
        if (result === 'fail') { const x = await explain(parsed, d); if (x !== undefined) out.explanation = x; }
        return out;
      }
    }
    if (parsed.redirect) {
      countLookup(parsed.redirect.raw);
      const t = await target(parsed.redirect.valueParts, d);
      steps.push({ domain: d, term: parsed.redirect.raw, outcome: 'skip', note: `continue at ${t}`, depth });
      const sub = await checkHost(t, depth + 1);
      if (sub.result === 'none') throw new SpfAbort('permerror', tx(`redirect=${t}: ${sub.reason.en}`, `redirect=${t}: ${sub.reason.pl}`));
      return sub;
    }
    return { result: 'neutral', reason: tx(`no mechanism matched in the SPF record of ${d} and there is no "all" (default: neutral)`, `żaden mechanizm w rekordzie SPF ${d} nie pasuje i nie ma „all” (domyślnie: neutral)`) };
  }

  try {
    const o = await checkHost(domain, 0);
    Object.assign(ev, o, { reason: o.reason.en, reasonText: o.reason });
  } catch (e) {
    if (e instanceof SpfAbort) { ev.result = e.result; ev.reason = e.text.en; ev.reasonText = e.text; } else throw e;
  }
  ev.lookups = state.lookups;
  ev.voidLookups = state.voids;
  return ev;
}
