// Debian 12 and later may run without rsyslog: the mail log is then `journalctl -u postfix` (or -t postfix …) in one
// of journalctl's output formats. The real filtering server's RFC 3339 log (test/logs/fixtures/filters, written by real
// Postfix, postscreen, amavisd-new, opendkim, Dovecot and the milters) in each format journalctl prints — short
// (classic), short-precise, short-iso ("+0100"), short-full ("Sat 2026-12-05 18:10:53 CET"), short-unix — with its
// "-- Boot … --" lines: every line read, the same totals and hours as the original.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { summarizeLogs } from '../../src/logs/index.js';
import { PROJECT_ROOT } from '../helpers/env.js';

const FIX = join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', 'maillog.rfc3339');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** The line's stamp (RFC 3339 with microseconds and +01:00) as journalctl would print it, the rest unchanged. */
function journal(line: string, format: string): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)\.(\d{6})\+01:00 (.*)$/.exec(line);
  assert.ok(m, line);
  const [, y, mo, d, h, mi, s, us, rest] = m;
  const wall = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!));
  const epoch = wall.getTime() - 3600_000;
  switch (format) {
    case 'short': return `${MONTHS[+mo! - 1]} ${d} ${h}:${mi}:${s} ${rest}`;
    case 'short-precise': return `${MONTHS[+mo! - 1]} ${d} ${h}:${mi}:${s}.${us} ${rest}`;
    case 'short-iso': return `${y}-${mo}-${d}T${h}:${mi}:${s}+0100 ${rest}`;
    case 'short-full': return `${DAYS[wall.getUTCDay()]} ${y}-${mo}-${d} ${h}:${mi}:${s} CET ${rest}`;
    case 'short-unix': return `${Math.floor(epoch / 1000)}.${us} ${rest}`;
    default: throw new Error(format);
  }
}

test('journalctl\'s output formats of a real log: every line read, the same totals and hours', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-journal-'));
  const prevTz = process.env.TZ;
  // Classic and short-precise stamps carry no zone: they are read as the reader's local time, here the log's own.
  process.env.TZ = 'Europe/Warsaw';
  try {
    const lines = readFileSync(FIX, 'utf8').split('\n').filter(Boolean);
    const want = await summarizeLogs({ inputs: [FIX] });
    for (const format of ['short', 'short-precise', 'short-iso', 'short-full', 'short-unix']) {
      const file = join(dir, `${format}.log`);
      const body = lines.map((l) => journal(l, format));
      // journalctl's own lines at the start and at a reboot in the middle
      body.splice(0, 0, '-- Journal begins at Sat 2026-12-05 18:10:53 CET, ends at Sat 2026-12-05 18:30:00 CET. --');
      body.splice(400, 0, '-- Boot 0c3f4e5d6c7b4a8f9e0d1c2b3a495867 --');
      writeFileSync(file, body.join('\n') + '\n');
      for (const fullPath of [false, true]) {
        const got = await summarizeLogs({ inputs: [file] }, 10, { fullPath });
        const what = `${format}, ${fullPath ? 'full' : 'fast'} path`;
        assert.equal(got.unparsed, 0, `${what}: ${got.unparsedSamples.join('\n')}`);
        assert.deepEqual(got.counts, want.counts, what);
        assert.deepEqual(got.perHour.map((h) => [h.hour, h.received, h.delivered]), want.perHour.map((h) => [h.hour, h.received, h.delivered]), what);
        assert.equal(Math.round(Date.parse(got.first!) / 1000), Math.round(Date.parse(want.first!) / 1000), `${what}: first`);
      }
    }
  } finally {
    if (prevTz === undefined) delete process.env.TZ; else process.env.TZ = prevTz;
    rmSync(dir, { recursive: true, force: true });
  }
});
