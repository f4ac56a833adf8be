/**
 * The doctor's own terminal view: the answer first (ranked causes with evidence, fix steps), then one line
 * per thing ruled out or not checked, then the facts for support. `--verbose` shows every finding instead
 * (the generic terminal report); files (--output) get the full report in Markdown/HTML/JSON.
 */
import type { Lang, Report, Status } from '../core/finding.js';
import { fill, pick, tx } from '../i18n/text.js';
import { UI } from '../i18n/ui.js';
import { STATUS_ICON } from '../report/common.js';
import { clip, wrap } from '../report/wrap.js';
import type { DoctorData } from './engine.js';
import { DOCTOR_TEXT as T } from './texts.js';

const VIEW = {
  noCause: tx('No cause found in what could be checked.', 'W tym, co dało się sprawdzić, nie znaleziono przyczyny.'),
  more: tx('Every finding with its evidence: --verbose; the report for support: --output report.md (or .html, .json).',
    'Wszystkie wyniki z dowodami: --verbose; raport dla pomocy technicznej: --output raport.md (lub .html, .json).'),
  evidence: tx('evidence', 'dowód'),
  corroborated: tx('confirmed also by', 'potwierdza też'),
  case: tx('Case {n}: {title}', 'Przypadek {n}: {title}'),
};

const COLOR: Record<Status, string> = { ok: '32', info: '34', warn: '33', error: '31', unknown: '35' };

/**
 * The doctor's terminal view: the ranked causes with evidence and fix steps first, then a line per thing ruled out or
 * not checked, then the facts for support.
 */
export function renderDoctorTerminal(report: Report, opt: { lang: Lang; color?: boolean; width?: number }): string {
  const { lang } = opt;
  const width = Math.max(40, Math.min(opt.width ?? 80, 120));
  const d = report.data as DoctorData;
  const c = (s: Status, text: string) => (opt.color ? `\x1b[${COLOR[s]}m${text}\x1b[0m` : text);
  const b = (text: string) => (opt.color ? `\x1b[1m${text}\x1b[0m` : text);
  const o: string[] = [];
  const title = d.facts.find((f) => f.key === 'case')?.value ?? d.case;
  o.push(...wrap(`mailmedic doctor — ${title}`, width).map(b), '');

  o.push(b(pick(T.tables.causes, lang)));
  if (!d.causes.length) o.push(...wrap(pick(VIEW.noCause, lang), width, '  '));
  for (const cause of d.causes) {
    o.push(...item('   ', `${cause.rank}. ${STATUS_ICON[cause.status]} `, pick(cause.summary, lang), width, (l) => c(cause.status, l)));
    // Detail lines are cut to the width (the full text is in --verbose and the report files).
    const detail = (label: string, text: string) => `      ${label}${clip(text.replace(/\s+/g, ' '), width - 6 - [...label].length)}`;
    o.push(detail('', `${cause.check}${cause.subject ? ' — ' + cause.subject : ''}`));
    if (cause.corroboratedBy.length) o.push(detail(`${pick(VIEW.corroborated, lang)}: `, cause.corroboratedBy.join(', ')));
    for (const e of cause.evidence.slice(0, 2)) o.push(detail(`${pick(VIEW.evidence, lang)}: `, e));
  }
  if (d.fixSteps.length) {
    o.push('', b(pick(T.tables.fix, lang)));
    d.fixSteps.forEach((s, i) => o.push(...item(' ', `${i + 1}. `, pick(s, lang), width)));
  }
  if (d.ruledOut.length) {
    o.push('', b(pick(T.tables.ruledOut, lang)));
    for (const r of d.ruledOut) o.push(`  ${c('ok', STATUS_ICON.ok)} ${clip(pick(r.summary, lang), width - 4)}`);
  }
  if (d.notChecked.length) {
    o.push('', b(pick(T.tables.notChecked, lang)));
    for (const r of d.notChecked) o.push(`  ${c('unknown', '·')} ${clip(pick(r.summary, lang), width - 4)}`);
  }
  o.push('', b(pick(T.tables.facts, lang)));
  const labelWidth = Math.min(28, Math.max(...d.facts.map((f) => pick(f.label, lang).length)));
  for (const f of d.facts) {
    // Wrapped, never clipped: support needs the exact error text whole.
    const lines = wrap((f.value ?? pick(T.facts.notGiven, lang)).replace(/\s+/g, ' '), width - labelWidth - 4, '').map((l) => l.trim());
    lines.forEach((l, j) => o.push(`  ${(j === 0 ? pick(f.label, lang) : '').padEnd(labelWidth)}  ${l}`));
  }
  if (d.notes.length) {
    o.push('', b(pick(T.tables.notes, lang)));
    for (const n of d.notes) o.push(...item('  ', '• ', pick(n, lang), width));
  }
  o.push('', ...wrap(pick(fill(UI.label.counts, countsOf(report)), lang), width), ...wrap(pick(VIEW.more, lang), width));
  return o.join('\n') + '\n';
}

/**
 * A list item: the marker after `lead` on the first line, the wrapped text hanging under the text (not under the
 * marker) on the rest. The body is wrapped without its marker, so the wrapper's own list detection stays out of it.
 */
function item(lead: string, marker: string, body: string, width: number, paint: (first: string) => string = (x) => x): string[] {
  const pad = ' '.repeat(lead.length + marker.length);
  return wrap(body.replace(/\s+/g, ' ').trim(), width - pad.length, '').map((l, i) => (i === 0 ? lead + paint(marker + l) : pad + l));
}

function countsOf(report: Report): Record<Status, number> {
  const n: Record<Status, number> = { ok: 0, info: 0, warn: 0, error: 0, unknown: 0 };
  for (const f of report.findings) n[f.status]++;
  return n;
}
