/**
 * Adapter over src/message: when the "lost" message did arrive (late, or in Spam), its headers say why —
 * the hops and their delays, the receiver's SPF/DKIM/DMARC verdicts, the spam filter's score and rules.
 * Offline: only what the headers hold, no look-ups.
 */
import type { Report } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import type { CheckAdapter } from '../types.js';
import { readAnswerFile } from './files.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';

type AnalyzeFn = (raw: string, opts?: Record<string, unknown>) => unknown;
type ReportFn = (a: unknown, opts?: Record<string, unknown>) => Report;

export const messageAdapter: CheckAdapter = {
  id: 'message',
  capability: 'message',
  title: tx('Headers of the received message', 'Nagłówki otrzymanej wiadomości'),
  needs: (a) => (a.message?.trim() || a.messageFile ? undefined : NEEDS.message),
  async run({ answers, deps, lang }) {
    const [analyze, report] = await Promise.all([
      capabilityFn<AnalyzeFn>('message', ['analyzeMessageOffline']), capabilityFn<ReportFn>('message', ['messageReport']),
    ]);
    const raw = answers.message ?? (await readAnswerFile(answers.messageFile!, deps));
    const now = deps.now ? { now: deps.now } : {};
    return { findings: findingsOf(report(analyze(raw, now), { lang, ...now })) };
  },
};
