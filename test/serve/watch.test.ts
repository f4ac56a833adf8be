// The monitoring dashboard's API (issue 19) against a real `mailmedic serve --watch` process reading a history that
// real `mailmedic watch run` passes wrote: a Postfix log whose fatal line appears, clears and comes back. Then the
// same dashboard over PostgreSQL, the watch list edited (refused with the key named; kept with its comments), and
// the server's protections on the new routes (bad JSON, huge bodies, unknown items, cross-site requests, tokens).
import assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createMailmedicServer } from '../../src/serve/server.js';
import { parseWatchConfig } from '../../src/watch/config.js';
import { baseEnv } from '../cli/usage-cases.js';
import { CLI } from '../helpers/env.js';
import { POSTGRES_SKIP, startPostgres } from '../helpers/postgres.js';
import { startServe, stopServe } from './helpers.js';

const FATAL = (i: number) => `Dec  5 10:0${i}:01 mx postfix/master[${i}]: fatal: bind 0.0.0.0 port 25: Address already in use\n`;
const FINE = (i: number) => `Dec  5 10:0${i}:02 mx postfix/qmgr[${i}]: 4B2C1A0${i}: removed\n`;
const LIST = '# the mail log of the MX (a comment that must survive an edit)\nlogs:\n  - mail.log   # Postfix\n';

let dir: string;
let serve: { child: ChildProcess; url: string } | undefined;
const cli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env: baseEnv(), encoding: 'utf8', timeout: 60_000 });

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
  const r = await fetch(serve!.url + path, { method, headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) });
  const text = await r.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = text; }
  return { status: r.status, json };
}

/**
 * A body over the route's limit, declared in Content-Length: the answer (413) comes before the body is read, and the
 * server closes the connection, so only its start is sent (sending it all would race the close).
 */
function bigBody(method: string, path: string, body: string): Promise<number> {
  const u = new URL(serve!.url + path);
  return new Promise((resolve, reject) => {
    const rq = request({ host: u.hostname, port: u.port, path: u.pathname, method, headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } }, (rs) => {
      rs.resume(); resolve(rs.statusCode ?? 0); rq.destroy();
    });
    rq.on('error', reject);
    rq.write(body.slice(0, 1024));
  });
}

let item: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mm-serve-watch-'));
  writeFileSync(join(dir, 'watch.yaml'), LIST);
  item = `log:${join(dir, 'mail.log')}`;
  // Three real passes: the fatal line appears, the log is fine, it comes back.
  writeFileSync(join(dir, 'mail.log'), FATAL(1));
  for (const next of [FINE(2), FATAL(3), '']) {
    const r = cli(['watch', 'run', '-c', join(dir, 'watch.yaml'), '--json']);
    assert.ok(r.status === 0 || r.status === 1 || r.status === 2, r.stderr);
    if (next) appendFileSync(join(dir, 'mail.log'), next);
  }
  serve = await startServe(['--watch', join(dir, 'watch.yaml')]);
});
after(async () => {
  await stopServe(serve);
  rmSync(dir, { recursive: true, force: true });
});

test('state: each item with its newest result and problems in both languages, unacknowledged alerts, worst first', async () => {
  const r = await call('GET', '/api/watch/state');
  assert.equal(r.status, 200);
  assert.equal(r.json.engine, 'sqlite');
  assert.equal(r.json.database, join(dir, 'watch.db'), 'the list\'s name with .db beside it, as `watch` uses');
  assert.ok(r.json.lastRun?.startedAt);
  assert.equal(r.json.items.length, 1);
  const it = r.json.items[0];
  assert.equal(it.item, item);
  assert.equal(it.status, 'error', 'the third pass saw the fatal line again');
  assert.equal(it.listed, true);
  assert.equal(it.problems[0].check, 'logs.daemon.fatal');
  assert.match(it.problems[0].summary.en, /fatal error: bind 0\.0\.0\.0 port 25/);
  assert.match(it.problems[0].summary.pl, /\p{L}/u);
  assert.notEqual(it.problems[0].summary.pl, it.problems[0].summary.en);
  assert.equal(it.unacked, 3, 'appeared, cleared, appeared');
});

test('history: the passes as chart points, oldest first; one item, or a slice per point when there are more', async () => {
  const all = await call('GET', '/api/watch/history?since=7d');
  assert.equal(all.status, 200);
  assert.deepEqual(all.json.items[item].map((p: { status: string }) => p.status), ['error', 'ok', 'error']);
  const one = await call('GET', `/api/watch/history?item=${encodeURIComponent(item)}&since=1d&points=10`);
  assert.deepEqual(Object.keys(one.json.items), [item]);
  assert.equal((await call('GET', `/api/watch/history?item=${encodeURIComponent('ip:192.0.2.99')}`)).status, 404);
  for (const bad of ['since=soon', 'since=0m', 'since=9999d', 'points=3', 'points=x']) {
    const b = await call('GET', `/api/watch/history?${bad}`);
    assert.equal(b.status, 400, bad);
    assert.equal(b.json.error, 'bad-field');
  }
});

test('events: newest first with their words; acknowledging one marks it (who, when), unknown ids are 404', async () => {
  const ev = await call('GET', '/api/watch/events?since=7d');
  assert.equal(ev.status, 200);
  const events = ev.json.events as { id: string; kind: string; at: string; kindText: { pl: string }; acked?: unknown; summary: { en: string } }[];
  assert.deepEqual(events.map((e) => e.kind), ['appeared', 'cleared', 'appeared']);
  assert.ok(events[0]!.at >= events[1]!.at && events[1]!.at >= events[2]!.at);
  assert.equal(events[1]!.kindText.pl, 'naprawione');
  assert.match(events[1]!.summary.en, /fine again/);
  assert.ok(events.every((e) => !e.acked));
  const ack = await call('POST', '/api/watch/ack', { ids: [events[2]!.id, 'no-such-alert'], by: 'helpdesk' });
  assert.deepEqual([ack.status, ack.json], [200, { acknowledged: 1 }]);
  const after1 = (await call('GET', '/api/watch/events')).json.events as typeof events;
  assert.deepEqual((after1.find((e) => e.id === events[2]!.id)!.acked as { by: string }).by, 'helpdesk');
  assert.equal((await call('GET', '/api/watch/state')).json.items[0].unacked, 2);
  const none = await call('POST', '/api/watch/ack', { ids: ['no-such-alert'] });
  assert.equal(none.status, 404);
  assert.equal(none.json.error, 'unknown-alert');
  assert.match(none.json.text.pl, /powiadomień/);
  // Without a name: "web" and the client's address.
  await call('POST', '/api/watch/ack', { ids: [events[1]!.id] });
  const byWeb = ((await call('GET', '/api/watch/events')).json.events as typeof events).find((e) => e.id === events[1]!.id)!.acked as { by: string };
  assert.equal(byWeb.by, 'web 127.0.0.1');
});

test('mute and unmute: stored in the same database `watch` reads (a pass while muted stores its alerts without sending)', async () => {
  const m = await call('POST', '/api/watch/mute', { item, for: '2h', reason: 'aktualizacja serwera' });
  assert.equal(m.status, 200);
  const until = Date.parse(m.json.until);
  assert.ok(until > Date.now() + 119 * 60_000 && until < Date.now() + 121 * 60_000);
  assert.deepEqual((await call('GET', '/api/watch/state')).json.items[0].mute, { until: m.json.until, reason: 'aktualizacja serwera' });
  // The watcher sees the mute: a pass now reports its alert as stored, not sent.
  appendFileSync(join(dir, 'mail.log'), FINE(4));
  const pass = cli(['watch', 'run', '-c', join(dir, 'watch.yaml'), '--json']);
  const report = JSON.parse(pass.stdout) as { findings: { check: string }[] };
  assert.ok(report.findings.some((f) => f.check === 'watch.muted'), pass.stdout.slice(0, 500));
  assert.equal((await call('POST', '/api/watch/unmute', { item })).status, 200);
  assert.equal((await call('GET', '/api/watch/state')).json.items[0].mute, undefined);
  // Refused: an item that is neither listed nor in the history, a length that is none, a missing item.
  const unknown = await call('POST', '/api/watch/mute', { item: 'smtp:nowhere.example:25', for: '1h' });
  assert.deepEqual([unknown.status, unknown.json.error, unknown.json.field], [404, 'unknown-item', 'item']);
  const badFor = await call('POST', '/api/watch/mute', { item, for: 'forever' });
  assert.deepEqual([badFor.status, badFor.json.field], [400, 'for']);
  assert.match(badFor.json.text.pl, /np\. 90m, 2h albo 7d/);
  assert.equal((await call('POST', '/api/watch/mute', { for: '1h' })).json.error, 'missing-field');
  assert.equal((await call('POST', '/api/watch/unmute', { item: 'ip:192.0.2.250' })).status, 404);
});

test('the watch list: read with a version; a mistake refused naming the key in both languages, the file untouched; a fix saved with its comments', async () => {
  const file = join(dir, 'watch.yaml');
  const got = await call('GET', '/api/watch/list');
  assert.equal(got.status, 200);
  assert.deepEqual([got.json.text, got.json.format, got.json.items], [readFileSync(file, 'utf8'), 'yaml', [item]]);
  const mistake = `${LIST}servers:\n  - { protocol: smtp, host: mx.example.test, port: 99999 }\n`;
  const bad = await call('PUT', '/api/watch/list', { text: mistake, version: got.json.version });
  assert.equal(bad.status, 400);
  assert.deepEqual([bad.json.error, bad.json.key], ['bad-list', 'servers[0].port']);
  assert.equal(bad.json.text.pl, 'lista obserwowanych, klucz servers[0].port: musi być liczbą całkowitą od 1 do 65535');
  assert.equal(bad.json.text.en, 'watch list, key servers[0].port: must be a whole number from 1 to 65535');
  assert.equal(readFileSync(file, 'utf8'), LIST, 'the file stays as it was');
  const yamlError = await call('PUT', '/api/watch/list', { text: 'logs: [mail.log\n' });
  assert.equal(yamlError.json.error, 'bad-list');
  assert.match(yamlError.json.text.pl, /to nie jest poprawny YAML/);
  // The fix, as the editor sends it: the whole text.
  const fixed = mistake.replace('99999', '587');
  const ok = await call('PUT', '/api/watch/list', { text: fixed, version: got.json.version });
  assert.equal(ok.status, 200);
  assert.equal(readFileSync(file, 'utf8'), fixed);
  assert.deepEqual(ok.json.items, ['smtp:mx.example.test:587', item]);
  // The state follows the file at once: the new server is listed, not checked yet.
  const st = (await call('GET', '/api/watch/state')).json.items as { item: string; checkedAt?: string }[];
  assert.deepEqual(st.map((i) => [i.item, Boolean(i.checkedAt)]), [[item, true], ['smtp:mx.example.test:587', false]]);
  // Written with an old version: refused, not overwritten.
  const stale = await call('PUT', '/api/watch/list', { text: LIST, version: got.json.version });
  assert.deepEqual([stale.status, stale.json.error], [409, 'list-changed']);
  // As JSON onto the YAML: the comments and the order of what stays survive.
  const asJson = await call('PUT', '/api/watch/list', { list: { logs: ['mail.log'], ips: ['192.0.2.7'] }, version: ok.json.version });
  assert.equal(asJson.status, 200);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^# the mail log of the MX \(a comment that must survive an edit\)\nlogs:\n {2}- mail\.log +# Postfix\n/);
  assert.match(text, /ips:\n {2}- 192\.0\.2\.7\n/);
  assert.doesNotMatch(text, /servers/);
  assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), [], 'no temporary file left');
  // A list the watcher reads as it is.
  assert.deepEqual(parseWatchConfig(text, file).ips, ['192.0.2.7']);
  // Nothing new for the watcher to read or send: a file of the machine, a password moved to another server.
  const shadow = await call('PUT', '/api/watch/list', { text: `${LIST}  - /etc/shadow\n` });
  assert.deepEqual([shadow.status, shadow.json.error], [403, 'needs-local-edit']);
  assert.match(shadow.json.text.pl, /^ze względów bezpieczeństwa panel nie może dodać: logs: \/etc\/shadow; /);
  const relative = await call('PUT', '/api/watch/list', { text: `${LIST}  - ../../etc/passwd\n` });
  assert.equal(relative.status, 403, 'a relative path is compared once made absolute');
  const secret = await call('PUT', '/api/watch/list', { text: `${LIST}servers:\n  - { protocol: smtp, host: collector.example, user: me, password_env: HOME }\n` });
  assert.deepEqual([secret.status, secret.json.error], [403, 'needs-local-edit']);
  assert.match(secret.json.text.en, /password_env: HOME \(smtp:collector\.example:587\)/);
  assert.equal(readFileSync(file, 'utf8'), text, 'refused, the file stays');
  // Removing a file is fine (and the same file named again as it was is not new).
  const fewer = await call('PUT', '/api/watch/list', { text: 'ips: [192.0.2.7]\n' });
  assert.equal(fewer.status, 200);
  assert.equal((await call('PUT', '/api/watch/list', { text: LIST })).status, 403, 'once removed, a file is new again');
  writeFileSync(file, text);
  // Put back for the other tests.
  writeFileSync(file, LIST);
});

test('hardening: bad JSON, the wrong type, huge bodies, cross-site requests, other methods, unknown routes', async () => {
  assert.deepEqual([(await call('POST', '/api/watch/ack', '{"ids": [')).json.error], ['bad-json']);
  assert.equal((await call('POST', '/api/watch/ack', '[1]')).json.error, 'bad-json');
  assert.equal((await call('POST', '/api/watch/ack', { ids: 'all' })).json.field, 'ids');
  assert.equal((await call('POST', '/api/watch/ack', { ids: [] })).status, 400);
  assert.equal((await call('POST', '/api/watch/ack', { ids: [{ $ne: 1 }] })).status, 400);
  const typed = await fetch(`${serve!.url}/api/watch/mute`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ item, for: '1h' }) });
  assert.equal(typed.status, 415, 'a form post (no preflight) is not read');
  assert.equal(await bigBody('POST', '/api/watch/ack', JSON.stringify({ ids: Array.from({ length: 3000 }, (_, i) => `id-${i}-${'x'.repeat(20)}`) })), 413);
  assert.equal(await bigBody('PUT', '/api/watch/list', JSON.stringify({ text: 'x'.repeat(6 * 1024 * 1024) })), 413);
  assert.equal((await call('PUT', '/api/watch/list', { text: 'x'.repeat(4 * 1024 * 1024 + 10) })).status, 413);
  assert.equal((await call('GET', '/api/watch/state')).status, 200, 'still answering');
  for (const [method, path, body] of [['POST', '/api/watch/ack', { ids: ['x'] }], ['POST', '/api/watch/mute', { item, for: '1h' }], ['PUT', '/api/watch/list', { text: 'logs: [x.log]\n' }]] as const) {
    const evil = await call(method, path, body, { Origin: 'http://evil.example' });
    assert.deepEqual([evil.status, evil.json.error], [403, 'cross-origin'], `${method} ${path}`);
    assert.equal((await call(method, path, body, { Origin: 'null' })).status, 403);
    assert.equal((await call(method, path, body, { 'Sec-Fetch-Site': 'cross-site' })).status, 403);
  }
  assert.equal(readFileSync(join(dir, 'watch.yaml'), 'utf8'), LIST, 'no cross-site request changed the list');
  assert.equal((await call('GET', '/api/watch/state')).json.items[0].mute, undefined, 'nor muted an item');
  assert.equal((await call('DELETE', '/api/watch/list')).status, 405);
  assert.equal((await call('PUT', '/api/watch/state', {})).status, 405);
  assert.equal((await call('GET', '/api/watch/nope')).status, 404);
  // The page is there, in the menu; a foreign Host is refused on the dashboard too.
  const page = await fetch(`${serve!.url}/watch?lang=pl`);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /<h1>Panel monitorowania<\/h1>/);
  assert.match(html, /<a href="\/watch" aria-current="page"/);
  const u = new URL(serve!.url);
  const foreign = await new Promise<number>((resolve, reject) => {
    request({ host: u.hostname, port: u.port, path: '/api/watch/state', headers: { Host: `evil.example:${u.port}` } }, (rs) => { rs.resume(); resolve(rs.statusCode ?? 0); }).on('error', reject).end();
  });
  assert.equal(foreign, 403, 'DNS rebinding: a foreign Host name is refused on the dashboard too');
});

test('a server without --watch has no dashboard; a server with a token wants it on the dashboard too', async () => {
  const plain = await createMailmedicServer({ host: '127.0.0.1', port: 0 }).listen();
  try {
    assert.equal((await fetch(`${plain.url}/api/watch/state`)).status, 404);
    assert.equal((await fetch(`${plain.url}/watch`)).status, 404);
    assert.doesNotMatch(await (await fetch(`${plain.url}/`)).text(), /href="\/watch"/);
  } finally { await plain.close(); }
  const guarded = await createMailmedicServer({ host: '127.0.0.1', port: 0, token: 'Watch-Token-1234567', watch: { list: join(dir, 'watch.yaml') } }).listen();
  try {
    assert.equal((await fetch(`${guarded.url}/api/watch/state`)).status, 401);
    assert.equal((await fetch(`${guarded.url}/api/watch/mute`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ item, for: '1h' }) })).status, 401);
    const ok = await fetch(`${guarded.url}/api/watch/state`, { headers: { Authorization: 'Bearer Watch-Token-1234567' } });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { items: unknown[] }).items.length, 1);
  } finally { await guarded.close(); }
});

test('serve --watch on the command line: a bad list is 65 naming the key, a missing one 66, --watch-db alone 64', () => {
  writeFileSync(join(dir, 'bad.yaml'), 'logs: [mail.log]\nservers:\n  - { protocol: smtp, host: x.example, port: 0 }\n');
  const bad = cli(['serve', '--port', '0', '--watch', join(dir, 'bad.yaml'), '--lang', 'pl']);
  assert.equal(bad.status, 65, bad.stderr);
  assert.match(bad.stderr, /lista obserwowanych, klucz servers\[0\]\.port: musi być liczbą całkowitą od 1 do 65535/);
  assert.equal(cli(['serve', '--port', '0', '--watch', join(dir, 'nope.yaml')]).status, 66);
  const alone = cli(['serve', '--port', '0', '--watch-db', join(dir, 'watch.db'), '--lang', 'pl']);
  assert.equal(alone.status, 64);
  assert.match(alone.stderr, /podaj też samą listę/);
});

test('the same dashboard over PostgreSQL: passes stored there by `watch run` read back the same', { skip: POSTGRES_SKIP ?? false, timeout: 90_000 }, async () => {
  const pg = await startPostgres();
  const d = mkdtempSync(join(tmpdir(), 'mm-serve-watch-pg-'));
  let s: { child: ChildProcess; url: string } | undefined;
  try {
    writeFileSync(join(d, 'watch.yaml'), 'logs: [mail.log]\n');
    writeFileSync(join(d, 'mail.log'), FATAL(1));
    const first = cli(['watch', 'run', '-c', join(d, 'watch.yaml'), '--db', pg.url]);
    assert.ok([0, 1, 2].includes(first.status ?? -1), first.stderr);
    appendFileSync(join(d, 'mail.log'), FINE(2));
    cli(['watch', 'run', '-c', join(d, 'watch.yaml'), '--db', pg.url]);
    s = await startServe(['--watch', join(d, 'watch.yaml'), '--watch-db', pg.url]);
    const state = await (await fetch(`${s.url}/api/watch/state`)).json() as { engine: string; database: string; items: { item: string; status: string }[] };
    assert.equal(state.engine, 'postgres');
    assert.doesNotMatch(state.database, /:[^/@]*@/, 'no password in the location');
    assert.deepEqual(state.items.map((i) => [i.item, i.status]), [[`log:${join(d, 'mail.log')}`, 'ok']]);
    const events = (await (await fetch(`${s.url}/api/watch/events`)).json() as { events: { id: string; kind: string }[] }).events;
    assert.deepEqual(events.map((e) => e.kind), ['cleared', 'appeared']);
    const ack = await fetch(`${s.url}/api/watch/ack`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ids: events.map((e) => e.id) }) });
    assert.deepEqual(await ack.json(), { acknowledged: 2 });
    const hist = await (await fetch(`${s.url}/api/watch/history`)).json() as { items: Record<string, { status: string }[]> };
    assert.deepEqual(Object.values(hist.items)[0]!.map((p) => p.status), ['error', 'ok']);
    // A mute written by the dashboard is what the watcher reads from the same database.
    const mute = await fetch(`${s.url}/api/watch/mute`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ item: `log:${join(d, 'mail.log')}`, for: '1h' }) });
    assert.equal(mute.status, 200);
    appendFileSync(join(d, 'mail.log'), FATAL(3));
    const muted = cli(['watch', 'run', '-c', join(d, 'watch.yaml'), '--db', pg.url, '--json']);
    assert.ok((JSON.parse(muted.stdout) as { findings: { check: string }[] }).findings.some((f) => f.check === 'watch.muted'));
  } finally {
    await stopServe(s);
    await pg.stop();
    rmSync(d, { recursive: true, force: true });
  }
});
