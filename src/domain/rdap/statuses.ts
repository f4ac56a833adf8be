/**
 * What a registry's domain status means for mail (RFC 8056 maps EPP's statuses to RDAP's words: "client hold" is
 * EPP's clientHold). Data: the statuses that stop mail or warn; the rest ("active", "client transfer prohibited" …)
 * are normal and shown as they are.
 */
import type { Status, Text } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';

export interface RegistryStatusInfo {
  status: Status;
  summary: Text;
  advice: Text[];
}

const CONTACT_REGISTRAR = tx('Contact the registrar (the company the domain was bought through): pay the renewal or complete what it asks for, e.g. confirming the owner\'s e-mail address.',
  'Skontaktuj się z rejestratorem (firmą, u której kupiono domenę): opłać odnowienie albo zrób to, o co prosi, np. potwierdź adres e-mail abonenta.');

/** Keyed by the status with spaces, dashes and case removed ("client hold", "clientHold" → "clienthold"). */
export const REGISTRY_STATUSES: Readonly<Record<string, RegistryStatusInfo>> = {
  clienthold: {
    status: 'error',
    summary: tx('The registrar has put the domain on hold (client hold): it is not published in DNS, so mail to it cannot be delivered and its own mail fails checks. Usually an unpaid renewal or an unconfirmed owner address.',
      'Rejestrator zawiesił domenę (client hold): nie jest publikowana w DNS, więc poczta do niej nie dociera, a jej własna poczta nie przechodzi kontroli. Zwykle to nieopłacone odnowienie albo niepotwierdzony adres abonenta.'),
    advice: [CONTACT_REGISTRAR],
  },
  serverhold: {
    status: 'error',
    summary: tx('The registry has put the domain on hold (server hold): it is not published in DNS, so no mail reaches it.',
      'Rejestr zawiesił domenę (server hold): nie jest publikowana w DNS, więc żadna poczta do niej nie dociera.'),
    advice: [tx('Ask the registrar why the registry suspended the domain (a legal or abuse case, or an unpaid fee).', 'Zapytaj rejestratora, dlaczego rejestr zawiesił domenę (sprawa prawna, nadużycie albo nieopłacona należność).')],
  },
  redemptionperiod: {
    status: 'error',
    summary: tx('The domain has expired and is in its redemption period: it is out of DNS and mail stopped; it can still be restored, for a fee.',
      'Domena wygasła i jest w okresie odkupienia (redemption): zniknęła z DNS i poczta przestała działać; wciąż można ją przywrócić, za opłatą.'),
    advice: [tx('Restore the domain through the registrar now, before it is deleted and someone else can register it.', 'Przywróć domenę u rejestratora jak najszybciej, zanim zostanie usunięta i ktoś inny będzie mógł ją zarejestrować.')],
  },
  pendingdelete: {
    status: 'error',
    summary: tx('The domain is about to be deleted (pending delete): mail has stopped and in most registries it can no longer be restored.',
      'Domena czeka na usunięcie (pending delete): poczta przestała działać, a w większości rejestrów nie da się jej już przywrócić.'),
    advice: [tx('Ask the registrar at once whether it can still be saved; otherwise register it again as soon as it is free.', 'Natychmiast zapytaj rejestratora, czy da się ją jeszcze uratować; jeśli nie, zarejestruj ją ponownie, gdy tylko się zwolni.')],
  },
  pendingrestore: {
    status: 'warn',
    summary: tx('The domain is being restored after expiry (pending restore): mail works again once the registry finishes.',
      'Domena jest przywracana po wygaśnięciu (pending restore): poczta zadziała ponownie, gdy rejestr zakończy przywracanie.'),
    advice: [tx('Wait for the registry to finish (usually hours to a few days); check again afterwards.', 'Poczekaj, aż rejestr zakończy (zwykle od kilku godzin do kilku dni), i sprawdź ponownie.')],
  },
  inactive: {
    status: 'warn',
    summary: tx('The registry lists the domain as inactive: it has no name servers delegated, so it does not exist in DNS.',
      'Rejestr podaje domenę jako nieaktywną: nie ma przypisanych serwerów nazw, więc nie istnieje w DNS.'),
    advice: [tx('Set the name servers at the registrar (those of your DNS or hosting provider).', 'Ustaw serwery nazw u rejestratora (te od Twojego dostawcy DNS lub hostingu).')],
  },
};

/** "client hold", "clientHold", "CLIENT-HOLD" → "clienthold". */
export function statusKey(s: string): string {
  return s.toLowerCase().replace(/[\s_-]+/g, '');
}
