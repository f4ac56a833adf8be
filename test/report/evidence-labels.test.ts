import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeReport, type Evidence, type Lang, type Report } from '../../src/core/finding.js';
import { explain } from '../../src/explain/index.js';
import { tx } from '../../src/i18n/text.js';
import { render } from '../../src/report/index.js';

/** Translatable and technical labels side by side, as the checks write them. */
const EVIDENCE: Evidence[] = [
  { kind: 'text', label: 'Diagnostic-Code', value: 'smtp; 550 5.1.1 user unknown' },
  { kind: 'code', label: 'codes', value: '550 5.1.1' },
  { kind: 'other', label: 'remote host', value: 'mx.example.net' },
  { kind: 'text', label: 'line 3', value: '550 5.1.1 user unknown' },
  { kind: 'text', label: 'SPF tree (2/10 lookups)', value: 'example.com [ok]' },
  { kind: 'code', label: 'S', value: '250 OK' },
  { kind: 'record', label: 'TXT example.com', value: 'v=spf1 -all' },
  { kind: 'other', label: 'occurrences', value: '2' },
  { kind: 'log', value: 'no label here' },
];

function report(): Report {
  return makeReport('bounce', 'test', [{ check: 'test.labels', status: 'error', subject: 'x', summary: tx('Summary', 'Podsumowanie'), evidence: EVIDENCE }],
    { now: () => new Date('2026-11-23T00:00:00Z') });
}

const PL = ['kody: 550 5.1.1', 'serwer zdalny: mx.example.net', 'wiersz 3: 550', 'drzewo SPF (2/10 zapytań DNS): example.com', 'wystąpienia: 2'];
const EN = ['codes: 550 5.1.1', 'remote host: mx.example.net', 'line 3: 550', 'SPF tree (2/10 lookups): example.com', 'occurrences: 2'];
const TECHNICAL = ['Diagnostic-Code: smtp; 550 5.1.1', 'S: 250 OK', 'TXT example.com: v=spf1 -all', 'no label here'];

for (const format of ['terminal', 'markdown', 'html'] as const) {
  for (const lang of ['pl', 'en'] as Lang[]) {
    test(`${format} in ${lang}: evidence labels in ${lang}, technical ones as written`, () => {
      const out = render(report(), format, { lang, verbose: true, width: 200 });
      for (const s of [...(lang === 'pl' ? PL : EN), ...TECHNICAL]) assert.ok(out.includes(s), `${format}/${lang} lacks ${JSON.stringify(s)}`);
      for (const s of lang === 'pl' ? EN : PL) assert.ok(!out.includes(s), `${format}/${lang} has ${JSON.stringify(s)}`);
    });
  }
}

test('json keeps every label as the check wrote it, in either language', () => {
  const a = JSON.parse(render(report(), 'json', { lang: 'pl' })) as Report;
  const b = JSON.parse(render(report(), 'json', { lang: 'en' })) as Report;
  assert.deepEqual(a.findings[0]!.evidence, EVIDENCE);
  assert.deepEqual(b.findings[0]!.evidence, EVIDENCE);
});

test('csv shows no evidence labels, so no Polish ones either', () => {
  const out = render(report(), 'csv', { lang: 'pl' });
  for (const s of [...PL, ...EN]) assert.ok(!out.includes(s.split(':')[0]!), out);
});

test('html escapes a label and still translates a known one', () => {
  const r = report();
  r.findings[0]!.evidence = [{ kind: 'other', label: '<b>x</b>', value: 'v' }, { kind: 'other', label: 'remote host', value: '<i>' }];
  const out = render(r, 'html', { lang: 'pl' });
  assert.ok(out.includes('&lt;b&gt;x&lt;/b&gt;: v'));
  assert.ok(out.includes('serwer zdalny: &lt;i&gt;'));
});

test('a real explain report: "line 1", "reply", "enhanced" in Polish', () => {
  const r = explain('550 5.1.1 <jan@example.com>: Recipient address rejected: User unknown');
  const pl = render(r, 'terminal', { lang: 'pl', verbose: true, width: 200 });
  assert.match(pl, /wiersz 1: 550 5\.1\.1/);
  assert.match(pl, /kod odpowiedzi: 550/);
  assert.match(pl, /kod rozszerzony: 5\.1\.1/);
  const en = render(r, 'terminal', { lang: 'en', verbose: true, width: 200 });
  assert.match(en, /line 1: 550 5\.1\.1/);
  assert.match(en, /reply: 550/);
});
