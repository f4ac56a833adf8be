// Issue 20 against real servers: NATS JetStream (Debian's nats-server) and PostgreSQL (a throw-away cluster), both on
// loopback. Real bounces (the real-MTA fixtures) are shipped through the CLI as a Postfix pipe would, read by two
// workers at once, stored once each; a worker killed in the middle and NATS restarted lose nothing and store nothing
// twice; the suppression list, the status and the metrics read what was stored.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { parseBounce } from '../../src/bounce/parse.js';
import { bounceBacklog, messageId, migrate, openStore, runBounceWorker, shipBounce, storeBounces, storeCounts, suppressionList, WorkerMetrics } from '../../src/stream/index.js';
import { CLI, PROJECT_ROOT } from '../helpers/env.js';
import { baseEnv } from '../cli/usage-cases.js';
import { startStreamEnv, STREAM_SKIP, type StreamEnv } from '../helpers/stream-env.js';

const skip = STREAM_SKIP ?? false;
let env: StreamEnv;
before(async () => {
  if (skip) return;
  // The consumer every worker shares, made here with a short redelivery wait (production: 60 s), so a killed
  // worker's batch comes back within the test.
  env = await startStreamEnv({ bounceConsumer: { ackWaitMs: 2000 } });
}, { timeout: 60_000 });
after(async () => { await env?.stop(); });

function emls(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? emls(p) : n.endsWith('.eml') ? [p] : []; }).sort();
}
const FILES = emls(join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'real-mta'));

type Out = { code: number; stdout: string; stderr: string };
function cli(args: string[], input?: Buffer, extraEnv: Record<string, string> = {}): Promise<Out> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: { ...baseEnv(), ...extraEnv }, timeout: 60_000, maxBuffer: 32 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
    child.stdin!.end(input ?? '');
  });
}

test('ship → two workers → PostgreSQL: every real bounce stored once, shipping twice is harmless, results as the bounce reader says', { skip, timeout: 180_000 }, async () => {
  const files = FILES.slice(0, 60);
  // As a Postfix pipe transport would: the message on standard input, exit 0 once NATS has it.
  for (const f of files.slice(0, 10)) {
    const r = await cli(['ship', 'bounce', '--nats', env.natsUrl], readFileSync(f));
    assert.equal(r.code, 0, r.stderr);
  }
  for (const f of files.slice(10)) await shipBounce(readFileSync(f), { servers: env.natsUrl });
  // The same message again (a retried pipe) is one message in the stream.
  const again = await shipBounce(readFileSync(files[0]!), { servers: env.natsUrl });
  assert.equal(again.duplicate, true);
  const unique = new Set(files.map((f) => messageId(readFileSync(f)))).size;
  assert.equal((await bounceBacklog({ servers: env.natsUrl })).pending, unique);

  // Two workers share the durable consumer; each stops when the stream stays empty.
  const [a, b] = await Promise.all([0, 1].map(() => runBounceWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, batch: 7, idleExitMs: 1500, pullWaitMs: 500 })));
  assert.equal(a!.messages + b!.messages, unique, 'every message read once between them');
  assert.ok(a!.messages > 0 && b!.messages > 0, `both workers took a share (${a!.messages} / ${b!.messages})`);
  const pool = openStore(env.dbUrl);
  try {
    const counts = await storeCounts(pool);
    assert.equal(counts.messages, unique);
    // The rows say what the bounce reader says about the same files.
    const expected = files.map((f) => parseBounce(readFileSync(f))).reduce((n, r) => n + Math.min(1000, new Set(r.recipients.map((x) => x.recipient)).size), 0);
    assert.equal(counts.recipients, expected);
    const one = parseBounce(readFileSync(files[3]!));
    const { rows } = await pool.query('SELECT recipient, reason, hard FROM mailmedic_bounce_recipient WHERE message_id = $1 ORDER BY recipient', [messageId(readFileSync(files[3]!))]);
    assert.deepEqual(rows.map((r) => [r.recipient, r.reason, r.hard]), [...one.recipients].sort((x, y) => (x.recipient < y.recipient ? -1 : 1)).map((x) => [x.recipient, x.reason, x.hardBounce]));
    assert.equal((await bounceBacklog({ servers: env.natsUrl })).pending, 0);
  } finally { await pool.end(); }
});

test('at-least-once made exactly-once in effect: a batch stored twice, a worker killed mid-run, NATS restarted', { skip, timeout: 180_000 }, async () => {
  const pool = openStore(env.dbUrl);
  try {
    await migrate(pool);
    const before = await storeCounts(pool);
    // A redelivered batch: the second store adds nothing.
    const raw = readFileSync(FILES[0]!);
    const batch = [{ id: messageId(raw), size: raw.length, truncated: false, result: parseBounce(raw) }];
    const twice = await storeBounces(pool, batch);
    assert.equal(twice.stored, 0, 'already stored by the first test');
    assert.equal(twice.duplicates, 1);

    // Ship 60 more, start a worker process, kill it hard after its first batches, then drain with another.
    const files = FILES.slice(60, 120);
    for (const f of files) await shipBounce(readFileSync(f), { servers: env.natsUrl });
    const unique = new Set(files.map((f) => messageId(readFileSync(f)))).size;
    const child = spawn(process.execPath, [CLI, 'worker', 'bounces', '--nats', env.natsUrl, '--db', env.dbUrl, '--batch', '5', '--verbose'], { env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    await new Promise<void>((resolve) => child.stderr!.on('data', (d: Buffer) => { err += d; if ((err.match(/\(\d+ ms\)/g) ?? []).length >= 2) resolve(); }));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // NATS goes away and comes back (its store is on disk): nothing is lost.
    await env.stopNats();
    await env.startNats();
    // Longer than the redelivery wait: the killed worker's unacknowledged batch comes back and is stored.
    await runBounceWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, idleExitMs: 4000, pullWaitMs: 500 });
    const ids = [...new Set(files.map((f) => messageId(readFileSync(f))))];
    const { rows: present } = await pool.query('SELECT count(*) AS n FROM mailmedic_bounce_message WHERE message_id = ANY($1)', [ids]);
    assert.equal(Number(present[0].n), unique, 'every shipped message is stored');
    assert.ok((await storeCounts(pool)).messages >= before.messages);
    const { rows } = await pool.query('SELECT count(*) AS n FROM (SELECT message_id, recipient FROM mailmedic_bounce_recipient GROUP BY 1, 2 HAVING count(*) > 1) d');
    assert.equal(Number(rows[0].n), 0, 'no duplicate rows');
  } finally { await pool.end(); }
});

test('SIGTERM: the worker finishes its batch and exits 0; status, metrics and the suppression list read the store, in both languages', { skip, timeout: 120_000 }, async () => {
  const child = spawn(process.execPath, [CLI, 'worker', 'bounces', '--nats', env.natsUrl, '--db', env.dbUrl, '--metrics', '127.0.0.1:0'], { env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d; });
  await new Promise((r) => setTimeout(r, 1500));
  child.kill('SIGTERM');
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  assert.equal(code, 0, err);
  assert.match(err, /stopped: \d+ messages read/);

  const status = await cli(['worker', 'bounces', '--status', '--nats', env.natsUrl, '--db', env.dbUrl, '--json']);
  const rep = JSON.parse(status.stdout) as { findings: { check: string; data: Record<string, number> }[] };
  assert.equal(rep.findings.find((f) => f.check === 'stream.bounces.backlog')?.data.pending, 0);
  assert.ok((rep.findings.find((f) => f.check === 'stream.bounces.stored')?.data.messages ?? 0) > 100);
  const pl = await cli(['worker', 'bounces', '--status', '--nats', env.natsUrl, '--db', env.dbUrl, '--lang', 'pl']);
  assert.match(pl.stdout, /Zwroty czekające na pracownika: 0/);

  const metrics = new WorkerMetrics();
  metrics.batch(5, { stored: 4, duplicates: 1, recipients: 6 }, 12);
  const server = await metrics.serve('127.0.0.1', 0, async () => ({ mailmedic_stream_bounces_pending: 3 }));
  try {
    const port = (server.address() as { port: number }).port;
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    assert.match(text, /mailmedic_worker_messages_total\{outcome="stored"\} 4/);
    assert.match(text, /mailmedic_stream_bounces_pending 3/);
  } finally { server.close(); }

  const pool = openStore(env.dbUrl);
  try {
    const list = await suppressionList(pool);
    const hard = await pool.query('SELECT count(DISTINCT lower(recipient)) AS n FROM mailmedic_bounce_recipient WHERE hard');
    assert.equal(list.length, Number(hard.rows[0].n));
    assert.ok(list.length > 0);
  } finally { await pool.end(); }
  const csv = await cli(['query', 'suppression', '--db', env.dbUrl, '--csv']);
  assert.equal(csv.code, 1, 'hard bounces found: a warning');
  assert.match(csv.stdout.split('\n')[0]!, /^Recipient,First seen,Last seen,Bounces,Last reason,Status/);
  const qpl = await cli(['query', 'suppression', '--db', env.dbUrl, '--lang', 'pl', '--since', '7d']);
  assert.match(qpl.stdout, /Adresów z twardymi zwrotami w ciągu ostatnich 7d: \d+/);
});

test('NATS unreachable: ship exits 75 so the mail system keeps the message; bad invocations are usage errors', { skip, timeout: 60_000 }, async () => {
  const r = await cli(['ship', 'bounce', '--nats', 'nats://127.0.0.1:9', '--timeout', '500ms', '--lang', 'pl'], Buffer.from('Subject: x\n\nbody\n'));
  assert.equal(r.code, 75);
  assert.match(r.stderr, /nie udało się przekazać wiadomości do NATS/);
  assert.equal((await cli(['ship', 'bounce', '--nats', env.natsUrl])).code, 64, 'empty standard input');
  assert.equal((await cli(['ship', 'logs'])).code, 64);
  assert.equal((await cli(['worker', 'bounces'])).code, 64, 'no --db');
  assert.equal((await cli(['query', 'suppression'])).code, 64, 'no --db');
});
