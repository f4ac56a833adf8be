/**
 * SMTP reply codes (the three-digit numbers): RFC 5321 §4.2, RFC 7504 (521, 556), the AUTH (RFC 4954) and
 * STARTTLS (RFC 3207) codes, a few widespread non-standard ones, and the actions of OVHcloud's table of 420–555
 * (seed 002). Also the meaning of each digit, for codes that are not listed.
 */
import type { Text } from '../core/finding.js';
import { tx } from '../i18n/text.js';
import { TURN_ON_TLS } from './advice.js';
import type { KnowledgeEntry } from './types.js';

/** Meaning of the first digit (2/3/4/5) of a reply code (RFC 5321 §4.2.1). */
export const REPLY_CODE_CLASSES: Record<'2' | '3' | '4' | '5', { title: Text; meaning: Text }> = {
  '2': {
    title: tx('2xx: positive completion', '2xx: odpowiedź pozytywna'),
    meaning: tx('The requested action was completed; a new request may start.', 'Żądane działanie zostało wykonane; można wysłać kolejne polecenie.'),
  },
  '3': {
    title: tx('3xx: positive intermediate', '3xx: pośrednia odpowiedź pozytywna'),
    meaning: tx('The command was accepted, but the server waits for more information (e.g. the message text after DATA).', 'Polecenie zostało przyjęte, ale serwer czeka na dalsze informacje (np. treść wiadomości po DATA).'),
  },
  '4': {
    title: tx('4xx: temporary failure', '4xx: błąd tymczasowy'),
    meaning: tx('The action was not taken, but the condition is temporary: the same request may succeed later, and servers retry by themselves.', 'Działanie nie zostało wykonane, ale przyczyna jest chwilowa: to samo żądanie może się później udać, a serwery ponawiają je same.'),
  },
  '5': {
    title: tx('5xx: permanent failure', '5xx: błąd trwały'),
    meaning: tx('The action was not taken and repeating the same request unchanged will fail again: something must be fixed first.', 'Działanie nie zostało wykonane, a powtórzenie tego samego żądania bez zmian znów się nie uda: najpierw trzeba coś naprawić.'),
  },
};

/** Meaning of the second digit (x0..x5) of a reply code (RFC 5321 §4.2.1). */
export const REPLY_CODE_CATEGORIES: Record<'0' | '1' | '2' | '3' | '4' | '5', { title: Text; meaning: Text }> = {
  '0': { title: tx('x0x: syntax', 'x0x: składnia'), meaning: tx('about command syntax: errors, unimplemented or superfluous commands', 'dotyczy składni poleceń: błędów, niezaimplementowanych lub zbędnych poleceń') },
  '1': { title: tx('x1x: information', 'x1x: informacja'), meaning: tx('a reply to a request for information, such as status or help', 'odpowiedź na prośbę o informację, np. o stan lub pomoc') },
  '2': { title: tx('x2x: connections', 'x2x: połączenie'), meaning: tx('about the transmission channel (the connection)', 'dotyczy kanału transmisji (połączenia)') },
  '3': { title: tx('x3x: unspecified (authentication)', 'x3x: nieokreślone (uwierzytelnianie)'), meaning: tx('not defined by RFC 5321; used in practice for authentication (RFC 4954)', 'nieokreślone w RFC 5321; w praktyce używane do uwierzytelniania (RFC 4954)') },
  '4': { title: tx('x4x: unspecified', 'x4x: nieokreślone'), meaning: tx('not defined by RFC 5321', 'nieokreślone w RFC 5321') },
  '5': { title: tx('x5x: mail system', 'x5x: system pocztowy'), meaning: tx('about the state of the receiver\'s mail system', 'dotyczy stanu systemu pocztowego odbiorcy') },
};

/** What a three-digit SMTP reply code means; vendor codes outside the RFCs are marked. */
export interface ReplyCodeEntry extends KnowledgeEntry {
  /** Not in RFC 5321/7504/4954/3207 (a vendor's code such as Exchange's 449). */
  nonStandard?: boolean;
}

const SEE_BL = tx('Check whether your sending IP is on a blocklist (e.g. check.spamhaus.org) and whether the message contains spam-like words.', 'Sprawdź, czy Twój wysyłający adres IP nie jest na czarnej liście (np. check.spamhaus.org) i czy wiadomość nie zawiera słów kojarzonych ze spamem.');

/**
 * Reply codes by their three digits ("550"). `reason` is given only where the code alone settles it; 550, 553
 * and 554 are used for too many different refusals to name one.
 */
export const REPLY_CODES: Record<string, ReplyCodeEntry> = {
  '211': { title: tx('System status or help reply', 'Stan systemu lub odpowiedź pomocy'), meaning: tx('Information about the server\'s status.', 'Informacja o stanie serwera.'), advice: [], reason: 'delivered', source: 'rfc5321' },
  '214': { title: tx('Help message', 'Komunikat pomocy'), meaning: tx('Help text for a human (reply to HELP).', 'Tekst pomocy dla człowieka (odpowiedź na HELP).'), advice: [], reason: 'delivered', source: 'rfc5321' },
  '220': { title: tx('Service ready', 'Usługa gotowa'), meaning: tx('The server greets you and is ready (also the reply to STARTTLS: "ready to start TLS").', 'Serwer wita się i jest gotowy (także odpowiedź na STARTTLS: „gotów do rozpoczęcia TLS”).'), advice: [], reason: 'delivered', source: 'rfc5321' },
  '221': { title: tx('Closing connection', 'Zamykanie połączenia'), meaning: tx('The server closes the connection normally (reply to QUIT).', 'Serwer normalnie zamyka połączenie (odpowiedź na QUIT).'), advice: [], reason: 'delivered', source: 'rfc5321' },
  '235': { title: tx('Authentication succeeded', 'Uwierzytelnienie udane'), meaning: tx('Login to the SMTP server succeeded (RFC 4954).', 'Logowanie do serwera SMTP powiodło się (RFC 4954).'), advice: [], reason: 'delivered', source: 'rfc4954' },
  '250': { title: tx('Requested action completed', 'Żądane działanie wykonane'), meaning: tx('The command succeeded; after the message text it means the server accepted the message.', 'Polecenie się powiodło; po treści wiadomości oznacza, że serwer przyjął wiadomość.'), advice: [], reason: 'delivered', source: 'rfc5321' },
  '251': { title: tx('User not local; will forward', 'Użytkownik nielokalny; wiadomość zostanie przekazana'), meaning: tx('The server accepts the message and forwards it to another address.', 'Serwer przyjmuje wiadomość i przekazuje ją na inny adres.'), advice: [], reason: 'delivered', source: 'rfc5321' },
  '252': { title: tx('Cannot verify user, will attempt delivery', 'Nie można zweryfikować użytkownika, serwer spróbuje doręczyć'), meaning: tx('Reply to VRFY: the server does not confirm the address but will try to deliver.', 'Odpowiedź na VRFY: serwer nie potwierdza adresu, ale spróbuje doręczyć.'), advice: [], reason: 'delivered', source: 'rfc5321' },
  '334': { title: tx('Authentication challenge', 'Wezwanie do uwierzytelnienia'), meaning: tx('The server waits for the next step of the login (RFC 4954).', 'Serwer czeka na kolejny krok logowania (RFC 4954).'), advice: [], source: 'rfc4954' },
  '354': { title: tx('Start mail input', 'Rozpocznij wprowadzanie wiadomości'), meaning: tx('The server waits for the message text, ended by a line with a single dot.', 'Serwer czeka na treść wiadomości zakończoną linią z samą kropką.'), advice: [], source: 'rfc5321' },
  '420': {
    title: tx('Timeout or connection problem (GroupWise)', 'Przekroczony czas lub problem z połączeniem (GroupWise)'),
    meaning: tx('A non-standard code returned only by GroupWise mail servers: a timeout or a login/connection problem.', 'Niestandardowy kod zwracany tylko przez serwery GroupWise: przekroczony czas lub problem z logowaniem/połączeniem.'),
    advice: [tx('Contact the administrator of the receiving mail server.', 'Skontaktuj się z administratorem docelowego serwera poczty.')],
    reason: 'networkerror', actor: 'recipient-provider', nonStandard: true, source: 'seed:002',
  },
  '421': {
    title: tx('Service not available, closing the connection', 'Usługa niedostępna, serwer zamyka połączenie'),
    meaning: tx('The server cannot serve you now and closes the connection: overloaded, restarting, too many connections, or temporarily refusing you.', 'Serwer nie może Cię teraz obsłużyć i zamyka połączenie: jest przeciążony, restartuje się, ma zbyt wiele połączeń albo chwilowo Ci odmawia.'),
    advice: [
      tx('Check whether sending to another domain works; if it does, the problem is on the receiving side.', 'Sprawdź, czy wysyłka do innej domeny działa; jeśli tak, problem leży po stronie odbiorcy.'),
      tx('Try again later: servers retry 4xx replies by themselves.', 'Spróbuj ponownie później: serwery same ponawiają próby po odpowiedziach 4xx.'),
    ],
    reason: 'systemerror', actor: 'recipient-provider', source: 'rfc5321 seed:002 seed:004',
  },
  '432': {
    title: tx('Password transition needed / Exchange server stopped', 'Wymagana zmiana hasła / zatrzymany serwer Exchange'),
    meaning: tx('RFC 4954: the password must be changed (a password transition is needed). Microsoft Exchange also uses it when its receiving service is stopped.', 'RFC 4954: trzeba zmienić hasło (wymagane przejście na nowe hasło). Microsoft Exchange używa go też, gdy jego usługa odbioru jest zatrzymana.'),
    advice: [
      tx('If it answers your login: change the password of the mail account (e.g. in webmail) and enter the new one in your program.', 'Jeśli to odpowiedź na logowanie: zmień hasło konta pocztowego (np. w webmailu) i wpisz nowe w programie.'),
      tx('Otherwise contact the administrator of the receiving mail server.', 'W przeciwnym razie skontaktuj się z administratorem docelowego serwera poczty.'),
    ],
    reason: 'securityerror', actor: 'you', source: 'rfc4954 seed:002',
  },
  '449': {
    title: tx('Routing error (Exchange)', 'Błąd trasowania (Exchange)'),
    meaning: tx('A non-standard code of Microsoft Exchange servers: the message could not be routed.', 'Niestandardowy kod serwerów Microsoft Exchange: nie udało się wyznaczyć trasy wiadomości.'),
    advice: [tx('Contact the administrator of that Exchange server; Microsoft recommends running its routing diagnostics.', 'Skontaktuj się z administratorem tego serwera Exchange; Microsoft zaleca uruchomienie jego diagnostyki trasowania.')],
    reason: 'networkerror', actor: 'recipient-provider', nonStandard: true, source: 'seed:002',
  },
  '450': {
    title: tx('Mailbox unavailable (temporarily)', 'Skrzynka chwilowo niedostępna'),
    meaning: tx('The action was not taken: the mailbox is busy or temporarily blocked, e.g. for security reasons, greylisting or a blocklist.', 'Nie wykonano operacji: skrzynka jest zajęta lub chwilowo zablokowana, np. ze względów bezpieczeństwa, przez greylisting lub czarną listę.'),
    advice: [SEE_BL, tx('Wait: your server retries by itself; greylisting lets the retry through after a few minutes.', 'Poczekaj: Twój serwer ponowi próbę sam; greylisting przepuszcza ponowioną próbę po kilku minutach.')],
    reason: 'blocked', actor: 'recipient-provider', see: ['domain-ip'], source: 'rfc5321 seed:002',
  },
  '451': {
    title: tx('Local error in processing', 'Błąd podczas przetwarzania lokalnego'),
    meaning: tx('The receiving server aborted because of a local problem: a momentary overload, a failed lookup (e.g. SPF check of the sending domain) or greylisting.', 'Serwer odbiorcy przerwał z powodu lokalnego problemu: chwilowego przeciążenia, nieudanego sprawdzenia (np. SPF domeny nadawcy) albo greylistingu.'),
    advice: [
      tx('Wait and let your server retry.', 'Odczekaj i pozwól serwerowi ponowić próbę.'),
      tx('If the message keeps coming back, contact that server\'s administrator and check your domain\'s SPF.', 'Jeśli komunikat się utrzymuje, skontaktuj się z administratorem tego serwera i sprawdź SPF swojej domeny.'),
    ],
    reason: 'systemerror', actor: 'recipient-provider', see: ['domain'], source: 'rfc5321 seed:002',
  },
  '452': {
    title: tx('Insufficient system storage', 'Za mało miejsca na serwerze'),
    meaning: tx('The server is out of storage for now, or too many messages/recipients are being sent at once.', 'Serwerowi chwilowo brakuje miejsca albo naraz wysyłanych jest zbyt wiele wiadomości lub odbiorców.'),
    advice: [
      tx('Send to fewer recipients at once and try again later.', 'Wysyłaj do mniejszej liczby odbiorców naraz i spróbuj ponownie później.'),
      tx('If it is your own mailbox, check that it is not full.', 'Jeśli to Twoja skrzynka, sprawdź, czy nie jest przepełniona.'),
    ],
    reason: 'systemfull', actor: 'recipient-provider', source: 'rfc5321 seed:002',
  },
  '454': {
    title: tx('Temporary authentication failure or TLS not available', 'Chwilowy błąd uwierzytelniania lub TLS niedostępny'),
    meaning: tx('Login or STARTTLS could not be done right now because of a temporary server problem (RFC 4954, RFC 3207).', 'Logowanie lub STARTTLS nie mogło się teraz odbyć z powodu chwilowego problemu serwera (RFC 4954, RFC 3207).'),
    advice: [tx('Try again in a few minutes; if it persists, tell your mail provider.', 'Spróbuj ponownie za kilka minut; jeśli problem trwa, zgłoś go dostawcy poczty.')],
    reason: 'securityerror', actor: 'your-provider', see: ['probe-smtp'], source: 'rfc4954 rfc3207',
  },
  '455': {
    title: tx('Server unable to accommodate parameters', 'Serwer nie może przyjąć podanych parametrów'),
    meaning: tx('The server cannot take the MAIL FROM/RCPT TO parameters now (temporary).', 'Serwer nie może teraz przyjąć parametrów MAIL FROM/RCPT TO (chwilowo).'),
    advice: [tx('Wait a moment and try again; if it persists, contact the recipient\'s mail administrator.', 'Odczekaj chwilę i spróbuj ponownie; jeśli to trwa, skontaktuj się z administratorem poczty odbiorcy.')],
    reason: 'systemerror', actor: 'recipient-provider', source: 'rfc5321 seed:002',
  },
  '471': {
    title: tx('Temporary local or filter error', 'Chwilowy błąd lokalny lub filtra'),
    meaning: tx('A non-standard temporary refusal, usually from a spam or virus filter in front of the server.', 'Niestandardowa chwilowa odmowa, zwykle od filtra antyspamowego lub antywirusowego przed serwerem.'),
    advice: [tx('Wait and let your server retry; if it persists, contact the recipient\'s administrator.', 'Poczekaj na ponowienie przez serwer; jeśli to trwa, skontaktuj się z administratorem odbiorcy.')],
    reason: 'systemerror', actor: 'recipient-provider', nonStandard: true,
  },
  '500': {
    title: tx('Syntax error, command unrecognised', 'Błąd składni, nierozpoznane polecenie'),
    meaning: tx('The server did not recognise the command (this includes a command line that is too long).', 'Serwer nie rozpoznał polecenia (także zbyt długiej linii polecenia).'),
    advice: [tx('This is often caused by the sender\'s antivirus or firewall scanning mail; check them and try again.', 'Często powoduje to antywirus lub zapora nadawcy skanujące pocztę; sprawdź je i spróbuj ponownie.')],
    reason: 'syntaxerror', actor: 'you', source: 'rfc5321 seed:002',
  },
  '501': {
    title: tx('Syntax error in parameters or arguments', 'Błąd składni w parametrach lub argumentach'),
    meaning: tx('The command was understood but its argument was wrong, most often a malformed e-mail address.', 'Polecenie zostało zrozumiane, ale jego argument był błędny, najczęściej źle zapisany adres e-mail.'),
    advice: [
      tx('Check the recipient address (no spaces, quotes or missing parts).', 'Sprawdź adres odbiorcy (bez spacji, cudzysłowów i brakujących części).'),
      tx('Check the sender\'s antivirus or firewall, which can alter SMTP commands.', 'Sprawdź antywirus lub zaporę nadawcy, które potrafią zmieniać polecenia SMTP.'),
    ],
    reason: 'syntaxerror', actor: 'you', source: 'rfc5321 seed:002 seed:004',
  },
  '502': {
    title: tx('Command not implemented', 'Polecenie nie jest zaimplementowane'),
    meaning: tx('The command or option is recognised but turned off in the server\'s configuration.', 'Polecenie lub opcja są rozpoznawane, ale wyłączone w konfiguracji serwera.'),
    advice: [tx('Contact your mail provider; check that your program uses the right server and port.', 'Skontaktuj się z dostawcą poczty; sprawdź, czy program używa właściwego serwera i portu.')],
    reason: 'syntaxerror', actor: 'your-provider', see: ['probe-smtp'], source: 'rfc5321 seed:002',
  },
  '503': {
    title: tx('Bad sequence of commands', 'Niewłaściwa kolejność poleceń'),
    meaning: tx('Commands came in the wrong order; with a mail program this usually means it tried to send without logging in first.', 'Polecenia przyszły w złej kolejności; w programie pocztowym zwykle oznacza to próbę wysyłki bez wcześniejszego zalogowania.'),
    advice: [tx('Turn on SMTP authentication in your mail program\'s outgoing server settings.', 'Włącz uwierzytelnianie SMTP w ustawieniach serwera poczty wychodzącej w programie.')],
    reason: 'syntaxerror', actor: 'you', see: ['probe-smtp', 'settings'], source: 'rfc5321 seed:002',
  },
  '504': {
    title: tx('Command parameter not implemented', 'Parametr polecenia nie jest zaimplementowany'),
    meaning: tx('A parameter or option of the command (e.g. an AUTH method) is not supported or is turned off.', 'Parametr lub opcja polecenia (np. metoda AUTH) nie są obsługiwane albo są wyłączone.'),
    advice: [tx('Choose another authentication method in your program, or contact your provider.', 'Wybierz w programie inną metodę uwierzytelniania albo skontaktuj się z dostawcą.')],
    reason: 'syntaxerror', actor: 'you', see: ['probe-smtp'], source: 'rfc5321 seed:002',
  },
  '521': {
    title: tx('Host does not accept mail', 'Serwer nie przyjmuje poczty'),
    meaning: tx('The server never accepts mail (RFC 7504), e.g. a host that is not a mail server.', 'Serwer nigdy nie przyjmuje poczty (RFC 7504), np. host, który nie jest serwerem poczty.'),
    advice: [tx('Check the address and the recipient domain\'s MX records.', 'Sprawdź adres i rekordy MX domeny odbiorcy.')],
    reason: 'notaccept', actor: 'recipient', see: ['recipient-domain'], source: 'rfc7504',
  },
  '523': {
    title: tx('Encryption needed', 'Wymagane szyfrowanie'),
    meaning: tx('The server requires an encrypted connection (used by some servers with X.7.10).', 'Serwer wymaga szyfrowanego połączenia (używane przez niektóre serwery z X.7.10).'),
    advice: [tx('Turn on SSL/TLS or STARTTLS in your program.', 'Włącz SSL/TLS lub STARTTLS w programie.')],
    reason: 'securityerror', actor: 'you', see: ['probe-smtp'], nonStandard: true,
  },
  '530': {
    title: tx('Authentication required', 'Wymagane uwierzytelnienie'),
    meaning: tx('The server requires you to log in (or to start TLS) before sending (RFC 4954).', 'Serwer wymaga zalogowania (lub włączenia TLS) przed wysyłką (RFC 4954).'),
    advice: [tx('Turn on "outgoing server requires authentication" and SSL/TLS or STARTTLS in your mail program.', 'Włącz opcję „serwer wychodzący wymaga uwierzytelniania” oraz SSL/TLS lub STARTTLS w programie pocztowym.')],
    reason: 'securityerror', actor: 'you', see: ['probe-smtp', 'settings'], source: 'rfc4954',
  },
  '534': {
    title: tx('Authentication mechanism too weak', 'Metoda uwierzytelniania jest zbyt słaba'),
    meaning: tx('The login method chosen is too weak for this server (RFC 4954); some providers also use it when app passwords are required.', 'Wybrana metoda logowania jest zbyt słaba dla tego serwera (RFC 4954); niektórzy dostawcy używają tego kodu także, gdy wymagane są hasła aplikacji.'),
    advice: [tx('Use an encrypted connection and a stronger method; with Gmail/Microsoft use an app password or OAuth sign-in.', 'Użyj szyfrowanego połączenia i silniejszej metody; w Gmailu lub Microsoft 365 użyj hasła aplikacji lub logowania OAuth.')],
    reason: 'securityerror', actor: 'you', see: ['probe-smtp'], source: 'rfc4954',
  },
  '535': {
    title: tx('Authentication failed (wrong login or password)', 'Błąd logowania (zły login lub hasło)'),
    meaning: tx('The login or password was not accepted, or sending is blocked for this account (e.g. after spam was sent from it).', 'Login lub hasło nie zostały przyjęte albo wysyłka z tego konta jest zablokowana (np. po rozsyłaniu z niego spamu).'),
    advice: [
      tx('Check the login (usually the full e-mail address) and the password.', 'Sprawdź login (zwykle pełny adres e-mail) i hasło.'),
      tx('Check the account\'s state in your provider\'s panel; changing the password can unblock an account locked for spam.', 'Sprawdź stan konta w panelu dostawcy; zmiana hasła może odblokować konto zablokowane za spam.'),
    ],
    reason: 'securityerror', actor: 'you', see: ['probe-smtp'], source: 'rfc4954 seed:002',
  },
  '538': {
    title: tx('Encryption required for this authentication method', 'Ta metoda logowania wymaga szyfrowania'),
    meaning: tx('The server allows this login method only over an encrypted connection (RFC 4954).', 'Serwer zezwala na tę metodę logowania tylko przez szyfrowane połączenie (RFC 4954).'),
    advice: [TURN_ON_TLS],
    reason: 'securityerror', actor: 'you', see: ['probe-smtp'], source: 'rfc4954',
  },
  '550': {
    title: tx('Mailbox unavailable or action refused', 'Skrzynka niedostępna lub odmowa wykonania'),
    meaning: tx('The action was not taken: most often the mailbox does not exist, but servers also use 550 for policy refusals (spam, blocklists, authentication).', 'Nie wykonano operacji: najczęściej skrzynka nie istnieje, ale serwery używają 550 także przy odmowach z powodu zasad (spam, czarne listy, uwierzytelnianie).'),
    advice: [
      tx('Check the recipient address; read the rest of the server\'s reply for the real reason.', 'Sprawdź adres odbiorcy; przeczytaj resztę odpowiedzi serwera, aby poznać właściwą przyczynę.'),
      tx('If the address is right, the receiving server may have firewall or connection problems: try again later.', 'Jeśli adres jest poprawny, serwer docelowy może mieć problemy z zaporą lub połączeniem: spróbuj ponownie później.'),
    ],
    actor: 'you', source: 'rfc5321 seed:002',
  },
  '551': {
    title: tx('User not local', 'Użytkownik nielokalny'),
    meaning: tx('The recipient is not on this server and it will not forward the message (commonly an anti-spam measure against relaying).', 'Odbiorcy nie ma na tym serwerze, a serwer nie przekaże wiadomości dalej (zwykle ochrona przed przekazywaniem spamu).'),
    advice: [tx('Check the address; if the bounce names a new address, use it. Otherwise contact your provider.', 'Sprawdź adres; jeśli zwrot podaje nowy adres, użyj go. W przeciwnym razie skontaktuj się z dostawcą.')],
    reason: 'hasmoved', actor: 'you', source: 'rfc5321 seed:002',
  },
  '552': {
    title: tx('Exceeded storage allocation', 'Przekroczono przydział miejsca'),
    meaning: tx('The recipient has no space left for messages, or the message is larger than allowed.', 'Odbiorca nie ma już miejsca na wiadomości albo wiadomość jest większa, niż pozwala serwer.'),
    advice: [tx('Contact the recipient another way so that they free up space; if the message is big, send smaller attachments.', 'Skontaktuj się z odbiorcą w inny sposób, aby zwolnił miejsce; jeśli wiadomość jest duża, wyślij mniejsze załączniki.')],
    reason: 'mailboxfull', actor: 'recipient', source: 'rfc5321 seed:002',
  },
  '553': {
    title: tx('Mailbox name not allowed', 'Niedozwolona nazwa skrzynki'),
    meaning: tx('The address is not accepted: malformed, not allowed, or (on qmail) the domain is not one the server handles (rcpthosts).', 'Adres nie jest akceptowany: błędny, niedozwolony albo (w qmailu) domena nie jest obsługiwana przez serwer (rcpthosts).'),
    advice: [
      tx('Check that the e-mail address is correct.', 'Sprawdź, czy adres e-mail jest poprawny.'),
      tx('If you send through your provider\'s server, turn on SMTP authentication.', 'Jeśli wysyłasz przez serwer dostawcy, włącz uwierzytelnianie SMTP.'),
    ],
    actor: 'you', see: ['probe-smtp'], source: 'rfc5321 seed:002',
  },
  '554': {
    title: tx('Transaction failed', 'Transakcja nie powiodła się'),
    meaning: tx('A permanent refusal, often at connection time ("No SMTP service here"): usually the sending IP is on a blocklist or the message was judged spam.', 'Trwała odmowa, często już przy połączeniu („No SMTP service here”): zwykle wysyłający adres IP jest na czarnej liście albo wiadomość uznano za spam.'),
    advice: [SEE_BL],
    actor: 'your-provider', see: ['domain-ip'], source: 'rfc5321 seed:002',
  },
  '555': {
    title: tx('MAIL FROM/RCPT TO parameters not recognised', 'Nierozpoznane parametry MAIL FROM/RCPT TO'),
    meaning: tx('The server did not accept the sender or recipient parameters; some hosting providers also answer this when a sending limit is reached.', 'Serwer nie przyjął parametrów nadawcy lub odbiorcy; niektórzy dostawcy hostingu odpowiadają tak również po przekroczeniu limitu wysyłki.'),
    advice: [
      tx('Check the From and To addresses.', 'Sprawdź adresy w polach Od i Do.'),
      tx('Check you did not exceed your provider\'s sending limit (e.g. OVHcloud: 200 mails/hour/account and 300 mails/hour/IP).', 'Sprawdź, czy nie przekroczono limitu dostawcy (np. OVHcloud: 200 e-maili na godzinę z jednego konta i 300 na godzinę z jednego adresu IP).'),
    ],
    reason: 'syntaxerror', actor: 'you', source: 'rfc5321 seed:002',
  },
  '556': {
    title: tx('Domain does not accept mail', 'Domena nie przyjmuje poczty'),
    meaning: tx('The recipient domain does not accept mail (RFC 7504), e.g. it publishes a null MX.', 'Domena odbiorcy nie przyjmuje poczty (RFC 7504), np. publikuje pusty rekord MX.'),
    advice: [tx('Check the address; this domain is not meant to receive e-mail.', 'Sprawdź adres; ta domena nie jest przeznaczona do odbioru poczty.')],
    reason: 'notaccept', actor: 'recipient', see: ['recipient-domain'], source: 'rfc7504',
  },
};
