/**
 * The IMAP probe: greeting, CAPABILITY, STARTTLS or implicit TLS with certificate checks, LOGINDISABLED,
 * LOGIN, and the folder list with message counts, saying where the Spam/Junk folder is.
 */
import type { Finding } from '../core/finding.js';
import { LineConnection, ProbeError, REPLY_LINES_LIMIT, type NetDeps, type Phase } from './connection.js';
import {
  assertNoLineBreaks, beginProbe, failureFinding, finding, finishProbe, openProbe, shortReply, tlsFindings, upgradeProbe,
  type ProbeOptions, type ProbeResult,
} from './common.js';
import { REDACTED } from './transcript.js';

/** IMAP probe options: how many folders to count messages in. */
export interface ImapProbeOptions extends ProbeOptions {
  /** Most folders to ask STATUS for (default 50). */
  maxFolders?: number;
}

/** A mailbox folder as LIST and STATUS give it: name, flags (\Junk, \Sent …), message and unseen counts. */
export interface ImapFolder {
  name: string;
  flags: string[];
  messages?: number;
  unseen?: number;
}

/**
 * One IMAP command's response: the tagged completion (OK, NO, BAD; or BYE/PREAUTH) and the untagged lines before it.
 */
export interface ImapResponse {
  tag: string;
  status: 'OK' | 'NO' | 'BAD' | 'BYE' | 'PREAUTH';
  text: string;
  untagged: string[];
}

/** Names that mean "spam folder" when the server sets no \Junk flag (several languages). */
const SPAM_NAMES = /^(spam|junk|junk e-?mail|bulk mail|niechciane|wiadomości-śmieci|spam-?folder|courrier indésirable|posta indesiderata)$/i;

/** Read untagged lines until the tagged completion for `tag` (or a BYE). Bounded in lines and time. */
export async function readImapResponse(conn: LineConnection, tag: string, timeoutMs: number, phase: Phase = 'command', now: () => number = () => performance.now()): Promise<ImapResponse> {
  const end = now() + timeoutMs;
  const untagged: string[] = [];
  for (;;) {
    let line = await conn.readLine(Math.max(1, Math.round(end - now())), phase);
    // A literal {n} continues on the next line(s): join them (bounded by the line limit).
    let lit = /\{(\d{1,6})\}$/.exec(line);
    while (lit) {
      let need = Number(lit[1]);
      let body = '';
      while (need > 0) {
        const next = await conn.readLine(Math.max(1, Math.round(end - now())), phase);
        body += next;
        need -= next.length + 2;
      }
      line = line.slice(0, lit.index) + JSON.stringify(body);
      lit = null;
    }
    if (line.startsWith(`${tag} `)) {
      const m = /^\S+ (OK|NO|BAD)\b ?(.*)$/i.exec(line);
      if (!m) throw new ProbeError('garbage', phase, line.slice(0, 200));
      return { tag, status: m[1]!.toUpperCase() as ImapResponse['status'], text: m[2] ?? '', untagged };
    }
    if (line.startsWith('* ')) {
      if (/^\* BYE\b/i.test(line)) return { tag, status: 'BYE', text: line.slice(6), untagged };
      untagged.push(line);
      if (untagged.length > REPLY_LINES_LIMIT * 20) throw new ProbeError('too-long', phase, `over ${REPLY_LINES_LIMIT * 20} lines in one response`);
      continue;
    }
    if (line.startsWith('+')) continue;
    throw new ProbeError('garbage', phase, line.slice(0, 200));
  }
}

/** Parse "* LIST (\HasNoChildren \Junk) "." Junk" → folder. */
export function parseListLine(line: string): ImapFolder | undefined {
  const m = /^\* (?:X?LIST|LSUB) \(([^)]{0,500})\) (?:"(?:[^"\\]|\\.){0,4}"|NIL) (.{1,1000})$/i.exec(line);
  if (!m) return undefined;
  let name = m[2]!.trim();
  if (name.startsWith('"')) {
    try { name = JSON.parse(name) as string; } catch { name = name.slice(1, -1); }
  }
  return { name, flags: m[1]!.split(/\s+/).filter(Boolean) };
}

function parseStatus(line: string): { messages?: number; unseen?: number } {
  const msg = /MESSAGES (\d+)/i.exec(line);
  const un = /UNSEEN (\d+)/i.exec(line);
  return { ...(msg ? { messages: Number(msg[1]) } : {}), ...(un ? { unseen: Number(un[1]) } : {}) };
}

function capsOf(lines: string[], text: string): Record<string, string> {
  const caps: Record<string, string> = {};
  const src = [...lines.filter((l) => /^\* CAPABILITY /i.test(l)).map((l) => l.slice(13)), /\[CAPABILITY ([^\]]{1,4000})\]/i.exec(text)?.[1] ?? ''];
  for (const s of src) for (const w of s.split(/\s+/)) if (w) caps[w.toUpperCase()] = '';
  return caps;
}

/** RFC 5530 response codes of a failed LOGIN → the sentence to say. */
const IMAP_LOGIN_CODES: Record<string, 'imapPrivacyRequired' | 'imapUnavailable' | 'imapContactAdmin' | 'loginFailed'> = {
  PRIVACYREQUIRED: 'imapPrivacyRequired',
  UNAVAILABLE: 'imapUnavailable',
  CONTACTADMIN: 'imapContactAdmin',
  EXPIRED: 'imapContactAdmin',
  AUTHENTICATIONFAILED: 'loginFailed',
  AUTHORIZATIONFAILED: 'loginFailed',
};

const quote = (s: string) => `"${s.replace(/[\\"]/g, (c) => '\\' + c)}"`;

/** Probe one IMAP server port. Never throws for network trouble: every failure becomes a finding. */
export async function probeImap(o: ImapProbeOptions, deps: NetDeps = {}): Promise<ProbeResult> {
  const session = beginProbe('imap', o, deps);
  const { now, date, timeouts, subject, requested, findings, result } = session;
  let conn: LineConnection | undefined;
  let n = 0;
  const cmd = async (line: string, shown?: string): Promise<ImapResponse> => {
    const tag = `a${++n}`;
    conn!.write(`${tag} ${line}`, shown ? `${tag} ${shown}` : undefined);
    return readImapResponse(conn!, tag, timeouts.command, 'command', now);
  };
  try {
    conn = await openProbe(session, o, deps);
    const tb = now();
    const greet = await conn.readLine(timeouts.banner, 'banner');
    const bannerMs = Math.round(now() - tb);
    if (!/^\* (OK|PREAUTH)\b/i.test(greet)) {
      if (/^\* BYE/i.test(greet)) {
        findings.push(finding('probe.imap.banner', 'error', subject, 'bannerRejected', { reply: shortReply(greet), code: 'BYE' }));
        result.reached = true;
        return finishProbe(session);
      }
      throw new ProbeError('garbage', 'banner', greet.slice(0, 200));
    }
    // The capability list in the greeting is reported on its own; the sentence keeps the server's words.
    const greeting = greet.slice(2).replace(/^OK \[CAPABILITY [^\]]{0,4000}\] ?/i, 'OK ');
    findings.push(finding('probe.imap.banner', 'ok', subject, 'bannerOk', { ms: bannerMs, banner: shortReply(greeting) }));
    result.data.banner = greet;
    if (session.tls) findings.push(...tlsFindings('imap', o, session.tls, date()));
    let r = await cmd('CAPABILITY');
    let caps = capsOf(r.untagged, r.text);
    if (!session.tls && requested !== 'none') {
      if ('STARTTLS' in caps) {
        const s1 = await cmd('STARTTLS');
        if (s1.status !== 'OK') {
          findings.push(finding('probe.imap.starttls', 'error', subject, 'starttlsRefused', { reply: shortReply(s1.text) }));
        } else {
          await upgradeProbe(session, conn, o, deps);
          r = await cmd('CAPABILITY');
          caps = capsOf(r.untagged, r.text);
        }
      } else {
        findings.push(finding('probe.imap.starttls', 'error', subject, 'starttlsMissing', { port: o.port }));
      }
    }
    result.capabilities = caps;
    findings.push(finding('probe.imap.capabilities', 'info', subject, 'capabilities', { list: Object.keys(caps).join(' ') }, { data: { capabilities: Object.keys(caps) } }));
    result.authMechanisms = Object.keys(caps).filter((k) => k.startsWith('AUTH=')).map((k) => k.slice(5));
    if (!session.tls) {
      if ('LOGINDISABLED' in caps) findings.push(finding('probe.imap.plaintext', 'info', subject, 'loginDisabled', { port: o.port, tlsport: 993 }));
      else findings.push(finding('probe.imap.plaintext', 'warn', subject, 'loginPlainAllowed', { port: o.port }));
    }
    if (o.user && o.password) {
      // Never send a password in clear text unless the user explicitly chose --tls none.
      if (!session.tls && requested !== 'none') {
        findings.push(finding('probe.imap.login', 'unknown', subject, 'authSkippedNoTls'));
      } else if ('LOGINDISABLED' in caps) {
        findings.push(finding('probe.imap.login', 'error', subject, 'loginDisabled', { port: o.port, tlsport: 993 }));
      } else {
        assertNoLineBreaks(o);
        const lr = await cmd(`LOGIN ${quote(o.user)} ${quote(o.password)}`, `LOGIN ${quote(o.user)} ${REDACTED}`);
        if (lr.status === 'OK') {
          result.authenticated = true;
          findings.push(finding('probe.imap.login', 'ok', subject, 'loginOk', { user: o.user }));
          await folders();
        } else {
          result.authenticated = false;
          // RFC 5530 response codes say why; the rest is "wrong user name or password".
          const code = /^\[([A-Z-]{1,30})\]/i.exec(lr.text)?.[1]?.toUpperCase() ?? '';
          const key = IMAP_LOGIN_CODES[code] ?? 'loginFailed';
          findings.push(finding('probe.imap.login', key === 'imapUnavailable' ? 'warn' : 'error', subject, key, { user: o.user, reply: shortReply(lr.text) }, {
            diagnosis: {
              reason: key === 'imapPrivacyRequired' ? 'securityerror' : key === 'imapUnavailable' ? 'systemerror' : 'securityerror',
              permanence: key === 'imapUnavailable' ? 'temporary' : 'permanent', actor: key === 'loginFailed' || key === 'imapPrivacyRequired' ? 'you' : 'your-provider',
              retry: key === 'imapUnavailable' ? 'later' : 'after-fix', rule: `probe:imap:login:${code || lr.status}`,
            },
          }));
        }
      }
      if (!o.user.includes('@')) findings.push(finding('probe.imap.user', 'warn', subject, 'authNoDomain', { user: o.user }));
    } else {
      findings.push(finding('probe.imap.login', 'info', subject, 'authNotTried'));
    }
    try { await cmd('LOGOUT'); } catch { /* a server that hangs up on LOGOUT is fine */ }
    result.reached = true;
  } catch (e) {
    findings.push(failureFinding(e, 'imap', o, requested === 'implicit' ? 'implicit' : requested, timeouts));
  } finally {
    conn?.close();
  }
  return finishProbe(session);

  async function folders(): Promise<void> {
    const l = await cmd('LIST "" "*"');
    const list = l.untagged.map(parseListLine).filter((x): x is ImapFolder => Boolean(x));
    // The counts are a help, not the diagnosis: all STATUS commands together get one command timeout.
    const until = now() + timeouts.command;
    for (const f of list.slice(0, o.maxFolders ?? 50)) {
      if (f.flags.some((x) => /^\\Noselect$/i.test(x))) continue;
      if (now() > until) {
        result.data.foldersPartial = true;
        break;
      }
      const s = await cmd(`STATUS ${quote(f.name)} (MESSAGES UNSEEN)`);
      const st = s.untagged.find((u) => /^\* STATUS /i.test(u));
      if (st) Object.assign(f, parseStatus(st));
    }
    result.data.folders = list;
    const inbox = list.find((f) => f.name.toUpperCase() === 'INBOX');
    findings.push(finding('probe.imap.folders', 'info', subject, 'folders', { count: list.length, inbox: inbox?.messages ?? '?' }, {
      data: { folders: list },
      evidence: list.map((f) => ({ kind: 'other' as const, label: f.name, value: `${f.flags.join(' ')}${f.messages !== undefined ? ` messages=${f.messages}` : ''}${f.unseen !== undefined ? ` unseen=${f.unseen}` : ''}` })),
    }));
    const spam = list.find((f) => f.flags.some((x) => /^\\Junk$/i.test(x))) ?? list.find((f) => SPAM_NAMES.test(f.name.split(/[./]/).pop() ?? ''));
    if (spam) findings.push(finding('probe.imap.spam', 'info', subject, 'spamFolder', { folder: spam.name, messages: spam.messages ?? '?' }, { data: { folder: spam.name, messages: spam.messages } }));
    else findings.push(finding('probe.imap.spam', 'info', subject, 'noSpamFolder'));
  }
}
