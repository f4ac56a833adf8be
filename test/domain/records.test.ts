import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSoaNs, checkDkim, checkDmarc, checkPtr, checkDnsbl, checkTlsRpt, parseDmarc, organizationalDomain, analyzeDkimRecord, COMMON_DKIM_SELECTORS } from '../../src/domain/index.js';
import { nsd, one, byCheck, testLists } from './helpers.js';

test('DKIM: probed selectors find the key; size and type reported', async () => {
  const r = await checkDkim(nsd(), 'mm-good.test');
  const f = one(r.findings, 'dns.dkim.key');
  assert.equal(f.data?.selector, 'default');
  assert.equal(f.data?.bits, 2048);
  const ed = await checkDkim(nsd(), 'mm-good.test', ['ed']);
  assert.equal(one(ed.findings, 'dns.dkim.key').data?.keyType, 'ed25519');
});

test('DKIM: 512-bit error, 1024-bit warning, revoked, testing, broken key, missing selector', async () => {
  const dns = nsd();
  const r = await checkDkim(dns, 'dkim.mm-broken.test', ['s512', 's1024', 'old', 'test', 'bad', 'nosuch']);
  const weak = byCheck(r.findings, 'dns.dkim.weak-key');
  assert.deepEqual(weak.map((f) => [f.data?.bits, f.status]), [[512, 'error'], [1024, 'warn']]);
  assert.equal(one(r.findings, 'dns.dkim.revoked').subject, 'old._domainkey.dkim.mm-broken.test');
  assert.equal(one(r.findings, 'dns.dkim.testing').status, 'info');
  assert.match(one(r.findings, 'dns.dkim.syntax').summary.en, /base64|RSA public key/);
  assert.equal(one(r.findings, 'dns.dkim.selector-missing').subject, 'nosuch._domainkey.dkim.mm-broken.test');
});

test('DKIM: nothing under the common selectors is "not found", with the list tried — not "no DKIM"', async () => {
  const r = await checkDkim(nsd(), 'mm-nodmarc.test');
  const f = one(r.findings, 'dns.dkim.not-found');
  assert.equal(f.status, 'info');
  assert.deepEqual(f.data?.tried, [...COMMON_DKIM_SELECTORS]);
});

test('DKIM record parser: tags, v= first, unknown k=', () => {
  assert.equal(analyzeDkimRecord('x', 'k=rsa; v=DKIM1; p=').errors.length, 1);
  assert.match(analyzeDkimRecord('x', 'v=DKIM1; k=dsa; p=AAAA').errors.map((e) => e.en).join(), /unknown key type/);
});

test('DMARC: policy, external report destination authorized', async () => {
  const r = await checkDmarc(nsd(), 'mm-good.test');
  assert.equal(one(r.findings, 'dns.dmarc.policy').data?.effective, 'reject');
  assert.equal(one(r.findings, 'dns.dmarc.external').status, 'ok');
});

test('DMARC: organizational-domain fallback, p=none, pct, unauthorized external reports', async () => {
  const r = await checkDmarc(nsd(), 'nospf.mm-broken.test');
  assert.equal(r.at, '_dmarc.mm-broken.test');
  const p = one(r.findings, 'dns.dmarc.policy');
  assert.equal(p.status, 'warn');
  assert.match(p.summary.en, /inherited from _dmarc\.mm-broken\.test/);
  assert.ok(byCheck(r.findings, 'dns.dmarc.tag').some((f) => /pct=50/.test(f.summary.en)));
  assert.equal(one(r.findings, 'dns.dmarc.external').status, 'warn');
});

test('DMARC: missing, broken, duplicated', async () => {
  const dns = nsd();
  assert.equal(one((await checkDmarc(dns, 'mm-nodmarc.test')).findings, 'dns.dmarc.missing').status, 'warn');
  const bad = one((await checkDmarc(dns, 'dmarcbad.mm-broken.test')).findings, 'dns.dmarc.syntax');
  assert.match(bad.summary.en, /p=block/);
  assert.match(bad.summary.en, /adkim=x/);
  assert.match(bad.summary.en, /mailto/);
  assert.equal(one((await checkDmarc(dns, 'dmarctwo.mm-broken.test')).findings, 'dns.dmarc.multiple').status, 'error');
  assert.equal(organizationalDomain('a.b.example.co.uk'), 'example.co.uk');
  assert.equal(parseDmarc('v=DMARC1; rua=mailto:a@b.test').policy, 'none');
});

test('PTR: forward-confirmed, not confirmed, missing, generic name', async () => {
  const dns = nsd();
  assert.deepEqual((await checkPtr(dns, { ip: '45.10.20.30', role: 'sender' })).result.confirmed, ['sender.mm-good.test']);
  const nc = await checkPtr(dns, { ip: '45.10.20.31', role: 'sender' });
  assert.equal(nc.result.status, 'not-confirmed');
  assert.equal(one(nc.findings, 'dns.ptr.not-confirmed').status, 'error');
  const none = await checkPtr(dns, { ip: '45.10.20.99', role: 'sender' });
  assert.equal(one(none.findings, 'dns.ptr.missing').status, 'error');
  const mxNone = await checkPtr(dns, { ip: '45.10.20.99', role: 'mx', host: 'x.test' });
  assert.equal(one(mxNone.findings, 'dns.ptr.missing').status, 'warn');
  const loop = await checkPtr(dns, { ip: '127.0.0.1', role: 'mx', host: 'mail.example.test' });
  assert.equal(loop.result.status, 'ok');
});

test('DNSBL: Spamhaus-style codes decoded per sub-list; refusals and dead lists are "could not check"', async () => {
  const dns = nsd();
  const r = await checkDnsbl(dns, {
    ips: [{ ip: '45.10.20.66', label: 'MX' }, { ip: '45.10.20.31' }, { ip: '45.10.20.25' }],
    domains: ['x.mm-broken.test', 'mm-good.test'],
    lists: testLists(),
  });
  const listed = byCheck(r.findings, 'dns.dnsbl.listed');
  const xbl = listed.find((f) => f.data?.list === 'test-zen' && f.subject.startsWith('45.10.20.66'))!;
  assert.deepEqual(xbl.data?.sublists, ['XBL']);
  assert.equal(xbl.status, 'error');
  assert.match(String(xbl.data?.reason), /check\.spamhaus\.example/);
  const pbl = listed.find((f) => f.subject === '45.10.20.31')!;
  assert.deepEqual(pbl.data?.sublists, ['PBL']);
  assert.equal(pbl.status, 'warn');
  const dbl = listed.find((f) => f.subject === 'mm-broken.test' && f.data?.list === 'test-dbl')!;
  assert.deepEqual(dbl.data?.codes, ['127.0.1.2']);
  const uribl = listed.find((f) => f.subject === 'mm-broken.test' && f.data?.list === 'test-uribl')!;
  assert.deepEqual(uribl.data?.sublists, ['grey']);
  assert.equal(uribl.status, 'warn');
  const unusable = byCheck(r.findings, 'dns.dnsbl.list-unusable');
  assert.ok(unusable.every((f) => f.status === 'unknown'));
  assert.deepEqual(unusable.flatMap((f) => f.data?.lists as string[]).sort(), ['test-dead', 'test-refused']);
  assert.ok(unusable.some((f) => /public\/open resolver/.test(f.summary.en)));
  assert.ok(unusable.some((f) => /test entry is not listed/.test(f.summary.en)));
  // clean only where every usable list said NXDOMAIN; the refused and dead lists never count as clean
  const clean = byCheck(r.findings, 'dns.dnsbl.clean').find((f) => f.subject === '45.10.20.25')!;
  assert.deepEqual(clean.data?.lists, ['test-zen', 'test-scbl']);
  assert.ok(!listed.some((f) => f.data?.list === 'test-refused' || f.data?.list === 'test-dead'));
});

test('TLS-RPT record', async () => {
  const f = await checkTlsRpt(nsd(), 'mm-good.test');
  assert.equal(f[0]!.status, 'ok');
  assert.equal((await checkTlsRpt(nsd(), 'mm-nodmarc.test'))[0]!.check, 'dns.tlsrpt.missing');
});

test('PTR: subject-first call form (as doctor calls it)', async () => {
  const r = await checkPtr('45.10.20.30', { dns: nsd() });
  assert.equal(r.result.status, 'ok');
});

test('DKIM: h=sha1 only is an error', () => {
  assert.match(analyzeDkimRecord('x', 'v=DKIM1; h=sha1; p=').errors.map((e) => e.en).join(), /RFC 8301/);
});

test('SOA/NS: one name server is a warning, short expire is noted; a sub-name is not an apex', async () => {
  const dns = nsd();
  const f = await checkSoaNs(dns, 'example.test');
  assert.equal(one(f, 'dns.zone.ns').status, 'warn');
  assert.match(one(f, 'dns.zone.soa').summary.en, /expire 86400/);
  assert.deepEqual((await checkSoaNs(dns, 'mm-good.test')).map((x) => x.status), ['ok', 'ok']);
  assert.equal(one(await checkSoaNs(dns, 'nomx.mm-broken.test'), 'dns.zone.apex').status, 'info');
});
