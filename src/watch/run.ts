/**
 * `watch run`: one pass — check every item, store every result, compare with the stored states, store the alerts,
 * send them (terminal always; webhook and e-mail when the watch list has them) and give the pass as a Report.
 */
import { randomUUID } from 'node:crypto';
import { makeReport, type Finding, type Lang, type Report } from '../core/finding.js';
import { fill } from '../i18n/text.js';
import { detectChanges, type WatchAlert } from './changes.js';
import { runChecks, watchItems, type ItemResult, type RunnerDeps } from './checks-runner.js';
import type { WatchConfig } from './config.js';
import { sendEmail, type EmailDeps } from './channels/email.js';
import { alertFinding } from './channels/terminal.js';
import { sendWebhook, type WebhookDeps } from './channels/webhook.js';
import type { WatchStore } from './store/index.js';
import { WATCH_TEXTS as W } from './texts.js';

/** A pass's watch list, store, language and outside world. */
export interface WatchRunOptions {
  config: WatchConfig;
  store: WatchStore;
  /** The watcher's language (alert mail); the list's alerts.lang wins when set. */
  lang: Lang;
  deps: Omit<RunnerDeps, 'logOffset'> & { webhook?: WebhookDeps; email?: EmailDeps };
}

/** What a pass did, beside its Report. */
export interface WatchRunResult {
  report: Report;
  runId: string;
  results: ItemResult[];
  alerts: WatchAlert[];
  delivery: Record<string, string>;
}

function itemFinding(r: ItemResult): Finding {
  const problems = r.findings.filter((f) => f.status === 'warn' || f.status === 'error').length;
  return {
    check: `watch.item.${r.item.kind}`,
    status: r.status === 'info' ? 'ok' : r.status,
    subject: r.item.key,
    summary: problems ? fill(W.itemProblems, { item: r.item.key, count: problems }) : fill(W.itemOk, { item: r.item.key }),
    data: { durationMs: r.durationMs, ...(r.certDaysLeft !== undefined ? { certDaysLeft: r.certDaysLeft } : {}) },
  };
}

/** How long an undelivered alert is tried again with later passes. */
const OWED_FOR_MS = 24 * 3_600_000;

/** One pass of the watch list. */

export async function runWatchPass(o: WatchRunOptions): Promise<WatchRunResult> {
  const { config: cfg, store } = o;
  const now = o.deps.now ?? (() => new Date());
  const lang = cfg.alerts.lang ?? o.lang;
  const runId = randomUUID();
  const startedAt = now().toISOString();
  await store.beginRun(runId, startedAt);
  const offsets = await store.logOffsets();
  // Each result is stored as its item finishes (a pass killed half-way keeps them); the writes are awaited together.
  const writes: Promise<void>[] = [];
  const results = await runChecks(watchItems(cfg), cfg, { ...o.deps, logOffset: (p) => offsets.get(p) }, (r) => {
    writes.push(store.saveResult({ runId, item: r.item.key, kind: r.item.kind, status: r.status, checkedAt: r.startedAt, durationMs: r.durationMs, findings: r.findings }));
    if (r.logOffset !== undefined && r.item.log) writes.push(store.setLogOffset(r.item.log, r.logOffset, r.startedAt));
  });
  await Promise.all(writes);
  const { alerts, states } = detectChanges(results, await store.states(), { probeFailures: cfg.alerts.probeFailures, now: now() });
  await store.commitChanges(alerts.map((a) => ({ id: a.id, runId, key: a.key, item: a.item, kind: a.kind, status: a.status, previous: a.previous, createdAt: a.at, alert: a })), states);

  const channelFindings: Finding[] = [];
  const delivery: Record<string, string> = {};
  // Alerts of earlier passes a channel has not delivered (it failed, or the watcher stopped between storing and
  // sending) go again with this pass's, for a day: at least once, never silently dropped.
  const owedSince = new Date(now().getTime() - OWED_FOR_MS).toISOString();
  const earlier = (await store.alerts(owedSince)).filter((a) => a.runId !== runId);
  const owedFor = (channel: string) => earlier.filter((a) => !a.delivery?.[channel] || a.delivery[channel]!.startsWith('failed'));
  // A muted item's alerts are stored and shown here, not sent; marked so they are not owed once the mute ends.
  const muted = new Set((await store.mutes(now().toISOString())).map((m) => m.item));
  const silenced = alerts.filter((a) => muted.has(a.item));
  const sendable = alerts.filter((a) => !muted.has(a.item));
  const deliver = async (channel: string, send: (batch: WatchAlert[]) => Promise<string>) => {
    if (silenced.length) await store.setDelivery(silenced.map((a) => a.id), channel, 'muted');
    const owed = owedFor(channel).filter((a) => !muted.has(a.item));
    const batch = [...owed.map((a) => a.alert as WatchAlert), ...sendable];
    if (!batch.length) return;
    const ids = [...owed.map((a) => a.id), ...sendable.map((a) => a.id)];
    try {
      const outcome = await send(batch);
      delivery[channel] = outcome;
      await store.setDelivery(ids, channel, outcome);
      channelFindings.push({ check: 'watch.channel', status: 'ok', subject: channel, summary: fill(W.channelOk, { channel, count: batch.length }), evidence: [{ kind: 'text', value: outcome }] });
    } catch (e) {
      const why = String((e as Error).message ?? e).slice(0, 300);
      delivery[channel] = `failed: ${why}`;
      await store.setDelivery(ids, channel, `failed: ${why}`);
      channelFindings.push({ check: 'watch.channel', status: 'warn', subject: channel, summary: fill(W.channelFailed, { channel, why }), advice: [W.channelAdvice] });
    }
  };
  for (const [i, hook] of cfg.alerts.webhooks.entries()) await deliver(`webhook ${i + 1} (${new URL(hook.url).host})`, (batch) => sendWebhook(hook, batch, runId, o.deps.webhook));
  const mail = cfg.alerts.email;
  if (mail) await deliver(`e-mail (${mail.to.join(', ')})`, (batch) => sendEmail(mail, batch, lang, startedAt, runId, o.deps.email));

  if (silenced.length) {
    const items = [...new Set(silenced.map((a) => a.item))].join(', ');
    channelFindings.push({ check: 'watch.muted', status: 'info', subject: 'watch', summary: fill(W.mutedNotSent, { count: silenced.length, items }) });
  }
  // Pruned after the alerts are stored: change detection never needs an old result, only the states.
  const nowMs = now().getTime();
  const pruned = await store.prune(new Date(nowMs - cfg.history.keepResults).toISOString(), new Date(nowMs - cfg.history.keepAlerts).toISOString());
  if (pruned.results || pruned.runs || pruned.alerts) channelFindings.push({ check: 'watch.history.pruned', status: 'info', subject: 'watch', summary: fill(W.pruned, { ...pruned }), data: { ...pruned } });

  const problems = results.flatMap((r) => r.findings.filter((f) => f.status === 'warn' || f.status === 'error' || f.status === 'unknown'));
  const findings: Finding[] = [
    ...(alerts.length ? alerts.map(alertFinding) : [{ check: 'watch.alerts', status: 'ok' as const, subject: 'watch', summary: W.noAlerts }]),
    ...channelFindings,
    ...results.map(itemFinding),
    ...problems,
  ];
  const report = makeReport('watch run', `${results.length} item(s)`, findings, {
    now,
    tables: [
      {
        id: 'watch-items', title: W.tableItems, columns: [W.colItem, W.colKind, W.colStatus, W.colProblems],
        rows: results.map((r) => [r.item.key, r.item.kind, r.status, String(r.findings.filter((f) => f.status === 'warn' || f.status === 'error').length)]),
      },
      ...(alerts.length ? [{
        // Rows are data (ids, statuses), the same in both languages; the words are in the alert findings above.
        id: 'watch-alerts', title: W.tableAlerts, columns: [W.colItem, W.colChange, W.colStatus, W.colCheck],
        rows: alerts.map((a) => [a.item, a.kind, `${a.previous} → ${a.status}`, `${a.check} ${a.subject}`]),
      }] : []),
    ],
    data: {
      runId, database: store.location, startedAt,
      items: results.map((r) => ({ key: r.item.key, kind: r.item.kind, status: r.status, durationMs: r.durationMs, problems: r.findings.filter((f) => f.status === 'warn' || f.status === 'error').length, ...(r.certDaysLeft !== undefined ? { certDaysLeft: r.certDaysLeft } : {}) })),
      alerts, delivery, pruned,
    },
  });
  await store.finishRun(runId, now().toISOString(), report.status);
  return { report, runId, results, alerts, delivery };
}
