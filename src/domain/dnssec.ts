/**
 * DNSSEC of a domain: the AD bit a validating resolver sets, and a walk of the chain of trust done here, link by
 * link — the DS at the parent must match a DNSKEY of the zone (RFC 4034 §5), that key must sign the zone's DNSKEY
 * RRset, and the DS RRset must be signed by the parent's keys, up to a trust anchor (the root's, or one given).
 * The walk is what makes validation possible when the resolver does not validate (an authoritative server such as
 * the test NSD never sets AD) and what says WHICH link is broken when a validating resolver only answers SERVFAIL.
 * Bounded: at most `maxDepth` zones, at most MAX_RECORDS keys/DS/signatures looked at per answer.
 */
import type { Evidence, Finding, Text } from '../core/finding.js';
import {
  algorithmName, digestName, dsDigestChecked, dsFor, dsMatches, isDefinite, isDnskey, isDs, isRrsig, keyTag, recordsOf, verifyRrsig,
  type DnsAnswer, type DnsClient, type DnsQuery, type DnsRecord, type DnskeyData, type DsData, type RrsigData,
} from '../dns/index.js';
import { fill, tx } from '../i18n/text.js';
import { dnsEvidence, finding } from './util.js';

/** A zone whose keys are trusted without a DS above it (the root's, or a test zone's). */
export interface TrustAnchor { zone: string; ds: DsData[] }

/** The root zone's key-signing keys (IANA root-anchors.xml: KSK-2017 and KSK-2024). */
export const ROOT_TRUST_ANCHOR: TrustAnchor = {
  zone: '',
  ds: [
    { keyTag: 20326, algorithm: 8, digestType: 2, digest: Buffer.from('E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D', 'hex') },
    { keyTag: 38696, algorithm: 8, digestType: 2, digest: Buffer.from('683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16', 'hex') },
  ],
};

/**
 * DS records in presentation form ("zone. [ttl] [IN] DS tag alg digesttype hex", one a line, `;` comments) as trust
 * anchors; lines that are not DS records are reported, not guessed at.
 */
export function parseTrustAnchors(text: string): { anchors: TrustAnchor[]; errors: string[] } {
  const byZone = new Map<string, DsData[]>();
  const errors: string[] = [];
  for (const [i, raw] of String(text).split('\n').slice(0, 1000).entries()) {
    const line = raw.replace(/;.*$/, '').trim();
    if (!line) continue;
    const f = line.split(/\s+/);
    const at = f.findIndex((x) => x.toUpperCase() === 'DS');
    const [tag, alg, dt, ...hex] = at > 0 ? f.slice(at + 1) : [];
    const digest = (hex ?? []).join('');
    if (at < 1 || !/^\d{1,5}$/.test(tag ?? '') || !/^\d{1,3}$/.test(alg ?? '') || !/^\d{1,3}$/.test(dt ?? '') || !/^([0-9a-fA-F]{2}){1,64}$/.test(digest)) {
      errors.push(`line ${i + 1}: not a DS record ("${line.slice(0, 80)}")`);
      continue;
    }
    const zone = f[0]!.toLowerCase().replace(/\.$/, '');
    byZone.set(zone, [...(byZone.get(zone) ?? []), { keyTag: Number(tag), algorithm: Number(alg), digestType: Number(dt), digest: Buffer.from(digest, 'hex') }]);
  }
  return { anchors: [...byZone].map(([zone, ds]) => ({ zone, ds })), errors };
}

/** Options of the chain walk. */
export interface DnssecWalkOptions {
  /** Trust anchors (default: the root's). A zone with an anchor ends the walk without asking its parent. */
  trustAnchors?: readonly TrustAnchor[];
  /** Wall clock in ms (signature validity windows). */
  now?: () => number;
  /** At most this many zones walked (default 12). */
  maxDepth?: number;
}

/**
 * - `valid`: every link verified up to a trust anchor;
 * - `broken`: a link fails (validating resolvers answer SERVFAIL for the zone: mail to it stops);
 * - `unsigned`: the zone has no DNSKEY and no DS (nothing to validate);
 * - `island`: signed and verified as far as it goes, but a zone on the way has no DS at its parent and no anchor;
 * - `unknown`: could not be checked (DNS failure, algorithm not checked here, too deep).
 */
export type ChainState = 'valid' | 'broken' | 'unsigned' | 'island' | 'unknown';

/** One zone of the walk: its DS (from the parent or an anchor) and DNSKEY tags, and what was found. */
export interface ChainLink {
  zone: string;
  ds: string[];
  keys: string[];
  /** 'secure' when the zone's keys were verified; otherwise the state the walk ended with here. */
  state: 'secure' | Exclude<ChainState, 'valid'>;
  why?: Text;
}

/** Kinds of fault, for the advice: fix the DS at the registrar, give it one, or re-sign the zone. */
export type ChainProblem = 'ds' | 'no-ds' | 'signature';

/** The chain of trust of the zone a name lives in. */
export interface DnssecChain {
  state: ChainState;
  /** The zone the name belongs to (the first link). */
  zone: string;
  /** Where the walk ended badly (broken, island, unknown). */
  at?: string;
  why?: Text;
  /** What kind of fault: the DS does not fit the keys ('ds'), a missing DS ('no-ds'), or a signature ('signature'). */
  problem?: ChainProblem;
  links: ChainLink[];
  /** The zone's DNSKEYs when they verified (also in an island: then they are trusted only as far as the island goes). */
  keys: DnskeyData[];
  /** The DNSKEYs the zone publishes, verified or not (to write the DS it needs). */
  published: DnskeyData[];
  evidence: Evidence[];
}

/**
 * How the walk asks: with the signatures (DO), and with checking disabled (CD) so that a validating resolver hands
 * over data that fails its validation instead of a bare SERVFAIL — the walk is there to say why it fails.
 */
const WALK = { dnssec: true, checkingDisabled: true } as const;

/** Keys, DS records and signatures looked at per answer, at most (a hostile zone may send hundreds). */
const MAX_RECORDS = 20;

const T = {
  noAsk: tx('{type} of {zone} could not be asked ({status})', 'nie udało się zapytać o {type} strefy {zone} ({status})'),
  dsNoKey: tx('the parent publishes DS for {zone}, but the zone has no DNSKEY', 'rodzic publikuje DS dla {zone}, ale strefa nie ma rekordów DNSKEY'),
  noMatch: tx('no DNSKEY of {zone} matches the DS at the parent (DS key tags: {ds}; the zone\'s keys: {keys})', 'żaden DNSKEY strefy {zone} nie pasuje do rekordu DS u rodzica (DS wskazuje klucze: {ds}; strefa ma klucze: {keys})'),
  noMatchAnchor: tx('no DNSKEY of {zone} matches the trust anchor (anchor key tags: {ds}; the zone\'s keys: {keys})', 'żaden DNSKEY strefy {zone} nie pasuje do kotwicy zaufania (kotwica wskazuje klucze: {ds}; strefa ma klucze: {keys})'),
  digestsNotChecked: tx('the DS records of {zone} use digest types not checked here ({types})', 'rekordy DS strefy {zone} używają skrótów, których mailmedic nie sprawdza ({types})'),
  badSig: tx('the DNSKEY RRset of {zone} is not validly signed by the key the DS points at ({why})', 'zestaw DNSKEY strefy {zone} nie ma poprawnego podpisu kluczem wskazanym przez DS ({why})'),
  noSig: tx('the DNSKEY RRset of {zone} has no signature by the key the DS points at (key tag {tags})', 'zestaw DNSKEY strefy {zone} nie ma podpisu kluczem wskazanym przez DS (klucz {tags})'),
  algNotChecked: tx('{zone} is signed with {alg}, which mailmedic does not check', 'strefa {zone} jest podpisana algorytmem {alg}, którego mailmedic nie sprawdza'),
  dsUnsigned: tx('the DS of {zone} is not signed by its parent', 'rekord DS strefy {zone} nie jest podpisany przez rodzica'),
  dsBadSig: tx('the DS of {zone} is not validly signed by {parent} ({why})', 'rekord DS strefy {zone} nie ma poprawnego podpisu strefy {parent} ({why})'),
  island: tx('{zone} is signed, but its parent has no DS record for it and no trust anchor covers it', 'strefa {zone} jest podpisana, ale rodzic nie ma dla niej rekordu DS i nie obejmuje jej żadna kotwica zaufania'),
  unsigned: tx('{zone} has no DNSKEY and no DS', 'strefa {zone} nie ma rekordów DNSKEY ani DS'),
  tooDeep: tx('the chain is longer than {n} zones', 'łańcuch ma więcej niż {n} stref'),
  secure: tx('DS → DNSKEY verified', 'DS → DNSKEY zweryfikowane'),
  anchor: tx('matches the trust anchor', 'zgodne z kotwicą zaufania'),
};

const rrsigsOf = (a: DnsAnswer, owner: string, covered: string): RrsigData[] =>
  a.answers.filter((r) => r.type === 'RRSIG' && r.name === owner && isRrsig(r.data) && r.data.typeCovered === covered).slice(0, MAX_RECORDS).map((r) => r.data as RrsigData);

/** The zone a name is in: the owner of the SOA in the answer or in the authority section (NODATA/NXDOMAIN). */
export async function zoneOf(dns: DnsQuery, name: string): Promise<{ zone?: string; answer: DnsAnswer }> {
  // The plain SOA question is the one the other checks ask too (one answer from the cache); with CD only when a
  // validating resolver refuses it.
  let a = await dns.query(name || '.', 'SOA');
  if (a.status === 'servfail') a = await dns.query(name || '.', 'SOA', WALK);
  if (!isDefinite(a.status)) return { answer: a };
  const soa = recordsOf(a, 'SOA')[0] ?? a.authority.find((r) => r.type === 'SOA');
  // A CNAME in between: the SOA's owner is still the zone of the last name.
  return { zone: soa ? soa.name : name, answer: a };
}

/** Verifies `rrset` with any of `keys` using the signatures in `sigs`; ok, or the reasons. */
export function verifyWithKeys(rrset: readonly DnsRecord[], sigs: readonly RrsigData[], keys: readonly DnskeyData[], signer: string, nowSec: number): { ok: boolean; unsupported: boolean; why: string[] } {
  const why: string[] = [];
  let unsupported = true;
  for (const sig of sigs) {
    for (const k of keys.filter((x) => keyTag(x) === sig.keyTag && x.algorithm === sig.algorithm)) {
      const v = verifyRrsig(rrset, sig, k, signer, nowSec);
      if (v.ok) return { ok: true, unsupported: false, why: [] };
      if (!v.unsupported) unsupported = false;
      why.push(`key ${sig.keyTag}: ${v.why}`);
    }
  }
  if (!why.length) { unsupported = false; why.push(sigs.length ? `no signature by a key tag of ${keys.map(keyTag).join(', ') || 'none'}` : 'no signature'); }
  return { ok: false, unsupported, why };
}

/**
 * Walks the chain of trust of the zone `name` is in, up to a trust anchor. DNSKEY and DS are asked with the DO bit
 * through the given client (its cache makes walking the same parents for many names cheap).
 */
export async function walkDnssecChain(dns: DnsQuery, name: string, o: DnssecWalkOptions = {}): Promise<DnssecChain> {
  const anchors = o.trustAnchors ?? [ROOT_TRUST_ANCHOR];
  const nowSec = Math.floor((o.now ?? Date.now)() / 1000);
  const maxDepth = o.maxDepth ?? 12;
  const links: ChainLink[] = [];
  const evidence: Evidence[] = [];
  const start = await zoneOf(dns, name);
  const first = start.zone ?? name;
  let firstKeys: DnskeyData[] = [];
  let published: DnskeyData[] = [];
  const end = (state: ChainState, at: string, why?: Text, problem?: ChainProblem): DnssecChain => {
    const last = links.find((l) => l.zone === at);
    if (last && state !== 'valid') { last.state = state; if (why) last.why = why; }
    return { state, zone: first, ...(state !== 'valid' ? { at } : {}), ...(why ? { why } : {}), ...(problem ? { problem } : {}), links, keys: firstKeys, published, evidence: evidence.slice(0, 24) };
  };
  if (start.zone === undefined) return end('unknown', name, fill(T.noAsk, { type: 'SOA', zone: name, status: start.answer.status }));

  let zone = first;
  // The child's DS RRset and its signatures, verified once the parent's keys are known.
  let pending: { child: string; ds: DnsRecord[]; sigs: RrsigData[] } | undefined;
  for (let depth = 0; depth < maxDepth; depth++) {
    const anchor = anchors.find((a) => a.zone === zone);
    const [keyA, dsA] = await Promise.all([
      dns.query(zone || '.', 'DNSKEY', WALK),
      anchor || zone === '' ? undefined : dns.query(zone, 'DS', WALK),
    ]);
    evidence.push(dnsEvidence(keyA));
    if (dsA) evidence.push(dnsEvidence(dsA));
    const keys = recordsOf(keyA, 'DNSKEY').filter((r) => isDnskey(r.data)).slice(0, MAX_RECORDS).map((r) => r.data as DnskeyData);
    const dsRecs = dsA ? recordsOf(dsA, 'DS').filter((r) => isDs(r.data)).slice(0, MAX_RECORDS) : [];
    const ds: DsData[] = anchor ? anchor.ds : dsRecs.map((r) => r.data as DsData);
    const link: ChainLink = { zone: zone || '.', ds: ds.map((d) => `${d.keyTag}/${d.algorithm}/${d.digestType}`), keys: keys.map((k) => `${keyTag(k)}/${k.algorithm}${k.flags & 1 ? '/SEP' : ''}`), state: 'secure' };
    links.push(link);
    if (depth === 0) published = keys;
    const here = zone || '.';
    if (!isDefinite(keyA.status)) return end('unknown', here, fill(T.noAsk, { type: 'DNSKEY', zone: here, status: keyA.status }));
    if (dsA && !isDefinite(dsA.status)) return end('unknown', here, fill(T.noAsk, { type: 'DS', zone: here, status: dsA.status }));

    // The child's DS must be signed by this zone's keys — checked after these keys are verified, below.
    if (!keys.length) {
      if (pending) return end('broken', pending.child, fill(T.dsBadSig, { zone: pending.child, parent: here, why: 'the parent has no DNSKEY' }));
      if (!ds.length) return end('unsigned', here, fill(T.unsigned, { zone: here }));
      return end('broken', here, fill(T.dsNoKey, { zone: here }), 'ds');
    }
    const keySigs = rrsigsOf(keyA, zone, 'DNSKEY');
    const keyRrset = recordsOf(keyA, 'DNSKEY').filter((r) => isDnskey(r.data)).slice(0, MAX_RECORDS);
    let trusted: DnskeyData[];
    if (!ds.length) {
      // No DS: an island. Its keys count below only if they sign their own RRset.
      trusted = verifyWithKeys(keyRrset, keySigs, keys, zone, nowSec).ok ? keys : [];
    } else {
      const verdicts = keys.map((k) => ds.map((d) => dsMatches(zone, d, k)));
      const matched = keys.filter((_, i) => verdicts[i]!.some((v) => v === true));
      if (!matched.length) {
        if (ds.every((d) => !dsDigestChecked(d.digestType))) {
          return end('unknown', here, fill(T.digestsNotChecked, { zone: here, types: [...new Set(ds.map((d) => digestName(d.digestType)))].join(', ') }));
        }
        return end('broken', here, fill(anchor ? T.noMatchAnchor : T.noMatch, { zone: here, ds: ds.map((d) => `${d.keyTag} (${algorithmName(d.algorithm)})`).join(', '), keys: link.keys.join(', ') }), 'ds');
      }
      const v = verifyWithKeys(keyRrset, keySigs, matched, zone, nowSec);
      if (!v.ok) {
        if (v.unsupported) return end('unknown', here, fill(T.algNotChecked, { zone: here, alg: algorithmName(matched[0]!.algorithm) }));
        return end('broken', here, keySigs.some((s) => matched.some((k) => keyTag(k) === s.keyTag))
          ? fill(T.badSig, { zone: here, why: v.why.join('; ') })
          : fill(T.noSig, { zone: here, tags: matched.map(keyTag).join(', ') }), 'signature');
      }
      trusted = keys;
      link.why = anchor ? T.anchor : T.secure;
    }
    if (depth === 0) firstKeys = trusted;
    if (pending) {
      const v = verifyWithKeys(pending.ds, pending.sigs, trusted, zone, nowSec);
      if (!v.ok) return end(v.unsupported ? 'unknown' : 'broken', pending.child, v.unsupported ? fill(T.algNotChecked, { zone: here, alg: algorithmName(trusted[0]!.algorithm) }) : fill(T.dsBadSig, { zone: pending.child, parent: here, why: v.why.join('; ') }), v.unsupported ? undefined : 'signature');
      const child = links.find((l) => l.zone === pending!.child);
      if (child) child.state = 'secure';
      pending = undefined;
    }
    if (anchor) return end('valid', here);
    if (!ds.length) return end('island', here, fill(T.island, { zone: here }), 'no-ds');
    // Up one zone: the signer of the DS RRset is the parent zone.
    const dsSigs = rrsigsOf(dsA!, zone, 'DS');
    const signer = dsSigs[0]?.signersName.toLowerCase().replace(/\.$/, '');
    if (signer === undefined) return end('island', here, fill(T.dsUnsigned, { zone: here }));
    if (!(signer === '' || zone.endsWith(`.${signer}`))) return end('broken', here, fill(T.dsBadSig, { zone: here, parent: signer || '.', why: 'the signer is not a parent zone' }));
    pending = { child: here, ds: dsRecs, sigs: dsSigs.filter((s) => s.signersName.toLowerCase().replace(/\.$/, '') === signer) };
    zone = signer;
  }
  return end('unknown', zone || '.', fill(T.tooDeep, { n: maxDepth }));
}

/**
 * Is this answer (asked with the DO bit) signed by the zone's verified keys? `valid` only when the chain of the
 * zone is valid too.
 */
export function answerSignature(answer: DnsAnswer, type: string, chain: DnssecChain, nowSec: number): { ok: boolean; why?: string } {
  const rrset = recordsOf(answer, type);
  if (!rrset.length) return { ok: false, why: 'no records' };
  const owner = rrset[0]!.name;
  const sigs = rrsigsOf(answer, owner, type);
  if (!sigs.length) return { ok: false, why: 'the answer carries no RRSIG' };
  if (!chain.keys.length) return { ok: false, why: `the keys of ${chain.zone || '.'} could not be verified` };
  const v = verifyWithKeys(rrset, sigs, chain.keys, chain.zone, nowSec);
  return v.ok ? { ok: true } : { ok: false, why: v.why.join('; ') };
}

const F = {
  valid: tx('DNSSEC: the chain of trust of {zone} verifies, link by link up to {anchor}.', 'DNSSEC: łańcuch zaufania strefy {zone} jest poprawny, ogniwo po ogniwie aż do {anchor}.'),
  validAd: tx('DNSSEC: the resolver validated the domain\'s answers (AD bit), and the chain of trust of {zone} verifies up to {anchor}.', 'DNSSEC: resolwer zweryfikował odpowiedzi domeny (bit AD), a łańcuch zaufania strefy {zone} jest poprawny aż do {anchor}.'),
  root: tx('the root', 'korzenia'),
  broken: tx('DNSSEC is broken at {at}: {why}.', 'DNSSEC jest zepsuty w strefie {at}: {why}.'),
  brokenDetail: tx('Validating resolvers (Google, Cloudflare, Quad9, most providers) answer SERVFAIL for everything in a zone whose chain is broken: to them the domain, its MX and its mail DNS do not exist, and mail to it is deferred and then bounced.',
    'Resolwery weryfikujące DNSSEC (Google, Cloudflare, Quad9, większość dostawców) odpowiadają SERVFAIL na wszystko w strefie z zerwanym łańcuchem: dla nich domena, jej MX i rekordy poczty nie istnieją, a poczta do niej jest wstrzymywana, a potem zwracana.'),
  brokenDs: tx('Make the DS at the registrar match a key the zone publishes (for the current key: {ds}), or remove the DS until the zone is signed again.',
    'Ustaw u rejestratora DS zgodny z kluczem, który strefa publikuje (dla obecnego klucza: {ds}), albo usuń DS, dopóki strefa nie będzie znów podpisana.'),
  brokenSig: tx('Re-sign the zone (check the signer runs and the signatures have not expired) and reload the DNS server.', 'Podpisz strefę ponownie (sprawdź, czy podpisywanie działa i podpisy nie wygasły) i przeładuj serwer DNS.'),
  island: tx('DNSSEC: {why}; validating resolvers treat the domain as unsigned.', 'DNSSEC: {why}; resolwery weryfikujące traktują domenę jak niepodpisaną.'),
  islandAdvice: tx('Give the registrar the DS record of the key-signing key: {ds}.', 'Przekaż rejestratorowi rekord DS klucza podpisującego klucze: {ds}.'),
  unsigned: tx('DNSSEC: the domain is not signed.', 'DNSSEC: domena nie jest podpisana.'),
  unsignedDetail: tx('Not required for mail, but DANE (TLSA records for the MX) needs it.', 'Nie jest wymagany do poczty, ale potrzebuje go DANE (rekordy TLSA dla serwerów MX).'),
  unknown: tx('DNSSEC not checked: {why}.', 'Nie sprawdzono DNSSEC: {why}.'),
  noAd: tx('The resolver did not set the AD bit, so this is mailmedic\'s own check of the signatures (an authoritative server or a plain forwarder never sets AD).',
    'Resolwer nie ustawił bitu AD, więc to własne sprawdzenie podpisów przez mailmedic (serwer autorytatywny ani zwykły forwarder nigdy nie ustawia AD).'),
  adButBroken: tx('The resolver set the AD bit anyway: it does not validate itself but passes on what another resolver said, or its trust anchors differ.', 'Resolwer mimo to ustawił bit AD: sam nie sprawdza, tylko przekazuje zdanie innego resolwera, albo ma inne kotwice zaufania.'),
};

const chainEvidence = (c: DnssecChain): Evidence => ({
  kind: 'other', label: 'DNSSEC chain',
  // The failing link's reason is the finding's summary already: only the verified links say how.
  value: c.links.map((l) => `${l.zone}: DS ${l.ds.join(', ') || '—'}; DNSKEY ${l.keys.join(', ') || '—'} → ${l.state}${l.why && l.state === 'secure' ? ` (${l.why.en})` : ''}`).join('\n'),
});

/**
 * DNSSEC findings for a domain: the chain walk (dns.dnssec.chain / broken / island / unsigned / not-checked), with
 * the AD bit of the answers already received as a note. `answers`: answers received for the domain (their AD bits).
 */
export async function checkDnssec(dns: DnsClient | DnsQuery, domain: string, answers: Promise<DnsAnswer[]>, o: DnssecWalkOptions = {}): Promise<Finding[]> {
  const C = 'dns.dnssec';
  const [chain, seen] = await Promise.all([walkDnssecChain(dns, domain, o), answers]);
  const definite = seen.filter((a) => isDefinite(a.status) && a.status !== 'nxdomain');
  if (!definite.length && chain.state === 'unknown') return [];
  const ad = definite.some((a) => a.ad);
  const data = { ad, state: chain.state, zone: chain.zone || '.', ...(chain.at ? { at: chain.at } : {}), links: chain.links.map((l) => ({ zone: l.zone, ds: l.ds, keys: l.keys, state: l.state })) };
  const evidence = [chainEvidence(chain), ...chain.evidence.slice(0, 6)];
  const anchorZone = chain.links.at(-1)?.zone;
  const anchor = anchorZone === '.' ? F.root : { en: anchorZone ?? '?', pl: anchorZone ?? '?' };
  const ksk = chain.published.find((k) => k.flags & 1) ?? chain.published[0];
  const dsText = ksk ? `${chain.zone}. IN DS ${dsFor(chain.zone, ksk)}` : '';
  if (ad && chain.state !== 'valid' && chain.state !== 'broken') {
    // The resolver vouches (AD) where the walk could not get as far: its word stands, the walk is evidence.
    return [finding(`${C}.validated`, 'ok', domain, tx('DNSSEC: the resolver validated the domain\'s answers (AD bit).', 'DNSSEC: resolwer zweryfikował odpowiedzi domeny (bit AD).'), { evidence, data })];
  }
  switch (chain.state) {
    case 'valid':
      return [finding(`${C}.chain`, 'ok', domain, fill(ad ? F.validAd : F.valid, { zone: chain.zone || '.', anchor }), { ...(ad ? {} : { detail: F.noAd }), evidence, data })];
    case 'broken': {
      const dsProblem = chain.problem === 'ds';
      return [finding(`${C}.broken`, 'error', domain, fill(F.broken, { at: chain.at ?? '?', why: chain.why ?? tx('?', '?') }), {
        detail: ad ? { en: `${F.brokenDetail.en} ${F.adButBroken.en}`, pl: `${F.brokenDetail.pl} ${F.adButBroken.pl}` } : F.brokenDetail,
        advice: [dsProblem && dsText ? fill(F.brokenDs, { ds: dsText }) : F.brokenSig], evidence, data,
      })];
    }
    case 'island':
      return [finding(`${C}.island`, 'warn', domain, fill(F.island, { why: chain.why ?? tx('?', '?') }), {
        detail: F.unsignedDetail, ...(dsText && chain.at === chain.zone ? { advice: [fill(F.islandAdvice, { ds: dsText })] } : {}), evidence, data,
      })];
    case 'unsigned':
      return [finding(`${C}.unsigned`, 'info', domain, F.unsigned, { detail: F.unsignedDetail, evidence, data })];
    default:
      return [finding(`${C}.not-checked`, 'unknown', domain, fill(F.unknown, { why: chain.why ?? tx('?', '?') }), { evidence, data })];
  }
}
