/**
 * Change detection: each finding of a pass against its stored state, keyed by item + check + subject. An alert when
 * a problem appears, gets worse, gets better or clears (recovery), and when a tracked record changes; none while
 * the state stays as it was last told. A server's problem must be seen `probeFailures` passes in a row first.
 * "Not checked" (a DNS timeout, an unreadable file) changes nothing: it neither alerts nor counts as a recovery.
 */
import { randomUUID } from 'node:crypto';
import type { Finding, Status, Text } from '../core/finding.js';
import { STATUS_ORDER } from '../core/finding.js';
import { fill } from '../i18n/text.js';
import type { ItemResult } from './checks-runner.js';
import type { FindingState } from './store/index.js';
import { STATUS_WORDS, WATCH_TEXTS as W } from './texts.js';

/** How a finding changed: a new problem, worse, better, fixed, or a tracked record that changed. */
export type AlertKind = 'appeared' | 'worsened' | 'improved' | 'cleared' | 'changed';

/** One alert, as stored and as every channel sends it. */
export interface WatchAlert {
  id: string;
  key: string;
  item: string;
  check: string;
  subject: string;
  kind: AlertKind;
  status: Status;
  previous: Status;
  summary: Text;
  advice?: Text[];
  at: string;
}

/** How many failed probes in a row make an alert, the time of the pass, and the alert id maker. */
export interface ChangeOptions {
  probeFailures: number;
  now: Date;
  newId?: () => string;
}

const rank = (s: Status) => STATUS_ORDER.indexOf(s);
/** Only warnings and errors are problems to alert on; ok and info are "fine". */
const isProblem = (s: Status) => s === 'warn' || s === 'error';

/** The key a finding's state is stored under: item, check and subject. */
export const stateKey = (item: string, check: string, subject: string) => `${item}|${check}|${subject}`;

/** The alerts of a pass and the states to store after it (null: forget that key). */
export function detectChanges(results: ItemResult[], states: Map<string, FindingState>, o: ChangeOptions): { alerts: WatchAlert[]; states: Map<string, FindingState | null> } {
  const at = o.now.toISOString();
  const newId = o.newId ?? randomUUID;
  const alerts: WatchAlert[] = [];
  const next = new Map<string, FindingState | null>();
  for (const r of results) {
    const item = r.item.key;
    // An item that could not be checked at all keeps every state it had.
    if (r.findings.some((f) => f.check === 'watch.item.failed')) continue;
    const current = new Map<string, Finding>();
    for (const f of r.findings) {
      const k = stateKey(item, f.check, f.subject);
      const had = current.get(k);
      if (!had || rank(f.status) > rank(had.status)) current.set(k, f);
    }
    const keys = new Set(current.keys());
    for (const [k, s] of states) if (s.item === item && s.check !== 'watch.domain.records') keys.add(k);
    const need = r.item.kind === 'server' ? o.probeFailures : 1;
    for (const k of keys) {
      const f = current.get(k);
      const prev = states.get(k);
      const cur: Status = f?.status ?? 'ok';
      if (cur === 'unknown') continue;
      const bad = isProblem(cur);
      const failCount = bad ? (prev?.failCount ?? 0) + 1 : 0;
      const told: Status = prev?.alertedStatus ?? 'ok';
      const target: Status = bad ? (failCount >= need ? cur : told) : 'ok';
      if (target !== told) {
        const kind: AlertKind = told === 'ok' ? 'appeared' : target === 'ok' ? 'cleared' : rank(target) > rank(told) ? 'worsened' : 'improved';
        const check = f?.check ?? prev!.check, subject = f?.subject ?? prev!.subject;
        const summary = kind === 'cleared'
          ? fill(W.alertCleared, { item, check, subject, previous: STATUS_WORDS[told] })
          : f!.summary;
        alerts.push({
          id: newId(), key: k, item, check, subject, kind, status: target, previous: told, summary,
          ...(kind !== 'cleared' && f?.advice?.length ? { advice: f.advice } : {}), at,
        });
      }
      if (!bad && target === 'ok') { if (prev) next.set(k, null); continue; }
      next.set(k, {
        key: k, item, check: f?.check ?? prev!.check, subject: f?.subject ?? prev!.subject, status: cur, failCount, alertedStatus: target, updatedAt: at,
      });
    }
    for (const [what, value] of Object.entries(r.tracked ?? {})) {
      const k = stateKey(item, 'watch.domain.records', what);
      const prev = states.get(k);
      if (prev?.value !== undefined && prev.value !== value) {
        alerts.push({
          id: newId(), key: k, item, check: 'watch.domain.records', subject: what, kind: 'changed', status: 'info', previous: 'info',
          summary: fill(W.changedSummary, { item, what, before: prev.value, after: value }), advice: [W.changedDetail], at,
        });
      }
      if (prev?.value !== value) next.set(k, { key: k, item, check: 'watch.domain.records', subject: what, status: 'ok', failCount: 0, alertedStatus: 'ok', value, updatedAt: at });
    }
  }
  return { alerts, states: next };
}
