/**
 * Exim main log (`2026-11-23 10:40:14[.123] [pid] 1abcDE-000123-AB <= …`), also when sent through syslog as
 * `exim[pid]: …`. Flags: `<=` arrival, `=>` delivery, `->` further address of the same delivery, `>>` cutthrough,
 * `*>` suppressed (-N), `**` failure (bounce), `==` deferral, `Completed`; plus "rejected RCPT/MAIL/EHLO/after
 * DATA", authenticator failures and TLS errors. Message ids: old 16-char and new 23-char form.
 */
import { headPid, type LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';

export function isEximProg(prog: string): boolean {
  return prog === 'exim' || prog === 'exim4';
}

/** Length of an Exim message id at p (followed by a space), or 0. */
function eximIdLen(s: string, p: number): number {
  if (s.charCodeAt(p + 6) !== 45) return 0;
  const d2 = s.indexOf('-', p + 7);
  if (d2 < 0 || d2 - p > 18) return 0;
  const sp = s.indexOf(' ', d2);
  const n = (sp < 0 ? s.length : sp) - p;
  return n === 16 || n === 23 ? n : 0;
}

/** Exim's `X=value` field: up to the next " Y=" field; quoted values `C="250 OK"` unquoted. */
function fieldVal(s: string, key: string, p: number): string | undefined {
  const i = s.indexOf(' ' + key, p);
  if (i < 0) return undefined;
  const a = i + 1 + key.length;
  if (s.charCodeAt(a) === 34) {
    const e = s.indexOf('"', a + 1);
    return s.slice(a + 1, e < 0 ? s.length : e);
  }
  const e = s.indexOf(' ', a);
  return s.slice(a, e < 0 ? s.length : e);
}

/** `H=host.name (helo) [1.2.3.4]:port` → [host, ip]. */
function hostField(s: string, p: number): [string, string] | undefined {
  const i = s.indexOf(' H=', p);
  if (i < 0) return undefined;
  const lb = s.indexOf('[', i);
  const rb = lb < 0 ? -1 : s.indexOf(']', lb);
  const hostEnd = s.indexOf(' ', i + 3);
  const host = s.slice(i + 3, hostEnd < 0 ? s.length : hostEnd);
  return [host.startsWith('(') ? 'unknown' : host, lb > 0 && rb > lb ? s.slice(lb + 1, rb) : ''];
}

export function parseExim(s: string, h: LineHead): LogEvent | null {
  const prog = h.prog || 'exim';
  const base = { ts: h.ts, line: s, fmt: 'exim' as const, prog };
  let p = h.body;
  if (s.charCodeAt(p) === 91) { // [pid]
    const e = s.indexOf('] ', p);
    if (e > 0 && e - p < 12) p = e + 2;
  }
  const n = eximIdLen(s, p);
  if (n > 0) {
    const qid = s.slice(p, p + n);
    const q = p + n + 1;
    const flag = s.slice(q, q + 3);
    if (flag === '<= ') {
      const fe = s.indexOf(' ', q + 3);
      let from = s.slice(q + 3, fe < 0 ? s.length : fe);
      if (from === '<>') from = '';
      const hf = hostField(s, q);
      const ev: LogEvent = { ts: h.ts, line: s, fmt: 'exim', prog, k: 'received', qid, origin: hf ? 'smtp' : 'local', from, size: Number(fieldVal(s, 'S=', q)) || 0 };
      if (hf) { ev.client = hf[0]; ev.ip = hf[1]; }
      const a = fieldVal(s, 'A=', q);
      if (a) ev.saslUser = a.slice(a.indexOf(':') + 1);
      const id = fieldVal(s, 'id=', q);
      if (id) ev.messageId = id;
      const fr = s.indexOf(' for ', q);
      if (fr > 0) ev.nrcpt = s.slice(fr + 5).trim().split(' ').length;
      return ev;
    }
    if (flag === '=> ' || flag === '-> ' || flag === '>> ' || flag === '** ' || flag === '== ') {
      let ae = s.indexOf(' ', q + 3);
      if (ae < 0) ae = s.length;
      let to = s.slice(q + 3, ae);
      // "=> local <full@address>" form
      if (s.charCodeAt(ae + 1) === 60) {
        const ce = s.indexOf('>', ae + 1);
        if (ce > 0) to = s.slice(ae + 2, ce);
      }
      if (to.endsWith(':')) to = to.slice(0, -1);
      const hf = hostField(s, q);
      const relay = hf ? `${hf[0]}[${hf[1]}]` : fieldVal(s, 'T=', q) ?? fieldVal(s, 'R=', q) ?? 'none';
      const status = flag === '** ' ? 'bounced' : flag === '== ' ? 'deferred' : 'sent';
      let text = '';
      if (status === 'sent') text = fieldVal(s, 'C=', q) ?? '';
      else {
        const c = s.indexOf(': ', q + 3);
        text = c > 0 ? s.slice(c + 2) : s.slice(ae + 1);
      }
      const m = /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(text.slice(0, 300));
      const code = /(?:^|: )([245])\d\d[ -]/.exec(text.slice(0, 300));
      const dsn = m ? m[1]! : status === 'sent' ? '2.0.0' : status === 'deferred' ? '4.0.0' : code ? `${code[1]}.0.0` : '5.0.0';
      const ev: LogEvent = { ts: h.ts, line: s, fmt: 'exim', prog, k: 'delivery', qid, to, relay, delay: 0, dsn, status, text };
      const dt = fieldVal(s, 'DT=', q);
      if (dt) ev.delay = eximDuration(dt);
      return ev;
    }
    if (s.startsWith('Completed', q)) return { ts: h.ts, line: s, fmt: 'exim', prog, k: 'removed', qid };
    if (s.indexOf(' rejected ', q - 1) >= 0) return eximReject(s, q, base, qid);
    return { ts: h.ts, line: s, fmt: 'exim', prog, k: 'other' };
  }
  if (s.indexOf(' authenticator failed for ', p - 1) >= 0) {
    const lb = s.lastIndexOf('[', s.indexOf(']:', p) > 0 ? s.indexOf(']:', p) : s.length);
    const rb = s.indexOf(']', lb);
    const ev: LogEvent = { ts: h.ts, line: s, fmt: 'exim', prog, k: 'auth-fail', ip: lb >= 0 && rb > lb ? s.slice(lb + 1, rb) : '', method: s.slice(p, s.indexOf(' ', p)) };
    const si = s.indexOf('(set_id=', p);
    if (si > 0) ev.user = s.slice(si + 8, s.indexOf(')', si) > 0 ? s.indexOf(')', si) : s.length);
    return ev;
  }
  if (s.startsWith('TLS error on connection', p)) {
    const hf = /\[([0-9a-fA-F:.]+)\]/.exec(s.slice(p, p + 300));
    return { ts: h.ts, line: s, fmt: 'exim', prog, k: 'tls', ok: false, peer: hf?.[1] ?? '', ip: hf?.[1] ?? '', text: s.slice(p) };
  }
  if (s.indexOf(' rejected ', p) >= 0 || s.startsWith('rejected ', p)) return eximReject(s, p, base);
  if (s.startsWith('SMTP connection from ', p)) {
    const lb = s.indexOf('[', p), rb = s.indexOf(']', lb);
    return { ts: h.ts, line: s, fmt: 'exim', prog, k: 'connect', session: headPid(s, h), client: s.slice(p + 21, lb > 0 ? lb : s.length).trim(), ip: lb > 0 && rb > lb ? s.slice(lb + 1, rb) : '' };
  }
  if (s.startsWith('panic', p) || s.startsWith('PANIC', p)) return { ts: h.ts, line: s, fmt: 'exim', prog, k: 'daemon', level: 'panic', text: s.slice(p) };
  if (p >= s.length) return null;
  return { ts: h.ts, line: s, fmt: 'exim', prog, k: 'other' };
}

/** Exim DT=1h2m3s / 12s / 1d2h → seconds. */
function eximDuration(v: string): number {
  let t = 0, num = '';
  for (const ch of v) {
    if (ch >= '0' && ch <= '9' || ch === '.') num += ch;
    else {
      const u = ({ s: 1, m: 60, h: 3600, d: 86400, w: 604800 } as Record<string, number>)[ch] ?? 0;
      t += Number(num) * u;
      num = '';
    }
  }
  return t + (num ? Number(num) : 0);
}

function eximReject(s: string, p: number, base: { ts: number; line: string; fmt: 'exim'; prog: string }, qid?: string): LogEvent {
  const ri = s.indexOf('rejected ', p);
  const after = s.slice(ri + 9, ri + 9 + 2000);
  const stageWord = after.split(/[\s:]/, 1)[0] ?? '';
  const stage = stageWord === 'after' ? 'DATA' : stageWord.toUpperCase();
  const ev: LogEvent = { ...base, k: 'reject', action: 'reject', stage, text: '' };
  if (qid) ev.qid = qid;
  const hf = hostField(s, p - 1);
  if (hf) { ev.client = hf[0]; ev.ip = hf[1]; }
  const f = fieldVal(s, 'F=', p - 1);
  if (f) ev.from = f.replace(/^<|>$/g, '');
  if (stage === 'RCPT') {
    const m = /^RCPT <?([^>:\s]*)>?/.exec(after);
    if (m) ev.to = m[1]!;
  }
  const c = after.indexOf(': ');
  ev.text = c >= 0 ? after.slice(c + 2) : after;
  return ev;
}
