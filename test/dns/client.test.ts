import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDnsClient, createStaticDnsClient, parseDnsServer, normalizeDnsName, reverseName, recordsOf, isDefinite } from '../../src/dns/index.js';
import { testEnv } from '../helpers/env.js';
import { startFakeDns } from './fake-dns-server.js';

const nsd = () => { const e = testEnv(); return `${e.host}:${e.dnsPort}`; };

test('real NSD: MX, multi-string TXT, PTR, NXDOMAIN vs NODATA vs REFUSED', async () => {
  const dns = createDnsClient({ server: nsd(), timeoutMs: 2000 });
  const mx = await dns.mx('example.test');
  assert.equal(mx.status, 'ok');
  assert.deepEqual(mx.values, [{ preference: 10, exchange: 'mail.example.test' }]);
  const dkim = await dns.txt('sel._domainkey.example.test');
  assert.equal(dkim.values.length, 1);
  assert.ok(dkim.values[0]!.startsWith('v=DKIM1; k=rsa; p=MIIB') && dkim.values[0]!.endsWith('IDAQAB'));
  const rec = recordsOf(dkim, 'TXT')[0]!;
  assert.equal((rec.data as { strings: string[] }).strings.length, 2);
  assert.deepEqual((await dns.reverse('127.0.0.1')).values, ['mail.example.test']);
  assert.equal((await dns.a('no-such-name.example.test')).status, 'nxdomain');
  assert.equal((await dns.mx('nomx.example.test')).status, 'nodata');
  const outside = await dns.a('www.example.com');
  assert.equal(outside.status, 'refused');
  assert.equal(isDefinite(outside.status), false);
});

test('real NSD: every (name, type) is asked once, even concurrently; names are normalized', async () => {
  const dns = createDnsClient({ server: nsd() });
  await Promise.all([dns.mx('example.test'), dns.mx('EXAMPLE.test.'), dns.mx('example.test')]);
  await dns.mx('Example.Test');
  assert.deepEqual(dns.stats(), { queries: 1, cacheHits: 3 });
  assert.equal(dns.trace.length, 1);
  assert.equal(dns.trace[0]!.answers[0], 'example.test. 300 IN MX 10 mail.example.test.');
});

test('invalid names are answered locally with status error, nothing is sent', async () => {
  const fake = await startFakeDns(() => ({ rcode: 'NXDOMAIN' }));
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}` });
    for (const bad of ['a..b', '', 'x'.repeat(64) + '.com', 'a\x00b.com', 'zaż ółć.pl', ('abc.'.repeat(70)) + 'com']) {
      const a = await dns.a(bad);
      assert.equal(a.status, 'error', bad);
      assert.ok(a.error, bad);
    }
    assert.equal(fake.log.length, 0);
    assert.deepEqual(normalizeDnsName('Zażółć.PL.'), { ok: true, name: 'xn--za-6ja4f8n1l.pl' });
    await dns.a('zażółć.pl');
    assert.equal(fake.log[0]!.name, 'xn--za-6ja4f8n1l.pl');
  } finally { await fake.close(); }
});

test('timeout: retried, then status timeout (never an answer)', async () => {
  const fake = await startFakeDns(() => ({ drop: true }));
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 150, retries: 2 });
    const t0 = Date.now();
    const a = await dns.txt('slow.test');
    assert.equal(a.status, 'timeout');
    assert.equal(a.attempts, 3);
    assert.equal(fake.log.length, 3);
    assert.ok(Date.now() - t0 < 2000);
    assert.match(a.error ?? '', /150 ms/);
  } finally { await fake.close(); }
});

test('SERVFAIL and REFUSED are told apart from NXDOMAIN', async () => {
  const fake = await startFakeDns((q) => ({ rcode: q.name.startsWith('sf') ? 'SERVFAIL' : q.name.startsWith('nx') ? 'NXDOMAIN' : 'REFUSED' }));
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 500 });
    assert.equal((await dns.a('sf.test')).status, 'servfail');
    assert.equal((await dns.a('nx.test')).status, 'nxdomain');
    assert.equal((await dns.a('rf.test')).status, 'refused');
  } finally { await fake.close(); }
});

test('truncated UDP answer is asked again over TCP (a 64 KB TXT)', async () => {
  const strings = Array.from({ length: 250 }, (_, i) => String(i % 10).repeat(255));
  const fake = await startFakeDns((q) => ({
    truncateUdp: true,
    answers: [{ name: q.name, type: 'TXT', ttl: 60, data: strings.map((s) => Buffer.from(s)) }],
  }));
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 1000 });
    const a = await dns.txt('big.test');
    assert.equal(a.status, 'ok');
    assert.equal(a.viaTcp, true);
    assert.equal(a.truncated, true);
    assert.equal(a.values[0]!.length, 250 * 255);
    assert.deepEqual(fake.log.map((l) => l.transport), ['udp', 'tcp']);
    assert.equal(dns.trace[0]!.transport, 'tcp');
  } finally { await fake.close(); }
});

test('garbage and wrong-type answers: ignored, not believed', async () => {
  const fake = await startFakeDns((q) => ({
    junkFirst: Buffer.from('not a dns packet at all'),
    answers: [
      { name: q.name, type: 'A', ttl: 60, data: '192.0.2.1' },
      { name: 'elsewhere.test', type: 'TXT', ttl: 60, data: 'v=spf1 +all' },
    ],
  }));
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${fake.port}`, timeoutMs: 1000 });
    const a = await dns.txt('wrongtype.test');
    assert.equal(a.status, 'nodata');
    assert.deepEqual(a.values, []);
  } finally { await fake.close(); }
});

test('closed port: a clear error, no hang', async () => {
  const fake = await startFakeDns(() => ({}));
  const port = fake.port;
  await fake.close();
  const dns = createDnsClient({ server: `127.0.0.1:${port}`, timeoutMs: 300, retries: 1 });
  const a = await dns.a('x.test');
  assert.ok(a.status === 'error' || a.status === 'timeout');
});

test('server spec parsing and reverse names', () => {
  assert.deepEqual(parseDnsServer('127.0.0.1:5353'), { host: '127.0.0.1', port: 5353 });
  assert.deepEqual(parseDnsServer('::1'), { host: '::1', port: 53 });
  assert.deepEqual(parseDnsServer('[::1]:5353'), { host: '::1', port: 5353 });
  for (const bad of ['dns.google', '1.2.3.4:99999', '', '1.2.3:53']) assert.throws(() => parseDnsServer(bad), RangeError, bad);
  assert.equal(reverseName('192.0.2.10'), '10.2.0.192.in-addr.arpa');
  assert.equal(reverseName('2001:db8::1'), '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa');
  assert.equal(reverseName('nope'), undefined);
});

test('static client: NXDOMAIN, NODATA, CNAME chain, simulated faults', async () => {
  const dns = createStaticDnsClient({
    'a.test': [{ type: 'CNAME', data: 'b.test' }],
    'b.test': [{ type: 'A', data: '192.0.2.1' }, { type: 'TXT', data: ['v=spf1 ', '-all'] }],
    'slow.test': 'TIMEOUT',
    'broken.test': 'SERVFAIL',
  }, { ad: true });
  const a = await dns.a('A.test.');
  assert.deepEqual(a.values, ['192.0.2.1']);
  assert.equal(a.ad, true);
  assert.deepEqual((await dns.txt('b.test')).values, ['v=spf1 -all']);
  assert.equal((await dns.mx('b.test')).status, 'nodata');
  assert.equal((await dns.mx('c.test')).status, 'nxdomain');
  assert.equal((await dns.mx('slow.test')).status, 'timeout');
  assert.equal((await dns.mx('broken.test')).status, 'servfail');
});

test('a server that answers FORMERR to EDNS0 is asked again without it', async () => {
  let withOpt = 0;
  // A hand-made server: FORMERR (rcode 1) to any query that carries an OPT record.
  const { createSocket } = await import('node:dgram');
  const packet = await import('dns-packet');
  const sock = createSocket('udp4');
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
  sock.on('message', (m, rinfo) => {
    const q = packet.decode(m);
    const hasOpt = (q.additionals ?? []).some((a) => a.type === 'OPT');
    if (hasOpt) withOpt++;
    const res = packet.encode({ type: 'response', id: q.id, flags: hasOpt ? 1 : 0, questions: q.questions,
      answers: hasOpt ? [] : [{ name: q.questions![0]!.name, type: 'A', ttl: 60, data: '192.0.2.9' }] });
    sock.send(res, rinfo.port, rinfo.address);
  });
  try {
    const dns = createDnsClient({ server: `127.0.0.1:${sock.address().port}`, timeoutMs: 500, retries: 0 });
    const a = await dns.a('old.test');
    assert.deepEqual(a.values, ['192.0.2.9']);
    assert.equal(withOpt, 1);
    assert.equal(a.attempts, 2);
  } finally { sock.close(); }
});
