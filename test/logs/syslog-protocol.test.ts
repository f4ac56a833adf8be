// The same real log as a central log server keeps it: the filtering server's maillog (test/logs/fixtures/filters,
// written by real Postfix, postscreen, amavisd-new, opendkim, Dovecot) sent line by line through a real rsyslogd with
// logger(1), and written by rsyslog's own templates — RFC 5424 (RSYSLOG_SyslogProtocol23Format, where the APP-NAME
// keeps only "postfix" of "postfix/smtpd"), and the raw forwarding formats with a <priority> before a classic or an
// RFC 3339 stamp (rsyslog's forwarding templates, which it sends without a newline, here with one: what a collector
// that stores forwarded messages one a line keeps). Every line must be read, with the original file's totals.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { summarizeLogs } from '../../src/logs/index.js';
import { PROJECT_ROOT } from '../helpers/env.js';

const RSYSLOGD = ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'].find((p) => existsSync(p));
const skip = RSYSLOGD ? undefined : 'no rsyslogd (Debian package rsyslog; .ci/install-system.sh installs it)';
const FIXTURE = join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', 'maillog.rfc3339');
const TEMPLATES = { 'rfc5424.log': 'RSYSLOG_SyslogProtocol23Format', 'forward.log': 'forward', 'traditional.log': 'traditional' };
/** rsyslog's RSYSLOG_ForwardFormat and RSYSLOG_TraditionalForwardFormat strings, with the newline a file needs. */
const FORWARD_TEMPLATES = [
  'template(name="forward" type="string" string="<%PRI%>%TIMESTAMP:::date-rfc3339% %HOSTNAME% %syslogtag:1:32%%msg:::sp-if-no-1st-sp%%msg%\\n")',
  'template(name="traditional" type="string" string="<%PRI%>%TIMESTAMP% %HOSTNAME% %syslogtag:1:32%%msg:::sp-if-no-1st-sp%%msg%\\n")',
];

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a real rsyslogd\'s RFC 5424 and <priority> formats of the filtering server\'s log: every line read, the same totals', { skip, timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-rsyslog-'));
  const sock = join(dir, 'log.sock');
  writeFileSync(join(dir, 'rsyslog.conf'), [
    `global(workDirectory="${dir}")`,
    'module(load="imuxsock" SysSock.Use="off")',
    `input(type="imuxsock" Socket="${sock}" CreatePath="on")`,
    ...FORWARD_TEMPLATES,
    ...Object.entries(TEMPLATES).map(([file, t]) => `mail.* action(type="omfile" file="${join(dir, file)}" template="${t}")`),
  ].join('\n') + '\n');
  const rsyslog = spawn(RSYSLOGD!, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'pid')], { stdio: 'ignore' });
  try {
    for (let i = 0; i < 100 && !existsSync(sock); i++) await wait(50);
    assert.ok(existsSync(sock), 'rsyslogd made its socket');
    // Each line sent as the daemon sent it: its tag, its pid, its message (the original stamp is the fixture's).
    const lines = readFileSync(FIXTURE, 'utf8').split('\n').filter(Boolean);
    let sent = 0;
    for (const line of lines) {
      const m = /^\S+ \S+ ([^\s[:]+)(?:\[(\d+)\])?: (.*)$/.exec(line);
      if (!m) continue;
      const r = spawnSync('logger', ['-u', sock, '-t', m[1]!, ...(m[2] ? [`--id=${m[2]}`] : []), '-p', 'mail.info', '--', m[3]!], { timeout: 10_000 });
      assert.equal(r.status, 0, String(r.stderr));
      sent++;
    }
    const count = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter(Boolean).length : 0);
    for (let i = 0; i < 100 && Object.keys(TEMPLATES).some((f) => count(join(dir, f)) < sent); i++) await wait(50);
    const original = await summarizeLogs({ inputs: [FIXTURE] });
    assert.equal(original.unparsed, 0);
    const rfc5424 = readFileSync(join(dir, 'rfc5424.log'), 'utf8');
    assert.match(rfc5424, /^<22>1 \S+ \S+ postfix \d+ - - /m, 'rsyslog wrote RFC 5424 with APP-NAME "postfix"');
    for (const file of Object.keys(TEMPLATES)) {
      const s = await summarizeLogs({ inputs: [join(dir, file)] });
      assert.equal(s.lines, sent, `${file}: every line arrived`);
      assert.deepEqual(s.unparsedSamples, [], `${file}: every line read`);
      // postsuper's "removed" (a deletion) cannot be told from qmgr's without the daemon's name, which RFC 5424 drops.
      const totals = file === 'rfc5424.log' ? { ...original.counts, deleted: s.counts.deleted } : original.counts;
      assert.deepEqual(s.counts, totals, `${file}: the same totals as the original`);
    }
  } finally {
    rsyslog.kill('SIGTERM');
    await new Promise((r) => rsyslog.once('exit', r));
    rmSync(dir, { recursive: true, force: true });
  }
});
