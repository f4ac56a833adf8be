/**
 * Every sentence the probe says, in English and Polish. Data, not code: finding builders pick an entry by key
 * and fill {placeholders}. One plain sentence of what is wrong (summary), why (detail), what to do (advice).
 */
import type { Text } from '../core/finding.js';
import { tx } from '../i18n/text.js';

export interface Say {
  summary: Text;
  detail?: Text;
  advice?: Text[];
}

/** Every sentence the probe says, in English and Polish, by key: summary, detail and advice with {placeholders}. */
export const PROBE_TEXTS = {
  // ── connecting ──────────────────────────────────────────────────────────────────────────────────────────
  connectOk: {
    summary: tx('Connected to {host} port {port} in {ms} ms.', 'Połączono z {host} na porcie {port} w {ms} ms.'),
  },
  connectRefused: {
    summary: tx('The connection to {host} port {port} was refused: nothing accepts connections on that port.',
      'Połączenie z {host} na porcie {port} zostało odrzucone: na tym porcie nic nie przyjmuje połączeń.'),
    detail: tx('The server answered at once that the port is closed. Either the port number is wrong, the mail service is down, or a firewall rejects the connection.',
      'Serwer od razu odpowiedział, że port jest zamknięty. Albo numer portu jest błędny, albo usługa poczty nie działa, albo zapora odrzuca połączenie.'),
    advice: [
      tx('Check the port number in the mail program against the provider\'s instructions (usually 587 or 465 for sending, 993 or 995 for receiving).',
        'Sprawdź numer portu w programie pocztowym z instrukcją dostawcy (zwykle 587 lub 465 do wysyłania, 993 lub 995 do odbierania).'),
      tx('If the port is right, the service is down: ask the provider or the server\'s administrator.',
        'Jeśli port jest dobry, usługa nie działa: zapytaj dostawcę lub administratora serwera.'),
    ],
  },
  connectTimeout: {
    summary: tx('No answer from {host} port {port} within {ms} ms: something in between drops the connection.',
      'Brak odpowiedzi z {host} na porcie {port} w ciągu {ms} ms: coś po drodze blokuje połączenie.'),
    detail: tx('A silent timeout (rather than a refusal) usually means a firewall that drops packets, on your side, at your internet provider or at the server.',
      'Brak jakiejkolwiek odpowiedzi (zamiast odmowy) zwykle oznacza zaporę, która odrzuca pakiety: u Ciebie, u Twojego dostawcy internetu albo przy serwerze.'),
    advice: [
      tx('Try again from another network (e.g. a phone hotspot) to see whether your network blocks it.',
        'Spróbuj z innej sieci (np. hotspot w telefonie), żeby sprawdzić, czy to Twoja sieć blokuje połączenie.'),
      tx('Check the firewall and antivirus on your computer: some block mail ports.',
        'Sprawdź zaporę i antywirusa na komputerze: niektóre blokują porty poczty.'),
    ],
  },
  connectTimeout25: {
    summary: tx('No answer on port 25 of {host}: from a home or mobile connection this is almost always your internet provider blocking port 25.',
      'Brak odpowiedzi na porcie 25 serwera {host}: z łącza domowego lub komórkowego to prawie zawsze blokada portu 25 u Twojego dostawcy internetu.'),
    detail: tx('Internet providers block outgoing connections to port 25 to stop infected computers sending spam. Port 25 is for servers talking to servers; a mail program should send through port 587 (STARTTLS) or 465 (SSL/TLS) with a login.',
      'Dostawcy internetu blokują wychodzące połączenia na port 25, żeby zainfekowane komputery nie rozsyłały spamu. Port 25 służy do wymiany poczty między serwerami; program pocztowy powinien wysyłać przez port 587 (STARTTLS) lub 465 (SSL/TLS) z logowaniem.'),
    advice: [
      tx('In the mail program set the outgoing (SMTP) port to 587 with STARTTLS, or 465 with SSL/TLS, and turn on "server requires authentication".',
        'W programie pocztowym ustaw port serwera poczty wychodzącej (SMTP) na 587 ze STARTTLS albo 465 z SSL/TLS i włącz opcję „serwer wymaga uwierzytelniania”.'),
      tx('Run mailmedic probe smtp without --port to see which submission ports work.',
        'Uruchom mailmedic probe smtp bez --port, żeby zobaczyć, które porty do wysyłania działają.'),
    ],
  },
  connectUnreachable: {
    summary: tx('There is no network route to {host}: the address cannot be reached from here.',
      'Brak trasy sieciowej do {host}: z tego komputera serwer jest nieosiągalny.'),
    detail: tx('The network itself reported that the host cannot be reached: no internet connection, a VPN or a router problem, or a wrong address.',
      'Sama sieć zgłosiła, że serwer jest nieosiągalny: brak połączenia z internetem, problem z VPN lub routerem albo błędny adres.'),
    advice: [
      tx('Check that this computer is online and that the server name is spelt correctly.',
        'Sprawdź, czy komputer ma dostęp do internetu i czy nazwa serwera jest wpisana poprawnie.'),
    ],
  },
  connectDns: {
    summary: tx('The server name {host} does not exist in DNS, so nothing can connect to it.',
      'Nazwa serwera {host} nie istnieje w DNS, więc nie da się z nim połączyć.'),
    detail: tx('The name could not be turned into an address ({code}). Usually it is a typo in the server name, or the domain\'s DNS lacks that name.',
      'Nie udało się zamienić nazwy na adres ({code}). Zwykle to literówka w nazwie serwera albo w DNS domeny brakuje tej nazwy.'),
    advice: [
      tx('Copy the server name exactly from the provider\'s instructions (often mail.<domain>, smtp.<domain> or imap.<domain>).',
        'Przepisz nazwę serwera dokładnie z instrukcji dostawcy (często mail.<domena>, smtp.<domena> albo imap.<domena>).'),
      tx('Run mailmedic settings with your address to find the right server names.',
        'Uruchom mailmedic settings ze swoim adresem, żeby znaleźć właściwe nazwy serwerów.'),
    ],
  },
  connectOther: {
    summary: tx('Could not connect to {host} port {port}: {error}.', 'Nie udało się połączyć z {host} na porcie {port}: {error}.'),
  },
  // ── after connecting ────────────────────────────────────────────────────────────────────────────────────
  closed: {
    summary: tx('The server closed the connection during {phase}.', 'Serwer zamknął połączenie podczas etapu: {phase}.'),
    detail: tx('The server hung up without a proper reply. A server that limits connections, a security filter, or a crash can do this.',
      'Serwer rozłączył się bez właściwej odpowiedzi. Tak może zrobić serwer z limitem połączeń, filtr bezpieczeństwa albo awaria.'),
    advice: [tx('Try again in a few minutes; if it repeats, send the transcript (--transcript) to the server\'s administrator.',
      'Spróbuj ponownie za kilka minut; jeśli się powtarza, wyślij zapis rozmowy (--transcript) administratorowi serwera.')],
  },
  stalled: {
    summary: tx('The server stopped answering during {phase} (no reply within {ms} ms).',
      'Serwer przestał odpowiadać na etapie: {phase} (brak odpowiedzi w ciągu {ms} ms).'),
    detail: tx('The connection is open but the server says nothing. It may be overloaded or deliberately slow (tarpitting), or a firewall lets the connection through but not the data.',
      'Połączenie jest otwarte, ale serwer milczy. Może być przeciążony albo celowo spowolniony (tarpitting), albo zapora przepuszcza połączenie, ale nie dane.'),
    advice: [tx('Try again later or raise the timeout (--timeout-command / --timeout-banner); if it persists, tell the server\'s administrator.',
      'Spróbuj później albo wydłuż limit czasu (--timeout-command / --timeout-banner); jeśli to się utrzymuje, powiadom administratora serwera.')],
  },
  bannerTimeoutImplicitPort: {
    summary: tx('Port {port} sent no greeting: it expects encryption (SSL/TLS) from the first byte, not STARTTLS or plain text.',
      'Port {port} nie przysłał powitania: oczekuje szyfrowania (SSL/TLS) od pierwszego bajtu, a nie STARTTLS ani zwykłego tekstu.'),
    detail: tx('Ports 465, 993 and 995 use implicit TLS: the server waits for the client to start encryption and says nothing first. A mail program set to STARTTLS or "none" on such a port hangs until it times out.',
      'Porty 465, 993 i 995 używają szyfrowania od razu (SSL/TLS): serwer czeka, aż klient rozpocznie szyfrowanie, i sam nic nie mówi. Program pocztowy ustawiony na STARTTLS albo „brak” na takim porcie zawiesza się aż do upływu limitu czasu.'),
    advice: [tx('Set the connection security to SSL/TLS for port {port} (or use port 587 with STARTTLS).',
      'Ustaw szyfrowanie połączenia na SSL/TLS dla portu {port} (albo użyj portu 587 ze STARTTLS).')],
  },
  maybeImplicitTls: {
    summary: tx('If this port expects SSL/TLS from the first byte, set the security to SSL/TLS and try again (mailmedic probe … host:port:ssl).',
      'Jeśli ten port wymaga SSL/TLS od pierwszego bajtu, ustaw szyfrowanie na SSL/TLS i spróbuj ponownie (mailmedic probe … serwer:port:ssl).'),
  },
  garbage: {
    summary: tx('The server answered with something that is not {protocol}: "{line}".',
      'Serwer odpowiedział czymś, co nie jest protokołem {protocol}: „{line}”.'),
    detail: tx('Another service listens on this port, or a proxy or antivirus sits in between and mangles the conversation.',
      'Na tym porcie działa inna usługa albo pośredniczy w rozmowie serwer proxy lub antywirus, który ją psuje.'),
    advice: [tx('Check the port number; if it is right, turn off "mail scanning" in the antivirus and try again.',
      'Sprawdź numer portu; jeśli jest dobry, wyłącz „skanowanie poczty” w antywirusie i spróbuj ponownie.')],
  },
  tooLong: {
    summary: tx('The server sent a reply that does not end ({error}); mailmedic stopped reading.',
      'Serwer przysłał odpowiedź, która się nie kończy ({error}); mailmedic przerwał odczyt.'),
    detail: tx('A correct server ends every reply quickly. A reply without end is a broken or hostile server, or another service on this port.',
      'Poprawny serwer szybko kończy każdą odpowiedź. Odpowiedź bez końca to uszkodzony lub wrogi serwer albo inna usługa na tym porcie.'),
    advice: [tx('Send the transcript (--transcript) to the server\'s administrator.', 'Wyślij zapis rozmowy (--transcript) administratorowi serwera.')],
  },
  // ── banner / greeting ───────────────────────────────────────────────────────────────────────────────────
  bannerOk: {
    summary: tx('The server greeted after {ms} ms: {banner}', 'Serwer przywitał się po {ms} ms: {banner}'),
  },
  bannerSlow: {
    summary: tx('The server took {ms} ms to greet; mail programs may give up before that.',
      'Serwer przywitał się dopiero po {ms} ms; programy pocztowe mogą zrezygnować wcześniej.'),
    detail: tx('A long pause before the greeting is often deliberate (against spam bots) or a sign that the server is overloaded or cannot look up your address in DNS.',
      'Długa przerwa przed powitaniem bywa celowa (przeciw botom spamującym) albo świadczy o przeciążeniu serwera lub o tym, że nie może on sprawdzić Twojego adresu w DNS.'),
    advice: [tx('If sending fails with a timeout, raise the server timeout in the mail program or ask the provider.',
      'Jeśli wysyłanie kończy się przekroczeniem czasu, wydłuż limit czasu serwera w programie pocztowym albo zapytaj dostawcę.')],
  },
  bannerRejected: {
    summary: tx('The server refused the session at once: {reply}', 'Serwer od razu odmówił połączenia: {reply}'),
    detail: tx('Code {code} in the greeting means the server will not talk to this address: it may be busy (421), or your address may be blocked or on a blocklist (554).',
      'Kod {code} w powitaniu oznacza, że serwer nie chce rozmawiać z tym adresem: może być zajęty (421) albo Twój adres jest zablokowany lub wpisany na czarną listę (554).'),
    advice: [tx('Read the text of the reply; if it names a blocklist, check your address there, otherwise ask the provider.',
      'Przeczytaj treść odpowiedzi; jeśli wymienia czarną listę, sprawdź tam swój adres, w przeciwnym razie zapytaj dostawcę.')],
  },
  // ── EHLO ────────────────────────────────────────────────────────────────────────────────────────────────
  ehloOk: {
    summary: tx('The server supports ESMTP with {count} extensions: {list}.', 'Serwer obsługuje ESMTP; rozszerzenia ({count}): {list}.'),
  },
  ehloRefused: {
    summary: tx('The server rejected EHLO ({reply}); only the old HELO works, so no encryption or login is possible.',
      'Serwer odrzucił EHLO ({reply}); działa tylko stare HELO, więc szyfrowanie ani logowanie nie są możliwe.'),
  },
  noSmtputf8: {
    summary: tx('The server does not support SMTPUTF8: addresses with non-ASCII characters (e.g. "łukasz@żółw.pl") cannot be sent through it.',
      'Serwer nie obsługuje SMTPUTF8: przez ten serwer nie da się wysłać na adresy ze znakami spoza ASCII (np. „łukasz@żółw.pl”).'),
  },
  no8bitmime: {
    summary: tx('The server does not announce 8BITMIME: messages must be sent 7-bit encoded (mail programs do that by themselves).',
      'Serwer nie ogłasza 8BITMIME: wiadomości muszą być kodowane 7-bitowo (programy pocztowe robią to same).'),
  },
  noEnhancedCodes: {
    summary: tx('The server gives no enhanced status codes (like 5.1.1), so its error messages are less precise.',
      'Serwer nie podaje rozszerzonych kodów statusu (jak 5.1.1), więc jego komunikaty o błędach są mniej precyzyjne.'),
  },
  imapPrivacyRequired: {
    summary: tx('The server refuses the login on an unencrypted connection ({reply}).', 'Serwer odmawia logowania przez nieszyfrowane połączenie ({reply}).'),
    advice: [tx('Choose SSL/TLS (port 993) or STARTTLS (port 143).', 'Wybierz SSL/TLS (port 993) albo STARTTLS (port 143).')],
  },
  imapUnavailable: {
    summary: tx('The login service is temporarily unavailable ({reply}).', 'Usługa logowania jest chwilowo niedostępna ({reply}).'),
    advice: [tx('Try again in a few minutes; if it persists, tell the provider.', 'Spróbuj ponownie za kilka minut; jeśli problem się utrzymuje, powiadom dostawcę.')],
  },
  imapContactAdmin: {
    summary: tx('The server refuses this account and asks you to contact the administrator ({reply}): the mailbox may be blocked or the password expired.',
      'Serwer odmawia dostępu do tego konta i prosi o kontakt z administratorem ({reply}): skrzynka może być zablokowana albo hasło wygasło.'),
    advice: [tx('Contact the provider\'s help desk.', 'Skontaktuj się z pomocą techniczną dostawcy.')],
  },
  sizeLimit: {
    summary: tx('The server accepts messages up to {size}.', 'Serwer przyjmuje wiadomości do {size}.'),
  },
  // ── TLS ─────────────────────────────────────────────────────────────────────────────────────────────────
  starttlsMissing: {
    summary: tx('The server does not offer STARTTLS on port {port}: the password would travel unencrypted.',
      'Serwer nie oferuje STARTTLS na porcie {port}: hasło byłoby przesyłane bez szyfrowania.'),
    detail: tx('Without STARTTLS a mail program set to "STARTTLS" refuses to continue, and one set to "none" sends the login and the messages in plain text.',
      'Bez STARTTLS program pocztowy, w którym wybrano szyfrowanie „STARTTLS”, przerwie połączenie, a taki, w którym wybrano „brak”, wyśle login i wiadomości otwartym tekstem.'),
    advice: [
      tx('Use the port the provider documents for encrypted sending (587 with STARTTLS or 465 with SSL/TLS).',
        'Użyj portu, który dostawca podaje do szyfrowanego wysyłania (587 ze STARTTLS albo 465 z SSL/TLS).'),
      tx('If you run this server, enable TLS on it (in Postfix: smtpd_tls_security_level = may and a certificate).',
        'Jeśli to Twój serwer, włącz na nim TLS (w Postfiksie: smtpd_tls_security_level = may i certyfikat).'),
    ],
  },
  starttlsRefused: {
    summary: tx('The server offers STARTTLS but refused to start it: {reply}', 'Serwer oferuje STARTTLS, ale odmówił jego rozpoczęcia: {reply}'),
    advice: [tx('This is a server fault: tell its administrator.', 'To usterka serwera: powiadom jego administratora.')],
  },
  tlsFailed: {
    summary: tx('The TLS handshake with {host} port {port} failed: {error}.', 'Negocjacja TLS z {host} na porcie {port} nie powiodła się: {error}.'),
    detail: tx('The encrypted connection could not be set up. An old server that offers only outdated protocols, a broken certificate set-up, or a filter in between can cause it.',
      'Nie udało się zestawić szyfrowanego połączenia. Przyczyną może być stary serwer z przestarzałymi protokołami, zepsuta konfiguracja certyfikatu albo filtr po drodze.'),
    advice: [tx('Send the error to the server\'s administrator; meanwhile try the other encrypted port (587 or 465).',
      'Prześlij ten błąd administratorowi serwera; w międzyczasie spróbuj drugiego szyfrowanego portu (587 lub 465).')],
  },
  tlsPlainPort: {
    summary: tx('Port {port} does not speak SSL/TLS from the start: set the security to STARTTLS (or none), not SSL/TLS.',
      'Port {port} nie używa SSL/TLS od początku: ustaw szyfrowanie na STARTTLS (albo brak), a nie SSL/TLS.'),
    detail: tx('The server answered the TLS greeting with plain text ({error}). Ports 25 and 587 (and 143, 110) start unencrypted and switch with STARTTLS; implicit SSL/TLS is for 465, 993 and 995.',
      'Serwer odpowiedział na powitanie TLS zwykłym tekstem ({error}). Porty 25 i 587 (oraz 143 i 110) zaczynają bez szyfrowania i przełączają się poleceniem STARTTLS; SSL/TLS od razu jest dla portów 465, 993 i 995.'),
    advice: [tx('In the mail program choose STARTTLS for port {port}, or use port 465 with SSL/TLS.',
      'W programie pocztowym wybierz STARTTLS dla portu {port} albo użyj portu 465 z SSL/TLS.')],
  },
  starttlsLeftover: {
    summary: tx('The server (or something in between) sent data right after agreeing to STARTTLS: "{data}"; that data is discarded.',
      'Serwer (albo coś po drodze) wysłał dane zaraz po zgodzie na STARTTLS: „{data}”; te dane zostały odrzucone.'),
    detail: tx('Nothing may follow the STARTTLS reply before encryption starts. Extra data there is a sign of a broken server or of an attempt to inject commands into the encrypted session.',
      'Po odpowiedzi na STARTTLS nic nie może nastąpić przed rozpoczęciem szyfrowania. Dodatkowe dane w tym miejscu świadczą o wadliwym serwerze albo o próbie wstrzyknięcia poleceń do szyfrowanej sesji.'),
    advice: [tx('Tell the server\'s administrator; check for a proxy or antivirus that intercepts mail traffic.', 'Powiadom administratora serwera; sprawdź, czy ruchu pocztowego nie przechwytuje proxy albo antywirus.')],
  },
  tlsOk: {
    summary: tx('Encrypted with {protocol} ({cipher}).', 'Połączenie szyfrowane: {protocol} ({cipher}).'),
  },
  tlsOld: {
    summary: tx('The server uses the outdated {protocol}; current mail programs refuse it.',
      'Serwer używa przestarzałego protokołu {protocol}; obecne programy pocztowe go odrzucają.'),
    advice: [tx('The server must enable TLS 1.2 or 1.3: tell its administrator.', 'Serwer musi włączyć TLS 1.2 lub 1.3: powiadom jego administratora.')],
  },
  certOk: {
    summary: tx('The certificate is valid for {host}, trusted, and has {days} left.',
      'Certyfikat jest wystawiony na {host}, zaufany i ważny jeszcze przez {days}.'),
  },
  certExpired: {
    summary: tx('The server\'s certificate expired {days} ago ({date}); mail programs will show a security warning or refuse to connect.',
      'Certyfikat serwera wygasł {days} temu ({date}); programy pocztowe pokażą ostrzeżenie bezpieczeństwa albo odmówią połączenia.'),
    detail: tx('An expired certificate no longer proves who the server is. It is the server\'s fault, not your settings.',
      'Wygasły certyfikat nie potwierdza już tożsamości serwera. To wina serwera, nie Twoich ustawień.'),
    advice: [
      tx('Tell the provider or the administrator to renew the certificate.', 'Poproś dostawcę lub administratora o odnowienie certyfikatu.'),
      tx('Do not accept the warning permanently in the mail program: it would also hide a real attack.',
        'Nie akceptuj ostrzeżenia na stałe w programie pocztowym: ukryłoby to także prawdziwy atak.'),
    ],
  },
  certNotYetValid: {
    summary: tx('The server\'s certificate is not valid yet (from {date}); check the clock of this computer.',
      'Certyfikat serwera nie jest jeszcze ważny (od {date}); sprawdź zegar tego komputera.'),
  },
  certExpiring: {
    summary: tx('The server\'s certificate expires in {days} ({date}).', 'Certyfikat serwera wygasa za {days} ({date}).'),
    advice: [tx('Remind the administrator to renew it before then.', 'Przypomnij administratorowi, żeby odnowił go przed tym terminem.')],
  },
  certWrongName: {
    summary: tx('The certificate is for {names}, not for {host}: mail programs will warn that the connection may be intercepted.',
      'Certyfikat jest wystawiony na {names}, a nie na {host}: programy pocztowe ostrzegą, że połączenie może być przechwycone.'),
    detail: tx('The server name in your settings must be one the certificate covers. Shared hosting often has a certificate only for the hosting company\'s own server name.',
      'Nazwa serwera w ustawieniach musi być jedną z nazw, na które wystawiono certyfikat. Na hostingu współdzielonym certyfikat bywa tylko na nazwę serwera firmy hostingowej.'),
    advice: [
      tx('Use a server name the certificate covers ({names}) in the mail program.', 'Wpisz w programie pocztowym nazwę serwera objętą certyfikatem ({names}).'),
      tx('Or ask the provider for a certificate that includes {host}.', 'Albo poproś dostawcę o certyfikat obejmujący {host}.'),
    ],
  },
  certIpHost: {
    summary: tx('You connected by IP address {host}; the certificate names {names}, so mail programs using the IP will warn.',
      'Połączono przez adres IP {host}; certyfikat wymienia {names}, więc programy pocztowe używające adresu IP pokażą ostrzeżenie.'),
    advice: [tx('Use the server\'s name instead of its IP address in the settings.', 'W ustawieniach używaj nazwy serwera zamiast adresu IP.')],
  },
  certSelfSigned: {
    summary: tx('The certificate is self-signed: no certificate authority vouches for it, so mail programs will show a security warning.',
      'Certyfikat jest samopodpisany: nie potwierdza go żaden urząd certyfikacji, więc programy pocztowe pokażą ostrzeżenie bezpieczeństwa.'),
    detail: tx('Anyone can make a self-signed certificate, so it does not prove the server\'s identity. Fine for tests; on a real server use a certificate from a public authority (e.g. Let\'s Encrypt).',
      'Samopodpisany certyfikat może wystawić każdy, więc nie dowodzi tożsamości serwera. W testach to w porządku; na prawdziwym serwerze użyj certyfikatu publicznego urzędu (np. Let\'s Encrypt).'),
    advice: [tx('Ask the administrator to install a certificate from a public authority.', 'Poproś administratora o certyfikat od publicznego urzędu certyfikacji.')],
  },
  certUntrusted: {
    summary: tx('The certificate chain cannot be verified: {why} ({error}); mail programs will show a security warning.',
      'Nie da się zweryfikować łańcucha certyfikatów: {why} ({error}); programy pocztowe pokażą ostrzeżenie bezpieczeństwa.'),
    detail: tx('Either the issuer is not a public authority, or the server does not send the intermediate certificates.',
      'Albo wystawca nie jest publicznym urzędem certyfikacji, albo serwer nie wysyła certyfikatów pośrednich.'),
    advice: [tx('The administrator should install the full chain (certificate plus intermediates).', 'Administrator powinien zainstalować pełny łańcuch (certyfikat i certyfikaty pośrednie).')],
  },
  // ── AUTH ────────────────────────────────────────────────────────────────────────────────────────────────
  authBeforeTls: {
    summary: tx('The server offers login (AUTH {mechs}) before encryption: a mail program set to "none" would send the password in plain text.',
      'Serwer oferuje logowanie (AUTH {mechs}) przed włączeniem szyfrowania: program pocztowy z szyfrowaniem ustawionym na „brak” wysłałby hasło otwartym tekstem.'),
    advice: [
      tx('Always use STARTTLS or SSL/TLS in the mail program.', 'Zawsze używaj STARTTLS albo SSL/TLS w programie pocztowym.'),
      tx('If you run the server, offer AUTH only after TLS (Postfix: smtpd_tls_auth_only = yes).', 'Jeśli to Twój serwer, oferuj AUTH dopiero po TLS (Postfix: smtpd_tls_auth_only = yes).'),
    ],
  },
  authMechs: {
    summary: tx('Login methods offered: {mechs}.', 'Oferowane metody logowania: {mechs}.'),
  },
  authNone: {
    summary: tx('The server offers no login (AUTH) on this port: a mail program cannot log in to send here.',
      'Serwer nie oferuje logowania (AUTH) na tym porcie: program pocztowy nie zaloguje się tu do wysyłania.'),
    detail: tx('Port 25 usually accepts only mail for the server\'s own domains, without login. To send through a provider, use its submission port (587 or 465), where login is offered after encryption.',
      'Port 25 zwykle przyjmuje tylko pocztę do własnych domen serwera, bez logowania. Do wysyłania przez dostawcę używa się portu 587 lub 465, gdzie logowanie jest dostępne po włączeniu szyfrowania.'),
    advice: [tx('Use port 587 (STARTTLS) or 465 (SSL/TLS) for sending.', 'Do wysyłania użyj portu 587 (STARTTLS) lub 465 (SSL/TLS).')],
  },
  authNotTried: {
    summary: tx('Login was not tested (no user name and password given).', 'Logowania nie sprawdzono (nie podano użytkownika i hasła).'),
    advice: [tx('Add --user and --password-env VAR (or --password-stdin) to test the login too.', 'Dodaj --user oraz --password-env ZMIENNA (albo --password-stdin), żeby sprawdzić także logowanie.')],
  },
  authOk: {
    summary: tx('Logged in as {user} with {mech}.', 'Zalogowano jako {user} metodą {mech}.'),
  },
  authMechNotOffered: {
    summary: tx('The login method {mech} is not offered here (offered: {mechs}).', 'Metoda logowania {mech} nie jest tu dostępna (dostępne: {mechs}).'),
    advice: [tx('In the mail program choose "normal password" (PLAIN/LOGIN over TLS) or the method the server offers.',
      'W programie pocztowym wybierz „normalne hasło” (PLAIN/LOGIN przez TLS) albo metodę, którą oferuje serwer.')],
  },
  auth535: {
    summary: tx('The server rejected the user name or password ({reply}).', 'Serwer odrzucił nazwę użytkownika lub hasło ({reply}).'),
    detail: tx('Code 535 means the credentials are wrong: a mistyped password, an old saved password, a disabled mailbox, or a login that must be the full e-mail address.',
      'Kod 535 oznacza błędne dane logowania: literówkę w haśle, stare zapamiętane hasło, wyłączoną skrzynkę albo login, który musi być pełnym adresem e-mail.'),
    advice: [
      tx('Type the password again (not pasted with spaces) and use the full address as the user name, e.g. name@domain.', 'Wpisz hasło ponownie (bez wklejonych spacji) i użyj pełnego adresu jako nazwy użytkownika, np. nazwa@domena.'),
      tx('Log in to webmail with the same credentials: if that fails too, reset the password.', 'Zaloguj się tymi samymi danymi do poczty przez przeglądarkę: jeśli też się nie uda, zresetuj hasło.'),
    ],
  },
  authNoDomain: {
    summary: tx('The user name "{user}" has no domain: most providers need the full e-mail address as the login.',
      'Nazwa użytkownika „{user}” nie zawiera domeny: większość dostawców wymaga pełnego adresu e-mail jako loginu.'),
    advice: [tx('Use the full address, e.g. {user}@your-domain, as the user name.', 'Jako nazwy użytkownika użyj pełnego adresu, np. {user}@twoja-domena.')],
  },
  auth530: {
    summary: tx('The server requires STARTTLS first ({reply}).', 'Serwer wymaga najpierw włączenia szyfrowania STARTTLS ({reply}).'),
    detail: tx('Code 530 means the step before was missing: encryption (STARTTLS) before login, or login before sending.',
      'Kod 530 oznacza, że zabrakło wcześniejszego kroku: szyfrowania (STARTTLS) przed logowaniem albo logowania przed wysyłaniem.'),
    advice: [tx('Turn on STARTTLS or SSL/TLS and "server requires authentication" in the mail program.', 'Włącz w programie pocztowym STARTTLS albo SSL/TLS oraz opcję „serwer wymaga uwierzytelniania”.')],
  },
  auth530Login: {
    summary: tx('The server requires authentication first ({reply}).', 'Serwer wymaga najpierw uwierzytelniania (zalogowania się) ({reply}).'),
    detail: tx('Code 530 means the step before was missing: here the login before sending.',
      'Kod 530 oznacza, że zabrakło wcześniejszego kroku: tutaj zalogowania się przed wysyłaniem.'),
    advice: [tx('Turn on "server requires authentication" for the outgoing (SMTP) server and use the same user name and password as for receiving.',
      'Włącz opcję „serwer wymaga uwierzytelniania” dla serwera poczty wychodzącej (SMTP) i podaj te same dane logowania co do odbierania.')],
  },
  auth538: {
    summary: tx('The server requires encryption for this login method ({reply}).', 'Serwer wymaga szyfrowania dla tej metody logowania ({reply}).'),
    detail: tx('Code 538 means the password may not be sent over an unencrypted connection.', 'Kod 538 oznacza, że hasła nie wolno przesyłać nieszyfrowanym połączeniem.'),
    advice: [tx('Choose STARTTLS (port 587) or SSL/TLS (port 465) in the mail program.', 'Wybierz w programie pocztowym STARTTLS (port 587) albo SSL/TLS (port 465).')],
  },
  auth534: {
    summary: tx('The server finds the login method {mech} too weak ({reply}).', 'Serwer uznał metodę logowania {mech} za zbyt słabą ({reply}).'),
    detail: tx('Code 534 (5.7.9) means the server wants a stronger method or an app password (common with Gmail and Microsoft when two-step sign-in is on).',
      'Kod 534 (5.7.9) oznacza, że serwer chce mocniejszej metody albo hasła do aplikacji (częste w Gmailu i u Microsoftu przy weryfikacji dwuetapowej).'),
    advice: [tx('Create an app password at the provider, or choose another login method in the mail program.', 'Utwórz hasło do aplikacji u dostawcy albo wybierz inną metodę logowania w programie pocztowym.')],
  },
  auth504: {
    summary: tx('The server does not know the login method {mech} ({reply}).', 'Serwer nie zna metody logowania {mech} ({reply}).'),
    advice: [tx('Choose another authentication method in the mail program, e.g. "normal password".', 'Wybierz w programie pocztowym inną metodę uwierzytelniania, np. „normalne hasło”.')],
  },
  auth454: {
    summary: tx('Login failed for a temporary reason on the server ({reply}).', 'Logowanie nie powiodło się z powodu chwilowego problemu serwera ({reply}).'),
    advice: [tx('Try again in a few minutes; if it persists, the provider\'s login service is down.', 'Spróbuj ponownie za kilka minut; jeśli problem się utrzymuje, usługa logowania u dostawcy nie działa.')],
  },
  authOther: {
    summary: tx('Login failed: {reply}', 'Logowanie nie powiodło się: {reply}'),
  },
  authSkippedNoTls: {
    summary: tx('Login was not tried because the connection is not encrypted (the password would travel in plain text).',
      'Nie próbowano logowania, bo połączenie nie jest szyfrowane (hasło zostałoby wysłane otwartym tekstem).'),
    advice: [tx('Use STARTTLS or SSL/TLS; to test a plain-text login anyway, pass --tls none.', 'Użyj STARTTLS albo SSL/TLS; żeby mimo to sprawdzić logowanie bez szyfrowania, podaj --tls none.')],
  },
  authUnavailableNoTls: {
    summary: tx('Login is not offered without encryption; it is offered only after STARTTLS.', 'Logowanie nie jest dostępne bez szyfrowania; serwer oferuje je dopiero po STARTTLS.'),
    advice: [tx('Turn on STARTTLS in the mail program.', 'Włącz STARTTLS w programie pocztowym.')],
  },
  // ── envelope ────────────────────────────────────────────────────────────────────────────────────────────
  mailFromOk: { summary: tx('The server accepts the sender {addr}.', 'Serwer przyjmuje nadawcę {addr}.') },
  mailFromRejected: {
    summary: tx('The server refuses the sender {addr}: {reply}', 'Serwer odrzuca nadawcę {addr}: {reply}'),
  },
  rcptOk: { summary: tx('The server accepts the recipient {addr}.', 'Serwer przyjmuje odbiorcę {addr}.') },
  rcptRejected: {
    summary: tx('The server refuses the recipient {addr}: {reply}', 'Serwer odrzuca odbiorcę {addr}: {reply}'),
  },
  relayDenied: {
    summary: tx('Relay access denied: this server does not pass on mail for other domains without login.',
      'Odmowa przekazania (Relay access denied): serwer nie przekazuje poczty do innych domen bez zalogowania.'),
    detail: tx('From a mail program this means it did not log in (or the login failed) before sending to an outside address. For incoming mail it means the domain\'s MX points to a server that does not know the domain.',
      'W programie pocztowym oznacza to, że nie zalogował się (albo logowanie się nie udało) przed wysłaniem na zewnętrzny adres. Przy poczcie przychodzącej oznacza, że rekord MX domeny wskazuje serwer, który tej domeny nie obsługuje.'),
    advice: [
      tx('Turn on "server requires authentication" for the outgoing (SMTP) server and use the same user name and password as for receiving.',
        'Włącz opcję „serwer wymaga uwierzytelniania” dla serwera poczty wychodzącej (SMTP) i podaj te same dane logowania co do odbierania.'),
      tx('If mail TO your domain gets this, check the domain\'s MX records (mailmedic domain <domain>).', 'Jeśli taki błąd dostaje poczta DO Twojej domeny, sprawdź rekordy MX (mailmedic domain <domena>).'),
    ],
  },
  openRelay: {
    summary: tx('OPEN RELAY: the server accepted mail from an outside sender to an outside recipient without login.',
      'OTWARTY PRZEKAŹNIK: serwer przyjął pocztę od obcego nadawcy do obcego odbiorcy bez logowania.'),
    detail: tx('Spammers find open relays within hours; the server then lands on blocklists and nobody accepts its mail.',
      'Spamerzy znajdują otwarte przekaźniki w ciągu godzin; serwer trafia wtedy na czarne listy i nikt nie przyjmuje jego poczty.'),
    advice: [tx('Restrict relaying to logged-in users (Postfix: smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination) and narrow mynetworks.',
      'Ogranicz przekazywanie do zalogowanych użytkowników (Postfix: smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination) i zawęź mynetworks.')],
  },
  relayNotOpen: {
    summary: tx('Not an open relay: an outside recipient was refused without login ({reply}).', 'To nie jest otwarty przekaźnik: zewnętrzny odbiorca został odrzucony bez logowania ({reply}).'),
  },
  sendOk: { summary: tx('A test message was accepted: {reply}', 'Wiadomość testowa została przyjęta: {reply}') },
  sendRejected: { summary: tx('The test message was refused: {reply}', 'Wiadomość testowa została odrzucona: {reply}') },
  // ── IMAP / POP3 ─────────────────────────────────────────────────────────────────────────────────────────
  capabilities: { summary: tx('Server capabilities: {list}.', 'Możliwości serwera: {list}.') },
  loginDisabled: {
    summary: tx('The server does not allow password login without encryption (LOGINDISABLED): a mail program set to "none" cannot log in.',
      'Serwer nie pozwala logować się hasłem bez szyfrowania (LOGINDISABLED): program pocztowy z szyfrowaniem ustawionym na „brak” się nie zaloguje.'),
    advice: [tx('Choose STARTTLS for port {port} or SSL/TLS on port {tlsport}.', 'Wybierz STARTTLS dla portu {port} albo szyfrowanie SSL/TLS na porcie {tlsport}.')],
  },
  loginPlainAllowed: {
    summary: tx('The server accepts a password without encryption on port {port}: a mail program set to "none" sends it in plain text.',
      'Serwer przyjmuje hasło bez szyfrowania na porcie {port}: program pocztowy z szyfrowaniem ustawionym na „brak” wyśle je otwartym tekstem.'),
    advice: [tx('Always choose STARTTLS or SSL/TLS in the mail program.', 'Zawsze wybieraj STARTTLS albo SSL/TLS w programie pocztowym.')],
  },
  loginOk: { summary: tx('Logged in as {user}.', 'Zalogowano jako {user}.') },
  loginFailed: {
    summary: tx('The server rejected the login for {user}: {reply}', 'Serwer odrzucił logowanie użytkownika {user}: {reply}'),
    detail: tx('Wrong password, an old saved password, a disabled mailbox, or a login that must be the full e-mail address.',
      'Błędne hasło, stare zapamiętane hasło, wyłączona skrzynka albo login, który musi być pełnym adresem e-mail.'),
    advice: [tx('Type the password again and use the full address as the user name; check it in webmail.', 'Wpisz hasło ponownie i użyj pełnego adresu jako nazwy użytkownika; sprawdź je w poczcie przez przeglądarkę.')],
  },
  folders: {
    summary: tx('{count} folders; INBOX has {inbox} messages.', 'Liczba folderów: {count}; wiadomości w skrzynce odbiorczej (INBOX): {inbox}.'),
  },
  spamFolder: {
    summary: tx('Spam goes to the folder "{folder}" ({messages} messages): look there for missing mail.',
      'Spam trafia do folderu „{folder}” (liczba wiadomości: {messages}): tam szukaj brakującej poczty.'),
    detail: tx('This folder is visible over IMAP and in webmail, but not over POP3, which only sees the inbox.',
      'Ten folder jest widoczny przez IMAP i w poczcie przez przeglądarkę, ale nie przez POP3, który widzi tylko skrzynkę odbiorczą.'),
  },
  noSpamFolder: {
    summary: tx('No Spam/Junk folder found over IMAP.', 'Nie znaleziono folderu Spam/Junk przez IMAP.'),
  },
  pop3Mailbox: {
    summary: tx('The POP3 mailbox holds {count} messages ({size}).', 'Liczba wiadomości w skrzynce POP3: {count} ({size}).'),
  },
  pop3NoSpam: {
    summary: tx('POP3 shows only the inbox: mail the server put in the Spam folder cannot be seen this way.',
      'POP3 pokazuje tylko skrzynkę odbiorczą: poczty, którą serwer przeniósł do folderu Spam, nie da się tak zobaczyć.'),
    detail: tx('If mail seems to be missing, look in the Spam folder over IMAP or in webmail.', 'Jeśli brakuje wiadomości, zajrzyj do folderu Spam przez IMAP albo w poczcie przez przeglądarkę.'),
    advice: [tx('Consider IMAP (port 993) instead of POP3: it shows every folder.', 'Rozważ IMAP (port 993) zamiast POP3: pokazuje wszystkie foldery.')],
  },
  recommendPort: {
    summary: tx('Of the ports tried on {host}, use port {port} with {security}: it works.', 'Ze sprawdzonych portów serwera {host} użyj portu {port} (szyfrowanie: {security}): na nim wszystko działa.'),
  },
  recommendNone: {
    summary: tx('None of the ports tried on {host} ({ports}) works without errors; see the findings above for each.',
      'Żaden ze sprawdzonych portów serwera {host} ({ports}) nie działa bez błędów; szczegóły przy każdym porcie powyżej.'),
  },
  recommendNoneSame: {
    summary: tx('None of the ports tried on {host} ({ports}) works, for the same reason: {problem}',
      'Żaden ze sprawdzonych portów serwera {host} ({ports}) nie działa, z tego samego powodu: {problem}'),
  },
  verdictWorks: {
    summary: tx('In short: {host} port {port} works with {security}; you can use it in the mail program.',
      'Podsumowanie: port {port} serwera {host} działa (szyfrowanie: {security}); możesz go użyć w programie pocztowym.'),
  },
  verdictWorksWarn: {
    summary: tx('In short: {host} port {port} works with {security}, but read the warnings above.',
      'Podsumowanie: port {port} serwera {host} działa (szyfrowanie: {security}), ale przeczytaj ostrzeżenia powyżej.'),
  },
  verdictAnswersBut: {
    summary: tx('In short: {host} port {port} answers, but there is a problem: {problem}',
      'Podsumowanie: port {port} serwera {host} odpowiada, ale jest problem: {problem}'),
  },
  verdictFails: {
    summary: tx('In short: {host} port {port} does not work as set. Main problem: {problem}',
      'Podsumowanie: port {port} serwera {host} nie działa przy tych ustawieniach. Główny problem: {problem}'),
  },
  transcript: {
    summary: tx('Conversation with {host}:{port} ({lines} lines, passwords hidden).', 'Zapis rozmowy z {host}:{port} (liczba linii: {lines}; hasła ukryte).'),
  },
} as const satisfies Record<string, Say>;

export type ProbeTextKey = keyof typeof PROBE_TEXTS;

/** Names of probe phases, for sentences like "during {phase}". */
export const PHASE_NAMES = {
  dns: tx('name lookup', 'sprawdzanie nazwy w DNS'),
  connect: tx('connecting', 'łączenie'),
  banner: tx('the greeting', 'powitanie'),
  command: tx('a command', 'polecenie'),
  tls: tx('the TLS handshake', 'negocjacja TLS'),
} as const;

/** OpenSSL's verification codes in words (the code itself stays in the sentence, in parentheses). */
export const VERIFY_ERRORS: Record<string, Text> = {
  SELF_SIGNED_CERT_IN_CHAIN: tx('the chain ends at a certificate authority that is not publicly trusted', 'łańcuch kończy się na urzędzie certyfikacji, który nie jest publicznie zaufany'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: tx('the issuer is unknown here or the server does not send the intermediate certificate', 'wystawca jest tu nieznany albo serwer nie wysyła certyfikatu pośredniego'),
  UNABLE_TO_GET_ISSUER_CERT: tx('the issuer\'s certificate cannot be found', 'nie można znaleźć certyfikatu wystawcy'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: tx('the server does not send the intermediate certificate', 'serwer nie wysyła certyfikatu pośredniego'),
  CERT_REVOKED: tx('the certificate has been revoked', 'certyfikat został unieważniony'),
  CERT_SIGNATURE_FAILURE: tx('a signature in the chain is wrong', 'podpis w łańcuchu jest nieprawidłowy'),
};
export const VERIFY_ERROR_OTHER = tx('the issuer is not trusted', 'wystawca nie jest zaufany');

/** The connection security a mail program offers, in the words of its settings dialog. */
export const SECURITY_NAMES = {
  implicit: tx('SSL/TLS', 'SSL/TLS'),
  starttls: tx('STARTTLS', 'STARTTLS'),
  none: tx('no encryption', 'brak'),
} as const;
