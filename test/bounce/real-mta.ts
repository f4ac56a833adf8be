/** The real-MTA corpus (test/bounce/fixtures/real-mta/, rebuilt by scripts/gen-mta-bounces.mjs) as scorer items. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CorpusItem, ExpectedRecipient } from '../../src/bounce/corpus.js';

export function loadRealMtaCorpus(dir: string, kind?: 'final' | 'delay'): CorpusItem[] {
  const byFile = new Map<string, { kind: string; expected: ExpectedRecipient[] }>();
  for (const line of readFileSync(join(dir, 'expected.tsv'), 'utf8').trim().split('\n').slice(1)) {
    const [file, , recipient, reason, hard, k] = line.split('\t');
    const e = byFile.get(file!) ?? { kind: k!, expected: [] };
    e.expected.push({ recipient: recipient!, reason: reason!, hard: hard === 'true' });
    byFile.set(file!, e);
  }
  const items: CorpusItem[] = [];
  for (const [file, e] of byFile) {
    if (kind && e.kind !== kind) continue;
    items.push({ file, family: file.split('/')[0]!, raw: readFileSync(join(dir, file)), expected: e.expected });
  }
  return items;
}
