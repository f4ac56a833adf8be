import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classify } from '../../src/classify/index.js';

// Misreadings a reviewer found, each with the reading a help desk would give (outside a bounce unless said).

test('classify: an SPF refusal that names the sending IP is an authentication failure, not a block', () => {
  const c = classify({ text: '550 5.7.0 [SPF] 192.0.2.1 is not allowed to send mail from example.com' });
  assert.equal(c.reason, 'authfailure');
  assert.equal(c.permanence, 'permanent');
});

test('classify: the resolver\'s "Host not found, try again" is a temporary network error', () => {
  const c = classify({ text: 'Host or domain name not found. Name service error for name=x.example type=MX: Host not found, try again' });
  assert.equal(c.reason, 'networkerror');
  assert.equal(c.permanence, 'temporary');
  assert.equal(c.hard, false);
  // Without "try again" the domain does not exist (Postfix's permanent answer).
  assert.equal(classify({ text: 'Host or domain name not found. Name service error for name=x.example type=MX: Host not found' }).reason, 'hostunknown');
});

test('classify: a connection timeout is a network error unless a queue gave up', () => {
  const c = classify({ text: 'connect to mx.example.com[192.0.2.1]:25: Connection timed out' });
  assert.equal(c.reason, 'networkerror');
  assert.equal(classify({ text: 'connect to mx.example.com[192.0.2.1]:25: Connection timed out. Giving up on 192.0.2.1.' }).reason, 'expired');
  assert.equal(classify({ text: 'Message expired after sitting in queue for 5 days: connection timed out' }).reason, 'expired');
  // Inside a bounce Sisimai's convention stays: the bounce itself says the queue gave up.
  assert.equal(classify({ text: 'connect to mx.example.com[192.0.2.1]:25: Connection timed out', inBounce: true }).reason, 'expired');
});

test('classify: 421 4.4.2 "timeout exceeded" said live is a temporary network error', () => {
  const c = classify({ text: '421 4.4.2 mx.example.com Error: timeout exceeded' });
  assert.equal(c.reason, 'networkerror');
  assert.equal(c.permanence, 'temporary');
  assert.equal(classify({ status: '4.4.1' }).reason, 'networkerror');
  assert.equal(classify({ status: '4.4.2', inBounce: true }).reason, 'expired');
  assert.equal(classify({ status: '4.4.7' }).reason, 'expired');
});

test('classify: greylisting is a temporary deferral, not a security error', () => {
  for (const text of ['451 4.7.1 Greylisting in action, please come back later',
    '450 4.2.0 <a@example.com>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.com.html']) {
    const c = classify({ text });
    assert.equal(c.reason, 'onhold', text);
    assert.equal(c.permanence, 'temporary', text);
    assert.match(c.rule, /^text:onhold:greylist/, text);
    assert.equal(c.hard, false);
  }
});

test('classify: a Postfix access-map refusal of the recipient is the recipient side\'s filter, not an unknown user', () => {
  const c = classify({ text: '554 5.7.1 <x@example.com>: Recipient address rejected: Access denied' });
  assert.equal(c.reason, 'filtered');
  assert.equal(c.hard, false);
  assert.equal(c.permanence, 'permanent');
});

test('classify: "authentication not enabled" is a security error, not a syntax error', () => {
  const c = classify({ text: '503 5.5.1 Error: authentication not enabled' });
  assert.equal(c.reason, 'securityerror');
  assert.match(c.rule, /^text:securityerror:/);
});

test('classify: Polish Outlook "Nie znaleziono użytkownika … w domenie …" is an unknown user', () => {
  for (const text of ['Nie znaleziono użytkownika jan.kowalski w domenie example.pl.', 'Nie znaleziono uzytkownika jan w domenie example.pl']) {
    const c = classify({ text });
    assert.equal(c.reason, 'userunknown', text);
    assert.equal(c.hard, true);
  }
});
