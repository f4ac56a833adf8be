import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exitCodeFor, makeReport, type Finding } from '../../src/core/finding.js';
import { render } from '../../src/report/index.js';
import { csvCell } from '../../src/report/csv.js';

const hostile = '<script>alert(1)</script> **bold** | pipe `tick` ```';
const finding: Finding = {
  check: 'test.sample',
  status: 'error',
  subject: hostile,
  summary: { en: 'Mailbox full ' + hostile, pl: 'Skrzynka pełna ' + hostile },
  advice: [{ en: 'Ask the recipient to free space.', pl: 'Poproś odbiorcę o zwolnienie miejsca.' }],
  evidence: [{ kind: 'text', value: hostile + '\nline two' }],
  diagnosis: { reason: 'mailboxfull', permanence: 'temporary', actor: 'recipient', retry: 'later', replyCode: 452, enhancedCode: '4.2.2', rule: 'status:4.2.2' },
};
const report = makeReport('test', hostile, [finding, { check: 'test.ok', status: 'ok', subject: 'x', summary: { en: 'fine', pl: 'w porządku' } }]);

test('report status is the worst finding; exit codes follow it', () => {
  assert.equal(report.status, 'error');
  assert.equal(exitCodeFor('error'), 2);
  assert.equal(exitCodeFor('warn'), 1);
  assert.equal(exitCodeFor('unknown'), 1);
  assert.equal(exitCodeFor('ok'), 0);
});

test('HTML escapes hostile text and is self-contained', () => {
  const html = render(report, 'html', { lang: 'en' });
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('&lt;script&gt;'));
  assert.ok(!/src=|href=/.test(html));
});

test('Markdown escapes hostile text', () => {
  const md = render(report, 'markdown', { lang: 'pl' });
  // Raw text may appear only inside fenced code blocks, where Markdown renders it literally.
  const outsideFences = md.replace(/(`{3,})text\n[\s\S]*?\n\1/g, '');
  assert.ok(!outsideFences.includes('<script>'));
  assert.ok(md.includes('Skrzynka pełna'));
});

test('terminal view fits 80 columns and has no colour unless asked', () => {
  const t = render(report, 'terminal', { lang: 'en', width: 80 });
  for (const line of t.split('\n')) assert.ok([...line].length <= 80, `too long: ${line}`);
  assert.ok(!t.includes('\x1b['));
  assert.ok(render(report, 'terminal', { lang: 'en', color: true }).includes('\x1b['));
});

test('JSON keeps both languages and the schema version', () => {
  const j = JSON.parse(render(report, 'json', { lang: 'en' }));
  assert.equal(j.schema, 'mailmedic.report');
  assert.equal(j.schemaVersion, 1);
  assert.equal(j.findings[0].summary.pl.startsWith('Skrzynka'), true);
});

test('CSV quotes and defuses formulas', () => {
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('a,"b"'), '"a,""b"""');
});

test('HTML never writes an unknown status into markup', () => {
  const evil = { ...finding, status: '"><img src=x onerror=alert(1)>' } as unknown as Finding;
  const html = render(makeReport('test', 's', [evil]), 'html', { lang: 'en' });
  assert.ok(!html.includes('<img'));
  assert.ok(html.includes('s-unknown'));
});
