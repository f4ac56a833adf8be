import { defineTextFormat } from './define.js';

/** OpenSMTPD: "An error has occurred while attempting to deliver a message for the following list of recipients:". */
export const opensmtpd = defineTextFormat({
  name: 'opensmtpd',
  text: ['this is the mailer-daemon, please do not reply to this e-mail', 'an error has occurred while attempting to deliver a message',
    'this is the mailer-daemon at'],
  subject: ['delivery status notification: error', 'delivery status notification: delay'],
  start: ['following list of recipients:', 'an error has occurred while attempting to deliver a message'],
  stop: ['below is a copy of the original message:'],
});
