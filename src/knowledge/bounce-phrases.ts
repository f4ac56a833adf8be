/**
 * Known bounce and server-reply phrases, found by their words even when no code is given (seed 003: "match the
 * keywords: maildir over quota, bad spf, revDNS"), plus the phrases of seed 004's list of common SMTP errors and
 * the usual wording of Postfix, Exim, Sendmail, qmail and Exchange. Phrases are in normalized form (see
 * MessagePattern): lower-case, no Polish diacritics, "_" read as a space.
 */
import { tx } from '../i18n/text.js';
import { TURN_ON_TLS } from './advice.js';
import type { MessagePattern } from './types.js';

const BL_CHECK = tx('Check whether the sending IP is on a blocklist (e.g. MXToolbox blacklists, check.spamhaus.org) and request removal after fixing the cause.', 'Sprawdź, czy wysyłający adres IP jest na czarnej liście (np. w MXToolbox lub na check.spamhaus.org), i po usunięciu przyczyny złóż wniosek o usunięcie z listy.');
const BL_CAUSE = tx('Find what sent spam from your IP (infected computer, hacked account, form or script) and stop it.', 'Znajdź, co wysyłało spam z Twojego adresu IP (zainfekowany komputer, przejęte konto, formularz lub skrypt), i zatrzymaj to.');
const SMTP_AUTH = tx('In your mail program turn on "outgoing server (SMTP) requires authentication", with your full address and password, on port 587 (STARTTLS) or 465 (SSL/TLS).', 'W programie pocztowym włącz „serwer poczty wychodzącej (SMTP) wymaga uwierzytelniania”, z pełnym adresem i hasłem, na porcie 587 (STARTTLS) lub 465 (SSL/TLS).');
const ASK_ADMIN = tx('Contact the administrator of the receiving server and send them the whole bounce.', 'Skontaktuj się z administratorem serwera docelowego i prześlij mu cały zwrot.');
const FOLLOW_LINK = tx('If the bounce contains a link, open it: it often gives the exact cause or solution.', 'Jeśli zwrot zawiera link, otwórz go: często podaje dokładną przyczynę lub rozwiązanie.');

/**
 * Bounce and server-reply phrases the classifier finds by their words when a reply carries no code, or a code too
 * broad to name the reason.
 */
export const BOUNCE_PHRASES: MessagePattern[] = [
  {
    id: 'bounce.over-quota',
    phrases: ['maildir over quota', 'maildir oever qouta', 'over quota', 'overquota', 'quota exceeded', 'exceeded storage allocation', 'mailbox is full', 'mailbox full', 'mailbox size limit exceeded', 'user is over quota', 'disk quota exceeded', 'mail quota exceeded', 'insufficient quota', 'not enough storage space', 'out of storage space', 'skrzynka odbiorcy jest pelna', 'skrzynka jest pelna', 'skrzynka odbiorcy jest przepelniona', 'przepelniona skrzynka', 'brak miejsca na koncie', 'przekroczono limit miejsca', 'przekroczony limit skrzynki', 'brak miejsca w skrzynce'],
    reason: 'mailboxfull', actor: 'recipient', permanence: 'temporary', priority: 10, source: 'seed:003',
    title: tx('Recipient mailbox is full', 'Skrzynka odbiorcy jest pełna'),
    meaning: tx('The e-mail account you wrote to is full and cannot take more messages.', 'Konto e-mail, na które wysłano wiadomość, jest pełne i nie przyjmie kolejnych wiadomości.'),
    cause: tx('The recipient has used up the space of their mailbox.', 'Odbiorca wykorzystał całe miejsce w swojej skrzynce.'),
    advice: [
      tx('The fix lies only with the recipient: they must delete messages or enlarge the mailbox. Tell them by another channel.', 'Rozwiązanie leży wyłącznie po stronie odbiorcy: musi usunąć wiadomości lub powiększyć skrzynkę. Powiadom go innym kanałem.'),
      tx('Send the message again once they have made room.', 'Wyślij wiadomość ponownie, gdy zwolni miejsce.'),
    ],
  },
  {
    id: 'bounce.no-such-user',
    phrases: ['no such user', 'user unknown', 'unknown user', 'user not found', 'unknown recipient', 'recipient unknown', 'no such recipient', 'invalid recipient', 'recipient not found', 'mailbox not found', 'mailbox unavailable', 'no mailbox here by that name', 'mailbox does not exist', 'user does not exist', 'address does not exist', 'no such mailbox', 'unknown local part', 'unrouteable address', 'user doesn\'t exist', 'nie ma takiego uzytkownika', 'uzytkownik nie istnieje', 'adres nie istnieje', 'skrzynka nie istnieje', 'odbiorca nie istnieje', 'konto nie istnieje', 'adres odbiorcy nie istnieje', 'konto odbiorcy nie istnieje', 'nie ma takiego adresu', 'nieznany odbiorca', 'nieznany uzytkownik'],
    reason: 'userunknown', actor: 'you', permanence: 'permanent', priority: 8, source: 'seed:003 seed:004',
    title: tx('Recipient account does not exist', 'Konto odbiorcy nie istnieje'),
    meaning: tx('The target account does not exist, or has been blocked and cannot be used.', 'Docelowe konto nie istnieje lub zostało zablokowane i nie można z niego korzystać.'),
    cause: tx('A typo in the address, an account that was deleted, or an old address.', 'Literówka w adresie, usunięte konto albo nieaktualny adres.'),
    advice: [
      tx('Check the address letter by letter; ask the recipient for the right one by another channel.', 'Sprawdź adres litera po literze; poproś odbiorcę innym kanałem o właściwy.'),
      tx('Remove the address from your lists: repeated sending to it harms your reputation.', 'Usuń adres z list: ponowne wysyłki na niego szkodzą Twojej reputacji.'),
    ],
  },
  {
    id: 'bounce.blocklist',
    phrases: ['blocked using', 'listed in', 'listed on', 'blacklisted', 'blacklist', 'blocklist', 'block list', 'rbl', 'dnsbl', 'spamhaus', 'spamcop', 'barracuda', 'sorbs', 'on our block list', 'czarnej liscie', 'czarna lista'],
    reason: 'blocked', actor: 'your-provider', permanence: 'permanent', priority: 6, see: ['domain-ip'], source: 'seed:003',
    title: tx('Sending server is on a blocklist (RBL)', 'Adres serwera nadawcy znajduje się na czarnej liście (RBL)'),
    meaning: tx('Your server, precisely its IP address, is on a blocklist, and the receiving server refuses mail from it.', 'Twój serwer, a konkretnie jego adres IP, znajduje się na czarnej liście, więc serwer odbiorcy odrzuca z niego pocztę.'),
    cause: tx('Spam was sent from that IP (or from its neighbourhood), or it is a dynamic/home IP.', 'Z tego adresu IP (lub z sąsiednich) wysyłano spam albo jest to dynamiczny/domowy adres IP.'),
    advice: [BL_CHECK, BL_CAUSE, tx('On a hosting with its own IP, take care of its reputation; on a shared server, send the bounce to your provider.', 'Na hostingu z własnym adresem IP dbaj o jego reputację; na serwerze współdzielonym przekaż zwrot dostawcy.')],
  },
  {
    id: 'bounce.reputation',
    phrases: ['senderbase reputation', 'poor reputation', 'low reputation', 'bad reputation', 'reputation score', 'sender reputation', 'ip reputation', 'niska reputacja', 'zla reputacja'],
    reason: 'badreputation', actor: 'your-provider', permanence: 'permanent', priority: 9, see: ['domain-ip'], source: 'seed:003',
    title: tx('Sending IP has a poor reputation', 'Adres IP nadawcy ma złą reputację'),
    meaning: tx('The receiving system refused the connection because of the sending IP\'s low reputation score (e.g. SenderBase below -1).', 'System odbiorcy odrzucił połączenie z powodu niskiej oceny reputacji wysyłającego adresu IP (np. SenderBase poniżej -1).'),
    cause: tx('Spam or many complaints from that IP or network.', 'Spam lub liczne skargi z tego adresu IP lub sieci.'),
    advice: [BL_CHECK, BL_CAUSE, tx('Set up SPF, DKIM and DMARC and keep your lists clean; reputation recovers over days.', 'Skonfiguruj SPF, DKIM i DMARC i dbaj o czystość list; reputacja odbudowuje się przez kilka dni.')],
  },
  {
    id: 'bounce.spam',
    phrases: ['likely unsolicited mail', 'unsolicited mail', 'reports it as spam', 'spam detected', 'detected as spam', 'identified as spam', 'classified as spam', 'looks like spam', 'considered spam', 'spam message', 'message is spam', 'high spam score', 'spam score', 'rejected as spam', 'content rejected', 'uznana za spam', 'podejrzenie spamu', 'wykryto spam', 'uznano za spam', 'zakwalifikowana jako spam'],
    reason: 'spamdetected', actor: 'you', permanence: 'permanent', priority: 7, source: 'seed:003',
    title: tx('Message judged to be spam', 'Wiadomość uznana za spam'),
    meaning: tx('The receiving side\'s spam filter judged this message to be unsolicited mail.', 'Filtr antyspamowy odbiorcy uznał tę wiadomość za niechcianą pocztę.'),
    advice: [
      tx('Check the content (spam-like words, links, attachments) with a tool such as mail-tester.com.', 'Sprawdź treść (słowa kojarzone ze spamem, linki, załączniki) narzędziem takim jak mail-tester.com.'),
      tx('Make sure SPF, DKIM and DMARC pass and your IP is on no blocklist.', 'Upewnij się, że SPF, DKIM i DMARC przechodzą, a Twój adres IP nie jest na czarnej liście.'),
    ],
    see: ['domain'],
  },
  {
    id: 'bounce.virus',
    phrases: ['virus found', 'virus detected', 'contains a virus', 'infected with', 'malware detected', 'message contains malware', 'wykryto wirusa'],
    reason: 'virusdetected', actor: 'you', permanence: 'permanent', priority: 9,
    title: tx('Virus found in the message', 'W wiadomości wykryto wirusa'),
    meaning: tx('An antivirus on the receiving side found malware in the message or an attachment.', 'Antywirus po stronie odbiorcy wykrył złośliwe oprogramowanie w wiadomości lub załączniku.'),
    advice: [tx('Scan your computer and the attachment; send files another way (e.g. a download link).', 'Przeskanuj komputer i załącznik; wyślij pliki inaczej (np. link do pobrania).')],
  },
  {
    id: 'bounce.host-not-found',
    phrases: ['couldn\'t find any host named', 'nie mozna znalezc hosta', 'host not found', 'host unknown', 'unknown host', 'domain not found', 'domain does not exist', 'host or domain name not found', 'name service error', 'no mx record', 'no mx or a record', 'unroutable address', 'domena nie istnieje'],
    reason: 'hostunknown', actor: 'you', permanence: 'permanent', priority: 8, see: ['recipient-domain'], source: 'seed:003',
    title: tx('Recipient domain not found (or illegal characters in the address)', 'Nie znaleziono domeny odbiorcy (lub niedozwolone znaki w adresie)'),
    meaning: tx('No mail host could be found for the part of the address after @. A common cause is stray characters: e.g. the address was wrapped in apostrophes, which cannot appear in an address.', 'Nie znaleziono serwera poczty dla części adresu po @. Częsta przyczyna to zbędne znaki: np. adres ujęto w apostrofy, które nie mogą występować w adresie e-mail.'),
    advice: [
      tx('Write the address correctly, without extra characters, quotes or spaces.', 'Wpisz adres poprawnie, bez dodatkowych znaków, cudzysłowów i spacji.'),
      tx('Check the recipient domain\'s spelling and MX records.', 'Sprawdź pisownię domeny odbiorcy i jej rekordy MX.'),
    ],
  },
  {
    // Postfix adds ", try again" when the DNS lookup failed for now (SERVFAIL, timeout), as opposed to a name
    // that does not exist; the message stays in the queue.
    id: 'bounce.dns-try-again',
    reason: 'networkerror', actor: 'network', permanence: 'temporary', priority: 9, see: ['recipient-domain'],
    title: tx('Recipient domain could not be looked up for now (DNS)', 'Chwilowo nie udało się sprawdzić domeny odbiorcy w DNS'),
    meaning: tx('The DNS lookup of the recipient\'s domain failed for now (no answer or a server error), which is not the same as a domain that does not exist; the sending server keeps the message and retries.', 'Zapytanie DNS o domenę odbiorcy chwilowo się nie powiodło (brak odpowiedzi lub błąd serwera), co nie oznacza, że domena nie istnieje; serwer wysyłający zatrzymuje wiadomość i ponawia próby.'),
    advice: [
      tx('Wait: the message is retried by itself. If it lasts for hours, check that the recipient domain\'s DNS servers answer.', 'Poczekaj: wiadomość zostanie wysłana ponownie automatycznie. Jeśli trwa to godzinami, sprawdź, czy serwery DNS domeny odbiorcy odpowiadają.'),
      tx('If it happens for every domain, check the DNS resolver of your own server.', 'Jeśli dzieje się tak przy każdej domenie, sprawdź resolwer DNS swojego serwera.'),
    ],
    phrases: ['host not found, try again', 'temporary failure in name resolution'],
  },
  {
    id: 'bounce.reverse-dns',
    phrases: ['cannot find your hostname', 'cannot find your reverse hostname', 'reverse dns', 'revdns', 'rev dns', 'reverse hostname', 'reverse lookup', 'ptr record', 'no ptr', 'does not have a ptr', 'client host rejected: cannot find', 'odwrotny dns'],
    reason: 'requireptr', actor: 'your-provider', permanence: 'permanent', priority: 9, see: ['domain-ip'], source: 'seed:003',
    title: tx('Wrong or missing reverse DNS (RevDNS / PTR)', 'Nieprawidłowy lub brakujący odwrotny DNS (PTR)'),
    meaning: tx('The receiving server could not find a host name for your sending IP (reverse DNS, PTR record).', 'Serwer odbiorcy nie znalazł nazwy hosta dla Twojego wysyłającego adresu IP (odwrotny DNS, rekord PTR).'),
    advice: [
      tx('Set the Rev DNS (PTR) of your service\'s IP to a domain that points to that IP (in your hosting panel, e.g. Configuration → IP addresses).', 'Ustaw Rev DNS (PTR) adresu IP usługi na domenę, która wskazuje na ten adres (w panelu hostingu, np. Konfiguracja → Adresy IP).'),
      tx('Make sure the name resolves back to the same IP (A record) and matches your server\'s HELO.', 'Upewnij się, że nazwa wskazuje z powrotem na ten sam adres (rekord A) i zgadza się z HELO serwera.'),
    ],
  },
  {
    id: 'bounce.spf',
    phrases: ['bad spf', 'blad spf', 'spf error', 'spf fail', 'spf check failed', 'spf validation', 'failed spf', 'spf softfail', 'openspf', 'not designated', 'sender policy framework', 'spf record', 'blocked by spf', 'is not allowed to send mail from', 'not allowed to send mail from domain'],
    reason: 'authfailure', actor: 'you', permanence: 'permanent', priority: 9, see: ['domain'], source: 'seed:003',
    title: tx('SPF check failed', 'Błąd weryfikacji SPF'),
    meaning: tx('The sending server is not allowed by your domain\'s SPF record (TXT), or the record is missing.', 'Serwer wysyłający nie jest dozwolony w rekordzie SPF (TXT) Twojej domeny albo brakuje tego rekordu.'),
    advice: [
      tx('Add or fix the SPF record in your domain\'s DNS; a link in the bounce often shows the value to use.', 'Dodaj lub popraw rekord SPF w DNS domeny; link w zwrocie często podpowiada właściwą wartość.'),
      tx('If the bounce gives no hint, ask the administrator of your sending server for the right SPF value (e.g. "v=spf1 a mx include:… -all").', 'Jeśli zwrot nie zawiera podpowiedzi, poproś administratora serwera wysyłającego o właściwą wartość SPF (np. „v=spf1 a mx include:… -all”).'),
      tx('If you use a webmail provider\'s SMTP (e.g. poczta.wp.pl), check SMTP authentication in your program.', 'Jeśli korzystasz z SMTP dostawcy poczty (np. poczta.wp.pl), sprawdź uwierzytelnianie SMTP w programie.'),
    ],
  },
  {
    id: 'bounce.dkim',
    phrases: ['dkim domain mismatch', 'no dkim-signature', 'dkim signature', 'dkim fail', 'dkim check failed', 'dkim verification', 'dkimcache'],
    reason: 'authfailure', actor: 'you', permanence: 'permanent', priority: 8, see: ['domain'], source: 'seed:003',
    title: tx('DKIM problem', 'Problem z podpisem DKIM'),
    meaning: tx('The receiving server expected a valid DKIM signature for the domain and did not find one (e.g. "DKIM domain mismatch": the domain signs its mail, but this message had no DKIM-Signature).', 'Serwer odbiorcy oczekiwał poprawnego podpisu DKIM domeny i go nie znalazł (np. „DKIM domain mismatch”: domena podpisuje pocztę, ale ta wiadomość nie miała nagłówka DKIM-Signature).'),
    advice: [
      tx('Turn on DKIM signing for every server that sends for your domain and publish the key in DNS.', 'Włącz podpisywanie DKIM na każdym serwerze wysyłającym z Twojej domeny i opublikuj klucz w DNS.'),
      ASK_ADMIN,
    ],
  },
  {
    id: 'bounce.dmarc',
    phrases: ['dmarc policy', 'dmarc reject', 'dmarc fail', 'dmarc verification', 'dmarc check', 'unauthenticated email'],
    reason: 'authfailure', actor: 'you', permanence: 'permanent', priority: 8, see: ['domain'],
    title: tx('Refused by DMARC', 'Odrzucone przez DMARC'),
    meaning: tx('Neither SPF nor DKIM passed in line with the domain in From:, and the domain\'s DMARC policy tells receivers to reject such mail.', 'Ani SPF, ani DKIM nie przeszły zgodnie z domeną z pola From:, a zasady DMARC domeny każą odbiorcom odrzucać taką pocztę.'),
    advice: [
      tx('Make SPF and DKIM pass for the domain in From: (send through your domain\'s own servers).', 'Zadbaj, by SPF i DKIM przechodziły dla domeny z From: (wysyłaj przez serwery własnej domeny).'),
      tx('Do not send with a From: address of a domain you do not control (e.g. a Gmail address from your website).', 'W polu From: nie używaj adresu z domeny, którą nie zarządzasz (np. adresu z Gmaila w wiadomościach wysyłanych ze swojej strony WWW).'),
    ],
  },
  {
    id: 'bounce.relay-denied',
    phrases: ['relay access denied', 'relaying denied', 'relay denied', 'relay not permitted', 'not permitted to relay', 'unable to relay', 'relaying not allowed', 'relay not allowed', 'we do not relay', 'relaying is not allowed', 'not allowed to relay', 'rcpthosts', 'list of allowed rcpthosts', 'nie znajduje sie na liscie obslugiwanych', 'odmowa przekazania'],
    reason: 'norelaying', actor: 'you', permanence: 'permanent', priority: 10, see: ['probe-smtp', 'recipient-domain'], source: 'seed:000 seed:003 seed:004',
    title: tx('Relay access denied', 'Odmowa przekazania poczty (relay)'),
    meaning: tx('The server will not pass your message on. Either it does not know the recipient\'s domain (wrong MX records send mail to the wrong server, or the mailbox does not exist there), or you sent through it without logging in (SMTP authentication).', 'Serwer nie przekaże Twojej wiadomości. Albo nie zna domeny odbiorcy (błędne rekordy MX kierują pocztę na niewłaściwy serwer lub skrzynka tam nie istnieje), albo wysyłasz przez niego bez zalogowania (uwierzytelniania SMTP).'),
    advice: [
      SMTP_AUTH,
      tx('If this happens for mail to your own domain, check its MX records: mail may be delivered to the wrong mail server.', 'Jeśli dzieje się tak z pocztą do Twojej domeny, sprawdź jej rekordy MX: poczta może trafiać na niewłaściwy serwer.'),
      tx('If authentication is right or you send from the provider\'s own server, contact your provider.', 'Jeśli uwierzytelnianie jest poprawne lub wysyłasz z serwera dostawcy, skontaktuj się z dostawcą.'),
    ],
  },
  {
    id: 'bounce.not-logged-in',
    phrases: ['sender address rejected: not logged in', 'authentication required', 'must authenticate', 'authentication is required', 'client was not authenticated', 'smtp auth required', 'please authenticate'],
    reason: 'securityerror', actor: 'you', permanence: 'permanent', priority: 11, see: ['probe-smtp', 'settings'],
    title: tx('You must log in to send', 'Wysyłka wymaga zalogowania'),
    meaning: tx('The outgoing server accepts mail only after SMTP authentication.', 'Serwer poczty wychodzącej przyjmuje pocztę dopiero po uwierzytelnieniu SMTP.'),
    advice: [SMTP_AUTH],
  },
  {
    // Postfix "503 5.5.1 Error: authentication not enabled": the program sent AUTH to a port or server that
    // offers no login at all (usually port 25 of a receiving server), so turning authentication on cannot help.
    id: 'bounce.auth-not-offered',
    reason: 'securityerror', actor: 'you', permanence: 'permanent', priority: 11, see: ['probe-smtp', 'settings'],
    title: tx('The server offers no login on this port', 'Serwer nie oferuje logowania na tym porcie'),
    meaning: tx('The mail program tried to log in, but this server or port does not offer SMTP authentication: usually the program sends to port 25 of a receiving server instead of your provider\'s submission port.', 'Program pocztowy próbował się zalogować, ale ten serwer lub port nie oferuje uwierzytelniania SMTP: zwykle program wysyła na port 25 serwera odbiorczego zamiast na port do wysyłki u dostawcy.'),
    advice: [
      tx('Set the outgoing server to the name your provider gives, with port 587 (STARTTLS) or 465 (SSL/TLS).', 'Ustaw serwer wychodzący na nazwę podaną przez dostawcę, z portem 587 (STARTTLS) lub 465 (SSL/TLS).'),
      tx('If you run the server, enable SASL authentication on the submission port (Postfix: smtpd_sasl_auth_enable on port 587).', 'Jeśli zarządzasz serwerem, włącz uwierzytelnianie SASL na porcie do wysyłki (Postfix: smtpd_sasl_auth_enable na porcie 587).'),
    ],
    phrases: ['authentication not enabled', 'auth command used when not advertised'],
  },
  {
    id: 'bounce.auth-failed',
    phrases: ['authentication failed', 'authentication credentials invalid', 'invalid credentials', 'auth failed', 'incorrect authentication data', 'bad username or password', 'login failed', 'invalid login', 'authentication unsuccessful', 'nieprawidlowy login lub haslo', 'bledne haslo', 'blad uwierzytelniania', 'uwierzytelnianie nie powiodlo sie', 'nieprawidlowe haslo'],
    reason: 'securityerror', actor: 'you', permanence: 'permanent', priority: 10, see: ['probe-smtp'],
    title: tx('Login failed: wrong user name or password', 'Logowanie nieudane: zły login lub hasło'),
    meaning: tx('The server did not accept the login and password, or login is blocked for this account.', 'Serwer nie przyjął loginu i hasła albo logowanie na to konto jest zablokowane.'),
    advice: [
      tx('Check the login (usually the full e-mail address) and password; type the password again.', 'Sprawdź login (zwykle pełny adres e-mail) i hasło; wpisz hasło ponownie.'),
      tx('Gmail and Microsoft 365 need an app password or OAuth sign-in; hosting accounts locked for spam are unlocked by changing the password.', 'Gmail i Microsoft 365 wymagają hasła aplikacji lub logowania OAuth; konta hostingowe zablokowane za spam odblokowuje zmiana hasła.'),
    ],
  },
  {
    id: 'bounce.starttls',
    phrases: ['must issue a starttls command first', 'starttls required', 'tls required', 'encryption required', 'must use tls', 'requiretls', 'tls is required'],
    reason: 'securityerror', actor: 'you', permanence: 'permanent', priority: 10, see: ['probe-smtp'],
    title: tx('Encryption (TLS) required', 'Wymagane szyfrowanie (TLS)'),
    meaning: tx('The server requires an encrypted connection before this command.', 'Serwer wymaga szyfrowanego połączenia przed tym poleceniem.'),
    advice: [TURN_ON_TLS],
  },
  {
    // Postfix's own words when its TLS policy for a destination says "encrypt" (smtp_tls_security_level, a TLS
    // policy map or DANE) and the receiving server offers no STARTTLS: the sending side insists, the other lacks it.
    id: 'bounce.tls-not-offered',
    reason: 'failedstarttls', actor: 'recipient-provider', permanence: 'temporary', priority: 12, see: ['recipient-domain'],
    title: tx('The receiving server does not offer the required encryption', 'Serwer odbiorcy nie oferuje wymaganego szyfrowania'),
    meaning: tx('The sending server may deliver to this destination only over TLS, but the receiving server did not offer STARTTLS, so the message waits in the queue.', 'Serwer wysyłający może doręczać pocztę do tego celu tylko przez TLS, ale serwer odbiorcy nie zaoferował STARTTLS, więc wiadomość czeka w kolejce.'),
    cause: tx('A TLS policy on the sending server (e.g. Postfix smtp_tls_security_level = encrypt, a TLS policy map or DANE) meets a receiving server without STARTTLS or with STARTTLS turned off.', 'Zasady TLS serwera wysyłającego (np. w Postfiksie smtp_tls_security_level = encrypt, mapa zasad TLS lub DANE) trafiają na serwer odbiorcy bez STARTTLS albo z wyłączonym STARTTLS.'),
    advice: [
      tx('Tell the recipient\'s mail administrator that their server does not offer STARTTLS (check its MX hosts).', 'Powiadom administratora poczty odbiorcy, że jego serwer nie oferuje STARTTLS (sprawdź serwery MX domeny).'),
      tx('If you run the sending server and mandatory TLS to this domain is not needed, relax the TLS policy for it to "may" (opportunistic TLS).', 'Jeśli zarządzasz serwerem wysyłającym, a obowiązkowe TLS do tej domeny nie jest konieczne, złagodź dla niej zasady TLS do „may” (TLS oportunistyczne).'),
    ],
    phrases: ['tls is required, but was not offered by host', 'tls is required, but host'],
  },
  {
    id: 'bounce.tls-failed',
    phrases: ['certificate verify failed', 'certificate has expired', 'self signed certificate', 'self-signed certificate', 'unable to get local issuer certificate', 'certificate not trusted', 'untrusted certificate', 'invalid certificate', 'tls handshake failed', 'ssl handshake failed', 'handshake failure', 'starttls failed', 'tls negotiation failed', 'cannot start tls', 'wrong version number', 'no shared cipher', 'nieprawidlowy certyfikat', 'niezaufany certyfikat'],
    reason: 'failedstarttls', actor: 'your-provider', permanence: 'temporary', priority: 10, see: ['probe-smtp'], source: 'seed:004',
    title: tx('TLS / certificate problem', 'Problem z TLS / certyfikatem'),
    meaning: tx('The encrypted connection could not be set up: the certificate is invalid, expired, self-signed or for another name, or the TLS versions do not match.', 'Nie udało się zestawić szyfrowanego połączenia: certyfikat jest nieprawidłowy, wygasł, jest samopodpisany lub wystawiony na inną nazwę albo wersje TLS nie pasują.'),
    advice: [
      tx('Check the server\'s certificate (expiry, host name, chain) and renew it if needed.', 'Sprawdź certyfikat serwera (ważność, nazwę hosta, łańcuch) i w razie potrzeby go odnów.'),
      tx('In the mail program use the exact server name from the certificate and TLS 1.2 or newer.', 'W programie pocztowym użyj dokładnie tej nazwy serwera, która jest w certyfikacie, oraz TLS 1.2 lub nowszego.'),
    ],
  },
  {
    id: 'bounce.host-down',
    phrases: ['connection died', 'polaczenie zostalo przerwane', 'connection refused', 'connection timed out', 'connection reset', 'no route to host', 'network is unreachable', 'host is unreachable', 'lost connection', 'timed out while', 'timeout', 'przekroczono czas', 'przekroczenie limitu czasu', 'serwer odbiorcy nie odpowiada', 'serwer nie odpowiada'],
    reason: 'networkerror', actor: 'recipient-provider', permanence: 'temporary', priority: 6, see: ['recipient-domain'], source: 'seed:003 seed:004',
    title: tx('Recipient\'s server unreachable or connection broke off', 'Serwer odbiorcy niedostępny lub połączenie przerwane'),
    meaning: tx('The receiving server did not answer or the connection broke off; it may have been switched off or working incorrectly.', 'Serwer docelowy nie odpowiadał albo połączenie zostało przerwane; mógł być wyłączony lub działać niepoprawnie.'),
    advice: [
      tx('Wait: your server retries by itself for several days.', 'Poczekaj: Twój serwer ponawia próby sam przez kilka dni.'),
      tx('Check the recipient domain\'s MX records and whether its server answers on port 25; check firewalls and antivirus on your side.', 'Sprawdź rekordy MX domeny odbiorcy i czy jej serwer odpowiada na porcie 25; sprawdź zaporę i antywirus po swojej stronie.'),
    ],
  },
  {
    id: 'bounce.expired',
    phrases: ['in the queue too long', 'been in the queue too long', 'message expired', 'delivery time expired', 'retry timeout exceeded', 'retry time not reached for any host', 'could not be delivered within', 'too long in queue', 'zbyt dlugo w kolejce'],
    reason: 'expired', actor: 'recipient-provider', permanence: 'permanent', priority: 10, see: ['recipient-domain'], source: 'seed:003',
    title: tx('Delivery expired in the queue', 'Upłynął czas doręczania (wiadomość za długo w kolejce)'),
    meaning: tx('The receiving server was unavailable for a long time; after retrying, the sending server gave up ("this message has been in the queue too long").', 'Serwer docelowy był niedostępny przez dłuższy czas; po ponowieniach serwer wysyłający zrezygnował („this message has been in the queue too long”).'),
    advice: [
      tx('Check whether the recipient\'s mail server works (MX records, port 25), then send the message again.', 'Sprawdź, czy serwer poczty odbiorcy działa (rekordy MX, port 25), i wyślij wiadomość ponownie.'),
      tx('If it fails again, contact the recipient by another channel.', 'Jeśli znów się nie uda, skontaktuj się z odbiorcą innym kanałem.'),
    ],
  },
  {
    id: 'bounce.administrative-prohibition',
    phrases: ['administrative prohibition', 'rejected due to local policy', 'local policy violation'],
    actor: 'recipient-provider', permanence: 'permanent', priority: 10, source: 'seed:003',
    title: tx('Refused by the receiving server without a stated reason', 'Serwer docelowy odrzucił wiadomość bez podania przyczyny'),
    meaning: tx('"Administrative prohibition": the receiving server refused by its own rule and does not say which; it may be a security policy or a simplified configuration.', '„Administrative prohibition”: serwer docelowy odmówił na podstawie własnej reguły i nie podaje, której; może to wynikać z polityki bezpieczeństwa lub uproszczonej konfiguracji.'),
    advice: [ASK_ADMIN, FOLLOW_LINK],
  },
  {
    id: 'bounce.sender-verify-failed',
    phrases: ['sender verify failed', 'verification failed for', 'sender verification failed', 'could not verify sender', 'sender address verification', 'callout verification failure'],
    reason: 'rejected', actor: 'you', permanence: 'permanent', priority: 10, see: ['domain'], source: 'seed:003',
    title: tx('Sender verification failed', 'Weryfikacja nadawcy nie powiodła się'),
    meaning: tx('The receiving server checked back whether your sender address can receive mail (a callout) and the check failed.', 'Serwer odbiorcy sprawdził zwrotnie, czy Twój adres nadawcy może odbierać pocztę (callout), i sprawdzenie się nie powiodło.'),
    advice: [
      tx('Make sure the sender address really exists and your domain\'s MX servers accept mail to it.', 'Upewnij się, że adres nadawcy naprawdę istnieje, a serwery MX Twojej domeny przyjmują na niego pocztę.'),
      ASK_ADMIN,
    ],
  },
  {
    id: 'bounce.sender-rejected',
    phrases: ['sender address rejected', 'sender rejected', 'sender domain must exist', 'domain of sender address', 'sender domain not found', 'invalid sender', 'sender not allowed', 'mail from rejected', 'adres nadawcy odrzucony'],
    reason: 'rejected', actor: 'you', permanence: 'permanent', priority: 7, see: ['domain'], source: 'seed:004',
    title: tx('Sender address rejected', 'Adres nadawcy odrzucony'),
    meaning: tx('The receiving server refused your sender address, e.g. its domain cannot be found or the sender is not authenticated.', 'Serwer odbiorcy odrzucił Twój adres nadawcy, np. nie można znaleźć jego domeny albo nadawca nie jest uwierzytelniony.'),
    advice: [
      tx('Check the sender address your program or script uses; its domain must exist and have MX records.', 'Sprawdź adres nadawcy używany przez program lub skrypt; jego domena musi istnieć i mieć rekordy MX.'),
      SMTP_AUTH,
    ],
  },
  {
    id: 'bounce.too-many-connections',
    phrases: ['too many connections', 'too many concurrent', 'too many simultaneous', 'connection limit', 'too many sessions', 'zbyt wiele polaczen', 'za duzo polaczen'],
    reason: 'toomanyconn', actor: 'your-provider', permanence: 'temporary', priority: 10, source: 'seed:004',
    title: tx('Too many connections', 'Zbyt wiele połączeń'),
    meaning: tx('The server has reached its connection limit and cannot take more for now.', 'Serwer osiągnął limit połączeń i na razie nie przyjmie kolejnych.'),
    advice: [tx('Wait and retry later (your server does it by itself); lower the number of parallel connections.', 'Poczekaj i ponów później (serwer robi to sam); zmniejsz liczbę równoległych połączeń.')],
  },
  {
    id: 'bounce.rate-limit',
    phrases: ['rate limit', 'ratelimit', 'rate limited', 'too many messages', 'too many emails', 'sending rate', 'sending limit', 'throttled', 'throttling', 'message rate exceeded', 'exceeded the rate', 'limit wysylki', 'przekroczono limit wysylki', 'zbyt wiele wiadomosci', 'przekroczono limit wysylanych wiadomosci', 'limit wiadomosci'],
    reason: 'speeding', actor: 'you', permanence: 'temporary', priority: 9,
    title: tx('Sending too fast (rate limit)', 'Zbyt szybka wysyłka (limit tempa)'),
    meaning: tx('More messages were sent in a period than the server allows (e.g. a hosting limit of 500 mails a day, or 200 an hour per account).', 'Wysłano w danym czasie więcej wiadomości, niż pozwala serwer (np. limit hostingu 500 e-maili na dobę lub 200 na godzinę na konto).'),
    advice: [
      tx('Spread the sending over time and check your provider\'s limits (usually shown in its panel).', 'Rozłóż wysyłkę w czasie i sprawdź limity dostawcy (zwykle widoczne w panelu).'),
      tx('Send the rest later; for bulk mail use a dedicated mailing service.', 'Resztę wyślij później; do masowej wysyłki użyj wyspecjalizowanej usługi.'),
    ],
  },
  {
    id: 'bounce.message-too-big',
    phrases: ['message size exceeds', 'message too large', 'message is too large', 'message too big', 'message is too big', 'exceeds size limit', 'size limit exceeded', 'exceeds the maximum size', 'maximum message size', 'message length exceeds', 'wiadomosc jest za duza', 'wiadomosc jest zbyt duza', 'za duzy rozmiar wiadomosci', 'przekroczono maksymalny rozmiar'],
    reason: 'mesgtoobig', actor: 'you', permanence: 'permanent', priority: 10,
    title: tx('Message too large', 'Wiadomość za duża'),
    meaning: tx('The message with its attachments is larger than the server accepts.', 'Wiadomość z załącznikami jest większa, niż przyjmuje serwer.'),
    advice: [tx('Send smaller or compressed attachments, or share large files by a link.', 'Wyślij mniejsze lub skompresowane załączniki albo udostępnij duże pliki przez link.')],
  },
  {
    id: 'bounce.greylisted',
    phrases: ['greylisted', 'greylisting', 'graylisted', 'greylist'],
    // No reason of the vocabulary fits a deliberate "come back later"; onhold says it settles nothing yet.
    reason: 'onhold', actor: 'your-provider', permanence: 'temporary', priority: 5,
    title: tx('Temporarily deferred (greylisting)', 'Chwilowo odroczone (greylisting)'),
    meaning: tx('The receiving server asks the sender to come back later; real mail servers do, and then the message is accepted.', 'Serwer odbiorcy prosi nadawcę, aby wrócił później; prawdziwe serwery poczty to robią i wtedy wiadomość jest przyjmowana.'),
    advice: [tx('Nothing to do: wait for your server\'s retry. If it never gets through, check your server\'s queue and retry settings.', 'Nie musisz nic robić: poczekaj, aż serwer ponowi próbę. Jeśli wiadomość nigdy nie przechodzi, sprawdź kolejkę i ustawienia ponowień serwera.')],
  },
  {
    id: 'bounce.account-disabled',
    phrases: ['account disabled', 'account has been disabled', 'account is disabled', 'mailbox disabled', 'mailbox is disabled', 'account suspended', 'account has been suspended', 'account is inactive', 'mailbox is inactive', 'account locked', 'konto zablokowane', 'konto jest nieaktywne', 'skrzynka zablokowana'],
    reason: 'suspend', actor: 'recipient', permanence: 'permanent', priority: 9,
    title: tx('Recipient account disabled', 'Konto odbiorcy wyłączone'),
    meaning: tx('The recipient\'s account exists but is disabled, suspended or inactive.', 'Konto odbiorcy istnieje, ale jest wyłączone, zawieszone lub nieaktywne.'),
    advice: [tx('Contact the recipient another way; remove the address if it stays disabled.', 'Skontaktuj się z odbiorcą inaczej; usuń adres, jeśli konto pozostanie wyłączone.')],
  },
  {
    id: 'bounce.mail-loop',
    phrases: ['mail loop', 'loop detected', 'too many hops', 'hop count exceeded', 'routing loop', 'mail for domain loops back to myself', 'loops back to myself'],
    reason: 'networkerror', actor: 'recipient-provider', permanence: 'permanent', priority: 10, see: ['recipient-domain'],
    title: tx('Mail loop', 'Pętla pocztowa'),
    meaning: tx('The message went round between servers (MX records or forwarding pointing back).', 'Wiadomość krążyła między serwerami (rekordy MX lub przekierowania wskazują z powrotem).'),
    advice: [tx('Check the domain\'s MX records and forwarding rules for a loop.', 'Sprawdź rekordy MX domeny i reguły przekierowań pod kątem pętli.')],
  },
  {
    id: 'bounce.syntax',
    phrases: ['syntax error', 'command unrecognized', 'command not recognized', 'unrecognized command', 'line too long', 'bad recipient address syntax', 'invalid address format', 'blad skladni'],
    reason: 'syntaxerror', actor: 'you', permanence: 'permanent', priority: 5, source: 'seed:004',
    title: tx('SMTP syntax error', 'Błąd składni SMTP'),
    meaning: tx('The server did not understand a command or its parameters, e.g. a badly formatted address, header or a program speaking SMTP wrongly.', 'Serwer nie zrozumiał polecenia lub jego parametrów, np. źle zapisanego adresu, nagłówka albo programu, który nie przestrzega protokołu SMTP.'),
    advice: [
      tx('Check that all addresses and headers are correctly formatted, then send again.', 'Sprawdź, czy wszystkie adresy i nagłówki są poprawnie sformatowane, i wyślij ponownie.'),
      tx('Antivirus or firewall mail scanning may alter SMTP: turn it off to test.', 'Skanowanie poczty przez antywirus lub zaporę może zmieniać SMTP: na próbę je wyłącz.'),
    ],
  },
  {
    id: 'bounce.access-denied',
    phrases: ['access denied'],
    actor: 'you', permanence: 'permanent', priority: 3, see: ['domain-ip', 'probe-smtp'], source: 'seed:004',
    title: tx('Access denied', 'Odmowa dostępu'),
    meaning: tx('The server refuses to take your message. Possible causes: wrong authentication, your IP on a blocklist, or a server configuration problem.', 'Serwer odmawia przyjęcia wiadomości. Możliwe przyczyny: nieprawidłowe uwierzytelnianie, Twój adres IP na czarnej liście albo problem z konfiguracją serwera.'),
    advice: [
      tx('Check your login details (user name and password) for the SMTP server.', 'Sprawdź dane uwierzytelniające (nazwę użytkownika i hasło) do serwera SMTP.'),
      tx('If your IP is on a blocklist, contact your internet or hosting provider to have it removed.', 'Jeśli Twój adres IP jest na czarnej liście, skontaktuj się z dostawcą internetu lub hostingu w celu usunięcia blokady.'),
      tx('Check the SMTP server settings.', 'Sprawdź ustawienia serwera SMTP.'),
    ],
  },
  {
    id: 'bounce.service-unavailable',
    phrases: ['service not available', 'service unavailable', 'temporary system problem', 'temporary failure', 'temporarily unavailable', 'try again later', 'server busy', 'system busy', 'usluga niedostepna'],
    reason: 'systemerror', actor: 'recipient-provider', permanence: 'temporary', priority: 2, source: 'seed:004',
    title: tx('Server temporarily unavailable', 'Serwer chwilowo niedostępny'),
    meaning: tx('The SMTP server is temporarily unavailable or overloaded (technical problems, network, limits).', 'Serwer SMTP jest chwilowo niedostępny lub przeciążony (problemy techniczne, sieć, ograniczenia).'),
    advice: [tx('Try sending again after a while; servers retry by themselves.', 'Spróbuj wysłać ponownie po pewnym czasie; serwery ponawiają próby same.')],
  },
  {
    id: 'bounce.attachment-policy',
    phrases: ['attachment not allowed', 'blocked attachment', 'prohibited attachment', 'file type not allowed', 'banned attachment', 'forbidden attachment', 'potential security issue'],
    reason: 'policyviolation', actor: 'you', permanence: 'permanent', priority: 10,
    title: tx('Attachment type not allowed', 'Niedozwolony typ załącznika'),
    meaning: tx('The receiving side does not accept this kind of attachment (e.g. .exe, .js, archives with executables).', 'Strona odbiorcy nie przyjmuje tego rodzaju załącznika (np. .exe, .js, archiwów z plikami wykonywalnymi).'),
    advice: [tx('Send the file another way (a download link) or in an allowed format (e.g. PDF).', 'Wyślij plik inaczej (link do pobrania) lub w dozwolonym formacie (np. PDF).')],
  },
  {
    id: 'bounce.rfc5322',
    phrases: ['not rfc 5322 compliant', 'rfc 5322', 'rfc5322', 'rfc 2822', 'rfc2822', 'missing required header', 'duplicate header', 'malformed header', 'invalid header', 'message-id header'],
    reason: 'notcompliantrfc', actor: 'you', permanence: 'permanent', priority: 9,
    title: tx('Message not RFC 5322 compliant', 'Wiadomość niezgodna z RFC 5322'),
    meaning: tx('The message\'s headers break the e-mail format (missing or duplicate From/Date/Message-ID, malformed lines).', 'Nagłówki wiadomości łamią format poczty (brakujące lub zdublowane From/Date/Message-ID, błędne linie).'),
    advice: [tx('Fix the program or script that builds the message, or use a well-tested mail library.', 'Popraw program lub skrypt tworzący wiadomość albo użyj sprawdzonej biblioteki pocztowej.')],
  },
];
