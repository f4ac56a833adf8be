/** The words of an alert in the watcher's language, shared by the channels that send text (terminal, e-mail). */
import type { Lang } from '../../core/finding.js';
import { fill } from '../../i18n/text.js';
import type { WatchAlert } from '../changes.js';
import { ALERT_KIND_TEXTS, STATUS_WORDS, WATCH_TEXTS as W } from '../texts.js';

/** One line: "new problem: domain:example.com — SPF …". */
export function alertLine(a: WatchAlert, lang: Lang): string {
  return fill(W.alertSummary, { kind: ALERT_KIND_TEXTS[a.kind], item: a.item, summary: a.summary })[lang];
}

/** The alert's line, then its status change and advice, for a mail body. */
export function alertBlock(a: WatchAlert, lang: Lang): string {
  const lines = [`${lang === 'pl' ? '•' : '*'} ${alertLine(a, lang)}`];
  lines.push(`  [${a.check}] ${a.subject}: ${STATUS_WORDS[a.previous][lang]} → ${STATUS_WORDS[a.status][lang]}`);
  for (const adv of a.advice ?? []) lines.push(`  - ${adv[lang]}`);
  return lines.join('\n');
}
