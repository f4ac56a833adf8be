/**
 * `logs trace`: the whole story of each message that matches — who sent it from where, its ids, every recipient
 * with every delivery attempt — and a verdict with the classifier's diagnosis. Rejected attempts that never got
 * a queue id (NOQUEUE) are stories too: "my mail to x was refused at RCPT" is the most common answer.
 */
import { own } from './own.js';
import type { DeliveryStatus, RejectEvent } from './types.js';
import { MessageTracker, type DeliveryAttempt, type TrackedMessage } from './messages.js';
import { scanLogs, type ScanLogOptions, type ScanStats } from './scan.js';

/**
 * Which messages `logs trace` tells the story of: by recipient, sender, queue id or Message-ID, and time range (ms
 * since the epoch).
 */
export interface TraceFilter {
  /** Recipient address (exact, case-insensitive) or "@domain". */
  to?: string;
  from?: string;
  /** Queue id or Message-ID (with or without <>). */
  id?: string;
  since?: number;
  until?: number;
}

export type TraceVerdict = 'delivered' | 'deferred' | 'bounced' | 'expired' | 'rejected' | 'discarded' | 'deleted' | 'held' | 'in-queue' | 'unknown';

/** One leg of a message: its own queue id (a content filter's re-injection, a local forward or a requeued copy start a new one). */
export interface MessageLeg {
  qid: string;
  first: number;
  last: number;
  /** How it continues the leg before (undefined for the first). */
  via?: 'filter' | 'forward' | 'requeue';
  client?: string;
  ip?: string;
  size?: number;
  removed: boolean;
  /** The content filter's verdict on this leg, when it logged one (amavis, rspamd …). */
  filter?: { name: string; verdict: 'passed' | 'blocked'; category: string; discarded: boolean; quarantined: boolean; detail?: string };
  admin?: 'held' | 'released' | 'requeued' | 'deleted';
}

export interface RecipientStory {
  to: string;
  origTo?: string;
  attempts: DeliveryAttempt[];
  final: DeliveryStatus | 'rejected' | 'pending';
}

/**
 * The whole story of one message from the logs: who sent it from where, its ids and legs, and every recipient with
 * every attempt and a verdict.
 */
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
  /** Every leg, first to last, when the message had more than one (its queue ids, what happened between). */
  legs?: MessageLeg[];
  /** The content filter's last verdict on the message (any leg). */
  filter?: MessageLeg['filter'];
}

/** The stories `logs trace` found (up to its limit, the rest counted) and what the pass read. */
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

/**
 * Does a message's story match the filter? Addresses compare case-insensitively ("@domain" matches a whole domain,
 * "<>" the null sender); the id may be a queue id (of any leg) or a Message-ID.
 */
export function storyMatches(s: Pick<MessageStory, 'qid' | 'messageId' | 'from' | 'recipients' | 'first' | 'last' | 'legs'>, f: TraceFilter): boolean {
  if (f.id && s.qid !== f.id && lc(s.messageId) !== lc(stripAngles(f.id)) && !s.legs?.some((l) => l.qid === f.id)) return false;
  if (f.from && !addrMatch(s.from, f.from)) return false;
  if (f.to && !s.recipients.some((r) => addrMatch(r.to, f.to!) || addrMatch(r.origTo, f.to!))) return false;
  if (f.since !== undefined && s.last < f.since) return false;
  if (f.until !== undefined && s.first > f.until) return false;
  return true;
}

/**
 * How bad a recipient's last state is. A hop to a content filter ("filtered") or a forward is not an end: the
 * next leg carries on, and only when no leg does is it left pending.
 */
const RANK: Record<string, number> = { sent: 0, forwarded: 0, filtered: 1, pending: 1, deferred: 2, expired: 3, discarded: 4, bounced: 5, rejected: 6 };

/** A message as one story: its legs (first to last) merged — recipients, attempts, lines, the verdict of the last leg. */
function toStory(legs: TrackedMessage[]): MessageStory {
  const m = legs[0]!;
  const byRcpt = new Map<string, RecipientStory>();
  const lines: string[] = [];
  const rejects: RejectEvent[] = [];
  const notices: { kind: string; qid: string }[] = [];
  for (const leg of legs) {
    for (const a of leg.attempts ?? []) {
      let r = byRcpt.get(a.to);
      if (!r) { r = { to: a.to, attempts: [], final: 'pending' }; if (a.origTo) r.origTo = a.origTo; byRcpt.set(a.to, r); }
      r.attempts.push(a);
      r.final = a.status;
    }
    for (const j of leg.rejects ?? []) rejects.push(j);
    for (const n of leg.notices ?? []) notices.push(n);
    for (const l of leg.lines ?? []) lines.push(l);
  }
  for (const j of rejects) {
    if (j.to && j.action === 'reject' && !byRcpt.has(j.to)) byRcpt.set(j.to, { to: j.to, attempts: [], final: 'rejected' });
  }
  const recipients = [...byRcpt.values()];
  // a hop whose next leg carried the recipient on, or a forward whose copy went on (orig_to names it): not the end
  for (const r of recipients) {
    if ((r.final === 'filtered' || r.final === 'forwarded') && recipients.some((x) => x !== r && x.origTo === r.to)) r.final = 'sent';
  }
  const last = legs[legs.length - 1]!;
  const expired = legs.some((l) => l.expired);
  for (const r of recipients) if (expired && r.final === 'deferred') r.final = 'expired';
  const s: MessageStory = {
    qid: m.qid, fmt: m.fmt, first: m.firstTs, last: Math.max(...legs.map((l) => l.lastTs)), recipients, rejects, notices,
    removed: legs.every((l) => l.closed === 'removed'), verdict: 'unknown', lines: lines.length > 600 ? lines.slice(0, 600) : lines,
  };
  for (const k of ['client', 'ip', 'helo', 'tls', 'saslUser', 'messageId', 'from', 'size', 'nrcpt'] as const) {
    if (m[k] !== undefined) (s as unknown as Record<string, unknown>)[k] = m[k];
  }
  if (legs.length > 1) {
    s.requeuedAs = legs[1]!.qid;
    s.legs = legs.map((l) => {
      const g: MessageLeg = { qid: l.qid, first: l.firstTs, last: l.lastTs, removed: l.closed === 'removed' };
      if (l.via) g.via = l.via;
      if (l.client !== undefined) g.client = l.client;
      if (l.ip !== undefined) g.ip = l.ip;
      if (l.size !== undefined) g.size = l.size;
      if (l.filter) g.filter = l.filter;
      if (l.admin) g.admin = l.admin;
      return g;
    });
  } else if (m.requeuedFrom !== undefined) s.requeuedFrom = m.requeuedFrom;
  const filtered = [...legs].reverse().find((l) => l.filter)?.filter;
  if (filtered) s.filter = filtered;
  s.verdict = verdictOf(s, expired, last.admin);
  return s;
}

export function verdictOf(s: Pick<MessageStory, 'recipients' | 'rejects' | 'removed' | 'requeuedAs'>, expired = false, admin?: TrackedMessage['admin']): TraceVerdict {
  if (s.rejects.some((r) => r.action === 'reject') && !s.recipients.some((r) => r.attempts.length)) return 'rejected';
  if (expired) return 'expired';
  if (admin === 'deleted') return 'deleted';
  if (!s.recipients.length) return s.removed ? (s.requeuedAs ? 'delivered' : 'unknown') : admin === 'held' ? 'held' : 'in-queue';
  let worst = 0;
  for (const r of s.recipients) worst = Math.max(worst, RANK[r.final] ?? 0);
  if (worst >= 6) return 'rejected';
  if (worst === 5) return 'bounced';
  if (worst === 4) return 'discarded';
  if (worst === 3) return 'expired';
  if (admin === 'held' && !s.removed) return 'held';
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

/** Legs first to last: each after the one it continues (lines of one second do not tell the order by time). */
function legOrder(legs: TrackedMessage[]): TrackedMessage[] {
  const byQid = new Map(legs.map((l) => [l.qid, l]));
  const depth = (l: TrackedMessage): number => {
    let d = 0;
    for (let p = l.requeuedFrom; p !== undefined && d < legs.length; p = byQid.get(p)?.requeuedFrom) d++;
    return d;
  };
  return legs.map((l) => [depth(l), l] as const).sort((a, b) => a[0] - b[0] || a[1].firstTs - b[1].firstTs).map(([, l]) => l);
}

/** How long (log time) a leg that left the queue may wait for a line that names it as a later leg of another. */
const HOLD_MS = 10 * 60_000;

/**
 * Trace messages through the logs. At most `limit` stories are kept (the newest win). A message with several legs
 * (content filter, forward, requeue) is one story, told when its last leg has left the queue: its legs wait in
 * `held` (by the first leg's queue id); a leg that may still turn out to continue another (it came from a
 * loopback client or was made by the server) waits a few minutes of log time.
 */
export async function traceLogs(opt: Omit<ScanLogOptions, 'story' | 'onClose'>, filter: TraceFilter, limit = 200): Promise<TraceResult> {
  const stories: MessageStory[] = [];
  let more = 0;
  const keep = (s: MessageStory) => {
    if (!storyMatches(s, filter)) return;
    if (stories.length >= limit) { stories.shift(); more++; }
    stories.push(s);
  };
  const held = new Map<string, { legs: TrackedMessage[]; until: number }>();
  let now = NaN;
  const tell = (root: string) => {
    const h = held.get(root);
    if (!h) return;
    held.delete(root);
    keep(toStory(legOrder(h.legs)));
  };
  const flush = (all: boolean) => {
    for (const [root, h] of held) if (all || h.until < now) tell(root);
  };
  const tracker = new MessageTracker({ story: true, onClose: (m) => {
    const root = m.root ?? m.qid;
    const mayContinue = m.root === undefined && (m.loopback || !m.received);
    if (m.root === undefined && m.requeuedAs === undefined && !mayContinue) { keep(toStory([m])); return; }
    let h = held.get(root);
    if (!h) { h = { legs: [], until: 0 }; held.set(root, h); }
    if (!h.legs.includes(m)) h.legs.push(m);
    h.until = (m.lastTs === m.lastTs ? m.lastTs : now) + HOLD_MS;
    // the whole message has left the queue: tell it (a leg that may still be named by another waits)
    if (!mayContinue && !tracker.hasOpenLeg(root)) tell(root);
  } });
  // a leg told (or held) on its own turns out to continue another: its held legs join the other's
  tracker.onLink = (child, parent) => {
    const from = held.get(child.qid);
    const root = parent.root ?? parent.qid;
    if (from && child.qid !== root) {
      held.delete(child.qid);
      let h = held.get(root);
      if (!h) { h = { legs: [], until: 0 }; held.set(root, h); }
      for (const l of from.legs) if (!h.legs.includes(l)) h.legs.push(l);
    }
  };
  const stats = await scanLogs({ ...opt, story: true, tracker }, (e) => {
    if (e.ts === e.ts) { now = e.ts; if (held.size > 1000) flush(false); }
    if (e.k === 'reject' && !e.qid && e.action === 'reject') keep(rejectStory(e));
  });
  // at the end: the legs still open join their message's story
  for (const m of stats.tracker.remaining()) {
    const root = m.root ?? m.qid;
    const h = held.get(root);
    if (h) h.legs.push(m); else if (m.requeuedAs === undefined && m.root === undefined) keep(toStory([m])); else held.set(root, { legs: [m], until: 0 });
  }
  flush(true);
  stories.sort((a, b) => a.first - b.first);
  const { parser, tracker: _t, ...rest } = stats;
  void _t;
  return { stories, more, stats: { ...rest, format: parser.detectedFormat() } };
}
