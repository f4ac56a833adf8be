#!/usr/bin/env node
// Bounce reader benchmark, side by side in one run:
//  1. Sisimai (Perl, Debian libsisimai-perl) vs mailmedic parsing the same corpus files, same number of rounds:
//     messages per second of both (start-up excluded on both sides) and the ratio;
//  2. classifier throughput over the corpus's diagnostic texts;
//  3. CLI start-up of `explain` and `bounce` beside bare `node -e 0`;
//  4. a large generated mbox (built by repeating corpus messages) read streaming: MB/s and peak RSS.
// Env: BOUNCE_BENCH_ROUNDS (default 15), BOUNCE_BENCH_MBOX_MB (default 200).
import { spawnSync } from 'node:child_process';
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

// 1. Sisimai vs mailmedic on the same files, each read from disk per parse. The machine is shared, so each side
//    is timed in the CPU time of its own process (user + system) per round over the whole corpus, and the BEST
//    round (least disturbed) and the median round are reported. Each side first does untimed warm-up passes
//    (module loading; V8 reaching steady state).
const tmp = mkdtempSync(join(tmpdir(), 'mm-bounce-bench-'));
const pl = join(tmp, 'sisimai.pl');
writeFileSync(pl, `use strict; use Sisimai; use Time::HiRes qw(time);
my ($list, $rounds, $mode) = @ARGV; open(my $fh, '<', $list) or die; my @f = map { chomp; $_ } <$fh>;
# mode "mem": the messages are read into memory first and parsed from there (Sisimai->make(\\$text)).
if (($mode // '') eq 'mem') { @f = map { my $p = $_; open(my $m, '<', $p) or die; local $/; my $t = <$m>; \\$t } @f; }
for my $p (@f) { Sisimai->make($p) }
my @cpu; my ($n, $r) = (0, 0); my $t = time;
for (1..$rounds) { my @c0 = times; for my $p (@f) { $n++; my $v = Sisimai->make($p); $r += scalar(@{$v // []}); }
  my @c1 = times; push @cpu, ($c1[0] - $c0[0]) + ($c1[1] - $c0[1]); }
printf "%d %d %.6f %s %s\\n", $n, $r, time - $t, join(',', @cpu), $Sisimai::VERSION;`);
writeFileSync(join(tmp, 'list'), files.join('\n') + '\n');
const median = (a) => { const b = [...a].sort((x, y) => x - y); return b[Math.floor(b.length / 2)]; };
const perMsg = (secs) => (secs * 1e6 / files.length).toFixed(0);
function sisimai(mode) {
  const sp = spawnSync('perl', [pl, join(tmp, 'list'), String(rounds), mode], { encoding: 'utf8' });
  if (sp.status !== 0) return { error: sp.stderr.split('\n')[0] };
  const [n, r, wall, cpus, ver] = sp.stdout.trim().split(' ');
  return { n: Number(n), r: Number(r), wall: Number(wall), cpu: cpus.split(',').map(Number), ver };
}
function mailmedic(read) {
  for (let w = 0; w < 3; w++) for (const f of files) parseBounce(read(f)); // warm-up passes, not timed
  const mm = { n: 0, r: 0, cpu: [], wall: 0 };
  for (let k = 0; k < rounds; k++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (const f of files) { mm.n++; mm.r += parseBounce(read(f)).recipients.length; }
    mm.wall += Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(c0);
    mm.cpu.push((c.user + c.system) / 1e6);
  }
  return mm;
}
const inMemory = new Map(files.map((f) => [f, readFileSync(f)]));
for (const [label, mode, read] of [['from disk', 'disk', (f) => readFileSync(f)], ['in memory', 'mem', (f) => inMemory.get(f)]]) {
  const sis = sisimai(mode);
  if (sis.error) console.log(`Sisimai not available (Debian package libsisimai-perl): ${sis.error}`);
  else console.log(`[${label}] Sisimai ${sis.ver}: ${sis.n} messages, ${sis.r} records in ${rounds} rounds; CPU per message: best round ` +
    `${perMsg(Math.min(...sis.cpu))} µs, median ${perMsg(median(sis.cpu))} µs (wall ${(sis.n / sis.wall).toFixed(0)} messages/s)`);
  const mm = mailmedic(read);
  console.log(`[${label}] mailmedic: ${mm.n} messages, ${mm.r} records in ${rounds} rounds; CPU per message: best round ` +
    `${perMsg(Math.min(...mm.cpu))} µs, median ${perMsg(median(mm.cpu))} µs (wall ${(mm.n / mm.wall).toFixed(0)} messages/s)`);
  if (!sis.error) {
    console.log(`[${label}] ratio mailmedic / Sisimai (messages per CPU second): ${(Math.min(...sis.cpu) / Math.min(...mm.cpu)).toFixed(1)}× best round, ` +
      `${(median(sis.cpu) / median(mm.cpu)).toFixed(1)}× median round`);
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
