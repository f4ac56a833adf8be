/**
 * parseBounce: one message → is it a bounce, and per recipient what happened, why (which decoder rule and
 * which classifier rule), and what to do.
 *
 * Order: ARF feedback report → Amazon SES JSON → RFC 3464 DSN part(s) (enriched from the MTA's text when the
 * DSN lacks the server's words or the SMTP command) → the MTA text formats (formats/index.ts; for messages that
 * look like bounces, or formats recognisable from their text alone) → RFC 3834 auto-reply → for clear bounces:
 * the generic address-block reader, X-Failed-Recipients, a bounce forwarded as an attachment, the returned
 * message's own To → "not a bounce" (no recipient is invented).
 */
import { classify, codesInText, PhraseMatcher, providerFor, type ClassifyInput } from '../classify/index.js';
import type { Permanence, Reason, Text } from '../core/finding.js';
import { tx } from '../i18n/text.js';
import { describeReason } from '../knowledge/reasons.js';
import { decodeArf, isJmrp, isUnsubscribeRequest } from './arf.js';
import { autoReplyRule } from './autoreply.js';
import { decodeRefusalMdn } from './mdn.js';
import { BOUNCE_FROM, BOUNCE_ONLY_SUBJECT, BOUNCE_SUBJECT, includesAny, nullSender, STRICT_BOUNCE_FROM } from './signs.js';
import { decodeDsn, embeddedDsn } from './dsn.js';
import { amazonsesJson } from './formats/amazonses.js';
import { textMarkers } from './formats/define.js';
import { BOUNCE_FORMATS, FALLBACK_FORMAT } from './formats/index.js';
import { decodeHeaderValue, decodeTransfer, header, isJsSpace, parseHeaderBlock, parseMime, partText, walkParts, type HeaderList, type MimePart } from '../mime/parse.js';
import { allAddresses, commandIn, commandInLower, firstAddress, lowWindow, rhostIn, transcriptCommand } from './text.js';
import type { BounceContext, BounceFormat, BounceRecipient, BounceResult, RawRecipient } from './types.js';

/** Options of `parseBounce`: the size read at most, and formats or providers to leave out (family cross-validation). */
export interface ParseBounceOptions {
  /** Largest message read (bytes); the rest is ignored. Default 64 MiB. */
  maxBytes?: number;
  /**
   * For evaluation only: knowledge to leave out — format modules by name, provider tables by id — to measure
   * how the reader does on bounces of an MTA or provider it was never taught (leave-one-family-out scoring).
   */
  exclude?: { formats?: readonly string[]; providers?: readonly string[] };
}

const COPY_MARKERS = [
  '--- below this line is a copy of the message', '------ this is a copy of the message', '----- original message follows',
  '----- unsent message follows', '-----unsent message follows', '--- the header of the original message',
  '----- original message -----', '------ the body of the message', 'original message headers',
  '--- enclosed are the original headers', '----- message header follows', '------- received message',
  'message headers follow', 'original message follows', 'included is a copy of the message header', '------- returned message', 'below is a copy of the original message', '----- the header of the original message',
  'original message header', '------ original message', '-------- original message', '--- original message',
];

let markers: PhraseMatcher | undefined;

/** Per start-marker pattern of the scanner: its list, and the marker as the list spells it. */
const startOf: { list: readonly string[]; marker: string }[] = [];

/**
 * The copy markers first, then every format's text markers, then every format's start markers ('*' read as a
 * space, as firstMarker does): one automaton for getSplit's single pass.
 */
function markerScanner(): PhraseMatcher {
  if (markers) return markers;
  const { markers: text, starts } = textMarkers();
  const patterns = COPY_MARKERS.concat(text);
  for (const list of starts) for (const m of list) { patterns.push(m.replace(/\*/g, ' ')); startOf.push({ list, marker: m }); }
  return (markers = new PhraseMatcher(patterns));
}

/** What a DSN written as text must contain, in any of its usual spellings. */
const DSN_NEEDLES = ['-Recipient:', '-recipient:', '-RECIPIENT:', '-Recipient :'];

/** The first blank line (what split(/\n[ \t]*\n/)[0] would cut at, without splitting the rest). */
const BLANK_LINE = /\n[ \t]*\n/g;

/** Charsets whose decoding can turn bytes other than the same ASCII bytes into ASCII text. */
const NOT_ASCII_SAFE = /16|32|utf-?7|ucs|2022|hz|cp875|ebcdic|ibm|cp0|cp1[0-9]{3}/i;
const TEXT_LIMIT = 4 * 1024 * 1024;

function textOf(p: MimePart): string {
  const t = partText(p, TEXT_LIMIT);
  if (p.contentType === 'text/html') return htmlToText(t);
  return t;
}

/**
 * HTML to text: line-ending tags become a newline, other tags of up to 2000 characters a space, a few entities
 * decoded. A loop, not /<[^>]{0,2000}>/g: that regex re-reads up to 2000 characters after every "<" of a text
 * full of "<" without ">".
 */
export function htmlToText(html: string): string {
  const t = html.replace(/<br\s*\/?>|<\/p>|<\/div>|<\/tr>/gi, '\n');
  let out = '';
  let from = 0;
  let gt = -1;
  for (let lt = t.indexOf('<'); lt >= 0; lt = t.indexOf('<', lt + 1)) {
    if (lt < from) continue;
    if (gt <= lt) { gt = t.indexOf('>', lt + 1); if (gt < 0) break; }
    if (gt - lt - 1 > 2000) continue;
    out += t.slice(from, lt) + ' ';
    from = gt + 1;
  }
  out += t.slice(from);
  return out.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/**
 * The per-message context: what every decoder may read, each derived form (decoded text, the part before the
 * returned copy, lowercase forms) computed only when first asked for. A class, so the accessors live on the
 * prototype instead of a fresh closure and accessor pair per message.
 */
class MessageContext implements BounceContext {
  readonly headers: HeaderList;
  readonly from: string;
  readonly subject: string;
  readonly lowFrom: string;
  readonly lowSubject: string;
  readonly dsnParts: string[] = [];
  readonly detected = new Map<string, boolean>();
  readonly cache = new Map<string, RawRecipient[]>();
  excludeProviders: readonly string[] | undefined;
  markerHits?: Set<string>;
  startHits?: Map<readonly string[], { at: number; marker: string }>;
  feedback: string | undefined;
  textPart: MimePart | undefined;
  htmlPart: MimePart | undefined;
  originalPart: MimePart | undefined;
  originalHeaders: HeaderList | undefined;
  private body: string | undefined;
  private split: { errorText: string; lowError: string; quoted?: HeaderList } | undefined;
  private lowTraceText: string | undefined;
  private lowHeadText: string | undefined;

  constructor(readonly root: MimePart) {
    this.headers = root.headers;
    this.from = decodeHeaderValue(header(root.headers, 'from') ?? '');
    this.subject = decodeHeaderValue(header(root.headers, 'subject') ?? '');
    this.lowFrom = this.from.toLowerCase();
    this.lowSubject = this.subject.toLowerCase();
  }

  textMayContain(needles: readonly string[]): boolean {
    if (this.body !== undefined) return true;
    const p = this.textPart ?? this.htmlPart;
    if (!p) return false;
    return this.partMayContain(p, needles);
  }

  /** False when the decoded text of `p` certainly contains none of `needles` (see textMayContain). */
  partMayContain(p: MimePart, needles: readonly string[]): boolean {
    const enc = (header(p.headers, 'content-transfer-encoding') ?? '').trim().toLowerCase();
    // Only where the decoded text keeps the raw ASCII bytes as they are (tags and entities removed from
    // HTML can only break a string, never make one).
    if (enc === 'base64' || enc === 'quoted-printable' || NOT_ASCII_SAFE.test(p.params.charset ?? '')) return true;
    const raw = p.rawBody.length > TEXT_LIMIT ? p.rawBody.slice(0, TEXT_LIMIT) : p.rawBody;
    for (const n of needles) if (raw.includes(n)) return true;
    return false;
  }

  get text(): string {
    return (this.body ??= this.textPart ? textOf(this.textPart) : this.htmlPart ? textOf(this.htmlPart) : '');
  }

  private getSplit(): { errorText: string; lowError: string; quoted?: HeaderList } {
    if (this.split) return this.split;
    const all = this.text;
    // Markers of the returned copy are searched in the first 64 KiB only (bounces put their words first);
    // the text is lowercased once and the markers found in one automaton pass.
    const head = all.length > 65536 ? all.slice(0, 65536) : all;
    let low = head.toLowerCase();
    if (low.length !== head.length) low = head.replace(/[A-Z]/g, (c) => c.toLowerCase());
    // The same pass notes the formats' text markers that lie wholly before the copy marker, within the
    // first 8 KiB (what a scan of lowHead would find; see formatsSeenInText).
    const hits = markerScanner().scanUntil(low, COPY_MARKERS.length);
    const lastHit = hits[hits.length - 1];
    const copy = lastHit && lastHit.index < COPY_MARKERS.length ? lastHit : undefined;
    const headEnd = Math.min(copy ? copy.at : low.length, 8192);
    // And the formats' start markers wholly inside lowError: per list, the first hit in the pass's order
    // (by end of the automaton prefix, start, index: firstMarker's order) is what firstMarker would give.
    const errorEnd = copy ? copy.at : low.length;
    const seen = new Set<string>();
    const starts = new Map<readonly string[], { at: number; marker: string }>();
    const { markers, owners } = textMarkers();
    for (const h of hits) {
      const k = h.index - COPY_MARKERS.length;
      if (k < 0) continue;
      if (k < markers.length) {
        if (h.at + markers[k]!.length <= headEnd) seen.add(owners[k]!);
        continue;
      }
      const st = startOf[k - markers.length]!;
      if (h.at + st.marker.length <= errorEnd && !starts.has(st.list)) starts.set(st.list, { at: h.at, marker: st.marker });
    }
    this.markerHits ??= seen;
    this.startHits = starts;
    const split: { errorText: string; lowError: string; quoted?: HeaderList } =
      { errorText: copy ? head.slice(0, copy.at) : head, lowError: copy ? low.slice(0, copy.at) : low };
    if (copy) {
      // Text bounces quote the original headers after the marker line.
      const nl = all.indexOf('\n', copy.at);
      const rest = nl < 0 ? '' : all.slice(nl + 1, nl + 1 + 65536);
      // Skip the leading blank lines (what .replace(/^\s*\n/, '') did, without copying the rest), then cut
      // at the first blank line.
      let k = 0;
      let afterNl = 0;
      while (k < rest.length && isJsSpace(rest.charCodeAt(k))) { if (rest.charCodeAt(k) === 10) afterNl = k + 1; k++; }
      BLANK_LINE.lastIndex = afterNl;
      const blank = BLANK_LINE.exec(rest);
      const oh = parseHeaderBlock(blank ? rest.slice(afterNl, blank.index) : afterNl ? rest.slice(afterNl) : rest);
      if (oh.length) split.quoted = oh;
    }
    return (this.split = split);
  }

  get errorText(): string { return this.getSplit().errorText; }
  get lowError(): string { return this.getSplit().lowError; }
  get lowHead(): string { return (this.lowHeadText ??= this.getSplit().lowError.slice(0, 8192)); }
  get original(): HeaderList | undefined { return this.originalPart?.headers ?? this.originalHeaders ?? this.getSplit().quoted; }
  get lowTrace(): string {
    return (this.lowTraceText ??= this.headers.filter(([n]) => n === 'received' || n.startsWith('x-')).map(([, v]) => v).join('\n').slice(0, 65536).toLowerCase());
  }
}

function buildContext(root: MimePart): { ctx: MessageContext; feedback?: string } {
  const ctx = new MessageContext(root);
  const dsnParts = ctx.dsnParts;
  for (const p of walkParts(root)) {
    const t = p.contentType;
    if (t === 'message/delivery-status' || t === 'message/global-delivery-status') dsnParts.push(partText(p, 1024 * 1024));
    else if (t === 'message/feedback-report') ctx.feedback = partText(p, 1024 * 1024);
    else if (t === 'message/rfc822' || t === 'message/global' || t === 'message/partial') {
      if (p.parts[0] && !ctx.originalPart) ctx.originalPart = p.parts[0];
    } else if (t === 'text/rfc822-headers' || t === 'message/rfc822-headers' || t === 'message/global-headers') {
      // Header bytes as they are (not charset-decoded): each header is decoded on its own when used.
      ctx.originalHeaders ??= parseHeaderBlock(decodeTransfer(p.rawBody.slice(0, 1024 * 1024), (header(p.headers, 'content-transfer-encoding') ?? '').trim().toLowerCase()));
    } else if (p.parent === 'message') {
      continue; // the returned original: read lazily through ctx.original
    } else if (p.depth > 0 && p.parts.length === 0) {
      if ((t === 'text/plain' || t === 'message/disposition-notification') && !ctx.textPart) ctx.textPart = p;
      else if (t === 'text/html' && !ctx.htmlPart) ctx.htmlPart = p;
    } else if (p === root && p.parts.length === 0) ctx.textPart = p;
  }
  // Some DSNs arrive as text/plain parts that are really delivery-status (lying content types), or written
  // into the text of a single-part message.
  if (!dsnParts.length) {
    for (const p of walkParts(root)) {
      if (p.parent === 'message' || p.parts.length || p.contentType !== 'text/plain') continue;
      if (!ctx.partMayContain(p, DSN_NEEDLES)) continue;
      const dsn = embeddedDsn(partText(p, 1024 * 1024));
      if (dsn) dsnParts.push(dsn);
    }
  }
  return ctx.feedback === undefined ? { ctx } : { ctx, feedback: ctx.feedback };
}

/** The formats tried on the text (the JSON one is tried before the DSN). */
const TEXT_FORMATS = BOUNCE_FORMATS.filter((f) => f !== amazonsesJson);

/**
 * Is this message a bounce? Structure first (a failure header, a mail-system sender, a returned message under a
 * null sender or beside an MTA's own text block), then the sender and subject words of signs.ts, in any of the
 * languages listed there. Returns what decided, or undefined.
 */
function bounceSign(ctx: MessageContext): string | undefined {
  const f = ctx.lowFrom;
  const s = ctx.lowSubject;
  if (ctx.headers.some(([n]) => n === 'x-failed-recipients')) return 'x-failed-recipients';
  if (includesAny(f, STRICT_BOUNCE_FROM)) return 'from';
  if (includesAny(s, BOUNCE_ONLY_SUBJECT)) return 'subject';
  if (includesAny(f, BOUNCE_FROM) && includesAny(s, BOUNCE_SUBJECT)) return 'from+subject';
  const as = (header(ctx.headers, 'auto-submitted') ?? '').toLowerCase();
  if (as.includes('failure')) return 'auto-submitted';
  const returned = ctx.originalPart !== undefined || ctx.originalHeaders !== undefined;
  if (nullSender(ctx.headers) && (includesAny(s, BOUNCE_SUBJECT) || returned)) return 'null-sender';
  // An MTA's own wording before the returned copy of the message: the formats' text markers.
  if ((returned || nullSender(ctx.headers) || as.startsWith('auto-')) && formatMarkersSeen(ctx)) return 'mta-text';
  return undefined;
}

/** Any format's text marker in the first 8 KiB of the error text (the copy-marker pass notes them). */
function formatMarkersSeen(ctx: MessageContext): boolean {
  if (!ctx.textPart && !ctx.htmlPart) return false;
  void ctx.lowHead;
  return (ctx.markerHits?.size ?? 0) > 0;
}

/** Find the MTA text block that belongs to a DSN recipient (to enrich a DSN with the server's own words). */
function textDiagnosticFor(ctx: BounceContext, formats: readonly BounceFormat[], rcpt: string): RawRecipient | undefined {
  const want = rcpt.toLowerCase();
  for (const f of formats) {
    if (!f.detect(ctx)) continue;
    const found = f.decode(ctx).find((r) => r.recipient.toLowerCase() === want);
    if (found?.diagnosticCode) return found;
  }
  const found = FALLBACK_FORMAT.decode(ctx).find((r) => r.recipient.toLowerCase() === want);
  return found?.diagnosticCode ? found : undefined;
}

const MULTI_SPACE = /\s\s|[\t\n\r\f\v]/;
const NO_CODES: { status?: string; replyCode?: number } = Object.freeze({});

/**
 * `noCommand`: raw recipients whose diagnostic, as finish() reads it, was already searched for an SMTP command
 * and names none (the DSN reader looked; the same search again would find nothing).
 */
function finish(raw: RawRecipient[], decoder: string, ctx: BounceContext, noCommand?: Set<RawRecipient>): BounceRecipient[] {
  const orig = ctx.original;
  const sender = orig ? firstAddress(decodeHeaderValue(header(orig, 'from') ?? header(orig, 'return-path') ?? '')) : undefined;
  const messageId = orig ? header(orig, 'message-id')?.trim() : undefined;
  const subject = orig ? decodeHeaderValue(header(orig, 'subject') ?? '') : undefined;
  const bounceDate = header(ctx.headers, 'date');
  // The raw recipient is read, not written: decoders give it many shapes, and adding fields to each made
  // every store a shape transition; the completed values live in locals.
  return raw.map((r) => {
    const d0 = r.diagnosticCode;
    const diag = d0 === undefined ? undefined : (MULTI_SPACE.test(d0) ? d0.replace(/\s+/g, ' ') : d0).trim();
    let command = r.command;
    const rhost0 = r.rhost;
    // One lowercased window of the diagnostic serves the command and the remote host lookups.
    const lowDiag = diag && (command === undefined || rhost0 === undefined) ? lowWindow(diag) : undefined;
    if (command === undefined && diag && !noCommand?.has(r)) command = commandInLower(lowDiag!);
    // rhost0 undefined implies lowDiag was computed (when there is a diagnostic).
    const rhost = rhost0 ?? (diag ? rhostIn(diag, lowDiag) : undefined);
    // The server's own code beats the reporting MTA's Status field (which is often a generic 5.0.0, or a
    // guess such as 5.1.1 for any RCPT failure).
    const codes = diag ? codesInText(diag) : NO_CODES;
    const inText = codes.status;
    let status0 = r.status;
    if (inText && (!status0 || inText[0] === status0[0]) && !/^\d\.0\.0$/.test(inText)) status0 = inText;
    const reply0 = r.replyCode ?? codes.replyCode;
    const action = r.action;
    const reason0 = r.reason;
    let c: { reason: Reason; rule: string; permanence: Permanence; hard: boolean; status?: string | undefined; replyCode?: number | undefined };
    if (reason0) {
      const perm = reason0 !== 'feedback' && reason0 !== 'vacation' ? classify({ text: diag ?? '', action: action ?? 'failed', textCodes: codes }).permanence : 'unknown';
      c = { reason: reason0, rule: `decoder-reason:${reason0}`, permanence: perm, hard: false, status: status0, replyCode: reply0 };
    } else {
      const input: ClassifyInput = { text: diag ?? '', inBounce: true, textCodes: codes };
      if (status0) input.status = status0;
      if (reply0) input.replyCode = reply0;
      if (action) input.action = action;
      if (r.diagnosticType) input.diagnosticType = r.diagnosticType;
      if (r.mailboxServer) input.mailboxServer = true;
      if (command) input.command = command;
      if (r.senderCategory) input.senderCategory = r.senderCategory;
      const provider = providerFor({ recipient: r.recipient, rhost, lhost: r.lhost }, ctx.excludeProviders);
      if (provider) input.provider = provider;
      c = classify(input);
    }
    const info = describeReason(c.reason);
    const out: BounceRecipient = {
      recipient: r.recipient,
      reason: c.reason,
      hardBounce: c.hard,
      permanence: c.permanence,
      explanation: info.meaning,
      advice: info.advice,
      rule: `decoder:${decoder}/${lastSegment(r.rule ?? 'text')} + classify:${c.rule}`,
      decoder,
    };
    if (sender) out.sender = sender;
    if (messageId) out.messageId = messageId;
    if (subject) out.subject = subject;
    const date = r.date ?? bounceDate;
    if (date) out.date = date;
    if (action) out.action = action;
    const status = status0 ?? c.status;
    if (status) out.status = status;
    const reply = reply0 ?? c.replyCode;
    if (reply) out.replyCode = reply;
    if (diag) out.diagnosticCode = diag;
    if (r.diagnosticType) out.diagnosticType = r.diagnosticType;
    if (rhost) out.rhost = rhost;
    if (r.lhost) out.lhost = r.lhost;
    if (command) out.command = command;
    if (r.feedbackType) out.feedbackType = r.feedbackType;
    return out;
  });
}

/** "a/b/c" → "c" (split('/').pop() without the array). */
function lastSegment(rule: string): string {
  return rule.slice(rule.lastIndexOf('/') + 1);
}

/** "|/usr/bin/cmd …" or "/path/to/file": a local delivery target, not a mailbox. */
function isLocalTarget(a: string): boolean {
  return a.startsWith('|') || a.startsWith('/') || a.startsWith('"|');
}

function dedupe(list: RawRecipient[]): RawRecipient[] {
  const seen = new Map<string, RawRecipient>();
  for (const r of list) {
    const k = r.recipient.toLowerCase();
    if (!seen.has(k)) seen.set(k, r);
  }
  return [...seen.values()];
}

/** A message that could not be read: why, in English for `error` (the JSON record) and in both languages. */
export function unreadable(why: Text): BounceResult {
  return { isBounce: false, kind: 'error', recipients: [], error: why.en, errorText: why };
}

/** Read one message. Never throws: unreadable input gives `{ isBounce: false, kind: 'error', error }`. */
export function parseBounce(raw: string | Uint8Array, opts: ParseBounceOptions = {}): BounceResult {
  try {
    const max = opts.maxBytes ?? 64 * 1024 * 1024;
    const input = typeof raw === 'string' ? (raw.length > max ? raw.slice(0, max) : raw) : raw.length > max ? raw.subarray(0, max) : raw;
    if ((typeof input === 'string' ? input.length : input.byteLength) === 0) {
      return unreadable(tx('empty message', 'pusta wiadomość'));
    }
    return parseRoot(parseMime(input), 0, opts);
  } catch (e) {
    const why = (e as Error).message;
    return unreadable(tx(`could not read the message: ${why}`, `nie da się odczytać wiadomości (${why})`));
  }
}

/** A bounce's result, built as one literal (in the key order of the spread it replaces: no clone and re-shape). */
function found(base: { subject: string; from: string }, kind: BounceResult['kind'], decoder: string, recipients: BounceRecipient[]): BounceResult {
  return { subject: base.subject, from: base.from, isBounce: true, kind, decoder, recipients };
}

function parseRoot(root: MimePart, depth: number, opts: ParseBounceOptions): BounceResult {
  const { ctx, feedback } = buildContext(root);
  if (opts.exclude?.providers?.length) ctx.excludeProviders = opts.exclude.providers;
  const base = { subject: ctx.subject, from: ctx.from };
  if (!root.headers.length) return { ...base, ...unreadable(tx('no message headers found', 'nie znaleziono nagłówków wiadomości')) };
  const skip = opts.exclude?.formats;

  // 1. ARF feedback report.
  const reportType = (root.params['report-type'] ?? '').toLowerCase();
  if (feedback !== undefined || reportType === 'feedback-report' || isJmrp(ctx.lowFrom, ctx.subject, ctx.original)) {
    const arf = decodeArf(feedback ?? '', ctx.original);
    if (arf.length) return found(base, 'feedback', 'arf', finish(arf, 'arf', ctx));
  }
  // An unsubscribe request (Apple Mail's X-Apple-Unsubscribe): feedback of type opt-out from its sender.
  if (isUnsubscribeRequest(ctx.headers)) {
    const who = firstAddress(ctx.from) ?? '';
    const r: RawRecipient = { recipient: who, reason: 'feedback', feedbackType: 'opt-out', rule: 'arf/x-apple-unsubscribe', action: 'failed' };
    return found(base, 'feedback', 'arf', finish([r], 'arf', ctx));
  }
  // A refusal reported as a disposition notification: a Sieve reject by the recipient's own filter.
  if (reportType === 'disposition-notification') {
    for (const p of walkParts(root)) {
      if (p.parent === 'message' || p.contentType !== 'message/disposition-notification') continue;
      const rcpts = decodeRefusalMdn(partText(p, 64 * 1024), ctx.original, ctx.errorText);
      if (rcpts.length) return found(base, 'dsn', 'rfc8098', finish(rcpts, 'rfc8098', ctx));
      break;
    }
  }
  // 2. JSON notifications (Amazon SES).
  if (!skip?.includes(amazonsesJson.name) && amazonsesJson.detect(ctx)) {
    const ses = amazonsesJson.decode(ctx);
    if (ses.length) {
      const kind = ses[0]!.reason === 'feedback' ? 'feedback' : 'dsn';
      return found(base, kind, 'amazonses', finish(ses, 'amazonses', ctx));
    }
  }
  const formats = skip?.length ? TEXT_FORMATS.filter((f) => !skip.includes(f.name)) : TEXT_FORMATS;
  // 3. RFC 3464 delivery-status.
  if (ctx.dsnParts.length) {
    let rcpts: RawRecipient[] = [];
    for (const d of ctx.dsnParts) rcpts = rcpts.concat(decodeDsn(d));
    // A program or file as the recipient ("|/usr/bin/procmail …", "/var/mail/x") is no mailbox: the text names
    // the mailbox it was expanded from (Exim's "generated by", sendmail's "expanded from"), read below.
    rcpts = dedupe(rcpts.filter((r) => r.recipient.includes('@') && !isLocalTarget(r.recipient)));
    if (rcpts.length) {
      let noCommand: Set<RawRecipient> | undefined;
      for (const r of rcpts) {
        // With the server's words in the DSN, only the SMTP command may be missing (several verdicts depend on
        // it: an unknown user after DATA, a refusal at MAIL FROM or at the greeting).
        if (r.diagnosticCode && r.diagnosticCode.length >= 12) {
          const named = commandIn(r.diagnosticCode);
          if (named) { r.command = named; continue; }
          // Only the command is missing: a session transcript may show it (the command sent before the reply
          // that failed this recipient) …
          const tc = transcriptCommand(ctx.lowError, r.recipient);
          if (tc) { r.command = tc; continue; }
          // … or the human-readable text next to this recipient
          // (a bounded window up to the next blank line) instead of decoding the whole text.
          const at = ctx.lowError.indexOf(r.recipient.toLowerCase());
          if (at >= 0) {
            let end = ctx.lowError.indexOf('\n\n', at + r.recipient.length + 2);
            const nextBlank = ctx.lowError.indexOf('\n\r\n', at + r.recipient.length + 2);
            if (nextBlank >= 0 && (end < 0 || nextBlank < end)) end = nextBlank;
            const cmd = commandIn(ctx.lowError.slice(at, Math.min(end < 0 ? Infinity : end, at + 1200)).replace(/\s+/g, ' '));
            if (cmd) { r.command = cmd; continue; }
          }
          // finish() reads this diagnostic trimmed (nothing to fold) and whole (within the 4 KiB window): the
          // search it would repeat has just found nothing.
          const d = r.diagnosticCode;
          if (d.length <= 4096 && !MULTI_SPACE.test(d)) (noCommand ??= new Set()).add(r);
          continue;
        }
        const t = textDiagnosticFor(ctx, formats, r.recipient);
        if (!t) continue;
        // The server's own words from the text part are often richer than the DSN's Diagnostic-Code.
        if (!r.diagnosticCode || r.diagnosticCode.length < 12) r.diagnosticCode = t.diagnosticCode;
        r.command ??= t.command ?? commandIn(t.diagnosticCode ?? '');
      }
      return found(base, 'dsn', 'rfc3464', finish(rcpts, 'rfc3464', ctx, noCommand));
    }
  }
  const bouncy = bounceSign(ctx) !== undefined;
  // 4. MTA text formats (only for messages that look like bounces, or formats recognisable from text alone).
  for (const f of formats) {
    if (!(bouncy || ctx.dsnParts.length || f.standalone) || !f.detect(ctx)) continue;
    const rcpts = dedupe(f.decode(ctx).filter((r) => r.recipient.includes('@')));
    if (rcpts.length) return found(base, 'mta-text', f.name, finish(rcpts, f.name, ctx));
  }
  // 5. Automatic replies.
  const ar = !bouncy ? autoReplyRule(ctx.headers, ctx.subject) : undefined;
  if (ar) {
    const who = firstAddress(ctx.from) ?? firstAddress(header(ctx.headers, 'return-path') ?? '') ?? '';
    if (who) {
      const r: RawRecipient = { recipient: who, reason: 'vacation', rule: ar };
      const firstLine = ctx.errorText.trim().split('\n')[0]?.trim();
      if (firstLine) r.diagnosticCode = firstLine.slice(0, 300);
      return found(base, 'auto-reply', 'rfc3834', finish([r], 'rfc3834', ctx));
    }
  }
  // 6. For clear bounces: the generic reader, X-Failed-Recipients, a forwarded bounce, the original's To.
  if (bouncy) {
    const rcpts = dedupe(FALLBACK_FORMAT.decode(ctx).filter((r) => r.recipient.includes('@') && !ctx.from.toLowerCase().includes(r.recipient.toLowerCase())));
    if (rcpts.length) return found(base, 'mta-text', 'generic', finish(rcpts, 'generic', ctx));
    const failed = header(ctx.headers, 'x-failed-recipients');
    if (failed) {
      const list = allAddresses(failed).map((a): RawRecipient => ({ recipient: a, diagnosticCode: ctx.errorText.trim().slice(0, 2000), rule: 'x-failed-recipients' }));
      if (list.length) return found(base, 'mta-text', 'generic', finish(list, 'generic', ctx));
    }
    // A bounce forwarded as an attachment: read the attached bounce (one level only).
    if (depth === 0) {
      for (const p of walkParts(root)) {
        if ((p.contentType === 'message/rfc822' || p.contentType === 'message/global') && p.rawBody) {
          const inner = parseRoot(parseMime(p.rawBody), 1, opts);
          if (inner.isBounce && inner.kind !== 'auto-reply') return { ...inner, ...base, decoder: `${inner.decoder ?? 'generic'}` };
        }
      }
    }
    // Last resort: the returned message's own recipients, with the bounce's words as the diagnostic.
    const to = ctx.original ? header(ctx.original, 'to') : undefined;
    const words = ctx.errorText.replace(/\s+/g, ' ').trim();
    if (to && words) {
      const list = allAddresses(decodeHeaderValue(to), 20).map((a): RawRecipient => ({ recipient: a, diagnosticCode: words.slice(0, 2000), rule: 'original-to' }));
      if (list.length) return found(base, 'mta-text', 'generic', finish(list, 'generic', ctx));
    }
  }
  return { ...base, isBounce: false, kind: 'not-bounce', recipients: [] };
}
