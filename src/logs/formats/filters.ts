/**
 * Spam and virus filters, milters and policy servers besides amavis, as they log through syslog: which program
 * wrote a line, and the parser of its format (one file per program: rspamd.ts, spamd.ts, clamav.ts, opendmarc.ts,
 * policyd-spf.ts). Content verdicts become filter events (the same shape as amavis'); SPF and DMARC verdicts
 * become authcheck events; the other programs' lines (opendkim, postgrey, freshclam …) are understood and counted
 * for nothing.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';
import { parseClamav } from './clamav.js';
import { parseOpendmarc } from './opendmarc.js';
import { isPolicydSpfProg, parsePolicydSpf } from './policyd-spf.js';
import { isRspamdProg, parseRspamd } from './rspamd.js';
import { parseSpamd } from './spamd.js';

const PROGS = new Set(['rspamd', 'spamd', 'spamc', 'clamav-milter', 'opendkim', 'opendmarc', 'spamass-milter', 'policyd-spf',
  'postgrey', 'clamd', 'freshclam', 'milter-greylist', 'dkimpy-milter', 'sqlgrey', 'policyd-weight', 'postfwd']);

/** Is this the program name of a filter, milter or policy server this file reads? */
export function isFilterProg(prog: string): boolean {
  return PROGS.has(prog) || isRspamdProg(prog) || isPolicydSpfProg(prog);
}

/** One line of a filter, milter or policy server as an event (null: an empty body). */
export function parseFilter(s: string, h: LineHead): LogEvent | null {
  const prog = h.prog;
  if (h.body >= s.length) return null;
  if (isRspamdProg(prog)) return parseRspamd(s, h);
  if (prog === 'spamd') return parseSpamd(s, h);
  if (prog === 'clamav-milter' || prog === 'clamd') return parseClamav(s, h);
  if (prog === 'opendmarc') return parseOpendmarc(s, h);
  if (isPolicydSpfProg(prog)) return parsePolicydSpf(s, h);
  return { ts: h.ts, line: s, fmt: 'filter', prog, k: 'other' };
}
