// The real CLI on a real terminal: tmux gives `mailmedic doctor` a pseudo-TTY; keys are sent as a user would
// type them (arrow keys, Enter, a masked password), and the screen is read back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, testEnv } from '../helpers/env.js';

const TMUX = ['/usr/bin/tmux', '/usr/local/bin/tmux'].find((p) => existsSync(p));
const env = testEnv();

function tmux(...args: string[]): string {
  return execFileSync(TMUX!, args, { encoding: 'utf8' });
}

async function waitFor(session: string, re: RegExp, ms = 30_000): Promise<string> {
  const end = Date.now() + ms;
  let screen = '';
  while (Date.now() < end) {
    screen = tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session);
    if (re.test(screen)) return screen;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${re}; screen:\n${screen}`);
}

test('interactive doctor on a pseudo-terminal: arrow keys, masked password, progress, the diagnosis', { skip: TMUX ? false : 'tmux is not installed' }, async () => {
  const session = `mm-doctor-${process.pid}-${Date.now()}`;
  const dir = mkdtempSync(join(tmpdir(), 'mm-tty-'));
  const out = join(dir, 'report.json');
  const cmd = [process.execPath, CLI, 'doctor', '--lang', 'en', '--dns', `${env.host}:${env.dnsPort}`, '--ca', join(env.certs, 'cert.pem'),
    '--json', '--output', out].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '50', `${cmd}; echo EXIT=$?; sleep 30`);
  try {
    await waitFor(session, /What does not work\?/);
    tmux('send-keys', '-t', session, 'Down', 'Down', 'Up', 'Enter'); // second case: receiving in a mail program
    await waitFor(session, /Which mailbox/);
    tmux('send-keys', '-t', session, '-l', 'bob@example.test');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor(session, /Which mail program/);
    tmux('send-keys', '-t', session, '-l', 'Outlook 2021');
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor(session, /exact error text/);
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor(session, /Which protocol/);
    tmux('send-keys', '-t', session, 'Down', 'Enter'); // IMAP
    await waitFor(session, /Server name set in the program/);
    tmux('send-keys', '-t', session, '-l', env.host);
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor(session, /Port set in the program/);
    tmux('send-keys', '-t', session, '-l', String(env.imap));
    tmux('send-keys', '-t', session, 'Enter');
    await waitFor(session, /Encryption set in the program/);
    tmux('send-keys', '-t', session, 'Enter'); // STARTTLS
    await waitFor(session, /Login \(user name\)/);
    tmux('send-keys', '-t', session, 'Enter'); // default: the address
    await waitFor(session, /Password \(used once/);
    tmux('send-keys', '-t', session, '-l', 'Tty-Wrong-Secret');
    tmux('send-keys', '-t', session, 'Enter');
    const screen = await waitFor(session, /EXIT=\d+/, 60_000);
    assert.ok(!screen.includes('Tty-Wrong-Secret'), 'the password is never on the screen');
    assert.match(screen, /\*{16}/);
    assert.match(screen, /checking: /, 'progress is shown while checks run');
    assert.match(screen, /EXIT=2/);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(report.data.case, 'client-receive');
    assert.match(report.data.causes[0].check, /^probe\.imap\./);
    assert.ok(!JSON.stringify(report).includes('Tty-Wrong-Secret'));
  } finally {
    try { tmux('kill-session', '-t', session); } catch { /* already gone */ }
  }
});
