import { makeReport } from '../../core/finding.js';
import { checkDomain } from '../../domain/index.js';
import { loadDnsblLists } from '../../domain/cli-shared.js';
import { parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS, whyUnreadable } from '../usage-texts.js';
import { DNS_OPTIONS, dnsFromOptions } from '../dns-flags.js';
import { emit } from '../output.js';
import type { Command } from './index.js';

export const command: Command = {
  describe: {
    en: 'check the mail DNS of a domain: MX, SPF, DKIM, DMARC, reverse DNS, blocklists, MTA-STS, TLS-RPT, DNSSEC',
    pl: 'sprawdza rekordy DNS domeny ważne dla poczty: MX, SPF, DKIM, DMARC, odwrotny DNS, czarne listy, MTA-STS, TLS-RPT, DNSSEC',
  },
  usage: {
    en: `mailmedic domain <domain> [--ip <addr>]… [--dkim-selector <s>]… [--resolver ip[:port]] [--timeout ms] [--retries n] [--trace]

Checks everything in DNS that decides whether mail to and from the domain works, and says what to fix.
  --ip <addr>             a server that sends the domain's mail: SPF verdict, reverse DNS, blocklists (repeatable)
  --dkim-selector <s>     DKIM selector to check (repeatable; default: probe common selectors)
  --resolver ip[:port]    DNS server to ask (default: the first nameserver in /etc/resolv.conf); no other is ever asked
  --timeout <ms>          per-query timeout (default 2000)      --retries <n>   retries after a timeout (default 1)
  --trace                 print every DNS query with its answer and time (to standard error)
  --dnsbl-lists <file>    blocklist set as JSON instead of the built-in one
  --no-fetch              do not fetch the MTA-STS policy over HTTPS`,
    pl: `mailmedic domain <domena> [--ip <adres>]… [--dkim-selector <s>]… [--resolver ip[:port]] [--timeout ms] [--retries n] [--trace]

Sprawdza wszystko w DNS, od czego zależy, czy poczta do domeny i z niej działa, i mówi, co poprawić.
  --ip <adres>            serwer wysyłający pocztę domeny: wynik SPF, odwrotny DNS, czarne listy (można powtarzać)
  --dkim-selector <s>     selektor DKIM do sprawdzenia (można powtarzać; domyślnie typowe selektory)
  --resolver ip[:port]    serwer DNS do odpytania (domyślnie pierwszy nameserver z /etc/resolv.conf); żaden inny nie jest pytany
  --timeout <ms>          limit czasu zapytania (domyślnie 2000)   --retries <n>   powtórzenia po przekroczeniu czasu (domyślnie 1)
  --trace                 wypisuje każde zapytanie DNS z odpowiedzią i czasem (na standardowe wyjście błędów)
  --dnsbl-lists <plik>    zestaw czarnych list w JSON zamiast wbudowanego
  --no-fetch              nie pobiera polityki MTA-STS przez HTTPS`,
  },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, {
      ip: { type: 'string', multiple: true },
      'dkim-selector': { type: 'string', multiple: true },
      ...DNS_OPTIONS,
      'dnsbl-lists': { type: 'string' },
      'no-fetch': { type: 'boolean' },
    });
    if (positionals.length !== 1) throw new UsageError(USAGE_TEXTS.oneDomain);
    const dns = dnsFromOptions(v);
    let lists;
    if (typeof v['dnsbl-lists'] === 'string') {
      const path = v['dnsbl-lists'];
      try { lists = loadDnsblLists(path); } catch (e) {
        // Told apart by kind, not by wording: a system error has a code, bad JSON is a SyntaxError, the rest is the shape check.
        const text = (e as NodeJS.ErrnoException).code ? USAGE_TEXTS.dnsblListsUnreadable : e instanceof SyntaxError ? USAGE_TEXTS.dnsblListsNotJson : USAGE_TEXTS.dnsblListsShape;
        throw new UsageError(text, { path, why: whyUnreadable(e) }, e);
      }
    }
    const strs = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    const res = await checkDomain(positionals[0]!, {
      dns, ips: strs(v.ip), dkimSelectors: strs(v['dkim-selector']),
      ...(lists ? { dnsblLists: lists } : {}), ...(v['no-fetch'] ? { fetch: false as const } : {}),
    });
    const data = { ...res.data, resolver: dns.server, ...(v.trace ? { trace: dns.trace } : {}) };
    return emit(makeReport('domain', res.domain, res.findings, { tables: res.tables, data }), common);
  },
};
