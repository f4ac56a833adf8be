import { cleanAddress } from '../dsn.js';
import type { BounceFormat, RawRecipient } from '../types.js';

const ADDRESS_LINE = /^\s*<?([A-Za-z0-9._%+'=!#$&*/?^`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253})>?\s*$/;

/**
 * Lotus Notes / Domino SMTP MTA: "------- Failure Reasons --------", then for each recipient the reason line(s)
 * FOLLOWED by the address, then "------- Returned Message --------".
 */
export const notes: BounceFormat = {
  name: 'notes',
  detect: (ctx) => ctx.lowHead.includes('------- failure reasons'),
  decode(ctx) {
    const low = ctx.lowError;
    const a = low.indexOf('------- failure reasons');
    const section = ctx.errorText.slice(ctx.errorText.indexOf('\n', a) + 1);
    const out: RawRecipient[] = [];
    let words: string[] = [];
    for (const line of section.split(/\r?\n/)) {
      if (line.startsWith('-------')) break;
      const m = ADDRESS_LINE.exec(line);
      if (m) {
        out.push({ recipient: cleanAddress(m[1]!), diagnosticCode: words.join(' ').trim(), rule: 'notes/failure-reasons', mailboxServer: true });
        words = [];
      } else if (line.trim()) words.push(line.trim());
      if (out.length >= 200) break;
    }
    return out;
  },
};
