import type { Report } from '../core/finding.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import type { Format, RenderOptions } from './options.js';
import { renderTerminal } from './terminal.js';

export type { Format, RenderOptions } from './options.js';
export { renderTerminal, renderJson, renderMarkdown, renderHtml, renderCsv };

/** Render a report in any format. CSV of a generic report is one row per finding. */
export function render(report: Report, format: Format, opt: RenderOptions): string {
  switch (format) {
    case 'json': return renderJson(report);
    case 'markdown': return renderMarkdown(report, opt);
    case 'html': return renderHtml(report, opt);
    case 'csv':
      return renderCsv(['check', 'status', 'subject', 'summary', 'reason', 'permanence', 'actor', 'replyCode', 'enhancedCode', 'rule'],
        report.findings.map((f) => [f.check, f.status, f.subject, f.summary[opt.lang], f.diagnosis?.reason, f.diagnosis?.permanence,
          f.diagnosis?.actor, f.diagnosis?.replyCode, f.diagnosis?.enhancedCode, f.diagnosis?.rule]));
    default: return renderTerminal(report, opt);
  }
}
