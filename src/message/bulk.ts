/**
 * Bulk mail (newsletters, marketing): recognised from its headers, and checked for what large receivers demand
 * of bulk senders since 2024 (Gmail, Yahoo): a List-Unsubscribe header with one-click unsubscribe (RFC 8058).
 */
import type { Finding } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { headerFirst, type HeaderField } from '../mime/header-fields.js';
import { FIX } from './spam/fixes.js';

/**
 * Whether the message is bulk (list or campaign) mail by its headers, and whether it offers the unsubscribe the big
 * providers require (List-Unsubscribe, one-click).
 */
export interface BulkAnalysis {
  /** Header signals that say "bulk" (data, e.g. "List-Id", "Precedence: bulk", "X-Mailgun-*"). */
  signals: string[];
  listUnsubscribe?: string;
  oneClick: boolean;
}

/**
 * Headers that mark list or campaign mail (name prefix → shown name). Sending services' own headers (SES,
 * SendGrid, Mailgun, Postmark) are not here: they carry transactional mail too, which needs no unsubscribe.
 */
export const BULK_HEADERS: readonly [string, string][] = [
  ['list-id', 'List-Id'], ['x-campaign', 'X-Campaign'], ['x-mc-user', 'Mailchimp'], ['x-mailchimp-', 'Mailchimp'],
  ['x-freshmail-', 'FreshMail'], ['x-getresponse-', 'GetResponse'], ['x-csa-complaints', 'CSA'], ['x-newsletter', 'X-Newsletter'],
];

/**
 * Finds the header signals of bulk mail (List-Id, Precedence, campaign tools' headers and mailers) and reads its
 * unsubscribe headers; a delivery report is never bulk.
 */
export function analyzeBulk(fields: readonly HeaderField[]): BulkAnalysis {
  const signals = new Set<string>();
  // A delivery status notification is not bulk mail, whatever headers it quotes or carries.
  if (/multipart\/report/i.test(headerFirst(fields, 'content-type')?.value.slice(0, 200) ?? '')) return { signals: [], oneClick: false };
  for (const f of fields.slice(0, 2000)) {
    for (const [prefix, name] of BULK_HEADERS) if (f.key.startsWith(prefix)) signals.add(name);
  }
  const precedence = headerFirst(fields, 'precedence')?.value.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'list') signals.add(`Precedence: ${precedence}`);
  const xm = headerFirst(fields, 'x-mailer')?.value ?? '';
  if (/mailchimp|sendinblue|brevo|mailjet|getresponse|freshmail|phplist|mailpoet|acumbamail|campaign monitor|mailerlite/i.test(xm.slice(0, 200))) signals.add(`X-Mailer: ${xm.slice(0, 40)}`);
  const lu = headerFirst(fields, 'list-unsubscribe')?.value;
  const post = headerFirst(fields, 'list-unsubscribe-post')?.value ?? '';
  return { signals: [...signals], ...(lu ? { listUnsubscribe: lu.slice(0, 300) } : {}), oneClick: /list-unsubscribe\s*=\s*one-click/i.test(post) && Boolean(lu && /<https:/i.test(lu)) };
}

const T = {
  bulk: tx('This looks like bulk mail ({signals}).', 'To wygląda na pocztę masową ({signals}).'),
  noUnsub: tx('Bulk mail without a List-Unsubscribe header.', 'Poczta masowa bez nagłówka List-Unsubscribe.'),
  noUnsubDetail: tx('Gmail and Yahoo require bulk senders to offer unsubscribing from the header (List-Unsubscribe, one click per RFC 8058); without it recipients press "Report spam" instead, which ruins the sender\'s reputation.',
    'Gmail i Yahoo wymagają od nadawców masowych możliwości wypisania się z poziomu nagłówka (List-Unsubscribe, jednym kliknięciem wg RFC 8058); bez tego odbiorcy klikają „Zgłoś spam”, co niszczy reputację nadawcy.'),
  noUnsubAdvice: tx('Add "List-Unsubscribe: <https://…>, <mailto:…>" and "List-Unsubscribe-Post: List-Unsubscribe=One-Click" (sending services have a switch for it).', 'Dodaj „List-Unsubscribe: <https://…>, <mailto:…>” oraz „List-Unsubscribe-Post: List-Unsubscribe=One-Click” (serwisy wysyłkowe mają na to przełącznik).'),
  noOneClick: tx('List-Unsubscribe is there, but without one-click unsubscribe (List-Unsubscribe-Post with an https link).', 'Jest List-Unsubscribe, ale bez wypisania jednym kliknięciem (List-Unsubscribe-Post z linkiem https).'),
};

export function bulkFindings(b: BulkAnalysis): Finding[] {
  if (!b.signals.length) return [];
  const out: Finding[] = [{ check: 'message.bulk', status: 'info', subject: b.signals.join(', '), summary: fill(T.bulk, { signals: b.signals.slice(0, 5).join(', ') }), data: { ...b } }];
  if (!b.listUnsubscribe) out.push({ check: 'message.bulk.no-unsubscribe', status: 'warn', subject: 'List-Unsubscribe', summary: T.noUnsub, detail: T.noUnsubDetail, advice: [T.noUnsubAdvice, FIX.bulk], data: { spamWeight: 2 } });
  else if (!b.oneClick) out.push({ check: 'message.bulk.no-one-click', status: 'info', subject: 'List-Unsubscribe-Post', summary: T.noOneClick, detail: T.noUnsubDetail, advice: [T.noUnsubAdvice], data: { spamWeight: 1 } });
  return out;
}
