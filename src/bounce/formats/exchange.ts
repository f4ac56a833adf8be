import { defineTextFormat } from './define.js';

/** Microsoft Exchange 2003/2007+ and Office 365 / Outlook.com non-delivery reports. */
export const exchange = defineTextFormat({
  name: 'exchange',
  subject: ['undeliverable:', 'non remis', 'unzustellbar', 'delivery status notification (failure)', 'niedostarczalne'],
  text: ['your message did not reach some or all of the intended recipients', 'delivery has failed to these recipients or groups',
    "your message couldn't be delivered", 'the following recipient(s) cannot be reached', 'diagnostic information for administrators',
    'generating server:', 'microsoft exchange'],
  header: ['x-ms-exchange-message-is-ndr', 'x-ms-exchange-crosstenant-id'],
  start: ['delivery has failed to these recipients or groups', 'your message did not reach some or all of the intended recipients',
    'the following recipient(s) cannot be reached', 'diagnostic information for administrators', "couldn't be delivered to"],
  stop: ['original message headers', '----- original message', 'content-type: message/rfc822'],
});
