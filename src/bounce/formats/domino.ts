import { defineTextFormat } from './define.js';

/** IBM/HCL Domino: "Your message … was not delivered to: <rcpt> because: <reason>". */
export const domino = defineTextFormat({
  name: 'domino',
  subject: ['delivery failure:', 'delivery report (failure)'],
  text: ['was not delivered to:', 'not listed in domino directory'],
  needTextAndHeader: true,
  start: ['was not delivered to:'],
  fix(r) { r.mailboxServer = true; },
});
