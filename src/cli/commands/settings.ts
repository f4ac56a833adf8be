import type { Command } from './index.js';

// PLACEHOLDER until the settings capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(settings: not yet available)', pl: '(settings: jeszcze niedostępne)' },
  usage: { en: 'mailmedic settings: not yet available', pl: 'mailmedic settings: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic settings: not yet available in this version\n');
    return 70;
  },
};
