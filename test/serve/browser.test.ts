// The web app in a real browser (Debian's Chromium driven by playwright-core) against the real test
// servers: every page clicked through, the doctor walked step by step, the language switch, and an XSS
// payload in a bounce that must render as text. Screenshots go to $MAILMEDIC_SCREENSHOTS (docs/screenshots
// when refreshing the README) or a temporary folder.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { customDnsblList } from '../../src/doctor/checks/domain.js';
import { hasCapability } from '../../src/doctor/checks/load.js';
import type { MailmedicServer } from '../../src/serve/server.js';
import { CLI, PROJECT_ROOT, testEnv } from '../helpers/env.js';
import { englishWords } from '../helpers/polish-words.js';
import { gzipSync } from 'node:zlib';
import { deliveredText, swaks } from '../message/mail.js';
import { messageStory, openStore, recipientBounces, storeCounts, suppressionList } from '../../src/stream/index.js';
import { startStreamEnv, STREAM_SKIP } from '../helpers/stream-env.js';
import { startTestServer, XSS_BOUNCE, XSS_PAYLOAD } from './helpers.js';
import { fillStreamDb } from './stream-fill.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// evil.example resolves to 127.0.0.1 in this browser: the DNS rebinding test's attacker name. Chromium's own
// Local Network Access check (a public page may not fetch from loopback) is off, as in older browsers and
// others that lack it: the server's defence is what the test shows.
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP evil.example 127.0.0.1', '--disable-features=LocalNetworkAccessChecks,PrivateNetworkAccessRespectPreflightResults,BlockInsecurePrivateNetworkRequests'];
const SHOTS = process.env.MAILMEDIC_SCREENSHOTS ? resolve(PROJECT_ROOT, process.env.MAILMEDIC_SCREENSHOTS) : mkdtempSync(join(tmpdir(), 'mm-shots-'));
const env = testEnv();
const skip = existsSync(CHROMIUM) ? false : `no Chromium at ${CHROMIUM}`;

let app: MailmedicServer;
let ctx: BrowserContext;
const dialogs: string[] = [];
const pageErrors: string[] = [];

before(async () => {
  if (skip) return;
  mkdirSync(SHOTS, { recursive: true });
  app = await startTestServer({ dnsblLists: [customDnsblList('zen.example.test')] });
  ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'mm-chromium-')), {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1100, height: 860 }, locale: 'en-US', reducedMotion: 'reduce',
  });
  ctx.on('page', watch);
});
after(async () => {
  await ctx?.close();
  await app?.close();
});

function watch(p: Page) {
  p.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  p.on('pageerror', (e) => pageErrors.push(e.message));
}

async function open(path: string): Promise<Page> {
  const p = ctx.pages()[0] ?? (await ctx.newPage());
  if (!ctx.pages().includes(p)) watch(p);
  await p.goto(app.url + path);
  return p;
}

/** Screenshot with the results in view (the end of the form above them), once animations have settled. */
async function shot(p: Page, name: string, at = '.summary, .progress') {
  await p.evaluate((sel) => {
    const s = document.querySelector(sel);
    if (s) { s.scrollIntoView({ block: 'start' }); window.scrollBy(0, -120); }
  }, at);
  await p.waitForTimeout(450);
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

/** A screenshot of a long page from its top, in a window `height` tall (the window stays so until reset). */
async function tallShot(p: Page, height: number, name: string): Promise<void> {
  await p.setViewportSize({ width: 1100, height });
  await p.evaluate(() => window.scrollTo(0, 0));
  await p.waitForTimeout(300);
  await p.screenshot({ path: join(SHOTS, name) });
}

test('home page lists every tool; the language switch turns the app Polish', { skip }, async () => {
  const p = await open('/?lang=en');
  for (const t of ['Explain an error', 'Check a domain', 'Test a server', 'Find settings', 'Read a log', 'Read a mail queue', "Read a message's headers", 'Step by step']) {
    assert.ok(await p.getByRole('link', { name: t }).first().isVisible(), t);
  }
  await shot(p, 'home');
  await p.click('.lang a[hreflang=pl]');
  await p.waitForSelector('html[lang=pl]');
  assert.ok(await p.getByRole('link', { name: 'Wyjaśnij błąd' }).first().isVisible());
  await p.screenshot({ path: join(SHOTS, 'home-pl.png') });
  await p.goto(app.url + '/?lang=en');
});

test('explain: an XSS payload in a pasted bounce renders as text, no script runs', { skip }, async () => {
  const p = await open('/explain');
  await p.fill('#f-text', XSS_BOUNCE);
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  await p.waitForTimeout(300);
  assert.deepEqual(dialogs, [], 'no alert() fired');
  assert.deepEqual(pageErrors, []);
  assert.equal(await p.locator('#results img, #results script, #results svg').count(), 0, 'no element came from the payload');
  const text = await p.locator('#results').innerText();
  assert.ok(text.includes('<script>alert(2)</script>') || text.includes('<img src=x onerror=alert(1)>'), 'the payload is shown as text');
  await p.locator('#results details').first().evaluate((d) => { (d as HTMLDetailsElement).open = true; });
  await shot(p, 'explain-bounce');
});

test('explain: an uploaded .eml file is read', { skip }, async () => {
  const p = await open('/explain');
  await p.setInputFiles('#f-file', { name: 'bounce.eml', mimeType: 'message/rfc822', buffer: Buffer.from(XSS_BOUNCE) });
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  assert.ok((await p.inputValue('#f-text')).includes('Final-Recipient'));
  assert.deepEqual(dialogs, []);
});

test('domain: example.test is checked and nomx.example.test shows its MX problem', { skip }, async () => {
  const p = await open('/domain');
  await p.fill('#f-domain', 'nomx.example.test');
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  const text = await p.locator('#results').innerText();
  assert.match(text, /nomx\.example\.test/);
  await p.fill('#f-domain', 'example.test');
  await p.click('button[type=submit]');
  await p.waitForFunction(() => document.querySelector('.summary')?.textContent?.startsWith('example.test '), undefined, { timeout: 30_000 });
  await shot(p, 'domain');
});

test('test a server: a wrong password is shown as a login failure, and the password field is cleared', { skip }, async () => {
  const p = await open('/probe');
  await p.fill('#f-host', env.host);
  await p.fill('#f-port', String(env.submission));
  await p.selectOption('#f-security', 'starttls');
  await p.fill('#f-user', 'alice@example.test');
  await p.fill('#f-password', 'Browser-Wrong-Pass');
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 40_000 });
  assert.equal(await p.inputValue('#f-password'), '');
  const text = await p.locator('#results').innerText();
  assert.match(text, /535/);
  assert.ok(!(await p.content()).includes('Browser-Wrong-Pass'));
  await shot(p, 'probe', '.f.s-error');
});

test('queue page: a real postqueue -j listing uploaded, in both languages; a hostile listing shows as text', { skip }, async () => {
  const fixture = readFileSync(join(PROJECT_ROOT, 'test', 'queue', 'fixtures', 'postfix-postqueue-j.jsonl'));
  let p = await open('/queue');
  await p.setInputFiles('#f-file', { name: 'queue.json', mimeType: 'application/json', buffer: fixture });
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  let text = await p.locator('#results').innerText();
  assert.match(text, /Messages waiting: \d+/);
  assert.match(text, /down\.test/, 'the destination that is down');
  await shot(p, 'queue');
  p = await open('/queue?lang=pl');
  await p.fill('#f-text', fixture.toString('utf8'));
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  text = await p.locator('#results').innerText();
  assert.match(text, /Wiadomości w kolejce: \d+/);
  // A listing whose reason carries markup: shown as text, nothing runs (and the language back to English).
  p = await open('/queue?lang=en');
  const hostile = JSON.stringify({ queue_name: 'deferred', queue_id: 'ABCDEF123', arrival_time: 1796441973, message_size: 10, sender: 'a@example.test',
    recipients: [{ address: 'b@example.test', delay_reason: `host x said: 450 ${XSS_PAYLOAD} try later` }] });
  await p.fill('#f-text', hostile + '\n');
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  assert.deepEqual(dialogs, [], 'no alert() fired');
  assert.deepEqual(pageErrors, []);
});

test('settings and logs pages answer (with a finding or an honest "not available")', { skip }, async () => {
  let p = await open('/settings');
  // A Polish provider from the bundled provider table: answered offline (the test DNS knows nothing of wp.pl).
  await p.fill('#f-address', 'jan.kowalski@wp.pl');
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  if (await hasCapability('settings', ['findMailSettings'])) assert.match(await p.locator('#results').innerText(), /imap\.wp\.pl/);
  await shot(p, 'settings');
  p = await open('/logs');
  const log = readFileSync(env.maillog, 'utf8').split('\n').slice(-3000).join('\n');
  await p.setInputFiles('#f-file', { name: 'maillog', mimeType: 'text/plain', buffer: Buffer.from(log) });
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  if (await hasCapability('logs', ['findLogProblems'])) assert.ok(await p.locator('.chart').first().isVisible(), 'a chart is drawn');
  else assert.match(await p.locator('#results').innerText(), /not available in this version/);
  await shot(p, 'logs', '.charts');
  assert.deepEqual(pageErrors, []);
});

test('doctor step by step: VPS sending with a listed IP ends with ranked causes and report downloads', { skip }, async () => {
  const p = await open('/doctor');
  await p.check('input[name=case][value=vps-send]');
  await p.click('button[type=submit]');
  const answer = async (id: string, value: string) => {
    await p.waitForSelector(`form[data-question="${id}"]`);
    await p.fill('#answer', value);
    await p.click('button[type=submit]');
  };
  const skipQ = async (id: string) => {
    await p.waitForSelector(`form[data-question="${id}"]`);
    await p.getByRole('button', { name: 'Skip' }).click();
  };
  await answer('from', 'alice@example.test');
  await p.waitForSelector('form[data-question="ip"]');
  await p.fill('#answer', '127.0.0.2');
  await p.screenshot({ path: join(SHOTS, 'doctor-question.png') });
  await p.click('button[type=submit]');
  await p.waitForSelector('form[data-question="domain"]');
  assert.equal(await p.inputValue('#answer'), 'example.test', 'the domain is suggested from the address');
  await p.click('button[type=submit]');
  await answer('to', 'bob@example.test');
  await skipQ('sentAt');
  await answer('error', `554 5.7.1 Service unavailable; Client host [127.0.0.2] blocked using zen.example.test ${XSS_PAYLOAD}`);
  await skipQ('bounceFile');
  await skipQ('logFile');
  await skipQ('queueFile');
  await p.waitForSelector('.summary', { timeout: 60_000 });
  const text = await p.locator('#results').innerText();
  assert.match(text, /Most likely cause/);
  assert.match(text, /listed/);
  assert.equal(await p.locator('#results img, #results script').count(), 0, 'the typed payload stays text');
  assert.ok(await p.locator('.progress li').count() >= 8);
  // What works is folded away under one line; the causes stay in view.
  assert.ok(await p.locator('#results details.folded .f.s-ok').count() > 0, 'OK findings are folded');
  assert.equal(await p.locator('#results > div > .f.s-ok').count(), 0);
  await shot(p, 'doctor', '.summary');
  const [download] = await Promise.all([p.waitForEvent('download'), p.click('button[data-format=markdown]')]);
  const md = readFileSync(await download.path(), 'utf8');
  assert.match(md, /For support: the facts of this case/);
  assert.match(md, /127\\?\.0\\?\.0\\?\.2/);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(pageErrors, []);
});

test('on a phone: results fit the screen width, and a mistyped domain is explained in plain Polish', { skip }, async () => {
  const p = ctx.pages()[0]!;
  await p.setViewportSize({ width: 390, height: 844 });
  try {
    const fits = () => p.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    await p.goto(app.url + '/explain?lang=pl');
    await p.fill('#f-text', '550 5.1.1 <jan@example.com>: Recipient address rejected: User unknown in virtual mailbox table');
    await p.click('button[type=submit]');
    await p.waitForSelector('.summary', { timeout: 30_000 });
    const results = await p.locator('#results').innerText();
    assert.match(results, /Adres odbiorcy nie istnieje \(userunknown\)/, 'the reason in words, its code after');
    assert.match(results, /wiersz 1: 550 5\.1\.1/, 'evidence labels in Polish');
    assert.match(results, /kod odpowiedzi: 550/);
    assert.doesNotMatch(results, /\bline 1:|\breply:/);
    assert.ok(await fits(), 'explain results fit 390 px');
    await p.goto(app.url + '/domain?lang=pl');
    await p.fill('#f-domain', 'example.test');
    await p.click('button[type=submit]');
    await p.waitForSelector('.summary', { timeout: 30_000 });
    assert.ok(await fits(), 'domain results (with tables) fit 390 px');
    await p.fill('#f-domain', 'to nie domena!');
    await p.click('button[type=submit]');
    await p.waitForSelector('#status.error');
    const msg = await p.locator('#status').innerText();
    assert.match(msg, /To nie wygląda na nazwę domeny/);
    assert.doesNotMatch(msg, /not a domain|Żądanie/, 'no English detail, no technical prefix');
  } finally {
    await p.setViewportSize({ width: 1100, height: 860 });
    await p.goto(app.url + '/?lang=en');
  }
});

test('an exposed server refuses a private target, and the page says so in Polish', { skip }, async () => {
  const exposed = await startTestServer({ restrictProbes: true });
  try {
    const p = ctx.pages()[0]!;
    await p.goto(exposed.url + '/probe?lang=pl');
    await p.fill('#f-host', env.host);
    await p.fill('#f-port', '587');
    await p.click('button[type=submit]');
    await p.waitForSelector('#status.error');
    assert.match(await p.locator('#status').innerText(), /adres prywatny lub lokalny/);
    await p.goto(app.url + '/?lang=en');
  } finally {
    await exposed.close();
  }
});

test('DNS rebinding in a real browser: a page of evil.example, whose name now points at 127.0.0.1, cannot drive or read the app', { skip }, async () => {
  const port = new URL(app.url).port;
  const evil = `http://evil.example:${port}`;
  const p = await ctx.newPage();
  watch(p);
  try {
    // The attacker's page, as its own server sent it before the name was re-pointed at 127.0.0.1.
    await p.route(`${evil}/`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>evil</title><p>hello' }));
    await p.goto(`${evil}/`);
    const probe = await p.evaluate(async (smtp) => {
      const r = await fetch('/api/probe', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ protocol: 'smtp', host: '127.0.0.1', port: smtp, security: 'none' }) });
      return { status: r.status, text: await r.text() };
    }, env.smtp);
    assert.equal(probe.status, 403, probe.text.slice(0, 200));
    assert.match(probe.text, /host-refused/);
    assert.doesNotMatch(probe.text, /ESMTP/, 'no banner reaches the attacker');
    assert.equal(await p.evaluate(async () => (await fetch('/api/health')).status), 403);
  } finally {
    await p.close();
  }
});

test('a server with a token: the printed link opens the app once, then the page works through its cookie', { skip }, async () => {
  const guarded = await startTestServer({ token: 'Browser-Token-42' });
  const p = await ctx.newPage();
  watch(p);
  try {
    await p.goto(`${guarded.url}/explain?lang=pl`);
    assert.match(await p.locator('body').innerText(), /wymaga linku dostępowego/);
    await p.goto(`${guarded.url}/explain?token=Browser-Token-42&lang=en`);
    assert.equal(new URL(p.url()).search, '?lang=en', 'the token is gone from the address bar');
    await p.fill('#f-text', '550 5.1.1 <jan@example.com>: Recipient address rejected: User unknown');
    await p.click('button[type=submit]');
    await p.waitForSelector('.summary', { timeout: 30_000 });
    assert.match(await p.locator('#results').innerText(), /userunknown/);
  } finally {
    await p.close();
    await guarded.close();
  }
});

const QUEUE_FIXTURES = join(PROJECT_ROOT, 'test', 'queue', 'fixtures');

test('queue: an uploaded postqueue -j listing is read into findings and tables; in Polish a pasted exim -bp listing', { skip }, async () => {
  let p = await open('/queue?lang=en');
  await p.setInputFiles('#f-file', { name: 'queue.jsonl', mimeType: 'application/json', buffer: readFileSync(join(QUEUE_FIXTURES, 'postfix-postqueue-j.jsonl')) });
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  const text = await p.locator('#results').innerText();
  assert.match(text, /Messages waiting: 46/);
  assert.match(text, /down\.test/, 'the destination that is down is named');
  assert.ok(await p.locator('#results table').count() >= 3, 'the queue tables are drawn');
  assert.equal(await p.locator('#results .f').first().getAttribute('class'), 'f s-warn', 'the warning comes before the information');
  assert.ok(await p.locator('#results a.action[href="/domain?domain=down.test"]').count() >= 1, 'the advice to check the domain is a link to the domain page');
  assert.doesNotMatch(text, /mailmedic domain/);
  await shot(p, 'queue');
  p = await open('/queue?lang=pl');
  assert.equal(await p.locator('h1').innerText(), 'Sprawdź kolejkę poczty');
  await p.fill('#f-text', readFileSync(join(QUEUE_FIXTURES, 'exim-bp.txt'), 'utf8'));
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  const pl = await p.locator('#results').innerText();
  assert.match(pl, /Wiadomości w kolejce: 46/);
  assert.match(pl, /przyczyny są w jego dzienniku/);
  assert.equal(await p.locator('#results a.action[href="/logs"]').first().innerText(), 'Przeanalizuj log', 'the advice to read the log is a link to the log page');
  await shot(p, 'queue-pl');
  assert.deepEqual(pageErrors, []);
  await p.goto(app.url + '/?lang=en');
});

const hasSpamAssassin = spawnSync('spamassassin', ['--version'], { encoding: 'utf8' }).status === 0;

/** A spammy message delivered by the real Postfix, then scored by the real SpamAssassin (local tests only, -L). */
async function deliveredAndScored(): Promise<string> {
  const token = `mm-browser-sa-${randomUUID()}`;
  const dir = mkdtempSync(join(tmpdir(), 'mm-browser-sa-'));
  writeFileSync(join(dir, 'msg.eml'), ['From: "service@bank.example" <offers@shop.example>', 'Reply-To: shop.offers@gmail.com', 'To: alice@example.test',
    'Subject: FREE MONEY WINNER CLAIM NOW', `X-MM-Token: ${token}`, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '',
    '<html><body><a href="https://bit.ly/3abcDEF"><img src="https://cdn.shop.example/promo.jpg" width=600 height=800></a><p>Click <a href="http://203.0.113.77/login">here</a></p></body></html>', ''].join('\r\n'));
  await swaks(['--server', `127.0.0.1:${env.smtp}`, '--from', 'offers@shop.example', '--to', 'alice@example.test', '--data', `@${join(dir, 'msg.eml')}`, '--silent', '2']);
  const delivered = await deliveredText(env, token);
  const sa = spawnSync('spamassassin', ['-L', '-p', join(dir, 'user_prefs'), '--cf=use_bayes 0', '--cf=bayes_auto_learn 0', '--cf=report_safe 0', '--cf=required_score 3'],
    { input: delivered, encoding: 'utf8', env: { ...process.env, HOME: dir }, timeout: 60_000 });
  assert.equal(sa.status, 0, sa.stderr);
  return sa.stdout;
}

test('message: a spammy message delivered by the real Postfix and scored by the real SpamAssassin says why it went to spam', { skip: skip || (!hasSpamAssassin && 'spamassassin is not installed (Debian package spamassassin)') }, async () => {
  const raw = await deliveredAndScored();
  const p = await open('/message?lang=en');
  await p.fill('#f-raw', raw);
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  const text = await p.locator('#results').innerText();
  assert.match(text, /FREE MONEY WINNER CLAIM NOW/, 'the subject is shown');
  assert.match(text, /SpamAssassin/);
  assert.ok(await p.locator('#results .f[class*=s-]').count() >= 3);
  assert.ok(await p.locator('#results table').count() >= 2, 'the path and the spam rules tables are drawn');
  await shot(p, 'message');
  assert.deepEqual(pageErrors, []);
});

test('message: a message submitted to the real Postfix, uploaded as .eml in Polish: its path (ESMTPSA, TLS) and what the headers say', { skip }, async () => {
  const token = `mm-browser-${randomUUID()}`;
  await swaks(['--server', `127.0.0.1:${env.submission}`, '--tls', '--auth', 'LOGIN', '--auth-user', 'alice@example.test',
    '--auth-password', env.users['alice@example.test']!, '--from', 'alice@example.test', '--to', 'alice@example.test',
    '--header', `Subject: ${token}`, '--silent', '2']);
  const raw = await deliveredText(env, token);
  const p = await open('/message?lang=pl');
  assert.equal(await p.locator('h1').innerText(), 'Przeanalizuj nagłówki wiadomości');
  await p.setInputFiles('#f-file', { name: 'delivered.eml', mimeType: 'message/rfc822', buffer: Buffer.from(raw) });
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  assert.ok((await p.inputValue('#f-raw')).includes(token), 'the file was read into the field');
  const pl = await p.locator('#results').innerText();
  assert.ok(pl.includes(token), 'the subject is shown');
  assert.match(pl, /ESMTPSA/, 'the hop from the real Postfix is in the path');
  assert.match(pl, /Trasa: 1 etap/);
  assert.match(pl, /Brak nagłówka Authentication-Results/);
  await shot(p, 'message-pl');
  assert.deepEqual(pageErrors, []);
  await p.goto(app.url + '/?lang=en');
});

test('queue and message pages: hostile queue reasons and message headers render as text, no script runs', { skip }, async () => {
  const listing = JSON.stringify({ queue_name: 'deferred', queue_id: 'ABC123', arrival_time: 1796441973, message_size: 400, sender: `<svg onload=alert(4)>@example.test`,
    recipients: [{ address: 'b@remote.test', delay_reason: `host mx.remote.test said: 451 4.3.0 ${XSS_PAYLOAD}` }] });
  let p = await open('/queue');
  await p.fill('#f-text', listing + '\n');
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  await p.waitForTimeout(300);
  assert.equal(await p.locator('#results img, #results script, #results svg').count(), 0, 'no element came from the queue listing');
  assert.ok((await p.locator('#results').innerText()).includes('<script>alert(2)</script>'), 'the reason is shown as text');
  p = await open('/message');
  await p.fill('#f-raw', [`From: "${XSS_PAYLOAD}" <x@example.test>`, `Subject: ${XSS_PAYLOAD}`,
    `Received: from evil (evil [192.0.2.1]) by mx.example.test with ESMTP id 1; Mon, 23 Nov 2026 10:00:00 +0000`,
    `Authentication-Results: mx.example.test; spf=fail smtp.mailfrom=<svg onload=alert(5)>`, '', 'body', ''].join('\r\n'));
  await p.click('button[type=submit]');
  await p.waitForSelector('.summary', { timeout: 30_000 });
  await p.waitForTimeout(300);
  assert.equal(await p.locator('#results img, #results script, #results svg').count(), 0, 'no element came from the headers');
  assert.ok((await p.locator('#results').innerText()).includes('<script>alert(2)</script>'), 'the subject is shown as text');
  assert.deepEqual(dialogs, [], 'no alert() fired');
  assert.deepEqual(pageErrors, []);
});

test('results: the worst first, equal findings shown once with a count, and a "mailmedic <command>" in advice is a link to the page that does it', { skip }, async () => {
  // The server's answer is replaced by a report of known shape (the rendering is what is tested here).
  const f = (status: string, check: string, subject: string, summary: string, advice: string[] = []) => ({
    check, status, subject, summary: { en: summary, pl: summary }, advice: advice.map((a) => ({ en: a, pl: a })),
  });
  const report = {
    schema: 'mailmedic.report', schemaVersion: 1, tool: { name: 'mailmedic', version: '0' }, command: 'explain', subject: 'shape', generatedAt: new Date().toISOString(), status: 'error',
    findings: [
      f('ok', 'x.ok', 'a', 'All good'),
      f('info', 'x.same', 'one.example', 'Same words'),
      f('error', 'x.bad', 'b', 'Broken', ['Check the DNS of the domain: mailmedic domain down.example.', `Run „mailmedic logs summary /var/log/mail.log” ${XSS_PAYLOAD}`]),
      f('info', 'x.same', 'two.example', 'Same words'),
      f('warn', 'x.warn', 'c', 'Careful', ['Test the server: mailmedic probe smtp mail.example.com -p 587, then mailmedic report (no page).']),
      f('info', 'x.same', 'three.example', 'Same words'),
    ],
  };
  const p = await open('/explain?lang=en');
  await p.route('**/api/explain?stream=1', (route) => route.fulfill({ status: 200, contentType: 'text/event-stream', body: `event: report\ndata: ${JSON.stringify(report)}\n\n` }));
  try {
    await p.fill('#f-text', 'anything');
    await p.click('button[type=submit]');
    await p.waitForSelector('.summary');
    const order = await p.locator('#results .f').evaluateAll((els) => els.map((e) => e.className.replace(/^f s-/, '')));
    assert.deepEqual(order, ['error', 'warn', 'info', 'ok'], 'sorted by severity, the three equal findings folded into one');
    const same = p.locator('#results .f.s-info');
    assert.match(await same.innerText(), /Same words — 3 times/);
    assert.match(await same.innerText(), /one\.example, two\.example, three\.example/);
    const text = await p.locator('#results').innerText();
    assert.doesNotMatch(text, /mailmedic (domain|probe|logs)/, 'no command with a page is left for the reader to run');
    assert.match(text, /mailmedic report/, 'a command without a page stays as it is');
    assert.equal(await p.locator('#results img, #results script, #results svg').count(), 0, 'the text around the links stays text');
    assert.equal(await p.locator('a.action[href="/logs"]').innerText(), 'Read a log');
    assert.equal(await p.locator('a.action[href="/probe?host=mail.example.com"]').innerText(), 'Test a server: mail.example.com');
    await p.locator('a.action[href="/domain?domain=down.example"]').click();
    await p.waitForSelector('#f-domain');
    assert.equal(await p.inputValue('#f-domain'), 'down.example', 'the link fills the page in');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
  } finally {
    await p.unroute('**/api/explain?stream=1');
  }
});

test('every page in Polish: the menu fits one line, the page speaks Polish, a screenshot of each with its answer', { skip, timeout: 240_000 }, async () => {
  const chrome = async (p: Page, where: string) => {
    // The page's own words (menu, title, intro, labels, buttons, states, badges); findings' texts are the CLI's,
    // scanned by test/i18n/polish-words.test.ts.
    const own = await p.evaluate(() => Array.from(document.querySelectorAll('nav a, h1, .intro, label, button, #status, .badge, .summary, h2'))
      .map((e) => (e as HTMLElement).innerText).join('\n'));
    assert.deepEqual(englishWords(own), [], `${where}: English words in the Polish page`);
  };
  const submit = async (p: Page, name: string, at?: string) => {
    await p.click('button[type=submit]');
    await p.waitForSelector('.summary', { timeout: 60_000 });
    await chrome(p, name);
    await shot(p, `${name}-pl`, at);
  };
  let p = await open('/?lang=pl');
  const tops = await p.locator('nav a').evaluateAll((as) => as.map((a) => (a as HTMLElement).offsetTop));
  assert.equal(new Set(tops).size, 1, `the Polish menu wraps at 1100 px: ${tops.join(', ')}`);
  await chrome(p, 'home');

  p = await open('/explain?lang=pl');
  await p.fill('#f-text', '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org');
  await submit(p, 'explain');
  assert.match(await p.locator('#results').innerText(), /czarnej liście|czarnych list/i);

  p = await open('/domain?lang=pl');
  await p.fill('#f-domain', 'nomx.example.test');
  await submit(p, 'domain');

  p = await open('/probe?lang=pl');
  await p.fill('#f-host', env.host);
  await p.fill('#f-port', String(env.submission));
  await p.selectOption('#f-security', 'starttls');
  await submit(p, 'probe');

  p = await open('/settings?lang=pl');
  await p.fill('#f-address', 'jan.kowalski@wp.pl');
  await submit(p, 'settings');

  // A rotated, compressed log without an extension the picker would have asked for, sent as the file itself: the
  // status shows the upload, the report names the file as the visitor knows it (never the server's temporary path).
  p = await open('/logs?lang=pl');
  const log = readFileSync(env.maillog, 'utf8').split('\n').slice(-3000).join('\n');
  await p.setInputFiles('#f-file', { name: 'maillog.1.gz', mimeType: 'application/gzip', buffer: gzipSync(log) });
  await submit(p, 'logs');
  const logsText = await p.locator('#results').innerText();
  assert.doesNotMatch(logsText, /mailmedic-upload/);
  // Findings come before the charts.
  const order = await p.evaluate(() => {
    const f = document.querySelector('#results section.f'), c = document.querySelector('#results .charts');
    return f && c ? Boolean(f.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
  });
  if (order !== null) assert.equal(order, true, 'findings first, charts after');

  p = await open('/doctor?lang=pl');
  await p.waitForSelector('form.question');
  await chrome(p, 'doctor');
  await p.screenshot({ path: join(SHOTS, 'doctor-pl.png') });
  assert.deepEqual(pageErrors, []);
  await p.goto(app.url + '/?lang=en');
});

test('a log file is uploaded as the request body: gzip read by its bytes, the temporary copy removed, 413 over the limit', { skip }, async () => {
  const log = readFileSync(join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', 'maillog'), 'utf8');
  const r = await fetch(`${app.url}/api/logs`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent('mail/../maillog.2.gz') }, body: gzipSync(log) });
  assert.equal(r.status, 200);
  const report = await r.json() as { command: string; data: { inputs: string[]; lines: number } };
  assert.deepEqual(report.data.inputs, ['maillog.2.gz'], 'shown under its own name, without a path');
  assert.equal(report.data.lines, log.split('\n').filter(Boolean).length, 'every line read from the gzip upload');
  assert.doesNotMatch(JSON.stringify(report), /mailmedic-upload/);
  // The same log pasted as JSON gives the same figures.
  const pasted = await (await fetch(`${app.url}/api/logs`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: log }) })).json() as typeof report;
  assert.equal(pasted.data.lines, report.data.lines);
  // A declared 3 GiB upload is refused before a byte is stored.
  const { request } = await import('node:http');
  const status = await new Promise<number>((res, rej) => {
    const u = new URL(`${app.url}/api/logs`);
    const rq = request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(3 * 1024 ** 3) } }, (rs) => { rs.resume(); res(rs.statusCode ?? 0); rq.destroy(); });
    rq.on('error', rej);
    rq.write('x');
  });
  assert.equal(status, 413);
  await new Promise((res) => setTimeout(res, 200));
  const left = (await import('node:fs')).readdirSync(tmpdir()).filter((n) => n.startsWith('mailmedic-upload-'));
  assert.deepEqual(left, [], 'no upload left in the temporary folder');
});

/** A watch list of three Postfix logs and eight real `watch run` passes over them: an error, a warning, one fine. */
function watchHistory(): { dir: string; list: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mm-browser-watch-'));
  const list = join(dir, 'watch.yaml');
  writeFileSync(list, '# the logs of our three mail servers\nlogs:\n  - mx.log          # inbound MX\n  - relay.log       # outbound relay\n  - submission.log  # port 587 for customers\n');
  const fatal = (i: number) => `Dec  5 1${i}:00:01 mx postfix/master[${i}]: fatal: bind 0.0.0.0 port 25: Address already in use\n`;
  const fine = (host: string, i: number) => `Dec  5 1${i}:00:02 ${host} postfix/qmgr[${i}]: 4B2C1A0${i}: removed\n`;
  const dnsbl = (i: number) => `Dec  5 1${i}:00:03 relay postfix/postscreen[${i}]: warning: dnsblog reply timeout 10s for bl.dead-dnsbl.test\n`;
  const mx = ['ok', 'ok', 'fatal', 'ok', 'ok', 'ok', 'fatal', 'fatal'];
  const relay = ['ok', 'ok', 'ok', 'ok', 'dnsbl', 'dnsbl', 'dnsbl', 'dnsbl'];
  for (const f of ['mx.log', 'relay.log', 'submission.log']) writeFileSync(join(dir, f), '');
  for (let i = 0; i < mx.length; i++) {
    appendFileSync(join(dir, 'mx.log'), mx[i] === 'fatal' ? fatal(i) : fine('mx', i));
    appendFileSync(join(dir, 'relay.log'), relay[i] === 'dnsbl' ? dnsbl(i) : fine('relay', i));
    appendFileSync(join(dir, 'submission.log'), fine('smtp', i));
    const r = spawnSync(process.execPath, [CLI, 'watch', 'run', '-c', list, '--json'], { encoding: 'utf8', timeout: 60_000 });
    assert.ok([0, 1, 2].includes(r.status ?? -1), r.stderr);
  }
  return { dir, list };
}

test('the monitoring dashboard in Polish: items worst first with their history, an alert acknowledged, an item muted, the list edited with a mistake then a fix', { skip, timeout: 120_000 }, async () => {
  const { dir, list } = watchHistory();
  const dash = await startTestServer({ watch: { list } });
  const p = ctx.pages()[0]!;
  try {
    await p.goto(dash.url + '/watch?lang=pl');
    await p.waitForSelector('.witem');
    await p.waitForSelector('#f-list');
    assert.equal(await p.locator('h1').innerText(), 'Panel monitorowania');
    assert.equal(await p.locator('nav a[href="/watch"]').innerText(), 'Monitoring');
    // Worst first: the MX with its fatal error, the relay with its warning, the submission server fine.
    const order = await p.locator('.witem').evaluateAll((els) => els.map((e) => [e.getAttribute('data-item')!.replace(/^.*\//, ''), e.className.replace(/^.* s-/, '')]));
    assert.deepEqual(order, [['mx.log', 'error'], ['relay.log', 'warn'], ['submission.log', 'ok']]);
    const mxCard = p.locator('.witem').first();
    assert.equal(await mxCard.locator('.spark i').count(), 8, 'a bar per pass');
    assert.deepEqual(await mxCard.locator('.spark i').evaluateAll((bs) => bs.map((b) => b.className)), ['ok', 'ok', 'error', 'ok', 'ok', 'ok', 'error', 'error']);
    assert.match(await mxCard.innerText(), /niepotwierdzone powiadomienia: 3/);
    // The timeline: newest first, in Polish words.
    const kinds = await p.locator('.timeline li .badge').allInnerTexts();
    assert.deepEqual(kinds.map((k) => k.replace(/^\S+\s/, '')), ['nowy problem', 'nowy problem', 'naprawione', 'nowy problem']);
    // The page's own words are Polish (as every other page's).
    const own = await p.evaluate(() => Array.from(document.querySelectorAll('nav a, h1, .intro, label, button, #status, .badge, .summary, h2, .meta, .sparkcap'))
      .map((e) => (e as HTMLElement).innerText).join('\n'));
    assert.deepEqual(englishWords(own), [], 'English words on the Polish dashboard');

    // Acknowledge the newest alert.
    const first = p.locator('.timeline li').first();
    const alertId = await first.getAttribute('data-alert');
    await first.locator('button[data-action=ack]').click();
    await p.waitForFunction((id) => document.querySelector(`.timeline li[data-alert="${id}"] .acked`) !== null, alertId);
    assert.match(await p.locator('#status').innerText(), /Potwierdzone: 1\./);
    assert.match(await p.locator(`.timeline li[data-alert="${alertId}"] .acked`).innerText(), /potwierdzone \(web 127\.0\.0\.1, /);

    // Mute the relay for 8 hours, with a reason.
    const relayCard = p.locator('.witem[data-item$="relay.log"]');
    await relayCard.locator('button[data-action=mute]').click();
    await relayCard.locator('select[name=for]').selectOption('8h');
    await relayCard.locator('input[name=reason]').fill('wymiana list DNSBL');
    await relayCard.getByRole('button', { name: 'Wycisz powiadomienia' }).click();
    await p.waitForSelector('.witem[data-item$="relay.log"] .mute');
    assert.match(await p.locator('.witem[data-item$="relay.log"] .mute').innerText(), /^wyciszone do .+: wymiana list DNSBL$/);
    assert.equal(await p.locator('.witem[data-item$="relay.log"] button[data-action=unmute]').innerText(), 'Wyłącz wyciszenie');

    // The list: a mistake is shown in place, in Polish, naming the key; the file stays; the fix is saved.
    const before = readFileSync(list, 'utf8');
    const mistake = before + 'servers:\n  - { protocol: smtp, host: mail.example.test, port: 5870, tls: starttl }\n';
    await p.fill('#f-list', mistake);
    await p.getByRole('button', { name: 'Zapisz listę' }).click();
    await p.waitForSelector('#list-msg.listerr');
    assert.equal(await p.locator('#list-msg').innerText(), 'lista obserwowanych, klucz servers[0].tls: musi być jedną z wartości: implicit, starttls, none, auto');
    assert.equal(readFileSync(list, 'utf8'), before);
    await p.screenshot({ path: join(SHOTS, 'watch-list-error-pl.png') });
    await p.fill('#f-list', mistake.replace('starttl }', 'starttls }'));
    await p.getByRole('button', { name: 'Zapisz listę' }).click();
    await p.waitForSelector('#list-msg.listok');
    assert.match(await p.locator('#list-msg').innerText(), /^Zapisano; elementy na liście: 4\./);
    assert.match(readFileSync(list, 'utf8'), /# the logs of our three mail servers\n[\s\S]*tls: starttls/);
    // The new server is on the dashboard, waiting for its first pass (after the three with a status).
    await p.waitForSelector('.witem[data-item="smtp:mail.example.test:5870"]');
    assert.match(await p.locator('.witem').last().innerText(), /jeszcze nie sprawdzono/);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);
    // The screenshot: the items and the start of the timeline.
    await tallShot(p, 1400, 'watch-pl.png');
    await p.goto(dash.url + '/watch?lang=en');
    await p.waitForSelector('.witem');
    await p.waitForSelector('#f-list');
    await p.waitForTimeout(300);
    await p.screenshot({ path: join(SHOTS, 'watch.png') });
  } finally {
    await p.setViewportSize({ width: 1100, height: 860 });
    await p.goto(app.url + '/?lang=en');
    await dash.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the stream workers\' results in Polish: counts, the suppression list with its CSV, servers over time, problems, a message\'s story and a recipient\'s bounces looked up', { skip: skip || STREAM_SKIP || false, timeout: 240_000 }, async () => {
  const senv = await startStreamEnv();
  let results: MailmedicServer | undefined;
  const pool = openStore(senv.dbUrl, 1);
  const p = ctx.pages()[0]!;
  try {
    await fillStreamDb(senv);
    results = await startTestServer({ streamDb: senv.dbUrl });
    await p.goto(results.url + '/stream?lang=pl');
    await p.waitForSelector('table.suppression');
    await p.waitForSelector('.hostbox');
    await p.waitForSelector('.problems section.f');
    assert.equal(await p.locator('h1').innerText(), 'Zwroty i logi');
    assert.equal(await p.locator('nav a[href="/stream"]').innerText(), 'Zwroty i logi');
    const tops = await p.locator('nav a').evaluateAll((as) => as.map((a) => (a as HTMLElement).offsetTop));
    assert.equal(new Set(tops).size, 1, `the Polish menu with the results wraps at 1100 px: ${tops.join(', ')}`);
    // The suppression list is the library's, newest first.
    const lib = await suppressionList(pool, { limit: 500 });
    const shown = await p.locator('table.suppression tbody tr td:first-child').allInnerTexts();
    assert.deepEqual(shown, lib.map((r) => r.recipient));
    assert.equal(await p.locator('#suppression-csv').getAttribute('href'), '/api/stream/suppression.csv');
    const counts = await storeCounts(pool);
    assert.match(await p.locator('.tiles').innerText(), new RegExp(`${counts.suppressed}\\s+Adresy do zablokowania`));
    // A server per host, its strip described for a screen reader.
    assert.deepEqual((await p.locator('.hostbox').evaluateAll((s) => s.map((x) => x.getAttribute('data-host')))).sort(), ['mx1', 'mx2']);
    assert.match((await p.locator('.hostbox .vspark').first().getAttribute('aria-label'))!, /wiersze logu w kolejnych okresach/);
    const own = await p.evaluate(() => Array.from(document.querySelectorAll('nav a, h1, h2, h3, .intro, label, button, #status, .summary, .tile span, .meta, summary, th'))
      .map((e) => (e as HTMLElement).innerText).join('\n'));
    assert.deepEqual(englishWords(own), [], 'English words on the Polish results page');

    // A message's story by its queue id: the library's lines, in a table.
    const { rows: [m] } = await pool.query("SELECT qid FROM mailmedic_log_event WHERE host = 'mx1' AND kind = 'delivery' ORDER BY stream_seq, line_no LIMIT 1");
    await p.fill('#f-story', m.qid);
    await p.getByRole('button', { name: 'Pokaż historię' }).click();
    await p.waitForSelector('table.story');
    const story = await messageStory(pool, m.qid);
    assert.equal(await p.locator('table.story tbody tr').count(), story.length);
    assert.equal(await p.locator('#story-answer .summary').innerText(), `${m.qid}: wierszy logu: ${story.length}.`);
    // A hostile line in the database (anyone who can write to a log can put markup in it) is shown as text.
    const evil = 'Dec  5 10:00:00 mx1 postfix/smtp[9]: 0BADC0DE01: to=<"<img src=x onerror=window.__mmXss=1>"@example.test>, status=bounced (<script>window.__mmXss=2</script>)';
    await pool.query(`INSERT INTO mailmedic_log_event (host, stream_seq, line_no, qid, at, kind, status, recipient, message_id, line)
      VALUES ('mx1', 999999, 1, '0BADC0DE01', now(), 'delivery', 'bounced', $1, NULL, $2)`, ['"<img src=x onerror=window.__mmXss=1>"@example.test', evil]);
    await p.fill('#f-story', '0BADC0DE01');
    await p.getByRole('button', { name: 'Pokaż historię' }).click();
    await p.waitForSelector('#story-answer .summary:has-text("0BADC0DE01")');
    assert.equal(await p.locator('table.story tbody tr').count(), 1);
    assert.match(await p.locator('table.story').innerText(), /<script>window\.__mmXss=2<\/script>/);
    assert.equal(await p.locator('table.story img, table.story script').count(), 0);
    assert.equal(await p.evaluate(() => (window as unknown as { __mmXss?: number }).__mmXss), undefined);
    await pool.query("DELETE FROM mailmedic_log_event WHERE qid = '0BADC0DE01'");
    await p.fill('#f-story', m.qid);
    await p.getByRole('button', { name: 'Pokaż historię' }).click();
    await p.waitForSelector(`#story-answer .summary:has-text("${m.qid}")`);
    // A recipient of the list, clicked: their bounces.
    await p.locator('table.suppression a[data-recipient]').first().click();
    await p.waitForSelector('table.bounces');
    const bounces = await recipientBounces(pool, lib[0]!.recipient);
    assert.equal(await p.locator('table.bounces tbody tr').count(), bounces.length);
    assert.match(await p.locator('#recipient-answer').innerText(), /Przestań wysyłać na ten adres: zwroty są trwałe\./);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, []);

    // The screenshot: the counts, the list and the look-ups done.
    await tallShot(p, 2100, 'stream-pl.png');
  } finally {
    await p.setViewportSize({ width: 1100, height: 860 });
    await p.goto(app.url + '/?lang=en');
    await results?.close();
    await pool.end();
    await senv.stop();
  }
});
