/**
 * Adapter over src/queue: is the message of this case still waiting in the sender's mail queue, and why? From a
 * saved listing (postqueue -j, mailq, exim -bp), its text (web app), or — answer "live", only where the caller
 * allows it (the CLI on the mail server) — this machine's own queue, read with the MTA's read-only command.
 */
import type { Finding, Report } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import type { QueueMessage } from '../../queue/types.js';
import type { CheckAdapter, DoctorAnswers, DoctorDeps } from '../types.js';
import { readAnswerFile } from './files.js';
import { capabilityFn } from './load.js';
import { NEEDS } from './needs.js';

type ListingFn = (source: string, name: string, opts: { onMessage?: (m: QueueMessage) => void; configDir?: string; nowDate?: () => Date }) => Promise<Report>;
type LiveFn = (opts: { onMessage?: (m: QueueMessage) => void; configDir?: string; nowDate?: () => Date } & NonNullable<DoctorDeps['liveQueue']>) => Promise<Report>;
type MessageFindingFn = (m: QueueMessage, opts: { configDir?: string }) => Finding;

/** The messages of this case shown one by one, at most. */
const CASE_MESSAGES = 10;
/** Queue findings that explain a case by themselves (alarms); the rest is background. */
const ALARMS = new Set(['queue.sender-burst', 'queue.bounce-backlog', 'queue.too-old', 'queue.destination-down', 'queue.held', 'queue.frozen', 'queue.unreadable']);

const live = (a: DoctorAnswers) => a.queueFile?.trim().toLowerCase() === 'live';
const same = (x: string | undefined, y: string | undefined) => Boolean(x && y && x.trim().toLowerCase() === y.trim().toLowerCase());

const T = {
  liveOff: tx('reading this machine\'s mail queue is not allowed here (only the command line on the mail server reads it)',
    'odczyt kolejki poczty tego komputera nie jest tu dozwolony (czyta ją tylko wiersz poleceń na serwerze poczty)'),
  none: tx('No message of this case waits in the mail queue: the server has passed it on (or given up and sent a bounce), or never took it in.',
    'Żadna wiadomość z tej sprawy nie czeka w kolejce poczty: serwer ją przekazał dalej (albo zrezygnował i wysłał zwrot) lub w ogóle jej nie przyjął.'),
  noneDetail: tx('The mail log tells which of these happened: look for the message there (mailmedic logs trace).',
    'Które z tych zdarzeń zaszło, powie log poczty: poszukaj tam tej wiadomości (mailmedic logs trace).'),
};

export const queueAdapter: CheckAdapter = {
  id: 'queue',
  capability: 'queue',
  title: tx('The mail queue', 'Kolejka poczty'),
  needs: (a, deps) => {
    if (a.queue?.trim()) return undefined;
    if (live(a)) return deps?.liveQueue ? undefined : T.liveOff;
    return a.queueFile?.trim() ? undefined : NEEDS.queue;
  },
  async run({ answers, deps }) {
    const mine: QueueMessage[] = [];
    const wanted = answers.to || answers.from;
    const onMessage = (m: QueueMessage) => {
      if (!wanted || mine.length >= CASE_MESSAGES) return;
      const toMatch = !answers.to || m.recipients.some((r) => !r.delivered && same(r.address, answers.to));
      const fromMatch = !answers.from || same(m.sender, answers.from);
      if (toMatch && fromMatch) mine.push(m);
    };
    const now = deps.now ? { nowDate: deps.now } : {};
    const configDir = deps.liveQueue?.configDir;
    let report: Report;
    if (live(answers) && !answers.queue?.trim()) {
      const read = await capabilityFn<LiveFn>('queue', ['checkLiveQueue']);
      report = await read({ ...deps.liveQueue, onMessage, ...now });
    } else {
      const listing = await capabilityFn<ListingFn>('queue', ['checkQueueListing']);
      const text = answers.queue ?? (await readAnswerFile(answers.queueFile!, deps));
      report = await listing(text, answers.queueFile ?? 'queue', { onMessage, ...now });
    }
    const messageFinding = await capabilityFn<MessageFindingFn>('queue', ['queueMessageFinding']);
    const findings: Finding[] = mine.map((m) => messageFinding(m, configDir ? { configDir } : {}));
    if (wanted && !mine.length) {
      const what = [answers.from && `from ${answers.from}`, answers.to && `to ${answers.to}`].filter(Boolean).join(' ');
      const co = [answers.from && `od ${answers.from}`, answers.to && `do ${answers.to}`].filter(Boolean).join(' ');
      findings.push({ check: 'queue.message.none', status: 'ok', subject: what, summary: { en: `${T.none.en} (${what})`, pl: `${T.none.pl} (${co})` }, detail: T.noneDetail });
    }
    findings.push(...report.findings.filter((f) => ALARMS.has(f.check)));
    return { findings, context: report.findings.filter((f) => !ALARMS.has(f.check)) };
  },
};
