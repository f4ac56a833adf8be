/**
 * SpamAssassin headers: X-Spam-Status ("Yes, score=7.1 required=5.0 tests=A,B"), X-Spam-Score, X-Spam-Flag,
 * X-Spam-Level and X-Spam-Report (one line per rule with its points) — each rule explained from a table.
 */
import { headerFirst, type HeaderField } from '../../mime/header-fields.js';
import { cut } from '../util.js';
import { SPAMASSASSIN_RULES } from './spamassassin-rules.js';
import { lookupRule, type SpamRuleHit, type SpamVerdict } from './types.js';

const NAME = /^[A-Z0-9][A-Z0-9_]{0,60}$/;

/** Rule scores from X-Spam-Report lines such as " 1.2 RDNS_NONE  Delivered to internal network by ..." or "*  1.2 RDNS_NONE ...". */
export function parseSpamReport(value: string): Map<string, number> {
  const scores = new Map<string, number>();
  for (const m of value.slice(0, 32 * 1024).matchAll(/(?:^|[\s*])(-?\d{1,3}(?:\.\d{1,3})?)\s{1,8}([A-Z0-9][A-Z0-9_]{1,60})\b/g)) {
    if (scores.size >= 200) break;
    scores.set(m[2]!, Number(m[1]));
  }
  return scores;
}

export function readSpamAssassin(fields: readonly HeaderField[]): SpamVerdict | undefined {
  const status = headerFirst(fields, 'x-spam-status');
  const score = headerFirst(fields, 'x-spam-score');
  const flag = headerFirst(fields, 'x-spam-flag');
  const report = headerFirst(fields, 'x-spam-report');
  const checker = headerFirst(fields, 'x-spam-checker-version');
  // rspamd also writes X-Spam-Status in some setups; SpamAssassin's has "score=" or "hits=" and "tests=".
  if (!status && !report && !(checker && (score || flag))) return undefined;
  const v: SpamVerdict = { filter: 'spamassassin', product: 'SpamAssassin', rules: [], headers: [] };
  for (const f of [status, score, flag, report, checker, headerFirst(fields, 'x-spam-level')]) if (f) v.headers.push({ name: f.name, value: cut(f.value, 2000) });
  const s = status?.value.slice(0, 16 * 1024) ?? '';
  const yn = /^\s*(yes|no)\b/i.exec(s);
  if (yn) v.spam = yn[1]!.toLowerCase() === 'yes';
  else if (flag) v.spam = /^\s*yes/i.test(flag.value);
  const sc = /\b(?:score|hits)=(-?\d{1,4}(?:\.\d{1,3})?)/i.exec(s) ?? (score ? /(-?\d{1,4}(?:\.\d{1,3})?)/.exec(score.value) : null);
  if (sc) v.score = Number(sc[1]);
  const req = /\brequired=(-?\d{1,4}(?:\.\d{1,3})?)/i.exec(s);
  if (req) v.threshold = Number(req[1]);
  if (v.spam === undefined && v.score !== undefined && v.threshold !== undefined) v.spam = v.score >= v.threshold;
  const scores = report ? parseSpamReport(report.value) : new Map<string, number>();
  const testsAt = s.search(/\btests=/i);
  let names: string[] = [];
  if (testsAt >= 0) {
    // tests=A,B,\n\tC autolearn=… — the list ends at the next key=value word.
    const rest = s.slice(testsAt + 6);
    const end = rest.search(/\s[a-z_]+=/i);
    // "tests=A,B" or, with _TESTSSCORES_ in add_header, "tests=A=1.2,B=-0.5": the points come with the name.
    for (const item of (end >= 0 ? rest.slice(0, end) : rest).split(/[\s,]+/).slice(0, 400)) {
      const eq = item.indexOf('=');
      const n = eq > 0 ? item.slice(0, eq) : item;
      if (!NAME.test(n) || n === 'none') continue;
      names.push(n);
      const pts = eq > 0 ? item.slice(eq + 1) : '';
      if (/^-?\d{1,3}(?:\.\d{1,3})?$/.test(pts) && !scores.has(n)) scores.set(n, Number(pts));
    }
  }
  for (const n of scores.keys()) if (!names.includes(n)) names.push(n);
  for (const name of names.slice(0, 200)) {
    const info = lookupRule(SPAMASSASSIN_RULES, name);
    const hit: SpamRuleHit = { name };
    if (scores.has(name)) hit.score = scores.get(name)!;
    if (info) { hit.meaning = info.meaning; if (info.fix) hit.fix = info.fix; }
    v.rules.push(hit);
  }
  return v;
}
