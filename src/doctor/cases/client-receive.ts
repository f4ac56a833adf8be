import { tx } from '../../i18n/text.js';
import type { DoctorCase } from '../types.js';

/** Seed 000, case 2: receiving in a mail program over POP3 or IMAP. */
export const clientReceiveCase: DoctorCase = {
  id: 'client-receive',
  seedNumber: 2,
  title: tx('Receiving in a mail program fails', 'Nie mogę odebrać poczty w programie pocztowym'),
  description: tx('The mail program cannot fetch mail over POP3 or IMAP, or shows an error when it tries.',
    'Program pocztowy nie może pobrać poczty przez POP3 lub IMAP albo pokazuje błąd przy próbie.'),
  questions: ['address', 'client', 'error', 'server.protocol', 'server.host', 'server.port', 'server.security', 'server.user', 'server.password'],
  checks: ['probe.receive', 'explain', 'settings', 'domain.mx'],
  supportFacts: ['address', 'client', 'error', 'server'],
  notes: [
    tx('If the program talks to the server fine but messages do not come, walk the "lost message" case.',
      'Jeśli program łączy się z serwerem bez błędów, ale wiadomości nie przychodzą, przejdź ścieżkę „zaginiona wiadomość”.'),
  ],
};
