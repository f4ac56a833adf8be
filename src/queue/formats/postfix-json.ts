/**
 * Postfix `postqueue -j` (Postfix ≥ 3.1): one JSON object per line, per message —
 * {"queue_name":"deferred","queue_id":"3ACC2A0117","arrival_time":1528917035,"message_size":312,
 *  "forced_expire":false,"sender":"root@example.com","recipients":[{"address":"u@example.net","delay_reason":"…"}]}
 */
import { tx } from '../../i18n/text.js';
import type { QueueMessage, QueueName, QueueParser } from '../types.js';

const QUEUES: ReadonlySet<string> = new Set(['active', 'deferred', 'hold', 'incoming', 'maildrop', 'corrupt']);

interface Raw {
  queue_name?: unknown; queue_id?: unknown; arrival_time?: unknown; message_size?: unknown; sender?: unknown;
  recipients?: { address?: unknown; delay_reason?: unknown }[];
}

export function postqueueJsonParser(now: number): QueueParser {
  const p: QueueParser = {
    format: 'postqueue-json',
    problems: [],
    push(line, lineNo) {
      const t = line.trim();
      if (!t) return [];
      let o: Raw;
      try {
        o = JSON.parse(t) as Raw;
      } catch {
        p.problems.push({ line: lineNo, text: t.slice(0, 200), why: tx('not a JSON object (a truncated or damaged line?)', 'to nie jest obiekt JSON (ucięty albo uszkodzony wiersz?)') });
        return [];
      }
      if (typeof o !== 'object' || o === null || typeof o.queue_id !== 'string') {
        p.problems.push({ line: lineNo, text: t.slice(0, 200), why: tx('a JSON object without a queue_id', 'obiekt JSON bez queue_id') });
        return [];
      }
      const queue = typeof o.queue_name === 'string' && QUEUES.has(o.queue_name) ? (o.queue_name as QueueName) : 'deferred';
      const m: QueueMessage = { mta: 'postfix', id: o.queue_id, queue, sender: typeof o.sender === 'string' ? o.sender : '', recipients: [] };
      if (m.sender === 'MAILER-DAEMON') m.sender = '';
      if (typeof o.arrival_time === 'number' && Number.isFinite(o.arrival_time)) {
        m.arrival = o.arrival_time * 1000;
        m.ageSeconds = Math.max(0, Math.round((now - m.arrival) / 1000));
      }
      if (typeof o.message_size === 'number' && Number.isFinite(o.message_size)) m.size = o.message_size;
      for (const r of Array.isArray(o.recipients) ? o.recipients : []) {
        if (!r || typeof r.address !== 'string') continue;
        m.recipients.push(typeof r.delay_reason === 'string' && r.delay_reason ? { address: r.address, reason: r.delay_reason } : { address: r.address });
      }
      return [m];
    },
    end: () => [],
  };
  return p;
}
