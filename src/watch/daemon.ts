/**
 * `mailmedic watch daemon`: the passes of `watch run` on each item's own schedule (its `every:`, else its kind's
 * schedule.domains / ips / servers / logs), with jitter so a fleet of watchers does not ask in step, until stopped.
 * Items due at the same moment are checked in one pass. A stop (SIGTERM) lets the pass in hand finish — its results,
 * states and alerts are stored together — and then returns. A daemon killed outright
 * loses nothing stored: results are written as each item finishes, alerts and states in one transaction at the end
 * of a pass, so a restarted daemon neither forgets a state nor repeats an alert.
 */
import { watchItems, type ItemKind, type WatchItem } from './checks-runner.js';
import type { WatchConfig } from './config.js';
import { itemKey } from './item-key.js';
import { runWatchPass, type WatchRunOptions, type WatchRunResult } from './run.js';

/** Which schedule entry each kind of item follows. */
const SCHEDULE_OF: Record<ItemKind, keyof WatchConfig['schedule']> = { domain: 'domains', ip: 'ips', server: 'servers', log: 'logs' };

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
  /** Called after each pass with the keys of the items it checked. */
  onPass?: (r: WatchRunResult, items: string[]) => void;
  /**
   * Asked before every wait: a new watch list when it changed (the file was edited), else undefined. Items that
   * stay keep their schedule, new ones are due at once, removed ones stop. The daemon then waits at most
   * {@link RELOAD_CHECK_MS} at a time, so an edit is seen within that.
   */
  reload?: () => WatchConfig | undefined;
}

/** How often a daemon with `reload` looks for a changed list while it waits. */
export const RELOAD_CHECK_MS = 30_000;

/** Wait `ms`, or less when the signal aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The watch list cut down to the given items (a pass of only what is due). */
function only(cfg: WatchConfig, keys: Set<string>): WatchConfig {
  return {
    ...cfg,
    domains: cfg.domains.filter((d) => keys.has(itemKey.domain(d.domain))),
    ips: cfg.ips.filter((ip) => keys.has(itemKey.ip(ip))),
    servers: cfg.servers.filter((s) => keys.has(itemKey.server(s))),
    logs: cfg.logs.filter((l) => keys.has(itemKey.log(l))),
  };
}

/** Run passes on schedule until the signal aborts (or `maxPasses`). Returns how many passes ran. */
export async function runWatchDaemon(o: WatchDaemonOptions): Promise<number> {
  let cfg = o.config;
  const rand = o.random ?? Math.random;
  const jitter = Math.min(0.5, Math.max(0, o.jitter ?? 0.1));
  let items = watchItems(cfg);
  const every = (it: WatchItem) => cfg.every[it.key] ?? cfg.schedule[SCHEDULE_OF[it.kind]];
  // Every item is due at the start; then each on its own interval. Items due together are one pass.
  const due = new Map<string, number>(items.map((it) => [it.key, 0]));
  let passes = 0;
  while (!o.signal.aborted) {
    const fresh = o.reload?.();
    if (fresh) {
      cfg = fresh;
      items = watchItems(cfg);
      const keys = new Set(items.map((it) => it.key));
      for (const k of [...due.keys()]) if (!keys.has(k)) due.delete(k);
      for (const it of items) if (!due.has(it.key)) due.set(it.key, 0);
    }
    const now = Date.now();
    const dueNow = items.filter((it) => due.get(it.key)! <= now);
    if (dueNow.length) {
      const keys = dueNow.map((it) => it.key);
      const r = await runWatchPass({ config: only(cfg, new Set(keys)), store: o.store, lang: o.lang, deps: o.deps() });
      passes++;
      for (const it of dueNow) due.set(it.key, Date.now() + every(it) * (1 + (rand() * 2 - 1) * jitter));
      o.onPass?.(r, keys);
      if (o.maxPasses !== undefined && passes >= o.maxPasses) break;
      continue;
    }
    // Nothing to watch and no way to learn of more: stop (a list always has items; an edit may empty it).
    if (!items.length && !o.reload) break;
    const next = items.length ? Math.min(...due.values()) : Infinity;
    const wait = Math.max(0, next - Date.now());
    await sleep(o.reload ? Math.min(wait, RELOAD_CHECK_MS) : wait, o.signal);
  }
  return passes;
}
