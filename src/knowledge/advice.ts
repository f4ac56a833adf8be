/**
 * Advice steps that several knowledge tables give word for word: one wording per step, so that a fix reads the
 * same wherever it comes from (and `explain` can drop repeats).
 */
import { tx } from '../i18n/text.js';

/** Microsoft's delisting portal, after the cause is fixed. */
export const DELIST_MICROSOFT = tx('Request delisting at https://sender.office.com (Microsoft\'s delist portal) after fixing the cause.', 'Po usunięciu przyczyny złóż wniosek o usunięcie z listy na https://sender.office.com (portal Microsoftu).');
/** Sender authentication, in one step. */
export const PUBLISH_SPF_DKIM = tx('Publish SPF and turn on DKIM for your domain; add DMARC.', 'Opublikuj SPF i włącz DKIM dla swojej domeny; dodaj DMARC.');
/** Rate limits and temporary reputation blocks. */
export const SLOW_DOWN = tx('Slow down: lower the sending rate and number of connections; retry later.', 'Zwolnij: zmniejsz tempo wysyłki i liczbę połączeń; ponów później.');
/** A sending IP on blocklists. */
export const CHECK_BLOCKLISTS = tx('Check the sending IP on blocklists and stop the source of spam.', 'Sprawdź wysyłający adres IP na czarnych listach i usuń źródło spamu.');
/** Login details in the mail program. */
export const CHECK_LOGIN = tx('Check the login (usually the full e-mail address) and password in your mail program.', 'Sprawdź login (zwykle pełny adres e-mail) i hasło w programie pocztowym.');
/** Encryption in the mail program (ports 465 / 587). */
export const TURN_ON_TLS = tx('Turn on SSL/TLS (port 465) or STARTTLS (port 587) in your mail program.', 'Włącz SSL/TLS (port 465) lub STARTTLS (port 587) w programie pocztowym.');
