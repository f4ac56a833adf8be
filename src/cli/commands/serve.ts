import { EXIT } from '../../core/finding.js';
import { customDnsblList } from '../../doctor/checks/domain.js';
import { createMailmedicServer } from '../../serve/server.js';
import { isLoopbackBind } from '../../serve/security.js';
import { numberOption, parseCommand } from '../args.js';
import type { Command } from './index.js';

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  'allow-private': { type: 'boolean' },
  'probes-per-minute': { type: 'string' },
  dns: { type: 'string' },
  dnsbl: { type: 'string', multiple: true },
  ca: { type: 'string' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

export const command: Command = {
  describe: { en: 'web app and JSON API on http://127.0.0.1:8025', pl: 'aplikacja w przeglądarce i API JSON pod http://127.0.0.1:8025' },
  usage: {
    en: `Usage: mailmedic serve [--host 127.0.0.1] [--port 8025] [options]

Starts the web app (explain an error or bounce, check a domain, test a server, find settings, read a log,
the doctor step by step) and its JSON API (/openapi.json). No configuration needed.

  --host ADDR             address to listen on (default 127.0.0.1; anything else exposes the app)
  --port N                port (default 8025; 0 = any free port)
  --allow-private         when exposed, still allow tests of private/loopback/link-local targets and any port
  --probes-per-minute N   server tests per client per minute (default 10 when exposed, 120 on loopback)
  --dns HOST:PORT         DNS server for all checks   --ca FILE   trust this CA for TLS tests
  --dnsbl ZONE            ask this blocklist zone instead of the default set (repeatable)
  --timeout MS            per network operation       --quiet     no request log on stderr`,
    pl: `Użycie: mailmedic serve [--host 127.0.0.1] [--port 8025] [opcje]

Uruchamia aplikację w przeglądarce (wyjaśnienie błędu lub zwrotu, sprawdzenie domeny, test serwera,
ustawienia, analiza logu, diagnoza krok po kroku) i jej API JSON (/openapi.json). Bez konfiguracji.

  --host ADRES            adres nasłuchu (domyślnie 127.0.0.1; każdy inny wystawia aplikację na zewnątrz)
  --port N                port (domyślnie 8025; 0 = dowolny wolny)
  --allow-private         przy wystawieniu: zezwól na testy adresów prywatnych/loopback/link-local i dowolnych portów
  --probes-per-minute N   testy serwerów na klienta na minutę (domyślnie 10 przy wystawieniu, 120 lokalnie)
  --dns HOST:PORT         serwer DNS dla wszystkich testów   --ca PLIK   zaufany urząd certyfikacji dla TLS
  --dnsbl STREFA          pytaj tę czarną listę (DNSBL) zamiast domyślnych (można powtórzyć)
  --timeout MS            limit czasu operacji sieciowej     --quiet     bez logu żądań na stderr`,
  },
  async run(argv) {
    const { values: v, common } = parseCommand(argv, OPTIONS);
    const host = typeof v.host === 'string' ? v.host : '127.0.0.1';
    const port = numberOption('port', v.port, 8025, 0, 65535);
    const app = createMailmedicServer({
      host, port,
      allowPrivate: Boolean(v['allow-private']),
      ...(v['probes-per-minute'] !== undefined ? { probesPerMinute: numberOption('probes-per-minute', v['probes-per-minute'], 10, 1, 10_000) } : {}),
      ...(typeof v.dns === 'string' ? { dnsServer: v.dns } : {}),
      ...(typeof v.ca === 'string' ? { caFile: v.ca } : {}),
      ...(Array.isArray(v.dnsbl) ? { dnsblLists: v.dnsbl.map((z) => customDnsblList(String(z))) } : {}),
      ...(v.timeout !== undefined ? { timeoutMs: numberOption('timeout', v.timeout, 10_000, 1, 600_000) } : {}),
      ...(v.quiet ? {} : { log: (l: string) => process.stderr.write(l + '\n') }),
    });
    const running = await app.listen();
    const pl = common.lang === 'pl';
    process.stdout.write(`mailmedic serve: ${running.url}/\n`);
    if (!isLoopbackBind(host)) {
      process.stderr.write(pl
        ? `Uwaga: aplikacja jest dostępna z sieci (${host}). ${v['allow-private'] ? 'Testy adresów prywatnych są DOZWOLONE (--allow-private).' : 'Testy adresów prywatnych i portów innych niż pocztowe są blokowane.'}\n`
        : `Note: the app is reachable from the network (${host}). ${v['allow-private'] ? 'Tests of private targets are ALLOWED (--allow-private).' : 'Tests of private targets and non-mail ports are refused.'}\n`);
    }
    await new Promise<void>((resolve) => {
      const stop = () => { void running.close().then(resolve); };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return EXIT.ok;
  },
};
