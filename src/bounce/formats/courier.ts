import { defineTextFormat } from './define.js';

/** Courier MTA: "This is a delivery status notification from …, running the Courier mail server". */
export const courier = defineTextFormat({
  name: 'courier',
  text: ['running the courier mail server', 'courier mail server', 'undeliverable mail'],
  subject: ['notice: mail delivery status'],
  start: ['your message to the following recipients cannot be delivered:', 'undeliverable mail', 'delayed mail'],
  // Courier closes the recipient section with a rule of dashes (75 of them, nothing after).
  stop: ['----------------------------------------', 'content-type: message/'],
});
