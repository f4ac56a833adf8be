import type { Command } from './index.js';

// PLACEHOLDER until the serve capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(serve: not yet available)', pl: '(serve: jeszcze niedostępne)' },
  usage: { en: 'mailmedic serve: not yet available', pl: 'mailmedic serve: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic serve: not yet available in this version\n');
    return 70;
  },
};
