/**
 * What keeps `mailmedic serve` safe when exposed: body size limits, the probe target policy (no private,
 * loopback or link-local targets and only mail ports unless --allow-private), and a per-client rate limit.
 */
import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** Ports a public instance may probe: SMTP, submission, SMTPS, POP3(S), IMAP(S), and 2525 (common alternative). */
export const MAIL_PORTS: readonly number[] = [25, 465, 587, 2525, 110, 995, 143, 993];

export class HttpError extends Error {
  /** `field`: the request field that was wrong, so the page can say which one in the reader's language. */
  constructor(readonly status: number, message: string, readonly code = 'error', readonly field?: string) {
    super(message);
  }
}

/** Read a request body up to `limit` bytes; a bigger body is refused with 413 without reading it all. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) throw new HttpError(413, `request body over ${limit} bytes`, 'too-large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new HttpError(413, `request body over ${limit} bytes`, 'too-large');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'send application/json', 'unsupported-media-type');
  const buf = await readBody(req, limit);
  let v: unknown;
  try {
    v = JSON.parse(buf.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not valid JSON', 'bad-json');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'the body must be a JSON object', 'bad-json');
  return v as Record<string, unknown>;
}

function v4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, p) => (acc << 8) + Number(p), 0) >>> 0;
}

const V4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
];

/** Loopback, private, link-local, CGNAT, documentation, multicast, reserved — anything not on the public internet. */
export function isNonPublicAddress(ip: string): boolean {
  const fam = isIP(ip);
  if (fam === 4) {
    const n = v4ToInt(ip);
    return V4_BLOCKED.some(([base, bits]) => ((n ^ v4ToInt(base)) >>> (32 - bits)) === 0);
  }
  if (fam === 6) {
    const l = ip.toLowerCase();
    const mapped = /^(?:0{0,4}:){0,5}:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(l) ?? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(l);
    if (mapped) return isNonPublicAddress(mapped[1]!);
    if (l === '::' || l === '::1') return true;
    const first = parseInt(l.split(':')[0] || '0', 16);
    if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
    if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
    if ((first & 0xff00) === 0xff00) return true; // multicast
    if (l.startsWith('2001:db8')) return true; // documentation
    return false;
  }
  return true; // not an IP at all: never treat as public
}

export function isLoopbackBind(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

export interface TargetPolicy {
  /** Refuse non-public targets and non-mail ports. */
  restrict: boolean;
  /** Resolve a host name to addresses (through the configured DNS server). */
  lookup: (host: string) => Promise<string[]>;
}

/** Throws HttpError 403 when the target is refused by the policy. */
export async function checkProbeTarget(host: string, port: number, policy: TargetPolicy): Promise<void> {
  if (!policy.restrict) return;
  if (port && !MAIL_PORTS.includes(port)) {
    throw new HttpError(403, `port ${port} is not a mail port (allowed: ${MAIL_PORTS.join(', ')})`, 'port-refused');
  }
  const addrs = isIP(host) ? [host] : await policy.lookup(host).catch(() => []);
  if (!addrs.length) throw new HttpError(403, `${host} does not resolve`, 'target-refused');
  const bad = addrs.find(isNonPublicAddress);
  if (bad) throw new HttpError(403, `${host} (${bad}) is a private, loopback or link-local address; start with --allow-private to allow it`, 'target-refused');
}

/** Token bucket per client: `perMinute` requests, bursting up to `burst`. */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perMinute: number, private readonly burst = perMinute, private readonly now: () => number = Date.now) {}

  /** Take one token; false when the client must wait. */
  take(client: string): boolean {
    const t = this.now();
    const b = this.buckets.get(client) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 60_000) * this.perMinute);
    b.at = t;
    if (this.buckets.size > 10_000) this.buckets.clear(); // bounded memory under a flood of clients
    this.buckets.set(client, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
