/**
 * Sendmail syslog lines (`sendmail`, `sm-mta`, `sm-msp-queue`, `sm-acceptingconnections` …): from= (received),
 * to= … stat= (delivery), ruleset rejects, AUTH failures and STARTTLS results.
 */
import type { LineHead } from '../stamp.js';
import type { DeliveryStatus, LogEvent } from '../types.js';

export function isSendmailProg(prog: string): boolean {
  return prog === 'sendmail' || prog.startsWith('sm-');
}

/** `key=value` up to ", " (values may hold spaces: "relay=host [1.2.3.4]"). */
function kv(s: string, key: string, p: number): string | undefined {
  const i = s.indexOf(' ' + key, p - 1);
  const j = i >= 0 ? i + 1 : s.startsWith(key, p) ? p : -1;
  if (j < 0) return undefined;
  const a = j + key.length;
  const e = s.indexOf(', ', a);
  return s.slice(a, e < 0 ? s.length : e);
}

/** "host [1.2.3.4] (may be forged)" / "[1.2.3.4]" → [host, ip]. */
function relayParts(v: string): [string, string] {
  const lb = v.indexOf('[');
  const rb = v.indexOf(']', lb);
  if (lb < 0) return [v.trim(), ''];
  return [lb === 0 ? 'unknown' : v.slice(0, lb).trim(), v.slice(lb + 1, rb < 0 ? v.length : rb)];
}

/** Sendmail delay "1+02:03:04" or "00:00:05" → seconds. */
function smDelay(v: string | undefined): number {
  if (!v) return 0;
  let days = 0;
  const plus = v.indexOf('+');
  if (plus >= 0) { days = Number(v.slice(0, plus)); v = v.slice(plus + 1); }
  const [h, m, sec] = v.split(':').map(Number);
  const t = days * 86400 + (h ?? 0) * 3600 + (m ?? 0) * 60 + (sec ?? 0);
  return Number.isFinite(t) ? t : 0;
}

const STAGES: Record<string, string> = { check_rcpt: 'RCPT', check_mail: 'MAIL', check_relay: 'CONNECT', check_data: 'DATA', check_eoh: 'DATA', check_compat: 'RCPT' };

export function parseSendmail(s: string, h: LineHead): LogEvent | null {
  let p = h.body;
  let qid: string | undefined;
  const c = s.indexOf(': ', p);
  if (c > p && c - p <= 20 && /^[0-9A-Za-z]+$/.test(s.slice(p, c))) { qid = s.slice(p, c); p = c + 2; }
  if (s.startsWith('from=', p) && qid) {
    let from = kv(s, 'from=', p) ?? '';
    if (from.startsWith('<')) from = from.slice(1, from.endsWith('>') ? -1 : undefined);
    const relay = kv(s, 'relay=', p);
    const ev: LogEvent = { ts: h.ts, line: s, fmt: 'sendmail', prog: h.prog, k: 'received', qid, origin: relay && relay.includes('[') && !relay.startsWith('localhost') ? 'smtp' : 'local', from, size: Number(kv(s, 'size=', p) ?? 0) || 0, nrcpt: Number(kv(s, 'nrcpts=', p) ?? 0) || 0 };
    const mid = kv(s, 'msgid=', p);
    if (mid) ev.messageId = mid.replace(/^<|>$/g, '');
    if (relay) { const [cl, ip] = relayParts(relay); ev.client = cl; ev.ip = ip; }
    const auth = kv(s, 'auth=', p);
    if (auth) ev.saslUser = auth;
    return ev;
  }
  if (s.startsWith('to=', p) && qid) {
    const toField = kv(s, 'to=', p) ?? '';
    let to = toField;
    if (to.startsWith('<')) to = to.slice(1, to.indexOf('>') > 0 ? to.indexOf('>') : undefined);
    else if (to.includes(',')) to = to.slice(0, to.indexOf(','));
    const rcptCount = toField.split(',').length;
    const stat = kv(s, 'stat=', p) ?? '';
    const dsn = kv(s, 'dsn=', p) ?? '';
    const relay = kv(s, 'relay=', p) ?? kv(s, 'mailer=', p) ?? '';
    const sp = stat.indexOf(' ');
    const word = sp < 0 ? stat : stat.slice(0, sp);
    let text = sp < 0 ? '' : stat.slice(sp + 1);
    if (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1);
    let status: DeliveryStatus;
    if (word === 'Sent') status = 'sent';
    else if (word === 'Deferred' || dsn.startsWith('4')) status = 'deferred';
    else { status = 'bounced'; text = stat; }
    return { ts: h.ts, line: s, fmt: 'sendmail', prog: h.prog, k: 'delivery', qid, to, relay, delay: smDelay(kv(s, 'delay=', p)), dsn, status, text, rcptCount };
  }
  if (s.startsWith('ruleset=', p)) {
    const rs = kv(s, 'ruleset=', p) ?? '';
    const rej = kv(s, 'reject=', p) ?? s.slice(s.indexOf('reject=', p) + 7);
    const ev: LogEvent = { ts: h.ts, line: s, fmt: 'sendmail', prog: h.prog, k: 'reject', action: 'reject', stage: STAGES[rs] ?? rs, text: rej };
    if (qid) ev.qid = qid;
    const m = /^([245]\d\d) ([245]\.\d{1,3}\.\d{1,3}) ?(.*)$/s.exec(rej.slice(0, 2000));
    if (m) { ev.replyCode = Number(m[1]); ev.dsn = m[2]!; ev.text = m[3]!; }
    const relay = kv(s, 'relay=', p);
    if (relay) { const [cl, ip] = relayParts(relay); ev.client = cl; ev.ip = ip; }
    const arg1 = kv(s, 'arg1=', p);
    if (rs === 'check_rcpt' && arg1) ev.to = arg1.replace(/^<|>$/g, '');
    if (rs === 'check_mail' && arg1) ev.from = arg1.replace(/^<|>$/g, '');
    return ev;
  }
  if (qid && s.charCodeAt(p) === 60) { // "<user@x>... User unknown": a refused recipient
    const e = s.indexOf('>... ', p);
    if (e > 0) return { ts: h.ts, line: s, fmt: 'sendmail', prog: h.prog, k: 'reject', action: 'reject', stage: 'RCPT', qid, to: s.slice(p + 1, e), text: s.slice(e + 5) };
  }
  if (s.startsWith('AUTH failure', p) || s.indexOf('possible SMTP attack: command=AUTH', p) >= 0) {
    const relay = kv(s, 'relay=', p) ?? s.slice(p, s.indexOf(': possible', p) > 0 ? s.indexOf(': possible', p) : p);
    const [client, ip] = relayParts(relay);
    return { ts: h.ts, line: s, fmt: 'sendmail', prog: h.prog, k: 'auth-fail', ip, client, method: 'smtp-auth' };
  }
  if (s.startsWith('STARTTLS=', p)) {
    const relay = kv(s, 'relay=', p) ?? '';
    const [peer, ip] = relayParts(relay);
    const bad = s.indexOf('error', p) >= 0 || s.indexOf('verify=FAIL', p) >= 0;
    return { ts: h.ts, line: s, fmt: 'sendmail', prog: h.prog, k: 'tls', ok: !bad, peer, ip, text: s.slice(p) };
  }
  if (qid && s.indexOf(': DSN: ', p) >= 0) {
    return { ts: h.ts, line: s, fmt: 'sendmail', prog: h.prog, k: 'notice', qid, kind: 'non-delivery', newQid: s.slice(p, s.indexOf(':', p)) };
  }
  if (p >= s.length) return null;
  return { ts: h.ts, line: s, fmt: 'sendmail', prog: h.prog, k: 'other' };
}
