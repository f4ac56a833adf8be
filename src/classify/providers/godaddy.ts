/** GoDaddy (secureserver.net): " IBnnn" codes. Source: GoDaddy help 40685, via Sisimai's rhost/GoDaddy (BSD-2-Clause). */
import type { Provider } from './types.js';

export const godaddy: Provider = {
  id: 'godaddy',
  name: 'GoDaddy',
  hosts: ['smtp.secureserver.net', 'mailstore1.secureserver.net', '.secureserver.net'],
  domains: [],
  codes: {
    find: /\b(IB\d{3})\b/,
    reasons: {
      IB401: 'securityerror', IB501: 'notcompliantrfc', IB502: 'notcompliantrfc', IB506: 'rejected', IB508: 'authfailure',
      IB108: 'requireptr', IB212: 'spamdetected', IB705: 'virusdetected', IB605: 'toomanyconn', IB007: 'toomanyconn',
      IB101: 'speeding', IB110: 'blocked', IB111: 'blocked', IB112: 'blocked', IB113: 'blocked', IB504: 'speeding', IB510: 'speeding',
      IB607: 'speeding', IB103: 'badreputation', IB104: 'blocked', IB105: 'blocked', IB106: 'blocked',
    },
  },
  rules: [
    { reason: 'blocked', phrase: 'rbl reject' },
    { reason: 'blocked', phrase: 'www.spamhaus.org/query/bl?ip=' },
    { reason: 'expired', phrase: 'has been in the queue too long' },
    { reason: 'expired', phrase: 'delivery timeout' },
    { reason: 'mailboxfull', phrase: 'account storage limit' },
    { reason: 'spamdetected', phrase: 'message rejected for spam or virus content' },
    { reason: 'suspend', phrase: 'account disabled' },
    { reason: 'systemerror', phrase: 'message is looping' },
    { reason: 'userunknown', phrase: 'recipient not found' },
    { reason: 'userunknown', phrase: 'account does not exist' },
  ],
};
