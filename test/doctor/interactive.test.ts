// The question engine driven by injected input streams: arrow keys, digits, Enter, secrets masked, EOF.
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { QuestionAborted, QuestionIO, interview } from '../../src/doctor/interactive.js';
import type { DoctorAnswers } from '../../src/doctor/types.js';

const DOWN = '\x1b[B';
const UP = '\x1b[A';

function harness(lang: 'en' | 'pl' = 'en', ansi = false) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c: Buffer) => { shown += c.toString('utf8'); });
  const io = new QuestionIO(input, output, { lang, ansi });
  return { input, io, shown: () => shown };
}

/** Type keys one chunk at a time, letting the engine consume each (as a terminal would). */
async function type(input: PassThrough, chunks: string[]) {
  for (const c of chunks) {
    input.write(c);
    await new Promise((r) => setImmediate(r));
  }
}

test('arrow keys pick a case, then the case questions come one at a time; the password is masked', async () => {
  const { input, io, shown } = harness('en', true);
  const answers: DoctorAnswers = {};
  const done = interview(io, answers, 'en');
  // Case list: client-send is first; Down, Down, Up → second (client-receive); Enter.
  await type(input, [DOWN, DOWN, UP, '\r']);
  // address, client, error
  await type(input, ['bob@example.test\r', 'Outlook 2021\r', '\r']);
  // protocol: Down → imap; host (default mail.example.test) → type own; port; security (choice: Enter = starttls); user default; password
  await type(input, [DOWN, '\r', '127.0.0.1\r', '1430\r', '\r', '\r', 's3cr3t-pass\r']);
  await done;
  io.close();
  assert.equal(answers.case, 'client-receive');
  assert.equal(answers.address, 'bob@example.test');
  assert.equal(answers.client, 'Outlook 2021');
  assert.equal(answers.error, undefined);
  assert.deepEqual(answers.server, { protocol: 'imap', host: '127.0.0.1', port: 1430, security: 'starttls', user: 'bob@example.test', password: 's3cr3t-pass' });
  const out = shown();
  assert.ok(!out.includes('s3cr3t-pass'), 'the password is never echoed');
  assert.ok(out.includes('*'.repeat('s3cr3t-pass'.length)));
  assert.match(out, /Receiving in a mail program fails/);
});

test('Polish prompts, digits choose directly without ANSI, a bad number is asked again', async () => {
  const { input, io, shown } = harness('pl', false);
  const answers: DoctorAnswers = { case: 'php-mail' };
  const done = interview(io, answers, 'pl');
  // from, domain (default), to, sentAt, sentToday (bad, then 520), sentLastHour, error, bounceFile, logFile
  await type(input, ['www@example.test\r', '\r', 'jan@example.test\r', 'wczoraj 10:00\r', 'dużo\r', '520\r', '\r', '\r', '\r', '\r']);
  await done;
  io.close();
  assert.equal(answers.domain, 'example.test');
  assert.equal(answers.sentToday, 520);
  assert.equal(answers.sentAt, 'wczoraj 10:00');
  assert.match(shown(), /Ile mniej więcej wiadomości/);
  assert.match(shown(), /Podaj liczbę/);
});

test('digit keys pick a choice on a plain stream', async () => {
  const { input, io } = harness('en', false);
  const p = io.choice('pick', [{ value: 'a', label: { en: 'A', pl: 'A' } }, { value: 'b', label: { en: 'B', pl: 'B' } }, { value: 'c', label: { en: 'C', pl: 'C' } }]);
  await type(input, ['3']);
  assert.equal(await p, 'c');
  io.close();
});

test('Ctrl-C and end of input abort cleanly; backspace edits', async () => {
  const a = harness();
  const p1 = a.io.text('name?');
  await type(a.input, ['ab', '\x7f', 'c\r']);
  assert.equal(await p1, 'ac');
  const p2 = assert.rejects(a.io.text('again?'), QuestionAborted);
  await type(a.input, ['\x03']);
  await p2;
  a.io.close();
  const b = harness();
  const p3 = assert.rejects(b.io.choice('x', [{ value: 'a', label: { en: 'A', pl: 'A' } }]), QuestionAborted);
  b.input.end();
  await p3;
  b.io.close();
});

test('hostile pasted input: escape sequences and control bytes are dropped, huge lines are bounded', async () => {
  const { input, io } = harness();
  const p = io.text('error?');
  await type(input, ['\x1b[31mred\x1b[0m\x07 <script>', 'x'.repeat(70_000), '\r']);
  const v = await p;
  io.close();
  assert.ok(!v.includes('\x1b') && !v.includes('\x07'));
  assert.ok(v.startsWith('red <script>'));
  assert.ok(v.length <= 64 * 1024 + 2);
});

test('a pasted multi-line error stays in the error answer (plain and bracketed paste); a file path is checked when typed', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'mailmedic-interactive-'));
  const bounce = join(dir, 'bounce.eml');
  writeFileSync(bounce, 'From: MAILER-DAEMON@x.example\n\nx\n');
  try {
    for (const lang of ['en', 'pl'] as const) {
      // A plain paste arrives as one chunk: its line breaks are not answers.
      const { input, io, shown } = harness(lang);
      const answers: DoctorAnswers = { case: 'vps-send', from: 'a@example.test', ip: '192.0.2.1', domain: 'example.test', to: 'b@example.test', sentAt: 'today' };
      const done = interview(io, answers, lang);
      await type(input, ['550 5.7.1 Service unavailable;\r  Client host [192.0.2.1] blocked\r  using zen.example.test\r']);
      await type(input, [join(dir, 'missing.eml') + '\r', dir + '\r', bounce + '\r']);   // missing, a folder, then the real file
      await type(input, [dir + '\r']);                                                     // the log: a folder is fine
      await type(input, ['live\r']);                                                       // the queue: the word "live"
      await done;
      io.close();
      assert.equal(answers.error, '550 5.7.1 Service unavailable;\n  Client host [192.0.2.1] blocked\n  using zen.example.test');
      assert.equal(answers.bounceFile, bounce);
      assert.equal(answers.logFile, dir);
      assert.equal(answers.queueFile, 'live');
      if (lang === 'en') {
        assert.match(shown(), /Cannot read .*missing\.eml: no such file\. Give the path again, or leave it empty\./);
        assert.match(shown(), /Cannot read .*: it is a directory, not a file\./);
        assert.match(shown(), /paste it whole: several lines are fine/);
      } else {
        assert.match(shown(), /Nie da się odczytać .*missing\.eml: nie ma takiego pliku\. Podaj ścieżkę jeszcze raz albo zostaw puste\./);
      }
    }
    // Bracketed paste (a real terminal marks pasted text): the trailing line break is kept, Enter then answers.
    const { input, io } = harness('en', true);
    const answers: DoctorAnswers = { case: 'vps-send', from: 'a@example.test', ip: '192.0.2.1', domain: 'example.test', to: 'b@example.test', sentAt: 'today' };
    const done = interview(io, answers, 'en');
    await type(input, ['\x1b[200~451 4.7.1 Greylisted\r', 'please retry\r\x1b[201~', '\r']);
    await type(input, ['\r', '\r', '\r']);
    await done;
    io.close();
    assert.equal(answers.error, '451 4.7.1 Greylisted\nplease retry');
    assert.equal(answers.bounceFile, undefined);
    // A single-line question: pasted lines become one line.
    const one = harness('en');
    const a2: DoctorAnswers = { case: 'vps-send' };
    const d2 = interview(one.io, a2, 'en');
    await type(one.input, ['alice@example.test\rbob@example.test\r']);
    await type(one.input, ['192.0.2.1\r']);
    one.input.end();
    await d2.catch(() => undefined);
    one.io.close();
    assert.equal(a2.from, 'alice@example.test bob@example.test');
    assert.equal(a2.ip, '192.0.2.1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
