/**
 * NTT DOCOMO (docomo.ne.jp): its answers say little, the status and the SMTP command say more. After Sisimai's
 * rhost/NTTDOCOMO (BSD-2-Clause): 5.1.1 is an unknown user, 5.2.0 a recipient's filter; a bare 5.0.0 refusal at
 * RCPT an unknown user, at DATA a refusal of the sender.
 */
import type { Provider } from './types.js';

export const nttdocomo: Provider = {
  id: 'nttdocomo',
  name: 'NTT DOCOMO',
  hosts: ['mfsmax.docomo.ne.jp', '.docomo.ne.jp'],
  domains: ['docomo.ne.jp'],
  rules: [
    { reason: 'userunknown', status: '5.1.1', phrase: '' },
    { reason: 'filtered', status: '5.2.0', phrase: '' },
    { reason: 'mailboxfull', phrase: '552 too much mail data' },
    { reason: 'syntaxerror', phrase: '503 bad sequence of commands' },
    { reason: 'syntaxerror', phrase: '504 command parameter not implemented' },
    { reason: 'toomanyconn', phrase: '552 too many recipients' },
    { reason: 'userunknown', status: '5.0.0', command: 'RCPT', phrase: '' },
    { reason: 'rejected', status: '5.0.0', command: 'DATA', phrase: '' },
    { reason: 'userunknown', phrase: '550 unknown user' },
  ],
};
