/**
 * The terminal channel, always on: each alert becomes a finding of the pass's Report (`watch.alert.<kind>`), so the
 * terminal, JSON, Markdown and HTML views show it like any other finding.
 */
import type { Finding } from '../../core/finding.js';
import { fill } from '../../i18n/text.js';
import type { WatchAlert } from '../changes.js';
import { ALERT_KIND_TEXTS, WATCH_TEXTS as W } from '../texts.js';

/** An alert as a finding of the pass's Report. */
export function alertFinding(a: WatchAlert): Finding {
  return {
    check: `watch.alert.${a.kind}`,
    // A recovery is good news; a changed record is worth knowing; the rest carry the problem's own status.
    status: a.kind === 'cleared' ? 'ok' : a.kind === 'changed' ? 'info' : a.status,
    subject: a.item,
    summary: fill(W.alertSummary, { kind: ALERT_KIND_TEXTS[a.kind], item: a.item, summary: a.summary }),
    ...(a.advice ? { advice: a.advice } : {}),
    data: { id: a.id, key: a.key, check: a.check, subject: a.subject, kind: a.kind, status: a.status, previous: a.previous, at: a.at },
  };
}
