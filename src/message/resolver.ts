/**
 * The DNS resolver the --verify checks use, in the shape mailauth expects: `(name, rrtype) → records` like
 * node:dns's resolve(). It asks exactly one server (--resolver ip[:port]) with a timeout; nothing else.
 */
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

/** mailauth's resolver shape. */
export type MailauthResolver = (name: string, rrtype: string) => Promise<unknown>;

export interface MessageResolverOptions {
  /** "127.0.0.1", "127.0.0.1:5353", "[::1]:53"; undefined: the system's configured resolvers. */
  server?: string;
  /** Per query, milliseconds. */
  timeoutMs?: number;
}

/** Parse "ip[:port]" ("[v6]:port" for IPv6 with a port); throws RangeError on nonsense. */
export function parseResolverAddress(spec: string): { host: string; port: number; server: string } {
  const s = spec.trim();
  let host = s;
  let port = 53;
  const v6 = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(s);
  if (v6) { host = v6[1]!; if (v6[2]) port = Number(v6[2]); }
  else if (isIP(s) === 6) host = s;
  else {
    const c = s.lastIndexOf(':');
    if (c > 0) { host = s.slice(0, c); port = Number(s.slice(c + 1)); }
  }
  if (!isIP(host)) throw new RangeError(`resolver "${spec}" is not an IP address (use ip or ip:port)`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`resolver port in "${spec}" must be 1–65535`);
  const server = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  return { host, port, server };
}

/** A resolver function bound to one server, with a per-query timeout that also bounds slow answers. */
export function makeMessageResolver(opts: MessageResolverOptions = {}): MailauthResolver {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const r = new Resolver({ timeout: timeoutMs, tries: 1 });
  if (opts.server) r.setServers([parseResolverAddress(opts.server).server]);
  return (name: string, rrtype: string) => {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => { r.cancel(); reject(Object.assign(new Error(`DNS timeout for ${name} ${rrtype}`), { code: 'ETIMEOUT' })); }, timeoutMs + 500);
    });
    return Promise.race([r.resolve(name, rrtype), guard]).finally(() => clearTimeout(timer));
  };
}
