/** Apple iCloud Mail. Source: support.apple.com/en-us/102322, as collected by Sisimai's rhost/Apple (BSD-2-Clause). */
import type { Provider } from './types.js';

export const apple: Provider = {
  id: 'apple',
  name: 'Apple iCloud Mail',
  hosts: ['.mail.icloud.com', '.apple.com', '.me.com'],
  domains: ['icloud.com', 'me.com', 'mac.com'],
  rules: [
    { reason: 'authfailure', phrase: 's dmarc policy' },
    { reason: 'authfailure', phrase: 'blocked for failing both spf and dkim autentication checks' },
    { reason: 'authfailure', phrase: 'blocked for failing both spf and dkim authentication checks' },
    { reason: 'blocked', phrase: 'rejected due to having a domain present in the spamhaus' },
    { reason: 'blocked', phrase: 'rejected due to listing in spamhaus' },
    { reason: 'blocked', phrase: 'blocked - see https://support.proofpoint.com/dnsbl-lookup' },
    { reason: 'blocked', phrase: 'not accepting connections' },
    { reason: 'hasmoved', phrase: 'recipient no longer on server' },
    { reason: 'mailboxfull', phrase: 'user is over quota' },
    { reason: 'norelaying', phrase: 'relay access denied' },
    { reason: 'notaccept', phrase: 'host/domain does not accept mail' },
    { reason: 'policyviolation', phrase: 'due to local policy' },
    { reason: 'rejected', phrase: 'sender address rejected' },
    { reason: 'speeding', phrase: 'due to excessive volume' },
    { reason: 'userunknown', phrase: 'inactive email address' },
    { reason: 'userunknown', phrase: 'user does not exist' },
    { reason: 'userunknown', phrase: 'unknown or illegal alias' },
  ],
};
