// The watch history over both engines (issue 19): the same operations on a SQLite file and on a real, throw-away
// PostgreSQL give the same answers; migrations run once even when two watchers open a fresh database together;
// pruning keeps each item's newest result; a pass through the CLI stores into PostgreSQL and `watch report` and
// `watch mute` read and write it there; mutes keep alerts stored but unsent.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createDnsClient } from '../../src/dns/index.js';
import { parseWatchConfig, resolveConfigPaths } from '../../src/watch/config.js';
import { runWatchDaemon } from '../../src/watch/daemon.js';
import { runWatchPass } from '../../src/watch/run.js';
import { MIGRATIONS, openWatchStore, type FindingState, type WatchStore } from '../../src/watch/store/index.js';
import { numberPlaceholders, redactUrl } from '../../src/watch/store/postgres.js';
import { baseEnv } from '../cli/usage-cases.js';
import { CLI } from '../helpers/env.js';
import { POSTGRES_SKIP, startPostgres, type Postgres } from '../helpers/postgres.js';
import { webhookReceiver } from './helpers.js';

let dir: string;
let pg: Postgres | undefined;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mm-watch-store-'));
  if (!POSTGRES_SKIP) pg = await startPostgres();
});
after(async () => { await pg?.stop(); rmSync(dir, { recursive: true, force: true }); });

/** A fresh database on the server for each use (CREATE DATABASE is cheap on a throw-away cluster). */
let dbCount = 0;
async function freshPgUrl(): Promise<string> {
  const name = `watch_${++dbCount}`;
  const admin = await import('pg');
  const c = new admin.default.Client({ connectionString: pg!.url });
  await c.connect();
  try { await c.query(`CREATE DATABASE ${name}`); } finally { await c.end(); }
  return pg!.url.replace(/\/postgres$/, `/${name}`);
}

const T = (min: number) => new Date(Date.UTC(2026, 11, 1, 0, min)).toISOString();
const state = (key: string, status: FindingState['status'], at: string, value?: string): FindingState => ({
  key, item: key.split('|')[0]!, check: key.split('|')[1]!, subject: key.split('|')[2]!, status, failCount: status === 'ok' ? 0 : 1, alertedStatus: status, updatedAt: at, ...(value ? { value } : {}),
});

/** The same story on any store; returns everything it read back, to compare between engines. */
async function exercise(s: WatchStore): Promise<unknown> {
  const out: Record<string, unknown> = { version: await s.schemaVersion() };
  for (let run = 0; run < 4; run++) {
    const id = `run-${run}`;
    await s.beginRun(id, T(run * 10));
    for (const item of ['ip:192.0.2.1', 'domain:example.test', ...(run < 2 ? ['log:/var/log/old.log'] : [])]) {
      await s.saveResult({ runId: id, item, kind: item.split(':')[0]!, status: run === 1 && item.startsWith('ip') ? 'error' : 'ok', checkedAt: T(run * 10 + 1), durationMs: 12 + run, findings: [{ check: 'x', status: 'ok', subject: item, summary: { en: 'fine „ok”', pl: 'w porządku „ok”' } }] });
    }
    await s.finishRun(id, T(run * 10 + 2), run === 1 ? 'error' : 'ok');
  }
  await s.commitChanges(
    [{ id: 'a1', runId: 'run-1', key: 'ip:192.0.2.1|dns.dnsbl|zen', item: 'ip:192.0.2.1', kind: 'appeared', status: 'error', previous: 'ok', createdAt: T(11), alert: { id: 'a1', text: 'zażółć' } },
      { id: 'a2', runId: 'run-2', key: 'ip:192.0.2.1|dns.dnsbl|zen', item: 'ip:192.0.2.1', kind: 'cleared', status: 'ok', previous: 'error', createdAt: T(21), alert: { id: 'a2' } }],
    new Map([['ip:192.0.2.1|dns.dnsbl|zen', state('ip:192.0.2.1|dns.dnsbl|zen', 'error', T(11))], ['domain:example.test|watch.domain.records|MX', state('domain:example.test|watch.domain.records|MX', 'ok', T(11), '10 mx1.example.test')]]),
  );
  await s.saveStates(new Map([['ip:192.0.2.1|dns.dnsbl|zen', null]]));
  await s.setDelivery(['a1', 'a2', 'missing'], 'webhook 1', 'HTTP 200');
  await s.setDelivery(['a1'], 'e-mail', 'failed: 451');
  out.acked = await s.acknowledge(['a1', 'nope'], 'helpdesk', T(30));
  await s.mute('smtp:mail.example.test:587', T(120), 'upgrade', T(30));
  await s.mute('ip:192.0.2.1', T(40), undefined, T(30));
  await s.mute('ip:192.0.2.1', T(50), 'longer', T(31));
  await s.mute('log:/var/log/old.log', T(60), undefined, T(30));
  await s.unmute('log:/var/log/old.log');
  await s.setLogOffset('/var/log/maillog', 1234, T(5));
  await s.setLogOffset('/var/log/maillog', 2_500_000_000, T(6));
  out.states = [...(await s.states()).values()];
  out.results = await s.results();
  out.resultsOfOne = await s.results(T(11), 'ip:192.0.2.1');
  out.latest = await s.latestResults();
  out.alerts = await s.alerts();
  out.alertsSince = (await s.alerts(T(20))).map((a) => a.id);
  out.runs = await s.runs();
  out.runsSince = (await s.runs(T(20))).map((r) => r.id);
  out.mutes = await s.mutes(T(45));
  out.offsets = [...(await s.logOffsets())];
  out.pruned = await s.prune(T(25), T(15));
  out.afterPrune = { results: (await s.results()).map((r) => `${r.runId} ${r.item}`), runs: (await s.runs()).map((r) => r.id), alerts: (await s.alerts()).map((a) => a.id) };
  return out;
}

test('watch store: SQLite and PostgreSQL answer the same story the same way; pruning keeps each item\'s newest result', { skip: POSTGRES_SKIP, timeout: 60_000 }, async () => {
  const lite = await openWatchStore(join(dir, 'story.db'));
  const a = await exercise(lite);
  await lite.close();
  const url = await freshPgUrl();
  const post = await openWatchStore(url);
  assert.equal(post.engine, 'postgres');
  const b = await exercise(post);
  await post.close();
  assert.deepEqual(b, a);
  const story = a as { version: number; acked: number; afterPrune: { results: string[]; runs: string[]; alerts: string[] }; mutes: { item: string; reason?: string }[]; offsets: [string, number][] };
  assert.equal(story.version, MIGRATIONS.length);
  assert.equal(story.acked, 1);
  assert.deepEqual(story.mutes.map((m) => `${m.item} ${m.reason ?? ''}`), ['ip:192.0.2.1 longer', 'smtp:mail.example.test:587 upgrade']);
  assert.deepEqual(story.offsets, [['/var/log/maillog', 2_500_000_000]], 'offsets past 2 GiB survive (BIGINT)');
  // Results before 00:25 go, except the old log's newest (run-1): its item was not checked since, and the
  // dashboard still shows it. Runs without results or alerts go; alert a1 (00:11) is older than kept.
  assert.deepEqual(story.afterPrune, {
    results: ['run-1 log:/var/log/old.log', 'run-3 domain:example.test', 'run-3 ip:192.0.2.1'],
    runs: ['run-1', 'run-2', 'run-3'],
    alerts: ['a2'],
  });
});

test('PostgreSQL: two watchers opening a fresh database at once migrate it once; the shown location hides the password', { skip: POSTGRES_SKIP, timeout: 60_000 }, async () => {
  const url = await freshPgUrl();
  const stores = await Promise.all([openWatchStore(url), openWatchStore(url), openWatchStore(url)]);
  for (const s of stores) assert.equal(await s.schemaVersion(), MIGRATIONS.length);
  await Promise.all(stores.map((s) => s.close()));
  assert.equal(redactUrl('postgres://watch:s3cret@db.example.test:5432/mm'), 'postgres://watch:***@db.example.test:5432/mm');
  assert.equal(numberPlaceholders('a = ? AND b = ? OR c IN (?)'), 'a = $1 AND b = $2 OR c IN ($3)');
  // A newer schema than this mailmedic knows is refused, not run over.
  const pgm = await import('pg');
  const c = new pgm.default.Client({ connectionString: url });
  await c.connect();
  await c.query('UPDATE watch_schema SET version = 99');
  await c.end();
  await assert.rejects(openWatchStore(url), /newer mailmedic \(schema 99/);
});

/** A Postfix line `logs problems` reports as an error (a fatal daemon error), so a pass over it alerts. */
const logLine = (i: number) => `Dec  5 10:00:${String(i).padStart(2, '0')} mx postfix/master[${i}]: fatal: bind 0.0.0.0 port 25: Address already in use\n`;

test('watch run, report and mute through the CLI on PostgreSQL, in both languages; a database that does not answer is a clear error', { skip: POSTGRES_SKIP, timeout: 90_000 }, async () => {
  const url = await freshPgUrl();
  const log = join(dir, 'cli.log');
  writeFileSync(log, logLine(1) + logLine(2));
  const config = join(dir, 'cli.yaml');
  writeFileSync(config, `logs: [cli.log]\n`);
  const cli = (args: string[], lang = 'en') => spawnSync(process.execPath, [CLI, ...args, '--lang', lang], { env: baseEnv(), encoding: 'utf8', timeout: 60_000 });
  const run = cli(['watch', 'run', '-c', config, '--db', url, '--json']);
  assert.equal(run.status, 2, `exit 2: the pass found an error (${run.stderr})`);
  const data = JSON.parse(run.stdout).data as { database: string; items: { key: string }[] };
  assert.equal(data.database, url);
  assert.deepEqual(data.items.map((i) => i.key), [`log:${log}`]);
  const mute = cli(['watch', 'mute', `log:${log}`, '-c', config, '--db', url, '--for', '2h', '--reason', 'rotacja logów'], 'pl');
  assert.equal(mute.status, 0, mute.stderr);
  assert.match(mute.stdout, /wyciszono do/);
  const report = cli(['watch', 'report', '-c', config, '--db', url, '--since', '1h', '--markdown'], 'pl');
  assert.ok([0, 1, 2].includes(report.status!), report.stderr);
  assert.match(report.stdout, /przebiegi: 1/);
  const s = await openWatchStore(url);
  assert.deepEqual((await s.mutes(new Date().toISOString())).map((m) => m.reason), ['rotacja logów']);
  await s.close();
  const gone = cli(['watch', 'report', '-c', config, '--db', 'postgres://mailmedic@127.0.0.1:1/none']);
  assert.equal(gone.status, 69, 'unavailable');
  assert.equal(gone.stdout, '');
  assert.match(gone.stderr, /cannot connect to 127\.0\.0\.1:1: connection refused/);
  assert.doesNotMatch(gone.stderr, /\n\s+at /, 'no stack trace');
});

test('a muted item\'s alerts are stored, not sent, and not owed when the mute ends; the others are sent', async () => {
  const hook = await webhookReceiver(0);
  try {
    const logA = join(dir, 'a.log'), logB = join(dir, 'b.log');
    writeFileSync(logA, logLine(1)); writeFileSync(logB, logLine(2));
    const cfg = resolveConfigPaths(parseWatchConfig(`logs: [a.log, b.log]\nalerts:\n  webhook: { url: "${hook.url}", retries: 0 }\n`), dir);
    const store = await openWatchStore(join(dir, 'mute.db'));
    await store.mute(`log:${logA}`, new Date(Date.now() + 3_600_000).toISOString(), 'planned', new Date().toISOString());
    const dns = createDnsClient({ server: '127.0.0.1:9', timeoutMs: 100 });
    const first = await runWatchPass({ config: cfg, store, lang: 'pl', deps: { dns } });
    const items = new Set(first.alerts.map((a) => a.item));
    assert.ok(items.has(`log:${logA}`) && items.has(`log:${logB}`), [...items].join(', '));
    const sent = (hook.bodies as { alerts: { item: string }[] }[]).flatMap((b) => b.alerts.map((a) => a.item));
    assert.ok(sent.length > 0 && sent.every((i) => i === `log:${logB}`), sent.join(', '));
    const muted = first.report.findings.find((f) => f.check === 'watch.muted');
    assert.match(muted!.summary.pl, /wyciszonych/);
    await store.unmute(`log:${logA}`);
    const mutedIds = new Set(first.alerts.filter((a) => a.item === `log:${logA}`).map((a) => a.id));
    const before = hook.bodies.length;
    // No new lines: both logs' problems clear, and those recoveries are sent; the muted alerts are not owed.
    const second = await runWatchPass({ config: cfg, store, lang: 'pl', deps: { dns } });
    assert.ok(second.alerts.some((a) => a.item === `log:${logA}` && a.kind === 'cleared'));
    const later = (hook.bodies.slice(before) as { alerts: { id: string }[] }[]).flatMap((b) => b.alerts.map((a) => a.id));
    assert.ok(later.length && later.every((id) => !mutedIds.has(id)), 'nothing owed: the muted alerts were not failed deliveries');
    const stored = (await store.alerts()).filter((a) => mutedIds.has(a.id));
    assert.ok(stored.length && stored.every((a) => Object.values(a.delivery ?? {}).every((d) => d === 'muted')));
    await store.close();
  } finally { await hook.close(); }
});

test('daemon: an item with its own every: is checked on its interval, the rest on their kind\'s schedule', { timeout: 30_000 }, async () => {
  const fast = join(dir, 'fast.log'), slow = join(dir, 'slow.log');
  writeFileSync(fast, logLine(1)); writeFileSync(slow, logLine(2));
  const cfg = resolveConfigPaths(parseWatchConfig('logs:\n  - { path: fast.log, every: 1s }\n  - slow.log\nschedule:\n  logs: 1h\n'), dir);
  assert.deepEqual(cfg.every, { [`log:${fast}`]: 1000 });
  const store = await openWatchStore(join(dir, 'every.db'));
  const passes: string[][] = [];
  const stop = new AbortController();
  await runWatchDaemon({ config: cfg, store, lang: 'en', deps: () => ({ dns: createDnsClient({ server: '127.0.0.1:9', timeoutMs: 100 }) }), signal: stop.signal, maxPasses: 3, jitter: 0, onPass: (_r, keys) => passes.push(keys) });
  await store.close();
  assert.deepEqual(passes, [[`log:${fast}`, `log:${slow}`], [`log:${fast}`], [`log:${fast}`]]);
});

test('watch list: every: on any item and history: keep_results / keep_alerts, checked with the key named', () => {
  const cfg = parseWatchConfig(`domains:\n  - { domain: example.test, every: 6h }\nips:\n  - { ip: 192.0.2.1, every: 10m }\n  - 192.0.2.2\nservers:\n  - { protocol: imap, host: mail.example.test, every: 1m }\nhistory:\n  keep_results: 30d\n`);
  assert.deepEqual(cfg.every, { 'domain:example.test': 21_600_000, 'ip:192.0.2.1': 600_000, 'imap:mail.example.test:993': 60_000 });
  assert.deepEqual(cfg.ips, ['192.0.2.1', '192.0.2.2']);
  assert.deepEqual(cfg.history, { keepResults: 30 * 86_400_000, keepAlerts: 400 * 86_400_000 });
  for (const [text, key] of [
    ['ips:\n  - { ip: 192.0.2.1, every: 8d }\n', 'ips[0].every'],
    ['ips:\n  - { ip: 192.0.2.1, often: 1m }\n', 'ips[0].often'],
    ['logs:\n  - { every: 1m }\n', 'logs[0].path'],
    ['ips: [192.0.2.1]\nhistory:\n  keep_results: 2h\n', 'history.keep_results'],
    ['ips: [192.0.2.1]\nhistory:\n  forever: true\n', 'history.forever'],
  ] as const) {
    assert.throws(() => parseWatchConfig(text), (e: Error & { key?: string }) => e.key === key, text);
  }
});

test('--db that cannot be a history: a folder, a file in a folder that does not exist (66), a URL that is no URL (64, password hidden)', () => {
  const config = join(dir, 'db-option.yaml');
  writeFileSync(config, 'logs: [cli.log]\n');
  const run = (db: string) => spawnSync(process.execPath, [CLI, 'watch', 'run', '-c', config, '--db', db], { env: baseEnv(), encoding: 'utf8', timeout: 30_000 });
  const folder = run(dir);
  assert.equal(folder.status, 66);
  assert.match(folder.stderr, /it is a directory, not a file/);
  const noDir = run(join(dir, 'missing', 'watch.db'));
  assert.equal(noDir.status, 66);
  assert.match(noDir.stderr, /missing: no such file/);
  const badUrl = run('postgres://watch:s3cret@[::1/mm');
  assert.equal(badUrl.status, 64);
  assert.match(badUrl.stderr, /is not a PostgreSQL URL/);
  assert.doesNotMatch(badUrl.stderr, /s3cret/);
});
