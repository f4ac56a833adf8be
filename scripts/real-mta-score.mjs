#!/usr/bin/env node
// Score the bounce reader on the real-MTA corpus (test/bounce/fixtures/real-mta/): final DSNs and delay warnings
// apart, per MTA, with every miss.   --record  writes test/bounce/real-mta-score.json (the test's floor)
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { scoreItems } = await import(join(root, 'dist', 'src', 'bounce', 'corpus.js'));
const { loadRealMtaCorpus } = await import(join(root, 'dist', 'test', 'bounce', 'real-mta.js'));
const dir = join(root, 'test', 'bounce', 'fixtures', 'real-mta');
const record = {};
for (const kind of ['final', 'delay']) {
  const s = scoreItems(loadRealMtaCorpus(dir, kind));
  record[kind] = s.pct;
  console.log(`${kind}: ${s.files} messages, ${s.expected} recipients — recall ${s.pct.recipients}%, precision ${s.pct.precision}%, reason ${s.pct.reason}%, hard/soft ${s.pct.hard}%`);
  for (const [fam, t] of Object.entries(s.families)) console.log(`  ${fam.padEnd(10)} reason ${t.reasonAgree}/${t.expected}, recipients ${t.found}/${t.expected}, reported right ${t.reportedRight}/${t.reported}`);
  for (const m of s.misses) console.log(`  miss ${m.file}\t${m.recipient}\t${m.expected} → ${m.got}\t${m.rule ?? ''}`);
  for (const m of s.extras) console.log(`  extra ${m.file}\t${m.recipient}\t${m.rule}`);
}
if (process.argv.includes('--record')) {
  writeFileSync(join(root, 'test', 'bounce', 'real-mta-score.json'), JSON.stringify(record, null, 2) + '\n');
  console.log('recorded');
}
