#!/usr/bin/env node
// A realistic Postfix log for benchmarks, deterministic for a seed:
//   node scripts/gen-postfix-log.mjs --size 1G --seed 42 --out /tmp/maillog-1g
// Mix: inbound SMTP (delivered locally, some unknown users), authenticated submission relayed to remote
// providers (greylisting and timeouts deferred then retried, some bounced by block lists / unknown users, DSNs),
// local pickup (cron), NOQUEUE rejects (relay denied, RBL, HELO, unknown user), postscreen, SASL password
// guessing bursts, TLS, warnings, anvil statistics — interleaved in time order as a busy server writes them.
//   --shape real   the shape of a production filtering server instead (issue 13): RFC 3339 stamps with
//                  microseconds and a +01:00 offset, postscreen in front of smtpd (CONNECT/PASS/DNSBL, dnsblog
//                  hits), amavisd-new as content filter on every message (the hop to 127.0.0.1:10024, the
//                  re-injected leg from 127.0.0.1:10025 with the same Message-ID, amavis' verdict line, spam
//                  discarded and quarantined), opendkim signing what users send.
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
const REAL = args.shape === 'real';
let stampSec = -1, stampStr = '';
const p2 = (n) => (n < 10 ? '0' + n : '' + n);
const stamp = (ms) => {
  const s = Math.floor(ms / 1000);
  if (s !== stampSec) {
    stampSec = s;
    const d = new Date(s * 1000);
    stampStr = REAL
      ? `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}T${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`
      : `${MON[d.getMonth()]} ${String(d.getDate()).padStart(2, ' ')} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
  }
  // rsyslog's RSYSLOG_FileFormat: microseconds and the writer's offset (this log was written at +01:00)
  return REAL ? `${stampStr}.${String(Math.floor((ms % 1000) * 1000 + (ms * 7919) % 1000)).padStart(6, '0')}+01:00` : stampStr;
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
const A = (t, p, text) => push(t, `${HOST} amavis[${p}]: ${text}`);
const amavisPids = Array.from({ length: 6 }, () => pid());
const dkimPid = pid();
let amavisTask = 0;

/**
 * --shape real: the message q (its client, sender, size) goes through amavis: the hop to 10024, amavis' verdict,
 * the re-injected leg from 127.0.0.1:10025 delivered by deliver(childQid, at), the parent removed. Returns when it ends.
 */
function throughAmavis(u, q, mid, from, rcpts, size, client, clientIp, bank, deliver) {
  const ap = pick(amavisPids), task = `(${String(ap).padStart(5, '0')}-${String(++amavisTask % 100).padStart(2, '0')})`;
  const at = u + int(150, 900);
  const spam = bank === 'RelayedInbound' && rnd() < 0.04;
  const hits = spam ? (8 + rnd() * 20).toFixed(3) : (-2 + rnd() * 4).toFixed(3);
  const to = rcpts.map((r) => `<${r}>`).join(',');
  const mailId = Math.floor(rnd() * 2 ** 48).toString(36).padStart(10, 'x');
  if (spam) {
    A(at, ap, `${task} Blocked SPAM {DiscardedInbound,Quarantined}, [${clientIp}]:${int(1025, 65000)} [${clientIp}] <${from}> -> ${to}, quarantine: spam-${mailId}.gz, Queue-ID: ${q}, Message-ID: <${mid}>, mail_id: ${mailId}, Hits: ${hits}, size: ${size}, ${int(200, 2000)} ms`);
    for (const r of rcpts) L(at + 2, 'smtp', pid(), `${q}: to=<${r}>, relay=127.0.0.1[127.0.0.1]:10024, delay=${d2((at - u) / 1000 + 0.4)}, delays=0.02/0/0/${d2((at - u) / 1000)}, dsn=2.7.0, status=sent (250 2.7.0 Ok, discarded, id=${task.slice(1, -1)} - spam)`);
    L(at + 4, 'qmgr', qmgrPid, `${q}: removed`);
    return at + 4;
  }
  const c = qid(), rp = pid();
  L(at - 30, 'smtpd', rp, `connect from localhost[127.0.0.1]`);
  L(at - 25, 'smtpd', rp, `${c}: client=localhost[127.0.0.1]`);
  L(at - 20, 'cleanup', pid(), `${c}: message-id=<${mid}>`);
  L(at - 15, 'qmgr', qmgrPid, `${c}: from=<${from}>, size=${size + int(300, 700)}, nrcpt=${rcpts.length} (queue active)`);
  L(at - 10, 'smtpd', rp, `disconnect from localhost[127.0.0.1] ehlo=1 mail=1 rcpt=${rcpts.length} data=1 quit=1 commands=${4 + rcpts.length}`);
  A(at, ap, `${task} Passed CLEAN {${bank}}, ${bank === 'RelayedInbound' ? `[${clientIp}]:${int(1025, 65000)} [${clientIp}]` : `MYNETS LOCAL [${clientIp}]:${int(1025, 65000)}`} <${from}> -> ${to}, Queue-ID: ${q}, Message-ID: <${mid}>, mail_id: ${mailId}, Hits: ${hits}, size: ${size}, queued_as: ${c}, ${int(200, 2000)} ms`);
  for (const r of rcpts) L(at + 2, 'smtp', pid(), `${q}: to=<${r}>, relay=127.0.0.1[127.0.0.1]:10024, delay=${d2((at - u) / 1000 + 0.4)}, delays=0.02/0/0/${d2((at - u) / 1000)}, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as ${c})`);
  L(at + 4, 'qmgr', qmgrPid, `${q}: removed`);
  void client;
  return deliver(c, at);
}
const d2 = (v) => (v < 10 ? v.toFixed(2).replace(/\.?0+$/, '') || '0' : v.toFixed(1).replace(/\.0$/, ''));

// --- message scenarios ---
function inbound(t) {
  const c = pick(clientHosts), p = pid(), q = qid();
  const rc = rnd() < 0.9 ? 1 : int(2, 4);
  const rcpts = Array.from({ length: rc }, () => pick(users));
  const from = remoteAddr().addr;
  const size = int(900, rnd() < 0.95 ? 60000 : 4000000);
  if (REAL) { // postscreen answers first, then hands the connection to smtpd
    const ps = pid(), port = int(1025, 65000);
    L(t - 30, 'postscreen', ps, `CONNECT from [${c.ip}]:${port} to [192.0.2.10]:25`);
    if (rnd() < 0.1) { L(t - 25, 'dnsblog', pid(), `addr ${c.ip} listed by domain list.dnswl.org as 127.0.15.0`); L(t - 20, 'postscreen', ps, `PASS NEW [${c.ip}]:${port}`); }
    else L(t - 20, 'postscreen', ps, `PASS OLD [${c.ip}]:${port}`);
  }
  L(t, 'smtpd', p, `connect from ${c.name}[${c.ip}]`);
  let u = t + int(20, 300);
  if (rnd() < 0.6) L(u, 'smtpd', p, `Anonymous TLS connection established from ${c.name}[${c.ip}]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256`);
  u += int(50, 600);
  L(u, 'smtpd', p, `${q}: client=${c.name}[${c.ip}]`);
  const cp = pid(), mid = msgid(u, q);
  L(u + int(5, 80), 'cleanup', cp, `${q}: message-id=<${mid}>`);
  u += int(100, 900);
  L(u, 'qmgr', qmgrPid, `${q}: from=<${from}>, size=${size}, nrcpt=${rc} (queue active)`);
  L(u + int(5, 200), 'smtpd', p, `disconnect from ${c.name}[${c.ip}] ehlo=1 mail=1 rcpt=${rc} data=1 quit=1 commands=${4 + rc}`);
  if (REAL) { throughAmavis(u, q, mid, from, rcpts, size, c.name, c.ip, 'RelayedInbound', (cq, at) => deliverLocal(cq, rcpts, at, u)); return; }
  deliverLocal(q, rcpts, u, u);
}

/** Deliveries of q to local mailboxes from time u (the message arrived at t0), then q removed. */
function deliverLocal(q, rcpts, u, t0) {
  void t0;
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
  return end;
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
  const mid = msgid(u, q);
  L(u + int(5, 80), 'cleanup', pid(), `${q}: message-id=<${mid}>`);
  u += int(100, 900);
  L(u, 'qmgr', qmgrPid, `${q}: from=<${user}>, size=${size}, nrcpt=${rc} (queue active)`);
  if (!fromLocal) L(u + int(5, 200), 'submission/smtpd', p, `disconnect from unknown[${clientIp}] ehlo=2 starttls=1 auth=1 mail=1 rcpt=${rc} data=1 quit=1 commands=${7 + rc}`);
  const deliverRemote = (q, u) => {
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
  return end;
  };
  if (REAL) {
    if (!fromLocal) push(u - int(20, 60), `${HOST} opendkim[${dkimPid}]: ${q}: DKIM-Signature field added (s=mail, d=${user.split('@')[1]})`);
    throughAmavis(u, q, mid, user, rcpts.map((x) => x.addr), size, 'unknown', fromLocal ? '127.0.0.1' : clientIp, 'RelayedOutbound', (cq, at) => deliverRemote(cq, at));
  } else deliverRemote(q, u);
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
