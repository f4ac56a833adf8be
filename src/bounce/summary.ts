/**
 * BounceTally: what a run over many messages adds up to — messages, bounces, recipients, hard and soft, and the
 * recipients per reason — kept as counts, so a run over a million messages holds no message after it is printed.
 */
import type { Table } from '../core/finding.js';
import { tx } from '../i18n/text.js';
import type { BounceItem } from './read.js';

/** `data.summary` of the bounce report (docs/json-schema.md). */
export interface BounceSummary {
  messages: number;
  bounces: number;
  recipients: number;
  /** Recipients with a hard bounce (stop sending to the address). */
  hard: number;
  /** Recipients whose failure was temporary (the sending server may still deliver). */
  temporary: number;
  /** Messages that were no bounce, auto-reply or feedback report. */
  notBounces: number;
  /** Messages that could not be read (not checked), with the reason in their own finding. */
  unreadable: number;
  /** Recipients per reason, most first. */
  reasons: { reason: string; recipients: number; hard: number; files: number }[];
}

interface ReasonCount { recipients: number; hard: number; files: number; lastFile: string }

/**
 * Counts bounces message by message (add), so a command that streams thousands of them can still give the totals and
 * the table by reason at the end without keeping the messages.
 */
export class BounceTally {
  private messages = 0;
  private bounces = 0;
  private recipients = 0;
  private hard = 0;
  private temporary = 0;
  private notBounces = 0;
  private unreadable = 0;
  private readonly reasons = new Map<string, ReasonCount>();

  add(item: BounceItem): void {
    const r = item.result;
    this.messages++;
    if (r.kind === 'error') { this.unreadable++; return; }
    if (!r.isBounce) { this.notBounces++; return; }
    this.bounces++;
    const where = item.index ? `${item.file}#${item.index}` : item.file;
    for (const rc of r.recipients) {
      this.recipients++;
      if (rc.hardBounce) this.hard++;
      if (rc.permanence === 'temporary') this.temporary++;
      let c = this.reasons.get(rc.reason);
      if (!c) this.reasons.set(rc.reason, c = { recipients: 0, hard: 0, files: 0, lastFile: '' });
      c.recipients++;
      if (rc.hardBounce) c.hard++;
      if (c.lastFile !== where) { c.files++; c.lastFile = where; }
    }
  }

  get count(): number {
    return this.messages;
  }

  summary(): BounceSummary {
    const reasons = [...this.reasons].map(([reason, c]) => ({ reason, recipients: c.recipients, hard: c.hard, files: c.files }))
      .sort((a, b) => b.recipients - a.recipients || (a.reason < b.reason ? -1 : 1));
    return {
      messages: this.messages, bounces: this.bounces, recipients: this.recipients, hard: this.hard, temporary: this.temporary,
      notBounces: this.notBounces, unreadable: this.unreadable, reasons,
    };
  }

  /** Recipients per reason (for a run over more than one message). */
  table(): Table {
    const s = this.summary();
    const pct = (n: number) => (s.recipients ? `${Math.round((100 * n) / s.recipients)} %` : '');
    return {
      id: 'bounce.reasons',
      title: tx(`Recipients per reason (${s.recipients} in ${s.bounces} bounce(s) of ${s.messages} message(s))`,
        `Odbiorcy według przyczyny (${s.recipients} w ${s.bounces} zwrotach z ${s.messages} wiadomości)`),
      // Cells are language-neutral (the reason vocabulary, numbers); each reason's meaning is in its findings.
      columns: [tx('reason', 'przyczyna'), tx('recipients', 'odbiorcy'), tx('hard', 'twarde'), tx('share', 'udział'), tx('messages', 'wiadomości')],
      rows: s.reasons.map((r) => [r.reason, String(r.recipients), String(r.hard), pct(r.recipients), String(r.files)]),
    };
  }
}
