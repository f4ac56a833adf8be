// The stream workers' results on the web (issue 20): a real `mailmedic serve --stream-db` process reading a real
// PostgreSQL that real workers filled from a real NATS JetStream (stream-fill.ts). Every answer is compared with what
// the library's own queries return for the same database, never with numbers of a fixture. Also: the CSV a mailing
// system imports, bad parameters (400 naming the field), 404 on a server without the database, the OpenAPI entries,
// the page in both languages, the password never shown, an unreachable database at start (exit 69), and the database
// stopped mid-run (503 in both languages, then answers again once it is back).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { createMailmedicServer, type MailmedicServer } from '../../src/serve/server.js';
import { findingForTheWeb } from '../../src/serve/web-words.js';
import { hostSummaries, messageStory, openStore, recipientBounces, storeCounts, storedProblems, suppressionList } from '../../src/stream/index.js';
import { baseEnv } from '../cli/usage-cases.js';
import { CLI } from '../helpers/env.js';
import { freePort, startStreamEnv, STREAM_SKIP, type StreamEnv } from '../helpers/stream-env.js';
import { startServe, stopServe, type ServeProcess } from './helpers.js';
import { fillStreamDb, SHIPPED_LOGS } from './stream-fill.js';

const skip = STREAM_SKIP ?? false;
const SECRET = 'Web-Db-Secret-77';
let env: StreamEnv;
let pool: pg.Pool;
let serve: ServeProcess | undefined;

before(async () => {
  if (skip) return;
  env = await startStreamEnv();
  await fillStreamDb(env);
  pool = openStore(env.dbUrl, 2);
  // The test cluster trusts loopback: the password is ignored by PostgreSQL, but it is in the URL the server is given.
  serve = await startServe(['--stream-db', env.dbUrl.replace('//mailmedic@', `//mailmedic:${SECRET}@`)]);
}, { timeout: 240_000 });
after(async () => {
  await stopServe(serve);
  await pool?.end();
  await env?.stop();
});

async function get(path: string, base = serve!.url): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const r = await fetch(base + path, { signal: AbortSignal.timeout(30_000) });
  const text = await r.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, json, text, headers: r.headers };
}
/** What the library returns, as it travels in JSON (dates become ISO strings). */
const asJson = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));

test('summary: the counts of the library, the newest times, the database without its password', { skip }, async () => {
  const r = await get('/api/stream/summary');
  assert.equal(r.status, 200);
  const counts = await storeCounts(pool);
  assert.ok(counts.messages > 0 && counts.suppressed > 0, 'the workers stored bounces');
  assert.deepEqual({ messages: r.json.bounces.messages, recipients: r.json.bounces.recipients, suppressed: r.json.bounces.suppressed }, counts);
  const { rows: [l] } = await pool.query('SELECT count(*)::int AS hosts, sum(lines)::int AS lines, (SELECT count(*)::int FROM mailmedic_log_problem) AS problems FROM mailmedic_log_checkpoint');
  assert.deepEqual({ hosts: r.json.logs.hosts, lines: r.json.logs.lines, problems: r.json.logs.problems }, l);
  assert.deepEqual(Object.keys(SHIPPED_LOGS).length, r.json.logs.hosts);
  assert.ok(Date.parse(r.json.bounces.newest) > 0 && Date.parse(r.json.logs.newest) > 0);
  assert.equal(r.json.database, env.dbUrl.replace('//mailmedic@', '//mailmedic:***@'));
  assert.doesNotMatch(r.text, new RegExp(SECRET));
  assert.doesNotMatch(serve!.output(), new RegExp(SECRET), 'nor in what the server printed');
  assert.match(serve!.output(), /bounces and logs http:\/\/127\.0\.0\.1:\d+\/stream/);
});

test('suppression: the library\'s list, since and limit (with `truncated`), and the CSV a mailing system imports', { skip }, async () => {
  const all = await get('/api/stream/suppression');
  assert.equal(all.status, 200);
  const lib = await suppressionList(pool, { limit: 1000 });
  assert.ok(lib.length > 1);
  assert.deepEqual(all.json.rows, asJson(lib));
  assert.equal(all.json.truncated, false);
  const two = await get('/api/stream/suppression?limit=2');
  assert.deepEqual(two.json.rows, asJson(lib.slice(0, 2)));
  assert.equal(two.json.truncated, true);
  const recent = await get('/api/stream/suppression?since=1d');
  assert.ok(Date.parse(recent.json.since) > Date.now() - 86_400_000 - 60_000);
  assert.deepEqual(recent.json.rows, asJson(await suppressionList(pool, { since: new Date(Date.parse(recent.json.since)), limit: 1000 })));

  const csv = await get('/api/stream/suppression.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type')!, /^text\/csv; charset=utf-8/);
  assert.match(csv.headers.get('content-disposition')!, /attachment; filename="mailmedic-suppression\.csv"/);
  assert.equal(csv.headers.get('x-content-type-options'), 'nosniff');
  const lines = csv.text.split('\r\n');
  assert.equal(lines[0], 'recipient,first_seen,last_seen,bounces,last_reason,last_status');
  assert.equal(lines.at(-1), '', 'CRLF after the last row');
  const rows = lines.slice(1, -1).map((l) => l.split(','));
  assert.deepEqual(rows, lib.map((x) => [x.recipient, x.firstSeen.toISOString(), x.lastSeen.toISOString(), String(x.bounces), x.lastReason, x.lastStatus ?? '']));
  assert.equal((await get('/api/stream/suppression.csv?limit=1')).text.split('\r\n').length, 3);
});

test('hosts: per hour and per day, all hosts or one, as hostSummaries gives them', { skip }, async () => {
  const hour = await get('/api/stream/hosts');
  assert.equal(hour.status, 200);
  assert.equal(hour.json.by, 'hour');
  assert.deepEqual(hour.json.rows, asJson(await hostSummaries(pool, { by: 'hour' })));
  assert.deepEqual([...new Set(hour.json.rows.map((r: { host: string }) => r.host))].sort(), Object.keys(SHIPPED_LOGS).sort());
  const day = await get('/api/stream/hosts?by=day&host=mx2&since=400d');
  assert.deepEqual(day.json.rows, asJson(await hostSummaries(pool, { by: 'day', host: 'mx2', since: new Date(Date.parse(day.json.since)) })));
  assert.ok(day.json.rows.length > 0 && day.json.rows.every((r: { host: string }) => r.host === 'mx2'));
  assert.deepEqual((await get('/api/stream/hosts?host=nowhere')).json.rows, []);
});

test('problems: the stored findings, in both languages, said the web\'s way', { skip }, async () => {
  const r = await get('/api/stream/problems');
  assert.equal(r.status, 200);
  const lib = await storedProblems(pool);
  assert.ok(lib.length > 0, 'the log worker found problems in the real logs');
  assert.deepEqual(r.json.problems, asJson(lib.map((p) => ({ ...p, finding: findingForTheWeb(p.finding) }))));
  for (const p of r.json.problems) {
    assert.ok(p.finding.summary.en && p.finding.summary.pl && p.finding.summary.pl !== p.finding.summary.en, p.finding.check);
  }
  const mx2 = await get('/api/stream/problems?host=mx2&limit=1');
  assert.equal(mx2.json.problems.length, 1);
  assert.equal(mx2.json.problems[0].host, 'mx2');
});

test('message: a queue id and its Message-ID tell the same story as messageStory; an unknown id tells none', { skip }, async () => {
  const { rows: [m] } = await pool.query("SELECT qid, message_id FROM mailmedic_log_event WHERE message_id IS NOT NULL AND host = 'mx1' ORDER BY stream_seq, line_no LIMIT 1");
  assert.ok(m, 'a logged Message-ID');
  const byQid = await get(`/api/stream/message?id=${encodeURIComponent(m.qid)}`);
  assert.equal(byQid.status, 200);
  assert.equal(byQid.json.id, m.qid);
  assert.deepEqual(byQid.json.lines, asJson(await messageStory(pool, m.qid)));
  assert.ok(byQid.json.lines.length > 1);
  const byMid = await get(`/api/stream/message?id=${encodeURIComponent(m.message_id)}`);
  assert.deepEqual(byMid.json.lines, asJson(await messageStory(pool, m.message_id)));
  assert.ok(byMid.json.lines.some((l: { qid: string }) => l.qid === m.qid));
  assert.deepEqual((await get('/api/stream/message?id=NOSUCHQUEUEID')).json, { id: 'NOSUCHQUEUEID', lines: [] });
});

test('bounces: a recipient\'s bounces whatever the case of the address, as recipientBounces gives them', { skip }, async () => {
  const [first] = await suppressionList(pool, { limit: 1 });
  const r = await get(`/api/stream/bounces?recipient=${encodeURIComponent(first!.recipient.toUpperCase())}`);
  assert.equal(r.status, 200);
  const lib = await recipientBounces(pool, first!.recipient);
  assert.ok(lib.some((b) => b.hard));
  assert.deepEqual(r.json.bounces, asJson(lib.slice(0, 200)));
  assert.deepEqual((await get('/api/stream/bounces?recipient=nobody%40example.test')).json, { recipient: 'nobody@example.test', bounces: [] });
});

test('bad parameters: 400 with the code and the field; other methods 405; unknown paths 404', { skip }, async () => {
  const cases: [string, string, string][] = [
    ['/api/stream/suppression?since=soon', 'bad-field', 'since'],
    ['/api/stream/suppression?since=0m', 'bad-field', 'since'],
    ['/api/stream/suppression?since=9999d', 'bad-field', 'since'],
    ['/api/stream/suppression?limit=0', 'bad-field', 'limit'],
    ['/api/stream/suppression?limit=1e3', 'bad-field', 'limit'],
    ['/api/stream/suppression.csv?limit=-1', 'bad-field', 'limit'],
    ['/api/stream/hosts?by=week', 'bad-field', 'by'],
    [`/api/stream/hosts?host=${'h'.repeat(256)}`, 'bad-field', 'host'],
    ['/api/stream/problems?limit=1001', 'bad-field', 'limit'],
    ['/api/stream/message', 'missing-field', 'id'],
    ['/api/stream/message?id=%20%20', 'missing-field', 'id'],
    [`/api/stream/message?id=${'x'.repeat(501)}`, 'bad-field', 'id'],
    ['/api/stream/message?id=a%0Ab', 'bad-field', 'id'],
    ['/api/stream/bounces', 'missing-field', 'recipient'],
    [`/api/stream/bounces?recipient=${'a'.repeat(321)}`, 'bad-field', 'recipient'],
  ];
  for (const [path, code, field] of cases) {
    const r = await get(path);
    assert.equal(r.status, 400, path);
    assert.equal(r.json.error, code, path);
    assert.equal(r.json.field, field, path);
  }
  const post = await fetch(`${serve!.url}/api/stream/summary`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(post.status, 405);
  assert.equal((await get('/api/stream/nothing')).status, 404);
});

test('the page: in the menu and at /stream in both languages, with the security headers; the OpenAPI lists the routes', { skip }, async () => {
  const pl = await get('/stream?lang=pl');
  assert.equal(pl.status, 200);
  assert.match(pl.text, /<h1>Zwroty i logi<\/h1>/);
  assert.match(pl.text, /id="streamboard"/);
  assert.match(pl.headers.get('content-security-policy')!, /script-src 'self'/);
  const en = await get('/?lang=en');
  assert.match(en.text, /<a href="\/stream"[^>]*>Bounces and logs<\/a>/);
  assert.match(en.text, /<a class="card" href="\/stream"><h2>Bounces and logs<\/h2>/);
  const api = await get('/openapi.json');
  for (const [path, id] of [['/api/stream/summary', 'streamSummary'], ['/api/stream/suppression', 'streamSuppression'], ['/api/stream/suppression.csv', 'streamSuppressionCsv'],
    ['/api/stream/hosts', 'streamHosts'], ['/api/stream/problems', 'streamProblems'], ['/api/stream/message', 'streamMessage'], ['/api/stream/bounces', 'streamBounces']]) {
    assert.equal(api.json.paths[path!]?.get?.operationId, id, path);
    assert.ok(api.json.paths[path!].get.responses[503], `${path}: 503 documented`);
  }
  assert.ok(api.json.paths['/api/stream/message'].get.parameters.some((p: { name: string; required: boolean }) => p.name === 'id' && p.required));
  assert.ok(api.json.paths['/api/stream/suppression.csv'].get.responses[200].content['text/csv']);
});

test('a server without --stream-db: 404 for the routes and the page, no menu entry', { skip }, async () => {
  const plain: MailmedicServer = await createMailmedicServer({ host: '127.0.0.1', port: 0, dnsServer: '127.0.0.1:9' }).listen();
  try {
    for (const path of ['/api/stream/summary', '/api/stream/suppression.csv', '/stream']) {
      const r = await get(path, plain.url);
      assert.equal(r.status, 404, path);
    }
    assert.match((await get('/api/stream/summary', plain.url)).json.message, /--stream-db/);
    assert.doesNotMatch((await get('/', plain.url)).text, /href="\/stream"/);
  } finally {
    await plain.close();
  }
});

test('a database that cannot be reached at start: exit 69, one sentence, the password hidden; a bad URL: 64', { skip }, async () => {
  const port = await freePort();
  const r = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--stream-db', `postgres://web:${SECRET}@127.0.0.1:${port}/x`], { env: baseEnv(), encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 69, r.stderr);
  assert.equal(r.stderr, `mailmedic serve: cannot connect to 127.0.0.1:${port}: connection refused (is the server running, on this port?)\n`);
  const pl = spawnSync(process.execPath, [CLI, 'serve', '--lang', 'pl', '--port', '0', '--stream-db', `postgres://web:${SECRET}@127.0.0.1:${port}/x`], { env: baseEnv(), encoding: 'utf8', timeout: 30_000 });
  assert.equal(pl.status, 69);
  assert.match(pl.stderr, /^mailmedic serve: nie można połączyć się z 127\.0\.0\.1:\d+: połączenie odrzucone/);
  const bad = spawnSync(process.execPath, [CLI, 'serve', '--stream-db', `postgres://web:${SECRET}@db.example.test:0x/x`], { env: baseEnv(), encoding: 'utf8', timeout: 30_000 });
  assert.equal(bad.status, 64);
  assert.doesNotMatch(bad.stderr + r.stderr + pl.stderr, new RegExp(SECRET));
});

test('the server never changes the schema: a read-only role is enough; a database without mailmedic tables: exit 69 saying what to start', { skip, timeout: 60_000 }, async () => {
  await pool.query('DROP ROLE IF EXISTS mm_reader');
  await pool.query('CREATE ROLE mm_reader LOGIN');
  await pool.query('GRANT SELECT ON ALL TABLES IN SCHEMA public TO mm_reader');
  const ro = await startServe(['--stream-db', env.dbUrl.replace('//mailmedic@', '//mm_reader@')]);
  try {
    const r = await get('/api/stream/summary', ro.url);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual({ ...r.json.bounces, newest: undefined }, { ...asJson(await storeCounts(pool)) as object, newest: undefined });
  } finally { await stopServe(ro); }
  await pool.query('DROP DATABASE IF EXISTS mm_empty');
  await pool.query('CREATE DATABASE mm_empty');
  const empty = env.dbUrl.replace(/\/postgres$/, '/mm_empty');
  const en = spawnSync(process.execPath, [CLI, 'serve', '--port', '0', '--stream-db', empty], { env: baseEnv(), encoding: 'utf8', timeout: 30_000 });
  assert.equal(en.status, 69, en.stderr);
  assert.match(en.stderr, /^mailmedic serve: the database has no mailmedic tables yet: start `mailmedic worker bounces` or `worker logs` on it once/);
  const pl = spawnSync(process.execPath, [CLI, 'serve', '--lang', 'pl', '--port', '0', '--stream-db', empty], { env: baseEnv(), encoding: 'utf8', timeout: 30_000 });
  assert.equal(pl.status, 69);
  assert.match(pl.stderr, /^mailmedic serve: w bazie nie ma jeszcze tabel mailmedic: uruchom na niej raz/);
  const { rows } = await pool.query("SELECT count(*) AS n FROM pg_database WHERE datname = 'mm_empty'");
  assert.equal(Number(rows[0].n), 1);
});

test('the database stopped mid-run: 503 with the reason in both languages (no hang, the server lives on); back once it is started', { skip, timeout: 120_000 }, async () => {
  const before = await get('/api/stream/summary');
  assert.equal(before.status, 200);
  env.stopPg();
  try {
    for (const path of ['/api/stream/summary', '/api/stream/suppression', '/api/stream/suppression.csv', '/api/stream/message?id=X1']) {
      const r = await get(path);
      assert.equal(r.status, 503, path);
      assert.equal(r.json.error, 'stream-unavailable');
      assert.match(r.json.text.en, /^The results database does not answer \(/);
      assert.match(r.json.text.pl, /^Baza z wynikami nie odpowiada \(/);
    }
    // Bad parameters are still refused first, and the rest of the app still answers.
    assert.equal((await get('/api/stream/suppression?limit=0')).status, 400);
    assert.equal((await get('/stream')).status, 200);
  } finally {
    env.startPg();
  }
  let again = await get('/api/stream/summary');
  for (let i = 0; i < 50 && again.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 200));
    again = await get('/api/stream/summary');
  }
  assert.equal(again.status, 200);
  assert.deepEqual(again.json.bounces, before.json.bounces);
  assert.equal(serve!.child.exitCode, null, 'the server is still running');
});
