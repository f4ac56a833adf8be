/**
 * `mailmedic serve`: the web app and JSON API on node:http. No framework, no external resources.
 * Safety: strict CSP (scripts only from /app.js), body limits per operation, probe target policy and a
 * per-client rate limit when exposed, request logging without bodies or query strings.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Lang, Report } from '../core/finding.js';
import { STATUS_ORDER } from '../core/finding.js';
import { DOCTOR_CASES } from '../doctor/cases/index.js';
import { hasCapability } from '../doctor/checks/load.js';
import { dnsClientFor } from '../doctor/checks/resolver.js';
import { questionById } from '../doctor/questions.js';
import { nextDoctorStep } from '../doctor/steps.js';
import type { DoctorDeps } from '../doctor/types.js';
import { render } from '../report/index.js';
import { API_OPERATIONS, webAnswers, type ApiContext, type ApiOperation } from './api.js';
import { APP_CSS } from './assets/css.js';
import { APP_JS } from './assets/js.js';
import { buildOpenApi } from './openapi.js';
import { PAGES, renderPage, type PageId } from './pages.js';
import { checkProbeTarget, HttpError, isLoopbackBind, RateLimiter, readJson } from './security.js';

export interface ServeOptions {
  host?: string;
  port?: number;
  /** Allow probes of private/loopback/link-local targets and any port even when exposed. */
  allowPrivate?: boolean;
  /** Apply the exposed-server probe policy even on loopback (tests, or a reverse proxy in front). */
  restrictProbes?: boolean;
  /** Probes per minute per client (default 10 when exposed, 120 on loopback). */
  probesPerMinute?: number;
  /** DNS server for every check ("ip:port"). */
  dnsServer?: string;
  /** Trust this CA for TLS probes. */
  caFile?: string;
  timeoutMs?: number;
  /** DNS blocklists to ask instead of the default set (src/domain DnsblList entries). */
  dnsblLists?: readonly unknown[];
  /** Request log line sink (default: none). Never given bodies or query strings. */
  log?: (line: string) => void;
}

export interface MailmedicServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/** Language: ?lang=, then the lang cookie, then Accept-Language (first of pl/en by preference), else English. */
export function chooseLang(req: IncomingMessage, url: URL): Lang {
  const q = url.searchParams.get('lang');
  if (q === 'pl' || q === 'en') return q;
  const cookie = /(?:^|;\s*)lang=(pl|en)\b/.exec(String(req.headers.cookie ?? ''));
  if (cookie) return cookie[1] as Lang;
  const al = String(req.headers['accept-language'] ?? '').slice(0, 500);
  const prefs = al.split(',').map((part, i) => {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qv = params.map((p) => /^q=([\d.]+)$/.exec(p.trim())).find(Boolean);
    return { tag: tag ?? '', q: qv ? Number(qv[1]) : 1, i };
  }).filter((p) => p.tag).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const p of prefs) {
    if (p.tag.startsWith('pl')) return 'pl';
    if (p.tag.startsWith('en')) return 'en';
  }
  return 'en';
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);
}

function clientOf(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** A minimal check that a posted report has the Report shape before rendering it. */
function asPostedReport(v: unknown): Report {
  const r = v as Report;
  if (!r || typeof r !== 'object' || r.schema !== 'mailmedic.report' || !Array.isArray(r.findings)) throw new HttpError(400, 'not a mailmedic report', 'bad-field');
  const okText = (t: unknown) => !t || (typeof t === 'object' && typeof (t as { en?: unknown }).en === 'string');
  for (const f of r.findings) {
    // The status becomes a class name in the HTML report: only the five known words get through.
    if (!f || typeof f.check !== 'string' || !STATUS_ORDER.includes(f.status) || !okText(f.summary)) throw new HttpError(400, 'malformed finding', 'bad-field');
    f.subject = String(f.subject ?? '');
  }
  if (r.tables && !Array.isArray(r.tables)) throw new HttpError(400, 'malformed tables', 'bad-field');
  return r;
}

export function createMailmedicServer(opts: ServeOptions = {}): { server: Server; listen: () => Promise<MailmedicServer> } {
  const host = opts.host ?? '127.0.0.1';
  const exposed = !isLoopbackBind(host) || Boolean(opts.restrictProbes);
  const restrict = exposed && !opts.allowPrivate;
  const limiter = new RateLimiter(opts.probesPerMinute ?? (exposed ? 10 : 120), opts.probesPerMinute ?? (exposed ? 5 : 60));
  const baseDeps: DoctorDeps = {
    ...(opts.dnsServer ? { dnsServer: opts.dnsServer } : {}),
    ...(opts.caFile ? { caFile: opts.caFile } : {}),
    ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.dnsblLists ? { dnsblLists: opts.dnsblLists } : {}),
  };
  const lookup = async (name: string): Promise<string[]> => {
    const dns = (await dnsClientFor({ ...baseDeps })) as { query: (n: string, t: string) => Promise<{ answers: { type: string; data: unknown }[] }> };
    const [a, aaaa] = await Promise.all([dns.query(name, 'A'), dns.query(name, 'AAAA')]);
    return [...a.answers, ...aaaa.answers].filter((r) => r.type === 'A' || r.type === 'AAAA').map((r) => String(r.data));
  };
  const guardTarget = (h: string, p: number) => checkProbeTarget(h, p, { restrict, lookup });
  const openapi = JSON.stringify(buildOpenApi(), null, 2);

  async function runOperation(op: ApiOperation, req: IncomingMessage, res: ServerResponse, url: URL, lang: Lang): Promise<void> {
    if (op.probes && !limiter.take(clientOf(req))) throw new HttpError(429, 'too many tests from this address; wait a minute', 'rate-limited');
    const body = await readJson(req, op.bodyLimit);
    // A fresh DNS client per request (the client caches answers for its lifetime; a server lives long).
    const deps: DoctorDeps = { ...baseDeps };
    const stream = url.searchParams.get('stream') === '1' || /text\/event-stream/.test(String(req.headers.accept ?? ''));
    if (!stream) {
      const report = await op.run(body, { lang, deps, guardTarget, restricted: restrict });
      sendJson(res, 200, report);
      return;
    }
    // Validation errors before the first event still get a proper status code: the stream opens lazily.
    let open = false;
    const event = (name: string, data: unknown) => {
      if (!open) {
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
        open = true;
      }
      res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const ctx: ApiContext = {
      lang, deps, guardTarget, restricted: restrict,
      onFinding: (f) => event('finding', f),
      onProgress: (p) => event('progress', p.type === 'done' ? { ...p, findings: undefined } : p),
    };
    try {
      const report = await op.run(body, ctx);
      event('report', report);
      res.end();
    } catch (e) {
      if (!open) throw e;
      const he = e instanceof HttpError ? e : new HttpError(500, 'internal error');
      event('error', { error: he.code, message: he.message, status: he.status, ...(he.field ? { field: he.field } : {}) });
      res.end();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const lang = chooseLang(req, url);
    const path = url.pathname;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', APP_JS);
      if (path === '/app.css') return send(res, 200, 'text/css; charset=utf-8', APP_CSS);
      if (path === '/openapi.json') return send(res, 200, 'application/json; charset=utf-8', openapi);
      if (path === '/api/health') {
        const caps: Record<string, boolean> = {};
        for (const [cap, fns] of Object.entries({ explain: ['explain'], bounce: ['parseBounce'], domain: ['checkDomain'], probe: ['probeSmtp'], settings: ['findMailSettings'], logs: ['findLogProblems'] })) {
          caps[cap] = await hasCapability(cap, fns);
        }
        return sendJson(res, 200, { ok: true, exposed, restrictProbes: restrict, capabilities: caps });
      }
      if (path === '/api/doctor/cases') {
        return sendJson(res, 200, { cases: DOCTOR_CASES.map((c) => ({
          id: c.id, seedNumber: c.seedNumber, title: c.title, description: c.description, checks: c.checks, supportFacts: c.supportFacts, notes: c.notes,
          questions: c.questions.map((id) => { const q = questionById(id)!; return { id, path: q.path, kind: q.kind, prompt: q.prompt, optional: Boolean(q.optional), ...(q.choices ? { choices: q.choices } : {}) }; }),
        })) });
      }
      const page = (path === '/' ? 'home' : path.slice(1)) as PageId;
      if (PAGES.includes(page)) {
        const extra: Record<string, string> = { 'Content-Language': lang, Vary: 'Accept-Language, Cookie' };
        const q = url.searchParams.get('lang');
        if (q === 'pl' || q === 'en') extra['Set-Cookie'] = `lang=${q}; Path=/; SameSite=Strict; Max-Age=31536000`;
        return send(res, 200, 'text/html; charset=utf-8', renderPage(page, lang), extra);
      }
      throw new HttpError(404, 'not found', 'not-found');
    }
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed', 'method');
    // A cross-site page must not drive the API of a local instance (CSRF): browsers send Origin on POST.
    const origin = req.headers.origin;
    if (origin && origin !== 'null') {
      const o = new URL(origin);
      if (o.host !== req.headers.host) throw new HttpError(403, 'cross-origin requests are refused', 'cross-origin');
    }
    const op = API_OPERATIONS.find((x) => x.path === path);
    if (op) return runOperation(op, req, res, url, lang);
    if (path === '/api/doctor/next') {
      const body = await readJson(req, 1024 * 1024);
      const answers = webAnswers(body.answers);
      const skipped = Array.isArray(body.skipped) ? body.skipped.filter((s): s is string => typeof s === 'string').slice(0, 100) : [];
      try {
        const step = nextDoctorStep(String(body.case ?? ''), answers, skipped);
        return sendJson(res, 200, step ? { done: false, step } : { done: true });
      } catch (e) {
        throw new HttpError(400, (e as Error).message, 'bad-field');
      }
    }
    if (path === '/api/render') {
      const body = await readJson(req, 8 * 1024 * 1024);
      const report = asPostedReport(body.report);
      const format = body.format === 'markdown' || body.format === 'html' || body.format === 'json' ? body.format : undefined;
      if (!format) throw new HttpError(400, 'format must be markdown, html or json', 'bad-field');
      const l: Lang = body.lang === 'pl' ? 'pl' : body.lang === 'en' ? 'en' : lang;
      let out: string;
      try {
        out = render(report, format, { lang: l });
      } catch {
        throw new HttpError(400, 'the report could not be rendered', 'bad-field');
      }
      const type = { markdown: 'text/markdown', html: 'text/html', json: 'application/json' }[format];
      const ext = { markdown: 'md', html: 'html', json: 'json' }[format];
      return send(res, 200, `${type}; charset=utf-8`, out, { 'Content-Disposition': `attachment; filename="mailmedic-${report.command.replace(/[^\w-]/g, '')}.${ext}"` });
    }
    throw new HttpError(404, 'not found', 'not-found');
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    res.on('finish', () => opts.log?.(`${new Date().toISOString()} ${clientOf(req)} ${req.method} ${(req.url ?? '').split('?')[0]} ${res.statusCode} ${Date.now() - started}ms`));
    handle(req, res).catch((e) => {
      const he = e instanceof HttpError ? e : new HttpError(500, 'internal error', 'internal');
      if (!(e instanceof HttpError)) opts.log?.(`internal error: ${(e as Error)?.message}`);
      if (res.headersSent) { res.end(); return; }
      sendJson(res, he.status, { error: he.code, message: he.message, ...(he.field ? { field: he.field } : {}) });
      // Drain or drop what is left of an over-limit upload.
      if (he.status === 413) req.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  server.maxHeadersCount = 100;

  return {
    server,
    listen: () => new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 8025, host, () => {
        const a = server.address() as AddressInfo;
        const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
        resolve({ server, url: `http://${h}:${a.port}`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) });
      });
    }),
  };
}

