import type { Command } from './index.js';

// PLACEHOLDER until the spf capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(spf: not yet available)', pl: '(spf: jeszcze niedostępne)' },
  usage: { en: 'mailmedic spf: not yet available', pl: 'mailmedic spf: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic spf: not yet available in this version\n');
    return 70;
  },
};
