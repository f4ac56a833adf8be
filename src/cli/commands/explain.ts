import type { Command } from './index.js';

// PLACEHOLDER until the explain capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(explain: not yet available)', pl: '(explain: jeszcze niedostępne)' },
  usage: { en: 'mailmedic explain: not yet available', pl: 'mailmedic explain: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic explain: not yet available in this version\n');
    return 70;
  },
};
