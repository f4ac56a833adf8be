import { defineTextFormat } from './define.js';

/**
 * Last resort for a message that is clearly a bounce (sender, subject or headers say so) but matches no known
 * format: read address-led blocks anywhere before the returned copy.
 */
export const generic = defineTextFormat({
  name: 'generic',
  // A notice that names an address in prose but gives no SMTP code is not evidence enough of a bounce.
  inlineNeedsCode: true,
  from: ['mailer-daemon', 'postmaster', 'mail delivery', 'mail-daemon', 'maildaemon', 'mdaemon'],
  subject: ['undeliver', 'delivery fail', 'delivery status', 'returned mail', 'failure notice', 'failed delivery',
    'delivery notification', 'nondeliverable', 'non-deliverable', 'mail delivery', 'could not be delivered',
    'not delivered', 'rejected', 'bounce', 'niedostarcz', 'zwrot'],
  stop: ['--- below this line is a copy of the message', '----- original message', '------ this is a copy of the message',
    'content-type: message/rfc822', '--- original message', 'original message headers'],
});
