#!/usr/bin/env node
// `npm test`: start the real loopback mail environment (Postfix, Dovecot, NSD; see testenv/), run every
// compiled test file with node's test runner, stop the environment. Node's runner prints the summary CI reads.
// MAILMEDIC_TEST_ENV=path/to/env.json reuses an environment that is already running.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const files = [];
(function walk(dir) {
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.test.js')) files.push(p);
  }
})(join(root, 'dist', 'test'));
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;

let envDir;
const env = { ...process.env };
if (!env.MAILMEDIC_TEST_ENV) {
  // On a fresh machine (as root) install the Debian packages the real-server tests need; idempotent.
  if (process.getuid?.() === 0 && ['/usr/sbin/nsd', '/usr/sbin/amavisd', '/usr/sbin/opendkim', '/usr/sbin/rsyslogd'].some((f) => !existsSync(f))) {
    const inst = spawnSync('bash', [join(root, '.ci', 'install-system.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (inst.status !== 0) { console.error('installing the Debian packages failed'); process.exit(1); }
  }
  envDir = mkdtempSync(join(tmpdir(), 'mailmedic-env-'));
  const r = spawnSync('bash', [join(root, 'testenv', 'start.sh'), envDir], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error('could not start the test mail environment (run .ci/install-system.sh as root first)');
    process.exit(1);
  }
  env.MAILMEDIC_TEST_ENV = join(envDir, 'env.json');
}
const stop = () => { if (envDir && existsSync(envDir)) spawnSync('bash', [join(root, 'testenv', 'stop.sh'), envDir], { stdio: 'inherit' }); };
process.on('SIGINT', () => { stop(); process.exit(130); });

const child = spawn(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=120000', ...selected], { stdio: 'inherit', env, cwd: root });
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
