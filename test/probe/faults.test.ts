// Faults a real server will not produce, from tiny scripted fake servers: every one ends in a finding, never a hang.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { after, test } from 'node:test';
import {
  probeImap, probePop3, probeSmtp, parseEhlo, parseListLine, readSmtpReply, LineConnection, Transcript, PROBE_DEFAULT_TIMEOUTS,
  type ProbeResult,
} from '../../src/probe/index.js';
import { mapConcurrent } from '../../src/probe/many.js';

const servers: net.Server[] = [];
after(() => { for (const s of servers) s.close(); });

/** A fake server: `script` gets each accepted socket and the lines the client sends. */
async function fake(script: (s: net.Socket, onLine: (fn: (line: string) => void) => void) => void): Promise<number> {
  const srv = net.createServer((s) => {
    s.on('error', () => undefined);
    let buf = '';
    let handler: (line: string) => void = () => undefined;
    s.on('data', (d) => {
      buf += d.toString('latin1');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) { const l = buf.slice(0, i).replace(/\r$/, ''); buf = buf.slice(i + 1); handler(l); }
    });
    script(s, (fn) => { handler = fn; });
  });
  servers.push(srv);
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  return (srv.address() as net.AddressInfo).port;
}

const fast = { connect: 500, banner: 300, command: 300, tls: 500 };
const last = (r: ProbeResult) => r.findings.at(-1)!;

async function timed<T>(p: Promise<T>, limitMs: number): Promise<T> {
  const t0 = Date.now();
  const v = await p;
  assert.ok(Date.now() - t0 < limitMs, `took ${Date.now() - t0} ms`);
  return v;
}

test('stall before the greeting → "stopped answering during the greeting"', async () => {
  const port = await fake(() => undefined);
  const r = await timed(probeSmtp({ host: '127.0.0.1', port, timeouts: fast }), 3000);
  assert.equal(last(r).check, 'probe.smtp.banner');
  assert.match(last(r).summary.en, /stopped answering during the greeting/);
  assert.match(last(r).summary.pl, /powitanie/);
});

test('stall after EHLO → command timeout finding', async () => {
  const port = await fake((s, on) => { s.write('220 fake ESMTP\r\n'); on(() => undefined); });
  const r = await timed(probeSmtp({ host: '127.0.0.1', port, timeouts: fast }), 3000);
  assert.equal(last(r).check, 'probe.smtp.command');
  assert.match(last(r).summary.en, /during a command/);
});

test('garbage instead of SMTP → "not SMTP"', async () => {
  const port = await fake((s) => s.write('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  const r = await timed(probeSmtp({ host: '127.0.0.1', port, timeouts: fast }), 3000);
  assert.match(last(r).summary.en, /not SMTP: "HTTP\/1\.1 400/);
});

test('binary garbage and a line without end → bounded, a finding', async () => {
  const port = await fake((s) => s.write(Buffer.alloc(20000, 0x41)));
  const r = await timed(probeSmtp({ host: '127.0.0.1', port, timeouts: fast }), 3000);
  assert.match(last(r).summary.en, /does not end/);
  const port2 = await fake((s) => s.write(Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x0d, 0x0a])));
  const r2 = await timed(probeSmtp({ host: '127.0.0.1', port: port2, timeouts: fast }), 3000);
  assert.match(last(r2).summary.en, /not SMTP/);
});

test('line dropped in the middle of a multi-line reply → "closed the connection"', async () => {
  const port = await fake((s, on) => {
    s.write('220 fake ESMTP\r\n');
    on((l) => { if (l.startsWith('EHLO')) { s.write('250-fake\r\n250-PIPELI'); s.destroy(); } });
  });
  const r = await timed(probeSmtp({ host: '127.0.0.1', port, timeouts: fast }), 3000);
  assert.match(last(r).summary.en, /closed the connection/);
});

test('never-ending multi-line reply → stopped after the line limit or the command timeout', async () => {
  const port = await fake((s, on) => {
    s.write('220 fake ESMTP\r\n');
    on((l) => {
      if (!l.startsWith('EHLO')) return;
      const t = setInterval(() => { if (s.destroyed) clearInterval(t); else s.write('250-X'.padEnd(40, 'x') + '\r\n'.repeat(1)); }, 0);
      s.on('close', () => clearInterval(t));
    });
  });
  const r = await timed(probeSmtp({ host: '127.0.0.1', port, timeouts: { ...fast, command: 2000 } }), 5000);
  assert.ok(/does not end|stopped answering/.test(last(r).summary.en), last(r).summary.en);
});

test('connect timeout on port 25 → the ISP block explanation; other ports → generic timeout', async () => {
  // A socket that never connects (a firewall dropping packets).
  const connect = () => new net.Socket();
  const r25 = await timed(probeSmtp({ host: '192.0.2.1', port: 25, timeouts: fast }, { connect }), 3000);
  assert.match(r25.findings[0]!.summary.en, /internet provider blocking port 25/);
  assert.equal(r25.findings[0]!.diagnosis?.actor, 'network');
  const r587 = await timed(probeSmtp({ host: '192.0.2.1', port: 587, timeouts: fast }, { connect }), 3000);
  assert.match(r587.findings[0]!.summary.en, /No answer from 192\.0\.2\.1 port 587/);
});

test('no route to host is told apart from refused and timeout', async () => {
  const connect = () => {
    const s = new net.Socket();
    setImmediate(() => s.emit('error', Object.assign(new Error('connect EHOSTUNREACH'), { code: 'EHOSTUNREACH' })));
    return s;
  };
  const r = await probeSmtp({ host: '192.0.2.1', port: 587, timeouts: fast }, { connect });
  assert.match(r.findings[0]!.summary.en, /no network route/);
});

for (const [code, text, expect] of [
  [534, '534 5.7.9 Please log in with your web browser', /too weak/],
  [538, '538 5.7.11 Encryption required for requested authentication mechanism', /requires encryption for this login method/],
  [530, '530 5.7.0 Must issue a STARTTLS command first', /requires STARTTLS first/],
  [454, '454 4.7.0 Temporary authentication failure', /temporary reason/],
  [504, '504 5.5.4 Unrecognized authentication type', /does not know the login method/],
] as const) {
  test(`AUTH answered with ${code} is explained`, async () => {
    const port = await fake((s, on) => {
      s.write('220 fake ESMTP\r\n');
      on((l) => {
        if (l.startsWith('EHLO')) s.write('250-fake\r\n250 AUTH PLAIN LOGIN\r\n');
        else if (l.startsWith('AUTH')) s.write(text + '\r\n');
        else if (l === 'QUIT') s.end('221 bye\r\n');
      });
    });
    const r = await probeSmtp({ host: '127.0.0.1', port, tls: 'none', user: 'u@d.test', password: 'secret-pw', timeouts: fast });
    const f = r.findings.find((x) => x.check === 'probe.smtp.auth')!;
    assert.match(f.summary.en, expect);
    assert.equal(f.diagnosis?.replyCode, code);
    assert.ok(!JSON.stringify(r).includes('secret-pw'));
  });
}

test('530 asking for a login (not for TLS) says so, in Polish too, with no English word left in the Polish text', async () => {
  const port = await fake((s, on) => {
    s.write('220 fake ESMTP\r\n');
    on((l) => {
      if (l.startsWith('EHLO')) s.write('250-fake\r\n250 AUTH PLAIN LOGIN\r\n');
      else if (l.startsWith('AUTH')) s.write('530 5.7.0 Authentication required\r\n');
      else if (l === 'QUIT') s.end('221 bye\r\n');
    });
  });
  const r = await probeSmtp({ host: '127.0.0.1', port, tls: 'none', user: 'u@d.test', password: 'secret-pw', timeouts: fast });
  const f = r.findings.find((x) => x.check === 'probe.smtp.auth')!;
  assert.match(f.summary.en, /requires authentication first/);
  assert.match(f.summary.pl, /wymaga najpierw uwierzytelniania/);
  assert.doesNotMatch(f.summary.pl.replace(/\(530[^)]*\)/, ''), /authentication/i);
  assert.equal(f.diagnosis?.reason, 'securityerror');
});

test('open relay is reported when an outside recipient is accepted without login', async () => {
  const port = await fake((s, on) => {
    s.write('220 fake ESMTP\r\n');
    on((l) => {
      if (l.startsWith('EHLO')) s.write('250 fake\r\n');
      else if (l === 'QUIT') s.end('221 bye\r\n');
      else s.write('250 2.1.5 Ok\r\n');
    });
  });
  const r = await probeSmtp({ host: '127.0.0.1', port, tls: 'none', relayTest: true, timeouts: fast });
  const f = r.findings.find((x) => x.check === 'probe.smtp.relay')!;
  assert.equal(f.status, 'error');
  assert.equal(f.diagnosis?.reason, 'norelaying');
});

test('slow greeting → warning with the delay', async () => {
  const port = await fake((s, on) => {
    setTimeout(() => s.write('220 slow ESMTP\r\n'), 250);
    on((l) => { if (l.startsWith('EHLO')) s.write('250 slow\r\n'); else if (l === 'QUIT') s.end('221 bye\r\n'); });
  });
  const r = await probeSmtp({ host: '127.0.0.1', port, tls: 'none', slowBannerMs: 200, timeouts: fast });
  assert.equal(r.findings.find((f) => f.check === 'probe.smtp.banner')!.status, 'warn');
});

test('IMAP and POP3 fakes: garbage greeting, never-ending LIST, unterminated CAPA → findings', async () => {
  const p1 = await fake((s) => s.write('SSH-2.0-OpenSSH_9.2\r\n'));
  const r1 = await timed(probeImap({ host: '127.0.0.1', port: p1, tls: 'none', timeouts: fast }), 3000);
  assert.match(last(r1).summary.en, /not IMAP/);
  const p2 = await fake((s, on) => {
    s.write('+OK fake\r\n');
    on((l) => { if (l === 'CAPA') { s.write('+OK\r\nUSER\r\n'); } });
  });
  const r2 = await timed(probePop3({ host: '127.0.0.1', port: p2, tls: 'none', timeouts: fast }), 3000);
  assert.match(last(r2).summary.en, /stopped answering/);
  const p3 = await fake((s) => s.write('* BYE go away\r\n'));
  const r3 = await timed(probeImap({ host: '127.0.0.1', port: p3, timeouts: fast }), 3000);
  assert.equal(last(r3).status, 'error');
});

test('parsers survive hostile input (fuzz): never throw anything but ProbeError, never hang', async () => {
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < 300; i++) {
    const len = Math.floor(rnd() * 300);
    const s = Array.from({ length: len }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
    parseListLine(s);
    parseListLine('* LIST (' + s);
    parseEhlo({ code: 250, lines: ['250-x', '250 ' + s], text: s });
  }
  // A reply fed through a paired socket: bounded and typed errors only.
  for (const payload of ['250-a\r\n250-b\r\n250 c\r\n', '25', '999 x\r\n', '250-a\r\n251 b\r\n', 'x'.repeat(9000) + '\r\n']) {
    const [a, b] = await pair();
    const conn = new LineConnection(a, new Transcript(() => performance.now()), PROBE_DEFAULT_TIMEOUTS);
    b.end(payload);
    try { await readSmtpReply(conn, 300); } catch (e) { assert.equal((e as Error).name, 'ProbeError'); }
    conn.close();
    b.destroy();
  }
  const long = '* LIST (' + '\\x '.repeat(30000) + ') "/" INBOX';
  const t0 = Date.now();
  parseListLine(long);
  assert.ok(Date.now() - t0 < 100);
});

test('mapConcurrent keeps order and never exceeds the bound', async () => {
  let running = 0;
  let peak = 0;
  const out = await mapConcurrent([...Array(20).keys()], 3, async (i) => {
    running++; peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return i * 2;
  });
  assert.deepEqual(out, [...Array(20).keys()].map((i) => i * 2));
  assert.equal(peak, 3);
});

async function pair(): Promise<[net.Socket, net.Socket]> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((r) => srv.once('connection', r));
  const a = net.connect(port, '127.0.0.1');
  const b = await accepted;
  srv.close();
  await new Promise((r) => a.once('connect', r));
  return [a, b];
}

test('a TLS handshake that never completes → "stopped answering during the TLS handshake"', async () => {
  const port = await fake(() => undefined); // accepts, reads the ClientHello, answers nothing
  const r = await timed(probeSmtp({ host: '127.0.0.1', port, tls: 'implicit', timeouts: fast }), 3000);
  assert.equal(last(r).check, 'probe.smtp.tls');
  assert.match(last(r).summary.en, /TLS handshake/);
  assert.match(last(r).summary.pl, /negocjacja TLS/);
});

test('data injected after the STARTTLS reply is reported and not read as a reply', async () => {
  const port = await fake((s, on) => {
    s.write('220 fake ESMTP\r\n');
    on((l) => {
      if (l.startsWith('EHLO')) s.write('250-fake\r\n250 STARTTLS\r\n');
      else if (l === 'STARTTLS') { s.write('220 go ahead\r\n250-INJECTED\r\n'); setTimeout(() => s.destroy(), 50); }
    });
  });
  const r = await timed(probeSmtp({ host: '127.0.0.1', port, timeouts: fast }), 3000);
  const f = r.findings.find((x) => x.check === 'probe.smtp.starttls.leftover');
  assert.ok(f, r.findings.map((x) => x.check).join());
  assert.match(f.summary.en, /250-INJECTED/);
});

test('IMAP RFC 5530 codes on a failed LOGIN are told apart', async () => {
  for (const [code, expect] of [['UNAVAILABLE', /temporarily unavailable/], ['PRIVACYREQUIRED', /unencrypted connection/], ['CONTACTADMIN', /contact the administrator/], ['AUTHENTICATIONFAILED', /rejected the login/]] as const) {
    const port = await fake((s, on) => {
      s.write('* OK fake ready\r\n');
      on((l) => {
        const [tag, cmd] = l.split(' ');
        if (cmd === 'CAPABILITY') s.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
        else if (cmd === 'LOGIN') s.write(`${tag} NO [${code}] nope\r\n`);
        else if (cmd === 'LOGOUT') s.end(`* BYE\r\n${tag} OK bye\r\n`);
      });
    });
    const r = await probeImap({ host: '127.0.0.1', port, tls: 'none', user: 'u@d.test', password: 'pw-secret', timeouts: fast });
    assert.match(r.findings.find((f) => f.check === 'probe.imap.login')!.summary.en, expect, code);
  }
});

test('missing SMTPUTF8 / 8BITMIME / ENHANCEDSTATUSCODES are said', async () => {
  const port = await fake((s, on) => {
    s.write('220 old ESMTP\r\n');
    on((l) => { if (l.startsWith('EHLO')) s.write('250-old\r\n250 SIZE 1000\r\n'); else if (l === 'QUIT') s.end('221 bye\r\n'); });
  });
  const r = await probeSmtp({ host: '127.0.0.1', port, tls: 'none', timeouts: fast });
  for (const c of ['smtputf8', '8bitmime', 'enhancedstatuscodes']) assert.ok(r.findings.some((f) => f.check === `probe.smtp.capability.${c}`), c);
});

test('a connection reset during the TLS handshake → "TLS handshake failed", and IMAP/POP3 behave the same', async () => {
  const port = await fake((s) => { s.once('data', () => s.resetAndDestroy()); });
  for (const probe of [probeSmtp, probeImap, probePop3]) {
    const r = await timed(probe({ host: '127.0.0.1', port, tls: 'implicit', timeouts: fast }), 3000);
    assert.ok(/TLS/.test(last(r).summary.en), last(r).summary.en);
    assert.equal(last(r).status, 'error');
  }
});

test('POP3 without USER but with SASL PLAIN logs in with AUTH PLAIN (redacted)', async () => {
  const port = await fake((s, on) => {
    s.write('+OK fake\r\n');
    on((l) => {
      if (l === 'CAPA') s.write('+OK\r\nSASL PLAIN\r\n.\r\n');
      else if (l.startsWith('AUTH PLAIN ')) s.write(Buffer.from(l.slice(11), 'base64').toString() === '\0u@d.test\0pw-secret' ? '+OK in\r\n' : '-ERR no\r\n');
      else if (l === 'STAT') s.write('+OK 2 300\r\n');
      else if (l === 'QUIT') s.end('+OK bye\r\n');
    });
  });
  const r = await probePop3({ host: '127.0.0.1', port, tls: 'none', user: 'u@d.test', password: 'pw-secret', timeouts: fast });
  assert.equal(r.authenticated, true);
  assert.equal(r.data.messages, 2);
  assert.ok(r.transcript.some((l) => l.text === 'AUTH PLAIN ********'));
  assert.ok(!JSON.stringify(r).includes(Buffer.from('\0u@d.test\0pw-secret').toString('base64')));
});

test('a server that echoes the password back in a garbled reply or an error does not get it into any finding', async () => {
  const pw = 'Echo-Me-s3cret';
  const echoPop = await fake((s, on) => {
    s.write('+OK fake\r\n');
    on((l) => {
      if (l === 'CAPA') s.write('+OK\r\nUSER\r\n.\r\n');
      else if (l.startsWith('USER')) s.write('+OK\r\n');
      else if (l.startsWith('PASS')) s.write(`what is ${l}?\r\n`); // not +OK/-ERR: garbage, quoting the password
    });
  });
  const pop = await probePop3({ host: '127.0.0.1', port: echoPop, tls: 'none', user: 'u@d.test', password: pw, timeouts: fast });
  assert.match(last(pop).summary.en, /not POP3/);
  const echoImap = await fake((s, on) => {
    s.write('* OK fake\r\n');
    on((l) => {
      const tag = l.split(' ')[0];
      if (/CAPABILITY/.test(l)) s.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK\r\n`);
      else if (/LOGIN/.test(l)) s.write(`${tag} NO [AUTHENTICATIONFAILED] bad login: ${l}\r\n`);
      else s.write(`${tag} OK\r\n`);
    });
  });
  const imap = await probeImap({ host: '127.0.0.1', port: echoImap, tls: 'none', user: 'u@d.test', password: pw, timeouts: fast });
  assert.equal(imap.authenticated, false);
  for (const r of [pop, imap]) assert.ok(!JSON.stringify(r).includes(pw), `${r.protocol} result holds the password`);
});

test('a UTF-8 reply is read as UTF-8 (Polish server texts), bytes that are not UTF-8 are kept as they came', async () => {
  const port = await fake((s, on) => {
    s.write(Buffer.from('220 serwer gotowy — zażółć gęślą jaźń\r\n', 'utf8'));
    on((l) => {
      if (l.startsWith('EHLO')) s.write(Buffer.concat([Buffer.from('250-fake\r\n250 X-LATIN1-'), Buffer.from([0xb3, 0xf3]), Buffer.from('\r\n')]));
      else if (l === 'QUIT') s.end('221 bye\r\n');
    });
  });
  const r = await probeSmtp({ host: '127.0.0.1', port, tls: 'none', timeouts: fast });
  const banner = r.findings.find((f) => f.check === 'probe.smtp.banner')!;
  assert.match(banner.summary.pl, /serwer gotowy — zażółć gęślą jaźń/);
  assert.ok(r.transcript.some((l) => l.text === '250 X-LATIN1-\u00b3\u00f3'));
});

test('a host with only an AAAA record is found through --dns-server lookups; a missing name is a DNS finding', async () => {
  const { createStaticDnsClient } = await import('../../src/dns/index.js');
  const { lookupViaDns } = await import('../../src/probe/index.js');
  const dns = createStaticDnsClient({ 'v6only.test': [{ type: 'AAAA', data: '::1' }], 'v4.test': [{ type: 'A', data: '127.0.0.1' }] });
  const lookup = lookupViaDns(dns);
  assert.deepEqual(await lookup('v6only.test'), ['::1']);
  assert.deepEqual(await lookup('v4.test'), ['127.0.0.1']);
  const r = await probeSmtp({ host: 'missing.test', port: 587, timeouts: fast }, { lookup });
  assert.equal(r.findings[0]!.check, 'probe.smtp.dns');
  assert.match(r.findings[0]!.summary.en, /does not exist in DNS/);
});

test('a slow IMAP server cannot stretch the folder counts: all STATUS commands share one command timeout', async () => {
  const port = await fake((s, on) => {
    s.write('* OK fake ready\r\n');
    on((l) => {
      const [tag, cmd] = l.split(' ');
      if (cmd === 'CAPABILITY') s.write(`* CAPABILITY IMAP4rev1\r\n${tag} OK done\r\n`);
      else if (cmd === 'LOGIN') s.write(`${tag} OK logged in\r\n`);
      else if (cmd === 'LIST') s.write(Array.from({ length: 40 }, (_, i) => `* LIST () "/" f${i}\r\n`).join('') + `${tag} OK\r\n`);
      else if (cmd === 'STATUS') setTimeout(() => s.write(`* STATUS ${l.split(' ')[2]} (MESSAGES 1 UNSEEN 0)\r\n${tag} OK\r\n`), 100);
      else if (cmd === 'LOGOUT') s.end(`* BYE\r\n${tag} OK bye\r\n`);
    });
  });
  const r = await timed(probeImap({ host: '127.0.0.1', port, tls: 'none', user: 'u@d.test', password: 'pw-secret', timeouts: fast }), 3000);
  assert.equal(r.authenticated, true);
  assert.equal(r.data.foldersPartial, true);
  assert.ok(r.findings.some((f) => f.check === 'probe.imap.folders'));
});
