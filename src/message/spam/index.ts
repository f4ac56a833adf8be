/** All spam filters' verdicts from the headers, and their findings (one per filter, plus the fixable rules). */
import type { Finding, Text } from '../../core/finding.js';
import { fill, tx } from '../../i18n/text.js';
import type { HeaderField } from '../../mime/header-fields.js';
import { fillT } from '../util.js';
import { readGmail } from './gmail.js';
import { readMicrosoft } from './microsoft.js';
import { readOtherFilters } from './others.js';
import { readRspamd } from './rspamd.js';
import { readSpamAssassin } from './spamassassin.js';
import type { SpamVerdict } from './types.js';

export type { SpamRuleHit, SpamVerdict } from './types.js';
export { SPAMASSASSIN_RULES } from './spamassassin-rules.js';
export { RSPAMD_SYMBOLS } from './rspamd-symbols.js';
export { MS_CAT, MS_SFV, sclMeaning, bclMeaning } from './microsoft.js';

/**
 * Every spam filter's verdict the headers carry (SpamAssassin, Rspamd, Microsoft, Gmail, others), each with its score
 * and rules where it gives them.
 */
export function readSpamVerdicts(fields: readonly HeaderField[]): SpamVerdict[] {
  const out: SpamVerdict[] = [];
  const sa = readSpamAssassin(fields);
  const rs = readRspamd(fields);
  if (sa) out.push(sa);
  if (rs) out.push(rs);
  const ms = readMicrosoft(fields);
  if (ms) out.push(ms);
  const gm = readGmail(fields);
  if (gm) out.push(gm);
  out.push(...readOtherFilters(fields, Boolean(sa || rs)));
  return out;
}

const T = {
  spam: tx('{product} marked the message as spam{score}.', '{product} oznaczył wiadomość jako spam{score}.'),
  ham: tx('{product} did not mark the message as spam{score}.', '{product} nie oznaczył wiadomości jako spam{score}.'),
  unknown: tx('{product} left its headers{score}, without a clear verdict.', '{product} zostawił swoje nagłówki{score}, bez jasnego werdyktu.'),
  score: tx(' (score {score}{threshold})', ' (wynik {score}{threshold})'),
  threshold: tx(', threshold {t}', ', próg {t}'),
  // rspamd's "[9.20 / 15.00]" is the score and the reject threshold; its action decides spam below that.
  rejectThreshold: tx(', reject threshold {t}, action "{action}"', ', próg odrzucenia {t}, akcja „{action}”'),
  rules: tx('Rules that fired:', 'Reguły, które zadziałały:'),
  noMeaning: tx('(not in mailmedic\'s table; look the name up in the filter\'s documentation)', '(brak w tabeli mailmedic; sprawdź nazwę w dokumentacji filtra)'),
  rule: tx('{product} rule {rule}{points}: {meaning}', '{product}, reguła {rule}{points}: {meaning}'),
  points: tx(' (+{n} points)', ' (+{n} pkt)'),
  noFilter: tx('No spam filter left a verdict in the headers.', 'Żaden filtr antyspamowy nie zostawił werdyktu w nagłówkach.'),
  noFilterDetail: tx('Receivers that do not add headers (Gmail, many providers) decide invisibly; the authentication and path findings are then the best hints.', 'Odbiorcy, którzy nie dopisują nagłówków (Gmail, wielu dostawców), decydują niewidocznie; wtedy najlepszą wskazówką są wyniki uwierzytelnienia i trasy.'),
};

const fmt = (n: number) => (Number.isInteger(n) ? n.toFixed(1) : String(Math.round(n * 100) / 100));

export function spamFindings(verdicts: readonly SpamVerdict[]): Finding[] {
  const out: Finding[] = [];
  if (!verdicts.length) {
    out.push({ check: 'message.spam.none', status: 'info', subject: 'X-Spam-*', summary: T.noFilter, detail: T.noFilterDetail });
    return out;
  }
  for (const v of verdicts) {
    const th = v.threshold === undefined ? tx('', '')
      : v.filter === 'rspamd' && v.action ? fill(T.rejectThreshold, { t: fmt(v.threshold), action: v.action })
        : fill(T.threshold, { t: v.scoreName ? String(v.threshold) : fmt(v.threshold) });
    const shown = v.scoreName ? `${v.scoreName} ${v.score}` : v.score !== undefined ? fmt(v.score) : '';
    const score = v.score !== undefined ? fillT(T.score, { score: shown, threshold: th }) : tx('', '');
    const base = v.spam === true ? T.spam : v.spam === false ? T.ham : T.unknown;
    const summary: Text = { en: fill(base, { product: v.product }).en.replace('{score}', score.en), pl: fill(base, { product: v.product }).pl.replace('{score}', score.pl) };
    const lines = (lang: 'en' | 'pl') => v.rules.slice(0, 60).map((r) => `• ${r.name}${r.score !== undefined ? ` (${r.score > 0 ? '+' : ''}${fmt(r.score)})` : ''}${r.options ? ` [${r.options.slice(0, 80)}]` : ''}: ${(r.meaning ?? T.noMeaning)[lang]}`).join('\n');
    const detail: Text | undefined = v.rules.length ? { en: `${T.rules.en}\n${lines('en')}`, pl: `${T.rules.pl}\n${lines('pl')}` } : undefined;
    out.push({
      check: `message.spam.${v.filter}`, status: v.spam === true ? 'warn' : v.spam === false ? 'ok' : 'info', subject: v.product, summary,
      ...(detail ? { detail } : {}),
      evidence: v.headers.map((h) => ({ kind: 'header' as const, label: h.name, value: h.value })),
      data: { filter: v.filter, spam: v.spam, score: v.score, threshold: v.threshold, action: v.action, fields: v.fields, rules: v.rules.map((r) => ({ name: r.name, score: r.score, options: r.options, known: Boolean(r.meaning) })) },
    });
    // The rules that pushed towards spam and that the sender can fix, worst first.
    const bad = v.rules.filter((r) => r.fix && (r.score === undefined ? true : r.score > 0.3))
      .sort((a, b) => (b.score ?? 0.5) - (a.score ?? 0.5)).slice(0, 5);
    for (const r of bad) {
      const points = r.score !== undefined ? fill(T.points, { n: fmt(r.score) }) : tx('', '');
      out.push({
        check: 'message.spam.rule', status: v.spam === true ? 'warn' : 'info', subject: r.name,
        summary: { en: fill(T.rule, { product: v.product, rule: r.name, meaning: r.meaning!.en }).en.replace('{points}', points.en), pl: fill(T.rule, { product: v.product, rule: r.name, meaning: r.meaning!.pl }).pl.replace('{points}', points.pl) },
        advice: [r.fix!],
        data: { filter: v.filter, rule: r.name, score: r.score, spamWeight: Math.max(1, Math.min(4, Math.round(r.score ?? 1))) },
      });
    }
  }
  return out;
}
