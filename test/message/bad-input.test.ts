// Bad input: clear findings, bounded work, no crash — hostile and broken messages of every kind.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { analyzeMessageOffline, messageReport, parseAuthResults, parseHeaderBlock, parseMailDate, parseReceived, decodeEncodedWords } from '../../src/message/index.js';
import { render } from '../../src/report/index.js';
import { CLI } from '../helpers/env.js';

const run = promisify(execFile);

/** Analyse and render in every format: none may throw. */
function all(input: string | Buffer) {
  const a = analyzeMessageOffline(input, { now: () => new Date('2026-11-23T12:00:00Z') });
  const r = messageReport(a, { lang: 'pl' });
  for (const f of ['terminal', 'json', 'markdown', 'html', 'csv'] as const) assert.ok(typeof render(r, f, { lang: 'pl' }) === 'string');
  return a;
}

test('headers with no colon: each named with its line; text that is no message at all is an error finding', () => {
  const a = all('Received: from a by b; Mon, 23 Nov 2026 10:00:00 +0000\nthis line has no colon\nFrom: x@y.test\n\nbody');
  const p = a.findings.find((f) => f.check === 'message.headers.no-colon')!;
  assert.equal(p.subject, 'line 2');
  assert.match(p.summary.en, /Line 2 of the headers has no colon: "this line has no colon"/);
  assert.equal(a.identity.from, 'x@y.test', 'the fields around it still count');
  const none = all('Hello, my mail did not arrive, please help!\nThanks');
  assert.equal(none.findings.filter((f) => f.check === 'message.headers.no-colon').length, 2);
  assert.ok(none.findings.some((f) => f.check === 'message.not-a-message' && f.status === 'error'));
  assert.equal(all('').findings.find((f) => f.check === 'message.not-a-message')?.status, 'error');
});

test('10,000 Received lines: a mail loop finding, the oldest 1000 hops walked, a table of bounded size', () => {
  const lines: string[] = [];
  const t0 = Date.parse('2026-11-23T10:00:00Z');
  for (let i = 10_000; i > 0; i--) lines.push(`Received: from relay${i - 1}.loop.test (relay${i - 1}.loop.test [192.0.2.${i % 250}]) by relay${i}.loop.test with ESMTP id L${i}; ${new Date(t0 + i * 1000).toUTCString().replace('GMT', '+0000')}`);
  const a = all(`${lines.join('\n')}\nFrom: a@loop.test\n\nx\n`);
  assert.equal(a.received.total, 10_000);
  assert.equal(a.received.hops.length, 1000);
  assert.equal(a.received.hops[0]!.by, 'relay1.loop.test', 'the oldest hop comes first');
  const loop = a.findings.find((f) => f.check === 'message.received.loop')!;
  assert.equal(loop.status, 'error');
  assert.match(loop.summary.en, /10000 Received headers: the message went round in a mail loop/);
  const r = messageReport(a, { lang: 'en' });
  assert.ok(r.tables![0]!.rows.length <= 61);
});

test('a folded line of 1 MB: kept to its first 64 KiB, named, linear (one pass)', () => {
  const folded = 'Subject: start' + '\r\n ' + Array.from({ length: 16_384 }, () => 'x'.repeat(62)).join('\r\n ');
  assert.ok(folded.length > 1_000_000);
  const p = parseHeaderBlock(`${folded}\r\nFrom: a@b.test\r\n\r\nbody`);
  const subj = p.fields.find((f) => f.key === 'subject')!;
  assert.equal(subj.truncated, true);
  assert.ok(subj.value.length <= 64 * 1024);
  assert.ok(subj.length > 1_000_000);
  assert.equal(p.fields.find((f) => f.key === 'from')?.value, 'a@b.test', 'the next field is intact');
  const a = all(`${folded}\r\nFrom: a@b.test\r\n\r\nbody`);
  assert.ok(a.findings.some((f) => f.check === 'message.headers.too-long'));
  // One unfolded line of 1 MB, and a Received of 1 MB of nested comments.
  all(`X-Long: ${'y'.repeat(1_048_576)}\n\n`);
  const nested = parseReceived(`from ${'('.repeat(500_000)}x${')'.repeat(500_000)} by b; Mon, 23 Nov 2026 10:00:00 +0000`);
  assert.equal(nested.time, undefined, 'cut at 4 KiB, the date is gone, and it says so');
  assert.ok(nested.flags.includes('no-date'));
});

test('RFC 2047 encoded words in bad charsets: a finding with the charset named, the raw word kept', () => {
  const a = all([
    'From: =?x-mac-klingon?B?AAAA?= <a@b.test>',
    'Subject: =?utf-8?B?/////w==?= =?iso-2022-jp?B?GyRCJCIbKEI=?= =?utf-8?Q?=ZZ?= =??Q?x?= =?utf-8?X?y?=',
    '', 'x',
  ].join('\n'));
  const enc = a.findings.filter((f) => f.check === 'message.identity.encoding');
  assert.ok(enc.some((f) => f.subject === 'From' && /unknown-charset x-mac-klingon/.test(f.summary.en)));
  assert.ok(enc.some((f) => f.subject === 'Subject' && /invalid-bytes utf-8/.test(f.summary.en)));
  assert.match(a.identity.subject!, /あ/, 'the valid ISO-2022-JP word decodes');
  // 10,000 encoded words: bounded.
  assert.ok(decodeEncodedWords('=?utf-8?Q?a?= '.repeat(10_000)).text.length > 0);
});

test('dates in every broken format: read with the departures named, or refused — never a crash', () => {
  const wild = [
    'Mon, 23 Nov 2026 10:00:00 +0000', 'Mon,23 Nov 2026 10:00:00 +0000', 'Mon, 23 Nov 2026 10:00:00 +0000 (GMT+00:00)',
    '23 Nov 2026 10:00 +0000', 'Mon, 23 Nov 26 10:00:00 GMT', 'Mon, 23 Nov 126 10:00:00 GMT', 'Monday, 23-Nov-26 10:00:00 GMT',
    'Mon, 23 November 2026 10:00:00 +0000', 'Mon, 23 Nov 2026 10:00:00 UT', 'Mon, 23 Nov 2026 10:00:00 Z', 'Mon, 23 Nov 2026 10:00:00 A',
    'Mon, 23 Nov 2026 10:00:00 GMT+1', 'Mon, 23 Nov 2026 10:00:00 UTC+05:30', 'Mon, 23 Nov 2026 10:00:00.123 +0000',
    'Mon, 23 Nov 2026 10:00:00 0000', 'Mon, 23 Nov 2026 10:00:00 +00', 'Mon, 23 Nov 2026 24:00:00 +0000', 'Mon, 23 Nov 2026 10:00:60 +0000',
    '2026-11-23', '2026-11-23T10:00:00', '2026-11-23T10:00:00.123456789+01:00', '11/23/2026 10:00:00', '2026/11/23 10:00:00',
    'Mon Nov 23 10:00:00 UTC 2026', 'Mon Nov 23 10:00:00 2026', '23 Nov 2026', '10:00:00', 'Mon, 00 Nov 2026 10:00:00 +0000',
    'Mon, 23 Nov 0000 10:00:00 +0000', 'Mon, 23 Foo 2026 10:00:00 +0000', '1700000000', '-1', '∞', '\u0000\u0001', ' '.repeat(10_000),
    'Mon, 23 Nov 2026 10:00:00 +0000'.repeat(1000), '(((((', 'Mon, 23 Nov 2026 10:00:00 +0000 (' + 'x'.repeat(100_000),
  ];
  let read = 0;
  for (const d of wild) {
    const p = parseMailDate(d);
    assert.ok(p.date || p.problems.includes('unparseable') || p.problems.includes('empty'), d.slice(0, 40));
    if (p.date) { read++; assert.ok(!Number.isNaN(p.date.getTime())); }
    const a = all(`Date: ${d}\nFrom: a@b.test\nMessage-ID: <1@b.test>\n\nx`);
    assert.ok(a.findings.some((f) => f.check.startsWith('message.identity.') && /date/i.test(f.check)) || (p.date && !p.problems.length), d.slice(0, 40));
  }
  assert.ok(read >= 20, `${read} of ${wild.length} read`);
});

test('hostile structured headers: Authentication-Results, spam headers and MIME of extreme shapes stay bounded', () => {
  parseAuthResults('x; ' + 'spf=pass;'.repeat(100_000));
  parseAuthResults('('.repeat(100_000));
  parseAuthResults('"'.repeat(100_000));
  const big = [
    `Authentication-Results: mx; ${'dkim=pass header.d=a.test; '.repeat(5000)}`,
    `X-Spam-Status: Yes, score=1e308 required=NaN tests=${'A_RULE,'.repeat(20_000)}`,
    `X-Spam-Report: ${'* 1.0 RULE_X text\n '.repeat(5000)}`,
    `X-Spamd-Result: default: True [1 / 2]; ${'SYM(1.0)[' + 'o'.repeat(1000) + '];'.repeat(1000)}`,
    `X-Forefront-Antispam-Report: ${'SFV:SPM;'.repeat(10_000)}`,
    `DKIM-Signature: ${'l=1; '.repeat(10_000)}`,
    `ARC-Seal: ${'i=1; cv=fail; '.repeat(10_000)}`,
    'Content-Type: multipart/mixed; boundary="b"',
    '', ...Array.from({ length: 2000 }, () => '--b\nContent-Type: multipart/mixed; boundary="b"\n\n<img>' + '<'.repeat(1000)),
  ].join('\n');
  const a = all(big);
  assert.ok(a.spam.length >= 3);
  assert.ok(a.content.parts <= 200);
});

test('random bytes and truncated messages: no crash, every format renders', () => {
  let seed = 42;
  const rnd = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
  for (let i = 0; i < 60; i++) {
    const len = rnd() % 20_000;
    const buf = Buffer.alloc(len);
    for (let j = 0; j < len; j++) buf[j] = rnd() & 0xff;
    // Mix in header-like fragments so the parsers get past the first line.
    all(Buffer.concat([Buffer.from(['Received: ', 'From: ', 'Authentication-Results: ', 'X-Spam-Status: ', 'Date: '][i % 5]!), buf]));
  }
  const msg = 'Received: from a.test (a.test [192.0.2.1]) by b.test with ESMTPS id 1; Mon, 23 Nov 2026 10:00:00 +0000\r\nAuthentication-Results: b.test; spf=pass smtp.mailfrom=a.test; dkim=fail header.d=a.test\r\nFrom: "A" <x@a.test>\r\nDate: Mon, 23 Nov 2026 09:59:00 +0000\r\nContent-Type: multipart/alternative; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPGltZz4=\r\n--zz--\r\n';
  for (let cut = 0; cut <= msg.length; cut += 7) all(msg.slice(0, cut));
});

test('input encodings: UTF-16 with BOM (Notepad), a UTF-8 BOM, CR-only line ends, an Outlook .msg file', () => {
  const msg = 'Received: from a.test (a.test [192.0.2.1]) by b.test with ESMTPS id 1; Mon, 23 Nov 2026 10:00:00 +0000\r\nFrom: Zażółć <x@a.test>\r\nSubject: gęś\r\n\r\nbody\r\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(msg, 'utf16le')]);
  for (const input of [utf16, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(msg)]), Buffer.from(msg.replace(/\r\n/g, '\r'))]) {
    const a = all(input);
    assert.equal(a.received.total, 1);
    assert.equal(a.identity.from, 'x@a.test');
    assert.equal(a.identity.subject, 'gęś');
  }
  const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600, 1)]);
  const m = all(ole);
  const f = m.findings.find((x) => x.check === 'message.outlook-msg')!;
  assert.equal(f.status, 'error');
  assert.match(f.advice![0]!.pl, /Nagłówki internetowe/);
});

test('hostile header values stay escaped in the HTML report and its timeline', async () => {
  const { writeFileSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const file = join(mkdtempSync(join(tmpdir(), 'mm-html-')), 'x.eml');
  writeFileSync(file, 'Received: from <script>alert(1)</script> (x [192.0.2.1]) by <img src=x onerror=alert(2)> with ESMTP; Mon, 23 Nov 2026 10:00:00 +0000\nFrom: "<b>evil</b>" <a@b.test>\nSubject: <script>x</script>\n\nbody\n');
  const { stdout } = await run(process.execPath, [CLI, 'message', file, '--html']).catch((e: { stdout: string }) => e);
  assert.match(stdout, /class="mm-timeline"/);
  assert.doesNotMatch(stdout, /<script>|<img src=x|<b>evil/);
  assert.match(stdout, /&lt;img src=x onerror=alert\(2\)&gt;/);
  assert.ok(stdout.trimEnd().endsWith('</html>'));
});

test('CLI: a missing file exits 66, a non-message exits 2 with a finding, stdin works', async () => {
  const missing = await run(process.execPath, [CLI, 'message', '/nonexistent/mail.eml']).catch((e: { code: number }) => e);
  assert.equal((missing as { code: number }).code, 66);
  const child = execFile(process.execPath, [CLI, 'message', '-', '--json']);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d; });
  child.stdin!.end('just some text\n');
  const code = await new Promise<number>((r) => child.on('exit', (c) => r(c ?? -1)));
  assert.equal(code, 2);
  assert.ok(JSON.parse(out).findings.some((f: { check: string }) => f.check === 'message.not-a-message'));
  const usage = await run(process.execPath, [CLI, 'message']).catch((e: { code: number }) => e);
  assert.equal((usage as { code: number }).code, 64);
});

// Every header the analysis reads, and the body as HTML and text, each given 1 MB of a shape that makes
// careless regexes backtrack (addresses, dots, comments, encoded words, tags). A sanity bound, not a timing test.
const READ_HEADERS = [
  'arc-authentication-results', 'arc-seal', 'authentication-results', 'content-type', 'date', 'dkim-signature', 'from',
  'list-unsubscribe', 'list-unsubscribe-post', 'message-id', 'precedence', 'received', 'received-spf', 'reply-to',
  'return-path', 'sender', 'subject', 'x-forefront-antispam-report', 'x-gm-spam', 'x-gmail-labels', 'x-mailer',
  'x-microsoft-antispam', 'x-microsoft-antispam-mailbox-delivery', 'x-ms-exchange-organization-scl', 'x-rspamd-action',
  'x-rspamd-score', 'x-spam-flag', 'x-spam-level', 'x-spam-report', 'x-spam-score', 'x-spam-status', 'x-spamd-result',
  'x-barracuda-spam-score', 'x-mimecast-spam-score', 'x-proofpoint-spam-details', 'x-yahoofilteredbulk',
];
const HOSTILE_UNITS = ['a@', '(', 'a.', '=?utf-8?q?', 'x=1;', '<a@b>', '[1.2.3.4]', ' '];

test('1 MB of a hostile shape in every header the analysis reads, and in HTML and text bodies: bounded', () => {
  const MB = 1 << 20;
  const fill = (u: string) => u.repeat(Math.ceil(MB / u.length)).slice(0, MB);
  for (const u of HOSTILE_UNITS) {
    const v = fill(u);
    for (const name of READ_HEADERS) {
      const t0 = Date.now();
      all(`${name}: ${v}\r\nFrom: a@b.example\r\nReceived: from x (x [198.51.100.1]) by mx.example.com with ESMTP; Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nbody\r\n`);
      assert.ok(Date.now() - t0 < 5000, `${name} with ${JSON.stringify(u)}`);
    }
  }
  for (const u of ['<a href="http://', '<img src=', 'http://1.2.3.4/', 'a@', '<!--', '&#']) {
    for (const ct of ['text/html', 'text/plain']) {
      const t0 = Date.now();
      all(`From: a@b.example\r\nContent-Type: ${ct}\r\n\r\n${fill(u)}`);
      assert.ok(Date.now() - t0 < 5000, `${ct} body with ${JSON.stringify(u)}`);
    }
  }
});
