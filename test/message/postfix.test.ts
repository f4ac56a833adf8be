// Real parts: messages delivered by the real Postfix of the test environment, read back from the Maildir.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { analyzeMessageOffline } from '../../src/message/index.js';
import type { Report } from '../../src/core/finding.js';
import { CLI, testEnv } from '../helpers/env.js';
import { deliveredText, swaks } from './mail.js';

const run = promisify(execFile);
const env = testEnv();
/** A private copy of the delivered message (the original may move to cur/ or be expunged any moment). */
async function delivered(token: string): Promise<string> {
  const text = await deliveredText(env, token);
  const copy = join(mkdtempSync(join(tmpdir(), 'mm-msg-')), 'delivered.eml');
  writeFileSync(copy, text);
  return copy;
}

function rfcDate(d: Date): string {
  return d.toUTCString().replace('GMT', '+0000');
}

test('a message submitted with AUTH over STARTTLS: the real hop is ESMTPSA, TLS, authenticated, with its time', async () => {
  const token = `mm-msg-${randomUUID()}`;
  await swaks(['--server', `127.0.0.1:${env.submission}`, '--tls', '--auth', 'LOGIN', '--auth-user', 'alice@example.test',
    '--auth-password', env.users['alice@example.test']!, '--from', 'alice@example.test', '--to', 'alice@example.test',
    '--header', `Subject: ${token}`, '--silent', '2']);
  const file = await delivered(token);
  const a = analyzeMessageOffline(readFileSync(file));
  assert.equal(a.received.total, 1);
  const hop = a.received.hops[0]!;
  assert.equal(hop.by, 'mail.example.test');
  assert.equal(hop.protocol, 'ESMTPSA');
  assert.equal(hop.tls, true);
  assert.match(hop.tlsDetail ?? '', /TLSv1\.[23]/);
  assert.equal(hop.authenticated, true);
  assert.equal(hop.fromIp, '127.0.0.1');
  assert.ok(hop.time, 'the hop time is read');
  assert.ok(Math.abs(Date.parse(hop.time!) - Date.now()) < 10 * 60_000, 'the hop time is about now');
  assert.equal(a.identity.from, 'alice@example.test');
  assert.equal(a.identity.subject, token);
});

test('a message relayed with earlier hops: path in order, the 3 h queue delay named at the sender\'s server, TLS per hop', async () => {
  const token = `mm-msg-${randomUUID()}`;
  const now = Date.now();
  const t1 = new Date(now - 3 * 3600_000 - 120_000); // written and submitted
  const t2 = new Date(now - 3 * 3600_000 - 60_000);  // accepted by the sender's outbound server
  const t3 = new Date(now - 30_000);                  // finally handed on after 3 h in its queue
  const dir = mkdtempSync(join(tmpdir(), 'mm-msg-'));
  const data = [
    `Received: from relay.sender.test (relay.sender.test [198.51.100.7])\r\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\r\n\tby gateway.sender.test (Postfix) with ESMTPS id 4ABC1\r\n\tfor <alice@example.test>; ${rfcDate(t3)}`,
    `Received: from laptop ([192.0.2.44])\r\n\tby relay.sender.test (Postfix) with ESMTPSA id 3DEF2;\r\n\t${rfcDate(t2)}`,
    `Date: ${rfcDate(t1)}`,
    'From: Bob <bob@sender.test>',
    'To: alice@example.test',
    `Subject: ${token}`,
    `Message-ID: <${token}@sender.test>`,
    '',
    'Hello Alice, this message waited in a queue.',
    '',
  ].join('\r\n');
  const df = join(dir, 'msg.eml');
  writeFileSync(df, data);
  await swaks(['--server', `127.0.0.1:${env.smtp}`, '--from', 'bob@sender.test', '--to', 'alice@example.test', '--data', `@${df}`, '--silent', '2']);
  const file = await delivered(token);
  const { stdout } = await run(process.execPath, [CLI, 'message', file, '--json']).catch((e: { stdout: string }) => e);
  const report = JSON.parse(stdout) as Report;
  const data2 = report.data as { path: { total: number; hops: { number: number; by: string; protocol: string; tls?: boolean; delaySeconds?: number }[] } };
  assert.equal(data2.path.total, 3);
  assert.deepEqual(data2.path.hops.map((h) => h.by), ['relay.sender.test', 'gateway.sender.test', 'mail.example.test']);
  assert.deepEqual(data2.path.hops.map((h) => h.protocol), ['ESMTPSA', 'ESMTPS', 'ESMTP']);
  assert.equal(data2.path.hops[1]!.tls, true);
  assert.equal(data2.path.hops[2]!.tls, false, 'the test Postfix on port 2525 got it without STARTTLS');
  const gap = data2.path.hops[1]!.delaySeconds!;
  assert.ok(Math.abs(gap - (3 * 3600 + 30)) < 5, `3 h between hop 1 and 2, got ${gap}`);
  const delay = report.findings.find((f) => f.check === 'message.received.delay' && f.subject.startsWith('relay.sender.test'));
  assert.ok(delay, 'a delay finding names the sender\'s server');
  assert.equal(delay.status, 'warn');
  assert.match(delay.summary.en, /^3 h .*hop 1 and hop 2.*queue of the sender's server relay\.sender\.test/);
  assert.match(delay.summary.pl, /kolejce serwera nadawcy relay\.sender\.test/);
  // The hop table shows all three, first server first.
  const table = report.tables!.find((t) => t.id === 'message-hops')!;
  assert.deepEqual(table.rows.map((r) => r[0]), ['1', '2', '3']);
  // Terminal and HTML render the same message (HTML with the timeline, escaped).
  const html = await run(process.execPath, [CLI, 'message', file, '--html', '--lang', 'pl']).catch((e: { stdout: string }) => e);
  assert.match(html.stdout, /Oś czasu/);
  assert.match(html.stdout, /gateway\.sender\.test/);
  const csv = await run(process.execPath, [CLI, 'message', file, '--csv']).catch((e: { stdout: string }) => e);
  const lines = csv.stdout.trim().split('\r\n');
  assert.equal(lines.length, 4, 'a header row and one row per hop');
  assert.match(lines[2]!, /^2,relay\.sender\.test \[198\.51\.100\.7\],gateway\.sender\.test,ESMTPS,yes \(TLSv1\.3\),/);
});
