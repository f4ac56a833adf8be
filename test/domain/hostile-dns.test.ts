// Hostile DNS against the real NSD of the tests (testenv/zones/mm-hostile.test.zone, made by
// scripts/gen-hostile-zone.mjs) and, for a server that breaks the protocol, the fake one: an include lattice
// (24 records, fan-out 2, depth 12), 40 includes of 20 mx: terms each, an MX host with 3,900 private addresses,
// and an answer whose TC bit is set even over TCP. Each must end with a bounded report, each record fetched
// once, the SPF evaluation stopped at RFC 7208's limits, and "could not check" where the answer is cut.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeReport } from '../../src/core/finding.js';
import { createDnsClient } from '../../src/dns/index.js';
import { checkDomain, checkMx, checkSpf, SPF_TREE_LIMITS } from '../../src/domain/index.js';
import { render } from '../../src/report/index.js';
import { startFakeDns } from '../dns/fake-dns-server.js';
import { byCheck, nsd, one } from './helpers.js';

const Z = 'mm-hostile.test';
/** Every rendering of the findings, for a size bound on what a user would get. */
const sizes = (findings: Parameters<typeof makeReport>[2], tables: Parameters<typeof makeReport>[3] = {}) => {
  const report = makeReport('domain', 'x', findings, tables);
  return Object.fromEntries((['terminal', 'json', 'markdown', 'html', 'csv'] as const).map((f) => [f, Buffer.byteLength(render(report, f, { lang: 'en' }))]));
};
const wireTxt = (dns: ReturnType<typeof nsd>) => dns.trace.filter((e) => e.type === 'TXT').map((e) => e.name);

test('SPF include lattice (fan-out 2, depth 12): each record fetched once, "needs 8190 of 10", evaluation stops at 10, bounded output', async () => {
  const dns = nsd();
  const r = await checkSpf(dns, `lattice.${Z}`, { ips: ['45.12.0.1'] });
  assert.equal(r.tree.lookupCount, 8190, 'every path counted, as an evaluation would spend it');
  assert.ok(r.tree.nodes.length <= SPF_TREE_LIMITS.nodes, `${r.tree.nodes.length} nodes`);
  const txt = wireTxt(dns);
  assert.equal(new Set(txt).size, txt.length, 'no record asked twice');
  assert.equal(txt.length, 25);
  const limit = one(r.findings, 'dns.spf.lookup-limit');
  assert.match(limit.summary.en, /needs 8190 of 10 DNS lookups/);
  assert.match(limit.summary.pl, /wymaga 8190 z 10/);
  const ev = r.evaluations[0]!;
  assert.equal(ev.result, 'permerror');
  assert.match(ev.reason, /more than 10 DNS lookups/);
  assert.ok(ev.lookups <= 11);
  assert.equal(byCheck(r.findings, 'dns.spf.duplicate').length, 22, 'one finding per record included again (l1a … l11b), not one per path');
  for (const [format, bytes] of Object.entries(sizes(r.findings))) assert.ok(bytes < 200_000, `${format}: ${bytes} bytes`);
});

test('SPF: 40 includes × 20 mx: — the tree asks at most 100 questions and still counts 840 of 10; the evaluation stops at 2 void look-ups', async () => {
  const dns = nsd();
  const r = await checkSpf(dns, `wide.${Z}`, { ips: ['45.12.0.1'] });
  assert.equal(r.tree.lookupCount, 840);
  assert.equal(r.tree.atLeast, undefined, 'every record was read: the count is exact');
  assert.ok(r.tree.queries <= SPF_TREE_LIMITS.queries, `${r.tree.queries} tree queries`);
  assert.ok(dns.trace.length <= SPF_TREE_LIMITS.queries + 20, `${dns.trace.length} DNS queries on the wire (19,377 before)`);
  assert.match(one(r.findings, 'dns.spf.lookup-limit').summary.en, /needs 840 of 10/);
  const cap = one(r.findings, 'dns.spf.tree-limit');
  assert.match(cap.summary.en, /100 DNS queries/);
  assert.ok(cap.summary.pl.includes('100 zapytaniach DNS'));
  const ev = r.evaluations[0]!;
  assert.equal(ev.result, 'permerror');
  assert.match(ev.reason, /more than 2 void DNS lookups/);
  assert.equal(ev.voidLookups, 3);
  for (const [format, bytes] of Object.entries(sizes(r.findings))) assert.ok(bytes < 200_000, `${format}: ${bytes} bytes`);
});

test('an MX host with 3,900 private addresses: one finding with a sample and the count, bounded output in every format', async () => {
  const dns = nsd();
  const mx = await checkMx(dns, `bigmx.${Z}`);
  assert.equal(mx.hosts[0]!.addresses.length, 3900, 'the whole answer came (over TCP)');
  const f = one(mx.findings, 'dns.mx.host-address');
  assert.equal(f.data?.count, 3900);
  assert.match(f.summary.en, /10\.13\.0\.0 and 3899 more/);
  assert.match(f.summary.pl, /jeszcze 3899 takich/);
  for (const e of f.evidence ?? []) assert.ok(e.value.split('\n').length <= 21, 'a sample of the records');
  assert.match(f.evidence![0]!.value, /3880 more record\(s\) not shown \(3900 in the answer\)/);
  const all = await checkDomain(`bigmx.${Z}`, { dns, fetch: false, dnsblLists: [] });
  for (const [format, bytes] of Object.entries(sizes(all.findings, { tables: all.tables, data: all.data }))) assert.ok(bytes < 300_000, `${format}: ${bytes} bytes`);
  const four = await checkMx(dns, `mx400.${Z}`);
  assert.equal(byCheck(four.findings, 'dns.mx.host-address').length, 1);
});

test('an answer with the TC bit set even over TCP is "could not check", never "no MX" or "no SPF"', async () => {
  const fake = await startFakeDns(() => ({ truncateUdp: true, truncateTcp: true, answers: [] }));
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 1000 });
    const a = await dns.query('cut.test', 'MX');
    assert.equal(a.status, 'error');
    assert.equal(a.viaTcp, true);
    assert.match(a.error ?? '', /truncated \(TC\) even over TCP/);
    const mx = await checkMx(dns, 'cut.test');
    assert.deepEqual(mx.findings.map((x) => `${x.check}:${x.status}`), ['dns.mx:unknown']);
    const spf = await checkSpf(dns, 'cut.test');
    assert.equal(one(spf.findings, 'dns.spf.record').status, 'unknown');
    assert.equal(byCheck(spf.findings, 'dns.spf.missing').length, 0);
  } finally { await fake.close(); }
});
