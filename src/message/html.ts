/** The HTML timeline of hops (an extra section for `--html`); every value goes through esc(). */
import type { Lang } from '../core/finding.js';
import { esc } from '../report/html.js';
import type { ReceivedAnalysis } from './received.js';
import { formatDuration } from './util.js';

const TITLE = { en: 'Timeline', pl: 'Oś czasu' };
const SKEW = { en: 'clock wrong', pl: 'zły zegar' };

/** A horizontal bar per hop, its length the delay since the previous hop (log scale, so seconds and hours both show). */
export function renderHopTimelineHtml(r: ReceivedAnalysis, lang: Lang): string {
  if (!r.hops.length) return '';
  const hops = r.hops.slice(0, 100);
  const max = Math.max(1, ...hops.map((h) => h.delaySeconds ?? 0));
  const width = (s: number) => Math.max(2, Math.round((Math.log10(1 + s) / Math.log10(1 + max)) * 100));
  const o: string[] = [];
  o.push(`<section class="mm-timeline"><h2>${esc(TITLE[lang])}</h2><style>.mm-timeline ol{list-style:none;padding:0}.mm-timeline li{display:grid;grid-template-columns:3rem 16rem 1fr;gap:.5rem;align-items:center;margin:.15rem 0;font-size:13px}.mm-bar{height:.8rem;background:#0969da;border-radius:3px}.mm-bar.warn{background:#9a6700}.mm-bar.skew{background:#cf222e}</style><ol>`);
  for (const h of hops) {
    const skew = h.flags.includes('clock-skew') || h.flags.includes('future');
    const d = h.delaySeconds ?? 0;
    const cls = skew ? 'mm-bar skew' : d >= 3600 ? 'mm-bar warn' : 'mm-bar';
    const label = skew ? SKEW[lang] : h.delaySeconds !== undefined ? formatDuration(d) : '';
    o.push(`<li><span>#${esc(String(h.number))}</span><span title="${esc(h.raw)}">${esc(h.by ?? '?')}${h.tls ? ' · TLS' : ''}</span><span><span class="${cls}" style="display:inline-block;width:${skew ? 100 : width(d)}%"></span> ${esc(label)}</span></li>`);
  }
  o.push('</ol></section>');
  return o.join('');
}
