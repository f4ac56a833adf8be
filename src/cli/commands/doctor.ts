import type { Command } from './index.js';

// PLACEHOLDER until the doctor capability lands: says so honestly instead of pretending.
export const command: Command = {
  describe: { en: '(doctor: not yet available)', pl: '(doctor: jeszcze niedostępne)' },
  usage: { en: 'mailmedic doctor: not yet available', pl: 'mailmedic doctor: jeszcze niedostępne' },
  async run() {
    process.stderr.write('mailmedic doctor: not yet available in this version\n');
    return 70;
  },
};
