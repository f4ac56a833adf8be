/**
 * Truth test: drive mail through the real Postfix and Dovecot of the test environment, then check that trace,
 * summary and problems tell exactly what happened. Other tests send mail through the same servers at the same
 * time, so everything is keyed to a unique marker (our sender addresses, our SASL/IMAP user names).
 */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { CLI, testEnv } from '../helpers/env.js';

const run = promisify(execFile);
const env = testEnv();
const M = `lg${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function swaks(args: string[]): void {
  spawnSync('swaks', ['--server', `${env.host}`, '--timeout', '10', ...args], { encoding: 'utf8', timeout: 30000 });
}

/** Wait until `count` lines of the file contain all of `needles`. */
async function waitFor(file: string, needles: string[], count = 1, ms = 20000): Promise<string[]> {
  const end = Date.now() + ms;
  for (;;) {
    const lines = existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter((l) => needles.every((n) => l.includes(n))) : [];
    if (lines.length >= count) return lines;
    if (Date.now() > end) throw new Error(`timed out waiting for ${needles.join(' & ')} in ${file}`);
    await sleep(200);
  }
}

async function cli(args: string[]): Promise<{ code: number; json: any }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'logs', ...args, '--json'], { maxBuffer: 64 << 20 });
    return { code: 0, json: JSON.parse(stdout) };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, json: JSON.parse(err.stdout) };
  }
}

/** The log lines of our own messages only: those with the marker, plus every line of their queue ids. */
function slice(file: string, qids: string[]): string {
  const all = readFileSync(file, 'utf8').split('\n');
  return all.filter((l) => l.includes(M) || qids.some((q) => l.includes(` ${q}: `))).join('\n') + '\n';
}

const canPickup = process.getuid?.() === 0 && existsSync('/usr/sbin/sendmail');

test('real Postfix: delivered, rejected (user unknown, relay denied), bounced, failed AUTH — trace and summary agree', { timeout: 150000 }, async () => {
  const from = (k: string) => `${M}-${k}@y.test`;
  swaks(['--port', String(env.smtp), '--from', from('ok'), '--to', 'alice@example.test', '--helo', 'client.test', '--header', `Subject: ${M} ok`]);
  swaks(['--port', String(env.smtp), '--from', from('rej'), '--to', 'nobody@example.test', '--helo', 'client.test']);
  swaks(['--port', String(env.smtp), '--from', from('relay'), '--to', `${M}@outside.test`, '--helo', 'client.test']);
  const authFail = () => swaks(['--port', String(env.smtps), '--tlsc', '--auth', 'LOGIN', '--auth-user', `${M}@example.test`, '--auth-password', 'wrong-password', '--from', from('auth'), '--to', 'alice@example.test', '--quit-after', 'AUTH']);
  authFail();
  if (canPickup) {
    // a message submitted locally to an outside address meets `default_transport = error:` → a real bounce
    spawnSync('/usr/sbin/sendmail', ['-C', join(env.root, 'postfix'), '-f', `${M}-b@example.test`, `${M}@outside.test`], { input: `Subject: ${M} bounce\n\nhello\n`, timeout: 15000 });
  }
  const log = env.maillog;
  await waitFor(log, [from('ok'), 'from=<']);
  await waitFor(log, [from('rej'), 'reject: RCPT']);
  await waitFor(log, [from('relay'), 'Relay access denied']);
  // Dovecot's auth socket may be restarting under a neighbour's test ("Connection lost to authentication server"):
  // try the wrong password again a couple of times
  for (let i = 0; ; i++) {
    try { await waitFor(log, [`sasl_username=${M}@example.test`, 'authentication failed'], 1, 12000); break; } catch (e) { if (i >= 2) throw e; authFail(); }
  }

  // the delivered one
  let t = await cli(['trace', log, '--from', from('ok')]);
  assert.equal(t.json.data.count, 1, JSON.stringify(t.json.findings.map((f: any) => f.summary.en)));
  const ok = t.json.findings[0];
  const qOk = ok.data.story.qid as string;
  await waitFor(log, [` ${qOk}: removed`]);
  t = await cli(['trace', log, '--from', from('ok')]);
  const s = t.json.findings[0].data.story;
  assert.equal(s.verdict, 'delivered');
  assert.equal(t.json.findings[0].status, 'ok');
  assert.equal(s.ip, '127.0.0.1');
  assert.match(s.messageId, /@/);
  assert.ok(s.size > 200);
  assert.equal(s.recipients.length, 1);
  assert.equal(s.recipients[0].to, 'alice@example.test');
  assert.equal(s.recipients[0].attempts[0].status, 'sent');
  assert.equal(s.recipients[0].attempts[0].relay, 'virtual');
  assert.equal(s.recipients[0].attempts[0].dsn, '2.0.0');
  assert.equal(s.recipients[0].attempts[0].delays.length, 4);
  assert.equal(t.code, 0);
  // found again by its Message-ID and by its queue id
  assert.equal((await cli(['trace', log, '--id', `<${s.messageId}>`])).json.data.count, 1);
  assert.equal((await cli(['trace', log, '--id', qOk])).json.findings[0].data.story.from, from('ok'));

  // refused at RCPT: user unknown (550 5.1.1) and relay denied (554 5.7.1)
  t = await cli(['trace', log, '--from', from('rej')]);
  const rej = t.json.findings[0];
  assert.equal(rej.data.story.verdict, 'rejected');
  assert.equal(rej.status, 'error');
  assert.equal(rej.diagnosis.replyCode, 550);
  assert.equal(rej.diagnosis.enhancedCode, '5.1.1');
  assert.equal(rej.diagnosis.reason, 'userunknown');
  assert.equal(rej.data.story.recipients[0].to, 'nobody@example.test');
  assert.equal(t.code, 2);
  t = await cli(['trace', log, '--to', `${M}@outside.test`, '--from', from('relay')]);
  assert.equal(t.json.findings[0].diagnosis.replyCode, 554);
  assert.equal(t.json.findings[0].diagnosis.enhancedCode, '5.7.1');
  assert.equal(t.json.findings[0].diagnosis.reason, 'norelaying');

  const qids = [qOk];
  if (canPickup) {
    await waitFor(log, [`from=<${M}-b@example.test>`, 'pickup']);
    t = await cli(['trace', log, '--from', `${M}-b@example.test`]);
    const qB = t.json.findings[0].data.story.qid as string;
    await waitFor(log, [` ${qB}: removed`]);
    t = await cli(['trace', log, '--from', `${M}-b@example.test`]);
    const b = t.json.findings[0];
    assert.equal(b.data.story.verdict, 'bounced');
    assert.equal(b.data.story.recipients[0].to, `${M}@outside.test`);
    assert.equal(b.data.story.recipients[0].attempts[0].status, 'bounced');
    assert.equal(b.data.story.recipients[0].attempts[0].text, 'outbound delivery disabled in test env');
    assert.equal(b.data.story.notices[0].kind, 'non-delivery');
    assert.equal(b.diagnosis.enhancedCode, '5.0.0');
    qids.push(qB);
    // the non-delivery notice goes back to our (non-existent) sender and bounces as unknown user
    const notice = b.data.story.notices[0].qid as string;
    await waitFor(log, [` ${notice}: removed`]);
    qids.push(notice);
  }

  // summary of exactly our lines
  const dir = mkdtempSync(join(tmpdir(), 'mm-logs-real-'));
  try {
    const file = join(dir, 'maillog');
    writeFileSync(file, slice(log, qids));
    const sum = (await cli(['summary', file])).json.data;
    assert.equal(sum.counts.received, canPickup ? 2 : 1, JSON.stringify(sum.counts));
    assert.equal(sum.counts.delivered, 1);
    assert.equal(sum.counts.rejected, 2);
    assert.equal(sum.counts.bounced, canPickup ? 2 : 0);
    assert.equal(sum.counts.deferred, 0);
    assert.equal(sum.smtp.authFailures >= 1, true);
    assert.equal(sum.unparsed, 0);
    assert.deepEqual(sum.top.recipients.map((r: any) => r.key), ['alice@example.test']);
    const reasons = sum.reasons.rejected.map((g: any) => g.reason).sort();
    assert.deepEqual(reasons, ['norelaying', 'userunknown']);
    // and pflogsumm, where installed, says the same
    if (existsSync('/usr/sbin/pflogsumm')) {
      const p = spawnSync('/usr/sbin/pflogsumm', [file], { encoding: 'utf8' });
      const n = (what: string) => Number(new RegExp(`^\\s*(\\d+)\\s+${what}`, 'm').exec(p.stdout)?.[1]);
      assert.deepEqual([n('received'), n('delivered'), n('bounced'), n('rejected')], [sum.counts.received, sum.counts.delivered, sum.counts.bounced, sum.counts.rejected]);
    }
    // the failed AUTH is a problem when the threshold is 1
    const pr = (await cli(['problems', file, '--auth-failures', '1'])).json;
    const bf = pr.findings.find((f: any) => f.check === 'logs.auth.bruteforce');
    assert.ok(bf, JSON.stringify(pr.findings.map((f: any) => f.check)));
    assert.equal(bf.subject, '127.0.0.1');
    assert.ok(!JSON.stringify(pr).includes('wrong-password'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** One IMAP LOGIN over TLS; resolves with the server's tagged reply. */
function imapLogin(user: string, pass: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ host: env.host, port: env.imaps, rejectUnauthorized: false, timeout: 40000 });
    let buf = '';
    let sent = false;
    s.on('data', (d) => {
      buf += d.toString();
      if (!sent && buf.includes('* OK')) { sent = true; s.write(`a1 LOGIN "${user}" "${pass}"\r\n`); }
      const m = /^a1 (OK|NO|BAD)[^\r\n]*/m.exec(buf);
      if (m) { s.end('a2 LOGOUT\r\n'); resolve(m[0]); }
    });
    s.on('timeout', () => { s.destroy(); reject(new Error('imap timeout')); });
    s.on('error', reject);
  });
}

test('real Dovecot: failed and successful IMAP logins', { timeout: 90000 }, async () => {
  const user = `${M}-imap@example.test`;
  // Dovecot slows down failures from an IP that failed before (auth_penalty, up to 15 s; other tests fail
  // logins from 127.0.0.1 too): two tries in parallel
  const replies = await Promise.all([imapLogin(user, 'nope'), imapLogin(user, 'nope2'), imapLogin('alice@example.test', env.users['alice@example.test']!)]);
  assert.match(replies[0], /^a1 NO/);
  assert.match(replies[1], /^a1 NO/);
  assert.match(replies[2], /^a1 OK/);
  await waitFor(env.dovecotLog, [user, 'auth failed'], 2);
  await waitFor(env.dovecotLog, ['Login: user=<alice@example.test>']);
  const dir = mkdtempSync(join(tmpdir(), 'mm-logs-dv-'));
  try {
    const file = join(dir, 'dovecot.log');
    const lines = readFileSync(env.dovecotLog, 'utf8').split('\n');
    writeFileSync(file, lines.filter((l) => l.includes(user)).join('\n') + '\n' + lines.filter((l) => l.includes('Login: user=<alice@example.test>')).slice(-1).join('\n') + '\n');
    const sum = (await cli(['summary', file])).json.data;
    assert.equal(sum.format, 'dovecot');
    assert.equal(sum.smtp.imapPopLogins, 1);
    assert.ok(sum.smtp.authFailures >= 2, JSON.stringify(sum.smtp));
    const pr = (await cli(['problems', file, '--auth-failures', '2'])).json;
    const bf = pr.findings.find((f: any) => f.check === 'logs.auth.bruteforce');
    assert.ok(bf);
    assert.equal(bf.data.count, 2); // the auth process and the login process both log each try: counted once
    assert.deepEqual(bf.data.users, [user]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
