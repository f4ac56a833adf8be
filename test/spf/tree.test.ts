import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSpfTree, checkSpf, evaluateSpf } from '../../src/domain/index.js';
import { nsd, one, byCheck } from '../domain/helpers.js';

test('SPF tree: good domain, include followed, lookups counted, evaluation per IP', async () => {
  const dns = nsd();
  const r = await checkSpf(dns, 'mm-good.test', { ips: ['45.10.20.30', '192.0.2.1'] });
  assert.equal(r.tree.lookupCount, 2);
  assert.equal(r.tree.root.children[0]!.domain, '_spf.mm-good.test');
  assert.equal(one(r.findings, 'dns.spf.lookups').status, 'ok');
  assert.equal(one(r.findings, 'dns.spf.all').status, 'ok');
  const [pass, fail] = byCheck(r.findings, 'dns.spf.result');
  assert.equal(pass!.data?.result, 'pass');
  assert.equal(pass!.data?.mechanism, 'include:_spf.mm-good.test');
  assert.equal(fail!.data?.result, 'softfail');
  assert.equal(fail!.data?.mechanism, '~all');
  assert.equal(fail!.status, 'warn');
});

const CASES: [string, string, string, string?][] = [
  ['nospf.mm-broken.test', 'dns.spf.missing', 'error'],
  ['typo.mm-broken.test', 'dns.spf.typo', 'error'],
  ['syntax.mm-broken.test', 'dns.spf.syntax', 'error'],
  ['plusall.mm-broken.test', 'dns.spf.all', 'error'],
  ['noall.mm-broken.test', 'dns.spf.all', 'warn'],
  ['qall.mm-broken.test', 'dns.spf.all', 'warn'],
  ['twospf.mm-broken.test', 'dns.spf.multiple', 'error'],
  ['toomany.mm-broken.test', 'dns.spf.lookup-limit', 'error'],
  ['loop.mm-broken.test', 'dns.spf.loop', 'error'],
  ['dup.mm-broken.test', 'dns.spf.duplicate', 'warn'],
  ['void.mm-broken.test', 'dns.spf.void-limit', 'error'],
  ['ptr.mm-broken.test', 'dns.spf.ptr', 'warn'],
  ['incmissing.mm-broken.test', 'dns.spf.include-missing', 'error'],
  ['macro.mm-broken.test', 'dns.spf.macros', 'info'],
  ['bigspf.mm-broken.test', 'dns.spf.size', 'warn'],
];
for (const [domain, check, status] of CASES) {
  test(`SPF tree against NSD: ${domain} → ${check} (${status})`, async () => {
    const r = await checkSpf(nsd(), domain);
    const f = byCheck(r.findings, check);
    assert.ok(f.length >= 1, `no ${check} in ${r.findings.map((x) => x.check).join(', ')}`);
    assert.equal(f[0]!.status, status);
    assert.ok(f[0]!.summary.en && f[0]!.summary.pl && f[0]!.summary.en !== f[0]!.summary.pl);
  });
}

test('SPF syntax error: position points at the bad term', async () => {
  const r = await checkSpf(nsd(), 'syntax.mm-broken.test');
  const f = one(r.findings, 'dns.spf.syntax');
  // "v=spf1 mx ip4:192.0.2.300 -all": the address starts at offset 14
  assert.equal(f.data?.position, 14);
  assert.equal(f.data?.term, 'ip4:192.0.2.300');
  assert.match(f.evidence![0]!.value, /\n {14}\^ \(character 15\)/);
});

test('SPF lookup limit: counted over the whole tree, with the tree in evidence', async () => {
  const t = await buildSpfTree(nsd(), 'toomany.mm-broken.test');
  // 4 includes + i1..i4 (a, mx) = 8 + i1's include:i5 = 1 → 13
  assert.equal(t.lookupCount, 13);
  const ev = await evaluateSpf(nsd(), { ip: '192.0.2.1', domain: 'toomany.mm-broken.test' });
  assert.equal(ev.result, 'permerror');
  assert.match(ev.reason, /more than 10 DNS lookups/);
});

test('SPF loop and void lookups end in permerror on evaluation too', async () => {
  const dns = nsd();
  assert.equal((await evaluateSpf(dns, { ip: '192.0.2.1', domain: 'loop.mm-broken.test' })).result, 'permerror');
  const v = await evaluateSpf(dns, { ip: '192.0.2.1', domain: 'void.mm-broken.test' });
  assert.equal(v.result, 'permerror');
  assert.equal(v.voidLookups, 3);
  // a matching ip4 after the void terms is never reached
  assert.equal((await evaluateSpf(dns, { ip: '45.10.20.9', domain: 'void.mm-broken.test' })).result, 'permerror');
});

test('SPF macros: exists:%{i}… evaluated per IP', async () => {
  const dns = nsd();
  assert.equal((await evaluateSpf(dns, { ip: '45.10.20.30', domain: 'macro.mm-broken.test' })).result, 'pass');
  assert.equal((await evaluateSpf(dns, { ip: '45.10.20.31', domain: 'macro.mm-broken.test' })).result, 'fail');
});

test('SPF: a 42 KB record comes over TCP and is parsed', async () => {
  const dns = nsd();
  const r = await checkSpf(dns, 'bigspf.mm-broken.test', { ips: ['45.3.10.7'] });
  assert.equal(r.tree.root.status, 'ok');
  assert.ok(dns.trace.some((e) => e.name === 'bigspf.mm-broken.test' && e.transport === 'tcp'));
  assert.equal(r.evaluations[0]!.result, 'pass');
});

test('SPF: a name whose TXT is a CNAME to another domain follows it', async () => {
  const r = await checkSpf(nsd(), 'cnametxt.mm-broken.test');
  assert.equal(r.tree.root.record, 'v=spf1 mx include:_spf.mm-good.test ~all');
});

test('SPF tree (in-memory): redirect followed for "all", over-long character-string, exp= noted', async () => {
  const { createStaticDnsClient } = await import('../../src/dns/index.js');
  const dns = createStaticDnsClient({
    'r.test': [{ type: 'TXT', data: 'v=spf1 ip4:192.0.2.0/24 redirect=_spf.r.test' }],
    '_spf.r.test': [{ type: 'TXT', data: 'v=spf1 a -all exp=why.r.test' }, { type: 'A', data: '192.0.2.99' }],
    'long.test': [{ type: 'TXT', data: ['v=spf1 ' + 'ip4:192.0.2.1 '.repeat(25) + '-all'] }],
  });
  const r = await checkSpf(dns, 'r.test', { ips: ['198.51.100.1'] });
  assert.equal(one(r.findings, 'dns.spf.all').status, 'ok');
  assert.equal(r.tree.lookupCount, 2);
  assert.equal(r.evaluations[0]!.result, 'fail');
  assert.equal(r.evaluations[0]!.mechanismDomain, '_spf.r.test');
  const long = await checkSpf(dns, 'long.test');
  assert.equal(one(long.findings, 'dns.spf.string-length').status, 'error');
});
