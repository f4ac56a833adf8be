/**
 * The watch list (`watch.yaml` or JSON): what to watch and whom to tell. Read strictly: an unknown key, a wrong type
 * or a bad value is a WatchConfigError that names the key (e.g. `servers[1].port`), in both languages.
 */
import { isIP } from 'node:net';
import { basename, dirname, extname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Lang, Text } from '../core/finding.js';
import { fill } from '../i18n/text.js';
import { WATCH_CONFIG_TEXTS as T } from './texts.js';
import { itemKey } from './item-key.js';

/** The protocols a watched server is probed with. */
export type ServerProtocol = 'smtp' | 'imap' | 'pop3';
/** How a watched server's connection is encrypted ('auto': by port, STARTTLS when offered). */
export type ServerTls = 'implicit' | 'starttls' | 'none' | 'auto';

/** A domain to watch with the full `domain` check. */
export interface WatchedDomain { domain: string; dkimSelectors?: string[] }
/** A mail server to watch with `probe`. */
export interface WatchedServer {
  protocol: ServerProtocol;
  host: string;
  port: number;
  tls: ServerTls;
  user?: string;
  /** The name of the environment variable holding the password (the password itself is never in the file). */
  passwordEnv?: string;
  /** A PEM file of extra CA certificates to trust (a private CA). */
  ca?: string;
}
/** A webhook the alerts are POSTed to as JSON (timeout per attempt, retries with backoff). */
export interface WebhookChannel { url: string; timeoutMs: number; retries: number }
/** The SMTP server and addresses the alert mail goes through. */
export interface EmailChannel {
  host: string;
  port: number;
  tls: 'implicit' | 'starttls' | 'none';
  user?: string;
  passwordEnv?: string;
  from: string;
  to: string[];
  /** A PEM file of extra CA certificates to trust for the SMTP server's certificate. */
  ca?: string;
}
/** A checked watch list with its defaults filled in. */
export interface WatchConfig {
  /** DNS server for every check, ip[:port]; absent: the system's resolver. */
  resolver?: string;
  /** A blocklist set file (as `domain --dnsbl-lists`); absent: the built-in set. */
  blocklists?: string;
  /** How many items are checked at once. */
  concurrency: number;
  domains: WatchedDomain[];
  ips: string[];
  servers: WatchedServer[];
  logs: string[];
  /** How often `watch daemon` checks each kind of item, in ms (one pass of `watch run` checks them all). */
  schedule: { domains: number; ips: number; servers: number; logs: number };
  /** An item's own interval, in ms, by item key (an `every:` on the item), overriding its kind's schedule. */
  every: Record<string, number>;
  /** How long the history keeps results and alerts, in ms; each pass prunes what is older (an item's newest result always stays). */
  history: { keepResults: number; keepAlerts: number };
  alerts: {
    lang?: Lang;
    /** Alert when a certificate expires within this many days. */
    expiryDays: number;
    /** A server probe must fail this many passes in a row before it alerts (one failed connection is noise). */
    probeFailures: number;
    webhooks: WebhookChannel[];
    email?: EmailChannel;
  };
}

/** A watch list that cannot be used: the key at fault and why, in both languages. */
export class WatchConfigError extends Error {
  override name = 'WatchConfigError';
  readonly text: Text;
  constructor(readonly key: string, why: Text, params: Record<string, string | number> = {}) {
    const w = fill(why, params);
    const t = key ? fill(T.atKey, { key, why: w }) : fill(T.whole, { why: w });
    super(t.en);
    this.text = t;
  }
}

const TOP_KEYS = ['resolver', 'blocklists', 'concurrency', 'schedule', 'history', 'domains', 'ips', 'servers', 'logs', 'alerts'];
/** The daemon's default interval per kind: DNS and blocklists change slowly, a server that stops answering matters now. */
const DEFAULT_SCHEDULE = { domains: 3_600_000, ips: 1_800_000, servers: 300_000, logs: 60_000 };
/** How long the history keeps things by default: three months of results, a bit over a year of alerts. */
const DEFAULT_HISTORY = { keepResults: 90 * 86_400_000, keepAlerts: 400 * 86_400_000 };
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A length of time: "30s", "5m", "1h", "1d", or a number of seconds, within [min, max] ms. */
function duration(v: unknown, key: string, dflt: number, min: number, max: number, why: typeof T.badInterval): number {
  if (v === undefined) return dflt;
  const m = typeof v === 'number' ? [String(v), String(v), 's'] : typeof v === 'string' ? /^\s*(\d{1,7})\s*([smhd])\s*$/i.exec(v) : null;
  const ms = m ? Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]! : NaN;
  if (!Number.isInteger(ms) || ms < min || ms > max) throw new WatchConfigError(key, why);
  return ms;
}
/** A schedule interval: 1 s to 7 days. */
const interval = (v: unknown, key: string, dflt: number) => duration(v, key, dflt, 1000, 7 * 86_400_000, T.badInterval);
/** How long to keep history: 1 day to 10 years. */
const keepFor = (v: unknown, key: string, dflt: number) => duration(v, key, dflt, 86_400_000, 3650 * 86_400_000, T.badKeep);
const MAX_ITEMS = 5000;
const DOMAIN_RE = /^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.?$/i;
const HOST_RE = /^[A-Za-z0-9._-]{1,253}$/;
const ADDRESS_RE = /^[^\s@<>]{1,64}@[A-Za-z0-9.-]{1,253}$/;
const ENV_RE = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function object(v: unknown, key: string, allowed: string[]): Obj {
  if (!isObj(v)) throw new WatchConfigError(key, T.notObject);
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw new WatchConfigError(key ? `${key}.${k}` : k, T.unknownKey, { allowed: allowed.join(', ') });
  return v;
}
function list(v: unknown, key: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new WatchConfigError(key, T.notList);
  if (v.length > MAX_ITEMS) throw new WatchConfigError(key, T.tooMany, { max: MAX_ITEMS });
  return v;
}
function str(v: unknown, key: string, re?: RegExp): string {
  if (typeof v !== 'string' || !v.trim()) throw new WatchConfigError(key, T.notString);
  if (v.length > 2048 || (re && !re.test(v))) throw new WatchConfigError(key, T.badValue, { value: v.slice(0, 80) });
  return v.trim();
}
function int(v: unknown, key: string, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new WatchConfigError(key, T.badNumber, { min, max });
  return v;
}
function oneOf<V extends string>(v: unknown, key: string, values: readonly V[], dflt?: V): V {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== 'string' || !values.includes(v as V)) throw new WatchConfigError(key, T.oneOf, { values: values.join(', ') });
  return v as V;
}

function resolverValue(v: unknown, key: string): string {
  const s = str(v, key);
  const m = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/i.exec(s) ?? /^([0-9.]+)(?::(\d{1,5}))?$/.exec(s) ?? /^([0-9a-f:]+)()$/i.exec(s);
  if (!m || !isIP(m[1]!) || (m[2] && (Number(m[2]) < 1 || Number(m[2]) > 65535))) throw new WatchConfigError(key, T.badResolver, { value: s.slice(0, 80) });
  return s;
}

const DEFAULT_PORT: Record<ServerProtocol, number> = { smtp: 587, imap: 993, pop3: 995 };

function server(v: unknown, key: string): WatchedServer & { every?: unknown } {
  const o = object(v, key, ['protocol', 'host', 'port', 'tls', 'user', 'password_env', 'ca', 'every']);
  const protocol = oneOf(o.protocol, `${key}.protocol`, ['smtp', 'imap', 'pop3'] as const);
  const s: WatchedServer = {
    protocol,
    host: str(o.host, `${key}.host`, HOST_RE),
    port: int(o.port, `${key}.port`, DEFAULT_PORT[protocol], 1, 65535),
    tls: oneOf(o.tls, `${key}.tls`, ['implicit', 'starttls', 'none', 'auto'] as const, 'auto'),
  };
  if (o.user !== undefined) s.user = str(o.user, `${key}.user`);
  if (o.password_env !== undefined) s.passwordEnv = str(o.password_env, `${key}.password_env`, ENV_RE);
  if (o.ca !== undefined) s.ca = str(o.ca, `${key}.ca`);
  if (s.passwordEnv && !s.user) throw new WatchConfigError(`${key}.user`, T.passwordNeedsUser);
  return o.every === undefined ? s : { ...s, every: o.every };
}

function webhook(v: unknown, key: string): WebhookChannel {
  const o = typeof v === 'string' ? { url: v } : object(v, key, ['url', 'timeout', 'retries']);
  const url = str(o.url, `${key}.url`);
  let u: URL;
  try { u = new URL(url); } catch { throw new WatchConfigError(`${key}.url`, T.badUrl, { value: url.slice(0, 80) }); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new WatchConfigError(`${key}.url`, T.badUrl, { value: url.slice(0, 80) });
  return { url, timeoutMs: int(o.timeout, `${key}.timeout`, 10, 1, 300) * 1000, retries: int(o.retries, `${key}.retries`, 3, 0, 10) };
}

function email(v: unknown, key: string): EmailChannel {
  const o = object(v, key, ['host', 'port', 'tls', 'user', 'password_env', 'from', 'to', 'ca']);
  const tls = oneOf(o.tls, `${key}.tls`, ['implicit', 'starttls', 'none'] as const, 'starttls');
  const to = (typeof o.to === 'string' ? [o.to] : list(o.to, `${key}.to`)).map((a, i) => str(a, `${key}.to[${i}]`, ADDRESS_RE));
  if (!to.length) throw new WatchConfigError(`${key}.to`, T.missing);
  const e: EmailChannel = {
    host: str(o.host, `${key}.host`, HOST_RE),
    port: int(o.port, `${key}.port`, tls === 'implicit' ? 465 : 587, 1, 65535),
    tls,
    from: str(o.from, `${key}.from`, ADDRESS_RE),
    to,
  };
  if (o.user !== undefined) e.user = str(o.user, `${key}.user`);
  if (o.password_env !== undefined) e.passwordEnv = str(o.password_env, `${key}.password_env`, ENV_RE);
  if (o.ca !== undefined) e.ca = str(o.ca, `${key}.ca`);
  return e;
}

/** Check a parsed watch list (from YAML or JSON) and give it its defaults; throws WatchConfigError. */
export function validateWatchConfig(raw: unknown): WatchConfig {
  if (raw === null || raw === undefined) throw new WatchConfigError('', T.empty);
  const o = object(raw, '', TOP_KEYS);
  // Any item may be a map with its own `every:` (its interval in `watch daemon`); kept by the item's key.
  const every: Record<string, number> = {};
  const ownInterval = (k: string, v: unknown, key: string) => { if (v !== undefined) every[k] = interval(v, `${key}.every`, 0); };
  const domains = list(o.domains, 'domains').map((d, i): WatchedDomain => {
    const key = `domains[${i}]`;
    if (typeof d === 'string') return { domain: str(d, key, DOMAIN_RE).toLowerCase().replace(/\.$/, '') };
    const x = object(d, key, ['domain', 'dkim_selectors', 'every']);
    const w: WatchedDomain = { domain: str(x.domain, `${key}.domain`, DOMAIN_RE).toLowerCase().replace(/\.$/, '') };
    if (x.dkim_selectors !== undefined) w.dkimSelectors = list(x.dkim_selectors, `${key}.dkim_selectors`).map((s, j) => str(s, `${key}.dkim_selectors[${j}]`, /^[A-Za-z0-9._-]{1,63}$/));
    ownInterval(itemKey.domain(w.domain), x.every, key);
    return w;
  });
  const ips = list(o.ips, 'ips').map((v, i) => {
    const key = `ips[${i}]`;
    const x = isObj(v) ? object(v, key, ['ip', 'every']) : { ip: v };
    const s = str(x.ip, isObj(v) ? `${key}.ip` : key);
    if (!isIP(s)) throw new WatchConfigError(key, T.badIp, { value: s.slice(0, 80) });
    ownInterval(itemKey.ip(s), x.every, key);
    return s;
  });
  const servers = list(o.servers, 'servers').map((v, i) => {
    const { every: e, ...s } = server(v, `servers[${i}]`);
    ownInterval(itemKey.server(s), e, `servers[${i}]`);
    return s;
  });
  const logs = list(o.logs, 'logs').map((v, i) => {
    const key = `logs[${i}]`;
    const x = isObj(v) ? object(v, key, ['path', 'every']) : { path: v };
    const p = str(x.path, isObj(v) ? `${key}.path` : key);
    ownInterval(itemKey.log(p), x.every, key);
    return p;
  });
  if (!domains.length && !ips.length && !servers.length && !logs.length) throw new WatchConfigError('', T.nothingToWatch);
  const a = o.alerts === undefined ? {} : object(o.alerts, 'alerts', ['lang', 'expiry_days', 'probe_failures', 'webhook', 'email']);
  const hooks = a.webhook === undefined ? [] : Array.isArray(a.webhook) ? a.webhook.map((w, i) => webhook(w, `alerts.webhook[${i}]`)) : [webhook(a.webhook, 'alerts.webhook')];
  const sch = o.schedule === undefined ? {} : object(o.schedule, 'schedule', ['domains', 'ips', 'servers', 'logs']);
  const hist = o.history === undefined ? {} : object(o.history, 'history', ['keep_results', 'keep_alerts']);
  const cfg: WatchConfig = {
    concurrency: int(o.concurrency, 'concurrency', 8, 1, 64),
    domains, ips, servers, logs,
    schedule: {
      domains: interval(sch.domains, 'schedule.domains', DEFAULT_SCHEDULE.domains), ips: interval(sch.ips, 'schedule.ips', DEFAULT_SCHEDULE.ips),
      servers: interval(sch.servers, 'schedule.servers', DEFAULT_SCHEDULE.servers), logs: interval(sch.logs, 'schedule.logs', DEFAULT_SCHEDULE.logs),
    },
    every,
    history: {
      keepResults: keepFor(hist.keep_results, 'history.keep_results', DEFAULT_HISTORY.keepResults),
      keepAlerts: keepFor(hist.keep_alerts, 'history.keep_alerts', DEFAULT_HISTORY.keepAlerts),
    },
    alerts: {
      expiryDays: int(a.expiry_days, 'alerts.expiry_days', 14, 0, 365),
      probeFailures: int(a.probe_failures, 'alerts.probe_failures', 2, 1, 10),
      webhooks: hooks,
    },
  };
  if (o.resolver !== undefined) cfg.resolver = resolverValue(o.resolver, 'resolver');
  if (o.blocklists !== undefined) cfg.blocklists = str(o.blocklists, 'blocklists');
  if (a.lang !== undefined) cfg.alerts.lang = oneOf(a.lang, 'alerts.lang', ['en', 'pl'] as const);
  if (a.email !== undefined) cfg.alerts.email = email(a.email, 'alerts.email');
  return cfg;
}

/** Parse the text of a watch list: JSON when it looks like JSON (or the name ends in .json), YAML otherwise. */
export function parseWatchConfig(text: string, name = 'watch.yaml'): WatchConfig {
  if (text.length > 4 * 1024 * 1024) throw new WatchConfigError('', T.tooBig);
  let raw: unknown;
  const json = name.endsWith('.json') || /^\s*\{/.test(text);
  try {
    // maxAliasCount bounds "billion laughs" alias expansion; uniqueKeys makes a repeated key an error, not a silent overwrite.
    raw = json ? JSON.parse(text) : parseYaml(text, { maxAliasCount: 100, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    throw new WatchConfigError('', json ? T.badJson : T.badYaml, { why: String((e as Error).message ?? e).split('\n')[0]!.slice(0, 200) });
  }
  return validateWatchConfig(raw);
}

/** The file names of a watch list (logs, blocklists, CA files) made absolute against the list's own folder. */
export function resolveConfigPaths(cfg: WatchConfig, dir: string): WatchConfig {
  const abs = (p: string) => (isAbsolute(p) ? p : resolvePath(dir, p));
  return {
    ...cfg,
    ...(cfg.blocklists ? { blocklists: abs(cfg.blocklists) } : {}),
    logs: cfg.logs.map(abs),
    // A log's own interval follows its path to the absolute name its key is made of.
    every: Object.fromEntries(Object.entries(cfg.every).map(([k, ms]) => [k.startsWith('log:') ? itemKey.log(abs(k.slice(4))) : k, ms])),
    servers: cfg.servers.map((s) => (s.ca ? { ...s, ca: abs(s.ca) } : s)),
    alerts: { ...cfg.alerts, ...(cfg.alerts.email?.ca ? { email: { ...cfg.alerts.email, ca: abs(cfg.alerts.email.ca) } } : {}) },
  };
}

/** The default database of a watch list: watch.yaml → watch.db in the same folder (`watch` and `serve --watch`). */
export function defaultDbPath(configPath: string): string {
  const abs = resolvePath(configPath);
  return join(dirname(abs), `${basename(abs, extname(abs))}.db`);
}
