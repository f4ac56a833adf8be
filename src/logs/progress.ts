/**
 * A progress line on stderr for big inputs read on a terminal: bytes, lines/s, ETA. Nothing when stderr is not
 * a TTY (piped, CI) or the input is small or of unknown size.
 */
import type { ReadProgress } from './input.js';

export function makeLogProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now, minBytes = 64 << 20): ((p: ReadProgress) => void) & { done(): void } {
  const start = now();
  let shown = false;
  let last = 0;
  const fn = ((p: ReadProgress) => {
    if (!stream.isTTY || p.total < minBytes) return;
    const t = now();
    if (t - last < 200 && p.bytes < p.total) return;
    last = t;
    const el = Math.max(0.001, (t - start) / 1000);
    const frac = Math.min(1, p.bytes / p.total);
    const width = 24;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    const eta = frac > 0 ? el / frac - el : 0;
    stream.write(`\r${bar} ${(frac * 100).toFixed(0).padStart(3)}%  ${(p.bytes / 1e6).toFixed(0)}/${(p.total / 1e6).toFixed(0)} MB  ${Math.round(p.lines / el).toLocaleString('en')} lines/s  ETA ${eta.toFixed(0)} s `);
    shown = true;
  }) as ((p: ReadProgress) => void) & { done(): void };
  fn.done = () => { if (shown) stream.write('\r\x1b[K'); };
  return fn;
}
