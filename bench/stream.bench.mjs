#!/usr/bin/env node
// Issue 20: what one bounce worker and two workers do, side by side in one run, against real NATS JetStream and
// PostgreSQL on loopback (throw-away servers, as the tests start them). Input: the real-MTA bounce fixtures, each
// shipped many times with one added header line so every copy is a distinct message (real-shaped, not one file).
// Prints messages per second for 1 and 2 workers (each a separate process, as in production) and the ratio.
//   node bench/stream.bench.mjs [messages]   (default 3000)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const { startStreamEnv, STREAM_SKIP } = await import(join(ROOT, 'dist/test/helpers/stream-env.js'));
const stream = await import(join(ROOT, 'dist/src/stream/index.js'));
if (STREAM_SKIP) { console.log(`skipped: ${STREAM_SKIP}`); process.exit(0); }
const N = Number(process.argv[2] ?? 3000);
const emls = (d) => readdirSync(d).flatMap((n) => { const p = join(d, n); return statSync(p).isDirectory() ? emls(p) : n.endsWith('.eml') ? [p] : []; });
const files = emls(join(ROOT, 'test/bounce/fixtures/real-mta')).sort().map((f) => readFileSync(f));
const CLI = join(ROOT, 'bin/mailmedic.js');

async function round(workers) {
  const env = await startStreamEnv();
  try {
    const nats = { servers: env.natsUrl };
    const nc = await stream.connectNats(nats);
    const jsm = await nc.jetstreamManager();
    await stream.ensureStream(jsm);
    const js = nc.jetstream();
    for (let i = 0; i < N; i++) {
      const raw = Buffer.concat([Buffer.from(`X-Bench-Copy: ${i}\r\n`), files[i % files.length]]);
      await js.publish('mailmedic.bounce', raw, { msgID: stream.messageId(raw) });
    }
    await nc.close();
    const pool = stream.openStore(env.dbUrl, 1);
    await stream.migrate(pool);
    const t0 = performance.now();
    const procs = Array.from({ length: workers }, () => spawn(process.execPath, [CLI, 'worker', 'bounces', '--nats', env.natsUrl, '--db', env.dbUrl, '--drain'], { stdio: 'ignore' }));
    // Done when every message is stored (the workers then idle 3 s before leaving: not counted).
    for (;;) {
      const c = await stream.storeCounts(pool);
      if (c.messages >= N) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const s = (performance.now() - t0) / 1000;
    await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r() : p.once('exit', r)))));
    const c = await stream.storeCounts(pool);
    await pool.end();
    return { s, rate: N / s, recipients: c.recipients };
  } finally {
    await env.stop();
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; ${N} bounces (${files.length} real-MTA fixtures, each copy distinct)`);
const one = await round(1);
const two = await round(2);
const one2 = await round(1);
const two2 = await round(2);
const best1 = Math.max(one.rate, one2.rate), best2 = Math.max(two.rate, two2.rate);
console.log(`1 worker : ${one.rate.toFixed(0)} and ${one2.rate.toFixed(0)} messages/s (${one.recipients} recipient rows)`);
console.log(`2 workers: ${two.rate.toFixed(0)} and ${two2.rate.toFixed(0)} messages/s`);
console.log(`ratio 2 workers / 1 worker (best of two rounds each): ${(best2 / best1).toFixed(2)}×`);
