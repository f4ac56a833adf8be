// Web pages say the command line's advice their own way (issue 16): the probe's "add --user …" becomes "fill in the
// user name and password above", in both languages; the table follows the texts it rephrases.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeReport, type Finding } from '../../src/core/finding.js';
import { PROBE_TEXTS } from '../../src/probe/texts.js';
import { reportForTheWeb } from '../../src/serve/web-words.js';

test('probe advice that names flags reads as the page would say it, in English and Polish', () => {
  const texts = PROBE_TEXTS as unknown as Record<string, { summary?: Finding['summary']; advice?: Finding['advice'] }>;
  const withFlags = Object.entries(texts).filter(([, t]) => t.advice?.some((a) => /--(user|password|transcript)/.test(a.en + a.pl)));
  assert.ok(withFlags.length >= 2, 'the probe texts still hold the advice this table rephrases');
  const findings: Finding[] = withFlags.map(([key, t]) => ({ check: `probe.${key}`, status: 'info', subject: 'x', summary: t.summary ?? { en: key, pl: key }, advice: t.advice! }));
  const web = reportForTheWeb(makeReport('probe', 'x', findings));
  for (const f of web.findings) {
    for (const a of f.advice ?? []) {
      assert.doesNotMatch(a.en, /--(user|password|transcript)/, a.en);
      assert.doesNotMatch(a.pl, /--(user|password|transcript)/, a.pl);
    }
  }
  assert.match(web.findings.flatMap((f) => f.advice ?? []).map((a) => a.pl).join('\n'), /Wpisz powyżej nazwę użytkownika i hasło/);
  // Untouched texts stay the very same objects (nothing else changes).
  const plain = makeReport('probe', 'x', [{ check: 'a', status: 'ok', subject: 'x', summary: { en: 'fine', pl: 'dobrze' } }]);
  assert.equal(reportForTheWeb(plain).findings[0]!.summary, plain.findings[0]!.summary);
});
