/**
 * Exim `exim -bp` / `mailq`:
 *    25m  2.9K 1xZgQp-0004G5-2Z <alice@example.com> *** frozen ***
 *           bob@example.net
 *         D carol@example.org        (already delivered)
 * The age is Exim's own (s/m/h/d/w); sizes in bytes, K or M. Exim lists no reasons: they are in its logs.
 */
import { tx } from '../../i18n/text.js';
import type { QueueMessage, QueueParser } from '../types.js';

const ENTRY = /^\s*(\d{1,6})([smhdw])\s+(\d{1,9}(?:\.\d{1,3})?)([KMG]?)\s+([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4})\s+<([^<>\s]*)>(\s+\*\*\* frozen \*\*\*)?\s*$/;
const RECIPIENT = /^\s+(?:([D+])\s+)?(\S+)\s*$/;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const SIZE: Record<string, number> = { '': 1, K: 1024, M: 1024 * 1024, G: 1024 * 1024 * 1024 };

export function eximParser(): QueueParser {
  let cur: QueueMessage | undefined;
  const p: QueueParser = {
    format: 'exim-bp',
    problems: [],
    push(line, lineNo) {
      const out: QueueMessage[] = [];
      if (!line.trim()) {
        if (cur) out.push(cur);
        cur = undefined;
        return out;
      }
      const e = ENTRY.exec(line);
      if (e) {
        if (cur) out.push(cur);
        cur = { mta: 'exim', id: e[5]!, queue: e[7] ? 'frozen' : 'queued', ageSeconds: Number(e[1]) * UNIT[e[2]!]!,
          size: Math.round(Number(e[3]) * SIZE[e[4]!]!), sender: e[6]!, recipients: [] };
        return out;
      }
      const a = cur ? RECIPIENT.exec(line) : null;
      if (cur && a) {
        cur.recipients.push(a[1] === 'D' ? { address: a[2]!, delivered: true } : { address: a[2]! });
        return out;
      }
      p.problems.push({ line: lineNo, text: line.slice(0, 200), why: tx('not a line of an Exim queue listing', 'to nie jest wiersz listy kolejki Exima') });
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
