#!/usr/bin/env node
// `mailmedic domain` benchmark (`npm run bench -- domain`): a full check of a domain with a deep SPF include
// tree against a local fake DNS server (127.0.0.1) that answers every query after a fixed delay. Side by side:
//  - wall time of checkDomain() vs the critical path (the longest chain of lookups that depend on each other
//    × the delay) — the aim is under 1.5×, i.e. independent lookups really run in parallel;
//  - the number of queries vs the number of distinct (name, type): no lookup is made twice;
//  - for scale: queries × delay, what asking one query at a time would take.
// Env: DOMAIN_BENCH_DELAY_MS (default 20), DOMAIN_BENCH_DEPTH (SPF include chain depth, default 6), DOMAIN_BENCH_ROUNDS (5).
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const { createDnsClient } = await import(join(root, 'dist', 'src', 'dns', 'index.js'));
const { checkDomain, DEFAULT_DNSBL_LISTS } = await import(join(root, 'dist', 'src', 'domain', 'index.js'));
const { startFakeDns } = await import(join(root, 'dist', 'test', 'dns', 'fake-dns-server.js'));

const delay = Number(process.env.DOMAIN_BENCH_DELAY_MS ?? 20);
const depth = Number(process.env.DOMAIN_BENCH_DEPTH ?? 6);
const rounds = Number(process.env.DOMAIN_BENCH_ROUNDS ?? 5);
const D = 'bench.test';

// The zone: MX → A → PTR → A (FCrDNS) and blocklists per address; SPF root → l1 → … → l<depth>, the last
// with "mx:" (MX, then the hosts' A/AAAA): the critical path is 1 (root TXT) + depth + 2 lookups.
const zone = new Map();
const add = (name, type, data) => { const k = `${name}|${type}`; zone.set(k, [...(zone.get(k) ?? []), data]); };
add(D, 'MX', { preference: 10, exchange: `mx1.${D}` });
add(D, 'MX', { preference: 20, exchange: `mx2.${D}` });
add(`mx1.${D}`, 'A', '45.10.30.1');
add(`mx2.${D}`, 'A', '45.10.30.2');
add('1.30.10.45.in-addr.arpa', 'PTR', `mx1.${D}`);
add('2.30.10.45.in-addr.arpa', 'PTR', `mx2.${D}`);
add(D, 'TXT', `v=spf1 include:l1.${D} mx a -all`);
add(D, 'A', '45.10.30.80');
for (let i = 1; i <= depth; i++) add(`l${i}.${D}`, 'TXT', i < depth ? `v=spf1 ip4:45.10.${30 + i}.0/24 include:l${i + 1}.${D} -all` : `v=spf1 mx:mail.other.test -all`);
add('mail.other.test', 'MX', { preference: 10, exchange: 'mx.other.test' });
add('mx.other.test', 'A', '45.10.40.1');
add(`default._domainkey.${D}`, 'TXT', 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
add(`_dmarc.${D}`, 'TXT', `v=DMARC1; p=reject; rua=mailto:d@${D}`);
add(D, 'SOA', { mname: `ns1.${D}`, rname: `hostmaster.${D}`, serial: 1, refresh: 7200, retry: 1800, expire: 1209600, minimum: 300 });
add(D, 'NS', `ns1.${D}`);
add(D, 'NS', `ns2.${D}`);
add(`ns1.${D}`, 'A', '45.10.30.53');
add(`ns2.${D}`, 'A', '45.10.30.54');
const names = new Set([...zone.keys()].map((k) => k.split('|')[0]));
// Blocklists: the built-in set's structure, zones moved under bl.test (health entries listed, nothing else).
const lists = DEFAULT_DNSBL_LISTS.map((l) => ({ ...l, zone: `${l.id}.bl.test` }));
for (const l of lists) {
  const name = l.kind === 'ip' ? `2.0.0.127.${l.zone}` : `${l.testEntry}.${l.zone}`;
  add(name, 'A', l.testAnswer?.[0] ?? (l.bitmask ? '127.0.0.14' : '127.0.0.2'));
  names.add(name);
}

const server = await startFakeDns((q) => {
  const name = q.name.toLowerCase();
  const data = zone.get(`${name}|${q.type}`);
  if (!data) return { delayMs: delay, rcode: names.has(name) ? 'NOERROR' : 'NXDOMAIN' };
  return { delayMs: delay, answers: data.map((d) => ({ name, type: q.type, ttl: 300, data: q.type === 'TXT' ? [Buffer.from(d)] : d })) };
});

const criticalLookups = 1 + depth + 2;
const critical = criticalLookups * delay;
console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
console.log(`fake DNS on 127.0.0.1:${server.port}, ${delay} ms per answer; SPF include depth ${depth}; ${rounds} rounds (+1 warm-up)`);
const walls = [];
let last;
for (let r = 0; r <= rounds; r++) {
  server.log.length = 0;
  const dns = createDnsClient({ server: `127.0.0.1:${server.port}`, timeoutMs: 2000, retries: 0 });
  const t0 = performance.now();
  const res = await checkDomain(D, { dns, ips: ['45.10.30.9'], fetch: false, dnsblLists: lists });
  const wall = performance.now() - t0;
  if (r > 0) walls.push(wall);
  const keys = server.log.map((l) => `${l.name.toLowerCase()}|${l.type}`);
  last = { res, queries: server.log.length, distinct: new Set(keys).size, stats: dns.stats() };
}
walls.sort((a, b) => a - b);
const median = walls[Math.floor(walls.length / 2)];
const errors = last.res.findings.filter((f) => f.status === 'error').map((f) => f.check);
console.log(`findings: ${last.res.findings.length} (errors: ${errors.join(', ') || 'none'}); SPF tree lookups ${last.res.data.spf.lookups}/10`);
console.log(`queries sent: ${last.queries}, distinct (name, type): ${last.distinct}, asked twice: ${last.queries - last.distinct}, cache hits: ${last.stats.cacheHits}`);
console.log(`critical path: ${criticalLookups} dependent lookups × ${delay} ms = ${critical} ms`);
console.log(`wall time: median ${median.toFixed(1)} ms (min ${walls[0].toFixed(1)}, max ${walls[walls.length - 1].toFixed(1)}) → ${(median / critical).toFixed(2)}× the critical path (aim < 1.5×)`);
console.log(`one query at a time would take: ${last.queries} × ${delay} ms = ${last.queries * delay} ms (${(last.queries * delay / median).toFixed(1)}× the measured wall time)`);
await server.close();
if (last.queries !== last.distinct) { console.log('FAIL: a lookup was made twice'); process.exit(1); }
