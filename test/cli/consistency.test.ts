// One tool (issue 16): `help <command>`, colour decided the same way everywhere (FORCE_COLOR, NO_COLOR, flags),
// --resolver accepted by every DNS-asking command (the old names still work).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { useColor } from '../../src/cli/output.js';
import { CLI, testEnv } from '../helpers/env.js';
import { baseEnv } from './usage-cases.js';

const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: baseEnv(env), timeout: 60_000 });

test('mailmedic help <command> prints that command\'s help, in both languages', () => {
  for (const cmd of ['explain', 'bounce', 'domain', 'queue', 'doctor']) {
    const a = run(['help', cmd]);
    const b = run([cmd, '--help']);
    assert.equal(a.status, 0);
    assert.equal(a.stdout, b.stdout, cmd);
    assert.match(a.stdout, new RegExp(`mailmedic ${cmd}`));
  }
  assert.equal(run(['help', 'explain', '--lang', 'pl']).stdout, run(['explain', '--help', '--lang', 'pl']).stdout);
  assert.doesNotMatch(run(['help', 'doctor']).stdout, /seed 000/);
});

test('colour: --color/--no-color, then FORCE_COLOR, then NO_COLOR, then the terminal; never into a file', () => {
  assert.equal(useColor({}, {}, true), true);
  assert.equal(useColor({}, {}, false), false);
  assert.equal(useColor({}, { NO_COLOR: '1' }, true), false);
  for (const v of ['1', '2', '3', 'true', '']) assert.equal(useColor({}, { FORCE_COLOR: v, NO_COLOR: '1' }, false), true, `FORCE_COLOR=${v}`);
  for (const v of ['0', 'false']) assert.equal(useColor({}, { FORCE_COLOR: v }, true), false, `FORCE_COLOR=${v}`);
  assert.equal(useColor({ color: false }, { FORCE_COLOR: '1' }, true), false);
  assert.equal(useColor({ color: true }, { NO_COLOR: '1' }, false), true);
  assert.equal(useColor({ output: 'x.txt' }, { FORCE_COLOR: '1' }, true), false);
  // Through the CLI (stdout is a pipe here): FORCE_COLOR paints, FORCE_COLOR=0 and the default do not.
  assert.match(run(['explain', '550 5.1.1 user unknown'], { FORCE_COLOR: '1' }).stdout, /\x1b\[/);
  assert.doesNotMatch(run(['explain', '550 5.1.1 user unknown'], { FORCE_COLOR: '0' }).stdout, /\x1b\[/);
  assert.doesNotMatch(run(['explain', '550 5.1.1 user unknown']).stdout, /\x1b\[/);
});

test('--resolver in every command that asks DNS; the old --dns / --dns-server still work', () => {
  const env = testEnv();
  const dns = `${env.host}:${env.dnsPort}`;
  const domain = run(['domain', 'mm-good.test', '--resolver', dns, '--no-fetch', '--json']);
  assert.ok([0, 1, 2].includes(domain.status!), domain.stderr);
  for (const flag of ['--resolver', '--dns-server']) {
    const s = run(['settings', 'jan@hosted.mm-settings.test', flag, dns, '--json']);
    assert.ok([0, 1, 2].includes(s.status!), `${flag}: ${s.stderr}`);
    assert.match(s.stdout, /smtp\.1und1\.de/);
  }
  for (const flag of ['--resolver', '--dns']) {
    const d = run(['doctor', '--case', 'vps-receive', '--domain', 'mm-good.test', flag, dns, '--no-interactive', '--json', '--timeout', '5000']);
    assert.ok([0, 1, 2].includes(d.status!), `${flag}: ${d.stderr}`);
    assert.equal(JSON.parse(d.stdout).command, 'doctor');
  }
  for (const cmd of ['domain', 'spf', 'probe', 'settings', 'doctor', 'serve']) assert.match(run([cmd, '--help']).stdout, /--resolver/, cmd);
});

test('durations: one parser, units everywhere, a bare number keeps the unit each command always had', async () => {
  const { durationOption } = await import('../../src/cli/args.js');
  assert.equal(durationOption('timeout', '500ms', 0, 's', 1, 1e9), 500);
  assert.equal(durationOption('timeout', '5s', 0, 'ms', 1, 1e9), 5000);
  assert.equal(durationOption('timeout', '2m', 0, 'ms', 1, 1e9), 120_000);
  assert.equal(durationOption('timeout', '1h', 0, 'ms', 1, 1e10), 3_600_000);
  assert.equal(durationOption('timeout', '1.5s', 0, 'ms', 1, 1e9), 1500);
  assert.equal(durationOption('timeout', '20', 0, 's', 1, 1e9), 20_000, 'message: a bare number is seconds');
  assert.equal(durationOption('timeout', '2000', 0, 'ms', 1, 1e9), 2000, 'domain: a bare number is milliseconds');
  assert.equal(durationOption('timeout', undefined, 42, 'ms', 1, 1e9), 42);
  for (const bad of ['abc', '5x', '-1s', '1e3', ' ', '5 s s']) assert.throws(() => durationOption('timeout', bad, 0, 'ms', 1, 1e9), /must be a duration/, bad);
  assert.throws(() => durationOption('timeout', '2h', 0, 'ms', 1, 60_000), /from 1ms to 1m/);
  // Through the CLI: the same flag, units accepted, nonsense a usage error in both languages.
  const env = testEnv();
  const ok = run(['domain', 'mm-good.test', '--resolver', `${env.host}:${env.dnsPort}`, '--timeout', '2s', '--no-fetch', '--json']);
  assert.ok([0, 1, 2].includes(ok.status!), ok.stderr);
  const bad = run(['domain', 'mm-good.test', '--timeout', 'soon', '--lang', 'pl']);
  assert.equal(bad.status, 64);
  assert.match(bad.stderr, /--timeout musi być czasem od 50ms do 1m, np\. 500ms, 5s, 2m albo 1h \(sama liczba to ms\)/);
  assert.equal(run(['message', '-', '--timeout', 'x']).status, 64);
});
