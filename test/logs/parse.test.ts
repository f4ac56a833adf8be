import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LogLineParser } from '../../src/logs/parse.js';
import { StampClock, newHead, parseStamp, parseTimeArg } from '../../src/logs/stamp.js';
import type { LogEvent } from '../../src/logs/types.js';
import { redactLogLine } from '../../src/logs/redact.js';
import { SHARED, NEEDS_SHARED } from '../helpers/env.js';

const CORPUS = join(SHARED, 'corpus', 'logs');
const parser = (ref = new Date(2026, 10, 23, 12, 0, 0)) => new LogLineParser(new StampClock(ref));
const one = (line: string, p = parser()) => p.parse(line);
const must = <K extends LogEvent['k']>(line: string, k: K): Extract<LogEvent, { k: K }> => {
  const e = one(line);
  assert.ok(e, `not parsed: ${line}`);
  assert.equal(e.k, k, `${line} → ${e.k}`);
  return e as Extract<LogEvent, { k: K }>;
};

test('classic stamps get their year from the reference date, across New Year', () => {
  const clock = new StampClock(new Date(2027, 0, 2, 10, 0, 0)); // log last written 2 Jan 2027
  const h = newHead();
  parseStamp('Dec 31 23:59:58 mx postfix/qmgr[1]: x', clock, h);
  assert.equal(new Date(h.ts).getFullYear(), 2026);
  assert.equal(new Date(h.ts).getMonth(), 11);
  parseStamp('Jan  1 00:00:03 mx postfix/qmgr[1]: x', clock, h);
  assert.equal(new Date(h.ts).getFullYear(), 2027);
  // Postfix's maillog_file zero-pads the day; syslog space-pads; some writers do not pad at all
  for (const s of ['Jan 01 00:00:03 x', 'Jan  1 00:00:03 x', 'Jan 1 00:00:03 x']) {
    parseStamp(s, clock, h);
    assert.equal(new Date(h.ts).getDate(), 1, s);
    assert.equal(h.stamp, 'classic');
  }
});

test('RFC 3339, ISO and TAI64N stamps', () => {
  const h = newHead();
  const clock = new StampClock(Date.now());
  parseStamp('2026-11-23T10:40:14.123456+01:00 mx postfix/smtpd[1]: x', clock, h);
  assert.equal(new Date(h.ts).toISOString(), '2026-11-23T09:40:14.123Z');
  parseStamp('2026-11-23T10:40:14Z mx x', clock, h);
  assert.equal(new Date(h.ts).toISOString(), '2026-11-23T10:40:14.000Z');
  parseStamp('2026-11-23 10:40:14 1abcDE-000123-AB <= a@b', clock, h);
  assert.equal(h.stamp, 'iso-space');
  assert.equal(new Date(h.ts).getHours(), 10);
  parseStamp('@400000004c91b044077a9e94 imap-login: x', clock, h);
  assert.equal(h.stamp, 'tai64n');
  assert.equal(new Date(h.ts).getUTCFullYear(), 2010);
  assert.equal(parseTimeArg('-2h', 10 * 3600_000), 8 * 3600_000);
  assert.throws(() => parseTimeArg('yesterday-ish', Date.now()), RangeError);
});

test('syslog priority and RFC 5424 heads: fields, structured data, NILVALUEs, the BOM', () => {
  const d = must('<22>1 2026-11-23T10:40:14.123+01:00 mx.example.test postfix 4242 - [meta seq="1" x="a ] b"][origin ip="192.0.2.1"] \uFEFF4ABC1: removed', 'removed');
  assert.equal(d.qid, '4ABC1');
  assert.equal(new Date(d.ts).toISOString(), '2026-11-23T09:40:14.123Z');
  assert.equal(d.prog, 'postfix');
  const h = newHead();
  const p = new LogLineParser(new StampClock(Date.now()));
  assert.ok(p.parse('<22>1 2026-11-23T10:40:14Z - postfix/smtpd - - -  NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 <a@b.test>: Relay access denied; from=<x@y.test> to=<a@b.test> proto=ESMTP helo=<y>'));
  assert.equal(one('<22>1 2026-11-23T10:40:14Z mx - - - - 4ABC1: removed'), null, 'no APP-NAME: nothing to read it as');
  assert.equal(one('<22>1 2026-11-23T10:40:14Z mx postfix 1 - [unclosed x="1" 4ABC1: removed'), null, 'structured data never closed');
  assert.equal(must('<22>Nov 23 10:40:14 mx postfix/qmgr[7]: 4ABC1: removed', 'removed').prog, 'postfix/qmgr');
  assert.equal(must('<166>2026-11-23T10:40:14+01:00 mx postfix/qmgr[7]: 4ABC1: removed', 'removed').qid, '4ABC1');
  for (const bad of ['<22>', '<>1 x', '<22>1 ', '<999999>1 2026-11-23T10:40:14Z mx postfix 1 - - x', '<22><22>Nov 23 10:40:14 mx p: x']) {
    assert.equal(parseStamp(bad, new StampClock(Date.now()), h), 0, bad);
    assert.doesNotThrow(() => one(bad));
  }
  // A bare "postfix" APP-NAME: the words decide what the line is.
  assert.equal(must('<22>1 2026-11-23T10:40:14Z mx postfix 1 - - 4ABC1: uid=1000 from=<alice>', 'received').origin, 'local');
  assert.equal(must('<22>1 2026-11-23T10:40:14Z mx postfix 1 - - 4ABC1: sender non-delivery notification: 5DEF2', 'notice').newQid, '5DEF2');
});

test('Postfix: the lines of one message, from client= to removed', () => {
  const r = must('Nov 23 10:40:14 mail postfix/submission/smtpd[14502]: A0B6620C4B9: client=localhost[127.0.0.1], sasl_method=PLAIN, sasl_username=alice@example.test', 'received');
  assert.equal(r.qid, 'A0B6620C4B9');
  assert.equal(r.ip, '127.0.0.1');
  assert.equal(r.saslUser, 'alice@example.test');
  assert.equal(must('Nov 23 10:40:14 mail postfix/cleanup[14508]: A0B6620C4B9: message-id=<20261123104014.014501@vm>', 'message-id').messageId, '20261123104014.014501@vm');
  const q = must('Nov 23 10:40:14 mail postfix/qmgr[10485]: A0B6620C4B9: from=<x@y.test>, size=443, nrcpt=1 (queue active)', 'queued');
  assert.deepEqual([q.from, q.size, q.nrcpt], ['x@y.test', 443, 1]);
  const d = must('Feb 24 16:18:40 letterman postfix/smtp[59649]: 5270320179: to=<hebj@telia.com>, orig_to=<h@x.se>, relay=mail.telia.com[81.236.60.210]:25, delay=2017, delays=0.1/2017/0.03/0.05, dsn=2.0.0, status=sent (250 2.0.0 6FVIjIMwUJwU66FVIjAEB0 mail accepted for delivery)', 'delivery');
  assert.deepEqual([d.to, d.origTo, d.relay, d.delay, d.delays, d.dsn, d.status], ['hebj@telia.com', 'h@x.se', 'mail.telia.com[81.236.60.210]:25', 2017, [0.1, 2017, 0.03, 0.05], '2.0.0', 'sent']);
  assert.match(d.text, /mail accepted/);
  assert.equal(must('Nov 23 10:40:14 mail postfix/qmgr[10485]: A0B6620C4B9: removed', 'removed').qid, 'A0B6620C4B9');
  assert.equal(must('Apr 10 14:50:16 mail postfix/qmgr[3663]: BACE842E72: from=<noreply@domain.com>, status=expired, returned to sender', 'expired').from, 'noreply@domain.com');
  // long queue ids, and words that look like ids but are not
  assert.equal(must('Mar 11 23:27:54 server postfix/qmgr[2]: 44JCRG5tYPzCqt2: removed', 'removed').qid, '44JCRG5tYPzCqt2');
  assert.equal(one('Mar 16 23:30:44 123-mail postfix/qmgr[29980]: warning: lots of deferred mail, that is bad for performance')?.k, 'daemon');
  // a line alone cannot tell a content filter's hop from a delivery ("queued as" is what any MTA answers): the
  // tracker decides when the new id comes back into the log (test/logs/filters.test.ts); a filter that discarded
  // the message says so in its reply
  assert.equal(must('Nov 23 10:00:00 mx postfix/smtp[5]: ABCDEF1234: to=<a@b.pl>, relay=127.0.0.1[127.0.0.1]:10024, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 1234ABCDEF)', 'delivery').status, 'sent');
  assert.equal(must('Dec  5 02:03:37 mail postfix/smtp[8810]: 8405822A1A7: to=<alice@example.test>, relay=127.0.0.1[127.0.0.1]:34724, delay=0.41, delays=0.01/0/0.21/0.18, dsn=2.7.0, status=sent (250 2.7.0 Ok, discarded, id=08645-03 - BANNED: application/octet-stream,.exe,.exe-ms,invoice.exe)', 'delivery').status, 'discarded');
});

test('Postfix: postscreen and dnsblog verdicts, postsuper, a requeued copy, disconnect counters', () => {
  const v = (l: string) => must(l, 'screen');
  assert.deepEqual([v('Dec  5 02:03:36 mail postfix/postscreen[8742]: PASS NEW [127.0.0.5]:47049').verdict, v('Dec  5 02:03:39 mail postfix/postscreen[8742]: PASS OLD [127.0.0.5]:47301').ip], ['pass-new', '127.0.0.5']);
  const r = v('Dec  5 02:03:37 mail postfix/postscreen[8742]: DNSBL rank 5 for [127.0.0.2]:42021');
  assert.deepEqual([r.verdict, r.rank, r.ip], ['dnsbl', 5, '127.0.0.2']);
  assert.equal(v('Dec  5 02:03:31 mail postfix/postscreen[8742]: PREGREET 19 after 0 from [127.0.0.7]:56625: EHLO spambot.test\\r\\n').verdict, 'pregreet');
  assert.equal(v('Dec  5 02:03:33 mail postfix/postscreen[8742]: HANGUP after 1.2 from [127.0.0.8]:57981 in tests before SMTP handshake').verdict, 'hangup');
  assert.equal(v('Jan  1 00:00:00 mx postfix/postscreen[1]: COMMAND PIPELINING from [192.0.2.1]:1234 after EHLO: QUIT\\r\\n').verdict, 'pipelining');
  const hit = v('Dec  5 02:03:31 mail postfix/dnsblog[8744]: addr 127.0.0.2 listed by domain zen.dnsbl.test as 127.0.0.2');
  assert.deepEqual([hit.verdict, hit.ip, hit.list], ['listed', '127.0.0.2', 'zen.dnsbl.test']);
  const a = (l: string) => must(l, 'admin').action;
  assert.deepEqual([a('Dec  5 06:05:45 mail postfix/postsuper[5615]: 6F4502161F9: placed on hold'), a('Dec  5 06:05:46 mail postfix/postsuper[5636]: 6F4502161F9: released from hold'),
    a('Dec  5 06:05:46 mail postfix/postsuper[5662]: 1E01A21620A: requeued'), a('Dec  5 06:05:46 mail postfix/postsuper[5711]: B2EB72161D9: removed')], ['hold', 'release', 'requeue', 'delete']);
  assert.equal(must('Dec  5 06:07:39 mail postfix/pickup[8943]: 8454B216126: uid=102 from=<alice@example.test> orig_id=9A1C221602C', 'received').origId, '9A1C221602C');
  assert.equal(must('Dec  5 02:03:33 mail postfix/submission/smtpd[8797]: disconnect from unknown[127.0.0.66] ehlo=2 starttls=1 auth=0/1 quit=1 commands=4/5', 'disconnect').authFailed, 1);
  // a before-queue content filter (smtpd_proxy_filter) refusing the message at the end of DATA
  const px = must('Dec  5 02:03:33 mail postfix/smtpd[1]: NOQUEUE: proxy-reject: END-OF-MESSAGE: 554 5.7.1 Rejected by the content filter; from=<a@x.test> to=<b@y.test> proto=ESMTP helo=<x.test>', 'reject');
  assert.deepEqual([px.action, px.stage, px.replyCode, px.dsn, px.to], ['reject', 'END-OF-MESSAGE', 554, '5.7.1', 'b@y.test']);
});

test('amavis and other filters: verdicts, queue ids, quarantine', () => {
  const f = must('Dec  5 02:03:37 mail amavis[8645]: (08645-03) Blocked BANNED (application/octet-stream,.exe,.exe-ms,invoice.exe) {DiscardedInbound,Quarantined}, [127.0.0.6]:48931 <accounts@partner.test> -> <alice@example.test>, quarantine: banned-giUWYPLBRx3k, Queue-ID: 8405822A1A7, Message-ID: <20261205020331.008747@vm>, mail_id: giUWYPLBRx3k, Hits: -, size: 915, 184 ms', 'filter');
  assert.deepEqual([f.verdict, f.category, f.discarded, f.quarantined, f.qid, f.from, f.to, f.ip, f.detail, f.children], ['blocked', 'BANNED', true, true, '8405822A1A7', 'accounts@partner.test', ['alice@example.test'], '127.0.0.6', 'application/octet-stream,.exe,.exe-ms,invoice.exe', []]);
  const p = must('Dec  5 02:03:40 mail amavis[8645]: (08645-04-2) Passed SPAM {RelayedTaggedInbound,Quarantined}, [127.0.0.5]:60593 <promo@partner.test> -> <bob@example.test>,<carol@example.test>, quarantine: spam-fQbVT8NG0Wck.gz, Queue-ID: 9048622A321, Message-ID: <20261205020339.009012@vm>, mail_id: fQbVT8NG0Wck, Hits: 999, size: 467, queued_as: 0F0EB22A381, 477 ms', 'filter');
  assert.deepEqual([p.verdict, p.category, p.discarded, p.quarantined, p.score, p.size, p.children, p.to], ['passed', 'SPAM', false, true, 999, 467, ['0F0EB22A381'], ['bob@example.test', 'carol@example.test']]);
  assert.equal(must('Dec  5 02:03:38 mail amavis[8648]: (08648-03) Passed CLEAN, [127.0.0.5] [127.0.0.5] <a@x.test> -> <b@y.test>, Message-ID: <m@x>, mail_id: yY6J3J, Hits: -1, size: 687, queued_as: 0103522A1A7, 0103522A1A8, 269 ms', 'filter').children.length, 2);
  assert.equal(one('Dec  5 02:03:28 mail amavis[8488]: No decoder for       .7z  ')?.k, 'other');
  assert.equal(must('Dec  5 02:03:28 mail amavis[8488]: (08488-01) (!!)TROUBLE in check_mail: quar+notif FAILED: x', 'daemon').level, 'error');
  const rs = must('Dec  5 02:03:28 mail rspamd[123]: <9c0b1a>; task; rspamd_task_write_log: id: <m@x>, qid: <8E5FE22A1A3>, ip: 192.0.2.1, from: <a@x.test>, (default: T (reject): [16.40/15.00] [GTUBE(0.00){}]), len: 687, time: 13.1ms, dns req: 0, digest: <d>, rcpts: <b@y.test>, mime_rcpts: <b@y.test>', 'filter');
  assert.deepEqual([rs.verdict, rs.qid, rs.score, rs.rejected], ['blocked', '8E5FE22A1A3', 16.4, true]);
  assert.equal(must('Dec  5 02:03:28 mail clamav-milter[99]: 8E5FE22A1A3: Message from <a@x.test> to <b@y.test> infected by Eicar-Signature', 'filter').category, 'INFECTED');
  assert.equal(one('Dec  5 02:03:33 mail opendkim[8519]: 68D5E22A038: DKIM-Signature field added (s=sel, d=example.test)')?.k, 'other');
});

// lines written by the real daemons of testenv/filters (its filter MX), copied from test/logs/fixtures/filters/maillog
const REAL_FILTER_LINES = {
  spfSoftfail: 'Dec  5 18:11:19 mail policyd-spf[22612]: : prepend Received-SPF: Softfail (mailfrom) identity=mailfrom; client-ip=127.0.0.22; helo=mail.shop.test; envelope-from=news@shop.test; receiver=example.test ',
  spfReject: 'Dec  5 18:11:19 mail policyd-spf[22612]: : 550 5.7.23 Message rejected due to: SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=ceo@bank.test;ip=127.0.0.23;r=example.test',
  dmarcFail: 'Dec  5 18:11:20 mail opendmarc[21603]: 2B6EC216CF2: bank.test fail',
  infected: "Dec  5 18:11:20 mail clamav-milter[22019]: Message 54719216CF2 from <hello@nospf.test> to <alice@example.test> with subject 'Document' message-id '<20261205171120.022686@vm>' date 'Sat, 05 Dec 2026 17:11:20 +0000' infected by Win.Test.EICAR_HDB-1.UNOFFICIAL",
  clamdDown: 'Dec  5 18:11:29 mail clamav-milter[22019]: No clamd server appears to be available',
  spamdSpam: 'Dec  5 18:11:20 mail spamd[21675]: spamd: result: Y 999 - ALL_TRUSTED,GTUBE scantime=0.0,size=857,user=spamass-milter,uid=106,required_score=5.0,rhost=localhost,raddr=127.0.0.1,rport=/run/spamd.sock,mid=<20261205171120.022696@vm>,autolearn=disabled',
  spamdClean: 'Dec  5 18:11:19 mail spamd[21675]: spamd: result: . -1 - ALL_TRUSTED scantime=0.1,size=918,user=spamass-milter,uid=106,required_score=5.0,rhost=localhost,raddr=127.0.0.1,rport=/run/spamd.sock,mid=<20261205171119.022607@vm>,autolearn=disabled',
  rspamdSoft: 'Dec  5 18:11:20 mail rspamd[21836]: <daab64>; proxy; rspamd_task_write_log: id: <20261205171120.022729@vm>, qid: <B7B13216CF2>, ip: 127.0.0.24, from: <hello@nospf.test>, (default: F (soft reject): [5.00/15.00] [LOCAL_GREY_SUBJECT(5.00){},ARC_NA(0.00){}]), len: 589, time: 10.2ms, dns req: 3, digest: <d>, rcpts: <alice@example.test>, mime_rcpts: <alice@example.test>',
  clamdFound: 'Dec  5 18:11:20 mail clamd[21633]: /tmp/clamav-a9e0adfc4e526034f4addbf3f9aba763.tmp (deleted): Win.Test.EICAR_HDB-1.UNOFFICIAL FOUND',
};

test('real policyd-spf, opendmarc, clamav-milter, spamd and rspamd lines: SPF and DMARC verdicts, viruses, spam, scanner down', () => {
  const L = REAL_FILTER_LINES;
  const soft = must(L.spfSoftfail, 'authcheck');
  assert.deepEqual([soft.method, soft.result, soft.domain, soft.ip, soft.replyCode], ['spf', 'softfail', 'shop.test', '127.0.0.22', undefined]);
  const rej = must(L.spfReject, 'authcheck');
  assert.deepEqual([rej.method, rej.result, rej.domain, rej.ip, rej.replyCode], ['spf', 'fail', 'bank.test', '127.0.0.23', 550]);
  const dm = must(L.dmarcFail, 'authcheck');
  assert.deepEqual([dm.method, dm.result, dm.domain, dm.qid], ['dmarc', 'fail', 'bank.test', '2B6EC216CF2']);
  const v = must(L.infected, 'filter');
  assert.deepEqual([v.filter, v.verdict, v.category, v.qid, v.from, v.to, v.messageId, v.detail], ['clamav-milter', 'blocked', 'INFECTED', '54719216CF2', 'hello@nospf.test', ['alice@example.test'], '20261205171120.022686@vm', 'Win.Test.EICAR_HDB-1.UNOFFICIAL']);
  assert.deepEqual([must(L.clamdDown, 'daemon').level, must(L.clamdDown, 'daemon').fmt], ['error', 'filter']);
  const sp = must(L.spamdSpam, 'filter'), cl = must(L.spamdClean, 'filter');
  assert.deepEqual([sp.category, sp.score, sp.size, sp.messageId, cl.category, cl.score], ['SPAM', 999, 857, '20261205171120.022696@vm', 'CLEAN', -1]);
  const rs = must(L.rspamdSoft, 'filter');
  assert.deepEqual([rs.verdict, rs.category, rs.qid, rs.ip, rs.score, rs.messageId, rs.to], ['passed', 'DEFERRED', 'B7B13216CF2', '127.0.0.24', 5, '20261205171120.022729@vm', ['alice@example.test']]);
  // clamd repeats the milter's verdict: understood, counted for nothing
  assert.equal(one(L.clamdFound)?.k, 'other');
  // the documented formats of older releases
  assert.equal(must('Dec  5 02:03:28 mail policyd-spf[9]: Pass; identity=mailfrom; client-ip=192.0.2.1; helo=x.test; envelope-from=a@x.test; receiver=b@y.test', 'authcheck').result, 'pass');
  assert.equal(one('Dec  5 02:03:28 mail opendmarc[9]: OpenDMARC Filter v1.4.2 starting (args: -c /etc/opendmarc.conf)')?.k, 'other');
  assert.equal(one('Dec  5 02:03:28 mail opendmarc[9]: 2B6EC216CF2: bank.test fail and more words')?.k, 'other');
});

test('Postfix: rejects, SASL failures, TLS, warnings', () => {
  const j = must('Nov 23 10:40:14 mail postfix/smtpd[14502]: NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown in virtual mailbox table; from=<x@y.test> to=<nobody@example.test> proto=ESMTP helo=<client.test>', 'reject');
  assert.deepEqual([j.action, j.stage, j.replyCode, j.dsn, j.from, j.to, j.helo, j.ip], ['reject', 'RCPT', 550, '5.1.1', 'x@y.test', 'nobody@example.test', 'client.test', '127.0.0.1']);
  assert.match(j.text, /^<nobody@example.test>: Recipient address rejected/);
  const ps = must('May  5 15:51:11 xxx postfix/postscreen[1148]: NOQUEUE: reject: RCPT from [216.245.194.173]:60591: 550 5.7.1 Service unavailable; client [216.245.194.173] blocked using rbl.example.com; from=<spammer@example.com>, to=<goodguy@example.com>, proto=ESMTP, helo=<x>', 'reject');
  assert.equal(ps.ip, '216.245.194.173');
  assert.equal(ps.replyCode, 550);
  const a = must('Sep  6 00:44:56 trianon postfix/submission/smtpd[11538]: warning: unknown[82.221.106.233]: SASL LOGIN authentication failed: UGFzc3dvcmQ6', 'auth-fail');
  assert.equal(a.ip, '82.221.106.233');
  assert.equal(must('Nov 23 10:40:15 mail postfix/smtps/smtpd[1]: warning: localhost[127.0.0.1]: SASL PLAIN authentication failed: (reason unavailable), sasl_username=alice@example.test', 'auth-fail').user, 'alice@example.test');
  assert.equal(must('Jul 24 04:38:17 mail postfix/smtp[30582]: Verified TLS connection established to gmail-smtp-in.l.google.com[108.177.14.26]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384', 'tls').ok, true);
  assert.equal(must('Mar 16 12:28:02 123-mail postfix/smtpd[16268]: fatal: file /etc/postfix/main.cf: parameter default_privs: unknown user name value: nobody', 'daemon').level, 'fatal');
  const h = must('Nov 23 10:00:00 mx postfix/cleanup[3]: 4A1B2C3D4E: hold: header Subject: invoice from unknown[1.2.3.4]; from=<a@b.c> to=<d@e.f> proto=ESMTP helo=<x>: 5.7.1 suspicious', 'reject');
  assert.deepEqual([h.action, h.stage, h.qid, h.dsn, h.text], ['hold', 'header', '4A1B2C3D4E', '5.7.1', 'suspicious']);
  assert.equal(must('Dec 29 03:03:48 mail postfix/bounce[9321]: 732BB407C3: sender non-delivery notification: 5DE184083C', 'notice').newQid, '5DE184083C');
});

test('Exim, Sendmail and Dovecot lines', () => {
  const r = must('1999-03-02 09:44:33 10HmaX-000000005vi-0000 <= userx@some.domain H=(test.host) [10.0.0.1] U=CALLER P=esmtpa A=cram_md5:tim S=2345 id=abc@x', 'received');
  assert.deepEqual([r.qid, r.from, r.ip, r.saslUser, r.size, r.messageId], ['10HmaX-000000005vi-0000', 'userx@some.domain', '10.0.0.1', 'tim', 2345, 'abc@x']);
  const d = must('1999-03-02 09:44:33 10HmaX-0005vi-00 => userx <userx@test.ex> R=smart T=local_delivery', 'delivery');
  assert.deepEqual([d.to, d.status], ['userx@test.ex', 'sent']);
  assert.equal(must('1999-03-02 09:44:33 10HmbL-000000005vi-0000 ** n127@test.ex R=client T=send_to_server H=127.0.0.1 [127.0.0.1] : SMTP error from remote mail server after RCPT TO:<n127@test.ex>: 550 NO', 'delivery').status, 'bounced');
  assert.equal(must('1999-03-02 09:44:33 10HmbD-000000005vi-0000 == rmt_defer@test.ex routing defer (-52): retry time not reached', 'delivery').status, 'deferred');
  assert.equal(must('1999-03-02 09:44:33 10HmbD-000000005vi-0000 Completed', 'removed').qid, '10HmbD-000000005vi-0000');
  assert.equal(must('2014-12-02 03:00:23 auth_plain authenticator failed for (rom182) [193.254.202.35]:41556 I=[10.0.0.1]:25: 535 Incorrect authentication data (set_id=webmaster)', 'auth-fail').user, 'webmaster');
  const sm = must('Feb 25 03:01:10 kismet sm-mta[27713]: s1P819mk027713: ruleset=check_rcpt, arg1=<a@b.ru>, relay=x.corbina.ru [128.68.136.133], reject=550 5.7.1 <a@b.ru>... Relaying denied', 'reject');
  assert.deepEqual([sm.stage, sm.replyCode, sm.dsn, sm.ip, sm.to], ['RCPT', 550, '5.7.1', '128.68.136.133', 'a@b.ru']);
  const sd = must('Nov 23 10:00:01 mx sendmail[12]: s1P819mk027713: to=<bob@x.pl>, ctladdr=<a@b> (1/0), delay=00:00:05, xdelay=00:00:04, mailer=esmtp, pri=1, relay=mx.x.pl. [1.2.3.4], dsn=4.0.0, stat=Deferred: Connection timed out with mx.x.pl.', 'delivery');
  assert.deepEqual([sd.status, sd.delay], ['deferred', 5]);
  const dl = must('Nov 23 10:00:00 mx dovecot: imap-login: Login: user=<alice@example.test>, method=PLAIN, rip=127.0.0.1, lip=127.0.0.1, mpid=1, TLS', 'login');
  assert.equal(dl.user, 'alice@example.test');
  const f1 = must('Nov 23 10:40:14 auth: Info: passwd-file(alice@example.test,127.0.0.1): Password mismatch', 'auth-fail');
  assert.deepEqual([f1.user, f1.ip], ['alice@example.test', '127.0.0.1']);
  assert.equal(must('Jun 13 16:30:54 platypus dovecot: imap-login: Disconnected (auth failed, 2 attempts): user=<bob>, method=PLAIN, rip=49.176.98.87, lip=1.2.3.4, TLS', 'auth-fail').ip, '49.176.98.87');
});

test('passwords in quoted lines are masked', () => {
  assert.equal(redactLogLine('auth(a,1.2.3.4): Info: sql: Password mismatch (given password: Secret123)'), 'auth(a,1.2.3.4): Info: sql: Password mismatch (given password: ***)');
  assert.ok(!redactLogLine('warning: unknown[1.2.3.4]: SASL LOGIN authentication failed: UGFzc3dvcmQ6').includes('UGFzc3dvcmQ6'));
});

/** The shared corpus: every data line of the formats we read must parse, to the kind the line is about. */
test('corpus: fail2ban and postfix_exporter samples parse', NEEDS_SHARED, () => {
  const files: [string, number][] = [
    ['fail2ban/postfix.log', 0.95], ['fail2ban/dovecot.log', 0.95], ['fail2ban/exim.log', 0.9], ['fail2ban/exim-spam.log', 0.9],
    ['fail2ban/sendmail-auth.log', 0.95], ['fail2ban/sendmail-reject.log', 0.9], ['kumina-postfix_exporter/postfix_exporter_test-lines.log', 1],
  ];
  for (const [f, share] of files) {
    const lines = readFileSync(join(CORPUS, f), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    const p = parser();
    const ok = lines.filter((l) => p.parse(l) !== null).length;
    assert.ok(ok / lines.length >= share, `${f}: ${ok}/${lines.length} lines parsed`);
  }
  // what fail2ban counts as a failed login, we count too
  const p = parser();
  const sasl = readFileSync(join(CORPUS, 'fail2ban/postfix.log'), 'utf8').split('\n').filter((l) => / SASL \w+ authentication failed/.test(l) && !l.startsWith('#'));
  assert.ok(sasl.length >= 5);
  for (const l of sasl) assert.equal(p.parse(l)?.k, 'auth-fail', l);
});

test('corpus: Exim test-suite main logs — arrivals, deliveries, completions', NEEDS_SHARED, () => {
  const text = readFileSync(join(CORPUS, 'exim-testsuite/exim-test-mainlogs.txt'), 'latin1');
  const p = parser();
  const kinds: Record<string, number> = {};
  let flagged = 0;
  for (const l of text.split('\n')) {
    if (!/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? (\[\d+\] )?\S{16,23} (<=|=>|->|\*\*|==|Completed)/.test(l)) continue;
    flagged++;
    const e = p.parse(l);
    kinds[e?.k ?? 'null'] = (kinds[e?.k ?? 'null'] ?? 0) + 1;
  }
  assert.ok(flagged > 3000, String(flagged));
  assert.ok((kinds.null ?? 0) / flagged < 0.01, JSON.stringify(kinds));
  assert.ok(kinds.received! > 1000 && kinds.delivery! > 1000 && kinds.removed! > 500, JSON.stringify(kinds));
});

test('fuzz: truncated, binary, huge and hostile lines never throw', () => {
  const p = parser();
  const base = [
    'Nov 23 10:40:14 mail postfix/smtp[1]: 5270320179: to=<a@b>, relay=x[1.2.3.4]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)',
    'Nov 23 10:40:14 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from x[1.2.3.4]: 550 5.1.1 <a@b>: no; from=<a> to=<b> proto=ESMTP helo=<h>',
    '2026-11-23 10:40:14 10HmaX-0005vi-00 <= a@b H=x [1.2.3.4] S=1',
    'Nov 23 10:00:00 mx dovecot: imap-login: Login: user=<a>, rip=1.2.3.4',
    'Feb 25 03:01:10 k sm-mta[2]: s1P819mk027713: to=<a>, delay=00:00:01, stat=Sent',
    ...Object.values(REAL_FILTER_LINES),
  ];
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < 20000; i++) {
    const b = base[i % base.length]!;
    let s: string;
    const m = i % 4;
    if (m === 0) s = b.slice(0, Math.floor(rnd() * b.length));
    else if (m === 1) s = Array.from({ length: Math.floor(rnd() * 300) }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
    else if (m === 2) { const k = Math.floor(rnd() * b.length); s = b.slice(0, k) + String.fromCharCode(Math.floor(rnd() * 65536)) + b.slice(k + 1); }
    else s = b.slice(0, Math.floor(rnd() * b.length)) + b;
    p.parse(s);
  }
  assert.equal(p.parse('Nov 23 10:40:14 mail postfix/smtp[1]: ' + 'A'.repeat(100000)), null);
  const t0 = Date.now();
  p.parse('Nov 23 10:40:14 mail postfix/smtpd[1]: NOQUEUE: reject: RCPT from ' + '['.repeat(10000) + ': 550 ' + '<'.repeat(5000));
  assert.ok(Date.now() - t0 < 500);
});
