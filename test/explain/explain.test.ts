import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Report } from '../../src/core/finding.js';
import { explain, explainBytes, type ExplainData, type ExplainDiagnosis } from '../../src/explain/index.js';
import { render } from '../../src/report/index.js';
import { SHARED, NEEDS_SHARED } from '../helpers/env.js';

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;
const seedDir = join(SHARED, 'seeds');
const seed = (prefix: string) => readFileSync(join(seedDir, readdirSync(seedDir).find((f) => f.startsWith(prefix))!), 'utf8');
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function diagnoses(r: Report): ExplainDiagnosis[] {
  return (r.data as ExplainData).diagnoses;
}
function one(text: string): ExplainDiagnosis {
  const d = diagnoses(explain(text));
  assert.equal(d.length, 1, `expected one thing found in ${JSON.stringify(text.slice(0, 80))}, got ${d.map((x) => x.codes.join(' ') + ':' + x.knowledge.join(',')).join(' | ')}`);
  return d[0]!;
}
/** Both languages render; the Polish one has diacritics and differs from the English one. */
function assertBilingual(r: Report): void {
  const en = render(r, 'terminal', { lang: 'en' });
  const pl = render(r, 'terminal', { lang: 'pl' });
  assert.ok(POLISH.test(pl), 'Polish output without Polish letters');
  assert.notEqual(en, pl);
}

// ── The examples ────────────────────────────────────────────────────────────────────────────────
test('issue examples: reason, permanence, actor, advice, both languages', () => {
  const cases: [string, string | undefined, string][] = [
    ['550 5.7.26 This message does not have authentication information or fails to pass authentication checks', 'authfailure', 'permanent'],
    ['maildir over quota', 'mailboxfull', 'temporary'],
    ['Relay access denied', 'norelaying', 'permanent'],
    ['Połączenie wymaga szyfrowania', undefined, 'permanent'],
    ['421 4.7.0 Too many connections', 'toomanyconn', 'temporary'],
    ['Zdalny host odpowiedzial: 553 sorry, that domain isn\'t in my list of allowed rcpthosts (#5.5.3 - vuser)', 'norelaying', 'permanent'],
  ];
  for (const [text, reason, permanence] of cases) {
    const r = explain(text);
    const d = one(text);
    if (reason) assert.equal(d.reason, reason, text);
    assert.equal(d.permanence, permanence, text);
    assert.ok(d.recognised);
    assert.ok(d.advice.length > 0, `${text}: no advice`);
    assert.notEqual(d.actor, 'unknown', text);
    assertBilingual(r);
  }
  // One line with a reply code, an enhanced code and a message is ONE thing found.
  const auth = one('550 5.7.26 This message does not have authentication information or fails to pass authentication checks');
  assert.deepEqual(auth.codes, ['550', '5.7.26']);
  assert.equal(auth.replyCode, 550);
  assert.equal(auth.enhancedCode, '5.7.26');
  assert.ok(auth.seeAlso.some((c) => c.startsWith('mailmedic domain ')));
  assert.ok(one('Relay access denied').seeAlso.some((c) => c.startsWith('mailmedic probe smtp ')));
  assert.deepEqual(one('maildir over quota').seeAlso, []);
  const enc = one('Połączenie wymaga szyfrowania');
  assert.equal(enc.actor, 'you');
  assert.ok(enc.knowledge.includes('message:client.encryption-required'));
});

test('reasons the knowledge fixes', () => {
  assert.equal(one('550 5.1.1').reason, 'userunknown');
  assert.equal(one('550 5.1.1').hard, true);
  assert.equal(one('550 5.1.1').retry, 'no');
  assert.equal(one('452 4.2.2').reason, 'mailboxfull');
  assert.equal(one('552 5.2.2').reason, 'mailboxfull');
  assert.equal(one('550 5.7.25').reason, 'requireptr');
  assert.equal(one('550 5.7.26').reason, 'authfailure');
  assert.equal(one('552 5.3.4').reason, 'mesgtoobig');
  assert.equal(one('250 2.0.0 Ok: queued as 12345').reason, 'delivered');
  assert.equal(explain('250 2.0.0 Ok: queued as 12345').status, 'ok');
  assert.equal(explain('550 5.1.1 user unknown').status, 'error');
  assert.equal(explain('421 4.7.0 Too many connections').status, 'warn');
  assert.equal(one('421 4.7.0 Too many connections').retry, 'later');
});

// ── Seed 003: real bounce excerpts ──────────────────────────────────────────────────────────────────────
const SEED_003: { text: string; reason: string; knowledge?: string; see?: string }[] = [
  { text: ' <biuro@kontotestowe.e-kei.pl>: (Adres odbiorcy)\n maildrop: maildir over quota.  (Informacja wyjaśniająca problem)', reason: 'mailboxfull' },
  { text: 'failure: 192.168.41.48_does_not_like_recipient./Remote_host_said:_/\n_Zdalny_host_odpowiedzial:_500_No_such_user/Giving_up_on_192.168.41.48.', reason: 'userunknown' },
  // Without the SMTP stage, the shared classifier may file a bare "No such user" under a recipient's filter.
  { text: 'Remote host said: / Zdalny host odpowiedzial: 550 No Such User Here"', reason: 'userunknown|filtered' },
  { text: 'Błąd serwera: \'550 5.1.1 Recipient address rejected: User unknown in virtual mailbox table', reason: 'userunknown' },
  { text: 'Remote host said: / Zdalny host odpowiedzial: 550-5.7.1 [10.0.33.118 \n12] Our system has detected that this message is 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to\nGmail,', reason: 'spamdetected' },
  { text: 'Remote host said: / Zdalny host odpowiedzial: 554 5.7.1 This message has been blocked because ASE reports it as spam.', reason: 'spamdetected' },
  { text: 'Remote host said: / Zdalny host odpowiedzial: 554-heip002com\n554 Connections from this sending hostname 5e9804c2.pl, IP address of: 10.0.4.194 are being rejected \ndue to low SenderBase Reputation score (below -1). Your SenderBase organization: 32291. See for more information.', reason: 'badreputation', see: '--ip 10.0.4.194' },
  { text: 'Remote host said: / Zdalny host odpowiedzial: 554-domena\n554 Your access to this mail system has been rejected due to the sending\nMTA\'s poor reputation.', reason: 'badreputation' },
  { text: 'failure: Sorry,_I_couldn\'t_find_any_host_named_/_Nie_mozna_znalezc_hosta_:_kei.pl\'._(#5.1.2)', reason: 'hostunknown', see: 'mailmedic domain kei.pl' },
  { text: 'deferral: 192.168.86.34_does_not_like_recipient./Remote_host_said:_/_Zdalny_host_odpowiedzial:_450_4.7.1_\nClient_host_rejected:_cannot_find_your_hostname,_[10.0.134.163]/Giving_up_on_83.238.86.34./', reason: 'requireptr', see: '--ip 10.0.134.163' },
  { text: 'Remote host said: / Zdalny host odpowiedzial: 550 BLAD SPF - zobacz strone /\nSPF Error: Please see\nhttp://www.openspf.org/Why?id=newsmedia%40wp.pl&ip=94.152.13.18&receiver=smtp.wp.pl\nJesli jestes uzytkownikiem poczta.wp.pl sprawdz poprawnosc', reason: 'authfailure', see: 'mailmedic domain wp.pl' },
  { text: 'Remote host said: / Zdalny host odpowiedzial: 553 sorry, that domain isn\'t in my list of allowed rcpthosts / Ta domena nie znajduje sie na liscie obslugiwanych przez serwer, jest zablokowana lub nieprawidlowo skonfigurowano uwierzytelnianie SMTP (#5.5.3 - vuser)', reason: 'norelaying', see: 'mailmedic probe smtp' },
  { text: 'Connected to / Polaczenie z 192.168.33.29 but connection died. / ale polaczenie zostalo przerwane. (#4.4.2) I\'m not going to try again; this message has been in the queue too long.', reason: 'expired' },
  { text: 'failure: 192.168.211.25_failed_after_I_sent_the_message./Remote_host_said:_/_Zdalny_host_odpowiedzial:_550_5.7.1\n_DKIM_domain_mismatch_-_healthway.pl_found_in_DKIMCache,_but_no_DKIM-Signature_found_in_mail_header/', reason: 'authfailure', knowledge: 'message:bounce.dkim', see: 'mailmedic domain healthway.pl' },
  { text: 'Remote host said: / Zdalny host odpowiedzial: 550 Administrative \n prohibition', reason: '', knowledge: 'message:bounce.administrative-prohibition' },
  { text: 'Remote host said: / Zdalny host odpowiedzial: 550-Verification failed for\n <admin@domena>\n 550 Sender verify failed', reason: 'rejected' },
];

test('seed 003: every bounce example is found as one thing, with its reason and the command to check it', NEEDS_SHARED, () => {
  const seedText = squash(seed('003'));
  for (const ex of SEED_003) {
    // The example is really in the seed (our line breaks aside).
    for (const part of ex.text.split('\n')) assert.ok(seedText.includes(squash(part)), `not in seed 003: ${part}`);
    const r = explain(ex.text);
    const d = one(ex.text);
    assert.ok(d.recognised, ex.text);
    if (ex.reason) assert.ok(ex.reason.split('|').includes(d.reason), `${ex.text}: ${d.reason}`);
    if (ex.knowledge) assert.ok(d.knowledge.includes(ex.knowledge), `${ex.text}: ${d.knowledge}`);
    if (ex.see) assert.ok(d.seeAlso.some((c) => c.includes(ex.see!)), `${ex.text}: ${d.seeAlso}`);
    assertBilingual(r);
  }
});

test('seed 003: "match the keywords" works without any code, even misspelt as in the seed', () => {
  assert.equal(one('maildir oever qouta').reason, 'mailboxfull');
  assert.equal(one('bad spf').reason, 'authfailure');
  assert.equal(one('revDNS').reason, 'requireptr');
});

// ── Seeds 000/001: mail-program messages ─────────────────────────────────────────────────────────────────
test('seed 001: every mail-program message is recognised, in Polish and without diacritics', NEEDS_SHARED, () => {
  const lines = seed('001').split('\n').map((l) => l.trim()).filter((l) => l.startsWith('•')).map((l) => l.replace(/^•\s*/, ''));
  const messages = lines.filter((l) => !l.startsWith('Problem z plikiem')).map((l) => l.split(' - ')[0]!.replace(/\.$/, ''));
  assert.ok(messages.length >= 25, `found ${messages.length} messages in seed 001`);
  messages.push('Problem z plikiem e-mail');
  for (const m of messages) {
    for (const variant of [m, m.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/g, 'l').replace(/Ł/g, 'L')]) {
      const d = one(variant);
      assert.ok(d.recognised, variant);
      assert.ok(d.knowledge.some((k) => k.startsWith('message:client.') || k.startsWith('message:bounce.')), `${variant}: ${d.knowledge}`);
      assert.ok(POLISH.test([d.title.pl, d.meaning.pl, ...d.advice.map((a) => a.pl)].join(' ')), `${variant}: Polish text without diacritics`);
    }
  }
  assert.equal(one('Skrzynka jest przepełniona').reason, 'mailboxfull');
  assert.equal(one('Niewłaściwe dane logowania').actor, 'you');
  assert.equal(one('Wybrana metoda logowania jest zbyt słaba').permanence, 'permanent');
});

test('seed 000: "Relay access denied" explains both causes (MX records, mailbox)', NEEDS_SHARED, () => {
  assert.ok(seed('000').includes('Relay access denied'));
  const d = one('Relay access denied');
  assert.match(d.meaning.en, /MX/);
  assert.match(d.meaning.pl, /rekordy MX/);
});

// ── Seed 002: OVHcloud's table ───────────────────────────────────────────────────────────────────────────
test('seed 002: every code of OVHcloud\'s table is explained with an action', NEEDS_SHARED, () => {
  const rows = seed('002').split('\n').filter((l) => /^\|\d{3}( \d\.\d\.\d+)?\|/.test(l));
  assert.ok(rows.length >= 20, `found ${rows.length} rows`);
  for (const row of rows) {
    const code = row.split('|')[1]!;
    const r = explain(code);
    const d = one(code);
    assert.ok(d.recognised, code);
    assert.ok(d.knowledge.includes(`reply:${code.slice(0, 3)}`), `${code}: ${d.knowledge}`);
    const f = r.findings[0]!;
    assert.ok(f.advice?.length, `${code}: no action`);
    assert.ok(f.detail?.pl && POLISH.test(f.summary.pl + f.detail.pl), code);
  }
  assert.equal(one('550 5.7.26 This message does not have authentication information or fails to pass authentication checks').reason, 'authfailure');
  assert.ok(one('555').advice.some((a) => a.en.includes('200')), '555: OVHcloud limits');
});

// ── Seed 004: common SMTP error messages ─────────────────────────────────────────────────────────────────
test('seed 004: the common SMTP error messages', NEEDS_SHARED, () => {
  const text = seed('004');
  const cases: [string, string | undefined][] = [
    ['550 5.7.1 Access Denied', undefined],
    ['421 Service not available', undefined],
    ['554 5.7.1 Relay Access Denied', 'norelaying'],
    ['450 4.7.1 Temporary System Problem', undefined],
    ['501 Syntax error in parameters or arguments', 'syntaxerror'],
    ['550 5.1.1 User unknown', 'userunknown'],
    ['554 5.7.1 Relay access denied', 'norelaying'],
    ['421 4.7.0 Too many connections', 'toomanyconn'],
    ['450 4.1.8 Sender address rejected', 'rejected'],
  ];
  for (const [msg, reason] of cases) {
    assert.ok(text.includes(msg), `not in seed 004: ${msg}`);
    const d = one(msg);
    assert.ok(d.recognised);
    assert.ok(d.knowledge.some((k) => k.startsWith('message:')), `${msg}: ${d.knowledge}`);
    if (reason) assert.equal(d.reason, reason, msg);
    assert.equal(d.permanence, msg.startsWith('4') ? 'temporary' : 'permanent');
  }
});

// ── Providers ────────────────────────────────────────────────────────────────────────────────────────────
test('big providers\' rejections', () => {
  const cases: [string, string, string[]?][] = [
    ['550-5.7.26 Unauthenticated email from example.com is not accepted due to domain\'s DMARC policy.', 'message:gmail.unauthenticated', ['mailmedic domain example.com']],
    ['421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address.', 'message:gmail.unsolicited-rate'],
    ['550-5.7.1 Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address.', 'message:gmail.low-reputation'],
    ['450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered.', 'message:gmail.recipient-rate'],
    ['550-5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding forward DNS entry does not point to the sending IP.', 'message:gmail.no-ptr'],
    ['550 5.7.606 Access denied, banned sending IP [192.0.2.7]. To request removal from this list please visit https://sender.office.com/', 'provider-code:5.7.606', ['--ip 192.0.2.7']],
    ['550 5.7.708 Access denied, traffic not accepted from this IP.', 'provider-code:5.7.708'],
    ['550 5.7.1 Unfortunately, messages from [192.0.2.7] weren\'t sent. Please contact your Internet service provider since part of their network is on our block list (S3150).', 'message:microsoft.blocklist-s3150'],
    ['550 5.7.1 Service unavailable, Client host [192.0.2.7] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/192.0.2.7', 'message:bounce.blocklist', ['--ip 192.0.2.7']],
    ['421 4.7.0 [TSS04] Messages from 192.0.2.7 temporarily deferred due to unexpected volume or user complaints', 'message:yahoo.tss04'],
    ['421 4.7.0 [TSS09] All messages from 192.0.2.7 will be permanently deferred; Retrying will NOT succeed.', 'message:yahoo.tss09'],
    ['553 5.7.1 [PH01] Email not accepted for policy reasons.', 'message:yahoo.ph01'],
    ['554 Message not allowed - [TS03] All messages from 192.0.2.7 will be permanently deferred', 'message:yahoo.tss09'],
    ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup', 'message:microsoft.recipient-not-found'],
    ['554 5.7.1 [CS01] Message rejected due to local policy.', 'message:icloud.local-policy'],
    ['550 spam message rejected. Please visit http://help.mail.ru/notspam-support/id', 'message:mailru.spam'],
  ];
  for (const [text, id, see] of cases) {
    const d = one(text);
    assert.ok(d.knowledge.includes(id), `${text}: ${d.knowledge}`);
    for (const s of see ?? []) assert.ok(d.seeAlso.some((c) => c.includes(s)), `${text}: ${d.seeAlso}`);
  }
  // Microsoft uses 5.1.10 for "recipient not found", the registry for null MX: the words decide.
  assert.equal(one('550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup').reason, 'userunknown');
});

// ── Several things in one text, grouping, order ──────────────────────────────────────────────────────────
test('several lines: each thing found once, in order; multi-line replies are one thing', () => {
  const r = explain('Delivery failed.\n550 5.1.1 <a@example.com>: user unknown\nmaildir over quota\n\n421 4.7.0 Too many connections, try later\n');
  const ds = diagnoses(r);
  assert.deepEqual(ds.map((d) => d.codes.join(' ')), ['550 5.1.1', '', '421 4.7.0']);
  assert.deepEqual(ds.map((d) => d.line), [2, 3, 5]);
  assert.equal(r.findings.length, 3);
  assert.equal(r.status, 'error');

  const gmail = '550-5.7.26 This mail has been blocked because the sender is unauthenticated.\n550-5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM.\n550-5.7.26\n550 5.7.26 Authentication results: dkim=none spf=none';
  const g = one(gmail);
  assert.deepEqual(g.codes, ['550', '5.7.26']);
  assert.equal(g.reason, 'authfailure');

  // CRLF and lone CR line ends.
  assert.equal(diagnoses(explain('550 5.1.1 user unknown\r\nmaildir over quota\r\n')).length, 2);
  assert.equal(diagnoses(explain('550 5.1.1 user unknown\rmaildir over quota\r')).length, 2);
  // The same reply repeated is counted, not repeated.
  const twice = diagnoses(explain('550 5.1.1 user unknown\n550 5.1.1 user unknown\n550 5.1.1 user unknown'));
  assert.equal(twice.length, 1);
  assert.equal(twice[0]!.count, 3);
  assert.deepEqual(twice[0]!.lines, [1, 2, 3]);
});

test('an Outlook-style dialog and a whole bounce: headers of the returned message are not diagnosed', () => {
  const bounce = [
    'From: MAILER-DAEMON@mx.example.net', 'To: you@example.org', 'Subject: Undelivered Mail Returned to Sender',
    '', 'This is the mail system at host mx.example.net.', '',
    '<bob@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>:', '    Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)', '',
    'Reporting-MTA: dns; mx.example.net', 'Final-Recipient: rfc822; bob@example.com', 'Action: failed', 'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown in local recipient table', '',
    'DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=sel; bh=abc; b=def',
    'Authentication-Results: mx; spf=fail smtp.mailfrom=example.org; dkim=fail', 'Received: from [192.0.2.9] by mx with ESMTP id 554AB; Mon, 1 Jan 2024 10:00:00 +0000',
    'Subject: Relay access denied maildir over quota',
  ].join('\n');
  const ds = diagnoses(explain(bounce));
  assert.ok(ds.length >= 1 && ds.length <= 2, ds.map((d) => d.excerpt).join(' | '));
  assert.ok(ds.every((d) => d.reason === 'userunknown'), ds.map((d) => d.reason).join(','));
  assert.equal(ds[0]!.hard, true);
});

// ── Not recognised, bare digits, empty ───────────────────────────────────────────────────────────────────
test('text that matches nothing: an honest "not recognised"; bare digits still say something', () => {
  const r = explain('the printer is on fire');
  assert.equal(r.findings[0]!.check, 'explain.unrecognised');
  assert.equal(r.findings[0]!.status, 'unknown');
  assert.equal(diagnoses(r)[0]!.recognised, false);
  assertBilingual(r);

  const odd = one('599 something odd happened');
  assert.deepEqual(odd.codes, ['599']);
  assert.equal(odd.permanence, 'permanent');
  const f = explain('599 something odd happened').findings[0]!;
  assert.match(f.detail!.en, /5xx: permanent failure/);
  assert.match(f.detail!.pl, /błąd trwały/);

  const unreg = explain('451 4.7.99 strange');
  assert.match(unreg.findings[0]!.detail!.en, /not in the registry/);

  const empty = explain('   \n ');
  assert.equal(empty.findings[0]!.check, 'explain.empty');
  assert.equal(empty.status, 'unknown');
});

test('false friends are not codes: IP addresses, versions, sizes, numbers in HTML or long headers', () => {
  const r = explain('Postfix 2.11.3 at 192.168.250.11 port 587, version 3.5.1, 1550 bytes');
  assert.equal(r.findings[0]!.check, 'explain.unrecognised');
  const html = explain('375" face="Arial" style="font-size:12px;">Click here\n274)(2017031322404)(1603101448);SRVR:SG2APC01HT247;');
  assert.equal(html.findings[0]!.check, 'explain.unrecognised');
});

// ── Encodings, bad input, size ───────────────────────────────────────────────────────────────────────────
test('input bytes: UTF-8, Windows-1250, ISO-8859-2, and a mix of them line by line', () => {
  const cp1250 = Buffer.from([...Buffer.from('Skrzynka jest przepe'), 0xb3, ...Buffer.from('niona')]); // ł = 0xB3 in both
  const d1 = diagnoses(explainBytes(cp1250));
  assert.equal(d1[0]!.reason, 'mailboxfull');
  // "Połączenie wymaga szyfrowania": ą is 0xB9 in Windows-1250, 0xB1 in ISO-8859-2.
  const win = Buffer.from([...Buffer.from('Po'), 0xb3, 0xb9, ...Buffer.from('czenie wymaga szyfrowania')]);
  const iso = Buffer.from([...Buffer.from('Po'), 0xb3, 0xb1, ...Buffer.from('czenie wymaga szyfrowania')]);
  for (const b of [win, iso]) {
    const r = explainBytes(b);
    assert.ok(diagnoses(r)[0]!.knowledge.includes('message:client.encryption-required'), r.subject);
    assert.match(r.subject, /Połączenie/);
  }
  const mixed = Buffer.concat([Buffer.from('Wybrana metoda logowania jest zbyt słaba\n'), win]);
  const rm = explainBytes(mixed);
  assert.equal((rm.data as ExplainData).input.encoding, 'mixed');
  assert.equal(diagnoses(rm).length, 2);
});

function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

test('fuzz: random bytes, truncated and garbled examples never crash and keep the report shape', () => {
  const rnd = prng(42);
  const samples = SEED_003.map((e) => e.text);
  for (let i = 0; i < 300; i++) {
    let buf: Buffer;
    if (i % 3 === 0) {
      buf = Buffer.alloc(Math.floor(rnd() * 2000));
      for (let j = 0; j < buf.length; j++) buf[j] = Math.floor(rnd() * 256);
    } else {
      const s = samples[i % samples.length]!;
      const cut = s.slice(0, Math.floor(rnd() * s.length));
      const junk = Array.from({ length: Math.floor(rnd() * 40) }, () => String.fromCharCode(Math.floor(rnd() * 0x2000))).join('');
      buf = Buffer.from(i % 2 ? cut + junk : junk + cut + '\u0000\uffff' + s);
    }
    const r = explainBytes(buf);
    assert.equal(r.schema, 'mailmedic.report');
    assert.ok(r.findings.length >= 1);
    for (const f of r.findings) assert.ok(f.summary.en && f.summary.pl);
    JSON.parse(render(r, 'json', { lang: 'en' }));
  }
  const bin = explainBytes(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7) % 32)));
  assert.ok(bin.findings.some((f) => f.check === 'explain.input'));
});

test('hostile shapes and 10 MB of text finish in a few seconds (sanity bound, not a benchmark)', () => {
  const MB = 1024 * 1024;
  const inputs: [string, string][] = [
    ['one 10 MB line of letters', 'a'.repeat(10 * MB)],
    ['10 MB of codes on one line', '550 5.1.1 '.repeat(MB)],
    ['10 MB of varied bounce lines', Array.from({ length: 160_000 }, (_, i) => `${i}: 550 5.1.${i % 12} <u${i}@example.com>: user unknown; mailbox full; rcpthosts`).join('\n').slice(0, 10 * MB)],
    ['10 MB of @ and dots', '@.'.repeat(5 * MB)],
    ['10 MB of digits and dots', '5.5.5.'.repeat(1.7 * MB)],
    ['10 MB of continuation lines', ('550-5.7.1 x\n ' + 'y'.repeat(60) + '\n').repeat(130_000)],
  ];
  // Shapes aimed at the helpers that pull names out of the text (sender/recipient domain, IP, SMTP stage).
  inputs.push(['2000 lines of "<@@@…"', ('<' + '@'.repeat(999) + '\n').repeat(2000)]);
  inputs.push(['"sender" and long space runs', ('550 sender' + ' '.repeat(4000) + 'x\n').repeat(2000)]);
  inputs.push(['host named and long names', ('550 5.1.2 host named ' + 'a'.repeat(3000) + '\n').repeat(2000)]);
  inputs.push(['ip= and brackets', ('550 5.7.1 [' + '1.'.repeat(1500) + ' ip=' + '9'.repeat(500) + '\n').repeat(1000)]);
  for (const [name, text] of inputs) {
    const t0 = performance.now();
    const r = explain(text);
    const ms = performance.now() - t0;
    assert.ok(ms < 15000, `${name}: ${Math.round(ms)} ms`);
    assert.ok(r.findings.length >= 1 && r.findings.length <= 202, `${name}: ${r.findings.length} findings`);
    render(r, 'terminal', { lang: 'pl' });
  }
});

test('mail-program dialogs (Outlook, Thunderbird) in English and Polish', () => {
  const cases: [string, string][] = [
    ["Task 'user@example.com - Sending' reported error (0x800CCC0F) : 'The connection to the server was interrupted.'", 'message:client.outlook-connection-interrupted'],
    ["Zgłoszono błąd (0x800CCC0E): 'Nie można połączyć się z serwerem.'", 'message:client.outlook-cannot-connect'],
    ['Send operation timed out waiting for a response from the server. (0x8004210B)', 'message:client.outlook-timeout'],
    ['Login to server mail.example.com with username user@example.com failed.', 'message:client.login-to-server-failed'],
    ['Logowanie do serwera mail.example.pl nie powiodło się.', 'message:client.login-to-server-failed'],
    ['The Outgoing server (SMTP) mail.example.com does not seem to support encrypted passwords.', 'message:client.encrypted-passwords-unsupported'],
  ];
  for (const [text, id] of cases) {
    const d = one(text);
    assert.ok(d.knowledge.includes(id), `${text}: ${d.knowledge}`);
    assert.equal(d.actor === 'unknown', false);
  }
  // The generic "sending failed" line gives way to the server's reply inside it.
  const tb = one('Sending of the message failed. An error occurred while sending mail. The mail server responded: 5.7.1 <a@b.example>: Relay access denied. Please verify that your email address is correct.');
  assert.equal(tb.reason, 'norelaying');
  const dialog = diagnoses(explain('Sending of the message failed.\nAn error occurred while sending mail. The mail server responded:\n5.7.1 <a@b.example>: Relay access denied.\nPlease verify that your email address is correct.'));
  assert.deepEqual(dialog.map((d) => d.reason), ['norelaying']);
  assert.ok(one('Wysyłanie wiadomości nie powiodło się.').recognised);
});

test('Polish providers\' rejections (Interia, Forpsi)', () => {
  assert.ok(one('550 5.1.1 Account not found').knowledge.includes('message:interia.account-not-found'));
  assert.ok(one('550 5.7.1 Recipient doesn\'t want your mail').knowledge.includes('message:recipient.blocked-you'));
  const spf = one('550 5.7.0 [SPF] 192.0.2.1 is not allowed to send mail from example.com');
  assert.equal(spf.reason, 'authfailure');
  assert.ok(spf.seeAlso.includes('mailmedic domain example.com'), spf.seeAlso.join('; '));
  assert.equal(one('552 5.1.1 5.2.2 sorry, final recipient mailbox is full (chkuser)').reason, 'mailboxfull');
});

test('more distinct things than the limit: the rest are counted in an info finding', () => {
  const text = Array.from({ length: 30 }, (_, i) => `550 5.7.${100 + i} custom refusal ${i}`).join('\n');
  const r = explain(text, { maxDiagnoses: 10 });
  const ds = diagnoses(r);
  assert.equal(ds.length, 10);
  assert.equal((r.data as ExplainData).input.omitted, 20);
  const more = r.findings.find((f) => f.check === 'explain.more');
  assert.ok(more);
  assert.match(more.summary.pl, /20/);
});

test('a Polish Outlook delivery report: every thing found, in order, with its line', () => {
  const ndr = [
    'Nie można dostarczyć wiadomości do tych adresatów lub grup:', '', 'kowalski@example.com',
    'Adres e-mail, który wprowadzono, nie został odnaleziony. Sprawdź adres e-mail adresata i spróbuj ponownie wysłać wiadomość.',
    '', 'Informacje diagnostyczne dla administratorów:', 'Serwer generujący: AM0PR01MB1234.eurprd01.prod.exchangelabs.com',
    'kowalski@example.com', "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
  ].join('\n');
  const r = explain(ndr);
  const ds = diagnoses(r);
  assert.deepEqual(ds.map((d) => d.line), [4, 9]);
  assert.ok(ds.every((d) => d.reason === 'userunknown'));
  assert.ok(ds[0]!.knowledge.includes('message:client.outlook-ndr-address-not-found'));
  assert.deepEqual(ds[1]!.codes, ['550', '5.1.10']);
  assertBilingual(r);
});

// ── Review pass: wording that belongs to one provider, and who is who in Postfix's lines ────────────────────
test('the sending IP is the one the reply names, not the receiving host Postfix quotes', () => {
  const ms = one('host outlook-com.olc.protection.outlook.com[52.101.0.1] said: 550 5.7.1 Unfortunately, messages from [203.0.113.5] weren\'t sent. Please contact your Internet service provider since part of their network is on our block list (S3150).');
  assert.ok(ms.knowledge.includes('message:microsoft.blocklist-s3150'), ms.knowledge.join(','));
  assert.ok(ms.seeAlso.some((c) => c.endsWith('--ip 203.0.113.5')), ms.seeAlso.join('; '));
  assert.ok(!ms.seeAlso.some((c) => c.includes('52.101.0.1')), ms.seeAlso.join('; '));
  const yahoo = one('421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints');
  assert.ok(yahoo.seeAlso.some((c) => c.endsWith('--ip 203.0.113.5')), yahoo.seeAlso.join('; '));
  const gmail = one('550-5.7.1 [203.0.113.5      12] Our system has detected that this message is\n550 5.7.1 likely unsolicited mail. x1si123.1 - gsmtp');
  assert.equal(gmail.reason, 'spamdetected');
});

test('the sender domain from Gmail\'s multi-line 5.7.26 and from Postfix\'s "Sender address rejected"', () => {
  const gmail = one([
    '550-5.7.26 This mail is unauthenticated, which poses a security risk to the',
    '550-5.7.26 sender and Gmail users, and has been blocked. The sender must',
    '550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,',
    '550-5.7.26 DKIM checks did not pass and SPF check for [firma.example] did not',
    '550-5.7.26 pass with ip: [203.0.113.5]. The sender should visit',
    '550 5.7.26 instructions on setting up authentication. a1-20020a.1 - gsmtp',
  ].join('\n'));
  assert.equal(gmail.reason, 'authfailure');
  assert.ok(gmail.seeAlso.includes('mailmedic domain firma.example'), gmail.seeAlso.join('; '));
  const postfix = one('450 4.1.8 <biuro@nowhere.example>: Sender address rejected: Domain not found');
  assert.equal(postfix.reason, 'rejected');
  assert.equal(postfix.permanence, 'temporary');
  assert.ok(postfix.seeAlso.includes('mailmedic domain nowhere.example'), postfix.seeAlso.join('; '));
});

test('generic wording is not taken for one provider\'s', () => {
  const access = one('554 5.7.1 <jan@firma.example>: Recipient address rejected: Access denied');
  assert.ok(!access.knowledge.includes('message:microsoft.recipient-not-found'), access.knowledge.join(','));
  assert.ok(one('550 5.4.1 Recipient address rejected: Access denied. AS(201806281) [DB5EUR03FT011.eop-EUR03.prod.protection.outlook.com]').knowledge.includes('message:microsoft.recipient-not-found'));
  const policy = one('550 5.7.1 Message rejected due to local policy');
  assert.ok(!policy.knowledge.includes('message:icloud.local-policy'), policy.knowledge.join(','));
  assert.ok(!/iCloud/.test(policy.title.en), policy.title.en);
});

test('"TLS is required, but was not offered by host": the receiving side lacks STARTTLS, the message waits', () => {
  const d = one('TLS is required, but was not offered by host mx.przyklad.example[198.51.100.7]');
  assert.ok(d.knowledge.includes('message:bounce.tls-not-offered'), d.knowledge.join(','));
  assert.equal(d.actor, 'recipient-provider');
  assert.equal(d.permanence, 'temporary');
  assert.equal(d.retry, 'later');
  assert.ok(!/mail program|programie pocztowym/.test(d.advice.map((a) => a.en + a.pl).join(' ')));
});

test('an Outlook dialog that quotes the server\'s reply is explained by the reply', () => {
  const d = one('Zadanie „jan@firma.example — Wysyłanie” zgłosiło błąd (0x800CCC78): „Nie można wysłać wiadomości. Odpowiedź serwera: 530 5.7.0 Must issue a STARTTLS command first”');
  assert.equal(d.title.en, 'Encryption (TLS) required');
  assert.ok(d.seeAlso.some((c) => c.startsWith('mailmedic probe smtp')), d.seeAlso.join('; '));
});

test('greylisting: the words decide the advice, not a reason guessed from 4.7.1', () => {
  const d = one('451 4.7.1 Greylisting in action, please come back later');
  assert.ok(d.knowledge.includes('message:bounce.greylisted'), d.knowledge.join(','));
  assert.equal(d.permanence, 'temporary');
  assert.equal(d.retry, 'later');
  assert.ok(!d.advice.some((a) => /password|hasło/i.test(a.en + a.pl)), d.advice.map((a) => a.en).join(' | '));
  assert.ok(!d.seeAlso.some((c) => c.startsWith('mailmedic probe smtp')), d.seeAlso.join('; '));
});

test('login sent where none is offered, and Outlook\'s "not found" report in both languages', () => {
  const d = one('503 5.5.1 Error: authentication not enabled');
  assert.ok(d.knowledge.includes('message:bounce.auth-not-offered'), d.knowledge.join(','));
  assert.ok(d.advice.some((a) => /587/.test(a.en) && /587/.test(a.pl)));
  assert.ok(!d.advice.some((a) => /^Turn on SMTP authentication/.test(a.en)), d.advice.map((a) => a.en).join(' | '));
  assert.equal(one('Your message to jan@contoso.example couldn\'t be delivered. jan wasn\'t found at contoso.example.').reason, 'userunknown');
  const pl = one('Nie można dostarczyć wiadomości do jan@contoso.example. Nie znaleziono użytkownika jan w domenie contoso.example.');
  assert.ok(pl.knowledge.includes('message:client.outlook-ndr-address-not-found'), pl.knowledge.join(','));
  assert.equal(pl.reason, 'userunknown');
});

test('Postfix "Host not found, try again" is a DNS failure for now, not a missing domain', () => {
  const d = one('<jan@przykald.example>: Host or domain name not found. Name service error for name=przykald.example type=MX: Host not found, try again');
  assert.ok(d.knowledge.includes('message:bounce.dns-try-again'), d.knowledge.join(','));
  assert.equal(d.permanence, 'temporary');
  assert.equal(d.retry, 'later');
  assert.equal(d.hard, false);
  assert.ok(d.seeAlso.includes('mailmedic domain przykald.example'), d.seeAlso.join('; '));
});

test('a mail program\'s own message points at the user\'s server, not at a recipient domain', () => {
  const pop = one("Task 'jan@firma.example - Receiving' reported error (0x80042108) : 'Outlook cannot connect to your incoming (POP3) e-mail server.'");
  assert.ok(pop.knowledge.includes('message:client.outlook-cannot-connect-incoming'), pop.knowledge.join(','));
  assert.ok(pop.seeAlso.some((c) => c.startsWith('mailmedic probe imap')), pop.seeAlso.join('; '));
  assert.ok(!pop.seeAlso.some((c) => c.startsWith('mailmedic domain')), pop.seeAlso.join('; '));
  const smtp = one("Task 'jan@firma.example - Sending' reported error (0x800CCC0E) : 'Cannot connect to the server.'");
  assert.ok(smtp.seeAlso.some((c) => c.startsWith('mailmedic probe smtp')), smtp.seeAlso.join('; '));
  assert.ok(!smtp.seeAlso.includes('mailmedic domain firma.example'), smtp.seeAlso.join('; '));
});

test('greylisting is a temporary deferral decided by its words, not a blocklist verdict from X.7.1', () => {
  const d = explain('451 4.7.1 Greylisting in action, please come back later').findings[0]!.diagnosis!;
  assert.equal(d.reason, 'onhold');
  assert.equal(d.permanence, 'temporary');
  assert.match(d.rule, /^text:onhold/);
});
