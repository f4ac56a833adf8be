/**
 * The big mailbox providers' well-known rejections: Gmail, Microsoft (Outlook.com / Microsoft 365), Yahoo/AOL,
 * Apple iCloud, Mail.ru and Polish providers (WP, Onet, Interia). Two tables:
 * - PROVIDER_REJECTIONS: found by their words or tokens ("[TSS04]", "(S3150)", "5.7.26 … authentication").
 * - PROVIDER_CODES: provider-specific enhanced codes outside IANA's registry (Microsoft's 5.7.606–5.7.649,
 *   5.7.708, …), keyed by the exact code.
 */
import { tx } from '../i18n/text.js';
import type { KnowledgeEntry, MessagePattern } from './types.js';

const DELIST_MS = tx('Request delisting at https://sender.office.com (Microsoft\'s delist portal) after fixing the cause.', 'Po usunięciu przyczyny złóż wniosek o usunięcie z listy na https://sender.office.com (portal Microsoftu).');
const YAHOO_HELP = tx('See Yahoo\'s error-code page (https://senders.yahooinc.com/smtp-error-codes) and its sender requirements.', 'Zobacz stronę kodów błędów Yahoo (https://senders.yahooinc.com/smtp-error-codes) i wymagania dla nadawców.');
const GOOGLE_GUIDE = tx('Follow Google\'s e-mail sender guidelines (support.google.com/a/answer/81126) and watch Postmaster Tools.', 'Stosuj się do wytycznych Google dla nadawców (support.google.com/a/answer/81126) i obserwuj Postmaster Tools.');
const SPF_DKIM = tx('Publish SPF and turn on DKIM for your domain; add DMARC.', 'Opublikuj SPF i włącz DKIM dla swojej domeny; dodaj DMARC.');
const SLOW = tx('Slow down: lower the sending rate and number of connections; retry later.', 'Zwolnij: zmniejsz tempo wysyłki i liczbę połączeń; ponów później.');
const BL = tx('Check the sending IP on blocklists and stop the source of spam.', 'Sprawdź wysyłający adres IP na czarnych listach i usuń źródło spamu.');

export const PROVIDER_REJECTIONS: MessagePattern[] = [
  // ── Gmail ──────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'gmail.unauthenticated', provider: 'gmail',
    phrases: ['does not have authentication information or fails to pass authentication checks', 'does not have authentication information', 'fails to pass authentication checks', 'requires all senders to authenticate with either spf or dkim', 'not accepted due to domain\'s dmarc policy'],
    reason: 'authfailure', actor: 'you', permanence: 'permanent', priority: 20, see: ['domain'], source: 'provider:gmail seed:002',
    title: tx('Gmail: message not authenticated (SPF/DKIM)', 'Gmail: wiadomość bez uwierzytelnienia (SPF/DKIM)'),
    meaning: tx('Gmail refused the message because it has no authentication information or failed the checks: the sender\'s domain has no valid SPF or DKIM (550 5.7.26).', 'Gmail odrzucił wiadomość, bo nie ma informacji o uwierzytelnieniu lub nie przeszła testów: domena nadawcy nie ma poprawnego SPF ani DKIM (550 5.7.26).'),
    advice: [
      tx('Set an SPF record that covers every service sending mail for your domain.', 'Ustaw rekord SPF, który obejmuje każdą usługę wysyłającą pocztę z Twojej domeny.'),
      tx('If your mail offer has DKIM, turn it on and publish the key in DNS.', 'Jeśli Twoja oferta poczty ma opcję DKIM, włącz ją i opublikuj klucz w DNS.'),
      tx('Add a DMARC record (start with p=none) once SPF and DKIM pass.', 'Dodaj rekord DMARC (zacznij od p=none), gdy SPF i DKIM już przechodzą.'),
    ],
  },
  {
    id: 'gmail.unsolicited-rate', provider: 'gmail',
    phrases: ['unusual rate of unsolicited mail'],
    reason: 'badreputation', actor: 'you', permanence: 'temporary', priority: 20, see: ['domain-ip'], source: 'provider:gmail',
    title: tx('Gmail: unusual rate of unsolicited mail', 'Gmail: nietypowa ilość niechcianej poczty'),
    meaning: tx('Gmail temporarily limits mail from your IP or domain because much of it looks unsolicited (421 4.7.28).', 'Gmail chwilowo ogranicza pocztę z Twojego IP lub domeny, bo duża jej część wygląda na niechcianą (421 4.7.28).'),
    advice: [SLOW, GOOGLE_GUIDE, SPF_DKIM],
  },
  {
    id: 'gmail.likely-unsolicited', provider: 'gmail',
    phrases: ['our system has detected that this message is likely unsolicited mail', 'this message is likely unsolicited mail'],
    reason: 'spamdetected', actor: 'you', permanence: 'permanent', priority: 20, see: ['domain'], source: 'provider:gmail seed:003',
    title: tx('Gmail: message looks like spam', 'Gmail: wiadomość wygląda na spam'),
    meaning: tx('Gmail judged the message likely unsolicited mail (550 5.7.1).', 'Gmail uznał wiadomość za prawdopodobnie niechcianą (550 5.7.1).'),
    advice: [tx('Review the content and links; send only to people who asked for it.', 'Przejrzyj treść i linki; wysyłaj tylko do osób, które o to prosiły.'), SPF_DKIM, GOOGLE_GUIDE],
  },
  {
    id: 'gmail.low-reputation', provider: 'gmail',
    phrases: ['very low reputation of the sending', 'low reputation of the sending ip', 'low reputation of the sending domain', 'suspicious due to the very low reputation'],
    reason: 'badreputation', actor: 'you', permanence: 'permanent', priority: 21, see: ['domain-ip'], source: 'provider:gmail',
    title: tx('Gmail: sending IP or domain has very low reputation', 'Gmail: bardzo niska reputacja IP lub domeny nadawcy'),
    meaning: tx('Gmail refused the message because the sending IP address or domain has a very low reputation (550 5.7.1).', 'Gmail odrzucił wiadomość z powodu bardzo niskiej reputacji wysyłającego adresu IP lub domeny (550 5.7.1).'),
    advice: [BL, SPF_DKIM, GOOGLE_GUIDE],
  },
  {
    id: 'gmail.ip-not-authorized', provider: 'gmail',
    phrases: ['not authorized to send email directly to our servers', 'is not authorized to send email directly'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 20, see: ['domain-ip'], source: 'provider:gmail',
    title: tx('Gmail: this IP may not send directly', 'Gmail: ten adres IP nie może wysyłać bezpośrednio'),
    meaning: tx('Gmail does not accept direct delivery from this IP (typically a dynamic or residential address).', 'Gmail nie przyjmuje bezpośredniego doręczenia z tego adresu IP (zwykle dynamicznego lub domowego).'),
    advice: [tx('Send through your provider\'s SMTP server (smarthost) instead of directly.', 'Wysyłaj przez serwer SMTP dostawcy (smarthost) zamiast bezpośrednio.')],
  },
  {
    id: 'gmail.recipient-rate', provider: 'gmail',
    phrases: ['receiving mail at a rate that prevents additional messages', 'receiving mail too quickly'],
    reason: 'speeding', actor: 'recipient-provider', permanence: 'temporary', priority: 20, source: 'provider:gmail',
    title: tx('Gmail: recipient receives mail too fast', 'Gmail: odbiorca dostaje pocztę zbyt szybko'),
    meaning: tx('The Gmail user receives mail at a rate that prevents more messages for now (452/450 4.2.1).', 'Użytkownik Gmaila dostaje pocztę w takim tempie, że na razie nie przyjmie kolejnych wiadomości (452/450 4.2.1).'),
    advice: [tx('Wait and retry later; your server does so by itself.', 'Poczekaj i ponów później; Twój serwer zrobi to sam.')],
  },
  {
    id: 'gmail.rate-limited', provider: 'gmail',
    phrases: ['temporarily rate limited', 'rate limited due to'],
    reason: 'speeding', actor: 'you', permanence: 'temporary', priority: 19, source: 'provider:gmail',
    title: tx('Temporarily rate limited', 'Chwilowo ograniczone tempo wysyłki'),
    meaning: tx('The receiving provider temporarily limits how fast it accepts mail from you (e.g. Gmail 421 4.7.0/4.2.1, Microsoft 4.7.650).', 'Dostawca odbiorcy chwilowo ogranicza tempo przyjmowania Twojej poczty (np. Gmail 421 4.7.0/4.2.1, Microsoft 4.7.650).'),
    advice: [SLOW],
  },
  {
    id: 'gmail.no-such-account', provider: 'gmail',
    phrases: ['the email account that you tried to reach does not exist'],
    reason: 'userunknown', actor: 'you', permanence: 'permanent', priority: 20, source: 'provider:gmail',
    title: tx('Gmail: account does not exist', 'Gmail: konto nie istnieje'),
    meaning: tx('There is no Gmail/Google Workspace account with this address (550 5.1.1).', 'Nie ma konta Gmail/Google Workspace o tym adresie (550 5.1.1).'),
    advice: [tx('Check the address for typos; ask the recipient for the right one.', 'Sprawdź, czy adres nie ma literówek; poproś odbiorcę o właściwy.')],
  },
  {
    id: 'gmail.account-disabled', provider: 'gmail',
    phrases: ['the email account that you tried to reach is disabled', 'the email account that you tried to reach is inactive'],
    reason: 'suspend', actor: 'recipient', permanence: 'permanent', priority: 20, source: 'provider:gmail',
    title: tx('Gmail: account disabled', 'Gmail: konto wyłączone'),
    meaning: tx('The Gmail account exists but is disabled (550 5.2.1).', 'Konto Gmail istnieje, ale jest wyłączone (550 5.2.1).'),
    advice: [tx('Contact the recipient another way.', 'Skontaktuj się z odbiorcą w inny sposób.')],
  },
  {
    id: 'gmail.over-quota', provider: 'gmail',
    phrases: ['the email account that you tried to reach is over quota', 'inbox is out of storage space', 'recipient\'s inbox is out of storage'],
    reason: 'mailboxfull', actor: 'recipient', permanence: 'temporary', priority: 20, source: 'provider:gmail',
    title: tx('Gmail: recipient out of storage', 'Gmail: odbiorcy zabrakło miejsca'),
    meaning: tx('The recipient\'s Google storage is full (452 4.2.2 / 552 5.2.2).', 'Miejsce na koncie Google odbiorcy jest wyczerpane (452 4.2.2 / 552 5.2.2).'),
    advice: [tx('Tell the recipient by another channel to free up space; send again later.', 'Powiadom odbiorcę innym kanałem, aby zwolnił miejsce; wyślij ponownie później.')],
  },
  {
    id: 'gmail.no-ptr', provider: 'gmail',
    phrases: ['does not have a ptr record setup', 'ptr record setup', 'sending ip does not match the ip address of the hostname specified in the pointer', 'pointer (ptr) record'],
    reason: 'requireptr', actor: 'your-provider', permanence: 'permanent', priority: 21, see: ['domain-ip'], source: 'provider:gmail',
    title: tx('Gmail: sending IP has no matching PTR record', 'Gmail: adres IP nadawcy nie ma zgodnego rekordu PTR'),
    meaning: tx('The sending IP has no reverse DNS (PTR) record, or it does not match forward DNS (550 5.7.25).', 'Wysyłający adres IP nie ma rekordu odwrotnego DNS (PTR) albo nie zgadza się on z DNS w przód (550 5.7.25).'),
    advice: [tx('Set a PTR record for the sending IP whose name resolves back to the same IP.', 'Ustaw rekord PTR dla wysyłającego IP, którego nazwa wskazuje z powrotem na ten sam adres.')],
  },
  {
    id: 'gmail.size-limit', provider: 'gmail',
    phrases: ['exceeded google\'s message size limits', 'message size limits'],
    reason: 'mesgtoobig', actor: 'you', permanence: 'permanent', priority: 20, source: 'provider:gmail',
    title: tx('Gmail: message too big', 'Gmail: wiadomość za duża'),
    meaning: tx('The message is over Google\'s size limit (552 5.3.4).', 'Wiadomość przekracza limit rozmiaru Google (552 5.3.4).'),
    advice: [tx('Share large files by a link (e.g. Google Drive).', 'Udostępnij duże pliki przez link (np. Dysk Google).')],
  },
  {
    id: 'gmail.app-password', provider: 'gmail',
    phrases: ['application-specific password required', 'app password required', 'username and password not accepted'],
    reason: 'securityerror', actor: 'you', permanence: 'permanent', priority: 20, see: ['probe-smtp'], source: 'provider:gmail',
    title: tx('Gmail: login refused (app password or OAuth needed)', 'Gmail: logowanie odrzucone (wymagane hasło aplikacji lub OAuth)'),
    meaning: tx('Google did not accept the login: the normal password does not work for mail programs (534 5.7.9 / 535 5.7.8).', 'Google nie przyjął logowania: zwykłe hasło nie działa w programach pocztowych (534 5.7.9 / 535 5.7.8).'),
    advice: [tx('Sign in with OAuth in the mail program, or create an app password (with 2-step verification on) and use it.', 'Zaloguj się w programie przez OAuth albo utwórz hasło aplikacji (przy włączonej weryfikacji dwuetapowej) i użyj go.')],
  },
  {
    id: 'gmail.daily-limit', provider: 'gmail',
    phrases: ['daily user sending limit exceeded', 'daily sending quota exceeded', 'you have reached a limit for sending mail'],
    reason: 'speeding', actor: 'you', permanence: 'temporary', priority: 20, source: 'provider:gmail',
    title: tx('Daily sending limit reached', 'Osiągnięto dzienny limit wysyłki'),
    meaning: tx('Your account reached its daily sending limit (Gmail 550 5.4.5).', 'Twoje konto osiągnęło dzienny limit wysyłki (Gmail 550 5.4.5).'),
    advice: [tx('Wait up to 24 hours; for bulk mail use a dedicated mailing service.', 'Odczekaj do 24 godzin; do masowej wysyłki użyj wyspecjalizowanej usługi.')],
  },
  // ── Microsoft (Outlook.com, Hotmail, Microsoft 365) ────────────────────────────────────────────────────
  {
    id: 'microsoft.blocklist-s3150', provider: 'microsoft',
    phrases: ['s3150', 's3140', 's3113', 's3114', 's3115', 'part of their network is on our block list'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 20, see: ['domain-ip'], source: 'provider:microsoft',
    title: tx('Microsoft: your IP or network is on its block list', 'Microsoft: Twój adres IP lub sieć jest na liście blokad'),
    meaning: tx('Outlook.com/Hotmail refuses mail because the sending IP or part of its network is on Microsoft\'s block list (550 5.7.1 … S3150/S3140).', 'Outlook.com/Hotmail odrzuca pocztę, bo wysyłający adres IP lub część jego sieci jest na liście blokad Microsoftu (550 5.7.1 … S3150/S3140).'),
    advice: [DELIST_MS, tx('If you are on a shared hosting or ISP address, send the bounce to your provider.', 'Jeśli korzystasz ze współdzielonego adresu hostingu lub dostawcy, przekaż mu zwrot.')],
  },
  {
    id: 'microsoft.banned-ip', provider: 'microsoft',
    phrases: ['banned sending ip', 'traffic not accepted from this ip', 'access denied, banned sender', 'banned sender'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 20, see: ['domain-ip'], source: 'provider:microsoft',
    title: tx('Microsoft: sending IP banned', 'Microsoft: wysyłający adres IP zablokowany'),
    meaning: tx('Microsoft 365 refuses mail from this IP (5.7.606–5.7.649 "banned sending IP", 5.7.708 "traffic not accepted from this IP").', 'Microsoft 365 odrzuca pocztę z tego adresu IP (5.7.606–5.7.649 „banned sending IP”, 5.7.708 „traffic not accepted from this IP”).'),
    advice: [DELIST_MS, BL],
  },
  {
    id: 'microsoft.recipient-not-found', provider: 'microsoft',
    phrases: ['resolver.adr.recipnotfound', 'resolver.adr.recipientnotfound', 'recipient not found by smtp address lookup', 'recipient address rejected: access denied', 'resolver.adr.exrecipnotfound'],
    reason: 'userunknown', actor: 'you', permanence: 'permanent', priority: 21, source: 'provider:microsoft',
    title: tx('Microsoft: recipient not found', 'Microsoft: nie znaleziono odbiorcy'),
    meaning: tx('The Microsoft 365/Exchange organisation has no mailbox with this address (550 5.1.10 / 5.4.1). Note: Microsoft uses 5.1.10 for this, not for null MX.', 'Organizacja Microsoft 365/Exchange nie ma skrzynki o tym adresie (550 5.1.10 / 5.4.1). Uwaga: Microsoft używa kodu 5.1.10 właśnie w tym znaczeniu, a nie dla pustego MX.'),
    advice: [tx('Check the address; ask the recipient for the right one.', 'Sprawdź adres; poproś odbiorcę o właściwy.')],
  },
  {
    id: 'microsoft.policy-codes', provider: 'microsoft',
    phrases: ['sc-001', 'sc-002', 'sc-003', 'sc-004', 'ou-001', 'ou-002', 'dy-001', 'dy-002', 'mail rejected by outlook.com for policy reasons', 'mail rejected by windows live hotmail for policy reasons'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 20, see: ['domain-ip'], source: 'provider:microsoft',
    title: tx('Outlook.com: rejected for policy reasons', 'Outlook.com: odrzucone ze względu na zasady'),
    meaning: tx('Outlook.com/Hotmail refused the mail by policy: the IP\'s reputation (SC-), a dynamic/residential IP (DY-) or other policy (OU-).', 'Outlook.com/Hotmail odrzucił pocztę ze względu na zasady: reputację IP (SC-), dynamiczny/domowy adres IP (DY-) lub inne zasady (OU-).'),
    advice: [tx('Send through a server with a static IP and a valid PTR; fix SPF/DKIM.', 'Wysyłaj przez serwer ze stałym IP i poprawnym PTR; popraw SPF/DKIM.'), DELIST_MS],
  },
  {
    id: 'microsoft.rate-reputation', provider: 'microsoft',
    phrases: ['rp-001', 'rp-002', 'rp-003', 'temporarily rate limited due to ip reputation', 'has been temporarily rate limited due to ip reputation'],
    reason: 'badreputation', actor: 'your-provider', permanence: 'temporary', priority: 21, see: ['domain-ip'], source: 'provider:microsoft',
    title: tx('Microsoft: rate limited because of IP reputation', 'Microsoft: ograniczenie tempa z powodu reputacji IP'),
    meaning: tx('Microsoft temporarily limits mail from the IP because of its reputation (451 4.7.650, RP-00x).', 'Microsoft chwilowo ogranicza pocztę z tego IP z powodu jego reputacji (451 4.7.650, RP-00x).'),
    advice: [SLOW, DELIST_MS],
  },
  {
    id: 'microsoft.submission-quota', provider: 'microsoft',
    phrases: ['submissionquotaexceeded', 'submission quota exceeded', 'message rate limit exceeded', 'sender exceeded the limit'],
    reason: 'speeding', actor: 'you', permanence: 'temporary', priority: 20, source: 'provider:microsoft',
    title: tx('Microsoft 365: sending limit exceeded', 'Microsoft 365: przekroczony limit wysyłki'),
    meaning: tx('Your Microsoft 365 mailbox sent more than its limit (recipients per day or messages per minute).', 'Twoja skrzynka Microsoft 365 wysłała więcej, niż pozwala limit (odbiorców na dobę lub wiadomości na minutę).'),
    advice: [tx('Wait up to 24 hours; check the account was not used to send spam (change the password).', 'Odczekaj do 24 godzin; sprawdź, czy konto nie służyło do wysyłki spamu (zmień hasło).')],
  },
  {
    id: 'microsoft.anonymous-mail', provider: 'microsoft',
    phrases: ['client was not authenticated to send anonymous mail', 'not authenticated to send anonymous mail'],
    reason: 'securityerror', actor: 'you', permanence: 'permanent', priority: 21, see: ['probe-smtp', 'settings'], source: 'provider:microsoft',
    title: tx('Microsoft 365: not authenticated', 'Microsoft 365: brak uwierzytelnienia'),
    meaning: tx('You tried to send through smtp.office365.com without logging in (530 5.7.57).', 'Próbowano wysłać przez smtp.office365.com bez zalogowania (530 5.7.57).'),
    advice: [tx('Turn on SMTP authentication (port 587, STARTTLS) with the full address; SMTP AUTH must be enabled for the mailbox.', 'Włącz uwierzytelnianie SMTP (port 587, STARTTLS) z pełnym adresem; SMTP AUTH musi być włączone dla skrzynki.')],
  },
  {
    id: 'microsoft.smtp-auth-disabled', provider: 'microsoft',
    phrases: ['smtp client authentication is disabled', 'authentication unsuccessful, smtpclientauthentication is disabled', 'basic authentication is disabled'],
    reason: 'securityerror', actor: 'your-provider', permanence: 'permanent', priority: 22, see: ['probe-smtp'], source: 'provider:microsoft',
    title: tx('Microsoft 365: SMTP AUTH disabled for this tenant or mailbox', 'Microsoft 365: SMTP AUTH wyłączone dla organizacji lub skrzynki'),
    meaning: tx('Microsoft 365 refuses password login over SMTP for this mailbox (535 5.7.139).', 'Microsoft 365 nie pozwala logować się hasłem przez SMTP do tej skrzynki (535 5.7.139).'),
    advice: [tx('Ask the Microsoft 365 administrator to enable SMTP AUTH for the mailbox, or use OAuth.', 'Poproś administratora Microsoft 365 o włączenie SMTP AUTH dla skrzynki albo użyj OAuth.')],
  },
  {
    id: 'microsoft.outbound-spam', provider: 'microsoft',
    phrases: ['bad outbound sender', 'spam abuse detected', 'outbound spam', 'sender is blocked for sending spam'],
    reason: 'blocked', actor: 'you', permanence: 'permanent', priority: 21, source: 'provider:microsoft',
    title: tx('Microsoft 365: your account is blocked for sending spam', 'Microsoft 365: Twoje konto zablokowano za wysyłanie spamu'),
    meaning: tx('Microsoft blocked the sending account because it sent spam or looked compromised (550 5.1.8 "bad outbound sender", 5.7.501–5.7.503).', 'Microsoft zablokował konto nadawcy, bo wysyłało spam lub wyglądało na przejęte (550 5.1.8 „bad outbound sender”, 5.7.501–5.7.503).'),
    advice: [
      tx('Change the account\'s password at once and check it for forwarding rules or apps you do not know.', 'Natychmiast zmień hasło konta i sprawdź, czy nie ma w nim nieznanych reguł przekazywania lub aplikacji.'),
      tx('The Microsoft 365 administrator must release the account in the Restricted entities list.', 'Administrator Microsoft 365 musi odblokować konto na liście „Restricted entities”.'),
    ],
  },
  {
    id: 'microsoft.store-quota', provider: 'microsoft',
    phrases: ['quotaexceededexception', 'storedrv.deliver.exception:quotaexceeded', 'mailbox has exceeded the maximum size'],
    reason: 'mailboxfull', actor: 'recipient', permanence: 'temporary', priority: 21, source: 'provider:microsoft',
    title: tx('Exchange: recipient mailbox full', 'Exchange: skrzynka odbiorcy pełna'),
    meaning: tx('The recipient\'s Exchange/Microsoft 365 mailbox is over its size limit (554 5.2.2 QuotaExceededException).', 'Skrzynka Exchange/Microsoft 365 odbiorcy przekroczyła limit rozmiaru (554 5.2.2 QuotaExceededException).'),
    advice: [tx('Tell the recipient by another channel to free up space; send again later.', 'Powiadom odbiorcę innym kanałem, aby zwolnił miejsce; wyślij ponownie później.')],
  },
  {
    id: 'microsoft.daily-limit', provider: 'microsoft',
    phrases: ['you\'ve reached your daily limit', 'reached your daily limit', 'daily sending limit'],
    reason: 'speeding', actor: 'you', permanence: 'temporary', priority: 20, source: 'provider:microsoft',
    title: tx('Daily sending limit reached', 'Osiągnięto dzienny limit wysyłki'),
    meaning: tx('The account sent more messages or recipients than allowed per day (Outlook.com 550 5.1.90).', 'Konto wysłało więcej wiadomości lub do większej liczby odbiorców, niż pozwala dzienny limit (Outlook.com 550 5.1.90).'),
    advice: [tx('Wait 24 hours; for newsletters use a mailing service.', 'Odczekaj 24 godziny; do newsletterów użyj usługi wysyłkowej.')],
  },
  {
    id: 'aol.rly', provider: 'aol',
    phrases: ['rly:b1', 'rly:b2', 'rly:b3', 'rly:bl', 'dyn:t1', 'comcast block for spam', 'bl000000', 'bl000001', 'bl000010'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 20, see: ['domain-ip'], source: 'provider:aol provider:comcast',
    title: tx('Provider blocklist (AOL / Comcast)', 'Lista blokad dostawcy (AOL / Comcast)'),
    meaning: tx('AOL (RLY:B1, DYN:T1) or Comcast (BL000000) refuses mail from the sending IP: it is on their block list or is a dynamic address.', 'AOL (RLY:B1, DYN:T1) lub Comcast (BL000000) odrzuca pocztę z wysyłającego adresu IP: jest na ich liście blokad lub jest adresem dynamicznym.'),
    advice: [BL, tx('Send from a static IP with a valid PTR, through your provider\'s server.', 'Wysyłaj ze stałego adresu IP z poprawnym PTR, przez serwer dostawcy.')],
  },
  {
    id: 'mimecast.anti-spoofing', provider: 'mimecast',
    phrases: ['anti-spoofing policy', 'rejected by header based anti-spoofing', 'spoofing policy'],
    reason: 'policyviolation', actor: 'you', permanence: 'permanent', priority: 20, see: ['domain'], source: 'provider:mimecast',
    title: tx('Rejected by an anti-spoofing policy', 'Odrzucone przez zasady ochrony przed podszywaniem'),
    meaning: tx('The recipient\'s gateway (e.g. Mimecast) refused the message because it claims to come from the recipient\'s own or a protected domain without passing authentication.', 'Bramka odbiorcy (np. Mimecast) odrzuciła wiadomość, bo podaje się za nadawcę z domeny odbiorcy lub domeny chronionej, nie przechodząc uwierzytelniania.'),
    advice: [SPF_DKIM, tx('If you send on behalf of the recipient\'s domain, ask their administrator to allow your server.', 'Jeśli wysyłasz w imieniu domeny odbiorcy, poproś jej administratora o dopuszczenie Twojego serwera.')],
  },
  // ── Yahoo / AOL ────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'yahoo.tss04', provider: 'yahoo',
    phrases: ['tss04', 'tss11', 'temporarily deferred due to unexpected volume or user complaints', 'ts01', 'ts02', 'gl01'],
    reason: 'badreputation', actor: 'you', permanence: 'temporary', priority: 20, see: ['domain-ip'], source: 'provider:yahoo',
    title: tx('Yahoo: temporarily deferred (volume or complaints)', 'Yahoo: chwilowo odroczone (ilość lub skargi)'),
    meaning: tx('Yahoo defers mail from your IP because of unexpected volume or user complaints (421 4.7.0 [TSS04]).', 'Yahoo odracza pocztę z Twojego IP z powodu nieoczekiwanej ilości lub skarg użytkowników (421 4.7.0 [TSS04]).'),
    advice: [SLOW, tx('Remove recipients who complain or never open; set up SPF, DKIM, DMARC.', 'Usuń odbiorców, którzy się skarżą lub nie otwierają wiadomości; skonfiguruj SPF, DKIM, DMARC.'), YAHOO_HELP],
  },
  {
    id: 'yahoo.tss09', provider: 'yahoo',
    phrases: ['tss09', 'will be permanently deferred', 'ts03', 'retrying will not succeed'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 21, see: ['domain-ip'], source: 'provider:yahoo',
    title: tx('Yahoo: permanently deferred', 'Yahoo: trwale odroczone'),
    meaning: tx('Yahoo will not accept mail from this IP any more (421 4.7.0 [TSS09], 554 [TS03]): retrying will not help.', 'Yahoo nie przyjmie już poczty z tego IP (421 4.7.0 [TSS09], 554 [TS03]): ponawianie nic nie da.'),
    advice: [BL, YAHOO_HELP],
  },
  {
    id: 'yahoo.ph01', provider: 'yahoo',
    phrases: ['ph01', 'email not accepted for policy reasons', 'message not accepted for policy reasons'],
    reason: 'policyviolation', actor: 'you', permanence: 'permanent', priority: 20, see: ['domain'], source: 'provider:yahoo',
    title: tx('Yahoo: not accepted for policy reasons', 'Yahoo: nieprzyjęte ze względu na zasady'),
    meaning: tx('Yahoo refused the message by policy (553 5.7.1 [PH01], 554 5.7.9), e.g. a DMARC failure or content.', 'Yahoo odrzuciło wiadomość ze względu na zasady (553 5.7.1 [PH01], 554 5.7.9), np. z powodu DMARC lub treści.'),
    advice: [SPF_DKIM, YAHOO_HELP],
  },
  {
    id: 'yahoo.bl21', provider: 'yahoo',
    phrases: ['bl21', 'bl22', 'bl23', 'in spamhaus\'s list'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 21, see: ['domain-ip'], source: 'provider:yahoo',
    title: tx('Yahoo: IP on Spamhaus list', 'Yahoo: adres IP na liście Spamhaus'),
    meaning: tx('Yahoo refuses connections from an IP listed by Spamhaus (553 5.7.1 [BL21]).', 'Yahoo odrzuca połączenia z adresu IP wpisanego na listę Spamhaus (553 5.7.1 [BL21]).'),
    advice: [BL, tx('Request removal at check.spamhaus.org.', 'Złóż wniosek o usunięcie na check.spamhaus.org.')],
  },
  {
    id: 'yahoo.no-account', provider: 'yahoo',
    phrases: ['this user doesn\'t have a', 'doesn\'t have a yahoo.com account', 'doesn\'t have an aol.com account'],
    reason: 'userunknown', actor: 'you', permanence: 'permanent', priority: 20, source: 'provider:yahoo',
    title: tx('Yahoo/AOL: account does not exist', 'Yahoo/AOL: konto nie istnieje'),
    meaning: tx('There is no Yahoo/AOL account with this address (554 delivery error: dd).', 'Nie ma konta Yahoo/AOL o tym adresie (554 delivery error: dd).'),
    advice: [tx('Check the address; remove it from your lists.', 'Sprawdź adres; usuń go ze swoich list.')],
  },
  // ── Apple iCloud ───────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'icloud.local-policy', provider: 'icloud',
    phrases: ['cs01', 'hm07', 'hm08', 'message rejected due to local policy'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 20, see: ['domain-ip'], source: 'provider:icloud',
    title: tx('iCloud: rejected due to local policy', 'iCloud: odrzucone ze względu na lokalne zasady'),
    meaning: tx('Apple iCloud Mail refused the message by its policy: the sending IP\'s reputation (CS01) or the content (HM07/HM08).', 'Apple iCloud Mail odrzucił wiadomość ze względu na swoje zasady: reputację wysyłającego IP (CS01) lub treść (HM07/HM08).'),
    advice: [BL, SPF_DKIM, tx('Apple\'s postmaster page (support.apple.com/102322) lists how to ask for a review.', 'Strona postmastera Apple (support.apple.com/102322) opisuje, jak poprosić o ponowną ocenę.')],
  },
  // ── Mail.ru ────────────────────────────────────────────────────────────────────────────────────────────
  {
    id: 'mailru.spam', provider: 'mailru',
    phrases: ['spam message rejected', 'help.mail.ru/notspam'],
    reason: 'spamdetected', actor: 'you', permanence: 'permanent', priority: 20, source: 'provider:mailru',
    title: tx('Mail.ru: message rejected as spam', 'Mail.ru: wiadomość odrzucona jako spam'),
    meaning: tx('Mail.ru judged the message to be spam (550 spam message rejected).', 'Mail.ru uznał wiadomość za spam (550 spam message rejected).'),
    advice: [tx('Use the link in the reply to contact Mail.ru\'s support; check content and authentication.', 'Skorzystaj z linku w odpowiedzi, aby skontaktować się z pomocą Mail.ru; sprawdź treść i uwierzytelnianie.'), SPF_DKIM],
  },
  {
    id: 'mailru.invalid-mailbox', provider: 'mailru',
    phrases: ['message was not accepted -- invalid mailbox', 'invalid mailbox'],
    reason: 'userunknown', actor: 'you', permanence: 'permanent', priority: 19, source: 'provider:mailru',
    title: tx('Mailbox does not exist', 'Skrzynka nie istnieje'),
    meaning: tx('The provider (e.g. Mail.ru) reports the mailbox as invalid: it does not exist.', 'Dostawca (np. Mail.ru) zgłasza skrzynkę jako nieprawidłową: nie istnieje.'),
    advice: [tx('Check the address; remove it from your lists.', 'Sprawdź adres; usuń go ze swoich list.')],
  },
  // ── Polish providers ───────────────────────────────────────────────────────────────────────────────────
  {
    id: 'wp.spf', provider: 'wp',
    phrases: ['poczta.wp.pl/autoryzacja', 'jesli jestes uzytkownikiem poczta.wp.pl'],
    reason: 'authfailure', actor: 'you', permanence: 'permanent', priority: 21, see: ['domain'], source: 'provider:wp seed:003',
    title: tx('WP: SPF error (or missing SMTP authentication)', 'WP: błąd SPF (lub brak uwierzytelniania SMTP)'),
    meaning: tx('Wirtualna Polska refused the sender because SPF failed: the domain\'s SPF record does not allow the sending server; for poczta.wp.pl users it means SMTP authentication is not set.', 'Wirtualna Polska odrzuciła nadawcę, bo SPF nie przeszedł: rekord SPF domeny nie dopuszcza serwera wysyłającego; u użytkowników poczta.wp.pl oznacza to brak uwierzytelniania SMTP.'),
    advice: [
      tx('Open the link from the bounce: it shows the failing SPF check; fix the SPF (TXT) record of your domain.', 'Otwórz link ze zwrotu: pokazuje nieudane sprawdzenie SPF; popraw rekord SPF (TXT) swojej domeny.'),
      tx('poczta.wp.pl users: turn on SMTP authentication in the mail program.', 'Użytkownicy poczta.wp.pl: włącz uwierzytelnianie SMTP w programie pocztowym.'),
    ],
  },
  {
    id: 'kei.rcpthosts', provider: 'kei',
    phrases: ['ta domena nie znajduje sie na liscie obslugiwanych przez serwer', 'nieprawidlowo skonfigurowano uwierzytelnianie smtp'],
    reason: 'norelaying', actor: 'you', permanence: 'permanent', priority: 22, see: ['probe-smtp'], source: 'seed:003',
    title: tx('Domain not handled by the server, or SMTP authentication not set', 'Domena nieobsługiwana przez serwer lub źle ustawione uwierzytelnianie SMTP'),
    meaning: tx('The qmail server (rcpthosts) refuses: the recipient\'s domain is not on its list of handled domains, it is blocked, or SMTP authentication is set up wrongly (553, #5.5.3). Typical when sending from an outside server without logging in.', 'Serwer qmail (rcpthosts) odmawia: domeny odbiorcy nie ma na liście obsługiwanych, jest zablokowana albo źle skonfigurowano uwierzytelnianie SMTP (553, #5.5.3). Typowe przy wysyłce z zewnętrznego serwera bez logowania.'),
    advice: [
      tx('Turn on SMTP authentication (full address and password) for the outgoing server.', 'Włącz uwierzytelnianie SMTP (pełny adres i hasło) dla serwera wychodzącego.'),
      tx('If authentication is correct, or the message is sent from the provider\'s own server, contact the provider\'s support.', 'Jeśli uwierzytelnianie jest poprawne lub wiadomość jest wysyłana bezpośrednio z serwera dostawcy, skontaktuj się z pomocą techniczną dostawcy.'),
    ],
  },
];

const banned = (code: string): [string, KnowledgeEntry & { provider: string }] => [code, {
  provider: 'microsoft', reason: 'blocked', actor: 'your-provider', see: ['domain-ip'], source: 'provider:microsoft',
  title: tx('Microsoft: access denied, banned sending IP', 'Microsoft: odmowa dostępu, zablokowany adres IP nadawcy'),
  meaning: tx(`Microsoft 365 (Exchange Online Protection) refuses mail from the sending IP (${code}): it is on Microsoft's block list.`, `Microsoft 365 (Exchange Online Protection) odrzuca pocztę z wysyłającego adresu IP (${code}): jest on na liście blokad Microsoftu.`),
  advice: [DELIST_MS, BL],
}];

/** Provider-specific enhanced codes outside IANA's registry, keyed by the exact code ("5.7.606"). */
export const PROVIDER_CODES: Record<string, KnowledgeEntry & { provider: string }> = Object.fromEntries([
  ...Array.from({ length: 44 }, (_, i) => banned(`5.7.${606 + i}`)),
  banned('5.7.511'),
  ['5.7.708', {
    provider: 'microsoft', reason: 'blocked', actor: 'your-provider', see: ['domain-ip'], source: 'provider:microsoft',
    title: tx('Microsoft: traffic not accepted from this IP', 'Microsoft: ruch z tego adresu IP nie jest przyjmowany'),
    meaning: tx('Microsoft 365 refuses mail from this IP, typically a new or low-reputation IP of a new tenant (5.7.708).', 'Microsoft 365 odrzuca pocztę z tego adresu IP, zwykle nowego lub o niskiej reputacji, należącego do nowej organizacji (5.7.708).'),
    advice: [DELIST_MS, tx('Send through a relay with a good reputation until the IP builds one.', 'Wysyłaj przez przekaźnik z dobrą reputacją, dopóki adres IP jej nie zbuduje.')],
  }],
  ...['5.7.501', '5.7.502', '5.7.503'].map((code): [string, KnowledgeEntry & { provider: string }] => [code, {
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
    meaning: tx('Access denied because the sending domain does not pass DMARC verification and its policy is reject (5.7.509).', 'Odmowa dostępu, bo domena nadawcy nie przechodzi weryfikacji DMARC, a jej zasady to reject (5.7.509).'),
    advice: [SPF_DKIM],
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
    meaning: tx('The client was not authenticated to send mail through smtp.office365.com (5.7.57).', 'Klient nie był uwierzytelniony do wysyłki przez smtp.office365.com (5.7.57).'),
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
    meaning: tx('Microsoft temporarily rate-limits the sending IP because of its reputation (451 4.7.650).', 'Microsoft chwilowo ogranicza tempo przyjmowania poczty z tego IP z powodu jego reputacji (451 4.7.650).'),
    advice: [SLOW, DELIST_MS],
  }],
]);
