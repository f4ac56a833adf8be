/**
 * Blocklists: every address against the IP lists, the domain against the domain lists. Answers are decoded
 * per list; refusals (Spamhaus 127.255.255.x, SURBL/URIBL 127.0.0.1), DNS failures and lists whose test
 * entry does not answer (a blocked or dead resolver path) are "could not check", never "clean" or "listed".
 */
import { getDomain } from 'tldts';
import type { Finding, Text } from '../core/finding.js';
import { isDefinite, recordsOf, reverseName, type DnsAnswer, type DnsClient } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { parseIp } from './ip.js';
import { DEFAULT_DNSBL_LISTS, type DnsblCode, type DnsblList } from './dnsbl-lists.js';
import { dnsEvidence, finding } from './util.js';

/**
 * What a blocklist said about one entry: listed (with the codes' meaning), clean, or not known (the list refused,
 * timed out or answered with an error code).
 */
export type DnsblVerdict =
  | { state: 'listed'; codes: DnsblCode[]; answers: string[]; reason?: string }
  | { state: 'clean' }
  | { state: 'unknown'; why: Text; answers?: string[] };

/** One IP or domain looked up on one blocklist: the name asked, the verdict and the DNS answers behind it. */
export interface DnsblEntryResult {
  list: DnsblList;
  /** The IP or domain checked. */
  item: string;
  query: string;
  verdict: DnsblVerdict;
  evidence: DnsAnswer[];
}

/**
 * Whether a blocklist answers this resolver at all (its test entry is listed); a "clean" from a list that does not
 * answer means nothing.
 */
export interface DnsblHealth { list: DnsblList; ok: boolean; why?: Text; answer?: DnsAnswer }

/** The name to query: reversed IPv4 (or IPv6 nibbles) or the domain, under the list's zone. */
export function dnsblQueryName(list: DnsblList, item: string): string | undefined {
  if (list.kind === 'domain') return `${item}.${list.zone}`;
  const ip = parseIp(item);
  if (!ip || (ip.version === 6 && !list.ipv6)) return undefined;
  const rev = reverseName(ip.text);
  return rev ? rev.replace(/\.(in-addr|ip6)\.arpa$/, '') + '.' + list.zone : undefined;
}

/** Decode an A answer of a list. */
export function decodeDnsblAnswer(list: DnsblList, a: DnsAnswer): DnsblVerdict {
  if (a.status === 'nxdomain' || a.status === 'nodata') return { state: 'clean' };
  if (!isDefinite(a.status)) {
    return { state: 'unknown', why: tx(`the DNS query failed (${a.status})`, `zapytanie DNS się nie powiodło (${a.status})`) };
  }
  const answers = recordsOf(a, 'A').map((r) => String(r.data));
  const refusal = list.errorCodes.find((e) => answers.includes(e.code));
  if (refusal) return { state: 'unknown', why: refusal.meaning, answers };
  if (answers.some((x) => !x.startsWith('127.'))) {
    return { state: 'unknown', why: tx(`the list answered ${answers.join(', ')}, which is not a blocklist code (the resolver may be rewriting answers)`, `lista odpowiedziała ${answers.join(', ')}, co nie jest kodem listy (resolwer może podmieniać odpowiedzi)`), answers };
  }
  let codes: DnsblCode[];
  if (list.bitmask) {
    codes = [];
    for (const x of answers) {
      const last = Number(x.split('.')[3]);
      for (const c of list.codes) if (last & Number(c.code)) codes.push(c);
    }
  } else codes = list.codes.filter((c) => answers.includes(c.code));
  if (!codes.length) {
    codes = [{ code: answers.join(','), sublist: '?', meaning: tx(`listed with an undocumented code ${answers.join(', ')}`, `na liście z nieopisanym kodem ${answers.join(', ')}`), severity: 'block' }];
  }
  return { state: 'listed', codes, answers };
}

/** Is the list answering its own test entry (so a "not listed" from it means something)? */
export async function dnsblHealth(dns: DnsClient, list: DnsblList): Promise<DnsblHealth> {
  const q = dnsblQueryName(list, list.testEntry);
  if (!q) return { list, ok: false, why: tx('the list has no usable test entry', 'lista nie ma użytecznego wpisu testowego') };
  const a = await dns.query(q, 'A');
  const v = decodeDnsblAnswer(list, a);
  if (v.state === 'listed') {
    const answers = v.answers;
    if (list.testAnswer && !answers.some((x) => list.testAnswer!.includes(x))) {
      return { list, ok: false, answer: a, why: tx(`its test entry answered ${answers.join(', ')} instead of ${list.testAnswer.join('/')}`, `wpis testowy odpowiedział ${answers.join(', ')} zamiast ${list.testAnswer.join('/')}`) };
    }
    return { list, ok: true, answer: a };
  }
  if (v.state === 'unknown') return { list, ok: false, why: v.why, answer: a };
  return { list, ok: false, answer: a, why: tx('its test entry is not listed: the list is not answering this resolver (blocked, retired or misconfigured)', 'jej wpis testowy nie jest na liście: lista nie odpowiada temu resolwerowi (zablokowała go, została wycofana lub jest źle skonfigurowana)') };
}

/**
 * What to look up on blocklists: IPs (with an optional label for the finding), domains (reduced to their registered
 * domain), and which lists (default DEFAULT_DNSBL_LISTS).
 */
export interface DnsblCheckInput {
  ips?: { ip: string; label?: string }[];
  domains?: string[];
  lists?: readonly DnsblList[];
}

/**
 * Looks the IPs and domains up on the blocklists, all at once, and checks that each list answers this resolver at all
 * (its test entry): the answers of a list that does not are ignored, never read as clean.
 */
export async function checkDnsbl(dns: DnsClient, input: DnsblCheckInput): Promise<{ findings: Finding[]; results: DnsblEntryResult[]; health: DnsblHealth[] }> {
  const lists = input.lists ?? DEFAULT_DNSBL_LISTS;
  const ips = [...new Map((input.ips ?? []).map((x) => [x.ip, x])).values()];
  const domains = [...new Set((input.domains ?? []).map((d) => getDomain(d, { allowPrivateDomains: false }) ?? d))];
  const jobs: Promise<DnsblEntryResult | undefined>[] = [];
  const healthJobs = lists.filter((l) => (l.kind === 'ip' ? ips.length : domains.length)).map((l) => dnsblHealth(dns, l));
  for (const list of lists) {
    const items = list.kind === 'ip' ? ips.map((x) => x.ip) : domains;
    for (const item of items) {
      const q = dnsblQueryName(list, item);
      if (!q) continue;
      jobs.push(dns.query(q, 'A').then(async (a) => {
        const verdict = decodeDnsblAnswer(list, a);
        const evidence = [a];
        if (verdict.state === 'listed') {
          const t = await dns.query(q, 'TXT');
          const reason = recordsOf(t, 'TXT').map((r) => (r.data as { text: string }).text).join(' ');
          if (reason) verdict.reason = reason.slice(0, 500);
          evidence.push(t);
        }
        return { list, item, query: q, verdict, evidence };
      }));
    }
  }
  const [health, results] = await Promise.all([Promise.all(healthJobs), Promise.all(jobs)]);
  const healthy = new Map(health.map((h) => [h.list.id, h]));
  const done = results.filter((r): r is DnsblEntryResult => Boolean(r));
  // A list whose test entry does not answer tells nothing: its "not listed" (or "listed") becomes unknown.
  for (const r of done) {
    const h = healthy.get(r.list.id);
    if (h && !h.ok) r.verdict = { state: 'unknown', why: h.why! };
  }
  const findings: Finding[] = [];
  const C = 'dns.dnsbl';
  // Lists that cannot be used, grouped by why (a resolver that refuses them all gives one finding, not nine).
  const groups = new Map<string, DnsblHealth[]>();
  for (const h of health) if (!h.ok) groups.set(h.why!.en, [...(groups.get(h.why!.en) ?? []), h]);
  for (const hs of groups.values()) {
    const why = hs[0]!.why!;
    const names = hs.map((h) => h.list.name).join(', ');
    findings.push(finding(`${C}.list-unusable`, 'unknown', hs.map((h) => h.list.zone).join(', '),
      tx(`Could not use ${names}: ${why.en}.`, `Nie udało się użyć list: ${names} — ${why.pl}.`),
      {
        detail: tx('Their answers for your addresses are ignored: they would not mean "clean". Large lists refuse queries that come through public resolvers (8.8.8.8, 1.1.1.1); run mailmedic with your own resolver (--resolver).',
          'Ich odpowiedzi dla Twoich adresów są pomijane: nie oznaczałyby, że adres jest czysty. Duże listy odrzucają zapytania przychodzące przez publiczne resolwery (8.8.8.8, 1.1.1.1); uruchom mailmedic z własnym resolwerem (--resolver).'),
        evidence: hs.filter((h) => h.answer).map((h) => dnsEvidence(h.answer!)),
        data: { lists: hs.map((h) => h.list.id) },
      }));
  }
  const itemsOf = (kind: 'ip' | 'domain') => (kind === 'ip' ? ips.map((x) => x.ip) : domains);
  for (const kind of ['ip', 'domain'] as const) {
    for (const item of itemsOf(kind)) {
      const mine = done.filter((r) => r.item === item && r.list.kind === kind);
      if (!mine.length) continue;
      const label = kind === 'ip' ? ips.find((x) => x.ip === item)?.label : undefined;
      const subject = label ? `${item} (${label})` : item;
      const listed = mine.filter((r) => r.verdict.state === 'listed' && healthy.get(r.list.id)?.ok);
      const unknown = mine.filter((r) => r.verdict.state === 'unknown' && healthy.get(r.list.id)?.ok);
      const clean = mine.filter((r) => r.verdict.state === 'clean' && healthy.get(r.list.id)?.ok);
      for (const r of listed) {
        const v = r.verdict as Extract<DnsblVerdict, { state: 'listed' }>;
        const block = v.codes.some((c) => c.severity === 'block');
        const subs = [...new Set(v.codes.map((c) => c.sublist))].join(', ');
        findings.push(finding(`${C}.listed`, block ? 'error' : 'warn', subject,
          tx(`${item} is listed on ${r.list.name} (${subs}): ${v.codes.map((c) => c.meaning.en).join('; ')}.`, `${item} jest na liście ${r.list.name} (${subs}): ${v.codes.map((c) => c.meaning.pl).join('; ')}.`),
          {
            detail: block
              ? tx('Receivers that use this list refuse or junk mail from it (a typical bounce says "blocked using ' + r.list.zone + '").', 'Serwery korzystające z tej listy odrzucają pocztę z tego adresu lub oznaczają ją jako spam (typowy zwrot: „blocked using ' + r.list.zone + '”).')
              : tx('This is a policy listing, not a spam listing: the address should send through its provider\'s mail server (with authentication) rather than directly.', 'To wpis wynikający z zasad listy, a nie za spam: z tego adresu pocztę należy wysyłać przez serwer dostawcy (z uwierzytelnieniem), a nie bezpośrednio.'),
            advice: [
              tx('Find and stop the cause first (infected computer, hacked web form or mailbox, open relay); otherwise the listing comes back.', 'Najpierw znajdź i usuń przyczynę (zainfekowany komputer, przejęty formularz lub skrzynka, otwarty przekaźnik poczty – open relay); inaczej wpis wróci.'),
              tx(`Then request removal at ${r.list.lookupUrl}.`, `Następnie złóż wniosek o usunięcie na ${r.list.lookupUrl}.`),
            ],
            evidence: r.evidence.map(dnsEvidence),
            data: { list: r.list.id, zone: r.list.zone, codes: v.answers, sublists: v.codes.map((c) => c.sublist), reason: v.reason },
          }));
      }
      for (const r of unknown) {
        const v = r.verdict as Extract<DnsblVerdict, { state: 'unknown' }>;
        findings.push(finding(`${C}.unknown`, 'unknown', subject,
          tx(`Could not check ${item} on ${r.list.name}: ${v.why.en}.`, `Nie udało się sprawdzić ${item} na liście ${r.list.name}: ${v.why.pl}.`),
          { evidence: r.evidence.map(dnsEvidence), data: { list: r.list.id } }));
      }
      if (!listed.length && clean.length) {
        findings.push(finding(`${C}.clean`, 'ok', subject,
          tx(`${item} is not listed on the ${clean.length} blocklist(s) checked (${clean.map((r) => r.list.name).join(', ')}).`, `${item} nie jest na żadnej ze sprawdzonych czarnych list (${clean.length}: ${clean.map((r) => r.list.name).join(', ')}).`),
          { data: { lists: clean.map((r) => r.list.id) } }));
      }
    }
  }
  return { findings, results: done, health };
}
