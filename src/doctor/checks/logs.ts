/** Adapter: read the mail log the user owns (src/logs), narrowed to the addresses of this case. */
import { tx } from '../../i18n/text.js';
import type { CheckAdapter } from '../types.js';
import { readAnswerFile } from './files.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';

type LogsFn = (text: string, opts: Record<string, unknown>) => unknown;

export const logsAdapter: CheckAdapter = {
  id: 'logs',
  capability: 'logs',
  title: tx('The mail log', 'Log poczty'),
  needs: (a) => (a.log || a.logFile ? undefined : NEEDS.log),
  async run({ answers, deps, lang }) {
    const fn = await capabilityFn<LogsFn>('logs', ['analyzeLog', 'analyzeLogs', 'summarizeLog']);
    const text = answers.log ?? (await readAnswerFile(answers.logFile!, deps));
    const filter = [answers.to, answers.from, answers.address].filter(Boolean);
    const result = await fn(text, { lang, ...(filter.length ? { addresses: filter } : {}), ...(deps.now ? { now: deps.now } : {}) });
    return { findings: findingsOf(result) };
  },
};
