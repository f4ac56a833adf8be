/**
 * Postfix log lines (syslog or Postfix's own maillog_file), any daemon: smtpd, postscreen, cleanup, qmgr, smtp,
 * lmtp, local, virtual, pipe, error, bounce, pickup, anvil, master, tlsproxy. Multi-instance and sub-service
 * names work (`postfix-incoming/smtpd`, `postfix/submission/smtpd`, `postfix/10025/smtpd`): the daemon is the
 * last path segment. Parsing is indexOf-based: the common lines (qmgr from=, delivery to=, client=, removed,
 * message-id) never touch a regex.
 */
import { headPid, type LineHead } from '../stamp.js';
import type { DeliveryStatus, LogEvent, RejectAction } from '../types.js';

/** Shared events for light parsing (see LineHead.light): only k, ts, line and prog are set; never kept. */
const LIGHT_CONNECT: LogEvent = { ts: NaN, line: '', fmt: 'postfix', prog: '', k: 'connect', session: '', client: '', ip: '' };
const LIGHT_DISCONNECT: LogEvent = { ts: NaN, line: '', fmt: 'postfix', prog: '', k: 'disconnect', session: '', client: '', ip: '', authFailed: undefined };
const LIGHT_TLS_OK: LogEvent = { ts: NaN, line: '', fmt: 'postfix', prog: '', k: 'tls', ok: true, peer: '', ip: '', text: '' };
const LIGHT_OTHER: LogEvent = { ts: NaN, line: '', fmt: 'postfix', prog: '', k: 'other' };
function lightEvent(e: LogEvent, ts: number, line: string, prog: string): LogEvent {
  e.ts = ts;
  e.line = line;
  e.prog = prog;
  return e;
}

/** Postfix daemons whose last program segment we accept even under a custom syslog_name. */
const DAEMONS = new Set([
  'smtpd', 'postscreen', 'cleanup', 'qmgr', 'nqmgr', 'smtp', 'lmtp', 'local', 'virtual', 'pipe', 'bounce', 'pickup',
  'anvil', 'error', 'retry', 'discard', 'master', 'tlsproxy', 'tlsmgr', 'dnsblog', 'scache', 'verify', 'postsuper',
  'sendmail', 'postdrop', 'postqueue', 'trivial-rewrite', 'proxymap', 'showq', 'flush', 'postlogd', 'postfix-script',
  'postmap', 'postalias', 'oqmgr', 'smtp-sink', 'spawn', 'qmqpd',
]);

/** Does this program name belong to Postfix? ("postfix/smtpd", "postfix-out/smtp", "postfix/10025/smtpd"). */
export function isPostfixProg(prog: string): boolean {
  if (prog.startsWith('postfix')) return true;
  const slash = prog.lastIndexOf('/');
  return slash > 0 && DAEMONS.has(prog.slice(slash + 1));
}

const REJECT_ACTIONS: Record<string, RejectAction> = {
  'reject': 'reject', 'milter-reject': 'reject', 'reject_warning': 'warn', 'warning': 'warn', 'hold': 'hold',
  'milter-hold': 'hold', 'discard': 'discard', 'milter-discard': 'discard', 'redirect': 'redirect', 'filter': 'filter',
  // smtpd_proxy_filter (a before-queue content filter) refusing at END-OF-MESSAGE
  'proxy-reject': 'reject',
};

/** Is c a queue-id character ([0-9A-Za-z])? */
function qidChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Length of a queue id at s[p] followed by ": ", or 0. Short ids are upper-case hex; long ids
 * (enable_long_queue_ids) use digits and consonants only, so words like "warning" or "statistics" never pass.
 */
function qidLen(s: string, p: number): number {
  let i = p;
  const max = p + 24;
  let hex = true;
  let vowel = false;
  while (i < max) {
    const c = s.charCodeAt(i);
    if (!qidChar(c)) break;
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70))) hex = false;
    if (c === 97 || c === 101 || c === 105 || c === 111 || c === 117 || c === 65 || c === 69 || c === 73 || c === 79 || c === 85) vowel = true;
    i++;
  }
  const n = i - p;
  if (s.charCodeAt(i) !== 58 || s.charCodeAt(i + 1) !== 32) return 0;
  if ((hex && n >= 5) || (!vowel && n >= 10)) return n;
  if (n === 7 && s.startsWith('NOQUEUE', p)) return n;
  return 0;
}

/** `key=<value>` starting the search at p: returns [value, indexAfter] or undefined. */
function angle(s: string, key: string, p: number): [string, number] | undefined {
  const i = s.indexOf(key, p);
  if (i < 0) return undefined;
  const a = i + key.length;
  const e = s.indexOf('>', a);
  if (e < 0) return undefined;
  return [s.slice(a, e), e + 1];
}

/** `key=value` up to ',' or ' ' or end. */
function field(s: string, key: string, p: number): string | undefined {
  const i = s.indexOf(key, p);
  if (i < 0) return undefined;
  const a = i + key.length;
  let e = a;
  while (e < s.length) {
    const c = s.charCodeAt(e);
    if (c === 44 || c === 32) break;
    e++;
  }
  return s.slice(a, e);
}

/** "host[ip]" or "host[ip]:port" → [host, ip]. */
export function splitClient(v: string): [string, string] {
  const lb = v.indexOf('[');
  if (lb < 0) return [v, ''];
  const rb = v.indexOf(']', lb);
  return [lb === 0 ? 'unknown' : v.slice(0, lb), v.slice(lb + 1, rb < 0 ? v.length : rb)];
}

/** Parse Postfix's body after "prog[pid]: ". Returns null for a line that looks broken. */
export function parsePostfix(s: string, h: LineHead): LogEvent | null {
  const prog = h.prog;
  const ts = h.ts;
  const b = h.body;
  const n = qidLen(s, b);
  if (n > 0) {
    const qid = s.slice(b, b + n);
    const p = b + n + 2; // after "QID: "
    const c0 = s.charCodeAt(p);
    // --- the hot lines first ---
    if (c0 === 116 && s.startsWith('to=<', p)) return delivery(s, qid, p, ts, prog, h.light);
    if (c0 === 102 && s.startsWith('from=<', p)) {
      const fe = s.indexOf('>', p + 6);
      if (fe < 0) return null;
      const from = s.slice(p + 6, fe);
      if (s.startsWith(', size=', fe + 1)) {
        const size = decimal(s, fe + 8);
        if (!(size >= 0)) return null;
        const nrcpt = s.startsWith(', nrcpt=', numEnd) ? decimal(s, numEnd + 8) : 0;
        return { ts, line: s, fmt: 'postfix', prog, k: 'queued', qid, from, size, nrcpt: nrcpt >= 0 ? nrcpt : 0 };
      }
      if (s.startsWith(', status=expired', fe + 1) || s.startsWith(', status=force-expired', fe + 1)) return { ts, line: s, fmt: 'postfix', prog, k: 'expired', qid, from };
      return { ts, line: s, fmt: 'postfix', prog, k: 'other' };
    }
    if (c0 === 114 && s.startsWith('removed', p)) {
      // postsuper -d: deleted by the administrator (qmgr's "removed" is the normal end of a message)
      if (prog.endsWith('postsuper')) return { ts, line: s, fmt: 'postfix', prog, k: 'admin', qid, action: 'delete' };
      return { ts, line: s, fmt: 'postfix', prog, k: 'removed', qid };
    }
    // A bare "postfix" (RFC 5424 from rsyslog keeps only the part before the "/") may be any daemon: the words decide.
    if (prog.endsWith('postsuper') || prog === 'postfix') {
      const action = s.startsWith('placed on hold', p) ? 'hold' : s.startsWith('released from hold', p) ? 'release' : s.startsWith('requeued', p) ? 'requeue' : undefined;
      if (action) return { ts, line: s, fmt: 'postfix', prog, k: 'admin', qid, action };
    }
    if (c0 === 99 && s.startsWith('client=', p)) {
      const e = s.indexOf(',', p);
      const end = e < 0 ? s.length : e;
      let client = '', ip = '';
      const lb = s.indexOf('[', p + 7);
      if (lb > 0 && lb < end) {
        const rb = s.indexOf(']', lb);
        ip = s.slice(lb + 1, rb > lb && rb < end ? rb : end);
        if (!h.light) client = lb === p + 7 ? 'unknown' : s.slice(p + 7, lb); // light: nobody reads the name
      } else client = s.slice(p + 7, end);
      const ev: LogEvent = { ts, line: s, fmt: 'postfix', prog, k: 'received', qid, origin: 'smtp', session: h.light ? '' : headPid(s, h), client, ip, saslUser: undefined, saslMethod: undefined };
      if (e > 0) {
        const u = field(s, 'sasl_username=', e);
        if (u !== undefined) ev.saslUser = u;
        const m = field(s, 'sasl_method=', e);
        if (m !== undefined) ev.saslMethod = m;
        // a content filter that forwards with XFORWARD IDENT: the leg this one continues
        const o = field(s, 'orig_queue_id=', e);
        if (o) ev.origId = o;
      }
      return ev;
    }
    if (c0 === 109 && s.startsWith('message-id=', p)) {
      // read even when light: a re-injected copy finds the leg it continues by its Message-ID
      let id = s.slice(p + 11).trim();
      if (id.charCodeAt(0) === 60) id = id.slice(1, id.indexOf('>') > 0 ? id.indexOf('>') : id.length);
      return { ts, line: s, fmt: 'postfix', prog, k: 'message-id', qid, messageId: id };
    }
    if ((prog.endsWith('pickup') || prog === 'postfix') && (s.startsWith('uid=', p) || s.startsWith('sender=', p))) {
      const from = angle(s, 'from=<', p)?.[0] ?? angle(s, 'sender=<', p)?.[0];
      const ev: LogEvent = { ts, line: s, fmt: 'postfix', prog, k: 'received', qid, origin: 'local' };
      if (from !== undefined) ev.from = from;
      const uid = field(s, 'uid=', p);
      if (uid !== undefined) ev.client = `uid=${uid}`;
      const o = field(s, 'orig_id=', p); // postsuper -r: the same message under a new queue id
      if (o) ev.origId = o;
      return ev;
    }
    const colon = s.indexOf(': ', p);
    if (colon > 0 && colon - p <= 15) {
      const act = REJECT_ACTIONS[s.slice(p, colon)];
      if (act) return reject(s, act, colon + 2, qid, ts, prog);
    }
    if ((prog.endsWith('bounce') || prog === 'postfix') && s.startsWith('sender ', p)) {
      const nc = s.indexOf(' notification: ', p);
      if (nc > 0) return { ts, line: s, fmt: 'postfix', prog, k: 'notice', qid, kind: s.slice(p + 7, nc), newQid: s.slice(nc + 15).trim() };
    }
    if (qid === 'NOQUEUE') return { ts, line: s, fmt: 'postfix', prog, k: 'other' };
    return { ts, line: s, fmt: 'postfix', prog, k: 'other' };
  }
  // --- lines without a queue id ---
  const c0 = s.charCodeAt(b);
  if (c0 === 99 && s.startsWith('connect from ', b)) {
    if (h.light) return lightEvent(LIGHT_CONNECT, ts, s, prog);
    const [client, ip] = splitClient(s.slice(b + 13));
    return { ts, line: s, fmt: 'postfix', prog, k: 'connect', session: headPid(s, h), client, ip };
  }
  if (c0 === 100 && s.startsWith('disconnect from ', b)) {
    if (h.light) {
      const f = authFailures(s, b + 16); // the session's failed AUTH commands count even when nothing else is read
      (LIGHT_DISCONNECT as { authFailed?: number | undefined }).authFailed = f > 0 ? f : undefined;
      return lightEvent(LIGHT_DISCONNECT, ts, s, prog);
    }
    const sp = s.indexOf(' ', b + 16);
    const [client, ip] = splitClient(s.slice(b + 16, sp < 0 ? s.length : sp));
    const ev: LogEvent = { ts, line: s, fmt: 'postfix', prog, k: 'disconnect', session: headPid(s, h), client, ip };
    if (sp > 0) {
      ev.commands = s.slice(sp + 1);
      const failed = authFailures(s, b + 16);
      if (failed > 0) ev.authFailed = failed;
    }
    return ev;
  }
  if (prog.endsWith('postscreen') || prog.endsWith('dnsblog') || prog === 'postfix') {
    const sc = screen(s, b, ts, prog);
    if (sc) return sc;
  }
  if (c0 === 67 && s.startsWith('CONNECT from ', b)) { // postscreen
    const sp = s.indexOf(' ', b + 13);
    const [client, ip] = splitClient(s.slice(b + 13, sp < 0 ? s.length : sp));
    return { ts, line: s, fmt: 'postfix', prog, k: 'connect', session: headPid(s, h), client, ip };
  }
  if (c0 === 119 || c0 === 101 || c0 === 102 || c0 === 112) {
    const lv = s.startsWith('warning: ', b) ? 'warning' : s.startsWith('error: ', b) ? 'error'
      : s.startsWith('fatal: ', b) ? 'fatal' : s.startsWith('panic: ', b) ? 'panic' : undefined;
    if (lv) return daemonLine(s, lv, b + lv.length + 2, ts, prog);
  }
  if (s.indexOf(' TLS connection established ', b) >= 0) {
    if (h.light) return lightEvent(LIGHT_TLS_OK, ts, s, prog);
    const fr = s.indexOf(' from ', b);
    const to = s.indexOf(' to ', b);
    const at = fr >= 0 ? fr + 6 : to >= 0 ? to + 4 : -1;
    const ce = s.indexOf(': ', at);
    const [peer, ip] = at > 0 ? splitClient(s.slice(at, ce < 0 ? s.length : ce)) : ['', ''];
    return { ts, line: s, fmt: 'postfix', prog, k: 'tls', ok: true, peer, ip, text: s.slice(b) };
  }
  if (s.startsWith('SSL_accept error from ', b) || s.startsWith('SSL_connect error to ', b)) {
    const at = s.indexOf(' ', b + 17) + 1;
    const ce = s.indexOf(': ', at);
    const [peer, ip] = splitClient(s.slice(at, ce < 0 ? s.length : ce));
    return { ts, line: s, fmt: 'postfix', prog, k: 'tls', ok: false, peer, ip, text: s.slice(b) };
  }
  if (b >= s.length || s.indexOf(' ', b) < 0) return null; // empty or a cut-off fragment
  return { ts, line: s, fmt: 'postfix', prog, k: 'other' };
}

/** End index of the last {@link decimal} call. */
let numEnd = 0;
/** A non-negative decimal ("12", "0.04", "2017") at s[a], read without allocating; NaN when none. */
function decimal(s: string, a: number): number {
  let v = 0, i = a, c = s.charCodeAt(i);
  if (!(c >= 48 && c <= 57)) { numEnd = a; return NaN; }
  while (c >= 48 && c <= 57) { v = v * 10 + (c - 48); c = s.charCodeAt(++i); }
  if (c === 46) {
    let scale = 0.1;
    c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57) { v += (c - 48) * scale; scale /= 10; c = s.charCodeAt(++i); }
    v = Math.round(v * 1e6) / 1e6;
  } else if (c === 101 || c === 69) { // 1e-05 (Postfix prints tiny delays so)
    const e = s.indexOf(',', i);
    numEnd = e < 0 ? s.length : e;
    return Number(s.slice(a, numEnd));
  }
  numEnd = i;
  return v;
}

function delivery(s: string, qid: string, p: number, ts: number, prog: string, light: boolean): LogEvent | null {
  const te = s.indexOf('>, ', p + 4);
  if (te < 0) return null;
  const to = s.slice(p + 4, te);
  let q = te + 3;
  let origTo: string | undefined;
  if (s.charCodeAt(q) === 111 && s.startsWith('orig_to=<', q)) {
    const oe = s.indexOf('>, ', q + 9);
    if (oe < 0) return null;
    origTo = s.slice(q + 9, oe);
    q = oe + 3;
  }
  if (!s.startsWith('relay=', q)) return null;
  const re = s.indexOf(', ', q);
  if (re < 0) return null;
  const relayStart = q + 6;
  const di = s.indexOf('delay=', re);
  if (di < 0) return null;
  let delay = decimal(s, di + 6);
  if (!(delay >= 0)) delay = 0;
  let delays: [number, number, number, number] | undefined;
  let r = numEnd;
  if (s.startsWith(', delays=', r)) {
    const a = decimal(s, r + 9);
    const b = s.charCodeAt(numEnd) === 47 ? decimal(s, numEnd + 1) : NaN;
    const c = s.charCodeAt(numEnd) === 47 ? decimal(s, numEnd + 1) : NaN;
    const d = s.charCodeAt(numEnd) === 47 ? decimal(s, numEnd + 1) : NaN;
    if (d === d) delays = [a, b, c, d];
    r = numEnd;
  }
  let dsn = '';
  let si: number;
  const dni = s.indexOf('dsn=', r);
  if (dni > 0) {
    const dne = s.indexOf(',', dni);
    dsn = s.slice(dni + 4, dne < 0 ? s.length : dne);
    si = s.indexOf('status=', dni);
  } else si = s.indexOf('status=', r);
  if (si < 0) return null;
  const sc = s.charCodeAt(si + 7);
  const po = s.indexOf(' (', si);
  // light parsing (summary/problems): a plain "sent" needs neither the relay nor the reply text
  const plainSent = light && sc === 115 && po >= 0 && s.charCodeAt(po + 2) !== 102 && s.indexOf('queued as', po) < 0 && !discardedAt(s, po + 2);
  let text = '';
  if (po >= 0 && !plainSent) {
    const pc = s.lastIndexOf(')');
    text = s.slice(po + 2, pc > po ? pc : s.length);
  }
  const relay = plainSent ? '' : s.slice(relayStart, re);
  let status: DeliveryStatus;
  if (sc === 115 && s.startsWith('sent', si + 7)) {
    status = 'sent';
    const tc = text.charCodeAt(0);
    if (tc === 102 && text.startsWith('forwarded as ')) status = 'forwarded';
    // a content filter accepted it and threw it away ("250 2.7.0 Ok, discarded, id=… - BANNED: …"); whether a
    // "queued as X" is a filter's re-injection (X comes back into this log) is for the tracker to say
    else if (tc === 50 && discardedAt(text, 0)) status = 'discarded';
  } else if (sc === 100 && s.startsWith('deferred', si + 7)) status = 'deferred';
  else if (sc === 98 && s.startsWith('bounced', si + 7)) status = 'bounced';
  else if (sc === 101 && s.startsWith('expired', si + 7)) status = 'expired';
  else if (s.startsWith('undeliverable', si + 7) || s.startsWith('deliverable', si + 7)) return { ts, line: s, fmt: 'postfix', prog, k: 'other' }; // address verification probes
  else return null;
  return { ts, line: s, fmt: 'postfix', prog, k: 'delivery', qid, to, origTo, relay, delay, delays, dsn, status, text };
}

/** Does the reply at s[p] say its receiver threw the message away ("250 2.7.0 Ok, discarded, id=…")? */
function discardedAt(s: string, p: number): boolean {
  if (s.charCodeAt(p) !== 50) return false;
  const i = s.indexOf(', discarded', p + 4);
  return i > 0 && i - p < 24;
}

/** The queue id in a reply "… queued as 0103522A1A7" / "forwarded as …", or undefined. */
export function queuedAs(text: string): string | undefined {
  // the id closes the reply: "250 2.0.0 Ok: queued as 0103522A1A7" (a content filter relays the re-injecting
  // smtpd's words last), "forwarded as 4964C2161F0"
  let e = text.length;
  while (e > 0 && text.charCodeAt(e - 1) === 32) e--;
  let i = e;
  while (i > 0 && qidChar(text.charCodeAt(i - 1))) i--;
  if (e - i < 5 || e - i > 24 || text.charCodeAt(i - 1) !== 32) return undefined;
  if (!text.startsWith('queued as', i - 10) && !(i === 13 && text.startsWith('forwarded as'))) return undefined;
  return text.slice(i, e);
}

/** "… auth=1/3 …" of a disconnect line: failed AUTH commands (tried − succeeded); 0 when none. */
function authFailures(s: string, from: number): number {
  const i = s.indexOf(' auth=', from);
  if (i < 0) return 0;
  let a = 0, p = i + 6, c = s.charCodeAt(p);
  while (c >= 48 && c <= 57) { a = a * 10 + c - 48; c = s.charCodeAt(++p); }
  if (c !== 47) return 0;
  let b = 0;
  c = s.charCodeAt(++p);
  while (c >= 48 && c <= 57) { b = b * 10 + c - 48; c = s.charCodeAt(++p); }
  return b > a ? b - a : 0;
}

/** postscreen's verdict words at the start of a line body, as data. */
const SCREEN_WORDS: readonly [string, import('../types.js').ScreenVerdict][] = [
  ['PASS NEW ', 'pass-new'], ['PASS OLD ', 'pass-old'], ['PREGREET ', 'pregreet'], ['DNSBL rank ', 'dnsbl'], ['HANGUP ', 'hangup'],
  ['COMMAND PIPELINING ', 'pipelining'], ['COMMAND ', 'command'], ['BARE NEWLINE ', 'bare-newline'], ['NON-SMTP COMMAND ', 'non-smtp'],
  ['DENYLISTED ', 'denylisted'], ['BLACKLISTED ', 'denylisted'], ['ALLOWLISTED ', 'allowlisted'], ['WHITELISTED ', 'allowlisted'],
];

/** postscreen verdicts and dnsblog hits ("addr 192.0.2.1 listed by domain zen.example as 127.0.0.2"). */
function screen(s: string, b: number, ts: number, prog: string): LogEvent | undefined {
  if (s.startsWith('addr ', b)) {
    const sp = s.indexOf(' ', b + 5);
    const by = s.indexOf(' listed by domain ', b);
    if (sp < 0 || by !== sp) return undefined;
    const le = s.indexOf(' ', by + 18);
    return { ts, line: s, fmt: 'postfix', prog, k: 'screen', verdict: 'listed', ip: s.slice(b + 5, sp), list: s.slice(by + 18, le < 0 ? s.length : le) };
  }
  for (const [w, verdict] of SCREEN_WORDS) {
    if (!s.startsWith(w, b)) continue;
    const lb = s.indexOf('[', b + w.length);
    const rb = lb < 0 ? -1 : s.indexOf(']', lb);
    if (rb < 0) return undefined;
    const ev: LogEvent = { ts, line: s, fmt: 'postfix', prog, k: 'screen', verdict, ip: s.slice(lb + 1, rb) };
    if (verdict === 'dnsbl') { const r = parseInt(s.slice(b + 11, b + 16), 10); if (r >= 0) ev.rank = r; }
    return ev;
  }
  return undefined;
}

function reject(s: string, action: RejectAction, p: number, qid: string, ts: number, prog: string): LogEvent {
  // "RCPT from host[ip]: 550 5.1.1 <x>: text; from=<a> to=<b> proto=ESMTP helo=<h>"
  // "header Subject: xx from host[ip]; from=<a> to=<b> proto=ESMTP helo=<h>: 5.7.1 text" (cleanup)
  const sp = s.indexOf(' ', p);
  let stage = s.slice(p, sp < 0 ? s.length : sp);
  if (stage.charCodeAt(stage.length - 1) === 58) stage = stage.slice(0, -1); // "END-OF-MESSAGE:" (smtpd_proxy_filter)
  const ev: LogEvent = { ts, line: s, fmt: 'postfix', prog, k: 'reject', action, stage, text: '' };
  if (qid !== 'NOQUEUE') ev.qid = qid;
  const fromI = s.indexOf(' from ', p);
  const env = s.indexOf('; from=<', p);
  let textStart = -1;
  let textEnd = env < 0 ? s.length : env;
  if (fromI >= 0 && (env < 0 || fromI < env)) {
    const ce = s.indexOf(']', fromI);
    if (ce > 0) {
      const [client, ip] = splitClient(s.slice(fromI + 6, ce + 1));
      ev.client = client;
      ev.ip = ip;
      // postscreen adds ":port"
      let t = ce + 1;
      if (s.charCodeAt(t) === 58 && s.charCodeAt(t + 1) !== 32) while (t < s.length && s.charCodeAt(t) !== 32) t++;
      if (s.charCodeAt(t) === 58) t++;
      if (s.charCodeAt(t) === 32) textStart = t + 1;
    }
  }
  if (env >= 0) {
    const f = angle(s, 'from=<', env);
    if (f) ev.from = f[0];
    const t = angle(s, ' to=<', env);
    if (t) ev.to = t[0];
    const hl = angle(s, ' helo=<', env);
    if (hl) ev.helo = hl[0];
    if (textStart < 0) { // cleanup: the reply follows the envelope
      const tail = s.indexOf('>: ', env);
      const last = tail >= 0 ? s.lastIndexOf('>: ') : -1;
      if (last >= 0) { textStart = last + 3; textEnd = s.length; }
    }
  }
  if (textStart < 0) textStart = sp < 0 ? s.length : sp + 1;
  splitReply(ev, s.slice(textStart, textEnd));
  return ev;
}

/**
 * A reject's reply "550 5.1.1 rest" into out.replyCode 550, out.dsn "5.1.1" and out.text "rest" (fields absent
 * from the text are left as they are). Shared with the summary's fast path (src/logs/fast.ts).
 */
export function splitReply(out: { replyCode?: number; dsn?: string; text: string }, text: string): void {
  const c = text.charCodeAt(0);
  if (c >= 50 && c <= 53 && text.charCodeAt(3) === 32) {
    const code = Number(text.slice(0, 3));
    if (Number.isFinite(code)) { out.replyCode = code; text = text.slice(4); }
  }
  const d = text.charCodeAt(0);
  if ((d === 50 || d === 52 || d === 53) && text.charCodeAt(1) === 46) {
    const dsEnd = text.indexOf(' ');
    out.dsn = text.slice(0, dsEnd < 0 ? text.length : dsEnd);
    text = dsEnd < 0 ? '' : text.slice(dsEnd + 1);
  }
  out.text = text;
}

function daemonLine(s: string, level: 'warning' | 'error' | 'fatal' | 'panic', p: number, ts: number, prog: string): LogEvent {
  const text = s.slice(p);
  if (level === 'warning') {
    // "host[ip]: SASL LOGIN authentication failed: reason, sasl_username=u"
    const sa = text.indexOf(': SASL ');
    if (sa > 0 && text.indexOf(' authentication failed', sa) > 0) {
      const [client, ip] = splitClient(text.slice(0, sa));
      const ev: LogEvent = { ts, line: s, fmt: 'postfix', prog, k: 'auth-fail', ip, client };
      const mEnd = text.indexOf(' ', sa + 7);
      ev.method = text.slice(sa + 7, mEnd);
      const u = text.indexOf('sasl_username=', sa);
      if (u > 0) ev.user = text.slice(u + 14).trim();
      return ev;
    }
    // "TLS library problem" lines detail an SSL_accept/SSL_connect error logged beside them: not a second failure
    if (text.includes('TLS handshake') && text.includes(' from ')) {
      const fr = text.indexOf(' from ');
      const [peer, ip] = splitClient(text.slice(fr + 6).split(/[:\s]/, 1)[0] ?? '');
      return { ts, line: s, fmt: 'postfix', prog, k: 'tls', ok: false, peer, ip, text };
    }
  }
  return { ts, line: s, fmt: 'postfix', prog, k: 'daemon', level, text };
}
