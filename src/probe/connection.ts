/**
 * A line-oriented client connection with a timeout on every phase, written on node:net / node:tls so that the
 * probe sees what mail libraries hide: each line with its direction and time, the exact reply codes, the TLS
 * details. The outside world (socket creation, name lookup, clock) is injected.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';
import { Transcript } from './transcript.js';

/** Why a network step failed, told apart because each has a different likely cause. */
export type FailureKind =
  | 'refused' // nothing listens on the port (or a firewall actively rejects)
  | 'timeout' // no answer in time: a firewall dropping packets, an ISP blocking the port, a stalled server
  | 'unreachable' // no route to the host / network
  | 'dns' // the host name does not resolve
  | 'closed' // the server closed the connection
  | 'reset' // the connection was reset
  | 'garbage' // the server sent something that is not the protocol
  | 'too-long' // a line or a multi-line reply that does not end
  | 'tls' // the TLS handshake failed
  | 'other';

export type Phase = 'dns' | 'connect' | 'banner' | 'command' | 'tls';

/**
 * A failed network step, with what kind of failure it was and in which phase, since each points at a different cause
 * (a refusal is a closed port, a timeout often a firewall).
 */
export class ProbeError extends Error {
  override name = 'ProbeError';
  constructor(readonly kind: FailureKind, readonly phase: Phase, message: string, readonly code?: string) {
    super(message);
  }
}

/** Timeouts in milliseconds for each phase. */
export interface Timeouts {
  connect: number;
  banner: number;
  command: number;
  tls: number;
}

/** Per-phase timeouts in ms: 10 s to connect, 30 s for the banner and each command, 15 s for the TLS handshake. */
export const DEFAULT_TIMEOUTS: Timeouts = { connect: 10_000, banner: 30_000, command: 30_000, tls: 15_000 };

/** Options passed to the injectable connect function (a subset of net.connect's). */
export interface ConnectOptions {
  host: string;
  port: number;
  localAddress?: string;
}

/** Opens a plain TCP connection; inject another to test faults. Default: net.connect. */
export type ConnectFn = (opts: ConnectOptions) => net.Socket;
/** Starts TLS (implicit or over an existing socket). Default: tls.connect. */
export type TlsConnectFn = (opts: tls.ConnectionOptions) => tls.TLSSocket;
/** Resolves a host name to addresses (inject a resolver that asks the test DNS, or none for the OS). */
export type LookupFn = (host: string) => Promise<string[]>;

/**
 * The outside world a probe uses, injectable: socket and TLS creation, name lookup, the clocks, and a signal that
 * ends the probe.
 */
export interface NetDeps {
  connect?: ConnectFn;
  tlsConnect?: TlsConnectFn;
  lookup?: LookupFn;
  /** Monotonic milliseconds (default performance.now). */
  now?: () => number;
  /** Wall clock, for certificate validity (default new Date()). */
  date?: () => Date;
  /** When it aborts, the connection is closed at once and no new one is opened (a web request that ended). */
  signal?: AbortSignal;
}

/** Limits that keep a hostile server from making us hang or eat memory. */
export const LINE_LIMIT = 8192;
export const REPLY_LINES_LIMIT = 500;

const NET_CODES: Record<string, FailureKind> = {
  ECONNREFUSED: 'refused',
  ETIMEDOUT: 'timeout',
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  EHOSTDOWN: 'unreachable',
  EADDRNOTAVAIL: 'unreachable',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_NONAME: 'dns',
  EAI_FAIL: 'dns',
  ENODATA: 'dns',
  ESERVFAIL: 'dns',
  EREFUSED: 'dns',
  ECONNRESET: 'reset',
  EPIPE: 'closed',
};

/**
 * Turns a socket or TLS error into a ProbeError by its code (ECONNREFUSED → refused, ETIMEDOUT → timeout, ERR_SSL_* →
 * tls, …); a ProbeError passes unchanged.
 */
export function classifyNetError(e: unknown, phase: Phase): ProbeError {
  if (e instanceof ProbeError) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err?.code ?? '';
  const kind = NET_CODES[code] ?? (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') ? 'tls' : 'other');
  return new ProbeError(kind, phase, err?.message ?? String(e), code || undefined);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Lines are buffered byte for byte (latin1) so that limits count bytes; a complete line is shown as UTF-8 when it
 * is valid UTF-8 (servers with SMTPUTF8 and Polish replies send it), else as the bytes it was.
 */
function utf8OrLatin1(raw: string): string {
  if (!/[\x80-\xff]/.test(raw)) return raw;
  try {
    return strictUtf8.decode(Buffer.from(raw, 'latin1'));
  } catch {
    return raw;
  }
}

/** A timeout that rejects with a ProbeError; `clear` must be called when the awaited thing settles. */
function deadline(ms: number, kind: FailureKind, phase: Phase, what: string): { promise: Promise<never>; clear: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ProbeError(kind, phase, `${what}: no answer within ${ms} ms`)), ms);
  });
  promise.catch(() => undefined);
  return { promise, clear: () => clearTimeout(timer) };
}

/**
 * A connection that reads CRLF lines, with a transcript. One reader at a time (protocols are request/reply).
 */
export class LineConnection {
  private buf = '';
  private waiter: (() => void) | undefined;
  private ended: ProbeError | undefined;
  socket: Duplex;
  /** Bytes that arrived after a STARTTLS reply and before the handshake (a sign of command injection). */
  leftoverBeforeTls = '';

  constructor(socket: Duplex, readonly transcript: Transcript, readonly timeouts: Timeouts) {
    this.socket = socket;
    this.attach(socket);
  }

  private onData = (chunk: Buffer | string): void => {
    this.buf += typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    this.wake();
  };
  private onEnd = (): void => {
    this.ended ??= new ProbeError('closed', 'command', 'the server closed the connection');
    this.wake();
  };
  private onError = (e: Error): void => {
    this.ended ??= classifyNetError(e, 'command');
    this.wake();
  };

  private attach(s: Duplex): void {
    s.on('data', this.onData);
    s.on('end', this.onEnd);
    s.on('close', this.onEnd);
    s.on('error', this.onError);
  }

  private detach(s: Duplex): void {
    s.off('data', this.onData);
    s.off('end', this.onEnd);
    s.off('close', this.onEnd);
    s.off('error', this.onError);
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  /** Read one line (without CRLF). Rejects on timeout, close, or a line over LINE_LIMIT. */
  async readLine(timeoutMs: number, phase: Phase = 'command'): Promise<string> {
    const t = deadline(timeoutMs, 'timeout', phase, 'waiting for the server');
    try {
      for (;;) {
        const nl = this.buf.indexOf('\n');
        if (nl >= 0) {
          const raw = this.buf.slice(0, nl).replace(/\r$/, '');
          this.buf = this.buf.slice(nl + 1);
          if (raw.length > LINE_LIMIT) throw new ProbeError('too-long', phase, `a line of ${raw.length} characters (limit ${LINE_LIMIT})`);
          const line = utf8OrLatin1(raw);
          this.transcript.add('S', line);
          return line;
        }
        if (this.buf.length > LINE_LIMIT) {
          this.transcript.add('S', this.buf.slice(0, 200));
          throw new ProbeError('too-long', phase, `over ${LINE_LIMIT} characters without a line end`);
        }
        if (this.ended) {
          if (this.buf) this.transcript.add('S', this.buf);
          const e = this.ended;
          throw new ProbeError(e.kind, phase, e.message, e.code);
        }
        await Promise.race([new Promise<void>((r) => (this.waiter = r)), t.promise]);
      }
    } finally {
      t.clear();
    }
  }

  /** Write one line (CRLF added). `shown` is what the transcript records instead (for secrets). */
  write(line: string, shown?: string): void {
    this.transcript.add('C', shown ?? line);
    if (!this.socket.destroyed) this.socket.write(line + '\r\n');
  }

  /** Bytes already received but not yet read as lines. */
  pending(): string {
    return this.buf;
  }

  /**
   * Upgrade to TLS over the current socket (STARTTLS). Resolves with the TLS socket once the handshake is done.
   */
  async startTls(opts: TlsOptions, deps: NetDeps): Promise<tls.TLSSocket> {
    this.leftoverBeforeTls = this.buf;
    this.buf = '';
    const plain = this.socket;
    this.detach(plain);
    // The TLS socket reports errors from now on; a late error on the raw socket must not crash the process.
    plain.on('error', () => undefined);
    const s = (deps.tlsConnect ?? tls.connect)({ ...tlsConnectOptions(opts), socket: plain });
    await handshake(s, this.timeouts.tls);
    this.socket = s;
    this.ended = undefined;
    this.attach(s);
    return s;
  }

  close(): void {
    this.detach(this.socket);
    this.socket.on('error', () => undefined);
    this.socket.destroy();
  }
}

export interface TlsOptions {
  /** The name the user asked for (SNI and the name check). Not sent as SNI when it is an IP address. */
  servername: string;
  /** Extra trusted CA certificates (PEM), e.g. a company CA or the test CA. */
  ca?: string | string[];
}

/** Secure contexts with extra CAs, built once per CA set (parsing the system roots costs ~90 ms). */
const contexts = new Map<string, tls.SecureContext>();
function contextWithCa(ca: string | string[]): tls.SecureContext {
  const list = Array.isArray(ca) ? ca : [ca];
  const key = list.join('\n');
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca: [...tls.rootCertificates, ...list] });
    if (contexts.size > 16) contexts.clear();
    contexts.set(key, ctx);
  }
  return ctx;
}

function tlsConnectOptions(o: TlsOptions): tls.ConnectionOptions {
  return {
    // We verify ourselves and report each problem; refusing here would hide all details.
    rejectUnauthorized: false,
    ...(net.isIP(o.servername) ? {} : { servername: o.servername }),
    ...(o.ca ? { secureContext: contextWithCa(o.ca) } : {}),
  };
}

function handshake(s: tls.TLSSocket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      s.destroy();
      reject(new ProbeError('timeout', 'tls', `TLS handshake: no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onOk = () => { cleanup(); resolve(); };
    const onErr = (e: Error) => { cleanup(); s.destroy(); reject(new ProbeError('tls', 'tls', e.message, (e as NodeJS.ErrnoException).code)); };
    const onClose = () => { cleanup(); reject(new ProbeError('tls', 'tls', 'the server closed the connection during the TLS handshake')); };
    const cleanup = () => { clearTimeout(timer); s.off('secureConnect', onOk); s.off('error', onErr); s.off('close', onClose); };
    s.once('secureConnect', onOk);
    s.once('error', onErr);
    s.once('close', onClose);
  });
}

export interface OpenOptions {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (465, 993, 995). */
  implicitTls: boolean;
  tls: TlsOptions;
  localAddress?: string;
  timeouts: Timeouts;
}

export interface Opened {
  conn: LineConnection;
  /** The address actually connected to. */
  address: string;
  connectMs: number;
  tlsSocket?: tls.TLSSocket;
}

/** Resolve (if needed) and connect, with the connect timeout; implicit TLS does the handshake too. */
export async function openConnection(o: OpenOptions, transcript: Transcript, deps: NetDeps): Promise<Opened> {
  const cancelled = () => new ProbeError('other', 'connect', 'cancelled: the request that asked for this test has ended');
  if (deps.signal?.aborted) throw cancelled();
  let address = o.host;
  if (!net.isIP(o.host) && deps.lookup) {
    let addrs: string[];
    try {
      addrs = await deps.lookup(o.host);
    } catch (e) {
      throw classifyNetError(e, 'dns');
    }
    if (!addrs.length) throw new ProbeError('dns', 'dns', `${o.host} has no address`, 'ENODATA');
    address = addrs[0]!;
    transcript.add('*', `${o.host} → ${address}`);
  }
  const now = deps.now ?? (() => performance.now());
  const t0 = now();
  transcript.add('*', `connecting to ${address}:${o.port}${o.implicitTls ? ' (TLS)' : ''}`);
  if (deps.signal?.aborted) throw cancelled();
  const plain = (deps.connect ?? ((c: ConnectOptions) => net.connect(c)))({ host: address, port: o.port, ...(o.localAddress ? { localAddress: o.localAddress } : {}) });
  if (deps.signal) {
    const signal = deps.signal;
    const stop = () => plain.destroy(cancelled());
    signal.addEventListener('abort', stop, { once: true });
    plain.once('close', () => signal.removeEventListener('abort', stop));
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => { cleanup(); plain.destroy(); reject(new ProbeError('timeout', 'connect', `no answer to the connection attempt within ${o.timeouts.connect} ms`, 'ETIMEDOUT')); }, o.timeouts.connect);
    const onOk = () => { cleanup(); resolve(); };
    const onErr = (e: Error) => { cleanup(); plain.destroy(); reject(classifyNetError(e, e && (e as NodeJS.ErrnoException).code?.startsWith('E') && (e as NodeJS.ErrnoException).syscall === 'getaddrinfo' ? 'dns' : 'connect')); };
    const cleanup = () => { clearTimeout(timer); plain.off('connect', onOk); plain.off('error', onErr); };
    plain.once('connect', onOk);
    plain.once('error', onErr);
  });
  const connectMs = Math.round(now() - t0);
  transcript.add('*', `connected in ${connectMs} ms`);
  if (!o.implicitTls) return { conn: new LineConnection(plain, transcript, o.timeouts), address, connectMs };
  plain.on('error', () => undefined);
  const s = (deps.tlsConnect ?? tls.connect)({ ...tlsConnectOptions(o.tls), socket: plain });
  try {
    await handshake(s, o.timeouts.tls);
  } catch (e) {
    plain.destroy();
    throw e;
  }
  return { conn: new LineConnection(s, transcript, o.timeouts), address, connectMs, tlsSocket: s };
}
