// The probe command line: default ports, host:port:tls targets, concurrency, usage errors, exit codes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { CLI, testEnv } from '../helpers/env.js';

const run = promisify(execFile);
const env = testEnv();
type Out = { stdout: string; stderr: string; code?: number };
const cli = (args: string[]): Promise<Out> => run(process.execPath, [CLI, ...args], { timeout: 30_000 }).then((r) => ({ ...r, code: 0 }), (e: Out) => e);

test('without a port, SMTP tries 587, 465 and 25 and reports each (refused on this machine)', async () => {
  const r = await cli(['probe', 'smtp', '127.0.0.1', '--json', '--timeout-connect', '2']);
  const report = JSON.parse(r.stdout) as { tables: { rows: string[][] }[]; data: { results: { port: number; reached: boolean }[] } };
  assert.deepEqual(report.data.results.map((x) => x.port), [587, 465, 25]);
  assert.equal(report.tables[0]!.rows.length, 3);
  assert.equal(r.code, 2);
});

test('host:port:tls targets, several at once with a concurrency bound, in the order given', async () => {
  const r = await cli(['probe', 'smtp', `127.0.0.1:${env.smtps}:ssl`, `127.0.0.1:${env.submission}:starttls`, `127.0.0.1:${env.smtp}`, '--concurrency', '2', '--json']);
  const report = JSON.parse(r.stdout) as { data: { results: { port: number; tlsMode: string; reached: boolean }[] } };
  assert.deepEqual(report.data.results.map((x) => [x.port, x.tlsMode, x.reached]), [[env.smtps, 'implicit', true], [env.submission, 'starttls', true], [env.smtp, 'starttls', true]]);
});

test('usage errors exit 64', async () => {
  for (const args of [['probe'], ['probe', 'ftp', 'x'], ['probe', 'smtp'], ['probe', 'smtp', 'h', '--tls', 'maybe'], ['probe', 'smtp', 'h', '--auth', 'NTLM'],
    ['probe', 'smtp', 'h', '--concurrency', '0'], ['probe', 'smtp', 'h:99999'], ['probe', 'smtp', 'h', '--send'], ['probe', 'smtp', 'bad host']]) {
    const r = await cli(args);
    assert.equal(r.code, 64, args.join(' '));
  }
});

test('Polish output', async () => {
  const r = await cli(['probe', 'imap', `127.0.0.1:${env.imaps}:ssl`, '--lang', 'pl']);
  assert.match(r.stdout, /Połączono z 127\.0\.0\.1/);
  assert.match(r.stdout, /Sprawdzone porty IMAP/);
});

test('with --user and no password source, a terminal prompt asks without echo (through a pseudo-terminal)', async (t) => {
  const hasScript = await run('sh', ['-c', 'command -v script']).then(() => true, () => false);
  if (!hasScript) { t.skip('util-linux script(1) is not installed'); return; }
  const pw = env.users['alice@example.test']!;
  const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} probe smtp 127.0.0.1:${env.submission} -u alice@example.test --no-color`;
  const child = execFile('script', ['-qec', cmd, '/dev/null'], { timeout: 30_000 });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => {
    out += String(d);
    if (out.includes('Password for') && !out.includes('\u0000sent')) { out += '\u0000sent'; child.stdin!.write(pw + '\r'); }
  });
  await new Promise((r) => child.on('close', r));
  assert.match(out, /Password for alice@example\.test:/);
  assert.match(out, /Logged in as alice@example\.test/);
  assert.ok(!out.includes(pw), 'the typed password is not echoed');
});

test('several ports of one host: the first that works and offers login is recommended', async () => {
  const r = await cli(['probe', 'smtp', '127.0.0.1', '-p', String(env.smtp), '-p', String(env.submission), '--json']);
  const report = JSON.parse(r.stdout) as { findings: { check: string; data?: { port?: number; security?: string } }[] };
  const rec = report.findings.find((f) => f.check === 'probe.smtp.recommendation')!;
  assert.deepEqual([rec.data?.port, rec.data?.security], [env.submission, 'STARTTLS']);
});

test('one port: a closing verdict in one sentence, with the main problem in the reader\'s language', async () => {
  const user = 'alice@example.test';
  const runWith = (password: string, lang: string) => run(process.execPath, [CLI, 'probe', 'smtp', `127.0.0.1:${env.submission}`, '-u', user, '--password-env', 'MM_PW', '--json', '--lang', lang],
    { env: { ...process.env, MM_PW: password }, timeout: 30_000 }).then((r) => r.stdout, (e: Out) => e.stdout);
  type F = { check: string; status: string; summary: { en: string; pl: string }; data?: { works?: boolean } };
  const verdictOf = (out: string) => (JSON.parse(out) as { findings: F[] }).findings.find((f) => f.check === 'probe.smtp.recommendation')!;
  const good = verdictOf(await runWith(env.users[user]!, 'en'));
  assert.equal(good.data?.works, true);
  // The test server's certificate is self-signed: works, but with a warning to read.
  assert.match(good.summary.en, /^In short: 127\.0\.0\.1 port \d+ works with STARTTLS, but read the warnings above\.$/);
  assert.match(good.summary.pl, /działa \(szyfrowanie: STARTTLS\)/);
  const bad = verdictOf(await runWith('not-the-password', 'pl'));
  assert.equal(bad.status, 'error');
  assert.equal(bad.data?.works, false);
  assert.match(bad.summary.en, /port \d+ answers, but there is a problem: The server rejected the user name or password/);
  assert.match(bad.summary.pl, /odpowiada, ale jest problem: Serwer odrzucił nazwę użytkownika lub hasło/);
  // A session that never got going "does not work as set".
  const refused = verdictOf((await cli(['probe', 'smtp', '127.0.0.1:1', '--json'])).stdout);
  assert.match(refused.summary.en, /^In short: 127\.0\.0\.1 port 1 does not work as set\. Main problem: The connection to 127\.0\.0\.1 port 1 was refused/);
});

test('the terminal table fits 80 columns without clipping host:port', async () => {
  const r = await cli(['probe', 'smtp', `127.0.0.1:${env.submission}`, '--lang', 'pl', '--no-color']);
  const lines = r.stdout.split('\n');
  assert.ok(lines.every((l) => [...l].length <= 80), 'a line is wider than 80 columns');
  assert.ok(lines.some((l) => l.startsWith(`127.0.0.1:${env.submission} `)), 'host:port shown whole in the table');
});

test('every port failing for the same reason (the name does not resolve): the closing sentence names it once', async () => {
  const r = await cli(['probe', 'imap', 'nosuch.example.test', '--resolver', `127.0.0.1:${env.dnsPort}`, '--json']);
  const report = JSON.parse(r.stdout) as { findings: { check: string; summary: { en: string; pl: string } }[] };
  const rec = report.findings.find((f) => f.check === 'probe.imap.recommendation')!;
  assert.match(rec.summary.en, /^None of the ports tried on nosuch\.example\.test \(993, 143\) works, for the same reason: The server name nosuch\.example\.test does not exist in DNS/);
  assert.match(rec.summary.pl, /z tego samego powodu: Nazwa serwera nosuch\.example\.test nie istnieje w DNS/);
});
