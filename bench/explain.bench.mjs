#!/usr/bin/env node
// explain benchmark (`npm run bench -- explain`): side by side in one run
//  1. diagnostic strings explained per second over the Diagnostic-Code texts of the shared bounce corpus, beside
//     the bare classifier on the same strings (explain = scanning + grouping + classify + texts);
//  2. reason agreement with ../shared/corpus/bounces/sisimai/expectations.tsv for files with one recipient;
//  3. linearity: time per MB for growing texts (1, 2, 4, 8 MB) — flat means linear;
//  4. CLI start-to-answer: `mailmedic explain "550 5.1.1"` beside bare `node -e 0` (median of runs, ratio).
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { explain, explainBytes } from '../dist/src/explain/index.js';
import { classify } from '../dist/src/classify/index.js';

const root = resolve(import.meta.dirname, '..');
const corpus = resolve(root, '..', 'shared', 'corpus', 'bounces', 'sisimai');

// ── Diagnostic-Code texts (folded lines joined), per file ─────────────────────────────────────────────────
function diagnosticTexts(eml) {
  const out = [];
  // Delivery-status parts are sometimes quoted-printable: undo soft line breaks and =XX escapes.
  const qp = /^Content-Transfer-Encoding:\s*quoted-printable/im.test(eml);
  const body = qp ? eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))) : eml;
  const lines = body.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^Diagnostic-Code:\s*(.*)$/i.exec(lines[i]);
    if (!m) continue;
    let text = m[1];
    while (i + 1 < lines.length && /^[ \t]+\S/.test(lines[i + 1])) text += ' ' + lines[++i].trim();
    text = text.replace(/^[A-Za-z0-9-]+;\s*/, ''); // drop the type ("smtp;", "X-Postfix;")
    if (text.trim()) out.push(text.trim());
  }
  return out;
}

const files = readdirSync(join(corpus, 'eml')).filter((f) => f.endsWith('.eml')).sort();
const perFile = new Map();
for (const f of files) {
  const texts = diagnosticTexts(readFileSync(join(corpus, 'eml', f), 'latin1'));
  if (texts.length) perFile.set(f, texts);
}
const strings = [...perFile.values()].flat();

// ── 1. throughput ───────────────────────────────────────────────────────────────────────────────────────
// explain() and the bare classifier run in alternating slices, so machine load hits both alike.
function rates(fns) {
  for (const fn of fns) for (const s of strings) fn(s); // warm-up
  const n = fns.map(() => 0);
  const ms = fns.map(() => 0);
  for (let round = 0; round < 20; round++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      do { for (const s of strings) fn(s); n[k] += strings.length; } while (performance.now() - t0 < 100);
      ms[k] += performance.now() - t0;
    });
  }
  return n.map((count, k) => count / (ms[k] / 1000));
}
const [explainRate, classifyRate] = rates([(s) => explain(s), (s) => classify({ text: s })]);

// ── 2. reason agreement (files with exactly one recipient and a Diagnostic-Code) ──────────────────────────
const rows = readFileSync(join(corpus, 'expectations.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
const byFile = new Map();
for (const r of rows) byFile.set(r[0], [...(byFile.get(r[0]) ?? []), r]);
let compared = 0;
let agree = 0;
let agreeClassify = 0;
const misses = new Map();
for (const [file, recs] of byFile) {
  if (recs.length !== 1 || !perFile.has(file)) continue;
  const expected = recs[0][4];
  const ds = explain(perFile.get(file).join('\n')).data.diagnoses;
  const got = ds[0]?.reason ?? 'undefined';
  compared++;
  if (got === expected) agree++;
  if (classify({ text: perFile.get(file).join('\n') }).reason === expected) agreeClassify++;
  else misses.set(`${expected}→${got}`, (misses.get(`${expected}→${got}`) ?? 0) + 1);
}

// ── 3. linearity ────────────────────────────────────────────────────────────────────────────────────────
const unit = strings.join('\n') + '\n';
const lin = [];
for (const mb of [1, 2, 4, 8]) {
  const text = unit.repeat(Math.ceil((mb * 1024 * 1024) / unit.length)).slice(0, mb * 1024 * 1024);
  const t0 = performance.now();
  explain(text);
  lin.push([mb, (performance.now() - t0) / mb]);
}

// ── 3b. whole bounce files (headers, bodies, attachments) as pasted text ───────────────────────────────────
const emls = files.map((f) => readFileSync(join(corpus, 'eml', f)));
const emlBytes = emls.reduce((a, b) => a + b.length, 0);
for (const b of emls) explainBytes(b); // warm-up
const tw = performance.now();
let found = 0;
for (const b of emls) found += explainBytes(b).data.diagnoses.length;
const wholeMs = performance.now() - tw;

// ── 4. CLI start-up ─────────────────────────────────────────────────────────────────────────────────────
const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
const cli = join(root, 'bin', 'mailmedic.js');
const bare = [];
const ours = [];
for (let i = 0; i < 15; i++) {
  let t0 = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - t0);
  t0 = performance.now();
  const r = spawnSync(process.execPath, [cli, 'explain', '550 5.1.1']);
  ours.push(performance.now() - t0);
  if (r.status !== 2) throw new Error(`mailmedic explain exited ${r.status}: ${r.stderr}`);
}
const bareMs = median(bare);
const oursMs = median(ours);

console.log(`corpus: ${files.length} .eml files, ${perFile.size} with Diagnostic-Code, ${strings.length} diagnostic strings`);
console.log(`explain():  ${Math.round(explainRate).toLocaleString('en')} strings/s`);
console.log(`classify(): ${Math.round(classifyRate).toLocaleString('en')} strings/s (bare classifier, same strings; explain/classify = ${(explainRate / classifyRate).toFixed(2)})`);
console.log(`reason agreement (one-recipient files with Diagnostic-Code): ${agree}/${compared} = ${(100 * agree / compared).toFixed(1)}%`);
console.log(`  (the bare classifier on the same texts, no status/command context: ${agreeClassify}/${compared} = ${(100 * agreeClassify / compared).toFixed(1)}%)`);
console.log(`  most frequent misses (expected→got): ${[...misses].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ×${v}`).join(', ')}`);
console.log(`linearity (ms per MB of bounce text): ${lin.map(([mb, ms]) => `${mb} MB: ${ms.toFixed(0)}`).join(', ')}`);
console.log(`whole .eml files: ${emls.length} files, ${(emlBytes / 1e6).toFixed(1)} MB in ${wholeMs.toFixed(0)} ms = ${(emlBytes / 1e6 / (wholeMs / 1000)).toFixed(1)} MB/s, ${(found / emls.length).toFixed(2)} things found per file`);
console.log(`CLI start-to-answer, median of 15: mailmedic explain "550 5.1.1" ${oursMs.toFixed(1)} ms, node -e 0 ${bareMs.toFixed(1)} ms, ratio ${(oursMs / bareMs).toFixed(2)}×`);
