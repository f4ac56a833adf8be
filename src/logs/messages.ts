/**
 * Message state across lines: a queue id opens a message (client=, pickup, qmgr from=, Exim <=) and `removed` /
 * `Completed` closes it. Only open messages are kept, so memory grows with the messages still in the queue,
 * not with the file. With `story` on, every attempt and raw line is kept too (for `logs trace`).
 */
import { own } from './own.js';
import { GenerationMap, IdRing } from './byte-map.js';
import { queuedAs } from './formats/postfix.js';
import type { DeliveryEvent, LogEvent, LogFormatId, RejectEvent } from './types.js';

/** SMTP stages at which a reject with a queue id refuses the whole message (it is not queued). */
const WHOLE_MESSAGE_STAGES = new Set(['END-OF-MESSAGE', 'DATA', 'header', 'body']);

/** One delivery attempt as a message's story keeps it: the delivery line's own fields. */
export type DeliveryAttempt = Pick<DeliveryEvent, 'ts' | 'to' | 'origTo' | 'relay' | 'delay' | 'delays' | 'dsn' | 'status' | 'text' | 'line'>;

/**
 * One message on its way through the mail server, gathered from its queue id's lines: where it came from, who sent
 * it, its size, recipients and fate.
 */
export interface TrackedMessage {
  qid: string;
  fmt: LogFormatId;
  firstTs: number;
  lastTs: number;
  /** Seen arriving in this log (client=, pickup, <=): counted as received. */
  received: boolean;
  origin?: 'smtp' | 'local';
  client?: string;
  ip?: string;
  helo?: string;
  tls?: string;
  saslUser?: string;
  saslMethod?: string;
  messageId?: string;
  from?: string;
  size?: number;
  nrcpt?: number;
  deferrals: number;
  /** Content-filter hop: the queue id it came back as / came from. */
  requeuedAs?: string;
  requeuedFrom?: string;
  /**
   * Arrival time of the first leg of the message this one continues (a content filter's re-injection, a local
   * forward, a requeued copy): end-to-end delays are measured from there. Undefined for a first leg.
   */
  chainStart?: number;
  /** Queue id of the first leg of the message this one belongs to (undefined: it is a first leg). */
  root?: string;
  /** How this leg continues the one before: a content filter's re-injection, a local forward, a requeued copy. */
  via?: 'filter' | 'forward' | 'requeue';
  /** Arrived from a loopback client (127.x, ::1, localhost): possibly a content filter's re-injection. */
  loopback?: boolean;
  /** The arrival was counted by the summary (so a link found later takes it back). */
  arrivalCounted?: boolean;
  /** An earlier leg of the same message was deferred already (the message counts once as deferred). */
  deferredBefore?: boolean;
  /** A content filter's verdict on it (amavis …). */
  filter?: { name: string; verdict: 'passed' | 'blocked'; category: string; discarded: boolean; quarantined: boolean; detail?: string };
  /** What the administrator did (postsuper): held now, requeued under a new id, deleted. */
  admin?: 'held' | 'released' | 'requeued' | 'deleted';
  /** Notices (bounce/delay/success DSNs) this message caused, by the new queue id. */
  notices?: { kind: string; qid: string }[];
  closed: 'removed' | 'open';
  /** story mode only */
  attempts?: DeliveryAttempt[];
  rejects?: RejectEvent[];
  lines?: string[];
  /** Set once the message expired (returned to sender). */
  expired?: boolean;
  /** Summary bookkeeping: its size was added to "bytes received". */
  counted: boolean;
  /** Recipients with a final status (Sendmail, which logs no "removed"). */
  finals: number;
  /** A loopback arrival that a later line named (its Message-ID, the queue manager, a delivery …). */
  namedAgain?: boolean;
}

/** Story lines kept per message at most (a message deferred for days can have hundreds). */
const MAX_STORY_LINES = 300;
/** Messages kept after they left the queue, for lines that name them late (see MessageTracker.recent). */
const RECENT = 4096;

/** Does a client look like this machine itself (a content filter re-injecting, a local webmail)? */
export function isLoopback(ip: string, client?: string): boolean {
  return ip.startsWith('127.') || ip === '::1' || ip === '::ffff:127.0.0.1' || (ip === '' && client === 'localhost');
}

export interface SessionInfo { client: string; ip: string; ts: number; tls?: string; helo?: string }

/**
 * An index of open messages beside the tracker's map: the summary's fast path (src/logs/fast-messages.ts)
 * keeps most messages as table rows, made objects only when asked for.
 */
export interface OpenMessageSide {
  /** Open messages kept as rows only (not in the open map). */
  readonly plain: number;
  /** The row of qid made an object (the tracker then puts it in its open map), or undefined. */
  take(qid: string): TrackedMessage | undefined;
  /** Is qid open here (a row or an object), without making an object of it? */
  has(qid: string): boolean;
  /** A later leg that already left the queue as a row (a minimal closed message), or undefined. */
  closedLeg(qid: string): TrackedMessage | undefined;
  /** Has any later leg left the queue as a row? */
  hasClosedLegs(): boolean;
  /** The tracker opened an object. */
  linked(m: TrackedMessage): void;
  /** The tracker closed an object. */
  unlinked(m: TrackedMessage): void;
  /** Every row made an object. */
  materialise(): TrackedMessage[];
}

/**
 * Follows messages across log lines by queue id (add each event), keeping only those still open, so memory grows with
 * the queue rather than the file; links a content filter's or forward's copy back to the message it continues.
 */
export class MessageTracker {
  /** Open messages kept as objects (see {@link side} for the rest; {@link openCount} counts both). */
  readonly open = new Map<string, TrackedMessage>();
  side: OpenMessageSide | undefined = undefined;
  /** smtpd sessions by process id (one client at a time per process). */
  readonly sessions = new Map<string, SessionInfo>();
  /** Peak number of open messages (for the memory claim and the "piling up" problem). */
  peakOpen = 0;
  private onClose: (m: TrackedMessage) => void;
  /** Called when a message turns out to continue another (the summary takes the child's arrival back). */
  onLink: (child: TrackedMessage, parent: TrackedMessage) => void = () => {};
  /**
   * Message-ID → queue id of the newest open leg with that id: a copy this server made (a content filter's
   * re-injection, a local forward, a requeued file) finds the leg it continues. Read by bytes in the summary's
   * fast path. Entries are not removed when a message leaves: a stale one is replaced at its next use.
   */
  readonly ids = new IdRing();
  /**
   * Messages that left the queue lately, by queue id: a content filter's re-injected copy is often delivered and
   * removed before the line of its parent that names it ("queued as …") is written. Bounded (oldest dropped).
   */
  private recent = new Map<string, TrackedMessage>();
  /** The queue ids of {@link recent}, as bytes (the fast path asks before it makes a string). */
  readonly recentIds = new GenerationMap<boolean>(RECENT, 24);
  private story: boolean;
  private light: boolean;

  /**
   * story: keep every line and attempt (trace). light: skip what only trace shows (SMTP sessions for HELO/TLS,
   * Message-IDs) — summary and problems run faster without them.
   */
  constructor(opt: { story?: boolean; light?: boolean; onClose?: (m: TrackedMessage) => void } = {}) {
    this.story = Boolean(opt.story);
    this.light = Boolean(opt.light) && !this.story;
    this.onClose = opt.onClose ?? (() => {});
  }

  private get(qid: string, e: LogEvent): TrackedMessage {
    const m = this.at(qid, e.fmt, e.ts);
    if (this.story && m.lines!.length < MAX_STORY_LINES) m.lines!.push(own(e.line));
    return m;
  }

  /**
   * The open message with this queue id, opened if new, its last time moved on to ts. Public for the summary's
   * fast path (src/logs/fast.ts), which has no event object; the same effect as the start of {@link add}.
   */
  at(qid: string, fmt: LogFormatId, ts: number): TrackedMessage {
    let m = this.find(qid);
    if (!m) {
      m = this.create(own(qid), fmt, ts);
      this.open.set(m.qid, m);
      this.side?.linked(m);
      const n = this.openCount();
      if (n > this.peakOpen) this.peakOpen = n;
    }
    if (ts > m.lastTs || !(m.lastTs === m.lastTs)) m.lastTs = ts;
    return m;
  }

  /** A new message object (not yet open): every field present from the start, one object shape for all messages (faster property access). */
  create(qid: string, fmt: LogFormatId, ts: number): TrackedMessage {
    return {
      qid, fmt, firstTs: ts, lastTs: ts, received: false, origin: undefined, client: undefined, ip: undefined,
      helo: undefined, tls: undefined, saslUser: undefined, saslMethod: undefined, messageId: undefined, from: undefined,
      size: undefined, nrcpt: undefined, deferrals: 0, requeuedAs: undefined, requeuedFrom: undefined, chainStart: undefined, root: undefined, via: undefined,
      loopback: undefined, arrivalCounted: undefined, deferredBefore: undefined, filter: undefined, admin: undefined, notices: undefined, closed: 'open', attempts: this.story ? [] : undefined, rejects: undefined, lines: this.story ? [] : undefined, expired: undefined,
      counted: false, finals: 0, namedAgain: undefined,
    };
  }

  /** The open message with this queue id, if any (a row of {@link side} becomes an object here). */
  find(qid: string): TrackedMessage | undefined {
    let m = this.open.get(qid);
    if (m === undefined && this.side !== undefined && this.side.plain > 0) {
      m = this.side.take(qid);
      if (m !== undefined) this.open.set(m.qid, m);
    }
    return m;
  }

  /** Open messages, objects and rows. */
  openCount(): number {
    return this.open.size + (this.side ? this.side.plain : 0);
  }

  /** A `removed` line for a message already in hand (the summary's fast path): the same as {@link add} for it. */
  closeAt(m: TrackedMessage, ts: number): void {
    if (ts > m.lastTs) m.lastTs = ts;
    this.close(m);
  }

  /** Update state for one event; returns the message it concerned (if any). */
  add(e: LogEvent): TrackedMessage | undefined {
    const m = this.addEvent(e);
    // a loopback arrival named by any later line is an arrival the fast path counts too (see unconfirmedLoopbacks)
    if (m !== undefined && m.loopback === true && e.k !== 'received') m.namedAgain = true;
    return m;
  }

  private addEvent(e: LogEvent): TrackedMessage | undefined {
    switch (e.k) {
      case 'received': {
        const m = this.get(e.qid, e);
        m.received = true;
        m.origin = e.origin;
        if (e.client !== undefined) m.client = own(e.client);
        if (e.ip !== undefined) m.ip = own(e.ip);
        if (e.saslUser !== undefined) m.saslUser = own(e.saslUser);
        if (e.saslMethod !== undefined) m.saslMethod = e.saslMethod;
        if (e.from !== undefined) m.from = own(e.from);
        if (e.size !== undefined) m.size = e.size;
        if (e.nrcpt !== undefined) m.nrcpt = e.nrcpt;
        if (e.messageId !== undefined) m.messageId = own(e.messageId);
        if (e.ip !== undefined && isLoopback(e.ip, e.client)) m.loopback = true;
        if (e.origId !== undefined) { const parent = this.known(e.origId); if (parent && parent !== m) this.link(parent, m); }
        if (e.session && e.fmt === 'postfix' && !this.light) {
          const s = this.sessions.get(e.prog + e.session);
          if (s) { if (s.tls) m.tls = s.tls; if (s.helo) m.helo = s.helo; }
        }
        return m;
      }
      case 'queued': {
        const m = this.get(e.qid, e);
        m.from = own(e.from);
        m.size = e.size;
        m.nrcpt = e.nrcpt;
        return m;
      }
      case 'message-id': {
        const m = this.get(e.qid, e);
        this.messageId(m, e.messageId);
        return m;
      }
      case 'delivery': {
        const m = this.get(e.qid, e);
        if (e.status === 'deferred') m.deferrals++;
        else if (e.status === 'sent' || e.status === 'forwarded' || e.status === 'filtered') {
          // "queued as X" where X comes back into this log: a content filter's hop, not a delivery
          const x = queuedAs(e.text);
          const child = x !== undefined ? this.known(x) : undefined;
          if (child && child !== m) {
            if (e.status !== 'forwarded') e.status = 'filtered';
            m.requeuedAs = child.qid;
            if (child.requeuedFrom === undefined) this.link(m, child);
          }
        }
        if (this.story) m.attempts!.push(attempt(e));
        // Sendmail logs no "removed": a message is done when every recipient has a final status
        if (e.fmt === 'sendmail' && e.status !== 'deferred' && (m.finals += e.rcptCount ?? 1) >= (m.nrcpt || 1)) this.close(m);
        return m;
      }
      case 'expired': {
        const m = this.get(e.qid, e);
        m.expired = true;
        return m;
      }
      case 'notice': {
        const m = this.get(e.qid, e);
        (m.notices ??= []).push({ kind: own(e.kind), qid: own(e.newQid) });
        return m;
      }
      case 'reject': {
        if (!e.qid) return undefined;
        const m = this.get(e.qid, e);
        if (this.story) (m.rejects ??= []).push({ ...e, line: own(e.line), text: own(e.text) });
        // refused before the queue manager saw it: the reject line is the only one naming the envelope sender
        if (m.from === undefined && e.from !== undefined && this.story) m.from = own(e.from);
        // refused as a whole after DATA (a milter's or cleanup's header/body reject): it never enters the queue,
        // so no "removed" line will come; a RCPT-stage reject with a queue id refuses one recipient only
        if (e.action === 'reject' && WHOLE_MESSAGE_STAGES.has(e.stage) && m.closed === 'open') this.close(m);
        return m;
      }
      case 'removed': {
        const m = this.find(e.qid);
        if (!m) return undefined;
        if (e.ts > m.lastTs) m.lastTs = e.ts;
        if (this.story && m.lines!.length < MAX_STORY_LINES) m.lines!.push(own(e.line));
        this.close(m);
        return m;
      }
      case 'admin': {
        const m = e.action === 'delete' ? this.find(e.qid) : this.get(e.qid, e);
        if (!m) return undefined;
        if (e.action === 'delete') {
          if (e.ts > m.lastTs) m.lastTs = e.ts;
          if (this.story && m.lines!.length < MAX_STORY_LINES) m.lines!.push(own(e.line));
          m.admin = 'deleted';
          this.close(m);
        } else m.admin = e.action === 'hold' ? 'held' : e.action === 'release' ? 'released' : 'requeued';
        // a requeued message comes back under a new queue id (pickup "orig_id="), which closes this one
        return m;
      }
      case 'filter': {
        if (!e.qid) return undefined;
        const m = this.known(e.qid);
        if (!m) return undefined;
        if (this.story && m.lines!.length < MAX_STORY_LINES) m.lines!.push(own(e.line));
        const f: NonNullable<TrackedMessage['filter']> = { name: e.filter, verdict: e.verdict, category: own(e.category), discarded: e.discarded, quarantined: e.quarantined };
        if (e.detail !== undefined) f.detail = own(e.detail);
        m.filter = f;
        for (const c of e.children) {
          const child = this.known(c);
          if (child && child !== m && child.requeuedFrom === undefined) { m.requeuedAs ??= child.qid; this.link(m, child); }
        }
        return m;
      }
      case 'authcheck': {
        // opendmarc names the queue id; the SPF policy server (before the queue id exists) does not
        if (!e.qid) return undefined;
        const m = this.known(e.qid);
        if (m && this.story && m.lines!.length < MAX_STORY_LINES) m.lines!.push(own(e.line));
        return m;
      }
      case 'connect': {
        if (this.light) return undefined;
        if (this.sessions.size > 100000) this.sessions.clear(); // lost disconnects must not grow without bound
        this.sessions.set(e.prog + e.session, { client: own(e.client), ip: own(e.ip), ts: e.ts });
        return undefined;
      }
      case 'disconnect': {
        if (this.light) return undefined;
        this.sessions.delete(e.prog + e.session);
        return undefined;
      }
      case 'tls': {
        // "Anonymous TLS connection established from host[ip]: TLSv1.3 with cipher …" belongs to the session
        if (!this.light && e.ok && e.fmt === 'postfix' && e.line.includes(' from ')) {
          const pid = pidOf(e.line);
          const s = pid ? this.sessions.get(e.prog + pid) : undefined;
          if (s) { const c = e.text.indexOf(': '); s.tls = own(c > 0 ? e.text.slice(c + 2, c + 120) : e.text.slice(0, 120)); }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private close(m: TrackedMessage): void {
    this.open.delete(m.qid);
    this.side?.unlinked(m);
    m.closed = 'removed';
    // a possible re-injection, or a leg a later line may still name: kept a while
    if (m.loopback || !m.received || m.admin === 'requeued') {
      if (this.recent.size >= RECENT) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(m.qid, m);
      this.recentIds.setString(m.qid, true);
    }
    this.onClose(m);
  }

  /** Does the tracker remember any message that left the queue (see {@link recent} and the side's closed legs)? */
  remembersLegs(): boolean {
    return this.recent.size > 0 || (this.side !== undefined && this.side.hasClosedLegs());
  }

  /** The open message with this queue id, or one that left lately (see {@link recent}). */
  known(qid: string): TrackedMessage | undefined {
    return this.find(qid) ?? this.recent.get(qid) ?? this.side?.closedLeg(qid);
  }

  /** Is any leg of the message whose first leg is `root` still open? */
  hasOpenLeg(root: string): boolean {
    if (this.open.has(root)) return true;
    for (const m of this.open.values()) if (m.root === root) return true;
    return false;
  }

  /** Is a message with this queue id open (without making an object of a fast-path row)? */
  isOpen(qid: string): boolean {
    return this.open.has(qid) || (this.side !== undefined && this.side.has(qid));
  }

  /** A Message-ID seen for m: it may continue an open message with the same id (re-injection, forward, requeue). */
  messageId(m: TrackedMessage, id: string): void {
    if (m.messageId === id) return;
    m.messageId = own(id);
    // only a copy the server made itself continues another: one that came back from a loopback client (a content
    // filter), or one without any client (a local forward, a requeued file). A stranger reusing an id does not.
    if (m.requeuedFrom === undefined && (m.loopback || !m.received)) {
      const q = this.ids.getString(id);
      if (q !== undefined && q !== m.qid && this.isOpen(q)) this.link(this.find(q)!, m);
    }
    this.ids.setString(id, m.qid); // this leg now answers for the id
  }

  /** child continues parent: one message, two legs. */
  link(parent: TrackedMessage, child: TrackedMessage): void {
    child.requeuedFrom = parent.qid;
    child.chainStart = parent.chainStart ?? parent.firstTs;
    child.root = parent.root ?? parent.qid;
    child.via = parent.admin === 'requeued' ? 'requeue' : child.received ? 'filter' : 'forward';
    if (parent.deferrals > 0 || parent.deferredBefore) child.deferredBefore = true;
    parent.requeuedAs ??= child.qid;

    // a requeued file's old queue id is never "removed": its copy has arrived, so it is done
    if (parent.admin === 'requeued' && parent.closed === 'open') this.close(parent);
    this.onLink(child, parent);
  }

  /**
   * Open messages that arrived from a loopback client and of which no later line says anything: a content filter's
   * re-injection cut off by the end of the input (or of a --until window) before its Message-ID could link it to its
   * first leg. Only the tracker's own objects: the fast side's rows count such an arrival only once a later line
   * names it.
   */
  unconfirmedLoopbacks(): TrackedMessage[] {
    const out: TrackedMessage[] = [];
    // with the fast path on, its rows hold such arrivals back themselves and the objects here are other loopback
    // forms it counts at once; without it, the arrivals from 127.0.0.1 (the form the fast path holds back)
    if (this.side) return out;
    for (const m of this.open.values()) if (m.loopback && !m.namedAgain && m.requeuedFrom === undefined && m.ip === '127.0.0.1' && (m.client === 'localhost' || !m.client)) out.push(m);
    return out;
  }

  /** Messages still open at the end of the input (in the queue, or the log ends before they leave it). */
  remaining(): TrackedMessage[] {
    if (this.side) for (const m of this.side.materialise()) this.open.set(m.qid, m);
    return [...this.open.values()];
  }
}

function attempt(e: DeliveryEvent): DeliveryAttempt {
  const a: DeliveryAttempt = { ts: e.ts, to: own(e.to), relay: own(e.relay), delay: e.delay, dsn: e.dsn, status: e.status, text: own(e.text), line: own(e.line) };
  if (e.origTo !== undefined) a.origTo = own(e.origTo);
  if (e.delays) a.delays = e.delays;
  return a;
}

/** The pid in "prog[pid]: " of a syslog line. */
function pidOf(line: string): string | undefined {
  const c = line.indexOf(']: ');
  if (c < 0) return undefined;
  const o = line.lastIndexOf('[', c);
  return o < 0 ? undefined : line.slice(o + 1, c);
}
