/**
 * Postfix `postqueue -p` / `mailq`:
 *   -Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
 *   34476212B15*    478 Sat Dec  5 03:27:42  newsletter@example.com
 *                      (connect to 192.0.2.1[192.0.2.1]:25: Connection refused)
 *                                            list19@example.net
 * "*" after the id: active; "!": on hold; no mark: deferred. A "(reason)" line applies to the recipients after it.
 */
import { tx } from '../../i18n/text.js';
import type { QueueMessage, QueueParser } from '../types.js';
import { listingTime } from './dates.js';

const ENTRY = /^([0-9A-Za-z]{5,20})([*!]?)\s+(\d{1,12})\s+\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{1,2}:\d{2}:\d{2})\s+(\S*)\s*$/;
const REASON = /^\s*\((.*)\)\s*$/;
const RECIPIENT = /^\s+(\S+)\s*$/;

export function postqueueTextParser(now: number): QueueParser {
  let cur: QueueMessage | undefined;
  let reason: string | undefined;
  const p: QueueParser = {
    format: 'postqueue-text',
    problems: [],
    push(line, lineNo) {
      const out: QueueMessage[] = [];
      if (!line.trim()) {
        if (cur) out.push(cur);
        cur = undefined;
        reason = undefined;
        return out;
      }
      if (/^-Queue ID-|^-- \d+ Kbytes in \d+ Requests?\.|^Mail queue is empty/.test(line)) return out;
      const e = ENTRY.exec(line);
      if (e) {
        if (cur) out.push(cur);
        const arrival = listingTime(e[4]!, e[5]!, e[6]!, now);
        cur = { mta: 'postfix', id: e[1]!, queue: e[2] === '*' ? 'active' : e[2] === '!' ? 'hold' : 'deferred', sender: e[7] === 'MAILER-DAEMON' ? '' : e[7]!, size: Number(e[3]), recipients: [] };
        if (arrival !== undefined) { cur.arrival = arrival; cur.ageSeconds = Math.max(0, Math.round((now - arrival) / 1000)); }
        reason = undefined;
        return out;
      }
      if (cur) {
        const r = REASON.exec(line);
        if (r) { reason = r[1]; return out; }
        const a = RECIPIENT.exec(line);
        if (a) { cur.recipients.push(reason ? { address: a[1]!, reason } : { address: a[1]! }); return out; }
      }
      p.problems.push({ line: lineNo, text: line.slice(0, 200), why: tx('not a line of a Postfix queue listing', 'to nie jest wiersz listy kolejki Postfiksa') });
      return out;
    },
    end() {
      const out = cur ? [cur] : [];
      cur = undefined;
      return out;
    },
  };
  return p;
}
