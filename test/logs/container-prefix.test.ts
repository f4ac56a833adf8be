// Mail servers in containers (mailcow, docker-mailserver): their logs reach a help desk as `docker logs -t` prints
// them (the runtime's RFC 3339 UTC stamp with nanoseconds before each line), as `docker compose logs` prints them (the
// service name, padded, and a bar) or both. The real filtering server's maillog (test/logs/fixtures/filters, written
// by real Postfix, postscreen, amavisd-new, opendkim, Dovecot and the filter MX's milters) given those prefixes the
// way the runtime adds them must be read line for line, with the original's totals, on both paths.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { summarizeLogs, traceLogs } from '../../src/logs/index.js';
import { PROJECT_ROOT } from '../helpers/env.js';

const FIX = join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters');

/** The runtime's stamp for a line logged at `ms`: UTC, nine digits of fraction. */
const runtimeStamp = (ms: number, n: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, (_m, f: string) => `.${f}${String(n % 1_000_000).padStart(6, '0')}Z`);

test('docker logs -t, docker compose logs and both: every line of a real log read, the same totals and stories', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-container-'));
  try {
    for (const base of ['maillog', 'maillog.rfc3339']) {
      const path = join(FIX, base);
      const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
      // the runtime's receive time: the line's own time where it has a zone (RFC 3339), else a steady clock
      const t0 = Date.UTC(2026, 11, 5, 10, 0, 0);
      const shapes: Record<string, (l: string, i: number) => string> = {
        'docker -t': (l, i) => `${runtimeStamp(t0 + i * 250, i)} ${l}`,
        'compose': (l) => `postfix-mailcow-1  | ${l}`,
        'compose -t': (l, i) => `mail_server_1  | ${runtimeStamp(t0 + i * 250, i)} ${l}`,
      };
      const want = await summarizeLogs({ inputs: [path] });
      const wantStories = (await traceLogs({ inputs: [path] }, { to: 'nobody@partner.test' })).stories.map((s) => [s.qid, s.verdict]);
      for (const [name, shape] of Object.entries(shapes)) {
        const file = join(dir, `${base}.${name.replace(/\W+/g, '-')}`);
        writeFileSync(file, lines.map(shape).join('\n') + '\n');
        for (const fullPath of [false, true]) {
          const got = await summarizeLogs({ inputs: [file] }, 10, { fullPath });
          const what = `${base}, ${name}, ${fullPath ? 'full' : 'fast'} path`;
          assert.equal(got.unparsed, 0, `${what}: ${got.unparsedSamples.join('\n')}`);
          assert.equal(got.lines, lines.length, what);
          assert.deepEqual(got.counts, want.counts, what);
          assert.deepEqual(got.filters, want.filters, what);
          assert.deepEqual(got.top.senders, want.top.senders, what);
        }
        const stories = (await traceLogs({ inputs: [file] }, { to: 'nobody@partner.test' })).stories.map((s) => [s.qid, s.verdict]);
        assert.deepEqual(stories, wantStories, `${base}, ${name}: trace`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('container prefixes are recognised only as such: a host named like a service, a bar in a message, a runtime stamp alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-container-'));
  try {
    const file = join(dir, 'odd.log');
    writeFileSync(file, [
      // a bar inside the message, not a prefix
      'Dec  5 10:00:00 mx1 postfix/smtpd[1]: warning: hostname a | b does not resolve to address 192.0.2.1',
      // the runtime's stamp before a line without a stamp of its own (a program logging to stdout): read from there
      '2026-12-05T10:00:01.123456789Z postfix/smtpd[1]: connect from client.example.org[198.51.100.7]',
      // a prefix without a line after it
      'postfix-1  | ',
      // lines of nothing but prefixes: read in one pass, no deep recursion
      'svc | '.repeat(50_000),
      '2026-12-05T10:00:01.123456789Z '.repeat(30_000),
      `mail_1 | ${'2026-12-05T10:00:01.123456789Z '.repeat(30_000)}`,
    ].join('\n') + '\n');
    const got = await summarizeLogs({ inputs: [file] }, 10, { fullPath: true });
    assert.equal(got.lines, 6);
    assert.ok(got.unparsed <= 4, got.unparsedSamples.join('\n').slice(0, 2000));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
