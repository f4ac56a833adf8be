/** How far behind the workers are: the shared consumer's backlog and what the database holds, as findings. */
import type { Finding, Report } from '../core/finding.js';
import { makeReport } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { AckPolicy, DeliverPolicy, nanos } from 'nats';
import { logHosts } from './logs-worker.js';
import { BOUNCE_CONSUMER, connectNats, ensureStream, STREAM, type NatsOptions } from './nats.js';
import { migrate, openStore, storeCounts } from './store.js';

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

/** One host's place in the log stream: messages it has there, the checkpoint, and how many wait after it. */
export interface HostLag { host: string; messages: number; pending: number; checkpointSeq: number; lines: number; lastAt: string | null }

/**
 * Each host's lag: the messages of its subject after the checkpoint a log worker stored (all of them when no worker
 * has counted any yet), found with a short-lived consumer that starts after the checkpoint and is removed at once.
 */
export async function logLag(o: { nats: NatsOptions; db?: string }): Promise<HostLag[]> {
  const nc = await connectNats(o.nats);
  const pool = o.db ? openStore(o.db, 1) : undefined;
  try {
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm);
    const hosts = await logHosts(nc);
    const cps = new Map<string, { seq: number; lines: number; at: Date | null }>();
    if (pool) {
      await migrate(pool);
      const { rows } = await pool.query<{ host: string; stream_seq: string; lines: string; stream_time: Date | null }>('SELECT host, stream_seq, lines, stream_time FROM mailmedic_log_checkpoint');
      for (const r of rows) cps.set(r.host, { seq: Number(r.stream_seq), lines: Number(r.lines), at: r.stream_time });
    }
    const out: HostLag[] = [];
    for (const host of [...new Set([...hosts.keys(), ...cps.keys()])].sort()) {
      const cp = cps.get(host);
      const messages = hosts.get(host) ?? 0;
      let pending = messages;
      if (cp && cp.seq > 0 && messages > 0) {
        const c = await jsm.consumers.add(STREAM.name, {
          filter_subject: STREAM.logPrefix + host, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: cp.seq + 1,
          ack_policy: AckPolicy.None, inactive_threshold: nanos(10_000),
        });
        pending = c.num_pending;
        await jsm.consumers.delete(STREAM.name, c.name).catch(() => undefined);
      }
      out.push({ host, messages, pending, checkpointSeq: cp?.seq ?? 0, lines: cp?.lines ?? 0, lastAt: cp?.at ? cp.at.toISOString() : null });
    }
    return out;
  } finally {
    await pool?.end();
    await nc.close();
  }
}

const TL = {
  host: tx('{host}: {pending} messages of log lines waiting after the checkpoint ({lines} lines counted, last stored {at}).',
    '{host}: paczek wierszy czekających za punktem kontrolnym: {pending} (policzonych wierszy: {lines}, ostatni zapis {at}).'),
  never: tx('never', 'nigdy'),
  behind: tx('The log workers are behind on this host: start more of them (mailmedic worker logs …) or check that they are running.',
    'Pracownicy dzienników nie nadążają z tym hostem: uruchom ich więcej (mailmedic worker logs …) albo sprawdź, czy działają.'),
  none: tx('No host has shipped log lines yet (mailmedic ship logs …).', 'Żaden host nie wysłał jeszcze wierszy dziennika (mailmedic ship logs …).'),
};

/** `mailmedic worker logs --status` as a Report: per host, the lag after its checkpoint (warn over `behindAt` messages). */
export async function logWorkerStatus(o: { nats: NatsOptions; db?: string; behindAt?: number }): Promise<Report> {
  const lag = await logLag(o);
  const findings: Finding[] = lag.map((h) => {
    const behind = h.pending > (o.behindAt ?? 100);
    return { check: 'stream.logs.lag', status: behind ? 'warn' : 'ok', subject: h.host,
      summary: fill(TL.host, { host: h.host, pending: h.pending, lines: h.lines, at: h.lastAt ?? TL.never }), ...(behind ? { advice: [TL.behind] } : {}), data: { ...h } } satisfies Finding;
  });
  if (!findings.length) findings.push({ check: 'stream.logs.lag', status: 'info', subject: STREAM.logPrefix + '>', summary: TL.none });
  return makeReport('worker logs', STREAM.logPrefix + '>', findings, {
    tables: [{ id: 'hosts', title: tx('Log lag per host', 'Opóźnienie dzienników według hosta'),
      columns: [tx('Host', 'Host'), tx('Messages', 'Wiadomości'), tx('Waiting', 'Czeka'), tx('Checkpoint', 'Punkt kontrolny'), tx('Lines counted', 'Policzone wiersze'), tx('Last stored', 'Ostatni zapis')],
      rows: lag.map((h) => [h.host, String(h.messages), String(h.pending), String(h.checkpointSeq), String(h.lines), h.lastAt ?? '']) }],
    data: { hosts: lag },
  });
}
