/** Facebook: "RCP-P2"-style response codes. Source: facebook.com/postmaster/response_codes, via Sisimai's rhost/Facebook. */
import type { Provider } from './types.js';

export const facebook: Provider = {
  id: 'facebook',
  name: 'Facebook',
  hosts: ['.facebook.com'],
  domains: ['facebook.com'],
  codes: {
    find: /\b((?:POL|MSG|RCP|DNS|CON|INT)-[PT]\d)\b/,
    reasons: {
      'POL-P7': 'authfailure', 'POL-P1': 'blocked', 'POL-P2': 'blocked', 'POL-P3': 'blocked', 'POL-P4': 'blocked', 'POL-T1': 'blocked',
      'POL-T2': 'blocked', 'POL-T3': 'blocked', 'MSG-P2': 'contenterror', 'RCP-P2': 'filtered', 'RCP-P3': 'filtered',
      'MSG-P1': 'mesgtoobig', 'INT-P2': 'mesgtoobig', 'MSG-P3': 'notcompliantrfc', 'DNS-P1': 'rejected', 'DNS-P2': 'rejected',
      'DNS-T1': 'rejected', 'DNS-P3': 'requireptr', 'DNS-T2': 'requireptr', 'POL-P6': 'spamdetected', 'RCP-T4': 'suspend',
      'RCP-T1': 'systemerror', 'CON-T1': 'toomanyconn', 'CON-T2': 'toomanyconn', 'CON-T3': 'toomanyconn', 'CON-T4': 'toomanyconn',
      'MSG-T1': 'toomanyconn', 'RCP-P1': 'userunknown', 'INT-P1': 'userunknown', 'INT-P3': 'userunknown', 'INT-P4': 'userunknown',
      'POL-P5': 'virusdetected',
    },
  },
  rules: [],
};
