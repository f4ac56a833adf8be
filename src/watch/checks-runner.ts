/**
 * One pass over the watch list: every item checked with the capability that already does it (domain, blocklists and
 * PTR, probe, logs problems), a bounded number at once. Each item gives its findings in the one Finding shape.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Finding } from '../core/finding.js';
import { worstStatus, type Status } from '../core/finding.js';
import { fill } from '../i18n/text.js';
import type { DnsClient } from '../dns/index.js';
import type { DnsblList } from '../domain/dnsbl-lists.js';
import { checkDomain } from '../domain/check.js';
import type { RegistrationOptions } from '../domain/rdap/index.js';
import { checkDnsbl } from '../domain/dnsbl.js';
import { checkPtr } from '../domain/ptr.js';
import { mapConcurrent, probeOne } from '../probe/many.js';
import type { NetDeps } from '../probe/connection.js';
import { findLogProblems } from '../logs/index.js';
import type { WatchConfig, WatchedDomain, WatchedServer } from './config.js';
import { WATCH_TEXTS as W } from './texts.js';
import { itemKey } from './item-key.js';

/** What a watched item is. */
export type ItemKind = 'domain' | 'ip' | 'server' | 'log';

/** One watched thing, with the stable key its history is stored under. */
export interface WatchItem {
  key: string;
  kind: ItemKind;
  domain?: WatchedDomain;
  ip?: string;
  server?: WatchedServer;
  log?: string;
}

/** What checking one item gave. */
export interface ItemResult {
  item: WatchItem;
  status: Status;
  findings: Finding[];
  startedAt: string;
  durationMs: number;
  /** Values change detection follows even when the status stays (the domain's MX/SPF/DMARC records). */
  tracked?: Record<string, string>;
  /** Days left on the server certificate, when a TLS session was made. */
  certDaysLeft?: number;
  /** For logs: the byte offset to start from next time. */
  logOffset?: number;
}

/** The outside world of a pass, injected: DNS, sockets, clock, environment (for password_env), log offsets. */
export interface RunnerDeps {
  /** The DNS client of this pass: make a new one for each pass, since a client keeps the answers it got. */
  dns: DnsClient;
  net?: NetDeps;
  dnsblLists?: readonly DnsblList[];
  /** Wall clock. */
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Extra CA PEM text per file name given in `servers[].ca` (read by the caller). */
  caFiles?: Record<string, string>;
  /** Where each log was read up to at the last pass. */
  logOffset?: (path: string) => number | undefined;
  /** Fetch the MTA-STS policy over HTTPS (default: yes). */
  fetchMtaSts?: boolean;
  /**
   * Ask each domain's registry over RDAP (default: yes, warning `alerts.expiry_days` before the domain expires, so
   * a lapsing or suspended domain alerts like an expiring certificate); false: do not.
   */
  registration?: RegistrationOptions | false;
}

export { itemKey };

/** Every item of a watch list, in the list's order. */
export function watchItems(cfg: WatchConfig): WatchItem[] {
  return [
    ...cfg.domains.map((domain): WatchItem => ({ key: itemKey.domain(domain.domain), kind: 'domain', domain })),
    ...cfg.ips.map((ip): WatchItem => ({ key: itemKey.ip(ip), kind: 'ip', ip })),
    ...cfg.servers.map((server): WatchItem => ({ key: itemKey.server(server), kind: 'server', server })),
    ...cfg.logs.map((log): WatchItem => ({ key: itemKey.log(log), kind: 'log', log })),
  ];
}

async function checkDomainItem(d: WatchedDomain, cfg: WatchConfig, deps: RunnerDeps): Promise<Pick<ItemResult, 'findings' | 'tracked'>> {
  const r = await checkDomain(d.domain, {
    ...(deps.registration === false ? {} : { registration: { warnDays: cfg.alerts.expiryDays, ...(deps.now ? { now: deps.now } : {}), ...deps.registration } }),
    resolver: deps.dns,
    ...(d.dkimSelectors ? { dkimSelectors: d.dkimSelectors } : {}),
    ...(deps.dnsblLists ? { dnsblLists: deps.dnsblLists } : {}),
    ...(deps.fetchMtaSts === false ? { fetch: false as const } : {}),
  });
  const mx = r.data.mx.map((m) => `${m.preference} ${m.host}`).sort().join(', ');
  // Only values that were read: a record that could not be looked up is not "changed to nothing".
  const tracked: Record<string, string> = {};
  if (!r.findings.some((f) => f.check.startsWith('dns.mx') && f.status === 'unknown')) tracked.MX = mx || (r.data.nullMx ? 'null MX' : '-');
  if (!r.findings.some((f) => f.check.startsWith('dns.spf') && f.status === 'unknown')) tracked.SPF = r.data.spf?.record ?? '-';
  if (!r.findings.some((f) => f.check.startsWith('dns.dmarc') && f.status === 'unknown')) tracked.DMARC = r.data.dmarc?.tags ? Object.entries(r.data.dmarc.tags).map(([k, v]) => `${k}=${v}`).join('; ') : '-';
  return { findings: r.findings, tracked };
}

async function checkIpItem(ip: string, deps: RunnerDeps): Promise<Pick<ItemResult, 'findings'>> {
  const [ptr, bl] = await Promise.all([
    checkPtr(deps.dns, { ip, role: 'sender' }),
    checkDnsbl(deps.dns, { ips: [{ ip }], ...(deps.dnsblLists ? { lists: deps.dnsblLists } : {}) }),
  ]);
  return { findings: [...ptr.findings, ...bl.findings] };
}

async function checkServerItem(s: WatchedServer, cfg: WatchConfig, deps: RunnerDeps): Promise<Pick<ItemResult, 'findings' | 'certDaysLeft'>> {
  const password = s.passwordEnv ? (deps.env ?? process.env)[s.passwordEnv] : undefined;
  const ca = s.ca ? deps.caFiles?.[s.ca] : undefined;
  const r = await probeOne(s.protocol, {
    host: s.host, port: s.port, tls: s.tls, certWarnDays: cfg.alerts.expiryDays,
    ...(s.user ? { user: s.user } : {}), ...(password !== undefined ? { password } : {}), ...(ca ? { ca } : {}),
  }, deps.net ?? {});
  return { findings: r.findings.filter((f) => !f.check.endsWith('.transcript')), ...(r.tls ? { certDaysLeft: r.tls.daysLeft } : {}) };
}

/** `logs problems` over the lines written since the last pass (the whole file the first time, or after rotation). */
async function checkLogItem(path: string, deps: RunnerDeps, now: Date): Promise<Pick<ItemResult, 'findings' | 'logOffset'>> {
  const st = statSync(path);
  if (st.isDirectory()) throw Object.assign(new Error(`${path} is a folder, not a log file`), { code: 'EISDIR' });
  let from = deps.logOffset?.(path) ?? 0;
  const notes: Finding[] = [];
  if (from > st.size) {
    notes.push({ check: 'watch.log.rotated', status: 'info', subject: path, summary: fill(W.logsRotated, { item: path }) });
    from = 0;
  }
  // Read up to the size seen now: lines written during the read are left for the next pass, not counted twice.
  const end = st.size;
  if (end === from) return { findings: [...notes, { check: 'watch.log.read', status: 'ok', subject: path, summary: fill(W.logsNew, { item: path, lines: 0 }), data: { lines: 0, from, to: end } }], logOffset: end };
  const stream = createReadStream(path, { start: from, end: end - 1 });
  const r = await findLogProblems({ inputs: ['-'], stdin: stream, now: () => st.mtimeMs || now.getTime() });
  return {
    findings: [...notes, { check: 'watch.log.read', status: 'ok', subject: path, summary: fill(W.logsNew, { item: path, lines: r.lines }), data: { lines: r.lines, from, to: end } }, ...r.findings],
    logOffset: end,
  };
}

/** Check one item; a failure of the check itself is a "not checked" finding, never a thrown error. */
export async function checkItem(item: WatchItem, cfg: WatchConfig, deps: RunnerDeps): Promise<ItemResult> {
  const now = (deps.now ?? (() => new Date()))();
  const t0 = performance.now();
  let part: Partial<ItemResult>;
  try {
    if (item.kind === 'domain') part = await checkDomainItem(item.domain!, cfg, deps);
    else if (item.kind === 'ip') part = await checkIpItem(item.ip!, deps);
    else if (item.kind === 'server') part = await checkServerItem(item.server!, cfg, deps);
    else part = await checkLogItem(item.log!, deps, now);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((e as Error).message ?? e).slice(0, 300);
    part = { findings: [{ check: 'watch.item.failed', status: 'unknown', subject: item.key, summary: fill(W.itemFailed, { item: item.key, why }) }] };
  }
  const findings = part.findings ?? [];
  return { ...part, item, findings, status: worstStatus(findings), startedAt: now.toISOString(), durationMs: Math.round(performance.now() - t0) };
}

/** Check every item, at most `cfg.concurrency` at once; results in the list's order. */
export function runChecks(items: WatchItem[], cfg: WatchConfig, deps: RunnerDeps, onResult?: (r: ItemResult) => void): Promise<ItemResult[]> {
  return mapConcurrent(items, cfg.concurrency, async (item) => {
    const r = await checkItem(item, cfg, deps);
    onResult?.(r);
    return r;
  });
}
