/**
 * rspamd headers: X-Spamd-Result ("default: False [3.40 / 15.00]; SYMBOL(score)[options]; …"), X-Rspamd-Score,
 * X-Rspamd-Action, X-Spam-Action, X-Rspamd-Server — each symbol explained from a table.
 */
import { headerFirst, type HeaderField } from '../../mime/header-fields.js';
import { cut } from '../util.js';
import { RSPAMD_ACTIONS, RSPAMD_SYMBOLS } from './rspamd-symbols.js';
import { lookupRule, type SpamVerdict } from './types.js';

export function readRspamd(fields: readonly HeaderField[]): SpamVerdict | undefined {
  const result = headerFirst(fields, 'x-spamd-result');
  const score = headerFirst(fields, 'x-rspamd-score');
  const action = headerFirst(fields, 'x-rspamd-action') ?? headerFirst(fields, 'x-spam-action');
  const server = headerFirst(fields, 'x-rspamd-server');
  if (!result && !score && !(action && server)) return undefined;
  const v: SpamVerdict = { filter: 'rspamd', product: 'rspamd', rules: [], headers: [] };
  for (const f of [result, score, action, server, headerFirst(fields, 'x-rspamd-queue-id'), headerFirst(fields, 'x-spam')]) if (f) v.headers.push({ name: f.name, value: cut(f.value, 2000) });
  const r = result?.value.slice(0, 32 * 1024) ?? '';
  const head = /^\s*[\w-]{1,40}:\s*(true|false)\s*\[\s*(-?\d{1,5}(?:\.\d{1,3})?)\s*\/\s*(-?\d{1,5}(?:\.\d{1,3})?)\s*\]/i.exec(r);
  if (head) {
    v.spam = head[1]!.toLowerCase() === 'true';
    v.score = Number(head[2]);
    v.threshold = Number(head[3]);
  } else if (score) {
    const n = /-?\d{1,5}(?:\.\d{1,3})?/.exec(score.value);
    if (n) v.score = Number(n[0]);
  }
  if (action) {
    const a = action.value.trim().toLowerCase().slice(0, 40);
    v.action = a;
    const known = RSPAMD_ACTIONS[a];
    if (known) v.spam = known.spam || v.spam === true;
  }
  const xs = headerFirst(fields, 'x-spam');
  if (v.spam === undefined && xs) v.spam = /^\s*yes/i.test(xs.value);
  // Symbols: NAME(score)[options]; the symbol list follows the first ';'.
  const list = r.includes(';') ? r.slice(r.indexOf(';') + 1) : '';
  for (const m of list.matchAll(/([A-Z0-9][A-Z0-9_]{0,60})\s?\((-?\d{1,5}(?:\.\d{1,4})?)\)(?:\s?\[([^\]]{0,300})\])?/g)) {
    if (v.rules.length >= 200) break;
    const info = lookupRule(RSPAMD_SYMBOLS, m[1]!);
    v.rules.push({ name: m[1]!, score: Number(m[2]), ...(m[3] ? { options: m[3] } : {}), ...(info ? { meaning: info.meaning } : {}), ...(info?.fix ? { fix: info.fix } : {}) });
  }
  return v;
}
