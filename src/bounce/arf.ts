/**
 * Feedback reports: RFC 5965 abuse reports (ARF), Microsoft's JMRP complaints (a report with the original
 * message whose X-HmXmrOriginalRecipient names the complainer) and unsubscribe requests Apple Mail sends
 * (X-Apple-Unsubscribe). Reason "feedback" with the feedback type; never a delivery failure.
 */
import { cleanAddress } from './dsn.js';
import { decodeHeaderValue, header, parseHeaderBlock, type HeaderList } from '../mime/parse.js';
import { allAddresses } from './text.js';
import type { RawRecipient } from './types.js';

/**
 * Recipients of a feedback report: Original-Rcpt-To / Removal-Recipient, else Microsoft's
 * X-HmXmrOriginalRecipient in the original, else the original message's To. A report that names none (the
 * provider redacted it) gives one recipient with an empty address: the complaint is real, whose it is is not
 * said — the report's own To (the sender's abuse desk) is never taken for the complainer.
 */
export function decodeArf(report: string, original: HeaderList | undefined): RawRecipient[] {
  const h = parseHeaderBlock(report.replace(/\r\n/g, '\n').replace(/\n[ \t]*\n/g, '\n'));
  const type = (header(h, 'feedback-type') ?? 'abuse').trim().toLowerCase().split(/[\s;]/)[0] || 'abuse';
  const rcpts: string[] = [];
  for (const [n, v] of h) if (n === 'original-rcpt-to' || n === 'removal-recipient') rcpts.push(cleanAddress(v));
  if (!rcpts.length && original) {
    const ms = header(original, 'x-hmxmroriginalrecipient');
    if (ms) rcpts.push(...allAddresses(ms).slice(0, 1));
  }
  if (!rcpts.length && original) {
    const to = header(original, 'to');
    if (to) rcpts.push(...allAddresses(decodeHeaderValue(to)));
  }
  const date = header(h, 'arrival-date') ?? header(h, 'received-date');
  const lhost = header(h, 'reporting-mta');
  const source = header(h, 'source-ip');
  const list = [...new Set(rcpts.filter(Boolean))];
  return (list.length ? list : ['']).map((recipient) => {
    const r: RawRecipient = { recipient, reason: 'feedback', feedbackType: type, rule: recipient ? 'arf/feedback-report' : 'arf/recipient-not-disclosed', action: 'failed' };
    if (date) r.date = date;
    if (lhost) r.lhost = lhost.replace(/^[a-z]+;\s*/i, '');
    if (source) r.rhost = source;
    return r;
  });
}

/** Microsoft JMRP: "complaint about message from <ip>" with the original attached, no machine-readable part. */
export function isJmrp(from: string, subject: string, original: HeaderList | undefined): boolean {
  if (!original || !header(original, 'x-hmxmroriginalrecipient')) return false;
  return /complaint about message from|abuse report|junk mail report/i.test(subject) || /staff@hotmail\.com|@jmrp\./i.test(from);
}

/** An unsubscribe request sent by Apple Mail (or any client that marks it X-Apple-Unsubscribe: true). */
export function isUnsubscribeRequest(h: HeaderList): boolean {
  return (header(h, 'x-apple-unsubscribe') ?? '').trim().toLowerCase() === 'true';
}
