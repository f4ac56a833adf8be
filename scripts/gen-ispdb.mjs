#!/usr/bin/env node
// Derive the compact ISPDB table src/settings/ispdb.json from Thunderbird's ISPDB XML files
// (../shared/corpus/autoconfig/ispdb/*.xml, MPL-2.0). Facts only: domains → servers (host, port, socket, user name form).
// Run after a build: node scripts/gen-ispdb.mjs [ISPDB_DIR]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseClientConfig } from '../dist/src/settings/clientconfig.js';

const root = resolve(import.meta.dirname, '..');
const dir = process.argv[2] ?? resolve(root, '..', 'shared', 'corpus', 'autoconfig', 'ispdb');
const providers = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.xml')).sort()) {
  const p = parseClientConfig(readFileSync(join(dir, f), 'utf8'));
  if (!p || !p.servers.length) continue;
  providers.push({ id: p.id || f.replace(/\.xml$/, ''), name: p.name, domains: [...new Set([f.replace(/\.xml$/, ''), ...p.domains])], servers: p.servers });
}
const out = {
  source: 'Thunderbird ISPDB (thunderbird/autoconfig, MPL-2.0), derived by scripts/gen-ispdb.mjs',
  providers,
};
writeFileSync(join(root, 'src', 'settings', 'ispdb.json'), JSON.stringify(out) + '\n');
console.log(`${providers.length} providers, ${providers.reduce((a, p) => a + p.domains.length, 0)} domains`);
