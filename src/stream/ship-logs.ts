/**
 * `mailmedic ship logs`: follow log files like `logs follow` (rotation and truncation survived) and publish their
 * lines to `mailmedic.log.<host>` in batches — many lines per message, with the file's identity and the byte offset
 * after the batch's last line in headers, so the position is a checkpoint: a shipper started again continues the
 * same file where the stream's last message from it ended. Each batch waits for the server's acknowledgement
 * before the next is published (nothing is dropped when NATS is slow: the follower waits); its id (a hash of
 * host, file, offsets and content) makes a batch published twice (a retry after a lost ack) one message.
 */
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { headers, type JetStreamClient, type JetStreamManager } from 'nats';
import { followLines, type FollowPosition } from '../logs/follow.js';
import { backoffDelay, pause } from './backoff.js';
import { connectNats, ensureStream, STREAM, type NatsOptions } from './nats.js';

/** Header names of a log batch. */
export const LOG_HEADERS = {
  host: 'Mailmedic-Host',
  file: 'Mailmedic-File',
  fileId: 'Mailmedic-File-Id',
  start: 'Mailmedic-Start-Offset',
  end: 'Mailmedic-Offset',
  lines: 'Mailmedic-Lines',
} as const;

/** A host name as one NATS subject token: letters, digits, "-" and "_" only (dots become "_"), at most 100 characters. */
export function hostToken(name: string): string {
  const t = name.trim().toLowerCase().replace(/[^a-z0-9_-]/g, '_').slice(0, 100);
  return t && !/^_+$/.test(t) ? t : 'unknown';
}

/** Options of {@link shipLogs}. */
export interface ShipLogsOptions {
  nats: NatsOptions;
  files: string[];
  /** The host the lines come from (default: this machine's name), made a subject token. */
  host?: string;
  /** Read the files' existing content first (default: only what is appended, or where the stream's last batch ended). */
  fromStart?: boolean;
  /** A batch is published at this many lines (default 500) … */
  batchLines?: number;
  /** … or this many bytes (default 256 KiB) … */
  batchBytes?: number;
  /** … or when its first line has waited this long, in ms (default 1000). */
  flushMs?: number;
  pollMs?: number;
  /** Stops following: what is buffered is published, then the function returns. */
  signal?: AbortSignal;
  /** Called after each acknowledged batch. */
  onBatch?: (b: { file: string; lines: number; bytes: number; seq: number; duplicate: boolean; offset: number }) => void;
  /** Called before each wait while NATS does not acknowledge. */
  onRetry?: (r: { attempt: number; waitMs: number; error: string }) => void;
}

/** What a shipper did. */
export interface ShipLogsSummary { host: string; subject: string; lines: number; batches: number; duplicates: number; bytes: number }

/** Where the stream's last batch of `file` from this host ended (the checkpoint), if its last message is from that file. */
async function lastPosition(jsm: JetStreamManager, subject: string, file: string): Promise<{ fileId: string; offset: number } | undefined> {
  try {
    const m = await jsm.streams.getMessage(STREAM.name, { last_by_subj: subject });
    if (m.header.get(LOG_HEADERS.file) !== file) return undefined;
    return { fileId: m.header.get(LOG_HEADERS.fileId), offset: Number(m.header.get(LOG_HEADERS.end)) };
  } catch {
    return undefined;
  }
}

/** Follow the files and publish their lines until the signal aborts. */
export async function shipLogs(o: ShipLogsOptions): Promise<ShipLogsSummary> {
  const host = hostToken(o.host ?? hostname());
  const subject = STREAM.logPrefix + host;
  const nc = await connectNats({ name: `mailmedic-ship-logs-${host}`, ...o.nats });
  const sum: ShipLogsSummary = { host, subject, lines: 0, batches: 0, duplicates: 0, bytes: 0 };
  try {
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm);
    const js = nc.jetstream();
    const maxBytes = Math.min(o.batchBytes ?? 256 << 10, Math.max(1024, nc.info!.max_payload - 4096));
    await Promise.all(o.files.map(async (file) => {
      const resume = o.fromStart ? undefined : await lastPosition(jsm, subject, file);
      const shipper = new BatchShipper(js, subject, host, file, o, maxBytes, sum);
      await followLines({
        path: file, fromStart: Boolean(o.fromStart), ...(resume ? { resume } : {}), ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
        ...(o.signal ? { signal: o.signal } : {}),
        onLine: (line, at) => shipper.add(line, at),
        onTurn: () => shipper.maybeFlush(),
      });
      await shipper.flush();
    }));
    return sum;
  } finally {
    await nc.drain().catch(() => undefined);
  }
}

/** The lines of one file waiting to be published, and the publishing. */
class BatchShipper {
  private lines: string[] = [];
  private bytes = 0;
  private since = 0;
  private start: FollowPosition | undefined;
  private end: FollowPosition | undefined;
  constructor(private js: JetStreamClient, private subject: string, private host: string, private file: string, private o: ShipLogsOptions,
    private maxBytes: number, private sum: ShipLogsSummary) {}

  add(line: string, at: FollowPosition): void {
    const size = Buffer.byteLength(line) + 1;
    // A new file (rotation) starts a new batch, so one batch is always one stretch of one file.
    if (this.lines.length && (this.end!.fileId !== at.fileId || this.bytes + size > this.maxBytes)) this.pending.push(this.take());
    if (!this.lines.length) {
      this.since = Date.now();
      const prev = this.end;
      this.start = prev && prev.fileId === at.fileId && prev.offset < at.offset ? prev : { ...at, offset: Math.max(0, at.offset - size) };
    }
    this.lines.push(line.length > this.maxBytes - 1 ? line.slice(0, this.maxBytes - 1) : line);
    this.bytes += size;
    this.end = at;
    if (this.lines.length >= (this.o.batchLines ?? 500)) this.pending.push(this.take());
  }

  /** Batches cut while lines were being read (published at the next turn, in order). */
  private pending: { body: Buffer; lines: number; start: FollowPosition; end: FollowPosition }[] = [];

  private take() {
    const b = { body: Buffer.from(this.lines.join('\n') + '\n'), lines: this.lines.length, start: this.start!, end: this.end! };
    this.lines = []; this.bytes = 0;
    return b;
  }

  async maybeFlush(): Promise<void> {
    if (this.lines.length && (this.pending.length || Date.now() - this.since >= (this.o.flushMs ?? 1000))) this.pending.push(this.take());
    while (this.pending.length) { await this.publish(this.pending[0]!); this.pending.shift(); }
  }

  async flush(): Promise<void> {
    if (this.lines.length) this.pending.push(this.take());
    while (this.pending.length) { await this.publish(this.pending[0]!); this.pending.shift(); }
  }

  private async publish(b: { body: Buffer; lines: number; start: FollowPosition; end: FollowPosition }): Promise<void> {
    const h = headers();
    h.set(LOG_HEADERS.host, this.host);
    h.set(LOG_HEADERS.file, this.file);
    h.set(LOG_HEADERS.fileId, b.end.fileId);
    h.set(LOG_HEADERS.start, String(Math.max(0, b.start.offset)));
    h.set(LOG_HEADERS.end, String(b.end.offset));
    h.set(LOG_HEADERS.lines, String(b.lines));
    const id = createHash('sha256').update(`${this.host}\n${this.file}\n${b.end.fileId}\n${b.start.offset}\n${b.end.offset}\n`).update(b.body).digest('hex').slice(0, 40);
    // NATS away: the follower waits here (nothing read is dropped), trying again with growing, jittered waits.
    for (let attempt = 0; ; attempt++) {
      try {
        const ack = await this.js.publish(this.subject, b.body, { msgID: id, headers: h, timeout: this.o.nats.timeoutMs ?? 5000 });
        this.sum.lines += b.lines; this.sum.batches++; this.sum.bytes += b.body.byteLength;
        if (ack.duplicate) this.sum.duplicates++;
        this.o.onBatch?.({ file: this.file, lines: b.lines, bytes: b.body.byteLength, seq: ack.seq, duplicate: ack.duplicate, offset: b.end.offset });
        return;
      } catch (e) {
        // Given up (or stopped): what was not acknowledged is read again by the next shipper, from the stream's last offset.
        if (attempt >= 20 || this.o.signal?.aborted) throw e;
        const waitMs = backoffDelay(attempt);
        this.o.onRetry?.({ attempt, waitMs, error: String((e as Error)?.message ?? e).slice(0, 200) });
        await pause(waitMs, this.o.signal);
      }
    }
  }
}
