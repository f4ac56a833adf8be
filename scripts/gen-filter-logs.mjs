#!/usr/bin/env node
// Regenerates test/logs/fixtures/filters/ from real servers: starts testenv/filters (Postfix with postscreen and
// local DNSBLs, amavisd-new + SpamAssassin as content filter, opendkim, Dovecot, rsyslog, and a filter MX with
// policyd-spf, opendmarc, clamd + clamav-milter, spamd + spamass-milter and rspamd; loopback and private namespaces only), drives testenv/filters/traffic.sh through it, keeps the maillog it wrote (classic stamps and
// the same lines with RFC 3339 stamps) and the traffic script's console, then stops everything. Needs root.
//   node scripts/gen-filter-logs.mjs [--port-base 34700] [--out DIR]
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const out = arg('--out', join(root, 'test', 'logs', 'fixtures', 'filters'));
const env = { ...process.env, ROOT: mkdtempSync(join(tmpdir(), 'mm-filters-')), PORT_BASE: arg('--port-base', process.env.PORT_BASE ?? '34700') };
// the daemons run as their own users (postfix, amavis, dovecot …): the folder must be theirs to enter
chmodSync(env.ROOT, 0o755);
const dir = join(root, 'testenv', 'filters');
const sh = (script, opts = {}) => spawnSync('sh', [join(dir, script)], { env, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });

// Bounded: a daemon that never comes up must fail the run (stop.sh below still stops what did start), not hang it.
const started = sh('start.sh', { stdio: ['ignore', 'inherit', 'inherit'], timeout: 180_000, killSignal: 'SIGKILL' });
try {
  if (started.status !== 0) throw new Error(`testenv/filters/start.sh failed${started.error ? `: ${started.error.message}` : ''}`);
  const traffic = sh('traffic.sh', { timeout: 180_000, killSignal: 'SIGKILL' });
  if (traffic.status !== 0) throw new Error(`traffic.sh failed: ${traffic.stderr}`);
  mkdirSync(out, { recursive: true });
  for (const f of ['maillog', 'maillog.rfc3339']) { copyFileSync(join(env.ROOT, f), join(out, f)); chmodSync(join(out, f), 0o644); }
  // the console part (the log follows a separator line)
  writeFileSync(join(out, 'traffic.txt'), traffic.stdout.split('\n====================')[0] + '\n');
  console.log(`wrote ${out}/{maillog,maillog.rfc3339,traffic.txt}`);
} finally {
  sh('stop.sh', { stdio: ['ignore', 'inherit', 'inherit'] });
  rmSync(env.ROOT, { recursive: true, force: true });
}
