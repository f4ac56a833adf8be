import { defineTextFormat } from './define.js';

/** Oracle/Sun Communications Messaging Server (iPlanet): "Recipient address: …" then "Reason: …". */
export const messagingserver = defineTextFormat({
  name: 'messagingserver',
  text: ['this report relates to a message you sent with the following header fields', 'your message cannot be delivered to the following recipients'],
  start: ['your message cannot be delivered to the following recipients', 'the following recipients have been delayed'],
  stop: ['original-envelope-id:', 'reporting-mta:'],
});
