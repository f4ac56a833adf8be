// Issue 20, the log side, against real servers (Debian's nats-server, a throw-away PostgreSQL) and real Postfix
// logs (the real-MTA run's maillog, the content-filter run's maillog) plus a generated busy-server log: `ship logs`
// follows a file through rotation, stops cleanly on SIGTERM and resumes where it stopped; `worker logs` counts
// each host exactly as `logs summary` does, and a worker killed mid-run then restarted (two workers sharing the
// hosts) stores what a run without the fault stores; `worker logs --status` gives each host's lag; the `query`
// questions answer from what was stored, in every format and both languages; unusable log messages go to the
// dead letters.
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { summarizeLogs } from '../../src/logs/index.js';
import {
  connectNats, DEAD, HostLogState, LOG_HEADERS, openStore, readDeadLetters, runBounceWorker, runLogWorker, shipBounce, shipLogs, STREAM,
} from '../../src/stream/index.js';
import { CLI, PROJECT_ROOT } from '../helpers/env.js';
import { baseEnv } from '../cli/usage-cases.js';
import { startStreamEnv, STREAM_SKIP, type StreamEnv } from '../helpers/stream-env.js';

const skip = STREAM_SKIP ?? false;
const REAL1 = join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'real-mta', 'logs', 'postfix-maillog');
const REAL2 = join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', 'maillog');
const work = mkdtempSync(join(tmpdir(), 'mm-stream-logs-'));
const GEN = join(work, 'busy.log');
let env: StreamEnv;
before(async () => {
  if (skip) return;
  env = await startStreamEnv();
  // A busy server's log (deterministic for the seed): enough batches for a worker to be killed in the middle.
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'gen-postfix-log.mjs'), '--size', '1.5M', '--seed', '20', '--out', GEN]);
}, { timeout: 60_000 });
after(async () => { await env?.stop(); rmSync(work, { recursive: true, force: true }); });

type Out = { code: number; stdout: string; stderr: string };
function cli(args: string[]): Promise<Out> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { env: baseEnv(), timeout: 60_000, maxBuffer: 32 << 20 },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
    child.stdin!.end();
  });
}
const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));
async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) assert.fail(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every message of a host's subject, in stream order. */
async function hostMessages(host: string): Promise<{ seq: number; ms: number; body: string; headers: Record<string, string> }[]> {
  const nc = await connectNats({ servers: env.natsUrl });
  try {
    const c = await nc.jetstream().consumers.get(STREAM.name, { filterSubjects: STREAM.logPrefix + host, deliver_policy: 'by_start_sequence' as never, opt_start_seq: 1 });
    const out: { seq: number; ms: number; body: string; headers: Record<string, string> }[] = [];
    for (;;) {
      const it = await c.fetch({ max_messages: 500, expires: 1000 });
      let n = 0;
      for await (const m of it) {
        n++;
        out.push({ seq: m.seq, ms: Math.floor(m.info.timestampNanos / 1e6), body: Buffer.from(m.data).toString('utf8'),
          headers: Object.fromEntries(Object.values(LOG_HEADERS).map((h) => [h, m.headers?.get(h) ?? ''])) });
        if (m.info.pending === 0) return out;
      }
      if (!n) return out;
    }
  } finally { await nc.close(); }
}
/** Terminal output with its line wrapping undone. */
const flat = (s: string) => s.replace(/\s+/g, ' ');
const linesOf = (msgs: { body: string }[]) => msgs.flatMap((m) => m.body.split('\n').slice(0, -1));
const fileLines = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l, i, a) => i < a.length - 1 || l);

test('ship logs (CLI): batches with offsets, through a rotation, SIGTERM clean, a restart resumes where it stopped', { skip, timeout: 120_000 }, async () => {
  const all = fileLines(REAL1);
  const [a, b, c] = [all.slice(0, 400), all.slice(400, all.length - 10), all.slice(all.length - 10)];
  const log = join(work, 'mail.log');
  writeFileSync(log, a.join('\n') + '\n');
  const args = ['ship', 'logs', log, '--host', 'mx1.example.test', '--nats', env.natsUrl, '--poll-ms', '50', '--batch-lines', '100', '--verbose'];
  let child = spawn(process.execPath, [CLI, ...args, '--from-start'], { env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d; });
  await until('the first part shipped', async () => linesOf(await hostMessages('mx1_example_test')).length === a.length);
  // logrotate: the file is renamed, the MTA still writes a few lines to it, then a new file begins.
  renameSync(log, `${log}.1`);
  appendFileSync(`${log}.1`, b.slice(0, 5).join('\n') + '\n');
  writeFileSync(log, b.slice(5).join('\n') + '\n');
  await until('the rotated and the new file shipped', async () => linesOf(await hostMessages('mx1_example_test')).length === a.length + b.length);
  child.kill('SIGTERM');
  assert.equal(await exited(child), 0, err);
  assert.match(err, /following .*mail\.log as host mx1_example_test \(subject mailmedic\.log\.mx1_example_test\)/);
  assert.match(err, new RegExp(`stopped: ${a.length + b.length} lines in \\d+ batches`));

  // Started again without --from-start: it continues from the stream's last batch of the file, not from the end.
  appendFileSync(log, c.join('\n') + '\n');
  child = spawn(process.execPath, [CLI, ...args, '--lang', 'pl'], { env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d; });
  await until('the appended lines shipped', async () => linesOf(await hostMessages('mx1_example_test')).length === all.length);
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGTERM');
  assert.equal(await exited(child), 0, err);
  assert.match(err, /śledzę .* jako host mx1_example_test/);
  assert.match(err, /koniec: wierszy 10 w paczkach: 1/);
  const msgs = await hostMessages('mx1_example_test');
  assert.deepEqual(linesOf(msgs), all, 'every line once, in order');
  for (const m of msgs) {
    assert.equal(Number(m.headers[LOG_HEADERS.lines]), m.body.split('\n').length - 1);
    assert.equal(Number(m.headers[LOG_HEADERS.end]) - Number(m.headers[LOG_HEADERS.start]), Buffer.byteLength(m.body), 'the offsets span the batch');
    assert.match(m.headers[LOG_HEADERS.fileId]!, /^\d+:\d+$/);
  }
  assert.ok(msgs.every((m) => Number(m.headers[LOG_HEADERS.lines]) <= 100));
});

test('worker logs: per-host counts equal logs summary; a worker SIGKILLed mid-run, then two workers sharing the hosts, store what a fault-free run stores', { skip, timeout: 180_000 }, async () => {
  // mx1 was shipped by the test above; mx2 and busy now.
  const ac = new AbortController();
  const shipping = [shipLogs({ nats: { servers: env.natsUrl }, files: [REAL2], host: 'mx2', fromStart: true, pollMs: 50, signal: ac.signal }),
    shipLogs({ nats: { servers: env.natsUrl }, files: [GEN], host: 'busy', fromStart: true, batchLines: 200, pollMs: 50, signal: ac.signal })];
  const genLines = fileLines(GEN).length;
  await until('mx2 and busy shipped', async () => linesOf(await hostMessages('mx2')).length === fileLines(REAL2).length && linesOf(await hostMessages('busy')).length === genLines);
  ac.abort();
  await Promise.all(shipping);

  // A worker process killed hard after its third committed batch (one stream message per transaction).
  const victim = spawn(process.execPath, [CLI, 'worker', 'logs', '--nats', env.natsUrl, '--db', env.dbUrl, '--batch', '1', '--verbose'], { env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  await new Promise<void>((resolve) => victim.stderr!.on('data', (d: Buffer) => { err += d; if ((err.match(/\(\d+ ms\)/g) ?? []).length >= 3) resolve(); }));
  victim.kill('SIGKILL');
  await exited(victim);
  const pool = openStore(env.dbUrl);
  try {
    const { rows: part } = await pool.query('SELECT coalesce(sum(lines), 0) AS n FROM mailmedic_log_checkpoint');
    assert.ok(Number(part[0].n) > 0, 'the killed worker had committed some batches');
    // Two workers finish the job, sharing the hosts.
    const workers = [0, 1].map(() => spawn(process.execPath, [CLI, 'worker', 'logs', '--nats', env.natsUrl, '--db', env.dbUrl, '--drain'], { env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] }));
    const errs = ['', ''];
    workers.forEach((w, i) => w.stderr!.on('data', (d: Buffer) => { errs[i] += d; }));
    assert.deepEqual(await Promise.all(workers.map(exited)), [0, 0], errs.join('\n'));
    assert.ok(errs.every((e) => /took host/.test(e)), `both workers took hosts:\n${errs.join('\n')}`);

    // Per host: what logs summary counts in the same lines.
    for (const [host, file] of [['mx1_example_test', REAL1], ['mx2', REAL2], ['busy', GEN]] as const) {
      const d = await summarizeLogs({ inputs: [file] });
      const { rows } = await pool.query('SELECT sum(lines) AS lines, sum(received) AS received, sum(delivered) AS delivered, sum(deferred) AS deferred, sum(bounced) AS bounced, sum(rejected) AS rejected FROM mailmedic_log_hour WHERE host = $1', [host]);
      const got = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)]));
      assert.deepEqual(got, { lines: fileLines(file).filter(Boolean).length, received: d.counts.received, delivered: d.counts.delivered, deferred: d.counts.deferred,
        bounced: d.counts.bounced, rejected: d.counts.rejected }, host);
    }
    // A fault-free run of the same stream messages, in process: the same hours, problems and story rows, nothing twice.
    for (const host of ['mx1_example_test', 'mx2', 'busy']) {
      const state = new HostLogState();
      const hours = new Map<string, number[]>();
      let problems = 0, events = 0;
      for (const m of await hostMessages(host)) {
        const r = state.feed(m.body, m.seq, m.ms, true);
        for (const [h, v] of r.hours) { const k = new Date(h).toISOString(); const t = hours.get(k) ?? [0, 0, 0, 0, 0, 0]; v.forEach((x, i) => { t[i]! += x; }); hours.set(k, t); }
        problems += r.problems.length; events += r.events.length;
      }
      const { rows } = await pool.query('SELECT hour, lines, received, delivered, deferred, bounced, rejected FROM mailmedic_log_hour WHERE host = $1 ORDER BY hour', [host]);
      assert.deepEqual(new Map(rows.map((r) => [r.hour.toISOString(), [r.lines, r.received, r.delivered, r.deferred, r.bounced, r.rejected].map(Number)])), new Map([...hours].sort()), `${host}: hours`);
      const { rows: [c] } = await pool.query('SELECT (SELECT count(*) FROM mailmedic_log_problem WHERE host = $1) AS p, (SELECT count(*) FROM mailmedic_log_event WHERE host = $1) AS e', [host]);
      assert.equal(Number(c.p), problems, `${host}: problems`);
      assert.equal(Number(c.e), events, `${host}: story rows`);
    }
    assert.ok((await pool.query('SELECT 1 FROM mailmedic_log_problem')).rowCount! > 0, 'some problems were found to compare');

    // Status: nothing waits; the table and the Polish text.
    const st = JSON.parse((await cli(['worker', 'logs', '--status', '--nats', env.natsUrl, '--db', env.dbUrl, '--json'])).stdout) as { command: string; data: { hosts: { host: string; pending: number; lines: number }[] } };
    assert.equal(st.command, 'worker logs');
    assert.deepEqual(st.data.hosts.map((h) => [h.host, h.pending]), [['busy', 0], ['mx1_example_test', 0], ['mx2', 0]]);
    assert.equal(st.data.hosts.find((h) => h.host === 'busy')?.lines, genLines);
    const pl = await cli(['worker', 'logs', '--status', '--nats', env.natsUrl, '--db', env.dbUrl, '--lang', 'pl']);
    assert.match(flat(pl.stdout), new RegExp(`mx2: paczek wierszy czekających za punktem kontrolnym: 0 \\(policzonych\\s+wierszy:\\s+${fileLines(REAL2).length}\\b`));
  } finally { await pool.end(); }
});

test('worker logs --status shows the lag of a host no worker has read yet', { skip, timeout: 60_000 }, async () => {
  const nc = await connectNats({ servers: env.natsUrl });
  const js = nc.jetstream();
  for (let i = 0; i < 3; i++) await js.publish(`${STREAM.logPrefix}lagging`, Buffer.from(`Dec  5 10:00:0${i} lagging postfix/smtpd[1]: connect from x[192.0.2.${i}]\n`));
  await nc.close();
  const r = await cli(['worker', 'logs', '--status', '--nats', env.natsUrl, '--db', env.dbUrl, '--json']);
  const st = JSON.parse(r.stdout) as { findings: { subject: string; status: string }[]; data: { hosts: { host: string; pending: number }[] } };
  assert.equal(st.data.hosts.find((h) => h.host === 'lagging')?.pending, 3);
  const behind = await cli(['worker', 'logs', '--status', '--nats', env.natsUrl]);
  assert.match(flat(behind.stdout), /lagging: 3 messages of log lines waiting after the checkpoint/);
  // Read it, so the following tests see a quiet stream.
  await runLogWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, idleExitMs: 1500, rebalanceMs: 300 });
});

test('query hosts, problems, message, bounces: every format, both languages', { skip, timeout: 120_000 }, async () => {
  // Bounces too, for query bounces: the real Postfix DSNs through a bounce worker.
  const dsns = join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'real-mta', 'postfix');
  for (const f of readdirSync(dsns).filter((n) => n.endsWith('.eml'))) await shipBounce(readFileSync(join(dsns, f)), { servers: env.natsUrl });
  await runBounceWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, idleExitMs: 1000, pullWaitMs: 500 });
  const db = ['--db', env.dbUrl];

  const hosts = JSON.parse((await cli(['query', 'hosts', ...db, '--json'])).stdout) as { command: string; data: { rows: { host: string; received: number }[] } };
  assert.equal(hosts.command, 'query hosts');
  assert.deepEqual([...new Set(hosts.data.rows.map((r) => r.host))].sort(), ['busy', 'lagging', 'mx1_example_test', 'mx2']);
  const d1 = await summarizeLogs({ inputs: [REAL1] });
  assert.equal(hosts.data.rows.filter((r) => r.host === 'mx1_example_test').reduce((n, r) => n + r.received, 0), d1.counts.received);
  const day = await cli(['query', 'hosts', ...db, '--host', 'mx2', '--by', 'day', '--csv']);
  assert.match(day.stdout.split('\n')[0]!, /^Host,Day,Lines,Received,Delivered,Deferred,Bounced,Rejected/);
  assert.match(day.stdout, new RegExp(`^mx2,\\d{4}-\\d\\d-\\d\\dT00:00:00\\.000Z,${fileLines(REAL2).length},`, 'm'));
  assert.match(flat((await cli(['query', 'hosts', ...db, '--lang', 'pl'])).stdout), /Hostów: 4, wierszy dziennika: \d+; przyjęte: \d+, doręczone: \d+/);
  assert.match((await cli(['query', 'hosts', ...db, '--markdown'])).stdout, /\| Host \| Hour \| Lines \|/);
  assert.match((await cli(['query', 'hosts', ...db, '--html', '--lang', 'pl'])).stdout, /<th[^>]*>Godzina<\/th>/);
  assert.match(flat((await cli(['query', 'hosts', ...db, '--host', 'nowhere'])).stdout), /No log lines stored on nowhere/);

  const probs = await cli(['query', 'problems', ...db, '--host', 'mx2', '--json']);
  const pj = JSON.parse(probs.stdout) as { findings: { check: string; subject: string }[]; data: { rows: { host: string }[] } };
  assert.ok(pj.findings.some((f) => f.check === 'logs.auth.bruteforce' && f.subject.startsWith('mx2: ')), probs.stdout.slice(0, 500));
  assert.ok(pj.data.rows.every((r) => r.host === 'mx2'));
  assert.equal(probs.code, 2, 'an error-level problem: exit 2');
  assert.match(flat((await cli(['query', 'problems', ...db, '--host', 'mx2', '--lang', 'pl'])).stdout), /mx2: /);
  assert.match((await cli(['query', 'problems', ...db, '--host', 'mx2', '--csv'])).stdout.split('\n')[0]!, /^Host,Detected,Check,Status,Subject,Summary/);
  assert.match(flat((await cli(['query', 'problems', ...db, '--host', 'nowhere', '--lang', 'pl'])).stdout), /W dziennikach nie znaleziono problemów na hoście nowhere/);

  // A message the real Postfix bounced (user unknown), by queue id and by Message-ID: the same story. Both are read
  // from the fixture, which `node scripts/gen-mta-bounces.mjs` regenerates with new ones.
  const bouncedLine = fileLines(REAL1).find((l) => /status=bounced .*User unknown/.test(l))!;
  const QID = /: ([0-9A-F]{6,}): to=/.exec(bouncedLine)![1]!;
  const MID = /message-id=(<[^>]+>)/.exec(fileLines(REAL1).find((l) => l.includes(`${QID}: message-id=`))!)![1]!;
  const byQid = await cli(['query', 'message', QID, ...db, '--json']);
  const sq = JSON.parse(byQid.stdout) as { status: string; findings: { summary: { en: string } }[]; data: { rows: { qid: string; line: string; status: string | null }[] } };
  assert.equal(sq.status, 'error');
  assert.match(sq.findings[0]!.summary.en, /bounced for recipients: 1/);
  const expected = fileLines(REAL1).filter((l) => l.includes(QID));
  assert.deepEqual(sq.data.rows.filter((r) => r.qid === QID).map((r) => r.line), expected);
  const byMid = JSON.parse((await cli(['query', 'message', MID, ...db, '--json'])).stdout) as typeof sq;
  assert.deepEqual(byMid.data.rows.map((r) => r.line), sq.data.rows.map((r) => r.line));
  assert.match(flat((await cli(['query', 'message', QID, ...db, '--lang', 'pl'])).stdout), /zwrócona\s+dla\s+odbiorców:\s+1/);
  assert.match((await cli(['query', 'message', QID, ...db, '--markdown'])).stdout, /status=bounced/);
  const none = await cli(['query', 'message', 'NOSUCHQUEUEID', ...db, '--lang', 'pl']);
  assert.match(flat(none.stdout), /Żaden zapisany wiersz dziennika nie wspomina NOSUCHQUEUEID/);

  const { rows: [hard] } = await (async () => { const p = openStore(env.dbUrl, 1); try { return await p.query('SELECT recipient FROM mailmedic_bounce_recipient WHERE hard ORDER BY recipient LIMIT 1'); } finally { await p.end(); } })();
  const bj = JSON.parse((await cli(['query', 'bounces', '--recipient', hard.recipient.toUpperCase(), ...db, '--json'])).stdout) as { status: string; data: { rows: { hard: boolean }[] } };
  assert.equal(bj.status, 'error');
  assert.ok(bj.data.rows.length > 0 && bj.data.rows.some((r) => r.hard), 'found whatever the case of the address');
  assert.match(flat((await cli(['query', 'bounces', '--recipient', hard.recipient, ...db, '--lang', 'pl'])).stdout), /Przestań wysyłać na ten adres/);
  assert.match((await cli(['query', 'bounces', '--recipient', hard.recipient, ...db, '--csv'])).stdout.split('\n')[0]!, /^Time,Recipient,Reason,Hard,Status,Remote server,Diagnostic/);
  assert.match(flat((await cli(['query', 'bounces', '--recipient', 'nobody@example.test', ...db])).stdout), /No bounce stored for nobody@example\.test/);
  assert.equal((await cli(['query', 'bounces', ...db])).code, 64, 'no --recipient');
  assert.equal((await cli(['query', 'message', ...db])).code, 64, 'no id');
  assert.equal((await cli(['query', 'hosts', ...db, '--by', 'week'])).code, 64);
});

test('log dead letters: an empty and a binary message go there with the reason; the host goes on', { skip, timeout: 60_000 }, async () => {
  const nc = await connectNats({ servers: env.natsUrl });
  const js = nc.jetstream();
  try {
    const subject = `${STREAM.logPrefix}deadhost`;
    await js.publish(subject, new Uint8Array(0));
    await js.publish(subject, Buffer.from('Dec  5 10:00:00 deadhost postfix/smtpd[1]: \u0000\u0001 binary\n'));
    await js.publish(subject, Buffer.from('Dec  5 10:00:01 deadhost postfix/smtpd[1]: connect from x[192.0.2.1]\nDec  5 10:00:02 deadhost postfix/smtpd[1]: disconnect from x[192.0.2.1]\n'));
    await runLogWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, idleExitMs: 1500, rebalanceMs: 300 });
    const dead = (await readDeadLetters(js)).filter((d) => d.subject === `${DEAD.logPrefix}deadhost`);
    assert.deepEqual(dead.map((d) => d.reason).sort(), ['empty message', 'not text (NUL bytes)']);
    const pool = openStore(env.dbUrl, 1);
    try {
      const { rows } = await pool.query("SELECT lines FROM mailmedic_log_checkpoint WHERE host = 'deadhost'");
      assert.equal(Number(rows[0].lines), 2, 'the good message after them was counted');
    } finally { await pool.end(); }
  } finally { await nc.close(); }
});



test('PostgreSQL stopped mid-run under a log worker: it lets its hosts go, backs off, takes them again, and the counts equal logs summary', { skip, timeout: 120_000 }, async () => {
  const nc = await connectNats({ servers: env.natsUrl });
  const lines = fileLines(REAL1);
  // As ship logs would publish it: 50 lines a message.
  for (let i = 0; i < lines.length; i += 50) await nc.jetstream().publish(`${STREAM.logPrefix}pgdown`, Buffer.from(lines.slice(i, i + 50).join('\n') + '\n'));
  await nc.close();
  let stopped = false, restarted: Promise<void> | undefined;
  const waits: number[] = [];
  const sum = await runLogWorker({
    nats: { servers: env.natsUrl }, db: env.dbUrl, batch: 1, idleExitMs: 2500, rebalanceMs: 300, backoff: { baseMs: 200, capMs: 2000 },
    onBatch: (b) => {
      if (stopped || b.host !== 'pgdown') return;
      stopped = true;
      env.stopPg();
      restarted = new Promise((r) => setTimeout(() => { env.startPg(); r(); }, 5000));
    },
    onRetry: (r) => waits.push(r.waitMs),
  });
  await restarted;
  assert.ok(stopped && waits.length >= 2, `the worker waited and tried again (${waits.join(', ')} ms)`);
  assert.ok(sum.messages > 0);
  const d = await summarizeLogs({ inputs: [REAL1] });
  const pool = openStore(env.dbUrl, 1);
  try {
    const { rows } = await pool.query("SELECT sum(lines) AS lines, sum(received) AS received, sum(delivered) AS delivered, sum(deferred) AS deferred, sum(bounced) AS bounced FROM mailmedic_log_hour WHERE host = 'pgdown'");
    assert.deepEqual(Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)])),
      { lines: lines.length, received: d.counts.received, delivered: d.counts.delivered, deferred: d.counts.deferred, bounced: d.counts.bounced });
    const { rows: [c] } = await pool.query("SELECT (SELECT count(*) FROM mailmedic_log_event WHERE host = 'pgdown') AS p, (SELECT count(*) FROM mailmedic_log_event WHERE host = 'mx1_example_test') AS m");
    assert.equal(Number(c.p), Number(c.m), 'the same story rows as the same lines read without the fault');
  } finally { await pool.end(); }
});

test('worker logs --metrics and --keep-stories (CLI): old story rows pruned on start, per-host counters and backlog scraped, SIGTERM clean', { skip, timeout: 90_000 }, async () => {
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  const story = (ms: number, qid: string) => [
    `${iso(ms)} metered postfix/qmgr[7]: ${qid}: from=<shop@example.test>, size=1200, nrcpt=1 (queue active)`,
    `${iso(ms + 1000)} metered postfix/smtp[8]: ${qid}: to=<anna@example.net>, relay=mx.example.net[192.0.2.25]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)`,
    `${iso(ms + 2000)} metered postfix/qmgr[7]: ${qid}: removed`,
  ].join('\n') + '\n';
  const nc = await connectNats({ servers: env.natsUrl });
  const subject = `${STREAM.logPrefix}metered`;
  await nc.jetstream().publish(subject, Buffer.from(story(Date.now() - 40 * day, 'A1B2C3D4E5')));
  await nc.jetstream().publish(subject, Buffer.from(story(Date.now() - 3600_000, 'F6A7B8C9D0')));
  // Counted without pruning first, so what the prune must delete is known from the database itself.
  await runLogWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, idleExitMs: 1500, rebalanceMs: 300 });
  const pool = openStore(env.dbUrl, 1);
  const count = async (where: string) => Number((await pool.query(`SELECT count(*) AS n FROM mailmedic_log_event WHERE ${where}`)).rows[0].n);
  const { freePort } = await import('../helpers/stream-env.js');
  const port = await freePort();
  // What the prune must delete, counted before the worker that prunes starts.
  const cutoff = `at < now() - interval '30 days'`;
  const old = await count(cutoff), young = await count(`NOT (${cutoff}) OR at IS NULL`);
  const child = spawn(process.execPath, [CLI, 'worker', 'logs', '--nats', env.natsUrl, '--db', env.dbUrl, '--metrics', `127.0.0.1:${port}`, '--keep-stories', '30d', '--lang', 'pl'],
    { env: baseEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => { err += d; });
  try {
    assert.ok(old >= 3, `the 40-day-old story is stored (${old} old rows)`);
    await until('the prune said so', () => /usunięto wiersze historii wiadomości starsze niż/.test(err));
    assert.match(err, new RegExp(`starsze niż \\S+: ${old}\\b`));
    assert.equal(await count(cutoff), 0, 'no row older than the kept period');
    assert.equal(await count(`NOT (${cutoff}) OR at IS NULL`), young, 'younger rows untouched');
    const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const m0 = await scrape();
    assert.match(m0, new RegExp(`^mailmedic_log_worker_stories_pruned_total ${old}$`, 'm'));
    // New lines: counted by this worker, per host, with the host's backlog after them.
    await nc.jetstream().publish(subject, Buffer.from(story(Date.now() - 60_000, 'E1F2A3B4C5')));
    await until('the new lines counted', async () => /^mailmedic_log_worker_lines_total\{host="metered"\} 3$/m.test(await scrape()));
    const m1 = await scrape();
    assert.match(m1, /^mailmedic_log_worker_messages_total\{host="metered"\} 1$/m);
    assert.match(m1, /^mailmedic_log_worker_host_pending\{host="metered"\} 0$/m);
    const held = Number(/^mailmedic_log_worker_hosts (\d+)$/m.exec(m1)?.[1]);
    assert.ok(held >= 1 && held === Number(/^mailmedic_log_worker_host_changes_total\{change="taken"\} (\d+)$/m.exec(m1)?.[1]), m1);
    assert.match(m1, /^mailmedic_log_worker_batch_seconds_count [1-9]\d*$/m);
    assert.equal((await fetch(`http://127.0.0.1:${port}/other`)).status, 404);
    child.kill('SIGTERM');
    assert.equal(await exited(child), 0, err);
    assert.match(err, /koniec: przejętych hostów/);
  } finally {
    child.kill('SIGKILL');
    await pool.end();
    await nc.close();
  }
});

test('a takeover after the warm-up window: a message deferred before it and again after is counted as deferred once, as logs summary counts it', { skip, timeout: 60_000 }, async () => {
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
  const t0 = Date.now() - 5 * 3600_000;
  const qid = '4C2D1E0F9A';
  const deferral = (ms: number) => `${iso(ms)} slowmx postfix/smtp[21]: ${qid}: to=<ola@example.net>, relay=none, delay=${Math.round((ms - t0) / 1000)}, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.example.net[192.0.2.80]:25: Connection timed out)`;
  const parts = [
    [`${iso(t0)} slowmx postfix/pickup[20]: ${qid}: uid=1000 from=<shop>`, `${iso(t0 + 500)} slowmx postfix/cleanup[22]: ${qid}: message-id=<order-17@example.test>`,
      `${iso(t0 + 1000)} slowmx postfix/qmgr[23]: ${qid}: from=<shop@example.test>, size=2200, nrcpt=1 (queue active)`, deferral(t0 + 31_000)],
    [`${iso(t0 + 3600_000)} slowmx postfix/smtpd[24]: connect from client.example.org[198.51.100.7]`, `${iso(t0 + 3600_500)} slowmx postfix/smtpd[24]: disconnect from client.example.org[198.51.100.7] ehlo=1 quit=1 commands=2`],
    [deferral(t0 + 4 * 3600_000), `${iso(t0 + 4.5 * 3600_000)} slowmx postfix/smtp[21]: ${qid}: to=<ola@example.net>, relay=mx.example.net[192.0.2.80]:25, delay=16200, delays=16100/0/0.5/0.5, dsn=2.0.0, status=sent (250 2.0.0 Ok)`,
      `${iso(t0 + 4.5 * 3600_000 + 100)} slowmx postfix/qmgr[23]: ${qid}: removed`],
  ];
  const file = join(work, 'slowmx.log');
  writeFileSync(file, parts.flat().join('\n') + '\n');
  const expected = (await summarizeLogs({ inputs: [file] })).counts;
  assert.equal(expected.deferred, 1, 'logs summary: one message deferred (twice)');
  const nc = await connectNats({ servers: env.natsUrl });
  const publish = (lines: string[]) => nc.jetstream().publish(`${STREAM.logPrefix}slowmx`, Buffer.from(lines.join('\n') + '\n'));
  const pool = openStore(env.dbUrl, 1);
  try {
    await publish(parts[0]!);
    await new Promise((r) => setTimeout(r, 200)); // stream times apart, so the warm-up below starts after the first message
    await publish(parts[1]!);
    await runLogWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, idleExitMs: 1500, rebalanceMs: 300 });
    // A new worker takes the host and re-reads (warm-up) only the last message before the checkpoint: the first
    // deferral is outside what it reads again, known only from the stored story.
    await publish(parts[2]!);
    await runLogWorker({ nats: { servers: env.natsUrl }, db: env.dbUrl, idleExitMs: 1500, rebalanceMs: 300, warmupMs: 1 });
    const { rows } = await pool.query("SELECT sum(deferred) AS deferred, sum(delivered) AS delivered, sum(received) AS received, sum(lines) AS lines FROM mailmedic_log_hour WHERE host = 'slowmx'");
    assert.deepEqual(Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, Number(v)])),
      { deferred: expected.deferred, delivered: expected.delivered, received: expected.received, lines: parts.flat().length });
  } finally {
    await pool.end();
    await nc.close();
  }
});
