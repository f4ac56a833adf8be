// IMAP and POP3 probes against the REAL Dovecot of the test environment.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { probeImap, probePop3, type ProbeResult } from '../../src/probe/index.js';
import { testEnv } from '../helpers/env.js';

const env = testEnv();
const [user, pass] = ['alice@example.test', env.users['alice@example.test']!];
const find = (r: ProbeResult, check: string) => r.findings.find((f) => f.check === check);

test('IMAP STARTTLS: capabilities, login, folder list with counts, Junk found via \\Junk', async () => {
  const r = await probeImap({ host: '127.0.0.1', port: env.imap, user, password: pass });
  assert.equal(r.authenticated, true);
  assert.ok(r.tls, 'STARTTLS was used');
  assert.ok('IMAP4REV1' in r.capabilities!);
  const folders = r.data.folders as { name: string; flags: string[]; messages?: number }[];
  assert.ok(folders.some((f) => f.name === 'INBOX' && typeof f.messages === 'number'));
  const spam = find(r, 'probe.imap.spam')!;
  assert.equal(spam.data?.folder, 'Junk');
  assert.match(spam.detail!.en, /not over POP3/);
  assert.ok(r.transcript.some((l) => l.dir === 'C' && /LOGIN "alice@example.test" \*{8}$/.test(l.text)));
  // Dovecot lists its capabilities in the greeting; the greeting sentence leaves them to the capabilities finding.
  const banner = find(r, 'probe.imap.banner')!;
  assert.match(banner.summary.en, /greeted after \d+ ms: OK Dovecot/);
  assert.doesNotMatch(banner.summary.en, /CAPABILITY/);
});

test('IMAPS (implicit TLS) login; wrong password is a securityerror (refused login)', async () => {
  const ok = await probeImap({ host: '127.0.0.1', port: env.imaps, tls: 'implicit', user, password: pass });
  assert.equal(ok.authenticated, true);
  assert.equal(ok.tlsMode, 'implicit');
  const bad = await probeImap({ host: '127.0.0.1', port: env.imaps, tls: 'implicit', user, password: 'wrong-pass' });
  assert.equal(bad.authenticated, false);
  assert.equal(find(bad, 'probe.imap.login')!.diagnosis?.reason, 'securityerror');
});

test('IMAP from 127.0.0.2 without TLS: LOGINDISABLED is seen and login is refused', async () => {
  const r = await probeImap({ host: '127.0.0.1', port: env.imap, tls: 'none', localAddress: '127.0.0.2', user, password: pass });
  assert.ok('LOGINDISABLED' in r.capabilities!);
  assert.equal(find(r, 'probe.imap.login')!.status, 'error');
  assert.match(find(r, 'probe.imap.login')!.summary.en, /LOGINDISABLED/);
});

test('IMAP from 127.0.0.1 without TLS: Dovecot allows plain login on "secured" loopback, and we warn', async () => {
  const r = await probeImap({ host: '127.0.0.1', port: env.imap, tls: 'none' });
  assert.equal(find(r, 'probe.imap.plaintext')!.status, 'warn');
  assert.equal(find(r, 'probe.imap.login')!.status, 'info');
});

test('IMAP auto mode never sends a password without TLS', async () => {
  // A credential given, STARTTLS offered: the probe upgrades first; the LOGIN line comes after the TLS note.
  const r = await probeImap({ host: '127.0.0.1', port: env.imap, user, password: pass });
  const tlsAt = r.transcript.findIndex((l) => l.dir === '*' && l.text.startsWith('TLS '));
  const loginAt = r.transcript.findIndex((l) => l.dir === 'C' && l.text.includes('LOGIN'));
  assert.ok(tlsAt > 0 && loginAt > tlsAt);
});

test('POP3 STLS and POP3S: login, mailbox size, and "Spam is not visible over POP3"', async () => {
  for (const [port, tls] of [[env.pop3, 'auto'], [env.pop3s, 'implicit']] as const) {
    const r = await probePop3({ host: '127.0.0.1', port, tls, user, password: pass });
    assert.equal(r.authenticated, true, String(port));
    assert.ok(r.tls);
    assert.equal(typeof r.data.messages, 'number');
    assert.match(find(r, 'probe.pop3.spam')!.summary.en, /only the inbox/);
    assert.ok(r.transcript.some((l) => l.text === 'PASS ********'));
  }
});

test('POP3 from 127.0.0.2 without TLS: plaintext login disallowed', async () => {
  const r = await probePop3({ host: '127.0.0.1', port: env.pop3, tls: 'none', localAddress: '127.0.0.2', user, password: pass });
  assert.equal(r.authenticated, false);
  assert.match(find(r, 'probe.pop3.login')!.summary.en, /without encryption/);
});
