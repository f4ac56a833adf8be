/**
 * The SMTP probe: connect, greeting, EHLO and every capability, STARTTLS or implicit TLS with the certificate
 * checks, AUTH (PLAIN / LOGIN / CRAM-MD5), optional MAIL FROM / RCPT TO, open-relay test and a real test message.
 */
import { createHmac } from 'node:crypto';
import type { Diagnosis, Finding } from '../core/finding.js';
import { classify } from '../classify/index.js';
import { LineConnection, ProbeError, REPLY_LINES_LIMIT, type NetDeps, type Phase } from './connection.js';
import {
  addDerivedSecret, beginProbe, failureFinding, finding, finishProbe, humanBytes, openProbe, shortReply, tlsFindings, transcriptFinding, upgradeProbe,
  type ProbeOptions, type ProbeResult,
} from './common.js';
import { REDACTED } from './transcript.js';

/** The SMTP AUTH mechanisms the probe can log in with. */
export type SmtpAuthMechanism = 'PLAIN' | 'LOGIN' | 'CRAM-MD5';
/** Strongest first: CRAM-MD5 never sends the password itself; PLAIN and LOGIN do (safe only inside TLS). */
export const SMTP_AUTH_PREFERENCE: readonly SmtpAuthMechanism[] = ['CRAM-MD5', 'PLAIN', 'LOGIN'];

/**
 * SMTP probe options: what to say in EHLO, how to log in, which sender and recipients to try (and whether to really
 * send), the relay test, and from when a slow banner is worth a warning.
 */
export interface SmtpProbeOptions extends ProbeOptions {
  /** Name sent in EHLO (default "mailmedic.invalid"). */
  helo?: string;
  /** Force a mechanism; default the strongest offered. */
  authMechanism?: SmtpAuthMechanism;
  /** MAIL FROM to test (without DATA unless `send`). */
  mailFrom?: string;
  /** RCPT TO addresses to test. */
  rcptTo?: string[];
  /** Send a real short test message (needs mailFrom and rcptTo). */
  send?: boolean;
  /** Test whether the server relays for an outside domain without login (only against the host the user named). */
  relayTest?: boolean;
  /** Outside recipient for the relay test (default relay-test@mailmedic-relay-test.invalid). */
  relayRecipient?: string;
  /** Banner delay from which a warning is given (ms, default 5000). */
  slowBannerMs?: number;
}

/** One SMTP reply, all its lines: the code, the enhanced status if given, and the text. */
export interface SmtpReply {
  code: number;
  /** Enhanced status code of the first line, e.g. "5.7.8". */
  enhanced?: string;
  lines: string[];
  /** The text of all lines without codes, joined by spaces. */
  text: string;
}

/** Read one (multi-line) SMTP reply: every line "ddd-…" until "ddd …"; anything else is garbage. */
export async function readSmtpReply(conn: LineConnection, timeoutMs: number, phase: Phase = 'command', now: () => number = () => performance.now()): Promise<SmtpReply> {
  const end = now() + timeoutMs;
  const lines: string[] = [];
  let code = 0;
  for (;;) {
    const left = Math.max(1, Math.round(end - now()));
    const line = await conn.readLine(left, phase);
    const m = /^(\d{3})([ -]|$)/.exec(line);
    if (!m) throw new ProbeError('garbage', phase, line.slice(0, 200));
    const c = Number(m[1]);
    if (code && c !== code) throw new ProbeError('garbage', phase, `reply code changed inside a multi-line reply: ${line.slice(0, 100)}`);
    code = c;
    lines.push(line);
    if (m[2] !== '-') break;
    if (lines.length >= REPLY_LINES_LIMIT) throw new ProbeError('too-long', phase, `a multi-line reply of over ${REPLY_LINES_LIMIT} lines`);
  }
  const text = lines.map((l) => l.slice(4)).join(' ').trim();
  const em = /^([245]\.\d{1,3}\.\d{1,3})\b/.exec(text);
  return { code, lines, text, ...(em ? { enhanced: em[1] } : {}) };
}

/** EHLO keywords → parameters, e.g. { SIZE: "10240000", AUTH: "PLAIN LOGIN", STARTTLS: "" }. */
export function parseEhlo(reply: SmtpReply): Record<string, string> {
  const caps: Record<string, string> = {};
  for (const l of reply.lines.slice(1)) {
    const body = l.slice(4).trim();
    const sp = body.search(/[ =]/);
    const key = (sp < 0 ? body : body.slice(0, sp)).toUpperCase();
    if (key && /^[A-Z0-9][A-Z0-9-]*$/.test(key)) caps[key] = sp < 0 ? '' : body.slice(sp + 1).trim();
  }
  return caps;
}

/** Pick the mechanism: the one asked for, else the strongest offered. */
export function chooseAuthMechanism(offered: string[], wanted?: SmtpAuthMechanism): SmtpAuthMechanism | undefined {
  if (wanted) return wanted;
  return SMTP_AUTH_PREFERENCE.find((m) => offered.includes(m));
}

function humanSize(bytes: number): string {
  return bytes ? humanBytes(bytes) : 'no stated limit';
}

/** 530 asks for encryption or for a login first; the reply text says which. */
const auth530Key = (r: SmtpReply) => (/tls|encrypt/i.test(r.text) ? 'auth530' : 'auth530Login') as 'auth530' | 'auth530Login';

function replyDiagnosis(r: SmtpReply, command: string): Diagnosis {
  const c = classify({ text: r.text, replyCode: r.code, ...(r.enhanced ? { status: r.enhanced } : {}), command });
  return {
    reason: c.reason, permanence: c.permanence, actor: c.actor, retry: c.permanence === 'temporary' ? 'later' : 'after-fix',
    replyCode: r.code, ...(r.enhanced ? { enhancedCode: r.enhanced } : {}), rule: c.rule,
  };
}

/** "mailmedic explain '…'" for a reply, quoted for a POSIX shell. */
const explainCmd = (r: SmtpReply) => `mailmedic explain '${shortReply(r.lines[0] ?? '').replace(/'/g, "'\\''").slice(0, 160)}'`;
const replyEvidence = (r: SmtpReply) => r.lines.map((l) => ({ kind: 'code' as const, label: 'S', value: l }));

/** Probe one SMTP server port. Never throws for network trouble: every failure becomes a finding. */
export async function probeSmtp(o: SmtpProbeOptions, deps: NetDeps = {}): Promise<ProbeResult> {
  const session = beginProbe('smtp', o, deps);
  const { now, date, timeouts, subject, requested, findings, result } = session;
  let conn: LineConnection | undefined;
  let phase: Phase = 'connect';
  const cmd = async (line: string, shown?: string): Promise<SmtpReply> => {
    conn!.write(line, shown);
    return readSmtpReply(conn!, timeouts.command, 'command', now);
  };
  try {
    conn = await openProbe(session, o, deps);
    // Greeting.
    phase = 'banner';
    const tBanner = now();
    const banner = await readSmtpReply(conn, timeouts.banner, 'banner', now);
    const bannerMs = Math.round(now() - tBanner);
    result.data.banner = banner.lines.join('\n');
    result.data.bannerMs = bannerMs;
    if (banner.code !== 220) {
      findings.push(finding('probe.smtp.banner', 'error', subject, 'bannerRejected', { reply: shortReply(banner.lines), code: banner.code }, { evidence: replyEvidence(banner), diagnosis: replyDiagnosis(banner, 'CONN') }));
      await quit(conn, timeouts.command, now);
      result.reached = true;
      return finishProbe(session);
    }
    const slow = bannerMs >= (o.slowBannerMs ?? 5000);
    findings.push(finding('probe.smtp.banner', slow ? 'warn' : 'ok', subject, slow ? 'bannerSlow' : 'bannerOk', { ms: bannerMs, banner: shortReply(banner.lines[0]!.slice(4)) }, { data: { banner: banner.lines, ms: bannerMs } }));
    if (session.tls) findings.push(...tlsFindings('smtp', o, session.tls, date()));
    // EHLO.
    phase = 'command';
    const helo = o.helo ?? 'mailmedic.invalid';
    let ehlo = await cmd(`EHLO ${helo}`);
    if (ehlo.code !== 250) {
      findings.push(finding('probe.smtp.ehlo', 'error', subject, 'ehloRefused', { reply: shortReply(ehlo.lines) }, { evidence: replyEvidence(ehlo) }));
      const h = await cmd(`HELO ${helo}`);
      if (h.code !== 250) throw new ProbeError('garbage', 'command', `HELO refused: ${shortReply(h.lines)}`);
      await quit(conn, timeouts.command, now);
      result.reached = true;
      return finishProbe(session);
    }
    let caps = parseEhlo(ehlo);
    const plainCaps = caps;
    // STARTTLS.
    if (!session.tls && requested !== 'none') {
      if ('STARTTLS' in caps) {
        const r = await cmd('STARTTLS');
        if (r.code !== 220) {
          findings.push(finding('probe.smtp.starttls', 'error', subject, 'starttlsRefused', { reply: shortReply(r.lines) }, { evidence: replyEvidence(r) }));
        } else {
          phase = 'tls';
          await upgradeProbe(session, conn, o, deps);
          phase = 'command';
          ehlo = await cmd(`EHLO ${helo}`);
          if (ehlo.code !== 250) throw new ProbeError('garbage', 'command', `EHLO after STARTTLS refused: ${shortReply(ehlo.lines)}`);
          caps = parseEhlo(ehlo);
        }
      } else if (requested === 'starttls' || o.port !== 25) {
        findings.push(finding('probe.smtp.starttls', 'error', subject, 'starttlsMissing', { port: o.port }, {
          diagnosis: { reason: 'failedstarttls', permanence: 'permanent', actor: 'your-provider', retry: 'after-fix', rule: 'probe:no-starttls' },
        }));
      } else {
        findings.push(finding('probe.smtp.starttls', 'warn', subject, 'starttlsMissing', { port: o.port }));
      }
    }
    result.capabilities = caps;
    const keys = Object.keys(caps);
    findings.push(finding('probe.smtp.ehlo', 'ok', subject, 'ehloOk', { count: keys.length, list: keys.map((k) => (caps[k] ? `${k} ${caps[k]}` : k)).join(', ') }, {
      evidence: replyEvidence(ehlo), data: { capabilities: caps, before: session.tls ? plainCaps : undefined },
    }));
    // Capabilities whose absence a user can feel (data: keyword → sentence).
    for (const [cap, key] of [['SMTPUTF8', 'noSmtputf8'], ['8BITMIME', 'no8bitmime'], ['ENHANCEDSTATUSCODES', 'noEnhancedCodes']] as const) {
      if (!(cap in caps)) findings.push(finding(`probe.smtp.capability.${cap.toLowerCase()}`, 'info', subject, key));
    }
    if ('SIZE' in caps) findings.push(finding('probe.smtp.size', 'info', subject, 'sizeLimit', { size: humanSize(Number(caps.SIZE) || 0) }, { data: { bytes: Number(caps.SIZE) || 0 } }));
    const mechs = (caps.AUTH ?? '').toUpperCase().split(/\s+/).filter(Boolean);
    const plainMechs = (plainCaps.AUTH ?? '').toUpperCase().split(/\s+/).filter(Boolean);
    result.authMechanisms = mechs;
    if (session.tls && plainCaps !== caps && plainMechs.length && requested !== 'implicit') {
      findings.push(finding('probe.smtp.auth.before-tls', 'warn', subject, 'authBeforeTls', { mechs: plainMechs.join(' ') }));
    } else if (!session.tls && mechs.length) {
      findings.push(finding('probe.smtp.auth.before-tls', 'warn', subject, 'authBeforeTls', { mechs: mechs.join(' ') }));
    }
    if (mechs.length) findings.push(finding('probe.smtp.auth.mechanisms', 'info', subject, 'authMechs', { mechs: mechs.join(', ') }, { data: { mechanisms: mechs } }));
    // Open-relay test (without login, before AUTH).
    if (o.relayTest) await relayTest();
    // AUTH.
    if (o.user && o.password) {
      if (!session.tls && requested !== 'none' && mechs.length) {
        findings.push(finding('probe.smtp.auth', 'unknown', subject, 'authSkippedNoTls'));
      } else if (!mechs.length && !session.tls && 'STARTTLS' in caps) {
        findings.push(finding('probe.smtp.auth', 'error', subject, 'authUnavailableNoTls', {}, { diagnosis: { reason: 'securityerror', permanence: 'permanent', actor: 'you', retry: 'after-fix', rule: 'probe:auth-after-starttls' } }));
      } else if (!mechs.length) {
        findings.push(finding('probe.smtp.auth', 'error', subject, 'authNone', {}, { data: { tls: Boolean(session.tls) } }));
      } else {
        await auth(mechs);
      }
    } else if (mechs.length || o.port !== 25) {
      findings.push(finding('probe.smtp.auth', 'info', subject, 'authNotTried'));
    }
    if (o.user && !o.user.includes('@')) findings.push(finding('probe.smtp.auth.user', 'warn', subject, 'authNoDomain', { user: o.user }));
    // Envelope.
    if (o.mailFrom !== undefined) await envelope();
    await quit(conn, timeouts.command, now);
    result.reached = true;
  } catch (e) {
    findings.push(failureFinding(e, 'smtp', o, requested === 'implicit' ? 'implicit' : phase === 'tls' ? 'starttls' : requested, timeouts));
  } finally {
    conn?.close();
  }
  return finishProbe(session);

  async function auth(mechs: string[]): Promise<void> {
    const mech = chooseAuthMechanism(mechs, o.authMechanism);
    const user = o.user!;
    const pass = o.password!;
    if (!mech || !mechs.includes(mech)) {
      findings.push(finding('probe.smtp.auth', 'error', subject, 'authMechNotOffered', { mech: o.authMechanism ?? '?', mechs: mechs.join(', ') }));
      return;
    }
    let r: SmtpReply;
    if (mech === 'PLAIN') {
      const payload = Buffer.from(`\0${user}\0${pass}`, 'utf8').toString('base64');
      r = await cmd(`AUTH PLAIN ${payload}`, `AUTH PLAIN ${REDACTED}`);
    } else if (mech === 'LOGIN') {
      r = await cmd('AUTH LOGIN');
      if (r.code === 334) r = await cmd(Buffer.from(user, 'utf8').toString('base64'), `${Buffer.from(user, 'utf8').toString('base64')}   [user name: ${user}]`);
      if (r.code === 334) r = await cmd(Buffer.from(pass, 'utf8').toString('base64'), REDACTED);
    } else {
      r = await cmd('AUTH CRAM-MD5');
      if (r.code === 334) {
        const challenge = Buffer.from(r.text.split(' ')[0] ?? '', 'base64').toString('latin1');
        const digest = createHmac('md5', pass).update(challenge, 'latin1').digest('hex');
        const answer = Buffer.from(`${user} ${digest}`, 'utf8').toString('base64');
        // The response can be attacked offline for the password: a server that echoes it must not show it.
        addDerivedSecret(session, [digest, answer, answer.replace(/=+$/, ''), `${user} ${digest}`]);
        r = await cmd(answer, `${REDACTED}   [user name: ${user}, HMAC-MD5 response]`);
      }
    }
    const p = { user, mech, reply: shortReply(r.lines) };
    const ev = replyEvidence(r);
    const dg = replyDiagnosis(r, 'AUTH');
    if (r.code === 235) {
      result.authenticated = true;
      findings.push(finding('probe.smtp.auth', 'ok', subject, 'authOk', p, { data: { mechanism: mech } }));
      return;
    }
    result.authenticated = false;
    // The bounce vocabulary's 'authfailure' is SPF/DKIM/DMARC; a refused login is 'securityerror' (as the classifier says for 535).
    const authDiag: Diagnosis = { ...dg, reason: 'securityerror', actor: 'you', rule: `probe:auth:${r.code}` };
    if (r.code === 535) findings.push(finding('probe.smtp.auth', 'error', subject, 'auth535', p, { evidence: ev, diagnosis: authDiag }));
    else if (r.code === 530) findings.push(finding('probe.smtp.auth', 'error', subject, auth530Key(r), p, { evidence: ev, diagnosis: authDiag }));
    else if (r.code === 538) findings.push(finding('probe.smtp.auth', 'error', subject, 'auth538', p, { evidence: ev, diagnosis: authDiag }));
    else if (r.code === 534 || r.enhanced === '5.7.9') findings.push(finding('probe.smtp.auth', 'error', subject, 'auth534', p, { evidence: ev, diagnosis: authDiag }));
    else if (r.code === 504) findings.push(finding('probe.smtp.auth', 'error', subject, 'auth504', p, { evidence: ev, diagnosis: authDiag }));
    else if (r.code === 454 || r.code === 421) findings.push(finding('probe.smtp.auth', 'warn', subject, 'auth454', p, { evidence: ev, diagnosis: { ...authDiag, permanence: 'temporary', actor: 'your-provider', retry: 'later' } }));
    else findings.push(finding('probe.smtp.auth', 'error', subject, 'authOther', p, { evidence: ev, diagnosis: authDiag }));
    if (r.code === 334) {
      // The exchange is stuck half-way: cancel it as RFC 4954 says.
      conn!.write('*');
      await readSmtpReply(conn!, timeouts.command, 'command', now).catch(() => undefined);
    }
  }

  async function relayTest(): Promise<void> {
    const to = o.relayRecipient ?? 'relay-test@mailmedic-relay-test.invalid';
    const m = await cmd('MAIL FROM:<relay-test@mailmedic-relay-test.invalid>');
    if (m.code === 250) {
      const r = await cmd(`RCPT TO:<${to}>`);
      if (r.code === 250 || r.code === 251) {
        findings.push(finding('probe.smtp.relay', 'error', subject, 'openRelay', {}, { evidence: replyEvidence(r), diagnosis: { reason: 'norelaying', permanence: 'permanent', actor: 'your-provider', retry: 'after-fix', rule: 'probe:open-relay' } }));
      } else {
        findings.push(finding('probe.smtp.relay', 'ok', subject, 'relayNotOpen', { reply: shortReply(r.lines) }, { evidence: replyEvidence(r) }));
      }
    } else {
      findings.push(finding('probe.smtp.relay', 'ok', subject, 'relayNotOpen', { reply: shortReply(m.lines) }, { evidence: replyEvidence(m) }));
    }
    await cmd('RSET');
  }

  async function envelope(): Promise<void> {
    const from = o.mailFrom ?? '';
    const m = await cmd(`MAIL FROM:<${from}>`);
    if (m.code !== 250) {
      const key = m.code === 530 ? auth530Key(m) : 'mailFromRejected';
      findings.push(finding('probe.smtp.mail-from', 'error', subject, key, { addr: from, reply: shortReply(m.lines) }, { evidence: replyEvidence(m), diagnosis: replyDiagnosis(m, 'MAIL'), seeAlso: [explainCmd(m)] }));
      await cmd('RSET').catch(() => undefined);
      return;
    }
    findings.push(finding('probe.smtp.mail-from', 'ok', subject, 'mailFromOk', { addr: from }, { evidence: replyEvidence(m) }));
    let accepted = 0;
    for (const to of (o.rcptTo ?? []).slice(0, 20)) {
      const r = await cmd(`RCPT TO:<${to}>`);
      if (r.code === 250 || r.code === 251) {
        accepted++;
        findings.push(finding('probe.smtp.rcpt', 'ok', subject, 'rcptOk', { addr: to }, { evidence: replyEvidence(r) }));
      } else if (/relay access denied/i.test(r.text)) {
        findings.push(finding('probe.smtp.rcpt', 'error', subject, 'relayDenied', { addr: to }, { evidence: replyEvidence(r), diagnosis: { ...replyDiagnosis(r, 'RCPT'), reason: 'norelaying' } }));
      } else {
        findings.push(finding('probe.smtp.rcpt', r.code >= 500 ? 'error' : 'warn', subject, 'rcptRejected', { addr: to, reply: shortReply(r.lines) }, { evidence: replyEvidence(r), diagnosis: replyDiagnosis(r, 'RCPT'), seeAlso: [explainCmd(r)] }));
      }
    }
    if (o.send && accepted) {
      const d = await cmd('DATA');
      if (d.code === 354) {
        const id = `${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}@mailmedic`;
        const msg = [
          `From: <${from}>`, `To: <${(o.rcptTo ?? [])[0]}>`, 'Subject: mailmedic test message', `Message-ID: <${id}>`,
          `Date: ${date().toUTCString().replace('GMT', '+0000')}`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '',
          'This is a test message sent by mailmedic probe --send.', 'To jest wiadomość testowa wysłana przez mailmedic probe --send.',
        ];
        for (const l of msg) conn!.write(l.startsWith('.') ? '.' + l : l);
        const r = await cmd('.');
        findings.push(finding('probe.smtp.send', r.code === 250 ? 'ok' : 'error', subject, r.code === 250 ? 'sendOk' : 'sendRejected', { reply: shortReply(r.lines) }, {
          evidence: replyEvidence(r), ...(r.code === 250 ? {} : { diagnosis: replyDiagnosis(r, 'DATA') }), data: { messageId: id },
        }));
      } else {
        findings.push(finding('probe.smtp.send', 'error', subject, 'sendRejected', { reply: shortReply(d.lines) }, { evidence: replyEvidence(d), diagnosis: replyDiagnosis(d, 'DATA') }));
      }
    } else {
      await cmd('RSET');
    }
  }
}

async function quit(conn: LineConnection, timeoutMs: number, now: () => number): Promise<void> {
  try {
    conn.write('QUIT');
    await readSmtpReply(conn, Math.min(timeoutMs, 5000), 'command', now);
  } catch { /* a server that hangs up on QUIT is fine */ }
}

export { transcriptFinding };
