import type { Command } from './index.js';

// PLACEHOLDER until the logs capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(logs: not yet available)', pl: '(logs: jeszcze niedostępne)' },
  usage: { en: 'mailmedic logs: not yet available', pl: 'mailmedic logs: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic logs: not yet available in this version\n');
    return 70;
  },
};
