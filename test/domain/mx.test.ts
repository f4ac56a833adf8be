import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkMx } from '../../src/domain/index.js';
import { nsd, one, byCheck } from './helpers.js';

test('MX: good domain, hosts by priority with addresses', async () => {
  const r = await checkMx(nsd(), 'mm-good.test');
  assert.deepEqual(r.hosts.map((h) => [h.preference, h.host, h.addresses]), [[10, 'mx1.mm-good.test', ['45.10.20.25']], [20, 'mx2.mm-good.test', ['45.10.20.26']]]);
  assert.equal(one(r.findings, 'dns.mx.hosts').status, 'ok');
  assert.equal(r.findings.filter((f) => f.status !== 'ok').length, 0);
});

test('MX: domain that does not exist is NXDOMAIN, not "no MX"', async () => {
  const r = await checkMx(nsd(), 'no-such-name.mm-broken.test');
  assert.equal(r.nxdomain, true);
  assert.equal(one(r.findings, 'dns.domain.exists').status, 'error');
});

test('MX: none but an A record → implicit MX (warn); neither → error', async () => {
  const dns = nsd();
  const a = await checkMx(dns, 'nomx.mm-broken.test');
  assert.equal(a.implicit, true);
  assert.deepEqual(a.hosts[0]!.addresses, ['45.10.20.40']);
  assert.equal(one(a.findings, 'dns.mx.implicit').status, 'warn');
  const b = await checkMx(dns, 'nomxnoa.mm-broken.test');
  assert.equal(one(b.findings, 'dns.mx.missing').status, 'error');
});

test('MX: null MX understood (info); mixed with real MX is an error', async () => {
  const dns = nsd();
  const a = await checkMx(dns, 'nullmx.mm-broken.test');
  assert.equal(a.nullMx, true);
  assert.equal(one(a.findings, 'dns.mx.null').status, 'info');
  const b = await checkMx(dns, 'nullmixed.mm-broken.test');
  assert.equal(one(b.findings, 'dns.mx.null-mixed').status, 'error');
  assert.equal(b.hosts.length, 1);
});

test('MX: CNAME target, IP literal, private address, host without address, more than 10 hosts', async () => {
  const dns = nsd();
  const cname = await checkMx(dns, 'mxcname.mm-broken.test');
  assert.equal(one(cname.findings, 'dns.mx.cname').status, 'warn');
  assert.equal(cname.hosts[0]!.cname, 'mx1.mm-good.test');
  const ip = await checkMx(dns, 'mxip.mm-broken.test');
  assert.equal(one(ip.findings, 'dns.mx.ip-literal').status, 'error');
  const priv = await checkMx(dns, 'mxprivate.mm-broken.test');
  const pf = one(priv.findings, 'dns.mx.host-address');
  assert.equal(pf.status, 'error');
  assert.equal(pf.data?.kind, 'private');
  const ghost = await checkMx(dns, 'mxnoaddr.mm-broken.test');
  assert.equal(one(ghost.findings, 'dns.mx.host-no-address').subject, 'ghost.mm-broken.test');
  assert.equal(one(ghost.findings, 'dns.mx.hosts').status, 'ok');
  const many = await checkMx(dns, 'manymx.mm-broken.test');
  assert.equal(one(many.findings, 'dns.mx.too-many').status, 'warn');
  assert.equal(byCheck(many.findings, 'dns.mx.host-no-address').length, 0);
});

test('MX: subject-first call form works too (as doctor calls it)', async () => {
  const r = await checkMx('mm-good.test', { dns: nsd() });
  assert.equal(r.hosts.length, 2);
});
