#!/usr/bin/env node
// `npm run corpus`: score the bounce reader on the shared corpus (../shared/corpus/bounces/sisimai) against
// its expectations; print the scores and the confusion (expected → got) of the misses.
//   --record   write the scores to test/bounce/corpus-score.json (the floor the regression test enforces)
//   --misses   list every missed recipient with the rule that decided
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { scoreBounceCorpus } = await import(join(root, 'dist', 'src', 'bounce', 'corpus.js'));
const dir = resolve(root, '..', 'shared', 'corpus', 'bounces', 'sisimai');
const s = scoreBounceCorpus(dir);
const recordFile = join(root, 'test', 'bounce', 'corpus-score.json');
const recorded = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : undefined;

const line = (name, v, n, d, key) => {
  const was = recorded?.pct?.[key];
  const cmp = was === undefined ? '' : v < was ? `  (DROPPED from ${was}%)` : v > was ? `  (up from ${was}%)` : '  (= recorded)';
  console.log(`${name.padEnd(24)} ${String(v).padStart(5)}%  ${n}/${d}${cmp}`);
};
console.log(`bounce corpus: ${dir}`);
console.log(`messages: ${s.messages}, expected recipients: ${s.expectedRecipients}`);
line('recipients found', s.pct.recipients, s.recipientsFound, s.expectedRecipients, 'recipients');
line('reason agreement', s.pct.reason, s.reasonAgree, s.expectedRecipients, 'reason');
line('hard/soft agreement', s.pct.hard, s.hardAgree, s.expectedRecipients, 'hard');
line('status agreement', s.pct.status, s.statusAgree, s.statusCompared, 'status');
line('non-bounces recognised', s.pct.nonBounces, s.nonBouncesRecognised, s.nonBounces, 'nonBounces');
console.log(`speed: ${s.messagesPerSecond} messages/second (one cold pass, parse + classify in process; steady state: npm run bench)`);
const conf = Object.entries(s.confusion).sort((a, b) => b[1].count - a[1].count);
if (conf.length) {
  console.log('\nconfusion of misses (expected → got):');
  for (const [k, v] of conf) console.log(`  ${String(v.count).padStart(3)}  ${k.padEnd(34)} e.g. ${v.files.join(', ')}`);
}
if (process.argv.includes('--misses')) for (const m of s.misses) console.log(`${m.file}#${m.index}\t${m.expected} → ${m.got}\t${m.rule ?? ''}`);
if (process.argv.includes('--record')) {
  writeFileSync(recordFile, JSON.stringify({ pct: s.pct, recipientsFound: s.recipientsFound, reasonAgree: s.reasonAgree,
    hardAgree: s.hardAgree, statusAgree: s.statusAgree, nonBouncesRecognised: s.nonBouncesRecognised }, null, 2) + '\n');
  console.log(`\nrecorded to ${recordFile}`);
}
