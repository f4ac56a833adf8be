/**
 * One line → one normalised event. The syslog head is parsed once; the program name picks the format parser
 * (cached per program name), so a RHEL /var/log/maillog mixing Postfix and Dovecot lines just works. Exim's main
 * log has no program: a dated line without one goes to the Exim parser.
 */
import { own } from './own.js';
import { isAmavisProg, parseAmavis } from './formats/amavis.js';
import { isDovecotProg, parseDovecot } from './formats/dovecot.js';
import { isFilterProg, parseFilter } from './formats/filters.js';
import { isEximProg, parseExim } from './formats/exim.js';
import { isPostfixProg, parsePostfix } from './formats/postfix.js';
import { isSendmailProg, parseSendmail } from './formats/sendmail.js';
import { newHead, parseHead, StampClock, type LineHead } from './stamp.js';
import type { LogEvent, LogFormatId } from './types.js';

const STAMPS = ['classic', 'rfc3339', 'iso-space', 'tai64n', 'journal', 'none'] as const;
const STAMP_INDEX: Record<LineHead['stamp'], number> = { classic: 0, rfc3339: 1, 'iso-space': 2, tai64n: 3, journal: 4, none: 5 };

type FormatParser = (line: string, head: LineHead) => LogEvent | null;

/** The format table: how to recognise a program name, and its parser. Data, in detection order. */
export const LOG_FORMATS: readonly { id: LogFormatId; isProg: (prog: string) => boolean; parse: FormatParser }[] = [
  { id: 'postfix', isProg: isPostfixProg, parse: parsePostfix },
  { id: 'dovecot', isProg: isDovecotProg, parse: parseDovecot },
  { id: 'sendmail', isProg: isSendmailProg, parse: parseSendmail },
  { id: 'exim', isProg: isEximProg, parse: parseExim },
  { id: 'amavis', isProg: isAmavisProg, parse: parseAmavis },
  { id: 'filter', isProg: isFilterProg, parse: parseFilter },
];
const FORMAT_INDEX = new Map<FormatParser, number>(LOG_FORMATS.map((f, i) => [f.parse, i]));

/** Longest line we parse; longer ones (binary junk, runaway writes) are counted as unparsed. */
export const MAX_LINE = 16384;

/**
 * Turns one log line into one event (parse), picking the format parser by the program name, and counts the formats
 * and timestamp styles it has seen.
 */
export class LogLineParser {
  readonly clock: StampClock;
  private head: LineHead = newHead();
  private progCache = new Map<string, FormatParser | null>();
  private formatCounts = new Float64Array(LOG_FORMATS.length);
  /** Lines per detected format. */
  get formats(): Record<LogFormatId, number> {
    const o = {} as Record<LogFormatId, number>;
    LOG_FORMATS.forEach((f, i) => { o[f.id] = this.formatCounts[i]!; });
    return o;
  }
  private stampCounts = new Float64Array(STAMPS.length);
  /** Lines per timestamp style. */
  get stamps(): Record<string, number> {
    const o: Record<string, number> = {};
    STAMPS.forEach((s, i) => { if (this.stampCounts[i]) o[s] = this.stampCounts[i]!; });
    return o;
  }

  /** light: see {@link LineHead.light} — for consumers that only count connections and TLS. */
  constructor(clock: StampClock, opt: { light?: boolean } = {}) {
    this.clock = clock;
    this.head.light = Boolean(opt.light);
  }

  private parserFor(prog: string): FormatParser | null {
    let p = this.progCache.get(prog);
    if (p === undefined) {
      p = LOG_FORMATS.find((f) => f.isProg(prog))?.parse ?? null;
      if (this.progCache.size < 10000) this.progCache.set(own(prog), p);
    }
    return p;
  }

  private lastParser: FormatParser = parsePostfix;

  /** Parse one line (without its newline). null: not understood. */
  parse(line: string): LogEvent | null {
    if (line.length > MAX_LINE || line.length < 10) return null;
    const h = this.head;
    let ev: LogEvent | null;
    if (parseHead(line, this.clock, h)) {
      const pr = h.prog;
      const parser = pr.charCodeAt(0) === 112 && pr.startsWith('postfix') ? parsePostfix : this.parserFor(pr);
      if (parser) { this.lastParser = parser; ev = parser(line, h); }
      else if (h.stamp === 'iso-space') { h.body = line.indexOf(' ', 17) + 1; this.lastParser = parseExim; ev = parseExim(line, h); } // "id SA: …"
      else return null;
    } else if (h.stamp === 'iso-space') {
      this.lastParser = parseExim;
      ev = parseExim(line, h);
    } else return null;
    if (ev) {
      this.clock.offsetMin = h.offsetMin;
      // count by the parser that answered (reading ev.fmt would touch every event shape)
      const p = this.lastParser;
      this.formatCounts[p === parsePostfix ? 0 : FORMAT_INDEX.get(p)!]!++;
      const st = h.stamp;
      this.stampCounts[st === 'classic' ? 0 : st === 'rfc3339' ? 1 : STAMP_INDEX[st]]!++;
    }
    return ev;
  }

  /** Count the Postfix lines the summary's fast path understood (classic and RFC 3339 stamps) as {@link parse} would have. */
  countFastLines(classic: number, rfc3339 = 0, others: { amavis?: number; filter?: number } = {}): void {
    const a = others.amavis ?? 0, f = others.filter ?? 0;
    this.formatCounts[0]! += classic + rfc3339 - a - f;
    for (const [id, n] of [['amavis', a], ['filter', f]] as const) this.formatCounts[LOG_FORMATS.findIndex((x) => x.id === id)]! += n;
    this.stampCounts[0]! += classic;
    this.stampCounts[1]! += rfc3339;
  }

  /** The MTA most lines were written by (undefined before any line parsed); filters' lines do not name one. */
  detectedFormat(): LogFormatId | undefined {
    let best: LogFormatId | undefined;
    let n = 0;
    for (const [k, v] of Object.entries(this.formats) as [LogFormatId, number][]) if (v > n && k !== 'amavis' && k !== 'filter') { best = k; n = v; }
    return best;
  }
}
