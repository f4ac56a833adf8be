// The queue and message pages' API against real input: the saved listings of real Postfix, Exim and Sendmail
// queues (test/queue/fixtures, testenv/mtas/queue-dumps.sh) and a message delivered by the real Postfix of
// the test environment. Same Report as `mailmedic queue` / `mailmedic message`; hostile text stays data.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { checkQueueListing } from '../../src/queue/index.js';
import type { MailmedicServer } from '../../src/serve/server.js';
import { PROJECT_ROOT, testEnv } from '../helpers/env.js';
import { deliveredText, swaks } from '../message/mail.js';
import { postJson, startTestServer, XSS_PAYLOAD } from './helpers.js';

const env = testEnv();
const FIX = join(PROJECT_ROOT, 'test', 'queue', 'fixtures');
let app: MailmedicServer;
before(async () => { app = await startTestServer(); });
after(async () => { await app.close(); });

type F = { check: string; status: string; summary: { en: string; pl: string }; advice?: { en: string; pl: string }[] };

test('queue: every saved listing format gives the same Report as the library, in both languages', async () => {
  for (const name of ['postfix-postqueue-j.jsonl', 'postfix-postqueue-p.txt', 'exim-bp.txt', 'exim-bp-frozen.txt', 'sendmail-mailq.txt']) {
    const text = readFileSync(join(FIX, name), 'utf8');
    const r = await postJson(`${app.url}/api/queue`, { text });
    assert.equal(r.status, 200, name);
    assert.equal(r.json.command, 'queue');
    const lib = await checkQueueListing(text, 'queue listing');
    assert.deepEqual(r.json.findings.map((f: F) => f.check), lib.findings.map((f) => f.check), name);
    const summary = r.json.findings.find((f: F) => f.check === 'queue.summary');
    assert.ok(summary && summary.status !== 'unknown', `${name}: the listing was recognised`);
    assert.ok(r.json.tables.length > 0, `${name}: tables`);
  }
  const pl = await postJson(`${app.url}/api/queue?lang=pl`, { text: readFileSync(join(FIX, 'postfix-postqueue-p.txt'), 'utf8') });
  assert.match(pl.json.findings[0].summary.pl, /[ąćęłńóśźż]/);
});

test('queue: no listing, wrong type, over the limit — clear answers, never 500', async () => {
  const none = await postJson(`${app.url}/api/queue`, { text: 'hello, this is not a queue' });
  assert.equal(none.status, 200);
  assert.equal(none.json.findings[0].status, 'unknown');
  assert.equal((await postJson(`${app.url}/api/queue`, {})).status, 400);
  assert.equal((await postJson(`${app.url}/api/queue`, { text: 42 })).status, 400);
  assert.equal((await postJson(`${app.url}/api/queue`, { text: 'x'.repeat(21 * 1024 * 1024) })).status, 413);
});

test('queue: a hostile delay reason comes back as data, unchanged', async () => {
  const line = JSON.stringify({ queue_name: 'deferred', queue_id: 'ABC123', arrival_time: 1796441973, message_size: 400, sender: 'a@example.test',
    recipients: [{ address: 'b@remote.test', delay_reason: `host mx.remote.test said: 451 4.3.0 ${XSS_PAYLOAD}` }] });
  const r = await postJson(`${app.url}/api/queue`, { text: line + '\n' });
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(JSON.stringify(XSS_PAYLOAD).slice(1, -1)), 'the payload is in the JSON as a string');
});

test('message: a message delivered by the real Postfix — its hop, offline by default; verify only with the server\'s DNS server', async () => {
  const token = `mm-web-${randomUUID()}`;
  await swaks(['--server', `127.0.0.1:${env.submission}`, '--tls', '--auth', 'LOGIN', '--auth-user', 'alice@example.test',
    '--auth-password', env.users['alice@example.test']!, '--from', 'alice@example.test', '--to', 'alice@example.test',
    '--header', `Subject: ${token}`, '--silent', '2']);
  const raw = await deliveredText(env, token);
  const r = await postJson(`${app.url}/api/message`, { raw });
  assert.equal(r.status, 200);
  assert.equal(r.json.command, 'message');
  const checks = r.json.findings.map((f: F) => f.check);
  assert.ok(checks.includes('message.received.path'), checks.join(', '));
  assert.ok(!checks.some((c: string) => c.startsWith('message.verify')), 'no DNS check unless asked');
  assert.match(r.json.subject, new RegExp(token));
  // A server without a DNS server of its own never verifies (it would ask the machine's resolver).
  const bare = await startTestServer({ dnsServer: '' });
  try {
    const nv = await postJson(`${bare.url}/api/message`, { raw, verify: true });
    assert.deepEqual(nv.json.findings.filter((f: F) => f.check.startsWith('message.verify')).map((f: F) => f.check), ['message.verify.not-checked'], 'nothing verified; said so');
  } finally { await bare.close(); }
  // The test server names the test DNS server: verify asks it (and only it).
  const v = await postJson(`${app.url}/api/message`, { raw, verify: true });
  assert.equal(v.status, 200);
  assert.ok(v.json.findings.some((f: F) => f.check.startsWith('message.verify')), v.json.findings.map((f: F) => f.check).join(', '));
});

test('message: hostile headers come back as data; bad input is a clear 4xx', async () => {
  const raw = `From: "${XSS_PAYLOAD}" <x@example.test>\r\nSubject: ${XSS_PAYLOAD}\r\nReceived: from evil (evil [192.0.2.1]) by mx.example.test with ESMTP id 1; Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nbody\r\n`;
  const r = await postJson(`${app.url}/api/message`, { raw });
  assert.equal(r.status, 200);
  assert.ok(r.json.subject.includes('<script>'), 'the subject is data');
  assert.equal((await postJson(`${app.url}/api/message`, { raw: 7 })).status, 400);
  assert.equal((await postJson(`${app.url}/api/message`, {})).status, 400);
  assert.equal((await postJson(`${app.url}/api/message`, { raw: 'x'.repeat(11 * 1024 * 1024) })).status, 413);
  for (const body of ['[]', 'null', '{"raw":"\\u0000\\u0001"}', '{"raw":"\\r\\n\\r\\n"}', '{"raw":"Received: ;;;;;\\n\\n"}']) {
    const j = await postJson(`${app.url}/api/message`, body);
    assert.ok(j.status < 500, `${body} → ${j.status}`);
  }
});

test('message: "check them myself" on a server started without a DNS server is said, not silently skipped', async () => {
  const { createMailmedicServer } = await import('../../src/serve/server.js');
  const bare = await createMailmedicServer({ host: '127.0.0.1', port: 0 }).listen();
  try {
    const headers = 'From: a@example.test\r\nTo: b@example.test\r\nSubject: hi\r\n\r\n';
    const asked = await postJson(`${bare.url}/api/message`, { raw: headers, verify: 'on' });
    assert.equal(asked.status, 200);
    const f = (asked.json.findings as F[]).find((x) => x.check === 'message.verify.not-checked');
    assert.ok(f, 'the skipped check is a finding');
    assert.match(f.summary.pl, /nie zostały tu sprawdzone/);
    assert.notEqual(asked.json.status, 'ok');
    const plain = await postJson(`${bare.url}/api/message`, { raw: headers });
    assert.ok(!(plain.json.findings as F[]).some((x) => x.check === 'message.verify.not-checked'));
    assert.equal((await postJson(`${bare.url}/api/message`, { raw: headers, verify: 'yes please' })).status < 500, true);
  } finally { await bare.close(); }
});
