import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.js';
import { createDnsClient } from '../../src/dns/index.js';
import { loadDnsblLists } from '../../src/domain/index.js';
import { PROJECT_ROOT, testEnv } from '../helpers/env.js';

/** A DNS client pointed at the real NSD of the test environment. */
export function nsd() {
  const e = testEnv();
  return createDnsClient({ server: `${e.host}:${e.dnsPort}`, timeoutMs: 2000 });
}
export const nsdServer = () => { const e = testEnv(); return `${e.host}:${e.dnsPort}`; };

/** The blocklist set pointing at the fake lists in testenv/zones/mm-dnsbl.test.zone. */
export const TEST_LISTS_PATH = join(PROJECT_ROOT, 'test', 'domain', 'fixtures', 'dnsbl-lists.json');
export const testLists = () => loadDnsblLists(TEST_LISTS_PATH);

export const byCheck = (fs: Finding[], check: string) => fs.filter((f) => f.check === check);
export const one = (fs: Finding[], check: string): Finding => {
  const m = byCheck(fs, check);
  if (m.length !== 1) throw new Error(`expected one ${check}, got ${m.length}: ${fs.map((f) => f.check).join(', ')}`);
  return m[0]!;
};
export const checksOf = (fs: Finding[]) => fs.map((f) => `${f.check}:${f.status}`);
