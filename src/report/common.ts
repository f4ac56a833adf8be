import type { Diagnosis, Evidence, Finding, Lang, Report, Status, Table } from '../core/finding.js';
import { labelText } from '../i18n/labels.js';
import { fill, pick } from '../i18n/text.js';
import { UI } from '../i18n/ui.js';
import { describeReason } from '../knowledge/reasons.js';

export function statusLabel(s: Status, lang: Lang): string {
  return pick(UI.status[s], lang);
}

/** "reason — kind — who must act — retry" lines for a diagnosis, shared by all text reporters. */
export function diagnosisLines(d: Diagnosis, lang: Lang): [string, string][] {
  const codes = [d.replyCode, d.enhancedCode].filter((x) => x !== undefined).join(' ');
  const lines: [string, string][] = [
    [pick(UI.label.reason, lang), `${d.reason} — ${pick(describeReason(d.reason).title, lang)}`],
    [pick(UI.label.permanence, lang), pick(UI.permanence[d.permanence], lang)],
    [pick(UI.label.actor, lang), pick(UI.actor[d.actor], lang)],
    [pick(UI.label.retry, lang), pick(UI.retry[d.retry], lang)],
  ];
  if (codes) lines.push([pick(UI.label.codes, lang), codes]);
  lines.push([pick(UI.label.rule, lang), d.rule]);
  return lines;
}

export function countLine(report: Report, lang: Lang): string {
  const c: Record<Status, number> = { ok: 0, info: 0, warn: 0, error: 0, unknown: 0 };
  for (const f of report.findings) c[f.status]++;
  return countLineOf(c, lang);
}

/** "errors: 1, warnings: 2, …" from counts already made (a streamed view counts as it goes). */
export function countLineOf(c: Record<Status, number>, lang: Lang): string {
  return pick(fill(UI.label.counts, c), lang);
}

/**
 * A table's rows as a reader of `lang` sees them: row labels in that language, and in Polish a number with a
 * decimal point and a unit ("0.25 s", "10.3 KiB", "12.5 %") with a decimal comma. Only such whole cells change:
 * addresses, versions and quoted text never do.
 */
export function tableRowsFor(t: Table, lang: Lang): string[][] {
  if (lang === 'en' && !t.rowLabels) return t.rows;
  return t.rows.map((r, i) => r.map((c, k) => {
    if (k === 0 && t.rowLabels?.[i]) return pick(t.rowLabels[i]!, lang);
    return lang === 'pl' && DECIMAL_CELL.test(c) ? c.replace('.', ',') : c;
  }));
}

const DECIMAL_CELL = /^-?\d+\.\d+(?: ?(?:ms|s|min|h|d|B|KiB|MiB|GiB|%|×))?$/;

export const STATUS_ICON: Record<Status, string> = { ok: '✔', info: 'ℹ', warn: '⚠', error: '✖', unknown: '?' };

export function findingTitle(f: Finding, lang: Lang): string {
  return pick(f.summary, lang);
}

/** "label: " for an evidence item in the human views (label in the reader's language, see i18n/labels.ts), or "". */
export function evidencePrefix(e: Pick<Evidence, 'label'>, lang: Lang): string {
  return e.label ? `${labelText(e.label, lang)}: ` : '';
}
