#!/usr/bin/env node
// A realistic Postfix log for benchmarks, deterministic for a seed:
//   node scripts/gen-postfix-log.mjs --size 1G --seed 42 --out /tmp/maillog-1g
// Mix: inbound SMTP (delivered locally, some unknown users), authenticated submission relayed to remote
// providers (greylisting and timeouts deferred then retried, some bounced by block lists / unknown users, DSNs),
// local pickup (cron), NOQUEUE rejects (relay denied, RBL, HELO, unknown user), postscreen, SASL password
// guessing bursts, TLS, warnings, anvil statistics — interleaved in time order as a busy server writes them.
import { createWriteStream } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((a, v, i, arr) => (v.startsWith('--') ? [...a, [v.slice(2), arr[i + 1]]] : a), []));
const parseSize = (s) => { const m = /^(\d+(?:\.\d+)?)([KMG]?)$/i.exec(s ?? '100M'); return Math.floor(Number(m[1]) * { '': 1, K: 1e3, M: 1e6, G: 1e9 }[m[2].toUpperCase()]); };
const TARGET = parseSize(args.size);
const out = args.out ? createWriteStream(args.out) : process.stdout;
let seed = Number(args.seed ?? 42) >>> 0;
const rnd = () => { // mulberry32
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];
const int = (a, b) => a + Math.floor(rnd() * (b - a + 1));
const HOST = 'mx1';
const START = new Date(Number(args.year ?? 2026), 2, 1, 0, 0, 0).getTime();
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
let stampSec = -1, stampStr = '';
const stamp = (ms) => {
  const s = Math.floor(ms / 1000);
  if (s !== stampSec) {
    stampSec = s;
    const d = new Date(s * 1000);
    const p = (n) => (n < 10 ? '0' + n : '' + n);
    stampStr = `${MON[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
  }
  return stampStr;
};

// --- a small world ---
const LOCAL_DOMAINS = ['example.pl', 'sklep-kowalski.pl', 'biuro.com.pl', 'fotonowak.eu'];
const FIRST = ['jan', 'anna', 'piotr', 'kasia', 'tomek', 'ola', 'marek', 'ewa', 'biuro', 'info', 'sklep', 'kontakt', 'faktury', 'admin', 'marta', 'pawel', 'zosia', 'krzysztof', 'agnieszka', 'michal'];
const REMOTE = [
  { dom: 'gmail.com', mx: 'gmail-smtp-in.l.google.com', ip: '142.250.27.26' },
  { dom: 'wp.pl', mx: 'mx.wp.pl', ip: '212.77.101.1' },
  { dom: 'onet.pl', mx: 'mx.poczta.onet.pl', ip: '213.180.147.146' },
  { dom: 'o2.pl', mx: 'mx.o2.pl', ip: '193.17.41.99' },
  { dom: 'interia.pl', mx: 'mx.interia.pl', ip: '217.74.65.23' },
  { dom: 'outlook.com', mx: 'outlook-com.olc.protection.outlook.com', ip: '52.101.68.18' },
  { dom: 'yahoo.com', mx: 'mta7.am0.yahoodns.net', ip: '67.195.204.72' },
  { dom: 'firma-abc.pl', mx: 'mail.firma-abc.pl', ip: '91.185.184.10' },
];
// correspondents: a few thousand addresses, some far more often than others (as on a real server)
const POOL = Array.from({ length: 30000 }, (_, i) => { const r = REMOTE[i % REMOTE.length]; return { addr: `${FIRST[i % FIRST.length]}.${FIRST[(i * 7) % FIRST.length]}${i}@${r.dom}`, r }; });
const zipf = (n) => Math.min(n - 1, Math.floor(Math.pow(rnd(), 3) * n));
const users = [];
for (let i = 0; i < 400; i++) users.push(`${pick(FIRST)}${i % 7 ? i : ''}@${pick(LOCAL_DOMAINS)}`);
const remoteAddr = () => POOL[zipf(POOL.length)];
const clientHosts = [];
for (let i = 0; i < 300; i++) {
  const ip = `${int(11, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  clientHosts.push({ name: rnd() < 0.3 ? 'unknown' : `mail${i}.${pick(['hosting.pl', 'example.net', 'serwer.eu', 'mx.pl'])}`, ip });
}
const SUBMIT_IPS = Array.from({ length: 3000 }, () => `${int(31, 200)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`);
const badIps = Array.from({ length: 40 }, () => `${int(45, 200)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`);
let qn = int(0x100000, 0x200000);
const qid = () => ((qn += int(1, 50)) * 16 + int(0, 15)).toString(16).toUpperCase().padStart(10, '0').slice(-10);
const pid = () => int(1000, 65000);
const qmgrPid = pid();
const msgid = (ms, q) => `${new Date(ms).toISOString().replace(/\D/g, '').slice(0, 14)}.${q}@${pick(LOCAL_DOMAINS)}`;

// --- a time-ordered queue of lines (binary heap on time) ---
const heap = [];
let seq = 0;
const push = (t, text) => {
  const n = { t, s: seq++, text };
  heap.push(n);
  let i = heap.length - 1;
  while (i > 0) { const p = (i - 1) >> 1; if (less(heap[p], n)) break; heap[i] = heap[p]; i = p; }
  heap[i] = n;
};
const less = (a, b) => a.t < b.t || (a.t === b.t && a.s < b.s);
const pop = () => {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length) {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      const cand = (k) => k < heap.length && less(heap[k], m === i ? last : heap[m]);
      if (cand(l)) m = l;
      if (cand(r)) m = r;
      if (m === i) break;
      heap[i] = heap[m];
      i = m;
    }
    heap[i] = last;
  }
  return top;
};
const L = (t, prog, p, text) => push(t, `${HOST} postfix/${prog}[${p}]: ${text}`);
const d2 = (v) => (v < 10 ? v.toFixed(2).replace(/\.?0+$/, '') || '0' : v.toFixed(1).replace(/\.0$/, ''));

// --- message scenarios ---
function inbound(t) {
  const c = pick(clientHosts), p = pid(), q = qid();
  const rc = rnd() < 0.9 ? 1 : int(2, 4);
  const rcpts = Array.from({ length: rc }, () => pick(users));
  const from = remoteAddr().addr;
  const size = int(900, rnd() < 0.95 ? 60000 : 4000000);
  L(t, 'smtpd', p, `connect from ${c.name}[${c.ip}]`);
  let u = t + int(20, 300);
  if (rnd() < 0.6) L(u, 'smtpd', p, `Anonymous TLS connection established from ${c.name}[${c.ip}]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`);
  u += int(50, 600);
  L(u, 'smtpd', p, `${q}: client=${c.name}[${c.ip}]`);
  const cp = pid();
  L(u + int(5, 80), 'cleanup', cp, `${q}: message-id=<${msgid(u, q)}>`);
  u += int(100, 900);
  L(u, 'qmgr', qmgrPid, `${q}: from=<${from}>, size=${size}, nrcpt=${rc} (queue active)`);
  L(u + int(5, 200), 'smtpd', p, `disconnect from ${c.name}[${c.ip}] ehlo=1 mail=1 rcpt=${rc} data=1 quit=1 commands=${4 + rc}`);
  let end = u;
  for (const r of rcpts) {
    const dt = int(10, 400);
    const svc = rnd() < 0.7 ? 'virtual' : rnd() < 0.5 ? 'lmtp' : 'local';
    const a = (rnd() * 0.2), b = rnd() * 0.05, dly = (dt / 1000 + a + b);
    if (rnd() < 0.01) L(u + dt, svc, pid(), `${q}: to=<${r}>, relay=${svc === 'lmtp' ? 'mail.example.pl[private/dovecot-lmtp]' : svc}, delay=${d2(dly)}, delays=${d2(a)}/${d2(b)}/0/${d2(dt / 1000)}, dsn=5.2.2, status=bounced (maildir delivery failed: Disk quota exceeded)`);
    else L(u + dt, svc, pid(), `${q}: to=<${r}>, relay=${svc === 'lmtp' ? 'mail.example.pl[private/dovecot-lmtp]' : svc}, delay=${d2(dly)}, delays=${d2(a)}/${d2(b)}/0/${d2(dt / 1000)}, dsn=2.0.0, status=sent (${svc === 'lmtp' ? `250 2.0.0 <${r}> Saved` : svc === 'virtual' ? 'delivered to maildir' : 'delivered to mailbox'})`);
    end = Math.max(end, u + dt);
  }
  L(end + int(1, 20), 'qmgr', qmgrPid, `${q}: removed`);
}

const DEFER = [
  (r) => `host ${r.mx}[${r.ip}] said: 450 4.7.1 <x>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/${r.dom}.html (in reply to RCPT TO command)`,
  (r) => `connect to ${r.mx}[${r.ip}]:25: Connection timed out`,
  (r) => `host ${r.mx}[${r.ip}] said: 421 4.7.0 Try again later, closing connection. (in reply to MAIL FROM command)`,
  (r) => `host ${r.mx}[${r.ip}] said: 452 4.2.2 The email account that you tried to reach is over quota (in reply to RCPT TO command)`,
];
const BOUNCE = [
  (r, a) => `host ${r.mx}[${r.ip}] said: 550 5.1.1 <${a}>: Recipient address rejected: User unknown (in reply to RCPT TO command)`,
  (r) => `host ${r.mx}[${r.ip}] said: 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org (in reply to RCPT TO command)`,
  (r) => `host ${r.mx}[${r.ip}] said: 552 5.3.4 Message size exceeds fixed limit (in reply to end of DATA command)`,
];

function outbound(t, fromLocal = false) {
  const p = pid(), q = qid();
  const user = pick(users);
  const rc = rnd() < 0.85 ? 1 : int(2, 3);
  const rcpts = Array.from({ length: rc }, () => remoteAddr());
  const size = int(1200, rnd() < 0.9 ? 80000 : 8000000);
  let u = t;
  const clientIp = SUBMIT_IPS[zipf(SUBMIT_IPS.length)]; // people send from home, office and phone: a few IPs each
  if (fromLocal) {
    L(u, 'pickup', pid(), `${q}: uid=${int(1000, 1100)} from=<${user}>`);
  } else {
    L(u, 'submission/smtpd', p, `connect from unknown[${clientIp}]`);
    L(u + int(20, 100), 'submission/smtpd', p, `Anonymous TLS connection established from unknown[${clientIp}]: TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`);
    u += int(200, 900);
    L(u, 'submission/smtpd', p, `${q}: client=unknown[${clientIp}], sasl_method=PLAIN, sasl_username=${user}`);
  }
  L(u + int(5, 80), 'cleanup', pid(), `${q}: message-id=<${msgid(u, q)}>`);
  u += int(100, 900);
  L(u, 'qmgr', qmgrPid, `${q}: from=<${user}>, size=${size}, nrcpt=${rc} (queue active)`);
  if (!fromLocal) L(u + int(5, 200), 'submission/smtpd', p, `disconnect from unknown[${clientIp}] ehlo=2 starttls=1 auth=1 mail=1 rcpt=${rc} data=1 quit=1 commands=${7 + rc}`);
  let end = u, bounced = false;
  for (const { addr, r } of rcpts) {
    let at = u + int(200, 3000);
    const x = rnd();
    const sp = pid();
    const first = at;
    const dl = (tt) => { const tot = (tt - u) / 1000 + 0.3; const c = rnd() * 0.3, tr = rnd() * 0.8; return `delay=${d2(tot)}, delays=${d2(0.1 + rnd() * 0.2)}/${d2(Math.max(0, tot - c - tr - 0.3))}/${d2(c)}/${d2(tr)}`; };
    if (x < 0.08) { // deferred, retried later
      const tries = int(1, 3);
      const reason = pick(DEFER);
      for (let i = 0; i < tries; i++) {
        L(at, 'smtp', sp, `${q}: to=<${addr}>, relay=${r.mx}[${r.ip}]:25, ${dl(at)}, dsn=4.${reason === DEFER[1] ? '4.1' : '7.1'}, status=deferred (${reason(r)})`);
        at += int(300, 3600) * 1000;
      }
      if (rnd() < 0.9) L(at, 'smtp', pid(), `${q}: to=<${addr}>, relay=${r.mx}[${r.ip}]:25, ${dl(at)}, dsn=2.0.0, status=sent (250 2.0.0 OK ${q.toLowerCase()} - gsmtp)`);
      else { const text = pick(BOUNCE)(r, addr); L(at, 'smtp', pid(), `${q}: to=<${addr}>, relay=${r.mx}[${r.ip}]:25, ${dl(at)}, dsn=${/ (5\.\d\.\d) /.exec(text)?.[1] ?? '5.0.0'}, status=bounced (${text})`); bounced = true; }
    } else if (x < 0.11) {
      const text = pick(BOUNCE)(r, addr);
      L(at, 'smtp', sp, `${q}: to=<${addr}>, relay=${r.mx}[${r.ip}]:25, ${dl(at)}, dsn=${/ (5\.\d\.\d) /.exec(text)?.[1] ?? '5.0.0'}, status=bounced (${text})`);
      bounced = true;
    } else {
      if (rnd() < 0.7) L(at - int(50, 150), 'smtp', sp, `Trusted TLS connection established to ${r.mx}[${r.ip}]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature ECDSA (P-256) server-digest SHA256`);
      L(at, 'smtp', sp, `${q}: to=<${addr}>, relay=${r.mx}[${r.ip}]:25, ${dl(at)}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${qid()})`);
    }
    void first;
    end = Math.max(end, at);
  }
  if (bounced) {
    const nq = qid();
    L(end + 5, 'bounce', pid(), `${q}: sender non-delivery notification: ${nq}`);
    L(end + 6, 'cleanup', pid(), `${nq}: message-id=<${msgid(end, nq)}>`);
    L(end + 8, 'qmgr', qmgrPid, `${nq}: from=<>, size=${int(2500, 6000)}, nrcpt=1 (queue active)`);
    L(end + 30, 'virtual', pid(), `${nq}: to=<${user}>, relay=virtual, delay=0.02, delays=0/0.01/0/0.01, dsn=2.0.0, status=sent (delivered to maildir)`);
    L(end + 32, 'qmgr', qmgrPid, `${nq}: removed`);
  }
  L(end + int(1, 30), 'qmgr', qmgrPid, `${q}: removed`);
}

const REJECTS = [
  (c, to, from) => `RCPT from ${c.name}[${c.ip}]: 554 5.7.1 <${to}>: Relay access denied; from=<${from}> to=<${to}> proto=ESMTP helo=<${c.name === 'unknown' ? 'WIN-' + int(1000, 9999) : c.name}>`,
  (c, to, from) => `RCPT from ${c.name}[${c.ip}]: 550 5.1.1 <${to}>: Recipient address rejected: User unknown in virtual mailbox table; from=<${from}> to=<${to}> proto=ESMTP helo=<${c.name}>`,
  (c, to, from) => `RCPT from ${c.name}[${c.ip}]: 554 5.7.1 Service unavailable; Client host [${c.ip}] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/${c.ip}; from=<${from}> to=<${to}> proto=ESMTP helo=<${c.name}>`,
  (c, to, from) => `RCPT from ${c.name}[${c.ip}]: 450 4.7.1 Client host rejected: cannot find your hostname, [${c.ip}]; from=<${from}> to=<${to}> proto=ESMTP helo=<localhost>`,
  (c, to, from) => `RCPT from ${c.name}[${c.ip}]: 504 5.5.2 <ylmf-pc>: Helo command rejected: need fully-qualified hostname; from=<${from}> to=<${to}> proto=SMTP helo=<ylmf-pc>`,
];
function rejected(t) {
  const c = rnd() < 0.5 ? { name: 'unknown', ip: pick(badIps) } : pick(clientHosts);
  const p = pid();
  L(t, 'smtpd', p, `connect from ${c.name}[${c.ip}]`);
  const to = rnd() < 0.5 ? pick(users) : remoteAddr().addr;
  L(t + int(100, 900), 'smtpd', p, `NOQUEUE: reject: ${pick(REJECTS)(c, to, remoteAddr().addr)}`);
  L(t + int(1000, 2000), 'smtpd', p, `disconnect from ${c.name}[${c.ip}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`);
}
function noise(t) {
  const x = rnd();
  if (x < 0.3) {
    const ip = pick(badIps), p = pid();
    L(t, 'postscreen', p, `CONNECT from [${ip}]:${int(1025, 65000)} to [192.0.2.10]:25`);
    if (rnd() < 0.5) L(t + 3, 'postscreen', p, `PASS OLD [${ip}]:${int(1025, 65000)}`);
    else L(t + 3, 'postscreen', p, `DNSBL rank ${int(2, 6)} for [${ip}]:${int(1025, 65000)}`);
  } else if (x < 0.5) { // SASL password guessing
    const ip = pick(badIps.slice(0, 5)), p = pid();
    L(t, 'smtps/smtpd', p, `connect from unknown[${ip}]`);
    const n = int(1, 4);
    for (let i = 0; i < n; i++) L(t + 1000 + i * 1500, 'smtps/smtpd', p, `warning: unknown[${ip}]: SASL LOGIN authentication failed: UGFzc3dvcmQ6`);
    L(t + 1000 + n * 1500 + 20, 'smtps/smtpd', p, `disconnect from unknown[${ip}] ehlo=1 auth=0/${n} quit=1 commands=2/${n + 2}`);
  } else if (x < 0.65) {
    const c = pick(clientHosts), p = pid();
    L(t, 'smtpd', p, `warning: hostname ${c.name === 'unknown' ? 'x' + c.ip.replace(/\./g, '-') + '.dyn.example.net' : c.name} does not resolve to address ${c.ip}: Name or service not known`);
  } else if (x < 0.75) {
    const c = pick(clientHosts), p = pid();
    L(t, 'smtpd', p, `connect from ${c.name}[${c.ip}]`);
    L(t + 400, 'smtpd', p, `SSL_accept error from ${c.name}[${c.ip}]: -1`);
    L(t + 401, 'smtpd', p, `warning: TLS library problem: error:0A000102:SSL routines::unsupported protocol:../ssl/statem/statem_srvr.c:1715:`);
    L(t + 402, 'smtpd', p, `lost connection after STARTTLS from ${c.name}[${c.ip}]`);
    L(t + 403, 'smtpd', p, `disconnect from ${c.name}[${c.ip}] ehlo=1 starttls=0/1 commands=1/2`);
  } else if (x < 0.85) {
    L(t, 'anvil', pid(), `statistics: max connection rate 3/60s for (smtp:${pick(badIps)}) at ${stamp(t)}`);
  } else {
    const c = pick(clientHosts), p = pid();
    L(t, 'smtpd', p, `connect from ${c.name}[${c.ip}]`);
    L(t + int(100, 20000), 'smtpd', p, `lost connection after ${pick(['EHLO', 'CONNECT', 'AUTH', 'RCPT'])} from ${c.name}[${c.ip}]`);
    L(t + int(20001, 21000), 'smtpd', p, `disconnect from ${c.name}[${c.ip}] ehlo=1 commands=1`);
  }
}

// --- main loop: arrivals with a daily rhythm; flush lines older than the horizon ---
let t = START, written = 0;
const chunks = [];
let chunkBytes = 0;
const HORIZON = 3 * 3600 * 1000 + 60_000; // deferred retries are at most ~3 h ahead
const flush = async (force) => {
  while (heap.length && (force || heap[0].t < t - HORIZON)) {
    const n = pop();
    const line = `${stamp(n.t)} ${n.text}\n`;
    chunks.push(line);
    chunkBytes += line.length;
    if (chunkBytes > 1 << 20) {
      const buf = chunks.join('');
      chunks.length = 0;
      written += chunkBytes;
      chunkBytes = 0;
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      if (written >= TARGET) return true;
    }
  }
  return false;
};
for (;;) {
  const hour = new Date(t).getHours();
  const rate = 0.3 + 0.7 * Math.max(0, Math.sin(((hour - 6) / 24) * 2 * Math.PI)); // busier by day
  t += Math.floor((-Math.log(1 - rnd()) * 260) / rate); // mean gap ~260 ms at peak
  const x = rnd();
  if (x < 0.45) inbound(t);
  else if (x < 0.68) outbound(t);
  else if (x < 0.71) outbound(t, true);
  else if (x < 0.84) rejected(t);
  else noise(t);
  if (heap.length > 20000 || (seq & 1023) === 0) if (await flush(false)) break;
}
if (written < TARGET) await flush(true);
if (chunks.length) out.write(chunks.join(''));
if (out !== process.stdout) out.end();
