// Terminal tables measure what the terminal shows: CJK characters take two cells, combining marks none.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import stringWidth from 'string-width';
import { clipToWidth, renderTextTable } from '../../src/report/terminal.js';

test('table columns line up with Japanese, decomposed accents and plain ASCII in one column', () => {
  const rows = [['キジトラ@example.jp', '1'], ['zaz\u0301o\u0301ł@example.pl', '22'], ['plain@example.com', '333']];
  const lines = renderTextTable(['address', 'n'], rows, 80);
  const col = lines.map((l) => stringWidth(l.slice(0, l.lastIndexOf('  ') + 2)));
  // Every line's second column starts in the same terminal cell.
  assert.equal(new Set(col.slice(2)).size, 1, lines.join('\n'));
  assert.equal(stringWidth(clipToWidth('日本語のテキスト', 7)), 7);
  assert.ok(clipToWidth('日本語のテキスト', 7).endsWith('…'));
  assert.equal(clipToWidth('short', 10), 'short');
  // Narrow terminal: the widest column shrinks, lines stay within the width.
  for (const l of renderTextTable(['address', 'n'], rows.map(([a, n]) => [a!.repeat(5), n!]), 40)) assert.ok(stringWidth(l) <= 40, l);
});
