#!/usr/bin/env node
// `watch` benchmark (issue 19): 500 watched items per pass — 450 customer domains and 50 sending IPs of a hosting
// company, served by the fake DNS of bench/lib/hosting-dns.mjs (30 ms per answer) — against the same checks run bare
// (checkDomain / PTR + blocklists with the same concurrency, nothing stored). Side by side in one run: the pass time
// of `watch` (checks + SQLite history + change detection) ÷ the bare checks, and the database size per 1,000 results
// after several passes. When PostgreSQL is installed, the same pass with the history in a throw-away PostgreSQL
// cluster (started here on loopback) runs alongside, so the two engines are compared in the same run.
// Nothing leaves 127.0.0.1: no MTA-STS/BIMI fetch, and the test TLD has no RDAP service.
//   node bench/watch.bench.mjs [passes]   (default 4)
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { startHostingDns } = await import(join(root, 'bench', 'lib', 'hosting-dns.mjs'));
const { createDnsClient } = await import(join(root, 'dist', 'src', 'dns', 'index.js'));
const { checkDomain, checkPtr, checkDnsbl } = await import(join(root, 'dist', 'src', 'domain', 'index.js'));
const { mapConcurrent } = await import(join(root, 'dist', 'src', 'probe', 'many.js'));
const { validateWatchConfig, openWatchStore, runWatchPass } = await import(join(root, 'dist', 'src', 'watch', 'index.js'));

const PASSES = Number(process.argv[2] ?? 4);
const DOMAINS = 450, IPS = 50, JOBS = 16, DELAY = 30;
const dns = await startHostingDns(DOMAINS, DELAY);
const ips = Array.from({ length: IPS }, (_, i) => `45.20.${2 + (i >> 8)}.${(i % 250) + 1}`);
const client = () => createDnsClient({ server: `127.0.0.1:${dns.port}`, timeoutMs: 3000, retries: 1, cacheSize: 50_000, keepTrace: false, maxInFlight: JOBS * 8 });
const cfg = validateWatchConfig({ concurrency: JOBS, domains: dns.domains, ips });
const dir = mkdtempSync(join(tmpdir(), 'mm-watch-bench-'));
const db = join(dir, 'watch.db');
const store = await openWatchStore(db);
const { startPostgres, POSTGRES_SKIP } = await import(join(root, 'dist', 'test', 'helpers', 'postgres.js'));
const pg = POSTGRES_SKIP ? undefined : await startPostgres();
const pgStore = pg ? await openWatchStore(pg.url) : undefined;
if (!pg) console.log(`PostgreSQL side skipped: ${POSTGRES_SKIP}`);

/** The same checks, bare: what a pass costs without storing or comparing anything. */
async function bare() {
  const r = client();
  const t0 = performance.now();
  const items = [...dns.domains.map((d) => ['d', d]), ...ips.map((ip) => ['i', ip])];
  await mapConcurrent(items, JOBS, async ([k, x]) => (k === 'd'
    ? checkDomain(x, { resolver: r, fetch: false, dnsblLists: dns.lists })
    : Promise.all([checkPtr(r, { ip: x, role: 'sender' }), checkDnsbl(r, { ips: [{ ip: x }], lists: dns.lists })])));
  return performance.now() - t0;
}
async function watched(into = store) {
  const t0 = performance.now();
  const r = await runWatchPass({ config: cfg, store: into, lang: 'en', deps: { dns: client(), fetchMtaSts: false, dnsblLists: dns.lists } });
  return { ms: performance.now() - t0, alerts: r.alerts.length };
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model}; ${DOMAINS + IPS} items per pass (${DOMAINS} domains, ${IPS} IPs), ${JOBS} at once, DNS ${DELAY} ms per answer`);
const rows = [];
for (let i = 0; i < PASSES; i++) {
  const b = await bare();
  const w = await watched();
  const p = pgStore ? await watched(pgStore) : undefined;
  rows.push({ bare: b, watch: w.ms, alerts: w.alerts, ...(p ? { pg: p.ms } : {}) });
  console.log(`pass ${i + 1}: bare checks ${(b / 1000).toFixed(2)} s, watch pass ${(w.ms / 1000).toFixed(2)} s (${w.alerts} alerts), ratio ${(w.ms / b).toFixed(2)}×`
    + (p ? `; on PostgreSQL ${(p.ms / 1000).toFixed(2)} s (${p.alerts} alerts), ratio ${(p.ms / b).toFixed(2)}×` : ''));
}
await store.close();
let pgBytes;
if (pgStore) {
  await pgStore.close();
  const pgm = (await import('pg')).default;
  const c = new pgm.Client({ connectionString: pg.url });
  await c.connect();
  pgBytes = Number((await c.query("SELECT sum(pg_total_relation_size(c.oid))::bigint AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relkind IN ('r', 'm')")).rows[0].n);
  await c.end();
  await pg.stop();
}
const results = PASSES * (DOMAINS + IPS);
const bytes = ['', '-wal', '-shm'].reduce((n, s) => { try { return n + statSync(db + s).size; } catch { return n; } }, 0);
const med = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`median ratio watch pass / bare checks: ${med(rows.map((r) => r.watch / r.bare)).toFixed(2)}×`);
console.log(`database: ${(bytes / 2 ** 20).toFixed(1)} MiB for ${results} results = ${(bytes / results * 1000 / 2 ** 20).toFixed(2)} MiB per 1,000 results`);
if (pgBytes !== undefined) {
  console.log(`median ratio on PostgreSQL / bare checks: ${med(rows.map((r) => r.pg / r.bare)).toFixed(2)}×; PostgreSQL pass / SQLite pass: ${med(rows.map((r) => r.pg / r.watch)).toFixed(2)}×`);
  console.log(`PostgreSQL tables and indexes: ${(pgBytes / 2 ** 20).toFixed(1)} MiB = ${(pgBytes / results * 1000 / 2 ** 20).toFixed(2)} MiB per 1,000 results`);
}
rmSync(dir, { recursive: true, force: true });
dns.close();
