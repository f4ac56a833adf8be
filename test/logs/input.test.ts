import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, utimesSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { orderRotations, resolveLogSources } from '../../src/logs/input.js';
import { summarizeLogs } from '../../src/logs/index.js';
import { traceLogs } from '../../src/logs/trace.js';
import { CLI, SHARED, NEEDS_SHARED } from '../helpers/env.js';

const run = promisify(execFile);

const msg = (day: string, q: string, to: string, status = 'sent') => [
  `${day} mx postfix/smtpd[10]: ${q}: client=a.example[192.0.2.1]`,
  `${day} mx postfix/qmgr[11]: ${q}: from=<s@example.org>, size=1000, nrcpt=1 (queue active)`,
  `${day} mx postfix/smtp[12]: ${q}: to=<${to}>, relay=mx.example.net[198.51.100.1]:25, delay=1.5, delays=0.1/0.2/0.4/0.8, dsn=${status === 'sent' ? '2.0.0' : '5.1.1'}, status=${status} (${status === 'sent' ? '250 ok' : 'host mx.example.net[198.51.100.1] said: 550 5.1.1 <' + to + '>: User unknown (in reply to RCPT TO command)'})`,
  `${day} mx postfix/qmgr[11]: ${q}: removed`,
].join('\n') + '\n';

test('rotations are read oldest first', () => {
  assert.deepEqual(orderRotations(['maillog', 'maillog.1', 'maillog.3.gz', 'maillog.2.gz']), ['maillog.3.gz', 'maillog.2.gz', 'maillog.1', 'maillog']);
  assert.deepEqual(orderRotations(['maillog', 'maillog-20261122.gz', 'maillog-20261115']), ['maillog-20261115', 'maillog-20261122.gz', 'maillog']);
});

test('a folder with plain and gzip rotations, across New Year, in time order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-logs-'));
  try {
    writeFileSync(join(dir, 'maillog.2.gz'), gzipSync(msg('Dec 30 23:00:00', 'AAAA000001', 'old@example.net')));
    writeFileSync(join(dir, 'maillog.1'), msg('Dec 31 23:59:59', 'AAAA000002', 'eve@example.net'));
    writeFileSync(join(dir, 'maillog'), msg('Jan  1 00:00:05', 'AAAA000003', 'new@example.net', 'bounced') + 'garbage \x00\x01 line\n');
    writeFileSync(join(dir, 'mail.err'), 'unrelated\n');
    const t = (y: number, m: number, d: number) => new Date(y, m, d, 12).getTime() / 1000;
    utimesSync(join(dir, 'maillog.2.gz'), t(2026, 11, 31), t(2026, 11, 31));
    utimesSync(join(dir, 'maillog.1'), t(2027, 0, 1), t(2027, 0, 1));
    utimesSync(join(dir, 'maillog'), t(2027, 0, 2), t(2027, 0, 2));
    const src = resolveLogSources([dir]);
    assert.deepEqual(src.map((s) => s.name.split('/').pop()), ['maillog.2.gz', 'maillog.1', 'maillog']);
    assert.equal(src[0]!.gzip, true);
    const d = await summarizeLogs({ inputs: [dir] });
    assert.equal(d.counts.received, 3);
    assert.equal(d.counts.delivered, 2);
    assert.equal(d.counts.bounced, 1);
    assert.equal(d.unparsed, 1);
    assert.deepEqual(d.perDay.map((p) => p.day), ['2026-12-30', '2026-12-31', '2027-01-01']);
    const tr = await traceLogs({ inputs: [dir] }, { to: 'new@example.net' });
    assert.equal(tr.stories.length, 1);
    assert.equal(new Date(tr.stories[0]!.first).getFullYear(), 2027);
    assert.equal(tr.stories[0]!.verdict, 'bounced');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('standard input, and a stream cut in the middle of a line', async () => {
  const text = msg('Nov 23 10:00:00', 'BBBB000001', 'x@example.net');
  const stdin = Readable.from([Buffer.from(text.slice(0, 37)), Buffer.from(text.slice(37, 200)), Buffer.from(text.slice(200)), Buffer.from('Nov 23 10:00:01 mx postfix/qmgr[11]: BBBB0')]);
  const d = await summarizeLogs({ inputs: ['-'], stdin });
  assert.equal(d.counts.delivered, 1);
  assert.equal(d.lines, 5);
  assert.equal(d.unparsed, 1);
});

test('CLI: logs summary reads stdin and a .gz file; bad usage exits 64', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-logs-'));
  try {
    writeFileSync(join(dir, 'm.gz'), gzipSync(msg('Nov 23 10:00:00', 'CCCC000001', 'y@example.net')));
    const { stdout } = await run(process.execPath, [CLI, 'logs', 'summary', join(dir, 'm.gz'), '--json']);
    const r = JSON.parse(stdout);
    assert.equal(r.command, 'logs summary');
    assert.equal(r.data.counts.delivered, 1);
    await assert.rejects(run(process.execPath, [CLI, 'logs', 'trace', join(dir, 'm.gz')]), (e: { code: number }) => e.code === 64);
    await assert.rejects(run(process.execPath, [CLI, 'logs', 'bogus', join(dir, 'm.gz')]), (e: { code: number }) => e.code === 64);
    await assert.rejects(run(process.execPath, [CLI, 'logs', 'summary', join(dir, 'missing')]), (e: { code: number }) => e.code === 66);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('top lists stay bounded: past the cap new keys count as "(other)"', async () => {
  const { MAX_DISTINCT } = await import('../../src/logs/summary.js');
  const lines: string[] = [];
  const n = MAX_DISTINCT + 50;
  for (let i = 0; i < n; i++) lines.push(`Nov 23 10:00:00 mx postfix/smtpd[1]: ${(0x100000 + i).toString(16).toUpperCase()}AB: client=h[10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}]`);
  const d = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([Buffer.from(lines.join('\n') + '\n')]) }, 3);
  assert.equal(d.counts.received, n);
  assert.equal(d.top.clientIps[0]!.key, '(other)');
  assert.equal(d.top.clientIps[0]!.messages, 50);
});

test('trace --since/--until pick messages by time; summary --html is one self-contained page with charts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-logs-'));
  try {
    const f = join(dir, 'maillog');
    writeFileSync(f, msg('Nov 23 09:00:00', 'DDDD000001', 'a@example.net') + msg('Nov 23 12:00:00', 'DDDD000002', '<script>x@example.net', 'bounced') + msg('Nov 23 15:00:00', 'DDDD000003', 'a@example.net'));
    utimesSync(f, new Date(2026, 10, 23, 16).getTime() / 1000, new Date(2026, 10, 23, 16).getTime() / 1000);
    const r = await traceLogs({ inputs: [f] }, { since: new Date(2026, 10, 23, 11).getTime(), until: new Date(2026, 10, 23, 13).getTime() });
    assert.deepEqual(r.stories.map((s) => s.qid), ['DDDD000002']);
    const r2 = await traceLogs({ inputs: [f] }, { to: 'A@EXAMPLE.NET', since: new Date(2026, 10, 23, 10).getTime() });
    assert.deepEqual(r2.stories.map((s) => s.qid), ['DDDD000003']);
    const { stdout } = await run(process.execPath, [CLI, 'logs', 'summary', f, '--html'], { maxBuffer: 1 << 24 }).catch((e) => e);
    assert.match(stdout, /^<!doctype html>/);
    assert.ok((stdout.match(/<svg /g) ?? []).length >= 2);
    assert.ok(!/<script/i.test(stdout), 'hostile text is escaped');
    assert.ok(!/(src|href)="https?:/.test(stdout), 'no external resources');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Sendmail and Exim messages close when done (memory stays with open messages); Exim test logs summarise', NEEDS_SHARED, async () => {
  const lines: string[] = [];
  for (let i = 0; i < 500; i++) {
    const q = `s1P8${String(i).padStart(6, '0')}mk`;
    lines.push(`Nov 23 10:00:00 mx sendmail[5]: ${q}: from=<a${i}@example.org>, size=${100 + i}, class=0, nrcpts=2, msgid=<${i}@x>, proto=ESMTP, daemon=MTA, relay=h.example [192.0.2.5]`);
    lines.push(`Nov 23 10:00:01 mx sendmail[6]: ${q}: to=<b@example.net>,<c@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=1, relay=mx.example.net. [198.51.100.1], dsn=2.0.0, stat=Sent (ok)`);
  }
  const d = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([Buffer.from(lines.join('\n') + '\n')]) });
  assert.equal(d.format, 'sendmail');
  assert.equal(d.counts.received, 500);
  assert.equal(d.counts.delivered, 1000);
  assert.ok(d.counts.peakOpen <= 2, String(d.counts.peakOpen));
  const ex = await summarizeLogs({ inputs: [join(SHARED, 'corpus', 'logs', 'exim-testsuite', 'exim-test-mainlogs.txt')] });
  assert.equal(ex.format, 'exim');
  assert.ok(ex.counts.received > 1000 && ex.counts.delivered > 1000 && ex.counts.bounced > 50 && ex.counts.deferrals > 50, JSON.stringify(ex.counts));
});

test('a truncated or corrupt .gz among the rotations is "not checked" with why; everything else still counts (no crash, no stack)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-trunc-'));
  const line = (i: number) => `Nov 23 10:00:${String(i % 60).padStart(2, '0')} mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[192.0.2.${i % 250}]: 554 5.7.1 <a@b.pl>: Relay access denied; from=<s@t.pl> to=<a@b.pl> proto=ESMTP helo=<x>`;
  const body = (from: number, n: number) => Array.from({ length: n }, (_, i) => line(from + i)).join('\n') + '\n';
  const gz = gzipSync(Buffer.from(body(0, 2000)));
  writeFileSync(join(dir, 'maillog.3.gz'), gz.subarray(0, Math.floor(gz.length / 2))); // cut in the middle
  writeFileSync(join(dir, 'maillog.2.gz'), Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.from('not deflate data at all')])); // damaged
  writeFileSync(join(dir, 'maillog.1'), body(5000, 100));
  writeFileSync(join(dir, 'maillog'), body(6000, 50));
  try {
    for (const fullPath of [false, true]) {
      const d = await summarizeLogs({ inputs: [dir] }, 10, { fullPath });
      assert.deepEqual(d.notChecked.map((x) => x.source.split('/').pop()), ['maillog.3.gz', 'maillog.2.gz'], fullPath ? 'full' : 'fast');
      assert.match(d.notChecked[0]!.reason.en, /ends too early \(truncated\)/);
      assert.match(d.notChecked[0]!.reason.pl, /obcięty/);
      assert.match(d.notChecked[1]!.reason.en, /damaged/);
      // the 150 lines of the whole files, and what the cut file held before its end
      assert.ok(d.counts.rejected >= 150 && d.counts.rejected < 2150, String(d.counts.rejected));
    }
    for (const sub of [['summary'], ['problems'], ['trace', '--to', 'a@b.pl']]) {
      const r = await run(process.execPath, [CLI, 'logs', ...sub, dir, '--json'], { maxBuffer: 64 << 20 }).catch((e: { code: number; stdout: string; stderr: string }) => e);
      const out = JSON.parse((r as { stdout: string }).stdout);
      assert.ok([1, 2].includes((r as { code?: number }).code ?? 0), `${sub[0]}: exit ${(r as { code?: number }).code} ${(r as { stderr: string }).stderr}`);
      assert.equal(out.findings.filter((f: { check: string }) => f.check === 'logs.input.not-checked').length, 2, sub[0]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a gzip-compressed log piped into standard input is read like the .gz file (summary and trace paths)', async () => {
  const { readFileSync } = await import('node:fs');
  const { PROJECT_ROOT } = await import('../helpers/env.js');
  const text = readFileSync(join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', 'maillog'));
  const plain = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([text]) });
  const zipped = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([gzipSync(text)]) });
  assert.ok(plain.lines > 100);
  assert.deepEqual({ lines: zipped.lines, parsed: zipped.parsed, counts: zipped.counts }, { lines: plain.lines, parsed: plain.parsed, counts: plain.counts });
  // One byte at a time: the magic is still seen.
  const bytes = gzipSync(text);
  const dribble = await summarizeLogs({ inputs: ['-'], stdin: Readable.from([bytes.subarray(0, 1), bytes.subarray(1)]) });
  assert.equal(dribble.lines, plain.lines);
  const story = await traceLogs({ inputs: ['-'], stdin: Readable.from([gzipSync(text)]) }, {});
  assert.ok(story.stories.length > 0, 'the full parser path reads it too');
});
