/**
 * The queue in figures: per queue, per reason (the MTA's words classified by the shared classifier, as a live
 * answer: a refused connection is a network error here, not an expiry), per destination with its oldest
 * message, an age histogram, the senders with most mail waiting, and the messages that waited longest. Built
 * one message at a time, in memory bounded by the number of distinct reasons, destinations and senders.
 */
import type { Classification } from '../classify/index.js';
import type { Reason } from '../core/finding.js';
import { classifyLogText, normalizeReasonText } from '../logs/diagnose.js';
import type { QueueMessage, QueueMta, QueueName } from './types.js';
import { trimEndOf } from '../core/trim.js';

/**
 * Waiting recipients grouped by the classified reason of their deferral, with the commonest texts and the
 * destinations concerned.
 */
export interface QueueReasonGroup {
  reason: Reason;
  permanence: Classification['permanence'];
  actor: Classification['actor'];
  rule: string;
  /** Recipients waiting for this reason. */
  recipients: number;
  /** The most frequent texts (normalised), with counts. */
  samples: { text: string; count: number }[];
  destinations: string[];
}

/** One recipient domain mail waits for: how much, the oldest wait, and its commonest reason. */
export interface QueueDestination {
  domain: string;
  messages: number;
  recipients: number;
  /** Seconds the oldest message for it has waited. */
  oldestSeconds: number;
  /** The most frequent reason and its text. */
  reason?: Reason;
  sample?: string;
}

/** One envelope sender's share of the queue: messages and bytes. */
export interface QueueSender {
  sender: string;
  messages: number;
  bytes: number;
}

/** One waiting message, as the report lists it. */
export interface QueueRow {
  id: string;
  queue: QueueName;
  ageSeconds?: number;
  size?: number;
  sender: string;
  recipients: string[];
  reason?: string;
}

/** The age bands of the queue's age table, by the upper bound of each in seconds. */
export const AGE_BUCKETS: readonly { label: string; upTo: number }[] = [
  { label: '< 5 min', upTo: 300 }, { label: '5–60 min', upTo: 3600 }, { label: '1–6 h', upTo: 6 * 3600 },
  { label: '6–24 h', upTo: 86400 }, { label: '1–3 d', upTo: 3 * 86400 }, { label: '3–5 d', upTo: 5 * 86400 },
  { label: '> 5 d', upTo: Infinity },
];

/**
 * The `data` of a queue report: counts by queue, bounces stuck in it, the ages, reasons, destinations and senders,
 * and the longest-waiting messages.
 */
export interface QueueSummaryData {
  mta?: QueueMta;
  messages: number;
  /** Recipients still waiting (Exim's delivered ones excluded). */
  recipients: number;
  bytes: number;
  byQueue: Partial<Record<QueueName, number>>;
  /** Messages from the null sender: bounces the server could not return. */
  bounces: number;
  oldestSeconds?: number;
  ages: { label: string; messages: number }[];
  reasons: QueueReasonGroup[];
  destinations: QueueDestination[];
  senders: QueueSender[];
  /** The messages that waited longest (at most `keep`), oldest first. */
  oldest: QueueRow[];
  /** Up to 5 queue ids per queue (to name one held or frozen message in a command). */
  sampleIds: Partial<Record<QueueName, string[]>>;
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return trimEndOf((at >= 0 ? address.slice(at + 1) : address).toLowerCase(), '>', true) || '(local)';
}

/** Accumulates messages into QueueSummaryData. */
export class QueueSummary {
  private readonly byQueue = new Map<QueueName, number>();
  private readonly sampleIds = new Map<QueueName, string[]>();
  private readonly reasons = new Map<string, { c: Classification; recipients: number; texts: Map<string, number>; dest: Set<string> }>();
  private readonly dests = new Map<string, { messages: number; recipients: number; oldest: number; reasons: Map<Reason, number>; sample?: string }>();
  private readonly senders = new Map<string, QueueSender>();
  private readonly ages = AGE_BUCKETS.map(() => 0);
  private oldestRows: QueueRow[] = [];
  private mta: QueueMta | undefined;
  private messages = 0;
  private recipients = 0;
  private bytes = 0;
  private bounces = 0;
  private oldest: number | undefined;

  constructor(private readonly keep = 50) {}

  add(m: QueueMessage): void {
    this.mta ??= m.mta;
    this.messages++;
    this.bytes += m.size ?? 0;
    this.byQueue.set(m.queue, (this.byQueue.get(m.queue) ?? 0) + 1);
    const ids = this.sampleIds.get(m.queue) ?? [];
    if (ids.length < 5) { ids.push(m.id); this.sampleIds.set(m.queue, ids); }
    if (!m.sender) this.bounces++;
    const age = m.ageSeconds;
    if (age !== undefined) {
      if (this.oldest === undefined || age > this.oldest) this.oldest = age;
      this.ages[AGE_BUCKETS.findIndex((b) => age < b.upTo)]!++;
    }
    const s = this.senders.get(m.sender) ?? { sender: m.sender || '<>', messages: 0, bytes: 0 };
    s.messages++;
    s.bytes += m.size ?? 0;
    this.senders.set(m.sender, s);
    const seen = new Set<string>();
    let firstReason: string | undefined;
    for (const r of m.recipients) {
      if (r.delivered) continue;
      this.recipients++;
      const domain = domainOf(r.address);
      const d = this.dests.get(domain) ?? { messages: 0, recipients: 0, oldest: 0, reasons: new Map<Reason, number>() };
      d.recipients++;
      if (!seen.has(domain)) { d.messages++; seen.add(domain); }
      if (age !== undefined && age > d.oldest) d.oldest = age;
      this.dests.set(domain, d);
      if (!r.reason) continue;
      firstReason ??= r.reason;
      const norm = normalizeReasonText(r.reason);
      const c = classifyLogText(r.reason, undefined, undefined, norm);
      const key = `${c.reason}|${c.rule}`;
      const g = this.reasons.get(key) ?? { c, recipients: 0, texts: new Map<string, number>(), dest: new Set<string>() };
      g.recipients++;
      g.texts.set(norm, (g.texts.get(norm) ?? 0) + 1);
      if (g.dest.size < 20) g.dest.add(domain);
      this.reasons.set(key, g);
      d.reasons.set(c.reason, (d.reasons.get(c.reason) ?? 0) + 1);
      d.sample ??= norm;
    }
    if (this.keep > 0 && age !== undefined) {
      const row: QueueRow = { id: m.id, queue: m.queue, ageSeconds: age, sender: m.sender || '<>', recipients: m.recipients.filter((r) => !r.delivered).map((r) => r.address) };
      if (m.size !== undefined) row.size = m.size;
      if (firstReason) row.reason = firstReason;
      this.oldestRows.push(row);
      if (this.oldestRows.length >= this.keep * 4) this.trim();
    }
  }

  private trim(): void {
    this.oldestRows.sort((a, b) => (b.ageSeconds ?? 0) - (a.ageSeconds ?? 0));
    this.oldestRows.length = Math.min(this.oldestRows.length, this.keep);
  }

  data(): QueueSummaryData {
    this.trim();
    const d: QueueSummaryData = {
      messages: this.messages, recipients: this.recipients, bytes: this.bytes, byQueue: Object.fromEntries(this.byQueue),
      bounces: this.bounces, ages: AGE_BUCKETS.map((b, i) => ({ label: b.label, messages: this.ages[i]! })),
      reasons: [...this.reasons.values()].sort((a, b) => b.recipients - a.recipients).map((g) => ({
        reason: g.c.reason, permanence: g.c.permanence, actor: g.c.actor, rule: g.c.rule, recipients: g.recipients,
        samples: [...g.texts].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([text, count]) => ({ text, count })),
        destinations: [...g.dest],
      })),
      destinations: [...this.dests].sort((a, b) => b[1].recipients - a[1].recipients).slice(0, 50).map(([domain, x]) => {
        const top = [...x.reasons].sort((a, b) => b[1] - a[1])[0];
        const row: QueueDestination = { domain, messages: x.messages, recipients: x.recipients, oldestSeconds: x.oldest };
        if (top) row.reason = top[0];
        if (x.sample) row.sample = x.sample;
        return row;
      }),
      senders: [...this.senders.values()].sort((a, b) => b.messages - a.messages).slice(0, 20),
      oldest: this.oldestRows,
      sampleIds: Object.fromEntries(this.sampleIds),
    };
    if (this.mta) d.mta = this.mta;
    if (this.oldest !== undefined) d.oldestSeconds = this.oldest;
    return d;
  }
}
