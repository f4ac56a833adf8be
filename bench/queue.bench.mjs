#!/usr/bin/env node
// Queue reader benchmark: a `postqueue -j` dump of 100,000 messages (and one of 400,000, for memory in size),
// real-shaped — the reasons, senders and destinations of the real Postfix queue in test/queue/fixtures/, a burst
// from one sender, bounces, held mail — summarised by `mailmedic queue FILE --json` (wall time, MB/s, peak RSS),
// side by side with jq grouping the same file by delay reason (`jq -c` over every line: the least a reader of this
// JSON must do). Both sides take turns, 3 pairs; medians reported. Env: QUEUE_BENCH_MESSAGES (default 100000).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'bin', 'mailmedic.js');
const n = Number(process.env.QUEUE_BENCH_MESSAGES ?? 100000);
const tmp = mkdtempSync(join(tmpdir(), 'mm-queue-bench-'));
const real = readFileSync(join(root, 'test', 'queue', 'fixtures', 'postfix-postqueue-j.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const reasons = [...new Set(real.flatMap((m) => m.recipients.map((r) => r.delay_reason)).filter(Boolean))].concat([
  'host mx.example.net[192.0.2.7] said: 451 4.7.1 Greylisting in action, please come back later (in reply to RCPT TO command)',
  'host gmail-smtp-in.l.google.com[142.250.102.26] said: 421-4.7.0 [198.51.100.4] Our system has detected an unusual rate of unsolicited mail originating from your IP address. (in reply to end of DATA command)',
  'Host or domain name not found. Name service error for name=nosuch.example type=MX: Host not found, try again',
  'connect to mx.example.org[203.0.113.5]:25: Connection timed out',
  'host mail.example.com[192.0.2.9] said: 452 4.2.2 <x@example.com>: Recipient address rejected: Mailbox full (in reply to RCPT TO command)',
]);
const domains = Array.from({ length: 300 }, (_, i) => `d${i}.example`);

async function write(file, count) {
  const out = createWriteStream(file);
  const t0 = 1796400000;
  let x = 7;
  const rnd = (k) => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 8) % k;
  for (let i = 0; i < count; i++) {
    const burst = i % 5 === 0;
    const bounce = i % 23 === 0;
    const recipients = Array.from({ length: 1 + (i % 7 === 0 ? rnd(4) : 0) }, () => ({ address: `u${rnd(5000)}@${domains[rnd(domains.length)]}`, delay_reason: reasons[rnd(reasons.length)] }));
    const m = { queue_name: i % 997 === 0 ? 'hold' : i % 50 === 0 ? 'active' : 'deferred', queue_id: (0x100000000 + i).toString(16).toUpperCase(), arrival_time: t0 - rnd(6 * 86400),
      message_size: 800 + rnd(60000), forced_expire: false, sender: bounce ? 'MAILER-DAEMON' : burst ? 'newsletter@shop.example' : `user${rnd(2000)}@customer.example`, recipients };
    if (!out.write(JSON.stringify(m) + '\n')) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

const time = (cmd, args) => {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 1024 * 1024 * 1024, stdio: ['ignore', 'ignore', 'pipe'] });
  const [wall, kb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { wall, rssMb: kb / 1024, status: r.status };
};
const median = (a) => { const b = [...a].sort((p, q) => p - q); return b[Math.floor(b.length / 2)]; };

console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), node ${process.version}`);
for (const count of [n, n * 4]) {
  const file = join(tmp, `q${count}.jsonl`);
  await write(file, count);
  const mb = statSync(file).size / 1048576;
  readFileSync(file); // warm the page cache for both sides
  const mm = [];
  const jq = [];
  for (let p = 0; p < (count === n ? 3 : 1); p++) {
    mm.push(time(process.execPath, [cli, 'queue', file, '--json', '--output', join(tmp, 'out.json')]));
    if (count === n) jq.push(time('jq', ['-c', '[.recipients[].delay_reason] | unique', file]));
  }
  const m = median(mm.map((r) => r.wall));
  const rss = Math.max(...mm.map((r) => r.rssMb));
  let line = `${count} messages, ${mb.toFixed(1)} MB: mailmedic queue ${m.toFixed(2)} s wall (${(mb / m).toFixed(0)} MB/s), peak RSS ${rss.toFixed(0)} MB`;
  if (jq.length) {
    const j = median(jq.map((r) => r.wall));
    line += `; jq ${j.toFixed(2)} s wall; ratio mailmedic ÷ jq speed ${(j / m).toFixed(2)}× (median of ${mm.length} alternating runs)`;
  }
  console.log(line);
  const out = JSON.parse(readFileSync(join(tmp, 'out.json'), 'utf8'));
  console.log(`  report: ${out.data.messages} messages, ${out.data.recipients} recipients, ${out.data.reasons.length} reasons, alarms: ${out.findings.filter((f) => f.status === 'warn').map((f) => f.check).join(', ')}`);
  rmSync(file);
}
rmSync(tmp, { recursive: true, force: true });
