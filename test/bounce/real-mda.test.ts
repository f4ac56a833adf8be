import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseBounce } from '../../src/bounce/index.js';
import { scoreItems } from '../../src/bounce/corpus.js';
import { PROJECT_ROOT } from '../helpers/env.js';
import { loadRealMtaCorpus, realMtaReport } from './real-mta.js';

const DIR = join(PROJECT_ROOT, 'test', 'bounce', 'fixtures', 'real-mda');

// Notices written by a real delivery agent itself (scripts/gen-mda-rejections.sh runs Debian's dovecot-lda with the
// quota plugin and Pigeonhole Sieve): full mailboxes with default and custom quota messages as DSNs, the recipient's
// Sieve reject as an RFC 8098 MDN, and vacation auto-replies that must not count as failures. Every one read right.
test('real delivery-agent notices (Dovecot LDA, Sieve): quota DSNs, Sieve rejects as MDNs, vacation replies not bounces', () => {
  const items = loadRealMtaCorpus(DIR);
  const s = scoreItems(items);
  console.log(realMtaReport('delivery agent', items, s).join('\n'));
  assert.ok(items.length >= 9 && s.nonBounces >= 2, `${items.length} notices, ${s.nonBounces} non-bounces`);
  for (const k of ['recipients', 'precision', 'reason', 'hard', 'nonBounces'] as const) assert.equal(s.pct[k], 100, `${k}: ${s.pct[k]}%`);
});

// RFC 8098's read receipt, a message a person deleted unread, and a "not read" notice are dispositions, not failures.
test('MDNs that are not refusals: a read receipt, a manual deletion, a not-read notice are no bounce', () => {
  const mdn = (disposition: string, original: string[] = ['From: jan@sender.example', 'To: anna@mx.example.test', 'Subject: Hello', 'Message-ID: <1@sender.example>']) => [
    'From: Anna <anna@mx.example.test>', 'To: jan@sender.example', 'Subject: Read: Hello', 'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"', '',
    '--b', 'Content-Type: text/plain', '', 'The message sent on 5 Dec 2026 to anna@mx.example.test has been displayed.', '',
    '--b', 'Content-Type: message/disposition-notification', '', 'Reporting-UA: client.example.test; Thunderbird',
    'Final-Recipient: rfc822; anna@mx.example.test', 'Original-Message-ID: <1@sender.example>', `Disposition: ${disposition}`, '',
    ...(original.length ? ['--b', 'Content-Type: text/rfc822-headers', '', ...original, ''] : []), '--b--', ''].join('\r\n');
  const receiptAsked = ['From: jan@sender.example', 'To: anna@mx.example.test', 'Subject: Hello', 'Disposition-Notification-To: jan@sender.example'];
  for (const [d, original] of [['manual-action/MDN-sent-manually; displayed', undefined], ['automatic-action/MDN-sent-automatically; displayed', undefined],
    ['manual-action/MDN-sent-manually; deleted', undefined],
    // Exchange's "Not read: … was deleted without being read": automatic, deleted — but answering a receipt request
    ['automatic-action/MDN-sent-automatically; deleted', receiptAsked],
    // … or returning nothing of the message
    ['automatic-action/MDN-sent-automatically; deleted', []]] as const) {
    const r = parseBounce(mdn(d, original ? [...original] : undefined));
    assert.ok(!r.isBounce || r.recipients.every((x) => x.reason !== 'filtered'), `${d}: ${JSON.stringify(r.recipients.map((x) => x.reason))}`);
    assert.equal(r.isBounce, false, `${d} ${JSON.stringify(original)}`);
  }
  const refusal = parseBounce(mdn('automatic-action/MDN-sent-automatically; deleted'));
  assert.deepEqual(refusal.recipients.map((x) => [x.recipient, x.reason]), [['anna@mx.example.test', 'filtered']]);
});
