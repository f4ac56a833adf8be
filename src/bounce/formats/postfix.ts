import { defineTextFormat } from './define.js';

/** Postfix: "This is the mail system at host …"; "<rcpt>: host mx[ip] said: 550 … (in reply to RCPT TO command)". */
export const postfix = defineTextFormat({
  name: 'postfix',
  subject: ['undelivered mail returned to sender', 'delayed mail (still being retried)', 'undeliverable mail returned'],
  text: ['this is the mail system at host', 'the mail system'],
  headerValue: ['(postfix)'],
  needTextAndHeader: false,
  start: ['the mail system', 'could not be delivered to one or more recipients'],
  stop: ['--', 'reporting-mta:', 'content-description:'],
});
