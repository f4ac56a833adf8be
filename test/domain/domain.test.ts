import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDnsClient } from '../../src/dns/index.js';
import { checkDomain, checkMtaSts, mtaStsMatches } from '../../src/domain/index.js';
import { CLI, testEnv } from '../helpers/env.js';
import { startFakeDns } from '../dns/fake-dns-server.js';
import { httpsTestServer, nsd, nsdServer, one, byCheck, testLists, TEST_LISTS_PATH } from './helpers.js';

const run = promisify(execFile);

/** MTA-STS policies by Host header, on the local HTTPS test server. */
const policyServer = (policies: Record<string, string>) => httpsTestServer((host, path) => (path === '/.well-known/mta-sts.txt' ? policies[host] : undefined));

test('checkDomain: the good domain has no warnings or errors; only dependent lookups wait', async () => {
  const pol = await policyServer({ 'mta-sts.mm-good.test': 'version: STSv1\r\nmode: enforce\r\nmx: mx1.mm-good.test\r\nmx: *.mm-good.test\r\nmax_age: 604800\r\n' });
  try {
    const dns = nsd();
    const r = await checkDomain('MM-Good.test.', { dns, ips: ['45.10.20.30'], dnsblLists: testLists(), fetch: pol.fetch });
    assert.equal(r.domain, 'mm-good.test');
    const bad = r.findings.filter((f) => f.status === 'warn' || f.status === 'error');
    assert.deepEqual(bad.map((f) => `${f.check} ${f.subject}`), []);
    assert.equal(one(r.findings, 'dns.mta-sts.policy').status, 'ok');
    for (const c of ['dns.mx.hosts', 'dns.spf.lookups', 'dns.spf.all', 'dns.spf.result', 'dns.dkim.key', 'dns.dmarc.policy', 'dns.tlsrpt.record', 'dns.zone.ns']) {
      assert.equal(byCheck(r.findings, c)[0]?.status, 'ok', c);
    }
    assert.equal(byCheck(r.findings, 'dns.ptr.ok').length, 3);
    // no lookup made twice
    const keys = dns.trace.map((e) => `${e.name}|${e.type}`);
    assert.equal(new Set(keys).size, keys.length);
    assert.ok(r.tables.some((t) => t.id === 'mx') && r.tables.some((t) => t.id === 'spf-tree'));
  } finally { await pol.close(); }
});

test('MTA-STS: policy that does not cover the MX is an error in enforce mode', async () => {
  const pol = await policyServer({ 'mta-sts.sts.mm-broken.test': 'version: STSv1\nmode: enforce\nmx: mail.elsewhere.test\nmax_age: 86400\n' });
  try {
    const f = await checkMtaSts(nsd(), 'sts.mm-broken.test', Promise.resolve(['mx1.mm-good.test']), pol.fetch);
    assert.equal(one(f, 'dns.mta-sts.mx-mismatch').status, 'error');
    const f404 = await checkMtaSts(nsd(), 'mm-good.test', Promise.resolve(['mx1.mm-good.test']), pol.fetch);
    assert.equal(one(f404, 'dns.mta-sts.fetch').status, 'error');
    assert.equal(mtaStsMatches('*.example.com', 'mx.example.com'), true);
    assert.equal(mtaStsMatches('*.example.com', 'a.mx.example.com'), false);
  } finally { await pol.close(); }
});

test('checkDomain: IDN, an e-mail address, and invalid names', async () => {
  const dns = nsd();
  const idn = await checkDomain('zażółć.test', { dns, fetch: false, dnsblLists: [] });
  assert.equal(idn.domain, 'xn--za-6ja4f8n1l.test');
  assert.equal(one(idn.findings, 'dns.name.idn').status, 'info');
  assert.equal(one(idn.findings, 'dns.mx.hosts').status, 'ok');
  const addr = await checkDomain('someone@mm-good.test', { dns, fetch: false, dnsblLists: [] });
  assert.equal(addr.domain, 'mm-good.test');
  const before = dns.stats().queries;
  for (const bad of ['', 'a..b', 'x'.repeat(300) + '.test', '1.2.3.4', 'exa mple.com', 'localhost', '-bad-.test', '\u0000\u0001\u00ff', 'a'.repeat(64) + '.test']) {
    const r = await checkDomain(bad, { dns, fetch: false });
    assert.deepEqual(r.findings.map((f) => `${f.check}:${f.status}`), ['dns.name.invalid:error'], JSON.stringify(bad));
  }
  assert.equal(dns.stats().queries, before);
});

test('checkDomain: timeouts and SERVFAIL give "unknown", never a verdict; only the given server is asked', async () => {
  const fake = await startFakeDns((q) => (q.type === 'TXT' ? { drop: true } : { rcode: 'SERVFAIL' }));
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 150, retries: 0 });
    const r = await checkDomain('broken-dns.test', { dns, fetch: false, ips: ['192.0.2.10'], dnsblLists: testLists() });
    const verdicts = r.findings.filter((f) => f.status === 'error' || f.status === 'ok');
    assert.deepEqual(verdicts.map((f) => f.check), []);
    assert.ok(byCheck(r.findings, 'dns.mx').length === 1 && byCheck(r.findings, 'dns.mx')[0]!.status === 'unknown');
    assert.equal(one(r.findings, 'dns.spf.record').status, 'unknown');
    assert.equal(byCheck(r.findings, 'dns.spf.result')[0]!.status, 'unknown');
    // every query the client made reached this server, and nothing else was asked
    const attempts = dns.trace.reduce((n, e) => n + e.attempts, 0);
    assert.equal(fake.log.length, attempts);
  } finally { await fake.close(); }
});

test('checkDomain: AD bit from a validating resolver, wrong-type answers ignored', async () => {
  const fake = await startFakeDns((q) => {
    if (q.type === 'MX') return { ad: true, answers: [{ name: q.name, type: 'A', ttl: 60, data: '192.0.2.7' }] };
    if (q.type === 'DNSKEY') return { ad: true, answers: [] };
    return { ad: true, rcode: 'NOERROR' };
  });
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 500 });
    const r = await checkDomain('signed.test', { dns, fetch: false, dnsblLists: [] });
    assert.equal(one(r.findings, 'dns.dnssec.validated').status, 'ok');
    assert.equal(one(r.findings, 'dns.mx.missing').status, 'error');
  } finally { await fake.close(); }
});

test('CLI: mailmedic domain --json against the test zones, --trace on stderr, exit codes', async () => {
  const args = [CLI, 'domain', 'listed.mm-broken.test', '--resolver', nsdServer(), '--no-fetch', '--dnsbl-lists', TEST_LISTS_PATH, '--json', '--trace'];
  const r = await run(process.execPath, args).catch((e: { code: number; stdout: string; stderr: string }) => e);
  assert.equal((r as { code?: number }).code, 2);
  const report = JSON.parse(r.stdout) as { command: string; status: string; findings: { check: string; data?: { sublists?: string[] } }[]; data: { queries: { queries: number }; resolver: string } };
  assert.equal(report.command, 'domain');
  assert.equal(report.status, 'error');
  assert.ok(report.findings.some((f) => f.check === 'dns.dnsbl.listed' && f.data?.sublists?.includes('XBL')));
  assert.equal(report.data.resolver, nsdServer());
  assert.match(r.stderr, /;; +[\d.]+ ms .* MX +listed\.mm-broken\.test +→ NOERROR/);
  const bad = await run(process.execPath, [CLI, 'domain', 'x.test', '--resolver', 'dns.google']).catch((e: { code: number }) => e);
  assert.equal((bad as { code?: number }).code, 64);
});

test('CLI: mailmedic spf --ip evaluates, in Polish too', async () => {
  const r = await run(process.execPath, [CLI, 'spf', 'mm-good.test', '--ip', '45.10.20.30', '--resolver', nsdServer(), '--lang', 'pl']);
  assert.match(r.stdout, /SPF dla adresu 45\.10\.20\.30: wolno mu wysyłać pocztę w imieniu domeny \(pass\)/);
  assert.match(r.stdout, /include:_spf\.mm-good\.test/);
  const f = await run(process.execPath, [CLI, 'spf', 'syntax.mm-broken.test', '--ip', '45.10.20.30', '--resolver', nsdServer(), '--json']).catch((e: { code: number; stdout: string }) => e);
  assert.equal((f as { code?: number }).code, 2);
  const rep = JSON.parse(f.stdout) as { data: { evaluations: { result: string }[] } };
  assert.equal(rep.data.evaluations[0]!.result, 'permerror');
});

test('MTA-STS default fetch: resolves mta-sts.<domain> through the given resolver and checks the certificate', async (t) => {
  const certs = testEnv().certs;
  const srv = createServer({ key: readFileSync(join(certs, 'key.pem')), cert: readFileSync(join(certs, 'cert.pem')) }, (_q, res) => { res.end('version: STSv1\n'); });
  const ok = await new Promise<boolean>((r) => { srv.once('error', () => r(false)); srv.listen(443, '127.0.0.1', () => r(true)); });
  if (!ok) { t.skip('127.0.0.1:443 is not available here'); return; }
  try {
    const dns = nsd();
    const r = await checkDomain('mm-good.test', { dns, dnsblLists: [], httpsTimeoutMs: 2000 });
    const f = one(r.findings, 'dns.mta-sts.fetch');
    // the test certificate is for mail.example.test, not mta-sts.mm-good.test: refused, as a sender would
    assert.match(f.summary.en, /could not be fetched: .*(altnames|does not match|self[- ]signed|certificate)/i);
    assert.ok(dns.trace.some((e) => e.name === 'mta-sts.mm-good.test' && e.type === 'A'));
  } finally { await new Promise((r) => srv.close(r)); }
});

test('DNSSEC: DNSKEY published, no DS at the parent and no AD bit → an island (warn), the DS to give the registrar', async () => {
  const fake = await startFakeDns((q) => (q.type === 'DNSKEY'
    ? { answers: [{ name: q.name, type: 'DNSKEY', ttl: 60, data: { flags: 257, algorithm: 13, key: Buffer.alloc(64, 1) } }] }
    : { rcode: 'NOERROR' }));
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 500 });
    const r = await checkDomain('unvalidated.test', { dns, fetch: false, dnsblLists: [] });
    const f = one(r.findings, 'dns.dnssec.island');
    assert.equal(f.status, 'warn');
    assert.match(f.summary.pl, /rodzic nie ma dla niej rekordu DS/);
    assert.match(f.advice![0]!.en, /unvalidated\.test\. IN DS \d+ 13 2 [0-9A-F]{64}/);
  } finally { await fake.close(); }
});

test('hostile zone: 300 MX hosts and junk TXT — bounded work, clear findings', async () => {
  const fake = await startFakeDns((q) => {
    if (q.type === 'MX') return { truncateUdp: true, answers: Array.from({ length: 300 }, (_, i) => ({ name: q.name, type: 'MX' as const, ttl: 60, data: { preference: i, exchange: `mx${i}.hostile.test` } })) };
    if (q.type === 'A' && q.name.startsWith('mx')) return { answers: [{ name: q.name, type: 'A', ttl: 60, data: '45.10.99.1' }] };
    if (q.type === 'TXT' && q.name === 'hostile.test') return { answers: [{ name: q.name, type: 'TXT', ttl: 60, data: [Buffer.from([0, 1, 2, 0xff, 0xfe]), Buffer.from('v=spf1 \u0000 +all')] }] };
    return { rcode: 'NXDOMAIN' };
  });
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 1000 });
    const t0 = Date.now();
    const r = await checkDomain('hostile.test', { dns, fetch: false, dnsblLists: testLists() });
    assert.ok(Date.now() - t0 < 10000);
    assert.equal(one(r.findings, 'dns.mx.too-many').status, 'warn');
    assert.ok(dns.stats().queries < 250, `${dns.stats().queries} queries`);
    assert.equal(r.data.mx.length, 50);
  } finally { await fake.close(); }
});
