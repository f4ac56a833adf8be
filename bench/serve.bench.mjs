#!/usr/bin/env node
// serve benchmark (`npm run bench -- serve`): side by side in one run, on loopback
//  1. POST /api/explain (JSON in, Report out, 8 requests in flight) beside calling explain() in-process on the
//     same texts: requests/s, explanations/s and the ratio = what the web layer costs;
//  2. GET of the pages (HTML built per request) and of /app.js: requests/s;
//  3. the doctor over HTTP with server-sent events (php-mail case: limits + explain; the DNS checks skipped)
//     beside runDoctor() in-process.
// The HTTP client (fetch) runs in the same process as the server, so its cost is in the HTTP figures too.
import { readFileSync } from 'node:fs';
import { explain } from '../dist/src/explain/index.js';
import { runDoctor } from '../dist/src/doctor/engine.js';
import { createMailmedicServer } from '../dist/src/serve/server.js';

const TEXTS = [
  '550 5.1.1 <jan@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
  '421 4.7.0 Try again later, closing connection. (EHLO) - gsmtp',
  '554 5.7.1 Service unavailable; Client host [192.0.2.5] blocked using zen.spamhaus.org',
  '552 5.2.2 The email account that you tried to reach is over quota',
  '550 5.7.26 This message does not have authentication information or fails to pass authentication checks',
  'Połączenie wymaga szyfrowania',
];
const N = Number(process.env.BENCH_N ?? 3000);
const CONC = 8;

async function timed(fn) {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e9;
}

async function pool(n, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: CONC }, async () => { while (next < n) await fn(next++); }));
}

// Only a loopback resolver, ever: the test DNS of $MAILMEDIC_TEST_ENV, else 127.0.0.1:5353 (if nothing listens
// there a lookup fails on this machine; it never reaches the system resolver or the Internet).
const testEnvFile = process.env.MAILMEDIC_TEST_ENV;
const te = testEnvFile ? JSON.parse(readFileSync(testEnvFile, 'utf8')) : { host: '127.0.0.1', dnsPort: 5353 };
const deps = { dnsServer: `${te.host}:${te.dnsPort}`, timeoutMs: 2000 };
// The rate limit guards probes from strangers; the benchmark is the only client.
const app = await createMailmedicServer({ port: 0, probesPerMinute: 1e6, ...deps }).listen();
try {
  // warm-up
  for (let i = 0; i < 200; i++) explain(TEXTS[i % TEXTS.length]);
  await pool(200, (i) => fetch(`${app.url}/api/explain`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: TEXTS[i % TEXTS.length] }) }).then((r) => r.text()));

  const lib = await timed(async () => { for (let i = 0; i < N; i++) JSON.stringify(explain(TEXTS[i % TEXTS.length])); });
  const http = await timed(() => pool(N, async (i) => {
    const r = await fetch(`${app.url}/api/explain`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ text: TEXTS[i % TEXTS.length] }) });
    if (r.status !== 200) throw new Error(`status ${r.status}`);
    await r.text();
  }));
  console.log(`explain in-process (+JSON.stringify): ${(N / lib).toFixed(0)} /s`);
  console.log(`POST /api/explain over HTTP, ${CONC} in flight: ${(N / http).toFixed(0)} /s`);
  console.log(`ratio in-process / HTTP: ${(http / lib).toFixed(2)}×`);

  const pages = ['/', '/explain', '/domain', '/probe', '/settings', '/logs', '/doctor'];
  const P = N;
  const pt = await timed(() => pool(P, async (i) => { await (await fetch(app.url + pages[i % pages.length], { headers: { 'Accept-Language': i % 2 ? 'pl' : 'en' } })).text(); }));
  const jt = await timed(() => pool(P, async () => { await (await fetch(`${app.url}/app.js`)).text(); }));
  console.log(`GET pages (built per request): ${(P / pt).toFixed(0)} /s; GET /app.js: ${(P / jt).toFixed(0)} /s`);

  const D = Math.max(100, Math.floor(N / 10));
  // No addresses: the DNS checks are skipped, so nothing leaves the machine and only the doctor's own work is timed.
  const answers = { sentToday: 620, sentLastHour: 250, error: TEXTS[0] };
  const dl = await timed(async () => { for (let i = 0; i < D; i++) await runDoctor('php-mail', answers, { deps }); });
  const dh = await timed(() => pool(D, async () => {
    const r = await fetch(`${app.url}/api/doctor?stream=1`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ case: 'php-mail', answers }) });
    const t = await r.text();
    if (!t.includes('event: report')) throw new Error('no report event');
  }));
  console.log(`doctor php-mail in-process: ${(D / dl).toFixed(0)} /s; over HTTP with SSE: ${(D / dh).toFixed(0)} /s; ratio ${(dh / dl).toFixed(2)}×`);
} finally {
  await app.close();
}
