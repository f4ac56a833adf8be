/**
 * "Why did it go to spam?": did any filter say spam, and which findings most likely did it — ranked by the
 * weight each check gave (data.spamWeight), with what the sender can fix.
 */
import type { Finding, Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import type { SpamVerdict } from './spam/types.js';

export interface SpamCause {
  check: string;
  subject: string;
  weight: number;
  summary: Text;
  advice?: Text;
}

export interface WhySpam {
  /** true: a filter or provider said spam; false: every verdict says not spam; undefined: no verdict in the headers. */
  markedSpam?: boolean;
  by: string[];
  causes: SpamCause[];
}

/**
 * Answers "why did it go to spam?": whether any filter said spam, and the likely causes from the findings, heaviest
 * first, one per fix.
 */
export function whySpam(findings: readonly Finding[], verdicts: readonly SpamVerdict[]): WhySpam {
  const spamBy = verdicts.filter((v) => v.spam === true).map((v) => v.product);
  const said = verdicts.filter((v) => v.spam !== undefined);
  const markedSpam = spamBy.length ? true : said.length ? false : undefined;
  const causes: SpamCause[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const w = Number((f.data as { spamWeight?: unknown } | undefined)?.spamWeight ?? 0);
    if (!(w > 0) || f.status === 'ok') continue;
    const key = `${f.check}|${f.subject}`;
    if (seen.has(key)) continue;
    seen.add(key);
    causes.push({ check: f.check, subject: f.subject, weight: w, summary: f.summary, ...(f.advice?.[0] ? { advice: f.advice[0] } : {}) });
  }
  // Heaviest first; ties keep the order of the findings (auth, identity, spam rules, content).
  causes.sort((a, b) => b.weight - a.weight);
  // One cause per fix: the receiver's "no PTR" and the own PTR check, or SPF fail and a filter's SPF rule,
  // are the same thing to repair.
  const fixes = new Set<string>();
  const distinct = causes.filter((c) => {
    if (!c.advice) return true;
    if (fixes.has(c.advice.en)) return false;
    fixes.add(c.advice.en);
    return true;
  });
  // Then, at equal weight, a rule a filter really fired (its points are facts) before mailmedic's own reading of
  // the headers. Done after the one-per-fix pass, so that of a rule and a finding with the same fix the finding
  // (which names the IP or domain) stays.
  const fired = (c: SpamCause) => (c.check === 'message.spam.rule' ? 0 : 1);
  distinct.sort((a, b) => b.weight - a.weight || fired(a) - fired(b));
  return { ...(markedSpam !== undefined ? { markedSpam } : {}), by: spamBy, causes: distinct.slice(0, 8) };
}

const T = {
  spam: tx('Marked as spam by {by}. The {n} most likely reasons follow.', 'Oznaczona jako spam przez: {by}. Poniżej najbardziej prawdopodobne przyczyny (liczba: {n}).'),
  spamNoCause: tx('Marked as spam by {by}, but the headers show no specific reason: the decision was likely about reputation or content the filter does not explain.', 'Oznaczona jako spam przez: {by}, ale nagłówki nie pokazują konkretnej przyczyny: decyzja dotyczyła zapewne reputacji lub treści, których filtr nie wyjaśnia.'),
  risk: tx('No filter here marked it as spam, but the problems found could send it to spam elsewhere (count: {n}).', 'Żaden filtr tutaj nie oznaczył jej jako spam, ale gdzie indziej mogą ją tam skierować znalezione problemy (liczba: {n}).'),
  unknown: tx('The headers carry no spam verdict; the problems found could send such a message to spam (count: {n}).', 'Nagłówki nie zawierają werdyktu antyspamowego; taką wiadomość mogą skierować do spamu znalezione problemy (liczba: {n}).'),
  clean: tx('Nothing in the headers points to spam.', 'Nic w nagłówkach nie wskazuje na spam.'),
  detail: tx('Ranked by how much filters usually weigh them:', 'Według tego, jak mocno filtry zwykle je ważą:'),
  reputationAdvice: tx('Check the sending IP and domain against block lists and the provider\'s postmaster tools (Gmail Postmaster Tools, Microsoft SNDS), and send only mail the recipients asked for.', 'Sprawdź adres IP i domenę nadawcy na czarnych listach i w narzędziach dostawców (Gmail Postmaster Tools, Microsoft SNDS) i wysyłaj tylko pocztę, o którą odbiorcy prosili.'),
};

export function whySpamFinding(w: WhySpam): Finding {
  const n = w.causes.length;
  const list = (lang: 'en' | 'pl') => w.causes.map((c, i) => `${i + 1}. ${c.summary[lang]}`).join('\n');
  const detail: Text | undefined = n ? { en: `${T.detail.en}\n${list('en')}`, pl: `${T.detail.pl}\n${list('pl')}` } : undefined;
  const advice = [...new Map(w.causes.filter((c) => c.advice).map((c) => [c.advice!.en, c.advice!])).values()].slice(0, 5);
  const base = { check: 'message.why-spam', subject: w.by.join(', ') || 'message', data: { markedSpam: w.markedSpam, by: w.by, causes: w.causes.map((c) => ({ check: c.check, subject: c.subject, weight: c.weight })) } };
  if (w.markedSpam) {
    if (!n) return { ...base, status: 'warn', summary: fill(T.spamNoCause, { by: w.by.join(', ') }), advice: [T.reputationAdvice] };
    return { ...base, status: 'warn', summary: fill(T.spam, { by: w.by.join(', '), n }), ...(detail ? { detail } : {}), advice };
  }
  if (!n) return { ...base, status: 'ok', summary: T.clean };
  // Not marked here, but a heavy cause (a listing, a failed DMARC) sends mail to spam at most receivers.
  const heavy = w.causes.some((c) => c.weight >= 4);
  return { ...base, status: heavy ? 'warn' : 'info', summary: fill(w.markedSpam === false ? T.risk : T.unknown, { n }), ...(detail ? { detail } : {}), advice };
}
