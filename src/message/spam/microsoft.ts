/**
 * Microsoft 365 / Exchange Online Protection headers: X-Forefront-Antispam-Report (SFV, CAT, SCL, PTR, CIP,
 * IPV, …), X-MS-Exchange-Organization-SCL (the SCL scale), X-Microsoft-Antispam (BCL, the bulk level) and
 * X-Microsoft-Antispam-Mailbox-Delivery (dest:J = Junk folder). Values explained from tables.
 */
import type { Text } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import { headerFirst, type HeaderField } from '../../mime/header-fields.js';
import { cut } from '../util.js';
import { FIX } from './fixes.js';
import type { SpamRuleHit, SpamVerdict } from './types.js';

/** SFV: the spam filtering verdict. `spam` says whether it sends the message to Junk/quarantine. */
export const MS_SFV: Record<string, { meaning: Text; spam?: boolean; fix?: Text }> = {
  NSPM: { meaning: tx('Not spam: filtering found nothing.', 'Nie spam: filtr niczego nie znalazł.'), spam: false },
  SPM: { meaning: tx('Spam: the filter marked the message as spam.', 'Spam: filtr oznaczył wiadomość jako spam.'), spam: true, fix: FIX.reputation },
  BLK: { meaning: tx('Blocked: the sender is on the recipient\'s Blocked Senders list.', 'Zablokowane: nadawca jest na liście zablokowanych nadawców odbiorcy.'), spam: true },
  SFE: { meaning: tx('Skipped: the sender is on the recipient\'s Safe Senders list.', 'Pominięte: nadawca jest na liście bezpiecznych nadawców odbiorcy.'), spam: false },
  SKA: { meaning: tx('Skipped: allowed by the organization\'s anti-spam policy.', 'Pominięte: dozwolone przez politykę antyspamową organizacji.'), spam: false },
  SKB: { meaning: tx('Marked spam: the sender or domain is blocked in the organization\'s anti-spam policy.', 'Oznaczone jako spam: nadawca lub domena jest zablokowana w polityce antyspamowej organizacji.'), spam: true },
  SKI: { meaning: tx('Skipped: internal mail of the organization.', 'Pominięte: poczta wewnętrzna organizacji.'), spam: false },
  SKN: { meaning: tx('Marked not spam before filtering (mail flow rule).', 'Oznaczone jako nie spam przed filtrowaniem (reguła przepływu poczty).'), spam: false },
  SKQ: { meaning: tx('Released from quarantine.', 'Zwolnione z kwarantanny.'), spam: false },
  SKS: { meaning: tx('Marked spam before filtering (mail flow rule).', 'Oznaczone jako spam przed filtrowaniem (reguła przepływu poczty).'), spam: true },
};

/** CAT: the protection policy that decided. */
export const MS_CAT: Record<string, { meaning: Text; fix?: Text }> = {
  NONE: { meaning: tx('No category.', 'Brak kategorii.') },
  BULK: { meaning: tx('Bulk mail (newsletters, marketing).', 'Poczta masowa (newslettery, marketing).'), fix: FIX.bulk },
  SPM: { meaning: tx('Spam.', 'Spam.'), fix: FIX.reputation },
  HSPM: { meaning: tx('High confidence spam.', 'Spam z wysoką pewnością.'), fix: FIX.reputation },
  PHSH: { meaning: tx('Phishing.', 'Phishing.') },
  HPHSH: { meaning: tx('High confidence phishing.', 'Phishing z wysoką pewnością.') },
  HPHISH: { meaning: tx('High confidence phishing.', 'Phishing z wysoką pewnością.') },
  SPOOF: { meaning: tx('Spoofing: the From domain failed authentication (composite authentication).', 'Podszywanie: domena From nie przeszła uwierzytelnienia (composite authentication).'), fix: FIX.dmarc },
  DIMP: { meaning: tx('Domain impersonation.', 'Podszywanie się pod domenę.') },
  UIMP: { meaning: tx('User impersonation.', 'Podszywanie się pod użytkownika.') },
  GIMP: { meaning: tx('Mailbox intelligence impersonation.', 'Podszywanie wykryte przez analizę skrzynki.') },
  MALW: { meaning: tx('Malware.', 'Złośliwe oprogramowanie.') },
  AMP: { meaning: tx('Anti-malware policy.', 'Polityka ochrony przed złośliwym oprogramowaniem.') },
  SAP: { meaning: tx('Safe Attachments policy.', 'Polityka bezpiecznych załączników.') },
  INTOS: { meaning: tx('Intra-organization phishing.', 'Phishing wewnątrz organizacji.') },
  OSPM: { meaning: tx('Outbound spam.', 'Spam wychodzący.'), fix: FIX.reputation },
  FTBP: { meaning: tx('Blocked file type of an attachment.', 'Zablokowany typ pliku załącznika.') },
};

/** The SCL scale (spam confidence level). */
export function sclMeaning(scl: number): { meaning: Text; spam: boolean } {
  if (scl < 0) return { meaning: tx('SCL −1: filtering was skipped (safe sender, internal or a mail flow rule).', 'SCL −1: filtrowanie pominięto (bezpieczny nadawca, poczta wewnętrzna lub reguła przepływu).'), spam: false };
  if (scl <= 1) return { meaning: tx(`SCL ${scl}: not spam — delivered to the Inbox.`, `SCL ${scl}: nie spam — dostarczono do Skrzynki odbiorczej.`), spam: false };
  if (scl <= 4) return { meaning: tx(`SCL ${scl}: not used by Microsoft 365 today; older Exchange treats it as not spam.`, `SCL ${scl}: obecnie nieużywany w Microsoft 365; starszy Exchange traktuje go jako nie spam.`), spam: false };
  if (scl <= 6) return { meaning: tx(`SCL ${scl}: spam — delivered to the Junk Email folder.`, `SCL ${scl}: spam — dostarczono do folderu Spam (w Outlooku: Wiadomości-śmieci).`), spam: true };
  return { meaning: tx(`SCL ${scl}: high confidence spam — Junk or quarantine.`, `SCL ${scl}: spam z wysoką pewnością — folder Spam (Wiadomości-śmieci) lub kwarantanna.`), spam: true };
}

/** BCL: bulk complaint level. */
export function bclMeaning(bcl: number): Text {
  if (bcl <= 0) return tx('BCL 0: not from a bulk sender.', 'BCL 0: nie od nadawcy masowego.');
  if (bcl <= 3) return tx(`BCL ${bcl}: bulk sender with few complaints.`, `BCL ${bcl}: nadawca masowy z niewieloma skargami.`);
  if (bcl <= 7) return tx(`BCL ${bcl}: bulk sender with a mixed number of complaints (the default threshold is 7).`, `BCL ${bcl}: nadawca masowy z umiarkowaną liczbą skarg (domyślny próg to 7).`);
  return tx(`BCL ${bcl}: bulk sender with many complaints: likely Junk.`, `BCL ${bcl}: nadawca masowy z wieloma skargami: prawdopodobnie trafi do folderu Spam (Wiadomości-śmieci).`);
}

const FIELD_NAMES: Record<string, Text> = {
  CIP: tx('connecting IP', 'adres IP serwera nadawcy'), CTRY: tx('country of the connecting IP', 'kraj adresu IP serwera nadawcy'),
  LANG: tx('language of the message', 'język wiadomości'), H: tx('HELO name', 'nazwa HELO'), PTR: tx('PTR of the connecting IP', 'PTR adresu IP serwera nadawcy'),
  IPV: tx('IP reputation (CAL = allowed, NLI = not listed)', 'reputacja IP (CAL = dozwolony, NLI = nie na liście)'),
  SRV: tx('service (BULK = bulk mail)', 'usługa (BULK = poczta masowa)'), DIR: tx('direction (INB in, OUT out, INT internal)', 'kierunek (INB przychodząca, OUT wychodząca, INT wewnętrzna)'),
  SFTY: tx('safety tip shown', 'pokazana wskazówka bezpieczeństwa'), SFP: tx('spam filter policy code', 'kod polityki filtra'),
};

function parsePairs(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.slice(0, 16 * 1024).split(';').slice(0, 60)) {
    const c = part.indexOf(':');
    if (c <= 0) continue;
    const k = part.slice(0, c).trim().toUpperCase();
    if (!/^[A-Z]{1,12}$/.test(k)) continue;
    out[k] = part.slice(c + 1).trim();
  }
  return out;
}

export function readMicrosoft(fields: readonly HeaderField[]): SpamVerdict | undefined {
  const far = headerFirst(fields, 'x-forefront-antispam-report') ?? headerFirst(fields, 'x-forefront-antispam-report-untrusted');
  const scl = headerFirst(fields, 'x-ms-exchange-organization-scl');
  const mas = headerFirst(fields, 'x-microsoft-antispam');
  const delivery = headerFirst(fields, 'x-microsoft-antispam-mailbox-delivery');
  if (!far && !scl && !mas && !delivery) return undefined;
  const v: SpamVerdict = { filter: 'microsoft', product: 'Microsoft 365 / Exchange Online Protection', rules: [], headers: [], fields: {} };
  for (const f of [far, scl, mas, delivery]) if (f) v.headers.push({ name: f.name, value: cut(f.value, 2000) });
  const p = far ? parsePairs(far.value) : {};
  const hits: SpamRuleHit[] = [];
  for (const [k, val] of Object.entries(p)) {
    if (k === 'SFS' || k === 'FPR' || !val) continue;
    v.fields![k] = cut(val, 120);
    if (k === 'SFV') {
      const s = MS_SFV[val.toUpperCase()];
      if (s) { hits.push({ name: `SFV:${val}`, meaning: s.meaning, ...(s.fix ? { fix: s.fix } : {}) }); if (s.spam !== undefined) v.spam = s.spam; }
      v.action = `SFV:${val}`;
    } else if (k === 'CAT') {
      const c = MS_CAT[val.toUpperCase()];
      hits.push({ name: `CAT:${val}`, ...(c ? { meaning: c.meaning } : {}), ...(c?.fix ? { fix: c.fix } : {}) });
    } else if (k === 'PTR') {
      if (/^InfoNoRecords$/i.test(val)) hits.push({ name: 'PTR:InfoNoRecords', meaning: tx('The connecting IP has no PTR (reverse DNS) record.', 'Adres IP serwera nadawcy nie ma rekordu PTR (odwrotny DNS).'), fix: FIX.ptr });
      else if (/^InfoDomainNonexistent$/i.test(val)) hits.push({ name: 'PTR:InfoDomainNonexistent', meaning: tx('The PTR name of the connecting IP does not exist.', 'Nazwa z rekordu PTR adresu IP serwera nadawcy nie istnieje.'), fix: FIX.ptr });
    } else if (k === 'SCL' && /^-?\d$/.test(val)) {
      v.score = Number(val);
    } else if (FIELD_NAMES[k] && k !== 'PTR') {
      const name = FIELD_NAMES[k]!;
      const shown = cut(val, 80);
      hits.push({ name: `${k}:${shown}`, meaning: { en: `${name.en}: ${shown}`, pl: `${name.pl}: ${shown}` }, ...(k === 'SRV' && /bulk/i.test(val) ? { fix: FIX.bulk } : {}) });
    }
  }
  const sclText = scl?.value.trim() ?? (v.score !== undefined ? String(v.score) : undefined);
  if (sclText && /^-?\d$/.test(sclText)) {
    const n = Number(sclText);
    v.score = n;
    const m = sclMeaning(n);
    hits.push({ name: `SCL:${n}`, meaning: m.meaning, ...(m.spam ? { fix: FIX.reputation } : {}) });
    v.spam = v.spam === true || m.spam;
    v.threshold = 5;
    v.scoreName = 'SCL';
  }
  const bcl = mas && /\bBCL:(\d)/i.exec(mas.value);
  if (bcl) {
    const n = Number(bcl[1]);
    v.fields!.BCL = String(n);
    hits.push({ name: `BCL:${n}`, meaning: bclMeaning(n), ...(n >= 4 ? { fix: FIX.bulk } : {}) });
  }
  const dest = delivery && /\bdest:([A-Z])/i.exec(delivery.value);
  if (dest) {
    const d = dest[1]!.toUpperCase();
    v.fields!.dest = d;
    if (d === 'J') { v.spam = true; hits.push({ name: 'dest:J', meaning: tx('Delivered to the Junk Email folder.', 'Dostarczono do folderu Spam (w Outlooku: Wiadomości-śmieci).') }); }
    else if (d === 'I') hits.push({ name: 'dest:I', meaning: tx('Delivered to the Inbox.', 'Dostarczono do Skrzynki odbiorczej.') });
  }
  v.rules = hits;
  return v;
}

export { FIELD_NAMES as MS_FIELD_NAMES };
