/** Every sentence `mailmedic settings` says, in English and Polish. Data: finding builders pick by key. */
import { tx } from '../i18n/text.js';
import type { Say } from '../probe/texts.js';

/** The sentences of the settings findings, keyed; each is `{ en, pl }` (some take values to fill in). */
export const SETTINGS_TEXTS = {
  badAddress: {
    summary: tx('"{address}" is not an e-mail address (expected name@domain).', '„{address}” nie jest adresem e-mail (oczekiwano nazwa@domena).'),
  },
  ispdb: {
    summary: tx('Thunderbird\'s provider database knows {domain}: {provider}.', 'Baza dostawców Thunderbirda zna domenę {domain}: {provider}.'),
  },
  ispdbMx: {
    summary: tx('The domain\'s mail server {mx} belongs to {provider}; its documented settings apply.',
      'Serwer poczty domeny {mx} należy do dostawcy {provider}; obowiązują ustawienia podane przez tego dostawcę.'),
    detail: tx('Mail programs look up the MX host\'s provider when the domain itself is not in the database (typical for domains hosted at a large provider).',
      'Programy pocztowe sprawdzają dostawcę serwera MX, gdy samej domeny nie ma w bazie (typowe dla domen hostowanych u dużego dostawcy).'),
  },
  srv: {
    summary: tx('The domain publishes its mail settings in DNS (SRV records): {list}.', 'Domena publikuje ustawienia poczty w DNS (rekordy SRV): {list}.'),
  },
  srvNotOffered: {
    summary: tx('The domain says in DNS that {service} is not offered (SRV target ".").', 'Domena deklaruje w DNS, że usługa {service} nie jest dostępna (cel SRV „.”).'),
  },
  srvNone: {
    summary: tx('The domain publishes no SRV records for mail programs (RFC 6186).', 'Domena nie publikuje rekordów SRV dla programów pocztowych (RFC 6186).'),
    advice: [tx('Optional: publish _submissions._tcp, _imaps._tcp (and _pop3s._tcp) SRV records so that mail programs find the servers by themselves.',
      'Opcjonalnie: opublikuj rekordy SRV _submissions._tcp, _imaps._tcp (i _pop3s._tcp), żeby programy pocztowe same znajdowały serwery.')],
  },
  dnsUnknown: {
    summary: tx('DNS could not be asked about {name} ({status}); SRV and MX were not checked.', 'Nie udało się zapytać DNS o {name} ({status}); nie sprawdzono SRV ani MX.'),
  },
  autoconfig: {
    summary: tx('The provider publishes automatic configuration at {url}.', 'Dostawca publikuje automatyczną konfigurację pod adresem {url}.'),
  },
  autoconfigNone: {
    summary: tx('No automatic configuration file was found for {domain}.', 'Nie znaleziono pliku automatycznej konfiguracji dla {domain}.'),
  },
  autoconfigSkipped: {
    summary: tx('The domain\'s automatic configuration (autoconfig) was not fetched from its web server (on the command line, --fetch-autoconfig turns this on).',
      'Nie pobrano automatycznej konfiguracji domeny (autoconfig) z jej serwera WWW (w wierszu poleceń włącza to opcja --fetch-autoconfig).'),
  },
  guessConfirmed: {
    summary: tx('Guessed {host} port {port} ({socket}) for {protocol} and a server answered there.', 'Odgadnięto serwer {protocol}: {host}, port {port} ({socket}); serwer pod tym adresem odpowiada.'),
  },
  guessNothing: {
    summary: tx('No {protocol} server answered at the usual names ({names}).', 'Pod typowymi nazwami ({names}) nie odpowiedział żaden serwer {protocol}.'),
  },
  found: {
    summary: tx('Use {protocol} server {host}, port {port}, security {socket}, user name {user} (source: {source}).',
      'Użyj serwera {protocol} {host}, port {port}, szyfrowanie {socket}, nazwa użytkownika {user} (źródło: {source}).'),
  },
  notFound: {
    summary: tx('No {protocol} settings could be found for {domain}.', 'Nie znaleziono ustawień {protocol} dla {domain}.'),
    advice: [tx('Ask the mail provider for the server names, or look at the help pages of your hosting.', 'Zapytaj dostawcę poczty o nazwy serwerów albo zajrzyj na strony pomocy swojego hostingu.')],
  },
  // ── checks of the user's own settings ──
  given465Starttls: {
    summary: tx('Port 465 is set with STARTTLS: port 465 needs SSL/TLS from the start, so the program hangs or fails.',
      'Port 465 ustawiono ze STARTTLS: port 465 wymaga szyfrowania SSL/TLS od początku, więc program pocztowy się zawiesza albo zgłasza błąd.'),
    advice: [tx('Change the security to SSL/TLS for port 465, or use port 587 with STARTTLS.', 'Zmień szyfrowanie na SSL/TLS dla portu 465 albo użyj portu 587 ze STARTTLS.')],
  },
  given587Ssl: {
    summary: tx('Port 587 is set with SSL/TLS: port 587 starts unencrypted and switches with STARTTLS, so the connection fails.',
      'Port 587 ustawiono z SSL/TLS: port 587 zaczyna bez szyfrowania i przełącza się przez STARTTLS, więc połączenie się nie uda.'),
    advice: [tx('Change the security to STARTTLS for port 587, or use port 465 with SSL/TLS.', 'Zmień szyfrowanie na STARTTLS dla portu 587 albo użyj portu 465 z SSL/TLS.')],
  },
  givenImplicitWithStarttls: {
    summary: tx('Port {port} is set with STARTTLS, but it expects SSL/TLS from the start.', 'Port {port} ustawiono ze STARTTLS, a wymaga on szyfrowania SSL/TLS od początku.'),
    advice: [tx('Change the security to SSL/TLS for port {port}.', 'Zmień szyfrowanie na SSL/TLS dla portu {port}.')],
  },
  givenPlainPortWithSsl: {
    summary: tx('Port {port} is set with SSL/TLS, but it starts unencrypted (use STARTTLS).', 'Port {port} ustawiono z SSL/TLS, a zaczyna on bez szyfrowania (użyj STARTTLS).'),
    advice: [tx('Change the security to STARTTLS for port {port}, or use port {tlsport} with SSL/TLS.', 'Zmień szyfrowanie na STARTTLS dla portu {port} albo użyj portu {tlsport} z SSL/TLS.')],
  },
  given25: {
    summary: tx('Port 25 is set for sending: it is for servers, is often blocked by internet providers, and usually offers no login.',
      'Do wysyłania ustawiono port 25: służy on serwerom, dostawcy internetu często go blokują i zwykle nie oferuje logowania.'),
    advice: [tx('Use port 587 with STARTTLS (or 465 with SSL/TLS) and turn on "server requires authentication".',
      'Użyj portu 587 ze STARTTLS (albo 465 z SSL/TLS) i włącz opcję „serwer wymaga uwierzytelniania”.')],
  },
  givenNoTls: {
    summary: tx('{protocol} is set without encryption: the password travels in plain text and many servers refuse it.',
      '{protocol} ustawiono bez szyfrowania: hasło jest przesyłane otwartym tekstem, a wiele serwerów tego nie przyjmuje.'),
    advice: [tx('Choose SSL/TLS or STARTTLS.', 'Wybierz SSL/TLS albo STARTTLS.')],
  },
  givenUserNoDomain: {
    summary: tx('The login "{user}" has no domain, but this provider expects the full address ({address}).', 'Login „{user}” nie zawiera domeny, a ten dostawca oczekuje pełnego adresu ({address}).'),
    advice: [tx('Enter the full e-mail address as the user name.', 'Jako nazwę użytkownika wpisz pełny adres e-mail.')],
  },
  givenOtherHost: {
    summary: tx('Your {protocol} server {given} differs from the one found ({found}).', 'Twój serwer {protocol} {given} różni się od znalezionego ({found}).'),
    detail: tx('That can be right (e.g. a hosting company\'s own server name) but is a common cause of certificate warnings and failed logins.',
      'To może być poprawne (np. własna nazwa serwera firmy hostingowej), ale często powoduje ostrzeżenia o certyfikacie i nieudane logowanie.'),
  },
  givenNoMistake: {
    summary: tx('Your {protocol} settings ({host}:{port}, {socket}) have none of the classic mistakes; add --probe to test them against the server.',
      'Twoje ustawienia {protocol} ({host}:{port}, {socket}) nie zawierają typowych błędów; dodaj --probe, żeby sprawdzić je na serwerze.'),
  },
  givenOk: {
    summary: tx('Your {protocol} settings ({host}:{port}, {socket}) are right: the server answers as it should.', 'Twoje ustawienia {protocol} ({host}:{port}, {socket}) są poprawne: serwer odpowiada tak, jak powinien.'),
  },
} as const satisfies Record<string, Say>;

export type SettingsTextKey = keyof typeof SETTINGS_TEXTS;

/** Where an answer came from, for the "source" column and sentences. */
export const SOURCE_NAMES = {
  autoconfig: tx('provider\'s automatic configuration', 'automatyczna konfiguracja dostawcy'),
  ispdb: tx('Thunderbird ISPDB', 'baza ISPDB Thunderbirda'),
  srv: tx('DNS SRV records', 'rekordy SRV w DNS'),
  'mx-provider': tx('MX provider (ISPDB)', 'dostawca MX (ISPDB)'),
  guess: tx('guess confirmed by connecting', 'odgadnięte i potwierdzone połączeniem'),
  given: tx('your settings', 'Twoje ustawienia'),
} as const;

export const SOCKET_NAMES = {
  SSL: tx('SSL/TLS', 'SSL/TLS'),
  STARTTLS: tx('STARTTLS', 'STARTTLS'),
  plain: tx('none (unencrypted)', 'brak (bez szyfrowania)'),
} as const;
