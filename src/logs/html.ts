/**
 * `logs summary --html`: the standard report page plus inline SVG bar charts (per hour of day, per day, top
 * reasons). One self-contained file: no scripts, no external resources; every text goes through esc().
 */
import type { Lang, Report } from '../core/finding.js';
import { pick } from '../i18n/text.js';
import { esc, REPORT_CSS, renderFindingsHtml } from '../report/html.js';
import type { LogSummaryData } from './summary.js';

const SERIES = [
  { key: 'delivered', color: '#1a7f37', label: { en: 'delivered', pl: 'doręczone' } },
  { key: 'received', color: '#0969da', label: { en: 'received', pl: 'odebrane' } },
  { key: 'deferred', color: '#9a6700', label: { en: 'deferred', pl: 'odroczone' } },
  { key: 'bounced', color: '#cf222e', label: { en: 'bounced', pl: 'zwrócone' } },
  { key: 'rejected', color: '#8250df', label: { en: 'rejected', pl: 'odrzucone' } },
] as const;

type Row = Record<(typeof SERIES)[number]['key'], number>;

/** Grouped bar chart: one group per label, one bar per series. */
function barChart(title: string, labels: string[], rows: Row[], lang: Lang): string {
  const W = 900, H = 220, padL = 48, padB = 34, padT = 10;
  const max = Math.max(1, ...rows.flatMap((r) => SERIES.map((s) => r[s.key])));
  const gw = (W - padL - 10) / Math.max(1, labels.length);
  const bw = Math.max(1, (gw - 2) / SERIES.length);
  const o: string[] = [`<figure><figcaption><strong>${esc(title)}</strong></figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H + 24}" width="100%" role="img" aria-label="${esc(title)}">`];
  for (let i = 0; i <= 4; i++) {
    const y = padT + ((H - padT - padB) * i) / 4;
    o.push(`<line x1="${padL}" x2="${W - 10}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#d0d7de"/><text x="${padL - 4}" y="${(y + 4).toFixed(1)}" font-size="10" text-anchor="end">${Math.round(max * (1 - i / 4))}</text>`);
  }
  rows.forEach((r, gi) => {
    SERIES.forEach((s, si) => {
      const v = r[s.key];
      const h = ((H - padT - padB) * v) / max;
      const x = padL + gi * gw + 1 + si * bw;
      if (v > 0) o.push(`<rect x="${x.toFixed(1)}" y="${(H - padB - h).toFixed(1)}" width="${Math.max(0.5, bw - 0.5).toFixed(1)}" height="${h.toFixed(1)}" fill="${s.color}"><title>${esc(`${labels[gi]} ${pick(s.label, lang)}: ${v}`)}</title></rect>`);
    });
    const every = Math.ceil(labels.length / 24);
    if (gi % every === 0) o.push(`<text x="${(padL + gi * gw + gw / 2).toFixed(1)}" y="${H - padB + 14}" font-size="10" text-anchor="middle">${esc(labels[gi]!)}</text>`);
  });
  SERIES.forEach((s, i) => o.push(`<rect x="${padL + i * 120}" y="${H + 4}" width="10" height="10" fill="${s.color}"/><text x="${padL + i * 120 + 14}" y="${H + 13}" font-size="11">${esc(pick(s.label, lang))}</text>`));
  o.push('</svg></figure>');
  return o.join('');
}

/** Horizontal bars for "top reasons". */
function reasonChart(title: string, items: { label: string; count: number }[]): string {
  if (!items.length) return '';
  const W = 900, row = 20;
  const max = Math.max(1, ...items.map((i) => i.count));
  const o = [`<figure><figcaption><strong>${esc(title)}</strong></figcaption><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${items.length * row + 4}" width="100%" role="img" aria-label="${esc(title)}">`];
  items.forEach((it, i) => {
    const w = ((W - 260) * it.count) / max;
    o.push(`<text x="0" y="${i * row + 14}" font-size="12">${esc(it.label.slice(0, 30))}</text><rect x="200" y="${i * row + 3}" width="${w.toFixed(1)}" height="${row - 6}" fill="#cf222e"><title>${esc(`${it.label}: ${it.count}`)}</title></rect><text x="${(204 + w).toFixed(1)}" y="${i * row + 14}" font-size="11">${it.count}</text>`);
  });
  o.push('</svg></figure>');
  return o.join('');
}

/**
 * The log summary as one self-contained HTML page: the findings, bar charts per hour, per day and by reason, and the
 * report's tables.
 */
export function renderLogSummaryHtml(report: Report, d: LogSummaryData, lang: Lang): string {
  const t = (en: string, pl: string) => (lang === 'pl' ? pl : en);
  const o: string[] = [];
  o.push(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  o.push(`<title>${esc(`mailmedic logs summary — ${report.subject}`)}</title><style>${REPORT_CSS}figure{margin:1rem 0}</style></head><body>`);
  o.push(`<h1>mailmedic logs summary — ${esc(report.subject)}</h1>`);
  o.push(`<p><small>${esc(report.generatedAt)} · mailmedic ${esc(report.tool.version)}</small></p>`);
  o.push(renderFindingsHtml(report, { lang }));
  o.push(barChart(t('Per hour of day', 'Według godziny dnia'), d.perHour.map((p) => String(p.hour).padStart(2, '0')), d.perHour, lang));
  if (d.perDay.length > 1) o.push(barChart(t('Per day', 'Dziennie'), d.perDay.map((p) => p.day.slice(5)), d.perDay, lang));
  o.push(reasonChart(t('Rejections by reason', 'Odrzucenia według przyczyny'), d.reasons.rejected.map((g) => ({ label: g.reason, count: g.count }))));
  o.push(reasonChart(t('Deferrals by reason', 'Odroczenia według przyczyny'), d.reasons.deferred.map((g) => ({ label: g.reason, count: g.count }))));
  o.push(reasonChart(t('Bounces by reason', 'Zwroty według przyczyny'), d.reasons.bounced.map((g) => ({ label: g.reason, count: g.count }))));
  for (const tb of report.tables ?? []) {
    o.push(`<h2>${esc(pick(tb.title, lang))}</h2><table><thead><tr>${tb.columns.map((c) => `<th>${esc(pick(c, lang))}</th>`).join('')}</tr></thead><tbody>`);
    for (const r of tb.rows) o.push(`<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
    o.push('</tbody></table>');
  }
  o.push('</body></html>\n');
  return o.join('\n');
}
