/**
 * Server-side HTML of the web app: one shell, a form per page (as data), the texts for the client script as
 * JSON data. Only static texts go into the HTML (escaped anyway); everything the user or a server sends is
 * put on the page by the client script with textContent.
 */
import type { Lang, Text } from '../core/finding.js';
import { pick } from '../i18n/text.js';
import { UI } from '../i18n/ui.js';
import { clientLabels } from '../i18n/labels.js';
import { esc } from '../report/html.js';
import { DOCTOR_CASES } from '../doctor/cases/index.js';
import { DOCTOR_TEXT } from '../doctor/texts.js';
import { REASON_INFO } from '../knowledge/reasons.js';
import { SERVE_TEXT as T } from './texts.js';

/**
 * A page of the web app ('watch': the monitoring dashboard, only on a server started with a watch list; 'stream': the
 * stream workers' results, only on a server started with their database).
 */
export type PageId = 'home' | 'explain' | 'domain' | 'probe' | 'settings' | 'logs' | 'queue' | 'message' | 'doctor' | 'watch' | 'stream';
/** The web app's pages in navigation order; each is served at `/<id>` (home at `/`). The dashboard is added when on. */
export const PAGES: readonly PageId[] = ['home', 'explain', 'domain', 'probe', 'settings', 'logs', 'queue', 'message', 'doctor'];

interface Field {
  name: string;
  kind: 'text' | 'textarea' | 'file' | 'select' | 'password' | 'number';
  label: Text;
  required?: boolean;
  placeholder?: string;
  options?: { value: string; label: Text }[];
  /** For files: the text field their content fills. */
  target?: string;
  autocomplete?: string;
  /** For files: the types offered in the file picker ('' = any file, e.g. maillog without an extension). */
  accept?: string;
  /** For files: sent as the request body itself, with upload progress (large logs), not read into `target`. */
  upload?: boolean;
}

interface FormPage {
  api: string;
  intro: Text;
  button: Text;
  fields: Field[];
}

const FORMS: Record<Exclude<PageId, 'home' | 'doctor' | 'watch' | 'stream'>, FormPage> = {
  explain: {
    api: '/api/explain', intro: T.intro.explain, button: T.button.explain,
    fields: [
      { name: 'text', kind: 'textarea', label: T.field.text, required: true, placeholder: '550 5.1.1 <jan@example.com>: Recipient address rejected: User unknown' },
      { name: 'file', kind: 'file', label: T.field.file, target: 'text' },
    ],
  },
  domain: {
    api: '/api/domain', intro: T.intro.domain, button: T.button.check,
    fields: [{ name: 'domain', kind: 'text', label: T.field.domain, required: true, placeholder: 'example.com' }],
  },
  probe: {
    api: '/api/probe', intro: T.intro.probe, button: T.button.test,
    fields: [
      { name: 'protocol', kind: 'select', label: T.field.protocol, options: [
        { value: 'smtp', label: { en: 'SMTP (sending)', pl: 'SMTP (wysyłanie)' } },
        { value: 'imap', label: { en: 'IMAP (receiving)', pl: 'IMAP (odbieranie)' } },
        { value: 'pop3', label: { en: 'POP3 (receiving)', pl: 'POP3 (odbieranie)' } },
      ] },
      { name: 'host', kind: 'text', label: T.field.host, required: true, placeholder: 'mail.example.com' },
      { name: 'port', kind: 'number', label: T.field.port, placeholder: '587' },
      { name: 'security', kind: 'select', label: T.field.security, options: [
        { value: '', label: T.field.auto },
        { value: 'starttls', label: { en: 'STARTTLS', pl: 'STARTTLS' } },
        { value: 'tls', label: { en: 'SSL/TLS', pl: 'SSL/TLS' } },
        { value: 'none', label: { en: 'none', pl: 'brak' } },
      ] },
      { name: 'user', kind: 'text', label: T.field.user, autocomplete: 'username' },
      { name: 'password', kind: 'password', label: T.field.password, autocomplete: 'current-password' },
    ],
  },
  settings: {
    api: '/api/settings', intro: T.intro.settings, button: T.button.find,
    fields: [{ name: 'address', kind: 'text', label: T.field.address, required: true, placeholder: 'anna@example.com', autocomplete: 'email' }],
  },
  logs: {
    api: '/api/logs', intro: T.intro.logs, button: T.button.analyze,
    fields: [
      { name: 'text', kind: 'textarea', label: T.field.log, required: true, placeholder: 'Nov 23 10:00:00 mail postfix/smtp[123]: …' },
      // Any file: rotated logs have no extension (maillog, maillog.1) or are .gz; the server reads them as the CLI does.
      { name: 'file', kind: 'file', label: T.field.logFile, target: 'text', accept: '', upload: true },
    ],
  },
  queue: {
    api: '/api/queue', intro: T.intro.queue, button: T.button.analyze,
    fields: [
      { name: 'text', kind: 'textarea', label: T.field.queue, required: true, placeholder: '-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------' },
      { name: 'file', kind: 'file', label: T.field.queueFile, target: 'text', accept: '.json,.jsonl,.txt,.log,application/json,text/plain' },
    ],
  },
  message: {
    api: '/api/message', intro: T.intro.message, button: T.button.analyze,
    fields: [
      { name: 'raw', kind: 'textarea', label: T.field.message, required: true, placeholder: 'Received: from mail.example.com (mail.example.com [192.0.2.10]) …' },
      { name: 'file', kind: 'file', label: T.field.messageFile, target: 'raw' },
      { name: 'quoted', kind: 'select', label: T.field.quoted, options: [
        { value: '', label: T.field.quotedNo },
        { value: 'on', label: T.field.quotedYes },
      ] },
      { name: 'verify', kind: 'select', label: T.field.verify, options: [
        { value: '', label: T.field.verifyNo },
        { value: 'on', label: T.field.verifyYes },
      ] },
    ],
  },
};

function fieldHtml(f: Field, lang: Lang): string {
  const id = `f-${f.name}`;
  const label = `<label for="${id}">${esc(pick(f.label, lang))}</label>`;
  const req = f.required ? ' required' : '';
  const ph = f.placeholder ? ` placeholder="${esc(f.placeholder)}"` : '';
  const ac = f.autocomplete ? ` autocomplete="${esc(f.autocomplete)}"` : ' autocomplete="off"';
  switch (f.kind) {
    case 'textarea': return `${label}<textarea id="${id}" name="${f.name}" rows="8"${req}${ph} spellcheck="false"></textarea>`;
    case 'file': {
      const accept = f.accept ?? '.eml,.txt,.log,message/rfc822,text/plain';
      return `${label}<input id="${id}" type="file" data-target="${esc(f.target ?? '')}"${accept ? ` accept="${esc(accept)}"` : ''}${f.upload ? ' data-upload="1"' : ''}>`;
    }
    case 'select': return `${label}<select id="${id}" name="${f.name}">${(f.options ?? []).map((o) => `<option value="${esc(o.value)}">${esc(pick(o.label, lang))}</option>`).join('')}</select>`;
    case 'password': return `${label}<input id="${id}" type="password" name="${f.name}"${ac}>`;
    case 'number': return `${label}<input id="${id}" type="number" min="1" max="65535" name="${f.name}"${ph}>`;
    default: return `${label}<input id="${id}" type="text" name="${f.name}"${req}${ph}${ac}>`;
  }
}

/** How a page is drawn: whether this server has the monitoring dashboard, and the stream workers' results. */
export interface PageOptions { watch?: boolean; stream?: boolean }

const pagesOf = (o: PageOptions): PageId[] => [...PAGES, ...(o.watch ? ['watch' as const] : []), ...(o.stream ? ['stream' as const] : [])];

function navHtml(page: PageId, lang: Lang, o: PageOptions): string {
  // Short words in the bar; the full title is the link's tooltip and accessible name.
  const links = pagesOf(o).map((p) => `<a href="/${p === 'home' ? '' : p}"${p === page ? ' aria-current="page"' : ''} title="${esc(pick(T.nav[p], lang))}" aria-label="${esc(pick(T.nav[p], lang))}">${esc(pick(T.menu[p], lang))}</a>`).join('');
  const path = page === 'home' ? '/' : `/${page}`;
  const sw = (['pl', 'en'] as const).map((l) => l === lang ? `<strong>${l.toUpperCase()}</strong>` : `<a href="${path}?lang=${l}" hreflang="${l}">${l.toUpperCase()}</a>`).join(' | ');
  return `<nav>${links}</nav><div class="lang">${sw}</div>`;
}

/** The page that does on the web what a CLI command does: findings' `mailmedic <command>` become links to it. */
const COMMAND_PAGES: Record<string, string> = {
  explain: '/explain', bounce: '/explain', domain: '/domain', spf: '/domain', probe: '/probe', settings: '/settings',
  logs: '/logs', queue: '/queue', message: '/message', doctor: '/doctor',
};
/** Which field of that page the command's argument fills in. */
const COMMAND_PREFILL: Record<string, string> = { domain: 'domain', spf: 'domain', probe: 'host', settings: 'address' };

/** The texts the client script needs, as JSON in a non-executed script element. */
function clientTexts(lang: Lang): string {
  const p = (t: Text) => pick(t, lang);
  const flat = (o: Record<string, Text>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, p(v)]));
  const data = {
    lang,
    button: flat(T.button), status: flat(T.status),
    ui: { ...flat(UI.label), title: p(UI.title) },
    statusLabel: flat(UI.status), actor: flat(UI.actor), permanence: flat(UI.permanence), retry: flat(UI.retry),
    cases: DOCTOR_CASES.map((c) => ({ id: c.id, n: c.seedNumber, title: p(c.title), description: p(c.description) })),
    tables: flat(DOCTOR_TEXT.tables),
    errors: flat(T.errors), fieldErrors: flat(T.fieldErrors),
    reasons: Object.fromEntries(Object.entries(REASON_INFO).map(([k, v]) => [k, p(v.title)])),
    labels: clientLabels(lang),
    nav: flat(T.nav),
    pages: COMMAND_PAGES, prefill: COMMAND_PREFILL,
    watch: flat(T.watch),
    stream: flat(T.stream), streamEvents: flat(T.streamEvents),
  };
  // JSON inside <script type="application/json">: "<" escaped so no text can close the element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** A page's whole HTML in one language: navigation, form and the data the front end reads (no inline script runs). */
export function renderPage(page: PageId, lang: Lang, opts: PageOptions = {}): string {
  const o: string[] = [];
  o.push(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">`);
  o.push(`<title>${esc(pick(T.nav[page], lang))} — mailmedic</title><link rel="stylesheet" href="/app.css"><link rel="icon" href="data:,"></head>`);
  o.push(`<body data-page="${page}"><header><a class="brand" href="/" title="${esc(pick(T.brand, lang))}">mailmedic</a>${navHtml(page, lang, opts)}</header><main>`);
  if (page === 'home') {
    o.push(`<h1>${esc(pick(T.tagline, lang))}</h1><div class="cards">`);
    for (const p of pagesOf(opts).filter((x) => x !== 'home')) {
      const intro = T.intro[p as keyof typeof T.intro];
      o.push(`<a class="card" href="/${p}"><h2>${esc(pick(T.nav[p], lang))}</h2><p>${esc(pick(intro, lang))}</p></a>`);
    }
    o.push('</div>');
  } else if (page === 'doctor') {
    o.push(`<h1>${esc(pick(T.nav.doctor, lang))}</h1><p class="intro">${esc(pick(T.intro.doctor, lang))}</p>`);
    o.push('<section id="wizard" aria-live="polite"></section>');
  } else if (page === 'watch') {
    o.push(`<h1>${esc(pick(T.nav.watch, lang))}</h1><p class="intro">${esc(pick(T.intro.watch, lang))}</p>`);
    o.push('<section id="dashboard" aria-live="polite"></section>');
  } else if (page === 'stream') {
    o.push(`<h1>${esc(pick(T.nav.stream, lang))}</h1><p class="intro">${esc(pick(T.intro.stream, lang))}</p>`);
    o.push('<section id="streamboard"></section>');
  } else {
    const f = FORMS[page];
    o.push(`<h1>${esc(pick(T.nav[page], lang))}</h1><p class="intro">${esc(pick(f.intro, lang))}</p>`);
    o.push(`<form id="form" data-api="${esc(f.api)}" novalidate autocomplete="off">${f.fields.map((x) => `<div class="field">${fieldHtml(x, lang)}</div>`).join('')}`);
    o.push(`<button type="submit">${esc(pick(f.button, lang))}</button></form>`);
  }
  o.push('<div id="status" role="status"></div><section id="results" aria-live="polite"></section>');
  o.push(`</main><footer>${esc(pick(T.footer, lang))}</footer>`);
  o.push(`<script type="application/json" id="texts">${clientTexts(lang)}</script><script type="module" src="/app.js"></script></body></html>`);
  return o.join('\n');
}
