// The JSON Schemas shipped in schemas/ against what the commands really print: every command's --json (and every
// `bounce --jsonl` line) run through the CLI on real inputs — the test DNS server, the real Postfix/Dovecot, the
// log, queue and bounce fixtures — must validate against the envelope and its command's data schema. And a schema
// must say no: deliberately broken documents are rejected.
// MAILMEDIC_SCHEMA_DUMP=<folder> keeps every output there (handy when a schema and the code disagree).
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { CLI, NEEDS_SHARED, PROJECT_ROOT, SHARED, testEnv } from '../helpers/env.js';
import { swaks, deliveredText } from '../message/mail.js';
import { startStreamEnv, STREAM_SKIP } from '../helpers/stream-env.js';

const env = testEnv();
const SCHEMAS = join(PROJECT_ROOT, 'schemas');
const FIXTURES = join(PROJECT_ROOT, 'test');
const DNS = `${env.host}:${env.dnsPort}`;
const work = mkdtempSync(join(tmpdir(), 'mm-schemas-'));
after(() => rmSync(work, { recursive: true, force: true }));

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (a: Ajv2020) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const schemaFiles = ['report.schema.json', ...readdirSync(join(SCHEMAS, 'data')).map((f) => `data/${f}`)];
for (const f of schemaFiles) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')) as object);
const BASE = 'https://mailmedic.invalid/schemas/';
const validator = (file: string): ValidateFunction => {
  const v = ajv.getSchema(BASE + file);
  assert.ok(v, `schema ${file} is loaded`);
  return v;
};
/** The data schema of each command (`logs summary` → data/logs-summary.schema.json). */
const dataSchemaOf = (command: string) => `data/${command.replace(/ /g, '-')}.schema.json`;

function check(v: ValidateFunction, doc: unknown, what: string): void {
  if (!v(doc)) assert.fail(`${what} does not match its schema:\n${ajv.errorsText(v.errors, { separator: '\n' })}`);
}

/** A report as printed: valid against the envelope, and its `data` against the command's data schema. */
function checkReport(out: string, command: string): { findings: { check: string }[]; data?: unknown } {
  const report = JSON.parse(out) as { command: string; findings: { check: string }[]; data?: unknown };
  const dump = process.env.MAILMEDIC_SCHEMA_DUMP;
  if (dump) { mkdirSync(dump, { recursive: true }); writeFileSync(join(dump, `${command.replace(/ /g, '-')}-${Math.random().toString(36).slice(2, 8)}.json`), out); }
  assert.equal(report.command, command);
  check(validator('report.schema.json'), report, `${command}: the report`);
  assert.ok(report.data !== undefined, `${command}: the report has data`);
  check(validator(dataSchemaOf(command)), report.data, `${command}: data`);
  return report;
}

interface Out { code: number; stdout: string; stderr: string }
function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Promise<Out> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [CLI, ...args], { maxBuffer: 64 << 20, timeout: 60_000, env: { ...process.env, ...opts.env } },
      (err, stdout, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
  });
}
const ok = (r: Out, what: string) => { assert.ok([0, 1, 2].includes(r.code), `${what}: exit ${r.code}\n${r.stderr}`); return r.stdout; };

test('every schema compiles (strict mode: no unknown keywords), and the package ships them', () => {
  for (const f of schemaFiles) {
    const s = JSON.parse(readFileSync(join(SCHEMAS, f), 'utf8')) as { $schema: string; $id: string };
    assert.equal(s.$schema, 'https://json-schema.org/draft/2020-12/schema', f);
    assert.equal(s.$id, BASE + f, f);
    validator(f);
  }
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { files: string[]; exports: Record<string, unknown> };
  assert.ok(pkg.files.includes('schemas'));
  assert.equal(pkg.exports['./schemas/*'], './schemas/*');
  assert.ok(pkg.exports['.'], 'the root export stays');
});

test('explain --json: a known message, codes alone, nothing recognised', async () => {
  for (const text of ['550 5.7.26 This message does not have authentication information or fails to pass authentication checks',
    '421 4.7.0 Too many connections\n452 4.2.2 Mailbox full\n250 2.0.0 Ok: queued', 'the printer is on fire']) {
    checkReport(ok(await cli(['explain', '--json', text]), 'explain'), 'explain');
  }
  // From a file, with the encoding it was read in.
  const f = join(work, 'explain.txt');
  writeFileSync(f, Buffer.from('Skrzynka odbiorcy jest pe\xb3na\n552 5.2.2 over quota\n', 'latin1'));
  checkReport(ok(await cli(['explain', '--json', '--file', f]), 'explain --file'), 'explain');
});

const POSTFIX_BOUNCES = join(FIXTURES, 'bounce', 'fixtures', 'real-mta', 'postfix');

test('bounce --json on a folder of real Postfix bounces and on one .eml; every --jsonl line', async () => {
  const folder = checkReport(ok(await cli(['bounce', '--json', POSTFIX_BOUNCES]), 'bounce folder'), 'bounce') as { data: { messages: unknown[]; summary: { messages: number } } };
  assert.ok(folder.data.messages.length >= 5, 'the folder was read');
  const one = join(FIXTURES, 'bounce', 'fixtures', 'qmail-pl-bilingual.eml');
  checkReport(ok(await cli(['bounce', '--json', one]), 'bounce one'), 'bounce');
  // Not a bounce, and a file that is not there (a "not checked" finding when one of several inputs is missing).
  const notBounce = join(FIXTURES, 'bounce', 'fixtures', 'not-bounces');
  checkReport(ok(await cli(['bounce', '--json', notBounce, one, join(work, 'missing.eml')]), 'bounce mixed'), 'bounce');
  const lines = ok(await cli(['bounce', '--jsonl', POSTFIX_BOUNCES, one, notBounce]), 'bounce --jsonl').split('\n').filter(Boolean);
  assert.ok(lines.length > folder.data.messages.length);
  const line = validator('data/bounce-message.schema.json');
  for (const l of lines) check(line, JSON.parse(l), 'a bounce --jsonl line');
});

test('bounce --jsonl and --json over the shared Sisimai corpus (every MTA it has)', NEEDS_SHARED, async () => {
  const root = join(SHARED, 'corpus', 'bounces', 'sisimai');
  const dirs = ['eml', 'mbox', 'not'].map((d) => join(root, d));
  const lines = ok(await cli(['bounce', '--jsonl', ...dirs]), 'bounce --jsonl corpus').split('\n').filter(Boolean);
  assert.ok(lines.length > 300, `corpus messages: ${lines.length}`);
  const line = validator('data/bounce-message.schema.json');
  for (const l of lines) check(line, JSON.parse(l), 'a bounce --jsonl line of the corpus');
  checkReport(ok(await cli(['bounce', '--json', join(root, 'mbox')]), 'bounce --json corpus mbox'), 'bounce');
});

test('domain and spf --json against the real test DNS server', async () => {
  const lists = join(FIXTURES, 'domain', 'fixtures', 'dnsbl-lists.json');
  for (const d of ['mm-good.test', 'listed.mm-broken.test', 'syntax.mm-broken.test', 'nope.mm-none.test']) {
    checkReport(ok(await cli(['domain', d, '--resolver', DNS, '--no-fetch', '--dnsbl-lists', lists, '--json', '--trace']), `domain ${d}`), 'domain');
  }
  checkReport(ok(await cli(['domain', 'mm-good.test', '--resolver', DNS, '--no-fetch', '--dnsbl-lists', lists, '--json', '--ip', '45.10.20.31']), 'domain --ip'), 'domain');
  // BIMI and the TLS of the MX over a real SMTP session (the test Postfix's CA-signed listener).
  checkReport(ok(await cli(['domain', 'bimi-ok.mm-fleet.test', '--resolver', DNS, '--no-fetch', '--json', '--connect', '--mx-port', String(env.smtpCaSigned), '--ca', String(env.caCert)]), 'domain --connect'), 'domain');
  checkReport(ok(await cli(['domain', 'wrong.good.mm-dnssec.test', '--resolver', DNS, '--no-fetch', '--json', '--connect', '--mx-port', String(env.smtpCaSigned), '--ca', String(env.caCert), '--trust-anchor', String(env.dnssecAnchor)]), 'domain --connect with DANE'), 'domain');
  // Many domains: the overview document, and every --jsonl line against the same row shape.
  const fleet = JSON.parse(ok(await cli(['domain', 'mm-good.test', 'nope.mm-none.test', 'bimi-weak.mm-fleet.test', '--resolver', DNS, '--no-fetch', '--json']), 'domain fleet')) as { data: unknown };
  check(validator('report.schema.json'), fleet, 'domain fleet: the report');
  check(validator('data/domain-fleet.schema.json'), fleet.data, 'domain fleet: data');
  for (const l of ok(await cli(['domain', 'mm-good.test', 'nope.mm-none.test', '--resolver', DNS, '--no-fetch', '--jsonl']), 'domain --jsonl').trim().split('\n')) {
    check(validator('data/domain-fleet.schema.json'), { domains: [JSON.parse(l)], summary: { n: 1, error: 0, warn: 0, ok: 0 } }, 'a domain --jsonl line');
  }
  for (const [d, ip] of [['mm-good.test', '45.10.20.30'], ['syntax.mm-broken.test', '45.10.20.30'], ['mm-good.test', '2001:db8::1']]) {
    checkReport(ok(await cli(['spf', d!, '--ip', ip!, '--resolver', DNS, '--json']), `spf ${d}`), 'spf');
  }
});

test('probe --json against the real Postfix and Dovecot', async () => {
  const pw = { env: { MM_PW: env.users['alice@example.test']! } };
  const runs = await Promise.all([
    cli(['probe', 'smtp', `${env.host}:${env.submission}`, '-u', 'alice@example.test', '--password-env', 'MM_PW', '--json', '--transcript'], pw),
    cli(['probe', 'smtp', env.host, '-p', String(env.smtp), '-p', String(env.submission), '--json']),
    cli(['probe', 'imap', `${env.host}:${env.imaps}`, '--tls', 'implicit', '-u', 'alice@example.test', '--password-env', 'MM_PW', '--json'], pw),
    cli(['probe', 'pop3', `${env.host}:${env.pop3}`, '-u', 'alice@example.test', '--password-env', 'MM_PW', '--json'], pw),
    cli(['probe', 'smtp', `${env.host}:9`, '--json']),
  ]);
  for (const r of runs) checkReport(ok(r, 'probe'), 'probe');
});

test('settings --json: the test DNS, your own settings checked', async () => {
  const r = await cli(['settings', 'alice@mm-settings.test', '--resolver', DNS, '--no-guess', '--smtp', 'mail.mm-settings.test:465:starttls', '--json']);
  checkReport(ok(r, 'settings'), 'settings');
  checkReport(ok(await cli(['settings', 'jan@hosted.mm-settings.test', '--resolver', DNS, '--no-guess', '--json']), 'settings hosted'), 'settings');
});

test('logs summary, trace and problems --json on the log fixtures', async () => {
  const logs = join(FIXTURES, 'logs', 'fixtures', 'filters');
  for (const f of ['maillog', 'maillog.rfc3339']) {
    checkReport(ok(await cli(['logs', 'summary', join(logs, f), '--json']), 'logs summary'), 'logs summary');
    checkReport(ok(await cli(['logs', 'problems', join(logs, f), '--json']), 'logs problems'), 'logs problems');
  }
  const log = readFileSync(join(logs, 'maillog'), 'utf8');
  const someone = /to=<([^>]+)>/.exec(log)![1]!;
  const trace = checkReport(ok(await cli(['logs', 'trace', join(logs, 'maillog'), '--to', someone, '--json']), 'logs trace'), 'logs trace');
  assert.ok(trace.findings.some((f) => /^logs\.trace\./.test(f.check) && f.check !== 'logs.trace.none'));
  checkReport(ok(await cli(['logs', 'trace', join(logs, 'maillog'), '--to', 'nobody-at-all@nowhere.test', '--json']), 'logs trace none'), 'logs trace');
});

test('logs follow --json: every line is one Finding', async () => {
  const child = spawn(process.execPath, [CLI, 'logs', 'follow', join(FIXTURES, 'logs', 'fixtures', 'filters', 'maillog'), '--from-start', '--json', '--poll-ms', '50'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  // The fixture's problems are all found on the first read; then follow waits for more lines, and is stopped.
  await new Promise<void>((resolve) => {
    const stop = setTimeout(resolve, 10_000);
    child.stdout!.on('data', (c: string) => { out += c; if (out.split('\n').length > 2) { clearTimeout(stop); setTimeout(resolve, 300); } });
  });
  child.kill();
  const lines = out.split('\n').filter(Boolean);
  assert.ok(lines.length >= 2, out);
  const finding = ajv.getSchema(`${BASE}report.schema.json#/$defs/Finding`)!;
  for (const l of lines) check(finding, JSON.parse(l), 'a logs follow line');
});

test('queue --json on every queue listing fixture', async () => {
  const dir = join(FIXTURES, 'queue', 'fixtures');
  for (const f of readdirSync(dir)) checkReport(ok(await cli(['queue', join(dir, f), '--json']), `queue ${f}`), 'queue');
});

test('message --json on a message delivered by the real Postfix', async () => {
  const token = `schema${Date.now().toString(36)}`;
  const data = join(work, 'send.eml');
  writeFileSync(data, [`Date: ${new Date().toUTCString().replace('GMT', '+0000')}`, 'From: Bob <bob@sender.test>', 'To: alice@example.test',
    `Subject: ${token}`, `Message-ID: <${token}@sender.test>`, 'Authentication-Results: mx.sender.test; spf=pass smtp.mailfrom=bob@sender.test',
    'X-Spam-Status: No, score=1.3 required=5.0 tests=RDNS_NONE', '', 'Hello Alice, see https://example.test/x', ''].join('\r\n'));
  await swaks(['--server', `127.0.0.1:${env.smtp}`, '--from', 'bob@sender.test', '--to', 'alice@example.test', '--data', `@${data}`, '--silent', '2']);
  const file = join(work, 'delivered.eml');
  writeFileSync(file, await deliveredText(env, token));
  checkReport(ok(await cli(['message', file, '--json']), 'message'), 'message');
  // --verify: DKIM/SPF/DMARC re-checked and the sending IP's PTR and block list asked at the test DNS server.
  const verified = checkReport(ok(await cli(['message', file, '--verify', '--resolver', DNS, '--dnsbl', 'zen.example.test', '--json']), 'message --verify'), 'message') as { data: { verify?: unknown; reputation?: unknown } };
  assert.ok(verified.data.verify && verified.data.reputation, 'the --verify parts are there to be validated');
  // Bounces written by real MTAs (Postfix, Exim, Gmail-shaped, amavis …), read as messages and for the original they quote.
  const realMta = join(FIXTURES, 'bounce', 'fixtures', 'real-mta');
  const some = ['exim', 'opensmtpd', 'postfix', 'sendmail'].flatMap((mta) => readdirSync(join(realMta, mta)).filter((f) => f.endsWith('.eml'))
    .filter((_, i) => i % 20 === 0).map((f) => join(realMta, mta, f)));
  assert.ok(some.length >= 4);
  const runs = await Promise.all(some.flatMap((f) => [cli(['message', f, '--json']), cli(['message', f, '--quoted', '--json'])]));
  for (const r of runs) checkReport(ok(r, 'message on a bounce'), 'message');
});

test('doctor --json with an answers file, against the real servers', async () => {
  const common = ['--dns', DNS, '--ca', join(env.certs, 'cert.pem'), '--timeout', '20000', '--json'];
  const bounce = join(POSTFIX_BOUNCES, readdirSync(POSTFIX_BOUNCES).find((f) => f.endsWith('.eml'))!);
  const cases: Record<string, Record<string, unknown>> = {
    'client-send': { address: 'alice@example.test', client: 'Thunderbird 128', server: { host: env.host, port: env.submission, security: 'starttls', user: 'alice@example.test', password: 'Schema-Wrong-1' } },
    'php-mail': { from: 'www@example.test', to: 'nobody@example.test', sentToday: 700, bounceFile: bounce },
  };
  const runs = await Promise.all(Object.entries(cases).map(([id, answers]) => {
    const file = join(work, `${id}.json`);
    writeFileSync(file, JSON.stringify({ case: id, ...answers }));
    return cli(['doctor', '--answers', file, ...common]);
  }));
  for (const r of runs) {
    const rep = checkReport(ok(r, 'doctor'), 'doctor');
    assert.equal(rep.findings[0]?.check, 'doctor.diagnosis');
    assert.ok(!r.stdout.includes('Schema-Wrong-1'));
  }
});

test('watch run and watch report --json (the test DNS and blocklists; an IP, a closed SMTP port)', async () => {
  const lists = join(FIXTURES, 'domain', 'fixtures', 'dnsbl-lists.json');
  const config = join(work, 'watch.yaml');
  writeFileSync(config, `resolver: ${DNS}\nblocklists: ${lists}\nips:\n  - 45.10.20.66\nservers:\n  - { protocol: smtp, host: 127.0.0.1, port: 9, tls: starttls }\nalerts:\n  probe_failures: 1\n`);
  const run = checkReport(ok(await cli(['watch', 'run', '-c', config, '--json']), 'watch run'), 'watch run') as { data: { alerts: unknown[] } };
  assert.ok(run.data.alerts.length > 0, 'the pass made alerts, so their shape was checked');
  checkReport(ok(await cli(['watch', 'report', '-c', config, '--json']), 'watch report'), 'watch report');
});

test('worker bounces|logs --status and every query --json (real NATS and PostgreSQL)', { skip: STREAM_SKIP ?? false, timeout: 120_000 }, async () => {
  const senv = await startStreamEnv();
  try {
    const { shipBounce, runBounceWorker } = await import('../../src/stream/index.js');
    for (const f of readdirSync(POSTFIX_BOUNCES).filter((n) => n.endsWith('.eml'))) await shipBounce(readFileSync(join(POSTFIX_BOUNCES, f)), { servers: senv.natsUrl });
    await runBounceWorker({ nats: { servers: senv.natsUrl }, db: senv.dbUrl, idleExitMs: 1000, pullWaitMs: 500 });
    checkReport(ok(await cli(['worker', 'bounces', '--status', '--nats', senv.natsUrl, '--db', senv.dbUrl, '--json']), 'worker --status'), 'worker');
    const q = checkReport(ok(await cli(['query', 'suppression', '--db', senv.dbUrl, '--json']), 'query suppression'), 'query suppression') as { data: { rows: unknown[] } };
    assert.ok(q.data.rows.length > 0, 'rows were there to check');
    // The log side: real Postfix logs of two hosts, as ship logs publishes them, read by a log worker.
    const { connectNats, runLogWorker } = await import('../../src/stream/index.js');
    const nc = await connectNats({ servers: senv.natsUrl });
    await nc.jetstream().publish('mailmedic.log.mx1', readFileSync(join(FIXTURES, 'bounce', 'fixtures', 'real-mta', 'logs', 'postfix-maillog')));
    await nc.jetstream().publish('mailmedic.log.mx2', readFileSync(join(FIXTURES, 'logs', 'fixtures', 'filters', 'maillog')));
    await nc.close();
    await runLogWorker({ nats: { servers: senv.natsUrl }, db: senv.dbUrl, idleExitMs: 1500, rebalanceMs: 300 });
    const db = ['--db', senv.dbUrl, '--json'];
    const lag = checkReport(ok(await cli(['worker', 'logs', '--status', '--nats', senv.natsUrl, ...db]), 'worker logs --status'), 'worker logs') as { data: { hosts: unknown[] } };
    assert.equal(lag.data.hosts.length, 2);
    const hosts = checkReport(ok(await cli(['query', 'hosts', ...db]), 'query hosts'), 'query hosts') as { data: { rows: unknown[] } };
    assert.ok(hosts.data.rows.length > 0);
    const probs = checkReport(ok(await cli(['query', 'problems', ...db]), 'query problems'), 'query problems') as { data: { rows: unknown[] } };
    assert.ok(probs.data.rows.length > 0);
    // A queue id of the fixture as it is now (`node scripts/gen-mta-bounces.mjs` makes new ones each time).
    const qid = /: ([0-9A-F]{6,}): to=.*status=bounced/.exec(readFileSync(join(FIXTURES, 'bounce', 'fixtures', 'real-mta', 'logs', 'postfix-maillog'), 'utf8'))![1]!;
    const story = checkReport(ok(await cli(['query', 'message', qid, ...db]), 'query message'), 'query message') as { data: { rows: unknown[] } };
    assert.ok(story.data.rows.length > 0);
    const pool = (await import('../../src/stream/store.js')).openStore(senv.dbUrl, 1);
    const { rows: [hard] } = await pool.query('SELECT recipient FROM mailmedic_bounce_recipient WHERE hard LIMIT 1');
    await pool.end();
    const bounces = checkReport(ok(await cli(['query', 'bounces', '--recipient', hard.recipient, ...db]), 'query bounces'), 'query bounces') as { data: { rows: unknown[] } };
    assert.ok(bounces.data.rows.length > 0);
  } finally { await senv.stop(); }
});

test('the schemas reject broken documents', async () => {
  const report = JSON.parse(ok(await cli(['explain', '--json', '550 5.1.1 User unknown']), 'explain')) as Record<string, any>;
  const envelope = validator('report.schema.json');
  check(envelope, report, 'the untouched report');
  const broken: [string, (r: any) => void][] = [
    ['a wrong schema name', (r) => { r.schema = 'something.else'; }],
    ['another schema version', (r) => { r.schemaVersion = 2; }],
    ['a status outside the five', (r) => { r.status = 'fine'; }],
    ['no findings', (r) => { delete r.findings; }],
    ['a key the envelope does not have', (r) => { r.extra = 1; }],
    ['a finding without a check id', (r) => { delete r.findings[0].check; }],
    ['a summary in one language only', (r) => { delete r.findings[0].summary.pl; }],
    ['an empty Polish text', (r) => { r.findings[0].summary.pl = ''; }],
    ['a diagnosis with an unknown actor', (r) => { r.findings[0].diagnosis.actor = 'someone'; }],
    ['a diagnosis with an unknown reason', (r) => { r.findings[0].diagnosis.reason = 'gremlins'; }],
    ['retry as a boolean', (r) => { r.findings[0].diagnosis.retry = true; }],
    ['evidence of an unknown kind', (r) => { r.findings[0].evidence = [{ kind: 'rumour', value: 'x' }]; }],
    ['a table row of numbers', (r) => { r.tables = [{ id: 't', title: { en: 'T', pl: 'T' }, columns: [], rows: [[1]] }]; }],
    ['generatedAt that is no time', (r) => { r.generatedAt = 'yesterday'; }],
  ];
  for (const [what, breakIt] of broken) {
    const copy = structuredClone(report);
    breakIt(copy);
    assert.equal(envelope(copy), false, `the envelope schema accepts ${what}`);
  }
  const explain = validator('data/explain.schema.json');
  check(explain, report.data, 'explain data');
  const badData: [string, (d: any) => void][] = [
    ['permanence "maybe"', (d) => { d.diagnoses[0].permanence = 'maybe'; }],
    ['hard as a string', (d) => { d.diagnoses[0].hard = 'yes'; }],
    ['no input', (d) => { delete d.input; }],
    ['an unknown encoding', (d) => { d.input.encoding = 'ebcdic'; }],
    ['a key a diagnosis does not have', (d) => { d.diagnoses[0].verdict = 'bad'; }],
  ];
  for (const [what, breakIt] of badData) {
    const copy = structuredClone(report.data);
    breakIt(copy);
    assert.equal(explain(copy), false, `the explain data schema accepts ${what}`);
  }
  // A bounce line without a recipient's verdict, and a record of the wrong kind.
  const line = validator('data/bounce-message.schema.json');
  const rec = { file: 'x.eml', isBounce: true, kind: 'dsn', recipients: [{ recipient: 'a@b.test', reason: 'userunknown', hardBounce: true, permanence: 'permanent',
    explanation: { en: 'a', pl: 'b' }, advice: [], rule: 'r', decoder: 'rfc3464' }] };
  check(line, rec, 'a minimal bounce record');
  assert.equal(line({ ...rec, kind: 'letter' }), false);
  assert.equal(line({ ...rec, recipients: [{ ...rec.recipients[0], hardBounce: undefined }] }), false);
  assert.equal(line({ ...rec, recipients: [{ ...rec.recipients[0], reason: 'grumpy' }] }), false);
  // Every data schema refuses something that is not its shape at all.
  for (const f of schemaFiles.filter((x) => x.startsWith('data/'))) {
    assert.equal(validator(f)({}), false, `${f} accepts {}`);
    assert.equal(validator(f)('text'), false, `${f} accepts a string`);
  }
});
