import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { LABEL_PATTERNS_PL, LABELS_PL, TECHNICAL_LABELS, labelText } from '../../src/i18n/labels.js';
import { PROJECT_ROOT } from '../helpers/env.js';

/**
 * Every evidence label written as a literal in src/ must be decided: translated (LABELS_PL, LABEL_PATTERNS_PL)
 * or technical (TECHNICAL_LABELS). The sources are parsed with the TypeScript compiler, not grepped, so a label
 * split over lines, in a ternary or in a template is found the same way.
 */

const EVIDENCE_KINDS = new Set(['code', 'text', 'record', 'query', 'transcript', 'log', 'certificate', 'header', 'other']);

interface Site { form: string; where: string }

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (n.endsWith('.ts') && !n.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const unwrap = (n: ts.Expression): ts.Expression =>
  ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isNonNullExpression(n) ? unwrap(n.expression) : n;

/** The literal forms a label expression can take; `{}` for each inserted value. Names and data give none. */
function forms(e: ts.Expression): string[] {
  const n = unwrap(e);
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return [n.text];
  if (ts.isTemplateExpression(n)) return [n.head.text + n.templateSpans.map((s) => '{}' + s.literal.text).join('')];
  if (ts.isConditionalExpression(n)) return [...forms(n.whenTrue), ...forms(n.whenFalse)];
  if (ts.isBinaryExpression(n)) return [...forms(n.left), ...forms(n.right)];
  // `…`.trim() and the like: the literal is the receiver.
  if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) return forms(n.expression.expression);
  return [];
}

function scan(): Site[] {
  const sites: Site[] = [];
  for (const file of tsFiles(join(PROJECT_ROOT, 'src'))) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const add = (e: ts.Expression) => {
      const where = `${relative(PROJECT_ROOT, file)}:${sf.getLineAndCharacterOfPosition(e.getStart(sf)).line + 1}`;
      for (const form of forms(e)) sites.push({ form, where });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) {
        const prop = (name: string) => node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === name);
        const kind = prop('kind');
        const label = prop('label');
        const k = kind && unwrap(kind.initializer);
        if (label && k && ts.isStringLiteral(k) && EVIDENCE_KINDS.has(k.text)) add(label.initializer);
      }
      // recordEvidence(label, value) builds { kind: 'record', label, value }.
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'recordEvidence' && node.arguments[0]) add(node.arguments[0]);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return sites;
}

const patternForm = (en: string) => en.replace(/\{\w+\}/g, '{}');
const translated = new Set([...Object.keys(LABELS_PL), ...LABEL_PATTERNS_PL.map((p) => patternForm(p.en))]);
const sites = scan();

test('the scan finds the evidence labels of every capability (it is not vacuous)', () => {
  assert.ok(sites.length >= 40, `only ${sites.length} label sites found`);
  const dirs = new Set(sites.map((s) => s.where.split('/')[1]));
  for (const d of ['bounce', 'explain', 'doctor', 'probe', 'domain', 'logs', 'message']) assert.ok(dirs.has(d), `no label found in src/${d}`);
  const forms = new Set(sites.map((s) => s.form));
  for (const f of ['remote host', 'line {}', 'SPF tree ({}/{} lookups)', 'Diagnostic-Code', 'S', 'Received #{}', 'TXT {}']) assert.ok(forms.has(f), `scan missed ${f}`);
});

test('every evidence label literal in src/ is translated or listed as technical', () => {
  const undecided = sites.filter((s) => !translated.has(s.form) && !Object.hasOwn(TECHNICAL_LABELS, s.form));
  assert.deepEqual(undecided.map((s) => `${s.where} ${JSON.stringify(s.form)}`), [],
    'add each label to LABELS_PL / LABEL_PATTERNS_PL (Polish) or, if it is a technical name, to TECHNICAL_LABELS in src/i18n/labels.ts');
});

test('the label tables hold no stale, doubled or empty entries', () => {
  const found = new Set(sites.map((s) => s.form));
  for (const f of translated) assert.ok(found.has(f), `"${f}" is translated but no label in src/ has that form`);
  for (const f of translated) assert.ok(!Object.hasOwn(TECHNICAL_LABELS, f), `"${f}" is both translated and technical`);
  for (const [en, pl] of Object.entries(LABELS_PL)) {
    assert.ok(pl.trim(), `empty Polish label for "${en}"`);
    assert.notEqual(pl, en, `"${en}": a label that is the same in Polish belongs in TECHNICAL_LABELS`);
  }
  for (const p of LABEL_PATTERNS_PL) {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.ok(names(p.en).length > 0, `pattern "${p.en}" has no placeholder`);
    assert.deepEqual(names(p.pl), names(p.en), `pattern "${p.en}": the same placeholders in both languages`);
  }
  for (const [form, why] of Object.entries(TECHNICAL_LABELS)) assert.ok(why.trim(), `technical label "${form}" without a reason`);
});

test('labelText: exact entries, number patterns, everything else unchanged', () => {
  assert.equal(labelText('remote host', 'pl'), 'serwer zdalny');
  assert.equal(labelText('remote host', 'en'), 'remote host');
  assert.equal(labelText('occurrences', 'pl'), 'wystąpienia');
  assert.equal(labelText('line 1', 'pl'), 'wiersz 1');
  assert.equal(labelText('line 1234', 'pl'), 'wiersz 1234');
  assert.equal(labelText('chain[2]', 'pl'), 'łańcuch[2]');
  assert.equal(labelText('SPF tree (13/10 lookups)', 'pl'), 'drzewo SPF (13/10 zapytań DNS)');
  assert.equal(labelText('SPF tree (13/10 lookups)', 'en'), 'SPF tree (13/10 lookups)');
  assert.equal(labelText('SPF tree (at least 8190/10 lookups)', 'pl'), 'drzewo SPF (co najmniej 8190/10 zapytań DNS)');
  // Not the pattern: the placeholders are digit runs and the whole label must match.
  for (const same of ['line x', 'line 1 of 2', 'the line 1', 'chain[]', 'Diagnostic-Code', 'S', 'TXT example.com', 'Received #3', 'constructor', 'toString', '']) {
    assert.equal(labelText(same, 'pl'), same);
  }
});

test('labelText stays linear on long hostile labels', () => {
  const t0 = process.hrtime.bigint();
  for (const s of ['line ' + '1'.repeat(100_000) + 'x', 'SPF tree (' + '1'.repeat(100_000) + '/' + '2'.repeat(100_000) + ' lookups', 'chain[' + '9'.repeat(100_000)]) {
    assert.equal(labelText(s, 'pl'), s);
  }
  // Linear runs in a few ms; a quadratic reading of 300,000 characters would take minutes.
  assert.ok(Number(process.hrtime.bigint() - t0) / 1e6 < 3000);
});

test('Polish numbers: a decimal before a unit takes a comma in Polish texts and tables; addresses, versions and codes never change', async () => {
  const { decimalCommaPl, pick } = await import('../../src/i18n/text.js');
  const { tableRowsFor } = await import('../../src/report/common.js');
  const cases: [string, string][] = [
    ['od 5.9 h: x', 'od 5,9 h: x'], ['0.25 s', '0,25 s'], ['10.3 KiB.', '10,3 KiB.'], ['12.5 %', '12,5 %'], ['1.5×', '1,5×'],
    ['5.7.1 h', '5.7.1 h'], ['127.0.0.1 s', '127.0.0.1 s'], ['TLSv1.3 s', 'TLSv1.3 s'], ['wersja 3.7 dla', 'wersja 3.7 dla'], ['1.5 s.example', '1.5 s.example'],
  ];
  for (const [input, want] of cases) assert.equal(decimalCommaPl(input), want, input);
  assert.equal(pick({ en: 'for 5.9 h', pl: 'od 5.9 h' }, 'pl'), 'od 5,9 h');
  assert.equal(pick({ en: 'for 5.9 h', pl: 'od 5.9 h' }, 'en'), 'for 5.9 h');
  const t = { id: 't', title: { en: 'T', pl: 'T' }, columns: [{ en: 'a', pl: 'a' }, { en: 'b', pl: 'b' }],
    rows: [['received', '10.3 KiB'], ['host', '10.0.0.1']], rowLabels: [{ en: 'received', pl: 'odebrane' }, { en: 'host', pl: 'serwer' }] };
  assert.deepEqual(tableRowsFor(t, 'pl'), [['odebrane', '10,3 KiB'], ['serwer', '10.0.0.1']]);
  assert.deepEqual(tableRowsFor(t, 'en'), [['received', '10.3 KiB'], ['host', '10.0.0.1']]);
});

test('logs summary in Polish: every row label of the totals and delays tables is Polish', async () => {
  const { spawnSync } = await import('node:child_process');
  const { CLI } = await import('../helpers/env.js');
  const out = spawnSync(process.execPath, [CLI, 'logs', 'summary', join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', 'maillog'), '--lang', 'pl'], { encoding: 'utf8' }).stdout;
  for (const english of ['received', 'delivered', 'still in queue at end', 'deferrals)', 'avg before queue', 'bytes received', ' blocked)']) {
    assert.ok(!out.includes(english), `"${english}" in the Polish summary`);
  }
  assert.match(out, /odebrane +31/);
  assert.match(out, /bajty odebrane +\d+,\d KiB/);
});
