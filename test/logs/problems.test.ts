import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import type { Finding } from '../../src/core/finding.js';
import { DEFAULT_LOG_LIMITS, findLogProblems, followLog } from '../../src/logs/index.js';
import { CLI } from '../helpers/env.js';

const p2 = (n: number) => String(n).padStart(2, '0');
const stamp = (min: number) => `Nov 23 ${p2(10 + Math.floor(min / 60))}:${p2(min % 60)}:00`;
const qid = (i: number) => (0xA00000 + i).toString(16).toUpperCase().padStart(10, '0');
const stdinOf = (lines: string[]) => Readable.from([Buffer.from(lines.join('\n') + '\n')]);
const now = () => new Date(2026, 10, 23, 18).getTime();

test('defaults come from the hosting help: 200/h and 500/day per account, 300/h per IP', () => {
  assert.equal(DEFAULT_LOG_LIMITS.accountPerHour, 200);
  assert.equal(DEFAULT_LOG_LIMITS.accountPerDay, 500);
  assert.equal(DEFAULT_LOG_LIMITS.ipPerHour, 300);
});

test('an account over the hourly limit, a rejection wave, a stuck message', async () => {
  const L: string[] = [];
  // 12 messages × 2 recipients in 50 minutes from one SASL user = 24 mails (limit 20 per hour)
  for (let i = 0; i < 12; i++) {
    const q = qid(i);
    L.push(`${stamp(i * 4)} mx postfix/submission/smtpd[100]: ${q}: client=unknown[203.0.113.9], sasl_method=PLAIN, sasl_username=shop@example.pl`);
    L.push(`${stamp(i * 4)} mx postfix/qmgr[2]: ${q}: from=<shop@example.pl>, size=2000, nrcpt=2 (queue active)`);
    for (const to of ['a@gmail.com', 'b@gmail.com']) {
      L.push(`${stamp(i * 4 + 1)} mx postfix/smtp[300]: ${q}: to=<${to}>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.7.1, status=bounced (host gmail-smtp-in.l.google.com[142.250.27.26] said: 550 5.7.1 Our system has detected that this message is likely unsolicited mail. To reduce the amount of spam sent to Gmail, this message has been blocked. (in reply to end of DATA command))`);
    }
    L.push(`${stamp(i * 4 + 1)} mx postfix/qmgr[2]: ${q}: removed`);
  }
  // deferred at 10:00 and still there at 17:00
  L.push(`${stamp(0)} mx postfix/pickup[5]: BEEF000001: uid=33 from=<www-data@example.pl>`);
  L.push(`${stamp(0)} mx postfix/qmgr[2]: BEEF000001: from=<www-data@example.pl>, size=900, nrcpt=1 (queue active)`);
  L.push(`${stamp(1)} mx postfix/smtp[301]: BEEF000001: to=<x@slow.example>, relay=none, delay=60, delays=0/0/60/0, dsn=4.4.1, status=deferred (connect to mx.slow.example[192.0.2.7]:25: Connection timed out)`);
  L.push(`${stamp(420)} mx postfix/anvil[9]: statistics: max connection rate 1/60s for (smtp:192.0.2.1) at ${stamp(420)}`);
  const r = await findLogProblems({ inputs: ['-'], stdin: stdinOf(L), now }, { ...DEFAULT_LOG_LIMITS, accountPerHour: 20, rejectWave: 10 });
  const by = (c: string) => r.findings.filter((f) => f.check === c);
  const hour = by('logs.limit.account-hour');
  assert.equal(hour.length, 1);
  assert.equal(hour[0]!.subject, 'shop@example.pl');
  assert.equal(hour[0]!.data!.count, 24);
  assert.equal(hour[0]!.status, 'error');
  assert.ok(hour[0]!.evidence!.length > 0);
  assert.equal(by('logs.limit.account-day').length, 0);
  const wave = by('logs.reject-wave');
  assert.equal(wave.length, 1);
  assert.equal(wave[0]!.subject, 'google.com');
  assert.equal(wave[0]!.data!.count, 24);
  assert.match(wave[0]!.evidence![0]!.value, /gmail-smtp-in/);
  const stuck = by('logs.queue.stuck');
  assert.equal(stuck.length, 1);
  assert.deepEqual(stuck[0]!.data!.qids, ['BEEF000001']);
  assert.match(stuck[0]!.summary.pl, /w kolejce/);
});

test('follow: problems as they happen, through rotation and truncation', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-follow-'));
  const file = join(dir, 'maillog');
  writeFileSync(file, 'Nov 23 10:00:00 mx postfix/master[1]: daemon started -- version 3.7.11\n');
  const found: Finding[] = [];
  const ac = new AbortController();
  const fail = (ip: string, i: number) => `Nov 23 10:0${i}:00 mx postfix/smtpd[7]: warning: unknown[${ip}]: SASL LOGIN authentication failed: authentication failure`;
  const done = followLog({ path: file, onFinding: (f) => found.push(f), pollMs: 30, signal: ac.signal, limits: { ...DEFAULT_LOG_LIMITS, authFailuresPerHour: 3 } });
  const until = async (n: number) => { for (let i = 0; i < 500 && found.length < n; i++) await new Promise((r) => setTimeout(r, 20)); };
  try {
    await new Promise((r) => setTimeout(r, 100));
    appendFileSync(file, [fail('198.51.100.1', 1), fail('198.51.100.1', 2)].join('\n') + '\n');
    await new Promise((r) => setTimeout(r, 150));
    assert.equal(found.length, 0);
    appendFileSync(file, fail('198.51.100.1', 3) + '\n');
    await until(1);
    assert.equal(found[0]?.check, 'logs.auth.bruteforce');
    // rotation: the file is renamed and a new one starts
    renameSync(file, file + '.1');
    writeFileSync(file, [fail('198.51.100.2', 1), fail('198.51.100.2', 2), fail('198.51.100.2', 3)].join('\n') + '\n');
    await until(2);
    assert.equal(found[1]?.subject, '198.51.100.2');
    // copytruncate: the same file emptied and written again
    truncateSync(file, 0);
    await new Promise((r) => setTimeout(r, 100));
    appendFileSync(file, 'Nov 23 10:09:00 mx postfix/smtpd[8]: fatal: open database /etc/postfix/virtual.db: No such file or directory\n');
    await until(3);
    assert.equal(found[2]?.check, 'logs.daemon.fatal');
  } finally {
    ac.abort();
    await done;
    rmSync(dir, { recursive: true, force: true });
  }
});

test('follow: no listener per poll, a stop on the signal even on an endless input, a quick truncate-and-rewrite read from the start', { timeout: 30000 }, async () => {
  const { getEventListeners } = (await import('node:events')).EventEmitter;
  const dir = mkdtempSync(join(tmpdir(), 'mm-follow2-'));
  const file = join(dir, 'maillog');
  writeFileSync(file, 'Nov 23 10:00:00 mx postfix/master[1]: daemon started -- version 3.7.11\n');
  const lines: string[] = [];
  const ac = new AbortController();
  const done = followLog({ path: file, onFinding: () => {}, onEvent: (e) => lines.push(e.line), pollMs: 5, signal: ac.signal, fromStart: true });
  try {
    await new Promise((r) => setTimeout(r, 300)); // ~60 polls
    assert.ok(getEventListeners(ac.signal, 'abort').length <= 1, `abort listeners: ${getEventListeners(ac.signal, 'abort').length}`);
    // copytruncate, then at once more than the old file held: the new first line must not be lost
    const fresh = Array.from({ length: 5 }, (_, i) => `Nov 23 10:0${i}:00 mx postfix/qmgr[2]: ABCDEF012${i}: removed`);
    truncateSync(file, 0);
    appendFileSync(file, fresh.join('\n') + '\n');
    for (let i = 0; i < 200 && !lines.includes(fresh[4]!); i++) await new Promise((r) => setTimeout(r, 10));
    assert.ok(fresh.every((l) => lines.includes(l)), `read after the rewrite: ${lines.slice(1).join(' | ')}`);
  } finally {
    ac.abort();
    await done;
    rmSync(dir, { recursive: true, force: true });
  }
  // /dev/zero never ends and has no lines: the signal still stops it promptly
  const zero = new AbortController();
  const started = Date.now();
  const z = followLog({ path: '/dev/zero', onFinding: () => {}, pollMs: 10, signal: zero.signal, fromStart: true });
  setTimeout(() => zero.abort(), 200);
  await z;
  assert.ok(Date.now() - started < 10_000, `stopped after ${Date.now() - started} ms`);
});

test('follow --webhook posts each problem as JSON to a local HTTP server', { timeout: 30000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-hook-'));
  const file = join(dir, 'maillog');
  writeFileSync(file, '');
  const got: unknown[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => { got.push(JSON.parse(body)); res.end('ok'); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const child = spawn(process.execPath, [CLI, 'logs', 'follow', file, '--webhook', `http://127.0.0.1:${port}/hook`, '--json', '--poll-ms', '50', '--auth-failures', '2', '--from-start'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  try {
    await new Promise((r) => setTimeout(r, 700));
    appendFileSync(file, [1, 2].map((i) => `Nov 23 10:0${i}:00 mx postfix/smtpd[7]: warning: unknown[192.0.2.99]: SASL PLAIN authentication failed: x`).join('\n') + '\n');
    for (let i = 0; i < 400 && !got.length; i++) await new Promise((r) => setTimeout(r, 50));
    assert.equal(got.length, 1);
    const body = got[0] as { tool: string; finding: Finding };
    assert.equal(body.tool, 'mailmedic');
    assert.equal(body.finding.check, 'logs.auth.bruteforce');
    assert.equal(body.finding.subject, '192.0.2.99');
    assert.equal(JSON.parse(out.trim().split('\n')[0]!).check, 'logs.auth.bruteforce');
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('live detection tells once per window: again when the next hour is over the limit too', async () => {
  const { LogProblemDetector } = await import('../../src/logs/index.js');
  const { LogLineParser } = await import('../../src/logs/parse.js');
  const { StampClock } = await import('../../src/logs/stamp.js');
  const seen: Finding[] = [];
  const det = new LogProblemDetector({ ...DEFAULT_LOG_LIMITS, authFailuresPerHour: 3 }, (f) => seen.push(f));
  const p = new LogLineParser(new StampClock(now()));
  for (const [h, m] of [[10, 1], [10, 2], [10, 3], [10, 4], [11, 1], [11, 2], [11, 3]] as const) {
    const e = p.parse(`Nov 23 ${h}:0${m}:00 mx postfix/smtpd[7]: warning: unknown[192.0.2.50]: SASL LOGIN authentication failed: x`);
    assert.ok(e);
    det.add(e, undefined);
  }
  assert.equal(seen.length, 2);
  const end = det.findings([]);
  assert.equal(end.length, 1);
  assert.equal(end[0]!.data!.count, 4); // the worst hour
  assert.equal(end[0]!.evidence!.length, 4);
});
