// Servers that echo what the client sent — the AUTH payloads, the LOGIN line with the IMAP-quoted password,
// PASS — are scripted on loopback (fault injection: real servers do not echo passwords, some broken ones do).
// Passwords with quotes, backslashes and spaces must not show in any output format, in transcripts, in the
// doctor's report or in the web API's answers; a short or common password ("mail", "alice") must leave the rest
// of the report readable ("mail.example.test", "alice@example.test"), masked only where a password stands.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as net from 'node:net';
import { after, before, test } from 'node:test';
import { maskSecrets, passwordForms } from '../../src/core/secrets.js';
import { runDoctor } from '../../src/doctor/engine.js';
import { createDnsClient } from '../../src/dns/index.js';
import { lookupViaDns, probeImap, probePop3, probeSmtp, type ProbeResult } from '../../src/probe/index.js';
import { formatLine } from '../../src/probe/transcript.js';
import { render } from '../../src/report/index.js';
import { makeReport } from '../../src/core/finding.js';
import type { MailmedicServer } from '../../src/serve/server.js';
import { testEnv } from '../helpers/env.js';
import { postJson, startTestServer } from '../serve/helpers.js';

const env = testEnv();
const servers: net.Server[] = [];
after(() => { for (const s of servers) s.close(); });

async function fake(onLine: (s: net.Socket, line: string) => void, greeting: string): Promise<number> {
  const srv = net.createServer((s) => {
    s.on('error', () => undefined);
    let buf = '';
    s.write(greeting);
    s.on('data', (d) => {
      buf += d.toString('utf8');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { const l = buf.slice(0, i).replace(/\r$/, ''); buf = buf.slice(i + 1); onLine(s, l); }
    });
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return (srv.address() as net.AddressInfo).port;
}

/** SMTP that offers PLAIN, LOGIN and CRAM-MD5 and quotes every line it gets (decoded too) in its refusals. */
const smtpEcho = () => {
  let state = '';
  return fake((s, l) => {
    const u = l.toUpperCase();
    if (state === 'login-user') { state = 'login-pass'; s.write('334 UGFzc3dvcmQ6\r\n'); return; }
    if (state === 'login-pass' || state === 'cram') {
      state = '';
      s.write(`535-5.7.8 Authentication failed for ${l}\r\n535 5.7.8 decoded: ${Buffer.from(l, 'base64').toString('utf8').replace(/\0/g, ' ')}\r\n`);
      return;
    }
    if (u.startsWith('EHLO')) s.write('250-echo.example.test\r\n250-AUTH PLAIN LOGIN CRAM-MD5\r\n250 8BITMIME\r\n');
    else if (u.startsWith('AUTH PLAIN ')) s.write(`535 5.7.8 Bad credentials: ${l} = ${Buffer.from(l.slice(11), 'base64').toString('utf8').replace(/\0/g, ' ')}\r\n`);
    else if (u === 'AUTH LOGIN') { state = 'login-user'; s.write('334 VXNlcm5hbWU6\r\n'); }
    else if (u === 'AUTH CRAM-MD5') { state = 'cram'; s.write(`334 ${Buffer.from('<1896.697170952@echo.example.test>').toString('base64')}\r\n`); }
    else if (u === 'QUIT') { s.write('221 bye\r\n'); s.end(); }
    else s.write(`250 ok: ${l}\r\n`);
  }, '220 echo.example.test ESMTP\r\n');
};

/** IMAP that refuses LOGIN quoting the whole command line back (the IMAP-quoted password inside). */
const imapEcho = () => fake((s, l) => {
  const [tag, cmd] = l.split(' ');
  if (cmd?.toUpperCase() === 'CAPABILITY') s.write(`* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n${tag} OK done\r\n`);
  else if (cmd?.toUpperCase() === 'LOGIN') s.write(`${tag} NO [AUTHENTICATIONFAILED] Invalid credentials for ${l.slice(tag!.length + 1)}\r\n`);
  else if (cmd?.toUpperCase() === 'LOGOUT') { s.write(`* BYE\r\n${tag} OK bye\r\n`); s.end(); }
  else s.write(`${tag} BAD unknown: ${l}\r\n`);
}, '* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] echo ready\r\n');

/** POP3 that refuses PASS quoting it back. */
const popEcho = () => fake((s, l) => {
  const u = l.toUpperCase();
  if (u === 'CAPA') s.write('+OK\r\nUSER\r\n.\r\n');
  else if (u.startsWith('USER ')) s.write(`+OK ${l.slice(5)} may try\r\n`);
  else if (u.startsWith('PASS ')) s.write(`-ERR [AUTH] ${l} is wrong\r\n`);
  else if (u === 'QUIT') { s.write('+OK bye\r\n'); s.end(); }
  else s.write(`-ERR unknown ${l}\r\n`);
}, '+OK echo POP3 ready\r\n');

let ports: { smtp: number; imap: number; pop3: number };
before(async () => { ports = { smtp: await smtpEcho(), imap: await imapEcho(), pop3: await popEcho() }; });

const USER = 'alice@example.test';
const STRONG = ['Zq"7\\x', 'pa ss\\"w\'rd 99', 'Tr0ub4dor&3"\\'];
const FORMATS = ['terminal', 'json', 'markdown', 'html', 'csv'] as const;

/** Everything a user can get out of a probe result: every format of its report, and its transcript. */
function outputs(r: ProbeResult, protocol: string): string[] {
  const report = makeReport('probe', protocol, r.findings, { data: r.data });
  return [...FORMATS.flatMap((f) => ['en', 'pl'].map((lang) => render(report, f, { lang: lang as 'en' | 'pl', verbose: true }))), r.transcript.map(formatLine).join('\n'), JSON.stringify(r)];
}

/** None of the forms masked anywhere (for a strong password: itself, escaped, base64 …; for a short one: its wire forms). */
function assertNoForm(texts: string[], user: string, password: string, what: string, extra: string[] = []): void {
  const forms = [...passwordForms(user, password).anywhere, ...extra];
  for (const t of texts) for (const f of forms) assert.ok(!t.includes(f), `${what}: "${f}" shows in\n${t.slice(Math.max(0, t.indexOf(f) - 200), t.indexOf(f) + 100)}`);
}

const probes = {
  smtp: (password: string, auth: 'PLAIN' | 'LOGIN' | 'CRAM-MD5', host = '127.0.0.1', deps = {}) =>
    probeSmtp({ host, port: ports.smtp, tls: 'none', user: USER, password, authMechanism: auth, timeouts: { connect: 2000, banner: 2000, command: 2000, tls: 2000 } }, deps),
  imap: (password: string, host = '127.0.0.1', deps = {}) => probeImap({ host, port: ports.imap, tls: 'none', user: USER, password, timeouts: { connect: 2000, banner: 2000, command: 2000, tls: 2000 } }, deps),
  pop3: (password: string, host = '127.0.0.1', deps = {}) => probePop3({ host, port: ports.pop3, tls: 'none', user: USER, password, timeouts: { connect: 2000, banner: 2000, command: 2000, tls: 2000 } }, deps),
};

test('echoing SMTP (PLAIN, LOGIN, CRAM-MD5), IMAP and POP3: passwords with quotes, backslashes and spaces never show, in any format or transcript', async () => {
  for (const pw of STRONG) {
    for (const auth of ['PLAIN', 'LOGIN', 'CRAM-MD5'] as const) {
      const r = await probes.smtp(pw, auth);
      const all = outputs(r, 'smtp');
      assert.ok(all.some((t) => t.includes('535')), `${auth}: the refusal is reported`);
      const cram = auth === 'CRAM-MD5' ? [createHmac('md5', pw).update('<1896.697170952@echo.example.test>', 'latin1').digest('hex')] : [];
      assertNoForm(all, USER, pw, `smtp ${auth} ${JSON.stringify(pw)}`, cram);
    }
    const imap = await probes.imap(pw);
    const imapOut = outputs(imap, 'imap');
    assert.ok(imapOut.some((t) => t.includes('AUTHENTICATIONFAILED')), 'the IMAP refusal is reported');
    assert.ok(imapOut.some((t) => t.includes('Invalid credentials for LOGIN "alice@example.test" "********"')), 'the echo is kept, its password masked');
    assertNoForm(imapOut, USER, pw, `imap ${JSON.stringify(pw)}`);
    const pop = await probes.pop3(pw);
    assertNoForm(outputs(pop, 'pop3'), USER, pw, `pop3 ${JSON.stringify(pw)}`);
  }
});

test('a short or common password ("mail") leaves the report readable: the host name stays, only the echoed password is masked', async () => {
  const deps = { lookup: lookupViaDns(createDnsClient({ server: `${env.host}:${env.dnsPort}` })) };
  for (const run of [() => probes.pop3('mail', 'mail.example.test', deps), () => probes.imap('mail', 'mail.example.test', deps), () => probes.smtp('mail', 'LOGIN', 'mail.example.test', deps)]) {
    const r = await run();
    const all = outputs(r, 'x');
    const text = all.join('\n');
    assert.ok(text.includes('mail.example.test'), 'the host name is whole');
    assert.doesNotMatch(text, /\*{8}\.example\.test/);
    assert.ok(!/PASS mail\b|"mail"/.test(text), 'the echoed password is masked');
    assertNoForm(all, USER, 'mail', 'wire forms of "mail"', []);
  }
  assert.equal(maskSecrets('smtp mail.example.test; PASS mail; password=mail; "mail"; mail is here', passwordForms(USER, 'mail')),
    'smtp mail.example.test; PASS ********; password=********; "********"; mail is here');
});

let app: MailmedicServer;
before(async () => { app = await startTestServer({ timeoutMs: 5000 }); });
after(async () => { await app?.close(); });

test('the web: a probe and the doctor against echoing servers show no password; the password "alice" leaves the login "alice@example.test"', async () => {
  for (const pw of [...STRONG, 'alice']) {
    const r = await postJson(`${app.url}/api/probe`, { protocol: 'imap', host: '127.0.0.1', port: ports.imap, security: 'none', user: USER, password: pw });
    assert.equal(r.status, 200, r.text.slice(0, 200));
    assertNoForm([r.text, JSON.stringify(r.json)], USER, pw, `web probe ${JSON.stringify(pw)}`);
    assert.doesNotMatch(r.text, /\\"alice\\"/, 'the echoed short password is masked');
    assert.ok(r.text.includes(USER), 'the login is shown whole');
    const d = await postJson(`${app.url}/api/doctor?stream=1`, {
      case: 'client-send', answers: { address: USER, server: { host: '127.0.0.1', port: ports.smtp, security: 'none', password: pw } },
    });
    assert.equal(d.status, 200);
    assertNoForm([d.text], USER, pw, `web doctor ${JSON.stringify(pw)}`);
    assert.ok(d.text.includes(USER), 'the doctor names the login');
    for (const format of ['markdown', 'html', 'json'] as const) {
      const report = JSON.parse(d.text.trim().split('\n\n').at(-1)!.replace(/^event: report\ndata: /, ''));
      const rendered = await postJson(`${app.url}/api/render`, { report, format, lang: 'pl' });
      assertNoForm([rendered.text], USER, pw, `web render ${format}`);
    }
  }
});

test('the doctor run from the library masks the same way', async () => {
  const pw = 'Zq"7\\x';
  const report = await runDoctor('client-receive', {
    case: 'client-receive', address: USER, server: { host: '127.0.0.1', port: ports.imap, security: 'none', protocol: 'imap', password: pw },
  }, { deps: { timeoutMs: 3000 } });
  const texts = FORMATS.map((f) => render(report, f, { lang: 'en', verbose: true }));
  assert.ok(texts.join('').includes('AUTHENTICATIONFAILED'));
  assertNoForm(texts, USER, pw, 'doctor report');
});
