// The doctor command as a help desk runs it: --answers, the support report in Markdown, HTML and JSON,
// progress on stderr, passwords in none of the outputs.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { CLI, SHARED, testEnv, NEEDS_SHARED } from '../helpers/env.js';

const run = promisify(execFile);
const SHARED_BOUNCES = join(SHARED, 'corpus', 'bounces', 'sisimai', 'eml');
const env = testEnv();
const dir = mkdtempSync(join(tmpdir(), 'mm-doctor-'));
const PASSWORD = 'Hunter2-very-secret';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const FORMS = [PASSWORD, b64(PASSWORD), b64(`\0alice@example.test\0${PASSWORD}`), b64(`alice@example.test\0alice@example.test\0${PASSWORD}`)];

/** Every run names the test DNS (loopback), even where no lookup is expected: the system resolver is never asked. */
async function cli(args: string[], extraEnv: Record<string, string> = {}) {
  const argv = args.includes('--dns') ? args : [...args, '--dns', `${env.host}:${env.dnsPort}`];
  try {
    const r = await run(process.execPath, [CLI, ...argv], { env: { ...process.env, ...extraEnv }, timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const common = ['--dns', `${env.host}:${env.dnsPort}`, '--ca', join(env.certs, 'cert.pem'), '--timeout', '20000'];

test('the support report in every format holds the required facts and never the password', async () => {
  const answers = join(dir, 'answers.json');
  writeFileSync(answers, JSON.stringify({
    case: 'client-send', address: 'alice@example.test', client: 'Thunderbird 128.3', error: '535 5.7.8 Error: authentication failed',
    sentAt: '2026-11-23 09:40', to: 'bob@example.test',
    server: { host: env.host, port: env.submission, security: 'starttls', user: 'alice@example.test', password: PASSWORD },
  }));
  for (const [ext, lang] of [['md', 'en'], ['html', 'pl'], ['json', 'en']] as const) {
    const out = join(dir, `report.${ext}`);
    const r = await cli(['doctor', '--answers', answers, '--output', out, '--lang', lang, '--progress', ...common]);
    assert.equal(r.code, 2, r.stderr);
    const text = readFileSync(out, 'utf8');
    const plain = text.replace(/\\/g, '');
    for (const f of FORMS) assert.ok(!text.includes(f), `${ext}: a form of the password leaked`);
    for (const f of FORMS) assert.ok(!r.stderr.includes(f) && !r.stdout.includes(f));
    for (const fact of ['alice@example.test', 'Thunderbird 128.3', '535 5.7.8', '2026-11-23 09:40', 'bob@example.test']) {
      assert.ok(plain.includes(fact), `${ext}: fact ${fact}`);
    }
    if (ext === 'json') {
      const rep = JSON.parse(text);
      assert.equal(rep.schema, 'mailmedic.report');
      assert.equal(rep.data.causes[0].check, 'probe.smtp.auth');
      assert.ok(rep.findings.some((f: { check: string }) => f.check === 'doctor.transcript.probe.send'));
    }
    if (ext === 'html') assert.match(text, /Dla pomocy technicznej/);
    assert.match(r.stderr, lang === 'pl' ? /sprawdzam/ : /checking/);
  }
});

test('flags instead of a file; the password comes only from the environment', async () => {
  const r = await cli(['doctor', '--no-interactive', '--case', 'client-send', '--address', 'alice@example.test', '--server', `${env.host}:${env.submission}`,
    '--security', 'starttls', '--user', 'alice@example.test', '--json', ...common], { MAILMEDIC_PASSWORD: env.users['alice@example.test']! });
  const rep = JSON.parse(r.stdout);
  const auth = rep.findings.find((f: { check: string }) => f.check.startsWith('probe.smtp.auth') && f.check !== 'probe.smtp.auth.mechanisms');
  assert.equal(auth?.status, 'ok', JSON.stringify(rep.findings.filter((f: { status: string }) => f.status !== 'ok').map((f: { check: string; summary: { en: string } }) => f.check + ': ' + f.summary.en)));
  assert.ok(!r.stdout.includes(env.users['alice@example.test']!));
});

test('usage errors: unknown case, bad answers file, no case without a terminal; --list-cases', async () => {
  assert.equal((await cli(['doctor', '--case', 'nope'])).code, 64);
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"case": "client-send", "server": {"port": "http"}}');
  assert.equal((await cli(['doctor', '--answers', bad])).code, 64);
  writeFileSync(bad, '{not json');
  assert.equal((await cli(['doctor', '--answers', bad])).code, 64);
  writeFileSync(bad, '{"case":"webmail","hack":1}');
  assert.equal((await cli(['doctor', '--answers', bad])).code, 64);
  assert.equal((await cli(['doctor', '--no-interactive'])).code, 64);
  const list = await cli(['doctor', '--list-cases', '--lang', 'pl']);
  assert.equal(list.code, 0);
  assert.equal(list.stdout.trim().split('\n').length, 7);
  assert.match(list.stdout, /lost-message\s+7\. Wiadomość wysłana, ale nie dotarła/);
});

test('each of the seven cases walked with --answers through the CLI, against the real servers', NEEDS_SHARED, async () => {
  const bounce = join(SHARED_BOUNCES, 'lhost-postfix-04.eml');
  const cases: Record<string, Record<string, unknown>> = {
    'client-send': { address: 'alice@example.test', client: 'Thunderbird 128', server: { host: env.host, port: env.submission, security: 'starttls', user: 'alice@example.test', password: 'Cli-Wrong-1' } },
    'client-receive': { address: 'bob@example.test', client: 'Outlook', server: { protocol: 'pop3', host: env.host, port: env.pop3s, security: 'tls', user: 'bob@example.test', password: 'Cli-Wrong-2' } },
    webmail: { address: 'alice@example.test', webmailProblem: 'login', server: { host: env.host, port: env.imaps, security: 'tls', password: 'Cli-Wrong-3' } },
    'php-mail': { from: 'www@example.test', to: 'nobody@example.test', sentToday: 700, bounceFile: bounce },
    'vps-send': { from: 'alice@example.test', ip: '127.0.0.2', to: 'bob@example.test', logFile: env.maillog },
    'vps-receive': { domain: 'example.test', server: { host: env.host, port: env.smtp, security: 'none' }, logFile: env.maillog },
    'lost-message': { method: 'php', from: 'alice@example.test', to: 'bob@example.test', sentAt: '2026-11-23 08:00', bounceFile: bounce },
  };
  const expectTop: Record<string, RegExp> = {
    'client-send': /^probe\.smtp\.auth$/, 'client-receive': /^probe\.pop3\./, webmail: /^probe\.imap\./, 'php-mail': /^(doctor\.limits\.hosting-day|bounce\.)/,
  };
  await Promise.all(Object.entries(cases).map(async ([id, answers]) => {
    const file = join(dir, `${id}.json`);
    writeFileSync(file, JSON.stringify({ case: id, ...answers }));
    const r = await cli(['doctor', '--answers', file, '--json', '--dnsbl', 'zen.example.test', ...common]);
    assert.ok([0, 1, 2].includes(r.code), `${id}: exit ${r.code} ${r.stderr}`);
    const rep = JSON.parse(r.stdout);
    assert.equal(rep.data.case, id);
    assert.equal(rep.findings[0].check, 'doctor.diagnosis');
    assert.ok(rep.data.facts.length >= 3);
    if (expectTop[id]) assert.match(rep.data.causes[0]?.check ?? '', expectTop[id]!, `${id}: ${JSON.stringify(rep.data.causes.map((c: { check: string }) => c.check))}`);
    assert.ok(!/Cli-Wrong-\d/.test(r.stdout));
  }));
});
