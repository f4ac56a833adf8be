/** RFC 3834 automatic responses (out-of-office, vacation): reason "vacation", not a failure. */
import { header, type HeaderList } from '../mime/parse.js';

const SUBJECT_MARKS = ['auto:', 'automatic reply', 'autoreply', 'auto-reply', 'auto reply', 'out of office', 'out of the office',
  'abwesenheit', 'absence', 'vacation', 'away from', 'odpowiedź automatyczna', 'autoodpowiedź', 'nieobecność',
  'automatische antwort', 'réponse automatique', 'respuesta automática', 'risposta automatica', '自動応答', '不在'];

/** Is this message an automatic reply (and not a delivery failure)? Returns the rule that decided. */
export function autoReplyRule(h: HeaderList, subject: string): string | undefined {
  const as = (header(h, 'auto-submitted') ?? '').toLowerCase();
  if (as.startsWith('auto-replied') && !as.includes('failure')) return 'rfc3834/auto-submitted';
  if (header(h, 'x-autoreply') || header(h, 'x-autorespond') || header(h, 'x-autoresponder')) return 'rfc3834/x-autoreply';
  const prec = (header(h, 'precedence') ?? '').toLowerCase();
  if (prec.includes('auto_reply') || prec.includes('auto-reply')) return 'rfc3834/precedence';
  const s = subject.toLowerCase();
  if (SUBJECT_MARKS.some((m) => s.includes(m))) return 'rfc3834/subject';
  return undefined;
}
