// bounce over many messages: terminal, --csv and --jsonl are written message by message (memory does not grow with
// the input: the test runs the CLI with a 48 MB heap over 8,000 bounces, which the collecting version could not),
// --json says how to stream when it is too big for one document, and a message over the limit is "not checked"
// (a device that never ends, such as /dev/zero, included) while the rest still counts.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { bounceCsvRows, BOUNCE_CSV_COLUMNS, readBounces, type BounceItem } from '../../src/bounce/index.js';
import { renderCsv } from '../../src/report/csv.js';
import { CLI, PROJECT_ROOT } from '../helpers/env.js';
import { baseEnv } from '../cli/usage-cases.js';

const DIR = join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'real-mta', 'postfix');
const tmp = mkdtempSync(join(tmpdir(), 'mailmedic-bounce-stream-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], opts: { heapMb?: number } = {}) {
  const node = opts.heapMb ? [`--max-old-space-size=${opts.heapMb}`] : [];
  const r = spawnSync(process.execPath, [...node, CLI, ...args], { encoding: 'utf8', env: baseEnv(), timeout: 120_000, maxBuffer: 512 * 1024 * 1024 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** An mbox of `n` messages cycling through the real Postfix bounces of the fixtures. */
function mbox(n: number): string {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(join(DIR, f), 'latin1')
    .replace(/\r\n/g, '\n').replace(/^From /gm, '>From '));
  const path = join(tmp, `many-${n}.mbox`);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`From MAILER-DAEMON Sat Dec  5 09:00:00 2026\n${files[i % files.length]}\n`);
  writeFileSync(path, parts.join(''), 'latin1');
  return path;
}

test('bounce streams: 8,000 bounces in a 48 MB heap as CSV, JSON Lines and the terminal view; the streamed CSV is the collected one', async () => {
  const big = mbox(8000);
  const jsonl = cli(['bounce', big, '--jsonl'], { heapMb: 48 });
  assert.equal(jsonl.signal, null, jsonl.stderr.slice(-500));
  assert.equal(jsonl.code, 2, jsonl.stderr.slice(-500));
  const lines = jsonl.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 8000);
  const records = lines.map((l) => JSON.parse(l) as { file: string; index: number; isBounce: boolean; recipients: unknown[] });
  assert.deepEqual(records.map((r) => r.index), Array.from({ length: 8000 }, (_, i) => i + 1));
  assert.ok(records.every((r) => r.isBounce && r.recipients.length >= 1));
  const recipients = records.reduce((n, r) => n + r.recipients.length, 0);

  const csv = cli(['bounce', big, '--csv'], { heapMb: 48 });
  assert.equal(csv.code, 2, csv.stderr.slice(-500));
  assert.equal(csv.stdout.trimEnd().split('\r\n').length, recipients + 1, 'a header and one row per recipient');

  const term = cli(['bounce', big, '--lang', 'pl'], { heapMb: 48 });
  assert.equal(term.code, 2, term.stderr.slice(-500));
  assert.match(term.stdout, new RegExp(`Odbiorcy według przyczyny \\(${recipients} w 8000 zwrotach z 8000 wiadomości\\)`));
  assert.ok(term.stdout.includes(`── ${big} #8000`), 'every message under its file and place in the mbox');

  // Streamed CSV of a folder = the CSV of the collected items.
  const items: BounceItem[] = [];
  for await (const it of readBounces([DIR])) items.push(it);
  assert.equal(cli(['bounce', DIR, '--csv']).stdout, renderCsv(BOUNCE_CSV_COLUMNS, bounceCsvRows(items)));
});

test('bounce on a folder: each message under the name of its file, then recipients per reason, in both languages', () => {
  const en = cli(['bounce', DIR]);
  const files = readdirSync(DIR).filter((f) => f.endsWith('.eml'));
  for (const f of files) assert.ok(en.stdout.includes(`── ${join(DIR, f)}\n`), f);
  assert.match(en.stdout, /Recipients per reason \(\d+ in \d+ bounce\(s\) of \d+ message\(s\)\)\nreason +recipients +hard +share +messages/);
  assert.match(en.stdout, /^userunknown +\d+ +\d+ +\d+ % +\d+$/m);
  const pl = cli(['bounce', DIR, '--lang', 'pl']);
  assert.match(pl.stdout, /przyczyna +odbiorcy +twarde +udział +wiadomości/);
  assert.match(pl.stdout, /błędy: \d+, ostrzeżenia: \d+/);
  // One message: the report as it always was (no section line, no table).
  const one = cli(['bounce', join(DIR, files[0]!)]);
  assert.ok(!one.stdout.includes('── ') && !one.stdout.includes('Recipients per reason'));
  // A permanent refusal that is not a hard bounce says what that means, not "Soft bounce." beside "permanent".
  assert.doesNotMatch(en.stdout, /Soft bounce\.\n/);
});

test('bounce --json over 10,000 messages: exit 65 with how to stream; --jsonl with another format is a usage error', () => {
  const path = join(tmp, 'tiny.mbox');
  writeFileSync(path, 'From x Sat Dec  5 09:00:00 2026\nSubject: hi\n\nhello\n\n'.repeat(10_001));
  for (const lang of ['en', 'pl']) {
    const r = cli(['bounce', path, '--json', '--lang', lang]);
    assert.equal(r.code, 65, r.stderr);
    assert.match(r.stderr, lang === 'en' ? /more than 10000 messages for one --json document: use --jsonl/ : /ponad 10000 wiadomości na jeden dokument --json: użyj --jsonl/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack');
  }
  const ok = cli(['bounce', path, '--jsonl']);
  assert.equal(ok.code, 0);
  assert.equal(ok.stdout.trimEnd().split('\n').length, 10_001);
  assert.equal(cli(['bounce', path, '--jsonl', '--csv']).code, 64);
});

test('bounce /dev/zero (as a file and on stdin) ends: over the limit for one message, not checked, in both languages', () => {
  const file = cli(['bounce', '/dev/zero', '--json']);
  assert.equal(file.code, 1, file.stderr);
  const rep = JSON.parse(file.stdout) as { findings: { check: string; status: string; summary: { en: string; pl: string } }[] };
  assert.equal(rep.findings[0]!.check, 'bounce.unreadable');
  assert.equal(rep.findings[0]!.status, 'unknown');
  assert.match(rep.findings[0]!.summary.en, /^Not checked: over 64 MiB, the limit for one message: not read/);
  assert.match(rep.findings[0]!.summary.pl, /^Nie sprawdzono: ponad 64 MiB, limit jednej wiadomości: nie przeczytano/);
  const r = spawnSync('sh', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} bounce - --lang pl < /dev/zero`], { encoding: 'utf8', env: baseEnv(), timeout: 60_000 });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /Nie sprawdzono: ponad 64 MiB/);
  // A missing file among good ones: not checked in the reader's language, the others still read.
  const mixed = cli(['bounce', join(tmp, 'missing.eml'), DIR, '--lang', 'pl']);
  assert.match(mixed.stdout, /Nie sprawdzono: nie da się odczytać pliku: nie ma takiego pliku\./);
  assert.match(mixed.stdout, /userunknown/);
});

test('a reader that goes away (| head -1) ends the run quietly: exit 0, no stack', () => {
  const big = mbox(3000);
  for (const fmt of ['--jsonl', '--csv', '']) {
    const r = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} bounce ${JSON.stringify(big)} ${fmt} | head -1 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`], { encoding: 'utf8', env: baseEnv(), timeout: 120_000 });
    assert.match(r.stdout, /exit=0/, `${fmt}: ${r.stderr.slice(0, 300)}`);
    assert.doesNotMatch(r.stderr, /EPIPE|\n\s+at /, fmt);
  }
});
