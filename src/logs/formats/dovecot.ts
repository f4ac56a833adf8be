/**
 * Dovecot log lines, via syslog (`host dovecot: imap-login: Login: …`, `dovecot[241]: …`) or Dovecot's own
 * log_path (`auth: Info: passwd-file(u,ip): Password mismatch`). We read logins, failed logins (login process
 * and auth process lines), TLS problems and Warning/Error/Fatal/Panic lines.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';

const PROG_RE = /^(dovecot|dovecot-auth|imap-login|pop3-login|managesieve-login|submission-login|auth|auth-worker|imap|pop3|lmtp|master|lda|indexer-worker|config|log|anvil|stats|submission|managesieve|doveadm)(\(|$)/;

/** What the auth process says when a password or user is wrong. */
const FAIL_WORDS = /mismatch|unknown user|authenticate\(\) failed|Authentication failure|invalid credentials/;

export function isDovecotProg(prog: string): boolean {
  return prog.length < 64 && PROG_RE.test(prog);
}

const LEVELS: [string, 'warning' | 'error' | 'fatal' | 'panic' | undefined][] = [
  ['Info: ', undefined], ['Debug: ', undefined], ['Warning: ', 'warning'], ['Error: ', 'error'], ['Fatal: ', 'fatal'], ['Panic: ', 'panic'],
];

/** A field like `rip=1.2.3.4` or `user=<x>` inside s from p. */
function kv(s: string, key: string, p: number): string | undefined {
  const i = s.indexOf(key, p);
  if (i < 0) return undefined;
  let a = i + key.length;
  if (s.charCodeAt(a) === 60) {
    const e = s.indexOf('>', a);
    return s.slice(a + 1, e < 0 ? s.length : e);
  }
  let e = a;
  while (e < s.length && s.charCodeAt(e) !== 44 && s.charCodeAt(e) !== 32) e++;
  return s.slice(a, e);
}

export function parseDovecot(s: string, h: LineHead): LogEvent | null {
  let p = h.body;
  let prog = h.prog;
  // "dovecot: imap-login: …" → sub-program
  if (prog === 'dovecot' || prog === 'dovecot-auth') {
    const c = s.indexOf(': ', p);
    if (c > p && c - p < 48 && s.indexOf(' ', p) > c) { prog = 'dovecot/' + s.slice(p, c); p = c + 2; }
  } else prog = 'dovecot/' + prog;
  let level: 'warning' | 'error' | 'fatal' | 'panic' | undefined;
  for (const [tag, lv] of LEVELS) if (s.startsWith(tag, p)) { p += tag.length; level = lv; break; }
  if (p >= s.length) return null;
  if (s.startsWith('Login: ', p)) {
    const user = kv(s, 'user=', p) ?? '';
    const ip = kv(s, 'rip=', p) ?? '';
    return { ts: h.ts, line: s, fmt: 'dovecot', prog, k: 'login', user, ip };
  }
  if (s.indexOf('(auth failed', p) >= 0) {
    const ev: LogEvent = { ts: h.ts, line: s, fmt: 'dovecot', prog, k: 'auth-fail', ip: kv(s, 'rip=', p) ?? '', method: 'login-process' };
    const u = kv(s, 'user=', p);
    if (u !== undefined) ev.user = u;
    return ev;
  }
  // auth process, newer style: prog "auth(user,ip,sasl:login)<session>" and body "sql: Password mismatch"
  const po = h.prog.indexOf('(');
  if (po > 0 && FAIL_WORDS.test(s.slice(p, p + 200))) {
    const inner = h.prog.slice(po + 1, h.prog.indexOf(')', po) > 0 ? h.prog.indexOf(')', po) : undefined).split(',');
    if (inner.length >= 2) return { ts: h.ts, line: s, fmt: 'dovecot', prog, k: 'auth-fail', ip: inner[1] ?? '', user: inner[0] ?? '', method: 'auth-db' };
  }
  // auth process: "passwd-file(user,ip): Password mismatch", "pam(user,ip): pam_authenticate() failed", "unknown user"
  const paren = s.indexOf('(', p);
  if (paren > p && paren - p < 24) {
    const close = s.indexOf('): ', paren);
    if (close > paren && FAIL_WORDS.test(s.slice(close, close + 200))) {
      // "passwd-file(user,ip)" or, since 2.3, "passwd-file(user,ip,<session>)"
      const parts = s.slice(paren + 1, close).split(',');
      const user = parts[0] ?? '';
      const ip = parts[1] ?? '';
      return { ts: h.ts, line: s, fmt: 'dovecot', prog, k: 'auth-fail', ip, user, method: 'auth-db' };
    }
  }
  if (s.indexOf('authentication failure;', p) >= 0) { // pam_unix(dovecot:auth)
    const ev: LogEvent = { ts: h.ts, line: s, fmt: 'dovecot', prog, k: 'auth-fail', ip: kv(s, 'rhost=', p) ?? '', method: 'auth-db' };
    const u = kv(s, ' user=', p);
    if (u) ev.user = u;
    return ev;
  }
  if (s.indexOf('SSL_accept() failed', p) >= 0 || s.indexOf('TLS handshaking', p) >= 0 || s.indexOf('SSL routines', p) >= 0) {
    return { ts: h.ts, line: s, fmt: 'dovecot', prog, k: 'tls', ok: false, peer: kv(s, 'rip=', p) ?? '', ip: kv(s, 'rip=', p) ?? '', text: s.slice(p) };
  }
  if (level) return { ts: h.ts, line: s, fmt: 'dovecot', prog, k: 'daemon', level, text: s.slice(p) };
  return { ts: h.ts, line: s, fmt: 'dovecot', prog, k: 'other' };
}

/** Dovecot's "(auth failed, 3 attempts …)": how many wrong passwords one line stands for. */
export function attemptsIn(line: string): number {
  const i = line.indexOf('auth failed, ');
  if (i < 0) return 1;
  const n = parseInt(line.slice(i + 13, i + 20), 10);
  return n > 0 && n < 1000 ? n : 1;
}
