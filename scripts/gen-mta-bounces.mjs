#!/usr/bin/env node
// Rebuild the real-MTA bounce corpus (test/bounce/fixtures/real-mta/): run Exim, OpenSMTPD, Sendmail and Postfix
// side by side on loopback (testenv/mtas/, about two minutes, as root), make each fail in every case of
// testenv/mtas/send_cases.py against the fake remote of fake_remote.py, and keep the DSNs and delay warnings they
// send, their logs, and expected.tsv (the expected recipient and reason of each file, from
// testenv/mtas/expected-reasons.tsv — decided by the case, never by mailmedic's reader).
// Not part of `npm test`: the fixtures it writes are.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dest = join(root, 'test', 'bounce', 'fixtures', 'real-mta');
// --labels-only: rewrite expected.tsv from the kept index.json (after editing expected-reasons.tsv), no MTA run.
// --samples DIR: file the samples of an earlier run-all.sh (OUT=DIR) instead of running the MTAs again.
// PORT_BASE=41000 (see testenv/mtas/ports.sh) runs the instances on other ports when 40025-40425 are taken.
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
if (!process.argv.includes('--labels-only')) {
  let samples = arg('--samples');
  let out;
  if (!samples) {
    out = mkdtempSync(join(tmpdir(), 'mm-mta-bounces-'));
    samples = join(out, 'samples');
    const r = spawnSync('bash', [join(root, 'testenv', 'mtas', 'run-all.sh')], { stdio: 'inherit', env: { ...process.env, OUT: samples, MAX_WAIT: process.env.MAX_WAIT ?? '300' } });
    if (r.status !== 0) { console.error('run-all.sh failed'); process.exit(1); }
  }
  for (const mta of ['exim', 'opensmtpd', 'sendmail', 'postfix', 'haraka', 'dma', 'courier', 'logs']) {
    rmSync(join(dest, mta), { recursive: true, force: true });
    cpSync(join(samples, mta), join(dest, mta), { recursive: true });
  }
  for (const f of ['SUMMARY.md', 'index.json']) cpSync(join(samples, f), join(dest, f));
  if (out) rmSync(out, { recursive: true, force: true });
}
// Expected labels: one row per recipient that a notice reports (index.json lists them in the notice's own order), with
// the case's reason from expected-reasons.tsv; a recipient the case does not expect to fail (ok@) is an error.
const reasons = new Map();
for (const line of readFileSync(join(root, 'testenv', 'mtas', 'expected-reasons.tsv'), 'utf8').trim().split('\n').slice(1)) {
  // by_mta: "opensmtpd/final=expired …" where an MTA's notice cannot carry the case's cause (see the why column);
  // "delay=networkerror" (no MTA named): every MTA's delay warnings, which are labelled by the cause as said live.
  const [kase, recipient, reason, byMta, why] = line.split('\t');
  const over = Object.fromEntries((byMta ?? '').split(/\s+/).filter(Boolean).map((x) => x.split('=')));
  reasons.set(`${kase}\t${recipient.toLowerCase()}`, { reason, over, why: why ?? '' });
}
const HARD = new Set(['userunknown', 'hostunknown', 'hasmoved']);
const clean = (t) => t.replace(/[\t\n]+/g, ' ');
const rows = ['file\trecipient_index\trecipient\treason\thard\tkind\twhy'];
const index = JSON.parse(readFileSync(join(dest, 'index.json'), 'utf8'));
let problems = 0;
for (const e of index) {
  if (e.kind === 'other') continue;
  const listed = e.recipients ?? [];
  if (!listed.length) { console.error(`${e.file}: names no recipient`); problems++; }
  listed.forEach((r, i) => {
    const w = reasons.get(`${e.case}\t${r.address}`);
    if (!w) { console.error(`${e.file}: lists ${r.address}, which case ${e.case} does not expect to fail`); problems++; return; }
    const key = [`${e.mta}/${r.kind}`, r.kind].find((k) => w.over[k]);
    const reason = key ? w.over[key] : w.reason;
    const why = key ? `${w.why} — ${e.mta}'s ${r.kind} notice: ${reason}` : w.why;
    rows.push([e.file, i + 1, r.address, reason, HARD.has(reason) || (reason === 'notaccept' && r.kind === 'final'), r.kind, clean(why)].join('\t'));
  });
}
if (problems) { console.error(`${problems} problem(s): expected.tsv not written`); process.exit(1); }
writeFileSync(join(dest, 'expected.tsv'), rows.join('\n') + '\n');
console.log(`${rows.length - 1} expected recipients in ${index.length} messages written to ${dest}`);
