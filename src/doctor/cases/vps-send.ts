import { tx } from '../../i18n/text.js';
import type { DoctorCase } from '../types.js';

/** Seed 000, case 5: sending from your own virtual or dedicated server. */
export const vpsSendCase: DoctorCase = {
  id: 'vps-send',
  seedNumber: 5,
  title: tx('Sending from my own server (VPS) fails', 'Wysyłanie z własnego serwera (VPS) nie działa'),
  description: tx('Your own server (Postfix, Exim, …) sends, but the messages are refused, delayed or land in spam.',
    'Twój serwer (Postfix, Exim, …) wysyła, ale wiadomości są odrzucane, opóźnione lub trafiają do spamu.'),
  questions: ['from', 'ip', 'domain', 'to', 'sentAt', 'error', 'bounceFile', 'logFile', 'queueFile'],
  checks: ['ip.ptr', 'ip.blacklist', 'spf.ip', 'queue', 'logs', 'bounce', 'explain', 'domain.auth', 'domain.recipient-mx'],
  supportFacts: ['method', 'ip', 'sentAt', 'from', 'to', 'error'],
  notes: [
    tx('Read the mail log first (on most systems /var/log/maillog or /var/log/mail.log), and look at the mail queue (postqueue -p): mail that waits there says why.',
      'Najpierw przejrzyj log poczty (zwykle /var/log/maillog lub /var/log/mail.log) i kolejkę poczty (postqueue -p): poczta, która tam czeka, mówi dlaczego.'),
    tx('The server IP needs a PTR record whose name points back to the same IP; set it at the IP owner (your hosting or ISP).',
      'Adres IP serwera musi mieć rekord PTR, którego nazwa wskazuje z powrotem ten sam adres; ustawia się go u właściciela IP (hosting lub dostawca).'),
  ],
};
