/**
 * Bad invocations of every command that fail before any network or file work, for the usage-error tests.
 * `capture-usage-en.ts` recorded their English stderr and exit code before the messages became bilingual
 * (fixtures/usage-en.json), so the tests can prove the English did not change.
 */
import { spawnSync } from 'node:child_process';
import { CLI } from '../helpers/env.js';

export interface UsageCase {
  /** argv after `mailmedic`; `--lang pl` is appended for the Polish run (after any positional of `logs`). */
  args: string[];
  /** Standard input (stdin is a pipe in tests, never a terminal). */
  input?: string;
  /** Extra environment. */
  env?: Record<string, string>;
  /** This case names a language itself, so only the environment variant applies. */
  envOnly?: boolean;
}

const NOFILE = '/nonexistent/mailmedic-usage-test';

export const USAGE_CASES: UsageCase[] = [
  // main
  { args: ['nope'] },
  // common parsing (Node's parseArgs and the common options), through explain
  { args: ['explain', '--nope', 'x'] },
  { args: ['explain', '-Z', 'x'] },
  { args: ['explain', 'x', '--file'] },
  { args: ['explain', '--json=yes', 'x'] },
  { args: ['explain', 'x', '--lang'], envOnly: true },
  { args: ['explain', '--lang', 'de', 'x'], envOnly: true },
  { args: ['explain', '--format', 'yaml', 'x'] },
  { args: ['explain', '--json', '--csv', 'x'] },
  // explain
  { args: ['explain', '--domain', 'not a domain', 'x'] },
  { args: ['explain', '--ip', 'nope', 'x'] },
  { args: ['explain', '--file', NOFILE, 'text too'] },
  { args: ['explain', ' '] },
  { args: ['explain'], input: '' },
  { args: ['explain', '-'], input: '  \n' },
  { args: ['explain', '--file', NOFILE] },
  // queue (added with the command; its English recorded when it was written)
  { args: ['queue', 'a', 'b'] },
  { args: ['queue', '--mta', 'qmail', 'x.txt'] },
  { args: ['queue', '--max-age', '5x', 'x.txt'] },
  { args: ['queue', '--nope'] },
  { args: ['queue', NOFILE] },
  // ship, worker, query (issue 20; recorded when written)
  { args: ['ship'] },
  { args: ['ship', 'logs'] },
  { args: ['ship', 'bounce', '--timeout', 'soon'] },
  { args: ['worker', 'bounces'] },
  { args: ['worker', 'nope', '--db', 'postgres://x@127.0.0.1/db'] },
  { args: ['worker', 'bounces', '--db', 'postgres://x@127.0.0.1/db', '--metrics', 'nope'] },
  { args: ['query'] },
  { args: ['query', 'suppression'] },
  { args: ['query', 'suppression', '--db', 'postgres://x@127.0.0.1/db', '--limit', '0'] },
  // ship logs, worker logs, the other query questions (issue 20, the log side; recorded when written)
  { args: ['ship', 'logs', '-'] },
  { args: ['ship', 'logs', 'mail.log', '--batch-lines', '0'] },
  { args: ['worker', 'logs'] },
  { args: ['worker', 'logs', '--db', 'postgres://x@127.0.0.1/db', '--max-size', '1M'] },
  { args: ['worker', 'bounces', '--db', 'postgres://x@127.0.0.1/db', '--keep-stories', '30d'] },
  { args: ['worker', 'bounces', '--db', 'postgres://x@127.0.0.1/db', '--max-size', '10'] },
  { args: ['worker', 'logs', '--db', 'postgres://x@127.0.0.1/db', '--keep-stories', '5m'] },
  { args: ['worker', 'logs', '--db', 'mysql://x@127.0.0.1/db'] },
  { args: ['query', 'hosts', '--db', 'postgres://x:secret@/db'] },
  { args: ['query', 'message', '--db', 'postgres://x@127.0.0.1/db'] },
  { args: ['query', 'bounces', '--db', 'postgres://x@127.0.0.1/db'] },
  { args: ['query', 'hosts', '--db', 'postgres://x@127.0.0.1/db', '--by', 'week'] },
  { args: ['query', 'problems', '--db', 'postgres://x@127.0.0.1/db', '--since', 'soon'] },
  // bounce
  { args: ['bounce'] },
  { args: ['bounce', '--nope', 'x.eml'] },
  { args: ['bounce', '-x', 'x.eml'] },
  // domain
  { args: ['domain'] },
  { args: ['domain', 'a.test', 'b.test', '--jobs', '0'] },
  { args: ['domain', 'a.test', '--timeout', 'abc'] },
  { args: ['domain', 'a.test', '--retries', '99'] },
  { args: ['domain', 'a.test', '--resolver', 'nope'] },
  { args: ['domain', 'a.test', '--resolver', '127.0.0.1:99999'] },
  { args: ['domain', 'a.test', '--dnsbl-lists', NOFILE] },
  { args: ['domain', 'a.test', '--ip'] },
  // spf
  { args: ['spf'] },
  { args: ['spf', 'a.test', '--resolver', '[::1'] },
  { args: ['spf', 'a.test', '--helo'] },
  // probe
  { args: ['probe'] },
  { args: ['probe', 'ftp', 'h.test'] },
  { args: ['probe', 'smtp'] },
  { args: ['probe', 'smtp', 'h.test', '--tls', 'bad'] },
  { args: ['probe', 'smtp', 'h.test', '--auth', 'x'] },
  { args: ['probe', 'smtp', 'h.test', '--password-env', 'MAILMEDIC_USAGE_TEST_UNSET'] },
  { args: ['probe', 'smtp', 'h.test', '-u', 'me', '--password-stdin'], input: '\n' },
  { args: ['probe', 'smtp', 'h.test', '-u', 'me'] },
  { args: ['probe', 'smtp', 'h.test:25:ssl:x'] },
  { args: ['probe', 'smtp', 'bad host!'] },
  { args: ['probe', 'smtp', 'h.test', '-p', '0'] },
  { args: ['probe', 'smtp', 'h.test', '--send'] },
  { args: ['probe', 'smtp', 'h.test', '--timeout-connect', '-1'] },
  // settings
  { args: ['settings'] },
  { args: ['settings', 'a@b.test', 'c@d.test'] },
  { args: ['settings', 'a@b.test', '--smtp', 'bad'] },
  // logs
  { args: ['logs'], input: '' },
  { args: ['logs', 'nope', '/dev/null'] },
  { args: ['logs', 'trace', '/dev/null'] },
  { args: ['logs', 'trace', '/dev/null', '--since', 'garbage'] },
  { args: ['logs', 'trace', '/dev/null', '--to', 'a@b.test', '--limit', '0'] },
  { args: ['logs', 'follow'] },
  { args: ['logs', 'follow', '/dev/null', '--webhook', 'ftp://x'] },
  { args: ['logs', 'summary', '/dev/null', '--top', '0'] },
  { args: ['logs', 'problems', '/dev/null', '--per-hour', 'x'] },
  // message
  { args: ['message'] },
  { args: ['message', 'a.eml', 'b.eml'] },
  { args: ['message', NOFILE, '--ip', '192.0.2.1'] },
  { args: ['message', NOFILE, '--verify', '--dnsbl', 'bad zone!'] },
  { args: ['message', NOFILE, '--verify', '--resolver', 'nope'] },
  { args: ['message', NOFILE, '--verify', '--ip', 'nope'] },
  { args: ['message', NOFILE, '--timeout', '0'] },
  // doctor
  { args: ['doctor', '--case', 'nope', '--no-interactive'] },
  { args: ['doctor', '--no-interactive'] },
  { args: ['doctor', '--case', 'vps-send', '--sent-today', 'abc', '--no-interactive'] },
  { args: ['doctor', '--case', 'vps-send', '--server', 'h.test', '--security', 'ssl', '--no-interactive'] },
  { args: ['doctor', '--case', 'vps-send', '--timeout', '0', '--no-interactive'] },
  // serve
  { args: ['serve', '--port', '99999'] },
  { args: ['serve', '--nope'] },
  { args: ['serve', '--watch-db', 'watch.db'] },
  // serve --stream-db (issue 20, the results on the web; recorded when written): a file is no URL, a password is hidden
  { args: ['serve', '--stream-db', 'results.db'] },
  { args: ['serve', '--stream-db', 'postgres://web:secret@db.example.test:99999/x'] },
  // watch
  { args: ['watch'] },
  { args: ['watch', 'run'] },
  { args: ['watch', 'run', '--config', 'test/watch/fixtures/bad-key.yaml'] },
  { args: ['watch', 'report', '--config', 'test/watch/fixtures/bad-key.yaml', '--since', 'soon'] },
  { args: ['watch', 'mute', '--config', 'test/watch/fixtures/bad-key.yaml'] },
  { args: ['watch', 'run', '--config', 'test/watch/fixtures/bad-key.yaml', '--db', 'postgres://watch:secret@db.example.test:99999/x'] },
  { args: ['watch', 'mute', 'smtp:mail.example.test:587', '--config', 'test/watch/fixtures/bad-key.yaml', '--for', 'a while'] },
];

/** The environment with no language set (English), plus the case's own. */
export function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.LC_ALL;
  delete env.LC_MESSAGES;
  delete env.LANG;
  delete env.MAILMEDIC_PASSWORD;
  delete env.MAILMEDIC_USAGE_TEST_UNSET;
  return { ...env, ...extra };
}

export function runCli(args: string[], input = '', env: NodeJS.ProcessEnv = baseEnv()): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function caseKey(c: UsageCase): string {
  return JSON.stringify(c.args) + (c.input !== undefined ? ` <${JSON.stringify(c.input)}` : '');
}
