// Safety net for the whole doctor/serve test set: with the test DNS named, nothing the doctor or the web app
// does may reach past loopback — no system resolver (a host name handed to connect() would go to it), no
// DNS packet to a resolv.conf server, no TCP or TLS connection elsewhere. Every socket destination of the
// seven cases and of the web API's network operations is recorded here and must be a loopback address.
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import net from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DOCTOR_CASES } from '../../src/doctor/cases/index.js';
import { customDnsblList } from '../../src/doctor/checks/domain.js';
import { runDoctor } from '../../src/doctor/engine.js';
import type { MailmedicServer } from '../../src/serve/server.js';
import { SHARED, testEnv, NEEDS_SHARED } from '../helpers/env.js';
import { postJson, startTestServer } from './helpers.js';

const env = testEnv();
const destinations: string[] = [];
const LOOPBACK = (h: string) => h === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h === '::1' || h === '::ffff:127.0.0.1';

type AnyFn = (...args: unknown[]) => unknown;
const originals = { tcp: net.Socket.prototype.connect, udpSend: dgram.Socket.prototype.send, udpConnect: dgram.Socket.prototype.connect };

/** The host a net.Socket#connect call aims at (undefined for a local IPC path). */
function tcpHost(args: unknown[]): string | undefined {
  let a = args[0];
  if (Array.isArray(a)) a = a[0]; // net.connect() passes its normalized [options, callback]
  if (a && typeof a === 'object') {
    const o = a as { host?: string; path?: string };
    return o.path !== undefined ? undefined : o.host ?? 'localhost';
  }
  if (typeof a === 'number' || (typeof a === 'string' && /^\d+$/.test(a))) return typeof args[1] === 'string' ? args[1] : 'localhost';
  return undefined;
}

before(() => {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const h = tcpHost(args);
    if (h !== undefined) destinations.push(`tcp ${h}`);
    return (originals.tcp as AnyFn).apply(this, args);
  } as typeof net.Socket.prototype.connect;
  dgram.Socket.prototype.send = function (this: dgram.Socket, ...args: unknown[]) {
    // send(msg, [offset, length,] port, address, cb): the address is the one string after the message.
    const address = args.slice(1).find((x): x is string => typeof x === 'string');
    if (address !== undefined) destinations.push(`udp ${address}`);
    return (originals.udpSend as AnyFn).apply(this, args);
  } as typeof dgram.Socket.prototype.send;
  dgram.Socket.prototype.connect = function (this: dgram.Socket, ...args: unknown[]) {
    destinations.push(`udp ${typeof args[1] === 'string' ? args[1] : 'localhost'}`);
    return (originals.udpConnect as AnyFn).apply(this, args);
  } as typeof dgram.Socket.prototype.connect;
});
after(() => {
  net.Socket.prototype.connect = originals.tcp;
  dgram.Socket.prototype.send = originals.udpSend;
  dgram.Socket.prototype.connect = originals.udpConnect;
});

function assertLoopbackOnly(what: string) {
  const outside = destinations.filter((d) => !LOOPBACK(d.slice(4)));
  assert.deepEqual(outside, [], `${what} reached past loopback`);
  assert.ok(destinations.some((d) => d.startsWith('udp ') || d.startsWith('tcp ')), `${what}: the recorder saw no traffic at all`);
}

test('the seven doctor cases, with every answer that makes them go to the network, stay on loopback', NEEDS_SHARED, async () => {
  destinations.length = 0;
  const deps = { dnsServer: `${env.host}:${env.dnsPort}`, caFile: join(env.certs, 'cert.pem'), timeoutMs: 10_000, dnsblLists: [customDnsblList('zen.example.test')] };
  const answers = {
    address: 'alice@example.test', from: 'alice@example.test', to: 'bob@example.test', domain: 'example.test', ip: '127.0.0.2',
    error: '554 5.7.1 Client host [127.0.0.2] blocked using zen.example.test', sentToday: 10,
    bounceFile: join(SHARED, 'corpus', 'bounces', 'sisimai', 'eml', 'lhost-postfix-04.eml'), logFile: env.maillog,
    incoming: { host: 'mail.example.test', port: env.imaps, security: 'tls' as const, user: 'bob@example.test', password: env.users['bob@example.test']! },
  };
  const servers: Record<string, { host: string; port: number; security: 'tls' | 'starttls' | 'none'; protocol?: 'smtp' | 'imap' | 'pop3' }> = {
    'client-send': { host: 'mail.example.test', port: env.submission, security: 'starttls' },
    'client-receive': { host: 'mail.example.test', port: env.imaps, security: 'tls', protocol: 'imap' },
    webmail: { host: 'mail.example.test', port: env.imaps, security: 'tls', protocol: 'imap' },
    'vps-receive': { host: 'mail.example.test', port: env.smtp, security: 'none' },
  };
  await Promise.all(DOCTOR_CASES.map((c) => runDoctor(c.id, { case: c.id, ...answers, ...(servers[c.id] ? { server: servers[c.id] } : {}) }, { deps })));
  assertLoopbackOnly('the doctor');
});

let app: MailmedicServer;
test('the web API (domain, settings with guesses, a server test by host name, the doctor) stays on loopback', async () => {
  destinations.length = 0;
  app = await startTestServer({ dnsblLists: [customDnsblList('zen.example.test')], timeoutMs: 10_000 });
  try {
    const calls: [string, unknown][] = [
      ['/api/domain', { domain: 'example.test' }],
      ['/api/domain', { domain: 'nowhere-at-all.test' }],
      ['/api/settings', { address: 'someone@nowhere-at-all.test' }],
      ['/api/settings', { address: 'alice@example.test' }],
      ['/api/probe', { protocol: 'smtp', host: 'mail.example.test', port: env.smtp, security: 'none' }],
      ['/api/doctor', { case: 'vps-send', answers: { from: 'alice@example.test', ip: '127.0.0.2', to: 'bob@example.test' } }],
    ];
    for (const [path, body] of calls) {
      const r = await postJson(app.url + path, body);
      assert.equal(r.status, 200, `${path} ${r.text.slice(0, 200)}`);
    }
  } finally {
    await app.close();
  }
  assertLoopbackOnly('the web app');
});
