/**
 * Other filters and providers that leave a verdict in the headers: Yahoo (X-YahooFilteredBulk), Apple
 * (X-Apple-Action), Barracuda, Proofpoint,
 * Mimecast, generic X-Spam / X-Spam-Flag, and "[SPAM]" subject tags. A table, one row per header.
 */
import { tx } from '../../i18n/text.js';
import { headerFirst, type HeaderField } from '../../mime/header-fields.js';
import { cut } from '../util.js';
import type { SpamVerdict } from './types.js';

interface Marker {
  header: string;
  product: string;
  filter: SpamVerdict['filter'];
  /** Does this value mean "spam"? */
  spam: (value: string) => boolean | undefined;
  score?: (value: string) => number | undefined;
}

const num = (v: string) => { const m = /-?\d{1,5}(?:\.\d{1,3})?/.exec(v); return m ? Number(m[0]) : undefined; };

export const SPAM_MARKERS: Marker[] = [
  { header: 'x-yahoofilteredbulk', product: 'Yahoo (bulk folder)', filter: 'other', spam: () => true },
  { header: 'x-apple-action', product: 'Apple iCloud', filter: 'other', spam: (v) => /junk/i.test(v) ? true : undefined },
  { header: 'x-barracuda-spam-status', product: 'Barracuda', filter: 'other', spam: (v) => /^\s*yes/i.test(v), score: (v) => num(/score=(-?[\d.]+)/i.exec(v)?.[1] ?? '') },
  { header: 'x-barracuda-spam-score', product: 'Barracuda', filter: 'other', spam: () => undefined, score: num },
  { header: 'x-proofpoint-spam-details', product: 'Proofpoint', filter: 'other', spam: (v) => /rule=spam|rule=bulk/i.test(v) ? true : /rule=notspam/i.test(v) ? false : undefined, score: (v) => num(/spamscore=(\d+)/i.exec(v)?.[1] ?? '') },
  { header: 'x-mimecast-spam-score', product: 'Mimecast', filter: 'other', spam: () => undefined, score: num },
  { header: 'x-spam-flag', product: 'X-Spam-Flag', filter: 'other', spam: (v) => /^\s*yes/i.test(v) },
  { header: 'x-spam', product: 'X-Spam', filter: 'other', spam: (v) => /^\s*(yes|true|1)\b/i.test(v) ? true : /^\s*(no|false|0)\b/i.test(v) ? false : undefined },
];

const SUBJECT_TAG = /^\s*(\*{2,3}\s?spam\s?\*{2,3}|\[spam\]|\{spam\??\}|spam:|\[suspected spam\]|\*\*\*uns?olicited\*\*\*)/i;

export function readOtherFilters(fields: readonly HeaderField[], hasSpamAssassinOrRspamd: boolean): SpamVerdict[] {
  const out: SpamVerdict[] = [];
  for (const m of SPAM_MARKERS) {
    // X-Spam-Flag and X-Spam belong to SpamAssassin/rspamd when those are present.
    if ((m.header === 'x-spam-flag' || m.header === 'x-spam') && hasSpamAssassinOrRspamd) continue;
    const f = headerFirst(fields, m.header);
    if (!f) continue;
    const value = f.value.slice(0, 4000);
    const spam = m.spam(value);
    const score = m.score?.(value);
    out.push({ filter: m.filter, product: m.product, ...(spam !== undefined ? { spam } : {}), ...(score !== undefined ? { score } : {}), rules: [], headers: [{ name: f.name, value: cut(f.value, 500) }] });
  }
  const subj = headerFirst(fields, 'subject');
  if (subj && SUBJECT_TAG.test(subj.value.slice(0, 200))) {
    out.push({ filter: 'other', product: 'Subject tag', spam: true, rules: [{ name: 'SUBJECT_TAG', meaning: tx('A filter on the way marked the subject as spam.', 'Filtr po drodze oznaczył temat jako spam.') }], headers: [{ name: 'Subject', value: cut(subj.value, 200) }] });
  }
  return out;
}
