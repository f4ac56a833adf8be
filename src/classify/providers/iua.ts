/** i.ua (Ukraine): "https://mail.i.ua/err/N/" links. After Sisimai's rhost/IUA (BSD-2-Clause). */
import type { Provider } from './types.js';

export const iua: Provider = {
  id: 'iua',
  name: 'i.ua',
  hosts: ['.email.ua', '.i.ua'],
  domains: ['i.ua', 'email.ua'],
  codes: {
    find: /\.i\.ua\/err\/(\d{1,2})\//i,
    reasons: { 1: 'norelaying', 2: 'userunknown', 3: 'suspend', 4: 'mailboxfull', 5: 'toomanyconn', 6: 'norelaying', 7: 'blocked',
      8: 'rejected', 9: 'blocked', 10: 'filtered' },
  },
  rules: [],
};
