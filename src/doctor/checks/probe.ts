/** Adapters: test the user's mail server with their settings, and look into the Spam folder (src/probe). */
import { tx } from '../../i18n/text.js';
import type { CheckAdapter, DoctorAnswers, ServerAnswer } from '../types.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';

type ProbeFn = (opts: Record<string, unknown>) => unknown;

const PROBE_FN: Record<string, string[]> = {
  smtp: ['probeSmtp'],
  imap: ['probeImap'],
  pop3: ['probePop3'],
};

export function probeOptions(s: ServerAnswer, deps: { caFile?: string; timeoutMs?: number }): Record<string, unknown> {
  return {
    host: s.host,
    port: s.port,
    security: s.security,
    ...(s.user ? { user: s.user } : {}),
    ...(s.password ? { password: s.password } : {}),
    ...(deps.caFile ? { caFile: deps.caFile } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
  };
}

function protocolOf(a: DoctorAnswers, fallback: 'smtp' | 'imap'): 'smtp' | 'imap' | 'pop3' {
  return a.server?.protocol ?? fallback;
}

function serverAdapter(id: string, fallback: 'smtp' | 'imap'): CheckAdapter {
  return {
    id,
    capability: 'probe',
    title: tx('Test of your mail server with your settings', 'Test Twojego serwera poczty z Twoimi ustawieniami'),
    needs: (a) => (a.server?.host ? undefined : NEEDS.server),
    async run({ answers, deps }) {
      const proto = protocolOf(answers, fallback);
      const probe = await capabilityFn<ProbeFn>('probe', PROBE_FN[proto]!);
      const s = answers.server!;
      if (deps.guardTarget) await deps.guardTarget(s.host!, s.port ?? 0);
      const report = await probe(probeOptions(s, deps));
      return { findings: findingsOf(report) };
    },
  };
}

/** Sending case: SMTP submission. */
export const probeSendAdapter = serverAdapter('probe.send', 'smtp');
/** Receiving case: IMAP or POP3. */
export const probeReceiveAdapter = serverAdapter('probe.receive', 'imap');

/** Webmail logs in with the address and password over IMAP: the same login test says if the credentials work. */
export const probeLoginAdapter: CheckAdapter = {
  ...serverAdapter('probe.login', 'imap'),
  title: tx('Login test with the mailbox password', 'Test logowania hasłem do skrzynki'),
  needs: (a) => (!a.server?.host ? NEEDS.server : !a.server.password ? NEEDS.password : undefined),
};

/** Lost message: is it in the recipient's Spam folder? (seed 000: visible over IMAP, not POP3). */
export const spamFolderAdapter: CheckAdapter = {
  id: 'imap.spam',
  capability: 'probe',
  title: tx('Spam folder of the mailbox (IMAP)', 'Folder Spam skrzynki (IMAP)'),
  needs: (a) => (!a.incoming?.host ? NEEDS.server : !a.incoming.password ? NEEDS.password : undefined),
  async run({ answers, deps }) {
    const search = await capabilityFn<ProbeFn>('probe', ['searchSpamFolder', 'findInSpam', 'imapSearchSpam']);
    const s = { user: answers.to ?? answers.address, ...answers.incoming! };
    if (deps.guardTarget) await deps.guardTarget(s.host!, s.port ?? 0);
    const result = await search({ ...probeOptions(s, deps), from: answers.from, to: answers.to, since: answers.sentAt });
    return { findings: findingsOf(result) };
  },
};

/** Receiving on a VPS: does the MX host answer SMTP? */
export const probeMxAdapter: CheckAdapter = {
  id: 'probe.mx',
  capability: 'probe',
  title: tx('SMTP test of the incoming mail server', 'Test SMTP serwera poczty przychodzącej'),
  needs: (a) => (a.server?.host || a.domain || a.address ? undefined : NEEDS.domain),
  async run({ answers, deps }) {
    const probe = await capabilityFn<ProbeFn>('probe', ['probeSmtp']);
    const host = answers.server?.host ?? `mail.${answers.domain ?? answers.address!.split('@').pop()}`;
    const port = answers.server?.port ?? 25;
    if (deps.guardTarget) await deps.guardTarget(host, port);
    const report = await probe(probeOptions({ host, port, security: answers.server?.security ?? 'starttls' }, deps));
    return { findings: findingsOf(report) };
  },
};
