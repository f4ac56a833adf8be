#!/usr/bin/env node
// Replace the bundled RDAP bootstrap (src/domain/rdap/bootstrap.json, a seed subset for common TLDs) with IANA's
// whole file (RFC 9224). Run where the Internet is reachable, then rebuild:
//   node scripts/update-rdap-bootstrap.mjs [URL]      (default https://data.iana.org/rdap/dns.json)
// Users can also keep their own copy and pass it with `mailmedic domain --rdap-bootstrap FILE`.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const url = process.argv[2] ?? 'https://data.iana.org/rdap/dns.json';
const target = fileURLToPath(new URL('../src/domain/rdap/bootstrap.json', import.meta.url));
const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
const doc = await res.json();
const ok = Array.isArray(doc.services) && doc.services.every((s) => Array.isArray(s) && Array.isArray(s[0]) && Array.isArray(s[1]));
if (!ok || doc.services.length < 100) throw new Error(`${url} does not look like IANA's RDAP bootstrap (${doc.services?.length ?? 0} services)`);
writeFileSync(target, JSON.stringify({ description: doc.description, publication: doc.publication, services: doc.services }, null, 1) + '\n');
console.log(`${target}: ${doc.services.length} services, published ${doc.publication}`);
