// Issue 18 against the real test servers: many domains at once (order, overview, shared DNS cache, exit status),
// the TLS of every MX over a real SMTP session to the test Postfix (a good CA-signed certificate, an expired one,
// one for another name, no STARTTLS, a closed port), and BIMI records served by NSD (testenv/zones/mm-fleet.test.zone).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { checkDomain, checkDomains, fleetCsvRow, fleetStatus, parseBimi, type FleetRow } from '../../src/domain/index.js';
import { lookupViaDns, probeSmtp } from '../../src/probe/index.js';
import { render } from '../../src/report/index.js';
import { makeReport } from '../../src/core/finding.js';
import { testEnv } from '../helpers/env.js';
import { byCheck, nsd, one } from './helpers.js';

const env = testEnv();
const ca = readFileSync(String(env.caCert), 'utf8');

test('fleet: rows in input order, worst problems first, one shared DNS cache, comments and blank lines skipped', async () => {
  const dns = nsd();
  const list = ['# customers', 'mm-good.test', '', 'mm-broken.test', 'nosuch.mm-good.test', 'not a domain!', 'mm-good.test', 'bimi-ok.mm-fleet.test'];
  const rows: FleetRow[] = [];
  for await (const r of checkDomains(list, { resolver: dns, jobs: 3, fetch: false })) rows.push(r);
  assert.deepEqual(rows.map((r) => r.input), ['mm-good.test', 'mm-broken.test', 'nosuch.mm-good.test', 'not a domain!', 'mm-good.test', 'bimi-ok.mm-fleet.test']);
  const bad = rows[2]!;
  assert.equal(bad.status, 'error');
  assert.equal(bad.problems[0]!.status, 'error');
  for (let i = 1; i < bad.problems.length; i++) assert.ok(['error', 'warn', 'unknown'].indexOf(bad.problems[i - 1]!.status) <= ['error', 'warn', 'unknown'].indexOf(bad.problems[i]!.status));
  assert.equal(rows[3]!.status, 'error', 'not a domain: said so, the rest goes on');
  // The second mm-good.test is answered from the shared cache: no new question on the wire.
  const wireBefore = dns.stats().queries;
  for await (const r of checkDomains(['mm-good.test'], { resolver: dns, fetch: false })) assert.ok(r.report.findings.length);
  assert.equal(dns.stats().queries, wireBefore, 'a domain asked again costs no DNS query');
  assert.ok((rows[0]!.report.data as { queries: { queries: number } }).queries.queries > 5, 'each domain counts its own questions');
  assert.equal(fleetStatus(rows), 'error');
  const csv = fleetCsvRow(rows[2]!);
  assert.equal(csv[0], 'nosuch.mm-good.test');
  assert.equal(csv[1], 'error');
  assert.match(csv[5]!, /dns\./);
});

test('BIMI: a good record with DMARC at enforcement; no enforcement; a PNG over http; two records', async () => {
  const dns = nsd();
  const get = async (d: string) => (await checkDomain(d, { resolver: dns, fetch: false })).findings;
  const ok = await get('bimi-ok.mm-fleet.test');
  assert.match(one(ok, 'dns.bimi').summary.en, /logo https:\/\/bimi-ok\.mm-fleet\.test\/logo\.svg, certificate https:/);
  assert.equal(byCheck(ok, 'dns.bimi.dmarc').length, 0);
  const weak = await get('bimi-weak.mm-fleet.test');
  assert.equal(one(weak, 'dns.bimi.dmarc').status, 'warn');
  assert.match(one(weak, 'dns.bimi.dmarc').summary.pl, /BIMI wymaga DMARC z egzekwowaniem.*p=none/);
  assert.equal(one(weak, 'dns.bimi.no-certificate').status, 'info');
  const bad = one(await get('bimi-bad.mm-fleet.test'), 'dns.bimi.syntax');
  assert.equal(bad.status, 'error');
  assert.match(bad.summary.en, /not an https:\/\/ URL/);
  assert.equal(one(await get('bimi-two.mm-fleet.test'), 'dns.bimi.many').status, 'error');
  assert.equal(one(await get('mm-good.test'), 'dns.bimi.none').status, 'info');
  // The parser on hostile shapes: never throws, always says why.
  for (const raw of ['', 'v=BIMI1', 'v=BIMI2; l=https://x/y.svg', `v=BIMI1; l=${'https://x/'.repeat(5000)}`, 'v=BIMI1; l=https://x/a.svg; l=https://x/b.svg', ';;;==;']) {
    const p = parseBimi(raw);
    assert.ok(p.record || p.errors.length, raw.slice(0, 40));
  }
});

test('TLS of every MX over real SMTP sessions: good, expired, wrong name, no STARTTLS, closed port — in both languages', async () => {
  const dns = nsd();
  const session = (port: number) => ({
    port,
    session: (o: { host: string; port: number }) => probeSmtp({ ...o, tls: 'auto', ca, timeouts: { connect: 3000, banner: 5000, command: 5000, tls: 5000 } }, { lookup: lookupViaDns(dns) }),
  });
  const run = async (port: number) => (await checkDomain('bimi-ok.mm-fleet.test', { resolver: dns, fetch: false, mxTls: session(port) })).findings;
  const good = await run(env.smtpCaSigned as number);
  assert.match(one(good, 'dns.mx.tls').summary.en, /mail\.example\.test: STARTTLS with TLSv1\.[23]; certificate for mail\.example\.test valid until/);
  const expired = one(await run(env.smtpExpiredCert as number), 'dns.mx.tls.expired');
  assert.equal(expired.status, 'error');
  assert.match(expired.summary.pl, /certyfikat wygasł \d+ dni temu/);
  const wrong = one(await run(env.smtpWrongNameCert as number), 'dns.mx.tls.name');
  assert.equal(wrong.status, 'warn');
  assert.equal(one(await run(env.smtpNoTls as number), 'dns.mx.tls.no-starttls').status, 'warn');
  const closed = one(await run(9), 'dns.mx.tls.unreachable');
  assert.equal(closed.status, 'unknown');
  assert.match(closed.summary.pl, /nie odpowiedział/);
  const report = makeReport('domain', 'bimi-ok.mm-fleet.test', good);
  assert.match(render(report, 'terminal', { lang: 'pl' }), /STARTTLS z TLSv1\.[23]/);
  // Without the option no SMTP session is opened.
  assert.equal(byCheck((await checkDomain('bimi-ok.mm-fleet.test', { resolver: dns, fetch: false })).findings, 'dns.mx.tls').length, 0);
});

test('CLI: several domains, --file and stdin, terminal lines in order, --csv, --jsonl, --json, exit status; --connect', async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const { CLI } = await import('../helpers/env.js');
  const resolver = `${env.host}:${env.dnsPort}`;
  const cli = (args: string[], input = '') => spawnSync(process.execPath, [CLI, 'domain', ...args, '--resolver', resolver, '--no-fetch'], { input, encoding: 'utf8', timeout: 120_000, env: { ...process.env, LANG: 'C' } });
  const dir = mkdtempSync(join(tmpdir(), 'mailmedic-fleet-'));
  try {
    const list = join(dir, 'domains.txt');
    writeFileSync(list, '# our customers\nmm-broken.test\n\nbimi-weak.mm-fleet.test\n');
    const t = cli(['mm-good.test', '--file', list, '-', '--jobs', '2'], 'nosuch.mm-good.test\n');
    assert.equal(t.status, 2, t.stderr);
    const lines = t.stdout.trim().split('\n');
    assert.deepEqual(lines.slice(0, 4).map((l) => l.split(/\s+/)[1]), ['mm-good.test', 'mm-broken.test', 'bimi-weak.mm-fleet.test', 'nosuch.mm-good.test']);
    assert.match(lines.at(-1)!, /^4 domain\(s\): \d+ with errors, \d+ with warnings, \d+ without problems\.$/);
    const pl = cli(['mm-good.test', 'nosuch.mm-good.test', '--lang', 'pl']);
    assert.match(pl.stdout, /Domen: 2; z błędami: 1/);
    assert.match(pl.stdout, /błędy: \d+, ostrzeżenia: \d+ — dns\./);
    const csv = cli(['mm-good.test', 'nosuch.mm-good.test', '--csv']);
    const rows = csv.stdout.trim().split('\r\n');
    assert.equal(rows[0], 'domain,status,errors,warnings,notChecked,problems,dnssec,dane');
    assert.match(rows[2]!, /^nosuch\.mm-good\.test,error,/);
    const jl = cli(['mm-good.test', 'nosuch.mm-good.test', '--jsonl']).stdout.trim().split('\n').map((l) => JSON.parse(l) as { domain: string; status: string; report?: unknown });
    assert.deepEqual(jl.map((j) => [j.domain, j.status]), [['mm-good.test', jl[0]!.status], ['nosuch.mm-good.test', 'error']]);
    assert.equal(jl[0]!.report, undefined, 'the full report only with --full');
    const json = JSON.parse(cli(['mm-good.test', 'nosuch.mm-good.test', '--json']).stdout) as { findings: { check: string; subject: string }[]; data: { domains: unknown[] } };
    assert.deepEqual(json.findings.map((f) => [f.check, f.subject]), [['domain.fleet', 'mm-good.test'], ['domain.fleet', 'nosuch.mm-good.test']]);
    assert.equal(json.data.domains.length, 2);
    const missing = cli(['--file', join(dir, 'nope.txt')]);
    assert.equal(missing.status, 66);
    assert.match(missing.stderr, /cannot read .*nope\.txt: no such file/);
    // --connect: the MX of the domain over a real SMTP session (the test Postfix's expired certificate).
    const tls = cli(['bimi-ok.mm-fleet.test', '--connect', '--mx-port', String(env.smtpExpiredCert), '--ca', String(env.caCert), '--json']);
    const rep = JSON.parse(tls.stdout) as { findings: { check: string; status: string }[] };
    assert.ok(rep.findings.some((f) => f.check === 'dns.mx.tls.expired' && f.status === 'error'), tls.stderr + rep.findings.map((f) => f.check).join(', '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
