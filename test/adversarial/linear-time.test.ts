// Every parser that reads untrusted text, fed hostile strings shaped against its regular expressions (long
// runs of the characters a pattern repeats, with a character at the end that makes it fail), at sizes side by
// side: twice the input must not take anywhere near four times the time. First at 16 → 32 → 64 KB, where a
// quadratic pattern already shows (×4) without waiting minutes; then at 256 KB → 512 KB → 1 MB. Ratios, not
// wall-clock limits: the machine is shared and noisy, so each figure is the best of a few runs, and of the two
// doublings the smaller ratio counts (a quadratic pattern is ×4 at both; a garbage collection that happens to
// land in one step of a linear parser is not).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanAddress } from '../../src/bounce/dsn.js';
import { maskSecrets, passwordForms } from '../../src/core/secrets.js';
import { htmlToText, parseBounce } from '../../src/bounce/parse.js';
import { normalizeDnsName } from '../../src/dns/index.js';
import { parseDmarc, parseSpf } from '../../src/domain/index.js';
import { explain } from '../../src/explain/explain.js';
import { parseAuthResults, parseHeaderBlock, parseReceived, analyzeMessageOffline, decodeEncodedWords } from '../../src/message/index.js';
import { domainOf as messageDomainOf } from '../../src/message/util.js';
import { checkQueueListing, readQueue } from '../../src/queue/index.js';
import { parseClientConfig } from '../../src/settings/index.js';

/** 2× input may take at most this many times as long (linear: ~2, quadratic: 4). */
const LIMIT = 3;
const SHORT_PW = passwordForms('alice@example.test', 'mail');
const LONG_PW = passwordForms('alice@example.test', 'Zq"7\\x');
const KB = 1024;

/** Milliseconds per call: the best of `samples`, each repeating the call for at least 10 ms. */
async function msPerCall(fn: (s: string) => unknown, input: string, samples: number): Promise<number> {
  let best = Infinity;
  for (let k = 0; k < samples; k++) {
    let reps = 0;
    const t0 = performance.now();
    let ms = 0;
    do { await fn(input); reps++; ms = performance.now() - t0; } while (ms < 10);
    best = Math.min(best, ms / reps);
  }
  return best;
}

/**
 * The smaller of the two doubling ratios n → 2n → 4n; measured again once when over the limit, because a shared,
 * noisy machine can slow one run down, while a quadratic algorithm is over the limit every time.
 */
async function ratio(fn: (s: string) => unknown, make: (n: number) => string, n: number, samples: number): Promise<number> {
  const inputs = [make(n), make(2 * n), make(4 * n)];
  await fn(inputs[0]!); // compiled before it is timed
  let best = Infinity;
  for (let attempt = 0; attempt < 2 && best >= LIMIT; attempt++) {
    const ms: number[] = [];
    for (const input of inputs) ms.push(await msPerCall(fn, input, samples));
    best = Math.min(best, ms[1]! / ms[0]!, ms[2]! / ms[1]!);
  }
  return best;
}

const run = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length));

interface Case { parser: string; shape: string; fn: (s: string) => unknown; make: (n: number) => string; todo?: string; small?: number }

const dsn = (rcpt: string, diag = '550 5.1.1 user unknown') => [
  'From: MAILER-DAEMON@mx.example.test', 'Subject: Undelivered Mail Returned to Sender',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B"', '', '--B', 'Content-Type: text/plain', '', 'failed', '--B',
  'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example.test', '', `Final-Recipient: rfc822; ${rcpt}`, 'Action: failed',
  'Status: 5.1.1', `Diagnostic-Code: smtp; ${diag}`, '--B--', ''].join('\r\n');
const message = (headers: string) => `${headers}\r\nFrom: a@example.test\r\nTo: b@example.test\r\nSubject: x\r\n\r\nbody\r\n`;
const SENDMAIL = '-----Q-ID----- --Size-- -----Q-Time----- ------------Sender/Recipient-----------\n6B53dVcq029612       18 Sat Dec  5 03:39 <sender@example.test>\n                 (Deferred: Connection refused)\n';

const CASES: Case[] = [
  // cleanAddress and htmlToText (made linear before this test; kept here so they stay so)
  { parser: 'cleanAddress', shape: 'an address, then commas', fn: cleanAddress, make: (n) => 'a@example.test' + run(',', n) + 'x' },
  { parser: 'cleanAddress', shape: 'quotes, dots, semicolons and spaces', fn: cleanAddress, make: (n) => 'a@example.test' + run(`"'.,;: `, n) + 'x' },
  { parser: 'htmlToText', shape: '"<a" without ">"', fn: htmlToText, make: (n) => run('<a', n) },
  { parser: 'htmlToText', shape: '"<br" and spaces', fn: htmlToText, make: (n) => run('<br ', n) + 'x' },
  // bounces
  { parser: 'parseBounce', shape: 'Final-Recipient followed by commas', fn: (s) => parseBounce(s), make: (n) => dsn('a@example.test' + run(',', n)) },
  { parser: 'parseBounce', shape: 'Diagnostic-Code of tabs and spaces', fn: (s) => parseBounce(s), make: (n) => dsn('a@example.test', '550 ' + run(' \t', n) + 'x') },
  { parser: 'parseBounce', shape: 'Amazon SES JSON address full of commas', fn: (s) => parseBounce(s),
    make: (n) => `From: no-reply@sns.amazonaws.com\r\nSubject: Amazon SES Email Event Notification\r\n\r\n{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"a@example.test${run(',', n)}","diagnosticCode":"smtp; 550 5.1.1"}]}}\r\n` },
  { parser: 'parseBounce', shape: 'an HTML part of "<a"', fn: (s) => parseBounce(s),
    make: (n) => `From: MAILER-DAEMON@mx.example.test\r\nSubject: Undeliverable\r\nContent-Type: text/html\r\n\r\n<p>${run('<a', n)}</p>\r\n` },
  { parser: 'parseBounce', shape: 'header lines ending in tabs', fn: (s) => parseBounce(s), make: (n) => `Subject: Undelivered Mail${run('\t', n)}x\r\n` + dsn('a@example.test') },
  { parser: 'parseBounce', shape: 'a qmail notice with "@a" repeated on one line', fn: (s) => parseBounce(s), small: 8 * KB,
    make: (n) => `From: MAILER-DAEMON@x.example\r\nSubject: failure notice\r\n\r\nHi. This is the qmail-send program at x.\r\nI'm afraid I wasn't able to deliver your message to the following addresses.\r\n\r\n<${run('@a', n)}!>:\r\n${run('@a', n)}!\r\n` },
  // explain
  { parser: 'explain', shape: 'a long word without "@" (the mail-context address test)', fn: (s) => explain(s), make: (n) => 'blocked ' + run('a', n) + '!' },
  { parser: 'explain', shape: 'a reply line of dots and dashes', fn: (s) => explain(s), make: (n) => '550 5.1.1 ' + run('.-', n) + '!' },
  { parser: 'explain', shape: '"said:" and parentheses', fn: (s) => explain(s), make: (n) => 'host x said: ' + run('( ', n) + '550 x' },
  { parser: 'explain', shape: 'white space runs between codes', fn: (s) => explain(s), make: (n) => run('550 \t  \t', n) + '!' },
  // messages
  { parser: 'parseHeaderBlock', shape: 'a header value ending in 200 KB-style tabs', fn: (s) => parseHeaderBlock(s), make: (n) => `Subject: x${run('\t', n)}y\r\nTo: b@example.test\r\n` },
  { parser: 'parseHeaderBlock', shape: 'spaces before a colon', fn: (s) => parseHeaderBlock(s), make: (n) => `X${run(' ', n)}y: z\r\n` },
  { parser: 'parseHeaderBlock', shape: 'tabs before a colon', fn: (s) => parseHeaderBlock(s), make: (n) => `Subject${run('\t', n)}y: z\r\n` },
  { parser: 'analyzeMessage', shape: 'header values of tabs and CRs', fn: (s) => analyzeMessageOffline(s), make: (n) => message(`X-Note: a${run(' \t\r', n)}b`) },
  { parser: 'analyzeMessage', shape: 'a From domain of ">" and dots', fn: (s) => analyzeMessageOffline(s), make: (n) => `From: <a@example.test${run('>. ', n)}x>\r\nTo: b@example.test\r\nSubject: x\r\n\r\nbody\r\n` },
  { parser: 'domainOf (message)', shape: 'a domain of ">", dots and spaces', fn: (s) => messageDomainOf(s), make: (n) => `a@example.test${run('>. ', n)}x` },
  { parser: 'analyzeMessage', shape: 'Received of spaces and parentheses', fn: (s) => analyzeMessageOffline(s), make: (n) => message(`Received: from x (${run('( ', n)}) by y; Mon, 1 Jan 2024 00:00:00 +0000`) },
  { parser: 'parseReceived', shape: 'comments in comments', fn: (s) => parseReceived(s), make: (n) => `from ${run('(a ', n)} by y` },
  { parser: 'parseAuthResults', shape: 'method=result pairs without end', fn: (s) => parseAuthResults(s), make: (n) => `mx; ${run('spf=', n)}x` },
  { parser: 'decodeEncodedWords', shape: '"=?" without end', fn: (s) => decodeEncodedWords(s), make: (n) => run('=?utf-8?q?', n) + 'x' },
  // queue listings
  { parser: 'readQueue', shape: 'a Sendmail recipient of "@"', fn: (s) => readQueue(s, () => undefined), make: (n) => `${SENDMAIL}\t\t\t\t\t ${run('@', n)} x\n` },
  { parser: 'readQueue', shape: 'a Sendmail recipient of "a@"', fn: (s) => readQueue(s, () => undefined), make: (n) => `${SENDMAIL}\t\t\t\t\t ${run('a@', n)} x\n` },
  { parser: 'checkQueueListing', shape: 'a Postfix recipient domain of ">"', fn: (s) => checkQueueListing(s, 'listing'),
    make: (n) => `-Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------\n3EF4C212764     475 Sat Dec  5 03:39:33  a@example.test\n                                         b@${run('>', n)}x\n\n` },
  // secrets masked in every line of output
  { parser: 'maskSecrets', shape: 'a short password after PASS, over and over', fn: (s) => maskSecrets(s, SHORT_PW), make: (n) => run('PASS mail ', n) },
  { parser: 'maskSecrets', shape: 'a long password inside host names', fn: (s) => maskSecrets(s, LONG_PW), make: (n) => run('Zq"7\\x.', n) },
  { parser: 'maskSecrets', shape: 'quotes around a short password, without spaces', fn: (s) => maskSecrets(s, SHORT_PW), make: (n) => run('"mail"', n) },
  // settings, DNS names, records
  { parser: 'parseClientConfig', shape: 'a host name of dots and percent signs', fn: (s) => parseClientConfig(s),
    make: (n) => `<?xml version="1.0"?><clientConfig version="1.1"><emailProvider id="x"><domain>x.test</domain><incomingServer type="imap"><hostname>${run('.%', n)}</hostname><port>993</port><socketType>SSL</socketType><username>%EMAILADDRESS%</username></incomingServer></emailProvider></clientConfig>` },
  // the XML parser under it (fast-xml-parser): attribute runs, tags that never close, a DOCTYPE of many entities
  // (each ends with </emailProvider>, so the parser does run; past the 256 KiB cap the end is cut and it returns at once)
  { parser: 'parseClientConfig', shape: 'attributes without end', fn: (s) => parseClientConfig(s),
    make: (n) => `<emailProvider ${run('a="1" ', n)}>x</emailProvider>` },
  { parser: 'parseClientConfig', shape: 'opening tags that never close', fn: (s) => parseClientConfig(s),
    make: (n) => `<emailProvider id="x">${run('<domain ', n)}</emailProvider>` },
  { parser: 'parseClientConfig', shape: 'a DOCTYPE of many entity definitions', fn: (s) => parseClientConfig(s),
    make: (n) => `<!DOCTYPE c [${run('<!ENTITY a "&#46;">', n)}]><emailProvider id="x"><domain>&a;</domain></emailProvider>` },
  { parser: 'normalizeDnsName', shape: 'dots and dashes', fn: (s) => normalizeDnsName(s), make: (n) => run('.-', n) + 'x' },
  { parser: 'parseSpf', shape: 'CIDR slashes and white space', fn: (s) => parseSpf(s), make: (n) => 'v=spf1 ip4:1.2.3.4' + run('/ ', n) + '!' },
  { parser: 'parseDmarc', shape: 'fo= options without end', fn: (s) => parseDmarc(s), make: (n) => 'v=DMARC1; p=none; fo=' + run('0:', n) + 'x' },
];

for (const c of CASES) {
  test(`linear time on hostile input: ${c.parser} — ${c.shape}`, c.todo ? { todo: c.todo } : {}, async (t) => {
    const early = await ratio(c.fn, c.make, c.small ?? 16 * KB, 3);
    t.diagnostic(`×${early.toFixed(2)} per doubling from ${Math.round((c.small ?? 16 * KB) / KB)} KB`);
    assert.ok(early < LIMIT, `${c.parser}: twice the input from ${Math.round((c.small ?? 16 * KB) / KB)} KB took ${early.toFixed(2)}× the time`);
    if (c.todo) return;
    const late = await ratio(c.fn, c.make, 256 * KB, 2);
    t.diagnostic(`×${late.toFixed(2)} per doubling from 256 KB to 1 MB`);
    assert.ok(late < LIMIT, `${c.parser}: twice the input from 256 KB to 1 MB took ${late.toFixed(2)}× the time`);
  });
}
