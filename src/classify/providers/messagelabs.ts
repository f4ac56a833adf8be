/**
 * Symantec/Broadcom Email Security.cloud (MessageLabs). Source: Broadcom knowledge articles on its bounce
 * codes, as collected by Sisimai's rhost/MessageLabs (BSD-2-Clause).
 */
import type { Provider } from './types.js';

export const messagelabs: Provider = {
  id: 'messagelabs',
  name: 'Symantec Email Security.cloud (MessageLabs)',
  hosts: ['.messagelabs.com'],
  domains: [],
  rules: [
    { reason: 'authfailure', phrase: 'domain authentication fail' },
    { reason: 'badreputation', phrase: 'connection rejected by policy' },
    { reason: 'blocked', phrase: 'mail rejected because your ip is in the pbl' },
    { reason: 'blocked', phrase: 'your ip address has been ' },
    { reason: 'blocked', phrase: 'your ip address (ip-addr) has been blocked' },
    { reason: 'blocked', phrase: 'your email address (addr) has been blocked' },
    { reason: 'contenterror', phrase: 'stray linefeeds in message' },
    { reason: 'failedstarttls', phrase: 'tls/sslv3 connection required' },
    { reason: 'norelaying', phrase: ' as a relay, ' },
    { reason: 'notcompliantrfc', phrase: '550 requested action aborted [4]' },
    { reason: 'notcompliantrfc', phrase: 'has detected that this message is not rfc 5322' },
    { reason: 'rejected', phrase: 'sender envelope domain not allowed for sender ip address' },
    { reason: 'rejected', phrase: 'your domain has been blocked' },
    { reason: 'rejected', phrase: 'your email address has been blocked' },
    { reason: 'rejected', phrase: 'your envelope sender is in my badmailfrom list' },
    { reason: 'rejected', phrase: 'your email address has been blacklisted' },
    { reason: 'rejected', phrase: 'your domain has been blacklisted' },
    { reason: 'securityerror', phrase: 'please turn on smtp authentication in your mail client' },
    { reason: 'spamdetected', phrase: 'message filtered' },
    { reason: 'spamdetected', phrase: 'filtered by outbound scanning' },
    { reason: 'toomanyconn', phrase: 'too many recipients received this hour' },
    { reason: 'toomanyconn', phrase: 'too many messages' },
    { reason: 'userunknown', phrase: 'no such user' },
    { reason: 'userunknown', phrase: 'invalid recipient' },
    { reason: 'userunknown', phrase: 'mailbox is not allowed' },
    { reason: 'userunknown', phrase: 'recipient mailbox is not allowed' },
  ],
};
