#!/usr/bin/env node
// `npm test`: start the real loopback mail environment (Postfix, Dovecot, NSD; see testenv/), run every
// compiled test file with node's test runner, stop the environment. Node's runner prints the summary CI reads.
// MAILMEDIC_TEST_ENV=path/to/env.json reuses an environment that is already running.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
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

if (!existsSync(join(root, '..', 'shared', 'corpus'))) {
  console.error('../shared is not beside the checkout: the tests that read the shared corpora and seeds are skipped (each says so); CI runs them all');
}

let envDir;
const env = { ...process.env };
if (!env.MAILMEDIC_TEST_ENV) {
  // On a fresh machine (as root) install the Debian packages the real-server tests need; idempotent.
  if (process.getuid?.() === 0 && ['/usr/sbin/nsd', '/usr/sbin/amavisd', '/usr/sbin/opendkim', '/usr/sbin/rsyslogd', '/usr/sbin/opendmarc', '/usr/bin/policyd-spf',
    '/usr/bin/rspamd', '/usr/sbin/clamd', '/usr/sbin/clamav-milter', '/usr/bin/sigtool', '/usr/sbin/spamd', '/usr/sbin/spamass-milter'].some((f) => !existsSync(f))) {
    const inst = spawnSync('bash', [join(root, '.ci', 'install-system.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (inst.status !== 0) { console.error('installing the Debian packages failed'); process.exit(1); }
  }
  envDir = mkdtempSync(join(tmpdir(), 'mailmedic-env-'));
  // The usual ports first; when one is taken (start.sh exits 3 and names it), the whole set moves up (staying
  // below the ephemeral range), unless the caller chose an offset.
  const offsets = env.MAILMEDIC_PORT_OFFSET ? [env.MAILMEDIC_PORT_OFFSET] : ['0', '10000', '20000'];
  let r;
  for (const off of offsets) {
    r = spawnSync('bash', [join(root, 'testenv', 'start.sh'), envDir], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...env, MAILMEDIC_PORT_OFFSET: off } });
    if (r.status !== 3) break;
    console.error(`(test ports +${off} are taken; trying the next set)`);
  }
  if (r.status !== 0) {
    console.error(r.status === 3
      ? 'could not start the test mail environment: its ports are taken (see above)'
      : 'could not start the test mail environment (see the lines above; on a fresh machine run .ci/install-system.sh as root first)');
    spawnSync('bash', [join(root, 'testenv', 'stop.sh'), envDir], { stdio: 'inherit' });
    rmSync(envDir, { recursive: true, force: true });
    process.exit(1);
  }
  env.MAILMEDIC_TEST_ENV = join(envDir, 'env.json');
}
const stop = () => {
  if (!envDir || !existsSync(envDir)) return;
  spawnSync('bash', [join(root, 'testenv', 'stop.sh'), envDir], { stdio: 'inherit' });
  rmSync(envDir, { recursive: true, force: true });
};
process.on('SIGINT', () => { stop(); process.exit(130); });
process.on('SIGTERM', () => { stop(); process.exit(143); });

const child = spawn(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=120000', ...selected], { stdio: 'inherit', env, cwd: root });
child.on('exit', (code, signal) => {
  stop();
  process.exit(code ?? (signal ? 1 : 0));
});
