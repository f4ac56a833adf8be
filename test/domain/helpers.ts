import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:https';
import { join } from 'node:path';
import type { Finding } from '../../src/core/finding.js';
import { createDnsClient } from '../../src/dns/index.js';
import { loadDnsblLists, type HttpsFetch } from '../../src/domain/index.js';
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

/**
 * A local HTTPS server answering what `answer(host, path)` gives (404 when nothing), and a fetch that goes to it
 * whatever host the URL names: MTA-STS policies, BIMI logos and certificates served on loopback.
 */
export async function httpsTestServer(answer: (host: string, path: string) => string | undefined): Promise<{ fetch: HttpsFetch; close: () => Promise<void> }> {
  const certs = testEnv().certs;
  const srv = createServer({ key: readFileSync(join(certs, 'key.pem')), cert: readFileSync(join(certs, 'cert.pem')) }, (req, res) => {
    const body = answer(String(req.headers.host), req.url ?? '');
    if (body === undefined) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': 'text/plain' }); res.end(body);
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  const fetch: HttpsFetch = (url, { timeoutMs }) => new Promise((resolve, reject) => {
    const u = new URL(url);
    // Test only: the env's certificate is for mail.example.test, so it is not verified here.
    const req = request({ host: '127.0.0.1', port, path: u.pathname, headers: { host: u.host }, rejectUnauthorized: false, timeout: timeoutMs }, (res) => {
      let body = ''; res.setEncoding('utf8'); res.on('data', (c: string) => { body += c; }); res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject); req.end();
  });
  return { fetch, close: () => new Promise((r) => srv.close(() => r())) };
}
