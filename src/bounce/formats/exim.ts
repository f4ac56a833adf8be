import { firstAddress } from '../text.js';
import { defineTextFormat } from './define.js';

/** Exim: "A message that you sent could not be delivered … The following address(es) failed:". */
export const exim = defineTextFormat({
  name: 'exim',
  header: ['x-failed-recipients'],
  text: ['this message was created automatically by mail delivery software', 'the following address(es) failed',
    'could not be delivered to one or more of its', 'message has not yet been delivered to all of its recipients'],
  subject: ['mail delivery failed', 'warning: message'],
  start: ['the following address(es) failed', 'address(es) failed:', 'could not be delivered to one or more of its recipients',
    "delivery to the following recipients has been delayed", 'has not yet been delivered to the following', 'recipients. the following address'],
  stop: ['------ this is a copy of the message', '------ the body of the message', '--- the header of the original message',
    'reporting-mta:', 'content-type: message'],
  fix(r, ctx) {
    if (!r.recipient.includes('@')) {
      const a = firstAddress(r.diagnosticCode ?? '');
      if (a) r.recipient = a;
    }
    void ctx;
  },
});
