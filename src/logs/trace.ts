/**
 * `logs trace`: the whole story of each message that matches — who sent it from where, its ids, every recipient
 * with every delivery attempt — and a verdict with the classifier's diagnosis. Rejected attempts that never got
 * a queue id (NOQUEUE) are stories too: "my mail to x was refused at RCPT" is the most common answer.
 */
import { own } from './own.js';
import type { DeliveryStatus, RejectEvent } from './types.js';
import type { DeliveryAttempt, TrackedMessage } from './messages.js';
import { scanLogs, type ScanLogOptions, type ScanStats } from './scan.js';

export interface TraceFilter {
  /** Recipient address (exact, case-insensitive) or "@domain". */
  to?: string;
  from?: string;
  /** Queue id or Message-ID (with or without <>). */
  id?: string;
  since?: number;
  until?: number;
}

export type TraceVerdict = 'delivered' | 'deferred' | 'bounced' | 'expired' | 'rejected' | 'in-queue' | 'unknown';

export interface RecipientStory {
  to: string;
  origTo?: string;
  attempts: DeliveryAttempt[];
  final: DeliveryStatus | 'rejected' | 'pending';
}

export interface MessageStory {
  qid: string;
  fmt: string;
  first: number;
  last: number;
  client?: string;
  ip?: string;
  helo?: string;
  tls?: string;
  saslUser?: string;
  messageId?: string;
  from?: string;
  size?: number;
  nrcpt?: number;
  recipients: RecipientStory[];
  rejects: RejectEvent[];
  notices: { kind: string; qid: string }[];
  requeuedAs?: string;
  requeuedFrom?: string;
  removed: boolean;
  verdict: TraceVerdict;
  lines: string[];
}

export interface TraceResult {
  stories: MessageStory[];
  /** Matching stories beyond the limit (not kept). */
  more: number;
  stats: Omit<ScanStats, 'parser' | 'tracker'> & { format: string | undefined };
}

const lc = (s: string | undefined) => (s ?? '').toLowerCase();
const stripAngles = (s: string) => s.replace(/^<|>$/g, '');

function addrMatch(addr: string | undefined, want: string): boolean {
  if (!addr && want !== '<>') return false;
  const a = lc(addr), w = lc(want);
  if (w === '<>') return a === '';
  if (w.startsWith('@')) return a.endsWith(w);
  return a === w;
}

export function storyMatches(s: Pick<MessageStory, 'qid' | 'messageId' | 'from' | 'recipients' | 'first' | 'last'>, f: TraceFilter): boolean {
  if (f.id && s.qid !== f.id && lc(s.messageId) !== lc(stripAngles(f.id))) return false;
  if (f.from && !addrMatch(s.from, f.from)) return false;
  if (f.to && !s.recipients.some((r) => addrMatch(r.to, f.to!) || addrMatch(r.origTo, f.to!))) return false;
  if (f.since !== undefined && s.last < f.since) return false;
  if (f.until !== undefined && s.first > f.until) return false;
  return true;
}

const RANK: Record<string, number> = { sent: 0, forwarded: 0, filtered: 0, pending: 1, deferred: 2, expired: 3, bounced: 4, rejected: 5 };

function toStory(m: TrackedMessage): MessageStory {
  const byRcpt = new Map<string, RecipientStory>();
  for (const a of m.attempts ?? []) {
    let r = byRcpt.get(a.to);
    if (!r) { r = { to: a.to, attempts: [], final: 'pending' }; if (a.origTo) r.origTo = a.origTo; byRcpt.set(a.to, r); }
    r.attempts.push(a);
    r.final = a.status;
  }
  for (const j of m.rejects ?? []) {
    if (j.to && j.action === 'reject' && !byRcpt.has(j.to)) byRcpt.set(j.to, { to: j.to, attempts: [], final: 'rejected' });
  }
  const recipients = [...byRcpt.values()];
  for (const r of recipients) if (m.expired && r.final === 'deferred') r.final = 'expired';
  const s: MessageStory = {
    qid: m.qid, fmt: m.fmt, first: m.firstTs, last: m.lastTs, recipients, rejects: m.rejects ?? [], notices: m.notices ?? [],
    removed: m.closed === 'removed', verdict: 'unknown', lines: m.lines ?? [],
  };
  for (const k of ['client', 'ip', 'helo', 'tls', 'saslUser', 'messageId', 'from', 'size', 'nrcpt', 'requeuedAs', 'requeuedFrom'] as const) {
    if (m[k] !== undefined) (s as unknown as Record<string, unknown>)[k] = m[k];
  }
  s.verdict = verdictOf(s, m.expired === true);
  return s;
}

export function verdictOf(s: Pick<MessageStory, 'recipients' | 'rejects' | 'removed' | 'requeuedAs'>, expired = false): TraceVerdict {
  if (s.rejects.some((r) => r.action === 'reject') && !s.recipients.some((r) => r.attempts.length)) return 'rejected';
  if (expired) return 'expired';
  if (!s.recipients.length) return s.removed ? (s.requeuedAs ? 'delivered' : 'unknown') : 'in-queue';
  let worst = 0;
  for (const r of s.recipients) worst = Math.max(worst, RANK[r.final] ?? 0);
  if (worst >= 5) return 'rejected';
  if (worst === 4) return 'bounced';
  if (worst === 3) return 'expired';
  if (worst === 2) return s.removed ? 'delivered' : 'deferred';
  if (worst === 1) return 'in-queue';
  return 'delivered';
}

/** A NOQUEUE reject as a story of its own (no queue id: the message never entered the queue). */
function rejectStory(e: RejectEvent): MessageStory {
  const s: MessageStory = {
    qid: 'NOQUEUE', fmt: e.fmt, first: e.ts, last: e.ts, recipients: e.to !== undefined ? [{ to: e.to, attempts: [], final: 'rejected' }] : [],
    rejects: [e], notices: [], removed: true, verdict: 'rejected', lines: [own(e.line)],
  };
  if (e.client) s.client = e.client;
  if (e.ip) s.ip = e.ip;
  if (e.helo) s.helo = e.helo;
  if (e.from !== undefined) s.from = e.from;
  return s;
}

/** Trace messages through the logs. At most `limit` stories are kept (the newest win). */
export async function traceLogs(opt: Omit<ScanLogOptions, 'story' | 'onClose'>, filter: TraceFilter, limit = 200): Promise<TraceResult> {
  const stories: MessageStory[] = [];
  let more = 0;
  const keep = (s: MessageStory) => {
    if (!storyMatches(s, filter)) return;
    if (stories.length >= limit) { stories.shift(); more++; }
    stories.push(s);
  };
  const stats = await scanLogs({ ...opt, story: true, onClose: (m) => keep(toStory(m)) }, (e) => {
    if (e.k === 'reject' && !e.qid && e.action === 'reject') keep(rejectStory(e));
  });
  for (const m of stats.tracker.remaining()) keep(toStory(m));
  stories.sort((a, b) => a.first - b.first);
  const { parser, tracker, ...rest } = stats;
  void tracker;
  return { stories, more, stats: { ...rest, format: parser.detectedFormat() } };
}
