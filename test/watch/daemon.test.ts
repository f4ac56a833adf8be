// `watch daemon` (issue 19): passes on the list's own schedule until SIGTERM, which lets the pass in hand finish
// (exit 0); killed outright (SIGKILL) and started again it keeps its states, so the alert already sent is not sent
// again. A watched SMTP server on a closed loopback port is the item: it fails every pass, and alerts once, after
// its second failure.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { openWatchStore } from '../../src/watch/store/index.js';
import { parseWatchConfig } from '../../src/watch/config.js';
import { CLI } from '../helpers/env.js';
import { baseEnv } from '../cli/usage-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'mm-watchd-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function closedPort(): Promise<number> {
  return new Promise((ok) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as AddressInfo).port; s.close(() => ok(p)); }); });
}
async function counts(db: string): Promise<{ runs: number; alerts: number }> {
  const store = await openWatchStore(db);
  try { return { runs: (await store.runs()).filter((r) => r.finishedAt).length, alerts: (await store.alerts()).length }; } finally { await store.close(); }
}
async function until(what: string, ok: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
function daemon(config: string, db: string): { child: ChildProcess; out: () => string } {
  let out = '';
  const child = spawn(process.execPath, [CLI, 'watch', 'daemon', '-c', config, '--db', db], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => { out += d; });
  child.stderr!.on('data', (d: Buffer) => { out += d; });
  return { child, out: () => out };
}
const exited = (c: ChildProcess) => new Promise<number | null>((r) => (c.exitCode !== null ? r(c.exitCode) : c.once('exit', (code) => r(code))));

test('schedule: "1s", 30s, 5m, 1h, 7d, a number of seconds; out of range and nonsense are refused with the key named', () => {
  const base = 'ips:\n  - 192.0.2.1\n';
  assert.equal(parseWatchConfig(base).schedule.servers, 300_000, 'servers every 5 minutes by default');
  assert.equal(parseWatchConfig(`${base}schedule:\n  ips: 90s\n`).schedule.ips, 90_000);
  assert.equal(parseWatchConfig(`${base}schedule:\n  ips: 2\n`).schedule.ips, 2000);
  assert.equal(parseWatchConfig(`${base}schedule:\n  domains: 7d\n`).schedule.domains, 7 * 86_400_000);
  for (const bad of ['0s', '8d', 'soon', '-5m', '1.5h']) {
    assert.throws(() => parseWatchConfig(`${base}schedule:\n  ips: "${bad}"\n`), /schedule\.ips/, bad);
  }
  assert.throws(() => parseWatchConfig(`${base}schedule:\n  weekly: 1d\n`), /schedule\.weekly/);
});

test('watch daemon: passes on schedule, one alert for a server failing every pass, SIGTERM ends it cleanly; SIGKILL and a restart repeat nothing', { timeout: 120_000 }, async () => {
  const config = join(dir, 'watch.yaml');
  const db = join(dir, 'watch.db');
  writeFileSync(config, `schedule:\n  servers: 1s\nservers:\n  - { protocol: smtp, host: 127.0.0.1, port: ${await closedPort()}, tls: starttls }\nalerts:\n  probe_failures: 2\n`);
  const first = daemon(config, db);
  await until('three passes', async () => (await counts(db)).runs >= 3);
  first.child.kill('SIGTERM');
  assert.equal(await exited(first.child), 0, first.out());
  const afterFirst = await counts(db);
  assert.equal(afterFirst.alerts, 1, 'the failing server alerted once, after its second failure');
  assert.match(first.out(), /watch\.alert\.appeared/);

  // Killed outright in the middle of its work, then started again: the state is kept, nothing is alerted twice.
  const second = daemon(config, db);
  await until('a pass of the second daemon', async () => (await counts(db)).runs >= afterFirst.runs + 1);
  second.child.kill('SIGKILL');
  await exited(second.child);
  const third = daemon(config, db);
  await until('two passes of the third daemon', async () => (await counts(db)).runs >= afterFirst.runs + 3);
  third.child.kill('SIGTERM');
  assert.equal(await exited(third.child), 0);
  assert.equal((await counts(db)).alerts, 1, 'still one alert: the restart remembered what was already said');
});

test('watch daemon: the list edited while it runs is read again (a new item checked); a broken edit is said and the old list kept', { timeout: 60_000 }, async () => {
  const config = join(dir, 'reload.yaml');
  const db = join(dir, 'reload.db');
  const port = await closedPort();
  const log = join(dir, 'reload.log');
  writeFileSync(log, '');
  writeFileSync(config, `schedule:\n  servers: 1s\n  logs: 1s\nservers:\n  - { protocol: smtp, host: 127.0.0.1, port: ${port}, tls: starttls }\n`);
  const d = daemon(config, db);
  try {
    await until('a first pass', async () => (await counts(db)).runs >= 1);
    writeFileSync(config, `schedule:\n  servers: 1s\n  logs: 1s\nservers:\n  - { protocol: smtp, host: 127.0.0.1, port: ${port}, tls: starttls }\nlogs: [reload.log]\n`);
    const logChecked = async () => {
      const store = await openWatchStore(db);
      try { return (await store.results()).some((r) => r.item === `log:${log}`); } finally { await store.close(); }
    };
    await until('the new log item checked', logChecked);
    writeFileSync(config, 'servers: [ {protocol: smtp\n');
    await until('the broken edit said', async () => /the watch list changed but cannot be used/.test(d.out()));
    const before = (await counts(db)).runs;
    await until('passes go on with the old list', async () => (await counts(db)).runs >= before + 2);
  } finally {
    d.child.kill('SIGTERM');
    assert.equal(await exited(d.child), 0, d.out());
  }
});
