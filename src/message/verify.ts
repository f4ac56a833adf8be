/**
 * mailmedic's own authentication check (--verify), done with the mailauth library: DKIM (body hash, header
 * signature, key from DNS), SPF for the connecting IP of the receiving hop, DMARC alignment — and where its
 * verdict differs from what the receiver wrote in Authentication-Results.
 */
import { createRequire } from 'node:module';
import type { Finding, Status, Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import type { ReceiverVerdict } from './auth-results.js';
import { AUTH_RESULT_TEXT, resultDomain } from './auth-results.js';
import type { MailauthResolver } from './resolver.js';
import { FIX } from './spam/fixes.js';
import { cut, fillT } from './util.js';

/** Which part of a DKIM check failed. */
export type DkimFailure = 'body-hash' | 'signature' | 'no-key' | 'bad-key' | 'dns' | 'expired' | 'weak-key' | 'other';

export interface OwnDkimResult {
  domain: string;
  selector?: string;
  algorithm?: string;
  result: string;
  comment?: string;
  failure?: DkimFailure;
  /** Aligned with the From domain (mailauth's verdict). */
  aligned: boolean;
  /** The key record found in DNS, cut. */
  record?: string;
}

/**
 * The result of mailmedic's own SPF, DKIM, DMARC and ARC check of a message, what it was run with, or why it could
 * not run.
 */
export interface OwnVerdict {
  dkim: OwnDkimResult[];
  spf?: { domain: string; ip: string; result: string; comment?: string };
  dmarc?: { domain: string; result: string; policy?: string; comment?: string; spfAligned?: string | false; dkimAligned?: string | false };
  arc?: { result: string; comment?: string };
  /** What the check was run with. */
  input: { ip?: string; helo?: string; sender?: string; hop?: number };
  /** Set when the check could not run at all. */
  error?: string;
}

export interface VerifyOptions {
  resolver: MailauthResolver;
  /** The connecting IP and HELO of the receiving hop, and the envelope sender (Return-Path). */
  ip?: string;
  helo?: string;
  sender?: string;
  /** The receiving server's name (for comments). */
  mta?: string;
  hop?: number;
  /** Upper bound for the whole check, milliseconds. */
  timeoutMs?: number;
}

interface MailauthModule {
  authenticate(input: Buffer | string, opts: Record<string, unknown>): Promise<{
    dkim: { results: { signingDomain: string; selector?: string; algorithm?: string; status: { result: string; comment?: string | false; aligned?: string | false }; publicKey?: string; rr?: string }[] };
    spf: false | { domain: string; 'client-ip': string; status: { result: string; comment?: string | false } };
    dmarc: false | { domain: string; policy?: string; p?: string; status: { result: string; comment?: string | false }; alignment?: { spf?: { result: string | false }; dkim?: { result: string | false } } };
    arc: false | { status: { result: string; comment?: string | false } };
  }>;
}

// mailauth is CommonJS; load it only when --verify asks (start-up time matters for the other commands).
const require = createRequire(import.meta.url);

function classifyDkim(result: string, comment: string | undefined): DkimFailure | undefined {
  if (result === 'pass') return undefined;
  const c = (comment ?? '').toLowerCase();
  if (c.includes('body hash')) return 'body-hash';
  if (c.includes('bad signature')) return 'signature';
  if (c.includes('no key')) return 'no-key';
  if (c.includes('invalid public key') || c.includes('unknown key')) return 'bad-key';
  if (c.includes('dns')) return 'dns';
  if (c.includes('expired') || c.includes('expiration')) return 'expired';
  if (result === 'policy') return 'weak-key';
  return result === 'none' ? undefined : 'other';
}

/** Run the checks. Never throws: a failure to run is reported in `error`. */
export async function verifyMessage(raw: Buffer | string, opts: VerifyOptions): Promise<OwnVerdict> {
  const input: OwnVerdict['input'] = { ...(opts.ip ? { ip: opts.ip } : {}), ...(opts.helo ? { helo: opts.helo } : {}), ...(opts.sender ? { sender: opts.sender } : {}), ...(opts.hop ? { hop: opts.hop } : {}) };
  const out: OwnVerdict = { dkim: [], input };
  let timer: NodeJS.Timeout | undefined;
  try {
    const mailauth = require('mailauth') as MailauthModule;
    const run = mailauth.authenticate(raw, {
      resolver: opts.resolver,
      ...(opts.ip ? { ip: opts.ip } : {}),
      ...(opts.helo ? { helo: opts.helo } : {}),
      ...(opts.sender ? { sender: opts.sender } : {}),
      mta: opts.mta ?? 'mailmedic',
      disableBimi: true,
    });
    const limit = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error('verification timed out')), opts.timeoutMs ?? 20_000); });
    const res = await Promise.race([run, limit]);
    for (const d of res.dkim.results ?? []) {
      // mailauth reports an unsigned message as one "none" result without a domain.
      if (!d.signingDomain) continue;
      const comment = d.status.comment || undefined;
      const failure = classifyDkim(d.status.result, comment);
      out.dkim.push({
        domain: d.signingDomain, ...(d.selector ? { selector: d.selector } : {}), ...(d.algorithm ? { algorithm: d.algorithm } : {}),
        result: d.status.result, ...(comment ? { comment } : {}), ...(failure ? { failure } : {}), aligned: Boolean(d.status.aligned),
        ...(d.rr ? { record: cut(d.rr, 300) } : {}),
      });
    }
    if (res.spf && opts.ip) out.spf = { domain: res.spf.domain, ip: res.spf['client-ip'], result: res.spf.status.result, ...(res.spf.status.comment ? { comment: res.spf.status.comment } : {}) };
    if (res.dmarc) {
      out.dmarc = {
        domain: res.dmarc.domain, result: res.dmarc.status.result, ...(res.dmarc.p ?? res.dmarc.policy ? { policy: res.dmarc.p ?? res.dmarc.policy } : {}),
        ...(res.dmarc.status.comment ? { comment: res.dmarc.status.comment } : {}),
        ...(res.dmarc.alignment ? { spfAligned: res.dmarc.alignment.spf?.result ?? false, dkimAligned: res.dmarc.alignment.dkim?.result ?? false } : {}),
      };
    }
    if (res.arc && res.arc.status.result !== 'none') out.arc = { result: res.arc.status.result, ...(res.arc.status.comment ? { comment: res.arc.status.comment } : {}) };
  } catch (e) {
    out.error = (e as Error).message || String(e);
  } finally {
    clearTimeout(timer);
  }
  return out;
}

const FAILURE: Record<DkimFailure, { summary: Text; detail: Text; advice: Text }> = {
  'body-hash': {
    summary: tx('the body hash does not match: the body changed after signing', 'skrót treści (body hash) się nie zgadza: treść zmieniła się po podpisaniu'),
    detail: tx('The signature carries a hash of the body (bh=). The body hashed now is different, so something altered the body after the signer: a footer or disclaimer added by a server, an antivirus, a mailing list, a line-ending or encoding conversion.',
      'Podpis zawiera skrót treści (bh=). Obecny skrót treści jest inny, więc coś zmieniło treść po podpisaniu: stopka lub zastrzeżenie dodane przez serwer, antywirus, lista dyskusyjna, zmiana końców linii lub kodowania.'),
    advice: tx('Find what modifies the message after signing (footers, disclaimers, antivirus, list software) and sign after it, or switch it off.', 'Znajdź, co zmienia wiadomość po podpisaniu (stopki, zastrzeżenia, antywirus, oprogramowanie list), i podpisuj dopiero po tym etapie albo go wyłącz.'),
  },
  signature: {
    summary: tx('the header signature (header hash) does not verify: a signed header changed, or the key in DNS is not the signing key', 'podpis nagłówków (header hash) się nie weryfikuje: zmienił się podpisany nagłówek albo klucz w DNS nie jest kluczem podpisującym'),
    detail: tx('The body hash matched, but the signature over the signed headers (h=) and the DKIM-Signature itself fails with the public key from DNS. Either a signed header (Subject, From, To, Date…) was changed on the way, or the DNS key does not belong to the private key that signed.',
      'Skrót treści się zgadza, ale podpis nad podpisanymi nagłówkami (h=) i samym DKIM-Signature nie przechodzi z kluczem publicznym z DNS. Albo po drodze zmieniono podpisany nagłówek (Subject, From, To, Date…), albo klucz w DNS nie pasuje do klucza prywatnego, którym podpisano.'),
    advice: tx('Compare the public key in DNS with the signer\'s private key (after a key rotation both must change together), and check that no server rewrites signed headers (e.g. a subject tag).', 'Porównaj klucz publiczny w DNS z kluczem prywatnym podpisującego (po zmianie kluczy oba muszą się zmienić razem) i sprawdź, czy żaden serwer nie przepisuje podpisanych nagłówków (np. znacznik w temacie).'),
  },
  'no-key': {
    summary: tx('no key was found in DNS for the selector', 'w DNS nie znaleziono klucza dla selektora'),
    detail: tx('The TXT record <selector>._domainkey.<domain> does not exist.', 'Rekord TXT <selektor>._domainkey.<domena> nie istnieje.'),
    advice: tx('Publish the public key the mail provider gives you at <selector>._domainkey.<domain>.', 'Opublikuj klucz publiczny podany przez dostawcę poczty pod <selektor>._domainkey.<domena>.'),
  },
  'bad-key': {
    summary: tx('the key record in DNS is broken', 'rekord klucza w DNS jest uszkodzony'),
    detail: tx('The TXT record exists but is not a valid DKIM key (cut, wrong quotes, wrong version or type).', 'Rekord TXT istnieje, ale nie jest poprawnym kluczem DKIM (ucięty, złe cudzysłowy, zła wersja lub typ).'),
    advice: tx('Copy the key again, whole, into one TXT record (long keys are split into several quoted strings of one record).', 'Skopiuj klucz ponownie, w całości, do jednego rekordu TXT (długie klucze dzieli się na kilka ciągów w cudzysłowach jednego rekordu).'),
  },
  dns: {
    summary: tx('the key could not be fetched (DNS error)', 'nie udało się pobrać klucza (błąd DNS)'),
    detail: tx('The DNS server did not answer or answered with an error; try again later.', 'Serwer DNS nie odpowiedział albo zwrócił błąd; spróbuj później.'),
    advice: tx('Check that the domain\'s DNS servers answer.', 'Sprawdź, czy serwery DNS domeny odpowiadają.'),
  },
  expired: {
    summary: tx('the signature has expired (x=)', 'podpis wygasł (x=)'),
    detail: tx('The signer set an expiry time that has passed.', 'Podpisujący ustawił czas ważności, który minął.'),
    advice: tx('Use a longer signature lifetime (or none).', 'Ustaw dłuższy czas ważności podpisu (albo żaden).'),
  },
  'weak-key': {
    summary: tx('the key is too short (under 1024 bits)', 'klucz jest za krótki (poniżej 1024 bitów)'),
    detail: tx('Receivers ignore DKIM keys shorter than 1024 bits.', 'Odbiorcy ignorują klucze DKIM krótsze niż 1024 bity.'),
    advice: tx('Generate a 2048-bit key and publish it.', 'Wygeneruj klucz 2048-bitowy i go opublikuj.'),
  },
  other: {
    summary: tx('the signature did not verify', 'podpis się nie zweryfikował'),
    detail: tx('See the evidence for the library\'s reason.', 'Powód podany przez bibliotekę jest w dowodach.'),
    advice: tx('Check the DKIM setup of the signing domain.', 'Sprawdź konfigurację DKIM domeny podpisującej.'),
  },
};

const T = {
  error: tx('The own verification could not run: {e}.', 'Własnej weryfikacji nie udało się przeprowadzić: {e}.'),
  noSig: tx('Own check: the message has no DKIM signature.', 'Własne sprawdzenie: wiadomość nie ma podpisu DKIM.'),
  dkimPass: tx('Own check: DKIM signature of {d} (selector {s}) is valid{aligned}.', 'Własne sprawdzenie: podpis DKIM domeny {d} (selektor {s}) jest poprawny{aligned}.'),
  aligned: tx(' and aligned with From', ' i wyrównany (alignment) z From'),
  notAligned: tx(', but not aligned with From', ', ale niewyrównany (alignment) z From'),
  dkimFail: tx('Own check: DKIM signature of {d} (selector {s}) fails — {why}.', 'Własne sprawdzenie: podpis DKIM domeny {d} (selektor {s}) nie przechodzi — {why}.'),
  spf: tx('Own check: SPF for {d} from {ip} (hop {hop}): {result}.', 'Własne sprawdzenie: SPF dla {d} z adresu {ip} (etap {hop}): {result}.'),
  noIp: tx('Own check: SPF was not checked: no connecting IP found in the Received headers (give one with --ip).', 'Własne sprawdzenie: SPF nie zostało sprawdzone: w nagłówkach Received nie ma adresu IP serwera nadawcy (podaj go przez --ip).'),
  dmarc: tx('Own check: DMARC for {d}{policy}: {result}.', 'Własne sprawdzenie: DMARC dla {d}{policy}: {result}.'),
  policy: tx(' (policy p={p})', ' (polityka p={p})'),
  dnsAdvice: tx('The DNS lookup failed (the server did not answer or refused): check that the resolver given with --resolver answers for this domain, then run again.', 'Zapytanie DNS się nie powiodło (serwer nie odpowiedział albo odmówił): sprawdź, czy serwer DNS podany w --resolver odpowiada dla tej domeny, i uruchom ponownie.'),
  differs: tx('{method}: the receiver wrote {theirs}, mailmedic finds {ours}.', '{method}: odbiorca zapisał {theirs}, mailmedic stwierdza {ours}.'),
  differsDetail: tx('A difference is normal when the message was changed after the receiver checked it (a forward, a list, an archive, a copy saved by a mail program), when DNS changed since delivery (a rotated DKIM key, an edited SPF record), or when the IP mailmedic used is not the one the receiver saw. If the receiver failed what passes now, the sender probably fixed DNS since.',
    'Różnica jest normalna, gdy wiadomość zmieniono po sprawdzeniu przez odbiorcę (przekierowanie, lista, archiwum, kopia zapisana przez program pocztowy), gdy DNS zmienił się od doręczenia (wymieniony klucz DKIM, zmieniony rekord SPF) albo gdy mailmedic użył innego adresu IP niż widział odbiorca. Jeśli u odbiorcy nie przeszło to, co teraz przechodzi, nadawca zapewne poprawił już DNS.'),
  arc: tx('Own check: the ARC chain is {result}.', 'Własne sprawdzenie: łańcuch ARC — wynik {result}.'),
  same: tx('Own check agrees with the receiver on {methods}.', 'Własne sprawdzenie zgadza się z odbiorcą co do: {methods}.'),
};

const norm = (r: string | undefined) => (r === 'temperr' ? 'temperror' : r === 'hardfail' ? 'fail' : r ?? 'none');

export function verifyFindings(own: OwnVerdict, receiver: ReceiverVerdict): Finding[] {
  const out: Finding[] = [];
  if (own.error) {
    out.push({ check: 'message.verify.error', status: 'unknown', subject: 'mailauth', summary: fill(T.error, { e: cut(own.error, 200) }) });
    return out;
  }
  if (!own.dkim.length) out.push({ check: 'message.verify.dkim', status: 'warn', subject: 'DKIM-Signature', summary: T.noSig, advice: [FIX.dkim], data: { result: 'none', spamWeight: 1 } });
  for (const d of own.dkim) {
    const ev = [{ kind: 'text' as const, label: 'mailauth', value: `dkim=${d.result}${d.comment ? ` (${d.comment})` : ''} header.d=${d.domain} header.s=${d.selector ?? ''} header.a=${d.algorithm ?? ''}` }];
    if (d.record) ev.push({ kind: 'text' as const, label: `TXT ${d.selector ?? ''}._domainkey.${d.domain}`, value: d.record });
    if (d.result === 'pass') {
      out.push({ check: 'message.verify.dkim', status: d.aligned ? 'ok' : 'info', subject: d.domain, summary: fillT(T.dkimPass, { d: d.domain, s: d.selector ?? '?', aligned: d.aligned ? T.aligned : T.notAligned }), evidence: ev, data: { ...d } });
    } else {
      const f = FAILURE[d.failure ?? 'other'];
      const st: Status = d.failure === 'dns' ? 'unknown' : 'error';
      out.push({ check: 'message.verify.dkim', status: st, subject: d.domain, summary: fillT(T.dkimFail, { d: d.domain, s: d.selector ?? '?', why: f.summary }), detail: f.detail, advice: [f.advice], evidence: ev, seeAlso: [`mailmedic domain ${d.domain}`], data: { ...d, spamWeight: 2 } });
    }
  }
  if (own.spf) {
    // A temporary DNS error is about the lookup (often the resolver given), not about the sender: not checked.
    const spfDns = norm(own.spf.result) === 'temperror';
    const st: Status = own.spf.result === 'pass' ? 'ok' : own.spf.result === 'fail' || own.spf.result === 'permerror' ? 'error' : own.spf.result === 'none' ? 'info' : spfDns ? 'unknown' : 'warn';
    out.push({ check: 'message.verify.spf', status: st, subject: own.spf.domain, summary: fillT(T.spf, { result: AUTH_RESULT_TEXT[own.spf.result] ?? own.spf.result, d: own.spf.domain, ip: own.spf.ip, hop: own.input.hop ?? '?' }), ...(spfDns ? { advice: [T.dnsAdvice] } : st !== 'ok' && st !== 'info' ? { advice: [FIX.spf] } : {}), evidence: own.spf.comment ? [{ kind: 'text', label: 'mailauth', value: own.spf.comment }] : [], data: { ...own.spf, spamWeight: st === 'error' ? 2 : st === 'warn' ? 1 : 0 } });
  } else if (!own.input.ip) {
    out.push({ check: 'message.verify.spf', status: 'unknown', subject: 'SPF', summary: T.noIp });
  }
  if (own.dmarc) {
    const dmarcDns = norm(own.dmarc.result) === 'temperror';
    const st: Status = own.dmarc.result === 'pass' ? 'ok' : own.dmarc.result === 'fail' ? 'error' : dmarcDns ? 'unknown' : 'warn';
    out.push({ check: 'message.verify.dmarc', status: st, subject: own.dmarc.domain, summary: fillT(T.dmarc, { result: AUTH_RESULT_TEXT[own.dmarc.result] ?? own.dmarc.result, d: own.dmarc.domain, policy: own.dmarc.policy ? fill(T.policy, { p: own.dmarc.policy }) : '' }), ...(dmarcDns ? { advice: [T.dnsAdvice] } : st !== 'ok' ? { advice: [FIX.dmarc] } : {}), evidence: own.dmarc.comment ? [{ kind: 'text', label: 'mailauth', value: own.dmarc.comment }] : [], data: { ...own.dmarc, spamWeight: st === 'error' ? (/^(quarantine|reject)$/i.test(own.dmarc.policy ?? '') ? 6 : 3) : 0 } });
  }
  if (own.arc) {
    const st: Status = own.arc.result === 'pass' ? 'ok' : own.arc.result === 'fail' ? 'warn' : 'info';
    out.push({ check: 'message.verify.arc', status: st, subject: 'ARC', summary: fill(T.arc, { result: own.arc.result }), ...(own.arc.comment ? { evidence: [{ kind: 'text' as const, label: 'mailauth', value: own.arc.comment }] } : {}), data: { ...own.arc } });
  }
  // Compare with the receiver.
  const pairs: [string, string | undefined, string | undefined][] = [];
  if (receiver.spf && own.spf) pairs.push(['SPF', norm(receiver.spf.result), norm(own.spf.result)]);
  if (receiver.dmarc && own.dmarc) pairs.push(['DMARC', norm(receiver.dmarc.result), norm(own.dmarc.result)]);
  if (receiver.arc && own.arc) pairs.push(['ARC', norm(receiver.arc.result), norm(own.arc.result)]);
  for (const r of receiver.dkim) {
    const d = resultDomain(r);
    const mine = own.dkim.find((x) => x.domain.toLowerCase() === d);
    if (mine) pairs.push([`DKIM ${d}`, norm(r.result), norm(mine.result)]);
  }
  const same: string[] = [];
  for (const [method, theirs, ours] of pairs) {
    if (theirs === ours) { same.push(method); continue; }
    // Our lookup failing says nothing against the receiver's verdict.
    if (ours === 'temperror') continue;
    out.push({ check: 'message.verify.differs', status: 'warn', subject: method, summary: fill(T.differs, { method, theirs: theirs!, ours: ours! }), detail: T.differsDetail, data: { method, receiver: theirs, mailmedic: ours } });
  }
  if (same.length) out.push({ check: 'message.verify.agrees', status: 'ok', subject: same.join(', '), summary: fill(T.same, { methods: same.join(', ') }) });
  return out;
}
