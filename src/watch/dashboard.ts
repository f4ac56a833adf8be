/**
 * What the web dashboard of `mailmedic serve --watch` reads and does, over the same store the watcher writes: the
 * state of every item, its history as points for a chart, the alerts as a timeline, acknowledging and muting, and the
 * watch list itself, read and written back (validated first; comments and order kept; replaced atomically).
 * Plain JSON shapes, no HTTP here: the server (src/serve/watch-api.ts) maps them to routes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { STATUS_ORDER, type Status, type Text } from '../core/finding.js';
import { fill } from '../i18n/text.js';
import { parseSpan } from '../core/span.js';
import { defaultDbPath, parseWatchConfig, resolveConfigPaths, validateWatchConfig, WatchConfigError, type WatchConfig } from './config.js';
import type { WatchAlert } from './changes.js';
import { itemKey } from './item-key.js';
import { openWatchStore, type StoredResult, type WatchStore } from './store/index.js';
import { ALERT_KIND_TEXTS } from './texts.js';

/** One item as the dashboard lists it: its newest result, its problems, unacknowledged alerts and mute. */
export interface DashboardItem {
  item: string;
  kind: string;
  /** The newest result's status; 'unknown' with no `checkedAt` when no pass has checked it yet. */
  status: Status;
  checkedAt?: string;
  durationMs?: number;
  /** The newest result's warnings and errors (at most 5), in both languages. */
  problems: { check: string; status: Status; subject: string; summary: Text }[];
  problemCount: number;
  /** Alerts about this item nobody has acknowledged yet. */
  unacked: number;
  mute?: { until: string; reason?: string };
  /** False for an item with history that is no longer on the watch list. */
  listed: boolean;
}

/** GET /api/watch/state. */
export interface DashboardState {
  generatedAt: string;
  database: string;
  engine: 'sqlite' | 'postgres';
  lastRun?: { startedAt: string; finishedAt?: string; status?: string };
  /** Worst first, then by key. */
  items: DashboardItem[];
}

/** One point of an item's chart: a pass's status (the worst of a bucket when the period holds more passes). */
export interface HistoryPoint { at: string; status: Status; passes: number; durationMs: number }

/** One alert on the timeline, newest first, with its words and whether someone acknowledged it. */
export interface TimelineEvent {
  id: string;
  at: string;
  item: string;
  kind: string;
  kindText: Text;
  status: Status;
  previous: Status;
  check: string;
  subject: string;
  summary: Text;
  advice?: Text[];
  delivery?: Record<string, string>;
  acked?: { at: string; by: string };
}

/** The watch list as the editor shows it; `version` guards against writing over someone else's edit. */
export interface WatchListText { path: string; format: 'yaml' | 'json'; text: string; version: string; items: string[] }

/** Something the dashboard cannot do, with a stable code, the request field at fault and the words to show. */
export class DashboardError extends Error {
  override name = 'DashboardError';
  constructor(readonly code: 'unknown-item' | 'unknown-alert' | 'bad-field' | 'bad-list' | 'list-changed' | 'needs-local-edit', readonly text: Text, readonly field?: string, readonly key?: string) {
    super(text.en);
  }
}

const DAY = 86_400_000;
const rank = (s: Status) => STATUS_ORDER.indexOf(s);
const worse = (a: Status, b: Status) => (rank(a) >= rank(b) ? a : b);
const sha = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

export { parseSpan };

const TEXTS = {
  unknownItem: { en: 'this item is neither on the watch list nor in the history', pl: 'tego elementu nie ma ani na liście obserwowanych, ani w historii' },
  unknownAlert: { en: 'none of these alerts is in the history', pl: 'żadnego z tych powiadomień nie ma w historii' },
  badSpan: { en: 'must be a length of time such as 90m, 2h or 7d (1 minute to 400 days)', pl: 'musi być czasem, np. 90m, 2h albo 7d (od 1 minuty do 400 dni)' },
  needsLocalEdit: { en: 'for safety the dashboard cannot add {what}: a new file for the watcher to read, or a password for it to send to a server, can only be written into the list itself, on the machine ({path})',
    pl: 'ze względów bezpieczeństwa panel nie może dodać: {what}; nowy plik do odczytu przez obserwatora albo hasło wysyłane do serwera można wpisać tylko w samej liście, na tym komputerze ({path})' },
  listChanged: { en: 'the watch list was changed by someone else since you opened it: reload it, then make your change again',
    pl: 'ktoś inny zmienił listę obserwowanych, odkąd ją otwarto: wczytaj ją ponownie i wprowadź zmianę jeszcze raz' },
} satisfies Record<string, Text>;

/**
 * What a watch list makes the watcher read or send beyond its own checks: files (logs, the blocklist set, CA files)
 * and passwords from the environment, each tied to the server it goes to. The dashboard may remove these, never add
 * one: whoever reaches the web page must not make the watcher read a file of the machine or send a secret elsewhere.
 */
function reach(cfg: WatchConfig): Map<string, string> {
  const out = new Map<string, string>();
  for (const l of cfg.logs) out.set(`log ${l}`, `logs: ${l}`);
  if (cfg.blocklists) out.set(`blocklists ${cfg.blocklists}`, `blocklists: ${cfg.blocklists}`);
  for (const sv of cfg.servers) {
    if (sv.ca) out.set(`ca ${sv.ca}`, `ca: ${sv.ca}`);
    if (sv.passwordEnv) out.set(`env ${sv.passwordEnv} ${itemKey.server(sv)}`, `password_env: ${sv.passwordEnv} (${itemKey.server(sv)})`);
  }
  const e = cfg.alerts.email;
  if (e?.ca) out.set(`ca ${e.ca}`, `ca: ${e.ca}`);
  if (e?.passwordEnv) out.set(`env ${e.passwordEnv} smtp:${e.host}:${e.port}`, `password_env: ${e.passwordEnv} (smtp:${e.host}:${e.port})`);
  return out;
}

/**
 * The dashboard over one watch list and its store. The list is read again whenever its file changes (an edit on the
 * dashboard or by hand), so the items shown follow it.
 */
export class WatchDashboard {
  private cached?: { mtimeMs: number; size: number; cfg: WatchConfig; text: string };
  private writing: Promise<unknown> = Promise.resolve();

  constructor(readonly listPath: string, readonly store: WatchStore, private readonly now: () => Date = () => new Date()) {}

  /** Open the store of a watch list (default: the list's name with .db beside it) after checking the list reads. */
  static async open(listPath: string, db?: string, now?: () => Date): Promise<WatchDashboard> {
    const path = resolve(listPath);
    parseWatchConfig(await readFile(path, 'utf8'), path);
    const store = await openWatchStore(db ?? defaultDbPath(path));
    return new WatchDashboard(path, store, now);
  }

  /** The list as the watcher reads it (file names made absolute, as item keys are). */
  private async list(): Promise<{ cfg: WatchConfig; text: string }> {
    const st = await stat(this.listPath);
    if (!this.cached || this.cached.mtimeMs !== st.mtimeMs || this.cached.size !== st.size) {
      const text = await readFile(this.listPath, 'utf8');
      this.cached = { mtimeMs: st.mtimeMs, size: st.size, text, cfg: resolveConfigPaths(parseWatchConfig(text, this.listPath), dirname(this.listPath)) };
    }
    return this.cached;
  }

  private static keys(cfg: WatchConfig): { item: string; kind: string }[] {
    return [
      ...cfg.domains.map((d) => ({ item: itemKey.domain(d.domain), kind: 'domain' })),
      ...cfg.ips.map((ip) => ({ item: itemKey.ip(ip), kind: 'ip' })),
      ...cfg.servers.map((s) => ({ item: itemKey.server(s), kind: 'server' })),
      ...cfg.logs.map((l) => ({ item: itemKey.log(l), kind: 'log' })),
    ];
  }

  /** Every item of the list (and any with history that left it): newest result, problems, alerts to see, mute. */
  async state(): Promise<DashboardState> {
    const { cfg } = await this.list();
    const now = this.now();
    const [latest, alerts, mutes, runs] = await Promise.all([
      this.store.latestResults(), this.store.alerts(new Date(now.getTime() - 30 * DAY).toISOString()),
      this.store.mutes(now.toISOString()), this.store.runs(new Date(now.getTime() - 30 * DAY).toISOString()),
    ]);
    const byItem = new Map<string, StoredResult>(latest.map((r) => [r.item, r]));
    const listed = WatchDashboard.keys(cfg);
    const all = [...listed.map((x) => ({ ...x, listed: true })),
      ...latest.filter((r) => !listed.some((x) => x.item === r.item)).map((r) => ({ item: r.item, kind: r.kind, listed: false }))];
    const items: DashboardItem[] = all.map(({ item, kind, listed: onList }) => {
      const r = byItem.get(item);
      const problems = (r?.findings ?? []).filter((f) => f.status === 'warn' || f.status === 'error')
        .sort((a, b) => rank(b.status) - rank(a.status));
      const mute = mutes.find((m) => m.item === item);
      return {
        item, kind, status: r?.status ?? 'unknown', listed: onList,
        ...(r ? { checkedAt: r.checkedAt, durationMs: r.durationMs } : {}),
        problems: problems.slice(0, 5).map((f) => ({ check: f.check, status: f.status, subject: f.subject, summary: f.summary })),
        problemCount: problems.length,
        unacked: alerts.filter((a) => a.item === item && !a.ackedAt).length,
        ...(mute ? { mute: { until: mute.until, ...(mute.reason ? { reason: mute.reason } : {}) } } : {}),
      };
    });
    // Worst first (a never-checked item after the ones with a status), then by key.
    const order = (i: DashboardItem) => (i.checkedAt ? rank(i.status) : -0.5);
    items.sort((a, b) => order(b) - order(a) || a.item.localeCompare(b.item));
    const last = runs.length ? runs.reduce((a, b) => (b.startedAt > a.startedAt ? b : a)) : undefined;
    return {
      generatedAt: now.toISOString(), database: this.store.location, engine: this.store.engine,
      ...(last ? { lastRun: { startedAt: last.startedAt, ...(last.finishedAt ? { finishedAt: last.finishedAt } : {}), ...(last.status ? { status: last.status } : {}) } } : {}),
      items,
    };
  }

  /**
   * The passes since `sinceMs` ago as chart points, per item (one item when `item` is given), at most `points` per
   * item: when there are more passes, each point is the worst of its time slice.
   */
  async history(sinceMs: number, item?: string, points = 120): Promise<Record<string, HistoryPoint[]>> {
    if (item !== undefined) await this.knownItem(item);
    const now = this.now().getTime();
    const from = now - sinceMs;
    const results = await this.store.results(new Date(from).toISOString(), item);
    const out: Record<string, HistoryPoint[]> = {};
    const perItem = new Map<string, StoredResult[]>();
    for (const r of results) { const l = perItem.get(r.item) ?? []; l.push(r); perItem.set(r.item, l); }
    for (const [key, rs] of perItem) {
      if (rs.length <= points) {
        out[key] = rs.map((r) => ({ at: r.checkedAt, status: r.status, passes: 1, durationMs: r.durationMs }));
        continue;
      }
      const slice = (now - from) / points;
      const buckets = new Map<number, HistoryPoint>();
      for (const r of rs) {
        const b = Math.min(points - 1, Math.max(0, Math.floor((Date.parse(r.checkedAt) - from) / slice)));
        const p = buckets.get(b);
        if (!p) buckets.set(b, { at: r.checkedAt, status: r.status, passes: 1, durationMs: r.durationMs });
        else { p.status = worse(p.status, r.status); p.passes++; p.durationMs = Math.max(p.durationMs, r.durationMs); p.at = r.checkedAt; }
      }
      out[key] = [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    }
    return out;
  }

  /** The alerts since `sinceMs` ago, newest first (at most `limit`), with their words and acknowledgement. */
  async events(sinceMs: number, limit = 500): Promise<TimelineEvent[]> {
    const alerts = await this.store.alerts(new Date(this.now().getTime() - sinceMs).toISOString());
    return alerts.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)).slice(0, limit).map((a) => {
      const w = (a.alert ?? {}) as Partial<WatchAlert>;
      const kind = a.kind as keyof typeof ALERT_KIND_TEXTS;
      return {
        id: a.id, at: a.createdAt, item: a.item, kind: a.kind, kindText: ALERT_KIND_TEXTS[kind] ?? { en: a.kind, pl: a.kind },
        status: a.status, previous: a.previous, check: w.check ?? '', subject: w.subject ?? '',
        summary: w.summary ?? { en: '', pl: '' }, ...(w.advice?.length ? { advice: w.advice } : {}),
        ...(a.delivery ? { delivery: a.delivery } : {}),
        ...(a.ackedAt ? { acked: { at: a.ackedAt, by: a.ackedBy ?? '' } } : {}),
      };
    });
  }

  /** Acknowledge alerts; refused when none of them exists. */
  async acknowledge(ids: string[], by: string): Promise<number> {
    const n = await this.store.acknowledge(ids, by, this.now().toISOString());
    if (!n) throw new DashboardError('unknown-alert', TEXTS.unknownAlert, 'ids');
    return n;
  }

  private async knownItem(item: string): Promise<void> {
    const { cfg } = await this.list();
    if (WatchDashboard.keys(cfg).some((k) => k.item === item)) return;
    if ((await this.store.latestResults()).some((r) => r.item === item)) return;
    throw new DashboardError('unknown-item', TEXTS.unknownItem, 'item');
  }

  /** Keep an item's alerts stored but unsent for `span` (e.g. "2h"). */
  async mute(item: string, span: unknown, reason?: string): Promise<{ item: string; until: string; reason?: string }> {
    const ms = parseSpan(span);
    if (ms === undefined) throw new DashboardError('bad-field', TEXTS.badSpan, 'for');
    await this.knownItem(item);
    const now = this.now();
    const until = new Date(now.getTime() + ms).toISOString();
    const why = reason?.trim().slice(0, 500) || undefined;
    await this.store.mute(item, until, why, now.toISOString());
    return { item, until, ...(why ? { reason: why } : {}) };
  }

  /** Send an item's alerts again. */
  async unmute(item: string): Promise<void> {
    await this.knownItem(item);
    await this.store.unmute(item);
  }

  /** The watch list's text as it is on disk, with a version for `writeList`. */
  async readList(): Promise<WatchListText> {
    const { cfg, text } = await this.list();
    return { path: this.listPath, format: this.isJson(text) ? 'json' : 'yaml', text, version: sha(text), items: WatchDashboard.keys(cfg).map((k) => k.item) };
  }

  private isJson(text: string): boolean {
    return this.listPath.endsWith('.json') || /^\s*\{/.test(text);
  }

  /**
   * Replace the watch list: `text` (the whole file, as the editor sends it) or `list` (the list as a JSON object,
   * applied onto the YAML document in place, so comments and the order of what did not change survive). Checked
   * with the watcher's own rules first — a bad list is refused with the key at fault and the file left as it was —
   * then written to a temporary file beside it and renamed over it (never half-written). With `version`, a list
   * changed since that version was read is refused rather than overwritten.
   */
  async writeList(change: { text?: string; list?: unknown; version?: string }): Promise<WatchListText> {
    const go = async () => {
      const current = await readFile(this.listPath, 'utf8');
      if (change.version !== undefined && change.version !== sha(current)) throw new DashboardError('list-changed', TEXTS.listChanged, 'version');
      let text: string;
      if (typeof change.text === 'string') {
        text = change.text.replace(/\r\n/g, '\n');
        if (!text.endsWith('\n')) text += '\n';
        this.check(() => parseWatchConfig(text, this.listPath));
      } else {
        const list = change.list;
        this.check(() => validateWatchConfig(list));
        if (this.isJson(current)) text = `${JSON.stringify(list, null, 2)}\n`;
        else {
          const doc = parseDocument(current, { uniqueKeys: true });
          applyOnto(doc, list);
          text = doc.toString();
          this.check(() => parseWatchConfig(text, this.listPath));
        }
      }
      // Nothing new to read or to send: compared with the file names made absolute, as the watcher reads them.
      const dir = dirname(this.listPath);
      // (A file on disk that no longer reads, edited by hand, grants nothing: then every file and password is new.)
      let before = new Map<string, string>();
      try { before = reach(resolveConfigPaths(parseWatchConfig(current, this.listPath), dir)); } catch { /* as said */ }
      const added = [...reach(resolveConfigPaths(parseWatchConfig(text, this.listPath), dir)).entries()].filter(([k]) => !before.has(k)).map(([, shown]) => shown);
      if (added.length) {
        const t = TEXTS.needsLocalEdit;
        const params = { what: added.slice(0, 3).join(', '), path: this.listPath };
        throw new DashboardError('needs-local-edit', fill(t, params));
      }
      const st = await stat(this.listPath);
      const tmp = join(dirname(this.listPath), `.${basename(this.listPath)}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await writeFile(tmp, text, { mode: st.mode & 0o777, flag: 'wx' });
        await rename(tmp, this.listPath);
      } catch (e) {
        await rm(tmp, { force: true });
        throw e;
      }
      this.cached = undefined;
      return this.readList();
    };
    // One write at a time: the version check and the rename of one do not interleave with another's.
    const next = this.writing.then(go, go);
    this.writing = next.catch(() => undefined);
    return next;
  }

  private check(fn: () => unknown): void {
    try {
      fn();
    } catch (e) {
      if (e instanceof WatchConfigError) throw new DashboardError('bad-list', e.text, undefined, e.key);
      throw e;
    }
  }

  /** Close the store. */
  close(): Promise<void> {
    return this.store.close();
  }
}

/**
 * Make the YAML document hold `value`, touching only what differs: maps are updated key by key (keys kept in their
 * order, new ones added at the end, missing ones removed), so the comments on what stays are kept.
 */
function applyOnto(doc: Document, value: unknown): void {
  const walk = (path: (string | number)[], v: unknown) => {
    const node = path.length ? doc.getIn(path, true) : doc.contents;
    if (v && typeof v === 'object' && !Array.isArray(v) && isMap(node)) {
      const obj = v as Record<string, unknown>;
      for (const pair of [...node.items]) {
        const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        if (!(k in obj)) node.delete(pair.key);
      }
      for (const [k, sub] of Object.entries(obj)) {
        if (node.has(k)) walk([...path, k], sub);
        else node.set(k, doc.createNode(sub));
      }
      return;
    }
    if (Array.isArray(v) && isSeq(node) && node.items.length === v.length) {
      v.forEach((sub, i) => walk([...path, i], sub));
      return;
    }
    if (isScalar(node) && (v === null || typeof v !== 'object') && node.value === v) return;
    if (path.length) doc.setIn(path, doc.createNode(v));
    else doc.contents = doc.createNode(v) as typeof doc.contents;
  };
  walk([], value);
}
