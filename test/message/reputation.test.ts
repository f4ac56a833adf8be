// Real parts: the sending IP's PTR and a DNS block list answered by the test environment's NSD
// (0.0.127.in-addr.arpa and zen.example.test zones), through --verify --resolver --dnsbl.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import type { Report } from '../../src/core/finding.js';
import { checkSendingIp, dnsblName, makeMessageResolver } from '../../src/message/index.js';
import { CLI, testEnv } from '../helpers/env.js';

const run = promisify(execFile);
const env = testEnv();
const server = `127.0.0.1:${env.dnsPort}`;

test('PTR forward-confirmed for 127.0.0.1 (mail.example.test), not for 127.0.0.2; 127.0.0.2 listed on the test DNSBL', async () => {
  const resolver = makeMessageResolver({ server });
  const good = await checkSendingIp('127.0.0.1', resolver, ['zen.example.test']);
  assert.deepEqual(good.ptr, ['mail.example.test']);
  assert.equal(good.forwardConfirmed, true);
  assert.equal(good.dnsbl[0]!.listed, false);
  const bad = await checkSendingIp('127.0.0.2', resolver, ['zen.example.test']);
  assert.deepEqual(bad.ptr, ['client.example.test']);
  assert.equal(bad.forwardConfirmed, false);
  assert.equal(bad.dnsbl[0]!.listed, true);
  assert.deepEqual(bad.dnsbl[0]!.codes, ['127.0.0.2']);
  assert.match(bad.dnsbl[0]!.text!, /Listed in test DNSBL/);
  assert.equal(dnsblName('192.0.2.1', 'zen.example.test'), '1.2.0.192.zen.example.test');
});

test('CLI: a message sent from a listed IP — the listing leads the reasons it would go to spam', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'mm-rep-')), 'listed.eml');
  writeFileSync(file, [
    'Received: from client.example.test (client.example.test [127.0.0.2]) by mx.example.test (Postfix) with ESMTP id 1; Mon, 23 Nov 2026 10:00:00 +0000',
    'From: a@example.test', 'Date: Mon, 23 Nov 2026 10:00:00 +0000', 'Message-ID: <1@example.test>', '', 'x', '',
  ].join('\r\n'));
  const { stdout } = await run(process.execPath, [CLI, 'message', file, '--verify', '--resolver', server, '--dnsbl', 'zen.example.test', '--json']).catch((e: { stdout: string }) => e);
  const r = JSON.parse(stdout) as Report;
  const listed = r.findings.find((f) => f.check === 'message.verify.dnsbl')!;
  assert.equal(listed.status, 'error');
  assert.match(listed.summary.pl, /jest na liście zen\.example\.test/);
  const why = (r.data as { whySpam: { causes: { check: string }[] } }).whySpam;
  assert.equal(why.causes[0]!.check, 'message.verify.dnsbl');
  assert.ok(r.findings.some((f) => f.check === 'message.verify.ptr' && f.status === 'warn'));
  const bad = await run(process.execPath, [CLI, 'message', file, '--dnsbl', 'zen.example.test']).catch((e: { code: number }) => e);
  assert.equal((bad as { code: number }).code, 64, '--dnsbl without --verify is a usage error');
});
