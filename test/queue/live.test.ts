import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkLiveQueue } from '../../src/queue/index.js';
import { CLI, testEnv } from '../helpers/env.js';

const env = testEnv();
const conf = join(env.root, 'postfix');
const skip = !existsSync('/usr/sbin/postqueue') || process.getuid?.() !== 0 ? 'needs Postfix and root' : false;

interface Json { queue_id: string; queue_name: string; sender: string; recipients: { address: string }[] }
const queue = (): Json[] => execFileSync('postqueue', ['-c', conf, '-j'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json);

// The test Postfix with real waiting mail: a burst of 55 messages sent by one SASL user (alice, on submission with
// STARTTLS and AUTH) to a domain whose server refuses connections, 10 bounces that cannot be returned, one message
// held with postsuper — read live through postqueue -j, exactly as `mailmedic queue` does on a server.
test('live Postfix queue: the burst from one SASL user, the bounce backlog, held mail, the destination that is down', { skip, timeout: 120_000 }, async () => {
  const tag = `q${Date.now().toString(36)}`;
  const py = `
import smtplib, ssl, sys
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
s = smtplib.SMTP('127.0.0.1', ${env.submission}, local_hostname='client.test', timeout=30)
s.starttls(context=ctx); s.login('alice@example.test', 'alicepass')
for i in range(55):
    s.sendmail('alice@example.test', ['${tag}-%d@unreachable.test' % i], 'Subject: ${tag} %d\\r\\n\\r\\nqueued on purpose\\r\\n' % i)
s.quit()`;
  const r = spawnSync('python3', ['-c', py], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  for (let i = 0; i < 10; i++) {
    // Local submission to a user that does not exist: the bounce goes to a sender whose domain is down.
    spawnSync('/usr/sbin/sendmail', ['-C', conf, '-f', `${tag}-sender@unreachable.test`, `${tag}-nobody@example.test`], { input: `Subject: ${tag} bounce\n\nx\n`, timeout: 15_000 });
  }
  const ours = (q: Json[]) => q.filter((m) => m.recipients.some((x) => x.address.startsWith(tag)));
  for (let i = 0; i < 150 && ours(queue()).filter((m) => m.queue_name === 'deferred').length < 65; i++) await new Promise((res) => setTimeout(res, 200));
  const mine = ours(queue());
  assert.equal(mine.length, 65, JSON.stringify(mine.map((m) => m.queue_name)));
  const held = mine.find((m) => m.sender === 'alice@example.test')!.queue_id;
  execFileSync('postsuper', ['-c', conf, '-h', held], { stdio: 'ignore' });
  try {
    const report = await checkLiveQueue({ configDir: conf });
    const data = report.data as { messages: number; bounces: number; byQueue: Record<string, number> };
    assert.ok(data.messages >= 65);
    assert.ok(data.bounces >= 10);
    assert.ok((data.byQueue.hold ?? 0) >= 1);
    const by = (c: string) => report.findings.find((f) => f.check === c);
    assert.equal(by('queue.sender-burst')?.subject, 'alice@example.test');
    assert.ok(by('queue.sender-burst')!.evidence!.some((e) => e.value.includes(`postqueue -c ${conf} -j`)), 'the command names the config dir');
    assert.ok(by('queue.bounce-backlog'));
    assert.ok(by('queue.held')!.evidence!.some((e) => e.value === `postsuper -c ${conf} -H ${held}`));
    const down = report.findings.find((f) => f.check === 'queue.destination-down' && f.subject === 'unreachable.test');
    assert.ok(down, report.findings.map((f) => f.check + ' ' + f.subject).join('; '));
    assert.equal(report.findings.find((f) => f.check === 'queue.reason')!.diagnosis!.reason, 'networkerror');
    // The CLI: live, in Polish, and as JSON from postqueue -j piped in.
    const cli = spawnSync(process.execPath, [CLI, 'queue', '--postfix-config', conf, '--lang', 'pl'], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(cli.status, 1, cli.stderr);
    assert.match(cli.stdout, /Wiadomości w kolejce: \d+/);
    assert.match(cli.stdout, /Poczta do unreachable\.test nie może przejść/);
    const dump = execFileSync('postqueue', ['-c', conf, '-j'], { encoding: 'utf8' });
    const piped = spawnSync(process.execPath, [CLI, 'queue', '-', '--json'], { input: dump, encoding: 'utf8', timeout: 60_000 });
    assert.ok(JSON.parse(piped.stdout).data.messages >= 65);
  } finally {
    const ids = ours(queue()).map((m) => m.queue_id);
    spawnSync('postsuper', ['-c', conf, '-d', '-'], { input: ids.join('\n') + '\n' });
  }
  assert.equal(ours(queue()).length, 0, 'the test leaves no mail behind');
});
