/** Zoho Mail. Sources: zoho.com/mail/help/spam-reason.html, smtpfieldmanual.com; via Sisimai's rhost/Zoho (BSD-2-Clause). */
import type { Provider } from './types.js';

export const zoho: Provider = {
  id: 'zoho',
  name: 'Zoho Mail',
  hosts: ['.zoho.com', '.zoho.eu', '.zoho.in', '.zohomail.com'],
  domains: ['zoho.com', 'zohomail.com', 'zoho.eu', 'zoho.in'],
  rules: [
    { reason: 'authfailure', phrase: 'email rejected per dmarc policy' },
    { reason: 'blocked', phrase: 'greylisted, try again after some time' },
    { reason: 'rejected', phrase: 'email cannot be delivered. reason: email flagged as spam' },
    { reason: 'rejected', phrase: 'mail rejected by destination domain' },
    { reason: 'policyviolation', phrase: 'email policy violation detected' },
    { reason: 'policyviolation', phrase: 'mailbox delivery restricted by policy error' },
    { reason: 'systemerror', phrase: 'temporary system error' },
    { reason: 'userunknown', phrase: 'user does not exist' },
    { reason: 'virusdetected', phrase: ' detected by zoho mail' },
  ],
};
