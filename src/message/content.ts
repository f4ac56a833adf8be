/**
 * What the body shows that filters score: an image-only message, URL shorteners, links to bare IP addresses,
 * HTML without a text part. The parts come from the one MIME layer (src/mime; ≤ 200 read here, ≤ 2 MB decoded per part).
 */
import type { Finding } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { FIX } from './spam/fixes.js';
import { contentParam, decodeCharset, decodeHeaderValue, decodeTransfer, header } from '../mime/parse.js';
import type { HeaderField } from '../mime/header-fields.js';
import { bodyParts } from './mime.js';

export interface ContentAnalysis {
  /** Body bytes given (0 when only headers were pasted). */
  bodySize: number;
  parts: number;
  hasText: boolean;
  hasHtml: boolean;
  /** Visible characters of text (plain text, or HTML with tags removed). */
  textChars: number;
  /** <img> tags in HTML plus image/* parts. */
  images: number;
  links: number;
  linkDomains: string[];
  shorteners: string[];
  ipLinks: string[];
  attachments: string[];
}

/** URL shortener domains (links through them hide the destination; filters score them). */
export const SHORTENERS = new Set([
  'bit.ly', 'bitly.com', 'tinyurl.com', 't.co', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly',
  'shorturl.at', 'tiny.cc', 'rb.gy', 'v.gd', 't.ly', 'bl.ink', 'short.io', 'lnkd.in', 'soo.gd', 's.id', 'clck.ru',
  'qrco.de', 'x.gd', 'shorturl.com', 'adf.ly', 'bc.vc', 'urlz.fr', 'tiny.pl', 'u.to', '1url.com',
]);

const MAX_PART = 2 * 1024 * 1024;
const MAX_PARTS = 200;

/** A text part's content as text: transfer encoding and charset undone by the one MIME layer (src/mime). */
function decodePart(body: string, cte: string | undefined, charset: string | undefined): string {
  const text = decodeCharset(decodeTransfer(body.slice(0, MAX_PART * 2), (cte ?? '').trim().toLowerCase()), charset);
  return text.length > MAX_PART ? text.slice(0, MAX_PART) : text;
}

function visibleText(html: string): string {
  // Drop <script>/<style> blocks with indexOf (linear), then tags.
  let h = html;
  for (const tag of ['script', 'style']) {
    const lower = h.toLowerCase();
    let out = '';
    let pos = 0;
    for (;;) {
      const open = lower.indexOf(`<${tag}`, pos);
      if (open < 0) { out += h.slice(pos); break; }
      out += h.slice(pos, open) + ' ';
      const close = lower.indexOf(`</${tag}`, open);
      if (close < 0) break;
      pos = close + tag.length + 2;
    }
    h = out;
  }
  return h.replace(/<[^<>]{0,2000}>/g, ' ').replace(/&nbsp;|&#160;/gi, ' ').replace(/&[a-z#0-9]{1,10};/gi, 'x').replace(/\s+/g, ' ').trim();
}

/**
 * Walks the body's MIME parts (bounded) for what filters score: text and HTML parts, images, links and their domains,
 * URL shorteners, links to bare IPs, attachments.
 */
export function analyzeContent(fields: readonly HeaderField[], body: string): ContentAnalysis {
  const a: ContentAnalysis = { bodySize: body.length, parts: 0, hasText: false, hasHtml: false, textChars: 0, images: 0, links: 0, linkDomains: [], shorteners: [], ipLinks: [], attachments: [] };
  if (!body.trim()) return a;
  const domains = new Set<string>();
  const shorteners = new Set<string>();
  const ipLinks = new Set<string>();
  for (const part of bodyParts(fields, body, MAX_PARTS)) {
    a.parts++;
    const type = part.contentType;
    if (type.startsWith('multipart/')) continue;
    const disp = header(part.headers, 'content-disposition') ?? '';
    const rawName = contentParam(disp, 'filename') ?? part.params.name;
    const name = rawName ? decodeHeaderValue(rawName) : undefined;
    if (type.startsWith('image/')) { a.images++; if (name) a.attachments.push(name.slice(0, 100)); continue; }
    if (/attachment/i.test(disp) || (name && !type.startsWith('text/'))) { if (name) a.attachments.push(name.slice(0, 100)); if (a.attachments.length > 50) a.attachments.length = 50; continue; }
    if (type !== 'text/plain' && type !== 'text/html') continue;
    const decoded = decodePart(part.rawBody, header(part.headers, 'content-transfer-encoding'), part.params.charset);
    if (type === 'text/html') {
      a.hasHtml = true;
      a.images += Math.min(1000, (decoded.match(/<img\b/gi) ?? []).length);
      if (!a.hasText) a.textChars = Math.max(a.textChars, visibleText(decoded).length);
    } else {
      a.hasText = true;
      a.textChars = Math.max(a.textChars, decoded.replace(/\s+/g, ' ').trim().length);
    }
    for (const m of decoded.matchAll(/\bhttps?:\/\/([^\s"'<>/?#:]{1,253})/gi)) {
      if (a.links >= 2000) break;
      a.links++;
      const host = m[1]!.toLowerCase().replace(/\.$/, '');
      domains.add(host);
      if (SHORTENERS.has(host) || SHORTENERS.has(host.replace(/^www\./, ''))) shorteners.add(host);
      if (/^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) ipLinks.add(host);
    }
  }
  a.linkDomains = [...domains].slice(0, 50);
  a.shorteners = [...shorteners].slice(0, 20);
  a.ipLinks = [...ipLinks].slice(0, 20);
  return a;
}

const T = {
  headersOnly: tx('Only headers were given: content checks (images, links) were skipped.', 'Podano same nagłówki: sprawdzenie treści (obrazki, linki) pominięto.'),
  imageOnly: tx('The message is mostly images ({images}) with very little text ({chars} characters).', 'Wiadomość składa się głównie z obrazków (liczba: {images}), a tekstu jest bardzo mało (znaków: {chars}).'),
  imageOnlyDetail: tx('Spammers put their text in pictures so that filters cannot read it; filters therefore score image-heavy messages with little text (HTML_IMAGE_ONLY, HTML_IMAGE_RATIO).', 'Spamerzy umieszczają tekst w obrazkach, by filtry go nie odczytały; dlatego filtry punktują wiadomości z wieloma obrazkami i małą ilością tekstu (HTML_IMAGE_ONLY, HTML_IMAGE_RATIO).'),
  shortener: tx('Links go through URL shorteners: {list}.', 'Linki prowadzą przez skracacze linków: {list}.'),
  shortenerDetail: tx('A shortener hides where a link leads, so spammers use them and filters distrust them; shortener domains are often on URI block lists.', 'Skracacz ukrywa, dokąd prowadzi link, dlatego używają ich spamerzy, a filtry im nie ufają; domeny skracaczy często są na listach blokad URI.'),
  ipLink: tx('Links point to bare IP addresses: {list}.', 'Linki prowadzą do samych adresów IP: {list}.'),
  ipLinkDetail: tx('Legitimate senders link to names; links to numbers are typical of phishing (NORMAL_HTTP_TO_IP).', 'Uczciwi nadawcy podają linki do nazw domen; linki do samych adresów IP są typowe dla phishingu (NORMAL_HTTP_TO_IP).'),
  htmlOnly: tx('The message has HTML but no plain-text part.', 'Wiadomość ma część HTML, ale nie ma części tekstowej.'),
  htmlOnlyDetail: tx('Mail programs send both (multipart/alternative); HTML alone is a small spam signal (MIME_HTML_ONLY).', 'Programy pocztowe wysyłają obie wersje (multipart/alternative); sam HTML to drobny sygnał spamu (MIME_HTML_ONLY).'),
  summary: tx('Body — parts: {parts}, characters of text: {chars}, images: {images}, links: {links}{att}.', 'Treść — części: {parts}, znaków tekstu: {chars}, obrazków: {images}, linków: {links}{att}.'),
  att: tx(', attachments: {list}', ', załączniki: {list}'),
};

export function contentFindings(c: ContentAnalysis, headersOnly: boolean): Finding[] {
  if (headersOnly || !c.bodySize) return [{ check: 'message.content.skipped', status: 'info', subject: 'body', summary: T.headersOnly }];
  const out: Finding[] = [];
  const att = c.attachments.length ? fill(T.att, { list: c.attachments.slice(0, 5).join(', ') }) : tx('', '');
  const s = fill(T.summary, { parts: c.parts, chars: c.textChars, images: c.images, links: c.links });
  out.push({ check: 'message.content.summary', status: 'info', subject: 'body', summary: { en: s.en.replace('{att}', att.en), pl: s.pl.replace('{att}', att.pl) }, data: { ...c } });
  if (c.images > 0 && c.textChars < 300) {
    out.push({ check: 'message.content.image-only', status: 'warn', subject: 'body', summary: fill(T.imageOnly, { images: c.images, chars: c.textChars }), detail: T.imageOnlyDetail, advice: [FIX.imageOnly], data: { spamWeight: 2 } });
  }
  // A shortener alone is a light signal (rspamd R_SHORT_URL 0.5); listed shortener domains score via URI lists.
  if (c.shorteners.length) out.push({ check: 'message.content.shortener', status: 'warn', subject: c.shorteners.join(', '), summary: fill(T.shortener, { list: c.shorteners.join(', ') }), detail: T.shortenerDetail, advice: [FIX.shortener], data: { spamWeight: 1 } });
  if (c.ipLinks.length) out.push({ check: 'message.content.ip-link', status: 'warn', subject: c.ipLinks.join(', '), summary: fill(T.ipLink, { list: c.ipLinks.join(', ') }), detail: T.ipLinkDetail, advice: [FIX.ipLink], data: { spamWeight: 2 } });
  if (c.hasHtml && !c.hasText) out.push({ check: 'message.content.html-only', status: 'info', subject: 'body', summary: T.htmlOnly, detail: T.htmlOnlyDetail, advice: [FIX.htmlOnly], data: { spamWeight: 1 } });
  return out;
}
