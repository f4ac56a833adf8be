import { header } from '../mime.js';
import { firstAddress } from '../text.js';
import type { BounceFormat, RawRecipient } from '../types.js';

/**
 * fml (a mailing-list manager): notices that a post to the list was refused (sender not a member, a loop of
 * duplicated Message-IDs …). The list address named in the notice is the recipient that failed.
 */
export const fml: BounceFormat = {
  name: 'fml',
  standalone: true,
  detect: (ctx) => (header(ctx.headers, 'x-mlserver') ?? '').toLowerCase().includes('fml') ||
    (ctx.lowSubject.endsWith(' ml)') && (ctx.lowHead.includes('not a member') || ctx.lowHead.includes('duplicated message-id'))),
  decode(ctx) {
    const para = ctx.errorText.trim().split(/\r?\n[ \t]*\r?\n/)[0] ?? '';
    const rcpt = firstAddress(para);
    if (!rcpt) return [];
    const r: RawRecipient = { recipient: rcpt, diagnosticCode: para.replace(/\s+/g, ' ').trim(), rule: 'fml/notice', action: 'failed' };
    return [r];
  },
};
