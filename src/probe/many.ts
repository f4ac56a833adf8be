/**
 * Several hosts and ports at once, with a bound on how many run concurrently, and the report that gathers them.
 */
import { makeReport, type Finding, type Report, type Table } from '../core/finding.js';
import { tx } from '../i18n/text.js';
import type { NetDeps } from './connection.js';
import { finding, transcriptFinding, type ProbeOptions, type ProbeResult, type Protocol } from './common.js';
import { probeImap } from './imap.js';
import { probePop3 } from './pop3.js';
import { probeSmtp, type SmtpProbeOptions } from './smtp.js';
import { secretForms, scrub } from './transcript.js';

/** Ports tried when the user gives none, in the order mail programs prefer them. */
export const DEFAULT_PORTS: Record<Protocol, number[]> = {
  smtp: [587, 465, 25],
  imap: [993, 143],
  pop3: [995, 110],
};

export type AnyProbeOptions = SmtpProbeOptions & ProbeOptions;

/** Probe one target with the right protocol. */
export function probeOne(protocol: Protocol, o: AnyProbeOptions, deps: NetDeps = {}): Promise<ProbeResult> {
  if (protocol === 'smtp') return probeSmtp(o, deps);
  if (protocol === 'imap') return probeImap(o, deps);
  return probePop3(o, deps);
}

/** Run `tasks` with at most `limit` at a time; results keep the input order. */
export async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= items.length) return;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

export interface ProbeManyOptions {
  protocol: Protocol;
  targets: AnyProbeOptions[];
  concurrency?: number;
  /** Add each session's transcript as a finding. */
  transcript?: boolean;
}

/** Probe all targets (bounded concurrency) and build one report. */
export async function probeMany(opts: ProbeManyOptions, deps: NetDeps = {}): Promise<{ report: Report; results: ProbeResult[] }> {
  const results = await mapConcurrent(opts.targets, opts.concurrency ?? 4, (t) => probeOne(opts.protocol, t, deps));
  const findings: Finding[] = [];
  for (const [i, r] of results.entries()) {
    findings.push(...r.findings);
    if (opts.transcript) findings.push(transcriptFinding(opts.protocol, opts.targets[i]!, r.transcript));
  }
  findings.push(...recommendations(results));
  const subject = [...new Set(opts.targets.map((t) => t.host))].join(', ');
  const report = makeReport('probe', `${opts.protocol} ${subject}`, findings, {
    tables: [summaryTable(opts.protocol, results)],
    data: { protocol: opts.protocol, results: results.map(stripForReport) },
  });
  // Safety net: no password, in any form, leaves through the report.
  const secrets = opts.targets.flatMap((t) => secretForms(t.user, t.password));
  return { report: secrets.length ? scrubReport(report, secrets) : report, results };
}

/** When several ports of one host were tried: which one to put in the mail program (the first that works, in order). */
function recommendations(results: ProbeResult[]): Finding[] {
  const out: Finding[] = [];
  const hosts = [...new Set(results.map((r) => r.host))];
  for (const host of hosts) {
    const mine = results.filter((r) => r.host === host);
    if (mine.length < 2) continue;
    const working = mine.filter((r) => r.reached && !r.findings.some((f) => f.status === 'error'));
    // For sending from a mail program, a port that offers login (submission) beats one that does not (port 25).
    const good = working.find((r) => r.protocol !== 'smtp' || (r.authMechanisms ?? []).length > 0) ?? working[0];
    const check = `probe.${mine[0]!.protocol}.recommendation`;
    if (good) {
      const security = good.tlsMode === 'implicit' ? 'SSL/TLS' : good.tls ? 'STARTTLS' : 'none';
      out.push(finding(check, good.findings.some((f) => f.status === 'warn') ? 'warn' : 'ok', `${host}:${good.port}`, 'recommendPort', { host, port: good.port, security }, { data: { port: good.port, security } }));
    } else {
      out.push(finding(check, 'error', host, 'recommendNone', { host, ports: mine.map((r) => r.port).join(', ') }));
    }
  }
  return out;
}

function stripForReport(r: ProbeResult): Omit<ProbeResult, 'findings'> {
  const { findings: _f, ...rest } = r;
  void _f;
  return rest;
}

/** Deep copy of a report with every secret form replaced. */
export function scrubReport(report: Report, secrets: readonly string[]): Report {
  return JSON.parse(JSON.stringify(report, (_k, v: unknown) => (typeof v === 'string' ? scrub(v, secrets) : v))) as Report;
}

function summaryTable(protocol: Protocol, results: ProbeResult[]): Table {
  const worst = (r: ProbeResult) => (r.findings.some((f) => f.status === 'error') ? '✖' : r.findings.some((f) => f.status === 'warn') ? '⚠' : '✔');
  return {
    id: 'probe.summary',
    title: tx(`${protocol.toUpperCase()} ports probed`, `Sprawdzone porty ${protocol.toUpperCase()}`),
    columns: [tx('Host:port', 'Serwer:port'), tx('Result', 'Wynik'), tx('TLS', 'TLS'),
      tx('Certificate', 'Certyfikat'), tx('Login methods', 'Metody logowania'), tx('Login', 'Logowanie')],
    rows: results.map((r) => [
      `${r.host}:${r.port}`,
      worst(r),
      r.tls ? `${r.tlsMode === 'implicit' ? 'SSL' : 'STARTTLS'} ${r.tls.protocol.replace('TLSv', '')}` : r.reached ? 'none' : '-',
      r.tls ? `${r.tls.daysLeft}d${r.tls.nameMatches ? '' : ' name✖'}${r.tls.selfSigned ? ' self-signed' : !r.tls.trusted ? ' untrusted' : ''}` : '-',
      (r.authMechanisms ?? []).join(' ') || '-',
      r.authenticated === undefined ? '-' : r.authenticated ? 'OK' : '✖',
    ]),
  };
}
