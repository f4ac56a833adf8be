/**
 * Provider-specific enhanced status codes outside IANA's registry, keyed by the exact code: Microsoft's
 * 5.7.606–5.7.649 "banned sending IP" range, 5.7.708, 5.7.750, 5.7.509, 5.7.5xx, 5.1.90, 5.4.14, 4.7.650, …
 */
import { tx } from '../i18n/text.js';
import { CHECK_BLOCKLISTS, DELIST_MICROSOFT, PUBLISH_SPF_DKIM, SLOW_DOWN } from './advice.js';
import type { KnowledgeEntry } from './types.js';


/** A provider's own code: a knowledge entry plus the provider's name. */
export type ProviderCodeEntry = KnowledgeEntry & { provider: string };

const banned = (code: string): [string, ProviderCodeEntry] => [code, {
  provider: 'microsoft', reason: 'blocked', actor: 'your-provider', see: ['domain-ip'], source: 'provider:microsoft',
  title: tx('Microsoft: access denied, banned sending IP', 'Microsoft: odmowa dostępu, zablokowany adres IP nadawcy'),
  meaning: tx(`Microsoft 365 (Exchange Online Protection) refuses mail from the sending IP (${code}): it is on Microsoft's block list.`, `Microsoft 365 (Exchange Online Protection) odrzuca pocztę z wysyłającego adresu IP (${code}): jest on na liście blokad Microsoftu.`),
  advice: [DELIST_MICROSOFT, CHECK_BLOCKLISTS],
}];

/** Provider-specific enhanced codes outside IANA's registry, keyed by the exact code ("5.7.606"). */
export const PROVIDER_CODES: Record<string, ProviderCodeEntry> = Object.fromEntries([
  ...Array.from({ length: 44 }, (_, i) => banned(`5.7.${606 + i}`)),
  banned('5.7.511'),
  ['5.7.708', {
    provider: 'microsoft', reason: 'blocked', actor: 'your-provider', see: ['domain-ip'], source: 'provider:microsoft',
    title: tx('Microsoft: traffic not accepted from this IP', 'Microsoft: ruch z tego adresu IP nie jest przyjmowany'),
    meaning: tx('Microsoft 365 refuses mail from this IP, typically a new or low-reputation IP of a new tenant (5.7.708).', 'Microsoft 365 odrzuca pocztę z tego adresu IP, zwykle nowego lub o niskiej reputacji, należącego do nowej organizacji (5.7.708).'),
    advice: [DELIST_MICROSOFT, tx('Send through a relay with a good reputation until the IP builds one.', 'Wysyłaj przez serwer pośredniczący (relay) z dobrą reputacją, dopóki adres IP nie zbuduje własnej.')],
  }],
  ...['5.7.501', '5.7.502', '5.7.503'].map((code): [string, ProviderCodeEntry] => [code, {
    provider: 'microsoft', reason: 'blocked', actor: 'you', source: 'provider:microsoft',
    title: tx('Microsoft 365: access denied, spam abuse detected', 'Microsoft 365: odmowa dostępu, wykryto nadużycie (spam)'),
    meaning: tx(`The sending account or tenant was blocked for sending spam (${code}).`, `Konto lub organizacja nadawcy zostały zablokowane za wysyłanie spamu (${code}).`),
    advice: [tx('Secure the account (new password, check forwarding rules); the administrator must release it.', 'Zabezpiecz konto (nowe hasło, sprawdź reguły przekazywania); administrator musi je odblokować.')],
  }]),
  ['5.1.90', {
    provider: 'microsoft', reason: 'speeding', actor: 'you', source: 'provider:microsoft',
    title: tx('Outlook.com: daily sending limit reached', 'Outlook.com: osiągnięto dzienny limit wysyłki'),
    meaning: tx('The account reached its daily sending limit (5.1.90).', 'Konto osiągnęło dzienny limit wysyłki (5.1.90).'),
    advice: [tx('Wait 24 hours before sending more.', 'Odczekaj 24 godziny przed dalszą wysyłką.')],
  }],
  ['5.4.14', {
    provider: 'microsoft', reason: 'networkerror', actor: 'recipient-provider', see: ['recipient-domain'], source: 'provider:microsoft',
    title: tx('Exchange: hop count exceeded (mail loop)', 'Exchange: przekroczona liczba przeskoków (pętla)'),
    meaning: tx('The message passed through too many servers: a loop in MX records, connectors or forwarding (5.4.14).', 'Wiadomość przeszła przez zbyt wiele serwerów: pętla w rekordach MX, łącznikach lub przekierowaniach (5.4.14).'),
    advice: [tx('Check the domain\'s MX records, connectors and forwarding rules for a loop.', 'Sprawdź rekordy MX domeny, łączniki i reguły przekierowań pod kątem pętli.')],
  }],
  ['5.7.750', {
    provider: 'microsoft', reason: 'blocked', actor: 'your-provider', source: 'provider:microsoft',
    title: tx('Microsoft: unregistered domain e-mail restricted', 'Microsoft: ograniczona poczta z niezarejestrowanej domeny'),
    meaning: tx('The Microsoft 365 tenant sends from a domain it has not verified; Microsoft blocks it (5.7.750).', 'Organizacja Microsoft 365 wysyła z domeny, której nie zweryfikowała; Microsoft to blokuje (5.7.750).'),
    advice: [tx('Verify (add) the sending domain in the Microsoft 365 admin center.', 'Zweryfikuj (dodaj) domenę nadawcy w centrum administracyjnym Microsoft 365.')],
  }],
  ['5.7.509', {
    provider: 'microsoft', reason: 'authfailure', actor: 'you', see: ['domain'], source: 'provider:microsoft',
    title: tx('Microsoft: sending domain fails DMARC', 'Microsoft: domena nadawcy nie przechodzi DMARC'),
    meaning: tx('Access denied because the sending domain does not pass DMARC verification and its policy is reject (5.7.509).', 'Odmowa dostępu, bo domena nadawcy nie przechodzi weryfikacji DMARC, a jej zasada DMARC to p=reject (5.7.509).'),
    advice: [PUBLISH_SPF_DKIM],
  }],
  ['5.7.520', {
    provider: 'microsoft', reason: 'policyviolation', actor: 'your-provider', source: 'provider:microsoft',
    title: tx('Microsoft 365: external forwarding not allowed', 'Microsoft 365: przekazywanie na zewnątrz niedozwolone'),
    meaning: tx('The organisation does not allow automatic forwarding to external addresses (5.7.520).', 'Organizacja nie zezwala na automatyczne przekazywanie na adresy zewnętrzne (5.7.520).'),
    advice: [tx('Ask the Microsoft 365 administrator to allow external forwarding for this mailbox.', 'Poproś administratora Microsoft 365 o zezwolenie na przekazywanie na zewnątrz dla tej skrzynki.')],
  }],
  ['5.7.57', {
    provider: 'microsoft', reason: 'securityerror', actor: 'you', see: ['probe-smtp', 'settings'], source: 'provider:microsoft',
    title: tx('Microsoft 365: not authenticated', 'Microsoft 365: brak uwierzytelnienia'),
    meaning: tx('The client was not authenticated to send mail through smtp.office365.com (5.7.57).', 'Program pocztowy nie uwierzytelnił się przed wysyłką przez smtp.office365.com (5.7.57).'),
    advice: [tx('Turn on SMTP authentication (port 587, STARTTLS) with the full address.', 'Włącz uwierzytelnianie SMTP (port 587, STARTTLS) z pełnym adresem.')],
  }],
  ['5.7.139', {
    provider: 'microsoft', reason: 'securityerror', actor: 'your-provider', see: ['probe-smtp'], source: 'provider:microsoft',
    title: tx('Microsoft 365: authentication unsuccessful', 'Microsoft 365: uwierzytelnianie nieudane'),
    meaning: tx('SMTP AUTH is disabled for the tenant or mailbox, or security defaults block it (5.7.139).', 'SMTP AUTH jest wyłączone dla organizacji lub skrzynki albo blokują je domyślne ustawienia zabezpieczeń (5.7.139).'),
    advice: [tx('Enable SMTP AUTH for the mailbox or use OAuth.', 'Włącz SMTP AUTH dla skrzynki albo użyj OAuth.')],
  }],
  ['4.7.650', {
    provider: 'microsoft', reason: 'badreputation', actor: 'your-provider', see: ['domain-ip'], source: 'provider:microsoft',
    title: tx('Microsoft: rate limited due to IP reputation', 'Microsoft: ograniczenie tempa z powodu reputacji IP'),
    meaning: tx('Microsoft temporarily rate-limits the sending IP because of its reputation (451 4.7.650).', 'Microsoft chwilowo ogranicza tempo przyjmowania poczty z tego adresu IP z powodu jego reputacji (451 4.7.650).'),
    advice: [SLOW_DOWN, DELIST_MICROSOFT],
  }],
]);
