// `mailmedic serve` as a user starts it: one command, prints its URL, answers, stops cleanly on SIGTERM.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { CLI, testEnv } from '../helpers/env.js';

// The test DNS (loopback) is named even where no lookup is expected: the system resolver is never asked.
const DNS = ['--dns', `${testEnv().host}:${testEnv().dnsPort}`];

test('serve starts on a free port, prints the URL, serves the app and stops on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet', ...DNS], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const t = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) { clearTimeout(t); resolve(m[1]!); }
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    const home = await fetch(url + '/', { headers: { 'Accept-Language': 'pl' } });
    assert.equal(home.status, 200);
    assert.match(await home.text(), /Krok po kroku/);
    const health = await (await fetch(url + '/api/health')).json();
    assert.equal(health.ok, true);
    assert.equal(health.exposed, false);
    // Every capability of this build is reported as present (a wrong export name would say false).
    assert.deepEqual(Object.values(health.capabilities).filter((v) => v !== true), []);
  } finally {
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});

test('serve --port with nonsense is a usage error', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', 'http', ...DNS], { stdio: 'ignore' });
  assert.equal(await new Promise((r) => child.on('exit', (code) => r(code))), 64);
});

test('serve --host 0.0.0.0 prints a link with a token, says why in both languages, and refuses requests without it', async () => {
  const child = spawn(process.execPath, [CLI, 'serve', '--host', '0.0.0.0', '--port', '0', '--quiet', '--lang', 'pl', ...DNS], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const [port, token] = await new Promise<[string, string]>((resolve, reject) => {
      let out = '';
      const t = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 15_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /http:\/\/0\.0\.0\.0:(\d+)\/\?token=([\w-]+)\n/.exec(out);
        if (m) { clearTimeout(t); resolve([m[1]!, m[2]!]); }
      });
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
    });
    // Over loopback only.
    assert.equal((await fetch(`http://127.0.0.1:${port}/api/health`)).status, 401);
    const ok = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
    assert.equal(ok.status, 303);
    assert.match(err, /dostępna z sieci .*\?token=/);
  } finally {
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
  }
});
