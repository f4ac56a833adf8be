/**
 * From a log line's words to a diagnosis: the remote reply code, enhanced status and SMTP command are pulled out
 * of the text, then `classify()` names the reason. Results are cached by the normalised text: a big log repeats
 * the same few hundred texts millions of times.
 */
import { classify, type Classification } from '../classify/index.js';
import type { Diagnosis, Reason } from '../core/finding.js';
import { describeReason } from '../knowledge/reasons.js';

const cache = new Map<string, Classification>();

/** Text with addresses, IPs, numbers and ids blanked, so the same reason groups together. */
export function normalizeReasonText(text: string): string {
  let t = text.length > 400 ? text.slice(0, 400) : text;
  // each replace runs only when its pattern could match (a cheap test first: this runs for every reject,
  // deferral, bounce and warning line)
  if (t.startsWith('host ')) t = t.replace(/^host \S+ (?:said|refused to talk to me): /, '');
  if (t.startsWith('connect to ')) t = t.replace(/^connect to \S+: /, 'connect to: ');
  if (t.includes('<')) t = t.replace(/<[^<>\s]{0,200}>/g, '<…>');
  if (t.includes('[')) t = t.replace(/\[[0-9a-fA-F:.]{3,45}\]/g, '[ip]');
  if (t.includes('.')) t = t.replace(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g, 'ip');
  if (hasLongToken(t)) t = t.replace(/\b[0-9A-Za-z+/=_-]{16,}\b/g, '…');
  if (t.endsWith(' command)')) t = t.replace(/ \(in reply to .{1,40} command\)$/, '');
  return t.length > 160 ? t.slice(0, 160) + '…' : t;
}

/** Is there a run of 16 or more [0-9A-Za-z+/=_-] (without which the id pattern above cannot match)? */
function hasLongToken(t: string): boolean {
  let run = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 47 || c === 61 || c === 95 || c === 45) {
      if (++run >= 16) return true;
    } else run = 0;
  }
  return false;
}

/** The reply code, enhanced status and command inside a Postfix/Exim/Sendmail diagnostic text. */
export function replyParts(text: string, dsn?: string): { replyCode?: number; status?: string; command?: string } {
  const out: { replyCode?: number; status?: string; command?: string } = {};
  const t = text.length > 600 ? text.slice(0, 600) : text;
  const said = /(?:said: |^|: )([245]\d\d)[ -](?:([245]\.\d{1,3}\.\d{1,3}) )?/.exec(t);
  if (said) {
    out.replyCode = Number(said[1]);
    if (said[2]) out.status = said[2];
  }
  if (dsn && /^[245]\.\d{1,3}\.\d{1,3}$/.test(dsn)) out.status = dsn;
  const cmd = /\(in reply to (\S+(?: TO)?)(?: command| \S+)?/i.exec(t);
  if (cmd) out.command = cmd[1]!.replace(/ TO$/i, '').toUpperCase().replace('END', 'DATA');
  return out;
}

/** Classify a failure text (cached). `normalised` saves normalising twice when the caller has it. */
export function classifyLogText(text: string, dsn?: string, replyCode?: number, normalised?: string): Classification {
  const key = `${dsn ?? ''}|${replyCode ?? ''}|${normalised ?? normalizeReasonText(text)}`;
  let c = cache.get(key);
  if (!c) {
    const parts = replyParts(text, dsn);
    const input: Parameters<typeof classify>[0] = { text };
    const status = parts.status ?? dsn;
    if (status) input.status = status;
    const rc = replyCode ?? parts.replyCode;
    if (rc) input.replyCode = rc;
    if (parts.command) input.command = parts.command;
    try {
      c = classify(input);
    } catch {
      c = { reason: 'undefined', rule: 'classifier-error', permanence: 'unknown', actor: 'unknown', hard: false };
    }
    if (cache.size > 20000) cache.clear();
    cache.set(key, c);
  }
  return c;
}

/** A Diagnosis for a Finding from a classification and the codes seen. */
export function toDiagnosis(c: Classification, text: string, dsn?: string, replyCode?: number): Diagnosis {
  const parts = replyParts(text, dsn);
  const d: Diagnosis = {
    reason: c.reason,
    permanence: c.permanence,
    actor: c.actor,
    retry: c.permanence === 'permanent' ? 'after-fix' : c.permanence === 'temporary' ? 'later' : 'after-fix',
    rule: c.rule,
  };
  if (c.reason === 'delivered') d.retry = 'no';
  const rc = replyCode ?? parts.replyCode;
  if (rc) d.replyCode = rc;
  const st = parts.status ?? dsn;
  if (st) d.enhancedCode = st;
  return d;
}

/**
 * What a content filter's verdict on a message makes of the reject that follows it: a milter's reply text is often
 * generic ("5.7.1 Command rejected" from clamav-milter), while the filter named the cause on its own line with the
 * same queue id. By category, as filter events name them.
 */
const FILTER_REASONS: Record<string, Reason> = {
  INFECTED: 'virusdetected', SPAM: 'spamdetected', SPAMMY: 'spamdetected', BANNED: 'policyviolation', 'BAD-HEADER': 'notcompliantrfc',
  DEFERRED: 'onhold',
};

/**
 * The reason a whole-message reject (after DATA) takes from the filter's verdict on the same message; undefined
 * when there is none or it does not explain the reject (then the reply text decides).
 */
export function filterVerdictReason(f: { verdict: 'passed' | 'blocked'; category: string } | undefined, stage: string, replyCode?: number, dsn?: string): Reason | undefined {
  if (!f || (stage !== 'END-OF-MESSAGE' && stage !== 'DATA')) return undefined;
  const temporary = replyCode !== undefined ? replyCode >= 400 && replyCode < 500 : dsn !== undefined && dsn.startsWith('4.');
  // a blocking verdict explains a refusal; "try again later" (greylist, soft reject) explains a 4xx only
  if (f.category === 'DEFERRED') return temporary ? FILTER_REASONS['DEFERRED'] : undefined;
  return f.verdict === 'blocked' && !temporary ? FILTER_REASONS[f.category] : undefined;
}

/** classifyLogText, unless the filter's verdict on the message explains the reject (see {@link filterVerdictReason}). */
export function classifyReject(text: string, dsn: string | undefined, replyCode: number | undefined, stage: string,
  f: { name: string; verdict: 'passed' | 'blocked'; category: string } | undefined): Classification {
  const c = classifyLogText(text, dsn, replyCode);
  const r = filterVerdictReason(f, stage, replyCode, dsn);
  if (!r || r === c.reason) return c;
  const info = describeReason(r);
  return { ...c, reason: r, rule: `filter:${f!.name}:${f!.category}`, permanence: r === 'onhold' ? 'temporary' : info.permanence, actor: info.actor, hard: info.hard };
}
