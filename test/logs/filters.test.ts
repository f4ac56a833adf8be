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
import { findLogProblems, followLog, logStoryFinding as storyFinding, logSummaryReport, summarizeLogs, traceLogs, type LogSummaryData } from '../../src/logs/index.js';
import { CLI, PROJECT_ROOT } from '../helpers/env.js';
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
    ['content filter', Object.fromEntries(d.filters.map((f) => [`${f.filter} ${f.category}`, { passed: f.passed, blocked: f.blocked }])), Object.fromEntries(t.filters)],
    ['sender authentication', Object.fromEntries(d.auth.map((r) => [`${r.method.toUpperCase()} ${r.result}`, r.count])), Object.fromEntries(t.auth)],
    ['deliveries with a delay', d.delays.count, t.delays.length],
    ['average delay end to end (ms)', Math.round(d.delays.avg * 1000), Math.round(avg * 1000)],
    ['longest delay end to end (ms)', Math.round(d.delays.max * 1000), Math.round(Math.max(0, ...t.delays) * 1000)],
    ['still in the queue at the end', c.openAtEnd, t.openAtEnd],
  ];
}

/** JSON with object keys in order (the tables list rows by count; the count by first sight). */
const canon = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : 1))) : x));

function assertAgrees(d: LogSummaryData, t: Truth, what: string): void {
  // delays: stamps are read to the millisecond (RFC 3339 writes microseconds), so ±2 ms
  const wrong = compare(d, t).filter(([n, a, b]) => (n.includes('(ms)') ? Math.abs((a as number) - (b as number)) > 2 : canon(a) !== canon(b)));
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
  // phase 1–2b of traffic.sh: 17 messages arrive, 7 refusals (DNSBL, pregreet, relay, unknown user, 3× own RBL);
  // phase 2c (the filter MX): 14 more reach DATA, 1 refused at RCPT by policyd-spf (SPF fail), 9 refused after DATA
  // by a milter (3× opendmarc p=reject, clamav-milter EICAR, spamass-milter GTUBE, rspamd reject, rspamd soft
  // reject, 2× clamav-milter with clamd down)
  assert.equal(t.received, 31);
  assert.equal(t.rejected, 17);
  // every SPF result policyd-spf gave, every DMARC result of opendmarc, every verdict of the content filters
  assert.deepEqual(Object.fromEntries(t.auth), { 'SPF pass': 4, 'SPF softfail': 1, 'SPF fail': 1, 'SPF none': 8, 'SPF temperror': 1, 'DMARC pass': 1, 'DMARC fail': 4, 'DMARC none': 9 });
  assert.deepEqual(t.filters.get('clamav-milter INFECTED'), { passed: 0, blocked: 1 });
  assert.deepEqual(t.filters.get('spamd SPAM'), { passed: 1, blocked: 0 });
  assert.deepEqual([t.filters.get('rspamd SPAM'), t.filters.get('rspamd DEFERRED'), t.filters.get('rspamd CLEAN')], [{ passed: 1, blocked: 1 }, { passed: 1, blocked: 0 }, { passed: 4, blocked: 0 }]);
  assert.ok(t.discarded === 2 && t.quarantined === 3 && t.forwarded === 1 && t.bounced === 2, JSON.stringify(t));
  assert.ok(t.held === 1 && t.released === 1 && t.requeued === 1 && t.deleted === 1);
  assert.equal(t.smtpFailed, 20);
});

const canRun = process.getuid?.() === 0 && ['/usr/sbin/amavisd', '/usr/sbin/opendkim', '/usr/sbin/rsyslogd', '/usr/sbin/postfix', '/usr/sbin/opendmarc',
  '/usr/bin/policyd-spf', '/usr/bin/rspamd', '/usr/sbin/clamd', '/usr/sbin/clamav-milter', '/usr/bin/sigtool', '/usr/sbin/spamd', '/usr/sbin/spamass-milter'].every((f) => existsSync(f));

test('a log the real filtering server writes now: summary (fast and full path) equals the independent count', { skip: !canRun && 'needs root and amavisd-new, opendkim, rsyslog, postfix and the filter MX\'s daemons (.ci/install-system.sh)', timeout: 240_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'mm-filters-out-'));
  try {
    // Fixed ports below the kernel's ephemeral range (32768–60999): a test file running beside this one (free ports
    // from the kernel, client sockets) can never hold one of them.
    const g = spawnSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'gen-filter-logs.mjs'), '--out', out, '--port-base', '21800'], { encoding: 'utf8', timeout: 200_000 });
    assert.equal(g.status, 0, g.stderr + g.stdout);
    for (const file of ['maillog', 'maillog.rfc3339']) {
      const path = join(out, file);
      const t = truthOf(readFileSync(path, 'utf8'));
      assert.ok(t.received >= 31 && t.rejected >= 17, `the traffic ran: ${t.received} received, ${t.rejected} rejected`);
      assert.ok(t.auth.get('SPF temperror') && t.auth.get('DMARC fail') && t.filters.get('clamav-milter INFECTED'), `the filter MX ran: ${JSON.stringify([...t.auth])}`);
      for (const fullPath of [false, true]) assertAgrees(await summarizeLogs({ inputs: [path] }, 50, { fullPath }), t, `${file} ${fullPath ? 'full' : 'fast'}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('trace on the real filtering server: one story per message across its legs, the verdict of the last leg', async () => {
  const path = join(FIX, 'maillog');
  const one = async (f: Parameters<typeof traceLogs>[1]) => {
    const r = await traceLogs({ inputs: [path] }, f);
    assert.equal(r.stories.length, 1, `${JSON.stringify(f)}: ${r.stories.map((s) => s.qid + ' ' + s.verdict).join(', ')}`);
    return r.stories[0]!;
  };
  // passed amavis, then the partner refused it: bounced (not "delivered" from the first leg's hand-off)
  const bounced = await one({ to: 'nobody@partner.test' });
  assert.equal(bounced.verdict, 'bounced');
  assert.deepEqual(bounced.legs?.map((l) => l.via ?? 'first'), ['first', 'filter']);
  assert.equal(bounced.legs?.[0]!.filter?.category, 'CLEAN');
  // the banned attachment: blocked by the filter, discarded, quarantined
  const banned = await one({ from: 'accounts@partner.test' });
  assert.equal(banned.verdict, 'discarded');
  assert.deepEqual([banned.filter?.verdict, banned.filter?.category, banned.filter?.quarantined], ['blocked', 'BANNED', true]);
  assert.match(storyFinding(banned).detail!.en, /Blocked by the content filter — amavis: BANNED \(application\/octet-stream,\.exe/);
  assert.match(storyFinding(banned).detail!.pl, /Zablokowana przez filtr treści/);
  // three legs: amavis, then local(8) forwards it off-site
  const fwd = await one({ to: 'sales@partner.test' });
  assert.equal(fwd.verdict, 'delivered');
  assert.deepEqual(fwd.legs?.map((l) => l.via ?? 'first'), ['first', 'filter', 'forward']);
  // requeued by the administrator: a new queue id, the same message; still deferred at the end
  const rq = await one({ to: 'y@dropper.test' });
  assert.equal(rq.verdict, 'deferred');
  assert.deepEqual(rq.legs?.map((l) => l.via ?? 'first'), ['first', 'filter', 'requeue', 'filter']);
  // found by any leg's queue id
  assert.equal((await one({ id: rq.legs![2]!.qid })).qid, rq.qid);
  assert.equal((await one({ to: 'carol@unreachable.test' })).verdict, 'deleted');
  const busy = await one({ to: 'busy@partner.test' });
  assert.equal(busy.verdict, 'deferred');
  assert.equal(busy.legs?.[1]!.admin, 'released');
  // the filter MX: a milter refused it after DATA — the story names the sender (only the reject line does), the
  // filter's verdict, and the reason the verdict gives (the reply text alone would not say "virus")
  const nospf = (await traceLogs({ inputs: [path] }, { from: 'hello@nospf.test' })).stories;
  const eicar = nospf.find((s) => s.filter?.category === 'INFECTED')!;
  assert.equal(eicar.verdict, 'rejected');
  assert.equal(storyFinding(eicar).diagnosis?.reason, 'virusdetected');
  assert.match(storyFinding(eicar).detail!.pl, /clamav-milter: Blocked INFECTED Win\.Test\.EICAR_HDB-1\.UNOFFICIAL/);
  // 8 messages from nospf.test: 2 delivered (one tagged by rspamd), 6 refused (virus, spam twice, soft reject, clamd down twice)
  assert.deepEqual(nospf.map((s) => s.verdict).sort(), ['delivered', 'delivered', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
  const phish = (await traceLogs({ inputs: [path] }, { from: 'bounce@shop.test' })).stories;
  assert.deepEqual(phish.map((s) => [s.verdict, storyFinding(s).diagnosis?.reason]), [['rejected', 'authfailure'], ['rejected', 'authfailure'], ['rejected', 'authfailure']]);
  // a clean inbound message through amavis: delivered, its two legs in order even within one second
  const clean = (await traceLogs({ inputs: [path] }, { from: 'news@newsletter.test' })).stories;
  assert.deepEqual(clean.map((s) => [s.verdict, s.legs?.map((l) => l.via ?? 'first')]), [['delivered', ['first', 'filter']]]);
});

test('problems on the real filtering server: the alarms an administrator needs, none of a sender\'s for our own refusals', async () => {
  const path = join(FIX, 'maillog');
  const r = await findLogProblems({ inputs: [path] });
  const by = new Map(r.findings.map((f) => [f.check, f]));
  // 20 wrong passwords from one address within minutes
  assert.equal(by.get('logs.auth.bruteforce')?.subject, '127.0.0.66');
  // the banned attachment and the spam amavis blocked (and the quarantined copy it passed)
  // … and on the filter MX: the EICAR clamav-milter found, the spam rspamd refused
  assert.deepEqual(by.get('logs.filter.blocked')?.data?.['categories'], { 'Blocked BANNED': 1, 'Blocked SPAM': 2, 'Passed SPAM': 1, 'Blocked INFECTED': 1 });
  // three phishing messages in bank.test's name, refused by its DMARC policy (p=reject); shop.test's one fail (p=none) stays under the limit
  const dmarc = r.findings.filter((f) => f.check === 'logs.dmarc.failures');
  assert.deepEqual(dmarc.map((f) => [f.subject, f.data?.['failures'], f.data?.['refused'], f.data?.['ips']]), [['bank.test', 3, 3, ['127.0.0.21']]]);
  assert.match(dmarc[0]!.summary.pl, /3 wiadomości z domeną bank\.test w polu From nie przeszło testu DMARC; 3 z nich odrzucono/);
  // policyd-spf's resolver never answered for slowdns.test
  assert.deepEqual(by.get('logs.spf.temperror')?.data, { count: 1, domains: { 'slowdns.test': 1 } });
  // clamd stopped: clamav-milter's errors and the two messages it made Postfix refuse with "try again later"
  const down = by.get('logs.filter.unavailable');
  assert.equal(down?.status, 'error');
  assert.deepEqual([down?.subject, down?.data?.['tempfailed']], ['clamav-milter', 2]);
  assert.match(down!.summary.pl, /w tym czasie odrzucone z „spróbuj później”: 2\./);
  assert.match(down!.summary.en, /meanwhile refused with "try again later": 2\./);
  // the dead DNSBL: postscreen's timeout and dnsblog's failed look-up
  assert.deepEqual(by.get('logs.dnsbl.timeout')?.data?.['lists'], { 'bl.dead-dnsbl.test': 2 });
  // our own RBL refused a big provider's relay three times
  const fp = by.get('logs.rbl.false-positive');
  assert.equal(fp?.subject, 'Google (Gmail, Workspace)');
  assert.deepEqual(fp?.data?.['lists'], ['own.dnsbl.test']);
  assert.match(fp!.summary.pl, /odrzucił 3 wiadomości przekazanych przez Google/);
  // a full mailbox at the partner, six recipients piling up for one dead destination
  assert.equal(by.get('logs.mailbox.full')?.subject, 'full@partner.test');
  assert.equal(by.get('logs.deferred.destination')?.subject, 'unreachable.test');
  assert.ok((by.get('logs.tls.failures')?.data?.['count'] as number) >= 2, 'the unverified certificate of secure.partner.test');
  // logs follow says the same as it happens: DMARC when the limit is reached, the first temperror, the first scanner error
  const live: string[] = [];
  const ac = new AbortController();
  const following = followLog({ path, fromStart: true, pollMs: 20, signal: ac.signal, onFinding: (f) => live.push(`${f.check} ${f.subject}`) });
  for (let i = 0; i < 200 && !live.some((x) => x.startsWith('logs.filter.unavailable')); i++) await new Promise((r) => setTimeout(r, 20));
  ac.abort();
  await following.catch(() => undefined);
  for (const want of ['logs.dmarc.failures bank.test', 'logs.spf.temperror slowdns.test', 'logs.filter.unavailable clamav-milter']) assert.ok(live.includes(want), `${want} in ${live.join('; ')}`);
  // our refusals of incoming spam are protection, not "your server is blocked"
  assert.equal(by.get('logs.reject-wave'), undefined);
  const sum = await summarizeLogs({ inputs: [path] });
  const report = logSummaryReport(sum, 'maillog');
  const inbound = report.findings.find((f) => f.check === 'logs.summary.rejected-inbound')!;
  assert.match(inbound.summary.en, /^Your server refused 17 incoming messages; most: blocked/);
  // a milter's reject takes its reason from the filter's verdict on the same message (clamav-milter's reply only says
  // "Command rejected"), a DMARC or SPF refusal is an authentication failure, rspamd's soft reject is not a refusal for good
  const reasons = Object.fromEntries(sum.reasons.rejected.map((g) => [g.reason, g.count]));
  assert.deepEqual([reasons['virusdetected'], reasons['authfailure'], reasons['spamdetected'], reasons['onhold']], [1, 4, 2, 1]);
  // every line of the filters, milters and the policy server was understood, each verdict counted where it belongs
  assert.equal(sum.unparsed, 0);
  assert.deepEqual(Object.fromEntries(sum.auth.map((a) => [`${a.method} ${a.result}`, a.count])),
    { 'dmarc none': 9, 'dmarc fail': 4, 'dmarc pass': 1, 'spf none': 8, 'spf pass': 4, 'spf softfail': 1, 'spf fail': 1, 'spf temperror': 1 });
  assert.ok(!JSON.stringify(inbound).match(/delist|usunięcie z listy|your IP|Twój adres IP/i), JSON.stringify(inbound.advice));
  assert.equal(report.findings.some((f) => f.check === 'logs.summary.rejected'), false);
});

test('time: --since/--until narrow summary and problems; "-2h" is a value; --tz counts hours in a named zone; RFC 3339 keeps its own hours', async () => {
  const path = join(FIX, 'maillog.rfc3339');
  const all = await summarizeLogs({ inputs: [path] });
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  // the middle of the log, by the stamps themselves
  const mid = Date.parse(lines[Math.floor(lines.length / 2)]!.split(' ')[0]!);
  for (const fullPath of [false, true]) {
    const late = await summarizeLogs({ inputs: [path], since: mid }, 10, { fullPath });
    const early = await summarizeLogs({ inputs: [path], until: mid - 1 }, 10, { fullPath });
    assert.ok(late.counts.received + early.counts.received <= all.counts.received && late.counts.rejected + early.counts.rejected === all.counts.rejected, `${late.counts.rejected}+${early.counts.rejected}`);
    assert.ok(late.lines === all.lines && Date.parse(late.first!) >= mid && Date.parse(early.last!) < mid);
  }
  // the log was written at +01:00: its hours are those written, on a machine in any zone; --tz UTC counts them an hour earlier
  const hours = (stamps: number[]) => [...new Set(stamps)].sort((a, b) => a - b);
  const received = lines.filter((l) => / client=| uid=/.test(l) && !/client=localhost/.test(l) && !/orig_id=/.test(l));
  const written = hours(received.map((l) => Number(l.slice(11, 13))));
  const utcHours = hours(received.map((l) => new Date(Date.parse(l.split(' ')[0]!)).getUTCHours()));
  assert.deepEqual(all.perHour.filter((h) => h.received).map((h) => h.hour), written);
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, 'logs', ...args, '--json'], { encoding: 'utf8', env: { ...process.env, TZ: 'America/New_York' } });
  const utc = run(['summary', path, '--tz', 'UTC']);
  assert.deepEqual(JSON.parse(utc.stdout).data.perHour.filter((h: { received: number }) => h.received).map((h: { hour: number }) => h.hour), utcHours);
  const ny = run(['summary', path]);
  assert.deepEqual(JSON.parse(ny.stdout).data.perHour.filter((h: { received: number }) => h.received).map((h: { hour: number }) => h.hour), written);
  for (const sub of ['summary', 'problems']) assert.notEqual(run([sub, path, '--since', '-2h']).status, 64);
  const bad = run(['summary', path, '--tz', 'Mars/Olympus']);
  assert.equal(bad.status, 64);
  assert.match(bad.stderr, /unknown time zone "Mars\/Olympus"|nieznana strefa czasowa/);
});
