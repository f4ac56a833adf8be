/** Shared pieces of the SMTP, IMAP and POP3 probes: options, results, findings from failures and TLS. */
import type { Actor, Evidence, Finding, Status, Text } from '../core/finding.js';
import { fill, type TextParams } from '../i18n/text.js';
import { DEFAULT_TIMEOUTS, LineConnection, ProbeError, openConnection, type NetDeps, type Timeouts, type TlsOptions } from './connection.js';
import { PHASE_NAMES, PROBE_TEXTS, VERIFY_ERROR_OTHER, VERIFY_ERRORS, type ProbeTextKey, type Say } from './texts.js';
import { inspectTls, type TlsInfo } from './tls.js';
import { maskDeep, mergeSecretForms, passwordForms, type SecretForms } from '../core/secrets.js';
import { formatLine, Transcript, type TranscriptLine } from './transcript.js';

/** The protocols a server can be probed with: sending (SMTP) and receiving (IMAP, POP3). */
export type Protocol = 'smtp' | 'imap' | 'pop3';
/** implicit: TLS from the first byte; starttls: upgrade (required); none: stay plain; auto: by port, STARTTLS if offered. */
export type TlsMode = 'implicit' | 'starttls' | 'none' | 'auto';

/** What to test: host, port, TLS mode, an optional login (the password is used once, never shown), timeouts. */
export interface ProbeOptions {
  host: string;
  port: number;
  /** Default 'auto': implicit TLS on 465, 993 and 995, otherwise STARTTLS when offered. */
  tls?: TlsMode;
  /** Log in as this user with `password`; without both, the probe does not log in. */
  user?: string;
  /** Never logged; redacted from every transcript line. */
  password?: string;
  /** Extra trusted CA certificates (PEM). */
  ca?: string | string[];
  /** Local address to connect from (a machine with several). */
  localAddress?: string;
  /** Per-phase timeouts in ms; each one left out is DEFAULT_TIMEOUTS'. */
  timeouts?: Partial<Timeouts>;
  /** Days before expiry from which a certificate gets a warning (default 14). */
  certWarnDays?: number;
}

/**
 * What one probe session found: how far it got, the findings, the redacted transcript, the TLS details, the server's
 * capabilities and whether the login worked.
 */
export interface ProbeResult {
  protocol: Protocol;
  host: string;
  port: number;
  tlsMode: Exclude<TlsMode, 'auto'>;
  /** Did the session reach its end without a network failure? */
  reached: boolean;
  findings: Finding[];
  transcript: TranscriptLine[];
  tls?: TlsInfo;
  /** Capabilities as the server listed them (EHLO keywords / IMAP / POP3 CAPA), upper-cased keyword → rest. */
  capabilities?: Record<string, string>;
  authMechanisms?: string[];
  authenticated?: boolean;
  durationMs: number;
  /** Protocol-specific data (banner, folders, mailbox size…). */
  data: Record<string, unknown>;
}

export const IMPLICIT_TLS_PORTS = new Set([465, 993, 995]);

export function timeoutsOf(o: ProbeOptions): Timeouts {
  return { ...DEFAULT_TIMEOUTS, ...(o.timeouts ?? {}) };
}

export function resolveTlsMode(mode: TlsMode | undefined, port: number): Exclude<TlsMode, 'auto'> | 'auto' {
  if (mode && mode !== 'auto') return mode;
  return IMPLICIT_TLS_PORTS.has(port) ? 'implicit' : 'auto';
}

export type { TextParams } from '../i18n/text.js';

/** A finding from a text entry. */
export function finding(
  check: string, status: Status, subject: string, key: ProbeTextKey, params: TextParams = {},
  extra: Partial<Finding> = {},
): Finding {
  const t = PROBE_TEXTS[key] as Say;
  const f: Finding = { check, status, subject, summary: fill(t.summary, params) };
  if (t.detail) f.detail = fill(t.detail, params);
  if (t.advice?.length) f.advice = t.advice.map((a) => fill(a, params));
  return { ...f, ...extra };
}

/**
 * OpenSSL errors read like "80BC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…/ssl3_record.c:350:";
 * the reason words are what a person can use. Bounded input and quantifiers: no backtracking blow-up.
 */
export function tlsErrorText(message: string): string {
  const m = /SSL routines:[^:\n]{0,100}:([^:\n]{1,160})/.exec(message.slice(0, 2000));
  return (m ? m[1]! : message.slice(0, 300)).replace(/\s+/g, ' ').trim();
}

/** Short printable form of a reply: first line, clipped, control characters removed. */
export function shortReply(lines: string[] | string): string {
  const s = (Array.isArray(lines) ? lines.join(' / ') : lines).replace(/[\x00-\x1f\x7f]/g, ' ');
  return s.length > 200 ? s.slice(0, 200) + '…' : s;
}

/** Turn a network failure into one finding that says what went wrong and the likely cause. */
export function failureFinding(e: unknown, protocol: Protocol, o: ProbeOptions, mode: string, timeouts: Timeouts): Finding {
  const subject = `${o.host}:${o.port}`;
  const check = `probe.${protocol}.${e instanceof ProbeError ? e.phase : 'connect'}`;
  const err = e instanceof ProbeError ? e : new ProbeError('other', 'connect', (e as Error)?.message ?? String(e));
  const p = { host: o.host, port: o.port, error: err.phase === 'tls' ? tlsErrorText(err.message) : err.message, code: err.code ?? err.kind, protocol: protocol.toUpperCase(), phase: '' };
  const ev: Evidence[] = [{ kind: 'text', label: `${err.phase}/${err.kind}`, value: err.message }];
  const diag = (reason: 'networkerror' | 'hostunknown' | 'blocked' | 'securityerror' | 'systemerror', actor: Actor) => ({
    reason, permanence: 'unknown' as const, actor, retry: 'after-fix' as const, rule: `probe:${err.phase}:${err.kind}`,
  });
  if (err.phase === 'dns' || err.kind === 'dns') {
    return finding(check, 'error', subject, 'connectDns', p, { evidence: ev, diagnosis: diag('hostunknown', 'you') });
  }
  if (err.phase === 'connect') {
    if (err.kind === 'refused') return finding(check, 'error', subject, 'connectRefused', p, { evidence: ev, diagnosis: diag('networkerror', 'your-provider') });
    if (err.kind === 'timeout') {
      if (o.port === 25 && protocol === 'smtp') return finding(check, 'error', subject, 'connectTimeout25', p, { evidence: ev, diagnosis: diag('blocked', 'network') });
      return finding(check, 'error', subject, 'connectTimeout', { ...p, ms: timeouts.connect }, { evidence: ev, diagnosis: diag('networkerror', 'network') });
    }
    if (err.kind === 'unreachable') return finding(check, 'error', subject, 'connectUnreachable', p, { evidence: ev, diagnosis: diag('networkerror', 'network') });
    return finding(check, 'error', subject, 'connectOther', p, { evidence: ev });
  }
  if (err.phase === 'tls') {
    // A plain-text greeting where a TLS record was expected: the classic "SSL on 587" mistake.
    if (mode === 'implicit' && /wrong version number|packet length too long|unknown protocol|record layer/i.test(err.message)) {
      return finding(check, 'error', subject, 'tlsPlainPort', p, { evidence: ev, diagnosis: diag('securityerror', 'you') });
    }
    if (err.kind === 'timeout') return finding(check, 'error', subject, 'stalled', { ...p, phase: PHASE_NAMES.tls, ms: timeouts.tls }, { evidence: ev });
    return finding(check, 'error', subject, 'tlsFailed', p, { evidence: ev, diagnosis: diag('securityerror', 'your-provider') });
  }
  if (err.kind === 'timeout') {
    if (err.phase === 'banner' && mode !== 'implicit' && IMPLICIT_TLS_PORTS.has(o.port)) {
      return finding(check, 'error', subject, 'bannerTimeoutImplicitPort', p, { evidence: ev, diagnosis: diag('securityerror', 'you') });
    }
    const ms = err.phase === 'banner' ? timeouts.banner : timeouts.command;
    const f = finding(check, 'error', subject, 'stalled', { ...p, phase: PHASE_NAMES[err.phase], ms }, { evidence: ev });
    // A silent greeting is also what an implicit-TLS port does to a plain client: say so.
    if (err.phase === 'banner' && mode !== 'implicit') f.advice = [...(f.advice ?? []), PROBE_TEXTS.maybeImplicitTls.summary];
    return f;
  }
  if (err.kind === 'closed' || err.kind === 'reset') {
    return finding(check, 'error', subject, 'closed', { ...p, phase: PHASE_NAMES[err.phase] }, { evidence: ev });
  }
  if (err.kind === 'too-long') return finding(check, 'error', subject, 'tooLong', p, { evidence: ev });
  if (err.kind === 'garbage') return finding(check, 'error', subject, 'garbage', { ...p, line: err.message.slice(0, 80) }, { evidence: ev });
  return finding(check, 'error', subject, 'connectOther', p, { evidence: ev });
}

/** Findings about an established TLS session: version, certificate validity, name, trust. */
export function tlsFindings(protocol: Protocol, o: ProbeOptions, info: TlsInfo, today: Date): Finding[] {
  const subject = `${o.host}:${o.port}`;
  const out: Finding[] = [];
  const c = `probe.${protocol}.tls`;
  const leaf = info.chain[0];
  const names = leaf?.names.join(', ') || '(none)';
  // The fingerprint without colons (64 characters) fits an 80-column terminal on one line; tls.chain keeps the usual form.
  const ev: Evidence[] = info.chain.map((x, i) => ({
    kind: 'certificate', label: i === 0 ? 'leaf' : `chain[${i}]`,
    value: `subject: ${x.subject}; issuer: ${x.issuer}; names: ${x.names.join(', ')}; valid ${x.validFrom.slice(0, 10)} – ${x.validTo.slice(0, 10)}; sha256 ${x.fingerprint256.replaceAll(':', '')}`,
  }));
  const old = /^(SSLv|TLSv1$|TLSv1\.1$)/.test(info.protocol);
  out.push(finding(`${c}.version`, old ? 'error' : 'ok', subject, old ? 'tlsOld' : 'tlsOk', { protocol: info.protocol, cipher: info.cipher }, { data: { protocol: info.protocol, cipher: info.cipher } }));
  const date = leaf?.validTo.slice(0, 10) ?? '?';
  let certBad = false;
  if (info.daysLeft < 0) {
    certBad = true;
    out.push(finding(`${c}.expired`, 'error', subject, 'certExpired', { days: daysText(-info.daysLeft), date }, { evidence: ev, diagnosis: { reason: 'securityerror', permanence: 'permanent', actor: 'your-provider', retry: 'after-fix', rule: 'tls:expired' } }));
  } else if (info.notYetValid) {
    certBad = true;
    out.push(finding(`${c}.not-yet-valid`, 'error', subject, 'certNotYetValid', { date: leaf?.validFrom.slice(0, 10) ?? '?' }, { evidence: ev }));
  } else if (info.daysLeft < (o.certWarnDays ?? 14)) {
    certBad = true;
    out.push(finding(`${c}.expiring`, 'warn', subject, 'certExpiring', { days: daysText(info.daysLeft), date }, { evidence: ev }));
  }
  if (!info.nameMatches) {
    certBad = true;
    const isIp = /^[\d.]+$|:/.test(o.host);
    out.push(finding(`${c}.name`, isIp ? 'warn' : 'error', subject, isIp ? 'certIpHost' : 'certWrongName', { host: o.host, names }, {
      evidence: ev, data: { names: leaf?.names ?? [], error: info.nameError },
      ...(isIp ? {} : { diagnosis: { reason: 'securityerror', permanence: 'permanent', actor: 'you', retry: 'after-fix', rule: 'tls:name-mismatch' } }),
    }));
  }
  if (info.selfSigned) {
    certBad = true;
    out.push(finding(`${c}.self-signed`, 'warn', subject, 'certSelfSigned', {}, { evidence: ev }));
  } else if (!info.trusted && !['CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID', 'CERT_NOT_YET_VALID'].includes(info.verifyError ?? '')) {
    certBad = true;
    out.push(finding(`${c}.untrusted`, 'warn', subject, 'certUntrusted', { error: info.verifyError ?? 'unknown', why: VERIFY_ERRORS[info.verifyError ?? ''] ?? VERIFY_ERROR_OTHER }, { evidence: ev }));
  }
  if (!certBad) out.push(finding(`${c}.certificate`, 'ok', subject, 'certOk', { host: o.host, days: daysText(info.daysLeft) }, { evidence: ev }));
  void today;
  return out;
}

/** A transcript as one evidence-bearing finding (only when the user asks for --transcript). */
export function transcriptFinding(protocol: Protocol, o: ProbeOptions, lines: TranscriptLine[]): Finding {
  return finding(`probe.${protocol}.transcript`, 'info', `${o.host}:${o.port}`, 'transcript', { host: o.host, port: o.port, lines: lines.length }, {
    evidence: lines.map((l) => ({ kind: 'transcript' as const, label: l.dir, value: l.text, atMs: l.atMs })),
  });
}

export function formatTranscript(lines: TranscriptLine[]): string {
  return lines.map(formatLine).join('\n');
}

export function depsClock(deps: NetDeps): { now: () => number; date: () => Date } {
  return { now: deps.now ?? (() => performance.now()), date: deps.date ?? (() => new Date()) };
}

/** "1 day" / "1 dzień", else "n days" / "n dni" (Polish uses "dni" for every count but one). */
export function daysText(n: number): Text {
  return n === 1 ? { en: '1 day', pl: '1 dzień' } : { en: `${n} days`, pl: `${n} dni` };
}

/** A size for people: KiB below one MiB, else MiB with one decimal. */
export function humanBytes(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

/**
 * What every protocol probe keeps while it runs — clock, transcript (secrets registered), timeouts, the TLS mode
 * asked for, the findings and the result being built — so that SMTP, IMAP and POP3 start, upgrade and finish alike.
 */
export interface ProbeSession {
  protocol: Protocol;
  now: () => number;
  date: () => Date;
  started: number;
  transcript: Transcript;
  timeouts: Timeouts;
  subject: string;
  requested: Exclude<TlsMode, 'auto'> | 'auto';
  findings: Finding[];
  result: ProbeResult;
  tls?: TlsInfo;
  /** Every form of the password (src/core/secrets.ts), masked in the result when the probe ends. */
  secrets: SecretForms;
}

export function beginProbe(protocol: Protocol, o: ProbeOptions, deps: NetDeps): ProbeSession {
  const { now, date } = depsClock(deps);
  const started = now();
  const transcript = new Transcript(now);
  transcript.addSecret(o.user, o.password);
  const requested = resolveTlsMode(o.tls, o.port);
  const findings: Finding[] = [];
  const result: ProbeResult = {
    protocol, host: o.host, port: o.port, tlsMode: requested === 'auto' ? 'starttls' : requested, reached: false,
    findings, transcript: transcript.lines, durationMs: 0, data: {},
  };
  return { protocol, now, date, started, transcript, timeouts: timeoutsOf(o), subject: `${o.host}:${o.port}`, requested, findings, result, secrets: passwordForms(o.user, o.password) };
}

const tlsTarget = (o: ProbeOptions): TlsOptions => ({ servername: o.host, ...(o.ca ? { ca: o.ca } : {}) });

/** Connect (implicit TLS included) and record the connect finding; TLS findings wait for the greeting. */
export async function openProbe(s: ProbeSession, o: ProbeOptions, deps: NetDeps): Promise<LineConnection> {
  const opened = await openConnection({
    host: o.host, port: o.port, implicitTls: s.requested === 'implicit', timeouts: s.timeouts, tls: tlsTarget(o),
    ...(o.localAddress ? { localAddress: o.localAddress } : {}),
  }, s.transcript, deps);
  s.findings.push(finding(`probe.${s.protocol}.connect`, 'ok', s.subject, 'connectOk', { host: o.host, port: o.port, ms: opened.connectMs }, { data: { address: opened.address, connectMs: opened.connectMs } }));
  if (opened.tlsSocket) noteTls(s, inspectTls(opened.tlsSocket, o.host, s.date()));
  return opened.conn;
}

/** After the server agreed to STARTTLS/STLS: warn about injected bytes, shake hands, check the certificate. */
export async function upgradeProbe(s: ProbeSession, conn: LineConnection, o: ProbeOptions, deps: NetDeps): Promise<void> {
  if (conn.pending()) s.findings.push(finding(`probe.${s.protocol}.starttls.leftover`, 'warn', s.subject, 'starttlsLeftover', { data: shortReply(conn.pending()).slice(0, 80) }));
  noteTls(s, inspectTls(await conn.startTls(tlsTarget(o), deps), o.host, s.date()));
  s.findings.push(...tlsFindings(s.protocol, o, s.tls!, s.date()));
}

function noteTls(s: ProbeSession, info: TlsInfo): void {
  s.tls = info;
  s.transcript.add('*', `TLS ${info.protocol} ${info.cipher}`);
}

/** Forms derived from the password during the session (a CRAM-MD5 response): masked in transcript and result. */
export function addDerivedSecret(s: ProbeSession, forms: string[]): void {
  const f: SecretForms = { anywhere: forms.filter((x) => x.length >= 8), positional: [] };
  s.secrets = mergeSecretForms(s.secrets, f);
  s.transcript.addForms(f);
}

/** A user name or password with a line break would smuggle a second command into a line protocol. */
export function assertNoLineBreaks(o: ProbeOptions): void {
  if (/[\r\n]/.test(o.password ?? '') || /[\r\n]/.test(o.user ?? '')) throw new ProbeError('other', 'command', 'user name or password contains a line break');
}

/**
 * Close the result. The transcript is redacted on the way in, but a server may quote the password back in a
 * reply that ends up in a finding (garbage, an error text): scrub every string of findings and data as well.
 */
export function finishProbe(s: ProbeSession): ProbeResult {
  if (s.tls) s.result.tls = s.tls;
  s.result.durationMs = Math.round(s.now() - s.started);
  if (s.secrets.anywhere.length || s.secrets.positional.length) {
    s.findings.splice(0, s.findings.length, ...maskDeep(s.findings, s.secrets));
    s.result.data = maskDeep(s.result.data, s.secrets);
  }
  return s.result;
}
