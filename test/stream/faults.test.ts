// Issue 20, the faults the bounce workers must survive, against real servers (Debian's nats-server, a throw-away
// PostgreSQL): messages that cannot be read go to the dead letters with the reason and the stream moves on; a
// message PostgreSQL refuses on every delivery goes there too on its last one (the refusal is a real trigger in the
// real database: fault injection on top of the real parts); PostgreSQL stopped for 10 s in the middle of a run —
// the worker backs off, catches up, and stores exactly what a run without the fault stores.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseBounce } from '../../src/bounce/parse.js';
import { backoffDelay, bounceBacklog, connectNats, DEAD, messageId, migrate, openStore, readDeadLetters, runBounceWorker, shipBounce, storeCounts } from '../../src/stream/index.js';
import { CLI, PROJECT_ROOT } from '../helpers/env.js';
import { baseEnv } from '../cli/usage-cases.js';
import { startStreamEnv, STREAM_SKIP, type StreamEnv } from '../helpers/stream-env.js';

const skip = STREAM_SKIP ?? false;
let env: StreamEnv;
before(async () => {
  if (skip) return;
  // Short redelivery wait and three deliveries at most, so the last-delivery path is reached within the test.
  env = await startStreamEnv({ bounceConsumer: { ackWaitMs: 2000, maxDeliver: 3 } });
}, { timeout: 60_000 });
after(async () => { await env?.stop(); });

function emls(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => { const p = join(dir, n); return statSync(p).isDirectory() ? emls(p) : n.endsWith('.eml') ? [p] : []; }).sort();
}
const FILES = emls(join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'real-mta'));
const expectedRecipients = (files: string[]) => files.map((f) => parseBounce(readFileSync(f))).reduce((n, r) => n + Math.min(1000, new Set(r.recipients.map((x) => x.recipient)).size), 0);

test('backoff: exponential, bounded by the cap, jittered, never zero', () => {
  assert.equal(backoffDelay(0, { random: () => 1 }), 250);
  assert.equal(backoffDelay(3, { random: () => 1 }), 2000);
  assert.equal(backoffDelay(40, { random: () => 1 }), 15_000);
  assert.equal(backoffDelay(40, { random: () => 0 }), 1500);
  const seen = new Set(Array.from({ length: 20 }, () => backoffDelay(5)));
  assert.ok(seen.size > 10, 'waits differ from worker to worker');
});

test('dead letters: empty, unreadable, too large and refused-on-every-delivery messages go there with the reason; the good ones are stored', { skip, timeout: 120_000 }, async () => {
  const nc = await connectNats({ servers: env.natsUrl });
  const js = nc.jetstream();
  const pool = openStore(env.dbUrl);
  try {
    await migrate(pool);
    // A real refusal by the real database: a trigger that rejects one subject.
    await pool.query(`CREATE OR REPLACE FUNCTION mm_test_refuse() RETURNS trigger AS $$
      BEGIN IF NEW.subject = 'refuse me' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER mm_test_refuse BEFORE INSERT ON mailmedic_bounce_message FOR EACH ROW EXECUTE FUNCTION mm_test_refuse();`);
    const good = FILES.slice(0, 12);
    const bad: [string, Uint8Array][] = [
      ['empty', new Uint8Array(0)],
      ['garbage', Buffer.from('\u0000\u0001 this is not a message at all \u00ff'.repeat(20), 'latin1')],
      ['large', Buffer.concat([Buffer.from('Subject: big\r\n\r\n'), Buffer.alloc(300_000, 'x')])],
      ['refused', Buffer.from('From: a@example.test\r\nSubject: refuse me\r\n\r\nhello\r\n')],
    ];
    // Bad ones first and between the good ones: the stream must move past them.
    await js.publish('mailmedic.bounce', bad[0]![1], { msgID: 'bad-empty' });
    for (const f of good.slice(0, 6)) await shipBounce(readFileSync(f), { servers: env.natsUrl });
    for (const [name, raw] of bad.slice(1)) await js.publish('mailmedic.bounce', raw, { msgID: `bad-${name}` });
    for (const f of good.slice(6)) await shipBounce(readFileSync(f), { servers: env.natsUrl });

    const sum = await runBounceWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, batch: 5, maxBytes: 200_000, retryDelayMs: 100, idleExitMs: 4000, pullWaitMs: 500 });
    assert.equal(sum.dead, 4, JSON.stringify(sum));
    const dead = await readDeadLetters(js);
    assert.equal(dead.length, 4);
    assert.ok(dead.every((d) => d.subject === DEAD.bounce && d.originalSubject === 'mailmedic.bounce' && d.originalSeq > 0));
    const reasons = dead.map((d) => d.reason).sort();
    assert.match(reasons.find((r) => r.startsWith('empty')) ?? '', /^empty message$/);
    assert.match(reasons.find((r) => r.startsWith('unreadable')) ?? '', /no message headers/);
    assert.match(reasons.find((r) => r.startsWith('larger')) ?? '', /larger than 200000 bytes \(300016\)/);
    assert.match(reasons.find((r) => r.startsWith('PostgreSQL')) ?? '', /refused it 3 times: refused for the test/);
    assert.equal(dead.find((d) => d.reason.startsWith('larger'))?.bytes, 300_016, 'the original payload is kept');
    // Every good message stored, once; nothing left waiting.
    assert.equal((await storeCounts(pool)).messages, new Set(good.map((f) => messageId(readFileSync(f)))).size);
    assert.equal((await storeCounts(pool)).recipients, expectedRecipients(good));
    assert.equal((await bounceBacklog({ servers: env.natsUrl })).pending, 0);
    await pool.query('DROP TRIGGER mm_test_refuse ON mailmedic_bounce_message');
  } finally {
    await pool.end();
    await nc.close();
  }
});

test('PostgreSQL stopped for 10 s mid-run: the worker backs off, catches up, and the rows equal a run without the fault', { skip, timeout: 120_000 }, async () => {
  const pool0 = openStore(env.dbUrl, 1);
  const before = await storeCounts(pool0);
  await pool0.end();
  const files = FILES.slice(20, 80);
  for (const f of files) await shipBounce(readFileSync(f), { servers: env.natsUrl });
  const unique = new Set(files.map((f) => messageId(readFileSync(f))));
  const waits: number[] = [];
  let stopped = false, restarted: Promise<void> | undefined;
  const sum = await runBounceWorker({
    nats: { servers: env.natsUrl }, db: env.dbUrl, batch: 5, idleExitMs: 3000, pullWaitMs: 500, backoff: { baseMs: 200, capMs: 3000 },
    onBatch: () => {
      if (stopped) return;
      stopped = true;
      env.stopPg();
      restarted = new Promise((r) => setTimeout(() => { env.startPg(); r(); }, 10_000));
    },
    onRetry: (r) => waits.push(r.waitMs),
  });
  await restarted;
  assert.ok(stopped, 'PostgreSQL was stopped after the first batch');
  assert.ok(waits.length >= 3, `the worker waited and tried again (${waits.length} waits: ${waits.join(', ')} ms)`);
  assert.ok(waits.every((w) => w <= 3000), 'no wait over the cap');
  assert.equal(sum.dead, 0);
  assert.equal(sum.failedBatches, 0, 'the batch in hand was kept, not given back');
  const pool = openStore(env.dbUrl);
  try {
    const after = await storeCounts(pool);
    assert.equal(after.messages - before.messages, unique.size);
    // What a run without faults stores: the bounce reader's recipients of the same files.
    assert.equal(after.recipients - before.recipients, expectedRecipients(files));
    const { rows } = await pool.query('SELECT count(*) AS n FROM mailmedic_bounce_message WHERE message_id = ANY($1)', [[...unique]]);
    assert.equal(Number(rows[0].n), unique.size);
  } finally { await pool.end(); }
});

test('worker bounces --max-size (CLI): a bounce over the size goes to the dead letters unread, the others are stored', { skip, timeout: 60_000 }, async () => {
  const bySize = FILES.map((f) => ({ f, n: statSync(f).size })).sort((a, b) => a.n - b.n);
  const limit = 8 * 1024;
  const small = bySize.filter((x) => x.n < limit - 1024).slice(0, 2), big = bySize.filter((x) => x.n > limit + 1024).slice(-1);
  assert.ok(small.length === 2 && big.length === 1, 'fixtures on both sides of the limit');
  const nc = await connectNats({ servers: env.natsUrl });
  const pool = openStore(env.dbUrl, 1);
  try {
    const before = await storeCounts(pool);
    // A new line at the end makes each a message the stream has not seen (its id is its hash).
    for (const { f } of [...small, ...big]) await shipBounce(Buffer.concat([readFileSync(f), Buffer.from('\n')]), { servers: env.natsUrl });
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      execFile(process.execPath, [CLI, 'worker', 'bounces', '--nats', env.natsUrl, '--db', env.dbUrl, '--max-size', '8k', '--drain'], { env: baseEnv(), timeout: 45_000 },
        (err, _out, stderr) => resolve({ code: err ? Number(err.code) : 0, stderr }));
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /1 to the dead letters/);
    const dead = (await readDeadLetters(nc.jetstream())).filter((d) => d.reason.startsWith(`larger than ${limit} bytes`));
    assert.equal(dead.length, 1);
    assert.equal(dead[0]!.bytes, big[0]!.n + 1, 'the whole original is kept in the dead letter');
    assert.equal((await storeCounts(pool)).messages - before.messages, 2);
  } finally {
    await pool.end();
    await nc.close();
  }
});

test('metrics text: label values escaped, summaries shown from the start, unknown metrics refused', async () => {
  const { MetricSet } = await import('../../src/stream/index.js');
  const m = new MetricSet({ t_total: { type: 'counter', help: 'a test' }, t_seconds: { type: 'summary', help: 'a summary' } });
  m.add('t_total', 2, { host: 'a"b\\c\nd' });
  const text = m.text({ t_gauge: 5 });
  assert.match(text, /^t_total\{host="a\\"b\\\\c\\nd"\} 2$/m);
  assert.match(text, /^t_seconds_count 0$/m);
  assert.match(text, /^t_gauge 5$/m);
  assert.throws(() => m.add('nope'), /unknown metric nope/);
});
