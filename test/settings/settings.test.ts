// `mailmedic settings`: discovery against the real test DNS (NSD, zone mm-settings.test), guesses confirmed by
// probing the real Postfix/Dovecot, autoconfig from a local HTTP server, and the classic mistakes.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { createDnsClient } from '../../src/dns/index.js';
import { lookupViaDns } from '../../src/probe/lookup.js';
import { probeOne } from '../../src/probe/many.js';
import {
  findMailSettings, findProvider, ispdbProviders, parseClientConfig, settingsReport, type SettingsDeps,
} from '../../src/settings/index.js';
import { render } from '../../src/report/index.js';
import { CLI, SHARED, testEnv, NEEDS_SHARED } from '../helpers/env.js';

const env = testEnv();
const dns = createDnsClient({ server: `127.0.0.1:${env.dnsPort}`, timeoutMs: 1000 });
const lookup = lookupViaDns(dns);
// Standard ports → the test environment's high ports (nothing listens on 993 etc. here).
const PORTS: Record<number, number> = { 993: env.imaps, 143: env.imap, 995: env.pop3s, 110: env.pop3, 465: env.smtps, 587: env.submission };
let probes = 0;
const deps: SettingsDeps = {
  dns,
  probe: (protocol, t) => {
    probes++;
    return probeOne(protocol, { host: t.host, port: PORTS[t.port] ?? t.port, tls: t.tls, timeouts: { connect: 1000, banner: 2000, command: 2000, tls: 2000 } }, { lookup });
  },
};
const run = promisify(execFile);

test('SRV records (RFC 6186/8314): implicit TLS preferred, every answer says where it came from', async () => {
  const r = await findMailSettings({ address: 'alice@mm-settings.test' }, deps);
  assert.deepEqual([r.chosen.smtp?.port, r.chosen.smtp?.socket, r.chosen.smtp?.source], [4650, 'SSL', 'srv']);
  assert.deepEqual([r.chosen.imap?.host, r.chosen.imap?.port, r.chosen.imap?.socket], ['mail.mm-settings.test', 9930, 'SSL']);
  assert.equal(r.chosen.pop3?.port, 9950);
  assert.ok(r.candidates.some((c) => c.source === 'srv' && c.port === 5870 && c.socket === 'STARTTLS'));
  const [table, sources] = settingsReport(r).tables!;
  assert.equal(table!.rows.length, 3);
  assert.deepEqual(table!.rows[0], ['IMAP', 'mail.mm-settings.test', '9930', 'SSL/TLS', 'alice@mm-settings.test']);
  assert.ok(sources!.rows.every((row) => row[1] === 'DNS SRV'));
});

test('SRV target "." means "not offered"', async () => {
  const r = await findMailSettings({ address: 'a@nopop.mm-settings.test', guess: false }, deps);
  assert.ok(r.findings.some((f) => f.check === 'settings.srv.not-offered' && f.summary.en.includes('_pop3._tcp')));
  assert.equal(r.chosen.pop3, undefined);
  assert.equal(r.chosen.imap?.port, 9930);
});

test('MX host at a known provider → its ISPDB settings (source: MX provider)', async () => {
  const r = await findMailSettings({ address: 'bob@hosted.mm-settings.test', guess: false }, deps);
  assert.equal(r.chosen.imap?.host, 'imap.1und1.de');
  assert.equal(r.chosen.smtp?.source, 'mx-provider');
  assert.equal(r.chosen.smtp?.username, 'bob@hosted.mm-settings.test');
  assert.ok(r.findings.some((f) => f.check === 'settings.mx-provider' && /mx00\.kundenserver\.de/.test(f.summary.en)));
});

test('no SRV, no provider: imap./smtp./mail. guesses are confirmed by probing the real servers', async () => {
  probes = 0;
  const r = await findMailSettings({ address: 'x@guess.mm-settings.test' }, deps);
  assert.ok(probes > 0);
  assert.equal(r.chosen.imap?.host, 'imap.guess.mm-settings.test');
  assert.equal(r.chosen.imap?.confirmed, true);
  assert.equal(r.chosen.smtp?.host, 'smtp.guess.mm-settings.test');
  assert.equal(r.chosen.smtp?.source, 'guess');
  assert.equal(r.chosen.pop3?.host, 'mail.guess.mm-settings.test');
});

test('a domain in the ISPDB is answered from the bundled table (the test DNS refuses aol.com: said as "unknown")', async () => {
  const r = await findMailSettings({ address: 'someone@aol.com', guess: false }, deps);
  assert.equal(r.findings.find((f) => f.check === 'settings.dns')?.status, 'unknown');
  assert.equal(r.chosen.imap?.host, 'imap.aol.com');
  assert.equal(r.chosen.smtp?.port, 465);
  assert.equal(r.chosen.smtp?.source, 'ispdb');
});

test('the classic mistakes in the user\'s own settings are flagged', async () => {
  const r = await findMailSettings({
    address: 'bob@hosted.mm-settings.test', guess: false, user: 'bob',
    given: [
      { protocol: 'smtp', host: 'smtp.1und1.de', port: 465, socket: 'STARTTLS' },
      { protocol: 'imap', host: 'imap.1und1.de', port: 993, socket: 'STARTTLS' },
    ],
  }, deps);
  const s = (check: string) => r.findings.filter((f) => f.check === check).map((f) => f.summary.en).join(' | ');
  assert.match(s('settings.given.smtp'), /Port 465 is set with STARTTLS/);
  assert.match(s('settings.given.imap'), /Port 993 is set with STARTTLS/);
  assert.match(s('settings.given.user'), /has no domain/);
  const more = await findMailSettings({
    address: 'bob@hosted.mm-settings.test', guess: false,
    given: [{ protocol: 'smtp', host: 'smtp.1und1.de', port: 587, socket: 'SSL' }, { protocol: 'smtp', host: 'mail.other.test', port: 25, socket: 'plain' }],
  }, deps);
  const all = more.findings.map((f) => f.summary.en).join(' | ');
  assert.match(all, /Port 587 is set with SSL\/TLS/);
  assert.match(all, /Port 25 is set for sending/);
  assert.match(all, /without encryption/);
  assert.match(all, /differs from the one found/);
  const ok = await findMailSettings({ address: 'bob@hosted.mm-settings.test', guess: false, given: [{ protocol: 'smtp', host: 'smtp.1und1.de', port: 587, socket: 'STARTTLS' }] }, deps);
  const okSmtp = ok.findings.find((f) => f.check === 'settings.given.smtp')!;
  assert.equal(okSmtp.status, 'ok');
  // Not connected: only the classic mistakes are ruled out, and it says so (not "right").
  assert.match(okSmtp.summary.en, /none of the classic mistakes; add --probe/);
  assert.match(okSmtp.summary.pl, /nie zawierają typowych błędów/);
  // "none" as a setting is said in the reader's language.
  const plain = more.findings.find((f) => f.check === 'settings.given.smtp' && /without encryption/.test(f.summary.en))!;
  assert.ok(plain);
});

test('nothing found: no empty tables, and the guesses name the host names they tried', async () => {
  const r = await findMailSettings({ address: 'alice@nothing-here.mm-settings.test', guessPorts: { imap: [], pop3: [], smtp: [] } },
    { ...deps, probe: async () => { throw new Error('no probe expected'); } });
  assert.equal(settingsReport(r).tables, undefined);
  const guess = r.findings.find((f) => f.check === 'settings.guess.imap')!;
  assert.match(guess.summary.en, /imap\.nothing-here\.mm-settings\.test, mail\.nothing-here\.mm-settings\.test/);
});

test('--probe on given settings reports what fails (SSL on the STARTTLS submission port)', async () => {
  const r = await findMailSettings({
    address: 'alice@mm-settings.test', guess: false, probeGiven: true,
    given: [{ protocol: 'smtp', host: 'mail.mm-settings.test', port: env.submission, socket: 'SSL' }],
  }, deps);
  assert.ok(r.findings.some((f) => f.check === 'probe.smtp.tls' && /does not speak SSL\/TLS/.test(f.summary.en)));
});

test('autoconfig from a local web server (injected fetcher, loopback only) wins over other sources', NEEDS_SHARED, async () => {
  const xml = readFileSync(join(SHARED, 'corpus', 'autoconfig', 'ispdb', '1und1.de.xml'), 'utf8').replace(/1und1\.de/g, 'mm-auto.test');
  const asked: string[] = [];
  const srv = http.createServer((req, res) => {
    asked.push(`${req.headers['x-host']}${req.url}`);
    if (req.headers['x-host'] === 'autoconfig.mm-settings.test' && req.url?.startsWith('/mail/config-v1.1.xml')) res.end(xml);
    else { res.statusCode = 404; res.end(); }
  });
  after(() => srv.close());
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as AddressInfo).port;
  const fetchText = async (url: string) => {
    const u = new URL(url);
    const r = await fetch(`http://127.0.0.1:${port}${u.pathname}${u.search}`, { headers: { 'x-host': u.hostname } });
    return r.ok ? r.text() : undefined;
  };
  const r = await findMailSettings({ address: 'alice@mm-settings.test', guess: false }, { ...deps, fetchText });
  assert.equal(r.chosen.imap?.host, 'imap.mm-auto.test');
  assert.equal(r.chosen.imap?.source, 'autoconfig');
  assert.ok(asked[0]!.includes('emailaddress=alice%40mm-settings.test'));
  const none = await findMailSettings({ address: 'x@nopop.mm-settings.test', guess: false }, { ...deps, fetchText });
  assert.equal(none.findings.find((f) => f.check === 'settings.autoconfig')?.status, 'info');
});

test('the derived ISPDB table matches the corpus (every XML file with servers is in it)', NEEDS_SHARED, () => {
  const dir = join(SHARED, 'corpus', 'autoconfig', 'ispdb');
  const files = readdirSync(dir).filter((f) => f.endsWith('.xml'));
  const withServers = files.filter((f) => parseClientConfig(readFileSync(join(dir, f), 'utf8'))?.servers.length);
  assert.equal(ispdbProviders().length, withServers.length);
  assert.equal(findProvider('mx01.kundenserver.de', undefined, true)?.id, '1und1.de');
  assert.equal(findProvider('kundenserver.de.evil.test', undefined, true), undefined);
  for (const f of ['aol.com.xml', '1und1.de.xml']) {
    const p = parseClientConfig(readFileSync(join(dir, f), 'utf8'))!;
    const q = ispdbProviders().find((x) => x.id === p.id)!;
    assert.deepEqual(q.servers, p.servers);
  }
});

test('clientConfig parser: hostile input never throws or hangs', () => {
  for (const s of ['', '<', '<emailProvider', '<clientConfig><emailProvider id="x"><incomingServer type="imap"><port>99999</port>',
    '<emailProvider>' + '<domain>a</domain>'.repeat(20000), '<!--'.repeat(70000), '<emailProvider id="x">' + '<domain '.repeat(30000),
    '<emailProvider><incomingServer type="imap">' + '<incomingServer'.repeat(15000), '\u0000\u0001<emailProvider id="' + 'x'.repeat(100000)]) {
    const t0 = Date.now();
    parseClientConfig(s);
    assert.ok(Date.now() - t0 < 500);
  }
});

test('bad addresses are a finding, not a crash', async () => {
  for (const a of ['no-at-sign', 'a@', '@b.test', 'a b@c.test', 'x@' + 'a'.repeat(400) + '.test']) {
    const r = await findMailSettings({ address: a }, deps);
    assert.equal(r.findings[0]?.check, 'settings.address');
  }
});

test('CLI: table in both languages, JSON, usage errors', async () => {
  // --resolver is the name `domain` uses for the same option.
  const args = [CLI, 'settings', 'alice@mm-settings.test', '--resolver', `127.0.0.1:${env.dnsPort}`, '--no-guess', '--smtp', 'mail.mm-settings.test:465:starttls'];
  const pl = await run(process.execPath, [...args, '--lang', 'pl']).catch((e: { stdout: string }) => e);
  assert.match(pl.stdout, /Użytkownik/);
  assert.match(pl.stdout, /Skąd pochodzi każda odpowiedź/);
  assert.ok(pl.stdout.includes('mail.mm-settings.test  '), 'server names are not clipped');
  assert.match(pl.stdout, /Port 465 ustawiono ze STARTTLS/);
  const en = await run(process.execPath, [...args, '--lang', 'en']).catch((e: { stdout: string }) => e);
  assert.match(en.stdout, /User name/);
  const json = await run(process.execPath, [...args, '--json']).catch((e: { stdout: string }) => e);
  const report = JSON.parse(json.stdout) as { command: string; tables: { id: string; rows: string[][] }[] };
  assert.equal(report.command, 'settings');
  assert.equal(report.tables[0]!.rows[0]![1], 'mail.mm-settings.test');
  const bad = await run(process.execPath, [CLI, 'settings', 'a@b.test', '--smtp', 'host:notaport:ssl']).catch((e: { code: number }) => e);
  assert.equal((bad as { code: number }).code, 64);
  // Rendering every format works on a settings report.
  const r = await findMailSettings({ address: 'alice@mm-settings.test', guess: false }, deps);
  for (const f of ['markdown', 'html', 'csv', 'json'] as const) assert.ok(render(settingsReport(r), f, { lang: 'pl' }).length > 100);
});

test('--fetch-autoconfig reads at most 256 KiB of an answer (a hostile web server cannot fill the memory)', async () => {
  const { createServer } = await import('node:http');
  const { fetchText } = await import('../../src/cli/commands/settings.js');
  const srv = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/xml' });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const more = () => { while (sent < 64 && res.write(chunk)) sent++; if (sent < 64) res.once('drain', more); else res.end(); };
    more();
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  try {
    const port = (srv.address() as { port: number }).port;
    const text = await fetchText(`http://127.0.0.1:${port}/mail/config-v1.1.xml`);
    assert.equal(text?.length, 256 * 1024);
  } finally {
    srv.closeAllConnections();
    srv.close();
  }
});
