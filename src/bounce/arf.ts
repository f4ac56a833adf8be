/** RFC 5965 abuse feedback reports (ARF): reason "feedback" with the Feedback-Type. */
import { cleanAddress } from './dsn.js';
import { decodeHeaderValue, header, parseHeaderBlock, type HeaderList } from './mime.js';
import { allAddresses } from './text.js';
import type { RawRecipient } from './types.js';

/** Recipients of a feedback report: Original-Rcpt-To / Removal-Recipient, else the original message's To. */
export function decodeArf(report: string, original: HeaderList | undefined, fallbackTo?: string): RawRecipient[] {
  const h = parseHeaderBlock(report.replace(/\r\n/g, '\n').replace(/\n[ \t]*\n/g, '\n'));
  const type = (header(h, 'feedback-type') ?? 'abuse').trim().toLowerCase().split(/[\s;]/)[0] || 'abuse';
  const rcpts: string[] = [];
  for (const [n, v] of h) if (n === 'original-rcpt-to' || n === 'removal-recipient') rcpts.push(cleanAddress(v));
  if (!rcpts.length && original) {
    const to = header(original, 'to');
    if (to) rcpts.push(...allAddresses(decodeHeaderValue(to)));
  }
  if (!rcpts.length && fallbackTo) rcpts.push(...allAddresses(fallbackTo).slice(0, 1));
  const date = header(h, 'arrival-date') ?? header(h, 'received-date');
  const lhost = header(h, 'reporting-mta');
  const source = header(h, 'source-ip');
  return [...new Set(rcpts.filter(Boolean))].map((recipient) => {
    const r: RawRecipient = { recipient, reason: 'feedback', feedbackType: type, rule: 'arf/feedback-report', action: 'failed' };
    if (date) r.date = date;
    if (lhost) r.lhost = lhost.replace(/^[a-z]+;\s*/i, '');
    if (source) r.rhost = source;
    return r;
  });
}
