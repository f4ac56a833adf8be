/**
 * A one-line progress bar for long runs (`mailmedic domain a b c …`): "12/1000 domains, 3 with errors" redrawn in
 * place on standard error. Only on a terminal: when the stream is no TTY (a pipe, a file, CI) nothing is written,
 * so logs and redirected output stay clean. Results on standard output are written between `clear()` and the next
 * `update()`, so the bar never mixes into them even when both streams are the same terminal.
 */
import type { Lang } from '../core/finding.js';
import { fill, pick, tx } from '../i18n/text.js';

/** What the bar writes to: standard error, or a test's stand-in. */
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** The bar: `update` redraws it, `clear` removes it (before other output, and at the end). */
export interface ProgressBar {
  update(done: number, withErrors: number, total?: number): void;
  clear(): void;
}

const TEXT = {
  of: tx('{done}/{total} domains, {errors} with errors', '{done}/{total} domen, z błędami: {errors}'),
  count: tx('{done} domains, {errors} with errors', 'domen: {done}, z błędami: {errors}'),
};

const CLEAR_LINE = '\r\x1b[K';

/** The text of the bar (without control characters): a filled bar when the total is known, then the counts. */
export function progressText(done: number, withErrors: number, total: number | undefined, lang: Lang, width = 80): string {
  const counts = pick(fill(total ? TEXT.of : TEXT.count, { done, total: total ?? 0, errors: withErrors }), lang);
  if (!total) return counts.slice(0, Math.max(10, width - 1));
  const room = Math.min(30, width - counts.length - 4);
  if (room < 5) return counts.slice(0, Math.max(10, width - 1));
  const filled = Math.round((Math.min(done, total) / total) * room);
  return `[${'#'.repeat(filled)}${'.'.repeat(room - filled)}] ${counts}`;
}

/** A bar on `stream` when it is a terminal; a silent one otherwise. */
export function progressBar(stream: ProgressStream, lang: Lang): ProgressBar {
  if (!stream.isTTY) return { update: () => undefined, clear: () => undefined };
  let shown = false;
  return {
    update(done, withErrors, total) {
      stream.write(CLEAR_LINE + progressText(done, withErrors, total, lang, stream.columns || 80));
      shown = true;
    },
    clear() {
      if (shown) stream.write(CLEAR_LINE);
      shown = false;
    },
  };
}
