import type { Finding, Report, Status, Table } from '../core/finding.js';
import { pick } from '../i18n/text.js';
import { UI } from '../i18n/ui.js';
import { countLineOf, diagnosisLines, tableRowsFor, evidencePrefix, STATUS_ICON, statusLabel } from './common.js';
import type { RenderOptions } from './options.js';
import stringWidth from 'string-width';
import { clip, wrap } from './wrap.js';

const COLOR: Record<Status, string> = { ok: '32', info: '36', warn: '33', error: '31', unknown: '35' };

/** Human view for a terminal: readable at 80 columns, colour only when asked (the CLI asks on a TTY). */
export function renderTerminal(report: Report, opt: RenderOptions): string {
  const parts = [renderTerminalHeader(report.command, report.subject, opt)];
  if (!report.findings.length) parts.push(pick(UI.label.noFindings, opt.lang) + '\n');
  parts.push(renderTerminalFindings(report.findings, opt), renderTerminalFooter(report.tables ?? [], statusCounts(report.findings), opt));
  return parts.join('');
}

/** Findings counted by status (the count line at the end of every view). */
export function statusCounts(findings: readonly Finding[]): Record<Status, number> {
  const c: Record<Status, number> = { ok: 0, info: 0, warn: 0, error: 0, unknown: 0 };
  for (const f of findings) c[f.status]++;
  return c;
}

const painter = (opt: RenderOptions) => (code: string, s: string) => (opt.color ? `\x1b[${code}m${s}\x1b[0m` : s);
const widthOf = (opt: RenderOptions) => Math.max(40, Math.min(opt.width ?? 80, 120));

/** "mailmedic COMMAND: SUBJECT" and a blank line. The parts exist so that a command can stream its findings. */
export function renderTerminalHeader(command: string, subject: string, opt: RenderOptions): string {
  return painter(opt)('1', `mailmedic ${command}: ${clip(subject, widthOf(opt) - 14 - command.length)}`) + '\n\n';
}

/** A dimmed section line ("── name"), e.g. the file the next findings come from (whole: a path must be usable). */
export function renderTerminalSection(title: string, opt: RenderOptions): string {
  return painter(opt)('2', `── ${title.replace(/[\x00-\x1f\x7f]/g, '?')}`) + '\n';
}

/** Each finding as a block followed by a blank line. */
export function renderTerminalFindings(findings: readonly Finding[], opt: RenderOptions): string {
  const { lang } = opt;
  const width = widthOf(opt);
  const paint = painter(opt);
  const bold = (s: string) => paint('1', s);
  const out: string[] = [];
  for (const f of findings) {
    const tag = `${STATUS_ICON[f.status]} ${statusLabel(f.status, lang)}`;
    const head = wrap(pick(f.summary, lang), width, '  ');
    out.push(paint(COLOR[f.status], tag) + ' ' + paint('2', `[${f.check}]`) + (f.subject ? ' ' + clip(f.subject, 60) : ''));
    out.push(...head.map(bold));
    if (f.detail) out.push(...wrap(pick(f.detail, lang), width, '  '));
    if (f.diagnosis) {
      for (const [k, v] of diagnosisLines(f.diagnosis, lang)) out.push(...wrap(`${k}: ${v}`, width, '  '));
    }
    if (f.advice?.length) {
      out.push('  ' + bold(pick(UI.label.advice, lang) + ':'));
      f.advice.forEach((a, i) => {
        const num = `   ${i + 1}. `;
        const lines = wrap(pick(a, lang), width, ' '.repeat(num.length));
        lines[0] = num + lines[0]!.slice(num.length);
        out.push(...lines);
      });
    }
    if (f.seeAlso?.length) out.push(...wrap(`${pick(UI.label.seeAlso, lang)}: ${f.seeAlso.join('; ')}`, width, '  '));
    if (f.evidence?.length && (opt.verbose || f.evidence.length <= 3)) {
      out.push('  ' + paint('2', pick(UI.label.evidence, lang) + ':'));
      for (const e of f.evidence.slice(0, opt.verbose ? undefined : 3)) {
        const label = evidencePrefix(e, lang);
        for (const line of wrap(label + clip(e.value.replace(/\r?\n/g, ' ⏎ '), opt.verbose ? 100000 : 400), width, '    ')) out.push(paint('2', line));
      }
    }
    out.push('');
  }
  return out.length ? out.join('\n') + '\n' : '';
}

/** The tables, then the count line. */
export function renderTerminalFooter(tables: readonly Table[], counts: Record<Status, number>, opt: RenderOptions): string {
  const width = widthOf(opt);
  const paint = painter(opt);
  const out: string[] = [];
  for (const t of tables) {
    out.push(paint('1', pick(t.title, opt.lang)));
    out.push(...renderTextTable(t.columns.map((c) => pick(c, opt.lang)), tableRowsFor(t, opt.lang), width));
    out.push('');
  }
  out.push(paint('2', countLineOf(counts, opt.lang)));
  return out.join('\n') + '\n';
}

/**
 * Shrink only the widest columns: the largest cap c with sum(min(w, c)) <= room, so short columns (times,
 * codes) stay whole and long ones (texts) are clipped.
 */
function capWidths(natural: number[], room: number): number[] {
  let lo = 4;
  let hi = Math.max(...natural);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (natural.reduce((a, w) => a + Math.min(w, mid), 0) <= room) lo = mid;
    else hi = mid - 1;
  }
  return natural.map((w) => Math.min(w, lo));
}

/** A plain-text table that fits `width`: the widest columns shrink first, cells are clipped with an ellipsis. */
export function renderTextTable(columns: string[], rows: string[][], width: number): string[] {
  const n = columns.length;
  // Widths as a terminal shows them (string-width: CJK characters take two cells, combining marks none), so
  // Japanese subjects and addresses with decomposed accents keep the columns straight.
  const natural = columns.map((c, i) => Math.max(stringWidth(c), ...rows.map((r) => stringWidth(r[i] ?? ''))));
  const total = natural.reduce((a, b) => a + b, 0) + 2 * (n - 1);
  const widths = total <= width ? natural : capWidths(natural, Math.max(4 * n, width - 2 * (n - 1)));
  const fmt = (cells: string[]) => cells.map((c, i) => padToWidth(clipToWidth(c ?? '', widths[i]!), widths[i]!)).join('  ').trimEnd();
  return [fmt(columns), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(fmt)];
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** `s` cut to at most `max` terminal cells, with an ellipsis when cut (whole graphemes only). */
export function clipToWidth(s: string, max: number): string {
  if (stringWidth(s) <= max) return s;
  let out = '';
  let w = 0;
  for (const { segment } of graphemes.segment(s)) {
    const sw = stringWidth(segment);
    if (w + sw > max - 1) break;
    out += segment;
    w += sw;
  }
  return out + '…';
}

function padToWidth(s: string, width: number): string {
  const w = stringWidth(s);
  return w >= width ? s : s + ' '.repeat(width - w);
}
