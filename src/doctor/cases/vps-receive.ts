import { tx } from '../../i18n/text.js';
import type { DoctorCase } from '../types.js';

/** Seed 000, case 6: receiving on your own virtual or dedicated server. */
export const vpsReceiveCase: DoctorCase = {
  id: 'vps-receive',
  seedNumber: 6,
  title: tx('Receiving on my own server (VPS) fails', 'Odbieranie na własnym serwerze (VPS) nie działa'),
  description: tx('Mail for your domain does not arrive at your own server.', 'Poczta dla Twojej domeny nie dociera do Twojego serwera.'),
  questions: ['domain', 'from', 'to', 'sentAt', 'error', 'server.host', 'server.port', 'logFile'],
  checks: ['domain.mx', 'probe.mx', 'logs', 'explain'],
  supportFacts: ['domain', 'sentAt', 'from', 'to', 'error'],
  notes: [
    tx("Check that the domain's MX records point to your server.", 'Sprawdź, czy rekordy MX domeny wskazują na Twój serwer.'),
    tx('Look in the mail log whether the message was refused or moved by the server\'s anti-spam tool.',
      'Sprawdź w logu poczty, czy wiadomość nie została odrzucona lub przeniesiona przez narzędzie antyspamowe na serwerze.'),
  ],
};
