/**
 * Spam and virus filters and milters besides amavis, as they log through syslog. Their verdicts become filter
 * events (the same shape as amavis'); their other lines are understood and counted for nothing.
 *   rspamd:  rspamd_task_write_log: id: <…>, qid: <8E5FE22A1A3>, ip: 192.0.2.1, from: <a@x>, (default: T (reject):
 *            [16.40/15.00] [GTUBE(0.00){}]), len: 687, time: 13.1ms, dns req: 0, digest: <…>, rcpts: <b@y>, mime_rcpts: <b@y>
 *   spamd:   spamd: result: Y 1000 - GTUBE scantime=0.1,size=687,user=debian-spamd,uid=…,mid=<…>,autolearn=no
 *            spamd: identified spam (1000.0/5.0) for debian-spamd:… in 0.1 seconds, 687 bytes.
 *   clamav-milter: 8E5FE22A1A3: Message from <a@x> to <b@y> infected by Eicar-Signature   (AddHeader/Reject/…)
 *   opendkim, opendmarc, spamass-milter, policyd-spf, postgrey: understood, nothing counted.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';

const PROGS = new Set(['rspamd', 'spamd', 'spamc', 'clamav-milter', 'opendkim', 'opendmarc', 'spamass-milter', 'policyd-spf',
  'postgrey', 'clamd', 'freshclam', 'milter-greylist', 'dkimpy-milter', 'sqlgrey', 'policyd-weight', 'postfwd']);

export function isFilterProg(prog: string): boolean {
  return PROGS.has(prog) || prog.startsWith('rspamd') || prog.startsWith('policyd-spf');
}

function between(s: string, key: string, from: number, end = '>'): string | undefined {
  const i = s.indexOf(key, from);
  if (i < 0) return undefined;
  const a = i + key.length;
  const e = s.indexOf(end, a);
  return e < 0 ? undefined : s.slice(a, e);
}

export function parseFilter(s: string, h: LineHead): LogEvent | null {
  const ts = h.ts, prog = h.prog, p = h.body;
  if (p >= s.length) return null;
  const other: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'other' };
  if (prog.startsWith('rspamd')) {
    const d = s.indexOf('(default: ', p);
    if (d < 0) return other;
    const a1 = s.indexOf('(', d + 10), a2 = a1 > 0 ? s.indexOf(')', a1) : -1;
    const action = a1 > 0 && a2 > a1 ? s.slice(a1 + 1, a2) : '';
    const blocked = action === 'reject' || action === 'discard';
    const ev: LogEvent = {
      ts, line: s, fmt: 'filter', prog, k: 'filter', filter: 'rspamd', verdict: blocked ? 'blocked' : 'passed',
      category: action === 'no action' ? 'CLEAN' : action === 'greylist' || action === 'soft reject' ? 'DEFERRED' : 'SPAM',
      discarded: action === 'discard', quarantined: false, rejected: action === 'reject', to: [], children: [], detail: action,
    };
    const qid = between(s, 'qid: <', p);
    if (qid) ev.qid = qid;
    const from = between(s, 'from: <', p);
    if (from !== undefined) ev.from = from;
    const sc = /\[(-?\d+(?:\.\d+)?)\//.exec(s.slice(d, d + 200));
    if (sc) ev.score = Number(sc[1]);
    const r = s.indexOf('rcpts: <', d);
    if (r > 0) { const e = s.indexOf('>', r); if (e > r) ev.to = s.slice(r + 8, e).split(/>,<|,/); }
    return ev;
  }
  if (prog === 'spamd') {
    if (!s.startsWith('result: ', p)) return other;
    const spam = s.charCodeAt(p + 8) === 89; // "Y"
    const ev: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'filter', filter: 'spamd', verdict: 'passed', category: spam ? 'SPAM' : 'CLEAN',
      discarded: false, quarantined: false, rejected: false, to: [], children: [] };
    const sc = /^result: [YN] +(-?\d+)/.exec(s.slice(p));
    if (sc) ev.score = Number(sc[1]);
    const mid = between(s, 'mid=<', p);
    if (mid) ev.messageId = mid;
    return ev;
  }
  if (prog === 'clamav-milter') {
    const inf = s.indexOf(' infected by ', p);
    if (inf < 0) return other;
    const c = s.indexOf(': ', p);
    const ev: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'filter', filter: 'clamav-milter', verdict: 'blocked', category: 'INFECTED',
      discarded: false, quarantined: false, rejected: false, to: [], children: [], detail: s.slice(inf + 13).trim() };
    if (c > p && c - p <= 24 && /^[0-9A-Za-z]+$/.test(s.slice(p, c))) ev.qid = s.slice(p, c);
    const from = between(s, 'from <', p);
    if (from !== undefined) ev.from = from;
    const to = between(s, ' to <', p);
    if (to !== undefined) ev.to = [to];
    return ev;
  }
  return other;
}
