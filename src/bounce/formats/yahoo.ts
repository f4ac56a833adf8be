import { defineTextFormat } from './define.js';

/** Yahoo! Mail: "Sorry, we were unable to deliver your message to the following address." */
export const yahoo = defineTextFormat({
  name: 'yahoo',
  from: ['yahoo'],
  text: ['sorry, we were unable to deliver your message to the following address'],
  needTextAndHeader: false,
  start: ['sorry, we were unable to deliver your message to the following address', 'unable to deliver'],
  stop: ['--- below this line is a copy of the message', '--- original message'],
});
