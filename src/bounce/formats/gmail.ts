import { defineTextFormat } from './define.js';

/** Gmail and Google Workspace: "Delivery to the following recipient failed permanently:". */
export const gmail = defineTextFormat({
  name: 'gmail',
  from: ['mailer-daemon@googlemail.com', 'mailer-daemon@google.com'],
  text: ['delivery to the following recipient failed permanently', 'delivery to the following recipient has been delayed',
    "technical details of permanent failure", "message wasn't delivered to", 'the response from the remote server was',
    'your message wasn\'t delivered'],
  start: ['delivery to the following recipient', 'delivery to the following recipients', "your message wasn't delivered to",
    "message wasn't delivered to", "there was a problem delivering your message to", "delivery incomplete"],
  stop: ['----- original message -----', '----- message header follows -----', '----- original message'],
});
