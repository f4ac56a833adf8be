/**
 * The summary's fast path (src/logs/fast.ts) must give exactly the figures of the full path (every line parsed
 * into an event): on generated logs, on the shared corpus of real lines, on the real test Postfix's log, and on
 * odd input (CRLF, UTF-8, lines split across reads, unusual Postfix lines the fast path must leave alone).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { summarizeLogs } from '../../src/logs/index.js';
import { PROJECT_ROOT, SHARED, testEnv, NEEDS_SHARED } from '../helpers/env.js';

const NOW = () => Date.UTC(2026, 10, 23, 12, 0, 0);

async function bothWays(inputs: string[], label: string): Promise<void> {
  const fast = await summarizeLogs({ inputs, now: NOW }, 20);
  const full = await summarizeLogs({ inputs, now: NOW }, 20, { fullPath: true });
  assert.deepEqual(fast, full, `fast and full summaries differ for ${label}`);
}

/** Feed text through "stdin" in small pieces, so lines are cut across reads anywhere. */
async function bothWaysStdin(text: string | Buffer, piece: number, label: string): Promise<void> {
  const data = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const chunks = (): Readable => {
    const parts: Buffer[] = [];
    for (let i = 0; i < data.length; i += piece) parts.push(data.subarray(i, i + piece));
    return Readable.from(parts);
  };
  const fast = await summarizeLogs({ inputs: ['-'], stdin: chunks(), now: NOW }, 20);
  const full = await summarizeLogs({ inputs: ['-'], stdin: chunks(), now: NOW }, 20, { fullPath: true });
  assert.deepEqual(fast, full, `fast and full summaries differ for ${label} (pieces of ${piece} bytes)`);
}

test('fast path = full path on generated Postfix logs (three seeds)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-fast-'));
  try {
    for (const seed of ['1', '42', '977']) {
      const file = join(dir, `maillog-${seed}`);
      const g = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'gen-postfix-log.mjs'), '--size', '3M', '--seed', seed, '--out', file], { encoding: 'utf8' });
      assert.equal(g.status, 0, g.stderr);
      await bothWays([file], `generated seed ${seed}`);
      const d = await summarizeLogs({ inputs: [file], now: NOW });
      assert.ok(d.counts.received > 1000 && d.counts.delivered > 1000 && d.counts.rejected > 50 && d.counts.deferred > 10, 'the log exercises the common lines');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fast path = full path on the filtering server fixtures (amavis and opendkim lines, classic and RFC 3339 stamps)', async () => {
  // The fast path once left amavis/opendkim lines out of `parsed` and the Postfix line count, and counted them
  // twice as RFC 3339 stamps (classic: -70); the schema test found the negative count.
  for (const f of ['maillog', 'maillog.rfc3339']) {
    const file = join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', f);
    await bothWays([file], `fixtures/filters/${f}`);
    const d = await summarizeLogs({ inputs: [file], now: NOW });
    assert.equal(d.parsed, d.lines - d.unparsed);
    assert.ok(Object.values(d.stamps).every((n) => n > 0) && Object.values(d.formats).every((n) => n >= 0), JSON.stringify([d.stamps, d.formats]));
  }
});

test('fast path = full path on every shared corpus log', NEEDS_SHARED, async () => {
  const root = join(SHARED, 'corpus', 'logs');
  let n = 0;
  for (const sub of readdirSync(root)) {
    const dir = join(root, sub);
    if (!existsSync(dir) || sub.endsWith('.md')) continue;
    for (const f of readdirSync(dir)) {
      if (!/\.(log|txt)$/.test(f)) continue;
      await bothWays([join(dir, f)], `${sub}/${f}`);
      n++;
    }
  }
  assert.ok(n >= 10, `corpus logs compared: ${n}`);
});

test('fast path = full path on the real test Postfix log', async () => {
  const log = testEnv().maillog;
  if (!existsSync(log)) return;
  await bothWays([log], 'the test environment maillog');
});

test('fast path = full path on unusual lines, CRLF, UTF-8 and lines cut across reads', async () => {
  const L = (t: string) => `Nov 23 10:00:0${t}`;
  const lines = [
    `${L('1')} mx postfix/smtpd[11]: connect from a.example[192.0.2.1]`,
    `${L('1')} mx postfix/smtpd[11]: 4A1B2C3D4E: client=a.example[192.0.2.1], sasl_method=PLAIN, sasl_username=jan@example.pl`,
    `${L('1')} mx postfix/smtpd[11]: 4A1B2C3D4F: client=unknown[192.0.2.2]`,
    `${L('1')} mx postfix/cleanup[12]: 4A1B2C3D4E: message-id=<x@y>`,
    `${L('2')} mx postfix/qmgr[13]: 4A1B2C3D4E: from=<Jan@Example.PL>, size=1234, nrcpt=3 (queue active)`,
    `${L('2')} mx postfix/qmgr[13]: 4A1B2C3D4F: from=<>, size=1e3, nrcpt=1 (queue active)`,
    `${L('2')} mx postfix/smtp[14]: 4A1B2C3D4E: to=<a@b.pl>, orig_to=<alias@b.pl>, relay=mx.b.pl[198.51.100.1]:25, delay=1.5, delays=0.1/0.2/0.3/0.9, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 99AA)`,
    `${L('2')} mx postfix/smtp[14]: 4A1B2C3D4E: to=<f@b.pl>, relay=local, delay=2e-05, delays=0/0/0/0, dsn=2.0.0, status=sent (forwarded as 77BB)`,
    `${L('2')} mx postfix/local[14]: 4A1B2C3D4E: to=<k@b.pl>, relay=local, delay=0.3, delays=0.1/0/0/0.2, dsn=2.0.0, status=sent (forwarded as 77BC)`,
    // the content filter re-injects before it answers: the new queue id is in the log before "queued as" names it
    `${L('3')} mx postfix/smtpd[15]: 4A1B2C3D50: client=localhost[127.0.0.1]`,
    `${L('3')} mx postfix/smtp[14]: 4A1B2C3D4E: to=<c@b.pl>, relay=127.0.0.1[127.0.0.1]:10024, delay=0.2, delays=0.1/0/0/0.1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 4A1B2C3D50)`,
    `${L('3')} mx postfix/qmgr[13]: 4A1B2C3D50: from=<Jan@Example.PL>, size=1400, nrcpt=1 (queue active)`,
    `${L('3')} mx postfix/virtual[16]: 4A1B2C3D50: to=<c@b.pl>, relay=virtual, delay=0.01, delays=0/0/0/0.01, dsn=2.0.0, status=sent (delivered to maildir)`,
    `${L('3')} mx postfix/smtp[14]: 4A1B2C3D4E: to=<d@c.pl>, relay=mx.c.pl[203.0.113.5]:25, delay=300, delays=0.1/0/300/0, dsn=4.4.1, status=deferred (connect to mx.c.pl[203.0.113.5]:25: Connection timed out)`,
    `${L('4')} mx postfix/smtp[14]: 4A1B2C3D4E: to=<e@c.pl>, relay=none, delay=3, dsn=5.1.1, status=bounced (host said: 550 5.1.1 user unknown)`,
    `${L('4')} mx postfix/smtp[14]: 4A1B2C3D4E: to=<g@c.pl>, relay=mx.c.pl, delay=, delays=/1/2/3, dsn=2.0.0, status=sent (ok)`,
    `${L('4')} mx postfix/smtp[14]: 4A1B2C3D4E: to=<h@c.pl>, relay=mx.c.pl, delay=0.5, dsn=2.0.0, status=sent`,
    `${L('4')} mx postfix/smtp[14]: 4A1B2C3D4E: to=<i@c.pl>, relay=mx.c.pl, delay=0.5, delays=0.1/0.2, dsn=2.0.0, status=sent (ok)`,
    `${L('4')} mx postfix/qmgr[13]: 4A1B2C3D4E: removed`,
    `${L('4')} mx postfix/qmgr[13]: 4A1B2C3D50: removed`,
    `${L('5')} mx postfix/smtpd[11]: disconnect from a.example[192.0.2.1] ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5`,
    `${L('5')} mx postfix/smtpd[11]: NOQUEUE: reject: RCPT from x[192.0.2.9]: 554 5.7.1 <a@b.pl>: Relay access denied; from=<s@t.pl> to=<a@b.pl> proto=ESMTP helo=<x>`,
    `${L('5')} mx postfix/smtpd[11]: warning: TLS connection established from nowhere`,
    `${L('5')} mx postfix/smtpd[11]: SSL_accept error from x[192.0.2.9]: lost connection`,
    `${L('5')} mx postfix/smtpd[11]: Anonymous TLS connection established from x[192.0.2.9]: TLSv1.3`,
    `${L('5')} mx postfix/smtp[14]: something Trusted TLS connection established to x[192.0.2.9]:25: TLSv1.3`,
    `${L('5')} mx postfix/postscreen[17]: CONNECT from [192.0.2.7]:1234 to [192.0.2.10]:25`,
    `${L('5')} mx postfix/postscreen[17]: PASS OLD [192.0.2.7]:1234`,
    `${L('6')} mx postfix/smtpd[11]: lost connection after AUTH from unknown[192.0.2.8]`,
    `${L('6')} mx postfix/anvil[18]: statistics: max connection rate 3/60s for (smtp:192.0.2.8) at Nov 23 10:00:06`,
    `${L('6')} mx postfix/smtpd[11]: fragment`,
    `${L('6')} mx postfix/pickup[19]: 5B1B2C3D4E: uid=1000 from=<root>`,
    `${L('6')} mx postfix/qmgr[13]: 5B1B2C3D4E: from=<root@mx.example>, size=500, nrcpt=1 (queue active)`,
    `${L('6')} mx postfix/local[20]: 5B1B2C3D4E: to=<root@mx.example>, relay=local, delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (delivered to mailbox)`,
    `${L('6')} mx postfix/qmgr[13]: 5B1B2C3D4E: removed`,
    `Nov 23 10:00:07.123 mx postfix/qmgr[13]: 6C1B2C3D4E: removed`,
    `Nov  3 10:00:07 mx postfix/smtpd[11]: connect from b[192.0.2.3]`,
    `Nov 3 10:00:07 mx postfix/smtpd[11]: connect from b[192.0.2.3]`,
    `<mail.info> Nov 23 10:00:07 mx postfix/smtpd[11]: connect from b[192.0.2.3]`,
    `2026-11-23T10:00:08.000000+01:00 mx postfix/smtpd[11]: connect from c[192.0.2.4]`,
    `Nov 23 10:00:08 mx postfix/smtpd[11]: 7D1B2C3D4E: client=żółw.example[192.0.2.5], sasl_username=łukasz@example.pl`,
    `Nov 23 10:00:08 mx postfix/qmgr[13]: 7D1B2C3D4E: from=<łukasz@example.pl>, size=10, nrcpt=1 (queue active)`,
    `Nov 23 10:00:08 mx dovecot: imap-login: Login: user=<jan@example.pl>, method=PLAIN, rip=192.0.2.6, lip=192.0.2.10`,
    `Nov 23 10:00:08 mx postfix-out/smtp[21]: 8E1B2C3D4E: to=<x@y.pl>, relay=y.pl[198.51.100.2]:25, delay=1, delays=0/0/0.5/0.5, dsn=2.0.0, status=sent (250 ok)`,
    `Nov 23 10:00:08 mx sendmail[22]: x: from=<a@b>, size=1`,
    'x'.repeat(20000),
    '\u0000\u0001binary\u00ff junk',
    '',
    `Nov 23 10:00:09 mx postfix/qmgr[13]: 9F1B2C3D4E: from=<cut@example.pl>, size=12`,
  ];
  const text = lines.join('\n');
  for (const piece of [7, 61, 4096, 1 << 20]) await bothWaysStdin(text, piece, 'odd lines');
  await bothWaysStdin(lines.join('\r\n') + '\r\n', 33, 'odd lines with CRLF');
  await bothWaysStdin(Buffer.concat([Buffer.from(lines.slice(0, 20).join('\n') + '\n'), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(lines.slice(20).join('\n'))]), 50, 'invalid UTF-8');
  const d = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([Buffer.from(text)]), now: NOW });
  assert.ok(d.counts.delivered >= 5 && d.counts.filtered === 1 && d.counts.forwarded === 2 && d.counts.deferred === 1 && d.counts.bounced === 1);
});

test('fast path = full path on a log folder with rotations', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-fastrot-'));
  try {
    const g = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'gen-postfix-log.mjs'), '--size', '400K', '--seed', '5'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const all = g.stdout.split('\n');
    const third = Math.floor(all.length / 3);
    writeFileSync(join(dir, 'maillog.2'), all.slice(0, third).join('\n') + '\n');
    writeFileSync(join(dir, 'maillog.1'), all.slice(third, 2 * third).join('\n') + '\n');
    writeFileSync(join(dir, 'maillog'), all.slice(2 * third).join('\n'));
    await bothWays([dir], 'a folder with rotations');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fast path = full path on mutated lines (truncated, bytes changed, fields dropped)', async () => {
  const g = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'gen-postfix-log.mjs'), '--size', '300K', '--seed', '11'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const base = g.stdout.split('\n').filter(Boolean);
  let seed = 12345;
  const rnd = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return (seed >>> 8) % n; };
  const alphabet = ' :<>[],.=/()-_0123456789ABCDEFaefsto@\t\r';
  for (let round = 0; round < 4; round++) {
    const out: string[] = [];
    for (const line of base) {
      let l = line;
      switch (rnd(8)) {
        case 0: l = l.slice(0, rnd(l.length + 1)); break; // cut short
        case 1: { const i = rnd(l.length); l = l.slice(0, i) + alphabet[rnd(alphabet.length)] + l.slice(i + 1); break; } // one byte changed
        case 2: { const i = rnd(l.length); const j = i + rnd(12); l = l.slice(0, i) + l.slice(j); break; } // a piece dropped
        case 3: { const i = rnd(l.length); l = l.slice(0, i) + l.slice(rnd(l.length)); break; } // spliced with itself
        default: // most lines stay as they are, so messages still open, deliver and close
      }
      out.push(l);
    }
    await bothWaysStdin(out.join('\n') + '\n', 1 << 16, `mutated lines, round ${round}`);
  }
});

test('client IPs: the IPv4 table counts exactly as a plain map (odd dotted forms, IPv6, growth, the distinct-key cap)', async () => {
  // canonical dotted IPv4 keys are counted by their 32-bit value, every other key by its bytes: both must give
  // the same rows as counting the strings, and the same "(other)" row beyond MAX_DISTINCT (first-seen order)
  const odd = ['1.2.3.4', '01.2.3.4', '1.2.3.04', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3',
    '1.2.3.', '.1.2.3', '2001:db8::1', '::ffff:1.2.3.4', '10.0.0.1', '10.0.0.10', '100.0.0.1', '1000.0.0.1', 'a.b.c.d', '127.0.0.1'];
  const ips: string[] = [];
  for (let i = 0; i < 200_030; i++) {
    if (i % 1000 === 0) ips.push(...odd); // repeated: counts above 1
    ips.push(`${(i * 7919) % 223 + 1}.${(i >>> 8) & 255}.${i & 255}.${(i * 31) % 256}`);
  }
  ips.push(...odd, ...odd);
  const lines = ips.map((ip, i) => `Nov 23 10:00:00 mx postfix/smtpd[11]: ${(0x10000000 + i).toString(16).toUpperCase()}: client=h[${ip}]`);
  const d = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([Buffer.from(lines.join('\n') + '\n')]), now: NOW }, 25);
  const m = new Map<string, number>();
  let other = 0;
  for (const ip of ips) {
    if (m.has(ip)) m.set(ip, m.get(ip)! + 1);
    else if (m.size < 200_000) m.set(ip, 1);
    else other++;
  }
  if (other) m.set('(other)', other);
  const want = [...m].map(([key, messages]) => ({ key, messages, bytes: 0 }))
    .sort((a, b) => b.messages - a.messages || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).slice(0, 25);
  assert.ok(other > 0);
  assert.deepEqual(d.top.clientIps, want);
});

test('fast path = full path with thousands of messages open at once (row table growth, removals in any order, rows made objects midway)', async () => {
  // 12,000 messages arrive before any leaves, then each is delivered, some deferred first (the full path then
  // asks for the message: its row becomes an object), some picked up locally, and all leave in a shuffled order;
  // queue ids share prefixes so that hash clusters form and removals move rows back
  let seed = 7;
  const rnd = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  const n = 12_000;
  const qid = (i: number): string => `${(0xA0000 + (i % 97)).toString(16).toUpperCase()}${(0x10000 + i).toString(16).toUpperCase()}`;
  const lines: string[] = [];
  const stamp = (k: number): string => `Nov 23 10:${String(Math.floor(k / 60) % 60).padStart(2, '0')}:${String(k % 60).padStart(2, '0')} mx`;
  for (let i = 0; i < n; i++) {
    if (i % 11 === 0) lines.push(`${stamp(0)} postfix/pickup[9]: ${qid(i)}: uid=0 from=<root>`);
    else lines.push(`${stamp(0)} postfix/smtpd[11]: ${qid(i)}: client=h${i % 50}[10.0.${i % 7}.${i % 200}]${i % 3 ? '' : `, sasl_method=PLAIN, sasl_username=u${i % 40}`}`);
    lines.push(`${stamp(1)} postfix/qmgr[12]: ${qid(i)}: from=<s${i % 300}@example.net>, size=${1000 + i}, nrcpt=1 (queue active)`);
  }
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = rnd(i + 1); [order[i], order[j]] = [order[j]!, order[i]!]; }
  order.forEach((i, k) => {
    const deferral = `${stamp(2 + (k % 500))} postfix/smtp[13]: ${qid(i)}: to=<r${i % 700}@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=5, delays=0.1/0/5/0, dsn=4.4.1, status=deferred (connect to mx.example.org[192.0.2.1]:25: Connection timed out)`;
    if (i % 5 === 0) lines.push(deferral);
    if (i % 10 === 0) {
      // a line only the full path reads (it asks the tracker for the message: the row becomes an object), then
      // qmgr's retry and a second deferral, which must count neither the size nor the deferred message again
      lines.push(`${stamp(2 + (k % 500))} postfix/cleanup[15]: ${qid(i)}: warning: header Subject: hi from h[10.0.0.1]; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<h>`);
      lines.push(`${stamp(2 + (k % 500))} postfix/qmgr[12]: ${qid(i)}: from=<s${i % 300}@example.net>, size=${1000 + i}, nrcpt=1 (queue active)`); // a retry: its size counts once
      lines.push(deferral);
    }
    if (i % 13 === 0) lines.push(`${stamp(2 + (k % 500))} postfix/smtp[13]: ${qid(i)}: to=<r${i % 700}@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=2, delays=0.1/0/1/1, dsn=5.1.1, status=bounced (host mx.example.org[192.0.2.1] said: 550 5.1.1 <r${i % 700}@example.org>: Recipient address rejected (in reply to RCPT TO command))`);
    else lines.push(`${stamp(2 + (k % 500))} postfix/smtp[13]: ${qid(i)}: to=<r${i % 700}@example.org>, relay=mx.example.org[192.0.2.1]:25, delay=1.5, delays=0.1/0/0.4/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)`);
    if (i % 17 === 0) lines.push(`${stamp(3 + (k % 500))} postfix/bounce[14]: ${qid(i)}: sender non-delivery notification: ${qid(n + i)}`);
    lines.push(`${stamp(3 + (k % 500))} postfix/qmgr[12]: ${qid(i)}: removed`);
  });
  const text = lines.join('\n') + '\n';
  await bothWaysStdin(text, 1 << 20, 'thousands of open messages');
  const d = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([Buffer.from(text)]), now: NOW });
  assert.ok(d.counts.peakOpen >= n, `peak open ${d.counts.peakOpen}`);
  assert.equal(d.counts.received, n);
  assert.equal(d.counts.deferred, Math.ceil(n / 5));
  assert.equal(d.counts.openAtEnd, 0); // every message left (a notice line belongs to the message that bounced)
});

test('fast path = full path on the edges of the byte-level readers (rejects, failed deliveries, pickup, notices, warnings, TLS)', async () => {
  const q = 'C0FFEE1234';
  const lines = [
    // NOQUEUE rejects: smtpd, postscreen with :port, no reply code, no " from ", envelope first (cleanup style), other actions
    'Nov 23 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.1]: 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.example; from=<a@example.net> to=<b@example.org> proto=ESMTP helo=<x>',
    'Nov 23 10:00:00 mx postfix/postscreen[2]: NOQUEUE: reject: RCPT from [192.0.2.2]:4711: 550 5.7.1 Service unavailable; client [192.0.2.2] blocked using bl.example; from=<a@example.net>, to=<b@example.org>, proto=ESMTP, helo=<x>',
    'Nov 23 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from h[192.0.2.3]: Relay access denied; from=<a@example.net> to=<b@example.org>',
    'Nov 23 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: CONNECT h[192.0.2.4]: 421 4.3.2 busy',
    'Nov 23 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: header Subject: x; from=<a@example.net> to=<b@example.org> from h[192.0.2.5]: 5.7.1 no',
    'Nov 23 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from h[192.0.2.6]:',
    'Nov 23 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from h[192.0.2.7]: 450 4.7.1 x',
    'Nov 23 10:00:00 mx postfix/smtpd[1]: NOQUEUE: reject_warning: RCPT from h[192.0.2.8]: 450 4.7.1 x; from=<a@example.net>',
    'Nov 23 10:00:00 mx postfix/smtpd[1]: NOQUEUE: milter-reject: END-OF-MESSAGE from h[192.0.2.9]: 5.7.1 spam; from=<a@example.net>',
    // a message with failed deliveries: no dsn=, no text, ")" right after " (", text without ")", bounced, expired
    `Nov 23 10:00:01 mx postfix/smtpd[1]: ${q}: client=h[192.0.2.10]`,
    `Nov 23 10:00:01 mx postfix/qmgr[3]: ${q}: from=<a@example.net>, size=100, nrcpt=4 (queue active)`,
    `Nov 23 10:00:02 mx postfix/smtp[4]: ${q}: to=<b@example.org>, relay=none, delay=1, delays=1/0/0/0, status=deferred (connect to x[192.0.2.11]:25: Connection refused)`,
    `Nov 23 10:00:02 mx postfix/smtp[4]: ${q}: to=<b@example.org>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred`,
    `Nov 23 10:00:02 mx postfix/smtp[4]: ${q}: to=<b@example.org>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred ()`,
    `Nov 23 10:00:02 mx postfix/smtp[4]: ${q}: to=<b@example.org>, relay=none, delay=1, delays=1/0/0/0, dsn=4.4.1, status=deferred (no closing`,
    `Nov 23 10:00:02 mx postfix/smtp[4]: ${q}: to=<c@example.org>, relay=x[192.0.2.12]:25, delay=1, delays=1/0/0/0, dsn=5.1.1, status=bounced (host x[192.0.2.12] said: 550 5.1.1 no (in reply to RCPT TO command))`,
    `Nov 23 10:00:02 mx postfix/smtp[4]: ${q}: to=<d@example.org>, relay=x[192.0.2.12]:25, delay=1, dsn=5.1.1, status=bounced (550 (nested) text) tail`,
    `Nov 23 10:00:02 mx postfix/smtp[4]: ${q}: to=<e@example.org>, relay=x[192.0.2.12]:25, delay=1, dsn=4.4.7, status=expired, returned to sender`,
    `Nov 23 10:00:03 mx postfix/bounce[5]: ${q}: sender non-delivery notification: D00D000001`,
    `Nov 23 10:00:03 mx postfix/bounce[5]: ${q}: sender delivery status notification: D00D000002`,
    `Nov 23 10:00:03 mx postfix/bounce[5]: ${q}: sender notification`,
    `Nov 23 10:00:03 mx postfix/qmgr[3]: ${q}: removed`,
    // pickup: uid= and sender=, a program that only ends in "pickup", a message the full path made an object first
    'Nov 23 10:00:04 mx postfix/pickup[6]: D00D000003: uid=0 from=<root>',
    'Nov 23 10:00:04 mx postfix/pickup[6]: D00D000004: sender=<www@example.net>',
    'Nov 23 10:00:04 mx postfix/notpickup[6]: D00D000005: uid=0 from=<root>',
    'Nov 23 10:00:04 mx postfix/cleanup[7]: D00D000006: warning: header Subject: x from local; from=<a@example.net>',
    'Nov 23 10:00:04 mx postfix/pickup[6]: D00D000006: uid=33 from=<www-data>',
    'Nov 23 10:00:05 mx postfix/qmgr[3]: D00D000003: from=<root@example.net>, size=200, nrcpt=1 (queue active)',
    'Nov 23 10:00:05 mx postfix/qmgr[3]: D00D000006: from=<www-data@example.net>, size=300, nrcpt=1 (queue active)',
    // warnings: SASL failures (also one whose text opens with ": SASL "), TLS handshake, no slash, no pid; TLS failures
    'Nov 23 10:00:06 mx postfix/smtpd[1]: warning: : SASL LOGIN x: SASL PLAIN authentication failed: x',
    'Nov 23 10:00:06 mx postfix/smtpd[1]: warning: h[192.0.2.13]: SASL LOGIN authentication failed: UGFzc3dvcmQ6',
    'Nov 23 10:00:06 mx postfix/smtpd[1]: warning: h[192.0.2.13]: SASL LOGIN something else',
    'Nov 23 10:00:06 mx postfix/smtpd[1]: warning: TLS handshake failed from h[192.0.2.14]: x',
    'Nov 23 10:00:06 mx postfix/submission/smtpd[1]: warning: hostname h.example does not resolve to address 192.0.2.15: Name or service not known',
    'Nov 23 10:00:06 mx postfix[1]: warning: no slash here',
    'Nov 23 10:00:06 mx postfix/smtpd: warning: no pid here',
    'Nov 23 10:00:06 mx postfix/smtpd[1]: error: open database /etc/postfix/x.db: No such file or directory',
    'Nov 23 10:00:07 mx postfix/smtpd[1]: SSL_accept error from h[192.0.2.16]: -1',
    'Nov 23 10:00:07 mx postfix/smtp[4]: SSL_connect error to x[192.0.2.17]:25: -1',
    'Nov 23 10:00:07 mx postfix/smtpd[1]: SSL_accept error from h[192.0.2.18]: lost; Anonymous TLS connection established from x',
  ];
  const text = lines.join('\n') + '\n';
  for (const piece of [1 << 16, 37]) await bothWaysStdin(text, piece, 'edge lines of the byte-level readers');
  const d = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([Buffer.from(text)]), now: NOW });
  assert.equal(d.smtp.authFailures, 1);
  assert.equal(d.smtp.tlsFailures, 3); // two SSL errors and the TLS handshake warning
  assert.ok(d.counts.rejected >= 5 && d.counts.deferred === 1 && d.counts.deferrals === 4 && d.counts.bounced >= 2, JSON.stringify(d.counts));
});
