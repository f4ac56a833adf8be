// The parsers one by one, on header values as real servers write them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  analyzeMessageOffline, decodeEncodedWords, messageReport, parseAuthResults, parseMailDate, parseReceived,
} from '../../src/message/index.js';

test('Received: Postfix, Exim, Sendmail, Microsoft, Gmail, qmail and local hand-overs', () => {
  const postfix = parseReceived('from mail-out.sender.test (mail-out.sender.test [203.0.113.5])\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits))\n\t(No client certificate requested)\n\tby mx.example.test (Postfix) with ESMTPS id 4Nx1Y2Z3\n\tfor <alice@example.test>; Mon, 23 Nov 2026 10:00:00 +0100 (CET)');
  assert.equal(postfix.from, 'mail-out.sender.test');
  assert.equal(postfix.fromRdns, 'mail-out.sender.test');
  assert.equal(postfix.fromIp, '203.0.113.5');
  assert.equal(postfix.by, 'mx.example.test');
  assert.equal(postfix.protocol, 'ESMTPS');
  assert.equal(postfix.tls, true);
  assert.equal(postfix.id, '4Nx1Y2Z3');
  assert.equal(postfix.for, 'alice@example.test');
  assert.equal(postfix.time, '2026-11-23T09:00:00.000Z');

  const noPtr = parseReceived('from helo.name (unknown [198.51.100.9]) by mx.example.test (Postfix) with ESMTP id AB12; Mon, 23 Nov 2026 10:00:00 +0000');
  assert.ok(noPtr.flags.includes('no-ptr'));
  assert.equal(noPtr.tls, false);

  const exim = parseReceived('from [192.0.2.7] (helo=client.example)\n\tby smtp.example.org with esmtpsa  (TLS1.3) tls TLS_AES_256_GCM_SHA384\n\t(Exim 4.96)\n\t(envelope-from <bob@example.org>)\n\tid 1tAbCd-000123-Ef\n\tfor alice@example.test;\n\tMon, 23 Nov 2026 11:00:00 +0100');
  assert.equal(exim.fromIp, '192.0.2.7');
  assert.equal(exim.protocol, 'ESMTPSA');
  assert.equal(exim.tls, true);
  assert.equal(exim.authenticated, true);
  assert.equal(exim.time, '2026-11-23T10:00:00.000Z');

  const sendmail = parseReceived('from pc.example ([192.0.2.8] (may be forged)) by mail.example.net (8.15.2/8.15.2) with ESMTP id x1; Mon, 23 Nov 2026 10:00:00 -0500');
  assert.ok(sendmail.flags.includes('ptr-mismatch'));
  assert.equal(sendmail.time, '2026-11-23T15:00:00.000Z');

  const ms = parseReceived('from AM0PR02MB1234.eurprd02.prod.outlook.com (2603:10a6:208:1::12) by AM0PR02MB5678.eurprd02.prod.outlook.com (2603:10a6:208:2::34) with Microsoft SMTP Server (version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.7000.20; Mon, 23 Nov 2026 10:00:00 +0000');
  assert.equal(ms.fromIp, '2603:10a6:208:1::12');
  assert.equal(ms.with, 'Microsoft SMTP Server');
  assert.equal(ms.tls, true);
  assert.match(ms.tlsDetail!, /TLS1_2/);

  const gmail = parseReceived('by 2002:a05:6a10:a0d1:b0:5f1:1234:abcd with SMTP id k17csp123456pxb;\r\n        Mon, 23 Nov 2026 02:00:00 -0800 (PST)');
  assert.equal(gmail.by, '2002:a05:6a10:a0d1:b0:5f1:1234:abcd');
  assert.ok(gmail.flags.includes('no-from'));
  assert.equal(gmail.time, '2026-11-23T10:00:00.000Z');

  const qmail = parseReceived('(qmail 12345 invoked by uid 89); 23 Nov 2026 10:00:00 -0000');
  assert.equal(qmail.time, '2026-11-23T10:00:00.000Z');

  const lmtp = parseReceived('from mail.example.test by mail.example.test with LMTP id abc (envelope-from <a@b.test>) for <alice@example.test>; Mon, 23 Nov 2026 10:00:00 +0000');
  assert.equal(lmtp.local, true);
  assert.equal(lmtp.tls, undefined);

  const broken = parseReceived('from x by y; Tomorrow at noon');
  assert.ok(broken.flags.includes('unparseable-date'));
  assert.equal(broken.time, undefined);
});

test('dates in the broken formats seen in the wild are read or clearly refused', () => {
  const cases: [string, string | undefined, string[]][] = [
    ['Mon, 23 Nov 2026 10:00:00 +0000', '2026-11-23T10:00:00.000Z', []],
    ['23 Nov 2026 10:00:00 +0000', '2026-11-23T10:00:00.000Z', []],
    ['Mon, 23 Nov 26 10:00:00 +0000', '2026-11-23T10:00:00.000Z', ['two-digit-year']],
    ['Mon, 23 Nov 2026 10:00 GMT', '2026-11-23T10:00:00.000Z', []],
    ['Mon, 23 Nov 2026 10:00:00 EST', '2026-11-23T15:00:00.000Z', ['obsolete-zone']],
    ['Mon, 23 Nov 2026 10:00:00 CET', '2026-11-23T09:00:00.000Z', ['nonstandard-zone']],
    ['Mon, 23 Nov 2026 10:00:00', '2026-11-23T10:00:00.000Z', ['no-zone']],
    ['Mon, 23 Nov 2026 10:00:00 +05:30', '2026-11-23T04:30:00.000Z', ['not-rfc5322']],
    ['2026-11-23T10:00:00Z', '2026-11-23T10:00:00.000Z', ['not-rfc5322']],
    ['2026-11-23 11:00:00+01:00', '2026-11-23T10:00:00.000Z', ['not-rfc5322']],
    ['Mon Nov 23 10:00:00 2026', '2026-11-23T10:00:00.000Z', ['no-zone']],
    ['23.11.2026 10:00:00 +0100', '2026-11-23T09:00:00.000Z', ['not-rfc5322']],
    ['Tue, 23 Nov 2026 10:00:00 +0000', '2026-11-23T10:00:00.000Z', ['weekday-mismatch']],
    ['Mon, 23 Nov 2026 10:00:00 +0000 (UTC)', '2026-11-23T10:00:00.000Z', []],
    ['pon, 23 lis 2026 10:00:00 +0100', '2026-11-23T09:00:00.000Z', []],
    ['Mon, 31 Feb 2026 10:00:00 +0000', undefined, ['invalid-field']],
    ['Mon, 23 Nov 2026 25:61:00 +0000', undefined, ['invalid-field']],
    ['yesterday', undefined, ['unparseable']],
    ['', undefined, ['empty']],
    ['Mon, 23 Nov 2026 10:00:00 +9999', undefined, ['invalid-field']],
    ['0', undefined, ['unparseable']],
  ];
  for (const [input, iso, problems] of cases) {
    const d = parseMailDate(input);
    assert.equal(d.date?.toISOString(), iso, input);
    for (const p of problems) assert.ok(d.problems.includes(p as never), `${input}: ${p} in ${d.problems.join(',')}`);
  }
});

test('RFC 2047: good words decode, unknown charsets and broken bytes are reported, not guessed', () => {
  assert.equal(decodeEncodedWords('=?UTF-8?B?WmHFvMOzxYLEhyBnxJnFm2zEhSBqYcW6xYQ=?=').text, 'Zażółć gęślą jaźń');
  assert.equal(decodeEncodedWords('=?iso-8859-2?Q?Pozdrowienia_z_=A3odzi?= =?utf-8?Q?_i_Gda=C5=84ska?=').text, 'Pozdrowienia z Łodzi i Gdańska');
  const unknown = decodeEncodedWords('=?x-klingon?Q?tlhIngan?= Hol');
  assert.equal(unknown.problems[0]?.kind, 'unknown-charset');
  assert.match(unknown.text, /=\?x-klingon\?Q\?tlhIngan\?= Hol/);
  const badBytes = decodeEncodedWords('=?utf-8?B?/w==?=');
  assert.equal(badBytes.problems[0]?.kind, 'invalid-bytes');
  assert.equal(decodeEncodedWords('=?utf-8?B?!!!?=').problems[0]?.kind, 'bad-encoding');
});

test('Authentication-Results: RFC 8601 and Microsoft\'s layout', () => {
  const g = parseAuthResults('mx.google.com;\r\n       dkim=pass header.i=@sender.test header.s=s1 header.b=AbCd;\r\n       spf=pass (google.com: domain of bounce@mail.sender.test designates 203.0.113.5 as permitted sender) smtp.mailfrom=bounce@mail.sender.test;\r\n       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=sender.test');
  assert.equal(g.authservId, 'mx.google.com');
  assert.deepEqual(g.results.map((r) => `${r.method}=${r.result}`), ['dkim=pass', 'spf=pass', 'dmarc=pass']);
  assert.equal(g.results[1]!.props['smtp.mailfrom'], 'bounce@mail.sender.test');
  assert.match(g.results[2]!.comment!, /p=REJECT/);
  const m = parseAuthResults('spf=pass (sender IP is 104.47.124.246) smtp.helo=APC01-HK2-obe.outbound.protection.outlook.com; outlook.com; dkim=none (message not signed) header.d=none;outlook.com; dmarc=pass action=none header.from=outlook.com;compauth=pass reason=100');
  assert.deepEqual(m.results.map((r) => `${r.method}=${r.result}`), ['spf=pass', 'dkim=none', 'dmarc=pass', 'compauth=pass']);
  assert.equal(m.results[3]!.reason, '100');
});

const SPAM_MESSAGE = [
  'Return-Path: <bounce@bulk-mailer.example>',
  'Delivered-To: alice@example.test',
  'Received: from mx.example.test (localhost [127.0.0.1]) by mail.example.test with LMTP id 77; Mon, 23 Nov 2026 10:00:05 +0000',
  'X-Spam-Flag: YES',
  'X-Spam-Status: Yes, score=9.3 required=5.0 tests=BAYES_99,DKIM_SIGNED,',
  '\tHTML_IMAGE_ONLY_16,RDNS_NONE,SPF_SOFTFAIL,URIBL_BLACK,FREEMAIL_FORGED_REPLYTO',
  '\tautolearn=no autolearn_force=no version=4.0.0',
  'X-Spam-Report:',
  '\t*  3.5 BAYES_99 BODY: Bayes spam probability is 99 to 100%',
  '\t*  1.3 RDNS_NONE Delivered to internal network by a host with no rDNS',
  '\t*  0.7 SPF_SOFTFAIL SPF: sender does not match SPF record (softfail)',
  '\t*  1.7 URIBL_BLACK Contains an URL listed in the URIBL blacklist',
  '\t*  1.2 HTML_IMAGE_ONLY_16 BODY: HTML: images with 1200-1600 bytes of words',
  '\t*  0.1 DKIM_SIGNED Message has a DKIM or DK signature, not necessarily valid',
  '\t*  0.8 FREEMAIL_FORGED_REPLYTO Freemail in Reply-To, but not From',
  'X-Spamd-Result: default: True [12.40 / 15.00];',
  '\tR_SPF_SOFTFAIL(0.60)[~all];',
  '\tR_DKIM_ALLOW(-0.20)[bulk-mailer.example:s=k1];',
  '\tDMARC_POLICY_QUARANTINE(1.50)[shop.example : No valid SPF, No valid DKIM,quarantine];',
  '\tHFILTER_HOSTNAME_UNKNOWN(2.50)[];',
  '\tSOME_LOCAL_RULE(0.10)[];',
  'X-Rspamd-Action: add header',
  'X-Rspamd-Server: rspamd1',
  'X-MS-Exchange-Organization-SCL: 6',
  'X-Microsoft-Antispam: BCL:8;',
  'X-Microsoft-Antispam-Mailbox-Delivery: ucf:0;jmr:0;auth:0;dest:J;ENG:(910001)(944506478)',
  'X-Forefront-Antispam-Report: CIP:198.51.100.9;CTRY:NL;LANG:en;SCL:6;SRV:BULK;IPV:NLI;SFV:SPM;H:mailer.bulk-mailer.example;PTR:InfoNoRecords;CAT:BULK;SFS:(13230031);DIR:INB;',
  'X-Gm-Spam: 1',
  'Authentication-Results: mx.example.test; spf=softfail smtp.mailfrom=bounce@bulk-mailer.example; dkim=pass header.d=bulk-mailer.example header.s=k1; dmarc=fail (p=quarantine) header.from=shop.example',
  'Received: from mailer.bulk-mailer.example (unknown [198.51.100.9]) by mx.example.test (Postfix) with ESMTP id 1F2E; Mon, 23 Nov 2026 10:00:03 +0000',
  'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=bulk-mailer.example; s=k1; h=from:subject; bh=AAAA; b=BBBB',
  'From: "service@bank.example" <offers@shop.example>',
  'Reply-To: shop.offers@gmail.com',
  'To: alice@example.test',
  'Subject: =?utf-8?Q?Wielka_promocja?=',
  'Date: Mon, 23 Nov 2026 09:59:00 +0000',
  'Message-ID: <x1@shop.example>',
  'MIME-Version: 1.0',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<html><body><a href="https://bit.ly/3abcDEF"><img src="https://cdn.shop.example/promo.jpg"></a><a href="http://203.0.113.77/login">x</a></body></html>',
  '',
].join('\r\n');

test('a message marked spam: every filter read, rules explained, and the reasons ranked with fixes', () => {
  const a = analyzeMessageOffline(SPAM_MESSAGE, { now: () => new Date('2026-11-23T10:05:00Z') });
  const by = Object.fromEntries(a.spam.map((v) => [v.product, v]));
  const sa = by.SpamAssassin!;
  assert.equal(sa.spam, true);
  assert.equal(sa.score, 9.3);
  assert.equal(sa.threshold, 5);
  assert.equal(sa.rules.find((r) => r.name === 'RDNS_NONE')?.score, 1.3);
  assert.ok(sa.rules.every((r) => r.meaning), 'all these rules are in the table');
  const rs = by.rspamd!;
  assert.equal(rs.spam, true);
  assert.equal(rs.score, 12.4);
  assert.equal(rs.action, 'add header');
  assert.deepEqual(rs.rules.map((r) => r.name), ['R_SPF_SOFTFAIL', 'R_DKIM_ALLOW', 'DMARC_POLICY_QUARANTINE', 'HFILTER_HOSTNAME_UNKNOWN', 'SOME_LOCAL_RULE']);
  assert.equal(rs.rules[4]!.meaning, undefined, 'an unknown symbol is not invented');
  const ms = a.spam.find((v) => v.filter === 'microsoft')!;
  assert.equal(ms.spam, true);
  assert.equal(ms.score, 6);
  assert.equal(ms.fields?.BCL, '8');
  assert.equal(ms.fields?.dest, 'J');
  assert.ok(ms.rules.some((r) => r.name === 'CAT:BULK'));
  assert.equal(a.spam.find((v) => v.product === 'Gmail')?.spam, true);

  const why = a.findings.find((f) => f.check === 'message.why-spam')!;
  assert.equal(why.status, 'warn');
  assert.match(why.summary.en, /^Marked as spam by SpamAssassin, rspamd, Microsoft 365/);
  const causes = a.whySpam.causes.map((c) => c.check);
  assert.ok(causes.includes('message.auth.dmarc'), 'DMARC failure is a cause');
  assert.ok(causes.includes('message.received.no-ptr'), 'missing PTR is a cause');
  assert.ok(causes.includes('message.content.shortener') || causes.includes('message.identity.display-name'));
  assert.ok(a.whySpam.causes[0]!.weight >= a.whySpam.causes[a.whySpam.causes.length - 1]!.weight, 'ranked');
  assert.ok(why.advice!.length >= 3);
  for (const c of ['message.identity.display-name', 'message.identity.reply-to', 'message.content.image-only', 'message.content.shortener', 'message.content.ip-link', 'message.received.no-ptr']) {
    assert.ok(a.findings.some((f) => f.check === c), c);
  }
  // Terminal rendering of the same, in Polish, names the rules.
  const r = messageReport(a, { lang: 'pl' });
  assert.ok(r.tables!.some((t) => t.id === 'message-spam-rules' && t.rows.some((row) => row[1] === 'URIBL_BLACK' && /czarnej listy URIBL/.test(row[3]!))));
});

test('identity: missing Message-ID and Date, a Date in the future, several From headers', () => {
  const a = analyzeMessageOffline('From: a@x.test\r\nFrom: b@y.test\r\nSubject: hi\r\n\r\nbody\r\n');
  const checks = a.findings.map((f) => f.check);
  for (const c of ['message.identity.no-message-id', 'message.identity.no-date', 'message.identity.multiple-from']) assert.ok(checks.includes(c), c);
  const fut = analyzeMessageOffline('From: a@x.test\r\nDate: Mon, 23 Nov 2026 18:00:00 +0000\r\nMessage-ID: <1@x.test>\r\nReceived: from a (a [192.0.2.1]) by b with ESMTP; Mon, 23 Nov 2026 10:00:00 +0000\r\n\r\nx\r\n', { now: () => new Date('2026-11-23T10:01:00Z') });
  const f = fut.findings.find((x) => x.check === 'message.identity.date-future')!;
  assert.match(f.summary.en, /8 h in the future/);
});

test('headers pasted alone (no body, no blank line) are analysed; content checks say they were skipped', () => {
  const a = analyzeMessageOffline('Received: from a.test (a.test [192.0.2.1]) by b.test with ESMTPS id 1; Mon, 23 Nov 2026 10:00:00 +0000\nFrom: x@a.test\nSubject: pasted');
  assert.equal(a.headersOnly, true);
  assert.equal(a.received.total, 1);
  assert.ok(a.findings.some((f) => f.check === 'message.content.skipped'));
});

test('a message as Gmail delivers it: internal hops, ARC, Received-SPF, the receiving hop is Google\'s MX taking it from the sender', () => {
  const gmail = [
    'Delivered-To: alice@gmail.example',
    'Received: by 2002:a05:7300:5b8c:b0:10a:1234:abcd with SMTP id k12csp345678dyb;',
    '        Mon, 23 Nov 2026 02:00:07 -0800 (PST)',
    'X-Received: by 2002:a17:906:1234:b0:9a1:abcd:ef01 with SMTP id h20mr123.12.1700000000000; Mon, 23 Nov 2026 02:00:07 -0800 (PST)',
    'ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=google.com; s=arc-20160816; b=AAAA',
    'ARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=google.com; s=arc-20160816; h=to:subject:message-id:date:from:mime-version:dkim-signature; bh=BBBB; b=CCCC',
    'ARC-Authentication-Results: i=1; mx.google.com;',
    '       dkim=pass header.i=@news.shop.example header.s=s2026 header.b=AbCdEfGh;',
    '       spf=pass (google.com: domain of bounce-123@mailer.esp.example designates 198.51.100.25 as permitted sender) smtp.mailfrom=bounce-123@mailer.esp.example;',
    '       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=shop.example',
    'Return-Path: <bounce-123@mailer.esp.example>',
    'Received: from mta25.mailer.esp.example (mta25.mailer.esp.example. [198.51.100.25])',
    '        by mx.google.com with ESMTPS id a640c23a62f3a-9b1234567890si1234567.123.2026.11.23.02.00.06',
    '        for <alice@gmail.example>',
    '        (version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384 bits=256/256);',
    '        Mon, 23 Nov 2026 02:00:06 -0800 (PST)',
    'Received-SPF: pass (google.com: domain of bounce-123@mailer.esp.example designates 198.51.100.25 as permitted sender) client-ip=198.51.100.25;',
    'Authentication-Results: mx.google.com;',
    '       dkim=pass header.i=@news.shop.example header.s=s2026 header.b=AbCdEfGh;',
    '       spf=pass (google.com: domain of bounce-123@mailer.esp.example designates 198.51.100.25 as permitted sender) smtp.mailfrom=bounce-123@mailer.esp.example;',
    '       dmarc=pass (p=QUARANTINE sp=QUARANTINE dis=NONE) header.from=shop.example',
    'DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=news.shop.example; s=s2026; t=1700000000; h=from:to:subject:date:message-id; bh=DDDD; b=EEEE',
    'Received: from app01.internal (app01.internal [10.1.2.3]) by mta25.mailer.esp.example with ESMTP id 7F3A; Mon, 23 Nov 2026 10:00:01 +0000',
    'From: Shop <news@shop.example>',
    'To: alice@gmail.example',
    'Subject: Nowości tygodnia',
    'Date: Mon, 23 Nov 2026 10:00:00 +0000',
    'Message-ID: <abc123@news.shop.example>',
    'List-Unsubscribe: <https://shop.example/u/123>',
    '', 'Hello', '',
  ].join('\r\n');
  const a = analyzeMessageOffline(gmail, { now: () => new Date('2026-11-23T10:05:00Z') });
  assert.deepEqual(a.received.hops.map((h) => h.by), ['mta25.mailer.esp.example', 'mx.google.com', '2002:a05:7300:5b8c:b0:10a:1234:abcd']);
  const recv = a.received.hops[a.received.receivingHop! - 1]!;
  assert.equal(recv.by, 'mx.google.com');
  assert.equal(recv.fromIp, '198.51.100.25');
  assert.equal(recv.fromRdns, 'mta25.mailer.esp.example');
  assert.equal(recv.tlsDetail, 'TLS1_3');
  assert.equal(a.received.hops[1]!.delaySeconds, 5);
  assert.equal(a.auth.receiver.authservId, 'mx.google.com');
  assert.equal(a.auth.receiver.dmarc?.result, 'pass');
  // SPF passed for the ESP's domain (not aligned), DKIM for a subdomain of From (relaxed alignment): DMARC passes.
  const spfAlign = a.findings.find((f) => f.check === 'message.auth.alignment' && f.subject.startsWith('mailer.esp.example'));
  assert.ok(spfAlign && spfAlign.status === 'info', 'SPF not aligned, but DKIM is: only info');
  assert.equal(a.findings.find((f) => f.check === 'message.auth.dkim')?.data?.aligned, 'relaxed');
  assert.ok(!a.findings.some((f) => f.check === 'message.auth.not-aligned'));
  assert.equal(a.findings.find((f) => f.check === 'message.auth.arc-chain')?.status, 'info');
  assert.ok(a.findings.some((f) => f.check === 'message.identity.return-path' && f.status === 'info'));
  assert.equal(a.findings[0]!.status, 'ok', 'nothing points to spam');
});

test('Microsoft: DMARC failed under action=quarantine and compauth=fail reason=000 are explained; header.d=none is no domain', () => {
  const a = analyzeMessageOffline('Authentication-Results: spf=fail (sender IP is 192.0.2.9) smtp.mailfrom=x.example; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=bank.example;compauth=fail reason=000\r\nFrom: a@bank.example\r\n\r\nx');
  const dmarc = a.findings.find((f) => f.check === 'message.auth.dmarc')!;
  assert.match(dmarc.detail!.en, /p=quarantine: receivers put mail that fails DMARC in spam/);
  assert.equal(a.whySpam.causes[0]!.check, 'message.auth.dmarc', 'the heaviest cause');
  const comp = a.findings.find((f) => f.check === 'message.auth.compauth')!;
  assert.match(comp.detail!.pl, /Powód 000/);
  assert.equal(a.findings.find((f) => f.check === 'message.auth.dkim')!.subject, 'dkim');
});

test('where a delay happened, in plain words: a content filter, inside one organization, before the mailbox', () => {
  const msg = [
    'Received: from store.recv.example by store.recv.example with LMTP id 9; Mon, 23 Nov 2026 12:50:00 +0000',
    'Received: from mx1.recv.example (mx1.recv.example [198.51.100.10]) by store.recv.example (Postfix) with ESMTPS id 8; Mon, 23 Nov 2026 10:50:00 +0000',
    'Received: from localhost (localhost [127.0.0.1]) by mx1.recv.example (Postfix) with ESMTP id 7; Mon, 23 Nov 2026 10:10:00 +0000',
    'Received: from out.sender.example (out.sender.example [203.0.113.5]) by mx1.recv.example (Postfix) with ESMTPS id 6; Mon, 23 Nov 2026 10:00:00 +0000',
    'From: a@sender.example', 'Date: Mon, 23 Nov 2026 10:00:00 +0000', 'Message-ID: <1@sender.example>', '', 'x', '',
  ].join('\r\n');
  const a = analyzeMessageOffline(msg, { now: () => new Date('2026-11-23T13:00:00Z') });
  const delays = a.findings.filter((f) => f.check === 'message.received.delay').map((f) => f.summary.en);
  assert.ok(delays.some((d) => /^2 h between hop 3 and hop 4: the message waited on the receiving server store\.recv\.example before it was put into the mailbox/.test(d)), delays.join('\n'));
  assert.ok(delays.some((d) => /^40 min between hop 2 and hop 3: the message waited inside recv\.example, between its own servers mx1\.recv\.example and store\.recv\.example/.test(d)));
  assert.ok(delays.some((d) => /^10 min between hop 1 and hop 2: the time went on a content filter \(spam\/virus scanning\) on mx1\.recv\.example/.test(d)));
  const pl = a.findings.find((f) => f.check === 'message.received.delay' && f.status === 'warn')!;
  assert.match(pl.summary.pl, /zanim trafiła do skrzynki/);
});

test('every finding of a busy message is written in both languages (Polish not a copy of English)', () => {
  const a = analyzeMessageOffline(SPAM_MESSAGE, { now: () => new Date('2026-11-23T10:05:00Z') });
  for (const f of a.findings) {
    for (const t of [f.summary, f.detail, ...(f.advice ?? [])]) {
      if (!t) continue;
      assert.ok(t.en.trim() && t.pl.trim(), `${f.check}: both languages`);
      if (t.en.length > 40) assert.notEqual(t.pl, t.en, `${f.check}: "${t.en.slice(0, 60)}" is translated`);
    }
  }
});

test('one server with a wrong clock is singled out; the delays around it still come from the others', () => {
  const hop = (n: number, time: string) => `Received: from h${n - 1}.example (h${n - 1}.example [203.0.113.${n}]) by h${n}.example with ESMTPS id ${n}; Mon, 23 Nov 2026 ${time} +0000`;
  const msg = [hop(4, '10:03:00'), hop(3, '10:02:00'), hop(2, '11:00:00'), hop(1, '10:00:00'), 'From: a@h0.example', '', 'x', ''].join('\r\n');
  const a = analyzeMessageOffline(msg, { now: () => new Date('2026-11-23T12:00:00Z') });
  assert.deepEqual(a.received.hops.map((h) => h.flags.includes('clock-skew')), [false, true, false, false]);
  assert.deepEqual(a.received.hops.map((h) => h.delaySeconds), [undefined, undefined, 120, 60]);
  const skew = a.findings.filter((f) => f.check === 'message.received.clock-skew');
  assert.equal(skew.length, 1);
  assert.match(skew[0]!.summary.en, /^Hop 2 \(h2\.example\) is dated 58 min later than the hops after it: its server's clock is ahead/);
  assert.equal(a.received.transitSeconds, 180);
});

test('Authentication-Results the sender wrote before the receiver saw the message are not taken as the receiver\'s', () => {
  const msg = [
    'Received: from out.sender.example (out.sender.example [203.0.113.5]) by mx.recv.example with ESMTPS id 2; Mon, 23 Nov 2026 10:00:05 +0000',
    'Received: from pc ([192.0.2.7]) by out.sender.example with ESMTPSA id 1; Mon, 23 Nov 2026 10:00:00 +0000',
    'Authentication-Results: mx.recv.example; spf=pass smtp.mailfrom=bank.example; dkim=pass header.d=bank.example; dmarc=pass header.from=bank.example',
    'From: a@bank.example', 'Date: Mon, 23 Nov 2026 10:00:00 +0000', 'Message-ID: <1@bank.example>', '', 'x', '',
  ].join('\r\n');
  const a = analyzeMessageOffline(msg, { now: () => new Date('2026-11-23T10:05:00Z') });
  assert.equal(a.auth.receiver.dmarc, undefined, 'the forged pass is not the receiver\'s verdict');
  assert.ok(a.findings.some((f) => f.check === 'message.auth.foreign'));
  assert.ok(!a.findings.some((f) => f.check === 'message.auth.dmarc'));
});

test('bulk mail: recognised from its headers; no List-Unsubscribe is a cause, one-click missing a hint', () => {
  const base = ['From: news@shop.example', 'Date: Mon, 23 Nov 2026 10:00:00 +0000', 'Message-ID: <n1@shop.example>', 'List-Id: <news.shop.example>', 'Precedence: bulk', 'X-Mailgun-Sid: abc'];
  const none = analyzeMessageOffline([...base, '', 'x', ''].join('\r\n'));
  assert.deepEqual(none.bulk.signals.sort(), ['List-Id', 'Precedence: bulk']);
  assert.ok(none.whySpam.causes.some((c) => c.check === 'message.bulk.no-unsubscribe'));
  const noClick = analyzeMessageOffline([...base, 'List-Unsubscribe: <mailto:u@shop.example>', '', 'x', ''].join('\r\n'));
  assert.ok(noClick.findings.some((f) => f.check === 'message.bulk.no-one-click'));
  const good = analyzeMessageOffline([...base, 'List-Unsubscribe: <https://shop.example/u/1>, <mailto:u@shop.example>', 'List-Unsubscribe-Post: List-Unsubscribe=One-Click', '', 'x', ''].join('\r\n'));
  assert.equal(good.bulk.oneClick, true);
  assert.ok(!good.findings.some((f) => f.check.startsWith('message.bulk.no-')));
  assert.deepEqual(analyzeMessageOffline('From: a@b.example\r\nX-SES-Outgoing: 2026.11.23\r\nFeedback-ID: 1:2\r\n\r\nx').bulk.signals, [], 'a sending service alone is not bulk');
});

test('lookalike domains: Reply-To paypa1, Return-Path one letter off; a real subdomain is no lookalike', () => {
  const a = analyzeMessageOffline(['From: PayPal <service@paypal.example>', 'Reply-To: help@paypa1.example', 'Return-Path: <b@paypall.example>', 'Sender: x@mail.paypal.example', '', 'x', ''].join('\r\n'));
  const alike = a.findings.filter((f) => f.check === 'message.identity.lookalike').map((f) => f.subject);
  assert.deepEqual(alike.sort(), ['paypa1.example ~ paypal.example', 'paypall.example ~ paypal.example']);
  const ok = analyzeMessageOffline(['From: a@shop.example', 'Reply-To: b@mail.shop.example', 'Return-Path: <c@esp.example>', '', 'x', ''].join('\r\n'));
  assert.ok(!ok.findings.some((f) => f.check === 'message.identity.lookalike'));
});

test('receiving hop: internal hops of the recipient\'s provider (public addresses) are skipped', () => {
  const now = { now: () => new Date('2026-11-23T12:00:00Z') };
  // Outlook.com: three internal hops with public IPv6 addresses above the one that took it from the sender.
  const outlook = [
    'Received: from AM9PR02MB7410.eurprd02.prod.outlook.com (2603:10a6:20b:3e0::12)',
    ' by DU0PR02MB9876.eurprd02.prod.outlook.com with HTTPS; Mon, 23 Nov 2026',
    ' 10:20:31 +0000',
    'Received: from DB8PR06CA0012.eurprd06.prod.outlook.com (2603:10a6:10:100::25)',
    ' by AM9PR02MB7410.eurprd02.prod.outlook.com (2603:10a6:20b:3e0::12) with',
    ' Microsoft SMTP Server (version=TLS1_2,',
    ' cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) id 15.20.8158.12; Mon, 23 Nov',
    ' 2026 10:20:30 +0000',
    'Received: from DB1PEPF000509E4.eurprd03.prod.outlook.com',
    ' (2603:10a6:10:100:cafe::5b) by DB8PR06CA0012.outlook.office365.com',
    ' (2603:10a6:10:100::25) with Microsoft SMTP Server (version=TLS1_3,',
    ' cipher=TLS_AES_256_GCM_SHA384) id 15.20.8158.12 via Frontend Transport; Mon,',
    ' 23 Nov 2026 10:20:30 +0000',
    'Received: from host-198-51-100-23.dynamic.example.net (198.51.100.23) by',
    ' DB1PEPF000509E4.mail.protection.outlook.com (10.167.242.52) with Microsoft',
    ' SMTP Server id 15.20.8158.12 via Frontend Transport; Mon, 23 Nov 2026',
    ' 10:20:29 +0000',
    'From: a@firma-przyklad.pl', '', 'x', '',
  ].join('\r\n');
  const o = analyzeMessageOffline(outlook, now);
  assert.equal(o.received.receivingHop, 1);
  assert.equal(o.received.hops[0]!.fromIp, '198.51.100.23');
  const path = o.findings.find((f) => f.check === 'message.received.path')!;
  assert.match(path.detail!.en, /Hop 1 is where DB1PEPF000509E4\.mail\.protection\.outlook\.com took the message from .*198\.51\.100\.23/);
  // WP: the mailbox server takes it from mx.wp.pl, a public address of the same provider.
  const wp = [
    'Received: from mx.wp.pl ([212.77.101.1]) by mailbox.wp.pl with LMTP; Mon, 23 Nov 2026 09:05:01 +0100',
    'Received: from out.mailing.example.com (out.mailing.example.com [198.51.100.99])',
    '\tby mx.wp.pl (WP.PL) with ESMTPS id 12AB34CD for <piotr@wp.pl>; Mon, 23 Nov 2026 09:05:00 +0100 (CET)',
    'From: a@example.com', '', 'x', '',
  ].join('\r\n');
  const w = analyzeMessageOffline(wp, now);
  assert.equal(w.received.hops[w.received.receivingHop! - 1]!.fromIp, '198.51.100.99');
  // Within one provider: the hop an authenticated sender submitted to is not where the provider received it.
  const same = [
    'Received: from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by mx.google.com with SMTPS id x; Mon, 23 Nov 2026 10:00:02 -0800 (PST)',
    'Received: from [192.168.1.2] ([83.1.2.3]) by smtp.gmail.com with ESMTPSA id y; Mon, 23 Nov 2026 10:00:01 -0800 (PST)',
    'From: a@gmail.com', '', 'x', '',
  ].join('\r\n');
  const g = analyzeMessageOffline(same, now);
  assert.equal(g.received.hops[g.received.receivingHop! - 1]!.fromIp, '209.85.220.41');
});

test('a message handed over on one machine (loopback) has no sending IP for SPF to judge', () => {
  const local = 'Received: from vm (localhost [127.0.0.1]) by mail.example.test (Postfix) with ESMTP id 5DEF; Mon, 23 Nov 2026 11:41:56 +0000\r\nFrom: a@example.test\r\n\r\nx\r\n';
  const a = analyzeMessageOffline(local, { now: () => new Date('2026-11-23T12:00:00Z') });
  const path = a.findings.find((f) => f.check === 'message.received.path')!;
  assert.doesNotMatch(path.detail!.en, /the IP that SPF and block lists judge/);
  assert.match(path.detail!.en, /same machine/);
  assert.match(path.detail!.pl, /tej samej maszynie/);
});

test('why spam: impersonation outranks a free-mail Reply-To, which outranks a URL shortener', () => {
  const msg = [
    'Received: from vm (localhost [127.0.0.1]) by mail.example.test (Postfix) with ESMTP id 5DEF; Mon, 23 Nov 2026 11:41:56 +0000',
    'From: "service@bank.example" <offers@shop.example>', 'Reply-To: shop.offers@gmail.com', 'To: alice@example.test',
    'Subject: x', 'Message-Id: <1@shop.example>', 'Date: Mon, 23 Nov 2026 11:41:56 +0000', 'Content-Type: text/plain', '',
    'Read https://bit.ly/3abc for the offer, a long enough text to not be image only.', '',
  ].join('\r\n');
  const a = analyzeMessageOffline(msg, { now: () => new Date('2026-11-23T12:00:00Z') });
  const order = a.whySpam.causes.map((c) => c.check);
  assert.deepEqual(order.slice(0, 3), ['message.identity.display-name', 'message.identity.reply-to', 'message.content.shortener']);
  // Composite authentication is named in words, not as "COMPAUTH".
  const ms = analyzeMessageOffline('Authentication-Results: spf=fail (sender IP is 198.51.100.23) smtp.mailfrom=firma.example; dmarc=fail action=oreject header.from=firma.example;compauth=fail reason=000\r\nFrom: a@firma.example\r\n\r\nx\r\n');
  const ca = ms.findings.find((f) => f.check === 'message.auth.compauth')!;
  assert.match(ca.summary.en, /^compauth \(composite authentication\): failed\./);
  assert.match(ms.findings.find((f) => f.check === 'message.auth.spf')!.summary.en, /^SPF for firma\.example: failed\./);
  // action=oreject: Microsoft delivered to Junk instead of refusing, and says so.
  assert.match(ms.findings.find((f) => f.check === 'message.auth.dmarc')!.detail!.en, /action=oreject: it overrode the domain's policy/);
});

test('a gap that is exactly the difference between two written zones is a wrong zone, not a wait', () => {
  const msg = [
    'Received: from mail.sender.example (mail.sender.example [198.51.100.7]) by mx.receiver.example with ESMTPS id B; Sat, 29 Apr 2017 23:34:45 +0000',
    'Received: from pc (unknown [192.168.1.2]) by mail.sender.example with ESMTPSA id A; Sat, 29 Apr 2017 23:34:45 +0900 (JST)',
    'From: a@sender.example', 'Date: Sat, 29 Apr 2017 23:34:40 -0700', '', 'x', '',
  ].join('\r\n');
  const a = analyzeMessageOffline(msg, { now: () => new Date('2017-05-01T00:00:00Z') });
  const delays = a.findings.filter((f) => f.check === 'message.received.delay');
  const hop = delays.find((f) => (f.data as { toHop: number }).toHop === 2)!;
  assert.equal(hop.status, 'info');
  assert.match(hop.summary.en, /^9 h between hop 1 and hop 2, exactly the difference .*\(\+0900 and \+0000\)/);
  assert.match(hop.summary.pl, /różnica zapisanych stref czasowych \(\+0900 i \+0000\)/);
  // Date -0700 → first hop +0900: 16 h less 5 s is still the zone difference (within 2 min).
  const written = delays.find((f) => (f.data as { toHop: number }).toHop === 1);
  assert.equal(written, undefined, 'the first hop is earlier in UTC than Date: no "waited in the outbox"');
  // A real 9 h wait between hops in the same zone stays a warning about the sender's queue.
  const real = analyzeMessageOffline(msg.replace('Sat, 29 Apr 2017 23:34:45 +0900 (JST)', 'Sat, 29 Apr 2017 14:34:45 +0000'), { now: () => new Date('2017-05-01T00:00:00Z') });
  const wait = real.findings.find((f) => f.check === 'message.received.delay' && (f.data as { toHop: number }).toHop === 2)!;
  assert.equal(wait.status, 'warn');
  assert.match(wait.summary.en, /^9 h between hop 1 and hop 2: the message waited in the queue of the sender's server mail\.sender\.example/);
});

test('a gap longer than any queue lifetime is a wrong clock, not a wait', () => {
  const msg = [
    'Received: from mx1.sender.example (mx1.sender.example [198.51.100.7]) by mx.receiver.example with ESMTPS id B; Thu, 12 Oct 2017 10:00:00 +0000',
    'Received: from app (app.sender.example [198.51.100.8]) by mx1.sender.example with ESMTP id A; Mon, 1 May 2017 10:00:00 +0000',
    'From: a@sender.example', '', 'x', '',
  ].join('\r\n');
  const a = analyzeMessageOffline(msg, { now: () => new Date('2017-12-01T00:00:00Z') });
  const f = a.findings.find((x) => x.check === 'message.received.delay')!;
  assert.match(f.summary.en, /^164 d between hop 1 and hop 2: longer than any mail server keeps a message in its queue/);
  assert.doesNotMatch(f.summary.en, /waited/);
});

test('a Received header without "; date" says so, without an empty quote', () => {
  const a = analyzeMessageOffline('Received: from a.example (a.example [198.51.100.7]) by mx.example.com with ESMTP id X\r\nFrom: x@a.example\r\n\r\nx\r\n');
  const f = a.findings.find((x) => x.check === 'message.received.bad-date')!;
  assert.equal(f.summary.en, 'Hop 1 (mx.example.com) has no time: the header does not end with "; date".');
  assert.doesNotMatch(f.summary.pl, /„”/);
});

test('why spam: at equal weight, a rule the filter really fired comes before mailmedic\'s own reading', () => {
  const msg = [
    'X-Spam-Status: Yes, score=6.9 required=5.0 tests=FREEMAIL_FORGED_REPLYTO=1.2,HTML_SHORT_LINK_IMG_1=2.2 autolearn=no',
    'X-Spam-Flag: YES',
    'Received: from vm (localhost [127.0.0.1]) by mail.example.test (Postfix) with ESMTP id 5DEF; Mon, 23 Nov 2026 11:41:56 +0000',
    'From: offers@shop.example', 'Reply-To: shop.offers@gmail.com', 'Message-Id: <1@shop.example>', 'Date: Mon, 23 Nov 2026 11:41:56 +0000', '', 'x', '',
  ].join('\r\n');
  const a = analyzeMessageOffline(msg, { now: () => new Date('2026-11-23T12:00:00Z') });
  const first = a.whySpam.causes[0]!;
  assert.equal(first.check, 'message.spam.rule');
  assert.equal(first.subject, 'HTML_SHORT_LINK_IMG_1');
  assert.ok(a.whySpam.causes.findIndex((c) => c.check === 'message.identity.reply-to') > 0);
});

test('SpamAssassin tests= with points after each name (_TESTSSCORES_) are read as rules with points', () => {
  const a = analyzeMessageOffline('X-Spam-Status: Yes, score=3.4 required=3.0 tests=FREEMAIL_FORGED_REPLYTO=1.2,\r\n\tHTML_SHORT_LINK_IMG_1=2.2,NO_RELAYS=-0.001 autolearn=no\r\nFrom: a@b.example\r\n\r\nx\r\n');
  const sa = a.spam.find((v) => v.product === 'SpamAssassin')!;
  assert.deepEqual(sa.rules.map((r) => [r.name, r.score]), [['FREEMAIL_FORGED_REPLYTO', 1.2], ['HTML_SHORT_LINK_IMG_1', 2.2], ['NO_RELAYS', -0.001]]);
});

test('Received from an address literal in HELO: the connecting IP is the one the receiver wrote in the comment', () => {
  const h = parseReceived('from [192.168.1.20] (unknown [83.0.0.50])\n\t(Authenticated sender: marek@firma.example.pl)\n\tby smtp.firma.example.pl (Postfix) with ESMTPSA id 9F1A2B3C\n\tfor <ewa@onet.pl>; Mon, 23 Nov 2026 10:40:02 +0100 (CET)');
  assert.equal(h.from, '192.168.1.20');
  assert.equal(h.fromIp, '83.0.0.50');
  assert.ok(h.flags.includes('no-ptr'));
  assert.equal(h.authenticated, true);
  // Without a comment, the bracketed word is all there is.
  assert.equal(parseReceived('from [198.51.100.3] by mx.example.com with SMTP; Mon, 23 Nov 2026 10:00:00 +0000').fromIp, '198.51.100.3');
});

test('receiving hop: never the submission hop of a logged-in sender when a later hop exists', () => {
  const msg = [
    'Received: from mx.poczta.onet.pl (10.174.4.193) by mailboxes.onet.pl with LMTP; Mon, 23 Nov 2026 10:45:12 +0100',
    'Received: from smtp.firma.example.pl (smtp.firma.example.pl [10.9.8.7]) by mx.poczta.onet.pl (Onet) with ESMTPS id 4XyZ; Mon, 23 Nov 2026 10:45:11 +0100 (CET)',
    'Received: from [192.168.1.20] (unknown [83.0.0.50]) (Authenticated sender: marek@firma.example.pl) by smtp.firma.example.pl (Postfix) with ESMTPSA id 9F1A; Mon, 23 Nov 2026 10:40:02 +0100 (CET)',
    'From: marek@firma.example.pl', '', 'x', '',
  ].join('\r\n');
  const a = analyzeMessageOffline(msg, { now: () => new Date('2026-11-23T12:00:00Z') });
  assert.equal(a.received.receivingHop, 2);
  assert.ok(!a.findings.some((f) => f.check === 'message.received.no-ptr'), 'the home IP of the submission hop is not blamed');
});

test('rspamd: the second number is the reject threshold, and the action decides spam below it', () => {
  const a = analyzeMessageOffline('X-Spamd-Result: default: False [9.20 / 15.00];\r\n\tR_SPF_FAIL(1.00)[-all]\r\nX-Rspamd-Action: add header\r\nFrom: a@b.example\r\n\r\nx\r\n');
  const f = a.findings.find((x) => x.check === 'message.spam.rspamd')!;
  assert.match(f.summary.en, /^rspamd marked the message as spam \(score 9\.2, reject threshold 15\.0, action "add header"\)/);
  assert.match(f.summary.pl, /próg odrzucenia 15\.0, akcja „add header”/);
});
