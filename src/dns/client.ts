import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect, isIP } from 'node:net';
import { randomInt } from 'node:crypto';
import * as packet from 'dns-packet';
import type { Answer, DecodedPacket } from 'dns-packet';
import { recordsOf, statusFor, toDnsRecord } from './decode.js';
import { formatRecord, normalizeDnsName, reverseName } from './names.js';
import type {
  DnsAnswer, DnsClient, DnsQuery, DnsRecordType, DnsResult, DnsStatus, DnsTraceEntry, MxData, SoaData, SrvData, TxtData,
} from './types.js';

/** A DNS server to ask: an IP address (never a host name, so choosing it needs no lookup) and a port. */
export interface DnsServer { host: string; port: number }

/** Options of `createDnsClient`: the one server to ask, timeouts, retries, transport, limits, trace. */
export interface DnsClientOptions {
  /** "ip", "ip:port", "[v6]:port" or a bare IPv6 address. Default: first nameserver of /etc/resolv.conf. */
  server?: string;
  /** Per-attempt timeout in ms (default 2000). */
  timeoutMs?: number;
  /** Extra attempts after a timeout (default 1). */
  retries?: number;
  /** Ask again over TCP when the UDP answer is truncated (default true). */
  tcpFallback?: boolean;
  /** EDNS0 UDP payload size to advertise; false = no EDNS (default 1232). */
  edns?: number | false;
  /** At most this many queries on the wire at once (default 64). */
  maxInFlight?: number;
  /** Called for every wire query when it completes (for --trace). */
  onTrace?: (entry: DnsTraceEntry) => void;
  /** Clock in ms (injectable for tests). */
  now?: () => number;
  /** Path of resolv.conf for the default server (default /etc/resolv.conf). */
  resolvConf?: string;
  /** When it aborts, queries on the wire end at once and no new ones are sent (status error, "cancelled"). */
  signal?: AbortSignal;
  /** Answers kept for reuse at most (oldest dropped first; default: all, for the client's life). */
  cacheSize?: number;
  /** Keep every wire query in `trace` (default true); a long-lived client (a fleet run) turns it off. */
  keepTrace?: boolean;
}

/** Parse "ip[:port]" / "[v6]:port" / "v6"; throws RangeError on anything else (never a host name: no lookups). */
export function parseDnsServer(spec: string, defaultPort = 53): DnsServer {
  const s = spec.trim();
  const bracket = /^\[([0-9a-fA-F:.]+)\](?::(\d{1,5}))?$/.exec(s);
  let host: string; let port = defaultPort;
  if (bracket) { host = bracket[1]!; if (bracket[2]) port = Number(bracket[2]); }
  else if (isIP(s) === 6) host = s;
  else {
    const m = /^([0-9.]+)(?::(\d{1,5}))?$/.exec(s);
    if (!m) throw new RangeError(`resolver "${spec}" is not an IP address with an optional :port`);
    host = m[1]!; if (m[2]) port = Number(m[2]);
  }
  if (!isIP(host)) throw new RangeError(`resolver "${spec}" is not an IP address`);
  if (!(port >= 1 && port <= 65535)) throw new RangeError(`resolver port in "${spec}" is out of range`);
  return { host, port };
}

/** The first `nameserver` of resolv.conf (127.0.0.1:53 when there is none). */
export function systemDnsServer(path = '/etc/resolv.conf'): DnsServer {
  try {
    for (const line of readFileSync(path, 'utf8').split('\n')) {
      const m = /^\s*nameserver\s+(\S+)/.exec(line);
      if (m && isIP(m[1]!.replace(/%.*$/, ''))) return { host: m[1]!.replace(/%.*$/, ''), port: 53 };
    }
  } catch { /* no resolv.conf: fall through */ }
  return { host: '127.0.0.1', port: 53 };
}

/** A server as "ip:port", IPv6 in brackets ("[::1]:53"), for evidence and traces. */
export const formatServer = (s: DnsServer) => (isIP(s.host) === 6 ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`);

interface WireResult { packet?: DecodedPacket; error?: string; timedOut?: boolean }

/** Does the response answer our question (id, and the same name/type)? Spoofed or stray packets are ignored. */
function matches(res: DecodedPacket, id: number, name: string, type: string): boolean {
  if (res.id !== id || res.type !== 'response') return false;
  const q = res.questions?.[0];
  if (!q) return true; // some servers (FORMERR, REFUSED) drop the question section
  return q.name.toLowerCase().replace(/\.$/, '') === name && q.type === type;
}

const CANCELLED = 'cancelled: the request that asked has ended';

/** Ends an exchange when `signal` aborts; returns the function that forgets the listener. */
function onAbort(signal: AbortSignal | undefined, finish: (r: WireResult) => void): () => void {
  if (!signal) return () => undefined;
  const f = () => finish({ error: CANCELLED });
  signal.addEventListener('abort', f, { once: true });
  return () => signal.removeEventListener('abort', f);
}

/**
 * A few UDP sockets per DNS server, reused across queries (a socket per query cost a fifth of the CPU of a
 * 1,000-domain run: create, bind, close). Answers are matched to their query by id and question (and must come from
 * the server's address); each socket is bound to its own random port and closed after a second without queries, and
 * none keeps the process alive.
 */
interface PooledSocket { sock: Socket; pending: Map<number, (buf: Buffer) => void>; idle?: NodeJS.Timeout; dead?: boolean }
const UDP_POOL_SIZE = 4;
const UDP_IDLE_MS = 1000;
const udpPools = new Map<string, (PooledSocket | undefined)[]>();
let udpNext = 0;

function pooledSocket(server: DnsServer, id: number): PooledSocket | undefined {
  const family = isIP(server.host) === 6 ? 'udp6' : 'udp4';
  const key = `${family}|${server.host}|${server.port}`;
  let pool = udpPools.get(key);
  if (!pool) { pool = new Array(UDP_POOL_SIZE).fill(undefined); udpPools.set(key, pool); }
  for (let i = 0; i < UDP_POOL_SIZE; i++) {
    const idx = (udpNext + i) % UDP_POOL_SIZE;
    let e = pool[idx];
    if (!e || e.dead) {
      const sock = createSocket(family);
      const entry: PooledSocket = { sock, pending: new Map() };
      sock.unref();
      sock.on('message', (buf, rinfo) => {
        if (buf.length < 2 || rinfo.port !== server.port || (rinfo.address !== server.host && rinfo.address !== `::ffff:${server.host}`)) return;
        entry.pending.get(buf.readUInt16BE(0))?.(buf);
      });
      sock.on('error', () => {
        // The socket is broken: its queries fail over to a fresh one on retry.
        entry.dead = true;
        try { sock.close(); } catch { /* already closed */ }
        for (const h of entry.pending.values()) h(Buffer.alloc(0));
      });
      pool[idx] = e = entry;
    }
    if (!e.pending.has(id)) { udpNext = idx + 1; return e; }
  }
  return undefined;
}

function releaseSocket(e: PooledSocket, id: number, server: DnsServer): void {
  e.pending.delete(id);
  if (e.pending.size || e.dead) return;
  clearTimeout(e.idle);
  e.idle = setTimeout(() => {
    if (e.pending.size) return;
    e.dead = true;
    try { e.sock.close(); } catch { /* already closed */ }
    const pool = udpPools.get(`${isIP(server.host) === 6 ? 'udp6' : 'udp4'}|${server.host}|${server.port}`);
    if (pool) { const i = pool.indexOf(e); if (i >= 0) pool[i] = undefined; }
  }, UDP_IDLE_MS);
  e.idle.unref();
}

function udpExchange(server: DnsServer, msg: Buffer, id: number, name: string, type: string, timeoutMs: number, signal?: AbortSignal): Promise<WireResult> {
  return new Promise((resolve) => {
    const e = pooledSocket(server, id);
    if (!e) { resolve({ error: 'no free query id on the UDP sockets' }); return; }
    clearTimeout(e.idle);
    let done = false;
    const finish = (r: WireResult) => {
      if (done) return; done = true; clearTimeout(timer); forget();
      releaseSocket(e, id, server);
      resolve(r);
    };
    const forget = onAbort(signal, finish);
    const timer = setTimeout(() => finish({ timedOut: true, error: `no answer within ${timeoutMs} ms` }), timeoutMs);
    e.pending.set(id, (buf) => {
      if (!buf.length) return finish({ error: 'the UDP socket failed' });
      let res: DecodedPacket;
      try { res = packet.decode(buf); } catch { return; /* garbage: keep waiting for the real answer */ }
      if (matches(res, id, name, type)) finish({ packet: res });
    });
    e.sock.send(msg, server.port, server.host, (err) => { if (err) finish({ error: err.message }); });
  });
}

function tcpExchange(server: DnsServer, msg: Buffer, id: number, name: string, type: string, timeoutMs: number, signal?: AbortSignal): Promise<WireResult> {
  return new Promise((resolve) => {
    let done = false;
    let buf = Buffer.alloc(0);
    const sock = connect({ host: server.host, port: server.port });
    const finish = (r: WireResult) => {
      if (done) return; done = true; clearTimeout(timer); forget(); sock.destroy(); resolve(r);
    };
    const forget = onAbort(signal, finish);
    const timer = setTimeout(() => finish({ timedOut: true, error: `no TCP answer within ${timeoutMs} ms` }), timeoutMs);
    sock.on('error', (e) => finish({ error: `TCP: ${e.message}` }));
    sock.on('connect', () => {
      const len = Buffer.alloc(2); len.writeUInt16BE(msg.length);
      sock.write(Buffer.concat([len, msg]));
    });
    sock.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length > 70000) return finish({ error: 'TCP answer is too long' });
      while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
        const n = buf.readUInt16BE(0);
        const body = buf.subarray(2, 2 + n);
        buf = buf.subarray(2 + n);
        try {
          const res = packet.decode(body);
          if (matches(res, id, name, type)) return finish({ packet: res });
        } catch { return finish({ error: 'malformed TCP answer' }); }
      }
    });
    sock.on('end', () => finish({ error: 'TCP connection closed before the answer' }));
  });
}

/** A tiny counting semaphore: bounds the queries on the wire at once. */
function limiter(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active >= max) await new Promise<void>((r) => waiting.push(r));
    active++;
    try { return await fn(); } finally { active--; waiting.shift()?.(); }
  };
}

/**
 * Add the convenience helpers (a, mx, txt, reverse, …) and trace/stats to any `query` function.
 * Used by `createDnsClient` and `createStaticDnsClient`; wrap your own resolver with it too.
 */
export function withHelpers(
  base: DnsQuery,
  trace: DnsTraceEntry[] = [],
  stats: () => { queries: number; cacheHits: number } = () => ({ queries: trace.length, cacheHits: 0 }),
): DnsClient {
  const values = async <T>(name: string, type: DnsRecordType, map: (d: unknown) => T): Promise<DnsResult<T>> => {
    const a = await base.query(name, type);
    return { ...a, values: recordsOf(a, type).map((r) => map(r.data)) };
  };
  const str = (d: unknown) => String(d);
  return {
    query: (n, t, o) => base.query(n, t, o),
    a: (n) => values(n, 'A', str),
    aaaa: (n) => values(n, 'AAAA', str),
    mx: (n) => values(n, 'MX', (d) => d as MxData),
    txt: (n) => values(n, 'TXT', (d) => (d as TxtData).text),
    ptr: (n) => values(n, 'PTR', str),
    reverse: async (ip) => {
      const rn = reverseName(ip);
      if (!rn) return { ...invalidAnswer(ip, 'PTR', `"${ip}" is not an IP address`), values: [] };
      return values(rn, 'PTR', str);
    },
    srv: (n) => values(n, 'SRV', (d) => d as SrvData),
    cname: (n) => values(n, 'CNAME', str),
    ns: (n) => values(n, 'NS', str),
    soa: (n) => values(n, 'SOA', (d) => d as SoaData),
    trace,
    stats,
  };
}

/** The answer for a name that cannot be asked (invalid): status 'error', nothing sent. */
export function invalidAnswer(name: string, type: DnsRecordType, error: string, server = ''): DnsAnswer {
  return { name, type, status: 'error', rcode: '', answers: [], authority: [], ad: false, truncated: false, viaTcp: false, timeMs: 0, server, error, attempts: 0 };
}

/**
 * A DNS client that speaks raw DNS (RFC 1035) to ONE server: UDP with EDNS0, TCP when truncated, per-attempt
 * timeout with retries, every (name, type) asked at most once per client (concurrent asks share the lookup),
 * and a trace of every query. It never contacts any other address than `options.server`.
 */
export function createDnsClient(options: DnsClientOptions = {}): DnsClient & { server: string } {
  const server = options.server ? parseDnsServer(options.server) : systemDnsServer(options.resolvConf);
  const serverText = formatServer(server);
  const timeoutMs = options.timeoutMs ?? 2000;
  const retries = options.retries ?? 1;
  const edns = options.edns ?? 1232;
  const now = options.now ?? (() => performance.now());
  const t0 = now();
  const run = limiter(options.maxInFlight ?? 64);
  const cache = new Map<string, Promise<DnsAnswer>>();
  const trace: DnsTraceEntry[] = [];
  const keepTrace = options.keepTrace ?? true;
  const cacheSize = options.cacheSize ?? Infinity;
  let wireQueries = 0;
  let cacheHits = 0;
  const signal = options.signal;

  async function lookup(name: string, type: DnsRecordType, dnssec: boolean, cd: boolean): Promise<DnsAnswer> {
    if (signal?.aborted) return { ...invalidAnswer(name, type, CANCELLED, serverText), attempts: 1 };
    const start = now();
    const entry = (a: DnsAnswer, transport: 'udp' | 'tcp') => {
      const e: DnsTraceEntry = {
        name, type, server: serverText, status: a.status, rcode: a.rcode, transport, attempts: a.attempts,
        timeMs: a.timeMs, startMs: Math.round((start - t0) * 10) / 10, answers: a.answers.map(formatRecord),
        ...(a.error ? { error: a.error } : {}),
      };
      wireQueries++;
      if (keepTrace) trace.push(e);
      options.onTrace?.(e);
    };
    const fromPacket = (res: DecodedPacket, attempts: number, viaTcp: boolean, truncated: boolean): DnsAnswer => {
      const answers = (res.answers ?? []).map((x: Answer) => toDnsRecord(x));
      const authority = (res.authorities ?? []).map((x: Answer) => toDnsRecord(x));
      const rcode = (res as { rcode?: string }).rcode ?? 'NOERROR';
      // A final answer that still has TC set (over TCP, or over UDP with the TCP retry off) is a part of the
      // answer: what is missing is unknown, so it is no "no records" and no verdict. Could not check.
      const cut = Boolean(res.flag_tc);
      const status: DnsStatus = cut ? 'error' : statusFor(rcode, name, type, answers);
      return {
        name, type, status, rcode, answers, authority, ad: Boolean(res.flag_ad), truncated: truncated || cut, viaTcp,
        timeMs: Math.round((now() - start) * 10) / 10, server: serverText, attempts,
        ...(cut ? { error: viaTcp ? 'the answer was truncated (TC) even over TCP' : 'the answer was truncated (TC) and not asked again over TCP' }
          : status === 'error' ? { error: `server answered ${rcode}` } : {}),
      };
    };
    const failed = (status: DnsStatus, error: string, attempts: number, viaTcp = false): DnsAnswer => ({
      ...invalidAnswer(name, type, error, serverText), status, attempts, viaTcp, timeMs: Math.round((now() - start) * 10) / 10,
    });

    let attempts = 0;
    let last: WireResult = {};
    let useEdns = edns;
    for (let i = 0; i <= retries; i++) {
      attempts++;
      const id = randomInt(0, 65536);
      const msg = packet.encode({
        type: 'query', id, flags: packet.RECURSION_DESIRED | packet.AUTHENTIC_DATA | (cd ? packet.CHECKING_DISABLED : 0),
        questions: [{ type: type as 'A', name, class: 'IN' }],
        ...(useEdns ? { additionals: [{ type: 'OPT', name: '.', udpPayloadSize: useEdns, flags: dnssec ? packet.DNSSEC_OK : 0 } as Answer] } : {}),
      });
      last = await udpExchange(server, msg, id, name, type, timeoutMs, signal);
      if (last.packet && useEdns && (last.packet as { rcode?: string }).rcode === 'FORMERR') {
        // An old server that does not speak EDNS0 (RFC 6891 §7): ask again without it, once.
        useEdns = false; i--; continue;
      }
      if (last.packet) {
        if (last.packet.flag_tc && options.tcpFallback !== false) {
          const tcp = await tcpExchange(server, msg, id, name, type, timeoutMs, signal);
          if (tcp.packet) { const a = fromPacket(tcp.packet, attempts, true, true); entry(a, 'tcp'); return a; }
          const a = failed(tcp.timedOut ? 'timeout' : 'error', `answer truncated over UDP, and TCP failed: ${tcp.error}`, attempts, true);
          a.truncated = true; entry(a, 'tcp'); return a;
        }
        const a = fromPacket(last.packet, attempts, false, Boolean(last.packet.flag_tc));
        entry(a, 'udp');
        return a;
      }
      if (!last.timedOut) break; // socket errors (e.g. ECONNREFUSED) do not improve with a retry
    }
    const a = failed(last.timedOut ? 'timeout' : 'error', last.error ?? 'no answer', attempts);
    entry(a, 'udp');
    return a;
  }

  const base: DnsQuery = {
    query(rawName, type, o) {
      const n = normalizeDnsName(rawName);
      if (!n.ok) return Promise.resolve(invalidAnswer(n.name, type, n.error, serverText));
      const dnssec = Boolean(o?.dnssec);
      const cd = Boolean(o?.checkingDisabled);
      const key = `${n.name}|${type}${dnssec ? '|do' : ''}${cd ? '|cd' : ''}`;
      const hit = cache.get(key);
      if (hit) { cacheHits++; return hit; }
      const p = run(() => lookup(n.name, type, dnssec, cd));
      cache.set(key, p);
      // Map keeps insertion order: the first key is the oldest answer.
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      return p;
    },
  };
  return Object.assign(withHelpers(base, trace, () => ({ queries: wireQueries, cacheHits })), { server: serverText });
}
