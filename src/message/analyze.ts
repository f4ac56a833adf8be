/**
 * `analyzeMessage`: read a delivered message (or its headers alone) and explain its path, authentication,
 * identity, spam verdicts and content — and why it most likely went to spam. `messageReport` turns the
 * analysis into the one Report shape every reporter renders.
 */
import type { Finding, Lang, Report, Table } from '../core/finding.js';
import { makeReport } from '../core/finding.js';
import { fill, pick, tx } from '../i18n/text.js';
import { analyzeAuth, authFindings, type AuthAnalysis } from './auth-results.js';
import { analyzeBulk, bulkFindings, type BulkAnalysis } from './bulk.js';
import { analyzeContent, contentFindings, type ContentAnalysis } from './content.js';
import { headerFirst, parseHeaderBlock, type HeaderField, type HeaderProblem } from '../mime/header-fields.js';
import { analyzeIdentity, identityFindings, type IdentityAnalysis } from './identity.js';
import { extractQuotedMessage } from './mime.js';
import { analyzeReceived, receivedFindings, type ReceivedAnalysis } from './received.js';
import type { MailauthResolver } from './resolver.js';
import { checkSendingIp, reputationFindings, type IpReputation } from './reputation.js';
import { readSpamVerdicts, spamFindings, type SpamVerdict } from './spam/index.js';
import { cut, formatDuration } from './util.js';
import { verifyFindings, verifyMessage, type OwnVerdict } from './verify.js';
import { whySpam, whySpamFinding, type WhySpam } from './why-spam.js';

/** Options of the message analysis: read a quoted original, verify signatures and SPF through DNS, the clock. */
export interface MessageAnalysisOptions {
  /** The clock: what "in the future" means for dates. */
  now?: () => Date;
  /** Analyse the original message quoted inside a bounce instead of the bounce itself. */
  quoted?: boolean;
  /** Run mailmedic's own SPF/DKIM/DMARC check with this resolver. */
  verify?: {
    resolver: MailauthResolver;
    /** The sending IP to check as (default: the one the receiving hop's Received header names). */
    ip?: string;
    /** Time limit of the whole check, in ms (default 20000). */
    timeoutMs?: number;
    /** DNS block list zones to ask about the sending IP. */
    dnsbl?: string[];
  };
}

/**
 * Everything read from one message's headers (and body, when given): the path it took, authentication results,
 * identity, filters' spam verdicts, bulk signals, content, and the own check's verdict.
 */
export interface MessageAnalysis {
  /** 'message' or 'quoted' (the original inside a bounce). */
  source: 'message' | 'quoted';
  headersOnly: boolean;
  headerCount: number;
  headerProblems: HeaderProblem[];
  headerProblemsDropped: number;
  /** The message quotes an original (a bounce) that --quoted would analyse. */
  hasQuotedOriginal: boolean;
  received: ReceivedAnalysis;
  auth: AuthAnalysis;
  identity: IdentityAnalysis;
  spam: SpamVerdict[];
  content: ContentAnalysis;
  bulk: BulkAnalysis;
  verify?: OwnVerdict;
  /** The sending IP's PTR and block-list listings (with --verify). */
  reputation?: IpReputation;
  whySpam: WhySpam;
  findings: Finding[];
}

/** Raw input at most this size is read (a message bigger than this is cut, and said so). */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const T = {
  notMessage: tx('This does not look like an e-mail message: no header fields were found.', 'To nie wygląda na wiadomość e-mail: nie znaleziono żadnych pól nagłówka.'),
  truncated: tx('The input is larger than {mb} MiB; only its beginning was read (the headers are all that matter here).', 'Dane są większe niż {mb} MiB; odczytano tylko początek (tu liczą się nagłówki).'),
  outlookMsg: tx('This is an Outlook .msg file, not the message source: mailmedic reads .eml files or the headers as text.', 'To plik Outlooka .msg, a nie źródło wiadomości: mailmedic czyta pliki .eml albo nagłówki jako tekst.'),
  outlookMsgAdvice: tx('In Outlook open the message, then File → Properties and copy "Internet headers"; or save it as .eml (Outlook on the web: "Download").', 'W Outlooku otwórz wiadomość, wybierz Plik → Właściwości i skopiuj „Nagłówki internetowe”; albo zapisz ją jako .eml (Outlook w przeglądarce: „Pobierz”).'),
  notMessageAdvice: tx('Give the whole message source: in the mail program use "Show original" / "View source" / "Message source" and save or copy all of it.', 'Podaj całe źródło wiadomości: w programie pocztowym użyj „Pokaż oryginał” / „Pokaż źródło” / „Źródło wiadomości” i zapisz lub skopiuj całość.'),
  problem: {
    'no-colon': tx('Line {line} of the headers has no colon: "{excerpt}".', 'Wiersz {line} nagłówków nie ma dwukropka: „{excerpt}”.'),
    'bad-name': tx('Line {line} has an invalid header name: "{excerpt}".', 'Wiersz {line} ma niepoprawną nazwę nagłówka: „{excerpt}”.'),
    'too-long': tx('A header is very long ({excerpt}); only its beginning was analysed.', 'Nagłówek jest bardzo długi ({excerpt}); przeanalizowano tylko jego początek.'),
    'too-many': tx('Too many header fields ({excerpt}); the rest were ignored.', 'Za dużo pól nagłówka ({excerpt}); resztę pominięto.'),
    'mbox-from': tx('The input starts with an mbox "From " line; it was skipped.', 'Dane zaczynają się od wiersza „From ” formatu mbox; pominięto go.'),
    'leading-continuation': tx('Line {line} continues a header that does not exist: "{excerpt}".', 'Wiersz {line} jest kontynuacją nieistniejącego nagłówka: „{excerpt}”.'),
    'nul-byte': tx('Line {line} contains NUL bytes (binary data in the headers).', 'Wiersz {line} zawiera bajty NUL (dane binarne w nagłówkach).'),
  } satisfies Record<HeaderProblem['kind'], unknown>,
  problemDetail: tx('Such lines break RFC 5322. A copy-and-paste that lost the indentation of folded lines is the usual cause; a server that writes them makes receivers distrust the message.', 'Takie wiersze łamią RFC 5322. Zwykle to skutek kopiowania, które zgubiło wcięcia zawiniętych wierszy; serwer, który je zapisuje, sprawia, że odbiorcy nie ufają wiadomości.'),
  moreProblems: tx('{n} more header problems were found and not listed.', 'Znaleziono jeszcze {n} problemów z nagłówkami, których nie wymieniono.'),
  bounce: tx('This message is a bounce that quotes the original message: run with --quoted to analyse the original\'s headers.', 'Ta wiadomość to zwrot (bounce) cytujący oryginalną wiadomość: uruchom z --quoted, aby przeanalizować nagłówki oryginału.'),
  noQuoted: tx('--quoted was given, but the message quotes no original (no message/rfc822 or text/rfc822-headers part); the message itself was analysed.', 'Podano --quoted, ale wiadomość nie cytuje oryginału (brak części message/rfc822 lub text/rfc822-headers); przeanalizowano samą wiadomość.'),
  quoted: tx('Analysing the original message quoted inside the bounce.', 'Analizowana jest oryginalna wiadomość zacytowana w zwrocie.'),
  saWrapper: tx('SpamAssassin wrapped the original message in a spam report (report_safe): the original attached to it is analysed, with SpamAssassin\'s verdict and points from the report.',
    'SpamAssassin opakował oryginalną wiadomość w raport o spamie (report_safe): analizowany jest załączony oryginał, a werdykt i punkty SpamAssassina pochodzą z raportu.'),
};

/**
 * SpamAssassin with report_safe 1 (its default) delivers spam as a new message: its own headers with the
 * verdict, a text report ("Content analysis details" with each rule's points) and the original attached as
 * message/rfc822. That is not a bounce. Returns the report's rule table, or undefined when it is no such wrapper.
 */
function spamAssassinReport(fields: readonly HeaderField[], body: string): string | undefined {
  const status = headerFirst(fields, 'x-spam-status')?.value ?? headerFirst(fields, 'x-spam-flag')?.value ?? '';
  if (!/^\s*yes\b/i.test(status)) return undefined;
  const head = body.slice(0, 64 * 1024);
  const at = head.indexOf('Content analysis details:');
  if (at < 0 || !head.includes('Spam detection software')) return undefined;
  return head.slice(at, at + 16 * 1024);
}

function headerProblemFindings(problems: HeaderProblem[], dropped: number): Finding[] {
  const out: Finding[] = [];
  for (const p of problems.slice(0, 10)) {
    out.push({
      check: `message.headers.${p.kind}`, status: p.kind === 'mbox-from' ? 'info' : 'warn', subject: `line ${p.line}`,
      summary: fill(T.problem[p.kind], { line: p.line, excerpt: p.excerpt }), ...(p.kind === 'mbox-from' ? {} : { detail: T.problemDetail }),
      evidence: [{ kind: 'header', label: `line ${p.line}`, value: p.excerpt }],
    });
  }
  const more = problems.length - 10 + dropped;
  if (more > 0) out.push({ check: 'message.headers.more', status: 'warn', subject: 'headers', summary: fill(T.moreProblems, { n: more }) });
  return out;
}

/** What the raw input turned out to be, before any parsing. */
type InputKind = 'text' | 'utf16' | 'outlook-msg' | 'cr-only';

function inputKind(raw: Buffer | string): InputKind {
  if (typeof raw !== 'string') {
    // Outlook's .msg is an OLE compound file, not a MIME message.
    if (raw.length >= 8 && raw.readUInt32BE(0) === 0xd0cf11e0 && raw.readUInt32BE(4) === 0xa1b11ae1) return 'outlook-msg';
    if (raw.length >= 2 && ((raw[0] === 0xff && raw[1] === 0xfe) || (raw[0] === 0xfe && raw[1] === 0xff))) return 'utf16';
  }
  const head = typeof raw === 'string' ? raw.slice(0, 65536) : raw.subarray(0, 65536).toString('latin1');
  if (!head.includes('\n') && head.includes('\r')) return 'cr-only';
  return 'text';
}

function toText(raw: Buffer | string): string {
  const kind = inputKind(raw);
  let text: string;
  if (typeof raw === 'string') text = raw.length > MAX_MESSAGE_BYTES ? raw.slice(0, MAX_MESSAGE_BYTES) : raw;
  else if (kind === 'utf16') {
    // Headers saved from Notepad ("Unicode"): decode by the byte-order mark.
    const le = raw[0] === 0xff;
    text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(raw.subarray(2, MAX_MESSAGE_BYTES));
  }
  // UTF-8 for SMTPUTF8 headers; invalid bytes become U+FFFD rather than failing.
  else text = raw.subarray(0, MAX_MESSAGE_BYTES).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Old Mac line ends (CR only) would make the whole message one line.
  if (kind === 'cr-only') text = text.replace(/\r/g, '\n');
  return text;
}

/** Analyse without network access (everything except --verify). */
export function analyzeMessageOffline(raw: Buffer | string, opts: Omit<MessageAnalysisOptions, 'verify'> = {}): MessageAnalysis {
  const now = (opts.now ?? (() => new Date()))();
  let text = toText(raw);
  let parsed = parseHeaderBlock(text);
  const pre: Finding[] = [];
  let source: MessageAnalysis['source'] = 'message';
  const quoted = extractQuotedMessage(parsed.fields, parsed.body);
  const saReport = quoted ? spamAssassinReport(parsed.fields, parsed.body) : undefined;
  // The wrapper's verdict headers, with its report table as X-Spam-Report (the points of each rule).
  let spamFields: HeaderField[] | undefined;
  if (saReport && quoted) {
    spamFields = [...parsed.fields];
    if (!headerFirst(spamFields, 'x-spam-report')) spamFields.push({ name: 'X-Spam-Report', key: 'x-spam-report', value: saReport, index: spamFields.length, line: 0, length: saReport.length, truncated: false });
    text = quoted;
    parsed = parseHeaderBlock(text);
    source = 'quoted';
    pre.push({ check: 'message.spam-wrapper', status: 'info', subject: 'SpamAssassin report_safe', summary: T.saWrapper });
  } else if (opts.quoted) {
    if (quoted) {
      text = quoted;
      parsed = parseHeaderBlock(text);
      source = 'quoted';
      pre.push({ check: 'message.quoted', status: 'info', subject: 'message/rfc822', summary: T.quoted });
    } else pre.push({ check: 'message.quoted.none', status: 'warn', subject: '--quoted', summary: T.noQuoted });
  } else if (quoted) pre.push({ check: 'message.bounce', status: 'info', subject: 'message/rfc822', summary: T.bounce, seeAlso: ['mailmedic message --quoted FILE', 'mailmedic bounce FILE'] });

  const fields = parsed.fields;
  const received = analyzeReceived(fields, now);
  const sigs = analyzeAuth(fields, undefined).signatures;
  const identity = analyzeIdentity(fields, sigs);
  // Results below the last Received header the sender's side wrote were there before the receiver looked.
  const recvNo = received.receivingHop;
  const senderSide = recvNo && recvNo > 1 ? received.hops[recvNo - 2] : undefined;
  const auth = analyzeAuth(fields, identity.fromDomain, senderSide ? senderSide.headerIndex : Infinity);
  // Verdicts of the wrapper (SpamAssassin report_safe) and of the servers the original passed before.
  const spam = spamFields ? [...readSpamVerdicts(spamFields), ...readSpamVerdicts(fields).filter((v) => v.filter !== 'spamassassin')] : readSpamVerdicts(fields);
  const content = analyzeContent(fields, parsed.body);
  const bulk = analyzeBulk(fields);
  const lastTimed = [...received.hops].reverse().find((h) => h.time && !h.flags.includes('future') && !h.flags.includes('clock-skew'));
  const receivedAt = lastTimed?.time ? new Date(lastTimed.time) : now;

  const findings: Finding[] = [...pre];
  if (raw.length > MAX_MESSAGE_BYTES) findings.push({ check: 'message.input.truncated', status: 'info', subject: 'input', summary: fill(T.truncated, { mb: MAX_MESSAGE_BYTES / 1024 / 1024 }) });
  if (inputKind(raw) === 'outlook-msg') findings.push({ check: 'message.outlook-msg', status: 'error', subject: 'input', summary: T.outlookMsg, advice: [T.outlookMsgAdvice] });
  else if (!fields.length) findings.push({ check: 'message.not-a-message', status: 'error', subject: 'input', summary: T.notMessage, advice: [T.notMessageAdvice] });
  findings.push(...headerProblemFindings(parsed.problems, parsed.problemsDropped));
  if (fields.length) {
    findings.push(...receivedFindings(received, identity.dateParsed.date, identity.dateParsed.offsetMinutes));
    findings.push(...authFindings(auth));
    findings.push(...identityFindings(identity, receivedAt, Boolean(lastTimed)));
    findings.push(...spamFindings(spam));
    findings.push(...contentFindings(content, parsed.headersOnly));
    findings.push(...bulkFindings(bulk));
  }
  const ws = whySpam(findings, spam);
  const analysis: MessageAnalysis = {
    source, headersOnly: parsed.headersOnly, headerCount: fields.length, headerProblems: parsed.problems,
    headerProblemsDropped: parsed.problemsDropped, hasQuotedOriginal: Boolean(quoted) && !spamFields, received, auth, identity, spam, content, bulk, whySpam: ws, findings,
  };
  if (fields.length) analysis.findings = [...pre, whySpamFinding(ws), ...findings.slice(pre.length)];
  return analysis;
}

/** Analyse a message; with `verify`, also run mailmedic's own SPF/DKIM/DMARC check against DNS. */
export async function analyzeMessage(raw: Buffer | string, opts: MessageAnalysisOptions = {}): Promise<MessageAnalysis> {
  const a = analyzeMessageOffline(raw, opts);
  if (!opts.verify || !a.headerCount) return a;
  const hop = a.received.receivingHop ? a.received.hops[a.received.receivingHop - 1] : undefined;
  const ip = opts.verify.ip ?? hop?.fromIp;
  const sender = a.identity.returnPath && a.identity.returnPath !== '<>' ? a.identity.returnPath : undefined;
  // Verify what the receiver verified: for a quoted original, that text; else the raw bytes as given.
  const input = a.source === 'quoted' ? (extractQuoted(raw) ?? toText(raw)) : inputKind(raw) === 'text' ? raw : toText(raw);
  a.verify = await verifyMessage(input, {
    resolver: opts.verify.resolver, ...(ip ? { ip } : {}), ...(hop?.from ? { helo: hop.from } : {}), ...(sender ? { sender } : {}),
    ...(hop?.by ? { mta: hop.by } : {}), ...(hop && !opts.verify.ip ? { hop: hop.number } : {}), ...(opts.verify.timeoutMs ? { timeoutMs: opts.verify.timeoutMs } : {}),
  });
  const vf = verifyFindings(a.verify, a.auth.receiver);
  if (ip) {
    a.reputation = await checkSendingIp(ip, opts.verify.resolver, opts.verify.dnsbl ?? []);
    vf.push(...reputationFindings(a.reputation));
  }
  // Right after the receiver's authentication results, where a reader compares them.
  let at = a.findings.length;
  for (let i = a.findings.length - 1; i >= 0; i--) if (a.findings[i]!.check.startsWith('message.auth.')) { at = i + 1; break; }
  a.findings.splice(at, 0, ...vf);
  // Re-rank the spam causes with the own check's findings in.
  const ws = whySpam(a.findings.filter((f) => f.check !== 'message.why-spam'), a.spam);
  a.whySpam = ws;
  a.findings = a.findings.map((f) => (f.check === 'message.why-spam' ? whySpamFinding(ws) : f));
  return a;
}

function extractQuoted(raw: Buffer | string): string | undefined {
  const p = parseHeaderBlock(toText(raw));
  return extractQuotedMessage(p.fields, p.body);
}

const COLUMNS = {
  hop: tx('#', '#'), from: tx('From', 'Od'), by: tx('By', 'Przez'),
  with: tx('Protocol', 'Protokół'), tls: tx('TLS', 'TLS'), time: tx('Time (UTC)', 'Czas (UTC)'), delay: tx('Delay', 'Opóźnienie'),
  filter: tx('Filter', 'Filtr'), rule: tx('Rule', 'Reguła'), score: tx('Points', 'Punkty'), meaning: tx('Meaning', 'Znaczenie'),
};
const YES = tx('yes', 'tak');
const NO = tx('no', 'nie');
const LOCAL = tx('local', 'lokalnie');
const SKEW = tx('clock wrong', 'zły zegar');
const NOTIME = tx('no time', 'brak czasu');
const MAX_TABLE_HOPS = 60;
const LEFT_OUT = tx('hops left out: {n}', 'pominięte etapy: {n}');
const NO_PTR = tx('no PTR', 'brak PTR');
const AUTHED = tx('logged in', 'z logowaniem');

const TABLE_TITLE = tx('Path of the message (first server first)', 'Droga wiadomości (od pierwszego serwera)');
const TABLE_TITLE_DAY = tx('Path of the message (first server first), {day} UTC', 'Droga wiadomości (od pierwszego serwera), {day} UTC');

/**
 * The hop table, in the report's language (tables hold plain strings). `compact`: when every hop is on the
 * same UTC day, the day goes into the title and the time column holds the time alone (fits 80 columns).
 */
export function hopTable(r: ReceivedAnalysis, lang: Lang, opts: { compact?: boolean } = {}): Table {
  const rows: string[][] = [];
  const days = new Set(r.hops.filter((h) => h.time).map((h) => h.time!.slice(0, 10)));
  const oneDay = opts.compact && days.size === 1 ? [...days][0]! : undefined;
  const hops = r.hops.length > MAX_TABLE_HOPS ? [...r.hops.slice(0, MAX_TABLE_HOPS / 2), ...r.hops.slice(-MAX_TABLE_HOPS / 2)] : r.hops;
  let prevNumber = 0;
  for (const h of hops) {
    if (h.number !== prevNumber + 1 && prevNumber) rows.push(['…', `(${pick(fill(LEFT_OUT, { n: h.number - prevNumber - 1 }), lang)})`, '', '', '', '', '']);
    prevNumber = h.number;
    const from = [h.from, h.fromRdns && h.fromRdns !== h.from ? `(${h.fromRdns})` : '', h.fromIp ? `[${h.fromIp}]` : '', h.flags.includes('no-ptr') ? `(${pick(NO_PTR, lang)})` : ''].filter(Boolean).join(' ');
    // Compact: the version alone says "yes" ("TLSv1.3" rather than "yes (TLSv1.3)").
    const tls = h.tls === true ? (opts.compact && h.tlsDetail && /^(TLS|SSL)/i.test(h.tlsDetail) ? h.tlsDetail : `${pick(YES, lang)}${h.tlsDetail ? ` (${h.tlsDetail})` : ''}`) : h.tls === false ? pick(NO, lang) : h.local ? pick(LOCAL, lang) : '?';
    const time = h.time ? (oneDay ? h.time.slice(11, 19) : h.time.slice(0, 19).replace('T', ' ')) : pick(NOTIME, lang);
    const delay = h.flags.includes('clock-skew') || h.flags.includes('future') ? pick(SKEW, lang) : h.delaySeconds !== undefined ? formatDuration(h.delaySeconds) : '';
    rows.push([String(h.number), cut(from || '?', 100), cut(h.by ?? '?', 80), cut(h.with ?? '', 60) + (h.authenticated && !/A$/.test(h.protocol ?? '') ? ` (${pick(AUTHED, lang)})` : ''), tls, time, delay]);
  }
  return { id: 'message-hops', title: oneDay ? fill(TABLE_TITLE_DAY, { day: oneDay }) : TABLE_TITLE, columns: [COLUMNS.hop, COLUMNS.from, COLUMNS.by, COLUMNS.with, COLUMNS.tls, COLUMNS.time, COLUMNS.delay], rows };
}

/**
 * The rules the spam filters fired (at most 80 per filter) with their scores and meaning, as a report table;
 * undefined when there are none.
 */
export function spamRuleTable(verdicts: readonly SpamVerdict[], lang: Lang): Table | undefined {
  const rows: string[][] = [];
  for (const v of verdicts) for (const r of v.rules.slice(0, 80)) rows.push([v.product, r.name, r.score !== undefined ? String(r.score) : '', r.meaning ? pick(r.meaning, lang) : '']);
  if (!rows.length) return undefined;
  return { id: 'message-spam-rules', title: tx('Spam filter rules', 'Reguły filtrów antyspamowych'), columns: [COLUMNS.filter, COLUMNS.rule, COLUMNS.score, COLUMNS.meaning], rows };
}

/** Report.data for `mailmedic message` (documented in docs/json-schema.md). */
export function messageData(a: MessageAnalysis): Record<string, unknown> {
  return {
    source: a.source, headersOnly: a.headersOnly, headerCount: a.headerCount,
    headerProblems: a.headerProblems, hasQuotedOriginal: a.hasQuotedOriginal,
    path: { total: a.received.total, transitSeconds: a.received.transitSeconds, receivingHop: a.received.receivingHop, hops: a.received.hops.slice(0, 200).map(({ raw: _raw, ...h }) => h) },
    auth: { receiver: a.auth.receiver, signatures: a.auth.signatures, arcSeals: a.auth.arcSeals, trustBefore: Number.isFinite(a.auth.trustBefore) ? a.auth.trustBefore : undefined },
    identity: { ...a.identity, dateParsed: undefined, dateProblems: a.identity.dateParsed.problems },
    spam: a.spam.map((v) => ({ filter: v.filter, product: v.product, spam: v.spam, score: v.score, threshold: v.threshold, action: v.action, fields: v.fields, rules: v.rules.map((r) => ({ name: r.name, score: r.score, options: r.options, meaning: r.meaning, fix: r.fix })) })),
    content: a.content,
    bulk: a.bulk,
    ...(a.verify ? { verify: a.verify } : {}),
    ...(a.reputation ? { reputation: a.reputation } : {}),
    whySpam: a.whySpam,
  };
}

/** The analysis as a Report; tables in `lang` (findings carry both languages). */
export function messageReport(a: MessageAnalysis, opts: { lang?: Lang; subject?: string; now?: () => Date } = {}): Report {
  const lang = opts.lang ?? 'en';
  const tables: Table[] = [];
  if (a.received.hops.length) tables.push(hopTable(a.received, lang, { compact: true }));
  const st = spamRuleTable(a.spam, lang);
  if (st) tables.push(st);
  const subject = opts.subject ?? (a.identity.subject !== undefined ? `${a.identity.from ?? '?'}: ${cut(a.identity.subject, 80)}` : (a.identity.from ?? 'message'));
  return makeReport('message', subject, a.findings, { tables, data: messageData(a), ...(opts.now ? { now: opts.now } : {}) });
}

/** Read a delivered message (its path, authentication, why it went to spam) into a Report in `lang`'s tables. */
export async function checkMessage(raw: Buffer | string, options: MessageAnalysisOptions & { lang?: Lang; subject?: string } = {}): Promise<Report> {
  const { lang, subject, ...analysis } = options;
  return messageReport(await analyzeMessage(raw, analysis), { ...(lang ? { lang } : {}), ...(subject ? { subject } : {}) });
}
