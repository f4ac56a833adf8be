/**
 * The web app's client script (compiled to /app.js by `npm run build`, tsconfig in this folder).
 * Everything from the server or the user reaches the page through textContent (el()), never innerHTML,
 * so hostile bounce, log, queue and header text stays text.
 */
export {};

const T: ClientTexts = JSON.parse(document.getElementById('texts')?.textContent ?? '{}');
const ICON: Record<Status, string> = { ok: '✔', info: 'ℹ', warn: '⚠', error: '✖', unknown: '?' };
const ORDER: Status[] = ['error', 'warn', 'unknown', 'info', 'ok'];

/** An Error the page can show in its own words (kind: the page's text was found for the API's code). */
class PageError extends Error {
  constructor(message: string, readonly kind: boolean) { super(message); }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: unknown): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}
function pick(t: LangText | undefined): string { return t ? (t[T.lang] || t.en || '') : ''; }
/** An evidence label in the page's language, as src/i18n/labels.ts labelText does (technical labels stay). */
function label(l: string): string {
  const L = T.labels;
  if (!L) return l;
  if (Object.prototype.hasOwnProperty.call(L.table, l)) return L.table[l]!;
  for (const p of L.patterns) {
    const m = new RegExp(p.re).exec(l);
    if (m) return p.pl.replace(/\{(\w+)\}/g, (whole, name: string) => { const k = p.names.indexOf(name); return k >= 0 ? (m[k + 1] ?? '') : whole; });
  }
  return l;
}
function byId<E extends HTMLElement = HTMLElement>(id: string): E | null { return document.getElementById(id) as E | null; }
function setStatus(text: string, isError?: boolean): void {
  const s = byId('status');
  if (!s) return;
  s.textContent = text || '';
  s.className = isError ? 'error' : '';
}

/** The web pages that do what a `mailmedic <command>` in a finding's text would do on the command line. */
const ARG_WORDS = new Set(['smtp', 'imap', 'pop3', 'summary', 'trace', 'problems']);
function isArgument(token: string): boolean {
  return /^[-<{]/.test(token) || /[.@:/|…]/.test(token) || ARG_WORDS.has(token.toLowerCase());
}
/** The link that replaces a command: the page, and what the command named filled in where the page has a field for it. */
function actionLink(command: string, args: string[]): HTMLAnchorElement | undefined {
  const path = T.pages && T.pages[command];
  if (!path) return undefined;
  const plain = args.filter((a) => !/^[-<{]/.test(a) && !/[<>{}|…]/.test(a));
  const q = new URLSearchParams();
  const field = T.prefill && T.prefill[command];
  const address = plain.find((a) => /^[^@\s]+@[\w.-]+\.[a-z]{2,}$/i.test(a));
  const host = plain.find((a) => /^[\w-]+(\.[\w-]+)+$/.test(a) && !/^\//.test(a));
  if (field === 'address' && address) q.set('address', address);
  else if ((field === 'domain' || field === 'host') && host) q.set(field, host);
  const a = el('a', 'action', T.nav[path.slice(1)] + (q.toString() ? ': ' + Array.from(q.values()).join(' ') : ''));
  a.href = path + (q.toString() ? '?' + q.toString() : '');
  return a;
}
/**
 * A finding's text for the web: every `mailmedic <command> …` in it becomes a link to the page that does the
 * same (a web reader cannot run a command); a command with no page stays as it is.
 */
function textWithActions(text: string, into: HTMLElement): HTMLElement {
  const re = /([`„"“]?)mailmedic ([a-z]+)/g;
  let at = 0, m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const command = m[2]!;
    if (!T.pages || !T.pages[command]) continue;
    // The arguments: the technical tokens after the command, up to the end of the sentence or the quote.
    let end = m.index + m[0].length;
    const args: string[] = [];
    // A placeholder with spaces ("<adres Twojego serwera>") is one argument.
    const tokenRe = /^ (<[^<>]{1,60}>[.,;)]?|[^\s`"”]+)/;
    let t: RegExpExecArray | null;
    while ((t = tokenRe.exec(text.slice(end))) && isArgument(t[1]!.replace(/[.,;)]$/, ''))) {
      const stops = /[.,;)]$/.test(t[1]!) && !/…$/.test(t[1]!);
      const tok = stops ? t[1]!.slice(0, -1) : t[1]!;
      args.push(tok);
      end += 1 + tok.length;
      if (stops) break;
    }
    const link = actionLink(command, args);
    if (!link) continue;
    if (m[1] && /[`"”]/.test(text.charAt(end))) end += 1; // the closing quote goes with the command
    into.appendChild(document.createTextNode(text.slice(at, m.index)));
    into.appendChild(link);
    at = end;
    re.lastIndex = end;
  }
  into.appendChild(document.createTextNode(text.slice(at)));
  return into;
}

function renderFinding(f: Finding, count = 1, subjects: string[] = f.subject ? [f.subject] : []): HTMLElement {
  const box = el('section', 'f s-' + f.status);
  const h = el('h3');
  // The icon is decoration (aria-hidden): a screen reader reads the state's word, once.
  const badge = el('span', 'badge b-' + f.status);
  const icon = el('span', '', ICON[f.status] || ''); icon.setAttribute('aria-hidden', 'true');
  badge.appendChild(icon); badge.appendChild(document.createTextNode(' ' + (T.statusLabel[f.status] || f.status)));
  h.appendChild(badge);
  h.appendChild(document.createTextNode(pick(f.summary)));
  if (count > 1) h.appendChild(el('span', 'count', T.status.repeated!.replace('{n}', String(count))));
  box.appendChild(h);
  const shown = subjects.slice(0, 8).join(', ') + (subjects.length > 8 ? ', …' : '');
  box.appendChild(el('div', 'check', f.check + (shown ? ' — ' + shown : '')));
  if (f.detail) box.appendChild(textWithActions(pick(f.detail), el('p')));
  if (f.diagnosis) {
    const d = f.diagnosis;
    const dl = el('dl');
    // The reason in words first (its code after, for support); the classifier's rule goes with the evidence.
    const rows: [string, string][] = [[T.ui.reason!, T.reasons[d.reason] ? T.reasons[d.reason] + ' (' + d.reason + ')' : d.reason],
      [T.ui.permanence!, T.permanence[d.permanence] || d.permanence], [T.ui.actor!, T.actor[d.actor] || d.actor],
      [T.ui.retry!, T.retry[d.retry] || d.retry]];
    const codes = [d.replyCode, d.enhancedCode].filter((x) => x !== undefined && x !== null).join(' ');
    if (codes) rows.push([T.ui.codes!, codes]);
    for (const r of rows) { dl.appendChild(el('dt', '', r[0])); dl.appendChild(el('dd', '', r[1])); }
    box.appendChild(dl);
  }
  if (f.advice && f.advice.length) {
    box.appendChild(el('p', '', T.ui.advice + ':'));
    const ol = el('ol');
    for (const a of f.advice) ol.appendChild(textWithActions(pick(a), el('li')));
    box.appendChild(ol);
  }
  if (f.seeAlso && f.seeAlso.length) {
    const see = el('p', 'check', T.ui.seeAlso + ': ');
    f.seeAlso.forEach((x, i) => { if (i) see.appendChild(document.createTextNode(', ')); textWithActions(x, see); });
    box.appendChild(see);
  }
  const ev = (f.evidence || []).map((e) => (e.label ? label(e.label) + ': ' : '') + e.value);
  const rule = f.diagnosis && f.diagnosis.rule;
  if (rule && !(f.evidence || []).some((e) => e.value === rule)) ev.push(T.ui.rule + ': ' + rule);
  if (ev.length) {
    const det = el('details');
    if (f.status === 'error') det.open = true;
    det.appendChild(el('summary', '', T.ui.evidence));
    det.appendChild(el('pre', '', ev.join('\n')));
    box.appendChild(det);
  }
  return box;
}

type BarRow = [name: string, value: number, cls?: string];
function barChart(title: string, rows: BarRow[]): HTMLElement {
  const wrap = el('div');
  wrap.appendChild(el('h3', '', title));
  const max = Math.max(...rows.map((r) => r[1]), 1);
  const c = el('div', 'chart');
  for (const r of rows) {
    c.appendChild(el('span', '', r[0]));
    const bar = el('div', 'bar ' + (r[2] || ''));
    bar.style.width = Math.max(0.5, (100 * r[1]) / max) + '%';
    c.appendChild(bar);
    c.appendChild(el('span', '', String(r[1])));
  }
  wrap.appendChild(c);
  return wrap;
}

function renderTable(t: Table): HTMLElement {
  const wrap = el('div');
  wrap.appendChild(el('h2', '', pick(t.title)));
  const table = el('table'), thead = el('thead'), tr = el('tr');
  for (const c of t.columns) tr.appendChild(el('th', '', pick(c)));
  thead.appendChild(tr); table.appendChild(thead);
  const tb = el('tbody');
  for (const r of t.rows.slice(0, 500)) {
    const row = el('tr');
    for (const c of r) row.appendChild(el('td', '', c));
    tb.appendChild(row);
  }
  table.appendChild(tb);
  const scroll = el('div', 'tablewrap'); scroll.appendChild(table); wrap.appendChild(scroll);
  return wrap;
}

const NUM = /^\d+(\.\d+)?$/;
/** A table charts when some column after the first is numeric in every row: bars of that column by the first. */
function chartColumn(t: Table): number {
  if (!t.rows.length || t.rows.length > 60 || t.columns.length < 2) return -1;
  for (let c = 1; c < t.columns.length; c++) {
    if (t.rows.every((r) => NUM.test(String(r[c]).trim()))) return c;
  }
  return -1;
}

/**
 * A bar's name: the row's words, not only its first cell ("warning" on every bar of a warnings table says nothing):
 * every cell but the charted number that is not itself a number, cut to fit.
 */
function barLabel(row: string[], charted: number): string {
  const words = row.filter((v, i) => i !== charted && v !== '' && !NUM.test(String(v).trim()));
  const text = (words.length > 1 && words[0]!.length <= 12 ? words[0] + ': ' + words.slice(1).join(' · ') : words.join(' · ')) || row[0] || '';
  return text.length > 80 ? text.slice(0, 79) + '…' : text;
}

/** Findings from the worst to the best (error, warn, unknown, info, ok); equal ones keep their order. */
function bySeverity(findings: Finding[]): Finding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => ORDER.indexOf(a.f.status) - ORDER.indexOf(b.f.status) || a.i - b.i).map((x) => x.f);
}

interface FindingGroup { finding: Finding; count: number; subjects: string[] }
/** Findings that say the same thing (same check, status and words) shown once, with how many and about what. */
function groupFindings(findings: Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = JSON.stringify([f.check, f.status, pick(f.summary), pick(f.detail), (f.advice || []).map(pick)]);
    const g = groups.get(key);
    if (!g) { groups.set(key, { finding: f, count: 1, subjects: f.subject ? [f.subject] : [] }); continue; }
    g.count++;
    if (f.subject && g.subjects.indexOf(f.subject) < 0) g.subjects.push(f.subject);
  }
  return Array.from(groups.values());
}

function renderReport(report: Report, box: HTMLElement): void {
  box.textContent = '';
  const counts: Partial<Record<Status, number>> = {};
  for (const f of report.findings) counts[f.status] = (counts[f.status] || 0) + 1;
  box.appendChild(el('p', 'summary', report.subject + ' — ' + ORDER.filter((s) => counts[s])
    .map((s) => (T.statusLabel[s] || s) + ': ' + counts[s]).join(', ')));
  const list = el('div');
  // The doctor's first finding already sums up what was ruled out: its OK findings fold away (long on a phone).
  const folded = report.command === 'doctor' ? report.findings.filter((f) => f.status === 'ok') : [];
  // The doctor ranks its causes by likelihood: that order stays. Elsewhere the worst come first.
  const shown = report.findings.filter((f) => folded.indexOf(f) < 0);
  for (const g of groupFindings(report.command === 'doctor' ? shown : bySeverity(shown))) list.appendChild(renderFinding(g.finding, g.count, g.subjects));
  if (folded.length) {
    const fold = el('details', 'folded');
    fold.appendChild(el('summary', '', T.status.ruledOut!.replace('{n}', String(folded.length))));
    for (const f of folded) fold.appendChild(renderFinding(f));
    list.appendChild(fold);
  }
  box.appendChild(list);
  // Tables become charts on the log summary (per day, per hour, top lists); elsewhere they stay tables.
  const charts = report.command === 'logs' ? (report.tables || []).filter((t) => chartColumn(t) > 0) : [];
  if (charts.length || (report.command === 'doctor' && report.findings.length > 1)) {
    const ch = el('section', 'charts');
    ch.appendChild(el('h2', '', T.status.charts));
    ch.appendChild(barChart(T.status.byStatus!, ORDER.filter((s) => counts[s]).map((s): BarRow => [T.statusLabel[s] || s, counts[s]!, s])));
    for (const t of charts) {
      const c = chartColumn(t);
      const title = pick(t.title) + (t.columns.length > 2 ? ' — ' + pick(t.columns[c]) : '');
      ch.appendChild(barChart(title, t.rows.map((r): BarRow => [barLabel(r, c), Number(r[c])])));
    }
    // What is wrong comes first everywhere; the charts show the shape of it after.
    box.appendChild(ch);
  }
  for (const t of report.tables || []) box.appendChild(renderTable(t));
  box.appendChild(downloads(report));
}

function downloads(report: Report): HTMLElement {
  const wrap = el('div');
  wrap.appendChild(el('h2', '', T.status.download));
  const b = el('div', 'buttons');
  const formats: [format: string, text: string, ext: string][] = [['markdown', T.button.md!, 'md'], ['html', T.button.html!, 'html'], ['json', T.button.json!, 'json']];
  for (const [format, text, ext] of formats) {
    const btn = el('button', 'secondary', text);
    btn.type = 'button';
    btn.setAttribute('data-format', format);
    btn.addEventListener('click', () => {
      fetch('/api/render', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ report, format, lang: T.lang }) })
        .then((r) => { if (!r.ok) throw new Error(String(r.status)); return r.blob(); })
        .then((blob) => {
          const a = document.createElement('a');
          a.href = URL.createObjectURL(blob);
          a.download = 'mailmedic-' + report.command + '.' + ext;
          document.body.appendChild(a); a.click(); a.remove();
        }).catch(showError);
    });
    b.appendChild(btn);
  }
  wrap.appendChild(b);
  return wrap;
}

/**
 * An API error as the user should read it: the page's own words for the code, the server's details after.
 * Polish readers get only the page's words (the server's details are English); a wrong field is named.
 */
function apiError(j: ApiErrorBody | null | undefined, status: number): PageError {
  const fieldText = j && j.field ? T.fieldErrors[j.field] : undefined;
  const own = fieldText || (j && j.error ? T.errors[j.error] : undefined);
  const message = own
    ? own + (j && j.message && T.lang !== 'pl' && !fieldText ? ' (' + j.message + ')' : '')
    : (j && j.message) || String(status);
  return new PageError(message, Boolean(own));
}
function showError(e: unknown): void {
  if (e instanceof PageError && e.kind) return setStatus(e.message, true);
  // fetch() itself failed: the app is not reachable (stopped, or the network dropped).
  if (e instanceof TypeError) return setStatus(T.errors.offline!, true);
  setStatus(T.status.failed + ': ' + (e instanceof Error ? e.message : String(e)), true);
}

type StreamHandlers = { [event: string]: ((data: any) => void) | undefined };
/** POST JSON, read server-sent events from the response body (EventSource cannot POST). */
async function postStream(url: string, body: unknown, on: StreamHandlers): Promise<void> {
  const res = await fetch(url + '?stream=1', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' }, body: JSON.stringify(body) });
  const type = res.headers.get('content-type') || '';
  if (!res.ok || type.indexOf('text/event-stream') < 0 || !res.body) {
    const j: ApiErrorBody = await res.json().catch(() => ({ message: String(res.status) }));
    throw apiError(j, res.status);
  }
  const reader = res.body.getReader(), dec = new TextDecoder();
  let buf = '';
  for (;;) {
    const r = await reader.read();
    if (r.done) return;
    buf += dec.decode(r.value, { stream: true });
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const chunk = buf.slice(0, i); buf = buf.slice(i + 2);
      let ev = 'message', data = '';
      for (const line of chunk.split('\n')) {
        if (line.indexOf('event: ') === 0) ev = line.slice(7);
        else if (line.indexOf('data: ') === 0) data += line.slice(6);
      }
      const obj: unknown = data ? JSON.parse(data) : null;
      if (ev === 'error') throw apiError((obj || {}) as ApiErrorBody, 500);
      on[ev]?.(obj);
    }
  }
}

/** Each chosen file's text goes into the field it belongs to (data-target), which is what is sent. */
async function readFiles(form: HTMLFormElement): Promise<void> {
  const files = Array.from(form.querySelectorAll<HTMLInputElement>('input[type=file]'));
  await Promise.all(files.map(async (inp) => {
    const f = inp.files && inp.files[0];
    if (!f) return;
    const txt = await f.text();
    const t = form.querySelector<HTMLTextAreaElement | HTMLInputElement>('[name="' + inp.getAttribute('data-target') + '"]');
    if (t) t.value = txt;
  }));
}

/** Bytes in the page's language: "9.1 MB" / "9,1 MB". */
function sizeText(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1) { n /= 1024; u++; }
  return new Intl.NumberFormat(T.lang, { maximumFractionDigits: u ? 1 : 0 }).format(n) + ' ' + units[u];
}

/**
 * Send a chosen file as the request body (a large log: the server spools it to disk and reads it as the CLI does),
 * showing how much is sent; fetch() cannot report upload progress, XMLHttpRequest can.
 */
function uploadFile(url: string, file: File): Promise<Report> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.responseType = 'json';
    const pct = new Intl.NumberFormat(T.lang, { style: 'percent' });
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      setStatus(T.status.uploading!.replace('{pct}', pct.format(e.loaded / e.total)).replace('{done}', sizeText(e.loaded)).replace('{total}', sizeText(e.total)));
    };
    xhr.upload.onload = () => setStatus(T.status.reading!);
    xhr.onload = () => {
      if (xhr.status === 200 && xhr.response) resolve(xhr.response as Report);
      else reject(apiError(xhr.response as ApiErrorBody | null, xhr.status));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(file);
  });
}

function formPage(form: HTMLFormElement): void {
  const results = byId('results')!;
  // A link from another page's finding (e.g. /domain?domain=example.com) fills the field in; the reader presses the button.
  const params = new URLSearchParams(location.search);
  params.forEach((value, name) => {
    const field = form.querySelector<HTMLInputElement | HTMLSelectElement>('input[type=text][name="' + name.replace(/[^\w-]/g, '') + '"], select[name="' + name.replace(/[^\w-]/g, '') + '"]');
    if (field && value.length <= 320) field.value = value;
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const btn = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
    const up = form.querySelector<HTMLInputElement>('input[type=file][data-upload]');
    const upFile = up && up.files && up.files[0];
    if (upFile) {
      btn.disabled = true;
      results.textContent = '';
      uploadFile(form.getAttribute('data-api') || '', upFile)
        .then((r) => { renderReport(r, results); setStatus(T.status.done!); })
        .catch(showError)
        .then(() => { btn.disabled = false; });
      return;
    }
    readFiles(form).then(() => {
      const body: Record<string, string | number> = {};
      for (const x of Array.from(form.elements) as (HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement)[]) {
        if (!x.name || x.type === 'file' || x.value === '') continue;
        body[x.name] = x.type === 'number' ? Number(x.value) : x.value;
      }
      const pw = form.querySelector<HTMLInputElement>('input[type=password]');
      if (pw) pw.value = ''; // sent once; not kept in the page
      btn.disabled = true;
      results.textContent = '';
      setStatus(T.status.running!);
      const live = el('div');
      results.appendChild(live);
      return postStream(form.getAttribute('data-api') || '', body, {
        finding: (f: Finding) => { live.appendChild(renderFinding(f)); },
        report: (r: Report) => { renderReport(r, results); setStatus(T.status.done!); },
      });
    }).catch(showError)
      .then(() => { btn.disabled = false; });
  });
}

interface DoctorState { kase: string | null; answers: Record<string, unknown>; skipped: string[]; history: { id: string; path: string | null }[] }

/** The doctor, one question at a time. */
function doctorPage(box: HTMLElement): void {
  const st: DoctorState = { kase: null, answers: {}, skipped: [], history: [] };
  function setPath(obj: Record<string, unknown>, path: string, v: unknown): void {
    const keys = path.split('.');
    let cur = obj;
    for (const k of keys.slice(0, -1)) {
      if (typeof cur[k] !== 'object' || !cur[k]) cur[k] = {};
      cur = cur[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    if (v === undefined) delete cur[last]; else cur[last] = v;
  }
  function chooseCase(): void {
    box.textContent = ''; byId('results')!.textContent = ''; setStatus('');
    const q = el('form', 'question');
    q.appendChild(el('h2', '', T.status.chooseCase));
    const ch = el('div', 'choices');
    T.cases.forEach((c, i) => {
      const lab = el('label'), r = el('input');
      r.type = 'radio'; r.name = 'case'; r.value = c.id; if (i === 0) r.checked = true;
      lab.appendChild(r);
      const s = el('span', '', c.n + '. ' + c.title); s.appendChild(el('small', '', c.description));
      lab.appendChild(s); ch.appendChild(lab);
    });
    q.appendChild(ch);
    const b = el('button', '', T.button.start); b.type = 'submit'; q.appendChild(b);
    q.addEventListener('submit', (ev) => {
      ev.preventDefault();
      st.kase = q.querySelector<HTMLInputElement>('input[name=case]:checked')!.value; st.answers = {}; st.skipped = []; st.history = [];
      next();
    });
    box.appendChild(q);
  }
  function next(): void {
    fetch('/api/doctor/next', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ case: st.kase, answers: st.answers, skipped: st.skipped }) })
      .then((r) => r.json().then((j: { done: boolean; step: DoctorStep } & ApiErrorBody) => { if (!r.ok) throw apiError(j, r.status); return j; }))
      .then((j) => { if (j.done) run(); else ask(j.step); })
      .catch(showError);
  }
  function ask(step: DoctorStep): void {
    box.textContent = ''; setStatus('');
    const q = el('form', 'question');
    q.setAttribute('data-question', step.id);
    q.appendChild(el('div', 'stepno', T.status.step!.replace('{n}', String(step.position)).replace('{total}', String(step.total))));
    const lab = el('label', '', pick(step.prompt)); lab.setAttribute('for', 'answer'); q.appendChild(lab);
    if (step.help) q.appendChild(el('p', 'intro', pick(step.help)));
    let input: HTMLElement;
    if (step.kind === 'choice') {
      input = el('div', 'choices');
      step.choices.forEach((c, i) => {
        const l = el('label'), r = el('input');
        r.type = 'radio'; r.name = 'answer'; r.value = c.value;
        if (c.value === step.defaultValue || (!step.defaultValue && i === 0)) r.checked = true;
        l.appendChild(r); l.appendChild(el('span', '', pick(c.label))); input.appendChild(l);
      });
    } else if (step.kind === 'longtext') {
      input = el('div', 'field');
      const ta = el('textarea'); ta.id = 'answer'; ta.rows = 8; ta.spellcheck = false; input.appendChild(ta);
      const file = el('input'); file.type = 'file'; file.accept = '.eml,.txt,.log,message/rfc822,text/plain';
      file.addEventListener('change', () => { const f = file.files && file.files[0]; if (f) void f.text().then((t) => { ta.value = t; }); });
      input.appendChild(file);
    } else {
      const inp = el('input'); inp.id = 'answer';
      inp.type = step.kind === 'secret' ? 'password' : step.kind === 'number' ? 'number' : 'text';
      inp.autocomplete = step.kind === 'secret' ? 'current-password' : 'off';
      if (step.defaultValue) inp.value = step.defaultValue;
      input = inp;
    }
    q.appendChild(input);
    const bs = el('div', 'buttons');
    const nb = el('button', '', T.button.next); nb.type = 'submit'; bs.appendChild(nb);
    if (step.optional) {
      const sb = el('button', 'secondary', T.button.skip); sb.type = 'button';
      sb.addEventListener('click', () => { st.skipped.push(step.id); st.history.push({ id: step.id, path: null }); next(); });
      bs.appendChild(sb);
    }
    const back = el('button', 'secondary', st.history.length ? T.button.back : T.button.restart); back.type = 'button';
    back.addEventListener('click', () => {
      const h = st.history.pop();
      if (!h) return chooseCase();
      if (h.path) setPath(st.answers, h.path, undefined); else st.skipped = st.skipped.filter((x) => x !== h.id);
      next();
    });
    bs.appendChild(back);
    q.appendChild(bs);
    q.addEventListener('submit', (ev) => {
      ev.preventDefault();
      let v: string | number | undefined;
      if (step.kind === 'choice') v = q.querySelector<HTMLInputElement>('input[name=answer]:checked')?.value;
      else v = q.querySelector<HTMLInputElement | HTMLTextAreaElement>('#answer')!.value;
      if (step.kind === 'number' && v !== '' && v !== undefined) v = Number(v);
      if (v === '' || v === undefined) {
        if (!step.optional) return;
        st.skipped.push(step.id); st.history.push({ id: step.id, path: null });
      } else { setPath(st.answers, step.path, v); st.history.push({ id: step.id, path: step.path }); }
      next();
    });
    box.appendChild(q);
    const first = q.querySelector<HTMLInputElement | HTMLTextAreaElement>('input,textarea'); if (first) first.focus();
  }
  function run(): void {
    box.textContent = '';
    const results = byId('results')!; results.textContent = '';
    setStatus(T.status.running!);
    box.appendChild(el('h2', '', T.status.progress));
    const list = el('ul', 'progress'); box.appendChild(list);
    const items: Record<string, HTMLLIElement> = {};
    const live = el('div'); results.appendChild(live);
    postStream('/api/doctor', { case: st.kase, answers: st.answers }, {
      progress: (p: DoctorProgress) => {
        const item = items[p.check];
        if (p.type === 'start') {
          const li = el('li', '', pick(p.title));
          li.appendChild(el('span', 'sr', ' — ' + T.status.running)); // the spinner is drawn; this says it
          items[p.check] = li; list.appendChild(li);
        }
        else if (item) {
          item.className = p.status === 'error' ? 'bad' : p.status === 'warn' ? 'warn' : p.status === 'ok' ? 'done' : 'skip';
          item.textContent = pick(p.title) + ' — ' + (T.statusLabel[p.status] || p.status) + ' (' + p.ms + ' ms)';
        }
      },
      finding: (f: Finding) => { live.appendChild(renderFinding(f)); },
      report: (r: Report) => {
        st.answers = {}; // drop what was typed (passwords included) once the run is over
        renderReport(r, results); setStatus(T.status.done!);
        const again = el('button', 'secondary', T.button.restart); again.type = 'button'; again.addEventListener('click', chooseCase); box.appendChild(again);
      },
    }).catch(showError);
  }
  chooseCase();
}

/** A JSON call of the dashboard or the results; a refusal becomes a PageError in the page's words (the server's own, when it sends them in both languages). */
async function jsonCall<R>(method: string, url: string, body?: unknown): Promise<R> {
  const r = await fetch(url, { method, headers: body === undefined ? {} : { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const j = await r.json().catch(() => null) as (R & WatchErrorBody) | null;
  if (!r.ok) {
    if (j && j.text) throw new PageError(pick(j.text), true);
    throw apiError(j, r.status);
  }
  return j as R;
}

/** The monitoring dashboard: items worst first with a history strip each, the alerts timeline, the list editor. */
function dashboardPage(box: HTMLElement): void {
  const W = T.watch || {};
  const fill = fillText, when = whenText;
  const kindWord: Record<string, string> = { domain: W.kindDomain!, ip: W.kindIp!, server: W.kindServer!, log: W.kindLog! };
  const itemsBox = el('section'), eventsBox = el('section'), listBox = el('section');
  box.appendChild(itemsBox); box.appendChild(eventsBox); box.appendChild(listBox);

  function badge(status: Status, text?: string): HTMLElement {
    const b = el('span', 'badge b-' + status);
    const icon = el('span', '', ICON[status]); icon.setAttribute('aria-hidden', 'true');
    b.appendChild(icon); b.appendChild(document.createTextNode(' ' + (text || T.statusLabel[status] || status)));
    return b;
  }

  /** Status over time as a strip of bars: taller and redder the worse (the log page's bar colours). */
  function spark(points: WatchPoint[]): HTMLElement {
    const wrap = el('div');
    const strip = el('div', 'spark');
    strip.setAttribute('role', 'img');
    strip.setAttribute('aria-label', points.length ? fill(W.history, { n: points.reduce((a, p) => a + p.passes, 0) }) : W.noHistory!);
    for (const p of points.slice(-120)) {
      const bar = el('i', p.status);
      bar.title = when(p.at) + ' — ' + (T.statusLabel[p.status] || p.status) + (p.passes > 1 ? ' (' + p.passes + ')' : '');
      strip.appendChild(bar);
    }
    wrap.appendChild(strip);
    wrap.appendChild(el('div', 'sparkcap', points.length ? fill(W.history, { n: points.reduce((a, p) => a + p.passes, 0) }) : W.noHistory));
    return wrap;
  }

  function muteForm(it: WatchItemState, card: HTMLElement): void {
    if (card.querySelector('.mutebox')) return;
    const f = el('form', 'mutebox');
    const id = 'mute-' + Math.random().toString(36).slice(2, 8);
    const d1 = el('div', 'field'), l1 = el('label', '', W.muteFor), sel = el('select');
    l1.setAttribute('for', id + '-for'); sel.id = id + '-for'; sel.name = 'for';
    for (const [v, t] of [['1h', W.for1h], ['2h', W.for2h], ['8h', W.for8h], ['24h', W.for24h], ['7d', W.for7d]] as [string, string][]) {
      const o = el('option', '', t); o.value = v; if (v === '2h') o.selected = true; sel.appendChild(o);
    }
    d1.appendChild(l1); d1.appendChild(sel);
    const d2 = el('div', 'field'), l2 = el('label', '', W.muteReason), why = el('input');
    l2.setAttribute('for', id + '-why'); why.id = id + '-why'; why.name = 'reason'; why.type = 'text'; why.maxLength = 500; why.placeholder = W.muteReasonHint!;
    d2.appendChild(l2); d2.appendChild(why);
    const ok = el('button', '', W.muteConfirm); ok.type = 'submit';
    const no = el('button', 'secondary', W.cancel); no.type = 'button';
    no.addEventListener('click', () => f.remove());
    f.appendChild(d1); f.appendChild(d2); f.appendChild(ok); f.appendChild(no);
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      ok.disabled = true;
      jsonCall<{ item: string; until: string }>('POST', '/api/watch/mute', { item: it.item, for: sel.value, reason: why.value })
        .then((r) => { setStatus(fill(W.mutedDone, { item: r.item, until: when(r.until) })); return refresh(); })
        .catch(showError).then(() => { ok.disabled = false; });
    });
    card.appendChild(f);
    sel.focus();
  }

  function renderItems(state: WatchState, history: Record<string, WatchPoint[]>): void {
    itemsBox.textContent = '';
    itemsBox.appendChild(el('h2', '', W.items));
    const counts: Partial<Record<Status, number>> = {};
    for (const it of state.items) if (it.checkedAt) counts[it.status] = (counts[it.status] || 0) + 1;
    const pending = state.items.filter((i) => !i.checkedAt).length;
    const parts = ORDER.filter((s) => counts[s]).map((s) => (T.statusLabel[s] || s) + ': ' + counts[s]);
    if (pending) parts.push(W.pending + ': ' + pending);
    const sum = el('p', 'summary', (state.lastRun ? fill(W.lastRun, { when: when(state.lastRun.startedAt) }) : W.noRun) + (parts.length ? ' — ' + parts.join(', ') : ''));
    itemsBox.appendChild(sum);
    const list = el('div', 'witems');
    for (const it of state.items) {
      const card = el('section', 'f witem s-' + (it.checkedAt ? it.status : 'unknown'));
      card.setAttribute('data-item', it.item);
      const h = el('h3');
      h.appendChild(it.checkedAt ? badge(it.status) : badge('unknown', W.pending));
      h.appendChild(document.createTextNode(it.item));
      card.appendChild(h);
      const left = el('div');
      const meta = [kindWord[it.kind] || it.kind, it.checkedAt ? fill(W.checked, { when: when(it.checkedAt) }) : W.never];
      if (it.unacked) meta.push(fill(W.unacked, { n: it.unacked }));
      if (!it.listed) meta.push(W.notListed!);
      left.appendChild(el('div', 'meta', meta.join(' · ')));
      if (it.mute) left.appendChild(el('div', 'mute', it.mute.reason ? fill(W.mutedWhy, { until: when(it.mute.until), reason: it.mute.reason }) : fill(W.muted, { until: when(it.mute.until) })));
      if (it.problems.length) {
        const ul = el('ul');
        for (const p of it.problems) { const li = el('li'); li.appendChild(badge(p.status)); li.appendChild(document.createTextNode(pick(p.summary))); ul.appendChild(li); }
        if (it.problemCount > it.problems.length) ul.appendChild(el('li', '', fill(W.more, { n: it.problemCount - it.problems.length })));
        left.appendChild(ul);
      }
      card.appendChild(left);
      card.appendChild(spark(history[it.item] || []));
      const bs = el('div', 'buttons');
      if (it.mute) {
        const b = el('button', 'secondary', W.unmute); b.type = 'button'; b.setAttribute('data-action', 'unmute');
        b.addEventListener('click', () => {
          b.disabled = true;
          jsonCall<{ item: string }>('POST', '/api/watch/unmute', { item: it.item })
            .then((r) => { setStatus(fill(W.unmutedDone, { item: r.item })); return refresh(); }).catch(showError).then(() => { b.disabled = false; });
        });
        bs.appendChild(b);
      } else {
        const b = el('button', 'secondary', W.mute); b.type = 'button'; b.setAttribute('data-action', 'mute');
        b.addEventListener('click', () => muteForm(it, card));
        bs.appendChild(b);
      }
      card.appendChild(bs);
      list.appendChild(card);
    }
    itemsBox.appendChild(list);
  }

  function ack(ids: string[], btn: HTMLButtonElement): void {
    btn.disabled = true;
    jsonCall<{ acknowledged: number }>('POST', '/api/watch/ack', { ids })
      .then((r) => { setStatus(fill(W.ackedDone, { n: r.acknowledged })); return refresh(); }).catch(showError).then(() => { btn.disabled = false; });
  }

  function renderEvents(events: WatchEvent[]): void {
    eventsBox.textContent = '';
    eventsBox.appendChild(el('h2', '', W.events));
    const open = events.filter((e) => !e.acked);
    if (open.length > 1) {
      const all = el('button', 'secondary', fill(W.ackAll, { n: open.length })); all.type = 'button'; all.setAttribute('data-action', 'ack-all');
      all.addEventListener('click', () => ack(open.map((e) => e.id), all));
      eventsBox.appendChild(all);
    }
    if (!events.length) { eventsBox.appendChild(el('p', 'intro', W.noEvents)); return; }
    const ol = el('ol', 'timeline');
    for (const e of events) {
      const li = el('li', 's-' + e.status + (e.acked ? ' done' : ''));
      li.setAttribute('data-alert', e.id);
      const t = el('time', '', when(e.at)); t.setAttribute('datetime', e.at);
      li.appendChild(t);
      const body = el('div');
      const h = el('div');
      h.appendChild(badge(e.status, pick(e.kindText)));
      h.appendChild(el('strong', '', e.item));
      body.appendChild(h);
      body.appendChild(textWithActions(pick(e.summary), el('div')));
      if (e.acked) body.appendChild(el('div', 'acked', fill(W.acked, { by: e.acked.by, when: when(e.acked.at) })));
      li.appendChild(body);
      if (!e.acked) {
        const b = el('button', 'secondary', W.ack); b.type = 'button'; b.setAttribute('data-action', 'ack');
        b.addEventListener('click', () => ack([e.id], b));
        li.appendChild(b);
      } else li.appendChild(el('span'));
      ol.appendChild(li);
    }
    eventsBox.appendChild(ol);
  }

  function renderList(l: WatchList): void {
    listBox.textContent = '';
    listBox.appendChild(el('h2', '', W.list));
    listBox.appendChild(el('p', 'intro', W.listIntro));
    const f = el('form'); f.id = 'watch-list';
    const lab = el('label', '', W.listLabel + ' — ' + l.path); lab.setAttribute('for', 'f-list');
    const ta = el('textarea'); ta.id = 'f-list'; ta.name = 'text'; ta.spellcheck = false; ta.rows = 16; ta.value = l.text;
    let version = l.version;
    const msg = el('div'); msg.setAttribute('role', 'status'); msg.id = 'list-msg';
    const bs = el('div', 'buttons');
    const save = el('button', '', W.save); save.type = 'submit';
    const again = el('button', 'secondary', W.reload); again.type = 'button';
    again.addEventListener('click', () => { void jsonCall<WatchList>('GET', '/api/watch/list').then(renderList).catch(showError); });
    bs.appendChild(save); bs.appendChild(again);
    f.appendChild(lab); f.appendChild(ta); f.appendChild(msg); f.appendChild(bs);
    f.addEventListener('submit', (ev) => {
      ev.preventDefault();
      save.disabled = true;
      msg.textContent = ''; msg.className = '';
      jsonCall<WatchList>('PUT', '/api/watch/list', { text: ta.value, version })
        .then((r) => {
          version = r.version;
          msg.textContent = fill(W.saved, { n: r.items.length }); msg.className = 'listok';
          return refresh();
        })
        .catch((e: unknown) => {
          if (e instanceof PageError && e.kind) { msg.textContent = e.message; msg.className = 'listerr'; ta.focus(); }
          else showError(e);
        })
        .then(() => { save.disabled = false; });
    });
    listBox.appendChild(f);
  }

  function refresh(): Promise<void> {
    return Promise.all([
      jsonCall<WatchState>('GET', '/api/watch/state'),
      jsonCall<{ items: Record<string, WatchPoint[]> }>('GET', '/api/watch/history?since=7d&points=90'),
      jsonCall<{ events: WatchEvent[] }>('GET', '/api/watch/events?since=30d'),
    ]).then(([state, hist, ev]) => { renderItems(state, hist.items); renderEvents(ev.events); });
  }

  refresh().then(() => jsonCall<WatchList>('GET', '/api/watch/list')).then(renderList).catch(showError);
  // The watcher keeps working: the page follows it every minute (not while a mute is being filled in).
  setInterval(() => { if (!document.hidden && !box.querySelector('.mutebox')) refresh().catch(() => undefined); }, 60_000);
}

/** "{name}" in a page text replaced by its value. */
function fillText(t: string | undefined, v: Record<string, string | number>): string {
  return (t || '').replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));
}
/** A time as the page's language writes it (short date and time). */
function whenText(iso: string): string {
  return new Intl.DateTimeFormat(T.lang, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}
/** A number with the page's language's grouping (12 345 / 12,345). */
function numText(n: number): string { return new Intl.NumberFormat(T.lang).format(n); }

/** A plain table: headings and rows of cells (text, or an element such as a link). */
function simpleTable(columns: string[], rows: (string | HTMLElement)[][], cls?: string): HTMLElement {
  const table = el('table', cls), thead = el('thead'), tr = el('tr');
  for (const c of columns) { const th = el('th', '', c); th.scope = 'col'; tr.appendChild(th); }
  thead.appendChild(tr); table.appendChild(thead);
  const tb = el('tbody');
  for (const r of rows) {
    const row = el('tr');
    for (const c of r) { const td = el('td'); if (typeof c === 'string') td.textContent = c; else td.appendChild(c); row.appendChild(td); }
    tb.appendChild(row);
  }
  table.appendChild(tb);
  const scroll = el('div', 'tablewrap'); scroll.appendChild(table);
  return scroll;
}

/** A labelled field (input or select) for the page's small forms. */
function fieldOf(id: string, text: string, control: HTMLInputElement | HTMLSelectElement): HTMLElement {
  const d = el('div', 'field'), l = el('label', '', text);
  l.setAttribute('for', id); control.id = id;
  d.appendChild(l); d.appendChild(control);
  return d;
}
function selectOf(name: string, options: [value: string, text: string][], chosen: string): HTMLSelectElement {
  const sel = el('select'); sel.name = name;
  for (const [v, t] of options) { const o = el('option', '', t); o.value = v; if (v === chosen) o.selected = true; sel.appendChild(o); }
  return sel;
}

/**
 * The stream workers' results (`serve --stream-db`): the counts, the suppression list with its CSV, each server's
 * traffic over time, the problems found in the logs (findings, drawn as everywhere), and two look-ups.
 */
function streamPage(box: HTMLElement): void {
  const S = T.stream || {};
  const countsBox = el('section'), suppBox = el('section'), hostsBox = el('section'), problemsBox = el('section'), lookBox = el('section');
  for (const b of [countsBox, suppBox, lookBox, hostsBox, problemsBox]) box.appendChild(b);
  const reason = (r: string) => (T.reasons[r] ? T.reasons[r] + ' (' + r + ')' : r);
  const E = T.streamEvents || {};
  const eventWord = (w: string | null) => (w ? (Object.prototype.hasOwnProperty.call(E, w) ? E[w]! : w) : '');

  function renderCounts(s: StreamSummary): void {
    countsBox.textContent = '';
    countsBox.appendChild(el('h2', '', S.counts));
    const tiles = el('div', 'tiles');
    const items: [string, number][] = [[S.suppressed!, s.bounces.suppressed], [S.messages!, s.bounces.messages], [S.recipients!, s.bounces.recipients],
      [S.hosts!, s.logs.hosts], [S.lines!, s.logs.lines], [S.problems!, s.logs.problems]];
    for (const [k, v] of items) {
      const t = el('div', 'tile');
      t.appendChild(el('strong', '', numText(v)));
      t.appendChild(el('span', '', k));
      tiles.appendChild(t);
    }
    countsBox.appendChild(tiles);
    const empty = !s.bounces.messages && !s.logs.lines;
    countsBox.appendChild(el('p', 'meta', empty ? S.empty : fillText(S.newest, { bounce: s.bounces.newest ? whenText(s.bounces.newest) : S.none!, log: s.logs.newest ? whenText(s.logs.newest) : S.none! })));
    countsBox.appendChild(el('p', 'meta', fillText(S.database, { db: s.database })));
  }

  // The suppression list: a period to filter by, the newest rows, and the whole list as CSV.
  const suppForm = el('form', 'inline'); suppForm.id = 'suppression-form';
  const period = selectOf('since', [['', S.all!], ['24h', S.last24h!], ['7d', S.last7d!], ['30d', S.last30d!], ['90d', S.last90d!]], '');
  const csv = el('a', 'action', S.csv); csv.id = 'suppression-csv';
  const showBtn = el('button', 'secondary', S.show); showBtn.type = 'submit';
  suppForm.appendChild(fieldOf('f-since', S.period!, period)); suppForm.appendChild(showBtn);
  const suppList = el('div');
  function loadSuppression(): Promise<void> {
    const q = period.value ? '?since=' + encodeURIComponent(period.value) : '';
    csv.href = '/api/stream/suppression.csv' + q;
    csv.setAttribute('download', 'mailmedic-suppression.csv');
    return jsonCall<{ rows: SuppressionRow[]; truncated: boolean }>('GET', '/api/stream/suppression' + (q ? q + '&' : '?') + 'limit=500').then((r) => {
      suppList.textContent = '';
      if (!r.rows.length) { suppList.appendChild(el('p', 'summary', S.noSuppression)); return; }
      suppList.appendChild(simpleTable([S.recipient!, S.firstSeen!, S.lastSeen!, S.bounces!, S.lastReason!, S.status!], r.rows.map((x) => {
        const a = el('a', '', x.recipient); a.href = '#recipient-form'; a.setAttribute('data-recipient', x.recipient);
        a.addEventListener('click', (ev) => { ev.preventDefault(); bounces.input.value = x.recipient; void bounces.go(); bounces.input.focus(); });
        return [a, whenText(x.firstSeen), whenText(x.lastSeen), numText(x.bounces), reason(x.lastReason), x.lastStatus || ''];
      }), 'suppression'));
      if (r.truncated) suppList.appendChild(el('p', 'meta', fillText(S.truncated, { n: r.rows.length })));
    });
  }
  suppForm.addEventListener('submit', (ev) => { ev.preventDefault(); loadSuppression().catch(showError); });
  suppBox.appendChild(el('h2', '', S.suppression));
  suppBox.appendChild(el('p', 'intro', S.suppressionIntro));
  suppBox.appendChild(suppForm);
  suppBox.appendChild(csv);
  suppBox.appendChild(suppList);

  // Each server over time: a strip of bars (log lines per period, oldest to newest) and its table.
  const hostsForm = el('form', 'inline');
  const by = selectOf('by', [['hour', S.byHour!], ['day', S.byDay!]], 'hour');
  const byBtn = el('button', 'secondary', S.show); byBtn.type = 'submit';
  hostsForm.appendChild(fieldOf('f-by', S.groupBy!, by)); hostsForm.appendChild(byBtn);
  const hostsList = el('div');
  function loadHosts(): Promise<void> {
    const day = by.value === 'day';
    return jsonCall<{ rows: HostPeriodRow[] }>('GET', '/api/stream/hosts?limit=50000&by=' + (day ? 'day&since=60d' : 'hour&since=48h')).then((r) => {
      hostsList.textContent = '';
      if (!r.rows.length) { hostsList.appendChild(el('p', 'summary', S.noHosts)); return; }
      const hosts = new Map<string, HostPeriodRow[]>();
      // Each host's newest periods (the rows come newest first): 48 hours or 60 days.
      for (const row of r.rows) { const l = hosts.get(row.host) || []; if (l.length < (day ? 60 : 48)) l.push(row); hosts.set(row.host, l); }
      for (const [host, rows] of hosts) {
        const sec = el('section', 'hostbox'); sec.setAttribute('data-host', host);
        sec.appendChild(el('h3', '', host));
        const oldest = rows.slice().reverse();
        const max = Math.max(1, ...oldest.map((x) => x.lines));
        const strip = el('div', 'vspark');
        strip.setAttribute('role', 'img');
        strip.setAttribute('aria-label', fillText(S.trend, { host, min: numText(Math.min(...oldest.map((x) => x.lines))), max: numText(max) }));
        for (const x of oldest) {
          const bar = el('i', x.bounced || x.rejected ? 'warn' : '');
          bar.style.height = Math.max(4, (100 * x.lines) / max) + '%';
          bar.title = whenText(x.period) + ' — ' + S.lines + ': ' + numText(x.lines);
          strip.appendChild(bar);
        }
        sec.appendChild(strip);
        const sum = (k: 'lines' | 'received' | 'delivered' | 'deferred' | 'bounced' | 'rejected') => numText(rows.reduce((n, x) => n + x[k], 0));
        sec.appendChild(el('p', 'meta', [[S.lines, 'lines'], [S.received, 'received'], [S.delivered, 'delivered'], [S.deferred, 'deferred'], [S.bounced, 'bounced'], [S.rejected, 'rejected']]
          .map(([t, k]) => t + ': ' + sum(k as 'lines')).join(' · ')));
        // The figures behind the strip, folded: the strip says the shape, the table each number (and to a screen reader).
        const det = el('details');
        det.appendChild(el('summary', '', fillText(S.details, { n: rows.length })));
        det.appendChild(simpleTable([S.time!, S.lines!, S.received!, S.delivered!, S.deferred!, S.bounced!, S.rejected!],
          rows.map((x) => [whenText(x.period), ...[x.lines, x.received, x.delivered, x.deferred, x.bounced, x.rejected].map(numText)])));
        sec.appendChild(det);
        hostsList.appendChild(sec);
      }
    });
  }
  hostsForm.addEventListener('submit', (ev) => { ev.preventDefault(); loadHosts().catch(showError); });
  hostsBox.appendChild(el('h2', '', S.servers));
  hostsBox.appendChild(el('p', 'intro', S.serversIntro));
  hostsBox.appendChild(hostsForm);
  hostsBox.appendChild(hostsList);

  function loadProblems(): Promise<void> {
    return jsonCall<{ problems: StoredProblem[] }>('GET', '/api/stream/problems').then((r) => {
      problemsBox.textContent = '';
      problemsBox.appendChild(el('h2', '', S.problemsTitle));
      if (!r.problems.length) { problemsBox.appendChild(el('p', 'summary', S.noProblems)); return; }
      const findings = r.problems.map((p) => ({ ...p.finding, subject: p.host + ': ' + p.finding.subject + ' (' + whenText(p.detectedAt) + ')' }));
      const list = el('div', 'problems');
      for (const g of groupFindings(bySeverity(findings))) list.appendChild(renderFinding(g.finding, g.count, g.subjects));
      problemsBox.appendChild(list);
    });
  }

  // The look-ups: a message's story by queue id or Message-ID, a recipient's bounces. Each is a form of one field
  // whose answer goes into its own box; `show` draws the answer.
  lookBox.appendChild(el('h2', '', S.lookup));
  function lookUp(name: string, type: string, max: number, label: string, button: string, placeholder: string, show: (value: string, out: HTMLElement) => Promise<void>) {
    const form = el('form', 'inline'); form.id = name + '-form';
    const input = el('input'); input.type = type; input.name = name; input.maxLength = max; input.required = true; input.autocomplete = 'off'; input.placeholder = placeholder;
    const btn = el('button', '', button); btn.type = 'submit';
    form.appendChild(fieldOf('f-' + name, label, input)); form.appendChild(btn);
    const out = el('div'); out.id = name + '-answer'; out.setAttribute('aria-live', 'polite');
    const go = (): Promise<void> => {
      const value = input.value.trim();
      if (!value) return Promise.resolve();
      btn.disabled = true;
      return show(value, out).catch(showError).then(() => { btn.disabled = false; });
    };
    form.addEventListener('submit', (ev) => { ev.preventDefault(); void go(); });
    return { form, input, out, go };
  }
  const story = lookUp('story', 'text', 500, S.storyId!, S.storyButton!, '4B2C1A0F3', (id, out) =>
    jsonCall<{ id: string; lines: StoryLine[] }>('GET', '/api/stream/message?id=' + encodeURIComponent(id)).then((r) => {
      out.textContent = '';
      out.appendChild(el('p', 'summary', r.lines.length ? fillText(S.storyFound, { id: r.id, n: r.lines.length }) : fillText(S.storyNone, { id: r.id })));
      if (r.lines.length) {
        out.appendChild(simpleTable([S.time!, S.host!, S.queueId!, S.event!, S.status!, S.recipient!, S.line!],
          r.lines.map((x) => [x.at ? whenText(x.at) : '', x.host, x.qid, eventWord(x.kind), eventWord(x.status), x.recipient || '', x.line]), 'story'));
      }
    }));
  const bounces = lookUp('recipient', 'email', 320, S.address!, S.bouncesButton!, 'anna@example.com', (addr, out) =>
    jsonCall<{ recipient: string; bounces: RecipientBounce[] }>('GET', '/api/stream/bounces?recipient=' + encodeURIComponent(addr)).then((r) => {
      out.textContent = '';
      const hard = r.bounces.filter((b) => b.hard).length;
      out.appendChild(el('p', 'summary', r.bounces.length ? fillText(S.bouncesFound, { addr: r.recipient, n: r.bounces.length, hard }) : fillText(S.bouncesNone, { addr: r.recipient })));
      if (hard) out.appendChild(el('p', 'advice', S.bouncesHard));
      if (r.bounces.length) {
        out.appendChild(simpleTable([S.time!, S.reason!, S.hard!, S.status!, S.remote!, S.diagnostic!],
          r.bounces.map((b) => [whenText(b.at), reason(b.reason), b.hard ? S.yes! : S.no!, b.status || '', b.remoteHost || '', b.diagnostic || '']), 'bounces'));
      }
    }));

  const cols = el('div', 'lookups');
  const c1 = el('div'), c2 = el('div');
  c1.appendChild(el('h3', '', S.story)); c1.appendChild(story.form);
  c2.appendChild(el('h3', '', S.recipientBounces)); c2.appendChild(bounces.form);
  cols.appendChild(c1); cols.appendChild(c2);
  lookBox.appendChild(cols);
  // The answers take the page's whole width (a log line is long), each opening with what was looked up.
  lookBox.appendChild(story.out); lookBox.appendChild(bounces.out);

  // A link such as /stream?id=… or /stream?recipient=… opens with its look-up done.
  const params = new URLSearchParams(location.search);
  const startId = params.get('id'), startRecipient = params.get('recipient');
  jsonCall<StreamSummary>('GET', '/api/stream/summary').then((s) => {
    renderCounts(s);
    return Promise.all([loadSuppression(), loadHosts(), loadProblems()]);
  }).then(() => {
    if (startId && startId.length <= 500) { story.input.value = startId; void story.go(); }
    if (startRecipient && startRecipient.length <= 320) { bounces.input.value = startRecipient; void bounces.go(); }
  }).catch(showError);
}

const form = byId<HTMLFormElement>('form');
if (form) formPage(form);
const wiz = byId('wizard');
if (wiz) doctorPage(wiz);
const dash = byId('dashboard');
if (dash) dashboardPage(dash);
const streamBox = byId('streamboard');
if (streamBox) streamPage(streamBox);
