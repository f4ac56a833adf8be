/** Why an adapter could not run: the answer it needs was not given. */
import { tx } from '../../i18n/text.js';

/**
 * Why a check could not run, by the answer it lacked (an error text, a bounce, server settings, a domain …), in both
 * languages.
 */
export const NEEDS = {
  error: tx('no error text was given', 'nie podano treści błędu'),
  bounce: tx('no bounce message was given', 'nie podano wiadomości zwrotnej'),
  server: tx('no server settings were given', 'nie podano ustawień serwera'),
  address: tx('no e-mail address was given', 'nie podano adresu e-mail'),
  domain: tx('no domain was given', 'nie podano domeny'),
  recipient: tx('no recipient address was given', 'nie podano adresu odbiorcy'),
  ip: tx('no IP address of the server was given', 'nie podano adresu IP serwera'),
  log: tx('no mail log was given', 'nie podano logu poczty'),
  queue: tx('no listing of the mail queue was given (a saved postqueue -j / mailq, or "live" on the mail server)',
    'nie podano listy kolejki poczty (zapisany wynik postqueue -j / mailq albo „live” na serwerze poczty)'),
  message: tx('no copy of the received message was given', 'nie podano kopii otrzymanej wiadomości'),
  password: tx('no password was given, so the mailbox was not opened', 'nie podano hasła, więc skrzynki nie otwarto'),
};
