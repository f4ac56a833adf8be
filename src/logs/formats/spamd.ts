/**
 * SpamAssassin's spamd (behind spamass-milter, spamc, amavis' spamd client …). Its "result:" line is the verdict on
 * one message ("Y" spam, "." clean; older releases wrote "N"):
 *   spamd: result: Y 999 - ALL_TRUSTED,GTUBE scantime=0.0,size=857,user=spamass-milter,uid=106,required_score=5.0,
 *     rhost=localhost,raddr=127.0.0.1,rport=/run/spamd.sock,mid=<…>,autolearn=disabled
 *   spamd: result: . -1 - ALL_TRUSTED scantime=0.1,size=918,…
 * spamd does not refuse mail itself (the milter or MTA in front of it does), so its verdicts count as passed. The
 * "identified spam"/"clean message"/"processing message"/"got connection" and prefork lines repeat or carry nothing.
 * spamass-milter's own lines ("spamass-milter 0.4.0 starting", "Could not retrieve sendmail macro …") count for nothing.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';
import { between } from './filter-fields.js';

const RESULT = 'result: ';

/** One spamd line as an event: its result, or a line that counts for nothing. */
export function parseSpamd(s: string, h: LineHead): LogEvent {
  const ts = h.ts, prog = h.prog;
  let p = h.body;
  if (s.startsWith('spamd: ', p)) p += 7;
  if (!s.startsWith(RESULT, p)) return { ts, line: s, fmt: 'filter', prog, k: 'other' };
  const spam = s.charCodeAt(p + RESULT.length) === 89; // "Y"
  const ev: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'filter', filter: 'spamd', verdict: 'passed', category: spam ? 'SPAM' : 'CLEAN',
    discarded: false, quarantined: false, rejected: false, to: [], children: [] };
  const sc = /^[YN.] +(-?\d+(?:\.\d+)?)/.exec(s.slice(p + RESULT.length, p + RESULT.length + 24));
  if (sc) ev.score = Number(sc[1]);
  const mid = between(s, 'mid=<', p);
  if (mid) ev.messageId = mid;
  const size = between(s, ',size=', p, ',');
  if (size && /^\d{1,12}$/.test(size)) ev.size = Number(size);
  return ev;
}
