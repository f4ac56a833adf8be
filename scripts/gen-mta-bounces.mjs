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
if (!process.argv.includes('--labels-only')) {
  const out = mkdtempSync(join(tmpdir(), 'mm-mta-bounces-'));
  const r = spawnSync('bash', [join(root, 'testenv', 'mtas', 'run-all.sh')], { stdio: 'inherit', env: { ...process.env, OUT: join(out, 'samples'), MAX_WAIT: '300' } });
  if (r.status !== 0) { console.error('run-all.sh failed'); process.exit(1); }
  for (const mta of ['exim', 'opensmtpd', 'sendmail', 'postfix', 'logs']) {
    rmSync(join(dest, mta), { recursive: true, force: true });
    cpSync(join(out, 'samples', mta), join(dest, mta), { recursive: true });
  }
  for (const f of ['SUMMARY.md', 'index.json']) cpSync(join(out, 'samples', f), join(dest, f));
  rmSync(out, { recursive: true, force: true });
}
const reasons = new Map();
for (const line of readFileSync(join(root, 'testenv', 'mtas', 'expected-reasons.tsv'), 'utf8').trim().split('\n').slice(1)) {
  // by_mta: "opensmtpd/final=expired …" where an MTA's notice cannot carry the case's cause (see the why column).
  const [kase, recipient, reason, byMta] = line.split('\t');
  const over = Object.fromEntries((byMta ?? '').split(/\s+/).filter(Boolean).map((x) => x.split('=')));
  reasons.set(kase, [...(reasons.get(kase) ?? []), { recipient, reason, over }]);
}
const HARD = new Set(['userunknown', 'hostunknown', 'hasmoved']);
const rows = ['file\trecipient_index\trecipient\treason\thard\tkind'];
const index = JSON.parse(readFileSync(join(dest, 'index.json'), 'utf8'));
for (const e of index) {
  if (e.kind === 'other') continue;
  const want = reasons.get(e.case);
  if (!want) { console.error(`no expected reason for case ${e.case} (${e.file})`); process.exit(1); }
  want.forEach((w, i) => {
    const reason = w.over[`${e.mta}/${e.kind}`] ?? w.reason;
    rows.push([e.file, i + 1, w.recipient, reason, HARD.has(reason) || (reason === 'notaccept' && e.kind === 'final'), e.kind].join('\t'));
  });
}
writeFileSync(join(dest, 'expected.tsv'), rows.join('\n') + '\n');
console.log(`${rows.length - 1} expected recipients in ${index.length} messages written to ${dest}`);
