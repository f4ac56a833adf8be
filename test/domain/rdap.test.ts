// Issue 18, registration: an RDAP server of the tests' own on loopback answers in the shapes registries use (a
// gTLD answer with entities and events; statuses as RFC 8056 words and in EPP's camelCase), and misbehaves on
// purpose (slow, huge, not JSON, 503, a redirect). checkRegistration reads it through its real HTTP client; the CLI
// shows it in both languages and puts it first where a domain has vanished from DNS.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { bundledRdapBootstrap, checkRegistration, parseRdapBootstrap, rdapServerFor, type RdapBootstrap } from '../../src/domain/rdap/index.js';
import { CLI, PROJECT_ROOT } from '../helpers/env.js';
import { baseEnv } from '../cli/usage-cases.js';
import { nsdServer } from './helpers.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const FIXTURES = join(PROJECT_ROOT, 'test', 'domain', 'fixtures', 'rdap');
const answers = new Map(readdirSync(FIXTURES).map((f) => [f.replace(/\.json$/, ''), readFileSync(join(FIXTURES, f), 'utf8')]));
const NOW = () => new Date('2026-12-05T12:00:00Z');
let server: Server;
let base = '';
let bootstrap: RdapBootstrap;
const asked: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '').replace(/^\/domain\//, '')).toLowerCase();
    asked.push(name);
    if (name === 'slow.rdap.test') return; // never answers: the client's time limit must end it
    if (name === 'moved.rdap.test') { res.writeHead(302, { Location: '/domain/active.rdap.test' }); res.end(); return; }
    if (name === 'huge.rdap.test') { res.writeHead(200, { 'Content-Type': 'application/rdap+json' }); res.end('{"objectClassName":"domain","x":"' + 'a'.repeat(600_000) + '"}'); return; }
    if (name === 'broken.rdap.test') { res.writeHead(200, { 'Content-Type': 'application/rdap+json' }); res.end('<html>maintenance</html>'); return; }
    if (name === 'busy.rdap.test') { res.writeHead(503); res.end(); return; }
    const body = answers.get(name);
    if (!body) { res.writeHead(404, { 'Content-Type': 'application/rdap+json' }); res.end('{"errorCode":404,"title":"Not Found"}'); return; }
    res.writeHead(200, { 'Content-Type': 'application/rdap+json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  bootstrap = { services: [[['rdap.test'], [base]]] };
});
after(() => { server.closeAllConnections(); server.close(); });

const check = (d: string, timeoutMs = 2000) => checkRegistration(d, { bootstrap, now: NOW, timeoutMs });

test('an active domain: expiry in days, the registrar, the statuses; a subdomain finds its registered parent', async () => {
  const r = await check('active.rdap.test');
  assert.deepEqual(r.findings.map((f) => `${f.check}:${f.status}`), ['dns.registration.active:ok']);
  assert.match(r.findings[0]!.summary.en, /active\.rdap\.test is registered and active; it expires on 2028-03-14 \(in 464 days\); registrar: Przykładowy Rejestrator/);
  assert.match(r.findings[0]!.summary.pl, /Domena active\.rdap\.test jest zarejestrowana i aktywna; wygasa 2028-03-14 \(za 464 dni\); rejestrator: Przykładowy Rejestrator/);
  assert.equal(r.info?.daysLeft, 464);
  assert.deepEqual(r.info?.statuses, ['client delete prohibited', 'client transfer prohibited', 'client update prohibited']);
  asked.length = 0;
  const sub = await check('mail.active.rdap.test');
  assert.deepEqual(asked, ['mail.active.rdap.test', 'active.rdap.test'], 'the name, then its parent');
  assert.equal(sub.info?.domain, 'active.rdap.test');
});

test('statuses that stop mail: on hold (both spellings), redemption, pending delete with server hold; expiring and expired', async () => {
  const checks = async (d: string) => (await check(d)).findings.map((f) => `${f.check}:${f.status}`);
  assert.deepEqual(await checks('hold.rdap.test'), ['dns.registration.clienthold:error']);
  assert.deepEqual(await checks('camel.rdap.test'), ['dns.registration.clienthold:error'], 'EPP camelCase read as the RDAP words');
  assert.deepEqual(await checks('redemption.rdap.test'), ['dns.registration.redemptionperiod:error', 'dns.registration.expired:error']);
  assert.deepEqual(await checks('pending.rdap.test'), ['dns.registration.pendingdelete:error', 'dns.registration.serverhold:error', 'dns.registration.expired:error']);
  const soon = await check('soon.rdap.test');
  assert.deepEqual(soon.findings.map((f) => `${f.check}:${f.status}`), ['dns.registration.expiring:warn']);
  assert.match(soon.findings[0]!.summary.pl, /wygasa 2026-12-20, za 14 dni/);
  assert.match(soon.findings[0]!.advice![0]!.pl, /Odnów domenę u rejestratora \(Przykładowy Rejestrator/);
  const hold = (await check('hold.rdap.test')).findings[0]!;
  assert.match(hold.summary.pl, /Rejestrator zawiesił domenę \(client hold\)/);
  assert.match(hold.advice![0]!.en, /Contact the registrar/);
  assert.deepEqual(await checks('expired.rdap.test'), ['dns.registration.expired:error']);
});

test('not registered, and every way the registry can fail: a clear "not checked", never a crash or a hang', async () => {
  const gone = await check('gone.rdap.test');
  assert.deepEqual(gone.findings.map((f) => `${f.check}:${f.status}`), ['dns.registration.not-registered:error']);
  assert.match(gone.findings[0]!.summary.pl, /Rejestr nie zna domeny gone\.rdap\.test/);
  const t0 = Date.now();
  const slow = await check('slow.rdap.test', 300);
  assert.ok(Date.now() - t0 < 2000, 'the time limit ended the request');
  for (const [d, why] of [['slow.rdap.test', slow], ['huge.rdap.test', await check('huge.rdap.test')], ['broken.rdap.test', await check('broken.rdap.test')], ['busy.rdap.test', await check('busy.rdap.test')]] as const) {
    assert.deepEqual(why.findings.map((f) => `${f.check}:${f.status}`), ['dns.registration.not-checked:unknown'], d);
  }
  assert.match((await check('busy.rdap.test')).findings[0]!.summary.en, /HTTP 503/);
  assert.equal((await check('moved.rdap.test')).info?.expires, '2028-03-14T10:21:07.000Z', 'a redirect is followed');
  // No service for the TLD: said, nothing asked.
  asked.length = 0;
  const none = await checkRegistration('example.invalid', { bootstrap, now: NOW });
  assert.equal(none.findings[0]!.check, 'dns.registration.not-checked');
  assert.equal(none.findings[0]!.status, 'info');
  assert.deepEqual(asked, []);
});

test('bootstrap: the longest suffix wins, HTTPS preferred, plain HTTP only to loopback, a malformed file refused', () => {
  const b: RdapBootstrap = { services: [[['uk'], ['https://rdap.nominet.uk/uk/']], [['co.uk'], ['http://rdap.example/co/', 'https://rdap.example/co/']], [['evil'], ['http://rdap.evil.example/']]] };
  assert.equal(rdapServerFor('mail.example.co.uk', b), 'https://rdap.example/co/');
  assert.equal(rdapServerFor('example.uk', b), 'https://rdap.nominet.uk/uk/');
  assert.equal(rdapServerFor('x.evil', b), undefined, 'plain HTTP to a remote host is never used');
  assert.equal(rdapServerFor('wp.pl', bundledRdapBootstrap()), 'https://rdap.dns.pl/');
  assert.throws(() => parseRdapBootstrap('{"services": {"pl": "x"}}'), /not an RDAP bootstrap/);
  assert.throws(() => parseRdapBootstrap('{"services": [[["pl"], [1]]]}'), /not an RDAP bootstrap/);
});

test('CLI: a domain on hold is explained first, in both languages; --no-rdap skips it; a bad --rdap-bootstrap is a clear error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-rdap-'));
  try {
    const file = join(dir, 'dns.json');
    writeFileSync(file, JSON.stringify({ description: 'test', services: [[['rdap.test'], [base]]] }));
    // Asynchronous: the RDAP server lives in this process and must keep answering while the CLI runs.
    const run = async (args: string[], lang = 'en') => {
      try {
        const r = await promisify(execFile)(process.execPath, [CLI, 'domain', ...args, '--resolver', nsdServer(), '--no-fetch', '--lang', lang], { encoding: 'utf8', env: baseEnv(), timeout: 60_000 });
        return { stdout: r.stdout, stderr: r.stderr, status: 0 };
      } catch (e) {
        const x = e as { stdout: string; stderr: string; code: number };
        return { stdout: x.stdout, stderr: x.stderr, status: x.code };
      }
    };
    // The test DNS does not serve hold.rdap.test: NXDOMAIN, and the registry says why.
    const json = JSON.parse((await run(['hold.rdap.test', '--rdap-bootstrap', file, '--json'])).stdout) as { findings: { check: string; status: string }[]; data: { registration?: { statuses: string[] } } };
    const checks = json.findings.map((f) => f.check);
    assert.ok(checks.includes('dns.registration.clienthold'), checks.join(', '));
    assert.ok(checks.indexOf('dns.registration.clienthold') <= 1, 'right after the MX finding');
    assert.deepEqual(json.data.registration?.statuses, ['client hold', 'client transfer prohibited']);
    // data.registration as the shipped JSON Schema describes it.
    const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv2020) => Ajv2020;
    const ajv = addFormats(new Ajv2020({ allErrors: true, strict: false }));
    const schema = JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', 'data', 'domain.schema.json'), 'utf8')) as { properties: { registration: object } };
    const valid = ajv.compile(schema.properties.registration);
    assert.ok(valid(json.data.registration), ajv.errorsText(valid.errors));
    const pl = await run(['hold.rdap.test', '--rdap-bootstrap', file], 'pl');
    assert.match(pl.stdout, /Rejestrator zawiesił domenę \(client hold\)/);
    assert.equal(pl.status, 2);
    const skipped = JSON.parse((await run(['hold.rdap.test', '--rdap-bootstrap', file, '--no-rdap', '--json'])).stdout) as typeof json;
    assert.ok(!skipped.findings.some((f) => f.check.startsWith('dns.registration')));
    writeFileSync(file, '{"services": 3}');
    const bad = await run(['hold.rdap.test', '--rdap-bootstrap', file], 'pl');
    assert.equal(bad.status, 65);
    assert.match(bad.stderr, /nie jest plik startowy RDAP/);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
