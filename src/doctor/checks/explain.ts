/** Adapter: explain the error text the user pasted (src/explain `explain(text)` → Report). */
import { tx } from '../../i18n/text.js';
import type { CheckAdapter } from '../types.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';

type ExplainFn = (text: string, opts?: Record<string, unknown>) => unknown;

export const explainAdapter: CheckAdapter = {
  id: 'explain',
  capability: 'explain',
  title: tx('What the error message means', 'Co oznacza komunikat o błędzie'),
  needs: (a) => (a.error?.trim() ? undefined : NEEDS.error),
  async run({ answers }) {
    const explain = await capabilityFn<ExplainFn>('explain', ['explain', 'explainText']);
    const dom = (a?: string) => (a && a.includes('@') ? a.slice(a.lastIndexOf('@') + 1) : undefined);
    const senderDomain = answers.domain ?? dom(answers.from) ?? dom(answers.address);
    const recipientDomain = dom(answers.to);
    // The case's own facts name the "check further" commands when the error text does not.
    const report = await explain(answers.error!.slice(0, 64 * 1024), {
      subject: 'error', ...(senderDomain ? { senderDomain } : {}), ...(recipientDomain ? { recipientDomain } : {}),
      ...(answers.ip ? { sendingIp: answers.ip } : {}), ...(answers.server?.host ? { smtpHost: answers.server.host } : {}),
    });
    return { findings: findingsOf(report) };
  },
};
