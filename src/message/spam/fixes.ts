/** Advice shared by several filters' rule tables: the few things a sender can actually fix. */
import { tx } from '../../i18n/text.js';

export const FIX = {
  spf: tx('Add the sending server\'s IP (or your provider\'s include:) to the SPF record of the envelope sender\'s (Return-Path) domain.', 'Dodaj adres IP serwera wysyłającego (albo include: swojego dostawcy) do rekordu SPF domeny adresu zwrotnego (Return-Path).'),
  dkim: tx('Turn on DKIM signing for your own domain at your mail provider and publish its key in DNS.', 'Włącz podpisywanie DKIM dla własnej domeny u dostawcy poczty i opublikuj klucz w DNS.'),
  dkimBroken: tx('Check that the DKIM key in DNS matches the one the server signs with, and that nothing (a footer, antivirus, a forwarder) changes the message after signing.', 'Sprawdź, czy klucz DKIM w DNS odpowiada temu, którym podpisuje serwer, i czy nic (stopka, antywirus, przekierowanie) nie zmienia wiadomości po podpisaniu.'),
  dmarc: tx('Make SPF or DKIM pass for the From domain itself: sign with DKIM d= equal to (or a subdomain of) the From domain, or send with a Return-Path in that domain; publish a DMARC record.', 'Spraw, by SPF lub DKIM przechodziło dla samej domeny z From: podpisuj DKIM z d= równym domenie From (lub jej subdomenie) albo wysyłaj z Return-Path w tej domenie; opublikuj rekord DMARC.'),
  ptr: tx('Ask the owner of the sending IP (hosting or ISP) for a PTR record with the server\'s name that resolves back to the IP.', 'Poproś właściciela adresu IP (hosting lub dostawcę internetu) o rekord PTR z nazwą serwera, która wskazuje z powrotem na ten adres.'),
  dynamic: tx('Do not send directly from a home or dynamic IP: send through your provider\'s mail server (port 587 with login).', 'Nie wysyłaj bezpośrednio z domowego lub dynamicznego adresu IP: wysyłaj przez serwer poczty dostawcy (port 587 z logowaniem).'),
  listed: tx('The sending IP is on a block list: find out why (infected machine, open relay, compromised account), fix it, then request delisting from that list.', 'Adres IP nadawcy jest na czarnej liście: ustal dlaczego (zainfekowany komputer, otwarty przekaźnik, przejęte konto), usuń przyczynę, a potem poproś o usunięcie z listy.'),
  uri: tx('A link in the message points to a domain on a block list: remove it or replace it with a link to your own domain.', 'Link w wiadomości prowadzi do domeny z czarnej listy: usuń go albo zastąp linkiem do własnej domeny.'),
  ipLink: tx('Link to your own domain name, never to a bare IP address.', 'Podawaj linki do nazw we własnej domenie, nigdy do samych adresów IP.'),
  shortener: tx('Do not use URL shorteners (bit.ly and the like) in mail: link to your own domain.', 'Nie używaj skracaczy linków (bit.ly itp.) w poczcie: podawaj linki do własnej domeny.'),
  imageOnly: tx('Add real text to the message: a message that is one big image with little text looks like spam.', 'Dodaj do wiadomości prawdziwy tekst: wiadomość będąca jednym dużym obrazkiem z odrobiną tekstu wygląda jak spam.'),
  htmlOnly: tx('Send a plain-text part alongside the HTML (multipart/alternative).', 'Wysyłaj obok HTML także część tekstową (multipart/alternative).'),
  headers: tx('Fix the program that builds the message so that it sets standard headers (Message-ID, Date, To, Subject).', 'Popraw program tworzący wiadomość, tak by ustawiał standardowe nagłówki (Message-ID, Date, To, Subject).'),
  date: tx('Set the sending computer\'s clock and time zone correctly.', 'Ustaw poprawnie zegar i strefę czasową komputera wysyłającego.'),
  replyTo: tx('Use a Reply-To in your own domain, not a free mail address.', 'Używaj Reply-To we własnej domenie, a nie adresu w darmowej poczcie.'),
  content: tx('Rewrite the content: avoid all caps, money and urgency phrases, and hidden or tiny text.', 'Przeredaguj treść: unikaj wersalików, zwrotów o pieniądzach i pośpiechu oraz ukrytego lub drobnego tekstu.'),
  bulk: tx('For newsletters: send only to people who opted in, add List-Unsubscribe (one-click), remove addresses that bounce.', 'Przy newsletterach: wysyłaj tylko do osób, które się zapisały, dodaj List-Unsubscribe (jednym kliknięciem), usuwaj adresy, które się odbijają.'),
  reputation: tx('Build the reputation of the sending IP/domain: send wanted mail only, keep complaint and bounce rates low, use a reputable provider.', 'Buduj reputację adresu IP/domeny: wysyłaj tylko oczekiwaną pocztę, utrzymuj niski odsetek skarg i zwrotów, korzystaj z renomowanego dostawcy.'),
};
