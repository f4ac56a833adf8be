/** Adapter: read the bounce the sender got back (src/bounce `parseBounce(raw)` → `bounceReport(items)`). */
import type { Report } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import type { CheckAdapter } from '../types.js';
import { readAnswerFile } from './files.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';

type ParseBounceFn = (raw: string, opts?: Record<string, unknown>) => unknown;
type BounceReportFn = (items: { file: string; result: unknown }[], subject: string) => Report;

/** Parse one bounce message into a Report (throws CapabilityMissing when bounce is not in this build). */
export async function bounceReportFor(raw: string, file = 'bounce'): Promise<Report> {
  const parseBounce = await capabilityFn<ParseBounceFn>('bounce', ['parseBounce']);
  const report = await capabilityFn<BounceReportFn>('bounce', ['bounceReport']);
  return report([{ file, result: await parseBounce(raw) }], file);
}

export const bounceAdapter: CheckAdapter = {
  id: 'bounce',
  capability: 'bounce',
  title: tx('The bounce message', 'Wiadomość zwrotna (bounce)'),
  needs: (a) => (a.bounce?.trim() || a.bounceFile ? undefined : NEEDS.bounce),
  async run({ answers, deps }) {
    const raw = answers.bounce ?? (await readAnswerFile(answers.bounceFile!, deps));
    return { findings: findingsOf(await bounceReportFor(raw, answers.bounceFile ?? 'bounce')) };
  },
};
