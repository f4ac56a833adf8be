/** Adapter: the right settings for the address, compared with what the user set (src/settings). */
import { tx } from '../../i18n/text.js';
import type { CheckAdapter } from '../types.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';
import { dnsClientFor } from './resolver.js';

type SettingsFn = (address: string, opts: Record<string, unknown>) => unknown;

export const settingsAdapter: CheckAdapter = {
  id: 'settings',
  capability: 'settings',
  title: tx('Recommended settings for the address', 'Zalecane ustawienia dla adresu'),
  needs: (a) => (a.address?.includes('@') ? undefined : NEEDS.address),
  async run(ctx) {
    const fn = await capabilityFn<SettingsFn>('settings', ['findSettings', 'discoverSettings', 'settingsFor']);
    const dns = await dnsClientFor(ctx.deps).catch(() => undefined);
    const s = ctx.answers.server;
    const configured = s?.host ? { host: s.host, port: s.port, security: s.security, protocol: s.protocol ?? 'smtp' } : undefined;
    const result = await fn(ctx.answers.address!, { dns, resolver: dns, lang: ctx.lang, ...(configured ? { configured } : {}) });
    return { findings: findingsOf(result) };
  },
};
