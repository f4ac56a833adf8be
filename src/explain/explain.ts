/**
 * `explain(text)`: find every SMTP reply code, enhanced status code and known message in a text of any length
 * (one line, a whole bounce, an Outlook dialog), in order, and say for each what it means, whose side must act,
 * whether retrying helps and what to do. Knowledge comes from the tables in src/knowledge; the reason comes
 * from the shared classifier (src/classify), with the tables' reason when the classifier cannot settle one.
 */
import { classify, type Classification } from '../classify/index.js';
import {
  makeReport, type Actor, type Diagnosis, type Evidence, type Finding, type Permanence, type Reason, type Report,
  type Status, type Text,
} from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { ENHANCED_CLASSES, ENHANCED_SUBJECTS, enhancedCodeEntry } from '../knowledge/enhanced-codes.js';
import { MESSAGE_PATTERNS } from '../knowledge/index.js';
import { PROVIDER_CODES } from '../knowledge/provider-codes.js';
import { REASON_INFO } from '../knowledge/reasons.js';
import { REPLY_CODE_CATEGORIES, REPLY_CODE_CLASSES, REPLY_CODES } from '../knowledge/reply-codes.js';
import type { KnowledgeEntry, MessagePattern, SeeAlsoKind } from '../knowledge/types.js';
import {
  recipientDomainInLine, senderDomainInLine, sendingIpInLine, textContext, type TextContext,
} from './context.js';
import { decodeExplainInput, type InputEncoding } from './decode.js';
import { PhraseMatcher } from './phrases.js';
import { scanText, type ScannedGroup } from './scan.js';

/** Options of `explain`: names to fill into the suggested commands, the subject shown. */
export interface ExplainOptions {
  /** What the report is about ("stdin", a file name); default: the start of the text. */
  subject?: string;
  /** Names for the "check further" commands when the text does not give them. */
  senderDomain?: string;
  recipientDomain?: string;
  sendingIp?: string;
  smtpHost?: string;
  /** At most this many distinct things found are reported (default 200); the rest are counted. */
  maxDiagnoses?: number;
  now?: () => Date;
}

/** One thing found, as `--json` gives it in `data.diagnoses` (documented in docs/json-schema.md). */
export interface ExplainDiagnosis {
  reason: Reason;
  permanence: Permanence;
  actor: Actor;
  retry: Diagnosis['retry'];
  /** Hard bounce: stop sending to that address. */
  hard: boolean;
  /** Every code seen, reply codes first: ["550", "5.7.26"]. */
  codes: string[];
  replyCode?: number;
  enhancedCode?: string;
  /** What decided the reason: the classifier's rule, or "knowledge:<table entry>". */
  rule: string;
  /** The knowledge-table entries used: "message:gmail.unauthenticated", "enhanced:X.7.26", "reply:550". */
  knowledge: string[];
  /** The reason the most specific table entry gives, when the classifier decided a different one. */
  tablesReason?: Reason;
  /** False when nothing in the text was recognised. */
  recognised: boolean;
  title: Text;
  meaning: Text;
  cause?: Text;
  advice: Text[];
  seeAlso: string[];
  /** 1-based line of the first occurrence, its text (clipped), and how many times the same thing occurred. */
  line: number;
  excerpt: string;
  count: number;
  lines: number[];
}

/**
 * The `data` of an explain report: every distinct thing found and a summary of the input (lines cut for length,
 * things left unreported).
 */
export interface ExplainData {
  diagnoses: ExplainDiagnosis[];
  input: { chars: number; lines: number; longLines: number; encoding?: InputEncoding; omitted: number };
}

const HARD_REASONS: ReadonlySet<Reason> = new Set(['userunknown', 'hostunknown', 'hasmoved', 'notaccept']);
const NOT_FAILURES: ReadonlySet<Reason> = new Set(['delivered', 'feedback', 'vacation']);
const UNSETTLED: ReadonlySet<Reason> = new Set(['onhold', 'undefined']);

/** Which command checks a reason further, when the table entry does not say. */
const SEE_FOR_REASON: Partial<Record<Reason, SeeAlsoKind[]>> = {
  authfailure: ['domain'], requireptr: ['domain-ip'], blocked: ['domain-ip'], badreputation: ['domain-ip'],
  spamdetected: ['domain'], rejected: ['domain'], norelaying: ['probe-smtp'], securityerror: ['probe-smtp'],
  failedstarttls: ['probe-smtp'], hostunknown: ['recipient-domain'], notaccept: ['recipient-domain'],
  networkerror: ['recipient-domain'], expired: ['recipient-domain'],
};

// Enhanced codes that name only an area ("other") or the umbrella policy refusal: words decide over them.
const VAGUE_ENHANCED = new Set(['X.0.0', 'X.1.0', 'X.2.0', 'X.3.0', 'X.4.0', 'X.5.0', 'X.6.0', 'X.7.0', 'X.7.1']);

/** Table entries that only say "something failed" (priority ≤ 1): shown only when nothing else was found. */
const GENERIC_IDS: ReadonlySet<string> = new Set(MESSAGE_PATTERNS.filter((p) => (p.priority ?? 0) <= 1).map((p) => `message:${p.id}`));

let matcher: PhraseMatcher | undefined;
function phraseMatcher(): PhraseMatcher {
  return (matcher ??= new PhraseMatcher(MESSAGE_PATTERNS));
}

const clipText = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');

interface Source {
  id: string;
  entry: KnowledgeEntry;
  /** Table entries that name the problem precisely (a phrase, a provider code, a specific enhanced code). */
  specific: boolean;
}

function patternRank(p: MessagePattern, phrase: string): number {
  return (p.priority ?? 0) * 1000 + phrase.length;
}

/** Knowledge entries for one group, most specific first. */
function sourcesFor(g: ScannedGroup, reply: number | undefined, enhanced: string | undefined): Source[] {
  const out: Source[] = [];
  let best = [...g.hits].sort((a, b) => patternRank(b.pattern, b.phrase) - patternRank(a.pattern, a.phrase))[0];
  // A longer phrase that contains the winner's words is the more precise reading ("sender domain not found"
  // over "domain not found").
  for (let again = true; best && again;) {
    again = false;
    for (const h of g.hits) {
      if (h.phrase.length > best.phrase.length && h.phrase.includes(best.phrase)) { best = h; again = true; break; }
    }
  }
  const provider = enhanced ? PROVIDER_CODES[enhanced] : undefined;
  const registered = enhanced ? enhancedCodeEntry(enhanced) : undefined;
  const registryKey = enhanced ? 'X' + enhanced.slice(1) : '';
  const enhancedSource = registered ? { id: `enhanced:${registryKey}`, entry: registered, specific: !VAGUE_ENHANCED.has(registryKey) } : undefined;
  const patternSource = best ? { id: `message:${best.pattern.id}`, entry: best.pattern as KnowledgeEntry, specific: true } : undefined;
  if (provider) out.push({ id: `provider-code:${enhanced}`, entry: provider, specific: true });
  // A strong phrase (priority ≥ 10) beats a specific enhanced code; a weak one only a vague code.
  if (patternSource && enhancedSource?.specific && enhancedSource.entry.reason && (best!.pattern.priority ?? 0) < 10) {
    out.push(enhancedSource, patternSource);
  } else {
    if (patternSource) out.push(patternSource);
    if (enhancedSource) out.push(enhancedSource);
  }
  const replyEntry = reply !== undefined ? REPLY_CODES[String(reply)] : undefined;
  if (replyEntry) out.push({ id: `reply:${reply}`, entry: replyEntry, specific: false });
  return out;
}

function permanenceFromCode(cls: string | undefined): Permanence | undefined {
  if (cls === '5') return 'permanent';
  if (cls === '4') return 'temporary';
  if (cls === '2' || cls === '3') return 'unknown';
  return undefined;
}

function replyCodeText(code: number): Text {
  const s = String(code);
  const entry = REPLY_CODES[s];
  if (entry) return { en: `${s}: ${entry.title.en}.`, pl: `${s}: ${entry.title.pl}.` };
  const cls = REPLY_CODE_CLASSES[s[0] as '2' | '3' | '4' | '5'];
  const cat = REPLY_CODE_CATEGORIES[s[1] as '0' | '1' | '2' | '3' | '4' | '5'];
  return {
    en: `${s} is not a listed reply code. Its digits still tell: ${cls.title.en} — ${cls.meaning.en}${cat ? ` Second digit ${cat.title.en}: ${cat.meaning.en}.` : ` The second digit ${s[1]} is not defined by RFC 5321.`}`,
    pl: `${s} nie jest znanym kodem odpowiedzi. Jego cyfry mówią jednak: ${cls.title.pl} — ${cls.meaning.pl}${cat ? ` Druga cyfra ${cat.title.pl}: ${cat.meaning.pl}.` : ` Druga cyfra ${s[1]} nie jest zdefiniowana w RFC 5321.`}`,
  };
}

function enhancedCodeText(code: string): Text {
  const provider = PROVIDER_CODES[code];
  if (provider) return { en: `${code}: ${provider.title.en}.`, pl: `${code}: ${provider.title.pl}.` };
  const entry = enhancedCodeEntry(code);
  if (entry) return { en: `${code}: ${entry.title.en} — ${entry.meaning.en}`, pl: `${code}: ${entry.title.pl} — ${entry.meaning.pl}` };
  const cls = ENHANCED_CLASSES[code[0] as '2' | '4' | '5'];
  const subj = ENHANCED_SUBJECTS[code.split('.')[1] ?? ''];
  return {
    en: `${code} is not in the registry. Its digits still tell: ${cls.title.en} — ${cls.meaning.en}${subj ? ` ${subj.title.en}: ${subj.meaning.en}` : ''}`,
    pl: `${code} nie występuje w rejestrze. Jego cyfry mówią jednak: ${cls.title.pl} — ${cls.meaning.pl}${subj ? ` ${subj.title.pl}: ${subj.meaning.pl}` : ''}`,
  };
}

function joinTexts(parts: (Text | undefined)[]): Text {
  const list = parts.filter((p): p is Text => Boolean(p));
  return { en: list.map((p) => p.en).join('\n'), pl: list.map((p) => p.pl).join('\n') };
}

function dedupeAdvice(lists: (Text[] | undefined)[], max = 6): Text[] {
  const out: Text[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const a of list ?? []) {
      if (seen.has(a.en) || out.length >= max) continue;
      seen.add(a.en);
      out.push(a);
    }
  }
  return out;
}

interface Names {
  sender?: string;
  recipient?: string;
  ip?: string;
  smtpHost?: string;
}

function seeAlsoCommands(kinds: Iterable<SeeAlsoKind>, n: Names): string[] {
  const cmds: string[] = [];
  const sender = n.sender ?? '<your-domain>';
  for (const k of kinds) {
    let c: string;
    switch (k) {
      case 'domain': c = `mailmedic domain ${sender}`; break;
      case 'domain-ip': c = `mailmedic domain ${sender} --ip ${n.ip ?? '<sending-ip>'}`; break;
      case 'recipient-domain': c = `mailmedic domain ${n.recipient ?? '<recipient-domain>'}`; break;
      case 'probe-smtp': c = `mailmedic probe smtp ${n.smtpHost ?? '<your-smtp-server>'}`; break;
      case 'probe-imap': c = `mailmedic probe imap ${n.smtpHost ?? '<your-mail-server>'}`; break;
      case 'settings': c = `mailmedic settings ${n.sender ? `<you>@${n.sender}` : '<your-address>'}`; break;
      case 'logs': c = 'mailmedic logs problems <maillog>'; break;
      case 'message': c = 'mailmedic message <message.eml>'; break;
    }
    if (!cmds.includes(c)) cmds.push(c);
  }
  return cmds;
}

function retryFor(reason: Reason, permanence: Permanence, hard: boolean): Diagnosis['retry'] {
  if (NOT_FAILURES.has(reason) || hard) return 'no';
  if (permanence === 'temporary') return 'later';
  return 'after-fix';
}

function statusFor(reason: Reason, cls: string | undefined, permanence: Permanence): Status {
  if (reason === 'delivered' || cls === '2') return 'ok';
  if (reason === 'vacation' || reason === 'feedback' || cls === '3') return 'info';
  if (permanence === 'permanent') return 'error';
  return 'warn';
}

// onhold decided by the words themselves (e.g. greylisting) is a verdict, not a shrug.
const classifierSettled = (c: Classification) =>
  (!UNSETTLED.has(c.reason) || (c.reason === 'onhold' && c.rule.startsWith('text:'))) && c.rule !== 'placeholder';

/**
 * The classifier decided only from a reply code, a generic phrase, or an umbrella status (X.7.1, X.n.0): a
 * specific table entry that recognised the words (e.g. "DKIM domain mismatch" with 550 5.7.1) knows better.
 */
function classifierOnlyGuessed(c: Classification): boolean {
  if (c.rule.startsWith('reply:') || c.rule.startsWith('weak:')) return true;
  const m = /^status:(\d)\.(\d+)\.(\d+)$/.exec(c.rule);
  return m !== null && VAGUE_ENHANCED.has(`X.${m[2]}.${m[3]}`);
}

interface Context {
  whole: TextContext;
  options: ExplainOptions;
}

/** Diagnose one group (one thing found). */
function diagnoseGroup(g: ScannedGroup, ctx: Context): ExplainDiagnosis {
  const reply = g.replyCodes[0]?.code;
  const replyClass = reply !== undefined ? String(reply)[0] : undefined;
  const enhanced = g.enhancedCodes.find((e) => !replyClass || e[0] === replyClass) ?? g.enhancedCodes[0];
  const sources = sourcesFor(g, reply, enhanced);
  const specific = sources.find((s) => s.specific);
  const withReason = sources.find((s) => s.entry.reason);

  const command = smtpCommandIn(g.before ? `${g.before} ${g.text}` : g.text);
  const input = {
    text: g.text.slice(0, 2000),
    ...(enhanced ? { status: enhanced } : {}),
    ...(reply !== undefined ? { replyCode: reply } : {}),
    ...(command ? { command } : {}),
  };
  let c: Classification;
  try {
    c = classify(input);
  } catch {
    c = { reason: 'undefined', rule: 'classifier-error', permanence: 'unknown', actor: 'unknown', hard: false };
  }

  let reason: Reason;
  let rule: string;
  let decidedBy: Source | undefined;
  if (classifierSettled(c) && !(specific?.entry.reason && classifierOnlyGuessed(c) && specific.entry.reason !== c.reason)) {
    reason = c.reason;
    rule = c.rule;
    decidedBy = sources.find((s) => s.entry.reason === reason);
  } else if (withReason) {
    reason = withReason.entry.reason!;
    rule = `knowledge:${withReason.id}`;
    decidedBy = withReason;
  } else {
    reason = c.reason;
    rule = c.rule;
  }

  const cls = enhanced?.[0] ?? replyClass;
  const info = REASON_INFO[reason];
  const settled = !UNSETTLED.has(reason);
  // Expired: the sending server has given up, whatever the (4xx) code of the last attempt said.
  const permanence: Permanence = (reason === 'expired' ? 'permanent' : undefined)
    ?? permanenceFromCode(cls)
    // Without a code, the entry that recognised the words knows the situation better than a reason's default.
    ?? specific?.entry.permanence
    ?? (c.permanence !== 'unknown' ? c.permanence : undefined)
    ?? info.permanence;
  // Who acts: the table entry that knows the situation (a mail-program message is the user's to fix even when
  // the classifier files it under a server-side reason), else the classifier, else the reason's usual actor.
  const actor: Actor = decidedBy?.entry.actor
    ?? specific?.entry.actor
    ?? (c.actor !== 'unknown' ? c.actor : undefined)
    ?? (settled ? info.actor : undefined)
    ?? 'unknown';
  // Hard bounce as the corpus README defines it, from the reason finally given.
  const hard = HARD_REASONS.has(reason) && permanence === 'permanent' && (reason !== 'notaccept' || cls === '5');

  // The texts: the most specific entry speaks; without one, the reason; without a reason, the codes.
  const replyEntry = reply !== undefined ? REPLY_CODES[String(reply)] : undefined;
  const speaker: KnowledgeEntry | undefined = specific?.entry;
  // Without a specific entry, a reason the classifier read from the words names the problem best; a reason
  // guessed from the codes alone does not, and the codes' own table entries speak (enhanced code first).
  const wordsDecided = settled && (rule.startsWith('text:') || rule.startsWith('knowledge:message:'));
  const codeEntry: KnowledgeEntry | undefined = (enhanced ? enhancedCodeEntry(enhanced) : undefined) ?? replyEntry;
  const title: Text = speaker?.title
    ?? (wordsDecided ? info.title : undefined)
    ?? codeEntry?.title
    ?? (settled ? info.title : undefined)
    ?? (reply !== undefined ? REPLY_CODE_CLASSES[String(reply)[0] as '2' | '3' | '4' | '5'].title : info.title);
  const meaning: Text = speaker?.meaning
    ?? (wordsDecided ? info.meaning : undefined)
    ?? codeEntry?.meaning
    ?? info.meaning;
  // An entry that recognised the words but names no reason, while the classifier only guessed one from a vague
  // code (greylisting with 451 4.7.1): that guess must not add its own advice or commands (login, password…).
  const guessOverridesNothing = speaker !== undefined && !speaker.reason && rule === c.rule && classifierOnlyGuessed(c);
  const advice = dedupeAdvice([
    speaker?.advice,
    // Without a specific entry, what the codes' tables advise (e.g. OVHcloud's actions per reply code).
    !speaker && enhanced ? enhancedCodeEntry(enhanced)?.advice : undefined,
    !speaker ? replyEntry?.advice : undefined,
    // The reason's general advice, unless the specific entry already advises for a reason of its own.
    settled && speaker?.reason !== reason && (!speaker?.reason || !speaker.advice.length)
      && (speaker || wordsDecided || !codeEntry?.advice.length) && !guessOverridesNothing ? info.advice : undefined,
  ]);

  // Commands to check further: from the entries that spoke; a reason guessed from the codes alone yields to
  // what the codes' entries suggest.
  const kinds = new Set<SeeAlsoKind>();
  for (const s of sources) if (s === specific || s === decidedBy) for (const k of s.entry.see ?? []) kinds.add(k);
  if (!speaker && !wordsDecided) for (const s of sources) for (const k of s.entry.see ?? []) kinds.add(k);
  // The reason's usual commands, unless the entry that speaks names its own: a mail program's message is about
  // the user's own server, so the reason's "recipient domain" would point at the wrong side.
  const speakerChoseCommands = speaker?.see !== undefined && speaker.see.length > 0;
  if (!NOT_FAILURES.has(reason) && !guessOverridesNothing && !speakerChoseCommands && (speaker || wordsDecided || !kinds.size)) {
    for (const k of SEE_FOR_REASON[reason] ?? []) kinds.add(k);
  }
  const names: Names = {};
  const sender = ctx.options.senderDomain ?? senderDomainInLine(g.text.replace(/_/g, ' ')) ?? ctx.whole.senderDomain;
  const recipient = ctx.options.recipientDomain ?? recipientDomainInLine(g.text) ?? ctx.whole.recipientDomain;
  const ip = ctx.options.sendingIp ?? sendingIpInLine(g.text);
  if (sender) names.sender = sender;
  if (recipient) names.recipient = recipient;
  if (ip) names.ip = ip;
  if (ctx.options.smtpHost) names.smtpHost = ctx.options.smtpHost;

  const codes = [...g.replyCodes.map((r) => String(r.code)), ...g.enhancedCodes];
  const d: ExplainDiagnosis = {
    reason, permanence, actor, retry: retryFor(reason, permanence, hard), hard, codes, rule,
    knowledge: sources.map((s) => s.id),
    recognised: sources.length > 0,
    title, meaning, advice, seeAlso: seeAlsoCommands(kinds, names),
    line: g.line, excerpt: clipText(g.text, 500), count: 1, lines: [g.line],
  };
  if (reply !== undefined) d.replyCode = reply;
  if (enhanced) d.enhancedCode = enhanced;
  if (speaker?.cause) d.cause = speaker.cause;
  if (speaker?.reason && speaker.reason !== reason) d.tablesReason = speaker.reason;
  return d;
}

// The SMTP stage a reply answered, as MTAs write it (Postfix "in reply to RCPT TO command", qmail's
// "does not like recipient" / "sender was rejected" / "failed after I sent the message" / "greeting failed").
const COMMAND_WORDS: [RegExp, string][] = [
  [/in reply to (?:the )?rcpt to\b/, 'RCPT'],
  [/in reply to (?:the )?mail from\b/, 'MAIL'],
  [/in reply to (?:the )?(?:end of )?data\b/, 'DATA'],
  [/in reply to (?:the )?(?:helo|ehlo)\b/, 'HELO'],
  [/in reply to (?:the )?(?:auth|starttls)\b/, 'AUTH'],
  [/does not like recipient/, 'RCPT'],
  [/sender was rejected/, 'MAIL'],
  [/failed after i sent the message/, 'DATA'],
  [/greeting failed/, 'CONN'],
];

/** The SMTP command a reply answered, when the text says (bounded: looks at 3000 characters at most). */
function smtpCommandIn(text: string): string | undefined {
  const s = text.slice(0, 3000).toLowerCase().replace(/[_\s]+/g, ' ');
  if (!s.includes('reply to') && !s.includes('recipient') && !s.includes('sender') && !s.includes('greeting') && !s.includes('sent the message')) return undefined;
  for (const [re, cmd] of COMMAND_WORDS) if (re.test(s)) return cmd;
  return undefined;
}

/** When the classifier files the words under another reason than the tables (e.g. from the SMTP stage), say so. */
function reasonNote(d: ExplainDiagnosis): Text | undefined {
  if (!d.tablesReason || UNSETTLED.has(d.reason)) return undefined;
  const info = REASON_INFO[d.reason];
  return {
    en: `Classified as "${d.reason}" (${info.title.en}): ${info.meaning.en}`,
    pl: `Sklasyfikowano jako „${d.reason}” (${info.title.pl}): ${info.meaning.pl}`,
  };
}

const SUMMARY_SEP = ' — ';

function findingFor(d: ExplainDiagnosis): Finding {
  // What each code says on its own; the code whose table entry already spoke is not repeated, and beside
  // recognised words a registered enhanced code is shown by its registry name only (servers use them loosely,
  // e.g. qmail's "#5.5.3" for rcpthosts).
  const speakerId = d.knowledge[0];
  const byWords = speakerId?.startsWith('message:') ?? false;
  const codeTexts: Text[] = [];
  for (const code of d.codes) {
    if (!code.includes('.')) {
      if (REPLY_CODES[code]?.title.en !== d.title.en) codeTexts.push(replyCodeText(Number(code)));
      continue;
    }
    if (enhancedCodeEntry(code)?.title.en === d.title.en) continue;
    if (speakerId === `enhanced:X${code.slice(1)}` || speakerId === `provider-code:${code}`) continue;
    const entry = enhancedCodeEntry(code);
    codeTexts.push(byWords && entry
      ? { en: `${code} — registry meaning: ${entry.title.en}.`, pl: `${code} — znaczenie w rejestrze: ${entry.title.pl}.` }
      : enhancedCodeText(code));
  }
  const prefix = d.codes.length ? d.codes.join(' ') + SUMMARY_SEP : '';
  const check = d.knowledge.some((k) => k.startsWith('message:')) ? 'explain.message'
    : d.enhancedCode ? 'explain.enhanced-code'
      : d.replyCode !== undefined ? 'explain.reply-code' : 'explain.message';
  const cls = d.enhancedCode?.[0] ?? (d.replyCode !== undefined ? String(d.replyCode)[0] : undefined);
  const evidence: Evidence[] = [{ kind: 'text', label: `line ${d.line}`, value: d.excerpt }];
  for (const code of d.codes) evidence.push({ kind: 'code', label: code.includes('.') ? 'enhanced' : 'reply', value: code });
  if (d.count > 1) evidence.push({ kind: 'other', label: 'occurrences', value: `${d.count} (lines ${d.lines.join(', ')}${d.count > d.lines.length ? ', …' : ''})` });
  const diagnosis: Diagnosis = { reason: d.reason, permanence: d.permanence, actor: d.actor, retry: d.retry, rule: d.rule };
  if (d.replyCode !== undefined) diagnosis.replyCode = d.replyCode;
  if (d.enhancedCode) diagnosis.enhancedCode = d.enhancedCode;
  const f: Finding = {
    check,
    status: statusFor(d.reason, cls, d.permanence),
    subject: clipText(d.excerpt, 120),
    summary: { en: prefix + d.title.en, pl: prefix + d.title.pl },
    detail: joinTexts([d.meaning, d.cause, reasonNote(d), ...codeTexts]),
    diagnosis,
    evidence,
    data: { count: d.count, lines: d.lines, knowledge: d.knowledge, hard: d.hard },
  };
  if (d.advice.length) f.advice = d.advice;
  if (d.seeAlso.length) f.seeAlso = d.seeAlso;
  return f;
}

/** What loose digits in unrecognised text still tell ("5xx", "4.x.x"). */
function looseDigits(text: string): Text | undefined {
  const sample = text.slice(0, 65536);
  const enh = /(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])/.exec(sample);
  if (enh) {
    const cls = ENHANCED_CLASSES[enh[1] as '2' | '4' | '5'];
    return { en: `"${enh[0]}" looks like an enhanced status code: ${cls.title.en} — ${cls.meaning.en}`, pl: `„${enh[0]}” wygląda na rozszerzony kod statusu: ${cls.title.pl} — ${cls.meaning.pl}` };
  }
  const rep = /(?<![\d.])([2-5])\d\d(?![\d.])/.exec(sample);
  if (rep) {
    const cls = REPLY_CODE_CLASSES[rep[1] as '2' | '3' | '4' | '5'];
    return { en: `If "${rep[0]}" is an SMTP reply code: ${cls.title.en} — ${cls.meaning.en}`, pl: `Jeśli „${rep[0]}” to kod odpowiedzi SMTP: ${cls.title.pl} — ${cls.meaning.pl}` };
  }
  return undefined;
}

function defaultSubject(text: string): string {
  const firstLine = text.slice(0, 4096).trim().split('\n', 1)[0] ?? '';
  return clipText(firstLine.replace(/\s+/g, ' '), 80) || '(empty)';
}

const T = {
  emptySummary: tx('Nothing to explain: the input is empty', 'Nie ma czego wyjaśniać: nie podano żadnego tekstu'),
  emptyDetail: tx('Give the error message, the server\'s reply or the whole bounce (as arguments, --file or on standard input).', 'Podaj komunikat o błędzie, odpowiedź serwera lub cały zwrot (jako argumenty, przez --file lub na standardowym wejściu).'),
  unknownSummary: tx('Not recognised: no SMTP code or known message found', 'Nie rozpoznano: brak kodu SMTP lub znanego komunikatu'),
  unknownDetail: tx('mailmedic found no SMTP reply code (like 550), no enhanced status code (like 5.1.1) and no message it knows in this text.', 'mailmedic nie znalazł w tym tekście kodu odpowiedzi SMTP (np. 550), rozszerzonego kodu statusu (np. 5.1.1) ani znanego komunikatu.'),
  unknownAdvice: [
    tx('Paste the full error text, including the server\'s reply line with its code (it usually starts with 4xx or 5xx).', 'Wklej pełną treść błędu, razem z linią odpowiedzi serwera i jej kodem (zwykle zaczyna się od 4xx lub 5xx).'),
    tx('For a returned message, give the whole bounce: `mailmedic bounce <file.eml>` reads it.', 'W przypadku wiadomości zwrotnej podaj cały zwrot: `mailmedic bounce <plik.eml>` go odczyta.'),
  ],
  binarySummary: tx('This is not text: the input is binary data (an image, a program, an archive)', 'To nie jest tekst: podane dane są binarne (obraz, program, archiwum)'),
  binaryDetail: tx('{pct}% of the bytes are control characters. A screenshot or a program cannot be read for error messages.', '{pct}% bajtów to znaki sterujące. Ze zrzutu ekranu ani z programu nie da się odczytać komunikatów błędów.'),
  binaryAdvice: tx('Copy the error message as text (select it and copy, or type it) and give that instead.', 'Skopiuj komunikat błędu jako tekst (zaznacz i skopiuj albo przepisz) i podaj go zamiast tego pliku.'),
  moreSummary: tx('{n} more lines with codes or messages are not shown', 'Nie pokazano {n} kolejnych linii z kodami lub komunikatami'),
  moreDetail: tx('The text holds more distinct codes and messages than one report shows; explain a smaller part for the rest.', 'Tekst zawiera więcej różnych kodów i komunikatów, niż mieści jeden raport; pozostałe wyjaśnij, podając mniejszy fragment.'),
};

/** Explanations `explain` writes itself (not table entries), exported for the translation check. */
export const EXPLAIN_TEXTS = T;

/** Share of control bytes above which the input is binary, not text. */
const BINARY_RATIO = 0.1;

/**
 * Table phrases that are ordinary words outside mail ("listed on", "blacklist", "server error"): they count only
 * in a text that speaks of mail somewhere, or beside a reply or status code.
 */
export const NEEDS_MAIL_CONTEXT: ReadonlySet<string> = new Set(['listed in', 'listed on', 'blacklisted', 'blacklist', 'blocklist', 'block list',
  'czarna lista', 'czarnej liscie', 'server error', 'system error', 'internal error', 'access denied', 'blocked', 'rejected',
  'not found', 'timed out', 'timeout', 'try again later', 'temporary failure', 'service unavailable', 'too many', 'invalid']);

/** Words and names that say a text is about e-mail (in English, Polish, German, French). */
const MAIL_WORDS = /\b(?:e-?mails?|mail\w*|smtp|imap|pop3|mx|spf|dkim|dmarc|dns|rbl|dnsbl|poczt\w*|wiadomo\w+|message\w*|recipient\w*|sender\w*|odbiorc\w*|nadawc\w*|skrzynk\w*|deliver\w*|dorecz\w*|doręcz\w*|bounce\w*|outlook|thunderbird|postfix|exim|sendmail|qmail|dovecot|exchange|gmail|relay\w*|rcpt|ehlo|helo|nachricht\w*|empf\w+|courriel|destinataire)\b/i;
const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_AFTER_AT = /[A-Za-z0-9-]+\.[A-Za-z]/y;

/**
 * An address shape (local@label.x) found from each "@", not by /[A-Za-z0-9._%+-]+@…/: that pattern rescans a
 * long run of local-part characters without "@" from every position (64 KB of letters took 2 s).
 */
function hasAddressShape(text: string): boolean {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at === 0 || !LOCAL_CHAR.test(text[at - 1]!)) continue;
    DOMAIN_AFTER_AT.lastIndex = at + 1;
    if (DOMAIN_AFTER_AT.test(text)) return true;
  }
  return false;
}

/** Stems of ordinary words; a short phrase made with one of them needs a mail context too ("blacklisted by"). */
const GENERIC_STEMS = ['listed', 'blacklist', 'blocklist', 'block list', 'blocked', 'rejected', 'denied', 'error', 'invalid', 'not found',
  'timed out', 'timeout', 'unavailable', 'czarn', 'zablokowan', 'odrzucon'];

export function needsMailContext(phrase: string): boolean {
  if (NEEDS_MAIL_CONTEXT.has(phrase)) return true;
  return phrase.split(' ').length <= 3 && GENERIC_STEMS.some((s) => phrase.includes(s));
}

function hasMailContext(text: string): boolean {
  const t = text.length > 65536 ? text.slice(0, 65536) : text;
  return MAIL_WORDS.test(t) || hasAddressShape(t);
}

/**
 * Explain every SMTP reply code, enhanced status code and known error message in `text`, in order. Returns a
 * Report whose findings say what each means and what to do, and whose `data` is an ExplainData.
 */
export function explain(text: string, options: ExplainOptions = {}, extra: { encoding?: InputEncoding; controlRatio?: number } = {}): Report {
  const subject = options.subject ?? defaultSubject(text);
  const now = options.now ? { now: options.now } : {};
  const findings: Finding[] = [];
  const diagnoses: ExplainDiagnosis[] = [];
  const input: ExplainData['input'] = { chars: text.length, lines: 0, longLines: 0, omitted: 0 };
  if (extra.encoding) input.encoding = extra.encoding;

  if (!/\S/.test(text)) {
    findings.push({ check: 'explain.empty', status: 'unknown', subject: '(empty)', summary: T.emptySummary, detail: T.emptyDetail });
    return makeReport('explain', subject, findings, { data: { diagnoses, input } satisfies ExplainData, ...now });
  }
  // Binary data (an image, a program) is no error message: its bytes would only yield accidental "codes".
  if ((extra.controlRatio ?? 0) > BINARY_RATIO) {
    findings.push({
      check: 'explain.input', status: 'unknown', subject, summary: T.binarySummary,
      detail: fill(T.binaryDetail, { pct: Math.round((extra.controlRatio ?? 0) * 100) }),
      advice: [T.binaryAdvice],
    });
    return makeReport('explain', subject, findings, { data: { diagnoses, input } satisfies ExplainData, ...now });
  }
  const mailContext = hasMailContext(text);

  // Old Mac line ends (a lone CR) count as line ends too.
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  const max = options.maxDiagnoses ?? 200;
  const ctx: Context = { whole: textContext(text), options };
  const byKey = new Map<string, ExplainDiagnosis>();
  const scan = scanText(text, phraseMatcher(), (g) => {
    const key = [...g.replyCodes.map((r) => r.code), ...g.enhancedCodes, ...g.hits.map((h) => h.pattern.id).sort()].join('|');
    const seen = byKey.get(key);
    if (seen) {
      seen.count++;
      if (seen.lines.length < 10) seen.lines.push(g.line);
      return;
    }
    // Without anything that says "mail" in the text, words that are common outside mail ("listed on our
    // website") are no finding; codes in reply position and mail-specific phrases still are.
    if (!mailContext && !g.replyCodes.length && !g.enhancedCodes.length) {
      g.hits = g.hits.filter((h) => !needsMailContext(h.phrase));
      if (!g.hits.length) return;
    }
    if (diagnoses.length >= max) { input.omitted++; return; }
    const d = diagnoseGroup(g, ctx);
    byKey.set(key, d);
    diagnoses.push(d);
  });
  input.lines = scan.lines;
  input.longLines = scan.longLines;

  if (!diagnoses.length) {
    // Nothing we know: the classifier may still recognise the words; else say so honestly.
    let c: Classification;
    try { c = classify({ text: text.slice(0, 65536) }); } catch { c = { reason: 'undefined', rule: 'classifier-error', permanence: 'unknown', actor: 'unknown', hard: false }; }
    if (classifierSettled(c) && mailContext) {
      const info = REASON_INFO[c.reason];
      const d: ExplainDiagnosis = {
        reason: c.reason, permanence: c.permanence, actor: c.actor !== 'unknown' ? c.actor : info.actor,
        retry: retryFor(c.reason, c.permanence, c.hard), hard: c.hard, codes: [], rule: c.rule, knowledge: [],
        recognised: true, title: info.title, meaning: info.meaning, advice: info.advice,
        seeAlso: seeAlsoCommands(NOT_FAILURES.has(c.reason) ? [] : SEE_FOR_REASON[c.reason] ?? [], {
          ...(options.senderDomain ?? ctx.whole.senderDomain ? { sender: options.senderDomain ?? ctx.whole.senderDomain } : {}),
          ...(options.recipientDomain ?? ctx.whole.recipientDomain ? { recipient: options.recipientDomain ?? ctx.whole.recipientDomain } : {}),
        }),
        line: 1, excerpt: clipText(text.slice(0, 4096).trim(), 500), count: 1, lines: [1],
      };
      diagnoses.push(d);
    } else {
      const digits = looseDigits(text);
      const d: ExplainDiagnosis = {
        reason: c.reason, permanence: 'unknown', actor: 'unknown', retry: 'after-fix', hard: false, codes: [], rule: c.rule,
        knowledge: [], recognised: false, title: T.unknownSummary, meaning: digits ? joinTexts([T.unknownDetail, digits]) : T.unknownDetail,
        advice: T.unknownAdvice, seeAlso: [], line: 1, excerpt: clipText(text.slice(0, 4096).trim(), 500), count: 1, lines: [1],
      };
      diagnoses.push(d);
      findings.push({
        check: 'explain.unrecognised', status: 'unknown', subject: clipText(d.excerpt, 120), summary: T.unknownSummary,
        detail: d.meaning, advice: T.unknownAdvice, evidence: [{ kind: 'text', label: 'input', value: d.excerpt }],
        diagnosis: { reason: d.reason, permanence: 'unknown', actor: 'unknown', retry: 'after-fix', rule: d.rule },
      });
      return makeReport('explain', subject, findings, { data: { diagnoses, input } satisfies ExplainData, ...now });
    }
  }

  // A bare code (a DSN's "Status: 5.1.1") that a fuller reply in the same text already explains is folded into it.
  for (let i = diagnoses.length - 1; i >= 0; i--) {
    const bare = diagnoses[i]!;
    if (!bare.codes.length || bare.knowledge.some((k) => k.startsWith('message:'))) continue;
    const fuller = diagnoses.find((o) => o !== bare && o.reason === bare.reason && o.codes.length > bare.codes.length && bare.codes.every((c) => o.codes.includes(c)));
    if (!fuller) continue;
    fuller.count += bare.count;
    for (const l of bare.lines) if (fuller.lines.length < 10 && !fuller.lines.includes(l)) fuller.lines.push(l);
    fuller.lines.sort((a, b) => a - b);
    diagnoses.splice(i, 1);
  }
  // A program's generic "could not send" line adds nothing beside the server's reply found with it.
  const generic = (d: ExplainDiagnosis) => !d.codes.length && d.knowledge.length === 1 && GENERIC_IDS.has(d.knowledge[0]!);
  if (diagnoses.some((d) => !generic(d))) {
    for (let i = diagnoses.length - 1; i >= 0; i--) if (generic(diagnoses[i]!)) diagnoses.splice(i, 1);
  }
  for (const d of diagnoses) findings.push(findingFor(d));
  if (input.omitted) {
    findings.push({ check: 'explain.more', status: 'info', subject, summary: fill(T.moreSummary, { n: input.omitted }), detail: T.moreDetail });
  }
  return makeReport('explain', subject, findings, { data: { diagnoses, input } satisfies ExplainData, ...now });
}

/** Explain raw bytes (a file, standard input): decoded as UTF-8, else Windows-1250/ISO-8859-2, line by line. */
export function explainBytes(buf: Uint8Array, options: ExplainOptions = {}): Report {
  const decoded = decodeExplainInput(buf);
  return explain(decoded.text, options, { encoding: decoded.encoding, controlRatio: decoded.controlRatio });
}
