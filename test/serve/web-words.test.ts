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

test('message advice that names --verify, --quoted or --ip points at the page\'s own choices instead', async () => {
  const { analyzeMessage, messageReport } = await import('../../src/message/index.js');
  const headers = 'Received: from a.example (a.example [192.0.2.1]) by mx.example with ESMTP id X; Sat, 5 Dec 2026 10:00:00 +0000\r\nFrom: a@example.test\r\nTo: b@example.test\r\nSubject: hi\r\nDate: Sat, 5 Dec 2026 10:00:00 +0000\r\n\r\n';
  const bounce = ['From: MAILER-DAEMON@example.test', 'To: a@example.test', 'Subject: Undelivered', 'Content-Type: multipart/report; report-type=delivery-status; boundary=b', '',
    '--b', 'Content-Type: text/plain', '', 'failed', '--b', 'Content-Type: message/rfc822', '', headers, '--b--', ''].join('\r\n');
  for (const raw of [headers, bounce]) {
    const report = reportForTheWeb(messageReport(await analyzeMessage(raw), { lang: 'pl' }));
    const texts = report.findings.flatMap((f) => [f.summary, f.detail, ...(f.advice ?? [])]).filter((t): t is NonNullable<typeof t> => Boolean(t));
    for (const t of texts) {
      assert.doesNotMatch(t.en, /--(verify|quoted|ip)\b/, t.en);
      assert.doesNotMatch(t.pl, /--(verify|quoted|ip)\b/, t.pl);
    }
  }
});

test('settings: the autoconfig note names no command-line flag on the web', async () => {
  const { SETTINGS_TEXTS } = await import('../../src/settings/texts.js');
  const withFlag = Object.values(SETTINGS_TEXTS as unknown as Record<string, { summary?: { en: string; pl: string } }>).filter((t) => t.summary && /--fetch-autoconfig/.test(t.summary.en + t.summary.pl));
  assert.ok(withFlag.length >= 1);
  const web = reportForTheWeb(makeReport('settings', 'x', withFlag.map((t) => ({ check: 'settings.autoconfig', status: 'info', subject: 'x', summary: t.summary! }))));
  for (const f of web.findings) assert.doesNotMatch(f.summary.en + f.summary.pl, /--fetch-autoconfig/);
});
