import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBounce } from '../../src/bounce/index.js';
import { PROJECT_ROOT } from '../helpers/env.js';

const FIX = join(PROJECT_ROOT, 'test', 'bounce', 'fixtures');

// Written after the public templates of those systems (Exchange's localised NDRs, Postfix and qmail texts with a
// provider's own preamble, a Japanese ISP's notice; Microsoft JMRP complaints, Apple Mail's unsubscribe requests):
// bounces whose sender or subject is in no English list, and feedback that is no failure.
test('bounces in other languages and from unusual senders are found, with the right recipient and reason', () => {
  const dir = join(FIX, 'languages');
  const rows = readFileSync(join(dir, 'expected.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  for (const [file, recipient, reason, hard] of rows) {
    const r = parseBounce(readFileSync(join(dir, file!)));
    assert.equal(r.isBounce, true, `${file}: not read as a bounce`);
    assert.deepEqual(r.recipients.map((x) => x.recipient), [recipient], `${file}: recipients`);
    assert.equal(r.recipients[0]!.reason, reason, `${file}: ${r.recipients[0]!.rule}`);
    assert.equal(String(r.recipients[0]!.hardBounce), hard, `${file}: hard/soft`);
  }
});

test('non-bounces (auto-replies in several languages, challenge-response, list notices, read receipts) are no failures', () => {
  const dir = join(FIX, 'not-bounces');
  const files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
  assert.ok(files.length >= 7);
  for (const f of files) {
    const r = parseBounce(readFileSync(join(dir, f)));
    const failures = r.recipients.filter((x) => x.reason !== 'vacation' && x.reason !== 'delivered' && x.reason !== 'feedback');
    assert.deepEqual(failures.map((x) => `${x.recipient} ${x.reason}`), [], `${f}: ${r.kind}`);
    if (r.isBounce) assert.equal(r.kind, 'auto-reply', f);
  }
});
