#!/usr/bin/env node
// Score the bounce reader on the real-MTA corpus (test/bounce/fixtures/real-mta/, from dist/ — build first): final
// DSNs and delay warnings apart, per MTA, with every miss (expected → got, the rule, the diagnostic it read).
//   --record  writes test/bounce/real-mta-score.json (the floor test/bounce/real-mta.test.ts enforces)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { scoreItems } = await import(join(root, 'dist', 'src', 'bounce', 'corpus.js'));
const { loadRealMtaCorpus, realMtaReport } = await import(join(root, 'dist', 'test', 'bounce', 'real-mta.js'));
const dir = join(root, 'test', 'bounce', 'fixtures', 'real-mta');
const recordFile = join(root, 'test', 'bounce', 'real-mta-score.json');
const recorded = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : {};
const record = {};
for (const kind of ['final', 'delay']) {
  const items = loadRealMtaCorpus(dir, kind);
  const s = scoreItems(items);
  record[kind] = s.pct;
  console.log(realMtaReport(kind, items, s).join('\n'));
  const was = recorded[kind] ?? {};
  const cmp = ['recipients', 'precision', 'reason', 'hard'].map((k) => `${k} ${s.pct[k]}%` +
    (was[k] === undefined ? '' : s.pct[k] < was[k] ? ` (DROPPED from ${was[k]}%)` : s.pct[k] > was[k] ? ` (up from ${was[k]}%)` : ' (= recorded)'));
  console.log(`  vs recorded: ${cmp.join(', ')}\n`);
}
if (process.argv.includes('--record')) {
  writeFileSync(recordFile, JSON.stringify(record, null, 2) + '\n');
  console.log(`recorded to ${recordFile}`);
}
