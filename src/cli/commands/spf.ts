import { makeReport } from '../../core/finding.js';
import { checkSpf, normalizeDomainInput, spfTreeLines } from '../../domain/index.js';
import { tx } from '../../i18n/text.js';
import { parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import { DNS_OPTIONS, dnsFromOptions } from '../dns-flags.js';
import { emit } from '../output.js';
import type { Command } from './index.js';

export const command: Command = {
  describe: {
    en: 'check a domain\'s SPF record: syntax, the include tree and its 10-lookup limit; with --ip, the verdict for that server',
    pl: 'sprawdza rekord SPF domeny: składnię, drzewo include i limit 10 zapytań; z --ip wynik dla danego serwera',
  },
  usage: {
    en: `mailmedic spf <domain> [--ip <addr>]… [--helo <name>] [--sender <address>] [--resolver ip[:port]] [--timeout time] [--retries n] [--trace]

Reads the SPF record and every record it includes, counts the DNS lookups over the whole tree (limit 10),
void lookups (limit 2), loops, duplicates, and reports syntax errors with their position.
With --ip: evaluates RFC 7208 check_host() for that client: pass, fail, softfail, neutral, none, temperror
or permerror, and which mechanism matched.
  --ip <addr>           client IP to evaluate (repeatable)
  --helo <name>         HELO/EHLO name (for %{h}; and the domain checked when the sender is empty)
  --sender <address>    MAIL FROM address (default postmaster@<domain>); for the macros %{s} %{l} %{o}`,
    pl: `mailmedic spf <domena> [--ip <adres>]… [--helo <nazwa>] [--sender <adres>] [--resolver ip[:port]] [--timeout czas] [--retries n] [--trace]

Czyta rekord SPF i wszystkie dołączane rekordy, liczy zapytania DNS w całym drzewie (limit 10), puste
odpowiedzi (limit 2), pętle, duplikaty i pokazuje błędy składni z ich pozycją.
Z --ip: wykonuje check_host() z RFC 7208 dla tego klienta: pass, fail, softfail, neutral, none, temperror
albo permerror, i podaje, który mechanizm zadecydował.
  --ip <adres>          adres IP klienta do sprawdzenia (można powtarzać)
  --helo <nazwa>        nazwa HELO/EHLO (dla %{h}; i domena sprawdzana przy pustym nadawcy)
  --sender <adres>      adres MAIL FROM (domyślnie postmaster@<domena>); dla makr %{s} %{l} %{o}`,
  },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, {
      ip: { type: 'string', multiple: true },
      helo: { type: 'string' },
      sender: { type: 'string' },
      ...DNS_OPTIONS,
    });
    if (positionals.length !== 1) throw new UsageError(USAGE_TEXTS.oneDomain);
    const dns = dnsFromOptions(v);
    const norm = normalizeDomainInput(positionals[0]!);
    if (!norm.ok) return emit(makeReport('spf', positionals[0]!, norm.findings), common);
    const ips = Array.isArray(v.ip) ? v.ip.filter((s): s is string => typeof s === 'string') : [];
    const res = await checkSpf(dns, norm.domain, {
      ips, ...(typeof v.helo === 'string' ? { helo: v.helo } : {}), ...(typeof v.sender === 'string' ? { sender: v.sender } : {}),
    });
    const lines = spfTreeLines(res.tree);
    const tables = [{
      id: 'spf-tree', title: tx(`SPF tree (${res.tree.lookupCount}/10 DNS lookups, ${res.tree.voidCount}/2 void)`, `Drzewo SPF (${res.tree.lookupCount}/10 zapytań DNS, ${res.tree.voidCount}/2 pustych)`),
      columns: [tx('Term', 'Element'), tx('Domain', 'Domena'), tx('Status', 'Stan'), tx('Lookups', 'Zapytania')],
      rows: lines.map((l) => [`${'  '.repeat(l.indent)}${l.term}`, l.domain, l.status, String(l.lookups)]),
    }];
    const data = {
      domain: norm.domain, record: res.tree.root.record, lookups: res.tree.lookupCount, voidLookups: res.tree.voidCount, tree: lines,
      evaluations: res.evaluations.map((e) => ({ ip: e.ip, result: e.result, mechanism: e.mechanism, mechanismDomain: e.mechanismDomain, reason: e.reason, explanation: e.explanation, lookups: e.lookups, voidLookups: e.voidLookups, steps: e.steps })),
      resolver: dns.server, ...(v.trace ? { trace: dns.trace } : {}),
    };
    return emit(makeReport('spf', norm.domain, [...norm.notes, ...res.findings], { tables, data }), common);
  },
};
