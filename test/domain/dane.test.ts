// Issue 18, DNSSEC and DANE against the real test servers: NSD serves zones signed at environment start by
// testenv/dnssec-zones.sh (ldns-signzone; new keys each run) — a good chain (ECDSA P-256 and RSASHA256), a DS that
// matches no key, a damaged DNSKEY signature, an unsigned zone — and TLSA records made from the test Postfix's
// certificates (testenv/certs.sh). NSD is authoritative and never sets the AD bit: every "valid" here comes from
// mailmedic's own walk of the chain, anchored at the DS of mm-dnssec.test (there is no signed root on loopback).
import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import type { Answer } from 'dns-packet';
import { createDnsClient, isDnskey, isRrsig, keyTag, publicKeyOf, recordsOf, verifyRrsig, type DnskeyData, type DnsRecord, type DnsRecordType, type RrsigData, type TxtData } from '../../src/dns/index.js';
import { startFakeDns } from '../dns/fake-dns-server.js';
import { checkDomain, checkDomains, fleetCsvRow, parseTrustAnchors, ROOT_TRUST_ANCHOR, readTlsa, walkDnssecChain, type DaneResult } from '../../src/domain/index.js';
import { lookupViaDns, probeSmtp } from '../../src/probe/index.js';
import { render } from '../../src/report/index.js';
import { makeReport } from '../../src/core/finding.js';
import { testEnv } from '../helpers/env.js';
import { byCheck, nsd, one } from './helpers.js';

const env = testEnv();
const ca = readFileSync(String(env.caCert), 'utf8');
const { anchors, errors } = parseTrustAnchors(readFileSync(String(env.dnssecAnchor), 'utf8'));
const goodSpki = createHash('sha256').update(new X509Certificate(readFileSync(join(env.certs, 'good-cert.pem'))).publicKey.export({ type: 'spki', format: 'der' })).digest('hex');

test('trust anchor file: the DS of the signed test parent', () => {
  assert.deepEqual(errors, []);
  assert.equal(anchors.length, 1);
  assert.equal(anchors[0]!.zone, 'mm-dnssec.test');
  const bad = parseTrustAnchors('x. IN DS 1 2\n; comment\n\nmm.test. 300 IN DS 12345 13 2 ZZ\n. IN DS 20326 8 2 E06D44B8');
  assert.equal(bad.errors.length, 2);
  assert.equal(bad.anchors[0]!.zone, '');
  // Hostile files: one huge line, many lines, a long digest — bounded, each bad line named.
  for (const text of ['x. IN DS 1 8 2 ' + 'ab'.repeat(500_000), 'a. IN DS 1 8 2 ab\n'.repeat(50_000), ' DS '.repeat(200_000), ';'.repeat(1_000_000)]) {
    const r = parseTrustAnchors(text);
    assert.ok(r.errors.length <= 1000 && r.anchors.length <= 1);
  }
});

test('DNSSEC chain walk against NSD: good (ECDSA and RSA), a DS matching no key, a damaged signature, unsigned, no anchor', async () => {
  const dns = nsd();
  const walk = (d: string) => walkDnssecChain(dns, d, { trustAnchors: anchors });
  const good = await walk('ee.good.mm-dnssec.test');
  assert.equal(good.state, 'valid');
  assert.equal(good.zone, 'good.mm-dnssec.test');
  assert.deepEqual(good.links.map((l) => [l.zone, l.state]), [['good.mm-dnssec.test', 'secure'], ['mm-dnssec.test', 'secure']]);
  assert.equal((await walk('rsa.mm-dnssec.test')).state, 'valid', 'RSASHA256 (algorithm 8)');
  const broken = await walk('brokends.mm-dnssec.test');
  assert.equal(broken.state, 'broken');
  assert.equal(broken.problem, 'ds');
  assert.match(broken.why!.en, /no DNSKEY of brokends\.mm-dnssec\.test matches the DS at the parent/);
  const badsig = await walk('badsig.mm-dnssec.test');
  assert.equal(badsig.state, 'broken');
  assert.match(badsig.why!.en, /not validly signed .*the signature does not verify/);
  assert.equal(badsig.problem, 'signature');
  assert.equal((await walk('unsigned.mm-dnssec.test')).state, 'unsigned');
  // Without the test anchor the chain ends at mm-dnssec.test, whose parent (.test) NSD does not serve.
  const island = await walkDnssecChain(dns, 'good.mm-dnssec.test', { trustAnchors: [] });
  assert.equal(island.state, 'island');
  assert.equal(island.at, 'mm-dnssec.test');
  // Signatures have a validity window: a clock after their expiry breaks the chain.
  const late = await walkDnssecChain(dns, 'good.mm-dnssec.test', { trustAnchors: anchors, now: () => Date.now() + 400 * 86_400_000 });
  assert.equal(late.state, 'broken');
  assert.match(late.why!.en, /expired/);
});

test('DNSSEC findings in checkDomain, both languages; NSD sets no AD bit and the walk says so', async () => {
  const dns = nsd();
  const get = async (d: string) => (await checkDomain(d, { resolver: dns, fetch: false, dnsblLists: [], trustAnchors: anchors })).findings;
  const ok = one(await get('good.mm-dnssec.test'), 'dns.dnssec.chain');
  assert.equal(ok.status, 'ok');
  assert.match(ok.summary.pl, /łańcuch zaufania strefy good\.mm-dnssec\.test jest poprawny/);
  assert.match(ok.detail!.en, /did not set the AD bit/);
  const broken = one(await get('brokends.mm-dnssec.test'), 'dns.dnssec.broken');
  assert.equal(broken.status, 'error');
  assert.match(broken.summary.pl, /DNSSEC jest zepsuty w strefie brokends\.mm-dnssec\.test: żaden DNSKEY/);
  assert.match(broken.advice![0]!.en, /brokends\.mm-dnssec\.test\. IN DS \d+ 13 2 [0-9A-F]{64}/);
  const badsig = one(await get('badsig.mm-dnssec.test'), 'dns.dnssec.broken');
  assert.match(badsig.advice![0]!.pl, /Podpisz strefę ponownie/);
  assert.equal(one(await get('unsigned.mm-dnssec.test'), 'dns.dnssec.unsigned').status, 'info');
  // The default anchor is the root's: on loopback the walk ends at the island.
  const island = one((await checkDomain('good.mm-dnssec.test', { resolver: dns, fetch: false, dnsblLists: [] })).findings, 'dns.dnssec.island');
  assert.equal(island.status, 'warn');
  assert.match(island.summary.en, /mm-dnssec\.test is signed, but its parent has no DS record/);
});

test('DANE against the test Postfix over real SMTP sessions: DANE-EE and DANE-TA match, a wrong key, PKIX, junk, unsigned', async () => {
  const dns = nsd();
  const mxTls = {
    port: env.smtpCaSigned as number,
    session: (o: { host: string; port: number }) => probeSmtp({ ...o, tls: 'auto', ca, timeouts: { connect: 3000, banner: 5000, command: 5000, tls: 5000 } }, { lookup: lookupViaDns(dns) }),
  };
  const get = async (d: string) => checkDomain(d, { resolver: dns, fetch: false, dnsblLists: [], trustAnchors: anchors, mxTls });
  const good = await get('good.mm-dnssec.test');
  const match = one(good.findings, 'dns.dane.match');
  assert.equal(match.status, 'ok');
  assert.match(match.summary.en, /mx\.good\.mm-dnssec\.test: the certificate it presents matches TLSA 3 1 1 .*\(DANE-EE\); DNSSEC: signed, chain of trust verified by mailmedic/);
  assert.deepEqual((good.data.dane as DaneResult[]).map((r) => [r.host, r.dnssec, r.matches]), [['mx.good.mm-dnssec.test', 'verified', true]]);
  const records = one(good.findings, 'dns.dane.records');
  assert.match(records.detail!.pl, /DANE-EE: własny certyfikat lub klucz serwera.*tylko klucz publiczny.*skrót SHA-256/);
  assert.equal(one((await get('ee.good.mm-dnssec.test')).findings, 'dns.dane.match').status, 'ok', '3 1 2 (SHA-512 of the key)');
  const ta = one((await get('ta.good.mm-dnssec.test')).findings, 'dns.dane.match');
  assert.match(ta.summary.en, /TLSA 2 0 1 .*\(DANE-TA\)/);
  const wrong = one((await get('wrong.good.mm-dnssec.test')).findings, 'dns.dane.mismatch');
  assert.equal(wrong.status, 'error');
  assert.match(wrong.summary.pl, /żaden użyteczny rekord TLSA nie pasuje/);
  assert.equal(wrong.advice![0]!.en, `For the certificate the server presents now, publish: _25._tcp.mx-wrong.good.mm-dnssec.test. IN TLSA 3 1 1 ${goodSpki}`);
  const pkix = (await get('pkix.good.mm-dnssec.test')).findings;
  assert.equal(one(pkix, 'dns.dane.pkix').status, 'warn');
  assert.equal(byCheck(pkix, 'dns.dane.match').length, 0, 'a PKIX record is not used for SMTP even when it matches');
  const junk = byCheck((await get('junk.good.mm-dnssec.test')).findings, 'dns.dane.unusable');
  assert.deepEqual(junk.map((f) => f.summary.en.replace(/^.*is unusable: /, '')), ['SHA256 digest of 20 bytes (must be 32).', 'usage 7 is not defined (0–3).']);
  const unsigned = (await get('unsigned.mm-dnssec.test')).findings;
  assert.equal(one(unsigned, 'dns.dane.not-validated').status, 'warn');
  assert.match(one(unsigned, 'dns.dane.not-validated').summary.pl, /nie są chronione przez DNSSEC/);
  assert.equal(one(unsigned, 'dns.dane.match').status, 'ok', 'the record itself still fits the certificate');
  assert.equal(one((await get('none.good.mm-dnssec.test')).findings, 'dns.dane.none').status, 'info');
  // RFC 7672 §2.2: a signed provider's MX with valid TLSA does not protect a customer's unsigned domain.
  const hosted = (await get('hosted.unsigned.mm-dnssec.test')).findings;
  assert.equal(one(hosted, 'dns.dane.match').status, 'ok');
  const mxSet = one(hosted, 'dns.dane.mx-insecure');
  assert.equal(mxSet.status, 'info');
  assert.match(mxSet.summary.en, /^mx\.good\.mm-dnssec\.test: TLSA records protected by DNSSEC, but the MX records of hosted\.unsigned\.mm-dnssec\.test are not \(unsigned\)/);
  assert.match(mxSet.advice![0]!.pl, /Podpisz domenę hosted\.unsigned\.mm-dnssec\.test przez DNSSEC/);
  assert.equal(byCheck(good.findings, 'dns.dane.mx-insecure').length, 0, 'a signed domain with its own DANE: nothing to say');
  // Without the SMTP sessions the records are read but not compared.
  const noConnect = (await checkDomain('good.mm-dnssec.test', { resolver: dns, fetch: false, dnsblLists: [], trustAnchors: anchors })).findings;
  assert.equal(one(noConnect, 'dns.dane.not-compared').status, 'info');
  assert.match(render(makeReport('domain', 'good.mm-dnssec.test', good.findings), 'terminal', { lang: 'pl' }), /przedstawiony certyfikat pasuje do TLSA 3 1 1/);
});

test('signature checks refuse tampered data; hostile key and TLSA bytes give reasons, never exceptions', async () => {
  const dns = nsd();
  const a = await dns.query('good.mm-dnssec.test', 'DNSKEY', { dnssec: true });
  const keys = recordsOf(a, 'DNSKEY');
  const sig = a.answers.find((r) => r.type === 'RRSIG' && isRrsig(r.data) && r.data.typeCovered === 'DNSKEY')!.data as RrsigData;
  const ksk = keys.map((r) => r.data as DnskeyData).find((k) => keyTag(k) === sig.keyTag)!;
  const now = Math.floor(Date.now() / 1000);
  assert.deepEqual(verifyRrsig(keys, sig, ksk, 'good.mm-dnssec.test', now), { ok: true });
  const tampered = keys.map((r, i) => (i === 0 && isDnskey(r.data) ? { ...r, data: { ...r.data, flags: r.data.flags ^ 1 } } : r));
  assert.equal(verifyRrsig(tampered, sig, ksk, 'good.mm-dnssec.test', now).ok, false);
  assert.equal(verifyRrsig(keys.slice(1), sig, ksk, 'good.mm-dnssec.test', now).ok, false, 'a record left out');
  for (const bytes of [Buffer.alloc(0), Buffer.alloc(3), Buffer.from([0, 0xff, 0xff, 1]), Buffer.alloc(65, 7), Buffer.alloc(5000, 0xff)]) {
    for (const algorithm of [5, 8, 13, 14, 15, 16, 99]) {
      const k = publicKeyOf({ flags: 257, algorithm, key: bytes });
      assert.ok(k.key || k.error, `${algorithm}/${bytes.length}`);
      const v = verifyRrsig(keys, { ...sig, algorithm }, { flags: 257, algorithm, key: bytes }, 'good.mm-dnssec.test', now);
      assert.equal(v.ok, false);
    }
  }
  for (const [usage, selector, matchingType, len] of [[3, 1, 1, 0], [3, 1, 2, 32], [4, 0, 0, 10], [2, 9, 1, 32], [3, 1, 7, 32], [255, 255, 255, 100000]] as const) {
    const r = readTlsa({ usage, selector, matchingType, certificate: Buffer.alloc(len, 1) });
    assert.ok(r.unusable, `${usage} ${selector} ${matchingType} (${len} bytes)`);
    assert.ok(r.data.length <= 256);
  }
  assert.equal(readTlsa({ usage: 3, selector: 1, matchingType: 1, certificate: Buffer.alloc(32, 1) }).unusable, undefined);
});

test('CLI: --trust-anchor makes the walk end at the test parent; a file that holds no DS record is a usage error', async () => {
  const { spawnSync } = await import('node:child_process');
  const { CLI } = await import('../helpers/env.js');
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'domain', ...args, '--resolver', `${env.host}:${env.dnsPort}`, '--no-fetch'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LANG: 'C' } });
  const json = JSON.parse(run(['good.mm-dnssec.test', '--trust-anchor', String(env.dnssecAnchor), '--json']).stdout) as { findings: { check: string; status: string }[] };
  assert.deepEqual(json.findings.filter((f) => f.check.startsWith('dns.dnssec')).map((f) => [f.check, f.status]), [['dns.dnssec.chain', 'ok']]);
  const bad = run(['good.mm-dnssec.test', '--trust-anchor', join(env.certs, 'ca.pem')]);
  assert.equal(bad.status, 64, bad.stderr);
  assert.match(bad.stderr, /--trust-anchor .*ca\.pem: line 1: not a DS record/);
});

test('fleet overview: a DNSSEC and a DANE column per domain', async () => {
  const dns = nsd();
  const mxTls = {
    port: env.smtpCaSigned as number,
    session: (o: { host: string; port: number }) => probeSmtp({ ...o, tls: 'auto', ca, timeouts: { connect: 3000, banner: 5000, command: 5000, tls: 5000 } }, { lookup: lookupViaDns(dns) }),
  };
  const rows = [];
  for await (const r of checkDomains(['good.mm-dnssec.test', 'wrong.good.mm-dnssec.test', 'unsigned.mm-dnssec.test', 'brokends.mm-dnssec.test', 'mm-good.test'], { resolver: dns, fetch: false, dnsblLists: [], trustAnchors: anchors, mxTls, jobs: 2 })) rows.push(r);
  assert.deepEqual(rows.map((r) => [r.domain, r.dnssec, r.dane]), [
    ['good.mm-dnssec.test', 'valid', 'valid'],
    ['wrong.good.mm-dnssec.test', 'valid', 'problem'],
    ['unsigned.mm-dnssec.test', 'unsigned', 'unprotected'],
    ['brokends.mm-dnssec.test', 'broken', 'none'],
    ['mm-good.test', 'unsigned', 'none'],
  ]);
  assert.deepEqual(fleetCsvRow(rows[1]!).slice(-2), ['valid', 'problem']);
});

test('a validating resolver answers SERVFAIL for a broken zone: the walk asks again with CD and says which link is broken', async () => {
  // The fake stands where a validating resolver would: SERVFAIL for the broken zone unless the query has CD, then
  // the real answer from NSD (with its signatures).
  const upstream = nsd();
  const asAnswer = (r: DnsRecord) => ({ name: r.name, type: r.type, ttl: r.ttl, class: 'IN', data: r.type === 'TXT' ? (r.data as TxtData).strings : r.data }) as Answer;
  const fake = await startFakeDns(async (q) => {
    if (!q.cd && q.name.endsWith('brokends.mm-dnssec.test')) return { rcode: 'SERVFAIL' };
    const a = await upstream.query(q.name, q.type as DnsRecordType, { dnssec: true });
    return { rcode: (a.rcode || 'SERVFAIL') as 'NOERROR', answers: a.answers.map(asAnswer), authorities: a.authority.map(asAnswer) };
  });
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 1000 });
    const r = await checkDomain('brokends.mm-dnssec.test', { resolver: dns, fetch: false, dnsblLists: [], trustAnchors: anchors });
    const broken = one(r.findings, 'dns.dnssec.broken');
    assert.match(broken.summary.en, /no DNSKEY of brokends\.mm-dnssec\.test matches the DS at the parent/);
    assert.equal(byCheck(r.findings, 'dns.mx.hosts').length, 0, 'the MX itself is not known: SERVFAIL');
    assert.ok(r.findings.some((f) => f.check.startsWith('dns.mx') && f.status === 'unknown'));
    assert.ok(dns.trace.some((e) => e.type === 'DS' && e.status === 'ok'), 'the DS came through with CD');
  } finally { await fake.close(); }
});

/** Records of a zone file as ldns-signzone writes it (one record a line, names absolute), as dns-packet answers. */
function signedZoneRecords(text: string): Answer[] {
  const time = (t: string) => Date.UTC(+t.slice(0, 4), +t.slice(4, 6) - 1, +t.slice(6, 8), +t.slice(8, 10), +t.slice(10, 12), +t.slice(12, 14)) / 1000;
  const out: Answer[] = [];
  for (const line of text.split('\n')) {
    const f = line.replace(/;.*$/, '').trim().split(/\s+/);
    if (f.length < 5) continue;
    const [owner, ttl, , type, ...r] = f as [string, string, string, string, ...string[]];
    const name = owner === '.' ? '.' : owner.replace(/\.$/, '');
    const data = type === 'SOA' ? { mname: r[0], rname: r[1], serial: +r[2]!, refresh: +r[3]!, retry: +r[4]!, expire: +r[5]!, minimum: +r[6]! }
      : type === 'NS' ? r[0] : type === 'A' ? r[0]
      : type === 'DS' ? { keyTag: +r[0]!, algorithm: +r[1]!, digestType: +r[2]!, digest: Buffer.from(r.slice(3).join(''), 'hex') }
      : type === 'DNSKEY' ? { flags: +r[0]!, algorithm: +r[2]!, key: Buffer.from(r.slice(3).join(''), 'base64') }
      : type === 'RRSIG' ? { typeCovered: r[0], algorithm: +r[1]!, labels: +r[2]!, originalTTL: +r[3]!, expiration: time(r[4]!), inception: time(r[5]!), keyTag: +r[6]!, signersName: r[7], signature: Buffer.from(r.slice(8).join(''), 'base64') }
      : undefined;
    if (data !== undefined) out.push({ name, type, ttl: +ttl, class: 'IN', data } as Answer);
  }
  return out;
}

test('a chain up to a root anchor: a signed root and test. (ldns, RSASHA256) above the NSD zones, served by a fake DNS server', async () => {
  const dir = dirname(String(env.dnssecAnchor));
  const above = [...signedZoneRecords(readFileSync(join(dir, 'root.zone'), 'utf8')), ...signedZoneRecords(readFileSync(join(dir, 'test.zone'), 'utf8'))];
  const rootAnchors = parseTrustAnchors(readFileSync(join(dir, 'root-anchor.ds'), 'utf8'));
  assert.equal(rootAnchors.anchors[0]!.zone, '', 'the anchor is for the root');
  const upstream = nsd();
  const asAnswer = (r: DnsRecord) => ({ name: r.name, type: r.type, ttl: r.ttl, class: 'IN', data: r.type === 'TXT' ? (r.data as TxtData).strings : r.data }) as Answer;
  const norm = (n: string) => (n === '.' || n === '' ? '.' : n.toLowerCase().replace(/\.$/, ''));
  const fake = await startFakeDns(async (q) => {
    const own = above.filter((a) => norm(a.name) === norm(q.name));
    const hit = own.filter((a) => a.type === q.type);
    if (hit.length) return { answers: [...hit, ...own.filter((a) => a.type === 'RRSIG' && (a.data as { typeCovered: string }).typeCovered === q.type)] };
    const a = await upstream.query(q.name, q.type as DnsRecordType, { dnssec: true });
    return { rcode: (a.rcode || 'SERVFAIL') as 'NOERROR', answers: a.answers.map(asAnswer), authorities: a.authority.map(asAnswer) };
  });
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 1000 });
    const good = await walkDnssecChain(dns, 'ee.good.mm-dnssec.test', { trustAnchors: rootAnchors.anchors });
    assert.equal(good.state, 'valid', good.why?.en);
    assert.deepEqual(good.links.map((l) => [l.zone, l.state]), [['good.mm-dnssec.test', 'secure'], ['mm-dnssec.test', 'secure'], ['test', 'secure'], ['.', 'secure']]);
    assert.equal((await walkDnssecChain(dns, 'brokends.mm-dnssec.test', { trustAnchors: rootAnchors.anchors })).state, 'broken');
    const f = one(await (await import('../../src/domain/index.js')).checkDnssec(dns, 'good.mm-dnssec.test', Promise.resolve([]), { trustAnchors: rootAnchors.anchors }), 'dns.dnssec.chain');
    assert.match(f.summary.en, /up to the root\.$/);
    assert.match(f.summary.pl, /aż do korzenia\.$/);
    // The real root's keys (IANA) do not sign this test root: said so, at the root.
    const iana = await walkDnssecChain(dns, 'good.mm-dnssec.test', { trustAnchors: [ROOT_TRUST_ANCHOR] });
    assert.equal(iana.state, 'broken');
    assert.equal(iana.at, '.');
    assert.match(iana.why!.en, /no DNSKEY of \. matches the trust anchor \(anchor key tags: 20326 \(RSASHA256\), 38696 \(RSASHA256\)/);
  } finally { await fake.close(); }
});
