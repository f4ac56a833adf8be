import { cleanAddress } from '../dsn.js';
import { header } from '../../mime/parse.js';
import type { BounceFormat, RawRecipient } from '../types.js';

const LINE = /^[ \t]*([^:\n]{3,120}):[ \t]*<?([A-Za-z0-9._%+'=!#$&*/?^`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253})>?[ \t]*\r?$/gm;

/** Ipswitch IMail (X-Mailer: <SMTP32 …>): one "<cause>: <address>" line per recipient, e.g. "Unknown user: a@b". */
export const imailserver: BounceFormat = {
  name: 'imailserver',
  detect: (ctx) => (header(ctx.headers, 'x-mailer') ?? '').toLowerCase().includes('smtp32'),
  decode(ctx) {
    const out: RawRecipient[] = [];
    for (const m of ctx.errorText.matchAll(LINE)) {
      out.push({ recipient: cleanAddress(m[2]!), diagnosticCode: m[1]!.trim(), rule: 'imailserver/cause-line', mailboxServer: true });
      if (out.length >= 200) break;
    }
    return out;
  },
};
