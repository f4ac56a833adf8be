/**
 * DKIM key records (RFC 6376 §3.6.1): selectors given or probed from a list of common ones; tag syntax, key
 * type and size, testing mode, revoked keys. "No selector found" is not "no DKIM": the selector is chosen by
 * the signer and appears only in the DKIM-Signature header (s=) of a sent message.
 */
import { createPublicKey } from 'node:crypto';
import type { Finding, Text } from '../core/finding.js';
import { isDefinite, type DnsClient, type DnsResult } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { dnsEvidence, dnsUnknown, finding, plPlural, recordEvidence } from './util.js';

/** Selectors probed when none is given (common defaults of hosting panels and providers). */
export const COMMON_DKIM_SELECTORS: readonly string[] = [
  'default', 'dkim', 'mail', 'google', 'selector1', 'selector2', 'k1', 'k2', 'k3', 's1', 's2', 'key1', 'key2',
  'smtp', 'email', 'mx', 'dkim1', 'sig1', 'everlytickey1', 'mandrill', 'zoho', 'protonmail', 'mxvault', 'sel',
];

/**
 * A DKIM key record read: its tags, key type and size, whether it is revoked (empty p=) or in testing mode (t=y), and
 * what is wrong with it.
 */
export interface DkimKeyInfo {
  selector: string;
  record: string;
  tags: Record<string, string>;
  keyType: string;
  bits?: number;
  revoked: boolean;
  testing: boolean;
  errors: Text[];
}

/** Parse "tag=value; tag=value" (RFC 6376 §3.2); whitespace around tags and values is folded away. */
export function parseDkimTags(record: string): { tags: Record<string, string>; errors: Text[] } {
  const tags: Record<string, string> = {};
  const errors: Text[] = [];
  for (const part of record.slice(0, 20000).split(';')) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq <= 0) { errors.push(tx(`"${p.slice(0, 30)}" is not tag=value`, `„${p.slice(0, 30)}” nie ma postaci znacznik=wartość`)); continue; }
    const name = p.slice(0, eq).trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) { errors.push(tx(`"${name.slice(0, 30)}" is not a valid tag name`, `„${name.slice(0, 30)}” nie jest poprawną nazwą znacznika`)); continue; }
    if (name in tags) errors.push(tx(`tag "${name}" appears twice`, `znacznik „${name}” występuje dwa razy`));
    tags[name] = p.slice(eq + 1).replace(/\s+/g, '');
  }
  return { tags, errors };
}

/** Key size in bits from p= (SPKI or PKCS#1 RSA; Ed25519 is 256). */
export function dkimKeyBits(keyType: string, p: string): { bits?: number; error?: Text } {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(p)) return { error: tx('p= is not valid base64', 'p= nie jest poprawnym base64') };
  const der = Buffer.from(p, 'base64');
  if (keyType === 'ed25519') return der.length === 32 ? { bits: 256 } : { error: tx(`an Ed25519 key is 32 bytes, this one is ${der.length}`, `klucz Ed25519 ma 32 bajty, ten ma ${der.length}`) };
  for (const type of ['spki', 'pkcs1'] as const) {
    try {
      const key = createPublicKey({ key: der, format: 'der', type });
      const bits = key.asymmetricKeyDetails?.modulusLength;
      if (key.asymmetricKeyType !== 'rsa') return { error: tx(`k=rsa but the key is ${key.asymmetricKeyType}`, `k=rsa, ale klucz jest typu ${key.asymmetricKeyType}`) };
      return bits ? { bits } : { error: tx('could not read the key size', 'nie udało się odczytać długości klucza') };
    } catch { /* try the next encoding */ }
  }
  return { error: tx('p= does not hold a readable RSA public key', 'p= nie zawiera czytelnego klucza publicznego RSA') };
}

/** The record with a long p= shortened for display ("p=MIIBIjAN…QIDAQAB (392 characters)"). */
export function shortenKey(record: string): string {
  const r = record.length > 4000 ? record.slice(0, 4000) + '…' : record;
  return r.replace(/(p=)([A-Za-z0-9+/=\s]{60,})/, (_m, pre: string, key: string) => {
    const k = key.replace(/\s+/g, '');
    return `${pre}${k.slice(0, 24)}…${k.slice(-8)} (${k.length} characters)`;
  });
}

/**
 * Reads one DKIM key record (RFC 6376): tags, key type and size, revoked or testing, and the errors a verifier would
 * trip on.
 */
export function analyzeDkimRecord(selector: string, record: string): DkimKeyInfo {
  const { tags, errors } = parseDkimTags(record);
  const info: DkimKeyInfo = { selector, record, tags, keyType: (tags.k ?? 'rsa').toLowerCase(), revoked: false, testing: false, errors };
  if (tags.v !== undefined && tags.v !== 'DKIM1') errors.push(tx(`v=${tags.v} (must be DKIM1)`, `v=${tags.v} (musi być DKIM1)`));
  if (tags.v !== undefined && !/^\s*v\s*=/.test(record)) errors.push(tx('v= must be the first tag', 'v= musi być pierwszym znacznikiem'));
  if (!['rsa', 'ed25519'].includes(info.keyType)) errors.push(tx(`unknown key type k=${info.keyType}`, `nieznany typ klucza k=${info.keyType}`));
  info.testing = (tags.t ?? '').split(':').includes('y');
  // h= limits the hash algorithms; SHA-1 alone is refused by verifiers since RFC 8301.
  if (tags.h !== undefined && !tags.h.toLowerCase().split(':').includes('sha256')) errors.push(tx(`h=${tags.h} allows no sha256 (SHA-1 signatures are rejected since RFC 8301)`, `h=${tags.h} nie dopuszcza sha256 (podpisy SHA-1 są odrzucane od RFC 8301)`));
  if (tags.p === undefined) errors.push(tx('no p= tag (public key)', 'brak znacznika p= (klucza publicznego)'));
  else if (tags.p === '') info.revoked = true;
  else {
    const k = dkimKeyBits(info.keyType, tags.p);
    if (k.error) errors.push(k.error);
    if (k.bits) info.bits = k.bits;
  }
  return info;
}

/**
 * Looks up DKIM keys at the given selectors (each missing one is an error), or at common selector names when none are
 * given (absent ones are then not reported).
 */
export async function checkDkim(dns: DnsClient, domain: string, selectors?: string[]): Promise<{ findings: Finding[]; keys: DkimKeyInfo[] }> {
  const C = 'dns.dkim';
  const given = Boolean(selectors?.length);
  const list = given ? selectors! : [...COMMON_DKIM_SELECTORS];
  const answers = await Promise.all(list.map(async (s) => ({ s, a: await dns.txt(`${s}._domainkey.${domain}`) as DnsResult<string> })));
  const findings: Finding[] = [];
  const keys: DkimKeyInfo[] = [];
  const failed = answers.filter((x) => !isDefinite(x.a.status));
  for (const { s, a } of answers) {
    const subject = `${s}._domainkey.${domain}`;
    if (!isDefinite(a.status)) { if (given) findings.push(dnsUnknown(C, subject, tx(`DKIM selector "${s}"`, `selektor DKIM „${s}”`), a)); continue; }
    const recs = a.values.filter((v) => /(^|;)\s*(v=DKIM1|k=|p=)/i.test(v));
    if (!recs.length) {
      if (given) {
        findings.push(finding(`${C}.selector-missing`, 'error', subject,
          tx(`No DKIM key at ${subject}.`, `Brak klucza DKIM pod ${subject}.`),
          {
            detail: tx('Messages signed with this selector fail DKIM, and with a strict DMARC policy they are rejected.', 'Wiadomości podpisane tym selektorem nie przejdą DKIM, a przy ścisłej polityce DMARC zostaną odrzucone.'),
            advice: [tx('Publish the TXT record your mail server or provider generated for this selector (check the exact name, including "._domainkey").', 'Opublikuj rekord TXT wygenerowany dla tego selektora przez serwer lub dostawcę poczty (sprawdź dokładną nazwę, łącznie z „._domainkey”).')],
            evidence: [dnsEvidence(a)],
          }));
      }
      continue;
    }
    if (recs.length > 1) {
      findings.push(finding(`${C}.multiple`, 'error', subject,
        tx(`${recs.length} DKIM records at ${subject}; verifiers may pick either and fail.`, `Pod ${subject} ${plPlural(recs.length, 'jest', 'są', 'jest')} ${recs.length} ${plPlural(recs.length, 'rekord', 'rekordy', 'rekordów')} DKIM; weryfikator może wybrać dowolny z nich i weryfikacja się nie powiedzie.`),
        { advice: [tx('Keep exactly one key record per selector.', 'Zostaw dokładnie jeden rekord klucza na selektor.')], evidence: [dnsEvidence(a)] }));
    }
    const info = analyzeDkimRecord(s, recs[0]!);
    keys.push(info);
    const ev = [recordEvidence(`TXT ${subject}`, shortenKey(recs[0]!))];
    if (info.errors.length) {
      findings.push(finding(`${C}.syntax`, 'error', subject,
        tx(`The DKIM key record of selector "${s}" is broken: ${info.errors.map((e) => e.en).join('; ')}.`, `Rekord klucza DKIM selektora „${s}” jest błędny: ${info.errors.map((e) => e.pl).join('; ')}.`),
        { advice: [tx('Copy the record again exactly as generated (a missing quote or a line break inside p= is the usual cause).', 'Skopiuj rekord ponownie dokładnie tak, jak go wygenerowano (zwykle winny jest brakujący cudzysłów lub podział wiersza w p=).')], evidence: ev }));
      continue;
    }
    if (info.revoked) {
      findings.push(finding(`${C}.revoked`, 'warn', subject,
        tx(`The DKIM key of selector "${s}" is revoked (empty p=): signatures with it fail.`, `Klucz DKIM selektora „${s}” jest unieważniony (puste p=): podpisy nim nie przejdą weryfikacji.`),
        { detail: tx('That is right for a retired selector; make sure your server no longer signs with it.', 'To właściwe dla wycofanego selektora; upewnij się, że serwer już nim nie podpisuje.'), evidence: ev }));
      continue;
    }
    const bits = info.bits ?? 0;
    if (info.keyType === 'rsa' && bits < 1024) {
      findings.push(finding(`${C}.weak-key`, 'error', subject,
        tx(`The DKIM key of selector "${s}" is RSA ${bits} bits; under 1024 bits receivers ignore or reject it.`, `Klucz DKIM selektora „${s}” to RSA ${bits} bitów; poniżej 1024 bitów odbiorcy go ignorują lub odrzucają.`),
        { advice: [tx('Generate a 2048-bit key under a new selector, publish it, switch signing, then revoke the old one.', 'Wygeneruj klucz 2048-bitowy pod nowym selektorem, opublikuj go, przełącz podpisywanie, a potem unieważnij stary.')], evidence: ev, data: { bits } }));
    } else if (info.keyType === 'rsa' && bits < 2048) {
      findings.push(finding(`${C}.weak-key`, 'warn', subject,
        tx(`The DKIM key of selector "${s}" is RSA ${bits} bits; 2048 is recommended.`, `Klucz DKIM selektora „${s}” to RSA ${bits} bitów; zalecane jest 2048.`),
        { advice: [tx('Rotate to a 2048-bit key under a new selector.', 'Przejdź na klucz 2048-bitowy pod nowym selektorem.')], evidence: ev, data: { bits } }));
    } else {
      findings.push(finding(`${C}.key`, 'ok', subject,
        tx(`DKIM key found for selector "${s}": ${info.keyType.toUpperCase()} ${bits} bits.`, `Znaleziono klucz DKIM selektora „${s}”: ${info.keyType.toUpperCase()} ${bits} bitów.`),
        { evidence: ev, data: { selector: s, keyType: info.keyType, bits } }));
    }
    if (info.testing) {
      findings.push(finding(`${C}.testing`, 'info', subject,
        tx(`Selector "${s}" is in testing mode (t=y): verifiers may treat failures as if unsigned.`, `Selektor „${s}” jest w trybie testowym (t=y): weryfikatorzy mogą traktować błędy jak brak podpisu.`),
        { advice: [tx('Remove t=y once signing works.', 'Usuń t=y, gdy podpisywanie działa.')], evidence: ev }));
    }
  }
  if (!keys.length && !given) {
    if (failed.length === answers.length) {
      findings.push(dnsUnknown(`${C}.probe`, domain, tx('DKIM selectors', 'selektory DKIM'), failed[0]!.a));
    } else {
      findings.push(finding(`${C}.not-found`, 'info', domain,
        tx(`No DKIM key found under the ${list.length} common selectors tried; that does not mean the domain has no DKIM.`, `Nie znaleziono klucza DKIM pod ${list.length} sprawdzonymi typowymi selektorami; to nie znaczy, że domena nie ma DKIM.`),
        {
          detail: tx(`Tried: ${list.join(', ')}. The selector is chosen by whoever signs; it is in the s= tag of the DKIM-Signature header of a sent message.`,
            `Sprawdzone: ${list.join(', ')}. Selektor wybiera ten, kto podpisuje; jest w znaczniku s= nagłówka DKIM-Signature wysłanej wiadomości.`),
          advice: [tx('Look at the DKIM-Signature header of a message you sent (s=…), then run: mailmedic domain <domain> --dkim-selector <s>.', 'Sprawdź nagłówek DKIM-Signature wysłanej wiadomości (s=…), a potem uruchom: mailmedic domain <domena> --dkim-selector <s>.')],
          data: { tried: list },
        }));
    }
  }
  return { findings, keys };
}
