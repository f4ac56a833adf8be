// A results database filled the way production fills it: real bounces (the real-MTA run's Postfix and Exim DSNs)
// shipped to NATS and stored by a bounce worker, and two real Postfix logs shipped by `ship logs` and counted by a
// log worker. Shared by the results API test and the browser test; nothing here writes a row itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectNats, ensureBounceConsumer, ensureStream, runBounceWorker, runLogWorker, shipBounce, shipLogs } from '../../src/stream/index.js';
import { PROJECT_ROOT } from '../helpers/env.js';
import type { StreamEnv } from '../helpers/stream-env.js';

const REAL_MTA = join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'real-mta');
/** The logs shipped, by the host name they are shipped as. */
export const SHIPPED_LOGS = {
  mx1: join(REAL_MTA, 'logs', 'postfix-maillog'),
  mx2: join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', 'maillog'),
} as const;

const lineCount = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l, i, a) => i < a.length - 1 || l).length;

/** Ship and store everything; resolves when the workers have drained the stream. */
export async function fillStreamDb(env: StreamEnv): Promise<void> {
  const nats = { servers: env.natsUrl };
  const nc = await connectNats(nats);
  const jsm = await nc.jetstreamManager();
  await ensureStream(jsm);
  await ensureBounceConsumer(jsm, { ackWaitMs: 2000 });
  await nc.close();
  for (const mta of ['postfix', 'exim']) {
    const dir = join(REAL_MTA, mta);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.eml')).sort()) await shipBounce(readFileSync(join(dir, f)), nats);
  }
  await runBounceWorker({ nats, db: env.dbUrl, idleExitMs: 1000, pullWaitMs: 500 });
  await Promise.all(Object.entries(SHIPPED_LOGS).map(async ([host, file]) => {
    const want = lineCount(file);
    const ac = new AbortController();
    const timer = setTimeout(() => ac.abort(), 60_000);
    let shipped = 0;
    // `ship logs` follows the file until stopped: stopped once every line of it is acknowledged.
    const sum = await shipLogs({ nats, files: [file], host, fromStart: true, pollMs: 50, signal: ac.signal, onBatch: (b) => { shipped += b.lines; if (shipped >= want) ac.abort(); } });
    clearTimeout(timer);
    if (sum.lines !== want) throw new Error(`${host}: ${sum.lines} of ${want} lines shipped`);
  }));
  await runLogWorker({ nats, db: env.dbUrl, idleExitMs: 1500, rebalanceMs: 300 });
}
