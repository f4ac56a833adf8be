import { header } from '../../mime/parse.js';
import { allAddresses } from '../text.js';
import type { BounceFormat, RawRecipient } from '../types.js';

/**
 * Mobile-carrier MMS gateways (e.g. Verizon's vzwpix): "Message could not be delivered to mobile." with the
 * original message's header lines quoted below "Original Message:".
 */
export const mms: BounceFormat = {
  name: 'mms',
  standalone: true,
  detect: (ctx) => ctx.lowHead.includes('could not be delivered to mobile') && ctx.lowHead.includes('original message:'),
  decode(ctx) {
    const low = ctx.lowError;
    const i = low.indexOf('original message:');
    const quoted = ctx.errorText.slice(i);
    const to = /^To:\s*(.{1,2000})$/im.exec(quoted)?.[1] ?? header(ctx.original ?? [], 'to') ?? '';
    const diag = ctx.errorText.slice(0, i).replace(/\s+/g, ' ').trim();
    return allAddresses(to, 50).map((recipient): RawRecipient => ({ recipient, diagnosticCode: diag, rule: 'mms/original-to' }));
  },
};
