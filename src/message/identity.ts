/**
 * Who the message says it is from, and whether the pieces agree: From vs Return-Path vs Sender vs Reply-To vs
 * the DKIM d= domains; display names that impersonate another address; Message-ID and Date sanity.
 */
import type { Finding, Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import type { DkimSignatureInfo } from './auth-results.js';
import { parseMailDate, type ParsedDate } from './dates.js';
import { decodeEncodedWords, type EncodedWordProblem } from './encoded-words.js';
import { headerAll, headerFirst, type HeaderField } from '../mime/header-fields.js';
import { FIX } from './spam/fixes.js';
import { addressOf, alignment, cut, displayNameOf, domainOf, fillT, formatDuration, looksAlike } from './util.js';

export interface IdentityAnalysis {
  from?: string;
  fromDisplay?: string;
  fromDomain?: string;
  fromCount: number;
  returnPath?: string;
  sender?: string;
  replyTo?: string;
  dkimDomains: string[];
  messageId?: string;
  date?: string;
  dateRaw?: string;
  dateParsed: ParsedDate;
  subject?: string;
  encodingProblems: { header: string; problems: EncodedWordProblem[] }[];
}

/**
 * Reads who the message says it is from (From, Return-Path, Sender, Reply-To, DKIM d=), the Message-ID, Date and
 * Subject, decoding encoded words and noting what is wrong with them.
 */
export function analyzeIdentity(fields: readonly HeaderField[], signatures: readonly DkimSignatureInfo[]): IdentityAnalysis {
  const fromFields = headerAll(fields, 'from');
  const encodingProblems: IdentityAnalysis['encodingProblems'] = [];
  const decode = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const d = decodeEncodedWords(v);
    if (d.problems.length) encodingProblems.push({ header: name, problems: d.problems.slice(0, 5) });
    return d.text;
  };
  const fromRaw = fromFields[0]?.value;
  const fromDecoded = decode('From', fromRaw);
  const from = addressOf(fromRaw);
  const a: IdentityAnalysis = { fromCount: fromFields.length, dkimDomains: [...new Set(signatures.map((s) => s.domain).filter((d): d is string => !!d))], dateParsed: { problems: ['empty'] }, encodingProblems };
  if (from) { a.from = from; const d = domainOf(from); if (d) a.fromDomain = d; }
  const disp = displayNameOf(fromDecoded);
  if (disp) a.fromDisplay = cut(disp, 200);
  const rp = headerFirst(fields, 'return-path')?.value;
  if (rp !== undefined) a.returnPath = rp.trim() === '<>' ? '<>' : (addressOf(rp) ?? cut(rp, 200));
  const sender = addressOf(headerFirst(fields, 'sender')?.value);
  if (sender) a.sender = sender;
  const rt = addressOf(headerFirst(fields, 'reply-to')?.value);
  if (rt) a.replyTo = rt;
  const mid = headerFirst(fields, 'message-id')?.value;
  if (mid !== undefined) a.messageId = cut(mid.trim(), 300);
  const date = headerFirst(fields, 'date')?.value;
  if (date !== undefined) { a.dateRaw = cut(date, 200); a.dateParsed = parseMailDate(date); if (a.dateParsed.date) a.date = a.dateParsed.date.toISOString(); }
  const subj = headerFirst(fields, 'subject')?.value;
  if (subj !== undefined) a.subject = cut(decode('Subject', subj) ?? '', 300);
  return a;
}

const T = {
  noFrom: tx('The message has no From header.', 'Wiadomość nie ma nagłówka From.'),
  noFromDetail: tx('From is mandatory (RFC 5322). Without it DMARC cannot be evaluated and most receivers reject the message or put it in spam.', 'Nagłówek From jest obowiązkowy (RFC 5322). Bez niego nie da się ocenić DMARC, a większość odbiorców odrzuca wiadomość albo kieruje ją do spamu.'),
  noFromAdvice: tx('Fix the program or script that builds the message so that it sets From: with your address.', 'Popraw program lub skrypt, który tworzy wiadomość, tak by ustawiał From: z Twoim adresem.'),
  multiFrom: tx('The message has {n} From headers.', 'Wiadomość ma kilka nagłówków From (liczba: {n}).'),
  multiFromDetail: tx('Only one From header is allowed; receivers treat several as an attempt to fool DMARC and reject the message.', 'Dozwolony jest tylko jeden nagłówek From; odbiorcy traktują kilka jako próbę oszukania DMARC i odrzucają wiadomość.'),
  who: tx('From {from}; envelope sender (Return-Path) {rp}; DKIM signatures: {dkim}.', 'Od (From) {from}; adres zwrotny (Return-Path) {rp}; podpisy DKIM: {dkim}.'),
  whoDetail: tx('The From address is what the reader sees; the Return-Path is where bounces go and what SPF checks; DKIM d= is the domain that signed. DMARC wants SPF or DKIM to pass for a domain aligned with From.',
    'Adres From widzi czytelnik; Return-Path to adres, na który wracają zwroty i który sprawdza SPF; d= w DKIM to domena, która podpisała. DMARC wymaga, by SPF lub DKIM przeszło dla domeny wyrównanej (alignment) z From.'),
  none: tx('none', 'brak'),
  rpMismatch: tx('The Return-Path domain {rp} differs from the From domain {from}: SPF cannot make DMARC pass, only an aligned DKIM signature can.', 'Domena Return-Path {rp} różni się od domeny From {from}: SPF nie da zaliczenia DMARC, może to zrobić tylko podpis DKIM wyrównany (alignment) z From.'),
  rpMismatchDetail: tx('This is normal for newsletter services and forwarders, as long as the message carries a DKIM signature of the From domain.', 'To normalne przy serwisach newsletterowych i przekierowaniach, o ile wiadomość ma podpis DKIM domeny z From.'),
  noAlignedDkim: tx('No DKIM signature of the From domain {from} (signed by: {dkim}).', 'Brak podpisu DKIM domeny From {from} (podpisy: {dkim}).'),
  noAlignedDkimDetail: tx('Without a signature aligned with From, DMARC depends on SPF alone, which breaks as soon as the message is forwarded.', 'Bez podpisu wyrównanego (alignment) z From DMARC zależy tylko od SPF, które psuje się przy każdym przekierowaniu.'),
  noAlignedDkimAdvice: tx('Turn on DKIM signing with your own domain (d={from}) at your mail provider or sending service.', 'Włącz podpisywanie DKIM własną domeną (d={from}) u dostawcy poczty lub w serwisie wysyłkowym.'),
  replyTo: tx('Replies go to {rt}, a different domain than From ({from}).', 'Odpowiedzi trafią do {rt}, czyli do innej domeny niż From ({from}).'),
  replyToDetail: tx('Legitimate for help desks and newsletters; also a classic of phishing (the reply goes to the attacker). Spam filters score a Reply-To at a free mail service against a company From.', 'Bywa to uzasadnione (dział obsługi klienta, newslettery), ale to także klasyka phishingu (odpowiedź trafia do oszusta). Filtry antyspamowe punktują Reply-To w darmowej poczcie przy firmowym From.'),
  sender: tx('Sent on behalf of {from} by {sender} (Sender header).', 'Wysłane w imieniu {from} przez {sender} (nagłówek Sender).'),
  senderDetail: tx('Some clients show this as "{sender} on behalf of {from}".', 'Niektóre programy pokazują to jako „{sender} w imieniu {from}”.'),
  displaySpoof: tx('The display name shows the address {shown}, but the message is really from {from}.', 'Nazwa wyświetlana pokazuje adres {shown}, ale wiadomość naprawdę pochodzi z {from}.'),
  displaySpoofDetail: tx('Putting another address in the display name is a common impersonation trick; filters score it and readers are fooled by it.', 'Wpisanie innego adresu w nazwie wyświetlanej to częsta sztuczka podszywania się; filtry ją punktują, a czytelnicy dają się na nią nabrać.'),
  displaySpoofAdvice: tx('If you are the sender: put a plain name in the display name, not an address. If you are the recipient: treat the message as suspicious.', 'Jeśli jesteś nadawcą: w nazwie wyświetlanej wpisz zwykłą nazwę, nie adres. Jeśli jesteś odbiorcą: traktuj wiadomość jako podejrzaną.'),
  alike: tx('The {what} domain {d} looks like the From domain {from}, but is a different domain.', 'Domena z {what} ({d}) wygląda jak domena From {from}, ale to inna domena.'),
  alikeDetail: tx('Lookalike domains (paypa1 for paypal, rn for m, one letter changed) are how impersonators pass a quick look; filters and readers should treat them as different senders.', 'Domeny podobne z wyglądu (paypa1 zamiast paypal, rn zamiast m, jedna zmieniona litera) to sposób oszustów na przejście pobieżnej kontroli; filtry i czytelnicy powinni traktować je jak różnych nadawców.'),
  puny: tx('The From domain {d} is an internationalized (punycode) name: check that it is not a lookalike of a known domain.', 'Domena From {d} to nazwa międzynarodowa (punycode): sprawdź, czy nie udaje znanej domeny.'),
  punyDetail: tx('Letters from other alphabets can look identical to Latin ones (Cyrillic "а" vs Latin "a").', 'Litery z innych alfabetów mogą wyglądać identycznie jak łacińskie (cyrylickie „а” i łacińskie „a”).'),
  mixed: tx('The display name mixes Latin with Cyrillic or Greek letters: "{name}".', 'Nazwa wyświetlana miesza litery łacińskie z cyrylicą lub greką: „{name}”.'),
  noMid: tx('The message has no Message-ID.', 'Wiadomość nie ma nagłówka Message-ID.'),
  noMidDetail: tx('Every message should carry a unique Message-ID; spam filters score its absence (SpamAssassin MISSING_MID) and Gmail may refuse such mail.', 'Każda wiadomość powinna mieć unikalny Message-ID; filtry antyspamowe punktują jego brak (SpamAssassin MISSING_MID), a Gmail może takie wiadomości odrzucać.'),
  noMidAdvice: tx('Let the sending server add one (Postfix does for submitted mail) or set it in the script that builds the message.', 'Pozwól serwerowi wysyłającemu go dodać (Postfix robi to dla wysyłanej poczty) albo ustaw go w skrypcie, który tworzy wiadomość.'),
  badMid: tx('The Message-ID "{mid}" is malformed (expected <unique@domain>).', 'Message-ID „{mid}” jest niepoprawny (oczekiwano <unikalny@domena>).'),
  noDate: tx('The message has no Date header.', 'Wiadomość nie ma nagłówka Date.'),
  noDateDetail: tx('Date is mandatory (RFC 5322); filters score its absence (MISSING_DATE).', 'Nagłówek Date jest obowiązkowy (RFC 5322); filtry punktują jego brak (MISSING_DATE).'),
  noDateAdvice: tx('Set Date in the program or script that builds the message.', 'Ustaw Date w programie lub skrypcie, który tworzy wiadomość.'),
  badDate: tx('The Date header "{raw}" cannot be read.', 'Nagłówka Date „{raw}” nie da się odczytać.'),
  oddDate: tx('The Date header "{raw}" is readable but not in the standard format ({problems}).', 'Nagłówek Date „{raw}” da się odczytać, ale nie jest w standardowym formacie ({problems}).'),
  oddDateDetail: tx('RFC 5322 wants e.g. "Mon, 23 Nov 2026 10:00:00 +0100". Non-standard dates are scored by some filters (INVALID_DATE) and shown wrongly by some clients.', 'RFC 5322 wymaga np. „Mon, 23 Nov 2026 10:00:00 +0100”. Niestandardowe daty są punktowane przez część filtrów (INVALID_DATE) i źle wyświetlane przez część programów.'),
  future: tx('The Date is {t} in the future compared to when the message was received.', 'Data (Date) jest o {t} w przyszłości względem chwili odebrania wiadomości.'),
  past: tx('The Date is {t} earlier than when the message was received.', 'Data (Date) jest o {t} wcześniejsza niż chwila odebrania wiadomości.'),
  dateSkewDetail: tx('Either the sender\'s computer clock is wrong or the message was held back for a long time. Filters score dates far in the future or past (DATE_IN_FUTURE, DATE_IN_PAST).', 'Albo zegar komputera nadawcy jest źle ustawiony, albo wiadomość była długo wstrzymana. Filtry punktują daty daleko w przyszłości lub przeszłości (DATE_IN_FUTURE, DATE_IN_PAST).'),
  dateSkewAdvice: tx('The sender should set the computer\'s clock and time zone correctly (automatic time).', 'Nadawca powinien poprawnie ustawić zegar i strefę czasową komputera (czas automatyczny).'),
  encoding: tx('The {header} header has encoded words that cannot be decoded ({what}).', 'Nagłówek {header} zawiera zakodowane słowa, których nie da się odczytać ({what}).'),
  encodingDetail: tx('RFC 2047 encoded words name a character set; an unknown set or bytes invalid in it show as garbage in the reader\'s program and some filters score it.', 'Słowa kodowane wg RFC 2047 podają zestaw znaków; nieznany zestaw albo bajty w nim niepoprawne wyświetlają się jako „krzaki”, a część filtrów to punktuje.'),
  encodingAdvice: tx('The sending program should encode headers in UTF-8.', 'Program wysyłający powinien kodować nagłówki w UTF-8.'),
};

const DATE_PROBLEM_NAMES: Record<string, string> = {
  'no-zone': 'no time zone', 'two-digit-year': 'two-digit year', 'obsolete-zone': 'obsolete zone name',
  'nonstandard-zone': 'non-standard zone name', 'invalid-field': 'value out of range', 'not-rfc5322': 'non-RFC 5322 layout',
  'weekday-mismatch': 'wrong day of the week',
};
const DATE_PROBLEM_NAMES_PL: Record<string, string> = {
  'no-zone': 'brak strefy czasowej', 'two-digit-year': 'rok dwucyfrowy', 'obsolete-zone': 'przestarzała nazwa strefy',
  'nonstandard-zone': 'niestandardowa nazwa strefy', 'invalid-field': 'wartość spoza zakresu', 'not-rfc5322': 'układ niezgodny z RFC 5322',
  'weekday-mismatch': 'zły dzień tygodnia',
};

/** Free mail domains: a Reply-To there against a company From is a phishing sign. */
const FREEMAIL = new Set(['gmail.com', 'googlemail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'live.com', 'aol.com', 'mail.ru', 'yandex.ru', 'gmx.com', 'gmx.net', 'wp.pl', 'o2.pl', 'onet.pl', 'interia.pl', 'icloud.com', 'proton.me', 'protonmail.com']);

/** `receivedAt`: when the receiver got the message (last hop time), else now. */
export function identityFindings(a: IdentityAnalysis, receivedAt: Date, receivedKnown = true): Finding[] {
  const out: Finding[] = [];
  const from = a.fromDomain;
  if (!a.fromCount) out.push({ check: 'message.identity.no-from', status: 'error', subject: 'From', summary: T.noFrom, detail: T.noFromDetail, advice: [T.noFromAdvice], data: { spamWeight: 4 } });
  if (a.fromCount > 1) out.push({ check: 'message.identity.multiple-from', status: 'error', subject: 'From', summary: fill(T.multiFrom, { n: a.fromCount }), detail: T.multiFromDetail, data: { spamWeight: 4 } });
  if (a.from) {
    const none = T.none;
    out.push({
      check: 'message.identity.summary', status: 'info', subject: a.from,
      summary: { en: fill(T.who, { from: a.from, rp: a.returnPath ?? none.en, dkim: a.dkimDomains.join(', ') || none.en }).en, pl: fill(T.who, { from: a.from, rp: a.returnPath ?? none.pl, dkim: a.dkimDomains.join(', ') || none.pl }).pl },
      detail: T.whoDetail,
      data: { from: a.from, returnPath: a.returnPath, sender: a.sender, replyTo: a.replyTo, dkimDomains: a.dkimDomains },
    });
  }
  const rpd = domainOf(a.returnPath);
  if (from && rpd && alignment(rpd, from) === 'none') {
    out.push({ check: 'message.identity.return-path', status: 'info', subject: `${rpd} ≠ ${from}`, summary: fill(T.rpMismatch, { rp: rpd, from }), detail: T.rpMismatchDetail });
  }
  if (from && a.dkimDomains.length && !a.dkimDomains.some((d) => alignment(d, from) !== 'none')) {
    out.push({ check: 'message.identity.dkim-domain', status: 'warn', subject: from, summary: fill(T.noAlignedDkim, { from, dkim: a.dkimDomains.join(', ') }), detail: T.noAlignedDkimDetail, advice: [fill(T.noAlignedDkimAdvice, { from })], data: { spamWeight: 1 } });
  }
  const rtd = domainOf(a.replyTo);
  if (from && rtd && alignment(rtd, from) === 'none') {
    const risky = FREEMAIL.has(rtd) && !FREEMAIL.has(from);
    out.push({ check: 'message.identity.reply-to', status: risky ? 'warn' : 'info', subject: a.replyTo!, summary: fill(T.replyTo, { rt: a.replyTo!, from }), detail: T.replyToDetail, ...(risky ? { advice: [FIX.replyTo] } : {}), data: { spamWeight: risky ? 2 : 0 } });
  }
  if (a.sender && a.from && a.sender.toLowerCase() !== a.from.toLowerCase()) {
    out.push({ check: 'message.identity.sender', status: 'info', subject: a.sender, summary: fill(T.sender, { from: a.from, sender: a.sender }), detail: fill(T.senderDetail, { from: a.from, sender: a.sender }) });
  }
  if (a.fromDisplay && from) {
    const shown = /[^\s<>"'(),;:]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,63}/i.exec(a.fromDisplay)?.[0];
    const sd = domainOf(shown);
    if (shown && sd && alignment(sd, from) === 'none') {
      // Another domain's address as the display name is impersonation (rspamd's SPOOF_DISPLAY_NAME weighs it heavily).
      out.push({ check: 'message.identity.display-name', status: 'warn', subject: a.fromDisplay, summary: fill(T.displaySpoof, { shown, from: a.from! }), detail: T.displaySpoofDetail, advice: [T.displaySpoofAdvice], data: { spamWeight: 3 } });
    }
    if (/\p{Script=Latin}/u.test(a.fromDisplay) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(a.fromDisplay)) {
      out.push({ check: 'message.identity.lookalike', status: 'warn', subject: a.fromDisplay, summary: fill(T.mixed, { name: a.fromDisplay }), detail: T.punyDetail, data: { spamWeight: 2 } });
    }
  }
  if (from) {
    const shownDomain = domainOf(/[^\s<>"'(),;:]{1,64}@[a-z0-9.-]{1,253}\.[a-z]{2,63}/i.exec(a.fromDisplay ?? '')?.[0]);
    const others: [Text, string | undefined][] = [[tx('Reply-To', 'Reply-To'), domainOf(a.replyTo)], [tx('Return-Path', 'Return-Path'), domainOf(a.returnPath)], [tx('display name', 'nazwy wyświetlanej'), shownDomain], ...a.dkimDomains.map((d): [Text, string] => [tx('DKIM d=', 'DKIM d='), d])];
    const seen = new Set<string>();
    for (const [what, d] of others) {
      if (!d || seen.has(d) || !looksAlike(d, from)) continue;
      seen.add(d);
      out.push({ check: 'message.identity.lookalike', status: 'warn', subject: `${d} ~ ${from}`, summary: fillT(T.alike, { what, d, from }), detail: T.alikeDetail, advice: [T.displaySpoofAdvice], data: { spamWeight: 2, domain: d, from } });
    }
  }
  if (from && from.split('.').some((l) => l.startsWith('xn--'))) {
    out.push({ check: 'message.identity.lookalike', status: 'warn', subject: from, summary: fill(T.puny, { d: from }), detail: T.punyDetail, data: { spamWeight: 1 } });
  }
  if (a.messageId === undefined) out.push({ check: 'message.identity.no-message-id', status: 'warn', subject: 'Message-ID', summary: T.noMid, detail: T.noMidDetail, advice: [T.noMidAdvice], data: { spamWeight: 1 } });
  else if (!/^<[^<>\s@]{1,250}@[^<>\s@]{1,250}>$/.test(a.messageId)) out.push({ check: 'message.identity.bad-message-id', status: 'warn', subject: 'Message-ID', summary: fill(T.badMid, { mid: a.messageId }), detail: T.noMidDetail, data: { spamWeight: 1 } });
  if (a.dateRaw === undefined) out.push({ check: 'message.identity.no-date', status: 'warn', subject: 'Date', summary: T.noDate, detail: T.noDateDetail, advice: [T.noDateAdvice], data: { spamWeight: 1 } });
  else if (!a.dateParsed.date) out.push({ check: 'message.identity.bad-date', status: 'warn', subject: 'Date', summary: fill(T.badDate, { raw: a.dateRaw }), detail: T.oddDateDetail, advice: [T.noDateAdvice], data: { spamWeight: 1, problems: a.dateParsed.problems } });
  else {
    const odd = a.dateParsed.problems;
    if (odd.length) {
      out.push({ check: 'message.identity.odd-date', status: 'info', subject: 'Date', summary: { en: fill(T.oddDate, { raw: a.dateRaw, problems: odd.map((p) => DATE_PROBLEM_NAMES[p] ?? p).join(', ') }).en, pl: fill(T.oddDate, { raw: a.dateRaw, problems: odd.map((p) => DATE_PROBLEM_NAMES_PL[p] ?? p).join(', ') }).pl }, detail: T.oddDateDetail, data: { problems: odd } });
    }
    const diff = (a.dateParsed.date.getTime() - receivedAt.getTime()) / 1000;
    if (diff > 15 * 60) out.push({ check: 'message.identity.date-future', status: 'warn', subject: 'Date', summary: fill(T.future, { t: formatDuration(diff) }), detail: T.dateSkewDetail, advice: [T.dateSkewAdvice], data: { seconds: diff, spamWeight: 2 } });
    else if (receivedKnown && diff < -3 * 86400) out.push({ check: 'message.identity.date-past', status: 'warn', subject: 'Date', summary: fill(T.past, { t: formatDuration(-diff) }), detail: T.dateSkewDetail, advice: [T.dateSkewAdvice], data: { seconds: diff, spamWeight: 1 } });
  }
  for (const e of a.encodingProblems.slice(0, 3)) {
    const what = e.problems.map((p) => `${p.kind} ${p.charset}`).join(', ');
    out.push({ check: 'message.identity.encoding', status: 'warn', subject: e.header, summary: fill(T.encoding, { header: e.header, what }), detail: T.encodingDetail, advice: [T.encodingAdvice], evidence: e.problems.map((p) => ({ kind: 'header' as const, label: e.header, value: p.word })), data: { spamWeight: 1 } });
  }
  return out;
}
