/** The DNS client the domain adapters pass on: src/dns `createDnsClient`, pointed at deps.dnsServer. */
import type { DoctorDeps } from '../types.js';
import { capabilityFn } from './load.js';

type CreateFn = (opts?: Record<string, unknown>) => unknown;

const cache = new WeakMap<DoctorDeps, Promise<unknown>>();

export function dnsClientFor(deps: DoctorDeps): Promise<unknown> {
  let p = cache.get(deps);
  if (!p) {
    p = (async () => {
      const create = await capabilityFn<CreateFn>('dns', ['createDnsClient']);
      const opts: Record<string, unknown> = {};
      if (deps.dnsServer) opts.server = deps.dnsServer;
      if (deps.timeoutMs) opts.timeoutMs = deps.timeoutMs;
      if (deps.signal) opts.signal = deps.signal;
      return create(opts);
    })();
    cache.set(deps, p);
  }
  return p;
}

/** "host:port", "[v6]:port", "host" → [host, port]. */
export function splitHostPort(s: string, dflt: number): [string, number] {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s) ?? /^([^:]+)(?::(\d+))?$/.exec(s);
  if (!m) return [s, dflt];
  return [m[1]!, m[2] ? Number(m[2]) : dflt];
}
