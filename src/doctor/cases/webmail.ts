import { tx } from '../../i18n/text.js';
import type { DoctorCase } from '../types.js';

/** Seed 000, case 3: the webmail interface (login, sending, receiving). */
export const webmailCase: DoctorCase = {
  id: 'webmail',
  seedNumber: 3,
  title: tx('Webmail does not work', 'Poczta przez przeglądarkę (webmail) nie działa'),
  description: tx('You cannot log in to webmail, or cannot send or receive there.',
    'Nie możesz zalogować się do webmaila albo wysłać lub odebrać w nim wiadomości.'),
  questions: ['address', 'webmailProblem', 'error', 'server.host', 'server.port', 'server.security', 'server.password', 'sentToday'],
  checks: ['probe.login', 'explain', 'domain.mx', 'limits'],
  supportFacts: ['address', 'webmailProblem', 'error'],
  notes: [
    tx('The login is the full mailbox name including the domain (e.g. anna@example.com), not just "anna".',
      'Login to pełna nazwa skrzynki razem z domeną (np. anna@example.com), a nie samo „anna”.'),
    tx('If a message is missing in webmail or did not reach the recipient, walk the "lost message" case.',
      'Jeśli w webmailu brakuje wiadomości lub nie dotarła do adresata, przejdź ścieżkę „zaginiona wiadomość”.'),
  ],
};
