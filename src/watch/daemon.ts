/**
 * `mailmedic watch daemon`: the passes of `watch run` on each kind's own schedule (schedule.domains / ips / servers /
 * logs), with jitter so a fleet of watchers does not ask in step, until stopped. A stop (SIGTERM) lets the pass in
 * hand finish — its results, states and alerts are stored together — and then returns. A daemon killed outright
 * loses nothing stored: results are written as each item finishes, alerts and states in one transaction at the end
 * of a pass, so a restarted daemon neither forgets a state nor repeats an alert.
 */
import type { WatchConfig } from './config.js';
import { runWatchPass, type WatchRunOptions, type WatchRunResult } from './run.js';

type Kind = keyof WatchConfig['schedule'];
const KINDS: readonly Kind[] = ['domains', 'ips', 'servers', 'logs'];

/** Options of `runWatchDaemon`. */
export interface WatchDaemonOptions extends Omit<WatchRunOptions, 'deps'> {
  /** The outside world of one pass, made anew for each (a DNS client keeps the answers it got). */
  deps: () => WatchRunOptions['deps'];
  /** Stops after the pass in hand. */
  signal: AbortSignal;
  /** ± this share of each interval at random (default 0.1). */
  jitter?: number;
  /** For tests: stop after this many passes. */
  maxPasses?: number;
  random?: () => number;
  /** Called after each pass. */
  onPass?: (r: WatchRunResult, kinds: Kind[]) => void;
}

/** Wait `ms`, or less when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Run passes on schedule until the signal aborts (or `maxPasses`). Returns how many passes ran. */
export async function runWatchDaemon(o: WatchDaemonOptions): Promise<number> {
  const cfg = o.config;
  const rand = o.random ?? Math.random;
  const jitter = Math.min(0.5, Math.max(0, o.jitter ?? 0.1));
  const kinds = KINDS.filter((k) => cfg[k].length);
  // Every kind is due at the start; then each on its own interval.
  const due = new Map<Kind, number>(kinds.map((k) => [k, 0]));
  let passes = 0;
  while (!o.signal.aborted && kinds.length) {
    const now = Date.now();
    const dueNow = kinds.filter((k) => due.get(k)! <= now);
    if (dueNow.length) {
      const only = { ...cfg, domains: dueNow.includes('domains') ? cfg.domains : [], ips: dueNow.includes('ips') ? cfg.ips : [],
        servers: dueNow.includes('servers') ? cfg.servers : [], logs: dueNow.includes('logs') ? cfg.logs : [] };
      const r = await runWatchPass({ config: only, store: o.store, lang: o.lang, deps: o.deps() });
      passes++;
      for (const k of dueNow) due.set(k, Date.now() + cfg.schedule[k] * (1 + (rand() * 2 - 1) * jitter));
      o.onPass?.(r, dueNow);
      if (o.maxPasses !== undefined && passes >= o.maxPasses) break;
    }
    const next = Math.min(...kinds.map((k) => due.get(k)!));
    await sleep(Math.max(0, next - Date.now()), o.signal);
  }
  return passes;
}
