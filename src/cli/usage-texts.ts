/**
 * Every usage and input error the command line prints, in English and Polish, as data. `{name}` placeholders
 * are filled with values (option names, what the user typed), which are never translated; a placeholder may
 * also be filled with a Text (e.g. {why}), and then each language gets its own.
 *
 * Where the error comes from Node (parseArgs) or another module (DNS client, log times, doctor answers), the
 * English printed is that error's own message, exactly as before (scripts and logs may match it); the `en` here
 * is its gist, for translators, and only the Polish is printed from this table. Such entries are marked "wraps".
 */
import type { Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';

export const USAGE_TEXTS = {
  // --- Node's parseArgs, recognised by error code (wraps) ---
  optionUnknown: tx('unknown option {option}',
    'nieznana opcja {option}. Jeśli to tekst zaczynający się od „-”, podaj go na końcu polecenia po „--”, np. -- "{option}"'),
  optionMissingValue: tx('option {option} needs a value', 'opcja {option} wymaga wartości'),
  optionTakesNoValue: tx('option {option} does not take a value', 'opcja {option} nie przyjmuje wartości'),
  optionAmbiguous: tx('the value "{value}" of {option} looks like another option',
    'niejednoznaczna wartość opcji {option}: „{value}” wygląda jak kolejna opcja. Jeśli to wartość, napisz {option}={value}'),
  argumentUnexpected: tx('unexpected argument {argument}', 'nieoczekiwany argument {argument}'),
  optionsInvalid: tx('the options are not valid', 'nieprawidłowe opcje polecenia'),

  // --- options every command takes ---
  unknownLanguage: tx('unknown language "{lang}" (use pl or en)', 'nieznany język „{lang}” (użyj pl albo en)'), // wraps detectLang
  unknownFormat: tx('unknown format "{format}"', 'nieznany format „{format}” (dostępne: terminal, json, markdown, html, csv)'),
  oneFormat: tx('choose one of {options}', 'wybierz tylko jedną z opcji: {options}'),
  numberRange: tx('--{name} must be a number from {min} to {max}', '--{name} musi być liczbą od {min} do {max}'),
  durationRange: tx('--{name} must be a duration from {min} to {max}, such as 500ms, 5s, 2m or 1h (a bare number is in {unit})',
    '--{name} musi być czasem od {min} do {max}, np. 500ms, 5s, 2m albo 1h (sama liczba to {unit})'),
  sizeRange: tx('--{name} must be a size from {min} to {max}, such as 512k, 10M or 1G (a bare number is in bytes)',
    '--{name} musi być rozmiarem od {min} do {max}, np. 512k, 10M albo 1G (sama liczba to bajty)'),
  badResolver: tx('resolver "{value}" is not an IP address with an optional :port', // wraps the DNS client's RangeError
    'serwer DNS „{value}” musi być adresem IP z opcjonalnym portem (ip[:port] albo [ipv6]:port, port 1–65535)'),
  unknownCommand: tx('unknown command "{name}"', 'nieznane polecenie „{name}”'),
  noSuchFile: tx('no such file: {path}', 'nie ma takiego pliku: {path}'), // wraps Node's ENOENT

  // --- why a file cannot be read (filled into {why}) ---

  // --- explain ---
  explainDomain: tx('--domain: "{value}" is not a domain name', '--domain: „{value}” nie jest nazwą domeny'),
  explainIp: tx('--ip: "{value}" is not an IP address', '--ip: „{value}” nie jest adresem IP'),
  explainTextAndFile: tx('give either text or --file, not both', 'podaj tekst albo --file, nie jedno i drugie'),
  explainNoInput: tx('give the text to explain (as arguments, --file FILE, or on standard input)',
    'podaj tekst do wyjaśnienia (jako argumenty, przez --file PLIK albo na standardowym wejściu)'),
  explainEmptyText: tx('nothing to explain: the text is empty', 'nie ma czego wyjaśniać: tekst jest pusty'),
  explainEmptyStdin: tx('nothing to explain: standard input is empty', 'nie ma czego wyjaśniać: wejście standardowe jest puste'),
  explainEmptyFile: tx('nothing to explain: {file} is empty', 'nie ma czego wyjaśniać: plik {file} jest pusty'),
  explainTooBig: tx('{file} is over {max} MiB, the limit of explain: give the lines with the error (for a whole mail log use "mailmedic logs", for bounces "mailmedic bounce")',
    '{file} ma ponad {max} MiB, limit polecenia explain: podaj wiersze z błędem (cały log poczty czyta „mailmedic logs”, zwroty „mailmedic bounce”)'),
  explainNotText: tx('{file} is not text (an image, a program or an archive): copy the error message as text and give that',
    '{file} to nie tekst (obraz, program albo archiwum): skopiuj komunikat błędu jako tekst i podaj go'),
  cannotConnect: tx('cannot connect to {where}: {why}', 'nie można połączyć się z {where}: {why}'),
  cannotRead: tx('cannot read {path}: {why}', 'nie można odczytać {path}: {why}'),
  trustAnchorBad: tx('--trust-anchor {path}: {why} (expected DS records: "zone. IN DS tag algorithm digest-type hex")',
    '--trust-anchor {path}: {why} (oczekiwane rekordy DS: „strefa. IN DS znacznik algorytm typ-skrótu hex”)'),
  emptyStdin: tx('nothing to read: standard input is empty', 'nie ma czego czytać: wejście standardowe jest puste'),
  emptyFile: tx('nothing to read: {path} is empty', 'nie ma czego czytać: plik {path} jest pusty'),

  // --- queue ---
  queueOneInput: tx('give at most one listing file (or "-"); without one the live queue of this machine is read',
    'podaj najwyżej jeden plik z listą kolejki (albo „-”); bez niego czytana jest kolejka tego komputera'),
  shipWhat: tx('say what to ship: mailmedic ship bounce, or mailmedic ship logs FILE…', 'podaj, co wysłać: mailmedic ship bounce albo mailmedic ship logs PLIK…'),
  shipLogsFiles: tx('name the log files to follow: mailmedic ship logs /var/log/mail.log …', 'podaj pliki dziennika do śledzenia: mailmedic ship logs /var/log/mail.log …'),
  shipLogsStdin: tx('ship logs follows files (rotation included); standard input cannot be followed', 'ship logs śledzi pliki (także po rotacji); standardowego wejścia nie da się śledzić'),
  workerWhat: tx('say which worker: mailmedic worker bounces|logs --db postgres://…', 'podaj, który pracownik: mailmedic worker bounces|logs --db postgres://…'),
  workerDb: tx('--db postgres://… is needed: the database the results go to (or set MAILMEDIC_DB)', 'potrzebne jest --db postgres://…: baza, do której trafiają wyniki (albo zmienna MAILMEDIC_DB)'),
  workerOnlyFor: tx('{option} is for {kind} workers', '{option} dotyczy tylko pracowników {kind}'),
  workerMetrics: tx('--metrics wants HOST:PORT, e.g. 127.0.0.1:9464', '--metrics wymaga HOST:PORT, np. 127.0.0.1:9464'),
  queryWhat: tx('say what to ask: mailmedic query suppression|hosts|problems|message|bounces --db postgres://…', 'podaj, o co zapytać: mailmedic query suppression|hosts|problems|message|bounces --db postgres://…'),
  queryMessageId: tx('say which message: mailmedic query message QUEUEID or MESSAGE-ID', 'podaj, która wiadomość: mailmedic query message IDENTYFIKATOR-KOLEJKI albo MESSAGE-ID'),
  queryRecipient: tx('--recipient ADDRESS is needed: whose bounces to list', 'potrzebne jest --recipient ADRES: czyje zwroty wypisać'),
  queryBy: tx('--by: "{value}" is not hour or day', '--by: „{value}” to nie hour ani day'),
  queueMta: tx('--mta: "{value}" is not one of postfix, exim, sendmail', '--mta: „{value}” nie jest jednym z: postfix, exim, sendmail'),
  queueMaxAge: tx('--max-age: "{value}" is not a duration such as 5d, 36h or 90m', '--max-age: „{value}” nie jest czasem trwania, np. 5d, 36h albo 90m'),
  queueNoMta: tx('no mail queue command (postqueue, exim, mailq) was found on this machine: give a saved listing instead (postqueue -j > q.json, exim -bp > q.txt, mailq > q.txt)',
    'na tym komputerze nie ma polecenia kolejki poczty (postqueue, exim, mailq): podaj zapisaną listę (postqueue -j > q.json, exim -bp > q.txt, mailq > q.txt)'),
  queueLiveFailed: tx('cannot read the live queue with {command}: {why}', 'nie można odczytać kolejki poleceniem {command}: {why}'),

  // --- bounce ---
  bounceNoInput: tx('give at least one file, directory, glob or "-"', 'podaj co najmniej jeden plik, katalog, wzorzec (glob) albo „-”'),
  bounceTooManyForDocument: tx('more than {max} messages for one --{format} document: use --jsonl (one line per message) or --csv (one row per recipient), which are written as the messages are read',
    'ponad {max} wiadomości na jeden dokument --{format}: użyj --jsonl (wiersz na wiadomość) albo --csv (wiersz na odbiorcę), które są wypisywane w trakcie czytania'),

  // --- domain, spf ---
  oneDomain: tx('give exactly one domain', 'podaj dokładnie jedną domenę'),
  domainNoInput: tx('give a domain (or several, or --file with one per line, or "-" to read them from standard input)',
    'podaj domenę (albo kilka, albo --file z jedną domeną w wierszu, albo „-”, by czytać je z wejścia standardowego)'),
  dnsblListsNotJson: tx('{path} is not valid JSON', 'plik {path} nie zawiera poprawnego JSON'),
  dnsblListsShape: tx('{path}: expected a JSON array of blocklists, each with zone, kind ("ip" or "domain"), testEntry and codes', // wraps loadDnsblLists
    '{path}: oczekiwano tablicy JSON z czarnymi listami; każda musi mieć zone, kind („ip” albo „domain”), testEntry i codes'),

  // --- probe ---
  probeProtocol: tx('the first argument must be smtp, imap or pop3', 'pierwszym argumentem musi być smtp, imap albo pop3'),
  probeNoHost: tx('give the server name to test', 'podaj nazwę serwera do sprawdzenia'),
  serveWatchDbAlone: tx('--watch-db names the database of a watch list: give the list too, --watch watch.yaml', '--watch-db wskazuje bazę listy obserwowanych: podaj też samą listę, --watch watch.yaml'),
  serveBadToken: tx('--token must be 16 to 200 letters, digits, "-" or "_"', '--token musi mieć od 16 do 200 znaków: litery, cyfry, „-” lub „_”'),
  probeTls: tx('--tls must be implicit, starttls, none or auto', '--tls musi mieć wartość implicit, starttls, none albo auto'),
  probeAuth: tx('--auth must be PLAIN, LOGIN or CRAM-MD5', '--auth musi mieć wartość PLAIN, LOGIN albo CRAM-MD5'),
  probeEnvUnset: tx('environment variable {name} is not set', 'zmienna środowiskowa {name} nie jest ustawiona'),
  probeEmptyPassword: tx('the password is empty', 'hasło jest puste'),
  probeNoTerminal: tx('no terminal to ask for the password: use --password-env VAR or --password-stdin',
    'brak terminala, w którym można zapytać o hasło: użyj --password-env ZMIENNA albo --password-stdin'),
  probeCancelled: tx('cancelled', 'przerwano'),
  probeHostSpec: tx('use host, host:port or host:port:tls (got "{value}")', 'podaj serwer, serwer:port albo serwer:port:tls (podano „{value}”)'),
  probeHostName: tx('not a host name: {value}', 'to nie jest nazwa serwera: {value}'),
  probeTooMany: tx('at most {max} host/port pairs at once', 'najwyżej {max} par serwer/port naraz'),
  probeSendNeeds: tx('--send needs --from and --to', '--send wymaga --from i --to'),

  // --- settings (one English text, two Polish ones: nothing given / too much given) ---
  settingsNoAddress: tx('give one e-mail address', 'brak adresu: użyj mailmedic settings <adres>'),
  settingsOneAddress: tx('give one e-mail address', 'podaj tylko jeden adres e-mail'),
  settingsGiven: tx('--{protocol} must be host:port:tls with tls = ssl, starttls or none (got "{value}")',
    '--{protocol} musi mieć postać serwer:port:tls, gdzie tls to ssl, starttls albo none (podano „{value}”)'),

  // --- logs ---
  logsNoInput: tx('give a log file or folder (or pipe a log into standard input)',
    'podaj plik albo katalog z logami (albo przekaż log na standardowe wejście)'),
  logsBadTime: tx('cannot read the time "{value}" (use 2026-11-23 14:05, 14:05 or -2h)', // wraps parseLogTime
    'nie można odczytać czasu „{value}” (użyj np. 2026-11-23 14:05, 14:05 albo -2h)'),
  logsBadZone: tx('unknown time zone "{value}" (use a zone name such as Europe/Warsaw, or a whole-hour offset such as +01:00)',
    'nieznana strefa czasowa „{value}” (użyj nazwy strefy, np. Europe/Warsaw, albo przesunięcia o pełne godziny, np. +01:00)'),
  logsTraceNeeds: tx('trace needs --to, --from, --id, --since or --until', 'trace wymaga --to, --from, --id, --since albo --until'),
  logsFollowOne: tx('follow needs exactly one log file', 'follow wymaga dokładnie jednego pliku logu'),
  logsWebhook: tx('--webhook must be an http:// or https:// URL', '--webhook musi być adresem URL zaczynającym się od http:// albo https://'),
  logsUnknownSub: tx('unknown logs command "{sub}"', 'nieznane polecenie logs „{sub}” (dostępne: trace, summary, problems, follow)'),
  logsNoSub: tx('say which: trace, summary, problems or follow', 'podaj, co zrobić: trace, summary, problems albo follow'),

  // --- message ---
  messageOneFile: tx('give one message file, or "-" for standard input', 'podaj jeden plik z wiadomością albo „-” dla standardowego wejścia'),
  messageVerifyOnly: tx('--resolver, --ip and --dnsbl go with --verify', '--resolver, --ip i --dnsbl działają tylko razem z --verify'),
  messageDnsbl: tx('--dnsbl "{zone}" is not a DNS zone name', '--dnsbl: „{zone}” nie jest nazwą strefy DNS'),
  messageIp: tx('--ip "{value}" is not an IP address', '--ip: „{value}” nie jest adresem IP'),
  messageDirectory: tx('{file} is a directory; give one message file', '{file} to katalog; podaj jeden plik z wiadomością'),
  messageTooBig: tx('standard input is over {limit} bytes: give at most {max} bytes (the headers are enough)',
    'standardowe wejście ma ponad {limit} bajtów: podaj najwyżej {max} bajtów (wystarczą nagłówki)'),

  // --- watch ---
  watchSubcommand: tx('give what to do: mailmedic watch run|daemon|report --config watch.yaml, or watch mute|unmute ITEM --config watch.yaml', 'podaj, co zrobić: mailmedic watch run|daemon|report --config watch.yaml albo watch mute|unmute ELEMENT --config watch.yaml'),
  watchSince: tx('--{name}: "{value}" is not a duration such as 7d, 36h or 90m', '--{name}: „{value}” nie jest czasem trwania, np. 7d, 36h albo 90m'),
  badDbUrl: tx('{option}: "{value}" is not a PostgreSQL URL such as postgres://user@host:5432/database', '{option}: „{value}” nie jest adresem PostgreSQL, np. postgres://użytkownik@host:5432/baza'),
  watchNoConfig: tx('give the watch list: --config watch.yaml', 'podaj listę obserwowanych: --config watch.yaml'),

  // --- doctor ---
  doctorUnknownCase: tx('unknown case "{id}" (use --list-cases)', 'nieznany przypadek „{id}” (listę pokazuje --list-cases)'),
  doctorNoCase: tx('choose a case with --case (or run on a terminal to be asked)', 'wybierz przypadek opcją --case (albo uruchom w terminalu, a program zapyta)'),
} as const satisfies Record<string, Text>;

export type UsageTextId = keyof typeof USAGE_TEXTS;
export type { TextParams } from '../i18n/text.js';

export { whyUnreadable } from '../core/unreadable.js';
