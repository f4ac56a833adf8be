import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REASONS } from '../../src/core/finding.js';
import {
  BOUNCE_PHRASES, CLIENT_MESSAGES, ENHANCED_CLASSES, ENHANCED_CODES, ENHANCED_SUBJECTS, MESSAGE_PATTERNS,
  PROVIDER_CODES, PROVIDER_REJECTIONS, REPLY_CODE_CATEGORIES, REPLY_CODE_CLASSES, REPLY_CODES, enhancedCodeEntry,
} from '../../src/explain/index.js';
import { REASON_INFO, describeReason } from '../../src/knowledge/reasons.js';
import { normalizeForMatch } from '../../src/explain/phrases.js';
import { walkTexts } from '../../src/i18n/text.js';

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;

test('every reason of the vocabulary has a title, meaning and usual actor/permanence in both languages', () => {
  for (const r of REASONS) {
    const info = REASON_INFO[r];
    assert.ok(info, `REASON_INFO.${r} missing`);
    assert.equal(describeReason(r), info);
    for (const t of [info.title, info.meaning, ...info.advice]) {
      assert.ok(t.en.trim() && t.pl.trim(), `${r}: empty text`);
      assert.notEqual(t.en, t.pl, `${r}: Polish is a copy of the English`);
    }
  }
  // Hard bounces per the corpus README.
  assert.deepEqual(REASONS.filter((r) => REASON_INFO[r].hard).sort(), ['hasmoved', 'hostunknown', 'notaccept', 'userunknown']);
  // Failures that need advice have some.
  for (const r of REASONS) if (!['vacation', 'delivered'].includes(r)) assert.ok(REASON_INFO[r].advice.length > 0, `${r}: no advice`);
});

test('reply codes: every RFC 5321 / RFC 7504 code and the meaning of each digit', () => {
  const rfc5321 = ['211', '214', '220', '221', '250', '251', '252', '354', '421', '450', '451', '452', '455', '500', '501',
    '502', '503', '504', '550', '551', '552', '553', '554', '555'];
  const rfc7504 = ['521', '556'];
  const auth = ['235', '334', '432', '454', '530', '534', '535', '538'];
  const ovh = ['420', '421', '432', '449', '450', '451', '452', '455', '500', '501', '502', '503', '504', '535', '550', '551', '552', '553', '554', '555'];
  for (const c of [...rfc5321, ...rfc7504, ...auth, ...ovh]) assert.ok(REPLY_CODES[c], `reply code ${c} missing`);
  assert.deepEqual(Object.keys(REPLY_CODE_CLASSES).sort(), ['2', '3', '4', '5']);
  assert.deepEqual(Object.keys(REPLY_CODE_CATEGORIES).sort(), ['0', '1', '2', '3', '4', '5']);
  for (const c of ovh.filter((c) => c[0] !== '2')) assert.ok(REPLY_CODES[c]!.advice.length > 0, `${c}: OVHcloud's action missing`);
});

test('enhanced codes: every code of the IANA registry, plus class and subject digits', () => {
  const expected: string[] = ['X.0.0'];
  const details: Record<number, number> = { 1: 10, 2: 4, 3: 6, 4: 7, 5: 6, 6: 10, 7: 30 };
  for (const [s, max] of Object.entries(details)) for (let d = 0; d <= max; d++) expected.push(`X.${s}.${d}`);
  for (const k of expected) assert.ok(ENHANCED_CODES[k], `${k} missing`);
  assert.equal(enhancedCodeEntry('5.7.26')?.reason, 'authfailure');
  assert.equal(enhancedCodeEntry('5.7.25')?.reason, 'requireptr');
  assert.equal(enhancedCodeEntry('5.7.27')?.reason, 'rejected');
  assert.equal(enhancedCodeEntry('5.1.10')?.reason, 'notaccept');
  assert.equal(enhancedCodeEntry('4.7.28')?.reason, 'speeding');
  assert.equal(enhancedCodeEntry('5.1.1')?.reason, 'userunknown');
  assert.equal(enhancedCodeEntry('5.9.9'), undefined);
  assert.deepEqual(Object.keys(ENHANCED_CLASSES).sort(), ['2', '4', '5']);
  assert.deepEqual(Object.keys(ENHANCED_SUBJECTS).sort(), ['0', '1', '2', '3', '4', '5', '6', '7']);
  // Microsoft's range outside the registry.
  for (let d = 606; d <= 649; d++) assert.equal(PROVIDER_CODES[`5.7.${d}`]?.reason, 'blocked');
  assert.ok(PROVIDER_CODES['5.7.708']);
});

test('keyword patterns: normalized, unique, stable ids, valid reasons, both languages', () => {
  assert.equal(MESSAGE_PATTERNS.length, BOUNCE_PHRASES.length + CLIENT_MESSAGES.length + PROVIDER_REJECTIONS.length);
  const ids = new Set<string>();
  const phrases = new Map<string, string>();
  for (const p of MESSAGE_PATTERNS) {
    assert.ok(!ids.has(p.id), `duplicate id ${p.id}`);
    ids.add(p.id);
    assert.match(p.id, /^[a-z0-9]+\.[a-z0-9.-]+$/);
    if (p.reason) assert.ok((REASONS as readonly string[]).includes(p.reason), `${p.id}: bad reason ${p.reason}`);
    assert.ok(p.phrases.length > 0);
    for (const ph of p.phrases) {
      assert.equal(normalizeForMatch(ph), ph, `${p.id}: phrase "${ph}" is not in normalized form`);
      assert.ok(!phrases.has(ph), `phrase "${ph}" in both ${phrases.get(ph)} and ${p.id}`);
      phrases.set(ph, p.id);
    }
  }
  let texts = 0;
  for (const [path, t] of walkTexts({ MESSAGE_PATTERNS, REPLY_CODES, ENHANCED_CODES, PROVIDER_CODES }, 'knowledge')) {
    texts++;
    assert.ok(t.en.trim() && t.pl.trim(), `${path}: empty`);
    if (t.en.length > 24) assert.notEqual(t.en, t.pl, `${path}: Polish is a copy of the English`);
  }
  assert.ok(texts > 500, `walked ${texts} texts`);
  // The Polish side is real Polish: most longer texts carry diacritics.
  const pl = [...walkTexts(MESSAGE_PATTERNS, 'p')].map(([, t]) => t.pl).filter((s) => s.length > 60);
  assert.ok(pl.filter((s) => POLISH.test(s)).length / pl.length > 0.8);
});

test('seed 003 keywords and the seeds\' messages are in the tables', () => {
  const all = new Set(MESSAGE_PATTERNS.flatMap((p) => p.phrases));
  for (const k of ['maildir over quota', 'bad spf', 'revdns', 'relay access denied', 'sender verify failed', 'administrative prohibition',
    'rcpthosts', 'nie mozna znalezc hosta', 'polaczenie wymaga szyfrowania', 'wybrana metoda logowania jest zbyt slaba',
    'niewlasciwe dane logowania', 'too many connections', 'dkim domain mismatch', 'tss04', 's3150']) {
    assert.ok(all.has(k), `phrase "${k}" missing`);
  }
});

test('every phrase of every pattern, given alone, is explained by that pattern', async () => {
  const { explain, needsMailContext } = await import('../../src/explain/explain.js');
  const wrong: string[] = [];
  for (const p of MESSAGE_PATTERNS) {
    for (const ph of p.phrases) {
      // Words common outside mail are explained where the text speaks of mail (alone they are no finding).
      const text = needsMailContext(ph) ? `Mail delivery: ${ph}` : ph;
      const d = (explain(text).data as { diagnoses: { knowledge: string[] }[] }).diagnoses[0];
      if (!d?.knowledge.includes(`message:${p.id}`)) wrong.push(`"${ph}" (${p.id}) → ${d?.knowledge.join(',')}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('every reply code, registered enhanced code and provider code, given alone, is found and explained', async () => {
  const { explain } = await import('../../src/explain/index.js');
  type D = { knowledge: string[]; codes: string[]; title: { en: string; pl: string } };
  const first = (t: string) => (explain(t).data as { diagnoses: D[] }).diagnoses[0]!;
  for (const code of Object.keys(REPLY_CODES)) {
    const d = first(code);
    assert.deepEqual(d.codes, [code]);
    assert.ok(d.knowledge.includes(`reply:${code}`), code);
  }
  for (const key of Object.keys(ENHANCED_CODES)) {
    for (const cls of ['4', '5']) {
      const code = cls + key.slice(1);
      const d = first(`${cls === '4' ? 451 : 550} ${code}`);
      assert.ok(d.codes.includes(code), code);
      assert.ok(d.knowledge.includes(`enhanced:${key}`), `${code}: ${d.knowledge}`);
      assert.ok(d.title.pl && d.title.en);
    }
  }
  for (const code of Object.keys(PROVIDER_CODES)) {
    assert.ok(first(`${code[0] === '4' ? 451 : 550} ${code} x`).knowledge.includes(`provider-code:${code}`), code);
  }
});
