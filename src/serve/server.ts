/**
 * `mailmedic serve`: the web app and JSON API on node:http. No framework, no external resources.
 * Safety: only the Host names it listens under (no DNS rebinding), a start-up token when reachable from the
 * network, same-origin POSTs only, strict CSP (scripts only from /app.js), body limits per operation, a time
 * budget per request that also ends when the client leaves, the probe target policy (one address check, and
 * the probe connects to the address checked) and a per-client rate limit when exposed, request logging
 * without bodies or query strings.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lang, Report } from '../core/finding.js';
import { STATUS_ORDER } from '../core/finding.js';
import { DOCTOR_CASES } from '../doctor/cases/index.js';
import { hasCapability } from '../doctor/checks/load.js';
import { dnsClientFor } from '../doctor/checks/resolver.js';
import { questionById } from '../doctor/questions.js';
import { nextDoctorStep } from '../doctor/steps.js';
import type { DoctorDeps } from '../doctor/types.js';
import { pick } from '../i18n/text.js';
import { render } from '../report/index.js';
import { API_OPERATIONS, webAnswers, type ApiContext, type ApiOperation } from './api.js';
import { APP_CSS } from './assets/css.js';
import { buildOpenApi } from './openapi.js';
import { PAGES, renderPage, type PageId } from './pages.js';
import { normalizeAddress, nonPublicKind } from './address.js';
import { checkProbeTarget, HttpError, isLoopbackBind, RateLimiter, readJson, spoolBody } from './security.js';
import { SERVE_TEXT } from './texts.js';
import { dashboardHttpError, watchRoutes, type WatchRoute } from './watch-api.js';
import { streamHttpError, streamRoutes, type StreamRoute } from './stream-api.js';
import type { WatchDashboard } from '../watch/dashboard.js';
import type { StreamReader } from '../stream/web-queries.js';
import { findingForTheWeb, reportForTheWeb } from './web-words.js';

/** Where and how the web app listens, which DNS server and CA it uses, and what it allows when exposed. */
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
  /**
   * A token every request must carry (cookie set by opening `/?token=…` once, or `Authorization: Bearer …`).
   * Default: a random one when the listen address is not loopback (printed at start-up); none on loopback.
   */
  token?: string;
  /** More Host names to answer to (e.g. the name a reverse proxy in front uses); loopback names always work. */
  allowedHosts?: readonly string[];
  /** Time budget of one request's work in ms (default 90 000): past it, or when the client leaves, the work stops. */
  budgetMs?: number;
  /**
   * The monitoring dashboard: a watch list (`mailmedic watch`'s) and its history database (a SQLite file, default the
   * list's name with .db beside it, or a postgres:// URL). Without it the app has no dashboard.
   */
  watch?: { list: string; db?: string };
  /**
   * The stream workers' results database (`mailmedic worker`'s, a postgres:// URL): adds the page /stream and the
   * read-only routes /api/stream/*. Without it the app loads neither `pg` nor the stream capability.
   */
  streamDb?: string;
}

/** A running web app: its URL, the token when exposed, and how to stop it. */
export interface MailmedicServer {
  server: Server;
  url: string;
  /** The token requests must carry, when one is required. */
  token?: string;
  close(): Promise<void>;
}

/**
 * The client script, compiled from src/serve/web/app.ts by `npm run build` next to this module
 * (dist/src/serve/web/app.js). Read once per server.
 */
function loadAppJs(): string {
  const file = new URL('./web/app.js', import.meta.url);
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`the web app's script is missing (${file.pathname}): run "npm run build" (${(e as Error).message})`);
  }
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

/** Write a whole answer; a response whose client has gone (or that was already answered) is left alone. */
function send(res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed || res.writableEnded) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, extra: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(value), extra);
}

/** The client's address, read while the socket is there (after a 413 or a hang-up `req.socket` is null). */
function clientOf(req: IncomingMessage): string {
  return req.socket?.remoteAddress ?? 'unknown';
}

const TOKEN_COOKIE = 'mailmedic_token';
const digest = (s: string) => createHash('sha256').update(s).digest();

/** The token a request carries: Authorization: Bearer, the cookie, or ?token= (the link printed at start-up). */
function tokenOf(req: IncomingMessage, url: URL): { token?: string; fromQuery: boolean } {
  const auth = /^Bearer\s+(\S{1,200})$/i.exec(String(req.headers.authorization ?? ''));
  if (auth) return { token: auth[1]!, fromQuery: false };
  const cookie = new RegExp(`(?:^|;\\s*)${TOKEN_COOKIE}=([\\w-]{1,200})(?:;|$)`).exec(String(req.headers.cookie ?? '').slice(0, 8192));
  if (cookie) return { token: cookie[1]!, fromQuery: false };
  const q = url.searchParams.get('token');
  return q ? { token: q.slice(0, 200), fromQuery: true } : { fromQuery: false };
}

/** Host header values the server answers to: each name with the real port (and bare when the port is 80). */
function hostAllowlist(bound: string, port: number, extra: readonly string[]): Set<string> {
  const names = new Set(['localhost', '127.0.0.1', '[::1]']);
  const add = (h: string) => {
    const a = normalizeAddress(h);
    names.add(a ? (a.version === 6 ? `[${a.text}]` : a.text) : h.toLowerCase().replace(/\.$/, ''));
  };
  add(bound);
  const b = normalizeAddress(bound);
  if (b && nonPublicKind(b) === 'unspecified') {
    // Listening on every address: the machine's own addresses are its names.
    for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) if (!i.address.includes('%')) add(i.address);
  }
  for (const h of extra) add(h);
  const out = new Set<string>();
  for (const n of names) { out.add(`${n}:${port}`); if (port === 80) out.add(n); }
  return out;
}

/** Rejects with the signal's reason as soon as it aborts; otherwise settles as `p` does. */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then((v) => { signal.removeEventListener('abort', onAbort); resolve(v); }, (e) => { signal.removeEventListener('abort', onAbort); reject(e); });
  });
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

/** The name an upload is shown under: the browser's file name (X-File-Name, URI-encoded), cleaned, or "upload". */
function uploadName(header: string | string[] | undefined): string {
  let name = '';
  try { name = decodeURIComponent(String(Array.isArray(header) ? header[0] : header ?? '')); } catch { name = ''; }
  name = name.replace(/^.*[\\/]/, '').replace(/[^\p{L}\p{N} ._()-]/gu, '').slice(0, 100).trim();
  return name || 'upload';
}

/** A report with every mention of a server-side path replaced by the name the visitor knows. */
function renamePath(report: Report, path: string, shown: string): Report {
  return JSON.parse(JSON.stringify(report).split(JSON.stringify(path).slice(1, -1)).join(JSON.stringify(shown).slice(1, -1))) as Report;
}

/** The route of a table (the dashboard's, the results') for a request: 405 for a known path with another method, else 404. */
function routeOf<R extends { path: string; method: string }>(table: readonly R[], req: IncomingMessage, path: string): R {
  const method = req.method === 'HEAD' ? 'GET' : req.method;
  const route = table.find((r) => r.path === path && r.method === method);
  if (route) return route;
  if (table.some((r) => r.path === path)) throw new HttpError(405, 'method not allowed', 'method');
  throw new HttpError(404, 'not found', 'not-found');
}

/** The web app and JSON API as an HTTP server (not listening yet: call `listen()`). */
export function createMailmedicServer(opts: ServeOptions = {}): { server: Server; listen: () => Promise<MailmedicServer> } {
  const host = opts.host ?? '127.0.0.1';
  const loopback = isLoopbackBind(host);
  const exposed = !loopback || Boolean(opts.restrictProbes);
  if (opts.token !== undefined && !/^[\w-]{1,200}$/.test(opts.token)) throw new RangeError('the token must be 1 to 200 letters, digits, "-" or "_"');
  const token = opts.token ?? (loopback ? undefined : randomBytes(18).toString('base64url'));
  const tokenDigest = token ? digest(token) : undefined;
  const budgetMs = opts.budgetMs ?? 90_000;
  const appJs = loadAppJs();
  let allowedHosts = new Set<string>();
  const openapiByHost = new Map<string, string>();
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
  // The dashboard: opened by listen() (the watch capability is loaded only then), closed with the server.
  let dashboard: WatchDashboard | undefined;
  let routes: WatchRoute[] = [];
  // The stream workers' results: opened by listen() (pg and src/stream are loaded only then), closed with the server.
  let reader: StreamReader | undefined;
  let readerDatabase = '';
  const stream = streamRoutes();
  /** The OpenAPI document with `servers` naming the address the client reached (its Host is on the allowlist). */
  const openapiFor = (hostHeader: string): string => {
    let doc = openapiByHost.get(hostHeader);
    if (!doc) {
      doc = JSON.stringify(buildOpenApi(`http://${hostHeader}`), null, 2);
      if (openapiByHost.size < 32) openapiByHost.set(hostHeader, doc);
    }
    return doc;
  };

  async function runOperation(op: ApiOperation, req: IncomingMessage, res: ServerResponse, url: URL, lang: Lang, client: string, signal: AbortSignal): Promise<void> {
    if (op.probes && !limiter.take(client)) throw new HttpError(429, 'too many tests from this address; wait a minute', 'rate-limited');
    // An uploaded file (any type but JSON) goes to a private temporary folder, removed when the answer is sent.
    const upload = op.upload && !/^application\/json\b/i.test(String(req.headers['content-type'] ?? '')) ? op.upload : undefined;
    let spoolDir: string | undefined;
    let body: Record<string, unknown> = {};
    let work: (ctx: ApiContext) => Promise<Report>;
    if (upload) {
      spoolDir = await mkdtemp(join(tmpdir(), 'mailmedic-upload-'));
      const file = join(spoolDir, 'upload');
      res.once('close', () => { void rm(spoolDir!, { recursive: true, force: true }); });
      await spoolBody(req, file, upload.limit);
      // The report names the file as the visitor knows it, never the server's temporary path.
      const shownName = uploadName(req.headers['x-file-name']);
      work = async (ctx) => renamePath(await upload.run(file, ctx), file, shownName);
    } else {
      body = await readJson(req, op.bodyLimit);
      work = (ctx) => op.run(body, ctx);
    }
    // A fresh DNS client per request (the client caches answers for its lifetime; a server lives long), which
    // stops asking when the request's budget ends or its client leaves.
    const deps: DoctorDeps = { ...baseDeps, signal };
    const stream = url.searchParams.get('stream') === '1' || /text\/event-stream/.test(String(req.headers.accept ?? ''));
    if (!stream) {
      const report = await untilAborted(work({ lang, deps, guardTarget, restricted: restrict }), signal);
      sendJson(res, 200, reportForTheWeb(report));
      return;
    }
    // Validation errors before the first event still get a proper status code: the stream opens lazily.
    let open = false;
    const event = (name: string, data: unknown) => {
      if (res.destroyed || res.writableEnded) return;
      if (!open) {
        res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
        open = true;
      }
      res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const ctx: ApiContext = {
      lang, deps, guardTarget, restricted: restrict,
      onFinding: (f) => event('finding', findingForTheWeb(f)),
      onProgress: (p) => event('progress', p.type === 'done' ? { ...p, findings: undefined } : p),
    };
    try {
      const report = await untilAborted(work(ctx), signal);
      event('report', reportForTheWeb(report));
      res.end();
    } catch (e) {
      if (!open) throw e;
      const he = e instanceof HttpError ? e : new HttpError(500, 'internal error');
      event('error', { error: he.code, message: he.message, status: he.status, ...(he.field ? { field: he.field } : {}) });
      res.end();
    }
  }

  /** Refusals that come before any work: a foreign Host name, a missing token, a cross-site POST. */
  function admit(req: IncomingMessage, res: ServerResponse, url: URL, lang: Lang): boolean {
    const hostHeader = String(req.headers.host ?? '').toLowerCase();
    // DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends "Host: evil.example".
    if (!allowedHosts.has(hostHeader)) throw new HttpError(403, `this server does not answer to the name "${hostHeader.slice(0, 100)}"`, 'host-refused');
    if (req.method === 'GET' && (url.pathname === '/app.js' || url.pathname === '/app.css')) return true;
    if (tokenDigest) {
      const { token: given, fromQuery } = tokenOf(req, url);
      if (!given || !timingSafeEqual(digest(given), tokenDigest)) {
        if (req.method === 'GET' && !url.pathname.startsWith('/api/') && url.pathname !== '/openapi.json') {
          send(res, 401, 'text/plain; charset=utf-8', pick(SERVE_TEXT.tokenPage, lang) + '\n');
          return false;
        }
        throw new HttpError(401, 'this server needs the token printed when it started (cookie, Authorization: Bearer, or ?token=)', 'token-required');
      }
      if (fromQuery && req.method === 'GET') {
        // The token goes into a cookie once; the address bar and history keep the address without it.
        url.searchParams.delete('token');
        send(res, 303, 'text/plain; charset=utf-8', '', {
          Location: url.pathname + (url.search || ''),
          'Set-Cookie': `${TOKEN_COOKIE}=${given}; Path=/; HttpOnly; SameSite=Strict`,
        });
        return false;
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      // A cross-site page must not drive the API (CSRF): browsers send Origin on every POST. "null" (sandboxed
      // frames, file: pages) and anything that is no http(s) origin of this very Host are refused.
      const origin = req.headers.origin;
      if (origin !== undefined) {
        let o: URL | undefined;
        try { o = new URL(String(origin)); } catch { o = undefined; }
        if (!o || (o.protocol !== 'http:' && o.protocol !== 'https:') || o.host !== hostHeader || o.origin !== String(origin).toLowerCase()) {
          throw new HttpError(403, 'cross-origin requests are refused', 'cross-origin');
        }
      }
      if (req.headers['sec-fetch-site'] === 'cross-site') throw new HttpError(403, 'cross-origin requests are refused', 'cross-origin');
    }
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, client: string, signal: AbortSignal): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const lang = chooseLang(req, url);
    const path = url.pathname;
    if (!admit(req, res, url, lang)) return;
    if (path.startsWith('/api/watch/')) return watchRoute(req, res, url, path, client);
    if (path.startsWith('/api/stream/')) return streamRoute(req, res, url, path, lang);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/app.js') return send(res, 200, 'text/javascript; charset=utf-8', appJs);
      if (path === '/app.css') return send(res, 200, 'text/css; charset=utf-8', APP_CSS);
      if (path === '/openapi.json') return send(res, 200, 'application/json; charset=utf-8', openapiFor(String(req.headers.host).toLowerCase()));
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
      if (PAGES.includes(page) || (page === 'watch' && dashboard) || (page === 'stream' && reader)) {
        const extra: Record<string, string> = { 'Content-Language': lang, Vary: 'Accept-Language, Cookie' };
        const q = url.searchParams.get('lang');
        if (q === 'pl' || q === 'en') extra['Set-Cookie'] = `lang=${q}; Path=/; SameSite=Strict; Max-Age=31536000`;
        return send(res, 200, 'text/html; charset=utf-8', renderPage(page, lang, { watch: Boolean(dashboard), stream: Boolean(reader) }), extra);
      }
      throw new HttpError(404, 'not found', 'not-found');
    }
    if (req.method !== 'POST') throw new HttpError(405, 'method not allowed', 'method');
    const op = API_OPERATIONS.find((x) => x.path === path);
    if (op) return runOperation(op, req, res, url, lang, client, signal);
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

  /** /api/watch/…: the dashboard's routes (404 when the server has no watch list). */
  async function watchRoute(req: IncomingMessage, res: ServerResponse, url: URL, path: string, client: string): Promise<void> {
    if (!dashboard) throw new HttpError(404, 'this server has no watch list (start it with --watch watch.yaml)', 'not-found');
    const route = routeOf(routes, req, path);
    const body = route.bodyLimit ? await readJson(req, route.bodyLimit) : {};
    try {
      sendJson(res, 200, await route.run(dashboard, { body, params: url.searchParams, client }));
    } catch (e) {
      throw dashboardHttpError(e) ?? e;
    }
  }

  /** /api/stream/…: the stream workers' results (404 when the server has no results database; 503 while it is away). */
  async function streamRoute(req: IncomingMessage, res: ServerResponse, url: URL, path: string, lang: Lang): Promise<void> {
    if (!reader) throw new HttpError(404, 'this server has no results database (start it with --stream-db postgres://…)', 'not-found');
    const route = routeOf(stream, req, path);
    let out: unknown;
    try {
      out = await route.run(reader, { params: url.searchParams, lang, database: readerDatabase });
    } catch (e) {
      throw streamHttpError(e) ?? e;
    }
    if (!route.file) return sendJson(res, 200, out);
    send(res, 200, `${route.file.type}; charset=utf-8`, String(out), { 'Content-Disposition': `attachment; filename="${route.file.name}"` });
  }

  const server = createServer((req, res) => {
    const started = Date.now();
    // Read now: once the socket is gone (a hang-up, an over-limit upload dropped) req.socket is null.
    const client = clientOf(req);
    const path = (req.url ?? '').split('?')[0]!.slice(0, 200);
    const line = (status: string) => `${new Date().toISOString()} ${client} ${req.method} ${path} ${status} ${Date.now() - started}ms`;
    const safeLog = (l: string) => { try { opts.log?.(l); } catch { /* a failing log sink must not take the server down */ } };
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    // The work of this request stops when its budget is spent or its client leaves.
    const work = new AbortController();
    // Every DNS query and connection of the request listens on it while it runs (bounded by their concurrency).
    setMaxListeners(0, work.signal);
    const budget = setTimeout(() => work.abort(new HttpError(503, `the check took longer than ${Math.round(budgetMs / 1000)} s and was stopped`, 'over-budget')), budgetMs);
    res.on('finish', () => safeLog(line(String(res.statusCode))));
    res.on('close', () => {
      clearTimeout(budget);
      if (!res.writableFinished) {
        work.abort(new HttpError(499, 'the client left before the answer', 'client-gone'));
        safeLog(line('aborted'));
      }
    });
    handle(req, res, client, work.signal).catch((e) => {
      const he = e instanceof HttpError ? e : new HttpError(500, 'internal error', 'internal');
      if (!(e instanceof HttpError)) safeLog(`internal error: ${(e as Error)?.message}`);
      if (res.destroyed) return;
      if (res.headersSent) { res.end(); return; }
      // An upload still coming in (over the limit, or refused before it was read): answer, then close the
      // connection; the rest of the body drains meanwhile, and a client that keeps sending is cut off.
      const unread = !req.complete;
      if (unread) {
        req.resume();
        const cut = setTimeout(() => req.destroy(), 2000);
        cut.unref();
        req.once('end', () => clearTimeout(cut));
      }
      sendJson(res, he.status, { ...he.detail, error: he.code, message: he.message, ...(he.field ? { field: he.field } : {}) }, unread ? { Connection: 'close' } : {});
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 120_000;
  server.maxHeadersCount = 100;

  return {
    server,
    listen: async () => {
      if (opts.streamDb && !reader) {
        const [{ openStreamReader }, { redactUrl }] = await Promise.all([import('../stream/web-queries.js'), import('../watch/store/postgres.js')]);
        reader = await openStreamReader(opts.streamDb);
        readerDatabase = redactUrl(opts.streamDb);
      }
      if (opts.watch && !dashboard) {
        const { WatchDashboard } = await import('../watch/dashboard.js');
        // A watch list that cannot be opened leaves no results database open behind it.
        dashboard = await WatchDashboard.open(opts.watch.list, opts.watch.db).catch(async (e: unknown) => { await reader?.close(); reader = undefined; throw e; });
        routes = watchRoutes();
      }
      return new Promise<MailmedicServer>((resolve, reject) => {
      server.once('error', (e) => { void dashboard?.close(); void reader?.close(); reject(e); });
      server.listen(opts.port ?? 8025, host, () => {
        const a = server.address() as AddressInfo;
        const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
        allowedHosts = hostAllowlist(host, a.port, opts.allowedHosts ?? []);
        resolve({
          server, url: `http://${h}:${a.port}`, ...(token ? { token } : {}),
          close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => { void Promise.all([dashboard?.close(), reader?.close()]).catch(() => undefined).then(() => r()); }); }),
        });
      });
      });
    },
  };
}

