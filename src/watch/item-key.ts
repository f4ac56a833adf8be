/** The stable key each kind of watched item's history is stored under (and its own interval is kept by). */
import type { WatchedServer } from './config.js';

/** `domain:example.com`, `ip:192.0.2.1`, `smtp:mail.example.com:587`, `log:/var/log/maillog`. */
export const itemKey = {
  domain: (d: string) => `domain:${d}`,
  ip: (ip: string) => `ip:${ip}`,
  server: (s: Pick<WatchedServer, 'protocol' | 'host' | 'port'>) => `${s.protocol}:${s.host}:${s.port}`,
  log: (p: string) => `log:${p}`,
};
