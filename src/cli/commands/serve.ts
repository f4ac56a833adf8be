import { EXIT, type Text } from '../../core/finding.js';
import { WatchConfigError } from '../../watch/config.js';
import { customDnsblList } from '../../doctor/checks/domain.js';
import { createMailmedicServer } from '../../serve/server.js';
import { isLoopbackBind } from '../../serve/security.js';
import { durationOption, InputError, numberOption, parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import type { Command } from './index.js';

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  'allow-private': { type: 'boolean' },
  'probes-per-minute': { type: 'string' },
  resolver: { type: 'string' },
  // The old name of --resolver, still accepted (not shown in the help).
  dns: { type: 'string' },
  dnsbl: { type: 'string', multiple: true },
  ca: { type: 'string' },
  timeout: { type: 'string' },
  budget: { type: 'string' },
  token: { type: 'string' },
  'allowed-host': { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
  watch: { type: 'string' },
  'watch-db': { type: 'string' },
  'stream-db': { type: 'string' },
} as const;

/** A token that fits a cookie and a header unchanged, long enough not to be guessed. */
const TOKEN_RE = /^[\w-]{16,200}$/;

export const command: Command = {
  describe: { en: 'web app and JSON API on http://127.0.0.1:8025', pl: 'aplikacja w przeglądarce i API JSON pod http://127.0.0.1:8025' },
  usage: {
    en: `Usage: mailmedic serve [--host 127.0.0.1] [--port 8025] [--watch watch.yaml] [--stream-db postgres://…] [options]

Starts the web app (explain an error or bounce, check a domain, test a server, find settings, read a log,
a mail queue listing or a message's headers, the doctor step by step) and its JSON API (/openapi.json).
No configuration needed.

  --host ADDR             address to listen on (default 127.0.0.1; anything else exposes the app)
  --port N                port (default 8025; 0 = any free port)
  --allow-private         when exposed, still allow tests of private/loopback/link-local targets and any port
  --probes-per-minute N   server tests per client per minute (default 10 when exposed, 120 on loopback)
  --resolver HOST:PORT    DNS server for all checks   --ca FILE   trust this CA for TLS tests
  --dnsbl ZONE            ask this blocklist zone instead of the default set (repeatable)
  --timeout TIME          per network operation (10s; a bare number is ms)       --quiet     no request log on stderr
  --budget TIME           time for one request's work (default 90s; a bare number is ms); it also stops when the browser leaves
  --token TOKEN           require this token (default: a random one when --host is not loopback, printed
                          in the link to open; API clients send "Authorization: Bearer TOKEN")
  --allowed-host NAME     also answer to this Host name (e.g. a reverse proxy's); repeatable
  --watch FILE            add the monitoring dashboard (/watch) for this watch list of \`mailmedic watch\`: each
                          item's state and history, the alerts (acknowledge them), mutes, and the list to edit
  --watch-db FILE|URL     the watch history: a SQLite file (default: the list's name with .db, next to it) or a
                          PostgreSQL URL, postgres://user@host/db — the database \`watch\` writes to
  --stream-db URL         add the results of \`mailmedic worker\` (/stream, and /api/stream/* in the API): the
                          suppression list (and its CSV), each server's traffic over time, the problems found in
                          the logs, a message's story, a recipient's bounces — read from this PostgreSQL database

The server answers only to its own address and loopback names (no DNS rebinding), refuses cross-site
requests, and reachable from the network it requires the token.`,
    pl: `Użycie: mailmedic serve [--host 127.0.0.1] [--port 8025] [--watch watch.yaml] [--stream-db postgres://…] [opcje]

Uruchamia aplikację w przeglądarce (wyjaśnienie błędu lub zwrotu, sprawdzenie domeny, test serwera,
ustawienia, analiza logu, wykazu kolejki lub nagłówków wiadomości, diagnoza krok po kroku) i jej API JSON
(/openapi.json). Bez konfiguracji.

  --host ADRES            adres nasłuchu (domyślnie 127.0.0.1; każdy inny wystawia aplikację na zewnątrz)
  --port N                port (domyślnie 8025; 0 = dowolny wolny)
  --allow-private         przy wystawieniu: zezwól na testy adresów prywatnych/loopback/link-local i dowolnych portów
  --probes-per-minute N   testy serwerów na klienta na minutę (domyślnie 10 przy wystawieniu, 120 lokalnie)
  --resolver HOST:PORT    serwer DNS dla wszystkich testów   --ca PLIK   zaufany urząd certyfikacji dla TLS
  --dnsbl STREFA          pytaj tę czarną listę (DNSBL) zamiast domyślnych (można powtórzyć)
  --timeout CZAS          limit czasu operacji sieciowej (10s; sama liczba to ms)     --quiet     bez logu żądań na stderr
  --budget CZAS           czas na obsługę jednego żądania (domyślnie 90s; sama liczba to ms); praca kończy się też, gdy przeglądarka odejdzie
  --token TOKEN           wymagaj tego tokenu (domyślnie losowy, gdy --host nie jest adresem lokalnym; jest w wypisanym
                          linku; klienci API wysyłają „Authorization: Bearer TOKEN”)
  --allowed-host NAZWA    odpowiadaj też pod tą nazwą hosta (np. odwrotnego proxy); można powtórzyć
  --watch PLIK            dodaj panel monitorowania (/watch) dla tej listy obserwowanych \`mailmedic watch\`: stan
                          i historia każdego elementu, powiadomienia (z potwierdzaniem), wyciszenia i edycja listy
  --watch-db PLIK|URL     historia obserwacji: plik SQLite (domyślnie nazwa listy z .db, obok niej) albo adres
                          PostgreSQL, postgres://użytkownik@host/baza — ta sama baza, do której pisze \`watch\`
  --stream-db URL         dodaj wyniki \`mailmedic worker\` (/stream oraz /api/stream/* w API): listę blokad wysyłki
                          (także jako CSV), ruch każdego serwera w czasie, problemy znalezione w logach, historię
                          wiadomości i zwroty odbiorcy — odczytywane z tej bazy PostgreSQL

Serwer odpowiada tylko pod własnym adresem i nazwami lokalnymi (ochrona przed DNS rebinding), odrzuca żądania
z innych stron, a dostępny z sieci wymaga tokenu.`,
  },
  async run(argv) {
    const { values: v, common } = parseCommand(argv, OPTIONS);
    const host = typeof v.host === 'string' ? v.host : '127.0.0.1';
    if (typeof v.token === 'string' && !TOKEN_RE.test(v.token)) throw new UsageError(USAGE_TEXTS.serveBadToken, {});
    const port = numberOption('port', v.port, 8025, 0, 65535);
    if (typeof v['watch-db'] === 'string' && typeof v.watch !== 'string') throw new UsageError(USAGE_TEXTS.serveWatchDbAlone, {});
    // Checked before anything listens; `pg` (behind db-option) is loaded only when the option is given.
    const streamDb = typeof v['stream-db'] === 'string' ? (await import('../db-option.js')).postgresUrlOption(v['stream-db'], '--stream-db') : undefined;
    const app = createMailmedicServer({
      host, port,
      allowPrivate: Boolean(v['allow-private']),
      ...(v['probes-per-minute'] !== undefined ? { probesPerMinute: numberOption('probes-per-minute', v['probes-per-minute'], 10, 1, 10_000) } : {}),
      ...(typeof (v.resolver ?? v.dns) === 'string' ? { dnsServer: String(v.resolver ?? v.dns) } : {}),
      ...(typeof v.ca === 'string' ? { caFile: v.ca } : {}),
      ...(Array.isArray(v.dnsbl) ? { dnsblLists: v.dnsbl.map((z) => customDnsblList(String(z))) } : {}),
      ...(v.timeout !== undefined ? { timeoutMs: durationOption('timeout', v.timeout, 10_000, 'ms', 1, 600_000) } : {}),
      ...(v.budget !== undefined ? { budgetMs: durationOption('budget', v.budget, 90_000, 'ms', 100, 3_600_000) } : {}),
      ...(typeof v.token === 'string' ? { token: v.token } : {}),
      ...(Array.isArray(v['allowed-host']) ? { allowedHosts: v['allowed-host'].map(String) } : {}),
      ...(v.quiet ? {} : { log: (l: string) => process.stderr.write(l + '\n') }),
      ...(typeof v.watch === 'string' ? { watch: { list: v.watch, ...(typeof v['watch-db'] === 'string' ? { db: v['watch-db'] } : {}) } } : {}),
      ...(streamDb ? { streamDb } : {}),
    });
    const pl = common.lang === 'pl';
    let running;
    try {
      running = await app.listen();
    } catch (e) {
      // The watch list's own errors are bilingual already, the key at fault named (as `watch` says them).
      if (e instanceof WatchConfigError) { const text = e.text; throw new InputError(text, EXIT.dataError); }
      // The results database is there but not usable yet (no tables, or a schema of another version): one sentence.
      if (e instanceof Error && e.name === 'StreamSchemaError') { const text = (e as Error & { text: Text }).text; throw new InputError(text, EXIT.unavailable); }
      throw e;
    }
    process.stdout.write(`mailmedic serve: ${running.url}/${running.token ? `?token=${running.token}` : ''}\n`);
    if (typeof v.watch === 'string') process.stdout.write(`mailmedic serve: ${pl ? 'panel monitorowania' : 'monitoring dashboard'} ${running.url}/watch\n`);
    if (streamDb) process.stdout.write(`mailmedic serve: ${pl ? 'zwroty i logi' : 'bounces and logs'} ${running.url}/stream\n`);
    if (!isLoopbackBind(host)) {
      process.stderr.write(pl
        ? `Uwaga: aplikacja jest dostępna z sieci (${host}). Otwórz ją linkiem z ?token=… podanym wyżej (zamiast ${running.url} wpisz adres tego komputera); bez tokenu odpowiada 401. ${v['allow-private'] ? 'Testy adresów prywatnych są DOZWOLONE (--allow-private).' : 'Testy adresów prywatnych i portów innych niż pocztowe są blokowane.'}\n`
        : `Note: the app is reachable from the network (${host}). Open it with the ?token=… link above (with this machine's address in place of ${running.url}); without the token it answers 401. ${v['allow-private'] ? 'Tests of private targets are ALLOWED (--allow-private).' : 'Tests of private targets and non-mail ports are refused.'}\n`);
    }
    await new Promise<void>((resolve) => {
      const stop = () => { void running.close().then(resolve); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
