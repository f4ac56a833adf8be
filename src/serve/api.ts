/**
 * The JSON API: the same functions as the CLI, the same Report shape. Each operation is data (path, body
 * limit, input schema for OpenAPI, whether it reaches out to a server) plus a `run` that calls the capability
 * through the doctor's loader, so a capability that has not landed answers honestly "not available".
 */
import { tx } from '../i18n/text.js';
import { makeReport, worstStatus, type Finding, type Lang, type Report, type Table } from '../core/finding.js';
import { runDoctor, type DoctorProgress } from '../doctor/engine.js';
import { parseDoctorAnswers, AnswersError } from '../doctor/answers.js';
import { capabilityFn, CapabilityMissing, findingsOf, missingFinding } from '../doctor/checks/load.js';
import { guardedProbeDeps, probeOptions } from '../doctor/checks/probe.js';
import { bounceReportFor } from '../doctor/checks/bounce.js';
import { logSummaryReportFor } from '../doctor/checks/logs.js';
import { settingsReportFor } from '../doctor/checks/settings.js';
import { dnsClientFor } from '../doctor/checks/resolver.js';
import type { DoctorDeps } from '../doctor/types.js';
import { HttpError } from './security.js';

export interface ApiContext {
  lang: Lang;
  deps: DoctorDeps;
  /** Called for every finding as soon as it is known (server-sent events). */
  onFinding?: (f: Finding) => void;
  onProgress?: (p: DoctorProgress) => void;
  /** Refuses probe targets the policy does not allow (throws HttpError 403); returns the addresses it checked. */
  guardTarget: (host: string, port: number) => Promise<string[] | undefined>;
  /** The exposed-server policy is on. */
  restricted?: boolean;
}

type JsonSchema = Record<string, unknown>;

export interface ApiOperation {
  id: string;
  path: string;
  summary: string;
  /** Largest accepted body in bytes. */
  bodyLimit: number;
  /** Reaches out to a server the user names: rate-limited per client. */
  probes: boolean;
  input: JsonSchema;
  run: (body: Record<string, unknown>, ctx: ApiContext) => Promise<Report>;
  /**
   * Also takes the file itself as the body (any type but JSON; gzip recognised by its bytes): spooled to a private
   * temporary file as it arrives and read from there by the same streaming reader the CLI uses, so a large log
   * never sits in memory. `limit` bounds the upload.
   */
  upload?: { limit: number; run: (path: string, ctx: ApiContext) => Promise<Report> };
}

const KB = 1024;
const MB = 1024 * KB;

function text(body: Record<string, unknown>, key: string, max: number, required = true): string {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new HttpError(400, `"${key}" is required`, 'missing-field', key);
    return '';
  }
  if (typeof v !== 'string') throw new HttpError(400, `"${key}" must be a string`, 'bad-field', key);
  if (v.length > max) throw new HttpError(413, `"${key}" is over ${max} characters`, 'too-large');
  return v;
}

/** Any capability result → a Report (capabilities return Reports; probes return results with findings). */
export function asReport(command: string, subject: string, result: unknown): Report {
  if (result && typeof result === 'object' && (result as Report).schema === 'mailmedic.report') return result as Report;
  const r = (result ?? {}) as Record<string, unknown>;
  const { findings: _f, tables, data, ...rest } = r;
  return makeReport(command, subject, findingsOf(result), {
    ...(Array.isArray(tables) ? { tables: tables as Table[] } : {}),
    data: data !== undefined && Object.keys(rest).every((k) => ['domain', 'input'].includes(k)) ? data : { ...rest, ...(data !== undefined ? { data } : {}) },
  });
}

async function call(command: string, subject: string, cap: string, names: string[], invoke: (fn: (...a: unknown[]) => unknown) => unknown): Promise<Report> {
  try {
    const fn = await capabilityFn<(...a: unknown[]) => unknown>(cap, names);
    return asReport(command, subject, await invoke(fn));
  } catch (e) {
    if (e instanceof CapabilityMissing) return makeReport(command, subject, [missingFinding(command, subject, e)]);
    throw e;
  }
}

async function bounceOrMissing(raw: string): Promise<Report> {
  try {
    return await bounceReportFor(raw, 'message');
  } catch (e) {
    if (e instanceof CapabilityMissing) return makeReport('bounce', 'message', [missingFinding('bounce', 'message', e)]);
    throw e;
  }
}

type PartFn = (dns: unknown, domain: string) => Promise<{ findings: Finding[] }>;

/**
 * Live results for the domain page: the main parts run one by one in parallel and their findings are sent as
 * each finishes; the full check that follows reuses the same DNS client's answers, so it adds little.
 */
async function streamDomainParts(domain: string, dns: unknown, onFinding: (f: Finding) => void): Promise<void> {
  const parts = await Promise.all(['checkMx', 'checkSpf', 'checkDmarc', 'checkDkim'].map((n) => capabilityFn<PartFn>('domain', [n]).catch(() => undefined)));
  await Promise.all(parts.map(async (fn) => {
    if (!fn) return;
    try {
      for (const f of (await fn(dns, domain)).findings) onFinding(f);
    } catch { /* the full check below reports it */ }
  }));
}

/** Does the text look like a whole message (headers, then a body) rather than a pasted error line? */
export function looksLikeMessage(s: string): boolean {
  const head = s.slice(0, 8 * KB);
  return /^(?:Return-Path|Received|From|Date|Message-ID|MIME-Version|Content-Type|Delivered-To|X-[\w-]+):/im.test(head)
    && /^Content-Type:|^Subject:/im.test(head) && /\r?\n\r?\n/.test(head);
}

const domainRe = /^[a-z0-9._-]{1,253}$/i;
const addressRe = /^[^\s@]{1,64}@[a-z0-9._-]{1,253}$/i;

/** The web's own check could not run: the server was started without a DNS server to ask. */
const VERIFY_NEEDS_DNS: Finding = {
  check: 'message.verify.not-checked', status: 'unknown', subject: 'SPF/DKIM/DMARC',
  summary: tx('SPF, DKIM and DMARC were not checked here: this mailmedic was started without a DNS server to ask.',
    'SPF, DKIM i DMARC nie zostały tu sprawdzone: ta aplikacja mailmedic została uruchomiona bez serwera DNS, którego mogłaby pytać.'),
  advice: [tx('Whoever runs this app can start it with a DNS server (mailmedic serve --resolver IP); until then the verdicts shown are those the receiving server recorded.',
    'Osoba, która uruchamia tę aplikację, może podać jej serwer DNS (mailmedic serve --resolver IP); do tego czasu widoczne są tylko wyniki zapisane przez serwer odbiorcy.')],
};

/** The log summary with its problems, from pasted text or from an uploaded file on disk. */
async function logsReport(src: { text: string } | { inputs: string[] }): Promise<Report> {
  try {
    return await logSummaryReportFor(src, 'log');
  } catch (e) {
    if (e instanceof CapabilityMissing) return makeReport('logs', 'log', [missingFinding('logs', 'log', e)]);
    throw e;
  }
}

/**
 * Every POST operation of the JSON API: path, body limit, input schema (for validation and OpenAPI) and the function
 * that runs it. One table, so the router, the OpenAPI document and the tests cannot disagree.
 */
export const API_OPERATIONS: ApiOperation[] = [
  {
    id: 'explain', path: '/api/explain', summary: 'Explain an error message or reply (a whole bounce message is read as a bounce)',
    bodyLimit: 5 * MB, probes: false,
    input: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 4 * MB } } },
    async run(body, ctx) {
      const t = text(body, 'text', 4 * MB);
      if (looksLikeMessage(t)) {
        const bounce = await bounceOrMissing(t);
        if (!bounce.findings.every((f) => f.check.endsWith('.unavailable'))) return bounce;
      }
      return call('explain', t.slice(0, 80), 'explain', ['explain', 'explainText'], (fn) => fn(t.slice(0, 64 * KB), {}));
    },
  },
  {
    id: 'bounce', path: '/api/bounce', summary: 'Read a bounce message (DSN or free-form) and say why delivery failed',
    bodyLimit: 5 * MB, probes: false,
    input: { type: 'object', required: ['raw'], properties: { raw: { type: 'string', maxLength: 4 * MB } } },
    run: async (body) => {
      return bounceOrMissing(text(body, 'raw', 4 * MB));
    },
  },
  {
    id: 'domain', path: '/api/domain', summary: 'Check the mail DNS of a domain (MX, SPF, DKIM, DMARC, …)',
    bodyLimit: 4 * KB, probes: false,
    input: { type: 'object', required: ['domain'], properties: { domain: { type: 'string', maxLength: 253 }, selectors: { type: 'array', items: { type: 'string' } } } },
    async run(body, ctx) {
      const d = text(body, 'domain', 253).trim().toLowerCase().replace(/\.$/, '');
      if (!domainRe.test(d)) throw new HttpError(400, 'not a domain name', 'bad-field', 'domain');
      const dns = await dnsClientFor(ctx.deps).catch(() => undefined);
      const selectors = Array.isArray(body.selectors) ? body.selectors.filter((s): s is string => typeof s === 'string' && /^[\w.-]{1,63}$/.test(s)).slice(0, 10) : undefined;
      if (ctx.onFinding) await streamDomainParts(d, dns, ctx.onFinding);
      return call('domain', d, 'domain', ['checkDomain'], (fn) => fn(d, {
        dns, ...(selectors?.length ? { dkimSelectors: selectors } : {}),
        ...(ctx.deps.dnsblLists ? { dnsblLists: ctx.deps.dnsblLists } : {}),
        // An exposed server never fetches MTA-STS policies from hosts the visitor names.
        ...(ctx.restricted ? { fetch: false } : {}),
      }));
    },
  },
  {
    id: 'probe', path: '/api/probe', summary: 'Test a mail server (SMTP, IMAP or POP3), optionally logging in; the password is used once and never stored',
    bodyLimit: 8 * KB, probes: true,
    input: {
      type: 'object', required: ['host'], properties: {
        protocol: { enum: ['smtp', 'imap', 'pop3'] }, host: { type: 'string', maxLength: 253 }, port: { type: 'integer', minimum: 1, maximum: 65535 },
        security: { enum: ['tls', 'starttls', 'none'] }, user: { type: 'string', maxLength: 320 }, password: { type: 'string', maxLength: 1024, writeOnly: true },
      },
    },
    async run(body, ctx) {
      const host = text(body, 'host', 253).trim();
      if (!domainRe.test(host) && !/^[0-9a-f:.]+$/i.test(host)) throw new HttpError(400, 'not a host name', 'bad-field', 'host');
      const protocol = body.protocol === 'imap' || body.protocol === 'pop3' ? body.protocol : 'smtp';
      const port = body.port === undefined || body.port === '' ? ({ smtp: 587, imap: 993, pop3: 995 } as const)[protocol] : Number(body.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new HttpError(400, 'not a port number', 'bad-field', 'port');
      const security = body.security === 'tls' || body.security === 'starttls' || body.security === 'none' ? body.security : undefined;
      const net = await guardedProbeDeps({ ...ctx.deps, guardTarget: ctx.guardTarget }, host, port);
      const user = text(body, 'user', 320, false);
      const password = text(body, 'password', 1024, false);
      const fnName = { smtp: 'probeSmtp', imap: 'probeImap', pop3: 'probePop3' }[protocol];
      const subject = `${host}:${port}`;
      return call('probe', subject, 'probe', [fnName], async (fn) => fn(
        await probeOptions({ host, port, ...(security ? { security } : {}), ...(user ? { user } : {}), ...(password ? { password } : {}) }, ctx.deps, protocol),
        net));
    },
  },
  {
    id: 'settings', path: '/api/settings', summary: 'Find the mail program settings for an address (on loopback it may test likely servers)',
    bodyLimit: 4 * KB, probes: true,
    input: { type: 'object', required: ['address'], properties: { address: { type: 'string', maxLength: 320 } } },
    async run(body, ctx) {
      const a = text(body, 'address', 320).trim();
      if (!addressRe.test(a)) throw new HttpError(400, 'not an e-mail address', 'bad-field', 'address');
      try {
        return await settingsReportFor(a, { ...ctx.deps, guardTarget: ctx.guardTarget }, { allowGuesses: !ctx.restricted });
      } catch (e) {
        if (e instanceof CapabilityMissing) return makeReport('settings', a, [missingFinding('settings', a, e)]);
        throw e;
      }
    },
  },
  {
    id: 'logs', path: '/api/logs', summary: 'Summarize a mail log (Postfix, Exim, …): deliveries, bounces, deferrals, top reasons. Pasted text as JSON, or the file itself (plain or .gz) as the body, up to 2 GiB',
    bodyLimit: 24 * MB, probes: false,
    input: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 20 * MB } } },
    run: (body) => logsReport({ text: text(body, 'text', 20 * MB) }),
    upload: { limit: 2 * 1024 * MB, run: (path) => logsReport({ inputs: [path] }) },
  },
  {
    id: 'queue', path: '/api/queue', summary: 'Read a saved mail queue listing (postqueue -j JSON, postqueue -p / mailq text, exim -bp): what waits, why, and what to do',
    bodyLimit: 24 * MB, probes: false,
    input: { type: 'object', required: ['text'], properties: { text: { type: 'string', maxLength: 20 * MB, description: 'the listing as saved from postqueue -j, postqueue -p, mailq or exim -bp' } } },
    async run(body, ctx) {
      const t = text(body, 'text', 20 * MB);
      // Only a listing the visitor sends: the server's own queue is never read for the web. Loaded when asked
      // (the app's start-up loads no capability it may not need).
      const { checkQueueListing } = await import('../queue/index.js');
      return checkQueueListing(t, ctx.lang === 'pl' ? 'wykaz kolejki' : 'queue listing', { ...(ctx.deps.now ? { nowDate: ctx.deps.now } : {}) });
    },
  },
  {
    id: 'message', path: '/api/message', summary: 'Read a delivered message (its headers or the whole .eml): its path and delays, SPF/DKIM/DMARC, spam verdicts and why it went to spam',
    bodyLimit: 12 * MB, probes: false,
    input: { type: 'object', required: ['raw'], properties: {
      raw: { type: 'string', maxLength: 10 * MB, description: 'the message source, or its headers alone (the headers are enough)' },
      quoted: { enum: [true, false, 'on', ''], description: 'analyse the original message quoted inside a bounce (the page sends "on")' },
      verify: { enum: [true, false, 'on', ''], description: 'also check DKIM, SPF and DMARC itself; only when the server was started with a DNS server (dnsServer), and only that server is asked' },
    } },
    async run(body, ctx) {
      const raw = text(body, 'raw', 10 * MB);
      const { analyzeMessage, makeMessageResolver, messageReport } = await import('../message/index.js');
      // Offline unless the server names its DNS server: a web visitor never makes it ask the machine's resolver.
      const verify = (body.verify === true || body.verify === 'on') && ctx.deps.dnsServer
        ? { resolver: makeMessageResolver({ server: ctx.deps.dnsServer, timeoutMs: Math.min(5000, ctx.deps.timeoutMs ?? 5000) }), timeoutMs: ctx.deps.timeoutMs ?? 20_000 }
        : undefined;
      const analysis = await analyzeMessage(raw, { quoted: body.quoted === true || body.quoted === 'on', ...(verify ? { verify } : {}), ...(ctx.deps.now ? { now: ctx.deps.now } : {}) });
      const report = messageReport(analysis, { lang: ctx.lang, ...(ctx.deps.now ? { now: ctx.deps.now } : {}) });
      // Asked to verify, but this server may ask no DNS server: said, not silently skipped.
      if ((body.verify === true || body.verify === 'on') && !verify) {
        return { ...report, findings: [...report.findings, VERIFY_NEEDS_DNS], status: worstStatus([...report.findings, VERIFY_NEEDS_DNS]) };
      }
      return report;
    },
  },
  {
    id: 'doctor', path: '/api/doctor', summary: 'Run the guided troubleshooter for one of the seven cases with the given answers',
    bodyLimit: 20 * MB, probes: true,
    input: {
      type: 'object', required: ['case'], properties: {
        case: { enum: ['client-send', 'client-receive', 'webmail', 'php-mail', 'vps-send', 'vps-receive', 'lost-message'] },
        answers: { type: 'object', description: 'DoctorAnswers (see docs/json-schema.md); file paths are not accepted over the web' },
      },
    },
    async run(body, ctx) {
      const answers = webAnswers(body.answers);
      const caseId = text(body, 'case', 40);
      try {
        return await runDoctor(caseId, answers, {
          lang: ctx.lang, deps: { ...ctx.deps, guardTarget: ctx.guardTarget },
          onProgress: (p) => { ctx.onProgress?.(p); if (p.type === 'done') for (const f of p.findings) ctx.onFinding?.(f); },
        });
      } catch (e) {
        if (e instanceof RangeError) throw new HttpError(400, e.message, 'bad-field');
        throw e;
      }
    },
  },
];

/** Answers from the web: validated, and never a server-side file path (the web sends the text itself). */
export function webAnswers(v: unknown): ReturnType<typeof parseDoctorAnswers> {
  try {
    const a = parseDoctorAnswers(v ?? {});
    // A path would make the server read its own files (and "live" its own mail queue) for a visitor.
    if (a.bounceFile || a.logFile || a.messageFile || a.queueFile) throw new HttpError(400, 'file paths are not accepted over the web; send the text as "bounce", "log", "message" or "queue"', 'bad-field');
    return a;
  } catch (e) {
    if (e instanceof AnswersError) throw new HttpError(400, e.message, 'bad-field');
    throw e;
  }
}
