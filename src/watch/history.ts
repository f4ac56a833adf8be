/**
 * `watch report`: what the history says since a point in time — the alerts (what changed, in order) and, per item,
 * how many passes checked it, its worst and its latest status. Read from the store, as a Report.
 */
import { makeReport, STATUS_ORDER, type Finding, type Report, type Status } from '../core/finding.js';
import { fill } from '../i18n/text.js';
import type { WatchAlert } from './changes.js';
import { alertFinding } from './channels/terminal.js';
import type { WatchStore } from './store/index.js';
import { WATCH_TEXTS as W } from './texts.js';

/** One item over the period. */
export interface ItemHistory { item: string; kind: string; passes: number; worst: Status; latest: Status; latestAt: string; alerts: number }

/** The history since `since` (ISO time) as a Report: the alerts first, then one finding per item. */
export async function watchHistoryReport(store: WatchStore, since: Date, now: () => Date = () => new Date()): Promise<Report> {
  const from = since.toISOString();
  const results = await store.results(from);
  const alerts = (await store.alerts(from)).map((a) => a.alert as WatchAlert);
  const runs = await store.runs(from);
  const items = new Map<string, ItemHistory>();
  for (const r of results) {
    const h = items.get(r.item) ?? { item: r.item, kind: r.kind, passes: 0, worst: 'ok' as Status, latest: r.status, latestAt: r.checkedAt, alerts: 0 };
    h.passes++;
    if (STATUS_ORDER.indexOf(r.status) > STATUS_ORDER.indexOf(h.worst)) h.worst = r.status;
    if (r.checkedAt >= h.latestAt) { h.latest = r.status; h.latestAt = r.checkedAt; }
    items.set(r.item, h);
  }
  for (const a of alerts) { const h = items.get(a.item); if (h) h.alerts++; }
  const itemFindings: Finding[] = [...items.values()].map((h) => ({
    check: `watch.history.${h.kind}`,
    // The report is about the present: an item's latest status, the worst of the period is in the table and data.
    status: h.latest === 'info' ? 'ok' : h.latest,
    subject: h.item,
    summary: fill(W.historyItem, { item: h.item, passes: h.passes, alerts: h.alerts, latest: h.latestAt }),
    data: { ...h },
  }));
  const findings: Finding[] = [
    { check: 'watch.history', status: 'ok', subject: 'watch', summary: fill(W.historySummary, { since: from, runs: runs.length, alerts: alerts.length }) },
    ...alerts.map(alertFinding),
    ...itemFindings,
  ];
  return makeReport('watch report', `since ${from}`, findings, {
    now,
    tables: [{
      id: 'watch-history', title: W.tableHistory, columns: [W.colItem, W.colKind, W.colPasses, W.colWorst, W.colStatus, W.colAlerts],
      rows: [...items.values()].map((h) => [h.item, h.kind, String(h.passes), h.worst, h.latest, String(h.alerts)]),
    }],
    data: { since: from, runs: runs.length, items: [...items.values()], alerts },
  });
}
