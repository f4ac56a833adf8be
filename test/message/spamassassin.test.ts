// Real parts: a message delivered by the real Postfix, then scored by the real SpamAssassin (Debian package
// spamassassin, local tests only: -L, no network), then explained rule by rule by mailmedic.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { analyzeMessageOffline } from '../../src/message/index.js';
import { testEnv } from '../helpers/env.js';
import { deliveredText, swaks } from './mail.js';

const env = testEnv();
const hasSa = spawnSync('spamassassin', ['--version'], { encoding: 'utf8' }).status === 0;

async function deliverAndRead(data: string, token: string): Promise<string> {
  const df = join(mkdtempSync(join(tmpdir(), 'mm-sa-')), 'msg.eml');
  writeFileSync(df, data);
  await swaks(['--server', `127.0.0.1:${env.smtp}`, '--from', 'offers@shop.example', '--to', 'alice@example.test', '--data', `@${df}`, '--silent', '2']);
  return deliveredText(env, token);
}

/** The spammy message, delivered through the real Postfix, then scored by the real SpamAssassin with `cf`. */
async function deliverAndScore(cf: string[]): Promise<string> {
  const token = `mm-sa-${randomUUID()}`;
  const delivered = await deliverAndRead([
    'From: "service@bank.example" <offers@shop.example>', 'Reply-To: shop.offers@gmail.com', 'To: alice@example.test',
    'Subject: FREE MONEY WINNER CLAIM NOW', `X-MM-Token: ${token}`, 'MIME-Version: 1.0', 'Content-Type: text/html; charset=utf-8', '',
    '<html><body><a href="https://bit.ly/3abcDEF"><img src="https://cdn.shop.example/promo.jpg" width=600 height=800></a><p>Click <a href="http://203.0.113.77/login">here</a></p></body></html>', '',
  ].join('\r\n'), token);
  const home = mkdtempSync(join(tmpdir(), 'mm-sa-home-'));
  const sa = spawnSync('spamassassin', ['-L', '-p', join(home, 'user_prefs'), '--cf=use_bayes 0', '--cf=bayes_auto_learn 0', ...cf],
    { input: delivered, encoding: 'utf8', env: { ...process.env, HOME: home }, timeout: 60_000 });
  assert.equal(sa.status, 0, sa.stderr);
  return sa.stdout;
}

test('SpamAssassin\'s own verdict on a spammy message, read back: score, threshold, every rule with its points, explained', { skip: !hasSa && 'spamassassin is not installed (Debian package spamassassin)' }, async () => {
  const scored = await deliverAndScore(['--cf=report_safe 0', '--cf=add_header all Report _REPORT_']);
  const status = /^X-Spam-Status: (Yes|No), score=([\d.-]+) required=([\d.]+)/m.exec(scored)!;
  assert.ok(status, 'SpamAssassin added X-Spam-Status');

  const a = analyzeMessageOffline(scored);
  const v = a.spam.find((x) => x.filter === 'spamassassin')!;
  assert.equal(v.spam, status[1] === 'Yes');
  assert.equal(v.score, Number(status[2]));
  assert.equal(v.threshold, Number(status[3]));
  // Every rule SpamAssassin listed in tests= is there; the points of those in the report are read.
  const tests = /tests=([\s\S]*?)\s(?:autolearn|shortcircuit|version)=/.exec(scored)![1]!.split(/[\s,]+/).filter(Boolean);
  assert.deepEqual(v.rules.map((r) => r.name).filter((n) => tests.includes(n)).sort(), [...tests].sort());
  const reported = [...scored.matchAll(/^\s*\*\s+(-?[\d.]+) ([A-Z0-9_]+) /gm)];
  assert.ok(reported.length >= 3);
  for (const m of reported) assert.equal(v.rules.find((r) => r.name === m[2])?.score, Number(m[1]), m[2]);
  const sum = reported.reduce((n, m) => n + Number(m[1]), 0);
  assert.ok(Math.abs(sum - v.score!) < 0.2, `points add up: ${sum} vs ${v.score}`);
  // Explained from the table: nearly all, and the stock ones for sure.
  const known = v.rules.filter((r) => r.meaning).length / v.rules.length;
  assert.ok(known >= 0.8, `${Math.round(known * 100)} % of ${v.rules.length} rules explained`);
  for (const n of ['MISSING_MID', 'MISSING_DATE', 'SUBJ_ALL_CAPS', 'MIME_HTML_ONLY'].filter((x) => tests.includes(x))) {
    assert.ok(v.rules.find((r) => r.name === n)?.meaning, n);
  }
  // The verdict leads the report, with the causes the sender can fix.
  const why = a.findings[0]!;
  assert.equal(why.check, 'message.why-spam');
  if (v.spam) {
    assert.equal(why.status, 'warn');
    assert.match(why.summary.en, /Marked as spam by SpamAssassin/);
    assert.ok(a.whySpam.causes.length >= 3);
    assert.ok(why.advice!.some((t) => /shortener/i.test(t.en)), 'the URL shortener is named as fixable');
  }
  // The real Postfix hop is on top of the path.
  assert.equal(a.received.hops[a.received.hops.length - 1]!.by, 'mail.example.test');
});

test('SpamAssassin\'s default report_safe wrapper: the attached original is analysed, not called a bounce; the points come from the report', { skip: !hasSa && 'spamassassin is not installed (Debian package spamassassin)' }, async () => {
  const scored = await deliverAndScore(['--cf=report_safe 1', '--cf=required_score 3']);
  assert.match(scored, /^X-Spam-Flag: YES/m, 'marked spam, so wrapped');
  assert.match(scored, /message\/rfc822/);
  const a = analyzeMessageOffline(scored);
  assert.ok(a.findings.some((f) => f.check === 'message.spam-wrapper'));
  assert.ok(!a.findings.some((f) => f.check === 'message.bounce'), 'not a bounce');
  assert.equal(a.source, 'quoted');
  // The original's path: the real Postfix hop, not SpamAssassin's "with SpamAssassin" line.
  assert.equal(a.received.hops[a.received.hops.length - 1]!.by, 'mail.example.test');
  assert.equal(a.content.shorteners[0], 'bit.ly', 'the original body is read');
  const v = a.spam.find((x) => x.filter === 'spamassassin')!;
  assert.equal(v.spam, true);
  assert.ok(v.rules.filter((r) => r.score !== undefined).length >= 3, 'points read from the report table');
  assert.equal(a.whySpam.markedSpam, true);
});
