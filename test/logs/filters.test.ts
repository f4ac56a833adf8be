/**
 * Truth test on a real filtering mail server (testenv/filters: postscreen with local DNSBLs, amavisd-new +
 * SpamAssassin, opendkim, Postfix, Dovecot, rsyslog): every figure of `logs summary` equals a count made
 * independently from the raw lines (test/logs/truth.ts), on the kept fixture (classic and RFC 3339 stamps, fast
 * and full path), and on a log written by the servers right now.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { summarizeLogs, type LogSummaryData } from '../../src/logs/index.js';
import { PROJECT_ROOT } from '../helpers/env.js';
import { truthOf, type Truth } from './truth.js';

const FIX = join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters');

/** Every figure the summary and the independent count both have, as [name, summary, truth]. */
function compare(d: LogSummaryData, t: Truth): [string, unknown, unknown][] {
  const c = d.counts;
  const top = (rows: { key: string; messages: number; bytes: number }[]) => Object.fromEntries(rows.map((r) => [r.key, [r.messages, r.bytes]]));
  const hours = Object.fromEntries(d.perDay.flatMap((day) => d.perHour.filter((h) => h.received).map((h) => [`${day.day} ${String(h.hour).padStart(2, '0')}`, h.received])));
  const avg = t.delays.reduce((a, b) => a + b, 0) / (t.delays.length || 1);
  return [
    ['received', c.received, t.received], ['delivered', c.delivered, t.delivered], ['forwarded', c.forwarded, t.forwarded],
    ['deferred', c.deferred, t.deferred], ['deferrals', c.deferrals, t.deferrals], ['bounced', c.bounced, t.bounced],
    ['rejected', c.rejected, t.rejected], ['discarded', c.discarded, t.discarded], ['quarantined', c.quarantined, t.quarantined],
    ['held', c.held, t.held], ['released', c.released, t.released], ['requeued', c.requeued, t.requeued], ['deleted', c.deleted, t.deleted],
    ['senders', c.senders, t.senders.size], ['recipients', c.recipients, t.recipients.size], ['bytes received', c.bytesReceived, t.bytesReceived],
    ['top senders', top(d.top.senders), Object.fromEntries([...t.senders].map(([k, v]) => [k, [v.messages, v.bytes]]))],
    ['top client IPs', Object.fromEntries(d.top.clientIps.map((r) => [r.key, r.messages])), Object.fromEntries(t.clientIps)],
    ['received per hour', hours, Object.fromEntries(t.receivedPerHour)],
    ['failed logins', d.logins.failed, t.failedLogins], ['failed SMTP logins', d.logins.smtpFailed, t.smtpFailed], ['failed IMAP/POP3 logins', d.logins.imapPopFailed, t.imapPopFailed],
    ['postscreen', { passNew: d.screen.passNew, passOld: d.screen.passOld, pregreet: d.screen.pregreet, dnsbl: d.screen.dnsbl, hangup: d.screen.hangup }, t.screen],
    ['DNSBL hits', Object.fromEntries(d.screen.listHits.map((r) => [r.key, r.messages])), Object.fromEntries(t.listHits)],
    ['content filter', Object.fromEntries(d.filters.map((f) => [f.category, { passed: f.passed, blocked: f.blocked }])), Object.fromEntries(t.filters)],
    ['deliveries with a delay', d.delays.count, t.delays.length],
    ['average delay end to end (ms)', Math.round(d.delays.avg * 1000), Math.round(avg * 1000)],
    ['longest delay end to end (ms)', Math.round(d.delays.max * 1000), Math.round(Math.max(0, ...t.delays) * 1000)],
    ['still in the queue at the end', c.openAtEnd, t.openAtEnd],
  ];
}

/** JSON with object keys in order (the tables list rows by count; the count by first sight). */
const canon = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

function assertAgrees(d: LogSummaryData, t: Truth, what: string): void {
  const wrong = compare(d, t).filter(([, a, b]) => canon(a) !== canon(b));
  assert.deepEqual(wrong.map(([n, a, b]) => `${n}: summary ${JSON.stringify(a)} ≠ count ${JSON.stringify(b)}`), [], what);
}

for (const file of ['maillog', 'maillog.rfc3339']) {
  for (const fullPath of [false, true]) {
    test(`summary of the real filtering server's ${file} (${fullPath ? 'full' : 'fast'} path) equals the independent count`, async () => {
      const path = join(FIX, file);
      const d = await summarizeLogs({ inputs: [path] }, 50, { fullPath });
      assertAgrees(d, truthOf(readFileSync(path, 'utf8')), file);
      assert.equal(d.unparsed, 0, d.unparsedSamples.join('\n'));
    });
  }
}

test('the traffic the truth count relies on is in the fixture (every case of testenv/filters/traffic.sh left its lines)', () => {
  const t = truthOf(readFileSync(join(FIX, 'maillog'), 'utf8'));
  // phase 1–2b of traffic.sh: 16 messages arrive, 7 refusals (DNSBL, pregreet, relay, unknown user, 3× own RBL)
  assert.equal(t.received, 16);
  assert.equal(t.rejected, 7);
  assert.ok(t.discarded === 2 && t.quarantined === 3 && t.forwarded === 1 && t.bounced === 2, JSON.stringify(t));
  assert.ok(t.held === 1 && t.released === 1 && t.requeued === 1 && t.deleted === 1);
  assert.equal(t.smtpFailed, 20);
});

const canRun = process.getuid?.() === 0 && ['/usr/sbin/amavisd', '/usr/sbin/opendkim', '/usr/sbin/rsyslogd', '/usr/sbin/postfix'].every((f) => existsSync(f));

test('a log the real filtering server writes now: summary (fast and full path) equals the independent count', { skip: !canRun && 'needs root and amavisd-new, opendkim, rsyslog, postfix (.ci/install-system.sh)', timeout: 240_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'mm-filters-out-'));
  try {
    const g = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'gen-filter-logs.mjs'), '--out', out, '--port-base', '34800'], { encoding: 'utf8', timeout: 200_000 });
    assert.equal(g.status, 0, g.stderr + g.stdout);
    for (const file of ['maillog', 'maillog.rfc3339']) {
      const path = join(out, file);
      const t = truthOf(readFileSync(path, 'utf8'));
      assert.ok(t.received >= 16 && t.rejected >= 7, `the traffic ran: ${t.received} received, ${t.rejected} rejected`);
      for (const fullPath of [false, true]) assertAgrees(await summarizeLogs({ inputs: [path] }, 50, { fullPath }), t, `${file} ${fullPath ? 'full' : 'fast'}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
