/** Cloudflare Email Routing. Source: developers.cloudflare.com/email-routing/postmaster, via Sisimai's rhost/Cloudflare. */
import type { Provider } from './types.js';

export const cloudflare: Provider = {
  id: 'cloudflare',
  name: 'Cloudflare Email Routing',
  hosts: ['.mx.cloudflare.net'],
  domains: [],
  rules: [
    { reason: 'blocked', phrase: 'found on one or more dnsbls' },
    { reason: 'systemerror', phrase: 'upstream error' },
  ],
};
