#!/usr/bin/env node
// Domain fleet benchmark (`npm run bench -- fleet`, issue 18): checkDomains over 1,000 real-shaped customer domains
// of a hosting company (a pool of 20 shared MX hosts, a shared SPF include, DMARC on 70 %, DKIM on half, a few
// broken ones) served by a local fake DNS server (127.0.0.1) that answers every query after a fixed delay.
// Side by side in one run:
//  - the fleet's wall time vs (one domain's wall time alone, cold cache × domains ÷ jobs): the aim is ≤ 1.5×;
//  - peak RSS at 250 and at 1,000 domains: memory stays flat (rows are printed and dropped; the cache is bounded).
// Env: FLEET_BENCH_DOMAINS (1000), FLEET_BENCH_JOBS (32), FLEET_BENCH_DELAY_MS (30).
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { createDnsClient } = await import(join(root, 'dist', 'src', 'dns', 'index.js'));
const { checkDomains } = await import(join(root, 'dist', 'src', 'domain', 'index.js'));

const N = Number(process.env.FLEET_BENCH_DOMAINS ?? 1000);
const jobs = Number(process.env.FLEET_BENCH_JOBS ?? 32);
const delay = Number(process.env.FLEET_BENCH_DELAY_MS ?? 30);

const { startHostingDns } = await import(join(root, 'bench', 'lib', 'hosting-dns.mjs'));
const { port, domains, lists, served: servedNow, close } = await startHostingDns(N, delay);
const server = { port, close };
// At most 8 questions on the wire per domain in flight (a domain asks ~30, most at once).
const client = () => createDnsClient({ server: `127.0.0.1:${server.port}`, timeoutMs: 3000, retries: 1, cacheSize: 50_000, keepTrace: false, maxInFlight: Number(process.env.FLEET_BENCH_INFLIGHT ?? jobs * 8) });

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
console.log(`fake DNS on 127.0.0.1:${server.port}, ${delay} ms per answer; ${N} domains, ${jobs} at once`);

// One domain alone, cold cache: the time a domain takes on its own (median of 5 different domains).
const singles = [];
for (const d of [domains[1], domains[2], domains[3], domains[4], domains[5]]) {
  const t0 = performance.now();
  for await (const _ of checkDomains([d], { resolver: client(), fetch: false, dnsblLists: lists })) { /* drop */ }
  singles.push(performance.now() - t0);
}
singles.sort((a, b) => a - b);
const single = singles[2];

async function fleet(n) {
  const before = await servedNow();
  const rows = { error: 0, warn: 0, ok: 0, info: 0, unknown: 0 };
  let peak = process.memoryUsage.rss();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for await (const r of checkDomains(domains.slice(0, n), { resolver: client(), jobs, fetch: false, dnsblLists: lists })) {
    rows[r.status]++;
    peak = Math.max(peak, process.memoryUsage.rss());
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { wall, rows, peak, cpuMs: (cpu.user + cpu.system) / 1000, queries: (await servedNow()) - before };
}
global.gc?.();
const small = await fleet(Math.round(N / 4));
global.gc?.();
const big = await fleet(N);
const expected = (single * N) / jobs;
console.log(`one domain alone (cold cache): median ${single.toFixed(0)} ms (${(single / delay).toFixed(1)} × ${delay} ms)`);
console.log(`fleet of ${N}: ${(big.wall / 1000).toFixed(2)} s wall, ${big.queries} DNS queries (${(big.queries / N).toFixed(1)} per domain; shared answers cached), statuses ${JSON.stringify(big.rows)}`);
console.log(`main thread CPU during the fleet: ${(big.cpuMs / 1000).toFixed(2)} s (${(big.cpuMs / N).toFixed(1)} ms per domain: the checks, the DNS client, the findings)`);
console.log(`expected from one domain × ${N} ÷ ${jobs} jobs: ${(expected / 1000).toFixed(2)} s → measured ÷ expected = ${(big.wall / expected).toFixed(2)}× (aim ≤ 1.5×)`);
console.log(`peak RSS: ${Math.round(small.peak / 2 ** 20)} MB at ${Math.round(N / 4)} domains, ${Math.round(big.peak / 2 ** 20)} MB at ${N} (${(big.peak / small.peak).toFixed(2)}× for 4× the domains)`);
await server.close();
