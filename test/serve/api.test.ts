// The JSON API against the real test servers: same Report shape as the CLI, SSE streaming, limits,
// the probe policy of an exposed server, rate limiting, language choice, escaping, OpenAPI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildOpenApi } from '../../src/serve/openapi.js';
import { checkProbeTarget, isNonPublicAddress, RateLimiter } from '../../src/serve/security.js';
import type { MailmedicServer } from '../../src/serve/server.js';
import { PROJECT_ROOT, testEnv } from '../helpers/env.js';
import { parseSse, postJson, startTestServer, XSS_BOUNCE, XSS_PAYLOAD } from './helpers.js';

const env = testEnv();
let app: MailmedicServer;
let logLines: string[] = [];
before(async () => { app = await startTestServer({ log: (l) => logLines.push(l) }); });
after(async () => { await app.close(); });

test('pages: language from Accept-Language, ?lang= switch sets a cookie; strict security headers', async () => {
  const pl = await fetch(`${app.url}/explain`, { headers: { 'Accept-Language': 'pl-PL,pl;q=0.9,en;q=0.8' } });
  const html = await pl.text();
  assert.match(html, /<html lang="pl">/);
  assert.match(html, /Wyjaśnij błąd/);
  assert.match(pl.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(pl.headers.get('x-content-type-options'), 'nosniff');
  const en = await fetch(`${app.url}/explain`, { headers: { 'Accept-Language': 'de-DE,en;q=0.5,pl;q=0.4' } });
  assert.match(await en.text(), /<html lang="en">/);
  const sw = await fetch(`${app.url}/domain?lang=pl`);
  assert.match(sw.headers.get('set-cookie') ?? '', /lang=pl/);
  const again = await fetch(`${app.url}/domain`, { headers: { Cookie: 'lang=pl', 'Accept-Language': 'en' } });
  assert.match(await again.text(), /Sprawdź domenę/);
  for (const p of ['/', '/explain', '/domain', '/probe', '/settings', '/logs', '/queue', '/doctor', '/app.js', '/app.css', '/openapi.json']) {
    assert.equal((await fetch(app.url + p)).status, 200, p);
  }
  assert.equal((await fetch(`${app.url}/etc/passwd`)).status, 404);
});

test('probe: a wrong password is diagnosed, and neither the password nor the request body reaches the log', async () => {
  const secret = 'Api-Secret-Pass-99';
  const r = await postJson(`${app.url}/api/probe`, { protocol: 'smtp', host: env.host, port: env.submission, security: 'starttls', user: 'alice@example.test', password: secret });
  assert.equal(r.status, 200);
  assert.equal(r.json.schema, 'mailmedic.report');
  const auth = r.json.findings.find((f: { check: string }) => f.check === 'probe.smtp.auth');
  assert.equal(auth?.status, 'error');
  assert.ok(!r.text.includes(secret));
  assert.ok(!r.text.includes(Buffer.from(secret).toString('base64')));
  assert.ok(logLines.some((l) => l.includes('POST /api/probe 200')));
  assert.ok(!logLines.join('\n').includes(secret));
});

test('doctor over SSE: progress and findings arrive before the final report', async () => {
  const r = await postJson(`${app.url}/api/doctor?stream=1`, {
    case: 'client-send',
    answers: { address: 'alice@example.test', server: { host: env.host, port: env.submission, security: 'starttls', user: 'alice@example.test', password: 'wrong-Sse-Pass' }, sentToday: 900 },
  });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type') ?? '', /text\/event-stream/);
  const events = parseSse(r.text);
  const names = events.map((e) => e[0]);
  assert.ok(names.includes('progress') && names.includes('finding'));
  assert.equal(names[names.length - 1], 'report');
  assert.ok(names.indexOf('finding') < names.indexOf('report'));
  const report = events[events.length - 1]![1];
  assert.equal(report.command, 'doctor');
  assert.ok(report.data.causes.some((c: { check: string }) => c.check === 'probe.smtp.auth'));
  assert.ok(!r.text.includes('wrong-Sse-Pass'));
});

test('settings: an address gets its settings report (or an honest "not available")', async () => {
  const r = await postJson(`${app.url}/api/settings`, { address: 'alice@example.test' });
  assert.equal(r.status, 200);
  assert.equal(r.json.command, 'settings');
  assert.ok(r.json.findings.length > 0);
  assert.ok(r.json.findings.every((f: { check: string }) => f.check.startsWith('settings.') || f.check.endsWith('.unavailable')));
});

test('domain over SSE: findings of the parts arrive live, then the whole report', async () => {
  const r = await postJson(`${app.url}/api/domain?stream=1`, { domain: 'example.test' });
  assert.equal(r.status, 200);
  const events = parseSse(r.text);
  const last = events[events.length - 1]!;
  assert.equal(last[0], 'report');
  assert.equal(last[1].command, 'domain');
  if (!last[1].findings.some((f: { check: string }) => f.check.endsWith('.unavailable'))) {
    assert.ok(events.filter((e) => e[0] === 'finding').length > 0, 'live findings before the report');
  }
});

test('doctor steps: the next question follows the answers; file paths are refused over the web', async () => {
  let r = await postJson(`${app.url}/api/doctor/next`, { case: 'vps-send', answers: {} });
  assert.equal(r.json.step.id, 'from');
  r = await postJson(`${app.url}/api/doctor/next`, { case: 'vps-send', answers: { from: 'a@example.test', ip: '127.0.0.2', domain: 'example.test', to: 'b@example.test', sentAt: 'x', error: 'y' } });
  assert.equal(r.json.step.id, 'bounceFile');
  assert.equal(r.json.step.path, 'bounce');
  assert.equal(r.json.step.kind, 'longtext');
  r = await postJson(`${app.url}/api/doctor/next`, { case: 'vps-send', answers: {}, skipped: ['from', 'ip', 'domain', 'to', 'sentAt', 'error', 'bounceFile', 'logFile', 'queueFile'] });
  assert.deepEqual(r.json, { done: true });
  r = await postJson(`${app.url}/api/doctor`, { case: 'php-mail', answers: { logFile: '/etc/shadow' } });
  assert.equal(r.status, 400);
  for (const queueFile of ['/etc/shadow', 'live']) {
    r = await postJson(`${app.url}/api/doctor`, { case: 'vps-send', answers: { queueFile } });
    assert.equal(r.status, 400, `queueFile ${queueFile} over the web`);
  }
  r = await postJson(`${app.url}/api/doctor`, { case: 'nope', answers: {} });
  assert.equal(r.status, 400);
});

test('bad requests: wrong type, bad JSON, over the size limit, cross-origin, unknown method — clear errors, never 500', async () => {
  assert.equal((await postJson(`${app.url}/api/domain`, '{"domain":', {})).status, 400);
  const tp = await fetch(`${app.url}/api/domain`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'example.test' });
  assert.equal(tp.status, 415);
  assert.equal((await postJson(`${app.url}/api/domain`, { domain: 'x'.repeat(10_000) })).status, 413);
  assert.equal((await postJson(`${app.url}/api/domain`, { domain: 'not a domain!' })).status, 400);
  assert.equal((await postJson(`${app.url}/api/settings`, { address: 42 })).status, 400);
  assert.equal((await postJson(`${app.url}/api/probe`, { host: env.host, port: 70000 })).status, 400);
  assert.equal((await postJson(`${app.url}/api/explain`, { text: 'x' }, { Origin: 'http://evil.example' })).status, 403);
  assert.equal((await fetch(`${app.url}/api/explain`, { method: 'DELETE' })).status, 405);
  // Random hostile bodies never crash the server.
  const junk = ['[]', 'null', '"x"', '{"text":{"a":1}}', '{"raw":"\\u0000\\u0001"}', '{"case":[1],"answers":"x"}', '{"report":{"schema":"mailmedic.report","findings":[1]},"format":"html"}'];
  for (const path of ['/api/explain', '/api/bounce', '/api/domain', '/api/probe', '/api/settings', '/api/logs', '/api/doctor', '/api/doctor/next', '/api/render']) {
    for (const body of junk) {
      const r = await postJson(app.url + path, body);
      assert.ok(r.status < 500, `${path} ${body} → ${r.status} ${r.text.slice(0, 200)}`);
    }
  }
});

test('an exposed server refuses private targets and non-mail ports, and rate-limits probes per client', async () => {
  const exposed = await startTestServer({ restrictProbes: true, probesPerMinute: 3 });
  try {
    let r = await postJson(`${exposed.url}/api/probe`, { host: env.host, port: 587 });
    assert.equal(r.status, 403);
    assert.equal(r.json.error, 'target-refused');
    r = await postJson(`${exposed.url}/api/probe`, { host: 'mail.example.test', port: 25 });
    assert.equal(r.status, 403, 'a name that resolves to loopback is refused too');
    r = await postJson(`${exposed.url}/api/probe`, { host: '93.184.216.34', port: 8080 });
    assert.equal(r.status, 403);
    assert.equal(r.json.error, 'port-refused');
    r = await postJson(`${exposed.url}/api/probe`, { host: '10.0.0.1', port: 25 });
    assert.equal(r.status, 429, 'the fourth probe within a minute');
    const doc = await postJson(`${exposed.url}/api/doctor`, { case: 'client-send', answers: { server: { host: env.host, port: 22 } } });
    assert.equal(doc.status, 429);
  } finally {
    await exposed.close();
  }
  const allowed = await startTestServer({ restrictProbes: true, allowPrivate: true });
  try {
    const r = await postJson(`${allowed.url}/api/probe`, { host: env.host, port: env.smtp, security: 'none' });
    assert.equal(r.status, 200);
  } finally {
    await allowed.close();
  }
});

test('doctor through an exposed server: its probes are refused too (reported as not checked)', async () => {
  const exposed = await startTestServer({ restrictProbes: true });
  try {
    const r = await postJson(`${exposed.url}/api/doctor`, { case: 'client-send', answers: { address: 'alice@example.test', server: { host: env.host, port: 587 } } });
    assert.equal(r.status, 200);
    const f = r.json.findings.find((x: { check: string }) => x.check === 'doctor.probe.send.failed');
    assert.ok(f, JSON.stringify(r.json.findings.map((x: { check: string }) => x.check)));
    assert.match(f.summary.en, /private, loopback or link-local/);
  } finally {
    await exposed.close();
  }
});

test('address policy: private, loopback, link-local, CGNAT, mapped and unique-local are not public', async () => {
  for (const ip of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '224.0.0.1', 'garbage']) {
    assert.equal(isNonPublicAddress(ip), true, ip);
  }
  for (const ip of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '2a00:1450:4001::1']) assert.equal(isNonPublicAddress(ip), false, ip);
  await assert.rejects(checkProbeTarget('nxdomain.invalid', 25, { restrict: true, lookup: async () => [] }), /does not resolve/);
  let t = 0;
  const rl = new RateLimiter(60, 2, () => t);
  assert.ok(rl.take('a') && rl.take('a'));
  assert.equal(rl.take('a'), false);
  assert.ok(rl.take('b'));
  t += 1000;
  assert.ok(rl.take('a'), 'one token back after a second at 60/min');
});

test('render: a posted report with hostile text comes back escaped', async () => {
  const report = {
    schema: 'mailmedic.report', schemaVersion: 1, tool: { name: 'mailmedic', version: '0' }, command: 'explain', subject: XSS_PAYLOAD,
    generatedAt: new Date().toISOString(), status: 'error',
    findings: [{ check: 'x', status: 'error', subject: XSS_PAYLOAD, summary: { en: XSS_PAYLOAD, pl: XSS_PAYLOAD }, evidence: [{ kind: 'text', value: XSS_PAYLOAD }] }],
  };
  const r = await postJson(`${app.url}/api/render`, { report, format: 'html', lang: 'en' });
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('<script>alert(2)</script>'));
  assert.ok(!r.text.includes('<img src=x'));
  assert.match(r.text, /&lt;script&gt;alert\(2\)&lt;\/script&gt;/);
});

test('render: the payload in every field of a posted report stays text; a status that is not one of the five is refused', async () => {
  const P = XSS_PAYLOAD;
  const report = {
    schema: 'mailmedic.report', schemaVersion: 1, tool: { name: 'mailmedic', version: '0' }, command: P, subject: P,
    generatedAt: new Date().toISOString(), status: 'error',
    findings: [{
      check: P, status: 'error', subject: P, summary: { en: P, pl: P }, detail: { en: P, pl: P }, advice: [{ en: P, pl: P }], seeAlso: [P],
      evidence: [{ kind: 'text', label: P, value: P }],
      diagnosis: { reason: 'userunknown', permanence: 'permanent', actor: 'you', retry: 'no', rule: P, replyCode: 550, enhancedCode: '5.1.1' },
    }],
    tables: [{ id: P, title: { en: P, pl: P }, columns: [{ en: P, pl: P }], rows: [[P]] }],
  };
  for (const format of ['html', 'markdown'] as const) {
    for (const lang of ['en', 'pl']) {
      const r = await postJson(`${app.url}/api/render`, { report, format, lang });
      assert.equal(r.status, 200, `${format}/${lang}: ${r.text.slice(0, 200)}`);
      if (format === 'html') {
        assert.ok(!/<script>alert|<img src=x|<svg/i.test(r.text), `${format}/${lang}: markup got through`);
        assert.equal((r.text.match(/<script/g) ?? []).length, 0);
      }
    }
  }
  const hostileStatus = structuredClone(report);
  hostileStatus.findings[0]!.status = 'error"><script>alert(4)</script>';
  const refused = await postJson(`${app.url}/api/render`, { report: hostileStatus, format: 'html', lang: 'en' });
  assert.equal(refused.status, 400);
  assert.ok(!refused.text.includes('<script>'));
});

test('a bounce pasted into explain is read as a bounce; the payload stays data in JSON', async () => {
  const r = await postJson(`${app.url}/api/explain`, { text: XSS_BOUNCE });
  assert.equal(r.status, 200);
  assert.equal(r.json.schema, 'mailmedic.report');
  assert.ok(['bounce', 'explain'].includes(r.json.command));
});

test('OpenAPI: served, valid shape, and docs/openapi.json is up to date', async () => {
  const served = await (await fetch(`${app.url}/openapi.json`)).json();
  assert.equal(served.openapi, '3.1.0');
  for (const p of ['/api/explain', '/api/bounce', '/api/domain', '/api/probe', '/api/settings', '/api/logs', '/api/queue', '/api/doctor', '/api/doctor/next', '/api/render']) {
    assert.ok(served.paths[p], p);
  }
  const committed = JSON.parse(readFileSync(join(PROJECT_ROOT, 'docs', 'openapi.json'), 'utf8'));
  assert.deepEqual(committed, buildOpenApi(), 'regenerate docs/openapi.json (see docs/json-schema.md, serve section)');
});
