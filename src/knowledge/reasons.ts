import type { Actor, Permanence, Reason, Text } from '../core/finding.js';
import { tx } from '../i18n/text.js';
import { CHECK_LOGIN } from './advice.js';

/** What a bounce reason means, who usually acts, and what to do. One entry per reason; data, not code. */
export interface ReasonInfo {
  title: Text;
  meaning: Text;
  advice: Text[];
  /** Who usually must act for this reason. */
  actor: Actor;
  /** Usual permanence when the code does not say. */
  permanence: Permanence;
  /** Hard bounce (stop sending to that address) when permanent. */
  hard: boolean;
}

const GENERIC: ReasonInfo = {
  title: tx('Delivery problem', 'Problem z doręczeniem'),
  meaning: tx('The message could not be delivered.', 'Wiadomości nie udało się doręczyć.'),
  advice: [],
  actor: 'unknown',
  permanence: 'unknown',
  hard: false,
};

/**
 * Every reason of the bounce vocabulary (REASONS in src/core/finding.ts, Sisimai's names), in both languages.
 * Hard bounce per the corpus README: userunknown, hostunknown, hasmoved, and notaccept with a permanent code.
 */
export const REASON_INFO: Record<Reason, ReasonInfo> = {
  userunknown: {
    title: tx('Recipient address does not exist', 'Adres odbiorcy nie istnieje'),
    meaning: tx(
      'The receiving server says there is no mailbox with this name (the part before @) in its domain.',
      'Serwer odbiorcy informuje, że w jego domenie nie ma skrzynki o tej nazwie (części adresu przed @).',
    ),
    advice: [
      tx('Check the address for typos (letters, dots, the domain after @).', 'Sprawdź, czy w adresie nie ma literówki (litery, kropki, domena po @).'),
      tx('Ask the recipient for their current address by another channel (phone, another e-mail).', 'Poproś odbiorcę innym kanałem (telefon, inny e-mail) o aktualny adres.'),
      tx('Remove the address from your mailing lists: sending to it again harms your reputation.', 'Usuń adres z list wysyłkowych: ponowne wysyłki na niego psują Twoją reputację.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: true,
  },
  hostunknown: {
    title: tx('Recipient domain does not exist or has no mail server', 'Domena odbiorcy nie istnieje lub nie ma serwera poczty'),
    meaning: tx(
      'The domain after @ cannot be found in DNS, or it has no MX/A record that says where to deliver mail.',
      'Domeny po @ nie ma w DNS albo nie ma ona rekordu MX/A, który wskazuje, dokąd doręczać pocztę.',
    ),
    advice: [
      tx('Check the domain part of the address for typos (e.g. gmial.com, wp.p).', 'Sprawdź pisownię domeny w adresie (np. gmial.com, wp.p).'),
      tx('Check the recipient domain\'s MX records; if it is your domain, set correct MX records in its DNS zone.', 'Sprawdź rekordy MX domeny odbiorcy; jeśli to Twoja domena, ustaw poprawne rekordy MX w jej strefie DNS.'),
      tx('If the domain has just expired, the recipient must renew it.', 'Jeśli domena właśnie wygasła, odbiorca musi ją odnowić.'),
    ],
    actor: 'recipient',
    permanence: 'permanent',
    hard: true,
  },
  mailboxfull: {
    title: tx('Recipient mailbox is full', 'Skrzynka odbiorcy jest przepełniona'),
    meaning: tx(
      'The recipient\'s mailbox has used up its quota and cannot take more messages.',
      'Skrzynka odbiorcy wyczerpała swój limit miejsca i nie przyjmie kolejnych wiadomości.',
    ),
    advice: [
      tx('Let the recipient know by another channel: they must delete old mail or enlarge the mailbox.', 'Daj znać odbiorcy innym kanałem: musi usunąć stare wiadomości albo powiększyć skrzynkę.'),
      tx('Send again later, once the recipient has made room.', 'Wyślij ponownie później, gdy odbiorca zwolni miejsce.'),
    ],
    actor: 'recipient',
    permanence: 'temporary',
    hard: false,
  },
  suspend: {
    title: tx('Recipient account is disabled or suspended', 'Konto odbiorcy jest wyłączone lub zawieszone'),
    meaning: tx(
      'The mailbox exists but is blocked, disabled or suspended (e.g. unpaid, inactive or locked by the provider).',
      'Skrzynka istnieje, ale jest zablokowana, wyłączona lub zawieszona (np. nieopłacona, nieużywana albo zablokowana przez dostawcę).',
    ),
    advice: [
      tx('Contact the recipient by another channel; only they (or their provider) can reactivate the account.', 'Skontaktuj się z odbiorcą innym kanałem; tylko on (lub jego dostawca) może ponownie włączyć konto.'),
      tx('If the account stays disabled, remove the address from your lists.', 'Jeśli konto pozostanie wyłączone, usuń adres ze swoich list.'),
    ],
    actor: 'recipient',
    permanence: 'permanent',
    hard: false,
  },
  hasmoved: {
    title: tx('Mailbox has moved', 'Skrzynka została przeniesiona'),
    meaning: tx(
      'The recipient has a new address and mail to the old one is no longer forwarded.',
      'Odbiorca ma nowy adres, a poczta wysłana na stary nie jest już przekazywana.',
    ),
    advice: [
      tx('Use the new address if the bounce gives one; update your address book and lists.', 'Użyj nowego adresu, jeśli zwrot go podaje; popraw książkę adresową i listy.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: true,
  },
  notaccept: {
    title: tx('Domain accepts no mail', 'Domena nie przyjmuje poczty'),
    meaning: tx(
      'The recipient\'s domain says it never receives e-mail (null MX, RFC 7505) or its server refuses all mail.',
      'Domena odbiorcy deklaruje, że w ogóle nie odbiera poczty (pusty rekord MX, RFC 7505), albo jej serwer odrzuca każdą pocztę.',
    ),
    advice: [
      tx('Check that the address is right: this domain is not meant to receive e-mail.', 'Sprawdź, czy adres jest właściwy: ta domena nie jest przeznaczona do odbierania poczty.'),
      tx('If it is your domain and it should receive mail, replace the null MX ("MX 0 .") with real MX records.', 'Jeśli to Twoja domena i ma odbierać pocztę, zastąp pusty MX („MX 0 .”) prawdziwymi rekordami MX.'),
    ],
    actor: 'recipient',
    permanence: 'permanent',
    hard: true,
  },
  filtered: {
    title: tx('Rejected by the recipient\'s filter', 'Odrzucone przez filtr odbiorcy'),
    meaning: tx(
      'The recipient\'s server or the recipient\'s own filter rules refused the message after seeing its headers or content.',
      'Serwer odbiorcy albo jego własne reguły filtrowania odrzuciły wiadomość po sprawdzeniu nagłówków lub treści.',
    ),
    advice: [
      tx('Read the server\'s words in the bounce: they often name the rule or the part of the message.', 'Przeczytaj treść odpowiedzi serwera w zwrocie: często wskazuje regułę albo fragment wiadomości.'),
      tx('Ask the recipient to add your address to their allowed senders.', 'Poproś odbiorcę, aby dodał Twój adres do zaufanych nadawców.'),
    ],
    actor: 'recipient',
    permanence: 'permanent',
    hard: false,
  },
  rejected: {
    title: tx('Sender address rejected', 'Adres nadawcy odrzucony'),
    meaning: tx(
      'The receiving server refused the envelope sender (MAIL FROM): its domain does not exist, cannot be verified, or is not allowed.',
      'Serwer odbiorcy odrzucił adres nadawcy z koperty (MAIL FROM): jego domena nie istnieje, nie da się jej zweryfikować albo nie jest dozwolona.',
    ),
    advice: [
      tx('Check the sender address your program or script uses (the envelope sender, Return-Path).', 'Sprawdź adres nadawcy, którego używa program lub skrypt (nadawca z koperty, Return-Path).'),
      tx('Make sure the sender domain exists in DNS and has MX records.', 'Upewnij się, że domena nadawcy istnieje w DNS i ma rekordy MX.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  blocked: {
    title: tx('Sending server or IP address blocked', 'Serwer lub adres IP nadawcy zablokowany'),
    meaning: tx(
      'The receiving server refused the connection from your server\'s IP address or host name (HELO), often because of a blocklist (RBL).',
      'Serwer odbiorcy odrzucił połączenie z adresu IP lub nazwy (HELO) Twojego serwera, często z powodu czarnej listy (RBL).',
    ),
    advice: [
      tx('Check whether the sending IP is on a blocklist (e.g. Spamhaus, MXToolbox blacklists) and request removal.', 'Sprawdź, czy wysyłający adres IP jest na czarnej liście (np. Spamhaus, MXToolbox), i złóż wniosek o usunięcie z niej.'),
      tx('Find and stop the cause (infected computer, hacked account or script sending spam).', 'Znajdź i usuń przyczynę (zainfekowany komputer, przejęte konto lub skrypt wysyłający spam).'),
      tx('If you use a hosting or provider\'s server, send the bounce to their support.', 'Jeśli korzystasz z serwera hostingu lub dostawcy, przekaż zwrot do ich pomocy technicznej.'),
    ],
    actor: 'your-provider',
    permanence: 'permanent',
    hard: false,
  },
  badreputation: {
    title: tx('Sending IP has a poor reputation', 'Adres IP nadawcy ma złą reputację'),
    meaning: tx(
      'The receiving side refused or slowed down mail because the sending IP (or domain) has a poor reputation score.',
      'Strona odbiorcy odrzuciła lub spowolniła pocztę, bo wysyłający adres IP (albo domena) ma niską ocenę reputacji.',
    ),
    advice: [
      tx('Check the IP\'s reputation and blocklist status (Spamhaus, SenderBase/Talos, MXToolbox).', 'Sprawdź reputację i obecność adresu IP na czarnych listach (Spamhaus, SenderBase/Talos, MXToolbox).'),
      tx('Set up SPF, DKIM and DMARC, and send only to people who asked for your mail.', 'Skonfiguruj SPF, DKIM i DMARC i wysyłaj tylko do osób, które chcą Twojej poczty.'),
      tx('Lower the sending volume and send again gradually.', 'Zmniejsz liczbę wysyłanych wiadomości i wznawiaj wysyłkę stopniowo.'),
    ],
    actor: 'your-provider',
    permanence: 'temporary',
    hard: false,
  },
  requireptr: {
    title: tx('Sending IP has no valid reverse DNS (PTR)', 'Adres IP nadawcy nie ma poprawnego odwrotnego DNS (PTR)'),
    meaning: tx(
      'The receiving server looked up the name of your sending IP (PTR record) and found none, or one that does not point back to that IP.',
      'Serwer odbiorcy sprawdził nazwę Twojego wysyłającego adresu IP (rekord PTR) i nie znalazł jej albo nie wskazuje ona z powrotem na ten adres.',
    ),
    advice: [
      tx('Set a PTR (Rev DNS) record for the sending IP with the owner of the IP (hosting or ISP panel).', 'Ustaw rekord PTR (Rev DNS) dla wysyłającego adresu IP u właściciela adresu (panel hostingu lub dostawcy).'),
      tx('Make the PTR name resolve back to the same IP (an A record) and match the server\'s HELO name.', 'Zadbaj, aby nazwa z PTR wskazywała z powrotem na ten sam adres (rekord A) i zgadzała się z nazwą HELO serwera.'),
    ],
    actor: 'your-provider',
    permanence: 'permanent',
    hard: false,
  },
  authfailure: {
    title: tx('SPF, DKIM or DMARC check failed', 'Nieudana weryfikacja SPF, DKIM lub DMARC'),
    meaning: tx(
      'The receiving server could not confirm that your server may send for your domain: SPF, DKIM or DMARC failed or is missing.',
      'Serwer odbiorcy nie mógł potwierdzić, że Twój serwer może wysyłać w imieniu Twojej domeny: SPF, DKIM lub DMARC nie przeszły weryfikacji albo ich brakuje.',
    ),
    advice: [
      tx('Publish an SPF record (TXT) that lists every server that sends mail for your domain.', 'Opublikuj rekord SPF (TXT), który wymienia każdy serwer wysyłający pocztę z Twojej domeny.'),
      tx('Turn on DKIM signing at your mail provider and publish its key in DNS.', 'Włącz podpisywanie DKIM u dostawcy poczty i opublikuj klucz w DNS.'),
      tx('Add a DMARC record; send through your provider\'s server (with SMTP authentication), not directly.', 'Dodaj rekord DMARC; wysyłaj przez serwer swojego dostawcy (z uwierzytelnianiem SMTP), a nie bezpośrednio.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  policyviolation: {
    title: tx('Receiving side\'s policy violated', 'Naruszono zasady strony odbiorcy'),
    meaning: tx(
      'The message broke a rule of the receiving side, e.g. DMARC reject, a forbidden attachment type or a local policy.',
      'Wiadomość złamała regułę strony odbiorcy, np. odrzucenie przez DMARC, zabroniony typ załącznika albo lokalne zasady.',
    ),
    advice: [
      tx('Read the server\'s words and the link in the bounce: they usually say which policy applies.', 'Przeczytaj odpowiedź serwera i link w zwrocie: zwykle mówią, której zasady dotyczy.'),
      tx('Remove what the policy forbids (attachment type, link) or fix DMARC alignment, then send again.', 'Usuń to, czego zasady zabraniają (typ załącznika, link), albo popraw zgodność DMARC i wyślij ponownie.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  spamdetected: {
    title: tx('Judged to be spam', 'Uznane za spam'),
    meaning: tx(
      'A spam filter of the receiving side judged the message to be spam and refused it.',
      'Filtr antyspamowy strony odbiorcy uznał wiadomość za spam i ją odrzucił.',
    ),
    advice: [
      tx('Check the content: no spam-like phrases, shortened links or image-only mail; test it with a tool such as mail-tester.com.', 'Sprawdź treść: bez zwrotów typowych dla spamu, skróconych linków i samych obrazków; przetestuj ją np. w serwisie mail-tester.com.'),
      tx('Make sure SPF, DKIM and DMARC pass and the sending IP is on no blocklist.', 'Upewnij się, że SPF, DKIM i DMARC przechodzą, a wysyłający adres IP nie jest na czarnej liście.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  virusdetected: {
    title: tx('A virus was found in the message', 'W wiadomości wykryto wirusa'),
    meaning: tx(
      'A virus scanner on the receiving side found malware (or something it takes for malware) in the message or an attachment.',
      'Skaner antywirusowy po stronie odbiorcy wykrył w wiadomości lub załączniku złośliwe oprogramowanie (albo coś, co za nie uznał).',
    ),
    advice: [
      tx('Scan the sending computer and the attachment with an up-to-date antivirus.', 'Przeskanuj komputer nadawcy i załącznik aktualnym programem antywirusowym.'),
      tx('Send the file another way (e.g. a link to a file share) or packed differently.', 'Wyślij plik inaczej (np. link do udostępnionego pliku) albo inaczej spakowany.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  contenterror: {
    title: tx('Message format or headers refused', 'Odrzucony format lub nagłówki wiadomości'),
    meaning: tx(
      'The receiving server refused the message because of its format, encoding or headers (media errors, X.6.x).',
      'Serwer odbiorcy odrzucił wiadomość z powodu jej formatu, kodowania lub nagłówków (błędy treści, X.6.x).',
    ),
    advice: [
      tx('Send the message from an ordinary mail program to see if the problem is in the script or program that built it.', 'Wyślij wiadomość zwykłym programem pocztowym, aby sprawdzić, czy problem leży w skrypcie lub programie, który ją zbudował.'),
      tx('Check the encoding (UTF-8), line lengths and headers of generated messages.', 'Sprawdź kodowanie (UTF-8), długość linii i nagłówki generowanych wiadomości.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  notcompliantrfc: {
    title: tx('Message does not follow the e-mail standard (RFC 5322)', 'Wiadomość nie jest zgodna ze standardem poczty (RFC 5322)'),
    meaning: tx(
      'The message breaks the e-mail format rules, e.g. duplicate or missing required headers (Date, From) or malformed lines.',
      'Wiadomość łamie zasady formatu poczty, np. ma zdublowane lub brakujące wymagane nagłówki (Date, From) albo błędne linie.',
    ),
    advice: [
      tx('Fix the program or script that builds the message (exactly one From and Date header, valid syntax).', 'Popraw program lub skrypt, który tworzy wiadomość (dokładnie jeden nagłówek From i Date, poprawna składnia).'),
      tx('Use a well-tested mail library instead of building headers by hand.', 'Użyj sprawdzonej biblioteki pocztowej zamiast ręcznie składać nagłówki.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  mesgtoobig: {
    title: tx('Message too large', 'Wiadomość jest za duża'),
    meaning: tx(
      'The message (with attachments, which grow by about a third when encoded) is larger than the receiving server accepts.',
      'Wiadomość (z załącznikami, które po zakodowaniu rosną o około jedną trzecią) jest większa, niż przyjmuje serwer odbiorcy.',
    ),
    advice: [
      tx('Send smaller attachments, compress them, or share large files by a link.', 'Wyślij mniejsze załączniki, skompresuj je albo udostępnij duże pliki przez link.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  exceedlimit: {
    title: tx('A limit was exceeded', 'Przekroczono limit'),
    meaning: tx(
      'The message exceeded a limit other than mailbox size, e.g. the size limit set for that mailbox or the number of recipients.',
      'Wiadomość przekroczyła limit inny niż pojemność skrzynki, np. limit rozmiaru ustawiony dla skrzynki albo liczby odbiorców.',
    ),
    advice: [
      tx('Send a smaller message or to fewer recipients at once.', 'Wyślij mniejszą wiadomość albo do mniejszej liczby odbiorców naraz.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  norelaying: {
    title: tx('Relaying denied', 'Odmowa przekazania poczty (relay)'),
    meaning: tx(
      'The server does not pass mail on for this domain: either your mail program does not log in to your outgoing server, or the recipient domain\'s MX points to a server that does not handle it.',
      'Serwer nie przekazuje poczty dla tej domeny: albo program pocztowy nie loguje się do serwera poczty wychodzącej, albo rekord MX domeny odbiorcy wskazuje serwer, który jej nie obsługuje.',
    ),
    advice: [
      tx('In your mail program turn on "My outgoing server (SMTP) requires authentication" and use your full address and password.', 'W programie pocztowym włącz opcję „Serwer poczty wychodzącej (SMTP) wymaga uwierzytelniania” i podaj pełny adres oraz hasło.'),
      tx('Use the submission port 587 (STARTTLS) or 465 (SSL/TLS), not 25.', 'Używaj portu 587 (STARTTLS) lub 465 (SSL/TLS), a nie 25.'),
      tx('If you receive this for your own domain, check its MX records: mail may go to the wrong server.', 'Jeśli dotyczy to Twojej domeny, sprawdź jej rekordy MX: poczta może trafiać na niewłaściwy serwer.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  securityerror: {
    title: tx('Refused for a security reason', 'Odmowa ze względów bezpieczeństwa'),
    meaning: tx(
      'The server refused for a security reason, e.g. authentication is required, the login or password is wrong, or encryption is needed.',
      'Serwer odmówił ze względów bezpieczeństwa, np. wymaga logowania, login lub hasło są błędne albo wymagane jest szyfrowanie.',
    ),
    advice: [
      CHECK_LOGIN,
      tx('Turn on SMTP authentication and SSL/TLS or STARTTLS in the account settings.', 'Włącz uwierzytelnianie SMTP oraz SSL/TLS lub STARTTLS w ustawieniach konta.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  failedstarttls: {
    title: tx('Encryption (STARTTLS/TLS) failed', 'Szyfrowanie (STARTTLS/TLS) nie powiodło się'),
    meaning: tx(
      'The encrypted connection could not be set up: STARTTLS is missing or broken, the certificate is invalid, or the TLS versions do not match.',
      'Nie udało się zestawić szyfrowanego połączenia: STARTTLS jest niedostępne lub nie działa, certyfikat jest nieprawidłowy albo wersje TLS do siebie nie pasują.',
    ),
    advice: [
      tx('Check the server certificate (expiry date, host name, full chain).', 'Sprawdź certyfikat serwera (data ważności, nazwa hosta, pełny łańcuch).'),
      tx('Use the encryption the server expects: SSL/TLS on port 465 or STARTTLS on 587; allow TLS 1.2 or newer.', 'Użyj szyfrowania, którego oczekuje serwer: SSL/TLS na porcie 465 lub STARTTLS na 587; zezwól na TLS 1.2 lub nowszy.'),
    ],
    actor: 'your-provider',
    permanence: 'temporary',
    hard: false,
  },
  toomanyconn: {
    title: tx('Too many connections', 'Zbyt wiele połączeń'),
    meaning: tx(
      'The receiving server limits how many connections one sender may open at once; it refused this one for now.',
      'Serwer odbiorcy ogranicza liczbę równoczesnych połączeń od jednego nadawcy; na razie odmówił kolejnego.',
    ),
    advice: [
      tx('Wait: your server will retry by itself. Lower the number of parallel connections to that domain.', 'Poczekaj: Twój serwer ponowi próbę sam. Zmniejsz liczbę równoległych połączeń do tej domeny.'),
    ],
    actor: 'your-provider',
    permanence: 'temporary',
    hard: false,
  },
  speeding: {
    title: tx('Sending too fast (rate limit)', 'Zbyt szybka wysyłka (limit tempa)'),
    meaning: tx(
      'You (or your server) sent more messages in a period than the receiving side or your provider allows.',
      'Z Twojego konta (lub serwera) wysłano w danym czasie więcej wiadomości, niż pozwala strona odbiorcy lub Twój dostawca.',
    ),
    advice: [
      tx('Slow down: spread the sending over time and stay within your provider\'s limits (e.g. per hour or per day).', 'Zwolnij: rozłóż wysyłkę w czasie i trzymaj się limitów dostawcy (np. na godzinę lub na dobę).'),
      tx('Wait and send the rest later; for newsletters use a dedicated mailing service.', 'Odczekaj i wyślij resztę później; do newsletterów użyj wyspecjalizowanej usługi wysyłkowej.'),
    ],
    actor: 'you',
    permanence: 'temporary',
    hard: false,
  },
  syntaxerror: {
    title: tx('SMTP command syntax error', 'Błąd składni polecenia SMTP'),
    meaning: tx(
      'The server did not understand a command or its arguments (5xx/50x), often a malformed address or a program speaking SMTP wrongly.',
      'Serwer nie zrozumiał polecenia lub jego argumentów (5xx/50x), często z powodu błędnie zapisanego adresu albo programu, który nie przestrzega protokołu SMTP.',
    ),
    advice: [
      tx('Check the addresses for spaces, quotes or other stray characters.', 'Sprawdź, czy w adresach nie ma spacji, cudzysłowów ani innych zbędnych znaków.'),
      tx('Antivirus or firewall programs that scan mail can break SMTP; turn their mail scanning off to test.', 'Antywirus lub zapora skanujące pocztę potrafią psuć SMTP; na próbę wyłącz ich skanowanie poczty.'),
    ],
    actor: 'you',
    permanence: 'permanent',
    hard: false,
  },
  systemerror: {
    title: tx('Error on the remote system', 'Błąd po stronie serwera docelowego'),
    meaning: tx(
      'The receiving system had an internal error, was misconfigured, or broke off while handling the message.',
      'System odbiorcy miał błąd wewnętrzny, jest źle skonfigurowany albo przerwał obsługę wiadomości.',
    ),
    advice: [
      tx('Try again later; if it persists, tell the recipient so that their administrator can look at it.', 'Spróbuj ponownie później; jeśli to się powtarza, powiadom odbiorcę, aby jego administrator się tym zajął.'),
    ],
    actor: 'recipient-provider',
    permanence: 'temporary',
    hard: false,
  },
  systemfull: {
    title: tx('Remote system\'s storage is full', 'Brak miejsca na serwerze docelowym'),
    meaning: tx(
      'The receiving server has no disk space (or system storage) left to accept the message.',
      'Serwer odbiorcy nie ma wolnego miejsca na dysku (ani innego miejsca w systemie), aby przyjąć wiadomość.',
    ),
    advice: [
      tx('Wait and retry: your server retries by itself. If it lasts, tell the recipient\'s administrator.', 'Poczekaj i ponów: Twój serwer ponawia sam. Jeśli to trwa, powiadom administratora odbiorcy.'),
    ],
    actor: 'recipient-provider',
    permanence: 'temporary',
    hard: false,
  },
  networkerror: {
    title: tx('DNS or network failure', 'Błąd DNS lub sieci'),
    meaning: tx(
      'The server could not be reached or looked up: a DNS failure, a timeout, a refused or dropped connection, or a routing loop.',
      'Nie udało się odnaleźć serwera lub połączyć się z nim: błąd DNS, przekroczony czas, odrzucone lub zerwane połączenie albo pętla w trasowaniu.',
    ),
    advice: [
      tx('Check the recipient domain\'s MX records and that its mail server answers on port 25.', 'Sprawdź rekordy MX domeny odbiorcy i czy jej serwer poczty odpowiada na porcie 25.'),
      tx('Check firewalls between you and the server; retry later, as the problem is often temporary.', 'Sprawdź zapory między Tobą a serwerem; ponów później, bo problem bywa chwilowy.'),
    ],
    actor: 'network',
    permanence: 'temporary',
    hard: false,
  },
  expired: {
    title: tx('Delivery gave up after retrying too long', 'Przerwano doręczanie po zbyt długim ponawianiu'),
    meaning: tx(
      'The message waited in the queue while the server kept retrying (the receiving server was down or refused temporarily), until the queue lifetime ran out.',
      'Wiadomość czekała w kolejce, a serwer ponawiał próby (serwer odbiorcy był niedostępny lub odmawiał tymczasowo), aż skończył się czas życia w kolejce.',
    ),
    advice: [
      tx('Check whether the recipient\'s mail server is up (MX records, port 25).', 'Sprawdź, czy serwer poczty odbiorcy działa (rekordy MX, port 25).'),
      tx('Send the message again later; if it fails again, contact the recipient by another channel.', 'Wyślij wiadomość ponownie później; jeśli znów się nie uda, skontaktuj się z odbiorcą innym kanałem.'),
    ],
    actor: 'recipient-provider',
    permanence: 'permanent',
    hard: false,
  },
  mailererror: {
    title: tx('A local delivery program failed', 'Błąd lokalnego programu doręczającego'),
    meaning: tx(
      'A program that delivers mail on the server (a local mailer, filter or pipe) ended with an error.',
      'Program, który doręcza pocztę na serwerze (lokalny program doręczający, filtr lub potok), zakończył się błędem.',
    ),
    advice: [
      tx('The server\'s administrator must check the mail log and the delivery program named in the bounce.', 'Administrator serwera musi sprawdzić log poczty i program doręczający wskazany w zwrocie.'),
    ],
    actor: 'recipient-provider',
    permanence: 'permanent',
    hard: false,
  },
  onhold: {
    title: tx('Reason not settled', 'Przyczyna nierozstrzygnięta'),
    meaning: tx(
      'There is an error message, but it does not say clearly why delivery failed.',
      'Jest komunikat o błędzie, ale nie mówi on jasno, dlaczego doręczenie się nie udało.',
    ),
    advice: [
      tx('Read the server\'s words and follow any link they give: it often leads to the exact cause.', 'Przeczytaj odpowiedź serwera i otwórz podany w niej link: często prowadzi do konkretnej przyczyny.'),
      tx('If it is unclear, send the full bounce to the administrator of the server that wrote it.', 'Jeśli nadal nie wiadomo, przekaż cały zwrot administratorowi serwera, który go napisał.'),
    ],
    actor: 'unknown',
    permanence: 'unknown',
    hard: false,
  },
  undefined: {
    title: tx('No reason found', 'Nie znaleziono przyczyny'),
    meaning: tx(
      'Nothing in the text says why delivery failed.',
      'Nic w tekście nie mówi, dlaczego doręczenie się nie udało.',
    ),
    advice: [
      tx('Get the full error message or the whole bounce (with the server\'s reply) and explain that again.', 'Zdobądź pełny komunikat o błędzie lub cały zwrot (z odpowiedzią serwera) i przeanalizuj go ponownie.'),
    ],
    actor: 'unknown',
    permanence: 'unknown',
    hard: false,
  },
  feedback: {
    title: tx('Abuse or feedback report', 'Zgłoszenie nadużycia (feedback)'),
    meaning: tx(
      'This is not a delivery failure: a mailbox provider reports that a recipient marked your message as spam (or similar feedback, ARF).',
      'To nie jest błąd doręczenia: dostawca poczty zgłasza, że odbiorca oznaczył Twoją wiadomość jako spam (albo przekazuje podobną opinię w formacie ARF).',
    ),
    advice: [
      tx('Stop sending to that recipient and check how they got on your list.', 'Przestań wysyłać do tego odbiorcy i sprawdź, jak trafił na Twoją listę.'),
    ],
    actor: 'you',
    permanence: 'unknown',
    hard: false,
  },
  vacation: {
    title: tx('Automatic reply (out of office)', 'Automatyczna odpowiedź (nieobecność)'),
    meaning: tx(
      'This is not a delivery failure: the message was delivered and the recipient\'s auto-reply answered.',
      'To nie jest błąd doręczenia: wiadomość dotarła, a odbiorca ma włączoną automatyczną odpowiedź.',
    ),
    advice: [],
    actor: 'unknown',
    permanence: 'unknown',
    hard: false,
  },
  delivered: {
    title: tx('Delivered (success)', 'Doręczono (sukces)'),
    meaning: tx(
      'The server reports success: the message was accepted or delivered.',
      'Serwer zgłasza powodzenie: wiadomość została przyjęta lub doręczona.',
    ),
    advice: [],
    actor: 'unknown',
    permanence: 'unknown',
    hard: false,
  },
};

/** What a reason means, in both languages: title, meaning, who must act, what to do. */
export function describeReason(reason: Reason): ReasonInfo {
  return REASON_INFO[reason] ?? GENERIC;
}
