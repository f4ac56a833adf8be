/**
 * The POP3 probe: greeting, CAPA, STLS or implicit TLS with certificate checks, USER/PASS login, STAT, and the
 * reminder that POP3 sees only the inbox (the Spam folder is not visible this way).
 */
import type { Finding } from '../core/finding.js';
import { LineConnection, ProbeError, REPLY_LINES_LIMIT, type NetDeps, type Phase } from './connection.js';
import {
  assertNoLineBreaks, beginProbe, failureFinding, finding, finishProbe, humanBytes, openProbe, shortReply, tlsFindings, upgradeProbe,
  type ProbeOptions, type ProbeResult,
} from './common.js';
import { REDACTED } from './transcript.js';

/** One POP3 reply: +OK or -ERR, its text, and the lines of a multi-line answer. */
export interface Pop3Reply {
  ok: boolean;
  text: string;
  /** Lines of a multi-line answer (CAPA, LIST), dot-unstuffed, without the final ".". */
  lines: string[];
}

/** Read "+OK …" / "-ERR …" and, when `multi`, the lines up to ".". Bounded in lines and time. */
export async function readPop3Reply(conn: LineConnection, timeoutMs: number, multi: boolean, phase: Phase = 'command', now: () => number = () => performance.now()): Promise<Pop3Reply> {
  const end = now() + timeoutMs;
  const left = () => Math.max(1, Math.round(end - now()));
  const first = await conn.readLine(left(), phase);
  const m = /^(\+OK|-ERR)\b ?(.*)$/i.exec(first);
  if (!m) throw new ProbeError('garbage', phase, first.slice(0, 200));
  const ok = m[1]!.toUpperCase() === '+OK';
  const lines: string[] = [];
  if (ok && multi) {
    for (;;) {
      const l = await conn.readLine(left(), phase);
      if (l === '.') break;
      lines.push(l.startsWith('..') ? l.slice(1) : l);
      if (lines.length > REPLY_LINES_LIMIT) throw new ProbeError('too-long', phase, `a multi-line reply of over ${REPLY_LINES_LIMIT} lines`);
    }
  }
  return { ok, text: m[2] ?? '', lines };
}

/** Probe one POP3 server port. Never throws for network trouble: every failure becomes a finding. */
export async function probePop3(o: ProbeOptions, deps: NetDeps = {}): Promise<ProbeResult> {
  const session = beginProbe('pop3', o, deps);
  const { now, date, timeouts, subject, requested, findings, result } = session;
  let conn: LineConnection | undefined;
  let phase: Phase = 'connect';
  const cmd = async (line: string, multi = false, shown?: string): Promise<Pop3Reply> => {
    conn!.write(line, shown);
    return readPop3Reply(conn!, timeouts.command, multi, 'command', now);
  };
  try {
    conn = await openProbe(session, o, deps);
    phase = 'banner';
    const tb = now();
    const greet = await readPop3Reply(conn, timeouts.banner, false, 'banner', now);
    const bannerMs = Math.round(now() - tb);
    if (!greet.ok) {
      findings.push(finding('probe.pop3.banner', 'error', subject, 'bannerRejected', { reply: shortReply(greet.text), code: '-ERR' }));
      result.reached = true;
      return finishProbe(session);
    }
    findings.push(finding('probe.pop3.banner', 'ok', subject, 'bannerOk', { ms: bannerMs, banner: shortReply(greet.text) }));
    if (session.tls) findings.push(...tlsFindings('pop3', o, session.tls, date()));
    phase = 'command';
    let capa = await cmd('CAPA', true);
    const capsOf = (r: Pop3Reply) => Object.fromEntries(r.lines.map((l) => { const [k, ...rest] = l.split(' '); return [k!.toUpperCase(), rest.join(' ')]; }));
    let caps: Record<string, string> = capa.ok ? capsOf(capa) : {};
    if (!session.tls && requested !== 'none') {
      if ('STLS' in caps) {
        const s1 = await cmd('STLS');
        if (!s1.ok) findings.push(finding('probe.pop3.starttls', 'error', subject, 'starttlsRefused', { reply: shortReply(s1.text) }));
        else {
          phase = 'tls';
          await upgradeProbe(session, conn, o, deps);
          phase = 'command';
          capa = await cmd('CAPA', true);
          caps = capa.ok ? capsOf(capa) : {};
        }
      } else {
        findings.push(finding('probe.pop3.starttls', 'error', subject, 'starttlsMissing', { port: o.port }));
      }
    }
    result.capabilities = caps;
    result.authMechanisms = (caps.SASL ?? '').split(/\s+/).filter(Boolean);
    findings.push(finding('probe.pop3.capabilities', 'info', subject, 'capabilities', { list: Object.keys(caps).join(' ') || '-' }, { data: { capabilities: caps } }));
    if (!session.tls) {
      if (!('USER' in caps)) findings.push(finding('probe.pop3.plaintext', 'info', subject, 'loginDisabled', { port: o.port, tlsport: 995 }));
      else findings.push(finding('probe.pop3.plaintext', 'warn', subject, 'loginPlainAllowed', { port: o.port }));
    }
    if (o.user && o.password) {
      if (!session.tls && requested !== 'none') {
        findings.push(finding('probe.pop3.login', 'unknown', subject, 'authSkippedNoTls'));
      } else {
        assertNoLineBreaks(o);
        let r: Pop3Reply;
        const sasl = (caps.SASL ?? '').toUpperCase().split(/\s+/);
        if (!('USER' in caps) && sasl.includes('PLAIN')) {
          // No USER/PASS offered: SASL PLAIN with the initial response (RFC 5034).
          const payload = Buffer.from(`\0${o.user}\0${o.password}`, 'utf8').toString('base64');
          r = await cmd(`AUTH PLAIN ${payload}`, false, `AUTH PLAIN ${REDACTED}`);
        } else {
          r = await cmd(`USER ${o.user}`);
          if (r.ok) r = await cmd(`PASS ${o.password}`, false, `PASS ${REDACTED}`);
        }
        if (r.ok) {
          result.authenticated = true;
          findings.push(finding('probe.pop3.login', 'ok', subject, 'loginOk', { user: o.user }));
          const st = await cmd('STAT');
          const m = /^(\d+) (\d+)/.exec(st.text);
          if (st.ok && m) {
            result.data.messages = Number(m[1]);
            result.data.bytes = Number(m[2]);
            findings.push(finding('probe.pop3.mailbox', 'info', subject, 'pop3Mailbox', { count: Number(m[1]), size: humanBytes(Number(m[2])) }, { data: { messages: Number(m[1]), bytes: Number(m[2]) } }));
          }
          findings.push(finding('probe.pop3.spam', 'info', subject, 'pop3NoSpam', {}, { seeAlso: [`mailmedic probe imap ${o.host}`] }));
        } else {
          result.authenticated = false;
          const disabled = /plaintext|ssl|tls/i.test(r.text);
          findings.push(disabled
            ? finding('probe.pop3.login', 'error', subject, 'loginDisabled', { port: o.port, tlsport: 995 }, { evidence: [{ kind: 'code', value: `-ERR ${r.text}` }] })
            : finding('probe.pop3.login', 'error', subject, 'loginFailed', { user: o.user, reply: shortReply(r.text) }, {
              diagnosis: { reason: 'securityerror', permanence: 'permanent', actor: 'you', retry: 'after-fix', rule: 'probe:pop3:login' },
            }));
        }
      }
      if (!o.user.includes('@')) findings.push(finding('probe.pop3.user', 'warn', subject, 'authNoDomain', { user: o.user }));
    } else {
      findings.push(finding('probe.pop3.login', 'info', subject, 'authNotTried'));
    }
    try { await cmd('QUIT'); } catch { /* fine */ }
    result.reached = true;
  } catch (e) {
    findings.push(failureFinding(e, 'pop3', o, requested === 'implicit' ? 'implicit' : requested, timeouts));
  } finally {
    conn?.close();
  }
  return finishProbe(session);
}
