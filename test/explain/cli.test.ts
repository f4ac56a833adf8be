import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/env.js';

function run(args: string[], input?: string | Buffer, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, 'explain', ...args], {
    input: input ?? '', encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', ...env }, timeout: 60000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const AUTH = '550 5.7.26 This message does not have authentication information or fails to pass authentication checks';

test('terminal output in English and Polish, exit code from the worst finding', () => {
  const en = run([AUTH]);
  assert.equal(en.code, 2, en.err);
  assert.match(en.out, /authfailure/);
  assert.match(en.out, /mailmedic domain /);
  const pl = run(['--lang', 'pl', 'Połączenie', 'wymaga', 'szyfrowania']);
  assert.equal(pl.code, 2);
  assert.match(pl.out, /Połączenie wymaga szyfrowania/);
  assert.match(pl.out, /Co zrobić/);
  assert.equal(run(['421 4.7.0 Too many connections']).code, 1);
  assert.equal(run(['250 2.0.0 Ok: queued']).code, 0);
  assert.equal(run(['the printer is on fire']).code, 1);
  // Language from the environment.
  assert.match(run(['maildir over quota'], undefined, { LANG: 'pl_PL.UTF-8' }).out, /Skrzynka odbiorcy jest pełna/);
});

test('--json gives data.diagnoses in order with reason, permanence, actor, codes, rule and both texts', () => {
  const r = run(['--json'], '550 5.1.1 <bob@example.com>: user unknown\nmaildir over quota\n');
  assert.equal(r.code, 2, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.schema, 'mailmedic.report');
  assert.equal(j.command, 'explain');
  assert.equal(j.subject, 'stdin');
  const ds = j.data.diagnoses;
  assert.equal(ds.length, 2);
  assert.equal(ds[0].reason, 'userunknown');
  assert.deepEqual(ds[0].codes, ['550', '5.1.1']);
  assert.equal(ds[1].reason, 'mailboxfull');
  for (const d of ds) {
    for (const k of ['reason', 'permanence', 'actor', 'retry', 'codes', 'rule', 'title', 'meaning', 'advice', 'seeAlso']) assert.ok(k in d, k);
    assert.ok(['temporary', 'permanent', 'unknown'].includes(d.permanence));
    assert.ok(d.title.en && d.title.pl);
  }
  assert.equal(j.findings.length, 2);
  assert.equal(j.findings[0].diagnosis.replyCode, 550);
});

test('--markdown, --html, --csv and --output', () => {
  const md = run(['--markdown', AUTH]);
  assert.match(md.out, /^#/m);
  const html = run(['--html', '--lang', 'pl', AUTH]);
  assert.match(html.out, /<html/i);
  assert.match(html.out, /uwierzytelni/);
  const csv = run(['--csv', AUTH]);
  assert.ok(csv.out.split('\n').length >= 2);
  const dir = mkdtempSync(join(tmpdir(), 'mm-explain-'));
  const out = join(dir, 'r.json');
  const o = run(['--json', '--output', out, AUTH]);
  assert.equal(o.out, '');
  assert.equal(o.code, 2);
});

test('input from stdin ("-"), from --file (legacy Polish encoding), and clear errors', () => {
  assert.match(run(['-'], 'Relay access denied').out, /norelaying/);
  const dir = mkdtempSync(join(tmpdir(), 'mm-explain-'));
  const file = join(dir, 'error.txt');
  writeFileSync(file, Buffer.from([...Buffer.from('Skrzynka jest przepe'), 0xb3, ...Buffer.from('niona')]));
  const f = run(['--file', file, '--lang', 'pl']);
  assert.equal(f.code, 1, f.err);
  assert.match(f.out, /Skrzynka jest przepełniona/);

  const missing = run(['--file', join(dir, 'nope.txt')]);
  assert.equal(missing.code, 66);
  assert.match(missing.err, /cannot read .*no such file/);
  const isDir = run(['--file', dir]);
  assert.equal(isDir.code, 66);
  assert.match(isDir.err, /directory/);

  const empty = run([], '   \n');
  assert.equal(empty.code, 64);
  assert.match(empty.err, /nothing to explain/);
  writeFileSync(join(dir, 'empty.txt'), '');
  assert.equal(run(['--file', join(dir, 'empty.txt')]).code, 64);
  assert.equal(run(['--nope', 'x']).code, 64);
  assert.equal(run(['--file', file, 'text too']).code, 64);
});

test('binary input (garbage, a program) is not text: a clear answer in both languages and exit 65, no crash', () => {
  const buf = Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 131 + 7) % 256));
  const r = spawnSync(process.execPath, [CLI, 'explain', '--json'], { input: buf, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 65, r.stderr);
  assert.match(r.stderr, /stdin is not text/);
  const pl = spawnSync(process.execPath, [CLI, 'explain', '--lang', 'pl', '--file', '/bin/ls'], { encoding: 'utf8', timeout: 60000 });
  assert.equal(pl.status, 65);
  assert.match(pl.stderr, /to nie tekst/);
});

test('--domain and --ip fill the suggested commands; nonsense is a usage error', () => {
  const r = run(['--json', '--domain', 'example.org', '--ip', '192.0.2.5', '550 5.7.25 no PTR']);
  const d = JSON.parse(r.out).data.diagnoses[0];
  assert.ok(d.seeAlso.includes('mailmedic domain example.org --ip 192.0.2.5'), d.seeAlso.join('; '));
  assert.equal(run(['--domain', 'not a domain', 'x']).code, 64);
  assert.equal(run(['--ip', 'nope', 'x']).code, 64);
});

test('10 MB on standard input: an answer in seconds, not a hang', () => {
  const line = '550 5.1.1 <u@example.com>: Recipient address rejected: User unknown\n';
  const big = line.repeat(Math.ceil((10 * 1024 * 1024) / line.length));
  const t0 = performance.now();
  const r = run(['--json'], big);
  assert.equal(r.code, 2, r.err);
  const j = JSON.parse(r.out);
  assert.equal(j.data.diagnoses.length, 1);
  assert.ok(j.data.diagnoses[0].count > 100000);
  assert.ok(performance.now() - t0 < 30000);
});

test('explain reports only on text that looks like mail errors', () => {
  const diag = (t: string) => (JSON.parse(run(['--json', t]).out).data.diagnoses as { recognised: boolean; codes: string[]; reason: string }[]);
  // Ordinary sentences with words or numbers that also occur in bounces: nothing recognised, exit 1 (not 2).
  for (const t of ['Your account is listed on our website', 'The meeting is at 550 Main Street', 'Our office is blacklisted by nobody']) {
    assert.deepEqual(diag(t).map((d) => d.recognised), [false], t);
    assert.equal(run([t]).code, 1, t);
  }
  // The same words in a mail context, or a code where a reply stands, are found.
  assert.equal(diag('Your IP is listed in Spamhaus, mail rejected')[0]!.reason, 'blocked');
  assert.deepEqual(diag('Remote server returned 550 user unknown')[0]!.codes, ['550']);
  assert.deepEqual(diag('blad 550 przy wysylaniu')[0]!.codes, ['550']);
  assert.equal(diag('User unknown')[0]!.reason, 'userunknown');
});

test('over the 64 MiB limit of explain (a file, a device that never ends, standard input): exit 65 with a sentence, no stack', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailmedic-explain-big-'));
  const big = join(dir, 'big.txt');
  writeFileSync(big, '');
  truncateSync(big, 65 * 1024 * 1024); // sparse: no 65 MB written
  for (const [args, input, lang] of [[['--file', big], undefined, 'en'], [['--file', '/dev/zero', '--lang', 'pl'], undefined, 'pl'], [['-'], Buffer.alloc(65 * 1024 * 1024, 0x61), 'en']] as const) {
    const r = run([...args], input);
    assert.equal(r.code, 65, r.err);
    assert.match(r.err, lang === 'en' ? /is over 64 MiB, the limit of explain: give the lines with the error/ : /ma ponad 64 MiB, limit polecenia explain/);
    assert.doesNotMatch(r.err, /\n\s+at /);
  }
});
