// Real parts: headers quoted by real bounces of the shared corpus (Sisimai's set-of-emails), analysed with --quoted.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeMessageOffline, messageReport } from '../../src/message/index.js';
import { render } from '../../src/report/index.js';
import { SHARED, NEEDS_SHARED } from '../helpers/env.js';

const DIR = join(SHARED, 'corpus', 'bounces', 'sisimai', 'eml');
const read = (n: string) => readFileSync(join(DIR, n));

/** Both readings of a bounce: the bounce's own headers and the quoted original's. */
const both = (n: string) => [analyzeMessageOffline(read(n)), analyzeMessageOffline(read(n), { quoted: true })];

/** Corpus files that carry a given header, on the bounce or in the quoted original (found by content, not by name). */
function filesWithQuotedHeader(header: RegExp): string[] {
  return readdirSync(DIR).filter((n) => n.endsWith('.eml') && header.test(readFileSync(join(DIR, n), 'latin1'))).sort();
}

test('every corpus bounce quoting X-Spam-Status: the SpamAssassin verdict, score, threshold and each rule explained', NEEDS_SHARED, () => {
  const files = filesWithQuotedHeader(/^X-Spam-Status:/im);
  assert.ok(files.length >= 4, `found ${files.length}`);
  let explained = 0;
  for (const n of files) {
    const a = both(n).find((x) => x.spam.some((v) => v.filter === 'spamassassin'));
    assert.ok(a, `${n}: SpamAssassin verdict read`);
    const sa = a.spam.find((v) => v.filter === 'spamassassin')!;
    assert.equal(sa.spam, false, `${n}: "No," means not spam (even with score 7.1 over a 15.0 threshold)`);
    assert.equal(typeof sa.score, 'number');
    assert.equal(typeof sa.threshold, 'number');
    assert.ok(sa.rules.length >= 2, `${n}: rules listed`);
    assert.ok(sa.rules.some((r) => /^BAYES_\d\d$/.test(r.name)));
    explained += sa.rules.filter((r) => r.meaning).length / sa.rules.length;
    const f = a.findings.find((x) => x.check === 'message.spam.spamassassin')!;
    assert.equal(f.status, 'ok');
    assert.match(f.detail!.en, /BAYES_\d\d: The Bayesian filter/);
    assert.match(f.detail!.pl, /BAYES_\d\d: Filtr bayesowski/);
  }
  assert.ok(explained / files.length > 0.9, 'nearly all rules are explained from the table');
});

test('corpus bounces quoting Microsoft 365 headers: SFV, SCL, PTR and the not-aligned DMARC read', NEEDS_SHARED, () => {
  const files = filesWithQuotedHeader(/^x-forefront-antispam-report:/im);
  assert.ok(files.length >= 4, `found ${files.length}`);
  let sawPtr = 0;
  for (const n of files) {
    const a = analyzeMessageOffline(read(n), { quoted: true });
    const ms = a.spam.find((v) => v.filter === 'microsoft');
    if (!ms) continue; // some quote only EFV:NLI (no verdict fields)
    if (ms.fields?.SFV) assert.equal(ms.fields.SFV, 'NSPM');
    if (ms.rules.some((r) => r.name === 'PTR:InfoNoRecords')) sawPtr++;
  }
  assert.ok(sawPtr >= 2, 'PTR:InfoNoRecords explained as a missing PTR');
  const a = analyzeMessageOffline(read(files.find((n) => /SCL:1;/.test(readFileSync(join(DIR, n), 'latin1')))!), { quoted: true });
  const f = a.findings.find((x) => x.check === 'message.spam.microsoft')!;
  assert.equal(f.status, 'ok');
  assert.match(f.detail!.en, /SCL:1: SCL 1: not spam/);
  assert.match(f.detail!.pl, /SFV:NSPM: Nie spam/);
});

test('corpus bounces quoting Authentication-Results: each method explained, domains and alignment', NEEDS_SHARED, () => {
  const files = filesWithQuotedHeader(/^Authentication-Results:\s*\S/im);
  assert.ok(files.length >= 10, `found ${files.length}`);
  let withResults = 0;
  for (const n of files) {
    const readings = both(n);
    if (readings.some((a) => a.auth.receiver.spf || a.auth.receiver.dkim.length || a.auth.receiver.dmarc)) withResults++;
    for (const a of readings) {
      for (const f of a.findings.filter((x) => x.check.startsWith('message.auth.'))) {
        assert.ok(f.summary.en && f.summary.pl && f.summary.en !== f.summary.pl, `${n}: ${f.check} bilingual`);
      }
    }
  }
  assert.ok(withResults >= files.length / 2, `${withResults} of ${files.length} have readable results`);
});

test('a bounce without --quoted says it quotes an original; every corpus file analyses without a crash, in every format', NEEDS_SHARED, () => {
  const files = readdirSync(DIR).filter((n) => n.endsWith('.eml'));
  let bounces = 0;
  for (const n of files) {
    for (const quoted of [false, true]) {
      const a = analyzeMessageOffline(read(n), { quoted });
      if (!quoted && a.findings.some((f) => f.check === 'message.bounce')) bounces++;
      const r = messageReport(a, { lang: 'pl' });
      assert.ok(r.findings.length > 0);
      for (const fmt of ['terminal', 'json', 'html'] as const) assert.ok(render(r, fmt, { lang: 'pl' }).length > 0);
    }
  }
  assert.ok(bounces > files.length / 2, `${bounces} of ${files.length} recognised as quoting an original`);
});
