import type { Command } from './index.js';

// PLACEHOLDER until the message capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(message: not yet available)', pl: '(message: jeszcze niedostępne)' },
  usage: { en: 'mailmedic message: not yet available', pl: 'mailmedic message: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic message: not yet available in this version\n');
    return 70;
  },
};
