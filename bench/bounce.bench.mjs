#!/usr/bin/env node
// Bounce reader benchmark, side by side in one run:
//  1. Sisimai (Perl, Debian libsisimai-perl) vs mailmedic parsing the same corpus files, same number of rounds:
//     messages per second of both (start-up excluded on both sides) and the ratio;
//  2. classifier throughput over the corpus's diagnostic texts;
//  3. CLI start-up of `explain` and `bounce` beside bare `node -e 0`;
//  4. a large generated mbox (built by repeating corpus messages) read streaming: MB/s and peak RSS.
// Env: BOUNCE_BENCH_ROUNDS (default 15), BOUNCE_BENCH_MBOX_MB (default 200).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { parseBounce, readBounces } = await import(join(root, 'dist', 'src', 'bounce', 'index.js'));
const { classify } = await import(join(root, 'dist', 'src', 'classify', 'index.js'));
const corpus = resolve(root, '..', 'shared', 'corpus', 'bounces', 'sisimai', 'eml');
const rounds = Number(process.env.BOUNCE_BENCH_ROUNDS ?? 15);
const files = readdirSync(corpus).filter((f) => f.endsWith('.eml')).sort().map((f) => join(corpus, f));
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
console.log(`corpus: ${files.length} messages, ${rounds} timed rounds per side`);

// 1. Sisimai vs mailmedic on the same files, read from disk per parse or from memory. The machine is shared, so
//    the two sides take turns: one Sisimai round, then one mailmedic round, and so on (both meet the same load),
//    each timed in the CPU time of its own process. Sisimai runs in a persistent Perl process that does one round
//    per request and reports its CPU time by clock_gettime(CLOCK_PROCESS_CPUTIME_ID) (Perl's times() counts in
//    10 ms ticks, ±4 % of a round). A mailmedic round is as many corpus passes as make it last about as long as
//    a Sisimai round (a short round would let the best round dodge V8's periodic garbage collection), and its
//    CPU time runs from its start to the start of its next round: process.cpuUsage() covers every thread of the
//    process, so garbage collection that V8's helper threads finish while Perl runs is charged to mailmedic.
//    Both sides first do untimed warm-up passes (Perl module loading; V8 optimising the hot code). Reported: the
//    best round (least disturbed) and the median round of each side, and the median of the ratios of adjacent
//    round pairs.
const tmp = mkdtempSync(join(tmpdir(), 'mm-bounce-bench-'));
const pl = join(tmp, 'sisimai.pl');
writeFileSync(pl, `use strict; use Sisimai; use Time::HiRes qw(clock_gettime CLOCK_PROCESS_CPUTIME_ID);
my ($list, $mode) = @ARGV; open(my $fh, '<', $list) or die; my @f = map { chomp; $_ } <$fh>;
# mode "mem": the messages are read into memory first and parsed from there (Sisimai->make(\\$text)).
if (($mode // '') eq 'mem') { @f = map { my $p = $_; open(my $m, '<', $p) or die; local $/; my $t = <$m>; \\$t } @f; }
$| = 1;
# One request per line: "<passes>" → passes over the corpus, answered "<messages> <records> <cpu seconds>".
while (my $cmd = <STDIN>) { my $k = int($cmd); my ($n, $r) = (0, 0); my $c0 = clock_gettime(CLOCK_PROCESS_CPUTIME_ID);
  for (1..$k) { for my $p (@f) { $n++; my $v = Sisimai->make($p); $r += scalar(@{$v // []}); } }
  printf "%d %d %.9f %s\\n", $n, $r, clock_gettime(CLOCK_PROCESS_CPUTIME_ID) - $c0, $Sisimai::VERSION; }`);
writeFileSync(join(tmp, 'list'), files.join('\n') + '\n');
const median = (a) => { const b = [...a].sort((x, y) => x - y); return b.length % 2 ? b[(b.length - 1) / 2] : (b[b.length / 2 - 1] + b[b.length / 2]) / 2; };
const us = (secs) => (secs * 1e6).toFixed(0);
const cpuNow = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e6; };

/** A persistent Sisimai process: round(passes) → { n, r, cpu } (CPU seconds of that round). */
function startSisimai(mode) {
  const child = spawn('perl', [pl, join(tmp, 'list'), mode], { stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = '';
  let err = '';
  const waiting = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => {
    buf += d;
    for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) { const line = buf.slice(0, nl); buf = buf.slice(nl + 1); waiting.shift()?.resolve(line); }
  });
  child.stderr.on('data', (d) => { err += d; });
  child.on('exit', () => { for (const w of waiting.splice(0)) w.reject(new Error(err.split('\n')[0] || 'perl exited')); });
  const ask = (passes) => new Promise((resolve, reject) => { waiting.push({ resolve, reject }); child.stdin.write(`${passes}\n`); });
  return {
    async round(passes) {
      const [n, r, cpu, ver] = (await ask(passes)).split(' ');
      return { n: Number(n), r: Number(r), cpu: Number(cpu), ver };
    },
    close() { child.stdin.end(); },
  };
}
function mailmedicPass(read) {
  let r = 0;
  for (const f of files) r += parseBounce(read(f)).recipients.length;
  return r;
}
const inMemory = new Map(files.map((f) => [f, readFileSync(f)]));
for (const [label, mode, read] of [['from disk', 'disk', (f) => readFileSync(f)], ['in memory', 'mem', (f) => inMemory.get(f)]]) {
  const sis = startSisimai(mode);
  let sisRound;
  try {
    await sis.round(1); // warm-up: module loading, first use of every decoder
    sisRound = (await sis.round(1)).cpu;
  } catch (e) {
    console.log(`Sisimai not available (Debian package libsisimai-perl): ${e.message}`);
  }
  // mailmedic warm-up: at least 10 passes and 1 CPU second, so the hot code is optimised before timing.
  const w0 = cpuNow();
  let warm = 0;
  while (warm < 10 || cpuNow() - w0 < 1) { mailmedicPass(read); warm++; }
  const mmPass = (cpuNow() - w0) / warm;
  const passes = sisRound ? Math.max(1, Math.round(sisRound / mmPass)) : 10;
  const S = { n: 0, r: 0, cpu: [], ver: '' };
  const M = { n: 0, r: 0, cpu: [], wall: 0 };
  let mmStart;
  for (let k = 0; k < rounds; k++) {
    if (sisRound) {
      const s = await sis.round(1);
      S.n += s.n; S.r += s.r; S.cpu.push(s.cpu / files.length); S.ver = s.ver;
    }
    // The previous mailmedic round's CPU ends here (it includes what V8's helper threads did while Perl ran).
    if (mmStart !== undefined) M.cpu.push((cpuNow() - mmStart) / (passes * files.length));
    mmStart = cpuNow();
    const t0 = process.hrtime.bigint();
    for (let p = 0; p < passes; p++) { M.r += mailmedicPass(read); M.n += files.length; }
    M.wall += Number(process.hrtime.bigint() - t0) / 1e9;
  }
  if (sisRound) await sis.round(1); // gives the last mailmedic round its tail (timed like the others)
  M.cpu.push((cpuNow() - mmStart) / (passes * files.length));
  sis.close();
  if (sisRound) {
    console.log(`[${label}] Sisimai ${S.ver}: ${S.n} messages, ${S.r} records in ${rounds} rounds of 1 pass; CPU per message: best round ` +
      `${us(Math.min(...S.cpu))} µs, median ${us(median(S.cpu))} µs`);
  }
  console.log(`[${label}] mailmedic: ${M.n} messages, ${M.r} records in ${rounds} rounds of ${passes} passes; CPU per message: best round ` +
    `${us(Math.min(...M.cpu))} µs, median ${us(median(M.cpu))} µs (wall ${(M.n / M.wall).toFixed(0)} messages/s)`);
  if (sisRound) {
    const pairs = S.cpu.map((s, k) => s / M.cpu[k]);
    console.log(`[${label}] ratio mailmedic / Sisimai (messages per CPU second): ${(Math.min(...S.cpu) / Math.min(...M.cpu)).toFixed(1)}× best round, ` +
      `${(median(S.cpu) / median(M.cpu)).toFixed(1)}× median round, ${median(pairs).toFixed(1)}× median of adjacent pairs ` +
      `(pairs from ${Math.min(...pairs).toFixed(1)}× to ${Math.max(...pairs).toFixed(1)}×)`);
  }
}

// 2. Classifier over the diagnostic texts.
const diags = [];
for (const f of files) for (const r of parseBounce(readFileSync(f)).recipients) if (r.diagnosticCode) diags.push(r.diagnosticCode);
let c = 0;
const t1 = process.hrtime.bigint();
for (let k = 0; k < 50; k++) for (const d of diags) { classify({ text: d }); c++; }
const csecs = Number(process.hrtime.bigint() - t1) / 1e9;
console.log(`classify: ${diags.length} diagnostic texts × 50 = ${(c / csecs).toFixed(0)} texts/s`);

// 3. CLI start-up, side by side: bare `node -e 0`, `mailmedic explain "550 5.1.1"` (the classifier's phrase
//    automaton is built on demand, so answering one question pays only for what it reads) and `mailmedic bounce`
//    on one corpus file; the three alternate, 20 runs each, wall time per run, median and best reported.
{
  const cli = join(root, 'bin', 'mailmedic.js');
  const sample = files.find((f) => f.endsWith('lhost-postfix-01.eml')) ?? files[0];
  const runs = { bare: [], explain: [], bounce: [] };
  const time = (args) => { const t0 = performance.now(); const r = spawnSync(process.execPath, args); return { ms: performance.now() - t0, status: r.status }; };
  for (let i = 0; i < 20; i++) {
    runs.bare.push(time(['-e', '0']).ms);
    const e = time([cli, 'explain', '550 5.1.1']);
    if (e.status !== 2) throw new Error(`mailmedic explain exited ${e.status}`);
    runs.explain.push(e.ms);
    runs.bounce.push(time([cli, 'bounce', sample]).ms);
  }
  const med = (a) => median(a);
  const b = med(runs.bare);
  console.log(`start-up (20 runs each, alternating; median / best wall ms): node -e 0 ${b.toFixed(1)} / ${Math.min(...runs.bare).toFixed(1)}; ` +
    `mailmedic explain "550 5.1.1" ${med(runs.explain).toFixed(1)} / ${Math.min(...runs.explain).toFixed(1)} (${(med(runs.explain) / b).toFixed(2)}× bare node); ` +
    `mailmedic bounce ${sample.split('/').pop()} ${med(runs.bounce).toFixed(1)} / ${Math.min(...runs.bounce).toFixed(1)} (${(med(runs.bounce) / b).toFixed(2)}×)`);
}

// 4. Large mbox, streamed.
const targetMb = Number(process.env.BOUNCE_BENCH_MBOX_MB ?? 200);
const mbox = join(tmp, 'big.mbox');
const out = createWriteStream(mbox);
const bodies = files.map((f) => readFileSync(f));
let written = 0;
let i = 0;
while (written < targetMb * 1024 * 1024) {
  const b = bodies[i++ % bodies.length];
  const sep = Buffer.from('From MAILER-DAEMON Mon Jan  1 00:00:00 2024\n');
  if (!out.write(sep) || !out.write(b) || !out.write('\n\n')) await new Promise((r) => out.once('drain', r));
  written += sep.length + b.length + 2;
}
await new Promise((r) => out.end(r));
const size = statSync(mbox).size;
let msgs = 0;
let peak = process.memoryUsage().rss;
const rssBefore = peak;
const t2 = process.hrtime.bigint();
for await (const it of readBounces(mbox)) {
  msgs++;
  if (it.result.kind === 'error') throw new Error('unexpected unreadable message');
  if ((msgs & 255) === 0) peak = Math.max(peak, process.memoryUsage().rss);
}
const msecs = Number(process.hrtime.bigint() - t2) / 1e9;
peak = Math.max(peak, process.memoryUsage().rss);
console.log(`mbox: ${(size / 1048576).toFixed(0)} MB, ${msgs} messages streamed in ${msecs.toFixed(1)} s = ${(size / 1048576 / msecs).toFixed(1)} MB/s, ` +
  `${(msgs / msecs).toFixed(0)} messages/s; RSS before ${(rssBefore / 1048576).toFixed(0)} MB, peak ${(peak / 1048576).toFixed(0)} MB ` +
  `(max RSS of the process ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`);
rmSync(tmp, { recursive: true, force: true });
