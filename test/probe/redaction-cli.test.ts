// The password never leaves mailmedic: every output format (terminal, JSON, Markdown, HTML, CSV, --output files)
// is grepped for the password and its base64 forms, for PLAIN, LOGIN and CRAM-MD5, right and wrong passwords.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { Report } from '../../src/core/finding.js';
import { secretForms } from '../../src/probe/index.js';
import { render } from '../../src/report/index.js';
import { CLI, testEnv } from '../helpers/env.js';

const run = promisify(execFile);
const env = testEnv();
const user = 'alice@example.test';

async function cli(args: string[], password: string): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { env: { ...process.env, MM_PW: password }, timeout: 30_000 });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

function assertClean(text: string, password: string, what: string): void {
  for (const form of secretForms(user, password)) assert.ok(!text.includes(form), `${what} contains the password form "${form}"`);
  // base64 of "user password"-free forms like the AUTH LOGIN password line
  assert.ok(!text.includes(Buffer.from(password).toString('base64').replace(/=+$/, '')), `${what} contains base64 password`);
}

test('no output format leaks the password (right and wrong passwords, each AUTH mechanism, IMAP and POP3)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-redact-'));
  const good = env.users[user]!;
  // Few failed logins on purpose: Dovecot slows down an address after failures (auth penalty) for everyone.
  const cases: [string, string[]][] = [
    [good, ['probe', 'smtp', `127.0.0.1:${env.submission}`, '--auth', 'PLAIN']],
    [good, ['probe', 'smtp', `127.0.0.1:${env.submission}`, '--auth', 'LOGIN']],
    [good, ['probe', 'smtp', `127.0.0.1:${env.smtps}`, '--tls', 'implicit', '--auth', 'CRAM-MD5']],
    [good, ['probe', 'imap', `127.0.0.1:${env.imaps}`, '--tls', 'implicit']],
    [good, ['probe', 'pop3', `127.0.0.1:${env.pop3}`]],
    ['Wr0ng-S3cret-pw', ['probe', 'smtp', `127.0.0.1:${env.submission}`, '--auth', 'LOGIN']],
  ];
  let i = 0;
  for (const [pw, base] of cases) {
    const args = [...base, '-u', user, '--password-env', 'MM_PW', '--transcript'];
    const what = base.join(' ');
    const term = await cli([...args, '--verbose'], pw);
    assert.ok(term.stdout.includes(' -> '), `${what}: terminal transcript printed (${term.stderr})`);
    assertClean(term.stdout + term.stderr, pw, `${what} terminal`);
    const file = join(dir, `out-${i++}.json`);
    await cli([...args, '--json', '--output', file], pw);
    const json = readFileSync(file, 'utf8');
    assertClean(json, pw, `${what} json file`);
    // The CLI is a thin shell over render(): every other format of the same report.
    const report = JSON.parse(json) as Report;
    for (const fmt of ['markdown', 'html', 'csv', 'terminal'] as const) {
      assertClean(render(report, fmt, { lang: 'pl', verbose: true }), pw, `${what} ${fmt}`);
    }
  }
  // And one run per remaining format through the CLI itself, to stdout and to an --output file.
  for (const fmt of ['--markdown', '--html', '--csv', '--verbose']) {
    const args = ['probe', 'smtp', `127.0.0.1:${env.submission}`, '-u', user, '--password-env', 'MM_PW', '--auth', 'PLAIN', '--transcript', fmt];
    const r = await cli(args, good);
    assertClean(r.stdout + r.stderr, good, `cli ${fmt}`);
    const file = join(dir, `out-${i++}${fmt}`);
    const w = await cli([...args, '--output', file], good);
    const written = readFileSync(file, 'utf8');
    assert.ok(written.length > 200, `cli ${fmt} --output wrote the report`);
    assertClean(written + w.stdout + w.stderr, good, `cli ${fmt} --output`);
  }
});

test('the JSON report carries the redacted transcript with directions and times', async () => {
  const r = await cli(['probe', 'smtp', `127.0.0.1:${env.submission}`, '-u', user, '--password-env', 'MM_PW', '--auth', 'LOGIN', '--transcript', '--json'], env.users[user]!);
  const report = JSON.parse(r.stdout) as { findings: { check: string; evidence?: { label?: string; value: string; atMs?: number }[] }[] };
  const t = report.findings.find((f) => f.check === 'probe.smtp.transcript')!;
  assert.ok(t.evidence!.length > 10);
  assert.ok(t.evidence!.every((e) => typeof e.atMs === 'number' && ['C', 'S', '*'].includes(e.label!)));
  assert.ok(t.evidence!.some((e) => e.label === 'C' && e.value === '********'));
});

test('--password-stdin reads the password; a missing --password-env variable is a usage error', async () => {
  const child = execFile(process.execPath, [CLI, 'probe', 'smtp', `127.0.0.1:${env.submission}`, '-u', user, '--password-stdin', '--json']);
  child.stdin!.end(env.users[user]! + '\n');
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  await new Promise((r) => child.on('close', r));
  const report = JSON.parse(out) as { findings: { check: string; status: string }[] };
  assert.equal(report.findings.find((f) => f.check === 'probe.smtp.auth')?.status, 'ok');
  const bad = await run(process.execPath, [CLI, 'probe', 'smtp', '127.0.0.1', '-u', user, '--password-env', 'MM_NOT_SET_ANYWHERE']).catch((e: { code: number; stderr: string }) => e);
  assert.equal((bad as { code: number }).code, 64);
  // An empty password is a usage error, not a silent "login not tested".
  const empty = await run(process.execPath, [CLI, 'probe', 'smtp', '127.0.0.1', '-u', user, '--password-env', 'MM_EMPTY'], { env: { ...process.env, MM_EMPTY: '' } })
    .catch((e: { code: number; stderr: string }) => e);
  assert.equal((empty as { code: number }).code, 64);
  assert.match((empty as { stderr: string }).stderr, /password is empty/);
});
