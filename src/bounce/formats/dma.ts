import { cleanAddress } from '../dsn.js';
import type { BounceFormat, RawRecipient } from '../types.js';

/** The sentence that names the failed recipient, one per notice. */
const LEAD = 'there was an error delivering your mail to <';
/** Where dma's own words end and the returned message (whole, or its headers) begins. */
const ENDS = ['original message follows.', 'message headers follow.'];
/** "mx.example.com [192.0.2.1] did not like our RCPT TO:" — the command dma names, as its SMTP verb. */
const DID_NOT_LIKE = ' did not like our ';
const COMMANDS: readonly (readonly [string, string])[] = [
  ['connect', 'CONN'], ['ehlo', 'EHLO'], ['helo', 'HELO'], ['mail from', 'MAIL'], ['rcpt to', 'RCPT'], ['final data', 'DATA'],
  ['data', 'DATA'], ['auth', 'AUTH'], ['starttls', 'STARTTLS'],
];

/**
 * dma, the DragonFly Mail Agent (a small sendmail(8) replacement in Debian and the BSDs): one plain-text notice per
 * failed recipient, no delivery-status part — "This is the DragonFly Mail Agent … There was an error delivering your
 * mail to <a@b>." then its error (for a remote refusal "host [ip] did not like our RCPT TO:" and the server's reply)
 * and "Original message follows." (or "Message headers follow.").
 */
export const dma: BounceFormat = {
  name: 'dma',
  detect: (ctx) => ctx.lowHead.includes('dragonfly mail agent') && ctx.lowHead.includes(LEAD),
  decode(ctx) {
    const low = ctx.lowError;
    const text = ctx.errorText;
    const out: RawRecipient[] = [];
    let at = low.indexOf(LEAD);
    while (at >= 0 && out.length < 50) {
      const open = at + LEAD.length;
      const close = low.indexOf('>', open);
      if (close < 0 || close - open > 320) break;
      const recipient = cleanAddress(text.slice(open, close));
      let end = text.length;
      for (const e of ENDS) { const i = low.indexOf(e, close); if (i >= 0 && i < end) end = i; }
      const next = low.indexOf(LEAD, close);
      if (next >= 0 && next < end) end = next;
      // The error starts on the line after the sentence.
      const lineEnd = low.indexOf('\n', close);
      const words = (lineEnd >= 0 && lineEnd < end ? text.slice(lineEnd + 1, end) : '').trim();
      const r: RawRecipient = { recipient, rule: 'dma/error-delivering' };
      if (words) r.diagnosticCode = words.slice(0, 4000);
      const lowWords = words.toLowerCase();
      const said = lowWords.indexOf(DID_NOT_LIKE);
      if (said >= 0) {
        const verb = lowWords.slice(said + DID_NOT_LIKE.length, said + DID_NOT_LIKE.length + 12);
        const cmd = COMMANDS.find(([w]) => verb.startsWith(w));
        if (cmd) r.command = cmd[1];
        const host = words.slice(0, said).trim().split(/\s+/)[0];
        if (host) r.rhost = host.replace(/\.$/, '');
      }
      if (recipient.includes('@')) out.push(r);
      at = next;
    }
    return out;
  },
};
