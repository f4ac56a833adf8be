#!/usr/bin/env node
// Probe concurrency: N probes of the local Postfix (EHLO, STARTTLS, TLS inspection, EHLO, QUIT on port 2525),
// run one at a time vs with --concurrency C. Reports wall time beside "one probe × N / C" (the ideal).
// Needs the test servers: MAILMEDIC_TEST_ENV=path/env.json (default /tmp/mm-dev-env/env.json if present).
import { existsSync, readFileSync } from 'node:fs';
import { probeMany } from '../dist/src/probe/many.js';

const envPath = process.env.MAILMEDIC_TEST_ENV ?? '/tmp/mm-dev-env/env.json';
if (!existsSync(envPath)) {
  console.log(`probe bench skipped: no running test servers (set MAILMEDIC_TEST_ENV; see testenv/start.sh)`);
  process.exit(0);
}
const env = JSON.parse(readFileSync(envPath, 'utf8'));
const N = Number(process.env.PROBE_BENCH_N ?? 200);
const target = { host: env.host, port: env.smtp, tls: 'auto' };
const run = async (n, concurrency) => {
  const t0 = performance.now();
  const { results } = await probeMany({ protocol: 'smtp', targets: Array.from({ length: n }, () => ({ ...target })), concurrency });
  const ms = performance.now() - t0;
  const failed = results.filter((r) => !r.reached).length;
  return { ms, failed };
};
await run(5, 1); // warm-up (TLS session cache, Postfix processes)
const seq = await run(40, 1);
const one = seq.ms / 40;
console.log(`machine: ${process.env.BENCH_MACHINE ?? '2 cores / 24 GiB shared'}; node ${process.version}`);
console.log(`one probe (mean of 40 sequential): ${one.toFixed(1)} ms`);
for (const c of [1, 4, 8, 16, 32]) {
  const r = await run(N, c);
  const ideal = (one * N) / c;
  console.log(`${N} probes, concurrency ${String(c).padStart(2)}: wall ${r.ms.toFixed(0).padStart(6)} ms; one × ${N} / ${c} = ${ideal.toFixed(0).padStart(6)} ms; ratio wall/ideal ${(r.ms / ideal).toFixed(2)}; speed-up vs sequential ${((one * N) / r.ms).toFixed(1)}×; failed ${r.failed}`);
}
