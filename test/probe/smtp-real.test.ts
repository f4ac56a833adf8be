// SMTP probe against the REAL Postfix of the test environment, including its deliberately broken listeners.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createDnsClient } from '../../src/dns/index.js';
import { lookupViaDns, probeSmtp, type ProbeResult } from '../../src/probe/index.js';
import { testEnv } from '../helpers/env.js';

const env = testEnv();
const port = (k: string) => Number(env[k]);
const [user, pass] = ['alice@example.test', env.users['alice@example.test']!];
const lookup = lookupViaDns(createDnsClient({ server: `127.0.0.1:${env.dnsPort}`, timeoutMs: 1000 }));
const ca = readFileSync(String(env.caCert), 'utf8');
const HOST = 'mail.example.test';

const checks = (r: ProbeResult) => r.findings.map((f) => `${f.status} ${f.check}`);
const has = (r: ProbeResult, status: string, check: string) =>
  assert.ok(r.findings.some((f) => f.status === status && f.check === check), `expected ${status} ${check} in:\n${checks(r).join('\n')}`);
const lacks = (r: ProbeResult, check: string) => assert.ok(!r.findings.some((f) => f.check === check), `unexpected ${check}`);

test('submission: STARTTLS, TLS 1.2+, self-signed certificate, AUTH PLAIN login succeeds', async () => {
  const r = await probeSmtp({ host: HOST, port: env.submission, user, password: pass, authMechanism: 'PLAIN' }, { lookup });
  has(r, 'ok', 'probe.smtp.connect');
  has(r, 'ok', 'probe.smtp.banner');
  has(r, 'ok', 'probe.smtp.tls.version');
  has(r, 'warn', 'probe.smtp.tls.self-signed');
  has(r, 'ok', 'probe.smtp.auth');
  assert.equal(r.authenticated, true);
  assert.ok(r.tls && /^TLSv1\.[23]$/.test(r.tls.protocol));
  assert.ok(r.tls!.nameMatches);
  for (const cap of ['SIZE', 'PIPELINING', '8BITMIME', 'SMTPUTF8', 'ENHANCEDSTATUSCODES', 'CHUNKING', 'AUTH']) assert.ok(cap in r.capabilities!, cap);
  assert.ok(!('STARTTLS' in r.capabilities!), 'capabilities are the ones after TLS');
  assert.ok(r.authMechanisms!.includes('PLAIN'));
  // The transcript has directions and times, and the AUTH line is redacted.
  const auth = r.transcript.find((l) => l.dir === 'C' && l.text.startsWith('AUTH PLAIN'));
  assert.equal(auth?.text, 'AUTH PLAIN ********');
  assert.ok(r.transcript.some((l) => l.dir === 'S' && l.text.startsWith('235')));
});

test('every AUTH mechanism works against real Postfix+Dovecot SASL; the strongest offered is CRAM-MD5', async () => {
  for (const m of ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const) {
    const r = await probeSmtp({ host: HOST, port: env.submission, user, password: pass, authMechanism: m }, { lookup });
    assert.equal(r.authenticated, true, m);
    assert.ok(!JSON.stringify(r).includes(pass), `password leaked with ${m}`);
  }
  const auto = await probeSmtp({ host: HOST, port: env.submission, user, password: pass }, { lookup });
  assert.equal(auto.findings.find((f) => f.check === 'probe.smtp.auth')?.data?.mechanism, 'CRAM-MD5');
});

test('wrong password: 535 explained as bad credentials; login without domain flagged', async () => {
  const r = await probeSmtp({ host: HOST, port: env.smtps, tls: 'implicit', user: 'alice', password: 'not-the-password', authMechanism: 'LOGIN' }, { lookup });
  const f = r.findings.find((x) => x.check === 'probe.smtp.auth')!;
  assert.equal(f.status, 'error');
  assert.equal(f.diagnosis?.replyCode, 535);
  assert.equal(f.diagnosis?.reason, 'securityerror');
  assert.match(f.summary.en, /user name or password/);
  has(r, 'warn', 'probe.smtp.auth.user');
  assert.equal(r.tlsMode, 'implicit');
});

test('port 25-style listener: no AUTH, opportunistic STARTTLS; recipient refused; relay denied', async () => {
  const r = await probeSmtp({
    host: '127.0.0.1', port: env.smtp, mailFrom: 'someone@client.test', rcptTo: ['nobody@example.test', 'bob@example.test', 'x@gmail.example'], relayTest: true,
  });
  has(r, 'ok', 'probe.smtp.tls.version');
  has(r, 'ok', 'probe.smtp.relay');
  const rc = r.findings.filter((f) => f.check === 'probe.smtp.rcpt');
  assert.equal(rc.length, 3);
  assert.equal(rc[0]!.status, 'error');
  assert.equal(rc[0]!.diagnosis?.replyCode, 550);
  assert.equal(rc[0]!.diagnosis?.enhancedCode, '5.1.1');
  assert.equal(rc[1]!.status, 'ok');
  assert.equal(rc[2]!.diagnosis?.reason, 'norelaying');
  assert.match(rc[2]!.summary.en, /Relay access denied/);
});

test('listener without STARTTLS is an error on a submission port', async () => {
  const r = await probeSmtp({ host: HOST, port: port('smtpNoTls'), user, password: pass }, { lookup });
  has(r, 'error', 'probe.smtp.starttls');
  assert.equal(r.tls, undefined);
});

test('expired certificate: days since expiry and the date are given', async () => {
  const r = await probeSmtp({ host: HOST, port: port('smtpExpiredCert'), ca }, { lookup });
  const f = r.findings.find((x) => x.check === 'probe.smtp.tls.expired')!;
  assert.equal(f.status, 'error');
  assert.match(f.summary.en, /expired \d+ days ago \(2021-01-01\)/);
  assert.ok(r.tls!.daysLeft < -365);
});

test('an injected clock decides days left (expiry warning before the date)', async () => {
  const r = await probeSmtp({ host: HOST, port: port('smtpCaSigned'), ca }, { lookup, date: () => new Date(Date.now() + 3640 * 86_400_000) });
  has(r, 'warn', 'probe.smtp.tls.expiring');
  // One day left is "1 day" / "1 dzień", not "1 days" / "1 dni".
  const validTo = Date.parse(r.tls!.chain[0]!.validTo);
  const one = await probeSmtp({ host: HOST, port: port('smtpCaSigned'), ca }, { lookup, date: () => new Date(validTo - 1.5 * 86_400_000) });
  const f = one.findings.find((x) => x.check === 'probe.smtp.tls.expiring')!;
  assert.match(f.summary.en, /expires in 1 day \(/);
  assert.match(f.summary.pl, /wygasa za 1 dzień \(/);
});

test('certificate for another host name: name mismatch is an error', async () => {
  const r = await probeSmtp({ host: HOST, port: port('smtpWrongNameCert'), ca }, { lookup });
  const f = r.findings.find((x) => x.check === 'probe.smtp.tls.name')!;
  assert.equal(f.status, 'error');
  assert.match(f.summary.en, /wrong-host\.example\.net, not for mail\.example\.test/);
  lacks(r, 'probe.smtp.tls.untrusted');
});

test('CA-signed certificate trusted with --ca is all OK; without --ca it is untrusted', async () => {
  const good = await probeSmtp({ host: HOST, port: port('smtpCaSigned'), ca, user, password: pass }, { lookup });
  has(good, 'ok', 'probe.smtp.tls.certificate');
  assert.equal(good.tls!.trusted, true);
  assert.equal(good.tls!.chain.length, 2);
  assert.equal(good.authenticated, true);
  assert.ok(!good.findings.some((f) => f.status === 'warn' || f.status === 'error'), good.findings.map((f) => f.check).join());
  const untrusted = await probeSmtp({ host: HOST, port: port('smtpCaSigned') }, { lookup });
  has(untrusted, 'warn', 'probe.smtp.tls.untrusted');
  // The OpenSSL code is explained in words, in both languages.
  const u = untrusted.findings.find((f) => f.check === 'probe.smtp.tls.untrusted')!;
  assert.match(u.summary.en, /not publicly trusted \(SELF_SIGNED_CERT_IN_CHAIN\)/);
  assert.match(u.summary.pl, /nie jest publicznie zaufany \(SELF_SIGNED_CERT_IN_CHAIN\)/);
});

test('AUTH offered before TLS is a warning', async () => {
  const r = await probeSmtp({ host: HOST, port: port('smtpAuthBeforeTls') }, { lookup });
  has(r, 'warn', 'probe.smtp.auth.before-tls');
});

test('submission without TLS (--tls none): login is offered only after STARTTLS, and MAIL needs STARTTLS (530)', async () => {
  const r = await probeSmtp({ host: '127.0.0.1', port: env.submission, tls: 'none', user, password: pass, mailFrom: user });
  const a = r.findings.find((f) => f.check === 'probe.smtp.auth')!;
  assert.match(a.summary.en, /only after STARTTLS/);
  const m = r.findings.find((f) => f.check === 'probe.smtp.mail-from')!;
  assert.equal(m.diagnosis?.replyCode, 530);
  assert.match(m.summary.en, /requires STARTTLS first/);
});

test('SSL/TLS on a STARTTLS port: "use STARTTLS"; STARTTLS on the implicit-TLS port: "expects SSL/TLS"', async () => {
  const a = await probeSmtp({ host: '127.0.0.1', port: env.submission, tls: 'implicit' });
  assert.equal(a.findings.at(-1)!.check, 'probe.smtp.tls');
  assert.match(a.findings.at(-1)!.summary.en, /does not speak SSL\/TLS from the start/);
  // The OpenSSL error is cut down to its reason words for people; the full text stays in the evidence.
  assert.match(a.findings.at(-1)!.detail!.en, /plain text \(wrong version number\)/);
  assert.doesNotMatch(a.findings.at(-1)!.detail!.pl, /SSL routines|ssl3_record|\n/);
  // Port 465 is mapped to the real smtps listener by the injected connect function.
  const connect = (o: { host: string; port: number }) => net.connect({ host: o.host, port: o.port === 465 ? env.smtps : o.port });
  const t0 = Date.now();
  const b = await probeSmtp({ host: '127.0.0.1', port: 465, tls: 'starttls', timeouts: { banner: 400 } }, { connect });
  assert.ok(Date.now() - t0 < 3000);
  assert.match(b.findings.at(-1)!.summary.en, /expects encryption \(SSL\/TLS\) from the first byte/);
});

test('DNS failure and a refused port are told apart', async () => {
  const d = await probeSmtp({ host: 'no-such-host.example.test', port: 587 }, { lookup });
  assert.equal(d.findings[0]!.check, 'probe.smtp.dns');
  assert.match(d.findings[0]!.summary.en, /does not exist in DNS/);
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const free = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  const c = await probeSmtp({ host: '127.0.0.1', port: free });
  assert.equal(c.findings[0]!.check, 'probe.smtp.connect');
  assert.match(c.findings[0]!.summary.en, /refused/);
});

test('--send delivers a real test message through submission (seen in the Postfix log)', async () => {
  const r = await probeSmtp({ host: HOST, port: env.submission, user, password: pass, mailFrom: user, rcptTo: ['bob@example.test'], send: true }, { lookup });
  const s = r.findings.find((f) => f.check === 'probe.smtp.send')!;
  assert.equal(s.status, 'ok', JSON.stringify(s));
  const qid = /queued as ([0-9A-F]+)/.exec(s.summary.en)?.[1];
  assert.ok(qid);
  let log = '';
  for (let i = 0; i < 40 && !log.includes(qid!); i++) {
    await new Promise((res) => setTimeout(res, 50));
    log = readFileSync(env.maillog, 'utf8');
  }
  assert.ok(log.includes(qid!), 'queue id in maillog');
});
