import { tx } from '../../i18n/text.js';
import type { DoctorCase } from '../types.js';

/** Seed 000, case 4: sending from PHP mail() on shared web hosting. */
export const phpMailCase: DoctorCase = {
  id: 'php-mail',
  seedNumber: 4,
  title: tx('Sending from PHP (mail()) on web hosting fails', 'Wysyłanie z PHP (mail()) na hostingu nie działa'),
  description: tx('A website form or script sends with mail() and the messages do not go out or do not arrive.',
    'Formularz lub skrypt na stronie wysyła przez mail(), a wiadomości nie wychodzą lub nie docierają.'),
  questions: ['from', 'domain', 'to', 'sentAt', 'sentToday', 'sentLastHour', 'error', 'bounceFile', 'logFile'],
  checks: ['limits', 'bounce', 'explain', 'logs', 'domain.auth', 'domain.recipient-mx'],
  supportFacts: ['method', 'sentAt', 'from', 'to', 'error'],
  notes: [
    tx('On web hosting PHP can send only through mail(); a direct SMTP connection from a script to port 25 is blocked.',
      'Na hostingu PHP może wysyłać tylko przez mail(); bezpośrednie połączenie skryptu z portem 25 jest zablokowane.'),
    tx('At most 500 messages a day; check the used limit in the hosting panel (hosting status).',
      'Najwyżej 500 wiadomości dziennie; wykorzystanie limitu sprawdzisz w panelu klienta (status hostingu).'),
    tx('Send from an address in your own domain, so that SPF of that domain covers the hosting server.',
      'Wysyłaj z adresu we własnej domenie, żeby SPF tej domeny obejmował serwer hostingu.'),
  ],
};
