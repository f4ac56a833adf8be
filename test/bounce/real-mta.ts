/** The real-MTA corpus (test/bounce/fixtures/real-mta/, rebuilt by scripts/gen-mta-bounces.mjs) as scorer items. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBounce } from '../../src/bounce/index.js';
import type { CorpusItem, CorpusScore, ExpectedRecipient } from '../../src/bounce/corpus.js';

/**
 * expected.tsv: file, recipient_index, recipient, reason, hard, kind, why — one row per recipient a notice reports.
 * `kind` filters final DSNs or delay warnings (a non-bounce, recipient "-" and kind "none", counts with the finals).
 */
export function loadRealMtaCorpus(dir: string, kind?: 'final' | 'delay'): CorpusItem[] {
  const byFile = new Map<string, { kinds: Set<string>; expected: ExpectedRecipient[] }>();
  for (const line of readFileSync(join(dir, 'expected.tsv'), 'utf8').trim().split('\n').slice(1)) {
    const [file, , recipient, reason, hard, k] = line.split('\t');
    const e = byFile.get(file!) ?? { kinds: new Set<string>(), expected: [] };
    e.kinds.add(k!);
    // recipient "-": a message that is no bounce (an auto-reply): nothing may be read from it as a failure.
    if (recipient !== '-') e.expected.push({ recipient: recipient!, reason: reason!, hard: hard === 'true' });
    byFile.set(file!, e);
  }
  const items: CorpusItem[] = [];
  for (const [file, e] of byFile) {
    // A notice is a delay warning when every recipient it reports is delayed.
    const fileKind = e.kinds.has('final') || e.kinds.has('none') ? 'final' : 'delay';
    if (kind && fileKind !== kind) continue;
    items.push({ file, family: file.split('/')[0]!, raw: readFileSync(join(dir, file)), expected: e.expected });
  }
  return items;
}

/** The score table per MTA and every miss (expected → got, the reader's rule and the diagnostic it read), as lines. */
export function realMtaReport(kind: string, items: readonly CorpusItem[], s: CorpusScore): string[] {
  const out = [`real-MTA ${kind}: ${s.files} messages, ${s.expected} recipients from ${Object.keys(s.families).length} MTAs — ` +
    `recall ${s.pct.recipients}%, precision ${s.pct.precision}%, reason ${s.pct.reason}%, hard/soft ${s.pct.hard}%`];
  out.push(`  ${'MTA'.padEnd(10)} ${'files'.padStart(5)} ${'recall'.padStart(9)} ${'precision'.padStart(9)} ${'reason'.padStart(9)} ${'hard/soft'.padStart(9)}`);
  for (const [mta, t] of Object.entries(s.families)) {
    out.push(`  ${mta.padEnd(10)} ${String(t.files).padStart(5)} ${`${t.found}/${t.expected}`.padStart(9)} ` +
      `${`${t.reportedRight}/${t.reported}`.padStart(9)} ${`${t.reasonAgree}/${t.expected}`.padStart(9)} ${`${t.hardAgree}/${t.expected}`.padStart(9)}`);
  }
  const raw = new Map(items.map((i) => [i.file, i.raw]));
  for (const m of s.misses) {
    const r = parseBounce(raw.get(m.file)!).recipients.find((x) => x.recipient.toLowerCase() === m.recipient.toLowerCase());
    const diag = (r?.diagnosticCode ?? '').replace(/\s+/g, ' ').slice(0, 160);
    out.push(`  miss  ${m.file}  ${m.recipient}  ${m.expected} → ${m.got}  [${m.rule ?? ''}]${diag ? `  "${diag}"` : ''}`);
  }
  for (const x of s.extras) out.push(`  extra ${x.file}  ${x.recipient}  [${x.rule}]`);
  return out;
}
