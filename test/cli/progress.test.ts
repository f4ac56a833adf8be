// The progress bar of `mailmedic domain a b c …` (issue 18): drawn on a terminal only, cleared before results are
// written, the counts in both languages. The renderer is given a stand-in stream, as standard error would be.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressBar, progressText } from '../../src/cli/progress.js';

const stream = (isTTY: boolean, columns = 80) => { const out: string[] = []; return { out, s: { isTTY, columns, write: (x: string) => out.push(x) } }; };

test('progress bar: drawn in place on a terminal, cleared before other output, nothing when not a terminal', () => {
  const tty = stream(true);
  const bar = progressBar(tty.s, 'en');
  bar.update(12, 3, 1000);
  bar.update(13, 3, 1000);
  assert.equal(tty.out.length, 2);
  assert.ok(tty.out.every((x) => x.startsWith('\r\x1b[K')), 'each redraw clears the line first');
  assert.match(tty.out[1]!, /\[\.+\] 13\/1000 domains, 3 with errors$/);
  bar.clear();
  assert.equal(tty.out.at(-1), '\r\x1b[K');
  bar.clear();
  assert.equal(tty.out.length, 3, 'clearing twice writes once');
  const pipe = stream(false);
  const silent = progressBar(pipe.s, 'en');
  silent.update(1, 0, 2); silent.clear();
  assert.deepEqual(pipe.out, []);
});

test('progress text: filled in proportion, no total from a file or stdin, Polish, narrow terminals', () => {
  assert.equal(progressText(5, 1, 10, 'en'), `[${'#'.repeat(15)}${'.'.repeat(15)}] 5/10 domains, 1 with errors`);
  assert.equal(progressText(10, 0, 10, 'en'), `[${'#'.repeat(30)}] 10/10 domains, 0 with errors`);
  assert.equal(progressText(7, 2, undefined, 'en'), '7 domains, 2 with errors');
  assert.equal(progressText(12, 3, 1000, 'pl').replace(/^\[[#.]+\] /, ''), '12/1000 domen, z błędami: 3');
  assert.equal(progressText(7, 2, undefined, 'pl'), 'domen: 7, z błędami: 2');
  for (const width of [5, 20]) assert.ok(progressText(999, 99, 1000, 'en', width).length <= Math.max(10, width - 1), String(width));
  assert.ok(!progressText(3, 0, 1000, 'en', 30).startsWith('['), 'no bar when it does not fit');
});
