/** The question catalogue: every question the doctor may ask, once; cases pick theirs by id. */
import { tx } from '../i18n/text.js';
import type { Text } from '../core/finding.js';
import type { DoctorAnswers, Question } from './types.js';

/** Which protocol the server questions are about: asked, or implied by the case (webmail logs in over IMAP). */
function protocolOf(a: DoctorAnswers): 'smtp' | 'imap' | 'pop3' {
  return a.server?.protocol ?? (a.case === 'webmail' || a.case === 'client-receive' ? 'imap' : 'smtp');
}
const DEFAULT_PORT = { smtp: 587, imap: 993, pop3: 995 } as const;

const domainOf = (addr?: string) => (addr && addr.includes('@') ? addr.slice(addr.lastIndexOf('@') + 1).toLowerCase() : undefined);

/**
 * Every question the doctor may ask, once each; a case picks the ones it needs, and `path` says where the answer
 * goes.
 */
export const DOCTOR_QUESTIONS: Question[] = [
  {
    id: 'address', path: 'address', kind: 'text',
    prompt: tx('Which mailbox is it about? (e-mail address)', 'Której skrzynki dotyczy problem? (adres e-mail)'),
    help: tx('The full address, including the domain, e.g. anna@example.com.', 'Pełny adres razem z domeną, np. anna@example.com.'),
  },
  {
    id: 'client', path: 'client', kind: 'text', optional: true,
    prompt: tx('Which mail program and which version? (e.g. Thunderbird 128.3)', 'Jaki program pocztowy i w jakiej wersji? (np. Thunderbird 128.3)'),
  },
  {
    id: 'error', path: 'error', kind: 'text', optional: true, multiline: true,
    prompt: tx('Paste the exact error text (leave empty if there was none)', 'Wklej dokładną treść komunikatu o błędzie (zostaw puste, jeśli go nie było)'),
  },
  {
    id: 'bounceFile', path: 'bounceFile', kind: 'file', optional: true,
    prompt: tx('Did a bounce come back? Path of the saved bounce message (.eml), or empty', 'Czy przyszedł zwrot (Mailer Daemon)? Podaj ścieżkę do zapisanej wiadomości (.eml) albo zostaw puste'),
  },
  {
    id: 'server.protocol', path: 'server.protocol', kind: 'choice', optional: true,
    prompt: tx('Which protocol does the program use for this?', 'Jakiego protokołu używa program?'),
    choices: [
      { value: 'smtp', label: tx('SMTP (sending)', 'SMTP (wysyłanie)') },
      { value: 'imap', label: tx('IMAP (receiving, folders on the server)', 'IMAP (odbieranie, foldery na serwerze)') },
      { value: 'pop3', label: tx('POP3 (receiving, download)', 'POP3 (odbieranie, pobieranie)') },
    ],
  },
  {
    id: 'server.host', path: 'server.host', kind: 'text', optional: true,
    prompt: tx('Server name set in the program (e.g. mail.example.com)', 'Nazwa serwera wpisana w programie (np. mail.example.com)'),
    promptByCase: {
      webmail: tx('Mail server of your domain, to test the login (usually mail.<your domain>)', 'Serwer poczty Twojej domeny, by sprawdzić logowanie (zwykle mail.<Twoja domena>)'),
      'vps-receive': tx('Your incoming mail server (the host the MX record names)', 'Twój serwer poczty przychodzącej (nazwa z rekordu MX)'),
    },
    defaultValue: (a) => (domainOf(a.address) ? `mail.${domainOf(a.address)}` : undefined),
  },
  {
    id: 'server.port', path: 'server.port', kind: 'number', optional: true,
    prompt: tx('Port set in the program (e.g. 587, 465, 993)', 'Port wpisany w programie (np. 587, 465, 993)'),
    promptByCase: {
      webmail: tx('IMAP port of that server (993 with SSL/TLS)', 'Port IMAP tego serwera (993 z SSL/TLS)'),
      'vps-receive': tx('SMTP port of that server (25)', 'Port SMTP tego serwera (25)'),
    },
    when: (a) => Boolean(a.server?.host),
    defaultValue: (a) => String(DEFAULT_PORT[protocolOf(a)]),
  },
  {
    id: 'server.security', path: 'server.security', kind: 'choice', optional: true,
    prompt: tx('Encryption set in the program', 'Szyfrowanie ustawione w programie'),
    when: (a) => Boolean(a.server?.host),
    // Ports 465, 993 and 995 speak TLS from the first byte; the others start plain and upgrade.
    defaultValue: (a) => ([465, 993, 995].includes(a.server?.port ?? 0) ? 'tls' : 'starttls'),
    choices: [
      { value: 'starttls', label: tx('STARTTLS', 'STARTTLS') },
      { value: 'tls', label: tx('SSL/TLS (from the start)', 'SSL/TLS (od początku połączenia)') },
      { value: 'none', label: tx('none', 'brak') },
    ],
  },
  {
    id: 'server.user', path: 'server.user', kind: 'text', optional: true,
    prompt: tx('Login (user name) set in the program', 'Login (nazwa użytkownika) wpisany w programie'),
    when: (a) => Boolean(a.server?.host),
    defaultValue: (a) => a.address,
  },
  {
    id: 'server.password', path: 'server.password', kind: 'secret', optional: true,
    prompt: tx('Password (used once for the test, never saved or shown; empty = skip the login test)',
      'Hasło (użyte raz do testu, nigdy nie zapisywane ani nie pokazywane; puste = pomiń test logowania)'),
    when: (a) => Boolean(a.server?.host),
  },
  {
    id: 'incoming.host', path: 'incoming.host', kind: 'text', optional: true,
    prompt: tx("To look into the recipient's Spam folder over IMAP: IMAP server name (empty = skip)",
      'Aby zajrzeć do folderu Spam odbiorcy przez IMAP: nazwa serwera IMAP (puste = pomiń)'),
  },
  {
    id: 'incoming.port', path: 'incoming.port', kind: 'number', optional: true,
    prompt: tx('IMAP port (993 with SSL/TLS, 143 with STARTTLS)', 'Port IMAP (993 z SSL/TLS, 143 ze STARTTLS)'),
    when: (a) => Boolean(a.incoming?.host), defaultValue: () => '993',
  },
  {
    id: 'incoming.security', path: 'incoming.security', kind: 'choice', optional: true,
    prompt: tx('IMAP encryption', 'Szyfrowanie IMAP'),
    when: (a) => Boolean(a.incoming?.host),
    choices: [
      { value: 'tls', label: tx('SSL/TLS (from the start)', 'SSL/TLS (od początku połączenia)') },
      { value: 'starttls', label: tx('STARTTLS', 'STARTTLS') },
    ],
  },
  {
    id: 'incoming.user', path: 'incoming.user', kind: 'text', optional: true,
    prompt: tx('Login of that mailbox', 'Login tej skrzynki'),
    when: (a) => Boolean(a.incoming?.host), defaultValue: (a) => a.to ?? a.address,
  },
  {
    id: 'incoming.password', path: 'incoming.password', kind: 'secret', optional: true,
    prompt: tx('Password of that mailbox (used once, never saved or shown; empty = skip)',
      'Hasło do tej skrzynki (użyte raz, nigdy nie zapisywane ani nie pokazywane; puste = pomiń)'),
    when: (a) => Boolean(a.incoming?.host),
  },
  {
    id: 'sentAt', path: 'sentAt', kind: 'text', optional: true,
    prompt: tx('When was it sent? (date and time, as exact as you can)', 'Kiedy wiadomość została wysłana? (data i godzina, jak najdokładniej)'),
  },
  {
    id: 'from', path: 'from', kind: 'text', optional: true,
    prompt: tx('Sender address', 'Adres nadawcy'), defaultValue: (a) => a.address,
  },
  {
    id: 'to', path: 'to', kind: 'text', optional: true,
    prompt: tx('Recipient address', 'Adres odbiorcy'),
  },
  {
    id: 'method', path: 'method', kind: 'choice', optional: true,
    prompt: tx('How was it sent?', 'W jaki sposób wiadomość została wysłana?'),
    choices: [
      { value: 'client', label: tx('From a mail program through our SMTP server', 'Z programu pocztowego przez nasz serwer SMTP') },
      { value: 'webmail', label: tx('From webmail', 'Z poczty w przeglądarce (webmail)') },
      { value: 'php', label: tx('From PHP mail() on web hosting', 'Z PHP (funkcja mail()) na hostingu') },
      { value: 'vps', label: tx('From my own server (VPS / dedicated)', 'Z własnego serwera (VPS / dedykowany)') },
      { value: 'other', label: tx('Someone else sent it to me / elsewhere', 'Wysłał ją do mnie ktoś inny / w inny sposób') },
    ],
  },
  {
    id: 'ip', path: 'ip', kind: 'text', optional: true,
    prompt: tx("Your server's public IP address", 'Publiczny adres IP Twojego serwera'),
  },
  {
    id: 'domain', path: 'domain', kind: 'text', optional: true,
    prompt: tx('Domain concerned', 'Domena, której to dotyczy'),
    defaultValue: (a) => domainOf(a.address ?? a.from),
  },
  {
    id: 'messageFile', path: 'messageFile', kind: 'file', optional: true,
    prompt: tx('If the message did arrive (late, or in Spam): path of a copy saved with its headers (.eml), or empty',
      'Jeśli wiadomość jednak dotarła (z opóźnieniem lub do folderu Spam): podaj ścieżkę do jej kopii zapisanej z nagłówkami (.eml) albo zostaw puste'),
  },
  {
    id: 'logFile', path: 'logFile', kind: 'file', optional: true, folderOk: true,
    prompt: tx('Path of the mail log, if the server is yours (e.g. /var/log/maillog), or empty',
      'Jeśli serwer jest Twój: podaj ścieżkę do logu poczty (np. /var/log/maillog) albo zostaw puste'),
  },
  {
    // A file, or the word "live": this machine's queue (where the doctor runs on the mail server).
    id: 'queueFile', path: 'queueFile', kind: 'file', optional: true, words: ['live'],
    prompt: tx('The mail queue, if the server is yours: path of a saved listing (postqueue -j > queue.json, mailq > queue.txt), "live" to read this server\'s queue, or empty',
      'Kolejka poczty, jeśli serwer jest Twój: ścieżka do zapisanej listy (postqueue -j > kolejka.json, mailq > kolejka.txt), „live”, aby odczytać kolejkę tego serwera, albo zostaw puste'),
  },
  {
    id: 'sentToday', path: 'sentToday', kind: 'number', optional: true,
    prompt: tx('About how many messages were sent in the last 24 hours?', 'Ile mniej więcej wiadomości wysłano w ciągu ostatnich 24 godzin?'),
  },
  {
    id: 'sentLastHour', path: 'sentLastHour', kind: 'number', optional: true,
    prompt: tx('And in the last hour?', 'A w ciągu ostatniej godziny?'),
  },
  {
    id: 'webmailProblem', path: 'webmailProblem', kind: 'choice',
    prompt: tx('What goes wrong in webmail?', 'Co nie działa w poczcie przez przeglądarkę?'),
    choices: [
      { value: 'login', label: tx('I cannot log in', 'Nie mogę się zalogować') },
      { value: 'send', label: tx('Sending fails', 'Nie mogę wysłać wiadomości') },
      { value: 'missing', label: tx('A message is missing / did not arrive', 'Brakuje wiadomości / nie dotarła') },
    ],
  },
];

/** The question's words for this case. */
export function questionPrompt(q: Question, caseId: string | undefined): Text {
  return (caseId && q.promptByCase?.[caseId]) || q.prompt;
}

/** The question with this id, or undefined. */
export function questionById(id: string): Question | undefined {
  return DOCTOR_QUESTIONS.find((q) => q.id === id);
}

/** Read a dotted path ("server.host") from the answers. */
export function getAnswer(a: DoctorAnswers, path: string): unknown {
  let cur: unknown = a;
  for (const k of path.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** Write a dotted path, converting numbers for 'number' questions. */
export function setAnswer(a: DoctorAnswers, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = a as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]!] = value;
}

export { domainOf as domainOfAddress };
