/**
 * ClamAV: clamav-milter's verdicts and clamd's own lines.
 *   clamav-milter (LogInfected Full): Message 5BE9D2185C4 from <a@x> to <b@y> with subject 'Document' message-id
 *     '<…>' date 'Sat, 05 Dec 2026 17:07:08 +0000' infected by Win.Test.EICAR_HDB-1.UNOFFICIAL
 *   clamav-milter (LogInfected Basic): 5BE9D2185C4: Message from <a@x> to <b@y> infected by Eicar-Signature
 *   clamav-milter, clamd unreachable (mail is deferred or accepted unscanned, as OnFail says):
 *     Failed to initiate streaming/fdpassing | No clamd server appears to be available
 * An infected message is blocked (what the milter then does — reject, quarantine, blackhole — Postfix logs).
 * clamd's "…: Eicar FOUND" repeats the milter's verdict and counts for nothing; its "ERROR:"/"WARNING:" lines and
 * the milter's are errors and warnings of the software.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';
import { between, isQueueId } from './filter-fields.js';

/** clamav-milter's words when clamd does not answer (it then defers or passes mail unscanned). */
const UNAVAILABLE = ['No clamd server appears to be available', 'Failed to initiate streaming', 'Failed to open a connection to clamd',
  'Failed to connect to clamd', 'clamd connection closed', 'Failed to establish a connection to clamd'];

/** One clamav-milter or clamd line as an event. */
export function parseClamav(s: string, h: LineHead): LogEvent {
  const ts = h.ts, prog = h.prog, p = h.body;
  if (s.startsWith('ERROR: ', p) || s.startsWith('WARNING: ', p)) {
    const err = s.charCodeAt(p) === 69;
    return { ts, line: s, fmt: 'filter', prog, k: 'daemon', level: err ? 'error' : 'warning', text: s.slice(p + (err ? 7 : 9)) };
  }
  if (prog !== 'clamav-milter') return { ts, line: s, fmt: 'filter', prog, k: 'other' };
  for (const u of UNAVAILABLE) if (s.startsWith(u, p)) return { ts, line: s, fmt: 'filter', prog, k: 'daemon', level: 'error', text: s.slice(p) };
  const inf = s.lastIndexOf(' infected by ');
  if (inf < p) return { ts, line: s, fmt: 'filter', prog, k: 'other' };
  const ev: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'filter', filter: 'clamav-milter', verdict: 'blocked', category: 'INFECTED',
    discarded: false, quarantined: false, rejected: false, to: [], children: [], detail: s.slice(inf + 13).trim() };
  // "Message QID from <…>" (Full) or "QID: Message from <…>" (Basic)
  let qa = -1, qb = -1;
  if (s.startsWith('Message ', p)) { qa = p + 8; qb = s.indexOf(' ', qa); }
  else { const c = s.indexOf(': ', p); if (c > p) { qa = p; qb = c; } }
  if (qb > qa && isQueueId(s, qa, qb)) ev.qid = s.slice(qa, qb);
  const head = s.slice(p, inf);
  const from = between(head, 'from <', 0);
  if (from !== undefined) ev.from = from;
  const to = between(head, ' to <', 0);
  if (to !== undefined) ev.to = [to];
  const mid = between(head, "message-id '<", 0);
  if (mid) ev.messageId = mid;
  return ev;
}
