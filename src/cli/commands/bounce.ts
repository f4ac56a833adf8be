import type { Command } from './index.js';

// PLACEHOLDER until the bounce capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(bounce: not yet available)', pl: '(bounce: jeszcze niedostępne)' },
  usage: { en: 'mailmedic bounce: not yet available', pl: 'mailmedic bounce: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic bounce: not yet available in this version\n');
    return 70;
  },
};
