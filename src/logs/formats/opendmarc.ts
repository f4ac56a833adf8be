/**
 * OpenDMARC (the milter). Its verdict line names the Postfix queue id, the From domain and the result:
 *   BDBA02185C4: partner.test pass | EABC02185C4: shop.test fail | 1D05D2185C4: nospf.test none
 * Whether a fail was refused (p=reject with RejectFailures) Postfix's "milter-reject: … rejected by DMARC policy
 * for bank.test" says. Other lines (start-up, "additional trusted authentication services", ignored
 * Authentication-Results) count for nothing.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';
import { isQueueId } from './filter-fields.js';

const RESULTS = new Set(['pass', 'fail', 'none', 'bestguesspass', 'temperror', 'permerror', 'reject', 'quarantine']);

/** One opendmarc line as an event: its verdict, or a line that counts for nothing. */
export function parseOpendmarc(s: string, h: LineHead): LogEvent {
  const ts = h.ts, prog = h.prog, p = h.body;
  const other: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'other' };
  const c = s.indexOf(': ', p);
  if (c < 0 || !isQueueId(s, p, c)) return other;
  const sp = s.indexOf(' ', c + 2);
  if (sp < 0 || s.indexOf(' ', sp + 1) >= 0) return other;
  const result = s.slice(sp + 1).trim().toLowerCase();
  const domain = s.slice(c + 2, sp).toLowerCase();
  if (!RESULTS.has(result) || !domain || domain.length > 253) return other;
  return { ts, line: s, fmt: 'filter', prog, k: 'authcheck', method: 'dmarc', result, domain, qid: s.slice(p, c) };
}
