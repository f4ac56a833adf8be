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
