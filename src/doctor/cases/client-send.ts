import { tx } from '../../i18n/text.js';
import type { DoctorCase } from '../types.js';

/** Seed 000, case 1: sending from a mail program through the provider's SMTP server. */
export const clientSendCase: DoctorCase = {
  id: 'client-send',
  seedNumber: 1,
  title: tx('Sending from a mail program fails', 'Nie mogę wysłać poczty z programu pocztowego'),
  description: tx('Outlook, Thunderbird or a phone app shows an error when sending through your SMTP server.',
    'Outlook, Thunderbird lub aplikacja w telefonie pokazuje błąd przy wysyłaniu przez Twój serwer SMTP.'),
  questions: ['address', 'client', 'error', 'server.host', 'server.port', 'server.security', 'server.user', 'server.password', 'to', 'sentAt', 'sentToday'],
  checks: ['probe.send', 'explain', 'settings', 'limits', 'domain.auth'],
  supportFacts: ['address', 'client', 'error', 'server', 'sentAt', 'to'],
  notes: [
    tx('If the message was accepted but never arrived, walk the "lost message" case instead.',
      'Jeśli wiadomość została przyjęta, ale nie dotarła, przejdź ścieżkę „zaginiona wiadomość”.'),
    tx('Web hosting allows at most 500 messages a day.', 'Z hostingu można wysłać najwyżej 500 wiadomości dziennie.'),
  ],
};
