/**
 * Message disposition notifications (RFC 8098) that report a refusal. A Sieve `reject` (RFC 5429 §2.1.1) — the
 * recipient's own mail filter refusing the message after delivery, as Dovecot's Pigeonhole and Cyrus do — answers
 * with an MDN whose disposition is "automatic-action/…; deleted" and the refused message returned. Read receipts
 * (displayed), a message a person deleted unread (manual-action), and a "not read" notice answering a receipt request
 * (the original carries Disposition-Notification-To) are no delivery failure and give nothing here.
 */
import { cleanAddress } from './dsn.js';
import { decodeHeaderValue, header, parseHeaderBlock, type HeaderList } from '../mime/parse.js';
import { allAddresses } from './text.js';
import type { RawRecipient } from './types.js';

/** disposition-field (RFC 8098 §3.2.6): mode "/" sending-mode ";" type, with optional modifiers after "/". */
const DISPOSITION = /^\s*([a-z-]{1,40})\s*\/\s*[a-z-]{1,40}\s*;\s*([a-z-]{1,40})/i;

/**
 * The recipient whose filter refused the message, from the MDN's fields (Final-Recipient, else Original-Recipient,
 * else the returned message's To), with the human-readable part — the filter's own words — as the diagnostic.
 */
export function decodeRefusalMdn(fields: string, original: HeaderList | undefined, humanText: string): RawRecipient[] {
  const h = parseHeaderBlock(fields.replace(/\r\n/g, '\n').replace(/\n[ \t]*\n/g, '\n'));
  const d = DISPOSITION.exec(header(h, 'disposition') ?? '');
  if (!d || d[1]!.toLowerCase() !== 'automatic-action' || d[2]!.toLowerCase() !== 'deleted') return [];
  // A refusal returns the message (RFC 5429 §2.1.1: its third part); a receipt answers a request for one. Exchange's
  // "Not read" notice (deleted unread, sent because the original asked for a receipt) has the same disposition.
  if (!original || header(original, 'disposition-notification-to') !== undefined) return [];
  const named = header(h, 'final-recipient') ?? header(h, 'original-recipient');
  let rcpts = named ? [cleanAddress(named.replace(/^\s*[\w-]{1,20}\s*;\s*/, ''))].filter((a) => a.includes('@')) : [];
  if (!rcpts.length && original) rcpts = allAddresses(decodeHeaderValue(header(original, 'to') ?? ''), 20);
  const ua = header(h, 'reporting-ua');
  const words = humanText.replace(/\s+/g, ' ').trim().slice(0, 2000);
  return rcpts.map((recipient) => {
    const r: RawRecipient = { recipient, reason: 'filtered', action: 'failed', rule: 'mdn/automatic-deleted' };
    if (words) r.diagnosticCode = words;
    if (ua) r.lhost = ua.split(';')[0]!.trim();
    return r;
  });
}
