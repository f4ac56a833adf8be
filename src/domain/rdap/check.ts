/**
 * Is the domain registered and active? An RDAP look-up (RFC 9083) at its registry, found through the RDAP bootstrap
 * (RFC 9224): the registry's statuses (a domain on hold or expired is out of DNS: the seeds' first question, "is
 * your domain active?"), the expiry date (warn 30 days ahead) and the registrar to contact. Bounded: one registry,
 * at most three names tried (the name, then its parents: mail.example.co.uk → example.co.uk), answers ≤ 512 KiB.
 */
import type { Finding } from '../../core/finding.js';
import { fill, tx } from '../../i18n/text.js';
import { getDomain } from 'tldts';
import { finding } from '../util.js';
import BUNDLED from './bootstrap.json' with { type: 'json' };
import { REGISTRY_STATUSES, statusKey } from './statuses.js';

/** An RDAP bootstrap document (RFC 9224): which base URLs serve which TLDs (or longer suffixes). */
export interface RdapBootstrap {
  publication?: string;
  services: [suffixes: string[], urls: string[]][];
}

/** One HTTP answer: status and body text. */
export interface RdapResponse { status: number; body: string }
/** GET a URL with a time limit (inject a recorded or failing one in tests). */
export type RdapFetch = (url: string, options: { timeoutMs: number }) => Promise<RdapResponse>;

/** Options of `checkRegistration`. */
export interface RegistrationOptions {
  /** Bootstrap to find the registry (default: the bundled one, see scripts/update-rdap-bootstrap.mjs). */
  bootstrap?: RdapBootstrap;
  /** The HTTP client (default: `defaultRdapFetch`, HTTPS only). */
  fetch?: RdapFetch;
  /** Time limit of each request, in ms (default 8000). */
  timeoutMs?: number;
  /** The clock, for days to expiry (default: now). */
  now?: () => Date;
  /** Warn this many days before expiry (default 30). */
  warnDays?: number;
}

/** What the registry said, for `data` and tables. */
export interface RegistrationInfo {
  /** The name the registry answered for (the registered domain). */
  domain: string;
  /** The RDAP server asked. */
  server: string;
  statuses: string[];
  expires?: string;
  registered?: string;
  registrar?: string;
  daysLeft?: number;
}

const MAX_BODY = 512 * 1024;
const MAX_TRIES = 3;

/** The bundled bootstrap (a seed subset of IANA's dns.json; scripts/update-rdap-bootstrap.mjs refreshes it). */
export function bundledRdapBootstrap(): RdapBootstrap {
  return BUNDLED as unknown as RdapBootstrap;
}

/** Read a bootstrap document (RFC 9224), refusing anything not shaped like one. */
export function parseRdapBootstrap(text: string): RdapBootstrap {
  const doc = JSON.parse(text) as { services?: unknown };
  const ok = Array.isArray(doc.services) && doc.services.every((s) => Array.isArray(s) && s.length >= 2 && Array.isArray(s[0]) && Array.isArray(s[1])
    && (s[0] as unknown[]).every((x) => typeof x === 'string') && (s[1] as unknown[]).every((x) => typeof x === 'string'));
  if (!ok) throw new Error('not an RDAP bootstrap file (RFC 9224): "services" must be a list of [[suffixes], [URLs]]');
  return doc as RdapBootstrap;
}

/** The service for a domain: its base URL (HTTPS preferred) and the suffix it serves (the longest that matches). */
function matchService(domain: string, bootstrap: RdapBootstrap): { url: string; suffix: string } | undefined {
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 1; i < labels.length; i++) {
    const suffix = labels.slice(i).join('.');
    for (const [suffixes, urls] of bootstrap.services) {
      if (!suffixes.some((s) => s.toLowerCase().replace(/\.$/, '') === suffix)) continue;
      const url = urls.find((u) => u.startsWith('https://')) ?? urls.find(allowedUrl);
      if (url) return { url: url.endsWith('/') ? url : url + '/', suffix };
    }
  }
  return undefined;
}

/** The base URL serving a domain: the longest matching suffix; an HTTPS URL preferred. */
export function rdapServerFor(domain: string, bootstrap: RdapBootstrap): string | undefined {
  return matchService(domain, bootstrap)?.url;
}

/** Plain HTTP only to this machine (a local RDAP mirror, the tests' server); anything else must be HTTPS. */
function allowedUrl(url: string): boolean {
  if (url.startsWith('https://')) return true;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(u.hostname);
  } catch { return false; }
}

/** GET through Node's fetch: HTTPS (plain HTTP to loopback only), redirects followed (at most 3), body cut at 512 KiB. */
export const defaultRdapFetch: RdapFetch = async (url, { timeoutMs }) => {
  let current = url;
  for (let hop = 0; hop <= 3; hop++) {
    if (!allowedUrl(current)) throw new Error(`refusing a non-HTTPS RDAP URL: ${current.slice(0, 200)}`);
    const res = await fetch(current, { redirect: 'manual', signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/rdap+json, application/json', 'user-agent': 'mailmedic' } });
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      current = new URL(res.headers.get('location')!, current).toString();
      await res.body?.cancel();
      continue;
    }
    return { status: res.status, body: await readCapped(res) };
  }
  throw new Error('too many redirects');
};

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_BODY) { await reader.cancel(); throw new Error(`answer over ${MAX_BODY} bytes`); }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

interface RdapDomain {
  objectClassName?: string;
  ldhName?: string;
  status?: unknown;
  events?: { eventAction?: unknown; eventDate?: unknown }[];
  entities?: { roles?: unknown; vcardArray?: unknown; handle?: unknown }[];
}

/** The registrar's name from its vCard (jCard, RFC 7095: ["vcard", [["fn", {}, "text", "Name"], …]]). */
function registrarName(d: RdapDomain): string | undefined {
  for (const e of Array.isArray(d.entities) ? d.entities.slice(0, 50) : []) {
    if (!Array.isArray(e.roles) || !e.roles.includes('registrar')) continue;
    const card = Array.isArray(e.vcardArray) ? e.vcardArray[1] : undefined;
    const fn = Array.isArray(card) ? card.find((p: unknown) => Array.isArray(p) && p[0] === 'fn') : undefined;
    if (Array.isArray(fn) && typeof fn[3] === 'string' && fn[3].trim()) return fn[3].trim().slice(0, 200);
    if (typeof e.handle === 'string') return e.handle.slice(0, 200);
  }
  return undefined;
}

function eventDate(d: RdapDomain, action: string): string | undefined {
  const e = (Array.isArray(d.events) ? d.events : []).find((x) => x && x.eventAction === action && typeof x.eventDate === 'string');
  const t = e ? Date.parse(e.eventDate as string) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

const T = {
  subject: 'registration',
  noServer: tx('Registration not checked: no RDAP service is known for .{tld} (the bundled list covers common TLDs; --rdap-bootstrap FILE gives another).',
    'Rejestracji nie sprawdzono: nie jest znana usługa RDAP dla .{tld} (dołączona lista obejmuje popularne domeny najwyższego poziomu; inną podaje --rdap-bootstrap PLIK).'),
  failed: tx('Registration not checked: the registry\'s RDAP service did not answer ({why}).', 'Rejestracji nie sprawdzono: usługa RDAP rejestru nie odpowiedziała ({why}).'),
  notFound: tx('The registry does not know {domain}: it is not registered (or it has been deleted).', 'Rejestr nie zna domeny {domain}: nie jest zarejestrowana (albo została usunięta).'),
  notFoundAdvice: tx('Check the spelling; if the domain was yours, it has lapsed: register it again through a registrar.', 'Sprawdź pisownię; jeśli domena była Twoja, wygasła: zarejestruj ją ponownie u rejestratora.'),
  active: tx('{domain} is registered and active{expiry}{registrar}.', 'Domena {domain} jest zarejestrowana i aktywna{expiry}{registrar}.'),
  expiry: tx('; it expires on {date} (in {days} days)', '; wygasa {date} (za {days} dni)'),
  registrar: tx('; registrar: {name}', '; rejestrator: {name}'),
  expiresSoon: tx('{domain} expires on {date}, in {days} days: if it is not renewed, mail to and from it stops.', 'Domena {domain} wygasa {date}, za {days} dni: jeśli nie zostanie odnowiona, poczta do niej i z niej przestanie działać.'),
  expiresSoonAdvice: tx('Renew the domain with the registrar{registrar} now, or check that automatic renewal and the payment card are in order.', 'Odnów domenę u rejestratora{registrar} już teraz albo sprawdź, czy automatyczne odnowienie i karta płatnicza są w porządku.'),
  expired: tx('{domain} expired on {date} ({days} days ago).', 'Domena {domain} wygasła {date} ({days} dni temu).'),
  expiredAdvice: tx('Renew it with the registrar{registrar} at once: after expiry the registry takes it out of DNS and then deletes it.', 'Natychmiast odnów ją u rejestratora{registrar}: po wygaśnięciu rejestr usuwa ją z DNS, a potem kasuje.'),
  statusLine: tx('Registry status: {list}.', 'Stan w rejestrze: {list}.'),
};

const day = (iso: string) => iso.slice(0, 10);

/**
 * The registration findings of a domain (check `dns.registration.*`): active with its expiry and registrar, expiring
 * soon, expired, on hold, in redemption, pending delete, not registered — or "not checked" and why.
 */
export async function checkRegistration(domain: string, options: RegistrationOptions = {}): Promise<{ findings: Finding[]; info?: RegistrationInfo }> {
  const C = 'dns.registration';
  const bootstrap = options.bootstrap ?? bundledRdapBootstrap();
  const service = matchService(domain, bootstrap);
  const tld = domain.replace(/\.$/, '').split('.').pop() ?? '';
  if (!service) return { findings: [finding(`${C}.not-checked`, 'info', domain, fill(T.noServer, { tld }))] };
  const get = options.fetch ?? defaultRdapFetch;
  const timeoutMs = options.timeoutMs ?? 8000;
  const server = service.url;
  const labels = domain.toLowerCase().replace(/\.$/, '').split('.');
  // The registered domain per the Public Suffix List (mail.example.co.uk → example.co.uk), as DMARC finds its
  // organizational domain; a suffix the list does not know: the name, then its parents under the registry's suffix.
  const registrable = getDomain(domain, { allowPrivateDomains: false });
  const names = registrable && registrable.endsWith('.' + service.suffix) ? [registrable]
    : labels.map((_, i) => labels.slice(i).join('.')).filter((n) => n.endsWith('.' + service.suffix)).slice(0, MAX_TRIES);
  const evidence = (name: string, body?: string) => [{ kind: 'text' as const, label: 'RDAP', value: `${server}domain/${name}${body ? '\n' + body : ''}` }];
  /** The registry could not be read: said as "not checked", with the URL asked when there is one to show. */
  const notChecked = (why: string, name?: string) => ({ findings: [finding(`${C}.not-checked`, 'unknown', domain, fill(T.failed, { why }), name ? { evidence: evidence(name) } : {})] });
  let found: { name: string; doc: RdapDomain } | undefined;
  let notFound = false;
  for (const name of names) {
    let res: RdapResponse;
    try {
      res = await get(`${server}domain/${encodeURIComponent(name)}`, { timeoutMs });
    } catch (e) {
      return notChecked(String((e as Error).message ?? e).slice(0, 200), name);
    }
    if (res.status === 404) { notFound = true; continue; }
    if (res.status !== 200) {
      return notChecked(`HTTP ${res.status}`, name);
    }
    let doc: RdapDomain;
    try { doc = JSON.parse(res.body) as RdapDomain; } catch { return notChecked('not JSON'); }
    if (!doc || typeof doc !== 'object' || (doc.objectClassName !== undefined && doc.objectClassName !== 'domain')) {
      return notChecked('not an RDAP domain object');
    }
    found = { name, doc };
    break;
  }
  if (!found) {
    // No public-suffix list here: the name as given is what the reader knows, and none of its parents answered either.
    if (notFound) return { findings: [finding(`${C}.not-registered`, 'error', domain, fill(T.notFound, { domain }), { advice: [T.notFoundAdvice], evidence: [{ kind: 'text', label: 'RDAP', value: names.map((n) => `${server}domain/${n} → HTTP 404`).join('\n') }] })] };
    return { findings: [] };
  }
  // The registry's own spelling of the name (after a redirect it may be the parent), else the name asked.
  const ldh = typeof found.doc.ldhName === 'string' ? found.doc.ldhName.toLowerCase().replace(/\.$/, '') : '';
  const name = /^[a-z0-9.-]{1,253}$/.test(ldh) && domain.toLowerCase().endsWith(ldh) ? ldh : found.name;
  const doc = found.doc;
  const statuses = (Array.isArray(doc.status) ? doc.status : []).filter((s): s is string => typeof s === 'string').slice(0, 30).map((s) => s.slice(0, 60));
  const expires = eventDate(doc, 'expiration');
  const registered = eventDate(doc, 'registration');
  const registrar = registrarName(doc);
  const now = (options.now ?? (() => new Date()))();
  const daysLeft = expires ? Math.floor((Date.parse(expires) - now.getTime()) / 86_400_000) : undefined;
  const info: RegistrationInfo = { domain: name, server, statuses, ...(expires ? { expires } : {}), ...(registered ? { registered } : {}), ...(registrar ? { registrar } : {}), ...(daysLeft !== undefined ? { daysLeft } : {}) };
  const statusEvidence = evidence(name, [statuses.length ? `status: ${statuses.join(', ')}` : '', expires ? `expiration: ${expires}` : '', registrar ? `registrar: ${registrar}` : ''].filter(Boolean).join('\n'));
  const reg = registrar ? fill(tx(' ({name})', ' ({name})'), { name: registrar }) : tx('', '');
  const findings: Finding[] = [];
  for (const s of statuses) {
    const known = REGISTRY_STATUSES[statusKey(s)];
    if (known) findings.push(finding(`${C}.${statusKey(s)}`, known.status, name, known.summary, { advice: known.advice, evidence: statusEvidence, data: { ...info } }));
  }
  if (expires && daysLeft !== undefined && daysLeft < 0) {
    findings.push(finding(`${C}.expired`, 'error', name, fill(T.expired, { domain: name, date: day(expires), days: -daysLeft }), { advice: [fill(T.expiredAdvice, { registrar: reg })], evidence: statusEvidence, data: { ...info } }));
  } else if (expires && daysLeft !== undefined && daysLeft <= (options.warnDays ?? 30)) {
    findings.push(finding(`${C}.expiring`, 'warn', name, fill(T.expiresSoon, { domain: name, date: day(expires), days: daysLeft }), { advice: [fill(T.expiresSoonAdvice, { registrar: reg })], evidence: statusEvidence, data: { ...info } }));
  }
  if (!findings.length) {
    const expiry = expires && daysLeft !== undefined ? fill(T.expiry, { date: day(expires), days: daysLeft }) : tx('', '');
    const registrarText = registrar ? fill(T.registrar, { name: registrar }) : tx('', '');
    const summary = fill(T.active, { domain: name, expiry, registrar: registrarText });
    findings.push(finding(`${C}.active`, 'ok', name, summary, { ...(statuses.length ? { detail: fill(T.statusLine, { list: statuses.join(', ') }) } : {}), evidence: statusEvidence, data: { ...info } }));
  }
  return { findings, info };
}
