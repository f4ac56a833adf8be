import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as root from '../../src/index.js';
import * as core from '../../src/core/index.js';
import * as explainLib from '../../src/explain/index.js';
import * as bounce from '../../src/bounce/index.js';
import * as classify from '../../src/classify/index.js';
import * as domain from '../../src/domain/index.js';
import * as probe from '../../src/probe/index.js';
import * as settings from '../../src/settings/index.js';
import * as logs from '../../src/logs/index.js';
import * as queue from '../../src/queue/index.js';
import * as message from '../../src/message/index.js';
import * as doctor from '../../src/doctor/index.js';
import * as serve from '../../src/serve/index.js';
import { walkTexts } from '../../src/i18n/text.js';
import { UI } from '../../src/i18n/ui.js';

// Every user-facing text reachable from the library's exports (data tables, UI labels) must exist in both
// languages. A Polish text identical to a long English one is an untranslated copy.
test('every exported text has English and Polish', () => {
  const missing: string[] = [];
  let count = 0;
  // The root and every subpath export (package.json "exports"), as a user of the library reaches them.
  const lib = { ...root, ...core, ...explainLib, ...bounce, ...classify, ...domain, ...probe, ...settings, ...logs, ...queue, ...message, ...doctor, ...serve };
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
  assert.equal(core.detectLang('pl'), 'pl');
  assert.equal(core.detectLang(undefined, { LANG: 'pl_PL.UTF-8' }), 'pl');
  assert.equal(core.detectLang(undefined, { LC_ALL: 'C', LANG: 'pl_PL.UTF-8' }), 'en');
  assert.equal(core.detectLang(undefined, { LANG: 'de_DE.UTF-8' }), 'en');
  assert.equal(core.detectLang(undefined, {}), 'en');
  assert.throws(() => core.detectLang('xx'));
});
