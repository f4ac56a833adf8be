/** Tencent QQ Mail. Source: service.mail.qq.com/detail/122, as collected by Sisimai's rhost/Tencent (BSD-2-Clause). */
import type { Provider } from './types.js';

export const tencent: Provider = {
  id: 'tencent',
  name: 'Tencent QQ Mail',
  hosts: ['.qq.com'],
  domains: ['qq.com', 'foxmail.com', 'vip.qq.com'],
  rules: [
    { reason: 'authfailure', phrase: 'spf check failed' },
    { reason: 'authfailure', phrase: 'dmarc check failed' },
    { reason: 'blocked', phrase: 'suspected bounce attacks' },
    { reason: 'blocked', phrase: 'suspected spam ip' },
    { reason: 'blocked', phrase: 'connection denied' },
    // After "suspected spam ip" (blocked): the sender, not the IP.
    { reason: 'rejected', phrase: 'suspected spam' },
    { reason: 'mesgtoobig', phrase: 'message too large' },
    { reason: 'rejected', phrase: 'mail is rejected by recipients' },
    { reason: 'spamdetected', phrase: 'spam is embedded in the email' },
    { reason: 'spamdetected', phrase: 'mail content denied' },
    { reason: 'speeding', phrase: 'mailbox unavailable or access denined' },
    { reason: 'speeding', phrase: 'frequency of receiving messages is limited' },
    { reason: 'suspend', phrase: 'is a deactivated mailbox' },
    { reason: 'syntaxerror', phrase: 'bad address syntax' },
    { reason: 'toomanyconn', phrase: 'ip frequency limited' },
    { reason: 'toomanyconn', phrase: 'domain frequency limited' },
    { reason: 'toomanyconn', phrase: 'sender frequency limited' },
    { reason: 'toomanyconn', phrase: 'connection frequency limited' },
    { reason: 'userunknown', phrase: 'mailbox not found' },
  ],
};
