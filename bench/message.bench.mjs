#!/usr/bin/env node
// Message analyzer benchmark, side by side in one run:
//  1. linear time: 1,000 vs 10,000 Received lines, 64 KiB vs 1 MB folded header, 100 vs 1,000 SpamAssassin
//     rules — the time ratio should follow the size ratio (×10 / ×16 / ×10), not its square;
//  2. throughput over the shared bounce corpus: mailmedic's whole offline analysis vs mailauth's
//     authenticate() on the same messages (DNS answered in memory with "no such name", so no network).
// Times are the median of 7 batches. Env: MESSAGE_BENCH_ROUNDS (default 5).
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { analyzeMessageOffline } = await import(join(root, 'dist', 'src', 'message', 'index.js'));
const require = createRequire(join(root, 'package.json'));
const { authenticate } = require('mailauth');
const rounds = Number(process.env.MESSAGE_BENCH_ROUNDS ?? 5);
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);

/** Median of 7 batches (the machine is shared and noisy), after a warm-up batch. */
function time(fn, reps) {
  for (let i = 0; i < reps; i++) fn();
  const batches = [];
  for (let b = 0; b < 7; b++) {
    const t = performance.now();
    for (let i = 0; i < reps; i++) fn();
    batches.push((performance.now() - t) / reps);
  }
  return batches.sort((x, y) => x - y)[3];
}

function receivedLines(n) {
  const t0 = Date.parse('2026-11-23T10:00:00Z');
  const lines = [];
  for (let i = n; i > 0; i--) lines.push(`Received: from relay${i - 1}.test (relay${i - 1}.test [192.0.2.${i % 250}]) by relay${i}.test with ESMTPS id L${i}; ${new Date(t0 + i * 1000).toUTCString()}`);
  return `${lines.join('\r\n')}\r\nFrom: a@b.test\r\n\r\nx\r\n`;
}
function folded(bytes) {
  return `Subject: s\r\n ${Array.from({ length: Math.ceil(bytes / 64) }, () => 'x'.repeat(62)).join('\r\n ')}\r\nFrom: a@b.test\r\n\r\nx\r\n`;
}
function saRules(n) {
  return `X-Spam-Status: Yes, score=9 required=5 tests=${Array.from({ length: n }, (_, i) => `RULE_${i}`).join(',')} autolearn=no\r\nFrom: a@b.test\r\n\r\nx\r\n`;
}

console.log('\n1. linear time (ms per message; ratio of the large to the small input)');
for (const [name, small, large, sizeRatio] of [
  ['Received lines 1,000 → 10,000', receivedLines(1000), receivedLines(10_000), 10],
  ['folded header 64 KiB → 1 MiB', folded(64 * 1024), folded(1024 * 1024), 16],
  ['SpamAssassin rules 100 → 1,000', saRules(100), saRules(1000), 10],
]) {
  const a = time(() => analyzeMessageOffline(small), 5);
  const b = time(() => analyzeMessageOffline(large), 5);
  console.log(`  ${name}: ${a.toFixed(2)} ms → ${b.toFixed(2)} ms = ×${(b / a).toFixed(1)} for ×${sizeRatio} input`);
}

console.log(`\n2. corpus throughput, ${rounds} rounds each side`);
const dir = resolve(root, '..', 'shared', 'corpus', 'bounces', 'sisimai', 'eml');
const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().map((f) => readFileSync(join(dir, f)));
const noDns = async (name) => { throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' }); };
let t = performance.now();
for (let r = 0; r < rounds; r++) for (const f of files) analyzeMessageOffline(f);
const mm = (files.length * rounds) / ((performance.now() - t) / 1000);
t = performance.now();
for (let r = 0; r < rounds; r++) for (const f of files) await authenticate(f, { resolver: noDns, ip: '192.0.2.1', helo: 'x.test', sender: 'a@b.test', mta: 'mx.test', disableBimi: true });
const ma = (files.length * rounds) / ((performance.now() - t) / 1000);
console.log(`  mailmedic analyzeMessageOffline: ${mm.toFixed(0)} messages/s`);
console.log(`  mailauth authenticate (DNS in memory): ${ma.toFixed(0)} messages/s`);
console.log(`  ratio mailmedic / mailauth: ${(mm / ma).toFixed(2)}`);
