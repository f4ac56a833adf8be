import type { Report, Status } from '../core/finding.js';
import { pick } from '../i18n/text.js';
import { UI } from '../i18n/ui.js';
import { countLine, diagnosisLines, evidencePrefix, STATUS_ICON, statusLabel, tableRowsFor } from './common.js';
import type { RenderOptions } from './options.js';

/** Escape for HTML text and attribute values: all hostile input goes through here. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const COLORS: Record<Status, string> = { ok: '#1a7f37', info: '#0969da', warn: '#9a6700', error: '#cf222e', unknown: '#8250df' };

export const REPORT_CSS = `body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
h1{font-size:1.4rem}.f{border:1px solid #d0d7de;border-left-width:6px;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.f h2{font-size:1.05rem;margin:.2rem 0}.check{color:#57606a;font:12px ui-monospace,monospace}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.5rem 0}dt{font-weight:600}dd{margin:0}
pre{background:#f6f8fa;padding:.5rem;overflow:auto;white-space:pre-wrap;word-break:break-all;font-size:12px}
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
.badge{font-weight:700}`;

/** One self-contained HTML file (inline CSS, no scripts, no external resources). */
export function renderHtml(report: Report, opt: RenderOptions): string {
  const { lang } = opt;
  const o: string[] = [];
  o.push(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  o.push(`<title>${esc(`${pick(UI.title, lang)}: ${report.command} — ${report.subject}`)}</title><style>${REPORT_CSS}</style></head><body>`);
  o.push(`<h1>${esc(pick(UI.title, lang))}: mailmedic ${esc(report.command)} — ${esc(report.subject)}</h1>`);
  o.push(`<p><small>${esc(pick(UI.label.generated, lang))}: ${esc(report.generatedAt)} · mailmedic ${esc(report.tool.version)}</small></p>`);
  o.push(`<p><strong>${esc(pick(UI.label.summary, lang))}:</strong> ${esc(countLine(report, lang))}</p>`);
  o.push(renderFindingsHtml(report, opt));
  for (const t of report.tables ?? []) {
    o.push(`<h2>${esc(pick(t.title, lang))}</h2><table><thead><tr>${t.columns.map((c) => `<th>${esc(pick(c, lang))}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of tableRowsFor(t, opt.lang)) o.push(`<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
    o.push('</tbody></table>');
  }
  o.push('</body></html>\n');
  return o.join('\n');
}

/** The findings as HTML fragments (also used by the web app). */
export function renderFindingsHtml(report: Pick<Report, 'findings'>, opt: RenderOptions): string {
  const { lang } = opt;
  const o: string[] = [];
  if (!report.findings.length) o.push(`<p>${esc(pick(UI.label.noFindings, lang))}</p>`);
  for (const f of report.findings) {
    // A report may come from outside (the web API renders posted reports): an unknown status is shown as 'unknown'.
    const st: Status = f.status in COLORS ? f.status : 'unknown';
    o.push(`<section class="f s-${st}" style="border-left-color:${COLORS[st]}">`);
    o.push(`<h2><span class="badge" style="color:${COLORS[st]}">${STATUS_ICON[st]} ${esc(statusLabel(st, lang))}</span> ${esc(pick(f.summary, lang))}</h2>`);
    o.push(`<div class="check">${esc(f.check)}${f.subject ? ' — ' + esc(f.subject) : ''}</div>`);
    if (f.detail) o.push(`<p>${esc(pick(f.detail, lang))}</p>`);
    if (f.diagnosis) o.push(`<dl>${diagnosisLines(f.diagnosis, lang).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
    if (f.advice?.length) o.push(`<p><strong>${esc(pick(UI.label.advice, lang))}:</strong></p><ol>${f.advice.map((a) => `<li>${esc(pick(a, lang))}</li>`).join('')}</ol>`);
    if (f.seeAlso?.length) o.push(`<p><strong>${esc(pick(UI.label.seeAlso, lang))}:</strong> ${f.seeAlso.map((c) => `<code>${esc(c)}</code>`).join(', ')}</p>`);
    if (f.evidence?.length) o.push(`<details${f.status === 'error' ? ' open' : ''}><summary>${esc(pick(UI.label.evidence, lang))}</summary><pre>${esc(f.evidence.map((e) => evidencePrefix(e, lang) + e.value).join('\n'))}</pre></details>`);
    o.push('</section>');
  }
  return o.join('\n');
}
