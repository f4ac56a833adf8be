import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { EXIT, exitCodeFor, makeReport, worstStatus, type Finding, type Lang, type Status } from '../../core/finding.js';
import type { DnsClient } from '../../dns/index.js';
import { checkDomain, checkDomains, fleetCsvRow, fleetJsonLine, FLEET_CSV_COLUMNS, parseTrustAnchors, type DomainCheckOptions, type FleetRow, type MxTlsOptions, type TrustAnchor } from '../../domain/index.js';
import { progressBar } from '../progress.js';
import { loadDnsblLists } from '../../domain/cli-shared.js';
import { parseRdapBootstrap, type RegistrationOptions } from '../../domain/rdap/index.js';
import { fill, pick, tx } from '../../i18n/text.js';
import { lookupViaDns } from '../../probe/lookup.js';
import { probeSmtp } from '../../probe/smtp.js';
import { renderCsv } from '../../report/csv.js';
import { STATUS_ICON } from '../../report/common.js';
import { render } from '../../report/index.js';
import { InputError, numberOption, parseCommand, UsageError, type CommonFlags } from '../args.js';
import { USAGE_TEXTS, whyUnreadable } from '../usage-texts.js';
import { DNS_OPTIONS, dnsFromOptions } from '../dns-flags.js';
import { emit, openSink, useColor } from '../output.js';
import type { Command } from './index.js';

export const command: Command = {
  describe: {
    en: 'check the mail DNS of a domain: MX, SPF, DKIM, DMARC, reverse DNS, blocklists, MTA-STS, TLS-RPT, DNSSEC',
    pl: 'sprawdza rekordy DNS domeny ważne dla poczty: MX, SPF, DKIM, DMARC, odwrotny DNS, czarne listy, MTA-STS, TLS-RPT, DNSSEC',
  },
  usage: {
    en: `mailmedic domain <domain>… | --file <list> | - [--ip <addr>]… [--dkim-selector <s>]… [--resolver ip[:port]] [--timeout time] [--retries n] [--trace]

Checks everything in DNS that decides whether mail to and from the domain works, and says what to fix.
Many domains (several arguments, --file with one per line, or "-" for standard input): one line per domain as
each is done, worst problem first; --csv / --jsonl for spreadsheets and pipelines; exit status of the worst one.
  --jobs <n>              domains checked at once (default 8)
  --full                  with many domains, the whole report of each (--jsonl: the report in each object)
  --connect               also connect to every MX on port 25: STARTTLS, protocol, certificate name and expiry, DANE
  --mx-port <n>           the MX port for --connect (default 25)      --ca <file>   extra trusted CA (PEM) for --connect
  --trust-anchor <file>   DS records to trust in the DNSSEC chain walk instead of the root's keys (a private or test zone)
  --ip <addr>             a server that sends the domain's mail: SPF verdict, reverse DNS, blocklists (repeatable)
  --dkim-selector <s>     DKIM selector to check (repeatable; default: probe common selectors)
  --resolver ip[:port]    DNS server to ask (default: the first nameserver in /etc/resolv.conf); no other is ever asked
  --timeout <time>        per-query timeout: 500ms, 2s … (default 2s; a bare number is ms)   --retries <n>   retries (default 1)
  --trace                 print every DNS query with its answer and time (to standard error)
  --dnsbl-lists <file>    blocklist set as JSON instead of the built-in one
  --no-fetch              do not fetch the MTA-STS policy over HTTPS
  --no-rdap               do not ask the registry (RDAP) whether the domain is registered, on hold or expiring
  --rdap-bootstrap <file> RDAP bootstrap (IANA's dns.json, RFC 9224) instead of the bundled list of common TLDs`,
    pl: `mailmedic domain <domena>… | --file <lista> | - [--ip <adres>]… [--dkim-selector <s>]… [--resolver ip[:port]] [--timeout czas] [--retries n] [--trace]

Sprawdza wszystko w DNS, od czego zależy, czy poczta do domeny i z niej działa, i mówi, co poprawić.
Wiele domen (kilka argumentów, --file z jedną domeną w wierszu albo „-” — wejście standardowe): po wierszu na
domenę, gdy tylko jest gotowa, najpoważniejszy problem pierwszy; --csv / --jsonl do arkuszy i skryptów; kod wyjścia
według najgorszej domeny.
  --jobs <n>              ile domen naraz (domyślnie 8)
  --full                  przy wielu domenach pełny raport każdej (--jsonl: raport w każdym obiekcie)
  --connect               łączy się też z każdym serwerem MX na porcie 25: STARTTLS, protokół, nazwa i ważność certyfikatu, DANE
  --mx-port <n>           port serwerów MX dla --connect (domyślnie 25)   --ca <plik>   dodatkowy zaufany urząd (PEM) dla --connect
  --trust-anchor <plik>   rekordy DS zaufane w sprawdzaniu łańcucha DNSSEC zamiast kluczy korzenia (strefa prywatna lub testowa)
  --ip <adres>            serwer wysyłający pocztę domeny: wynik SPF, odwrotny DNS, czarne listy (można powtarzać)
  --dkim-selector <s>     selektor DKIM do sprawdzenia (można powtarzać; domyślnie typowe selektory)
  --resolver ip[:port]    serwer DNS do odpytania (domyślnie pierwszy nameserver z /etc/resolv.conf); żaden inny nie jest pytany
  --timeout <czas>        limit czasu zapytania: 500ms, 2s … (domyślnie 2s; sama liczba to ms)   --retries <n>   powtórzenia (domyślnie 1)
  --trace                 wypisuje każde zapytanie DNS z odpowiedzią i czasem (na standardowe wyjście błędów)
  --dnsbl-lists <plik>    zestaw czarnych list w JSON zamiast wbudowanego
  --no-fetch              nie pobiera polityki MTA-STS przez HTTPS
  --no-rdap               nie pyta rejestru (RDAP), czy domena jest zarejestrowana, zawieszona lub wkrótce wygasa
  --rdap-bootstrap <plik> plik startowy RDAP (dns.json z IANA, RFC 9224) zamiast dołączonej listy popularnych domen`,
  },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, {
      ip: { type: 'string', multiple: true },
      'dkim-selector': { type: 'string', multiple: true },
      ...DNS_OPTIONS,
      'dnsbl-lists': { type: 'string' },
      'no-fetch': { type: 'boolean' },
      file: { type: 'string' },
      jobs: { type: 'string' },
      jsonl: { type: 'boolean' },
      full: { type: 'boolean' },
      connect: { type: 'boolean' },
      'mx-port': { type: 'string' },
      ca: { type: 'string' },
      'no-rdap': { type: 'boolean' },
      'rdap-bootstrap': { type: 'string' },
      'trust-anchor': { type: 'string' },
    });
    const fleetInput = typeof v.file === 'string' || positionals.includes('-') || positionals.length > 1;
    if (typeof v.file === 'string') {
      try { if (!statSync(v.file).isFile()) throw Object.assign(new Error('directory'), { code: 'EISDIR' }); } catch (e) {
        throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path: v.file, why: whyUnreadable(e) });
      }
    }
    if (!fleetInput && positionals.length !== 1) throw new UsageError(USAGE_TEXTS.domainNoInput);
    const dns = dnsFromOptions(v);
    let lists;
    if (typeof v['dnsbl-lists'] === 'string') {
      const path = v['dnsbl-lists'];
      try { lists = loadDnsblLists(path); } catch (e) {
        // Told apart by kind, not by wording: a system error has a code, bad JSON is a SyntaxError, the rest is the shape check.
        // A file that cannot be read is the input layer's "cannot read" (66); a file that is not the right JSON is a usage error.
        if ((e as NodeJS.ErrnoException).code) throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path, why: whyUnreadable(e) });
        const text = e instanceof SyntaxError ? USAGE_TEXTS.dnsblListsNotJson : USAGE_TEXTS.dnsblListsShape;
        throw new UsageError(text, { path, why: whyUnreadable(e) }, e);
      }
    }
    const strs = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
    const options: DomainCheckOptions = {
      resolver: dns, ips: strs(v.ip), dkimSelectors: strs(v['dkim-selector']),
      ...(lists ? { dnsblLists: lists } : {}), ...(v['no-fetch'] ? { fetch: false as const } : {}),
      ...(v.connect ? { mxTls: mxTlsOptions(v, dns) } : {}),
      ...(v['no-rdap'] ? {} : { registration: registrationOptions(v['rdap-bootstrap']) }),
      ...(typeof v['trust-anchor'] === 'string' ? { trustAnchors: trustAnchorsFrom(v['trust-anchor']) } : {}),
    };
    // The total is known only when every domain is an argument (a --file or stdin is read as it goes).
    const total = typeof v.file === 'string' || positionals.includes('-') ? undefined : positionals.length;
    if (fleetInput) return runFleet(domainSource(positionals, v.file), options, numberOption('jobs', v.jobs, 8, 1, 256), { jsonl: Boolean(v.jsonl), full: Boolean(v.full), ...(total ? { total } : {}) }, common);
    const res = await checkDomain(positionals[0]!, options);
    const data = { ...res.data, resolver: dns.server, ...(v.trace ? { trace: dns.trace } : {}) };
    return emit(makeReport('domain', res.domain, res.findings, { tables: res.tables, data }), common);
  },
};

/** The RDAP look-up: the bundled bootstrap, or the one given with --rdap-bootstrap (read and checked up front). */
function registrationOptions(file: unknown): RegistrationOptions {
  if (typeof file !== 'string') return {};
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch (e) { throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path: file, why: whyUnreadable(e) }); }
  try { return { bootstrap: parseRdapBootstrap(text) }; } catch (e) {
    throw new InputError(USAGE_TEXTS.cannotRead, EXIT.dataError, { path: file, why: tx('it is not an RDAP bootstrap file (RFC 9224: "services" as [[suffixes], [URLs]])', 'to nie jest plik startowy RDAP (RFC 9224: „services” jako [[sufiksy], [adresy URL]])') });
  }
}

/** --trust-anchor: DS records (presentation form) of zones to trust without asking their parent. */
function trustAnchorsFrom(path: string): TrustAnchor[] {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) { throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path, why: whyUnreadable(e) }); }
  const { anchors, errors } = parseTrustAnchors(text);
  if (errors.length || !anchors.length) throw new UsageError(USAGE_TEXTS.trustAnchorBad, { path, why: errors[0] ?? 'no DS record' });
  return anchors;
}

/** --connect: an SMTP session per MX through the probe, addresses from the same DNS server. */
function mxTlsOptions(v: Record<string, unknown>, dns: DnsClient): MxTlsOptions {
  let ca: string | undefined;
  if (typeof v.ca === 'string') {
    try { ca = readFileSync(v.ca, 'utf8'); } catch (e) { throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path: v.ca, why: whyUnreadable(e) }); }
  }
  return {
    port: numberOption('mx-port', v['mx-port'], 25, 1, 65535),
    session: (o) => probeSmtp({ ...o, tls: 'auto', ...(ca ? { ca } : {}) }, { lookup: lookupViaDns(dns) }),
  };
}

/** The domains of a fleet run: arguments, a --file (one per line) and standard input ("-"), in that order. */
async function* domainSource(positionals: string[], file: unknown): AsyncGenerator<string> {
  for (const p of positionals) if (p !== '-') yield p;
  if (typeof file === 'string') {
    let stream;
    try {
      statSync(file);
      stream = createReadStream(file, { encoding: 'utf8' });
    } catch (e) {
      throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path: file, why: whyUnreadable(e) });
    }
    yield* createInterface({ input: stream, crlfDelay: Infinity });
  }
  if (positionals.includes('-')) yield* createInterface({ input: process.stdin, crlfDelay: Infinity });
}

const FLEET_TEXT = {
  overview: tx('{n} domain(s): {error} with errors, {warn} with warnings, {ok} without problems.', 'Domen: {n}; z błędami: {error}, z ostrzeżeniami: {warn}, bez problemów: {ok}.'),
  none: tx('no problems', 'bez problemów'),
  rowFinding: tx('{domain}: {problem}', '{domain}: {problem}'),
};

/** Many domains: one line (or CSV row, or JSON line) per domain as it is done, the worst status as exit code. */
async function runFleet(source: AsyncIterable<string>, options: DomainCheckOptions, jobs: number, how: { jsonl: boolean; full: boolean; total?: number }, common: CommonFlags): Promise<number> {
  const rows = checkDomains(source, { ...options, jobs });
  // On a terminal, standard error shows how far the run is; results on standard output are written with it cleared.
  const bar = progressBar(process.stderr, common.lang);
  const progress = () => bar.update(counts.n, counts.error, how.total);
  const counts = { n: 0, error: 0, warn: 0, ok: 0 };
  let worst: Status = 'ok';
  const tally = (r: FleetRow) => {
    counts.n++;
    if (r.status === 'error') counts.error++; else if (r.status === 'warn' || r.status === 'unknown') counts.warn++; else counts.ok++;
    worst = worstStatus([{ status: worst }, r]);
  };
  if (how.jsonl || common.format === 'csv' || common.format === 'terminal') {
    const out = openSink(common);
    const opt = { lang: common.lang, color: useColor(common), verbose: common.verbose, width: process.stdout.columns || 80 };
    if (common.format === 'csv' && !how.jsonl) await out.write(renderCsv(FLEET_CSV_COLUMNS, []));
    for await (const r of rows) {
      tally(r);
      bar.clear();
      if (how.jsonl) await out.write(JSON.stringify(fleetJsonLine(r, how.full)) + '\n');
      else if (common.format === 'csv') await out.write(renderCsv([], [fleetCsvRow(r)]).slice(2));
      else if (how.full) await out.write(render(r.report, 'terminal', opt) + '\n');
      else await out.write(fleetLine(r, common.lang) + '\n');
      progress();
    }
    bar.clear();
    if (!how.jsonl && common.format === 'terminal') await out.write('\n' + pick(fill(FLEET_TEXT.overview, counts), common.lang) + '\n');
    await out.close();
    return exitCodeFor(worst);
  }
  // One document (JSON, Markdown, HTML): a finding per domain, its overview row in data.
  const findings: Finding[] = [];
  const domains: Record<string, unknown>[] = [];
  for await (const r of rows) {
    tally(r);
    progress();
    domains.push(fleetJsonLine(r, how.full));
    const first = r.problems[0];
    findings.push({ check: 'domain.fleet', status: r.status, subject: r.domain,
      summary: fill(FLEET_TEXT.rowFinding, { domain: r.domain, problem: first ? first.summary : FLEET_TEXT.none }), data: { counts: r.counts, problems: r.problems } });
  }
  bar.clear();
  return emit(makeReport('domain', `${counts.n} domains`, findings, { data: { domains, summary: counts } }), common);
}

/** "✖ example.com  2 errors, 1 warning — dns.spf.missing: …" in the reader's language. */
function fleetLine(r: FleetRow, lang: Lang): string {
  const first = r.problems[0];
  const head = `${STATUS_ICON[r.status]} ${r.domain}`;
  const counts = lang === 'pl' ? `błędy: ${r.counts.error}, ostrzeżenia: ${r.counts.warn}` : `errors: ${r.counts.error}, warnings: ${r.counts.warn}`;
  return `${head}  ${counts}${first ? ` — ${first.check}: ${pick(first.summary, lang)}` : ''}`;
}
