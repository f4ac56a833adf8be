import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify, codesInText, PhraseMatcher, isHardBounce } from '../../src/classify/index.js';

test('classify: status codes decide when specific', () => {
  assert.equal(classify({ status: '5.2.2', text: 'whatever' }).reason, 'mailboxfull');
  assert.equal(classify({ status: '5.7.26', replyCode: 550 }).reason, 'authfailure');
  assert.equal(classify({ status: '5.7.25' }).reason, 'requireptr');
  assert.equal(classify({ status: '5.1.6' }).reason, 'hasmoved');
  assert.equal(classify({ status: '4.4.7' }).reason, 'expired');
  assert.equal(classify({ status: '5.1.1' }).reason, 'userunknown');
  assert.equal(classify({ status: '2.0.0' }).reason, 'delivered');
});

test('classify: wording, codes found in the text, and the rule that decided', () => {
  const c = classify({ text: '550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in virtual mailbox table' });
  assert.equal(c.reason, 'userunknown');
  assert.equal(c.status, '5.1.1');
  assert.equal(c.replyCode, 550);
  assert.equal(c.permanence, 'permanent');
  assert.equal(c.hard, true);
  assert.match(c.rule, /^text:userunknown:/);
  assert.equal(classify({ text: 'maildrop: maildir over quota.' }).reason, 'mailboxfull');
  assert.equal(classify({ text: '421 4.7.0 Too many connections' }).reason, 'toomanyconn');
  assert.equal(classify({ text: 'Relay access denied' }).reason, 'norelaying');
  assert.equal(classify({ text: '550 5.7.26 This message does not have authentication information' }).rule, 'status:5.7.26');
});

test('classify: Polish qmail bounces from seed 003', () => {
  assert.equal(classify({ text: "Remote host said: / Zdalny host odpowiedzial: 553 sorry, that domain isn't in my list of allowed rcpthosts / Ta domena nie znajduje sie na liscie obslugiwanych przez serwer (#5.5.3 - vuser)" }).reason, 'norelaying');
  const h = classify({ text: "failure: Sorry,_I_couldn't_find_any_host_named_/_Nie_mozna_znalezc_hosta_:_kei.pl'._(#5.1.2)" });
  assert.equal(h.reason, 'hostunknown');
  assert.equal(h.hard, true);
  assert.equal(classify({ text: 'deferral: 192.168.86.34_does_not_like_recipient./Remote_host_said:_/_Zdalny_host_odpowiedzial:_450_4.7.1_Client_host_rejected:_cannot_find_your_hostname,_[10.0.134.163]' }).reason, 'requireptr');
  assert.equal(classify({ text: 'Remote host said: / Zdalny host odpowiedzial: 550 BLAD SPF - zobacz strone' }).reason, 'authfailure');
  assert.equal(classify({ text: "Connected to / Polaczenie z 192.168.33.29 but connection died. / ale polaczenie zostalo przerwane. (#4.4.2) I'm not going to try again; this message has been in the queue too long." }).reason, 'expired');
  assert.equal(classify({ text: '554 Your access to this mail system has been rejected due to the sending MTA\'s poor reputation.' }).reason, 'badreputation');
});

test('classify: hard bounce rule of the corpus README', () => {
  assert.equal(isHardBounce('userunknown', 'temporary'), true);
  assert.equal(isHardBounce('notaccept', 'permanent'), true);
  assert.equal(isHardBounce('notaccept', 'temporary'), false);
  assert.equal(isHardBounce('mailboxfull', 'permanent'), false);
  assert.equal(classify({ text: 'out of office', action: 'delivered' }).hard, false);
});

test('classify: nothing recognised gives onhold/undefined honestly', () => {
  assert.equal(classify({ text: 'zzz qqq' }).reason, 'onhold');
  assert.equal(classify({}).reason, 'undefined');
  assert.equal(classify({ text: 'zzz', action: 'delayed' }).reason, 'expired');
});

test('classify: hostile input is handled in linear time', () => {
  const big = 'a'.repeat(10 * 1024 * 1024);
  const t0 = Date.now();
  assert.equal(classify({ text: big }).reason, 'onhold');
  classify({ text: 'user '.repeat(200000) + 'x' });
  classify({ text: '\u0000\uffff'.repeat(100000) });
  classify({ text: '5.'.repeat(100000) });
  assert.ok(Date.now() - t0 < 5000);
  assert.deepEqual(codesInText(''), {});
});

test('PhraseMatcher: wildcards match one non-space run, bounded', () => {
  const m = new PhraseMatcher(['user * does not exist', 'mailbox full', 'abc']);
  assert.deepEqual(m.scan('the user kijitora@example.jp does not exist').map((h) => h.index), [0]);
  assert.deepEqual(m.scan('the user a b does not exist').map((h) => h.index), []);
  assert.deepEqual(m.scan('xxabcx mailbox full').map((h) => h.index).sort(), [1, 2]);
});

test('classify: provider wording (Microsoft, Gmail, Yahoo, Polish hosting) and no filter guess outside a bounce', () => {
  const cases: [string, string][] = [
    ['550 5.1.1 RESOLVER.ADR.RecipNotFound; not found', 'userunknown'],
    ['550 5.7.520 Access denied, Your organization does not allow external forwarding', 'policyviolation'],
    ['530 5.7.0 Must issue a STARTTLS command first', 'failedstarttls'],
    ['556 5.1.10 Recipient address has null MX', 'notaccept'],
    ['452 4.2.2 The email account that you tried to reach is over quota', 'mailboxfull'],
    ['554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org', 'blocked'],
    ['421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints', 'badreputation'],
    ["550 5.7.1 Unauthenticated email from example.com is not accepted due to domain's DMARC policy", 'authfailure'],
    ['550 Użytkownik nie istnieje', 'userunknown'],
    ['552 Skrzynka odbiorcy jest pełna', 'mailboxfull'],
  ];
  for (const [text, reason] of cases) assert.equal(classify({ text }).reason, reason, text);
  // Inside a bounce, "user unknown" said after DATA is a recipient-side filter; the same words pasted alone are not.
  assert.equal(classify({ text: '550 User unknown', command: 'DATA', inBounce: true }).reason, 'filtered');
  assert.equal(classify({ text: '550 User unknown', command: 'RCPT', inBounce: true }).reason, 'userunknown');
  assert.equal(classify({ text: '550 User unknown' }).reason, 'userunknown');
});

test('classify: the remaining seed 003 families and its keyword hints', () => {
  const cases: [string, string][] = [
    ['failure: 192.168.211.25_failed_after_I_sent_the_message./Remote_host_said:_/_Zdalny_host_odpowiedzial:_550_5.7.1_DKIM_domain_mismatch_-_example.pl_found_in_DKIMCache,_but_no_DKIM-Signature_found_in_mail_header/', 'authfailure'],
    ['10.0.17.216 does not like recipient. Remote host said: / Zdalny host odpowiedzial: 550-Verification failed for <admin@domena> 550 Sender verify failed', 'rejected'],
    ['Remote host said: / Zdalny host odpowiedzial: 554 5.7.1 This message has been blocked because ASE reports it as spam.', 'spamdetected'],
    ['554 Connections from this sending hostname x.pl, IP address of: 10.0.4.194 are being rejected due to low SenderBase Reputation score (below -1).', 'badreputation'],
    ['bad spf', 'authfailure'],
    ['revDNS', 'requireptr'],
    ['maildir over quota', 'mailboxfull'],
  ];
  for (const [text, reason] of cases) assert.equal(classify({ text }).reason, reason, text);
});

test('classify: a phrase inside a longer matching phrase yields to it', () => {
  assert.equal(classify({ text: 'Domain does not exist.' }).reason, 'hostunknown');
  assert.equal(classify({ text: '550 5.1.1 <a@b.example>... User does not exist.' }).reason, 'userunknown');
});

// Expected hits checked against the automaton as it was built eagerly before (same order, same offsets).
test('PhraseMatcher: built on demand, the same hits whatever the order texts arrive in', () => {
  const patterns = ['user unknown', 'unknown', 'user * not found', 'mailbox full', 'full', 'skrzynka pełna', 'ab', 'b', 'abc*d'];
  const texts = ['550 user unknown here', 'user bob not found; mailbox full', 'skrzynka pełna!', 'xabcxd abcyd ab b',
    'nothing at all', 'fulfull unknownunknown', 'u', ''];
  const forward = new PhraseMatcher(patterns);
  const backward = new PhraseMatcher(patterns);
  const a = texts.map((t) => forward.scan(t));
  const b = texts.slice().reverse().map((t) => backward.scan(t)).reverse();
  assert.deepEqual(a, b);
  assert.deepEqual(a[0], [{ index: 0, at: 4 }, { index: 1, at: 9 }]);
  assert.deepEqual(a[1]!.map((h) => patterns[h.index]), ['user * not found', 'b', 'mailbox full', 'full']);
  assert.deepEqual(a[3]!.map((h) => patterns[h.index]), ['ab', 'b', 'abc*d']);
  assert.equal(forward.scanFirst('the mailbox full')?.index, 7); // the 'b' of mailbox ends first
  assert.throws(() => new PhraseMatcher(['*x']));
});

test('classify: pasted "550 No such user" (no SMTP stage, not in a bounce) is an unknown user', () => {
  for (const text of ['550 No such user', 'No such user', '550 No Such User Here', 'Zdalny host odpowiedzial: 550 No Such User Here']) {
    const c = classify({ text });
    assert.equal(c.reason, 'userunknown', text);
    assert.equal(c.hard, true, text);
  }
  // Inside a bounce, the same words given after DATA come from a filter (Sisimai's reading); at RCPT they do not.
  assert.equal(classify({ text: '550 No such user', inBounce: true, command: 'DATA' }).reason, 'filtered');
  assert.equal(classify({ text: '550 No such user', inBounce: true, command: 'RCPT' }).reason, 'userunknown');
});

test('classify: wording from MTA decoders\' tables (Exim, qmail-ldap, OpenSMTPD, Exchange, Courier), written as those MTAs write it', () => {
  const cases: [string, string][] = [
    ['all relevant MX records point to non-existent hosts', 'hostunknown'],
    ['SMTP error from remote mail server after RCPT TO: malformed address: angle-brackets nested too deep', 'syntaxerror'],
    ['Delivery failed for 1 recipient(s): Destination seem to reject all mails', 'notaccept'],
    ['Delivery failed for 1 recipient(s): No valid route to remote MX', 'networkerror'],
    ['Delivery failed for 1 recipient(s): Could not retrieve credentials', 'securityerror'],
    ['550 5.2.1 Mailaddress is administrativly disabled. (#5.2.1)', 'suspend'],
    ['The message exeeded the maximum size the user accepts (#5.2.3)', 'exceedlimit'],
    ["#550 5.2.0 RESOLVER.ADR.BadPrimary; bad primary address ##", 'systemerror'],
    ['550 5.5.3 RESOLVER.ADR.RecipLimit; too many recipients', 'exceedlimit'],
    ["This domain's DNS violates RFC 1035.", 'systemerror'],
    ['550 sorry, no mailbox here by that name. (#5.1.1)', 'userunknown'],
    ['has been frozen', 'expired'],
  ];
  for (const [text, reason] of cases) assert.equal(classify({ text, inBounce: true }).reason, reason, text);
});
