/** KDDI au (ezweb.ne.jp, au.com). After Sisimai's rhost/KDDI (BSD-2-Clause). */
import type { Provider } from './types.js';

export const kddi: Provider = {
  id: 'kddi',
  name: 'KDDI au',
  hosts: ['.ezweb.ne.jp', 'msmx.au.com'],
  domains: ['ezweb.ne.jp', 'au.com'],
  rules: [
    // "550 : User unknown" (no address) comes from its recipient filter; "550 <a@b>: User unknown" from the directory.
    { reason: 'filtered', phrase: '550 : user unknown' },
    { reason: 'userunknown', phrase: '>: user unknown' },
  ],
};
