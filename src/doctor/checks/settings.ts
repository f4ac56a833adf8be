/**
 * Adapter over src/settings: the right settings for the address (provider table, autoconfig, DNS SRV, guesses),
 * compared with what the user set in the mail program.
 */
import type { Report } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import type { CheckAdapter, DoctorDeps, ServerAnswer } from '../types.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';
import { guardedProbeDeps, probeOptions } from './probe.js';
import { dnsClientFor } from './resolver.js';

type Protocol = 'imap' | 'pop3' | 'smtp';
type FindFn = (o: Record<string, unknown>, deps: Record<string, unknown>) => Promise<unknown>;
type ReportFn = (r: unknown) => Report;
type ProbeFn = (opts: Record<string, unknown>, deps?: Record<string, unknown>) => Promise<unknown>;

const SOCKET: Record<string, string> = { tls: 'SSL', starttls: 'STARTTLS', none: 'plain' };
const PROBE_FN: Record<Protocol, string> = { smtp: 'probeSmtp', imap: 'probeImap', pop3: 'probePop3' };

/** The settings the user gave, in src/settings' shape. */
function given(s: ServerAnswer | undefined, fallback: Protocol): Record<string, unknown>[] {
  if (!s?.host) return [];
  const protocol = s.protocol ?? fallback;
  const port = s.port ?? ({ smtp: 587, imap: 993, pop3: 995 } as const)[protocol];
  return [{ protocol, host: s.host, port, socket: SOCKET[s.security ?? (port === 465 || port === 993 || port === 995 ? 'tls' : 'starttls')] }];
}

/**
 * Find the settings for an address as a Report. `allowGuesses` lets src/settings probe likely hosts (never on an
 * exposed web server: visitors must not make it connect to hosts they did not name).
 */
export async function settingsReportFor(address: string, deps: DoctorDeps, opts: { given?: Record<string, unknown>[]; user?: string; allowGuesses: boolean }): Promise<Report> {
  const [find, report] = await Promise.all([capabilityFn<FindFn>('settings', ['findMailSettings']), capabilityFn<ReportFn>('settings', ['settingsReport'])]);
  const dns = await dnsClientFor(deps);
  const probe = async (protocol: Protocol, target: { host: string; port: number; tls: string }) => {
    const net = await guardedProbeDeps(deps, target.host, target.port);
    const fn = await capabilityFn<ProbeFn>('probe', [PROBE_FN[protocol]]);
    const o = await probeOptions({ host: target.host, port: target.port }, deps, protocol);
    return fn({ ...o, tls: target.tls }, net);
  };
  const result = await find(
    { address, ...(opts.given?.length ? { given: opts.given } : {}), ...(opts.user ? { user: opts.user } : {}), guess: opts.allowGuesses },
    { dns, ...(opts.allowGuesses ? { probe } : {}) },
  );
  return report(result);
}

export const settingsAdapter: CheckAdapter = {
  id: 'settings',
  capability: 'settings',
  title: tx('Recommended settings for the address', 'Zalecane ustawienia dla adresu'),
  needs: (a) => (a.address?.includes('@') ? undefined : NEEDS.address),
  async run({ answers, deps }) {
    const fallback: Protocol = answers.case === 'client-receive' ? 'imap' : 'smtp';
    const r = await settingsReportFor(answers.address!, deps, {
      given: given(answers.server, fallback), ...(answers.server?.user ? { user: answers.server.user } : {}), allowGuesses: false,
    });
    // What the user set, judged, ranks; what was found for the address is background for this case.
    const all = findingsOf(r);
    const judged = (f: { check: string }) => f.check.startsWith('settings.given') || f.check === 'settings.address';
    return { findings: all.filter(judged), context: all.filter((f) => !judged(f)) };
  },
};
