import { defineTextFormat } from './define.js';

/** Sendmail (and V5 sendmail): "----- The following addresses had permanent fatal errors -----" + transcript. */
export const sendmail = defineTextFormat({
  name: 'sendmail',
  subject: ['returned mail: ', 'warning: could not send message'],
  text: ['----- the following addresses had permanent fatal errors -----', '----- transcript of session follows -----',
    'the original message was received at'],
  start: ['----- the following addresses had', '-----the following addresses had', 'the following addresses had permanent',
    '----- transcript of session follows -----'],
  stop: ['----- original message follows', '----- unsent message follows', '-----unsent message follows',
    '----- message header follows', '--- the header of the original', '------- received message', 'content-type: message/rfc822'],
});
