/**
 * Scoring the bounce reader against a corpus with expectations (the shared Sisimai set): recipients found,
 * reason / hard-soft / status agreement, non-bounces recognised, speed, and the confusion of misses.
 * Used by `npm run corpus` (scripts/corpus.mjs) and by the regression test in test/bounce/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBounce } from './parse.js';
import type { BounceResult } from './types.js';

export interface CorpusScore {
  messages: number;
  expectedRecipients: number;
  recipientsFound: number;
  reasonAgree: number;
  hardAgree: number;
  statusCompared: number;
  statusAgree: number;
  nonBounces: number;
  nonBouncesRecognised: number;
  /** Percentages (0–100), rounded to 0.1. */
  pct: { recipients: number; reason: number; hard: number; status: number; nonBounces: number };
  messagesPerSecond: number;
  /** "expected → got" → count and up to 3 example files. */
  confusion: Record<string, { count: number; files: string[] }>;
  misses: { file: string; index: number; expected: string; got: string; rule?: string }[];
}

interface Row { file: string; index: number; status: string; reply: string; reason: string; hard: boolean }

function pct(a: number, b: number): number {
  return b ? Math.round((a / b) * 1000) / 10 : 100;
}

/** Score the corpus under `dir` (holding eml/, not/ and expectations.tsv). */
export function scoreBounceCorpus(dir: string): CorpusScore {
  const rows: Row[] = readFileSync(join(dir, 'expectations.tsv'), 'utf8').split('\n').slice(1).filter(Boolean).map((l) => {
    const [file, index, status, reply, reason, hard] = l.split('\t');
    return { file: file!, index: Number(index), status: status ?? '', reply: reply ?? '', reason: reason ?? '', hard: hard === 'true' };
  });
  const byFile = new Map<string, Row[]>();
  for (const r of rows) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
  const files = [...byFile.keys()];
  const notDir = join(dir, 'not');
  const notFiles = readdirSync(notDir).filter((n) => n.endsWith('.eml'));
  const contents = files.map((f) => readFileSync(join(dir, 'eml', f)));
  const notContents = notFiles.map((f) => readFileSync(join(notDir, f)));

  const t0 = process.hrtime.bigint();
  const results: BounceResult[] = contents.map((c) => parseBounce(c));
  const notResults = notContents.map((c) => parseBounce(c));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;

  const s: CorpusScore = {
    messages: files.length + notFiles.length, expectedRecipients: rows.length, recipientsFound: 0, reasonAgree: 0, hardAgree: 0,
    statusCompared: 0, statusAgree: 0, nonBounces: notFiles.length, nonBouncesRecognised: notResults.filter((r) => !r.isBounce).length,
    pct: { recipients: 0, reason: 0, hard: 0, status: 0, nonBounces: 0 },
    messagesPerSecond: Math.round((files.length + notFiles.length) / Math.max(secs, 1e-6)),
    confusion: {}, misses: [],
  };
  files.forEach((f, i) => {
    const res = results[i]!;
    for (const row of byFile.get(f)!) {
      const got = res.recipients[row.index - 1];
      const key = `${row.reason} → ${got ? got.reason : '(none)'}`;
      if (got) s.recipientsFound++;
      if (got && got.reason === row.reason) s.reasonAgree++;
      else {
        const c = (s.confusion[key] ??= { count: 0, files: [] });
        c.count++;
        if (c.files.length < 3) c.files.push(f);
        s.misses.push({ file: f, index: row.index, expected: row.reason, got: got?.reason ?? '(none)', ...(got ? { rule: got.rule } : {}) });
      }
      if (got && got.hardBounce === row.hard) s.hardAgree++;
      // Sisimai writes X.0.9xx placeholders when a bounce has no code: not comparable.
      if (row.status && !/^\d\.0\.9\d\d$/.test(row.status)) {
        s.statusCompared++;
        if (got?.status === row.status) s.statusAgree++;
      }
    }
  });
  s.pct = {
    recipients: pct(s.recipientsFound, s.expectedRecipients), reason: pct(s.reasonAgree, s.expectedRecipients),
    hard: pct(s.hardAgree, s.expectedRecipients), status: pct(s.statusAgree, s.statusCompared),
    nonBounces: pct(s.nonBouncesRecognised, s.nonBounces),
  };
  return s;
}
