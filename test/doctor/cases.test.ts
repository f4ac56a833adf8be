// Walk each of seed 000's seven cases with answers against the real servers of the test environment
// (Postfix, Dovecot, NSD). Where a capability is not in this build, the doctor must say so ("unknown"),
// never pretend; where it is, the diagnosis is asserted.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Report } from '../../src/core/finding.js';
import { customDnsblList } from '../../src/doctor/checks/domain.js';
import { hasCapability } from '../../src/doctor/checks/load.js';
import { runDoctor, type DoctorData } from '../../src/doctor/engine.js';
import type { DoctorAnswers } from '../../src/doctor/types.js';
import { SHARED, testEnv, NEEDS_SHARED } from '../helpers/env.js';

const env = testEnv();
// The test DNS serves a local blocklist zone (testenv/zones/zen.example.test.zone) listing 127.0.0.2.
const deps = { dnsServer: `${env.host}:${env.dnsPort}`, caFile: join(env.certs, 'cert.pem'), timeoutMs: 20000, dnsblLists: [customDnsblList('zen.example.test')] };
const BOUNCE_USERUNKNOWN = join(SHARED, 'corpus', 'bounces', 'sisimai', 'eml', 'lhost-postfix-04.eml');

function data(r: Report): DoctorData {
  return r.data as DoctorData;
}
function checks(r: Report): string[] {
  return r.findings.map((f) => f.check);
}
/** Either the capability ran (its own finding ids appear) or the doctor said honestly it is not available. */
async function ranOrHonest(r: Report, adapter: string, cap: string, fns: string[], prefix: RegExp): Promise<boolean> {
  const available = await hasCapability(cap, fns);
  if (available) {
    assert.ok(r.findings.some((f) => prefix.test(f.check)), `${adapter}: expected findings matching ${prefix} in ${checks(r).join(', ')}`);
    assert.ok(!checks(r).includes(`doctor.${adapter}.unavailable`));
  } else {
    const f = r.findings.find((x) => x.check === `doctor.${adapter}.unavailable`);
    assert.ok(f, `${adapter}: expected an honest "not available" finding in ${checks(r).join(', ')}`);
    assert.equal(f.status, 'unknown');
  }
  return available;
}

test('case 1 client-send: a wrong password is the top cause, with the server transcript; limits over 500/day rank too', async () => {
  const answers: DoctorAnswers = {
    address: 'alice@example.test', client: 'Thunderbird 128.3', error: '535 5.7.8 Error: authentication failed',
    server: { host: env.host, port: env.submission, security: 'starttls', user: 'alice@example.test', password: 'not-Alice-Secret-77' },
    sentToday: 620,
  };
  const r = await runDoctor('client-send', answers, { deps, lang: 'en' });
  const d = data(r);
  assert.equal(r.command, 'doctor');
  assert.equal(d.case, 'client-send');
  assert.equal(d.causes[0]?.check, 'probe.smtp.auth', JSON.stringify(d.causes.map((c) => c.check)));
  assert.ok(d.causes.some((c) => c.check === 'doctor.limits.hosting-day'));
  assert.ok(d.fixSteps.length >= 2);
  assert.ok(r.findings.some((f) => f.check === 'doctor.transcript.probe.send' && /AUTH/.test(f.evidence?.[0]?.value ?? '')));
  assert.ok(d.ruledOut.some((x) => x.check === 'probe.smtp.connect'), 'the connection was fine: ruled out');
  const facts = Object.fromEntries(d.facts.map((f) => [f.key, f.value]));
  assert.equal(facts.address, 'alice@example.test');
  assert.equal(facts.client, 'Thunderbird 128.3');
  assert.equal(facts.error, '535 5.7.8 Error: authentication failed');
  assert.ok(!JSON.stringify(r).includes('not-Alice-Secret-77'));
  if (await ranOrHonest(r, 'explain', 'explain', ['explain'], /^explain\./)) {
    assert.ok(d.causes[0]!.corroboratedBy.includes('explain.message'), 'the pasted 535 confirms the failed login: one cause, two checks');
  }
});

test('case 1 client-send: the right password is ruled out as a cause', async () => {
  const r = await runDoctor('client-send', {
    address: 'alice@example.test', server: { host: env.host, port: env.submission, security: 'starttls', user: 'alice@example.test', password: env.users['alice@example.test'] },
  }, { deps });
  assert.ok(!data(r).causes.some((c) => c.check === 'probe.smtp.auth'));
  assert.ok(data(r).ruledOut.some((x) => x.check.startsWith('probe.smtp.auth')), JSON.stringify(data(r).ruledOut.map((x) => x.check)));
});

test('case 1 client-send: a login without the domain is flagged by the settings check', async () => {
  const r = await runDoctor('client-send', {
    address: 'alice@example.test', server: { host: 'mail.example.test', port: env.submission, security: 'starttls', user: 'alice' },
  }, { deps });
  if (await ranOrHonest(r, 'settings', 'settings', ['findMailSettings'], /^settings\./)) {
    assert.ok(data(r).causes.some((c) => c.check === 'settings.given.user'), JSON.stringify(data(r).causes.map((c) => c.check)));
    assert.ok(!data(r).causes.some((c) => c.check === 'settings.imap'), 'what was not found for IMAP is background when sending');
  }
});

test('case 2 client-receive: IMAP login with a wrong password is diagnosed', async () => {
  const r = await runDoctor('client-receive', {
    address: 'bob@example.test', client: 'Outlook 2021',
    server: { protocol: 'imap', host: env.host, port: env.imap, security: 'starttls', user: 'bob@example.test', password: 'wrong-Bob-Secret-1' },
  }, { deps, lang: 'pl' });
  const top = data(r).causes[0];
  assert.ok(top, 'a cause');
  assert.match(top.check, /^probe\.imap\..*auth|^probe\.imap\.login/, top.check);
  assert.ok(!JSON.stringify(r).includes('wrong-Bob-Secret-1'));
  await ranOrHonest(r, 'domain.mx', 'domain', ['checkMx'], /mx/);
});

test('case 3 webmail: a working login is ruled out, the seed advice is in the notes', async () => {
  const r = await runDoctor('webmail', {
    address: 'alice@example.test', webmailProblem: 'login',
    server: { protocol: 'imap', host: env.host, port: env.imaps, security: 'tls', password: env.users['alice@example.test'] },
  }, { deps });
  assert.ok(!data(r).causes.some((c) => /auth|login/.test(c.check)), JSON.stringify(data(r).causes));
  assert.ok(data(r).notes.some((n) => /including the domain/.test(n.en)));
});

test('case 4 php-mail: over the daily limit, and the bounce says the user is unknown', NEEDS_SHARED, async () => {
  const r = await runDoctor('php-mail', {
    from: 'www@example.test', to: 'nobody@example.test', sentToday: 512, sentLastHour: 40, bounceFile: BOUNCE_USERUNKNOWN, sentAt: '2026-11-23 09:15',
  }, { deps });
  const d = data(r);
  assert.ok(d.causes.some((c) => c.check === 'doctor.limits.hosting-day'));
  assert.ok(d.ruledOut.some((c) => c.check === 'doctor.limits.account-hour'));
  if (await ranOrHonest(r, 'bounce', 'bounce', ['parseBounce'], /^bounce\./)) {
    assert.ok(r.findings.some((f) => f.diagnosis?.reason === 'userunknown'), JSON.stringify(r.findings.map((f) => [f.check, f.diagnosis?.reason])));
  }
  // Support reads the way it was sent in words, not the internal value.
  assert.equal(d.facts.find((f) => f.key === 'method')?.value, 'From PHP mail() on web hosting');
  const pl = data(await runDoctor('php-mail', { from: 'www@example.test', sentToday: 1 }, { deps, lang: 'pl' }));
  assert.equal(pl.facts.find((f) => f.key === 'method')?.value, 'Z PHP (funkcja mail()) na hostingu');
});

test('case 4 php-mail: with no counts given, the sender\'s busiest day is counted from the mail log', async () => {
  // A day of a web form sending through Postfix's pickup (the lines mail() produces), 520 messages in 10 hours.
  const lines: string[] = [];
  for (let i = 0; i < 520; i++) {
    const t = `Nov 23 ${String(8 + Math.floor(i / 52)).padStart(2, '0')}:${String(i % 52).padStart(2, '0')}:10`;
    const q = `A${(0x100000 + i).toString(16).toUpperCase()}`;
    lines.push(`${t} web1 postfix/pickup[99]: ${q}: uid=33 from=<www-data>`,
      `${t} web1 postfix/qmgr[100]: ${q}: from=<www@example.test>, size=900, nrcpt=1 (queue active)`,
      `${t} web1 postfix/smtp[101]: ${q}: to=<c${i}@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)`,
      `${t} web1 postfix/qmgr[100]: ${q}: removed`);
  }
  const r = await runDoctor('php-mail', { from: 'www@example.test', log: lines.join('\n') + '\n' }, { deps: { ...deps, now: () => new Date('2026-11-23T20:00:00Z') } });
  if (await hasCapability('logs', ['traceLogs'])) {
    const day = r.findings.find((f) => f.check === 'doctor.limits.hosting-day');
    assert.equal(day?.status, 'error', JSON.stringify(day));
    assert.match(day!.evidence![0]!.value, /at most 520 messages in 24 h, 52 in one hour/);
    assert.ok(data(r).causes.some((c) => c.check === 'doctor.limits.hosting-day'));
  }
});

test('case 5 vps-send: PTR, blacklist and SPF of the IP, and the real maillog', async () => {
  const r = await runDoctor('vps-send', { from: 'alice@example.test', ip: '127.0.0.2', domain: 'example.test', to: 'bob@example.test', logFile: env.maillog }, { deps });
  await ranOrHonest(r, 'ip.ptr', 'domain', ['checkPtr', 'checkReverseDns', 'checkFcrdns'], /ptr|reverse|fcrdns/i);
  await ranOrHonest(r, 'ip.blacklist', 'domain', ['checkBlacklists', 'checkDnsbl'], /black|dnsbl/i);
  await ranOrHonest(r, 'logs', 'logs', ['findLogProblems'], /^logs\./);
  assert.equal(data(r).checks.length, 9);
  if (await hasCapability('domain', ['checkPtr', 'checkDnsbl', 'checkSpf'])) {
    const causes = data(r).causes.map((c) => c.check);
    assert.equal(causes[0], 'dns.dnsbl.listed', causes.join(', '));
    assert.ok(causes.includes('dns.ptr.not-confirmed'), causes.join(', '));
    assert.ok(data(r).ruledOut.some((x) => x.check === 'dns.spf.result'), 'SPF allows 127.0.0.0/8: ruled out');
  }
  // The log has one "delivered" per message: a few are listed, the rest counted, so the list stays readable.
  const perCheck = new Map<string, number>();
  for (const x of data(r).ruledOut) perCheck.set(x.check, (perCheck.get(x.check) ?? 0) + 1);
  for (const [check, n] of perCheck) assert.ok(n <= 4, `${check} listed ${n} times`);
  const more = data(r).ruledOut.find((x) => /more like the ones above/.test(x.summary.en));
  if (more) assert.match(more.summary.pl, /i jeszcze \d+ podobnych/);
});

test('case 6 vps-receive: the incoming server answers SMTP', async () => {
  const r = await runDoctor('vps-receive', { domain: 'example.test', server: { host: env.host, port: env.smtp, security: 'none' } }, { deps });
  assert.ok(r.findings.some((f) => f.check === 'probe.smtp.banner' && f.status === 'ok'), JSON.stringify(checks(r)));
  await ranOrHonest(r, 'domain.mx', 'domain', ['checkMx'], /mx/);
});

test('case 6 vps-receive: a domain without MX records is the cause', async () => {
  const r = await runDoctor('vps-receive', { domain: 'nomx.example.test' }, { deps });
  if (await ranOrHonest(r, 'domain.mx', 'domain', ['checkMx'], /mx/)) {
    assert.ok(data(r).causes.some((c) => c.check === 'dns.mx.implicit' || c.corroboratedBy.includes('dns.mx.implicit')), JSON.stringify(data(r).causes));
  }
});

test('case 6 vps-receive: a server that does not listen is the top cause', async () => {
  const r = await runDoctor('vps-receive', { domain: 'example.test', server: { host: env.host, port: 1, security: 'none' } }, { deps });
  assert.ok(data(r).causes.some((c) => c.check.startsWith('probe.smtp')), JSON.stringify(data(r).causes));
});

test('case 7 lost-message: bounce, spam folder over IMAP, MX and SPF/DKIM/DMARC of the sender', NEEDS_SHARED, async () => {
  const r = await runDoctor('lost-message', {
    method: 'client', from: 'alice@example.test', to: 'bob@example.test', sentAt: '2026-11-23 08:00', bounceFile: BOUNCE_USERUNKNOWN,
    incoming: { host: env.host, port: env.imaps, security: 'tls', user: 'bob@example.test', password: env.users['bob@example.test'] },
  }, { deps });
  const d = data(r);
  assert.deepEqual(d.checks.map((c) => c.id), ['bounce', 'explain', 'imap.spam', 'message', 'queue', 'domain.recipient-mx', 'domain.auth', 'logs']);
  if (await hasCapability('bounce', ['parseBounce'])) assert.ok(d.causes.some((c) => c.adapter === 'bounce'));
  if (await ranOrHonest(r, 'domain.recipient-mx', 'domain', ['checkMx'], /mx/)) {
    assert.ok(d.ruledOut.some((x) => x.check.startsWith('dns.mx')), 'example.test has a working MX: ruled out');
    assert.ok(d.ruledOut.some((x) => x.check === 'dns.dmarc.policy'));
  }
  assert.ok(r.findings.some((f) => f.check === 'doctor.spam-folder'), 'the Spam folder was looked into');
  const facts = Object.fromEntries(d.facts.map((f) => [f.key, f.value]));
  for (const k of ['method', 'sentAt', 'from', 'to']) assert.ok(facts[k], `support fact ${k}`);
  // No error was typed, but the bounce carries the exact text support asks for.
  if (await hasCapability('bounce', ['parseBounce'])) assert.match(String(facts.error), /^550 5\.1\.1 .*\(from the bounce\)$/);
  assert.ok(!JSON.stringify(r).includes(env.users['bob@example.test']!));
});

test('case 7 lost-message: a copy that landed in Spam explains itself through its headers', async () => {
  // A copy as the recipient would save it from the Spam folder: the receiver's verdicts are in its headers.
  const copy = [
    'Return-Path: <alice@example.test>',
    'Received: from mail.example.test (localhost [127.0.0.1])\r\n\tby mail.example.test (Postfix) with ESMTPS id 4ABCD123\r\n\tfor <bob@example.test>; Mon, 23 Nov 2026 10:05:00 +0000 (UTC)',
    'X-Spam-Flag: YES',
    'X-Spam-Status: Yes, score=8.1 required=5.0 tests=BAYES_99,RDNS_NONE autolearn=no',
    'Authentication-Results: mail.example.test; spf=pass smtp.mailfrom=alice@example.test; dkim=none; dmarc=fail header.from=example.test',
    'From: Alice <alice@example.test>', 'To: bob@example.test', 'Subject: Invoice 2026/11', 'Date: Mon, 23 Nov 2026 10:04:58 +0000',
    'Message-ID: <123@example.test>', '', 'Please see the invoice.', '',
  ].join('\r\n');
  const r = await runDoctor('lost-message', { from: 'alice@example.test', to: 'bob@example.test', message: copy }, { deps });
  if (await ranOrHonest(r, 'message', 'message', ['analyzeMessageOffline'], /^message\./)) {
    const causes = data(r).causes.map((c) => c.check);
    assert.ok(causes.includes('message.auth.dmarc'), causes.join(', '));
    assert.ok(causes.some((c) => /spam/.test(c)), causes.join(', '));
  }
});

test('every case can be walked with no answers at all: nothing crashes, skipped checks say why', async () => {
  for (const id of ['client-send', 'client-receive', 'webmail', 'php-mail', 'vps-send', 'vps-receive', 'lost-message']) {
    const r = await runDoctor(id, {}, { deps });
    assert.equal(r.command, 'doctor');
    assert.ok(r.findings[0]?.check === 'doctor.diagnosis');
    for (const f of r.findings) assert.ok(f.summary.en && f.summary.pl, f.check);
  }
  await assert.rejects(runDoctor('no-such-case', {}), RangeError);
});
