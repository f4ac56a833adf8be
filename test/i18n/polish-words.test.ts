// Polish where a person reads (issue 16): every command's Polish report — findings' summaries, details and advice,
// tables' titles, columns and row labels — has no English sentence words. Data (addresses, host names, server
// replies in quotes or brackets, header and command names, identifiers) is what it is and is left out of the scan.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, PROJECT_ROOT } from '../helpers/env.js';
import { baseEnv } from '../cli/usage-cases.js';
import { ENGLISH, words } from '../helpers/polish-words.js';

const F = (...p: string[]) => join(PROJECT_ROOT, 'test', ...p);

const RUNS: string[][] = [
  ['explain', '550 5.1.1 <a@b.example>: Recipient address rejected: User unknown in virtual mailbox table'],
  ['explain', '421 4.7.0 Try again later, closing connection. (EHLO) - gsmtp'],
  ['explain', '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org'],
  ['bounce', F('bounce', 'fixtures', 'real-mta'), '--recursive'],
  ['bounce', F('bounce', 'fixtures', 'languages')],
  ['logs', 'summary', F('logs', 'fixtures', 'filters', 'maillog')],
  ['logs', 'problems', F('logs', 'fixtures', 'filters', 'maillog')],
  ['logs', 'trace', F('logs', 'fixtures', 'filters', 'maillog'), '--to', 'bob@example.test'],
  ['queue', F('queue', 'fixtures', 'postfix-postqueue-j.jsonl')],
  ['queue', F('queue', 'fixtures', 'exim-bp-frozen.txt')],
  ['queue', F('queue', 'fixtures', 'sendmail-mailq.txt')],
];

interface T { en: string; pl: string }
interface Rep { findings: { check: string; summary: T; detail?: T; advice?: T[] }[]; tables?: { title: T; columns: T[]; rowLabels?: T[] }[] }

test('every command\'s Polish report has no English sentence words outside data', () => {
  const found: string[] = [];
  let texts = 0;
  for (const args of RUNS) {
    const r = spawnSync(process.execPath, [CLI, ...args, '--lang', 'pl', '--json'], { encoding: 'utf8', env: baseEnv(), maxBuffer: 1 << 28, timeout: 120_000 });
    const rep = JSON.parse(r.stdout) as Rep;
    const check = (where: string, t: T | undefined) => {
      if (!t) return;
      texts++;
      for (const w of words(t.pl)) if (ENGLISH.has(w.toLowerCase())) found.push(`${args.slice(0, 2).join(' ')} ${where}: "${w}" in ${t.pl.slice(0, 160)}`);
    };
    for (const f of rep.findings) {
      check(`${f.check} summary`, f.summary);
      check(`${f.check} detail`, f.detail);
      for (const a of f.advice ?? []) check(`${f.check} advice`, a);
    }
    for (const t of rep.tables ?? []) {
      check('table title', t.title);
      for (const c of t.columns) check('table column', c);
      for (const l of t.rowLabels ?? []) check('table row', l);
    }
  }
  assert.ok(texts > 500, `${texts} Polish texts scanned`);
  // The scan itself: an English sentence is caught, data is not.
  assert.deepEqual(words('Serwer odrzucił: the message was not delivered').filter((w) => ENGLISH.has(w)), ['the', 'was', 'not']);
  assert.deepEqual(words('Adres this-is-not@example.com („the reply”) [from x] (MAIL FROM)').filter((w) => ENGLISH.has(w)), []);
  assert.deepEqual([...new Set(found)], []);
});
