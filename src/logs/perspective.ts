/**
 * Whose story a refusal tells. A NOQUEUE reject in our log (smtpd, postscreen, cleanup, a milter) is our server
 * protecting itself from someone else's mail: the advice is for the administrator who runs it ("is anything
 * wanted among them?"), never the advice for a sender whose mail was refused ("get delisted"). What remote servers
 * answered to our deliveries (bounced, deferred) is the sender's story and keeps the classifier's advice.
 * Inbound notes per reason, as data; reasons not listed get the general note.
 */
import type { Reason } from '../core/finding.js';
import type { Text } from '../core/finding.js';
import { tx } from '../i18n/text.js';

export interface InboundNote { meaning: Text; advice: Text[] }

const GENERAL: InboundNote = {
  meaning: tx('Your server refused these incoming messages by its own rules, before accepting them; the senders got the refusal and a bounce from their own server.',
    'Twój serwer odrzucił te przychodzące wiadomości według własnych reguł, zanim je przyjął; nadawcy dostali odmowę i zwrot od swojego serwera.'),
  advice: [
    tx('Look for wanted senders among them (mailmedic logs trace --to <address>); if there are, adjust the rule that refused them.', 'Sprawdź, czy nie ma wśród nich oczekiwanych nadawców (mailmedic logs trace --to <adres>); jeśli są, popraw regułę, która ich odrzuciła.'),
  ],
};

export const INBOUND_NOTES: Readonly<Partial<Record<Reason, InboundNote>>> = {
  blocked: {
    meaning: tx('Clients on a DNS block list (DNSBL) or refused by a client rule: mostly spam senders and infected machines — your protection at work.',
      'Klienci z czarnej listy (DNSBL) albo odrzuceni przez regułę dla klientów: głównie spamerzy i zainfekowane komputery — tak działa ochrona Twojego serwera.'),
    advice: [
      tx('Nothing to do while the refused clients are unknown; a big provider\'s relay among them is likely a false positive (mailmedic logs problems names them).', 'Nic nie trzeba robić, dopóki odrzucani klienci są nieznani; serwer dużego dostawcy wśród nich to prawdopodobnie fałszywy alarm (mailmedic logs problems je wskaże).'),
      tx('If a wanted sender is refused, allow it before the DNSBL check (postscreen_access_list, check_client_access).', 'Jeśli odrzucany jest oczekiwany nadawca, dopuść go przed sprawdzeniem listy (postscreen_access_list, check_client_access).'),
    ],
  },
  userunknown: {
    meaning: tx('Senders wrote to addresses that do not exist on your server: typos, old addresses, or spammers guessing names.',
      'Nadawcy pisali na adresy, których na Twoim serwerze nie ma: literówki, stare adresy albo spamerzy zgadujący nazwy.'),
    advice: [
      tx('Nothing to do unless an address that should exist is among them (then create it or an alias).', 'Nic nie trzeba robić, chyba że jest wśród nich adres, który powinien istnieć (wtedy załóż go albo alias).'),
    ],
  },
  norelaying: {
    meaning: tx('Attempts to send mail through your server to other domains without logging in were refused: your server is not an open relay.',
      'Próby wysłania przez Twój serwer poczty do innych domen bez logowania zostały odrzucone: Twój serwer nie jest otwartym przekaźnikiem (open relay).'),
    advice: [
      tx('Good as it is. If your own users see this, their mail program must log in (SMTP AUTH) on port 587 or 465.', 'Tak ma być. Jeśli widzą to Twoi użytkownicy, ich program pocztowy musi się logować (SMTP AUTH) na porcie 587 lub 465.'),
    ],
  },
  syntaxerror: {
    meaning: tx('Clients that broke the SMTP protocol (talking before the greeting, bad commands): almost always spam bots.',
      'Klienci łamiący protokół SMTP (mówiący przed powitaniem, błędne polecenia): prawie zawsze boty spamowe.'),
    advice: [tx('Nothing to do.', 'Nic nie trzeba robić.')],
  },
  requireptr: {
    meaning: tx('Clients without a proper reverse DNS name were refused; spam bots mostly, but small or badly configured servers too.',
      'Odrzucono klientów bez poprawnego odwrotnego DNS (PTR); to głównie boty spamowe, ale też małe lub źle skonfigurowane serwery.'),
    advice: [tx('If a wanted sender is refused, allow its address or ask it to fix its reverse DNS.', 'Jeśli odrzucany jest oczekiwany nadawca, dopuść jego adres albo poproś o poprawienie odwrotnego DNS.')],
  },
  hostunknown: {
    meaning: tx('The sender\'s domain or host name could not be found in DNS, so your server refused the mail.',
      'Domeny lub nazwy serwera nadawcy nie znaleziono w DNS, więc Twój serwer odrzucił pocztę.'),
    advice: [tx('Nothing to do unless these are wanted senders with a temporary DNS problem.', 'Nic nie trzeba robić, chyba że to oczekiwani nadawcy z chwilowym problemem z DNS.')],
  },
  authfailure: {
    meaning: tx('Mail that failed SPF, DKIM or DMARC checks was refused: forged senders, or a sender whose records are wrong.',
      'Odrzucono pocztę, która nie przeszła SPF, DKIM lub DMARC: podrobieni nadawcy albo nadawca z błędnymi rekordami.'),
    advice: [tx('If a wanted sender is refused, tell them to fix their SPF/DKIM (mailmedic domain <their domain>).', 'Jeśli odrzucany jest oczekiwany nadawca, poproś go o poprawienie SPF/DKIM (mailmedic domain <jego domena>).')],
  },
  spamdetected: {
    meaning: tx('Your spam filter refused these messages before accepting them.', 'Twój filtr antyspamowy odrzucił te wiadomości przed przyjęciem.'),
    advice: [tx('Check for wanted mail among them; adjust the filter\'s limits or allow lists if needed.', 'Sprawdź, czy nie ma wśród nich potrzebnej poczty; w razie potrzeby popraw progi filtra lub listy zaufanych nadawców.')],
  },
};

export function inboundNote(reason: Reason): InboundNote {
  return INBOUND_NOTES[reason] ?? GENERAL;
}
