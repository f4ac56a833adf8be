/**
 * What keeps `mailmedic serve` safe when exposed: body size limits, the probe target policy (no private,
 * loopback or link-local targets and only mail ports unless --allow-private), and a per-client rate limit.
 */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { isLoopbackBind, isNonPublicAddress, nonPublicKind, normalizeAddress } from './address.js';

export { isLoopbackBind, isNonPublicAddress };

/** Ports a public instance may probe: SMTP, submission, SMTPS, POP3(S), IMAP(S), and 2525 (common alternative). */
export const MAIL_PORTS: readonly number[] = [25, 465, 587, 2525, 110, 995, 143, 993];

/** A refusal with its HTTP status, a stable code, the field at fault and any more the answer carries. */
export class HttpError extends Error {
  /**
   * `field`: the request field that was wrong, so the page can say which one in the reader's language; `detail`:
   * more of the answer's body (e.g. the refusal in both languages and the watch-list key at fault).
   */
  constructor(readonly status: number, message: string, readonly code = 'error', readonly field?: string, readonly detail?: Record<string, unknown>) {
    super(message);
  }
}

/**
 * Read a request body up to `limit` bytes; a bigger body is refused with 413. Read with events, not
 * `for await`: leaving a for-await loop destroys the request and its socket before the 413 can be sent. What
 * is left of an over-limit body keeps flowing to nowhere, so the answer can still be written.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new HttpError(413, `request body over ${limit} bytes`, 'too-large'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => { req.off('data', onData); req.off('end', onEnd); req.off('error', onError); req.off('close', onClose); };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        done();
        chunks.length = 0;
        req.resume(); // drain the rest without keeping it
        reject(new HttpError(413, `request body over ${limit} bytes`, 'too-large'));
        return;
      }
      chunks.push(c);
    };
    const onEnd = () => { done(); resolve(Buffer.concat(chunks)); };
    const onError = (e: Error) => { done(); reject(new HttpError(400, `the request body could not be read: ${e.message}`, 'bad-request')); };
    const onClose = () => { done(); reject(new HttpError(400, 'the client closed the connection before the body was complete', 'client-gone')); };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
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

export interface TargetPolicy {
  /** Refuse non-public targets and non-mail ports. */
  restrict: boolean;
  /** Resolve a host name to addresses (through the configured DNS server). */
  lookup: (host: string) => Promise<string[]>;
}

/**
 * Throws HttpError 403 when the target is refused by the policy. Returns the canonical addresses it checked
 * (undefined when the policy does not restrict): the probe must connect to one of exactly these, never look
 * the name up again (a name that answers a public address first and 127.0.0.1 next would get through).
 */
export async function checkProbeTarget(host: string, port: number, policy: TargetPolicy): Promise<string[] | undefined> {
  if (!policy.restrict) return undefined;
  if (port && !MAIL_PORTS.includes(port)) {
    throw new HttpError(403, `port ${port} is not a mail port (allowed: ${MAIL_PORTS.join(', ')})`, 'port-refused');
  }
  const literal = normalizeAddress(host);
  const raw = literal ? [host] : await policy.lookup(host).catch(() => []);
  if (!raw.length) throw new HttpError(403, `${host} does not resolve`, 'target-refused');
  const addrs: string[] = [];
  for (const r of raw) {
    const a = normalizeAddress(r);
    if (!a || nonPublicKind(a) !== undefined) {
      throw new HttpError(403, `${host} (${r}) is a private, loopback or link-local address; start with --allow-private to allow it`, 'target-refused');
    }
    if (!addrs.includes(a.text)) addrs.push(a.text);
  }
  return addrs;
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

/**
 * Write a raw request body (an uploaded file, not JSON) to `path` as it arrives, up to `limit` bytes: a large log
 * goes to disk, never whole into memory. Over the limit: 413 (the rest drains to nowhere, as in readBody).
 * Resolves with the bytes written.
 */
export function spoolBody(req: IncomingMessage, path: string, limit: number): Promise<number> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new HttpError(413, `upload over ${limit} bytes`, 'too-large'));
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let settled = false;
    const fail = (e: HttpError) => {
      if (settled) return;
      settled = true;
      req.off('data', onData); req.off('end', onEnd); req.off('error', onError); req.off('close', onClose);
      req.resume();
      out.destroy();
      reject(e);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) return fail(new HttpError(413, `upload over ${limit} bytes`, 'too-large'));
      // Back-pressure: a slow disk pauses the upload instead of buffering it in memory.
      if (!out.write(c)) { req.pause(); out.once('drain', () => req.resume()); }
    };
    const onEnd = () => {
      if (settled) return;
      settled = true;
      req.off('data', onData); req.off('error', onError); req.off('close', onClose);
      out.end(() => resolve(size));
    };
    const onError = (e: Error) => fail(new HttpError(400, `the upload could not be read: ${e.message}`, 'bad-request'));
    const onClose = () => { if (!req.complete) fail(new HttpError(400, 'the client closed the connection before the upload was complete', 'client-gone')); };
    out.on('error', (e) => fail(new HttpError(500, `the upload could not be stored: ${e.message}`, 'internal')));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
