/**
 * postfix-policyd-spf-python (policyd-spf), the SPF policy server. Its lines (the ident is empty, hence ": "):
 *   : prepend Received-SPF: Softfail (mailfrom) identity=mailfrom; client-ip=127.0.0.22; helo=mail.shop.test;
 *     envelope-from=news@shop.test; receiver=example.test
 *   : 550 5.7.23 Message rejected due to: SPF fail - not authorized. Please see
 *     http://www.openspf.net/Why?s=mfrom;id=ceo@bank.test;ip=127.0.0.23;r=example.test
 * Older releases (2.x) log "Pass; identity=mailfrom; client-ip=…; helo=…; envelope-from=…; receiver=…". A refusal
 * is also logged by Postfix ("Recipient address rejected: Message rejected due to: SPF fail"); here it is the SPF
 * verdict. Debug and start-up lines count for nothing.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';
import { between, domainOfAddress } from './filter-fields.js';

const RESULTS = new Set(['pass', 'fail', 'softfail', 'neutral', 'none', 'temperror', 'permerror']);

/** Is this policyd-spf's program name ("policyd-spf", "policyd-spf-python" …)? */
export function isPolicydSpfProg(prog: string): boolean {
  return prog.startsWith('policyd-spf');
}

/** One policyd-spf line as an event: an SPF verdict, or a line that counts for nothing. */
export function parsePolicydSpf(s: string, h: LineHead): LogEvent {
  const ts = h.ts, prog = h.prog;
  let p = h.body;
  const other: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'other' };
  if (s.startsWith(': ', p)) p += 2;
  else if (s.charCodeAt(p) === 58) p += 1;
  // its own refusal or deferral: "550 5.7.23 Message rejected due to: SPF fail …", "451 4.4.3 SPF Temporary Error …"
  const code = /^([45]\d\d) [45]\.\d{1,3}\.\d{1,3} /.exec(s.slice(p, p + 16));
  if (code) {
    const text = s.slice(p + code[0].length);
    const lc = text.toLowerCase();
    const result = lc.includes('spf fail') ? 'fail' : lc.includes('permanent error') || lc.includes('permerror') ? 'permerror'
      : lc.includes('temporary error') || lc.includes('temperror') ? 'temperror' : lc.includes('softfail') ? 'softfail' : '';
    if (!result) return other;
    const id = between(text, ';id=', 0, ';');
    const ev: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'authcheck', method: 'spf', result, domain: id ? domainOfAddress(id) : '', replyCode: Number(code[1]) };
    const ip = between(text, ';ip=', 0, ';');
    if (ip) ev.ip = ip;
    return ev;
  }
  // "prepend Received-SPF: Pass (mailfrom) identity=…" or "Pass; identity=…"
  let r = p;
  if (s.startsWith('prepend ', r)) r += 8;
  if (s.startsWith('Received-SPF: ', r)) r += 14;
  let e = r;
  while (e < s.length && e - r < 12) { const c = s.charCodeAt(e) | 32; if (c < 97 || c > 122) break; e++; }
  const result = s.slice(r, e).toLowerCase();
  if (!RESULTS.has(result) || s.indexOf('identity=', e) < 0) return other;
  const identity = between(s, 'identity=', e, ';');
  const subject = identity === 'helo' ? between(s, 'helo=', e, ';') : between(s, 'envelope-from=', e, ';');
  const ev: LogEvent = { ts, line: s, fmt: 'filter', prog, k: 'authcheck', method: 'spf', result, domain: subject ? domainOfAddress(subject.trim()) : '' };
  const ip = between(s, 'client-ip=', e, ';');
  if (ip) ev.ip = ip;
  return ev;
}
