import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Readable } from 'node:stream';
import { parseBounce, readBounces } from '../../src/bounce/index.js';
import { leaveOneFamilyOut, loadSisimaiCorpus, scoreItems } from '../../src/bounce/corpus.js';
import { familyKnowledge } from './families.js';
import { noisyItems } from './noise.js';
import { CLI, PROJECT_ROOT, SHARED, NEEDS_SHARED } from '../helpers/env.js';

const run = promisify(execFile);
const CORPUS = join(SHARED, 'corpus', 'bounces', 'sisimai');
const eml = (name: string) => readFileSync(join(CORPUS, 'eml', name));

test('parseBounce: RFC 3464 DSN with two recipients, in order', NEEDS_SHARED, () => {
  const r = parseBounce(eml('lhost-sendmail-02.eml'));
  assert.equal(r.isBounce, true);
  assert.equal(r.kind, 'dsn');
  assert.deepEqual(r.recipients.map((x) => x.recipient), ['userunknown@example.org', 'filtered@example.com']);
  const first = r.recipients[0]!;
  assert.equal(first.reason, 'userunknown');
  assert.equal(first.hardBounce, true);
  assert.equal(first.status, '5.1.1');
  assert.equal(first.replyCode, 550);
  assert.equal(first.rhost, 'mx.example.org');
  assert.equal(first.lhost, 'nijo.example.jp');
  assert.equal(first.messageId, '<C6625D0F-A302-4980-BEAB-2AF883EA0116@example.jp>');
  assert.match(first.rule, /^decoder:rfc3464\/dsn \+ classify:/);
  assert.ok(first.explanation.en && first.explanation.pl);
});

test('parseBounce: a sending MTA\'s own category (X-PowerMTA-BounceCategory) decides only when words and status say nothing', () => {
  const dsn = (category: string, diag: string, status = '5.0.0') => Buffer.from([
    'From: MAILER-DAEMON@mta.example.net', 'To: sender@example.org', 'Subject: Delivery report', 'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', '', '--b', 'Content-Type: text/plain', '',
    'Hello, this is the mail server on mta.example.net.', '', '--b', 'Content-Type: message/delivery-status', '',
    'Reporting-MTA: dns; mta.example.net', '', 'Final-Recipient: rfc822;someone@example.com', 'Action: failed',
    `Status: ${status}`, `Diagnostic-Code: smtp;${diag}`, `X-PowerMTA-BounceCategory: ${category}`, '', '--b--', '',
  ].join('\r\n'));
  const quota = parseBounce(dsn('quota-issues', '550 sorry, no')).recipients[0]!;
  assert.equal(quota.reason, 'mailboxfull');
  assert.match(quota.rule, /sender-category:mailboxfull/);
  // The server's words name the cause: they win over the sender's coarse category.
  assert.equal(parseBounce(dsn('policy-related', '550 5.1.1 <someone@example.com>: Recipient address rejected: User unknown in virtual mailbox table', '5.1.1')).recipients[0]!.reason, 'userunknown');
  // An unknown category value is ignored.
  assert.notEqual(parseBounce(dsn('made-up-category', '550 sorry, no')).recipients[0]!.rule.includes('sender-category'), true);
});

test('parseBounce: qmail text bounce', NEEDS_SHARED, () => {
  const r = parseBounce(eml('lhost-qmail-01.eml'));
  assert.equal(r.kind, 'mta-text');
  assert.equal(r.recipients[0]!.recipient, 'kijitora@example.ne.jp');
  assert.equal(r.recipients[0]!.reason, 'userunknown');
  assert.equal(r.recipients[0]!.command, 'RCPT');
});

test('parseBounce: Polish bilingual qmail bounce (seed 003 wording)', () => {
  const msg = [
    'From: MAILER-DAEMON@mail.example.pl', 'To: bok@example.pl', 'Subject: failure notice', 'Date: 1 Jan 2024 10:00:00 +0100', '',
    'Bardzo nam przykro jednakze nie udalo sie wyslac maila pod wskazane adresy.', 'Przyczyna wskazana jest ponizej:', '',
    '<biuro@kontotestowe.example.pl>:', 'maildrop: maildir over quota.', '',
    '<jan@example.com>:', '192.168.41.48 does not like recipient.', 'Remote host said: / Zdalny host odpowiedzial: 550 No Such User Here', '',
    '--- Below this line is a copy of the message.', '', 'Return-Path: <bok@example.pl>', 'Subject: oferta', '', 'tresc',
  ].join('\n');
  const r = parseBounce(msg);
  assert.equal(r.isBounce, true);
  assert.deepEqual(r.recipients.map((x) => [x.recipient, x.reason, x.hardBounce]),
    [['biuro@kontotestowe.example.pl', 'mailboxfull', false], ['jan@example.com', 'userunknown', true]]);
  assert.equal(r.recipients[0]!.sender, 'bok@example.pl');
});

test('parseBounce: ARF feedback, auto-reply, not a bounce', NEEDS_SHARED, () => {
  const arf = parseBounce(eml('arf-01.eml'));
  assert.equal(arf.kind, 'feedback');
  assert.equal(arf.recipients[0]!.reason, 'feedback');
  assert.equal(arf.recipients[0]!.feedbackType, 'abuse');
  const vac = parseBounce(eml('rfc3834-01.eml'));
  assert.equal(vac.recipients[0]!.reason, 'vacation');
  assert.equal(vac.recipients[0]!.hardBounce, false);
  const not = parseBounce(readFileSync(join(CORPUS, 'not', 'is-not-bounce-01.eml')));
  assert.equal(not.isBounce, false);
  assert.equal(not.recipients.length, 0);
});

test('corpus scores never drop below the recorded ones, in corpus and with each family left out', NEEDS_SHARED, () => {
  const recorded = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'bounce', 'corpus-score.json'), 'utf8')) as
    { pct: Record<string, number>; leftOut: Record<string, number> };
  const items = loadSisimaiCorpus(CORPUS, join(PROJECT_ROOT, 'test', 'bounce', 'corpus-recipients.tsv'));
  const s = scoreItems(items);
  const lofo = leaveOneFamilyOut(items, familyKnowledge).total;
  for (const k of ['recipients', 'precision', 'exact', 'reason', 'hard', 'status', 'nonBounces'] as const) {
    assert.ok(s.pct[k] >= recorded.pct[k]!, `${k}: ${s.pct[k]}% is below the recorded ${recorded.pct[k]}%`);
    assert.ok(lofo.pct[k] >= recorded.leftOut[k]!, `${k} (left-out family): ${lofo.pct[k]}% is below the recorded ${recorded.leftOut[k]}%`);
  }
  console.log(`bounce corpus: reason ${s.pct.reason}% (left-out ${lofo.pct.reason}%), recipients recall ${s.pct.recipients}% precision ${s.pct.precision}%`);
});

test('readBounces: mbox streamed, a broken message in the middle does not stop the rest', NEEDS_SHARED, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-bounce-'));
  const good = eml('lhost-postfix-01.eml').toString('latin1');
  const broken = 'Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: message/rfc822\n\n' + '\u0000\u00ff'.repeat(5000);
  const mbox = ['From a@b Mon Jan  1 00:00:00 2024', good, '', 'From c@d Mon Jan  1 00:00:00 2024', broken, '',
    'From e@f Mon Jan  1 00:00:00 2024', good, ''].join('\n');
  writeFileSync(join(dir, 'box.mbox'), Buffer.from(mbox, 'latin1'));
  const items = [];
  for await (const it of readBounces([join(dir, 'box.mbox')])) items.push(it);
  assert.equal(items.length, 3);
  assert.equal(items[0]!.result.isBounce, true);
  assert.equal(items[1]!.result.isBounce, false);
  assert.equal(items[2]!.result.isBounce, true);
  assert.equal(items[2]!.index, 3);
  // A message holding one 3 MB line without a newline: cut at 1 MiB while streaming, the next message still read.
  const long = ['From a@b Mon Jan  1 00:00:00 2024', 'Subject: x', '', 'y'.repeat(3 * 1024 * 1024), '',
    'From e@f Mon Jan  1 00:00:00 2024', good, ''].join('\n');
  writeFileSync(join(dir, 'long.mbox'), Buffer.from(long, 'latin1'));
  const longItems = [];
  for await (const it of readBounces([join(dir, 'long.mbox')])) longItems.push(it);
  assert.equal(longItems.length, 2);
  assert.equal(longItems[1]!.result.isBounce, true);
  const fromStdin = [];
  for await (const it of readBounces('-', { stdin: Readable.from([Buffer.from(mbox, 'latin1')]) })) fromStdin.push(it);
  assert.equal(fromStdin.length, 3);
});

test('readBounces: the shared mbox and a glob', NEEDS_SHARED, async () => {
  let n = 0;
  for await (const it of readBounces(join(CORPUS, 'mbox', 'mbox-0'))) { n++; assert.ok(it.result.kind); }
  assert.equal(n, 37);
  const files = [];
  for await (const it of readBounces(join(CORPUS, 'eml', 'lhost-exim-0*.eml'))) files.push(it.file);
  assert.ok(files.length >= 5 && files.every((f) => /lhost-exim-0\d\.eml$/.test(f)));
});

test('parseBounce: a reply quoted in a Status comment is the diagnostic; a comment naming the code is not', () => {
  const dsn = (status: string, action = 'failed') => Buffer.from([
    'From: MAILER-DAEMON@relay.example.net', 'To: sender@example.org', 'Subject: failure notice', 'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', '', '--b', 'Content-Type: text/plain', '',
    'Your message could not be delivered.', '', '--b', 'Content-Type: message/delivery-status', '',
    'Reporting-MTA: dns;relay.example.net', '', 'Final-Recipient: rfc822;someone@example.com', `Action: ${action}`,
    `Status: ${status}`, '', '--b--', '',
  ].join('\r\n'));
  // Haraka's form: its only words about a host it never reached, after a catch-all "no such host" code.
  const tried = parseBounce(dsn('5.1.2 (550 Tried all MXs example.com)')).recipients[0]!;
  assert.equal(tried.diagnosticCode, '550 Tried all MXs example.com');
  assert.equal(tried.reason, 'expired');
  assert.equal(tried.hardBounce, false);
  // The same code with words about the name itself stays an unknown host.
  assert.equal(parseBounce(dsn('5.1.2 (550 Nowhere to deliver mail to for domain: example.com)')).recipients[0]!.reason, 'hostunknown');
  // RFC 3463's name of the code in the comment adds nothing.
  assert.equal(parseBounce(dsn('4.4.0 (other or undefined network or routing status)', 'delayed')).recipients[0]!.diagnosticCode, undefined);
  // Nothing at all about a failed recipient: the reason is on hold, not unknown input.
  assert.equal(parseBounce(dsn('')).recipients[0]!.reason, 'onhold');
});

test('parseBounce: dma (DragonFly Mail Agent) plain-text notice — the named recipient, the reply, the command; hostile variants stay bounded', () => {
  const notice = (body: string) => Buffer.from([
    'From: MAILER-DAEMON <>', 'To: sender@host.example', 'Subject: Mail delivery failed', 'Message-Id: <1a@host.example>', '',
    'This is the DragonFly Mail Agent v0.13 at host.example.', '', body, '', 'Original message follows.', '',
    'From: sender@host.example', 'To: a@example.com, b@example.com', 'Subject: hi', '', 'hello', '',
  ].join('\n'));
  const r = parseBounce(notice('There was an error delivering your mail to <a@example.com>.\n\n' +
    'mx.example.com [192.0.2.1] did not like our RCPT TO:\n550 5.7.23 SPF fail - see http://example.org/Why?id=sender@host.example;ip=192.0.2.9'));
  assert.equal(r.decoder, 'dma');
  assert.deepEqual(r.recipients.map((x) => [x.recipient, x.reason]), [['a@example.com', 'authfailure']]);
  assert.equal(r.recipients[0]!.command, 'RCPT');
  const t0 = Date.now();
  for (const hostile of ['There was an error delivering your mail to <'.repeat(20000),
    'There was an error delivering your mail to <x@y.example>.\n'.repeat(20000), 'There was an error delivering your mail to <' + 'a'.repeat(500000) + '>.']) {
    const h = parseBounce(notice(hostile));
    assert.ok(h.recipients.length <= 50);
  }
  assert.ok(Date.now() - t0 < 20000, 'hostile dma notices took too long');
});

test('fuzz: hostile MIME gives an answer, never a crash or a hang', NEEDS_SHARED, () => {
  const t0 = Date.now();
  const cases: (string | Buffer)[] = [
    '', '\u0000'.repeat(100000), 'From: x\n', 'Content-Type: multipart/report; boundary="zz"\n\n--zz\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.c\nStatus: 5.1.1',
    'Content-Type: multipart/mixed; boundary="lie"\nFrom: mailer-daemon@x\n\n--other\nhello\n',
    'Subject: ' + 'x'.repeat(1024 * 1024) + '\nFrom: a@b\n\nbody',
    'X-Long: ' + 'a: b '.repeat(200000) + '\n\nbody',
    'Content-Type: text/plain; charset=no-such-charset\nFrom: MAILER-DAEMON@x\nSubject: Undelivered\n\n<a@b.example>: 550 5.1.1 user unknown\n',
    Buffer.from(Array.from({ length: 200000 }, (_, i) => (i * 7919) % 256)),
  ];
  // 1,000-deep nesting.
  let nest = 'body';
  for (let i = 0; i < 1000; i++) nest = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${nest}\n--b${i}--\n`;
  cases.push('From: MAILER-DAEMON@x\n' + nest);
  // A 50 MB attachment.
  cases.push('From: MAILER-DAEMON@x\nSubject: Undelivered Mail\nContent-Type: multipart/mixed; boundary="q"\n\n--q\nContent-Type: text/plain\n\n<a@b.example>: 550 user unknown\n--q\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n' + 'QUFB\n'.repeat(10 * 1024 * 1024) + '--q--\n');
  // Whitespace floods and repeated codes aimed at the text decoders' line patterns.
  const flood = '\n'.repeat(60000) + ' \t'.repeat(30000);
  cases.push(`From: post_master@x.example\nSubject: Undeliverable\n\nError message below:\n${flood}RCPT TO: a@b.example\nMessage details:\n`);
  cases.push(`From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n<a@b.example>:\n${'5.1.1'.repeat(20000)}${flood}host ${' '.repeat(5000)}x\n`);
  cases.push(`From: MAILER-DAEMON@x.example\nX-Mailer: <SMTP32 v1>\nSubject: Undeliverable\n\n${'Unknown user:'.repeat(5000)}${flood}`);
  for (const c of cases) {
    const r = parseBounce(c);
    assert.ok(['dsn', 'mta-text', 'feedback', 'auto-reply', 'not-bounce', 'error'].includes(r.kind));
    if (!r.isBounce) assert.equal(r.recipients.length, 0);
  }
  const truncated = eml('lhost-sendmail-02.eml').subarray(0, 1500);
  assert.doesNotThrow(() => parseBounce(truncated));
  assert.ok(Date.now() - t0 < 30000, 'hostile inputs took too long');
});

test('CLI: mailmedic bounce --json and --csv', NEEDS_SHARED, async () => {
  const f = join(CORPUS, 'eml', 'lhost-postfix-02.eml');
  const { stdout } = await run(process.execPath, [CLI, 'bounce', '--json', f]).catch((e: { stdout: string }) => e);
  const rep = JSON.parse(stdout) as { command: string; data: { messages: { file: string; isBounce: boolean; recipients: Record<string, unknown>[] }[] } };
  assert.equal(rep.command, 'bounce');
  const m = rep.data.messages[0]!;
  assert.equal(m.file, f);
  assert.equal(m.isBounce, true);
  for (const k of ['recipient', 'reason', 'hardBounce', 'rule']) assert.ok(k in m.recipients[0]!, k);
  const csv = await run(process.execPath, [CLI, 'bounce', '--csv', join(CORPUS, 'mbox', 'mbox-0')]).catch((e: { stdout: string }) => e);
  const lines = csv.stdout.trim().split('\r\n');
  assert.match(lines[0]!, /^file,index,recipient,reason,hardBounce,status,replyCode/);
  assert.ok(lines.length > 30);
  const usage = await run(process.execPath, [CLI, 'bounce']).catch((e: { code: number }) => e);
  assert.equal((usage as { code: number }).code, 64);
});

test('headers: encoded words, raw UTF-8 and raw ISO-2022-JP subjects decode to text', NEEDS_SHARED, () => {
  const not = parseBounce(readFileSync(join(CORPUS, 'not', 'is-not-bounce-01.eml')));
  assert.equal(not.subject, 'にゃんこ');
  const ep = parseBounce(eml('lhost-sendmail-02.eml'));
  assert.ok(ep.recipients[0]!.subject && !ep.recipients[0]!.subject.includes('=?'));
});

test('qmail bounce with the Polish bilingual texts of seed 003: three recipients, three causes', () => {
  const r = parseBounce(readFileSync(join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'qmail-pl-bilingual.eml')));
  assert.equal(r.decoder, 'qmail');
  assert.deepEqual(r.recipients.map((x) => [x.recipient, x.reason, x.hardBounce]), [
    ['jan.kowalski@example.com', 'userunknown', true],
    ['biuro@firma.example', 'hostunknown', true],
    ['anna@example.net', 'authfailure', false],
  ]);
  const [a, , c] = r.recipients;
  assert.equal(a!.command, 'RCPT');
  assert.equal(a!.rhost, '192.168.41.48');
  assert.equal(a!.status, '5.1.1');
  assert.equal(c!.command, 'MAIL');
  assert.equal(a!.sender, 'bok@example.pl');
  assert.equal(a!.messageId, '<abc123@example.pl>');
  assert.ok(a!.explanation.pl && a!.explanation.pl !== a!.explanation.en);
});

test('Office 365 NDR with text/rfc822-headers: original headers and the 5.1.10 lookup failure', () => {
  const r = parseBounce(readFileSync(join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'office365-rfc822-headers.eml')));
  const x = r.recipients[0]!;
  assert.equal(x.recipient, 'bob@contoso.com');
  assert.equal(x.reason, 'userunknown');
  assert.equal(x.status, '5.1.10');
  assert.equal(x.subject, 'Quarterly report');
  assert.equal(x.messageId, '<q1@example.org>');
});

test('readBounces: a maildir (cur/ and new/, tmp/ skipped) and --recursive trees', NEEDS_SHARED, async () => {
  const { mkdirSync } = await import('node:fs');
  const root = mkdtempSync(join(tmpdir(), 'mm-maildir-'));
  const md = join(root, 'Maildir');
  for (const d of ['cur', 'new', 'tmp']) mkdirSync(join(md, d), { recursive: true });
  writeFileSync(join(md, 'cur', '1.host:2,S'), eml('lhost-postfix-01.eml'));
  writeFileSync(join(md, 'new', '2.host'), eml('lhost-qmail-01.eml'));
  writeFileSync(join(md, 'tmp', '3.host'), 'partial');
  const got = [];
  for await (const it of readBounces(md)) got.push(it);
  assert.equal(got.length, 2);
  assert.ok(got.every((g) => g.result.isBounce));
  mkdirSync(join(root, 'a', 'b'), { recursive: true });
  writeFileSync(join(root, 'a', 'b', 'x.eml'), eml('lhost-exim-01.eml'));
  let flat = 0;
  for await (const _ of readBounces(join(root, 'a'))) flat++;
  let deep = 0;
  for await (const _ of readBounces(join(root, 'a'), { recursive: true })) deep++;
  assert.equal(flat, 0);
  assert.equal(deep, 1);
});

test('address scan: the same matches as the address regex, found from each "@" in linear time', async () => {
  const { nextAddress, allAddresses } = await import('../../src/bounce/text.js');
  const ADDR = new RegExp("[A-Za-z0-9._%+'=!#$&*/?^`{|}~-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,10}", 'g');
  const alphabet = 'ab.@-_ x\n<>é9';
  let seed = 7;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const samples = ['a@b@c.d', 'x @y.com', `${'a'.repeat(70)}@${'b'.repeat(70)}${'.c'.repeat(12)}`, 'a@b.', 'a@.b', '<u@ex.example>: 550'];
  for (let k = 0; k < 3000; k++) {
    let s = '';
    for (let i = rnd(40); i > 0; i--) s += alphabet[rnd(alphabet.length)];
    samples.push(s);
  }
  for (const s of samples) {
    const want = [...s.matchAll(ADDR)].map((m) => `${m.index}:${m[0]}`);
    const got: string[] = [];
    for (let m = nextAddress(s, 0); m; m = nextAddress(s, m.end)) got.push(`${m.index}:${s.slice(m.index, m.end)}`);
    assert.deepEqual(got, want, JSON.stringify(s));
  }
  const t0 = Date.now();
  allAddresses('a'.repeat(4 * 1024 * 1024));
  allAddresses('a@'.repeat(1024 * 1024), 1e9);
  assert.ok(Date.now() - t0 < 5000);
});

test('quoted-printable bodies: the byte decoder gives what the regex replace gives', async () => {
  const { decodeTransfer } = await import('../../src/mime/parse.js');
  const QP = /=(?:\r?\n|([0-9A-Fa-f]{2}))/g;
  const ref = (b: string): string => b.replace(QP, (_m, h: string | undefined) => (h ? String.fromCharCode(parseInt(h, 16)) : ''));
  const alphabet = '=\r\n0aFgz é\u0101';
  let seed = 11;
  const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  const samples = ['a=3Db', 'soft=\r\nbreak', 'soft=\nbreak', 'bad =ZZ =4', '=', '==41', 'caf=C3=A9'];
  for (let k = 0; k < 3000; k++) {
    let s = '';
    for (let i = rnd(24); i > 0; i--) s += alphabet[rnd(alphabet.length)];
    samples.push(s);
  }
  for (const s of samples) assert.equal(decodeTransfer(s, 'quoted-printable'), ref(s), JSON.stringify(s));
});

test('marker pass: one scanUntil over copy and format markers finds what scanFirst and a scan of the head found', NEEDS_SHARED, async () => {
  const { PhraseMatcher } = await import('../../src/classify/matcher.js');
  const { textMarkers } = await import('../../src/bounce/formats/define.js');
  const copyMarkers = ['----- original message follows', 'original message headers', '------ this is a copy of the message',
    'message headers follow', '--- original message', 'below is a copy of the original message'];
  const { markers } = textMarkers();
  assert.ok(markers.length > 10);
  const both = new PhraseMatcher(copyMarkers.concat(markers));
  const copyOnly = new PhraseMatcher(copyMarkers);
  const formatOnly = new PhraseMatcher([...markers]);
  const texts = readdirSync(join(CORPUS, 'eml')).map((f) => readFileSync(join(CORPUS, 'eml', f), 'latin1').toLowerCase());
  texts.push('x'.repeat(50), `${markers[0]} ${copyMarkers[0]} ${markers[1]}`, `${copyMarkers[1]}`, `${markers[2]}${markers[2]}`);
  for (const low of texts) {
    const hits = both.scanUntil(low, copyMarkers.length);
    const last = hits[hits.length - 1];
    const copy = last && last.index < copyMarkers.length ? last : undefined;
    assert.deepEqual(copy, copyOnly.scanFirst(low));
    const end = Math.min(copy ? copy.at : low.length, 8192);
    const got = new Set(hits.filter((h) => h.index >= copyMarkers.length && h.at + markers[h.index - copyMarkers.length]!.length <= end)
      .map((h) => h.index - copyMarkers.length));
    assert.deepEqual(got, new Set(formatOnly.scan(low.slice(0, end)).map((h) => h.index)));
  }
});

test('marker pass: the formats\' start markers found in the same pass are what firstMarker finds in lowError', NEEDS_SHARED, async () => {
  const { PhraseMatcher } = await import('../../src/classify/matcher.js');
  const { textMarkers } = await import('../../src/bounce/formats/define.js');
  const { firstMarker } = await import('../../src/bounce/text.js');
  const copyMarkers = ['----- original message follows', 'original message headers', '------ this is a copy of the message',
    'message headers follow', '--- original message', 'below is a copy of the original message'];
  const { starts } = textMarkers();
  assert.ok(starts.length > 5);
  const owner: { list: readonly string[]; marker: string }[] = [];
  const patterns = [...copyMarkers];
  for (const list of starts) for (const m of list) { patterns.push(m.replace(/\*/g, ' ')); owner.push({ list, marker: m }); }
  const both = new PhraseMatcher(patterns);
  const texts = readdirSync(join(CORPUS, 'eml')).map((f) => readFileSync(join(CORPUS, 'eml', f), 'latin1').toLowerCase());
  texts.push(`${starts[0]![0]} ${copyMarkers[0]} ${starts[1]![0]}`, `${starts[2]![0]!.slice(0, -1)}`, `x${starts[3]![0]}${starts[3]![0]}`);
  for (const low of texts) {
    const hits = both.scanUntil(low, copyMarkers.length);
    const last = hits[hits.length - 1];
    const end = last && last.index < copyMarkers.length ? last.at : low.length;
    const found = new Map<readonly string[], { at: number; marker: string }>();
    for (const h of hits) {
      if (h.index < copyMarkers.length) continue;
      const o = owner[h.index - copyMarkers.length]!;
      if (h.at + o.marker.length <= end && !found.has(o.list)) found.set(o.list, { at: h.at, marker: o.marker });
    }
    for (const list of starts) assert.deepEqual(found.get(list), firstMarker(low.slice(0, end), list), list[0]);
  }
});

test('a help-desk preamble and a footer with contact addresses and links change no recipient of any corpus bounce', NEEDS_SHARED, () => {
  const items = loadSisimaiCorpus(CORPUS, join(PROJECT_ROOT, 'test', 'bounce', 'corpus-recipients.tsv'));
  const noisy = noisyItems(items);
  assert.ok(noisy.length > 300, `only ${noisy.length} messages could take the noise`);
  const changed: string[] = [];
  const byFile = new Map(items.map((i) => [i.file, i]));
  for (const n of noisy) {
    const clean = parseBounce(byFile.get(n.file)!.raw).recipients.map((r) => r.recipient).join(' ');
    const got = parseBounce(n.raw).recipients.map((r) => r.recipient).join(' ');
    if (clean !== got) changed.push(`${n.file}: ${clean} → ${got}`);
  }
  assert.deepEqual(changed, []);
  const s = scoreItems(noisy);
  console.log(`bounce corpus with noise (${noisy.length} messages): recall ${s.pct.recipients}%, precision ${s.pct.precision}%, reason ${s.pct.reason}%`);
});
