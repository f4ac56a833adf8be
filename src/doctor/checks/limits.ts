/**
 * Sending limits named by the seeds: 500 messages a day from web hosting (seed 000), 200 an hour per account
 * and 300 an hour per IP (seed 002). Doctor-owned knowledge; compares the numbers the user gives.
 */
import type { Finding } from '../../core/finding.js';
import { fill, tx } from '../../i18n/text.js';
import { Readable } from 'node:stream';
import type { CheckAdapter, DoctorAnswers } from '../types.js';
import { capabilityFn } from './load.js';

export interface SendingLimit {
  id: string;
  /** Which answer holds the count to compare. */
  field: 'sentToday' | 'sentLastHour';
  max: number;
  scope: ReturnType<typeof tx>;
  source: string;
}

/**
 * The sending limits hosting commonly enforces (per day from web hosting, per hour per account and per IP), from the
 * seeds.
 */
export const SENDING_LIMITS: SendingLimit[] = [
  { id: 'hosting-day', field: 'sentToday', max: 500, scope: tx('messages a day from web hosting', 'wiadomości dziennie z hostingu'), source: 'seed 000' },
  { id: 'account-hour', field: 'sentLastHour', max: 200, scope: tx('messages an hour per mail account', 'wiadomości na godzinę z jednego konta'), source: 'seed 002' },
  { id: 'ip-hour', field: 'sentLastHour', max: 300, scope: tx('messages an hour per IP address', 'wiadomości na godzinę z jednego adresu IP'), source: 'seed 002' },
];

const T = {
  over: tx('{count} sent is over the limit of {max} {scope}: further messages are refused until the count drops.',
    'Wysłano {count}, a limit to {max} ({scope}): kolejne wiadomości są odrzucane, dopóki licznik nie spadnie.'),
  near: tx('{count} sent is close to the limit of {max} {scope}.', 'Wysłano {count} — to blisko limitu {max} ({scope}).'),
  under: tx('{count} sent is within the limit of {max} {scope}.', 'Wysłano {count} — to mieści się w limicie {max} ({scope}).'),
  none: tx('Typical sending limits: 500 messages a day from web hosting, 200 an hour per account, 300 an hour per IP. No counts were given to compare.',
    'Typowe limity wysyłki: 500 wiadomości dziennie z hostingu, 200 na godzinę z konta, 300 na godzinę z adresu IP. Nie podano liczby wysłanych wiadomości do porównania.'),
  adviceOver: tx('Wait until the limit resets (the next hour or day), then send the rest in smaller batches; for newsletters use a mailing service.',
    'Poczekaj, aż limit się odnowi (następna godzina lub doba), potem wysyłaj resztę mniejszymi partiami; do newsletterów użyj usługi wysyłkowej.'),
  adviceCheck: tx('Check how much of the limit is used in your hosting panel (the hosting status section).',
    'Sprawdź wykorzystanie limitu w panelu klienta (sekcja statusu hostingu).'),
  title: tx('Sending limits', 'Limity wysyłki'),
  needs: tx('needs nothing', 'nie wymaga danych'),
};

/**
 * Compares the sent counts the user gave with the common sending limits: over the limit is an error, within 10 % of
 * it a warning.
 */
export function checkSendingLimits(a: DoctorAnswers): Finding[] {
  const out: Finding[] = [];
  for (const l of SENDING_LIMITS) {
    const count = a[l.field];
    if (typeof count !== 'number' || !Number.isFinite(count)) continue;
    const params = { count, max: l.max, scope: '' };
    const status = count > l.max ? 'error' : count >= l.max * 0.9 ? 'warn' : 'ok';
    const text = status === 'error' ? T.over : status === 'warn' ? T.near : T.under;
    const summary = { en: fill(text, { ...params, scope: l.scope.en }).en, pl: fill(text, { ...params, scope: l.scope.pl }).pl };
    out.push({
      check: `doctor.limits.${l.id}`,
      status,
      subject: a.address ?? a.from ?? a.domain ?? '',
      summary,
      evidence: [{ kind: 'other', label: l.source, value: `${l.field}=${count} limit=${l.max}` }],
      ...(status === 'ok' ? {} : {
        advice: [T.adviceOver, T.adviceCheck],
        diagnosis: { reason: 'exceedlimit' as const, permanence: 'temporary' as const, actor: 'you' as const, retry: 'later' as const, rule: `limit:${l.id}` },
      }),
    });
  }
  if (!out.length) {
    out.push({ check: 'doctor.limits', status: 'info', subject: a.address ?? a.from ?? a.domain ?? '', summary: T.none, advice: [T.adviceCheck] });
  }
  return out;
}

/** Most events inside any window of `windowMs` (times in ms, any order). */
export function maxInWindow(times: number[], windowMs: number): number {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j]! - t[i]! >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

type TraceFn = (opt: Record<string, unknown>, filter: { from?: string }, limit?: number) => Promise<{ stories: { first: number }[] }>;

/**
 * Counts from the mail log when the user gave none: the busiest 24 hours and the busiest hour of the sender
 * in the log (its own evidence, not a guess). Without the logs capability the counts stay unknown.
 */
async function countsFromLog(a: DoctorAnswers): Promise<{ day: number; hour: number; from: string } | undefined> {
  const from = a.from ?? a.address;
  if (!from || !(a.logFile || a.log)) return undefined;
  const trace = await capabilityFn<TraceFn>('logs', ['traceLogs']).catch(() => undefined);
  if (!trace) return undefined;
  const scan = a.log !== undefined ? { inputs: ['-'], stdin: Readable.from([Buffer.from(a.log, 'utf8')]) } : { inputs: [a.logFile!] };
  const r = await trace(scan, { from }, 100_000);
  const times = r.stories.map((s) => s.first).filter((x) => Number.isFinite(x));
  return { day: maxInWindow(times, 24 * 3600_000), hour: maxInWindow(times, 3600_000), from };
}

export const limitsAdapter: CheckAdapter = {
  id: 'limits',
  capability: 'doctor',
  title: T.title,
  needs: () => undefined,
  async run({ answers }) {
    if (answers.sentToday !== undefined || answers.sentLastHour !== undefined) return { findings: checkSendingLimits(answers) };
    const counted = await countsFromLog(answers);
    if (!counted) return { findings: checkSendingLimits(answers) };
    const findings = checkSendingLimits({ ...answers, sentToday: counted.day, sentLastHour: counted.hour });
    for (const f of findings) {
      f.evidence = [{ kind: 'log', label: 'log', value: `${counted.from}: at most ${counted.day} messages in 24 h, ${counted.hour} in one hour` }, ...(f.evidence ?? [])];
    }
    return { findings };
  },
};
