import { tx } from '../../i18n/text.js';
import type { DoctorCase } from '../types.js';

/** Seed 000, case 7: the message was sent fine but did not reach the recipient. */
export const lostMessageCase: DoctorCase = {
  id: 'lost-message',
  seedNumber: 7,
  title: tx('A message was sent but never arrived', 'Wiadomość wysłana, ale nie dotarła'),
  description: tx('Sending worked (the server accepted it), yet the recipient does not have it.',
    'Wysyłka się udała (serwer ją przyjął), a odbiorca jej nie ma.'),
  questions: ['method', 'from', 'to', 'sentAt', 'error', 'bounceFile', 'incoming.host', 'incoming.port', 'incoming.security', 'incoming.user', 'incoming.password', 'messageFile', 'logFile', 'queueFile'],
  checks: ['bounce', 'explain', 'imap.spam', 'message', 'queue', 'domain.recipient-mx', 'domain.auth', 'logs'],
  supportFacts: ['method', 'sentAt', 'from', 'to', 'error'],
  notes: [
    tx('Look for a bounce (Mailer Daemon) in the sender\'s inbox and follow what it says.',
      'Poszukaj zwrotu (Mailer Daemon) w skrzynce nadawcy i postępuj zgodnie z jego treścią.'),
    tx('The Spam folder is visible only over IMAP or in webmail, not over POP3.',
      'Folder Spam jest widoczny tylko przez IMAP lub w webmailu, nie przez POP3.'),
    tx("A full mailbox or wrong MX records of the recipient's domain also lose mail; the sender then usually gets a bounce.",
      'Pocztę gubi też przepełniona skrzynka lub błędne rekordy MX domeny odbiorcy; nadawca zwykle dostaje wtedy zwrot.'),
  ],
};
