/** Adapters: test the user's mail server with their settings, and look into the Spam folder (src/probe). */
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import type { Finding } from '../../core/finding.js';
import { fill, tx } from '../../i18n/text.js';
import type { CheckAdapter, DoctorAnswers, DoctorDeps, ServerAnswer } from '../types.js';
import { dnsClientFor } from './resolver.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';

type ProbeFn = (opts: Record<string, unknown>, deps?: Record<string, unknown>) => unknown;

const PROBE_FN: Record<string, string[]> = {
  smtp: ['probeSmtp'],
  imap: ['probeImap'],
  pop3: ['probePop3'],
};

const TLS_MODE: Record<string, string> = { tls: 'implicit', starttls: 'starttls', none: 'none' };
const DEFAULT_PORT: Record<string, number> = { smtp: 587, imap: 993, pop3: 995 };

/** Options for src/probe: host, port, tls mode, credentials (used once), CA, timeouts. */
export async function probeOptions(s: ServerAnswer, deps: DoctorDeps, proto = 'smtp'): Promise<Record<string, unknown>> {
  const ca = deps.caFile ? await readFile(deps.caFile, 'utf8') : undefined;
  const t = deps.timeoutMs;
  return {
    host: s.host,
    port: s.port ?? DEFAULT_PORT[proto] ?? 587,
    tls: s.security ? TLS_MODE[s.security] : 'auto',
    ...(s.user ? { user: s.user } : {}),
    ...(s.password ? { password: s.password } : {}),
    ...(ca ? { ca } : {}),
    ...(t ? { timeouts: { connect: t, banner: t, command: t, tls: t } } : {}),
  };
}

/** Host names resolve through the doctor's DNS client (the test NSD, or the server the user named). */
export async function probeDeps(deps: DoctorDeps): Promise<Record<string, unknown>> {
  const signal = deps.signal ? { signal: deps.signal } : {};
  if (!deps.dnsServer) return signal;
  const dns = (await dnsClientFor(deps)) as { query: (n: string, t: string) => Promise<{ answers: { type: string; data: unknown }[] }> };
  return {
    ...signal,
    lookup: async (host: string) => {
      if (isIP(host)) return [host];
      const [a, aaaa] = await Promise.all([dns.query(host, 'A'), dns.query(host, 'AAAA')]);
      return [...a.answers, ...aaaa.answers].filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => String(r.data));
    },
  };
}

/**
 * The probe's network for one target, after `deps.guardTarget` (if any) allowed it. When the guard names the
 * addresses it checked, the host name resolves to exactly those: no second look-up that could answer otherwise.
 */
export async function guardedProbeDeps(deps: DoctorDeps, host: string, port: number): Promise<Record<string, unknown>> {
  const pinned = deps.guardTarget ? await deps.guardTarget(host, port) : undefined;
  const net = await probeDeps(deps);
  if (!pinned || !pinned.length) return net;
  const want = host.toLowerCase().replace(/\.$/, '');
  return {
    ...net,
    lookup: async (h: string) => {
      if (h.toLowerCase().replace(/\.$/, '') === want) return pinned;
      throw Object.assign(new Error(`${h} was not checked`), { code: 'ENOTFOUND' });
    },
  };
}

function transcriptOf(result: unknown): string[] | undefined {
  const lines = (result as { transcript?: { dir: string; atMs: number; text: string }[] })?.transcript;
  if (!Array.isArray(lines)) return undefined;
  return lines.map((l) => `${String(l.atMs).padStart(6)} ms ${l.dir === 'C' ? 'C:' : l.dir === 'S' ? 'S:' : '*'} ${l.text}`);
}

function protocolOf(a: DoctorAnswers, fallback: 'smtp' | 'imap'): 'smtp' | 'imap' | 'pop3' {
  return a.server?.protocol ?? fallback;
}

function serverAdapter(id: string, fallback: 'smtp' | 'imap'): CheckAdapter {
  return {
    id,
    capability: 'probe',
    title: tx('Test of your mail server with your settings', 'Test serwera poczty z Twoimi ustawieniami'),
    needs: (a) => (a.server?.host ? undefined : NEEDS.server),
    async run({ answers, deps }) {
      const proto = protocolOf(answers, fallback);
      const probe = await capabilityFn<ProbeFn>('probe', PROBE_FN[proto]!);
      // The login is the full address unless the user named another (seed 000: "login = mailbox with domain").
      const s = { ...(answers.server!.password && answers.address ? { user: answers.address } : {}), ...answers.server! };
      const net = await guardedProbeDeps(deps, s.host!, s.port ?? 0);
      const result = await probe(await probeOptions(s, deps, proto), net);
      return { findings: findingsOf(result), transcript: transcriptOf(result) };
    },
  };
}

/** Sending case: SMTP submission. */
export const probeSendAdapter = serverAdapter('probe.send', 'smtp');
/** Receiving case: IMAP or POP3. */
export const probeReceiveAdapter = serverAdapter('probe.receive', 'imap');

/** Only failures and passes rank; warnings and notes of the session (e.g. a self-signed certificate) are background. */
function errorsRank(adapter: CheckAdapter): CheckAdapter {
  return {
    ...adapter,
    async run(ctx) {
      const out = await adapter.run(ctx);
      const keep = (f: Finding) => f.status === 'error' || f.status === 'ok' || f.status === 'unknown';
      return { ...out, findings: out.findings.filter(keep), context: [...(out.context ?? []), ...out.findings.filter((f) => !keep(f))] };
    },
  };
}

/** Webmail logs in with the address and password over IMAP: the same login test says if the credentials work. */
export const probeLoginAdapter: CheckAdapter = errorsRank({
  ...serverAdapter('probe.login', 'imap'),
  title: tx('Login test with the mailbox password', 'Test logowania do skrzynki'),
  needs: (a) => (!a.server?.host ? NEEDS.server : !a.server.password ? NEEDS.password : undefined),
});

const SPAM = {
  some: tx('The Spam folder "{folder}" holds {messages} messages: the missing one may be there.',
    'W folderze Spam „{folder}” jest wiadomości: {messages}; brakująca może być właśnie tam.'),
  someAdvice: tx('Open the Spam folder in webmail or over IMAP (POP3 does not show it), and mark the message as "not spam".',
    'Otwórz folder Spam w webmailu lub przez IMAP (POP3 go nie pokazuje) i oznacz wiadomość jako „to nie spam”.'),
  empty: tx('The Spam folder "{folder}" is empty: the message is not there.', 'Folder Spam „{folder}” jest pusty: wiadomości tam nie ma.'),
  none: tx('The mailbox has no Spam folder visible over IMAP.', 'Skrzynka nie ma folderu Spam widocznego przez IMAP.'),
  unread: tx('The Spam folder could not be read over IMAP.', 'Nie udało się odczytać folderu Spam przez IMAP.'),
};

/** Read the Spam folder out of an IMAP probe's findings and say what it means for a lost message. */
export function spamFolderVerdict(findings: Finding[], subject: string): Finding | undefined {
  const spam = findings.find((f) => f.check === 'probe.imap.spam');
  if (!spam) return undefined;
  const folder = typeof spam.data?.folder === 'string' ? spam.data.folder : undefined;
  const messages = typeof spam.data?.messages === 'number' ? spam.data.messages : undefined;
  if (!folder) return { check: 'doctor.spam-folder', status: 'info', subject, summary: SPAM.none };
  if (messages === undefined) return undefined;
  if (messages > 0) {
    return { check: 'doctor.spam-folder', status: 'warn', subject, summary: fill(SPAM.some, { folder, messages }), advice: [SPAM.someAdvice],
      evidence: [{ kind: 'other', label: 'IMAP STATUS', value: `${folder}: ${messages}` }], data: { folder, messages } };
  }
  return { check: 'doctor.spam-folder', status: 'ok', subject, summary: fill(SPAM.empty, { folder }), data: { folder, messages } };
}

/** Lost message: is it in the recipient's Spam folder? (seed 000: visible over IMAP, not POP3). */
export const spamFolderAdapter: CheckAdapter = {
  id: 'imap.spam',
  capability: 'probe',
  title: tx('Spam folder of the mailbox (IMAP)', 'Folder Spam skrzynki (IMAP)'),
  needs: (a) => (!a.incoming?.host ? NEEDS.server : !a.incoming.password ? NEEDS.password : undefined),
  async run({ answers, deps }) {
    const probe = await capabilityFn<ProbeFn>('probe', ['probeImap']);
    const s = { user: answers.to ?? answers.address, ...answers.incoming! };
    const net = await guardedProbeDeps(deps, s.host!, s.port ?? 0);
    const result = await probe(await probeOptions(s, deps, 'imap'), net);
    const findings = findingsOf(result);
    const subject = s.user ?? `${s.host}`;
    // The session's own findings are background here; only what the Spam folder says, or why it could not be read, ranks.
    const verdict = spamFolderVerdict(findings, subject);
    const blockers = findings.filter((f) => f.status === 'error');
    const head: Finding[] = verdict ? [verdict] : blockers.length ? blockers
      : [{ check: 'doctor.spam-folder', status: 'unknown', subject, summary: SPAM.unread }];
    return { findings: head, context: findings.filter((f) => !head.includes(f)), transcript: transcriptOf(result) };
  },
};

/** The host other servers deliver to: the best MX, else the domain itself (implicit MX, RFC 5321 §5.1). */
async function incomingHost(domain: string, deps: DoctorDeps): Promise<string> {
  try {
    const dns = (await dnsClientFor(deps)) as { query: (n: string, t: string) => Promise<{ answers: { type: string; data: unknown }[] }> };
    const mx = (await dns.query(domain, 'MX')).answers
      .filter((r) => r.type === 'MX').map((r) => r.data as { preference: number; exchange: string })
      .filter((d) => d.exchange && d.exchange !== '.').sort((a, b) => a.preference - b.preference);
    return mx[0]?.exchange ?? domain;
  } catch {
    return domain;
  }
}

/** Receiving on a VPS: does the MX host answer SMTP? */
export const probeMxAdapter: CheckAdapter = errorsRank({
  id: 'probe.mx',
  capability: 'probe',
  title: tx('SMTP test of the incoming mail server', 'Test SMTP serwera poczty przychodzącej'),
  needs: (a) => (a.server?.host || a.domain || a.address ? undefined : NEEDS.domain),
  async run({ answers, deps }) {
    const probe = await capabilityFn<ProbeFn>('probe', ['probeSmtp']);
    const host = answers.server?.host ?? (await incomingHost(answers.domain ?? answers.address!.split('@').pop()!, deps));
    const port = answers.server?.port ?? 25;
    const net = await guardedProbeDeps(deps, host, port);
    const result = await probe(await probeOptions({ host, port, ...(answers.server?.security ? { security: answers.server.security } : {}) }, deps), net);
    return { findings: findingsOf(result), transcript: transcriptOf(result) };
  },
});
