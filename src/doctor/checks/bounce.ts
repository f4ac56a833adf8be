/** Adapter: read the bounce the sender got back (src/bounce `parseBounce(raw)`). */
import { tx } from '../../i18n/text.js';
import type { CheckAdapter } from '../types.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';
import { readAnswerFile } from './files.js';

type ParseBounceFn = (raw: string | Buffer, opts?: Record<string, unknown>) => unknown;

export const bounceAdapter: CheckAdapter = {
  id: 'bounce',
  capability: 'bounce',
  title: tx('The bounce message', 'Wiadomość zwrotna (bounce)'),
  needs: (a) => (a.bounce?.trim() || a.bounceFile ? undefined : NEEDS.bounce),
  async run({ answers, deps }) {
    const parseBounce = await capabilityFn<ParseBounceFn>('bounce', ['parseBounce', 'bounceReport', 'analyzeBounce']);
    const raw = answers.bounce ?? (await readAnswerFile(answers.bounceFile!, deps));
    const result = await parseBounce(raw);
    return { findings: findingsOf(result) };
  },
};
