/**
 * The POP3 probe: greeting, CAPA, STLS or implicit TLS with certificate checks, USER/PASS login, STAT, and the
 * reminder that POP3 sees only the inbox (the Spam folder is not visible this way).
 */
import type { Finding } from '../core/finding.js';
import { LineConnection, ProbeError, REPLY_LINES_LIMIT, openConnection, type NetDeps, type Phase } from './connection.js';
import {
  depsClock, failureFinding, finding, resolveTlsMode, shortReply, timeoutsOf, tlsFindings,
  type ProbeOptions, type ProbeResult,
} from './common.js';
import { inspectTls, type TlsInfo } from './tls.js';
import { REDACTED, Transcript } from './transcript.js';

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

function humanBytes(n: number): string {
  return n >= 1048576 ? `${(n / 1048576).toFixed(1)} MiB` : `${Math.round(n / 1024)} KiB`;
}

/** Probe one POP3 server port. Never throws for network trouble: every failure becomes a finding. */
export async function probePop3(o: ProbeOptions, deps: NetDeps = {}): Promise<ProbeResult> {
  const { now, date } = depsClock(deps);
  const started = now();
  const transcript = new Transcript(now);
  transcript.addSecret(o.user, o.password);
  const timeouts = timeoutsOf(o);
  const subject = `${o.host}:${o.port}`;
  const requested = resolveTlsMode(o.tls, o.port);
  const findings: Finding[] = [];
  const result: ProbeResult = {
    protocol: 'pop3', host: o.host, port: o.port, tlsMode: requested === 'auto' ? 'starttls' : requested, reached: false,
    findings, transcript: transcript.lines, durationMs: 0, data: {},
  };
  let conn: LineConnection | undefined;
  let tlsInfo: TlsInfo | undefined;
  let phase: Phase = 'connect';
  const cmd = async (line: string, multi = false, shown?: string): Promise<Pop3Reply> => {
    conn!.write(line, shown);
    return readPop3Reply(conn!, timeouts.command, multi, 'command', now);
  };
  try {
    const opened = await openConnection({
      host: o.host, port: o.port, implicitTls: requested === 'implicit', timeouts,
      tls: { servername: o.host, ...(o.ca ? { ca: o.ca } : {}) }, ...(o.localAddress ? { localAddress: o.localAddress } : {}),
    }, transcript, deps);
    conn = opened.conn;
    findings.push(finding('probe.pop3.connect', 'ok', subject, 'connectOk', { host: o.host, port: o.port, ms: opened.connectMs }));
    if (opened.tlsSocket) tlsInfo = inspectTls(opened.tlsSocket, o.host, date());
    phase = 'banner';
    const tb = now();
    const greet = await readPop3Reply(conn, timeouts.banner, false, 'banner', now);
    const bannerMs = Math.round(now() - tb);
    if (!greet.ok) {
      findings.push(finding('probe.pop3.banner', 'error', subject, 'bannerRejected', { reply: shortReply(greet.text), code: '-ERR' }));
      result.reached = true;
      return finish();
    }
    findings.push(finding('probe.pop3.banner', 'ok', subject, 'bannerOk', { ms: bannerMs, banner: shortReply(greet.text) }));
    if (tlsInfo) findings.push(...tlsFindings('pop3', o, tlsInfo, date()));
    phase = 'command';
    let capa = await cmd('CAPA', true);
    const capsOf = (r: Pop3Reply) => Object.fromEntries(r.lines.map((l) => { const [k, ...rest] = l.split(' '); return [k!.toUpperCase(), rest.join(' ')]; }));
    let caps: Record<string, string> = capa.ok ? capsOf(capa) : {};
    if (!tlsInfo && requested !== 'none') {
      if ('STLS' in caps) {
        const s1 = await cmd('STLS');
        if (!s1.ok) findings.push(finding('probe.pop3.starttls', 'error', subject, 'starttlsRefused', { reply: shortReply(s1.text) }));
        else {
          phase = 'tls';
          if (conn.pending()) findings.push(finding('probe.pop3.starttls.leftover', 'warn', subject, 'starttlsLeftover', { data: shortReply(conn.pending()).slice(0, 80) }));
          const s = await conn.startTls({ servername: o.host, ...(o.ca ? { ca: o.ca } : {}) }, deps);
          tlsInfo = inspectTls(s, o.host, date());
          transcript.add('*', `TLS ${tlsInfo.protocol} ${tlsInfo.cipher}`);
          findings.push(...tlsFindings('pop3', o, tlsInfo, date()));
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
    if (!tlsInfo) {
      if (!('USER' in caps)) findings.push(finding('probe.pop3.plaintext', 'info', subject, 'loginDisabled', { port: o.port, tlsport: 995 }));
      else findings.push(finding('probe.pop3.plaintext', 'warn', subject, 'loginPlainAllowed', { port: o.port }));
    }
    if (o.user && o.password) {
      if (!tlsInfo && requested !== 'none') {
        findings.push(finding('probe.pop3.login', 'unknown', subject, 'authSkippedNoTls'));
      } else {
        if (/[\r\n]/.test(o.password) || /[\r\n]/.test(o.user)) throw new ProbeError('other', 'command', 'user name or password contains a line break');
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
  return finish();

  function finish(): ProbeResult {
    if (tlsInfo) result.tls = tlsInfo;
    result.durationMs = Math.round(now() - started);
    return result;
  }
}
