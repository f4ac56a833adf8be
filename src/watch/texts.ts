/** Every text of `watch` in English and Polish, as data: watch-list errors, alerts, the pass report. */
import { tx } from '../i18n/text.js';

export const WATCH_CONFIG_TEXTS = {
  whole: tx('watch list: {why}', 'lista obserwowanych: {why}'),
  atKey: tx('watch list, key {key}: {why}', 'lista obserwowanych, klucz {key}: {why}'),
  empty: tx('the file is empty', 'plik jest pusty'),
  tooBig: tx('the file is over 4 MiB', 'plik ma ponad 4 MiB'),
  badYaml: tx('not valid YAML ({why})', 'to nie jest poprawny YAML ({why})'),
  badJson: tx('not valid JSON ({why})', 'to nie jest poprawny JSON ({why})'),
  notObject: tx('must be a map of keys and values', 'musi być mapą kluczy i wartości'),
  notList: tx('must be a list', 'musi być listą'),
  notString: tx('must be a non-empty text', 'musi być niepustym tekstem'),
  unknownKey: tx('unknown key (allowed here: {allowed})', 'nieznany klucz (dozwolone tutaj: {allowed})'),
  tooMany: tx('more than {max} entries', 'ponad {max} pozycji'),
  badValue: tx('"{value}" is not a valid value here', '„{value}” nie jest tu poprawną wartością'),
  badNumber: tx('must be a whole number from {min} to {max}', 'musi być liczbą całkowitą od {min} do {max}'),
  oneOf: tx('must be one of: {values}', 'musi być jedną z wartości: {values}'),
  badResolver: tx('"{value}" is not an IP address with an optional :port', '„{value}” nie jest adresem IP z opcjonalnym :portem'),
  badIp: tx('"{value}" is not an IP address', '„{value}” nie jest adresem IP'),
  badUrl: tx('"{value}" is not an http:// or https:// address', '„{value}” nie jest adresem http:// ani https://'),
  missing: tx('is missing', 'brakuje tej wartości'),
  passwordNeedsUser: tx('password_env is given but user is not', 'podano password_env, ale nie podano user'),
  nothingToWatch: tx('nothing to watch: give at least one of domains, ips, servers, logs',
    'nie ma czego obserwować: podaj co najmniej jedno z: domains, ips, servers, logs'),
  passwordEnvUnset: tx('environment variable {name} (password_env) is not set', 'zmienna środowiskowa {name} (password_env) nie jest ustawiona'),
};

/** How a finding's state changed since the last alert about it. */
export const ALERT_KIND_TEXTS = {
  appeared: tx('new problem', 'nowy problem'),
  worsened: tx('got worse', 'pogorszenie'),
  improved: tx('better, not yet fixed', 'poprawa, ale jeszcze nie naprawione'),
  cleared: tx('fixed', 'naprawione'),
  changed: tx('records changed', 'zmiana rekordów'),
};

export const WATCH_TEXTS = {
  alertSummary: tx('{kind}: {item} — {summary}', '{kind}: {item} — {summary}'),
  alertCleared: tx('{check} on {subject} is fine again (it was: {previous}).',
    '{check} dla {subject} znów jest w porządku (wcześniej: {previous}).'),
  changedSummary: tx('the {what} record changed: was "{before}", now "{after}".',
    'zmienił się rekord {what}: było „{before}”, jest „{after}”.'),
  changedDetail: tx('A change you did not plan is often how mail breaks: check that this edit was intended.',
    'Niezaplanowana zmiana to częsta przyczyna problemów z pocztą: sprawdź, czy ta zmiana była zamierzona.'),
  recordsOk: tx('{item}: MX, SPF and DMARC records noted for change detection.', '{item}: rekordy MX, SPF i DMARC zapisane do wykrywania zmian.'),
  certExpiring: tx('The certificate of {item} expires in {days} days.', 'Certyfikat serwera {item} wygasa za {days} dni.'),
  certExpired: tx('The certificate of {item} expired {days} days ago.', 'Certyfikat serwera {item} wygasł {days} dni temu.'),
  certOk: tx('The certificate of {item} is valid for {days} more days.', 'Certyfikat serwera {item} jest ważny jeszcze {days} dni.'),
  certAdvice: tx('Renew the certificate (e.g. certbot renew) and reload the server before it expires.',
    'Odnów certyfikat (np. certbot renew) i przeładuj serwer, zanim wygaśnie.'),
  probeFailing: tx('{item} failed {count} checks in a row.', 'Serwer {item} nie przeszedł {count} kolejnych sprawdzeń.'),
  itemOk: tx('{item}: no problems found.', '{item}: nie znaleziono problemów.'),
  itemProblems: tx('{item}: {count} problem(s) found.', '{item}: znalezione problemy: {count}.'),
  itemFailed: tx('{item} could not be checked: {why}', 'Nie udało się sprawdzić {item}: {why}'),
  logsNew: tx('{item}: {lines} new line(s) read since the last pass.', '{item}: od ostatniego przebiegu przeczytano nowe wiersze: {lines}.'),
  logsRotated: tx('{item} is shorter than at the last pass (rotated or truncated): read from its start.',
    'Plik {item} jest krótszy niż przy ostatnim przebiegu (zrotowany albo obcięty): czytany od początku.'),
  channelOk: tx('{channel}: {count} alert(s) delivered.', '{channel}: dostarczono powiadomienia ({count}).'),
  channelFailed: tx('{channel}: the alerts could not be delivered: {why}', '{channel}: nie udało się dostarczyć powiadomień: {why}'),
  channelAdvice: tx('The alerts stay in the database (table alerts, column delivery); fix the channel and check its settings in the watch list.',
    'Powiadomienia zostają w bazie (tabela alerts, kolumna delivery); napraw kanał i sprawdź jego ustawienia na liście obserwowanych.'),
  noAlerts: tx('No change since the last pass: no alerts.', 'Bez zmian od ostatniego przebiegu: brak powiadomień.'),
  mailSubject: tx('mailmedic watch: {count} alert(s), worst: {worst}', 'mailmedic watch: powiadomienia ({count}), najgorsze: {worst}'),
  mailIntro: tx('mailmedic watch found these changes in the pass of {at}:', 'mailmedic watch wykrył te zmiany w przebiegu z {at}:'),
  tableItems: tx('Watched items', 'Obserwowane elementy'),
  tableAlerts: tx('Alerts of this pass', 'Powiadomienia z tego przebiegu'),
  colItem: tx('item', 'element'),
  colKind: tx('kind', 'rodzaj'),
  colStatus: tx('status', 'stan'),
  colProblems: tx('problems', 'problemy'),
  colChange: tx('change', 'zmiana'),
  colCheck: tx('check', 'test'),
};

/** Status words for alert texts. */
export const STATUS_WORDS = {
  ok: tx('OK', 'OK'),
  info: tx('info', 'informacja'),
  unknown: tx('not checked', 'nie sprawdzono'),
  warn: tx('warning', 'ostrzeżenie'),
  error: tx('error', 'błąd'),
};
