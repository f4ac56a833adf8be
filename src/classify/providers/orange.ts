/**
 * Orange / Wanadoo / La Poste (France): error labels "OFR…_NNN", "LPN…_NNN". Sources: Orange postmaster codes
 * (postmastery.com, smtpfieldmanual.com), as collected by Sisimai's rhost/FrancePTT (BSD-2-Clause).
 */
import type { Provider } from './types.js';

export const orange: Provider = {
  id: 'orange',
  name: 'Orange / La Poste',
  hosts: ['.laposte.net', '.orange.fr', '.wanadoo.fr'],
  domains: ['orange.fr', 'wanadoo.fr', 'laposte.net'],
  codes: {
    // "LPN007_416", "OFR006_102", "OFR_506", "LPNAAA_101", "OUK_513" (an underscore or a dash before the number).
    find: /\b(?:lpnaaa|lpn|ofr|ouk)[0-9a-z]*?[_-]?(\d{3})\b/i,
    reasons: {
      101: 'blocked', 102: 'blocked', 103: 'blocked', 104: 'toomanyconn', 305: 'securityerror', 401: 'authfailure', 402: 'securityerror',
      403: 'rejected', 405: 'rejected', 415: 'rejected', 416: 'userunknown', 417: 'mailboxfull', 420: 'suspend', 421: 'rejected',
      426: 'suspend', 505: 'systemerror', 506: 'spamdetected', 510: 'blocked', 514: 'mesgtoobig', 517: 'authfailure',
      630: 'policyviolation', 999: 'blocked',
    },
  },
  rules: [{ reason: 'authfailure', phrase: 'spf/dns de votre nom de domaine' }],
};
