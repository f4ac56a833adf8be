import type { Command } from './index.js';

// PLACEHOLDER until the domain capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(domain: not yet available)', pl: '(domain: jeszcze niedostępne)' },
  usage: { en: 'mailmedic domain: not yet available', pl: 'mailmedic domain: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic domain: not yet available in this version\n');
    return 70;
  },
};
