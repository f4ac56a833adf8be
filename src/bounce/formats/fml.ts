import { header } from '../../mime/parse.js';
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
    // The paragraph that says what went wrong names the list (not a help text before it).
    const paras = ctx.errorText.trim().split(/\r?\n[ \t]*\r?\n/);
    const para = paras.find((p) => /not a member|duplicated message-id|mailing list|message-id/i.test(p) && firstAddress(p)) ?? paras[0] ?? '';
    // On the paragraph's line that says it, or else the paragraph's first address.
    const said = para.split(/\r?\n/).find((l) => /not a member|duplicated message-id|mailing list/i.test(l) && firstAddress(l));
    const rcpt = firstAddress(said ?? para);
    if (!rcpt) return [];
    const r: RawRecipient = { recipient: rcpt, diagnosticCode: para.replace(/\s+/g, ' ').trim(), rule: 'fml/notice', action: 'failed' };
    return [r];
  },
};
