import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as lib from '../../src/index.js';
import { walkTexts } from '../../src/i18n/text.js';
import { UI } from '../../src/i18n/ui.js';

// Every user-facing text reachable from the library's exports (data tables, UI labels) must exist in both
// languages. A Polish text identical to a long English one is an untranslated copy.
test('every exported text has English and Polish', () => {
  const missing: string[] = [];
  let count = 0;
  for (const [name, value] of Object.entries({ ...lib, UI })) {
    for (const [path, t] of walkTexts(value, name)) {
      count++;
      if (!t.en.trim()) missing.push(`${path}: English missing`);
      if (!t.pl.trim()) missing.push(`${path}: Polish missing`);
      else if (t.en.length > 24 && t.en === t.pl && !/^[\w.\-:/ ]+$/.test(t.en)) missing.push(`${path}: Polish is a copy of the English`);
    }
  }
  assert.ok(count > 20, `walked ${count} texts`);
  assert.deepEqual(missing, []);
});

test('language detection: flag, then LC_ALL/LC_MESSAGES/LANG, else English', () => {
  assert.equal(lib.detectLang('pl'), 'pl');
  assert.equal(lib.detectLang(undefined, { LANG: 'pl_PL.UTF-8' }), 'pl');
  assert.equal(lib.detectLang(undefined, { LC_ALL: 'C', LANG: 'pl_PL.UTF-8' }), 'en');
  assert.equal(lib.detectLang(undefined, { LANG: 'de_DE.UTF-8' }), 'en');
  assert.equal(lib.detectLang(undefined, {}), 'en');
  assert.throws(() => lib.detectLang('xx'));
});
