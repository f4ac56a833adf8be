import type { Report } from '../core/finding.js';
import { pick } from '../i18n/text.js';
import { UI } from '../i18n/ui.js';
import { countLine, diagnosisLines, evidencePrefix, STATUS_ICON, statusLabel, tableRowsFor } from './common.js';
import type { RenderOptions } from './options.js';

/** Escape text for Markdown so hostile input (bounce bodies, log lines) cannot inject markup or HTML. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_{}\[\]()#+!|<>&~-]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c));
}

function fence(s: string): string {
  const ticks = '`'.repeat(Math.max(3, ...[...s.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}text\n${s}\n${ticks}`;
}

/**
 * A report as Markdown: one section per finding with its explanation and advice, the evidence in a code fence longer
 * than any backtick run inside it (raw text cannot break out).
 */
export function renderMarkdown(report: Report, opt: RenderOptions): string {
  const { lang } = opt;
  const out: string[] = [];
  out.push(`# ${pick(UI.title, lang)}: mailmedic ${report.command} — ${mdEscape(report.subject)}`, '');
  out.push(`*${pick(UI.label.generated, lang)}: ${report.generatedAt} · mailmedic ${report.tool.version}*`, '');
  out.push(`**${pick(UI.label.summary, lang)}:** ${countLine(report, lang)}`, '');
  if (!report.findings.length) out.push(pick(UI.label.noFindings, lang), '');
  report.findings.forEach((f, i) => {
    out.push(`## ${i + 1}. ${STATUS_ICON[f.status]} ${statusLabel(f.status, lang)}: ${mdEscape(pick(f.summary, lang))}`, '');
    out.push(`\`${f.check}\`${f.subject ? ' — ' + mdEscape(f.subject) : ''}`, '');
    if (f.detail) out.push(mdEscape(pick(f.detail, lang)), '');
    if (f.diagnosis) {
      for (const [k, v] of diagnosisLines(f.diagnosis, lang)) out.push(`- **${k}:** ${mdEscape(v)}`);
      out.push('');
    }
    if (f.advice?.length) {
      out.push(`**${pick(UI.label.advice, lang)}:**`, '');
      f.advice.forEach((a, j) => out.push(`${j + 1}. ${mdEscape(pick(a, lang))}`));
      out.push('');
    }
    if (f.seeAlso?.length) out.push(`**${pick(UI.label.seeAlso, lang)}:** ${f.seeAlso.map((c) => '`' + c.replace(/`/g, "'") + '`').join(', ')}`, '');
    if (f.evidence?.length) {
      out.push(`**${pick(UI.label.evidence, lang)}:**`, '');
      out.push(fence(f.evidence.map((e) => evidencePrefix(e, lang) + e.value).join('\n')), '');
    }
  });
  for (const t of report.tables ?? []) {
    out.push(`## ${mdEscape(pick(t.title, lang))}`, '');
    out.push('| ' + t.columns.map((c) => mdEscape(pick(c, lang))).join(' | ') + ' |');
    out.push('|' + t.columns.map(() => ' --- |').join(''));
    for (const r of tableRowsFor(t, opt.lang)) out.push('| ' + r.map((c) => mdEscape(c).replace(/\n/g, ' ')).join(' | ') + ' |');
    out.push('');
  }
  return out.join('\n');
}
