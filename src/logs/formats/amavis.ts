/**
 * amavisd-new, the content filter between two Postfix legs. The verdict line names the Postfix queue id of the
 * message it received ("Queue-ID:") and the ones it re-injected it as ("queued_as:"), so it links the legs of one
 * message and tells what happened inside the filter:
 *   (08648-03) Passed CLEAN {RelayedInbound}, [127.0.0.5]:47049 <a@x> -> <b@y>, Queue-ID: 8E5FE22A1A3,
 *     Message-ID: <…>, mail_id: yY6J3J_mECzR, Hits: -1, size: 687, queued_as: 0103522A1A7, 269 ms
 *   (08645-03) Blocked BANNED (application/octet-stream,.exe,…) {DiscardedInbound,Quarantined}, [127.0.0.6]:48931
 *     <a@x> -> <b@y>, quarantine: banned-giUWYPLBRx3k, Queue-ID: 8405822A1A7, …
 * Older releases write no {…} and no Queue-ID ("Passed CLEAN, [ip] [ip] <a> -> <b>, Message-ID: …"). Every other
 * amavis line (start-up, "No decoder for", per-part debug lines) is understood and carries nothing we count;
 * "(!!)TROUBLE …" and "(!)…" lines are its errors and warnings.
 */
import type { LineHead } from '../stamp.js';
import type { LogEvent } from '../types.js';

export function isAmavisProg(prog: string): boolean {
  return prog === 'amavis' || prog === 'amavisd' || prog === 'amavisd-new' || prog.startsWith('amavis/');
}

/** ", key: value" up to the next ", " (values such as "Hits: -1" or "Queue-ID: 8E5FE22A1A3"). */
function field(s: string, key: string, from: number): string | undefined {
  const i = s.indexOf(key, from);
  if (i < 0) return undefined;
  const a = i + key.length;
  const e = s.indexOf(', ', a);
  return s.slice(a, e < 0 ? s.length : e);
}

/** "<a@x>,<b@y>" (or "<a@x> <b@y>") → ["a@x", "b@y"]. */
function addresses(s: string, a: number, b: number): string[] {
  const out: string[] = [];
  let p = a;
  while (p < b && out.length < 1000) {
    const o = s.indexOf('<', p);
    if (o < 0 || o >= b) break;
    const c = s.indexOf('>', o);
    if (c < 0 || c > b) break;
    out.push(s.slice(o + 1, c));
    p = c + 1;
  }
  return out;
}

export function parseAmavis(s: string, h: LineHead): LogEvent | null {
  const ts = h.ts, prog = h.prog;
  let p = h.body;
  if (p >= s.length) return null;
  // "(08648-03) " — the log id of the child process and task
  if (s.charCodeAt(p) === 40) {
    const c = s.indexOf(') ', p);
    if (c > p && c - p < 32) p = c + 2;
  }
  if (s.startsWith('(!!)', p) || s.startsWith('(!)', p)) {
    const lv = s.startsWith('(!!)', p) ? 'error' : 'warning';
    return { ts, line: s, fmt: 'amavis', prog, k: 'daemon', level: lv, text: s.slice(p + (lv === 'error' ? 4 : 3)) };
  }
  const passed = s.startsWith('Passed ', p);
  if (!passed && !s.startsWith('Blocked ', p)) return { ts, line: s, fmt: 'amavis', prog, k: 'other' };
  p += passed ? 7 : 8;
  // the category: "CLEAN", "SPAM", "BAD-HEADER-0", "INFECTED (Eicar-Signature)", "BANNED (…)"
  let e = p;
  while (e < s.length && s.charCodeAt(e) !== 32 && s.charCodeAt(e) !== 44) e++;
  const category = s.slice(p, e).replace(/-\d+$/, '');
  let q = e;
  let detail: string | undefined;
  if (s.charCodeAt(q) === 32 && s.charCodeAt(q + 1) === 40) { // "(what was found)"
    const c = s.indexOf(')', q);
    if (c > q) { detail = s.slice(q + 2, c); q = c + 1; }
  }
  let actions = '';
  if (s.charCodeAt(q) === 32 && s.charCodeAt(q + 1) === 123) { // "{DiscardedInbound,Quarantined}"
    const c = s.indexOf('}', q);
    if (c > q) { actions = s.slice(q + 2, c); q = c + 1; }
  }
  const arrow = s.indexOf(' -> ', q);
  const ev: LogEvent = {
    ts, line: s, fmt: 'amavis', prog, k: 'filter', filter: 'amavis', verdict: passed ? 'passed' : 'blocked', category,
    discarded: actions.includes('Discarded'), quarantined: actions.includes('Quarantined') || s.indexOf(', quarantine: ', q) >= 0,
    rejected: actions.includes('Rejected') || actions.includes('Bounced'), to: [], children: [],
  };
  if (detail !== undefined) ev.detail = detail;
  if (arrow > 0) {
    const fo = s.lastIndexOf('<', arrow);
    if (fo >= q) ev.from = s.slice(fo + 1, s.lastIndexOf('>', arrow));
    // the client: "[127.0.0.5]:47049" (the first bracket after the category)
    const lb = s.indexOf('[', q);
    if (lb > 0 && lb < fo) { const rb = s.indexOf(']', lb); if (rb > lb) ev.ip = s.slice(lb + 1, rb); }
    const end = s.indexOf(', ', s.indexOf('>', arrow + 4) + 1);
    ev.to = addresses(s, arrow + 4, end < 0 ? s.length : end);
  }
  const qid = field(s, ', Queue-ID: ', q);
  if (qid) ev.qid = qid;
  const mid = field(s, ', Message-ID: ', q);
  if (mid) ev.messageId = mid.replace(/^<|>$/g, '');
  const hits = field(s, ', Hits: ', q);
  if (hits && hits !== '-') { const v = Number(hits); if (Number.isFinite(v)) ev.score = v; }
  const size = field(s, ', size: ', q);
  if (size) { const v = Number(size); if (v >= 0) ev.size = v; }
  const qa = s.indexOf(', queued_as: ', q);
  if (qa > 0) {
    // "queued_as: 0103522A1A7" or "queued_as: A, B" (one per recipient group), then ", 269 ms"
    const list = s.slice(qa + 13).split(', ');
    for (const x of list) { if (/^[0-9A-Za-z]{5,24}$/.test(x)) ev.children.push(x); else break; }
  }
  return ev;
}
