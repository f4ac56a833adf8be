/**
 * Yahoo Inc. (Yahoo Mail, AOL, Verizon-hosted mailboxes). Sources: senders.yahooinc.com/smtp-error-codes, as
 * collected by Sisimai's rhost/YahooInc and rhost/Aol (BSD-2-Clause).
 */
import type { Provider } from './types.js';

export const yahoo: Provider = {
  id: 'yahoo',
  name: 'Yahoo Inc. (Yahoo, AOL)',
  hosts: ['.yahoodns.net', '.mail.aol.com', '.mx.aol.com', '.yahoo.com', '.aol.com'],
  domains: ['yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'yahoo.de', 'yahoo.it', 'yahoo.es', 'yahoo.ca', 'yahoo.com.br', 'yahoo.co.in',
    'ymail.com', 'rocketmail.com', 'aol.com', 'aol.jp', 'aim.com', 'verizon.net', 'yahoo.co.jp'],
  rules: [
    { reason: 'authfailure', phrase: 'yahoo requires all senders to authenticate with either spf or dkim' },
    { reason: 'blocked', phrase: " because the ip is in spamhaus's list;" },
    { reason: 'blocked', phrase: 'not accepted from ip addresses on spamhaus xbl' },
    { reason: 'norelaying', phrase: 'relaying denied for ' },
    { reason: 'notcompliantrfc', phrase: 'headers are not rfc compliant' },
    { reason: 'policyviolation', phrase: 'not accepted for policy reasons' },
    // [TSS04]: the sending IP's or domain's reputation (said at MAIL FROM it refuses the sender: rejected).
    { reason: 'rejected', command: 'MAIL', phrase: 'temporarily deferred due to unexpected volume or user complaints' },
    { reason: 'badreputation', phrase: 'temporarily deferred due to unexpected volume or user complaints' },
    { reason: 'rejected', phrase: 'due to unresolvable rfc.5321 domain' },
    { reason: 'rejected', phrase: ' will be permanently deferred' },
    { reason: 'speeding', phrase: 'user is receiving mail too quickly' },
    { reason: 'suspend', phrase: ' is no longer valid.' },
    { reason: 'suspend', phrase: 'this mailbox is disabled' },
    { reason: 'syntaxerror', phrase: 'syntax error in parameters or arguments' },
    { reason: 'toomanyconn', phrase: 'max message per connection reached' },
    { reason: 'userunknown', phrase: "dd this user doesn't have a " },
    { reason: 'userunknown', phrase: 'mailbox not found' },
    // AOL's resolver answers.
    { reason: 'hostunknown', phrase: 'host or domain name not found' },
    { reason: 'notaccept', phrase: 'type=mx: malformed or unexpected name server reply' },
  ],
};
