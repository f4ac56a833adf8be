/**
 * rspamd (any worker: normal, proxy in milter mode), as it logs through syslog or its own file. The task line is
 * its verdict on one message:
 *   <590f0a>; proxy; rspamd_task_write_log: id: <20261205170707.008522@vm>, qid: <BDBA02185C4>, ip: 127.0.0.5,
 *     from: <a@x>, (default: F (no action): [0.40/15.00] [MID_RHS_NOT_FQDN(0.50){},…]), len: 687, time: 13.1ms,
 *     dns req: 0, digest: <…>, rcpts: <b@y>, mime_rcpts: <b@y>
 * Actions: "no action" → CLEAN, "add header"/"rewrite subject" → SPAM (passed), "reject"/"discard" → SPAM
 * (blocked), "soft reject"/"greylist" → DEFERRED (the sender is told to try again). Every other rspamd line
 * (start-up, redis, maps, regexp statistics) is understood and counted for nothing.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';
import { between } from './filter-fields.js';

/** Is this rspamd's program name ("rspamd", "rspamd_proxy" …)? */
export function isRspamdProg(prog: string): boolean {
  return prog.startsWith('rspamd');
}

/** One rspamd line as an event: its task verdict, or a line that counts for nothing. */
export function parseRspamd(s: string, h: LineHead): LogEvent {
  const ts = h.ts, prog = h.prog, p = h.body;
  const other: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'other' };
  const d = s.indexOf('(default: ', p);
  if (d < 0) return other;
  const a1 = s.indexOf('(', d + 10), a2 = a1 > 0 ? s.indexOf(')', a1) : -1;
  const action = a1 > 0 && a2 > a1 ? s.slice(a1 + 1, a2) : '';
  const blocked = action === 'reject' || action === 'discard';
  const deferred = action === 'greylist' || action === 'soft reject';
  const ev: LogEvent = {
    ts, line: s, fmt: 'filter', prog, k: 'filter', filter: 'rspamd', verdict: blocked ? 'blocked' : 'passed',
    category: action === 'no action' ? 'CLEAN' : deferred ? 'DEFERRED' : 'SPAM',
    discarded: action === 'discard', quarantined: false, rejected: action === 'reject', to: [], children: [], detail: action,
  };
  const qid = between(s, 'qid: <', p);
  if (qid) ev.qid = qid;
  const id = between(s, ': id: <', p);
  if (id) ev.messageId = id;
  const from = between(s, 'from: <', p);
  if (from !== undefined) ev.from = from;
  const ipAt = s.indexOf(', ip: ', p);
  if (ipAt > 0 && ipAt < d) { const e = s.indexOf(',', ipAt + 6); if (e > ipAt) ev.ip = s.slice(ipAt + 6, e); }
  const sc = /\[(-?\d+(?:\.\d+)?)\//.exec(s.slice(d, d + 200));
  if (sc) ev.score = Number(sc[1]);
  const r = s.indexOf(' rcpts: <', d);
  if (r > 0) { const e = s.indexOf('>', r); if (e > r) ev.to = s.slice(r + 9, e).split(/>,<|,/); }
  return ev;
}
