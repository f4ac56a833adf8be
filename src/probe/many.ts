/**
 * Several hosts and ports at once, with a bound on how many run concurrently, and the report that gathers them.
 */
import { makeReport, type Finding, type Report, type Status, type Table } from '../core/finding.js';
import { tx } from '../i18n/text.js';
import type { NetDeps } from './connection.js';
import { finding, transcriptFinding, type ProbeOptions, type ProbeResult, type Protocol } from './common.js';
import { probeImap } from './imap.js';
import { probePop3 } from './pop3.js';
import { probeSmtp, type SmtpProbeOptions } from './smtp.js';
import { SECURITY_NAMES } from './texts.js';
import { maskDeep, mergeSecretForms, passwordForms, type SecretForms } from '../core/secrets.js';

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

/**
 * Probe several servers of one protocol in one report: the targets, how many at once (default 4), and whether to add
 * each transcript as a finding.
 */
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
  const secrets = mergeSecretForms(...opts.targets.map((t) => passwordForms(t.user, t.password)));
  return { report: scrubReport(report, secrets), results };
}

/**
 * The closing sentence per host. Several ports: which one to put in the mail program (the first that works, in
 * order). One port: does it work as set, and if not, its first error in one sentence.
 */
function recommendations(results: ProbeResult[]): Finding[] {
  const out: Finding[] = [];
  const hosts = [...new Set(results.map((r) => r.host))];
  for (const host of hosts) {
    const mine = results.filter((r) => r.host === host);
    const check = `probe.${mine[0]!.protocol}.recommendation`;
    if (mine.length === 1) {
      out.push(verdict(mine[0]!, check));
      continue;
    }
    const working = mine.filter(works);
    // For sending from a mail program, a port that offers login (submission) beats one that does not (port 25).
    const good = working.find((r) => r.protocol !== 'smtp' || (r.authMechanisms ?? []).length > 0) ?? working[0];
    if (good) {
      const security = securityOf(good);
      out.push(finding(check, hasStatus(good, 'warn') ? 'warn' : 'ok', `${host}:${good.port}`, 'recommendPort', { host, port: good.port, security: SECURITY_NAMES[security] }, { data: { port: good.port, security: SECURITY_DATA[security] } }));
    } else {
      // One cause for every port (the name does not resolve, the network is down): say it once, here.
      const firsts = mine.map((r) => r.findings.find((f) => f.status === 'error')?.summary);
      const same = firsts[0] && firsts.every((t) => t?.en === firsts[0]!.en) ? firsts[0] : undefined;
      const p = { host, ports: mine.map((r) => r.port).join(', ') };
      out.push(same ? finding(check, 'error', host, 'recommendNoneSame', { ...p, problem: same }) : finding(check, 'error', host, 'recommendNone', p));
    }
  }
  return out;
}

const hasStatus = (r: ProbeResult, s: Status) => r.findings.some((f) => f.status === s);
const works = (r: ProbeResult) => r.reached && !hasStatus(r, 'error');
/** The security as data (JSON), as the mail programs' settings name it. */
const SECURITY_DATA = { implicit: 'SSL/TLS', starttls: 'STARTTLS', none: 'none' } as const;
const securityOf = (r: ProbeResult): keyof typeof SECURITY_NAMES => (r.tlsMode === 'implicit' ? 'implicit' : r.tls ? 'starttls' : 'none');

function verdict(r: ProbeResult, check: string): Finding {
  const subject = `${r.host}:${r.port}`;
  const security = securityOf(r);
  const p = { host: r.host, port: r.port, security: SECURITY_NAMES[security] };
  const firstError = r.findings.find((f) => f.status === 'error');
  if (firstError || !r.reached) {
    // A session that ended early (refused, stalled, wrong TLS mode) "does not work"; one that ran to the end
    // works as a connection and has a problem further on (login, certificate, a refused address).
    const key = r.reached ? 'verdictAnswersBut' : 'verdictFails';
    return finding(check, 'error', subject, key, { ...p, problem: firstError?.summary ?? tx('no answer.', 'brak odpowiedzi.') }, { data: { port: r.port, works: false } });
  }
  const warn = hasStatus(r, 'warn');
  return finding(check, warn ? 'warn' : 'ok', subject, warn ? 'verdictWorksWarn' : 'verdictWorks', p, { data: { port: r.port, security: SECURITY_DATA[security], works: true } });
}

function stripForReport(r: ProbeResult): Omit<ProbeResult, 'findings'> {
  const { findings: _f, ...rest } = r;
  void _f;
  return rest;
}

/** Deep copy of a report with every secret form replaced. */
export function scrubReport(report: Report, secrets: SecretForms | readonly string[]): Report {
  return maskDeep(report, Array.isArray(secrets) ? { anywhere: [...secrets], positional: [] } : secrets as SecretForms);
}

function summaryTable(protocol: Protocol, results: ProbeResult[]): Table {
  const worst = (r: ProbeResult) => (r.findings.some((f) => f.status === 'error') ? '✖' : r.findings.some((f) => f.status === 'warn') ? '⚠' : '✔');
  return {
    id: 'probe.summary',
    title: tx(`${protocol.toUpperCase()} ports probed`, `Sprawdzone porty ${protocol.toUpperCase()}`),
    columns: [tx('Host:port', 'Serwer:port'), tx('Result', 'Wynik'), tx('TLS', 'TLS'),
      tx('Certificate', 'Certyfikat'), tx('Login', 'Logowanie')],
    rows: results.map((r) => [
      `${r.host}:${r.port}`,
      worst(r),
      r.tls ? `${r.tlsMode === 'implicit' ? 'SSL' : 'STARTTLS'} ${r.tls.protocol.replace('TLSv', '')}` : r.reached ? 'none' : '-',
      r.tls ? `${r.tls.daysLeft} d${r.tls.nameMatches ? '' : ', name ✖'}${r.tls.selfSigned ? ', self-signed' : !r.tls.trusted ? ', untrusted' : ''}` : '-',
      r.authenticated === undefined ? '-' : r.authenticated ? 'OK' : '✖',
    ]),
  };
}

/** Test one mail server (SMTP, IMAP or POP3; with a login when a password is given) into a Report. */
export async function checkServer(options: AnyProbeOptions & { protocol: Protocol; transcript?: boolean }, deps: NetDeps = {}): Promise<Report> {
  const { protocol, transcript, ...target } = options;
  return (await probeMany({ protocol, targets: [target], ...(transcript ? { transcript } : {}) }, deps)).report;
}
