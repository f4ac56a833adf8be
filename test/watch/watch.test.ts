// `watch run` against real parts: an NSD of its own whose zone is edited between passes (SPF broken, MX changed,
// then put back), the test environment's NSD and blocklist zone, a webhook receiver on loopback that fails twice,
// alert mail through the test Postfix into alice's Dovecot mailbox, read back over IMAP, and a SQLite history file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createDnsClient } from '../../src/dns/index.js';
import { lookupViaDns } from '../../src/probe/lookup.js';
import { loadDnsblLists } from '../../src/domain/cli-shared.js';
import { MIGRATIONS, openWatchStore } from '../../src/watch/store/index.js';
import { parseWatchConfig, WatchConfigError } from '../../src/watch/config.js';
import { runWatchPass } from '../../src/watch/run.js';
import { watchHistoryReport } from '../../src/watch/history.js';
import { CLI, PROJECT_ROOT, testEnv } from '../helpers/env.js';
import { startOwnNsd, webhookReceiver, type OwnNsd } from './helpers.js';

const env = testEnv();
const ZONE = 'mm-watch.test';
let dir: string;
let nsd: OwnNsd;

const zone = (serial: number, mx: string, spf: string) => `$ORIGIN ${ZONE}.
$TTL 300
@ IN SOA ns.${ZONE}. hostmaster.${ZONE}. ${serial} 3600 600 86400 300
@ IN NS ns.${ZONE}.
ns IN A 45.10.20.1
@ IN MX 10 ${mx}.${ZONE}.
mx1 IN A 45.10.20.25
mx2 IN A 45.10.20.26
@ IN TXT "${spf}"
_dmarc IN TXT "v=DMARC1; p=reject"
`;
const GOOD = (serial: number) => zone(serial, 'mx1', 'v=spf1 mx -all');
const BROKEN = (serial: number) => zone(serial, 'mx2', 'v=spf1 mx +all');

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mm-watch-'));
  nsd = await startOwnNsd(dir, ZONE, GOOD(1));
});
after(async () => { await nsd?.stop(); rmSync(dir, { recursive: true, force: true, maxRetries: 5 }); });

/** The messages in alice's mailbox whose header names this pass, read back over IMAP from the test Dovecot. */
async function mailOfRun(runId: string): Promise<string[]> {
  const { ImapFlow } = await import('imapflow');
  const client = new ImapFlow({
    host: '127.0.0.1', port: env.imap, secure: false, logger: false, tls: { rejectUnauthorized: false },
    auth: { user: 'alice@example.test', pass: env.users['alice@example.test']! }, socketTimeout: 20_000,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock('INBOX');
    try {
      const uids = (await client.search({ header: { 'x-mailmedic-watch-run': runId } }, { uid: true })) || [];
      const out: string[] = [];
      for (const uid of uids) {
        const m = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (m && m.source) out.push(m.source.toString('utf8'));
      }
      return out;
    } finally { lock.release(); }
  } finally { await client.logout(); }
}
const decodeQp = (s: string) => Buffer.from(s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');

test('SQLite store: the migrations run once; reopening the file keeps the schema and the data', async () => {
  const path = join(dir, 'schema.db');
  const s = await openWatchStore(path);
  assert.equal(await s.schemaVersion(), MIGRATIONS.length);
  await s.beginRun('r1', '2026-12-01T00:00:00.000Z');
  await s.saveResult({ runId: 'r1', item: 'ip:192.0.2.1', kind: 'ip', status: 'ok', checkedAt: '2026-12-01T00:00:00.000Z', durationMs: 3, findings: [] });
  await s.close();
  const again = await openWatchStore(path);
  assert.equal(await again.schemaVersion(), MIGRATIONS.length);
  assert.deepEqual((await again.results()).map((r) => r.item), ['ip:192.0.2.1']);
  await again.close();
});

test('watch list: strict keys and values, each error names its key in both languages', () => {
  const err = (text: string) => { try { parseWatchConfig(text); } catch (e) { assert.ok(e instanceof WatchConfigError); return e; } throw new Error('accepted'); };
  const e1 = err('domains: [example.com]\nalert: {}\n');
  assert.equal(e1.key, 'alert');
  assert.match(e1.text.pl, /nieznany klucz/);
  assert.equal(err('servers:\n  - protocol: smtp\n    host: mail.example.com\n    port: 99999\n').key, 'servers[0].port');
  assert.equal(err('ips: [300.1.1.1]\n').key, 'ips[0]');
  assert.equal(err('domains: [a.test]\nalerts:\n  webhook: ftp://x.test/\n').key, 'alerts.webhook.url');
  assert.equal(err('domains: [a.test]\ndomains: [b.test]\n').key, '');
  assert.equal(err('resolver: 127.0.0.1:5353\n').key, '');
  assert.match(err('a: &a [*a, *a]\n').text.en, /watch list/);
  // Hostile: an alias bomb is refused, not expanded.
  const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${Array(9).fill(i ? `*b${i - 1}` : '*a').join(',')}]`).join('\n') + '\ndomains: [a.test]\n';
  assert.throws(() => parseWatchConfig(bomb), WatchConfigError);
  const ok = parseWatchConfig(JSON.stringify({ resolver: '127.0.0.1:53', ips: ['192.0.2.1'], alerts: { lang: 'pl', webhook: { url: 'http://127.0.0.1:1/', retries: 0 } } }), 'w.json');
  assert.equal(ok.alerts.webhooks[0]!.retries, 0);
  assert.equal(ok.alerts.probeFailures, 2);
});

test('domain passes: SPF broken and MX changed alert once, an unchanged pass sends nothing, the fix is a recovery; webhook retried, mail delivered', async () => {
  const hook = await webhookReceiver(2);
  try {
    const cfg = parseWatchConfig(`resolver: 127.0.0.1:${nsd.port}
domains:
  - domain: ${ZONE}
    dkim_selectors: [s1]
alerts:
  lang: pl
  webhook: { url: "${hook.url}", retries: 3, timeout: 5 }
  email: { host: 127.0.0.1, port: ${env.smtp}, tls: starttls, from: watch@example.test, to: alice@example.test }
`);
    const store = await openWatchStore(join(dir, 'domain.db'));
    const ca = readFileSync(join(env.certs, 'cert.pem'), 'utf8');
    // A DNS client per pass, as the CLI makes one: a client keeps its answers for the run.
    const pass = () => runWatchPass({ config: cfg, store, lang: 'en', deps: { dns: createDnsClient({ server: `127.0.0.1:${nsd.port}`, timeoutMs: 1000 }), fetchMtaSts: false, webhook: { backoffMs: 20 }, email: { ca, timeoutMs: 10_000 } } });

    const first = await pass();
    // The first pass tells what is wrong already (no DKIM key under the selector asked for).
    assert.ok(first.alerts.length > 0, 'first pass alerts the problems it finds');
    assert.ok(first.alerts.every((a) => a.kind === 'appeared'));
    assert.equal(hook.attempts, 3, 'two failures, then accepted');
    assert.match(first.delivery[Object.keys(first.delivery).find((k) => k.startsWith('webhook'))!]!, /after 3 attempt/);
    assert.equal(hook.bodies.length, 1);
    assert.equal((hook.bodies[0] as { runId: string }).runId, first.runId);

    const second = await pass();
    assert.deepEqual(second.alerts, [], 'nothing changed: no alert');
    assert.equal(hook.attempts, 3, 'no webhook call without alerts');
    assert.equal(second.report.findings[0]!.check, 'watch.alerts');

    await nsd.write(BROKEN(2));
    const third = await pass();
    const kinds = third.alerts.map((a) => `${a.kind} ${a.check} ${a.subject}`);
    const spfError = third.alerts.find((a) => a.kind === 'appeared' && a.status === 'error' && a.check.startsWith('dns.spf'));
    assert.ok(spfError, `an SPF error appeared: ${kinds.join('; ')}`);
    assert.ok(third.alerts.some((a) => a.kind === 'changed' && a.subject === 'MX' && a.summary.en.includes('mx2')), kinds.join('; '));
    assert.ok(third.alerts.some((a) => a.kind === 'changed' && a.subject === 'SPF'), kinds.join('; '));
    assert.equal(hook.bodies.length, 2);
    // The alert mail of this pass arrives in alice's mailbox (read back over IMAP), in Polish.
    let mail: string[] = [];
    for (let i = 0; i < 100 && !mail.length; i++) { await new Promise((r) => setTimeout(r, 100)); mail = await mailOfRun(third.runId); }
    assert.equal(mail.length, 1, 'one alert mail for the pass');
    assert.match(decodeQp(mail[0]!), /mailmedic watch wykrył te zmiany/);
    assert.match(decodeQp(mail[0]!), /zmiana rekordów/);

    const fourth = await pass();
    assert.deepEqual(fourth.alerts, [], 'still broken, already told: no repeat');

    await nsd.write(GOOD(3));
    const fifth = await pass();
    assert.ok(fifth.alerts.some((a) => a.kind === 'cleared' && a.key === spfError.key), fifth.alerts.map((a) => `${a.kind} ${a.key}`).join('; '));
    assert.equal(fifth.report.findings.find((f) => f.check === 'watch.alert.cleared')?.status, 'ok');

    // The history report tells the same story: five passes, every alert in order, the item's latest status.
    const history = await watchHistoryReport(store, new Date(0));
    const hd = history.data as { runs: number; alerts: unknown[]; items: { item: string; passes: number; worst: string }[] };
    assert.equal(hd.runs, 5);
    assert.equal(hd.alerts.length, first.alerts.length + third.alerts.length + fifth.alerts.length);
    assert.deepEqual(hd.items.map((i) => [i.item, i.passes, i.worst]), [[`domain:${ZONE}`, 5, 'error']]);
    assert.ok(history.findings.some((f) => f.check === 'watch.alert.cleared'));
    // Every pass and result is in the history.
    assert.equal((await store.runs()).length, 5);
    assert.equal((await store.results()).length, 5);
    assert.equal((await store.alerts()).length, first.alerts.length + third.alerts.length + fifth.alerts.length);
    await store.close();
  } finally {
    await hook.close();
  }
});

test('a server alerts only when its probe fails twice in a row, and once', async () => {
  const port = await new Promise<number>((ok) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as AddressInfo).port; s.close(() => ok(p)); }); });
  const cfg = parseWatchConfig(`servers:\n  - { protocol: smtp, host: 127.0.0.1, port: ${port}, tls: starttls }\n`);
  const store = await openWatchStore(join(dir, 'probe.db'));
  const dns = createDnsClient({ server: `127.0.0.1:${env.dnsPort}`, timeoutMs: 1000 });
  const pass = () => runWatchPass({ config: cfg, store, lang: 'en', deps: { dns } });
  const one = await pass();
  assert.deepEqual(one.alerts, [], 'one failed connection is not an alert yet');
  const two = await pass();
  assert.ok(two.alerts.some((a) => a.kind === 'appeared' && a.check.startsWith('probe.smtp.connect') && a.status === 'error'), JSON.stringify(two.alerts.map((a) => a.check)));
  const three = await pass();
  assert.deepEqual(three.alerts, []);
  await store.close();
});

test('a certificate of the real Postfix inside the expiry window alerts, and renewing it (the clock back) is a recovery', async () => {
  const caPath = String(env.caCert);
  const cfg = parseWatchConfig(`servers:\n  - { protocol: smtp, host: mail.example.test, port: ${Number(env.smtpCaSigned)}, tls: starttls, ca: ${caPath} }\nalerts: { expiry_days: 30, probe_failures: 1 }\n`);
  const store = await openWatchStore(join(dir, 'cert.db'));
  const dns = createDnsClient({ server: `127.0.0.1:${env.dnsPort}`, timeoutMs: 1000 });
  const caFiles = { [caPath]: readFileSync(caPath, 'utf8') };
  const pass = (date: () => Date) => runWatchPass({ config: cfg, store, lang: 'en', deps: { dns, caFiles, net: { lookup: lookupViaDns(dns), date } } });
  // The certificate is valid for about ten years: a clock 3640 days ahead puts its end inside the 30-day window.
  const later = await pass(() => new Date(Date.now() + 3640 * 86_400_000));
  const expiring = later.alerts.find((a) => a.check === 'probe.smtp.tls.expiring');
  assert.ok(expiring, later.alerts.map((a) => `${a.kind} ${a.check}`).join('; '));
  assert.equal(expiring.status, 'warn');
  assert.ok((later.report.data as { items: { certDaysLeft?: number }[] }).items[0]!.certDaysLeft! < 30);
  const now = await pass(() => new Date());
  assert.ok(now.alerts.some((a) => a.kind === 'cleared' && a.key === expiring.key), now.alerts.map((a) => `${a.kind} ${a.check}`).join('; '));
  await store.close();
});

test('a sending IP on the test blocklist and without forward-confirmed PTR alerts; the stored states stop a repeat', async () => {
  const cfg = parseWatchConfig(`ips: [45.10.20.31]\n`);
  const store = await openWatchStore(join(dir, 'ip.db'));
  const dns = createDnsClient({ server: `127.0.0.1:${env.dnsPort}`, timeoutMs: 1000 });
  const dnsblLists = loadDnsblLists(join(PROJECT_ROOT, 'test', 'domain', 'fixtures', 'dnsbl-lists.json'));
  const pass = () => runWatchPass({ config: cfg, store, lang: 'en', deps: { dns, dnsblLists } });
  const one = await pass();
  const checks = one.alerts.map((a) => a.check);
  assert.ok(checks.includes('dns.ptr.not-confirmed'), checks.join(', '));
  assert.ok(checks.some((c) => c.startsWith('dns.dnsbl')), checks.join(', '));
  assert.deepEqual((await pass()).alerts, []);
  await store.close();
});

test('logs: each pass reads only the lines written since the last one; a shorter file is read from its start', async () => {
  const log = join(dir, 'mail.log');
  const line = (i: number) => `Dec  5 10:00:${String(i).padStart(2, '0')} mx postfix/smtp[1${i}]: 4ABC${i}: to=<u${i}@example.org>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.1, status=deferred (connect to example.org[192.0.2.1]:25: Connection timed out)\n`;
  writeFileSync(log, line(1) + line(2));
  const cfg = parseWatchConfig(`logs: [${log}]\n`);
  const store = await openWatchStore(join(dir, 'logs.db'));
  const dns = createDnsClient({ server: `127.0.0.1:${env.dnsPort}` });
  const lines = async () => {
    const r = await runWatchPass({ config: cfg, store, lang: 'en', deps: { dns } });
    return r.results[0]!.findings.find((f) => f.check === 'watch.log.read')!.data!.lines;
  };
  assert.equal(await lines(), 2);
  assert.equal(await lines(), 0);
  appendFileSync(log, line(3));
  assert.equal(await lines(), 1);
  writeFileSync(log, line(4));
  assert.equal(await lines(), 1, 'rotated: read from the start');
  assert.equal((await store.logOffsets()).get(log), line(4).length);
  await store.close();
});

test('CLI: watch run prints the pass as a report (JSON too), the database lands next to the list; a bad list is 65 in Polish', () => {
  const d = mkdtempSync(join(tmpdir(), 'mm-watch-cli-'));
  try {
    writeFileSync(join(d, 'mail.log'), '');
    writeFileSync(join(d, 'watch.yaml'), 'logs: [mail.log]\n');
    const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
    const r = run(['watch', 'run', '--config', join(d, 'watch.yaml'), '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { command: string; data: { items: { key: string }[] } };
    assert.equal(report.command, 'watch run');
    assert.deepEqual(report.data.items.map((i) => i.key), [`log:${join(d, 'mail.log')}`]);
    assert.ok(existsSync(join(d, 'watch.db')));
    const rep = run(['watch', 'report', '-c', join(d, 'watch.yaml'), '--since', '1h', '--json']);
    assert.equal(rep.status, 0, rep.stderr);
    const h = JSON.parse(rep.stdout) as { command: string; data: { runs: number; items: { passes: number }[] } };
    assert.equal(h.command, 'watch report');
    assert.equal(h.data.runs, 1);
    assert.equal(run(['watch', 'report', '-c', join(d, 'watch.yaml'), '--since', 'soon']).status, 64);
    assert.equal(run(['watch', 'report', '-c', join(d, 'watch.yaml'), '--db', join(d, 'none.db')]).status, 66);
    writeFileSync(join(d, 'bad.yaml'), 'logs: [mail.log]\nserver: []\n');
    const bad = run(['watch', 'run', '-c', join(d, 'bad.yaml'), '--lang', 'pl']);
    assert.equal(bad.status, 65);
    assert.match(bad.stderr, /klucz server: nieznany klucz/);
    assert.equal(run(['watch', 'run']).status, 64);
    assert.equal(run(['watch', 'run', '-c', join(d, 'nope.yaml')]).status, 66);
  } finally {
    rmSync(d, { recursive: true, force: true });
  }
});

test('watch list fuzz: truncated, mutated, binary and huge input gives a config or a WatchConfigError, nothing else', () => {
  const good = `resolver: 127.0.0.1:53\ndomains:\n  - example.com\n  - { domain: example.org, dkim_selectors: [s1] }\nips: [192.0.2.5]\nservers:\n  - { protocol: smtp, host: mail.example.com, port: 587, tls: starttls, user: me, password_env: P }\nlogs: [/var/log/mail.log]\nalerts:\n  lang: pl\n  webhook: { url: "https://hooks.example.com/x", retries: 2 }\n  email: { host: smtp.example.com, from: a@example.com, to: [b@example.com] }\n`;
  let seed = 7;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const inputs: string[] = [];
  for (let i = 0; i <= good.length; i += 3) inputs.push(good.slice(0, i));
  for (let i = 0; i < 400; i++) {
    const chars = [...good];
    for (let k = 0; k < 1 + rnd(6); k++) chars[rnd(chars.length)] = ':-[]{}&*!|>\'"#\n \t\u0000é'[rnd(18)]!;
    inputs.push(chars.join(''));
  }
  inputs.push(Buffer.from(Array.from({ length: 2000 }, () => rnd(256))).toString('latin1'), 'x'.repeat(5 * 1024 * 1024), '['.repeat(10_000), '{'.repeat(10_000));
  for (const text of inputs) {
    try { parseWatchConfig(text); } catch (e) { assert.ok(e instanceof WatchConfigError, `${(e as Error).name}: ${(e as Error).message} for ${JSON.stringify(text.slice(0, 120))}`); }
  }
});

test('a domain whose registration is about to expire alerts (RDAP at a loopback registry), once, and renewing it clears', async () => {
  const { createServer: httpServer } = await import('node:http');
  let expires = '2026-12-20T00:00:00Z';
  const rdap = httpServer((req, res) => {
    if (!/\/domain\/soon\.rdap\.test$/.test(req.url ?? '')) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': 'application/rdap+json' });
    res.end(JSON.stringify({ objectClassName: 'domain', ldhName: 'soon.rdap.test', status: ['active'], events: [{ eventAction: 'expiration', eventDate: expires }] }));
  });
  await new Promise<void>((r) => rdap.listen(0, '127.0.0.1', r));
  try {
    const base = `http://127.0.0.1:${(rdap.address() as AddressInfo).port}/`;
    const cfg = parseWatchConfig('domains:\n  - soon.rdap.test\nalerts:\n  expiry_days: 30\n');
    const store = await openWatchStore(join(dir, 'rdap.db'));
    const dns = () => createDnsClient({ server: `127.0.0.1:${env.dnsPort}`, timeoutMs: 1000 });
    const deps = () => ({ dns: dns(), fetchMtaSts: false, now: () => new Date('2026-12-05T12:00:00Z'), registration: { bootstrap: { services: [[['rdap.test'], [base]]] as [string[], string[]][] } } });
    const first = await runWatchPass({ config: cfg, store, lang: 'pl', deps: deps() });
    const alert = first.alerts.find((a) => a.check === 'dns.registration.expiring');
    assert.ok(alert, JSON.stringify(first.alerts.map((a) => a.check)));
    assert.equal(alert.kind, 'appeared');
    assert.deepEqual((await runWatchPass({ config: cfg, store, lang: 'pl', deps: deps() })).alerts.filter((a) => a.check.startsWith('dns.registration')), [], 'not repeated');
    expires = '2027-12-20T00:00:00Z';
    const renewed = await runWatchPass({ config: cfg, store, lang: 'pl', deps: deps() });
    assert.ok(renewed.alerts.some((a) => a.check === 'dns.registration.expiring' && a.kind === 'cleared'));
    await store.close();
  } finally { await new Promise((r) => rdap.close(r)); }
});

test('an alert a channel failed to deliver goes again with the next pass (and only until it is delivered)', async () => {
  const { createServer: httpServer } = await import('node:http');
  let accept = false;
  const bodies: { alerts: { key: string }[]; runId: string }[] = [];
  const hook = httpServer((req, res) => {
    let b = ''; req.on('data', (c: Buffer) => { b += c; }); req.on('end', () => {
      if (!accept) { res.writeHead(503); res.end(); return; }
      bodies.push(JSON.parse(b) as (typeof bodies)[number]); res.writeHead(204); res.end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  try {
    const port = await new Promise<number>((ok) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = (s.address() as AddressInfo).port; s.close(() => ok(p)); }); });
    const url = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
    const cfg = parseWatchConfig(`servers:\n  - { protocol: smtp, host: 127.0.0.1, port: ${port}, tls: starttls }\nalerts:\n  probe_failures: 1\n  webhook: { url: "${url}", retries: 0 }\n`);
    const store = await openWatchStore(join(dir, 'owed.db'));
    const pass = () => runWatchPass({ config: cfg, store, lang: 'en', deps: { dns: createDnsClient({ server: `127.0.0.1:${env.dnsPort}`, timeoutMs: 1000 }), webhook: { backoffMs: 10 } } });
    const first = await pass();
    assert.equal(first.alerts.length, 1);
    assert.ok(first.report.findings.some((f) => f.check === 'watch.channel' && f.status === 'warn'), 'the failed delivery is a warning');
    accept = true;
    const second = await pass();
    assert.deepEqual(second.alerts, [], 'no new alert');
    assert.equal(bodies.length, 1, 'the owed alert was sent');
    assert.deepEqual(bodies[0]!.alerts.map((a) => a.key), first.alerts.map((a) => a.key));
    await pass();
    assert.equal(bodies.length, 1, 'delivered once: not sent again');
    await store.close();
  } finally { await new Promise((r) => hook.close(r)); }
});
