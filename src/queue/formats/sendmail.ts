/**
 * Sendmail `mailq` / `sendmail -bp`:
 *   		/var/spool/mqueue (43 requests)
 *   -----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------
 *   6B53XQpT023291*      18 Sat Dec  5 03:33 <sender@example.com>
 *                    (Deferred: Connection refused by [192.0.2.1])
 *   					 <someone@example.net>
 *   		Total requests: 43
 * A mark after the id: "*" being delivered, "X" load too high, "-" too young. The "(reason)" line is the
 * message's last deferral.
 */
import { tx } from '../../i18n/text.js';
import type { QueueMessage, QueueParser } from '../types.js';
import { listingTime } from './dates.js';

const ENTRY = /^([0-9A-Za-z]{8,20})([*X-]?)\s+(\d{1,12})\s+\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{1,2}:\d{2})\s+(\S+)/;
const REASON = /^\s+\((.*)\)\s*$/;
// One token on an indented line ("<a@b>", "a@b", a local name). Not (<…>|\S+@\S+|\S+): the middle choice
// splits a run of "@" at every position and tries each split to the end (quadratic on a long line).
const RECIPIENT = /^\s+(\S+)\s*$/;

export function sendmailParser(now: number): QueueParser {
  let cur: QueueMessage | undefined;
  let reason: string | undefined;
  const finish = (): QueueMessage[] => {
    if (!cur) return [];
    const m = cur;
    cur = undefined;
    if (reason) for (const r of m.recipients) r.reason ??= reason;
    return [m];
  };
  const p: QueueParser = {
    format: 'sendmail-mailq',
    problems: [],
    push(line, lineNo) {
      if (!line.trim()) return finish();
      if (/^\s*\/\S*\s+\(\d+ requests?\)|is empty\s*$|^-+Q-ID-+|^\s*Total requests:/.test(line)) return finish();
      const e = ENTRY.exec(line);
      if (e) {
        const out = finish();
        const arrival = listingTime(e[4]!, e[5]!, e[6]!, now);
        const sender = e[7]!.replace(/^<|>$/g, '');
        cur = { mta: 'sendmail', id: e[1]!, queue: e[2] === '*' ? 'active' : 'queued', size: Number(e[3]), sender: sender === 'MAILER-DAEMON' ? '' : sender, recipients: [] };
        if (arrival !== undefined) { cur.arrival = arrival; cur.ageSeconds = Math.max(0, Math.round((now - arrival) / 1000)); }
        reason = undefined;
        return out;
      }
      if (cur) {
        const r = REASON.exec(line);
        if (r) { reason = r[1]; return []; }
        const a = RECIPIENT.exec(line);
        if (a) { cur.recipients.push({ address: a[1]!.replace(/^<|>$/g, '') }); return []; }
      }
      p.problems.push({ line: lineNo, text: line.slice(0, 200), why: tx('not a line of a Sendmail queue listing', 'to nie jest wiersz listy kolejki Sendmaila') });
      return [];
    },
    end: () => finish(),
  };
  return p;
}
