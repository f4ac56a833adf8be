import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scoreItems } from '../../src/bounce/corpus.js';
import { PROJECT_ROOT } from '../helpers/env.js';
import { loadRealMtaCorpus, realMtaReport } from './real-mta.js';

const DIR = join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'real-mta');

// DSNs and delay warnings written by real Exim, OpenSMTPD, Sendmail, Postfix, Haraka, dma and Courier failing on purpose (testenv/mtas/,
// scripts/gen-mta-bounces.mjs rebuilds them; expected reasons decided by the case): recipients by address
// (recall and precision), reasons and hard/soft never below the floor recorded in real-mta-score.json
// (`node scripts/real-mta-score.mjs --record` after the reader improves). The score table and every miss are printed.
for (const kind of ['final', 'delay'] as const) {
  test(`real-MTA bounces (${kind}): recipients and reasons never fall below the recorded scores`, () => {
    const floor = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'bounce', 'real-mta-score.json'), 'utf8')) as Record<string, Record<string, number>>)[kind]!;
    const items = loadRealMtaCorpus(DIR, kind);
    const s = scoreItems(items);
    const mtas = new Set(items.map((i) => i.family));
    if (kind === 'final') assert.ok(items.length >= 320 && mtas.size >= 7, `${items.length} messages from ${mtas.size} MTAs`);
    console.log(realMtaReport(kind, items, s).join('\n'));
    for (const k of ['recipients', 'precision', 'reason', 'hard'] as const) {
      assert.ok(s.pct[k] >= floor[k]!, `${k}: ${s.pct[k]}% < ${floor[k]}%; misses: ${s.misses.map((m) => `${m.file} ${m.expected}→${m.got}`).join(', ')}`);
    }
  });
}
