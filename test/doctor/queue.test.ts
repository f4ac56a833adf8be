// The doctor reads the sender's mail queue (issue 17): the message of the case waiting in the real test Postfix's
// deferred queue is found — live ("live", only where the caller allows it) and from a saved `postqueue -j` — with
// its deferral reason classified and the safe commands for it; a message that is not there is ruled out.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Finding } from '../../src/core/finding.js';
import { runDoctor, type DoctorData } from '../../src/doctor/engine.js';
import { render } from '../../src/report/index.js';
import { PROJECT_ROOT, testEnv } from '../helpers/env.js';

const env = testEnv();
const conf = join(env.root, 'postfix');
const deps = { dnsServer: `${env.host}:${env.dnsPort}`, timeoutMs: 20000 };
const skip = !existsSync('/usr/sbin/postqueue') || process.getuid?.() !== 0 ? 'needs Postfix and root' : false;

interface Json { queue_id: string; queue_name: string; recipients: { address: string }[] }
const queue = (): Json[] => execFileSync('postqueue', ['-c', conf, '-j'], { encoding: 'utf8' }).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Json);
const byCheck = (fs: Finding[], c: string) => fs.filter((f) => f.check === c);

test('doctor vps-send and lost-message: the message of the case waits in the real Postfix queue, live and from a saved listing', { skip, timeout: 120_000 }, async () => {
  const to = `dq${Date.now().toString(36)}@unreachable.test`;
  const py = `
import smtplib, ssl
ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
s = smtplib.SMTP('127.0.0.1', ${env.submission}, local_hostname='client.test', timeout=30)
s.starttls(context=ctx); s.login('alice@example.test', 'alicepass')
s.sendmail('alice@example.test', ['${to}'], 'Subject: doctor queue\\r\\n\\r\\nwaits on purpose\\r\\n')
s.quit()`;
  const sent = spawnSync('python3', ['-c', py], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(sent.status, 0, sent.stderr);
  const mine = () => queue().filter((m) => m.recipients.some((r) => r.address === to));
  for (let i = 0; i < 150 && mine()[0]?.queue_name !== 'deferred'; i++) await new Promise((r) => setTimeout(r, 200));
  const id = mine()[0]?.queue_id;
  assert.ok(id, 'the message waits in the deferred queue');
  const dir = mkdtempSync(join(tmpdir(), 'mailmedic-doctor-queue-'));
  try {
    // Live, allowed (as the CLI on the mail server).
    const live = await runDoctor('vps-send', { from: 'alice@example.test', to, queueFile: 'live' }, { deps: { ...deps, liveQueue: { configDir: conf } } });
    const found = byCheck(live.findings, 'queue.message');
    assert.equal(found.length, 1, live.findings.map((f) => f.check).join(', '));
    const f = found[0]!;
    assert.equal(f.subject, id);
    assert.equal(f.status, 'warn');
    assert.equal(f.diagnosis?.reason, 'networkerror');
    assert.ok(f.evidence!.some((e) => e.label === 'delay reason' && /Connection refused|connect to/.test(e.value)), JSON.stringify(f.evidence));
    assert.ok(f.evidence!.some((e) => e.value === `postqueue -c ${conf} -i ${id}`), 'the command to retry exactly this message');
    assert.ok((live.data as DoctorData).causes.some((c) => c.check === 'queue.message'), 'a waiting message is a cause of the case');
    assert.equal(f.summary.pl.startsWith(`Wiadomość ${id} od alice@example.test do ${to} jest w kolejce odroczonych (czeka na ponowienie) od `), true, f.summary.pl);
    assert.equal(f.summary.en.startsWith(`Message ${id} from alice@example.test to ${to} is in the deferred queue (waiting for a retry) for `), true, f.summary.en);
    assert.ok(render(live, 'markdown', { lang: 'pl' }).includes(`Wiadomość ${id} od alice@example.test`));

    // Live, not allowed (the web app): not read, and it says why.
    const off = await runDoctor('vps-send', { from: 'alice@example.test', to, queueFile: 'live' }, { deps });
    const skipped = byCheck(off.findings, 'doctor.queue.skipped')[0] ?? (off.data as DoctorData).notChecked.find((x) => x.check === 'doctor.queue.skipped');
    assert.ok(skipped, off.findings.map((x) => x.check).join(', '));
    assert.match(skipped.summary.pl, /nie jest tu dozwolony/);

    // A saved listing (what a customer sends to support), in the lost-message case.
    const saved = join(dir, 'queue.json');
    writeFileSync(saved, execFileSync('postqueue', ['-c', conf, '-j'], { encoding: 'utf8' }));
    const lost = await runDoctor('lost-message', { method: 'vps', from: 'alice@example.test', to, queueFile: saved }, { deps });
    assert.equal(byCheck(lost.findings, 'queue.message')[0]?.subject, id);
    // Another recipient: nothing of this case waits — ruled out, pointing at the log.
    const none = await runDoctor('lost-message', { method: 'vps', from: 'alice@example.test', to: 'nobody-here@example.test', queueFile: saved }, { deps });
    assert.ok((none.data as DoctorData).ruledOut.some((x) => x.check === 'queue.message.none'), JSON.stringify((none.data as DoctorData).ruledOut.map((x) => x.check)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    spawnSync('postsuper', ['-c', conf, '-d', '-'], { input: mine().map((m) => m.queue_id).join('\n') + '\n' });
  }
  assert.equal(mine().length, 0, 'the test leaves no mail behind');
});

test('doctor with saved Exim and Sendmail listings (real captures): frozen mail is an alarm of the case', async () => {
  const fixture = join(PROJECT_ROOT, 'test', 'queue', 'fixtures');
  const frozen = await runDoctor('vps-send', { queueFile: join(fixture, 'exim-bp-frozen.txt') }, { deps });
  assert.ok(byCheck(frozen.findings, 'queue.frozen').length === 1, frozen.findings.map((f) => f.check).join(', '));
  for (const file of ['exim-bp.txt', 'sendmail-mailq.txt', 'postfix-postqueue-p.txt']) {
    const r = await runDoctor('lost-message', { method: 'vps', queueFile: join(fixture, file) }, { deps });
    assert.ok((r.data as DoctorData).checks.find((c) => c.id === 'queue')?.ran, `${file}: the queue check ran`);
  }
  // No listing given: the check says what it needs, in both languages.
  const none = await runDoctor('vps-send', {}, { deps });
  const skipped = (none.data as DoctorData).notChecked.find((x) => x.check === 'doctor.queue.skipped');
  assert.ok(skipped);
  assert.match(skipped.summary.pl, /nie podano listy kolejki poczty/);
});
