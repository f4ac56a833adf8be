/**
 * Authentication-Results (RFC 8601), ARC-Authentication-Results / ARC-Seal (RFC 8617), Received-SPF (RFC 7208)
 * and DKIM-Signature tags: what the receiving server concluded about SPF, DKIM and DMARC, with the domains and
 * whether they align with the From domain (which is what DMARC asks).
 */
import type { Finding, Status, Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { headerAll, splitOutside, tokenize, type HeaderField } from '../mime/header-fields.js';
import { FIX } from './spam/fixes.js';
import { alignment, cut, domainOf, fillT } from './util.js';

/**
 * One method's result in an Authentication-Results header (spf=pass, dkim=fail …) with its reason, comment and
 * properties.
 */
export interface AuthMethodResult {
  method: string;
  result: string;
  reason?: string;
  comment?: string;
  /** ptype.property → value, e.g. "smtp.mailfrom", "header.d", "header.from". */
  props: Record<string, string>;
}

/**
 * One Authentication-Results (or ARC-Authentication-Results) header read: which server wrote it, and every method's
 * result.
 */
export interface AuthResultsHeader {
  header: 'Authentication-Results' | 'ARC-Authentication-Results';
  authservId?: string;
  /** ARC instance (i=) for ARC-Authentication-Results. */
  instance?: number;
  results: AuthMethodResult[];
  headerIndex: number;
  raw: string;
}

const MAX_AR = 16 * 1024;

/** Parse one Authentication-Results value (also Microsoft's variant with the authserv-id in the middle). */
export function parseAuthResults(value: string, headerIndex = 0, arc = false): AuthResultsHeader {
  const out: AuthResultsHeader = { header: arc ? 'ARC-Authentication-Results' : 'Authentication-Results', results: [], headerIndex, raw: cut(value, 1000) };
  const segments = splitOutside(value.slice(0, MAX_AR), ';').slice(0, 64);
  for (const seg of segments) {
    const toks = tokenize(seg);
    // Join "spf = pass" into "spf=pass".
    const words: string[] = [];
    const comments: string[] = [];
    for (const t of toks) {
      if (t.kind === 'comment') { comments.push(t.text); continue; }
      const prev = words[words.length - 1];
      if (prev !== undefined && (prev.endsWith('=') || t.text.startsWith('='))) words[words.length - 1] = prev + t.text;
      else words.push(t.text);
    }
    const kv = words.map((w) => { const e = w.indexOf('='); return e > 0 ? [w.slice(0, e).toLowerCase(), w.slice(e + 1)] as const : undefined; });
    if (arc && out.instance === undefined && kv[0]?.[0] === 'i') { out.instance = Number(kv[0][1]); continue; }
    const firstKv = kv[0];
    if (!firstKv || (firstKv[0].includes('.') && out.results.length === 0 && !out.authservId)) {
      // authserv-id [version]; "none" means no results.
      if (!out.authservId && words[0]) out.authservId = words[0].toLowerCase();
      continue;
    }
    if (firstKv[0].includes('.')) continue;
    const r: AuthMethodResult = { method: firstKv[0].split('/')[0]!, result: firstKv[1].toLowerCase(), props: {} };
    for (let i = 1; i < kv.length; i++) {
      const p = kv[i];
      if (!p) {
        // A bare word after the result: Microsoft writes "header.d=none;outlook.com" style leftovers.
        continue;
      }
      if (p[0] === 'reason') r.reason = p[1];
      else if (p[0] === 'action' || p[0] === 'policy' || p[0].includes('.')) r.props[p[0]] = p[1];
      else r.props[p[0]] = p[1];
    }
    if (comments.length) r.comment = cut(comments.join('; '), 300);
    if (r.method && r.result) out.results.push(r);
  }
  return out;
}

/** Tags of a DKIM-Signature (RFC 6376 §3.5) or ARC-Seal / ARC-Message-Signature. */
export function parseTagList(value: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const part of value.slice(0, MAX_AR).split(';').slice(0, 40)) {
    const e = part.indexOf('=');
    if (e <= 0) continue;
    const k = part.slice(0, e).trim().toLowerCase();
    if (!/^[a-z][a-z0-9_]{0,20}$/.test(k)) continue;
    tags[k] = part.slice(e + 1).replace(/\s+/g, k === 'h' ? '' : ' ').trim();
  }
  return tags;
}

/**
 * What a DKIM-Signature header says (not whether it verifies): signing domain, selector, algorithm, signed headers,
 * length limit, times.
 */
export interface DkimSignatureInfo {
  domain?: string;
  selector?: string;
  algorithm?: string;
  canonicalization?: string;
  signedHeaders: string[];
  bodyLength?: number;
  timestamp?: number;
  expires?: number;
  identity?: string;
  headerIndex: number;
}

/**
 * Reads a DKIM-Signature header's tags (RFC 6376 §3.5); tags that are absent or malformed are left out rather than
 * guessed.
 */
export function parseDkimSignature(value: string, headerIndex = 0): DkimSignatureInfo {
  const t = parseTagList(value);
  const info: DkimSignatureInfo = { signedHeaders: (t.h ?? '').split(':').map((h) => h.trim().toLowerCase()).filter(Boolean), headerIndex };
  if (t.d) info.domain = t.d.toLowerCase();
  if (t.s) info.selector = t.s;
  if (t.a) info.algorithm = t.a.toLowerCase();
  if (t.c) info.canonicalization = t.c;
  if (t.l && /^\d{1,12}$/.test(t.l)) info.bodyLength = Number(t.l);
  if (t.t && /^\d{1,12}$/.test(t.t)) info.timestamp = Number(t.t);
  if (t.x && /^\d{1,12}$/.test(t.x)) info.expires = Number(t.x);
  if (t.i) info.identity = t.i;
  return info;
}

/** What the receiver concluded, per method, from the receiver's own (topmost) Authentication-Results. */
export interface ReceiverVerdict {
  authservId?: string;
  spf?: AuthMethodResult;
  dkim: AuthMethodResult[];
  dmarc?: AuthMethodResult;
  arc?: AuthMethodResult;
  compauth?: AuthMethodResult;
  iprev?: AuthMethodResult;
  /** From Received-SPF when there is no spf= in Authentication-Results. */
  receivedSpf?: { result: string; comment?: string; props: Record<string, string> };
}

export interface AuthAnalysis {
  headers: AuthResultsHeader[];
  arcResults: AuthResultsHeader[];
  arcSeals: { instance?: number; cv?: string; domain?: string }[];
  signatures: DkimSignatureInfo[];
  receiver: ReceiverVerdict;
  fromDomain?: string;
  /** Header index below which Authentication-Results are not the receiver's (Infinity: no limit known). */
  trustBefore: number;
}

/**
 * `trustBefore`: header index of the Received field the sender's side wrote last (the hop before the receiving
 * hop). Authentication-Results below it existed before the receiver saw the message — the sender's, or forged —
 * and never count as the receiver's verdict.
 */
export function analyzeAuth(fields: readonly HeaderField[], fromDomain: string | undefined, trustBefore = Infinity): AuthAnalysis {
  const headers = headerAll(fields, 'authentication-results').slice(0, 50).map((f) => parseAuthResults(f.value, f.index));
  const arcResults = headerAll(fields, 'arc-authentication-results').slice(0, 50).map((f) => parseAuthResults(f.value, f.index, true));
  const arcSeals = headerAll(fields, 'arc-seal').slice(0, 50).map((f) => {
    const t = parseTagList(f.value);
    return { ...(t.i ? { instance: Number(t.i) } : {}), ...(t.cv ? { cv: t.cv.toLowerCase() } : {}), ...(t.d ? { domain: t.d.toLowerCase() } : {}) };
  });
  const signatures = headerAll(fields, 'dkim-signature').slice(0, 50).map((f) => parseDkimSignature(f.value, f.index));
  const receiver: ReceiverVerdict = { dkim: [] };
  const top = headers.find((h) => h.results.length && h.headerIndex < trustBefore);
  if (top) {
    receiver.authservId = top.authservId;
    // The receiver's own headers: the topmost one and those right below it with the same authserv-id.
    for (const h of headers.filter((x) => x.authservId === top.authservId && x.headerIndex < trustBefore)) {
      for (const r of h.results) {
        if (r.method === 'dkim') receiver.dkim.push(r);
        else if (r.method === 'spf' || r.method === 'dmarc' || r.method === 'arc' || r.method === 'compauth' || r.method === 'iprev') {
          receiver[r.method] ??= r;
        }
      }
    }
  }
  const rs = headerAll(fields, 'received-spf')[0];
  if (rs) {
    const word = /^\s*([A-Za-z]+)/.exec(rs.value)?.[1]?.toLowerCase();
    const props: Record<string, string> = {};
    for (const m of rs.value.slice(0, 4000).matchAll(/\b(client-ip|envelope-from|helo|receiver|identity)=([^;\s]{1,300})/gi)) props[m[1]!.toLowerCase()] = m[2]!.replace(/^"|"$/g, '');
    if (word) receiver.receivedSpf = { result: word, props, comment: cut(rs.value, 300) };
  }
  return { headers, arcResults, arcSeals, signatures, receiver, trustBefore, ...(fromDomain ? { fromDomain } : {}) };
}

/** What each result means, per method. Unknown pairs fall back to the generic result text. */
const RESULT_STATUS: Record<string, Status> = {
  pass: 'ok', bestguesspass: 'ok', none: 'info', neutral: 'warn', softfail: 'warn', fail: 'error', hardfail: 'error',
  temperror: 'warn', permerror: 'error', policy: 'warn', skipped: 'info',
};

const METHOD: Record<string, Text> = {
  spf: tx('SPF checks that the connecting server\'s IP is allowed to send for the envelope sender\'s domain (Return-Path).', 'SPF sprawdza, czy adres IP łączącego się serwera może wysyłać pocztę w imieniu domeny adresu zwrotnego (Return-Path).'),
  dkim: tx('DKIM checks a cryptographic signature of the message made with a key published in the signing domain\'s DNS.', 'DKIM sprawdza podpis kryptograficzny wiadomości, złożony kluczem opublikowanym w DNS domeny podpisującej.'),
  dmarc: tx('DMARC passes when SPF or DKIM passes for a domain aligned with the From domain; the From domain\'s policy says what to do otherwise.', 'DMARC przechodzi, gdy SPF lub DKIM przechodzi dla domeny wyrównanej (alignment) z domeną z pola From; polityka domeny From mówi, co zrobić w przeciwnym razie.'),
  arc: tx('ARC carries authentication results across forwarders and mailing lists, sealed by each intermediary.', 'ARC przenosi wyniki uwierzytelnienia przez przekierowania i listy dyskusyjne; każdy pośrednik je pieczętuje.'),
  compauth: tx('Composite authentication is Microsoft\'s overall verdict from SPF, DKIM, DMARC and its own signals.', 'Composite authentication to łączna ocena Microsoftu z SPF, DKIM, DMARC i jego własnych sygnałów.'),
  iprev: tx('iprev checks that the sending IP has a reverse DNS name that points back to it.', 'iprev sprawdza, czy adres IP nadawcy ma nazwę w odwrotnym DNS, która wskazuje z powrotem na ten adres.'),
};

/** How a method is named in a summary (RFC 8601 names are lower-case; the common ones read better in capitals). */
const METHOD_LABEL: Record<string, string> = { compauth: 'compauth (composite authentication)', iprev: 'iprev', 'dkim-atps': 'DKIM-ATPS' };

/** Each result word explained (shared with the own check in verify.ts). */
export const AUTH_RESULT_TEXT: Record<string, Text> = {
  pass: tx('passed', 'wynik pozytywny (pass)'),
  bestguesspass: tx('would pass by a guessed policy', 'przeszłoby według polityki przyjętej domyślnie (best guess)'),
  none: tx('not done (nothing published or nothing to check)', 'niewykonane (brak opublikowanego rekordu lub nic do sprawdzenia)'),
  neutral: tx('neutral, the domain does not say either way', 'neutralne, domena nie rozstrzyga'),
  softfail: tx('soft fail, the IP is probably not allowed (~all)', 'softfail, adres IP prawdopodobnie nie jest dozwolony (~all)'),
  fail: tx('failed', 'wynik negatywny (fail)'),
  hardfail: tx('failed', 'wynik negatywny (fail)'),
  temperror: tx('temporary error (the DNS lookup failed)', 'błąd tymczasowy (zapytanie DNS się nie powiodło)'),
  permerror: tx('permanent error, the published record is broken', 'błąd trwały, opublikowany rekord jest błędny'),
  policy: tx('not accepted by the receiver\'s local policy', 'niezaakceptowane przez lokalne zasady odbiorcy'),
};

const ADVICE: Record<string, Text[]> = {
  'spf:fail': [FIX.spf],
  'spf:softfail': [FIX.spf],
  'spf:none': [tx('Publish an SPF record (TXT "v=spf1 … -all") for the Return-Path domain.', 'Opublikuj rekord SPF (TXT „v=spf1 … -all”) dla domeny z Return-Path.')],
  'spf:permerror': [tx('Fix the SPF record: one record only, valid syntax, at most 10 DNS lookups.', 'Popraw rekord SPF: tylko jeden rekord, poprawna składnia, najwyżej 10 zapytań DNS.')],
  'dkim:fail': [FIX.dkimBroken],
  'dkim:none': [FIX.dkim],
  'dkim:neutral': [FIX.dkimBroken],
  'dmarc:fail': [FIX.dmarc],
  'dmarc:none': [tx('Publish a DMARC record (TXT _dmarc.<domain> "v=DMARC1; p=none; rua=mailto:…"), then tighten it to quarantine/reject once reports are clean.', 'Opublikuj rekord DMARC (TXT _dmarc.<domena> „v=DMARC1; p=none; rua=mailto:…”), a gdy raporty będą czyste, zaostrz go do quarantine/reject.')],
};

/** The DMARC policy the receiver applied: policy.dmarc= (RFC 8601), Microsoft's action=, or "p=" in the comment. */
export function dmarcPolicy(r: AuthMethodResult): string | undefined {
  const raw = (r.props['policy.dmarc'] ?? r.props['policy.published-domain-policy'] ?? r.props.action ?? /\bp=([a-z]+)/i.exec(r.comment ?? '')?.[1])?.toLowerCase();
  // Microsoft writes action=oreject / pct.quarantine for the applied policy.
  if (!raw) return undefined;
  return raw.includes('reject') ? 'reject' : raw.includes('quarantine') ? 'quarantine' : raw;
}

const DMARC_POLICY: Record<string, Text> = {
  none: tx('The From domain\'s policy is p=none: failing mail is only reported, not filtered.', 'Polityka domeny From to p=none: poczta, która nie przechodzi DMARC, jest tylko raportowana, a nie filtrowana.'),
  quarantine: tx('The From domain\'s policy is p=quarantine: receivers put mail that fails DMARC in spam.', 'Polityka domeny From to p=quarantine: odbiorcy kierują pocztę, która nie przechodzi DMARC, do spamu.'),
  reject: tx('The From domain\'s policy is p=reject: receivers refuse mail that fails DMARC.', 'Polityka domeny From to p=reject: odbiorcy odrzucają pocztę, która nie przechodzi DMARC.'),
};

/** Microsoft's compauth reason codes (documented by Microsoft for Exchange Online Protection). */
export function compauthReason(code: string): Text | undefined {
  const c = code.trim();
  if (c === '000') return tx('Reason 000: the message failed explicit DMARC (the From domain publishes p=quarantine or p=reject).', 'Powód 000: wiadomość nie przeszła jawnego DMARC (domena From publikuje p=quarantine lub p=reject).');
  if (c === '001') return tx('Reason 001: implicit authentication failed — the From domain publishes no DMARC, and SPF/DKIM do not vouch for it.', 'Powód 001: nie przeszło uwierzytelnienie domniemane — domena From nie publikuje DMARC, a SPF/DKIM za nią nie poręczają.');
  if (c === '002') return tx('Reason 002: the organization blocks this sender/domain pair from spoofing.', 'Powód 002: organizacja blokuje tę parę nadawca/domena jako podszywanie.');
  if (c === '010') return tx('Reason 010: DMARC failed with p=reject or p=quarantine and the sending domain is one of the organization\'s own.', 'Powód 010: DMARC nie przeszło przy p=reject lub p=quarantine, a domena nadawcy należy do organizacji.');
  if (/^[17]\d\d$/.test(c)) return tx(`Reason ${c}: authentication passed (1xx/7xx).`, `Powód ${c}: uwierzytelnienie przeszło (1xx/7xx).`);
  if (/^2\d\d$/.test(c)) return tx(`Reason ${c}: soft pass (2xx): implicit authentication found the sender plausible.`, `Powód ${c}: softpass (2xx): uwierzytelnienie domniemane uznało nadawcę za wiarygodnego.`);
  if (/^3\d\d$/.test(c)) return tx(`Reason ${c}: composite authentication was not checked (3xx).`, `Powód ${c}: nie sprawdzano łącznego uwierzytelnienia (3xx).`);
  if (/^[49]\d\d$/.test(c)) return tx(`Reason ${c}: composite authentication was bypassed (4xx/9xx), e.g. by an allow rule.`, `Powód ${c}: łączne uwierzytelnienie pominięto (4xx/9xx), np. przez regułę zezwalającą.`);
  if (/^6\d\d$/.test(c)) return tx(`Reason ${c}: implicit authentication failed (6xx) and the From domain is one of the organization\'s own.`, `Powód ${c}: nie przeszło uwierzytelnienie domniemane (6xx), a domena From należy do organizacji.`);
  return undefined;
}

const T = {
  result: tx('{method}{domain}: {result}.', '{method}{domain}: {result}.'),
  domainFor: tx(' for {d}', ' dla {d}'),
  override: tx('Microsoft wrote action={action}: it overrode the domain\'s policy with its own and delivered the message to the Junk Email folder or quarantine instead of refusing it.', 'Microsoft zapisał action={action}: zastąpił politykę domeny własną i zamiast odrzucić wiadomość, dostarczył ją do folderu Spam (Wiadomości-śmieci) lub kwarantanny.'),
  noAr: tx('No Authentication-Results header: the receiving server did not record SPF/DKIM/DMARC results.', 'Brak nagłówka Authentication-Results: serwer odbiorcy nie zapisał wyników SPF/DKIM/DMARC.'),
  noArDetail: tx('Not every server writes them (the local test Postfix does not). Run with --verify to check SPF, DKIM and DMARC yourself.', 'Nie każdy serwer je zapisuje (lokalny testowy Postfix nie). Uruchom z --verify, aby samodzielnie sprawdzić SPF, DKIM i DMARC.'),
  spfAlign: tx('SPF passed for {spf}, which is not aligned with the From domain {from}: it does not count for DMARC.', 'SPF przeszło dla domeny {spf}, która nie jest wyrównana (alignment DMARC) z domeną From {from}: nie liczy się dla DMARC.'),
  dkimAlign: tx('DKIM passed for d={d}, which is not aligned with the From domain {from}: it does not count for DMARC.', 'DKIM przeszło dla domeny d={d}, która nie jest wyrównana (alignment DMARC) z domeną From {from}: nie liczy się dla DMARC.'),
  alignDetail: tx('DMARC asks that SPF\'s domain (Return-Path) or DKIM\'s d= is the From domain or shares its organizational domain (e.g. mail.example.com and example.com). A newsletter service that signs with its own domain passes DKIM but not DMARC.',
    'DMARC wymaga, by domena SPF (Return-Path) lub d= z DKIM była domeną z From albo miała tę samą domenę organizacyjną (np. mail.example.com i example.com). Serwis newsletterowy podpisujący własną domeną zalicza DKIM, ale nie DMARC.'),
  alignAdvice: tx('Set up DKIM with your own domain at the sending service (a CNAME or TXT under <selector>._domainkey.<your domain>) and/or a custom Return-Path (bounce) domain under your domain.', 'Skonfiguruj w serwisie wysyłającym DKIM z własną domeną (CNAME lub TXT pod <selektor>._domainkey.<twoja domena>) i/lub własną domenę Return-Path (zwrotów) w swojej domenie.'),
  noneAligned: tx('Neither SPF nor DKIM passed for a domain aligned with From ({from}): DMARC fails.', 'Ani SPF, ani DKIM nie przeszło dla domeny wyrównanej (alignment) z From ({from}): DMARC nie przechodzi.'),
  arc: tx('ARC chain (sets: {n}); the newest seal says cv={cv} (by {d}).', 'Łańcuch ARC (liczba zestawów: {n}); najnowsza pieczęć mówi cv={cv} (od {d}).'),
  arcDetail: tx('Each server that supports ARC sealed what it saw: Gmail and Microsoft add a set on receipt, forwarders and mailing lists add theirs. cv=fail means the chain is broken; receivers then ignore it. A valid chain from a trusted intermediary can save a forwarded message whose DKIM broke on the way.',
    'Każdy serwer obsługujący ARC zapieczętował to, co zobaczył: Gmail i Microsoft dodają zestaw przy odbiorze, przekierowania i listy dyskusyjne — swoje. cv=fail oznacza przerwany łańcuch; odbiorcy go wtedy ignorują. Poprawny łańcuch od zaufanego pośrednika może uratować przekazaną wiadomość, której DKIM zepsuł się po drodze.'),
  l: tx('DKIM signature of {d} uses l= (only the first {n} bytes of the body are signed).', 'Podpis DKIM domeny {d} używa l= (podpisane jest tylko pierwsze {n} bajtów treści).'),
  lDetail: tx('Anyone can append content after the signed part and the signature still passes; many receivers distrust or ignore such signatures.', 'Każdy może dopisać treść za podpisaną częścią, a podpis nadal przejdzie; wielu odbiorców nie ufa takim podpisom lub je pomija.'),
  sha1: tx('DKIM signature of {d} uses rsa-sha1, which receivers treat as failing (RFC 8301).', 'Podpis DKIM domeny {d} używa rsa-sha1, który odbiorcy traktują jak niezaliczony (RFC 8301).'),
  sha1Advice: tx('Sign with rsa-sha256 (and a key of at least 2048 bits).', 'Podpisuj algorytmem rsa-sha256 (kluczem co najmniej 2048-bitowym).'),
  foreign: tx('Authentication-Results headers from other servers ({ids}; count: {n}): only the receiver\'s own (top) ones count.', 'Nagłówki Authentication-Results od innych serwerów ({ids}; liczba: {n}): liczą się tylko własne (górne) nagłówki odbiorcy.'),
  foreignDetail: tx('Results written by earlier servers — or by the sender — cannot be trusted; receivers remove or ignore them.', 'Wyniki zapisane przez wcześniejsze serwery — albo przez nadawcę — nie są wiarygodne; odbiorcy je usuwają lub ignorują.'),
};

function statusOf(method: string, result: string): Status {
  if (method === 'dkim' && result === 'neutral') return 'error';
  if (method === 'dmarc' && result === 'none') return 'warn';
  if (method === 'dkim' && result === 'none') return 'warn';
  return RESULT_STATUS[result] ?? 'info';
}

/** The domain a result is about: SPF → smtp.mailfrom's domain; DKIM → header.d (or header.i's); DMARC → header.from. */
export function resultDomain(r: AuthMethodResult): string | undefined {
  const p = r.props;
  if (r.method === 'spf') return domainOf(p['smtp.mailfrom']) ?? domainOf(p['smtp.helo']);
  // Microsoft writes header.d=none for an unsigned message.
  if (r.method === 'dkim') { const d = (p['header.d'] ?? domainOf(p['header.i']))?.toLowerCase(); return d === 'none' ? undefined : d; }
  if (r.method === 'dmarc') return p['header.from']?.toLowerCase();
  return undefined;
}

/** Findings: each receiver verdict explained, alignment, ARC, risky DKIM tags, foreign results. */
export function authFindings(a: AuthAnalysis): Finding[] {
  const out: Finding[] = [];
  const rv = a.receiver;
  const from = a.fromDomain;
  const explain = (r: AuthMethodResult, weightIfBad: number): Finding => {
    const d = resultDomain(r);
    const st = statusOf(r.method, r.result);
    const detailParts: Text[] = [METHOD[r.method] ?? tx(`Method ${r.method}.`, `Metoda ${r.method}.`)];
    if (r.method === 'dmarc') {
      const p = dmarcPolicy(r);
      if (p && DMARC_POLICY[p]) detailParts.push(DMARC_POLICY[p]!);
      // Microsoft's action=oreject / oquarantine: the domain's policy was overridden by Microsoft's own.
      if (/^o(reject|quarantine)$/i.test(r.props.action ?? '')) detailParts.push(fill(T.override, { action: r.props.action! }));
    }
    if (r.method === 'compauth' && r.reason) {
      const why = compauthReason(r.reason);
      if (why) detailParts.push(why);
    }
    const f: Finding = {
      check: `message.auth.${r.method}`, status: st, subject: d ?? r.method,
      summary: fillT(T.result, { method: METHOD_LABEL[r.method] ?? r.method.toUpperCase(), result: AUTH_RESULT_TEXT[r.result] ?? tx(r.result, r.result), domain: d ? fill(T.domainFor, { d }) : '' }),
      detail: { en: detailParts.map((t) => t.en).join(' ') + (r.comment ? ` (${r.comment})` : ''), pl: detailParts.map((t) => t.pl).join(' ') + (r.comment ? ` (${r.comment})` : '') },
      evidence: [{ kind: 'header', label: `Authentication-Results ${rv.authservId ?? ''}`.trim(), value: `${r.method}=${r.result}${r.reason ? ` reason=${r.reason}` : ''} ${Object.entries(r.props).map(([k, v]) => `${k}=${v}`).join(' ')}`.trim() }],
      data: { method: r.method, result: r.result, domain: d, props: r.props, aligned: d && from ? alignment(d, from) : undefined, spamWeight: st === 'error' ? weightIfBad : st === 'warn' ? Math.ceil(weightIfBad / 2) : 0 },
    };
    const adv = ADVICE[`${r.method}:${r.result}`];
    if (adv && st !== 'ok') f.advice = adv;
    if (r.method === 'dmarc' || r.method === 'spf') f.seeAlso = [`mailmedic domain ${d ?? from ?? ''}`.trim()];
    return f;
  };
  if (!a.headers.length && !rv.receivedSpf) {
    out.push({ check: 'message.auth.none', status: 'info', subject: 'Authentication-Results', summary: T.noAr, detail: T.noArDetail });
  }
  if (rv.spf) out.push(explain(rv.spf, 2));
  else if (rv.receivedSpf) out.push(explain({ method: 'spf', result: rv.receivedSpf.result, props: { 'smtp.mailfrom': rv.receivedSpf.props['envelope-from'] ?? '' }, ...(rv.receivedSpf.comment ? { comment: rv.receivedSpf.comment } : {}) }, 2));
  for (const d of rv.dkim.slice(0, 5)) out.push(explain(d, 2));
  // A failed DMARC under p=quarantine is the most direct way to the spam folder there is.
  if (rv.dmarc) out.push(explain(rv.dmarc, dmarcPolicy(rv.dmarc) === 'quarantine' || dmarcPolicy(rv.dmarc) === 'reject' ? 6 : 4));
  if (rv.compauth) out.push(explain(rv.compauth, 3));
  if (rv.iprev) out.push(explain(rv.iprev, 2));
  if (rv.arc) out.push(explain(rv.arc, 0));

  // Alignment, computed from the receiver's own results (even when it wrote no dmarc=).
  if (from && (rv.spf || rv.dkim.length)) {
    const spfD = rv.spf && resultDomain(rv.spf);
    const spfPass = rv.spf?.result === 'pass';
    const dkimPass = rv.dkim.filter((d) => d.result === 'pass');
    const spfAligned = spfPass && alignment(spfD, from) !== 'none';
    const dkimAligned = dkimPass.some((d) => alignment(resultDomain(d), from) !== 'none');
    if (spfPass && spfD && !spfAligned) out.push({ check: 'message.auth.alignment', status: dkimAligned ? 'info' : 'warn', subject: `${spfD} ≠ ${from}`, summary: fill(T.spfAlign, { spf: spfD, from }), detail: T.alignDetail, advice: [T.alignAdvice], data: { method: 'spf', domain: spfD, from, spamWeight: 0 } });
    for (const d of dkimPass) {
      const dd = resultDomain(d);
      if (dd && alignment(dd, from) === 'none') out.push({ check: 'message.auth.alignment', status: spfAligned ? 'info' : 'warn', subject: `${dd} ≠ ${from}`, summary: fill(T.dkimAlign, { d: dd, from }), detail: T.alignDetail, advice: [T.alignAdvice], data: { method: 'dkim', domain: dd, from, spamWeight: 0 } });
    }
    // Only when every passing result names its domain: an empty smtp.mailfrom= or header.d= says nothing.
    const unknownDomain = (spfPass && !spfD) || dkimPass.some((d) => !resultDomain(d));
    if (!spfAligned && !dkimAligned && !unknownDomain && rv.dmarc?.result !== 'pass') {
      out.push({ check: 'message.auth.not-aligned', status: 'error', subject: from, summary: fill(T.noneAligned, { from }), detail: T.alignDetail, advice: [T.alignAdvice], seeAlso: [`mailmedic domain ${from}`], data: { from, spamWeight: rv.dmarc ? 0 : 4 } });
    }
  }
  if (a.arcSeals.length) {
    const newest = [...a.arcSeals].sort((x, y) => (y.instance ?? 0) - (x.instance ?? 0))[0]!;
    const cv = newest.cv ?? '?';
    out.push({ check: 'message.auth.arc-chain', status: cv === 'fail' ? 'warn' : 'info', subject: newest.domain ?? 'ARC', summary: fill(T.arc, { n: a.arcSeals.length, cv, d: newest.domain ?? '?' }), detail: T.arcDetail, evidence: a.arcResults.slice(0, 10).map((r) => ({ kind: 'header' as const, label: `ARC-Authentication-Results i=${r.instance ?? '?'} ${r.authservId ?? ''}`.trim(), value: r.results.map((x) => `${x.method}=${x.result}${resultDomain(x) ? ` (${resultDomain(x)})` : ''}`).join('; ') || '—' })), data: { seals: a.arcSeals, results: a.arcResults.map((r) => ({ instance: r.instance, authservId: r.authservId, results: r.results.map((x) => `${x.method}=${x.result}`) })) } });
  }
  for (const s of a.signatures.slice(0, 10)) {
    if (s.bodyLength !== undefined) out.push({ check: 'message.auth.dkim-l', status: 'warn', subject: s.domain ?? '?', summary: fill(T.l, { d: s.domain ?? '?', n: s.bodyLength }), detail: T.lDetail, data: { spamWeight: 0 } });
    if (s.algorithm === 'rsa-sha1') out.push({ check: 'message.auth.dkim-sha1', status: 'warn', subject: s.domain ?? '?', summary: fill(T.sha1, { d: s.domain ?? '?' }), advice: [T.sha1Advice], data: { spamWeight: 1 } });
  }
  const others = a.headers.filter((h) => h.results.length && (h.authservId !== rv.authservId || h.headerIndex >= a.trustBefore));
  if (others.length) {
    out.push({ check: 'message.auth.foreign', status: 'info', subject: 'Authentication-Results', summary: fill(T.foreign, { n: others.length, ids: [...new Set(others.map((o) => o.authservId ?? '?'))].slice(0, 5).join(', ') }), detail: T.foreignDetail });
  }
  return out;
}
