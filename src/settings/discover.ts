/**
 * Find a mail account's server settings the way mail programs do, and say where each answer came from:
 * provider autoconfig (only when a fetcher is given), Thunderbird's ISPDB (bundled, derived table), RFC 6186 /
 * RFC 8314 SRV records, the MX host's provider, and name guesses confirmed by probing.
 * Then check the settings the user already has and flag the classic mistakes.
 */
import { makeReport, type Finding, type Report, type Status, type Table } from '../core/finding.js';
import type { DnsClient } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { type ProbeResult, type TextParams } from '../probe/common.js';
import { fill } from '../i18n/text.js';
import type { Say } from '../probe/texts.js';
import { mapConcurrent } from '../probe/many.js';
import { fillPlaceholders, parseClientConfig, type ProviderConfig, type ServerEntry, type SettingsProtocol, type SocketType } from './clientconfig.js';
import { SETTINGS_TEXTS, SOCKET_NAMES, SOURCE_NAMES, type SettingsTextKey } from './texts.js';
import ISPDB from './ispdb.json' with { type: 'json' };

/**
 * Where a candidate setting came from, strongest first: the domain's own autoconfig file, the bundled ISPDB, DNS SRV
 * records (RFC 6186), the provider recognised from the MX hosts, a guess confirmed by a probe, or the user's own.
 */
export type SettingsSource = 'autoconfig' | 'ispdb' | 'srv' | 'mx-provider' | 'guess' | 'given';

/** A server setting found for the address, with its source and, when probed, whether a server answered there. */
export interface SettingsCandidate extends ServerEntry {
  source: SettingsSource;
  provider?: string;
  /** Set when a probe was made: did a server of this protocol answer there? */
  confirmed?: boolean;
}

/** A setting the user already has, e.g. from `--smtp host:port:tls`. */
export interface GivenSetting {
  protocol: SettingsProtocol;
  host: string;
  port: number;
  socket: SocketType;
}

/** Probe one server (inject a fake or a port-mapping one in tests). */
export type SettingsProbeFn = (protocol: SettingsProtocol, target: { host: string; port: number; tls: 'implicit' | 'starttls' | 'none' }) => Promise<ProbeResult>;

/** The outside world of the settings search: DNS, an optional probe for guesses, an autoconfig fetcher, the ISPDB table. */
export interface SettingsDeps {
  dns: DnsClient;
  /** Needed for guesses (and `probeGiven`); without it no guess is made. */
  probe?: SettingsProbeFn;
  /** Fetch a URL's body (autoconfig); undefined = not found. Without it autoconfig is skipped. */
  fetchText?: (url: string) => Promise<string | undefined>;
  /** Provider table (default: the bundled ISPDB-derived one). */
  ispdb?: ProviderConfig[];
}

/** The address to find settings for, and the settings the user has (to check them). */
export interface SettingsOptions {
  address: string;
  given?: GivenSetting[];
  /** The login the user has set (to flag "login without the domain"). */
  user?: string;
  /** Make guesses when nothing else is found (default true; needs deps.probe). */
  guess?: boolean;
  /** Ports tried for guesses per socket type (default the standard ones). */
  guessPorts?: Partial<Record<SettingsProtocol, { port: number; socket: SocketType }[]>>;
  /** Probe the user's given settings too (default false). */
  probeGiven?: boolean;
  /** At most this many guess probes at once (default 4). */
  concurrency?: number;
}

/** What `findMailSettings` found: every candidate, the best one per protocol, and the findings to report. */
export interface SettingsResult {
  address: string;
  domain: string;
  candidates: SettingsCandidate[];
  /** Best choice per protocol. */
  chosen: Partial<Record<SettingsProtocol, SettingsCandidate>>;
  findings: Finding[];
}

/** The bundled ISPDB-derived provider table (scripts/gen-ispdb.mjs → src/settings/ispdb.json). */
export function ispdbProviders(): ProviderConfig[] {
  return (ISPDB as { providers: ProviderConfig[] }).providers;
}

/** Provider for a mail domain (exact) or a host name (the host or one of its parent domains). */
export function findProvider(name: string, table: ProviderConfig[] = ispdbProviders(), byHost = false): ProviderConfig | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  for (const p of table) if (p.domains.includes(n)) return p;
  if (!byHost) return undefined;
  const labels = n.split('.');
  for (let i = 1; i < labels.length - 1; i++) {
    const parent = labels.slice(i).join('.');
    for (const p of table) if (p.domains.includes(parent)) return p;
  }
  return undefined;
}

/** RFC 6186 / RFC 8314 service names → protocol and socket type. */
export const SRV_SERVICES: readonly { name: string; protocol: SettingsProtocol; socket: SocketType }[] = [
  { name: '_submissions._tcp', protocol: 'smtp', socket: 'SSL' },
  { name: '_submission._tcp', protocol: 'smtp', socket: 'STARTTLS' },
  { name: '_imaps._tcp', protocol: 'imap', socket: 'SSL' },
  { name: '_imap._tcp', protocol: 'imap', socket: 'STARTTLS' },
  { name: '_pop3s._tcp', protocol: 'pop3', socket: 'SSL' },
  { name: '_pop3._tcp', protocol: 'pop3', socket: 'STARTTLS' },
];

const GUESS_HOSTS: Record<SettingsProtocol, string[]> = { imap: ['imap', 'mail'], pop3: ['pop', 'pop3', 'mail'], smtp: ['smtp', 'mail'] };
const STANDARD_PORTS: Record<SettingsProtocol, { port: number; socket: SocketType }[]> = {
  imap: [{ port: 993, socket: 'SSL' }, { port: 143, socket: 'STARTTLS' }],
  pop3: [{ port: 995, socket: 'SSL' }, { port: 110, socket: 'STARTTLS' }],
  smtp: [{ port: 465, socket: 'SSL' }, { port: 587, socket: 'STARTTLS' }],
};
const SOURCE_RANK: Record<SettingsSource, number> = { autoconfig: 0, ispdb: 1, srv: 2, 'mx-provider': 3, guess: 4, given: 5 };
const PROTOCOLS: readonly SettingsProtocol[] = ['imap', 'pop3', 'smtp'];
const LABEL: Record<SettingsProtocol, string> = { imap: 'IMAP', pop3: 'POP3', smtp: 'SMTP' };

/** The autoconfig URLs a mail program asks, in order (Thunderbird's). */
export function autoconfigUrls(address: string): string[] {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  const q = `?emailaddress=${encodeURIComponent(address)}`;
  return [
    `https://autoconfig.${domain}/mail/config-v1.1.xml${q}`,
    `https://${domain}/.well-known/autoconfig/mail/config-v1.1.xml`,
    `http://autoconfig.${domain}/mail/config-v1.1.xml${q}`,
  ];
}

function say(check: string, status: Status, subject: string, key: SettingsTextKey, params: TextParams = {}, extra: Partial<Finding> = {}): Finding {
  const t = SETTINGS_TEXTS[key] as Say;
  const f: Finding = { check, status, subject, summary: fill(t.summary, params) };
  if (t.detail) f.detail = fill(t.detail, params);
  if (t.advice?.length) f.advice = t.advice.map((a) => fill(a, params));
  return { ...f, ...extra };
}

const fromProvider = (p: ProviderConfig, source: SettingsSource, address: string): SettingsCandidate[] =>
  p.servers.map((s) => ({ ...s, host: fillPlaceholders(s.host, address), username: fillPlaceholders(s.username, address), source, provider: p.name }));

/** Find settings for `address` and check the user's own. Never throws for DNS or network trouble. */
export async function findMailSettings(o: SettingsOptions, deps: SettingsDeps): Promise<SettingsResult> {
  const address = o.address.trim();
  const at = address.lastIndexOf('@');
  const domain = at > 0 ? address.slice(at + 1).toLowerCase().replace(/\.$/, '') : '';
  const findings: Finding[] = [];
  const candidates: SettingsCandidate[] = [];
  const result: SettingsResult = { address, domain, candidates, chosen: {}, findings };
  if (!domain || address.length > 320 || /\s/.test(address) || !/^[a-z0-9.-]+$/i.test(domain) || !domain.includes('.')) {
    findings.push(say('settings.address', 'error', address.slice(0, 100), 'badAddress', { address: address.slice(0, 100) }));
    return result;
  }
  const table = deps.ispdb ?? ispdbProviders();

  // 1. The provider's own autoconfig file (only when the caller allows fetching).
  if (deps.fetchText) {
    let found = false;
    for (const url of autoconfigUrls(address)) {
      const body = await deps.fetchText(url).catch(() => undefined);
      const cfg = body ? parseClientConfig(body) : undefined;
      if (cfg?.servers.length) {
        candidates.push(...fromProvider(cfg, 'autoconfig', address));
        findings.push(say('settings.autoconfig', 'ok', domain, 'autoconfig', { url }, { data: { url, servers: cfg.servers.length } }));
        found = true;
        break;
      }
    }
    if (!found) findings.push(say('settings.autoconfig', 'info', domain, 'autoconfigNone', { domain }));
  } else {
    findings.push(say('settings.autoconfig', 'info', domain, 'autoconfigSkipped'));
  }

  // 2. ISPDB by the mail domain.
  const prov = findProvider(domain, table);
  if (prov) {
    candidates.push(...fromProvider(prov, 'ispdb', address));
    findings.push(say('settings.ispdb', 'ok', domain, 'ispdb', { domain, provider: prov.name }, { data: { provider: prov.id } }));
  }

  // 3. SRV records (RFC 6186, RFC 8314), all asked at once.
  const srv = await Promise.all(SRV_SERVICES.map(async (s) => ({ s, a: await deps.dns.srv(`${s.name}.${domain}`) })));
  const srvFound: string[] = [];
  let dnsTrouble: { name: string; status: string } | undefined;
  for (const { s, a } of srv) {
    if (!['ok', 'nodata', 'nxdomain'].includes(a.status)) dnsTrouble ??= { name: `${s.name}.${domain}`, status: a.status };
    const recs = [...a.values].sort((x, y) => x.priority - y.priority || y.weight - x.weight);
    if (recs.length === 1 && (recs[0]!.target === '' || recs[0]!.target === '.')) {
      findings.push(say('settings.srv.not-offered', 'info', domain, 'srvNotOffered', { service: s.name }));
      continue;
    }
    for (const r of recs.slice(0, 5)) {
      if (!r.target || r.target === '.') continue;
      candidates.push({ protocol: s.protocol, host: r.target.replace(/\.$/, ''), port: r.port, socket: s.socket, username: address, auth: [], source: 'srv' });
      srvFound.push(`${s.name} → ${r.target.replace(/\.$/, '')}:${r.port}`);
    }
  }
  if (srvFound.length) findings.push(say('settings.srv', 'ok', domain, 'srv', { list: srvFound.join(', ') }, { data: { records: srvFound } }));
  else if (dnsTrouble) findings.push(say('settings.dns', 'unknown', domain, 'dnsUnknown', dnsTrouble));
  else findings.push(say('settings.srv', 'info', domain, 'srvNone'));

  // 4. The MX host's provider.
  if (!prov) {
    const mx = await deps.dns.mx(domain);
    for (const m of [...mx.values].sort((a, b) => a.preference - b.preference).slice(0, 5)) {
      const p = findProvider(m.exchange, table, true);
      if (p) {
        candidates.push(...fromProvider(p, 'mx-provider', address));
        findings.push(say('settings.mx-provider', 'ok', domain, 'ispdbMx', { mx: m.exchange, provider: p.name }, { data: { mx: m.exchange, provider: p.id } }));
        break;
      }
    }
  }

  // 5. Guesses, confirmed by probing, for protocols nothing else answered.
  if (o.guess !== false && deps.probe) {
    const missing = PROTOCOLS.filter((p) => !candidates.some((c) => c.protocol === p));
    for (const protocol of missing) {
      const tries: SettingsCandidate[] = [];
      for (const h of GUESS_HOSTS[protocol]) {
        const host = `${h}.${domain}`;
        const a = await deps.dns.a(host);
        if (!a.values.length) continue;
        for (const p of o.guessPorts?.[protocol] ?? STANDARD_PORTS[protocol]) tries.push({ protocol, host, port: p.port, socket: p.socket, username: address, auth: [], source: 'guess' });
      }
      const probed = await mapConcurrent(tries, o.concurrency ?? 4, async (c) => {
        const r = await deps.probe!(protocol, { host: c.host, port: c.port, tls: c.socket === 'SSL' ? 'implicit' : 'starttls' });
        return { c, ok: r.reached && r.findings.some((f) => f.check.endsWith('.banner') && f.status !== 'error') };
      });
      const good = probed.filter((x) => x.ok).map((x) => ({ ...x.c, confirmed: true }));
      candidates.push(...good);
      if (good[0]) findings.push(say(`settings.guess.${protocol}`, 'ok', domain, 'guessConfirmed', { host: good[0].host, port: good[0].port, socket: SOCKET_NAMES[good[0].socket], protocol: LABEL[protocol] }));
      else findings.push(say(`settings.guess.${protocol}`, 'info', domain, 'guessNothing', { protocol: LABEL[protocol], names: GUESS_HOSTS[protocol].map((h) => `${h}.${domain}`).join(', ') }));
    }
  }

  // The best per protocol: the most authoritative source, in its own order (SSL first as the files list it).
  for (const protocol of PROTOCOLS) {
    const best = candidates.filter((c) => c.protocol === protocol).sort((a, b) => SOURCE_RANK[a.source] - SOURCE_RANK[b.source])[0];
    if (best) {
      result.chosen[protocol] = best;
      findings.push(say(`settings.${protocol}`, 'ok', domain, 'found', {
        protocol: LABEL[protocol], host: best.host, port: best.port, socket: SOCKET_NAMES[best.socket], user: best.username, source: SOURCE_NAMES[best.source],
      }, { data: { ...best } }));
    } else if (protocol !== 'pop3') {
      findings.push(say(`settings.${protocol}`, 'warn', domain, 'notFound', { protocol: LABEL[protocol], domain }));
    }
  }

  // The user's own settings.
  for (const g of o.given ?? []) findings.push(...await checkGiven(g, result, o, deps));
  if (o.user && !o.user.includes('@')) {
    const wantsFull = Object.values(result.chosen).some((c) => c && c.username.includes('@'));
    if (wantsFull || !Object.keys(result.chosen).length) findings.push(say('settings.given.user', 'warn', o.user, 'givenUserNoDomain', { user: o.user, address }));
  }
  return result;
}

/** The classic mistakes, as data: which port/security pairs are wrong, and the sentence for each. */
const IMPLICIT_PORTS: Record<number, number> = { 465: 587, 993: 143, 995: 110 };
const PLAIN_PORTS: Record<number, number> = { 587: 465, 25: 465, 143: 993, 110: 995 };

async function checkGiven(g: GivenSetting, r: SettingsResult, o: SettingsOptions, deps: SettingsDeps): Promise<Finding[]> {
  const subject = `${g.host}:${g.port}`;
  const out: Finding[] = [];
  const label = LABEL[g.protocol];
  const check = `settings.given.${g.protocol}`;
  if (g.port === 465 && g.socket === 'STARTTLS') out.push(say(check, 'error', subject, 'given465Starttls'));
  else if (g.port === 587 && g.socket === 'SSL') out.push(say(check, 'error', subject, 'given587Ssl'));
  else if (IMPLICIT_PORTS[g.port] && g.socket === 'STARTTLS') out.push(say(check, 'error', subject, 'givenImplicitWithStarttls', { port: g.port }));
  else if (PLAIN_PORTS[g.port] && g.socket === 'SSL') out.push(say(check, 'error', subject, 'givenPlainPortWithSsl', { port: g.port, tlsport: PLAIN_PORTS[g.port]! }));
  if (g.protocol === 'smtp' && g.port === 25) out.push(say(check, 'warn', subject, 'given25'));
  if (g.socket === 'plain') out.push(say(check, 'error', subject, 'givenNoTls', { protocol: label }));
  const found = r.chosen[g.protocol];
  if (found && found.host !== g.host.toLowerCase()) {
    out.push(say(`${check}.host`, 'info', subject, 'givenOtherHost', { protocol: label, given: g.host, found: `${found.host}:${found.port}` }));
  }
  if (o.probeGiven && deps.probe) {
    const pr = await deps.probe(g.protocol, { host: g.host, port: g.port, tls: g.socket === 'SSL' ? 'implicit' : g.socket === 'STARTTLS' ? 'starttls' : 'none' });
    out.push(...pr.findings.filter((f) => f.status === 'error' || f.status === 'warn'));
  }
  if (!out.some((f) => f.status === 'error' || f.status === 'warn')) {
    // Without a connection only the classic mistakes can be ruled out: say so rather than "right".
    const probed = Boolean(o.probeGiven && deps.probe);
    out.push(say(check, 'ok', subject, probed ? 'givenOk' : 'givenNoMistake', { protocol: label, host: g.host, port: g.port, socket: SOCKET_NAMES[g.socket] }));
  }
  return out;
}

// Cells are data, shown the same in both languages: name what was done rather than an English word.
const SOURCE_CELL: Record<SettingsSource, string> = {
  autoconfig: 'autoconfig', ispdb: 'ISPDB', srv: 'DNS SRV', 'mx-provider': 'MX → ISPDB',
  guess: 'imap./smtp./mail. ✔', given: '--imap / --smtp',
};

/**
 * The copy-into-your-mail-program table: only what a person types (it must fit 80 columns unclipped), cells are
 * data (names, ports, protocol terms), titles are bilingual. Where each row came from is a second, small table.
 */
export function settingsTables(r: SettingsResult): Table[] {
  const chosen = PROTOCOLS.map((p) => [p, r.chosen[p]] as const).filter((x): x is readonly [SettingsProtocol, SettingsCandidate] => Boolean(x[1]));
  return [{
    id: 'settings.table',
    // Short enough for 80 columns with a usual address.
    title: tx(`Settings for ${r.address} (receiving: IMAP/POP3, sending: SMTP)`, `Ustawienia dla ${r.address} (odbieranie: IMAP/POP3, wysyłanie: SMTP)`),
    columns: [tx('Protocol', 'Protokół'), tx('Server', 'Serwer'), tx('Port', 'Port'), tx('Security', 'Szyfrowanie'), tx('User name', 'Użytkownik')],
    rows: chosen.map(([p, c]) => [LABEL[p], c.host, String(c.port), c.socket === 'SSL' ? 'SSL/TLS' : c.socket === 'STARTTLS' ? 'STARTTLS' : '—', c.username]),
  }, {
    id: 'settings.sources',
    title: tx('Where each answer came from', 'Skąd pochodzi każda odpowiedź'),
    columns: [tx('Protocol', 'Protokół'), tx('Source', 'Źródło'), tx('Provider', 'Dostawca')],
    rows: chosen.map(([p, c]) => [LABEL[p], SOURCE_CELL[c.source], c.provider ?? '—']),
  }];
}

/** The main table alone (see settingsTables). */
export function settingsTable(r: SettingsResult): Table {
  return settingsTables(r)[0]!;
}

/** The whole `mailmedic settings` report. */
export function settingsReport(r: SettingsResult): Report {
  // No settings found: no empty tables (the findings say so).
  const tables = settingsTables(r).filter((t) => t.rows.length > 0);
  return makeReport('settings', r.address, r.findings, { tables, data: { address: r.address, domain: r.domain, chosen: r.chosen, candidates: r.candidates } });
}
