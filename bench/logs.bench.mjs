#!/usr/bin/env node
// `npm run bench -- logs`: pflogsumm (Debian package) and `mailmedic logs summary` side by side on the same
// generated Postfix logs (scripts/gen-postfix-log.mjs, seed 42; default 1 GB each, reused from /tmp between runs),
// in two shapes: "classic" (the generator's original mix, classic syslog stamps) and "real" (a production filtering
// server: postscreen, amavisd-new on every message, opendkim, RFC 3339 stamps — the shape of issue 13's log).
//   LOGS_BENCH_SIZE=100M        smaller logs for quick runs
//   LOGS_BENCH_SHAPES=real      only one shape (default: classic,real)
//   LOGS_BENCH_PROFILE=1        also profile mailmedic (node --cpu-prof) and print where the time goes (CPU, idle left out)
//   LOGS_BENCH_FULL=1           also time the summary with the fast path off (every line through the full parser)
//   LOGS_BENCH_PAIRS=3          runs of each side, in pairs taking turns (the machine's speed drifts over minutes)
// Reports wall time and CPU time of each side (CPU time is the fairer "one core" figure on a busy machine),
// MB/s, the ratio per pair and of the medians, peak memory, and compares the figures both report.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const size = process.env.LOGS_BENCH_SIZE ?? '1G';
const dir = '/tmp/mailmedic-bench';
mkdirSync(dir, { recursive: true });
for (const shape of (process.env.LOGS_BENCH_SHAPES ?? 'classic,real').split(',')) await benchShape(shape.trim());

async function benchShape(shape) {
const file = join(dir, shape === 'classic' ? `maillog-${size}-seed42` : `maillog-${shape}-${size}-seed42`);
if (!existsSync(file)) {
  console.log(`generating ${file} …`);
  const g = spawnSync(process.execPath, [join(root, 'scripts', 'gen-postfix-log.mjs'), '--size', size, '--seed', '42', '--out', file, ...(shape === 'classic' ? [] : ['--shape', shape])], { stdio: 'inherit' });
  if (g.status !== 0) process.exit(1);
}
console.log(`\n=== ${shape} log ===`);
const bytes = statSync(file).size;
const MB = bytes / 1e6;
const hasTime = existsSync('/usr/bin/time');

/** Run a command; wall and CPU seconds (CPU from /usr/bin/time when present). */
function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '__TIME__ %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 << 20 })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const m = /__TIME__ ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : wall, rssMB: m ? Number(m[3]) / 1024 : NaN, stdout: r.stdout, status: r.status, stderr: r.stderr };
}

const pf = '/usr/sbin/pflogsumm';
const havePf = existsSync(pf);
const pairs = Math.max(1, Number(process.env.LOGS_BENCH_PAIRS ?? 3));
const runMm = () => {
  const r = timed(process.execPath, [join(root, 'bin', 'mailmedic.js'), 'logs', 'summary', file, '--json']);
  if (r.status !== 0 && r.status !== 1 && r.status !== 2) { console.log(r.stderr); process.exit(1); }
  return r;
};
// pairs take turns (mailmedic first in even pairs, pflogsumm first in odd ones): a slow spell of the shared
// machine then hits both sides, and each pair gives a ratio of its own
// the file is read once before the pairs, so that neither side's first run pays for pages the machine dropped
// from its cache since the file was written (this machine reclaims cold pages)
{ const fd = openSync(file, 'r'); const b = Buffer.allocUnsafe(1 << 20); while (readSync(fd, b, 0, b.length, null) > 0); closeSync(fd); }
const mms = [], pfs = [];
for (let k = 0; k < pairs; k++) {
  if (k % 2 === 0 || !havePf) { mms.push(runMm()); if (havePf) pfs.push(timed(pf, [file])); }
  else { pfs.push(timed(pf, [file])); mms.push(runMm()); }
}
const median = (xs) => { const v = [...xs].sort((a, b) => a - b); const n = v.length; return n % 2 ? v[(n - 1) / 2] : (v[n / 2 - 1] + v[n / 2]) / 2; };
const mm = { wall: median(mms.map((r) => r.wall)), cpu: median(mms.map((r) => r.cpu)), stdout: mms[0].stdout };
const data = JSON.parse(mm.stdout).data;
const c = data.counts;
const fmt = (v) => v.toFixed(1);
console.log(`input: ${file} (${fmt(MB)} MB, ${data.lines} lines); machine: ${(await import('node:os')).cpus().length} cores; ${pairs} run(s) per side, taking turns`);
console.log(`mailmedic logs summary: wall ${fmt(mm.wall)} s = ${fmt(MB / mm.wall)} MB/s; CPU ${fmt(mm.cpu)} s = ${fmt(MB / mm.cpu)} MB/s per core (median; CPU per run ${mms.map((r) => fmt(r.cpu)).join(', ')} s); peak RSS ${fmt(Math.max(...mms.map((r) => r.rssMB)))} MB`);
if (process.env.LOGS_BENCH_FULL) {
  // the same summary with every line through the full parser (no fast path): what the fast path saves
  const script = `import { summarizeLogs } from ${JSON.stringify(join(root, 'dist', 'src', 'logs', 'index.js'))}; await summarizeLogs({ inputs: [${JSON.stringify(file)}] }, 10, { fullPath: true });`;
  const full = timed(process.execPath, ['--input-type=module', '-e', script]);
  console.log(`mailmedic, full path:  wall ${fmt(full.wall)} s = ${fmt(MB / full.wall)} MB/s; CPU ${fmt(full.cpu)} s = ${fmt(MB / full.cpu)} MB/s per core`);
}
if (havePf) {
  const p = { wall: median(pfs.map((r) => r.wall)), cpu: median(pfs.map((r) => r.cpu)), stdout: pfs[0].stdout };
  console.log(`pflogsumm:              wall ${fmt(p.wall)} s = ${fmt(MB / p.wall)} MB/s; CPU ${fmt(p.cpu)} s = ${fmt(MB / p.cpu)} MB/s per core (median; CPU per run ${pfs.map((r) => fmt(r.cpu)).join(', ')} s)`);
  const pairRatios = pfs.map((r, k) => r.cpu / mms[k].cpu);
  console.log(`ratio (mailmedic / pflogsumm): wall ${fmt(p.wall / mm.wall)}×, CPU ${fmt(p.cpu / mm.cpu)}× (medians); CPU per pair ${pairRatios.map(fmt).join('×, ')}× (median ${fmt(median(pairRatios))}×)`);
  // pflogsumm prints big numbers in its own units (adj_int_units: "750k" = 750 × 1024, "175m" = 175 × 1048576,
  // truncated): compare in those units, exactly
  const token = (what) => new RegExp(`^\\s*(\\d+[km]?)\\s+${what}`, 'm').exec(p.stdout)?.[1] ?? '?';
  const units = (v) => (v > 536870912 ? `${Math.floor(v / 1048576)}m` : v > 524288 ? `${Math.floor(v / 1024)}k` : String(v));
  const rows = [
    ['received', c.received], ['delivered', c.delivered], ['forwarded', c.forwarded], ['deferred', c.deferred],
    ['bounced', c.bounced], ['rejected', c.rejected], ['held', c.held], ['discarded', c.discarded],
    ['bytes received', c.bytesReceived], ['bytes delivered', c.bytesDelivered], ['senders', c.senders], ['recipients', c.recipients],
  ];
  console.log('figure            mailmedic (exact)   in pflogsumm units   pflogsumm');
  let same = 0;
  for (const [k, a] of rows) {
    const b = token(k);
    if (units(a) === b) same++;
    console.log(`${k.padEnd(16)} ${String(a).padStart(18)}   ${units(a).padStart(18)}   ${b.padStart(9)}${units(a) === b ? '' : '   ← differs'}`);
  }
  console.log(`${same} of ${rows.length} figures agree${shape === 'real' ? ' (on a content-filtered log pflogsumm counts every message twice — received, bytes, senders — and a discarded one as delivered; mailmedic\'s figures are the ones test/logs/filters.test.ts checks against an independent count)' : ''}`);
} else console.log('pflogsumm not installed (apt-get install pflogsumm): no side-by-side figure');

if (process.env.LOGS_BENCH_PROFILE) {
  const pdir = join(dir, 'prof');
  rmSync(pdir, { recursive: true, force: true });
  spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${pdir}`, join(root, 'bin', 'mailmedic.js'), 'logs', 'summary', file, '--json'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const prof = JSON.parse(readFileSync(join(pdir, readdirSync(pdir).find((n) => n.endsWith('.cpuprofile'))), 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (n.callFrame.functionName === '(idle)') return; // waiting for the disk: not CPU
    const k = `${n.callFrame.functionName || '(anonymous)'} (${n.callFrame.url.split('/').slice(-2).join('/')})`;
    const d = prof.timeDeltas[i] ?? 0;
    total += d;
    self.set(k, (self.get(k) ?? 0) + d);
  });
  console.log('where the time goes (self time, top 15):');
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${(100 * t / total).toFixed(1).padStart(5)} %  ${k}`);
}
}
