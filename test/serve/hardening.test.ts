// `mailmedic serve` against the attacks of issue #14, each reproduced on loopback: a chunked upload over the
// body limit (it took the process down), DNS rebinding (a foreign Host name), "Origin: null" and malformed
// origins, the OpenAPI servers entry, the start-up token of a server reachable from the network, every
// spelling of a loopback address and a name that answers a public address first and 127.0.0.1 next, and the
// per-request time budget that stops the work when it runs out or the client leaves.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { isLoopbackBind, isNonPublicAddress, normalizeAddress } from '../../src/serve/address.js';
import { checkProbeTarget } from '../../src/serve/security.js';
import { createMailmedicServer, type MailmedicServer } from '../../src/serve/server.js';
import { startFakeDns } from '../dns/fake-dns-server.js';
import { postJson, startTestServer } from './helpers.js';

let app: MailmedicServer;
let port: number;
const logLines: string[] = [];
before(async () => {
  app = await startTestServer({ log: (l) => logLines.push(l) });
  port = Number(new URL(app.url).port);
});
after(async () => { await app.close(); });

/** A raw HTTP/1.1 exchange (fetch cannot send a foreign Host or a chunked body it keeps writing). */
function raw(request: string, chunks: string[] = []): Promise<string> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    s.on('connect', () => { s.write(request); for (const c of chunks) s.write(c); });
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('error', () => undefined);
    s.on('close', () => resolve(got));
    setTimeout(() => s.destroy(), 5000).unref();
  });
}
const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0);

test('a chunked POST over the body limit gets its 413 and the server lives on (it used to exit in the request log)', async () => {
  const chunk = 'x'.repeat(1000);
  const body = Array.from({ length: 30 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  const r = await raw(`POST /api/domain HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`, body);
  assert.equal(statusOf(r), 413, r.slice(0, 200));
  assert.match(r, /"error":"too-large"/);
  // Still answering, and the refused request is in the log with its status.
  assert.equal((await fetch(`${app.url}/api/health`)).status, 200);
  assert.ok(logLines.some((l) => / POST \/api\/domain 413 /.test(l)), logLines.join('\n'));
  // A client that hangs up mid-upload is logged too, without a crash.
  const s = net.connect(port, '127.0.0.1');
  await new Promise((r2) => s.on('connect', r2));
  s.write(`POST /api/explain HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"text":"`);
  await new Promise((r2) => setTimeout(r2, 100));
  s.destroy();
  await new Promise((r2) => setTimeout(r2, 200));
  assert.equal((await fetch(`${app.url}/api/health`)).status, 200);
});

test('DNS rebinding: a Host name the server does not listen under is refused (403) for pages and the API', async () => {
  for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `127.0.0.1:${port + 1}`, `127.0.0.1`, '']) {
    const page = await raw(`GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(page), 403, `GET with Host "${host}": ${page.slice(0, 120)}`);
    const body = JSON.stringify({ host: '127.0.0.1', port: 22 });
    const api = await raw(`POST /api/probe HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`);
    assert.equal(statusOf(api), 403, `POST with Host "${host}"`);
    assert.match(api, /host-refused/);
  }
  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
    const page = await raw(`GET /api/health HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(page), 200, host);
  }
  // An HTTP/1.0 request without any Host is refused as well.
  assert.equal(statusOf(await raw('GET / HTTP/1.0\r\n\r\n')), 403);
});

test('Origin: "null" and malformed origins are refused with 403, never 500; the same origin passes', async () => {
  for (const origin of ['null', 'garbage', 'http://', 'http://[::1', 'javascript:alert(1)', `http://127.0.0.1:${port}/path`, `ftp://127.0.0.1:${port}`, `http://localhost:${port}`, `https://evil.example`]) {
    const r = await postJson(`${app.url}/api/explain`, { text: '550 5.1.1 user unknown' }, { Origin: origin });
    assert.equal(r.status, 403, `Origin: ${origin} → ${r.status} ${r.text.slice(0, 100)}`);
    assert.equal(r.json.error, 'cross-origin');
  }
  const ok = await postJson(`${app.url}/api/explain`, { text: '550 5.1.1 user unknown' }, { Origin: `http://127.0.0.1:${port}` });
  assert.equal(ok.status, 200);
  const site = await postJson(`${app.url}/api/explain`, { text: 'x' }, { 'Sec-Fetch-Site': 'cross-site' });
  assert.equal(site.status, 403);
});

test('OpenAPI: servers names the address the client reached, not a fixed 127.0.0.1:8025', async () => {
  const doc = await (await fetch(`${app.url}/openapi.json`)).json();
  assert.deepEqual(doc.servers, [{ url: `http://127.0.0.1:${port}` }]);
  const viaName = await raw(`GET /openapi.json HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`);
  assert.match(viaName, new RegExp(`"url": "http://localhost:${port}"`));
});

test('a token: required on every request but the two assets; ?token= sets a cookie once; Bearer works for API clients', async () => {
  const t = await startTestServer({ token: 'Secret-Token_1' });
  try {
    const home = await fetch(`${t.url}/`, { headers: { 'Accept-Language': 'pl' }, redirect: 'manual' });
    assert.equal(home.status, 401);
    assert.match(await home.text(), /wymaga linku dostępowego/);
    assert.equal((await fetch(`${t.url}/app.js`)).status, 200);
    const api = await postJson(`${t.url}/api/explain`, { text: '550 5.1.1' });
    assert.equal(api.status, 401);
    assert.equal(api.json.error, 'token-required');
    assert.equal((await postJson(`${t.url}/api/explain`, { text: '550 5.1.1' }, { Authorization: 'Bearer wrong' })).status, 401);
    const first = await fetch(`${t.url}/explain?token=Secret-Token_1&lang=pl`, { redirect: 'manual' });
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), '/explain?lang=pl', 'the token leaves the address bar');
    const cookie = first.headers.get('set-cookie') ?? '';
    assert.match(cookie, /mailmedic_token=Secret-Token_1; Path=\/; HttpOnly; SameSite=Strict/);
    const page = await fetch(`${t.url}/explain`, { headers: { Cookie: cookie.split(';')[0]! } });
    assert.equal(page.status, 200);
    assert.equal((await postJson(`${t.url}/api/explain`, { text: '550 5.1.1' }, { Cookie: cookie.split(';')[0]! })).status, 200);
    assert.equal((await postJson(`${t.url}/api/explain`, { text: '550 5.1.1' }, { Authorization: 'Bearer Secret-Token_1' })).status, 200);
  } finally { await t.close(); }
});

test('a server listening beyond loopback makes up a token and refuses requests without it', async () => {
  // Every address of the machine; the test talks to it over 127.0.0.1 only.
  const open = await createMailmedicServer({ host: '0.0.0.0', port: 0, dnsServer: '127.0.0.1:9' }).listen();
  try {
    assert.ok(open.token && open.token.length >= 20, 'a random token');
    const p = new URL(open.url).port;
    assert.equal((await fetch(`http://127.0.0.1:${p}/api/health`)).status, 401);
    assert.equal((await fetch(`http://127.0.0.1:${p}/api/health`, { headers: { Authorization: `Bearer ${open.token}` } })).status, 200);
  } finally { await open.close(); }
  const local = await createMailmedicServer({ host: '127.0.0.1', port: 0 }).listen();
  try { assert.equal(local.token, undefined); } finally { await local.close(); }
});

test('one address check: every spelling of loopback and private addresses is non-public; the canonical form is what is checked', async () => {
  const loop = ['127.0.0.1', '127.1', '0177.0.0.1', '0x7f.0.0.1', '0x7f000001', '2130706433', '127.000.000.001', '::1', '0::1', '::0:1', '0:0:0:0:0:0:0:1',
    '0000:0000:0000:0000:0000:0000:0000:0001', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '::ffff:127.0.0.1', '0:0:0:0:0:FFFF:127.0.0.1', '[::1]', '::127.0.0.1'];
  for (const ip of loop) assert.equal(isNonPublicAddress(ip), true, ip);
  assert.equal(normalizeAddress('::ffff:7f00:1')?.text, '127.0.0.1');
  assert.equal(normalizeAddress('0:0:0:0:0:0:0:1')?.text, '::1');
  assert.equal(normalizeAddress('0x7f.1')?.text, '127.0.0.1');
  for (const ip of ['10.0.0.1', '012.0.0.1', '::ffff:a00:1', 'fe80::1%eth0', 'fe80::1', 'fd00::2', '64:ff9b::7f00:1', '64:ff9b::10.0.0.1', '2002:7f00:1::1', '2001::1', '169.254.169.254', '::ffff:a9fe:a9fe', 'garbage', '1.2.3.4.5']) {
    assert.equal(isNonPublicAddress(ip), true, ip);
  }
  for (const ip of ['93.184.216.34', '8.8.8.8', '::ffff:808:808', '2a00:1450:4001::1', '64:ff9b::808:808']) assert.equal(isNonPublicAddress(ip), false, ip);
  for (const h of ['localhost', '127.0.0.1', '127.1', '::1', '0::1', '::ffff:127.0.0.1']) assert.equal(isLoopbackBind(h), true, h);
  for (const h of ['0.0.0.0', '::', '192.0.2.2', 'example.test']) assert.equal(isLoopbackBind(h), false, h);
  // A name whose AAAA records hold loopback spellings is refused; a public one comes back canonical.
  for (const answer of ['::ffff:7f00:1', '0:0:0:0:0:0:0:1', '::0:1']) {
    await assert.rejects(checkProbeTarget('aaaa.example', 25, { restrict: true, lookup: async () => ['93.184.216.34', answer] }), /private, loopback/);
  }
  assert.deepEqual(await checkProbeTarget('pub.example', 25, { restrict: true, lookup: async () => ['::ffff:5db8:d822', '93.184.216.34'] }), ['93.184.216.34']);
  assert.deepEqual(await checkProbeTarget('0x5db8d822', 25, { restrict: true, lookup: async () => { throw new Error('no look-up for a literal'); } }), ['93.184.216.34']);
});

/** Sockets to anything but loopback are recorded and fail at once: nothing leaves the machine. */
function holdOutsideConnections(): { seen: string[]; restore: () => void } {
  const seen: string[] = [];
  const original = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    let a = args[0];
    if (Array.isArray(a)) a = a[0];
    const host = a && typeof a === 'object' ? (a as { host?: string }).host : undefined;
    if (host && !/^127\.|^::1$|^localhost$/.test(host)) {
      seen.push(host);
      process.nextTick(() => this.destroy(Object.assign(new Error(`connect ECONNREFUSED ${host} (held by the test)`), { code: 'ECONNREFUSED' })));
      return this;
    }
    return (original as (...x: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  return { seen, restore: () => { net.Socket.prototype.connect = original; } };
}

test('a name that answers a public address first and 127.0.0.1 next (TTL 0): the probe connects to the address that was checked', async () => {
  let asked = 0;
  const dns = await startFakeDns((q) => {
    if (q.type !== 'A') return { rcode: 'NOERROR' };
    asked++;
    return { answers: [{ name: q.name, type: 'A', ttl: 0, data: asked === 1 ? '93.184.216.34' : '127.0.0.1' }] };
  });
  const hold = holdOutsideConnections();
  const exposed = await startTestServer({ restrictProbes: true, dnsServer: `127.0.0.1:${dns.port}`, timeoutMs: 2000 });
  try {
    const r = await postJson(`${exposed.url}/api/probe`, { protocol: 'smtp', host: 'flip.example', port: 25, security: 'none' });
    assert.equal(r.status, 200, r.text.slice(0, 300));
    assert.deepEqual(hold.seen, ['93.184.216.34'], 'the one address checked, never the second answer');
    assert.match(JSON.stringify(r.json), /connecting to 93\.184\.216\.34:25/);
    assert.doesNotMatch(JSON.stringify(r.json), /127\.0\.0\.1:25/);
  } finally {
    hold.restore();
    await exposed.close();
    await dns.close();
  }
});

test('the time budget stops a slow check (503), and a client that leaves stops its work: no DNS query after', async () => {
  // Every answer comes late and leads further (an SPF include chain without end).
  const slow = await startFakeDns((q) => ({
    delayMs: 150,
    answers: q.type === 'TXT' ? [{ name: q.name, type: 'TXT', ttl: 0, data: [Buffer.from(`v=spf1 include:x${q.name.length}.${q.name} -all`)] }] : [],
  }));
  const lines: string[] = [];
  const s = await startTestServer({ dnsServer: `127.0.0.1:${slow.port}`, timeoutMs: 2000, budgetMs: 400, log: (l) => lines.push(l) });
  try {
    const r = await postJson(`${s.url}/api/domain`, { domain: 'slow.example' });
    assert.equal(r.status, 503, r.text.slice(0, 200));
    assert.equal(r.json.error, 'over-budget');
    await new Promise((res) => setTimeout(res, 300));
    const settled = slow.log.length;
    await new Promise((res) => setTimeout(res, 800));
    assert.equal(slow.log.length, settled, 'no query after the budget ran out');
  } finally { await s.close(); }
  const s2 = await startTestServer({ dnsServer: `127.0.0.1:${slow.port}`, timeoutMs: 2000, log: (l) => lines.push(l) });
  try {
    const gone = new AbortController();
    const pending = fetch(`${s2.url}/api/domain?stream=1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ domain: 'leaving.example' }), signal: gone.signal }).catch(() => undefined);
    await new Promise((res) => setTimeout(res, 500));
    const before = slow.log.filter((l) => l.name.endsWith('leaving.example')).length;
    assert.ok(before > 0, 'the check had started');
    gone.abort();
    await pending;
    await new Promise((res) => setTimeout(res, 300));
    const settled = slow.log.length;
    await new Promise((res) => setTimeout(res, 800));
    assert.equal(slow.log.length, settled, 'no query after the client left');
    assert.ok(lines.some((l) => / POST \/api\/domain aborted /.test(l)), lines.join('\n'));
  } finally {
    await s2.close();
    await slow.close();
  }
});
