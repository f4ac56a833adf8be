import type { Command } from './index.js';

// PLACEHOLDER until the probe capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(probe: not yet available)', pl: '(probe: jeszcze niedostępne)' },
  usage: { en: 'mailmedic probe: not yet available', pl: 'mailmedic probe: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic probe: not yet available in this version\n');
    return 70;
  },
};
