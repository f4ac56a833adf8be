// One input layer (issue 16): every command that reads input answers the same bad input the same way — the same
// sentence in the reader's language and the same exit code (64 nothing to read, 66 cannot read).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { CLI } from '../helpers/env.js';
import { baseEnv } from './usage-cases.js';

const run = (args: string[], input = '') => spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: baseEnv(), timeout: 60_000 });

const READERS: { name: string; stdin: string[]; file: (p: string) => string[] }[] = [
  { name: 'explain', stdin: ['explain', '-'], file: (p) => ['explain', '--file', p] },
  { name: 'bounce', stdin: ['bounce', '-'], file: (p) => ['bounce', p] },
  { name: 'logs', stdin: ['logs', 'summary', '-'], file: (p) => ['logs', 'summary', p] },
  { name: 'logs', stdin: ['logs', 'problems', '-'], file: (p) => ['logs', 'problems', p] },
  { name: 'message', stdin: ['message', '-'], file: (p) => ['message', p] },
  { name: 'queue', stdin: ['queue', '-'], file: (p) => ['queue', p] },
];

test('empty standard input: exit 64 and "nothing to read" in the reader\'s language, in every command that reads', () => {
  for (const r of READERS) {
    for (const lang of ['en', 'pl'] as const) {
      const out = run([...r.stdin, '--lang', lang]);
      assert.equal(out.status, 64, `${r.stdin.join(' ')} --lang ${lang}: ${out.stderr}`);
      assert.match(out.stderr, lang === 'en' ? /standard input is empty/ : /wejście standardowe jest puste/, r.stdin.join(' '));
      assert.doesNotMatch(out.stderr, /\n\s+at /);
    }
  }
});

test('a missing file: exit 66 and "cannot read <path>: no such file" in the reader\'s language, in every command that reads', () => {
  for (const r of READERS) {
    for (const lang of ['en', 'pl'] as const) {
      const out = run([...r.file('/nonexistent/mailmedic-input'), '--lang', lang]);
      assert.equal(out.status, 66, `${r.file('x').join(' ')} --lang ${lang}: ${out.stderr}`);
      assert.match(out.stderr, lang === 'en' ? /cannot read \/nonexistent\/mailmedic-input: no such file/ : /nie można odczytać \/nonexistent\/mailmedic-input: nie ma takiego pliku/, r.name);
      assert.doesNotMatch(out.stderr, /ENOENT|\n\s+at /, r.name);
    }
  }
});
