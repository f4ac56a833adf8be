/** How far behind the workers are: the shared consumer's backlog and what the database holds, as findings. */
import type { Finding, Report } from '../core/finding.js';
import { makeReport } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { BOUNCE_CONSUMER, connectNats, ensureStream, STREAM, type NatsOptions } from './nats.js';
import { openStore, storeCounts } from './store.js';

/** The backlog of the bounce consumer. */
export interface BounceBacklog { pending: number; inFlight: number; redelivered: number; workers: number }

/** Ask NATS for the consumer's backlog (zero when no worker has created it yet: everything is pending). */
export async function bounceBacklog(nats: NatsOptions): Promise<BounceBacklog> {
  const nc = await connectNats(nats);
  try {
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm);
    try {
      const c = await jsm.consumers.info(STREAM.name, BOUNCE_CONSUMER);
      return { pending: c.num_pending, inFlight: c.num_ack_pending, redelivered: c.num_redelivered, workers: c.num_waiting };
    } catch {
      const s = await jsm.streams.info(STREAM.name);
      return { pending: s.state.messages, inFlight: 0, redelivered: 0, workers: 0 };
    }
  } finally {
    await nc.close();
  }
}

const T = {
  backlog: tx('Bounces waiting for a worker: {pending}; being read now: {inFlight}; delivered again after a failure: {redelivered}.',
    'Zwroty czekające na pracownika: {pending}; w trakcie odczytu: {inFlight}; dostarczone ponownie po błędzie: {redelivered}.'),
  stored: tx('Stored: {messages} bounce messages, {recipients} bounced recipients, {suppressed} addresses on the suppression list.',
    'Zapisano: wiadomości zwrotnych {messages}, odbiorców ze zwrotem {recipients}, adresów na liście blokad wysyłki {suppressed}.'),
  behind: tx('The workers are behind: start more of them (mailmedic worker bounces …) or check that they are running.',
    'Pracownicy nie nadążają: uruchom ich więcej (mailmedic worker bounces …) albo sprawdź, czy działają.'),
};

/** `mailmedic worker bounces --status` as a Report: backlog (warn over `behindAt`) and stored rows. */
export async function bounceWorkerStatus(o: { nats: NatsOptions; db?: string; behindAt?: number }): Promise<Report> {
  const b = await bounceBacklog(o.nats);
  const findings: Finding[] = [];
  const behind = b.pending > (o.behindAt ?? 10_000);
  findings.push({ check: 'stream.bounces.backlog', status: behind ? 'warn' : 'ok', subject: STREAM.bounce, summary: fill(T.backlog, { ...b }),
    ...(behind ? { advice: [T.behind] } : {}), data: { ...b } });
  if (o.db) {
    const pool = openStore(o.db, 1);
    try {
      const c = await storeCounts(pool);
      findings.push({ check: 'stream.bounces.stored', status: 'info', subject: 'PostgreSQL', summary: fill(T.stored, { ...c }), data: { ...c } });
    } finally { await pool.end(); }
  }
  return makeReport('worker', STREAM.bounce, findings, { data: { backlog: b } });
}
