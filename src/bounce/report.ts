/** Bounce results → findings (so every reporter works) and the documented `data` of the bounce report. */
import { makeReport, type Finding, type Report, type Status } from '../core/finding.js';
import { tx } from '../i18n/text.js';
import { describeReason } from '../knowledge/reasons.js';
import type { BounceItem } from './read.js';
import { BounceTally } from './summary.js';
import type { BounceRecipient } from './types.js';

function statusOf(r: BounceRecipient): Status {
  if (r.reason === 'vacation' || r.reason === 'feedback' || r.reason === 'delivered') return 'info';
  return r.hardBounce ? 'error' : 'warn';
}

function where(item: BounceItem): string {
  return item.index ? `${item.file}#${item.index}` : item.file;
}

/** One finding per recipient; one per non-bounce or unreadable message. */
export function bounceFindings(item: BounceItem): Finding[] {
  const res = item.result;
  const src = where(item);
  if (res.kind === 'error') {
    return [{
      check: 'bounce.unreadable', status: 'unknown', subject: src,
      summary: tx(`Not checked: ${res.errorText?.en ?? res.error ?? 'unknown error'}.`, `Nie sprawdzono: ${res.errorText?.pl ?? res.error ?? 'nieznany błąd'}.`),
    }];
  }
  if (!res.isBounce) {
    return [{
      check: 'bounce.not-bounce', status: 'info', subject: src,
      summary: tx('Not a bounce: no delivery report, auto-reply or feedback report found.',
        'To nie jest zwrot: nie znaleziono raportu doręczenia, autoodpowiedzi ani raportu o nadużyciu.'),
      ...(res.subject ? { evidence: [{ kind: 'header' as const, label: 'Subject', value: res.subject }] } : {}),
    }];
  }
  return res.recipients.map((r): Finding => {
    const info = describeReason(r.reason);
    // Hard/soft is about the address; permanence about this attempt: a permanent refusal of this message (a
    // blocked IP, a policy) is a soft bounce, and says so, instead of "Soft bounce." beside "Kind: permanent".
    const hardSoft = r.reason === 'vacation' || r.reason === 'feedback' || r.reason === 'delivered'
      ? tx('', '') : r.hardBounce ? tx(' Hard bounce: stop sending to this address.', ' Twardy zwrot: przestań wysyłać na ten adres.')
        : r.permanence === 'permanent'
          ? tx(' Soft bounce: refused for good, but nothing shows the address itself is invalid; see what to do.',
            ' Miękki zwrot: odrzucono na stałe, ale nic nie wskazuje, że sam adres jest błędny; zobacz, co zrobić.')
          : r.permanence === 'temporary'
            ? tx(' Soft bounce: a temporary failure; the message may still be delivered or can be sent again later.',
              ' Miękki zwrot: błąd tymczasowy; wiadomość może jeszcze dotrzeć albo można ją wysłać później.')
            : tx(' Soft bounce.', ' Miękki zwrot.');
    const codes = [r.replyCode, r.status].filter(Boolean).join(' ');
    const evidence: Finding['evidence'] = [];
    if (r.diagnosticCode) evidence.push({ kind: 'text', label: 'Diagnostic-Code', value: r.diagnosticCode });
    if (codes) evidence.push({ kind: 'code', label: 'codes', value: codes });
    if (r.rhost) evidence.push({ kind: 'other', label: 'remote host', value: r.rhost });
    if (r.command) evidence.push({ kind: 'other', label: 'SMTP command', value: r.command });
    evidence.push({ kind: 'other', label: 'rule', value: r.rule });
    const retry = r.hardBounce ? 'no' : r.permanence === 'temporary' ? 'later' : r.reason === 'vacation' || r.reason === 'feedback' || r.reason === 'delivered' ? 'no' : 'after-fix';
    const f: Finding = {
      check: 'bounce.recipient',
      status: statusOf(r),
      subject: r.recipient,
      summary: tx(`${r.recipient || '(recipient not disclosed)'}: ${info.title.en} (${r.reason}${codes ? ', ' + codes : ''}).${hardSoft.en}`,
        `${r.recipient || '(odbiorca nie został ujawniony)'}: ${info.title.pl} (${r.reason}${codes ? ', ' + codes : ''}).${hardSoft.pl}`),
      detail: info.meaning,
      evidence,
      diagnosis: {
        reason: r.reason, permanence: r.permanence, actor: info.actor === 'unknown' ? 'unknown' : info.actor, retry, rule: r.rule,
        ...(r.replyCode ? { replyCode: r.replyCode } : {}), ...(r.status ? { enhancedCode: r.status } : {}),
      },
      data: { file: src, ...r },
    };
    if (info.advice.length) f.advice = info.advice;
    return f;
  });
}

/** The per-message record of `--json` (`data.messages[]`, see docs/json-schema.md). */
export interface BounceMessageRecord {
  file: string;
  index?: number;
  isBounce: boolean;
  kind: string;
  decoder?: string;
  error?: string;
  recipients: BounceRecipient[];
}

/**
 * The JSON record of one message in a bounce report's `data.messages`: file, position, kind, decoder, recipients or
 * the error.
 */
export function bounceMessageRecord(item: BounceItem): BounceMessageRecord {
  const m: BounceMessageRecord = { file: item.file, isBounce: item.result.isBounce, kind: item.result.kind, recipients: item.result.recipients };
  if (item.index) m.index = item.index;
  if (item.result.decoder) m.decoder = item.result.decoder;
  if (item.result.error) m.error = item.result.error;
  return m;
}

/** A report over many messages (collected; a command that streams uses BounceTally and the parts itself). */
export function bounceReport(items: BounceItem[], subject: string): Report {
  const tally = new BounceTally();
  for (const it of items) tally.add(it);
  return makeReport('bounce', subject, items.flatMap(bounceFindings), {
    data: { messages: items.map(bounceMessageRecord), summary: tally.summary() },
    ...(items.length > 1 && tally.summary().recipients ? { tables: [tally.table()] } : {}),
  });
}

/** The header of the bounce CSV, one column per field of bounceCsvRows' rows, in that order. */
export const BOUNCE_CSV_COLUMNS = ['file', 'index', 'recipient', 'reason', 'hardBounce', 'status', 'replyCode', 'action', 'command',
  'rhost', 'lhost', 'diagnosticCode', 'sender', 'messageId', 'subject', 'date', 'feedbackType', 'rule'];

/** One CSV row per recipient (non-bounces give one row with an empty recipient). */
export function bounceCsvRows(items: BounceItem[]): unknown[][] {
  const rows: unknown[][] = [];
  for (const it of items) {
    if (!it.result.recipients.length) {
      rows.push([it.file, it.index ?? '', '', it.result.kind === 'error' ? 'error' : 'not-bounce', '', '', '', '', '', '', '', it.result.error ?? '']);
      continue;
    }
    for (const r of it.result.recipients) {
      rows.push([it.file, it.index ?? '', r.recipient, r.reason, r.hardBounce, r.status, r.replyCode, r.action, r.command, r.rhost, r.lhost,
        r.diagnosticCode, r.sender, r.messageId, r.subject, r.date, r.feedbackType, r.rule]);
    }
  }
  return rows;
}
