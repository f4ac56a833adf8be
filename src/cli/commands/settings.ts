import { createDnsClient } from '../../dns/index.js';
import { lookupViaDns } from '../../probe/lookup.js';
import { probeOne } from '../../probe/many.js';
import { findMailSettings, settingsReport, type GivenSetting, type SettingsDeps } from '../../settings/index.js';
import type { SettingsProtocol, SocketType } from '../../settings/clientconfig.js';
import { parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import { emit } from '../output.js';
import type { Command } from './index.js';

const OPTIONS = {
  imap: { type: 'string' },
  pop3: { type: 'string' },
  smtp: { type: 'string' },
  user: { type: 'string', short: 'u' },
  probe: { type: 'boolean' },
  'no-guess': { type: 'boolean' },
  'fetch-autoconfig': { type: 'boolean' },
  // The old name of --resolver, still accepted (not shown in the help).
  'dns-server': { type: 'string' },
  // The name `domain` and `spf` use for the same thing.
  resolver: { type: 'string' },
} as const;

const USAGE_EN = `Usage: mailmedic settings <address> [--imap host:port:tls] [--pop3 host:port:tls] [--smtp host:port:tls] [options]

Finds the right mail-program settings for an address the way mail programs do, says where each answer came
from, checks the settings you already have, and prints a table to copy into Outlook, Thunderbird or a phone.
Sources: Thunderbird's provider database (ISPDB, bundled), DNS SRV records (RFC 6186/8314), the MX host's
provider, and guesses (imap./smtp./mail.<domain>) confirmed by connecting.

  --imap/--pop3/--smtp host:port:tls   your current settings; tls is ssl, starttls or none
  -u, --user NAME          the user name your program uses (flags a login without the domain)
      --probe              also connect to your given servers and report what fails
      --no-guess           do not guess and probe imap./smtp./mail. names
      --fetch-autoconfig   also fetch the domain's own autoconfig URLs (autoconfig.<domain>, off by default)
      --resolver IP[:PORT]    DNS server to ask (default: the system's)

Example:
  mailmedic settings jan@example.com --smtp mail.example.com:465:starttls --user jan`;

const USAGE_PL = `Użycie: mailmedic settings <adres> [--imap serwer:port:tls] [--pop3 serwer:port:tls] [--smtp serwer:port:tls] [opcje]

Znajduje właściwe ustawienia programu pocztowego dla adresu tak, jak robią to programy pocztowe, podaje źródło
każdej odpowiedzi, sprawdza Twoje obecne ustawienia i wypisuje tabelę do przepisania do Outlooka, Thunderbirda
lub telefonu. Źródła: baza dostawców Thunderbirda (ISPDB, dołączona), rekordy SRV w DNS (RFC 6186/8314), dostawca
serwera MX oraz odgadnięte nazwy (imap./smtp./mail.<domena>) potwierdzone połączeniem.

  --imap/--pop3/--smtp serwer:port:tls  Twoje obecne ustawienia; tls to ssl, starttls albo none (brak szyfrowania)
  -u, --user NAZWA         nazwa użytkownika w programie pocztowym (wykrywa login bez domeny)
      --probe              połącz się też z podanymi serwerami i pokaż, co zawodzi
      --no-guess           nie zgaduj i nie sprawdzaj nazw imap./smtp./mail.
      --fetch-autoconfig   pobierz też plik automatycznej konfiguracji domeny (autoconfig.<domena>; domyślnie wyłączone)
      --resolver IP[:PORT]    serwer DNS do odpytania (domyślnie systemowy)

Przykład:
  mailmedic settings jan@example.com --smtp mail.example.com:465:starttls --user jan`;

const SOCKETS: Record<string, SocketType> = { ssl: 'SSL', tls: 'SSL', 'ssl/tls': 'SSL', implicit: 'SSL', starttls: 'STARTTLS', none: 'plain', plain: 'plain' };

/** "host:port:tls" → a given setting; a UsageError on nonsense. */
export function parseGivenSetting(protocol: SettingsProtocol, raw: string): GivenSetting {
  const m = /^([A-Za-z0-9.-]{1,253}):(\d{1,5}):([A-Za-z/]{1,10})$/.exec(raw.trim());
  const socket = m ? SOCKETS[m[3]!.toLowerCase()] : undefined;
  const port = m ? Number(m[2]) : 0;
  if (!m || !socket || port < 1 || port > 65535) throw new UsageError(USAGE_TEXTS.settingsGiven, { protocol, value: raw });
  return { protocol, host: m[1]!, port, socket };
}

/** Fetch a URL with a short timeout; undefined on any failure. Used only with --fetch-autoconfig. */
export async function fetchText(url: string): Promise<string | undefined> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000), redirect: 'follow' });
    if (!r.ok || !r.body) return undefined;
    // Read at most 256 KiB (real files are a few KiB): a hostile server must not fill the memory within the timeout.
    const limit = 256 * 1024;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of r.body as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break;
    }
    return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
  } catch {
    return undefined;
  }
}

export const command: Command = {
  describe: {
    en: 'find the right mail-program settings for an address and check yours',
    pl: 'znajdź właściwe ustawienia programu pocztowego dla adresu i sprawdź swoje',
  },
  usage: { en: USAGE_EN, pl: USAGE_PL },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, OPTIONS);
    const address = positionals[0];
    if (!address) throw new UsageError(USAGE_TEXTS.settingsNoAddress);
    if (positionals.length > 1) throw new UsageError(USAGE_TEXTS.settingsOneAddress);
    const given: GivenSetting[] = [];
    for (const p of ['imap', 'pop3', 'smtp'] as const) if (typeof v[p] === 'string') given.push(parseGivenSetting(p, v[p] as string));
    const server = (v.resolver ?? v['dns-server']) as string | undefined;
    const dns = createDnsClient(server ? { server } : {});
    const lookup = lookupViaDns(dns);
    const deps: SettingsDeps = {
      dns,
      probe: (protocol, t) => probeOne(protocol, { host: t.host, port: t.port, tls: t.tls, timeouts: { connect: 5000, banner: 10_000, command: 10_000, tls: 10_000 } }, { lookup }),
      ...(v['fetch-autoconfig'] ? { fetchText } : {}),
    };
    const result = await findMailSettings({
      address, given, ...(v.user ? { user: v.user as string } : {}), guess: !v['no-guess'], probeGiven: Boolean(v.probe),
    }, deps);
    return emit(settingsReport(result), common);
  },
};
