#!/usr/bin/env node
// Bounce reader benchmark, side by side in one run:
//  1. Sisimai (Perl, Debian libsisimai-perl) vs mailmedic parsing the same corpus files, same number of rounds:
//     messages per second of both (start-up excluded on both sides) and the ratio;
//  2. classifier throughput over the corpus's diagnostic texts;
//  3. a large generated mbox (built by repeating corpus messages) read streaming: MB/s and peak RSS.
// Env: BOUNCE_BENCH_ROUNDS (default 5), BOUNCE_BENCH_MBOX_MB (default 200).
import { spawnSync } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { parseBounce, readBounces } = await import(join(root, 'dist', 'src', 'bounce', 'index.js'));
const { classify } = await import(join(root, 'dist', 'src', 'classify', 'index.js'));
const corpus = resolve(root, '..', 'shared', 'corpus', 'bounces', 'sisimai', 'eml');
const rounds = Number(process.env.BOUNCE_BENCH_ROUNDS ?? 5);
const files = readdirSync(corpus).filter((f) => f.endsWith('.eml')).sort().map((f) => join(corpus, f));
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
console.log(`corpus: ${files.length} messages, ${rounds} alternating rounds per side`);

// 1. Sisimai vs mailmedic. The machine is shared, so both sides are measured in CPU time of their own process
//    (user + system; wall time is printed too) and the rounds alternate, Sisimai then mailmedic, so that load
//    changes hit both alike. Each side does one untimed warm-up pass first (module loading / JIT).
const tmp = mkdtempSync(join(tmpdir(), 'mm-bounce-bench-'));
const pl = join(tmp, 'sisimai.pl');
writeFileSync(pl, `use strict; use Sisimai; use Time::HiRes qw(time);
my ($list, $rounds) = @ARGV; open(my $fh, '<', $list) or die; my @f = map { chomp; $_ } <$fh>;
for my $p (@f) { Sisimai->make($p) }
my ($n, $r) = (0, 0); my @c0 = times; my $t = time;
for (1..$rounds) { for my $p (@f) { $n++; my $v = Sisimai->make($p); $r += scalar(@{$v // []}); } }
my @c1 = times; my $cpu = ($c1[0] - $c0[0]) + ($c1[1] - $c0[1]);
printf "%d %d %.6f %.6f %s\\n", $n, $r, time - $t, $cpu, $Sisimai::VERSION;`);
writeFileSync(join(tmp, 'list'), files.join('\n') + '\n');
for (let w = 0; w < 3; w++) for (const f of files) parseBounce(readFileSync(f)); // warm-up passes (JIT to steady state), not timed
const side = { sis: { n: 0, r: 0, wall: 0, cpu: 0, ver: '' }, mm: { n: 0, r: 0, wall: 0, cpu: 0 } };
let sisOk = true;
const alternations = Math.max(1, Math.round(rounds / 1));
for (let a = 0; a < alternations && sisOk; a++) {
  const sis = spawnSync('perl', [pl, join(tmp, 'list'), '1'], { encoding: 'utf8' });
  if (sis.status !== 0) { sisOk = false; console.log(`Sisimai not available (Debian package libsisimai-perl): ${sis.stderr.split('\n')[0]}`); break; }
  const [n, r, wall, cpu, ver] = sis.stdout.trim().split(' ');
  side.sis.n += Number(n); side.sis.r += Number(r); side.sis.wall += Number(wall); side.sis.cpu += Number(cpu); side.sis.ver = ver;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const f of files) { side.mm.n++; side.mm.r += parseBounce(readFileSync(f)).recipients.length; }
  side.mm.wall += Number(process.hrtime.bigint() - t0) / 1e9;
  const c1 = process.cpuUsage(c0);
  side.mm.cpu += (c1.user + c1.system) / 1e6;
}
if (sisOk) {
  const s = side.sis;
  console.log(`Sisimai ${s.ver}: ${s.n} messages, ${s.r} records; CPU ${s.cpu.toFixed(2)} s = ${(s.n / s.cpu).toFixed(0)} messages/CPU-s (wall ${s.wall.toFixed(2)} s = ${(s.n / s.wall).toFixed(0)}/s)`);
}
const m = side.mm;
console.log(`mailmedic: ${m.n} messages, ${m.r} records; CPU ${m.cpu.toFixed(2)} s = ${(m.n / m.cpu).toFixed(0)} messages/CPU-s (wall ${m.wall.toFixed(2)} s = ${(m.n / m.wall).toFixed(0)}/s)`);
if (sisOk) {
  console.log(`ratio mailmedic / Sisimai: ${((m.n / m.cpu) / (side.sis.n / side.sis.cpu)).toFixed(1)}× by CPU time, ` +
    `${((m.n / m.wall) / (side.sis.n / side.sis.wall)).toFixed(1)}× by wall time`);
}

// 2. Classifier over the diagnostic texts.
const diags = [];
for (const f of files) for (const r of parseBounce(readFileSync(f)).recipients) if (r.diagnosticCode) diags.push(r.diagnosticCode);
let c = 0;
const t1 = process.hrtime.bigint();
for (let k = 0; k < 50; k++) for (const d of diags) { classify({ text: d }); c++; }
const csecs = Number(process.hrtime.bigint() - t1) / 1e9;
console.log(`classify: ${diags.length} diagnostic texts × 50 = ${(c / csecs).toFixed(0)} texts/s`);

// 3. Large mbox, streamed.
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
