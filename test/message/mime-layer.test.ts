// message reads MIME parts through the same layer as bounce (src/mime): encoded attachment names, base64 HTML,
// 8-bit UTF-8 text and a base64-wrapped quoted original come out the same whichever capability asks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeContent } from '../../src/message/content.js';
import { parseHeaderBlock } from '../../src/mime/header-fields.js';
import { extractQuotedMessage } from '../../src/message/mime.js';
import { parseMime, partText, walkParts } from '../../src/mime/parse.js';

const html = Buffer.from('<p>Zażółć <img src="x.png"> <a href="http://192.0.2.7/login">tu</a></p>').toString('base64');
const original = 'From: a@example.test\r\nTo: b@example.test\r\nSubject: Faktura\r\n\r\nTreść oryginału\r\n';
const message = [
  'From: shop@example.test', 'Subject: =?UTF-8?Q?Zam=C3=B3wienie?=', 'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b1"', '', 'preamble',
  '--b1', 'Content-Type: multipart/alternative; boundary=b2', '',
  '--b2', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', 'Zażółć gęślą jaźń — treść', '',
  '--b2', 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '', html, '--b2--', '',
  '--b1', 'Content-Type: application/pdf; name="=?UTF-8?Q?faktura_=C5=BC.pdf?="', 'Content-Disposition: attachment', 'Content-Transfer-Encoding: base64', '', 'JVBERi0=', '',
  '--b1', 'Content-Type: message/rfc822', 'Content-Transfer-Encoding: base64', '', Buffer.from(original).toString('base64'), '--b1--', '',
].join('\r\n');

test('content checks read parts through the shared MIME layer', () => {
  const p = parseHeaderBlock(message);
  const c = analyzeContent(p.fields, p.body);
  assert.equal(c.hasText, true);
  assert.equal(c.hasHtml, true);
  assert.equal(c.images, 1);
  assert.deepEqual(c.ipLinks, ['192.0.2.7']);
  assert.deepEqual(c.attachments, ['faktura ż.pdf']);
  assert.equal(c.textChars, 'Zażółć gęślą jaźń — treść'.length, 'the 8-bit UTF-8 text is counted in characters, not bytes');
  // The same parts as bounce's reader sees them in the raw bytes.
  const viaLayer = [...walkParts(parseMime(Buffer.from(message)))].filter((x) => x.parent !== 'message');
  assert.equal(c.parts, viaLayer.length);
  assert.equal(partText(viaLayer.find((x) => x.contentType === 'text/plain')!).trim(), 'Zażółć gęślą jaźń — treść');
});

test('the quoted original comes out undone from base64, in UTF-8', () => {
  const p = parseHeaderBlock(message);
  assert.equal(extractQuotedMessage(p.fields, p.body), original);
  // A headers-only part in quoted-printable is undone too.
  const dsn = ['Content-Type: multipart/report; report-type=delivery-status; boundary=r', '', '--r', 'Content-Type: text/plain', '', 'failed', '--r',
    'Content-Type: text/rfc822-headers', 'Content-Transfer-Encoding: quoted-printable', '', 'Subject: Zam=C3=B3wienie', '--r--', ''].join('\n');
  const q = parseHeaderBlock(dsn);
  assert.equal(extractQuotedMessage(q.fields, q.body)?.trim(), 'Subject: Zamówienie');
  const plain = parseHeaderBlock('Subject: x\n\nno parts here\n');
  assert.equal(extractQuotedMessage(plain.fields, plain.body), undefined);
});
