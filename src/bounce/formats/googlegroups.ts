import { allAddresses } from '../text.js';
import { header } from '../../mime/parse.js';
import type { BounceFormat, RawRecipient } from '../types.js';

/**
 * Google Groups: a message to a group that does not exist or does not let you post. The notice is written in
 * the sender's language, so the group address in X-Failed-Recipients is what identifies it.
 */
export const googlegroups: BounceFormat = {
  name: 'googlegroups',
  detect: (ctx) => (header(ctx.headers, 'x-failed-recipients') ?? '').toLowerCase().includes('@googlegroups.com'),
  decode(ctx) {
    return allAddresses(header(ctx.headers, 'x-failed-recipients') ?? '').map((recipient): RawRecipient => ({
      recipient, reason: 'rejected', rule: 'googlegroups/not-permitted-to-post', action: 'failed',
      diagnosticCode: ctx.errorText.replace(/\s+/g, ' ').trim().slice(0, 600),
    }));
  },
};
