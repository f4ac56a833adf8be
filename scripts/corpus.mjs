#!/usr/bin/env node
// `npm run corpus`: score the bounce reader on the shared corpus (../shared/corpus/bounces/sisimai) against its
// expectations, recipients by address (test/bounce/corpus-recipients.tsv), and leave-one-family-out (each
// family scored with the format module and provider table named after it switched off).
//   --record   write the scores to test/bounce/corpus-score.json (the floor the regression test enforces)
//   --misses   list every missed recipient with the rule that decided, and every extra recipient reported
//   --families per-family figures, in corpus and left out
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { loadSisimaiCorpus, scoreItems, leaveOneFamilyOut } = await import(join(root, 'dist', 'src', 'bounce', 'corpus.js'));
const { familyKnowledge } = await import(join(root, 'dist', 'test', 'bounce', 'families.js'));
const dir = resolve(root, '..', 'shared', 'corpus', 'bounces', 'sisimai');
const items = loadSisimaiCorpus(dir, join(root, 'test', 'bounce', 'corpus-recipients.tsv'));
const s = scoreItems(items);
const lofo = leaveOneFamilyOut(items, familyKnowledge);
const recordFile = join(root, 'test', 'bounce', 'corpus-score.json');
const recorded = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : undefined;

const KEYS = [['recipients found (recall)', 'recipients', 'found', 'expected'], ['recipients right (precision)', 'precision', 'reportedRight', 'reported'],
  ['files exactly right', 'exact', 'exactFiles', 'files'], ['reason agreement', 'reason', 'reasonAgree', 'expected'],
  ['hard/soft agreement', 'hard', 'hardAgree', 'expected'], ['status agreement', 'status', 'statusAgree', 'statusCompared'],
  ['non-bounces recognised', 'nonBounces', 'nonBouncesRecognised', 'nonBounces']];
console.log(`bounce corpus: ${dir}`);
console.log(`messages: ${s.messages}, expected recipients: ${s.expected}`);
console.log(`${''.padEnd(30)} ${'in corpus'.padStart(18)}   ${'left-out family'.padStart(18)}`);
for (const [name, key, a, b] of KEYS) {
  const cmp = (now, was) => (was === undefined ? '' : now < was ? ` (DROPPED from ${was}%)` : now > was ? ` (up from ${was}%)` : '');
  const col = (sc, rec) => `${String(sc.pct[key]).padStart(5)}% ${`${sc[a]}/${sc[b]}`.padStart(9)}${cmp(sc.pct[key], rec?.[key])}`;
  console.log(`${name.padEnd(30)} ${col(s, recorded?.pct)}   ${col(lofo.total, recorded?.leftOut)}`);
}
console.log(`speed: ${s.messagesPerSecond} messages/second (one cold pass, parse + classify in process; steady state: npm run bench)`);
const conf = Object.entries(s.confusion).sort((x, y) => y[1].count - x[1].count);
if (conf.length) {
  console.log('\nconfusion of misses (expected → got):');
  for (const [k, v] of conf) console.log(`  ${String(v.count).padStart(3)}  ${k.padEnd(34)} e.g. ${v.files.join(', ')}`);
}
if (process.argv.includes('--families')) {
  console.log('\nper family: files, reason agreement in corpus → left out (excluded knowledge)');
  for (const [f, v] of Object.entries(lofo.families).sort()) {
    const a = s.families[f];
    if (!a) continue;
    const p = (x, y) => (y ? Math.round((x / y) * 1000) / 10 : 100);
    console.log(`  ${f.padEnd(26)} ${String(a.files).padStart(3)}  ${String(p(a.reasonAgree, a.expected)).padStart(5)}% → ${String(p(v.score.reasonAgree, v.score.expected)).padStart(5)}%` +
      `  recall ${p(v.score.found, v.score.expected)}% precision ${p(v.score.reportedRight, v.score.reported)}%  [${[...v.excluded.formats, ...v.excluded.providers.map((x) => `provider:${x}`)].join(', ')}]`);
  }
}
if (process.argv.includes('--misses')) {
  console.log('\nmisses (in corpus):');
  for (const m of s.misses) console.log(`${m.file}\t${m.recipient}\t${m.expected} → ${m.got}\t${m.rule ?? ''}`);
  console.log('\nextra recipients reported (in corpus):');
  for (const m of s.extras) console.log(`${m.file}\t${m.recipient}\t${m.rule}`);
  console.log('\nmisses (left out only):');
  const inCorpus = new Set(s.misses.map((m) => `${m.file}#${m.recipient}`));
  for (const m of lofo.total.misses) if (!inCorpus.has(`${m.file}#${m.recipient}`)) console.log(`${m.file}\t${m.recipient}\t${m.expected} → ${m.got}\t${m.rule ?? ''}`);
}
if (process.argv.includes('--record')) {
  writeFileSync(recordFile, JSON.stringify({ pct: s.pct, leftOut: lofo.total.pct }, null, 2) + '\n');
  console.log(`\nrecorded to ${recordFile}`);
}
