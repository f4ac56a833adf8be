/** Host name → addresses through a mailmedic DNS client (so tests and --dns-server never use the OS resolver). */
import type { DnsQuery } from '../dns/index.js';
import { recordsOf } from '../dns/index.js';
import type { LookupFn } from './connection.js';

/**
 * A lookup that asks `dns` for A records (then AAAA, for IPv6-only hosts) and fails with a DNS-style error code
 * the probe understands.
 */
export function lookupViaDns(dns: DnsQuery): LookupFn {
  return async (host: string) => {
    const a = await dns.query(host, 'A');
    const addrs = recordsOf(a, 'A').map((r) => String(r.data));
    if (addrs.length) return addrs;
    if (a.status === 'nodata') {
      const aaaa = await dns.query(host, 'AAAA');
      const v6 = recordsOf(aaaa, 'AAAA').map((r) => String(r.data));
      if (v6.length) return v6;
    }
    const code = a.status === 'nxdomain' ? 'ENOTFOUND' : a.status === 'nodata' ? 'ENODATA' : a.status === 'timeout' ? 'EAI_AGAIN' : 'ESERVFAIL';
    const err = new Error(`${host}: ${a.status}${a.rcode ? ` (${a.rcode})` : ''}`) as NodeJS.ErrnoException;
    err.code = code;
    throw err;
  };
}
