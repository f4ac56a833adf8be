// Real parts: an RSA key generated here, a message signed with it (mailauth), the public key published in a
// real NSD started by this test on its own loopback port; then verification, and tampering one byte at a time.
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { analyzeMessage, mailauthResolverFrom, makeMessageResolver } from '../../src/message/index.js';
import { createDnsClient, createStaticDnsClient, type DnsTraceEntry } from '../../src/dns/index.js';
import type { Report } from '../../src/core/finding.js';
import { CLI, testEnv } from '../helpers/env.js';
import { randomUUID } from 'node:crypto';
import { deliveredText, swaks } from './mail.js';
import { privateNsdConf } from '../helpers/nsd-conf.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const { dkimSign } = require('mailauth') as { dkimSign: (m: string, o: unknown) => Promise<{ signatures: string; errors: unknown[] }> };

const DOMAIN = 'dkim-test.test';
const SELECTOR = 'mm2026';
let dir: string;
let port = 0;
let privateKey: string;
let weakKey: string;

/** Start NSD for one zone on a free loopback port (5399 and up), the way testenv/start.sh writes nsd.conf. */
function startNsd(zone: string): number {
  for (let p = 5399; p < 5420; p++) {
    const conf = join(dir, 'nsd.conf');
    writeFileSync(conf, privateNsdConf(dir, p, DOMAIN));
    writeFileSync(join(dir, `${DOMAIN}.zone`), zone);
    const r = spawnSync('nsd', ['-c', conf], { encoding: 'utf8' });
    if (r.status !== 0) continue;
    // Wait until it answers.
    for (let i = 0; i < 100; i++) {
      const q = spawnSync('dig', ['+short', '+time=1', '+tries=1', '-p', String(p), '@127.0.0.1', `_dmarc.${DOMAIN}`, 'TXT'], { encoding: 'utf8' });
      if (q.stdout.includes('DMARC1')) return p;
      spawnSync('sleep', ['0.05']);
    }
    stopNsd();
  }
  throw new Error(`could not start nsd (see ${dir}/nsd.log)`);
}

function stopNsd() {
  const pidFile = join(dir, 'nsd.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (pid > 0) { try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ } }
}

/** TXT strings of at most 255 characters each. */
function txt(s: string): string {
  const parts: string[] = [];
  for (let i = 0; i < s.length; i += 250) parts.push(`"${s.slice(i, i + 250)}"`);
  return `( ${parts.join(' ')} )`;
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mm-dkim-'));
  mkdirSync(dir, { recursive: true });
  const kp = generateKeyPairSync('rsa', { modulusLength: 2048 });
  privateKey = kp.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pub = kp.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const weak = generateKeyPairSync('rsa', { modulusLength: 768 });
  weakKey = weak.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const weakPub = weak.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  const zone = `$ORIGIN ${DOMAIN}.
$TTL 300
@ IN SOA ns.${DOMAIN}. hostmaster.${DOMAIN}. 1 3600 600 86400 300
@ IN NS ns.${DOMAIN}.
ns IN A 127.0.0.1
@ IN TXT "v=spf1 ip4:127.0.0.1 -all"
_dmarc IN TXT "v=DMARC1; p=reject"
${SELECTOR}._domainkey IN TXT ${txt(`v=DKIM1; k=rsa; p=${pub}`)}
weak._domainkey IN TXT ${txt(`v=DKIM1; k=rsa; p=${weakPub}`)}
`;
  port = startNsd(zone);
});
after(() => stopNsd());

async function signed(opts: { subject?: string; body?: string; selector?: string; key?: string } = {}): Promise<string> {
  const msg = [
    `From: Sender <sender@${DOMAIN}>`, 'To: alice@example.test', `Subject: ${opts.subject ?? 'DKIM test'}`,
    'Date: Mon, 23 Nov 2026 10:00:00 +0000', `Message-ID: <dkim-1@${DOMAIN}>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '',
    opts.body ?? 'The body that is signed.\r\nSecond line.', '',
  ].join('\r\n');
  const res = await dkimSign(msg, { signatureData: [{ signingDomain: DOMAIN, selector: opts.selector ?? SELECTOR, privateKey: opts.key ?? privateKey, algorithm: 'rsa-sha256', canonicalization: 'relaxed/relaxed' }] });
  assert.deepEqual(res.errors, []);
  // As delivered: the receiving server's Received and Return-Path on top of the signed message.
  return `Return-Path: <sender@${DOMAIN}>\r\nReceived: from mail.${DOMAIN} (mail.${DOMAIN} [127.0.0.1])\r\n\tby mx.example.test (Postfix) with ESMTPS id 1A2B3C\r\n\tfor <alice@example.test>; Mon, 23 Nov 2026 10:00:02 +0000\r\n${res.signatures}${msg}`;
}

const resolver = () => makeMessageResolver({ server: `127.0.0.1:${port}`, timeoutMs: 2000 });

test('a DKIM-signed message verifies against the key in the test DNS: DKIM, SPF and DMARC pass', async () => {
  const a = await analyzeMessage(await signed(), { verify: { resolver: resolver() } });
  assert.equal(a.verify?.error, undefined);
  assert.equal(a.verify!.dkim.length, 1);
  const d = a.verify!.dkim[0]!;
  assert.equal(d.result, 'pass');
  assert.equal(d.domain, DOMAIN);
  assert.equal(d.selector, SELECTOR);
  assert.equal(d.aligned, true);
  assert.equal(a.verify!.spf?.result, 'pass');
  assert.equal(a.verify!.spf?.ip, '127.0.0.1');
  assert.equal(a.verify!.dmarc?.result, 'pass');
  const f = a.findings.find((x) => x.check === 'message.verify.dkim')!;
  assert.equal(f.status, 'ok');
});

test('one changed byte of the body: DKIM fails and the body hash is named', async () => {
  const good = await signed();
  const bad = good.replace('The body that is signed.', 'The body that is signeD.');
  const a = await analyzeMessage(bad, { verify: { resolver: resolver() } });
  const d = a.verify!.dkim[0]!;
  assert.notEqual(d.result, 'pass');
  assert.equal(d.failure, 'body-hash');
  const f = a.findings.find((x) => x.check === 'message.verify.dkim')!;
  assert.equal(f.status, 'error');
  assert.match(f.summary.en, /body hash/);
  assert.match(f.summary.pl, /skrót treści/);
  assert.equal(a.verify!.dmarc?.result, 'pass', 'SPF still passes aligned, so DMARC passes');
});

test('a changed signed header: DKIM fails on the header signature, not the body hash', async () => {
  const good = await signed({ subject: 'Invoice 1' });
  const bad = good.replace('Subject: Invoice 1', 'Subject: Invoice 7');
  const a = await analyzeMessage(bad, { verify: { resolver: resolver() } });
  const d = a.verify!.dkim[0]!;
  assert.equal(d.result, 'fail');
  assert.equal(d.failure, 'signature');
  const f = a.findings.find((x) => x.check === 'message.verify.dkim')!;
  assert.match(f.summary.en, /header signature/);
});

test('the receiver said dkim=pass, the own check fails: the difference is reported', async () => {
  const good = await signed();
  const withAr = `Authentication-Results: mx.example.test; dkim=pass header.d=${DOMAIN} header.s=${SELECTOR}; spf=pass smtp.mailfrom=sender@${DOMAIN}\r\n${good.replace('Second line.', 'Second line!')}`;
  const a = await analyzeMessage(withAr, { verify: { resolver: resolver() } });
  const diff = a.findings.find((x) => x.check === 'message.verify.differs');
  assert.ok(diff);
  assert.match(diff.summary.en, /DKIM dkim-test\.test: the receiver wrote pass, mailmedic finds (neutral|fail)/);
  assert.ok(a.findings.some((x) => x.check === 'message.verify.agrees' && x.subject.includes('SPF')));
});

test('no key published for the selector: "no key" is named', async () => {
  const msg = (await signed()).replace(`s=${SELECTOR};`, 's=missing;');
  const a = await analyzeMessage(msg, { verify: { resolver: resolver() } });
  // Changing s= breaks the signature too, but the key lookup comes first only when the body hash matches.
  assert.ok(['no-key', 'signature'].includes(a.verify!.dkim[0]!.failure ?? ''), a.verify!.dkim[0]!.comment);
});

test('CLI: --verify --resolver 127.0.0.1:PORT, JSON report with the own verdict', async () => {
  const file = join(dir, 'signed.eml');
  writeFileSync(file, await signed());
  const { stdout } = await run(process.execPath, [CLI, 'message', file, '--verify', '--resolver', `127.0.0.1:${port}`, '--json']).catch((e: { stdout: string }) => e);
  const r = JSON.parse(stdout) as Report;
  const v = (r.data as { verify: { dkim: { result: string }[]; dmarc: { result: string } } }).verify;
  assert.equal(v.dkim[0]!.result, 'pass');
  assert.equal(v.dmarc.result, 'pass');
  // A resolver that is not an IP is a usage error.
  const bad = await run(process.execPath, [CLI, 'message', file, '--verify', '--resolver', 'dns.example']).catch((e: { code: number; stderr: string }) => e);
  assert.equal((bad as { code: number }).code, 64);
});

test('every DNS query goes to the given server only (the wire trace of the DNS client)', async () => {
  const trace: DnsTraceEntry[] = [];
  const dns = createDnsClient({ server: `127.0.0.1:${port}`, timeoutMs: 2000, onTrace: (e) => trace.push(e) });
  const a = await analyzeMessage(await signed(), { verify: { resolver: mailauthResolverFrom(dns) } });
  assert.equal(a.verify!.dkim[0]!.result, 'pass');
  assert.ok(trace.length >= 3, `${trace.length} queries`);
  assert.deepEqual([...new Set(trace.map((t) => t.server))], [`127.0.0.1:${port}`]);
  assert.ok(trace.some((t) => t.name === `${SELECTOR}._domainkey.${DOMAIN}` && t.type === 'TXT'));
});

test('the key lookup times out: DKIM is "not checked" (DNS named), never a verdict', async () => {
  const dns = createStaticDnsClient({
    [`${SELECTOR}._domainkey.${DOMAIN}`]: 'TIMEOUT',
    [DOMAIN]: [{ type: 'TXT', data: 'v=spf1 ip4:127.0.0.1 -all' }],
    [`_dmarc.${DOMAIN}`]: [{ type: 'TXT', data: 'v=DMARC1; p=reject' }],
  });
  const a = await analyzeMessage(await signed(), { verify: { resolver: mailauthResolverFrom(dns) } });
  const d = a.verify!.dkim[0]!;
  assert.equal(d.failure, 'dns');
  const f = a.findings.find((x) => x.check === 'message.verify.dkim')!;
  assert.equal(f.status, 'unknown');
  assert.match(f.summary.en, /DNS error/);
  assert.equal(a.verify!.spf?.result, 'pass', 'SPF from the in-memory zone');
});

test('a signed message delivered through the real Postfix still verifies, with SPF for the real hop\'s IP', async () => {
  const env = testEnv();
  const token = `mm-dkim-${randomUUID()}`;
  const full = await signed({ subject: token, body: 'Delivered for real.' });
  const msg = full.slice(full.indexOf('DKIM-Signature:')); // drop the simulated Return-Path/Received
  assert.match(msg, /^DKIM-Signature:/);
  const file = join(dir, `${token}.eml`);
  writeFileSync(file, msg);
  await swaks(['--server', `127.0.0.1:${env.smtp}`, '--from', `sender@${DOMAIN}`, '--to', 'alice@example.test', '--data', `@${file}`, '--silent', '2']);
  const delivered = await deliveredText(env, token);
  assert.ok(delivered, 'delivered');
  const a = await analyzeMessage(delivered, { verify: { resolver: resolver() } });
  assert.equal(a.received.hops[a.received.hops.length - 1]!.by, 'mail.example.test');
  assert.equal(a.verify!.dkim[0]!.result, 'pass', a.verify!.dkim[0]!.comment);
  assert.equal(a.verify!.spf?.ip, '127.0.0.1');
  assert.equal(a.verify!.spf?.result, 'pass');
  assert.equal(a.verify!.dmarc?.result, 'pass');
});

test('a key under 1024 bits: DKIM is refused by policy and the short key is named', async () => {
  const a = await analyzeMessage(await signed({ selector: 'weak', key: weakKey }), { verify: { resolver: resolver() } });
  const d = a.verify!.dkim[0]!;
  assert.equal(d.failure, 'weak-key', d.comment);
  const f = a.findings.find((x) => x.check === 'message.verify.dkim')!;
  assert.match(f.summary.en, /too short/);
  assert.match(f.advice![0]!.pl, /2048-bitowy/);
});

test('SPF and DMARC lookups fail (DNS): "not checked", no SPF repair advice, not a spam cause, not a difference', async () => {
  const dns = createStaticDnsClient({
    [`${SELECTOR}._domainkey.${DOMAIN}`]: 'TIMEOUT',
    [DOMAIN]: 'TIMEOUT',
    [`_dmarc.${DOMAIN}`]: 'TIMEOUT',
  });
  const msg = `Authentication-Results: mx.example.test; spf=pass smtp.mailfrom=${DOMAIN}\r\n` + await signed();
  const a = await analyzeMessage(msg, { verify: { resolver: mailauthResolverFrom(dns), ip: '127.0.0.1' } });
  const spf = a.findings.find((x) => x.check === 'message.verify.spf')!;
  assert.equal(a.verify!.spf?.result, 'temperror');
  assert.equal(spf.status, 'unknown');
  assert.match(spf.advice![0]!.en, /--resolver/);
  assert.ok(!a.whySpam.causes.some((c) => c.check === 'message.verify.spf' || c.check === 'message.verify.dmarc'));
  assert.ok(!a.findings.some((x) => x.check === 'message.verify.differs' && x.subject === 'SPF'), 'our failed lookup is no disagreement');
});
