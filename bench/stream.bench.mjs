#!/usr/bin/env node
// Issue 20: what one bounce worker and two workers do, side by side in one run, against real NATS JetStream and
// PostgreSQL on loopback (throw-away servers, as the tests start them). Input: the real-MTA bounce fixtures, each
// shipped many times with one added header line so every copy is a distinct message (real-shaped, not one file).
// Prints messages per second for 1 and 2 workers (each a separate process, as in production), the ratio, and the
// ratio of one worker to the in-process `bounce` reader on the same messages (the engine's overhead).
// Logs: a real-shaped Postfix log (scripts/gen-postfix-log.mjs --shape real: postscreen, amavis, RFC 3339 stamps)
// shipped with shipLogs (500 lines a message), then one `worker logs --drain` process: lines per second end to end
// against the in-process `logs summary` (summarizeLogs) on the same file.
//   node bench/stream.bench.mjs [messages] [log size]   (default 3000, 20M)
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const { startStreamEnv, STREAM_SKIP } = await import(join(ROOT, 'dist/test/helpers/stream-env.js'));
const stream = await import(join(ROOT, 'dist/src/stream/index.js'));
if (STREAM_SKIP) { console.log(`skipped: ${STREAM_SKIP}`); process.exit(0); }
const N = Number(process.argv[2] ?? 3000);
const LOG_SIZE = process.argv[3] ?? '20M';
const logs = await import(join(ROOT, 'dist/src/logs/index.js'));
const { parseBounce } = await import(join(ROOT, 'dist/src/bounce/parse.js'));
const { execFileSync } = await import('node:child_process');
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
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

// The in-process bounce reader on the same N messages (best of three passes).
let inproc = 0;
for (let pass = 0; pass < 3; pass++) {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) parseBounce(Buffer.concat([Buffer.from(`X-Bench-Copy: ${i}\r\n`), files[i % files.length]]));
  inproc = Math.max(inproc, N / ((performance.now() - t0) / 1000));
}
console.log(`in-process bounce reader: ${inproc.toFixed(0)} messages/s; 1 worker end to end / in-process: ${(best1 / inproc).toFixed(2)}× (${(inproc / best1).toFixed(1)}× slower)`);

// Logs.
const dir = mkdtempSync(join(tmpdir(), 'mm-bench-logs-'));
const logFile = join(dir, 'maillog');
execFileSync(process.execPath, [join(ROOT, 'scripts/gen-postfix-log.mjs'), '--shape', 'real', '--size', LOG_SIZE, '--seed', '42', '--out', logFile]);
const totalLines = readFileSync(logFile, 'utf8').split('\n').filter(Boolean).length;
async function logRound() {
  const env = await startStreamEnv();
  try {
    const nats = { servers: env.natsUrl };
    const ac = new AbortController();
    const t0 = performance.now();
    let shipped = 0;
    const ship = stream.shipLogs({ nats, files: [logFile], host: 'bench', fromStart: true, pollMs: 20, signal: ac.signal, onBatch: (b) => { shipped += b.lines; } });
    while (shipped < totalLines) await new Promise((r) => setTimeout(r, 20));
    const shipS = (performance.now() - t0) / 1000;
    ac.abort();
    await ship;
    const pool = stream.openStore(env.dbUrl, 1);
    await stream.migrate(pool);
    const t1 = performance.now();
    const proc = spawn(process.execPath, [CLI, 'worker', 'logs', '--nats', env.natsUrl, '--db', env.dbUrl, '--drain'], { stdio: 'ignore' });
    for (;;) {
      const { rows } = await pool.query("SELECT coalesce(sum(lines), 0) AS n FROM mailmedic_log_checkpoint");
      if (Number(rows[0].n) >= totalLines) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const s = (performance.now() - t1) / 1000;
    await new Promise((r) => (proc.exitCode !== null ? r() : proc.once('exit', r)));
    const { rows } = await pool.query('SELECT sum(received) AS r, sum(delivered) AS d FROM mailmedic_log_hour');
    await pool.end();
    return { rate: totalLines / s, shipRate: totalLines / shipS, received: Number(rows[0].r), delivered: Number(rows[0].d) };
  } finally {
    await env.stop();
  }
}
async function summaryRate(fullPath = false) {
  const t0 = performance.now();
  const d = await logs.summarizeLogs({ inputs: [logFile] }, 10, { fullPath });
  return { rate: d.lines / ((performance.now() - t0) / 1000), received: d.counts.received, delivered: d.counts.delivered };
}
const sumA = await summaryRate();
const w1 = await logRound();
const sumB = await summaryRate();
const w2 = await logRound();
// The worker sends every line through the parser (as logs follow does); logs summary's default path counts the
// common Postfix lines straight from the read buffer. Its full-parser path, for the same work without the engine:
const fullA = await summaryRate(true), fullB = await summaryRate(true);
const bestSum = Math.max(sumA.rate, sumB.rate), bestW = Math.max(w1.rate, w2.rate), bestFull = Math.max(fullA.rate, fullB.rate);
console.log(`log: ${totalLines} lines (gen-postfix-log --shape real --size ${LOG_SIZE})`);
console.log(`in-process logs summary: ${sumA.rate.toFixed(0)} and ${sumB.rate.toFixed(0)} lines/s (received ${sumA.received}, delivered ${sumA.delivered})`);
console.log(`ship logs: ${w1.shipRate.toFixed(0)} and ${w2.shipRate.toFixed(0)} lines/s into NATS`);
console.log(`1 log worker end to end: ${w1.rate.toFixed(0)} and ${w2.rate.toFixed(0)} lines/s (stored received ${w1.received}, delivered ${w1.delivered})`);
console.log(`in-process logs summary, every line through the parser: ${fullA.rate.toFixed(0)} and ${fullB.rate.toFixed(0)} lines/s`);
console.log(`ratio 1 log worker / in-process logs summary (best of two each): ${(bestW / bestSum).toFixed(3)}× (${(bestSum / bestW).toFixed(1)}× slower); against the full-parser path: ${(bestW / bestFull).toFixed(3)}× (${(bestFull / bestW).toFixed(1)}× slower)`);
rmSync(dir, { recursive: true, force: true });
