import { cleanAddress } from '../dsn.js';
import type { BounceFormat, RawRecipient } from '../types.js';

/**
 * Verizon (vtext.com) and Apache James style notices: "Error: …", "Error message below: <server reply>",
 * then "Message details:" with "RCPT TO: <recipient>".
 */
export const vtext: BounceFormat = {
  name: 'vtext',
  standalone: true,
  detect: (ctx) => ctx.lowHead.includes('error message below:') && ctx.lowHead.includes('rcpt to:'),
  decode(ctx) {
    const low = ctx.lowError;
    const a = low.indexOf('error message below:');
    const b = low.indexOf('message details:', a);
    const diag = ctx.errorText.slice(a + 'error message below:'.length, b > a ? b : a + 2000).replace(/\s+/g, ' ').trim();
    const out: RawRecipient[] = [];
    for (const m of ctx.errorText.matchAll(/^[ \t]*RCPT TO:[ \t]*<?([^\s<>]{1,254}@[^\s<>]{1,254})>?[ \t]*\r?$/gim)) {
      out.push({ recipient: cleanAddress(m[1]!), diagnosticCode: diag, command: 'RCPT', rule: 'vtext/error-message' });
    }
    return out;
  },
};
