/**
 * Cox Communications. Source: Cox postmaster error codes (AUP#…), as collected by Sisimai's rhost/Cox
 * (BSD-2-Clause).
 */
import type { Provider } from './types.js';

export const cox: Provider = {
  id: 'cox',
  name: 'Cox',
  hosts: ['cox.net'],
  domains: ['cox.net'],
  codes: {
    find: /AUP#([A-Z0-9]{2,12})/,
    reasons: {
      CXBL: 'blocked', CXDNS: 'requireptr', CXSNDR: 'authfailure', CXSMTP: 'rejected', CXCNCT: 'toomanyconn', CXMXRT: 'toomanyconn',
      CDRBL: 'blocked', CXTHRT: 'securityerror', CXMJ: 'securityerror', IPBL0001: 'blocked', IPBL0010: 'blocked', IPBL0100: 'blocked',
      IPBL0011: 'blocked', IPBL0101: 'blocked', IPBL0110: 'blocked', IPBL0111: 'blocked', IPBL1000: 'blocked', IPBL1001: 'blocked',
      IPBL1010: 'blocked', IPBL1011: 'blocked', IPBL1100: 'blocked', IPBL1101: 'blocked', IPBL1110: 'blocked', IPBL1111: 'blocked',
      IPBL00001: 'blocked', URLBL011: 'spamdetected', URLBL101: 'spamdetected', URLBL110: 'spamdetected', URLBL1001: 'spamdetected',
    },
  },
  rules: [
    { reason: 'blocked', phrase: 'cox too many bad commands from' },
    { reason: 'blocked', phrase: 'too many invalid recipients' },
    { reason: 'requireptr', phrase: 'dns check failure - try again later' },
    { reason: 'requireptr', phrase: 'rejected - no rdns' },
    { reason: 'policyviolation', phrase: 'esmtp no data before greeting' },
    { reason: 'policyviolation', phrase: 'attachment extension is forbidden' },
    { reason: 'rejected', phrase: 'sender rejected' },
    { reason: 'systemerror', phrase: 'esmtp server temporarily not available' },
    { reason: 'toomanyconn', phrase: 'too many sessions from' },
    { reason: 'toomanyconn', phrase: 'requested action aborted: try again later' },
    { reason: 'toomanyconn', phrase: 'message threshold exceeded' },
    { reason: 'userunknown', phrase: 'recipient rejected' },
  ],
};
