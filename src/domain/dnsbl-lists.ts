/**
 * The DNS blocklists mailmedic checks, as data. Each entry: the zone, what it lists (IP addresses or
 * domains), what each answer means, its test entry (list health), and the answers that mean "your query was
 * refused" rather than "listed". SORBS is not here: it shut down in 2024 and its zone answers nonsense.
 * Replace or extend the set with `checkDomain(..., { dnsblLists })`.
 */
import type { Text } from '../core/finding.js';
import { tx } from '../i18n/text.js';

/**
 * What one answer of a blocklist means: its sub-list and whether mail is commonly refused for it or it is only
 * informational.
 */
export interface DnsblCode {
  /** Answer address (exact) or a bit (bitmask lists, see `bitmask`). */
  code: string;
  /** Sub-list name, e.g. "SBL", "XBL", "PBL". */
  sublist: string;
  meaning: Text;
  /** 'block': mail is commonly refused; 'policy': informational (e.g. PBL: end-user address). */
  severity: 'block' | 'policy';
}

/**
 * A DNS blocklist: the zone to ask, whether it lists IPs or domains, what its answers mean, which answers mean "could
 * not check", and its test entry for checking the list still answers.
 */
export interface DnsblList {
  id: string;
  name: string;
  zone: string;
  kind: 'ip' | 'domain';
  /** Where a listed owner looks the entry up / asks for removal. */
  lookupUrl: string;
  codes: DnsblCode[];
  /** Bitmask lists (SURBL, URIBL): the last octet is a bit set; codes[].code holds the bit value. */
  bitmask?: boolean;
  /** Answers that mean "could not check" (query refused, over quota, public resolver), never "listed". */
  errorCodes: { code: string; meaning: Text }[];
  /** The entry that must be listed (list health): an IP (as given) or a domain. */
  testEntry: string;
  /** Answer (any of) expected for the test entry. */
  testAnswer?: string[];
  /** Lists IPv6 addresses too (nibble format). */
  ipv6?: boolean;
}

const SPAMHAUS_ERRORS = [
  { code: '127.255.255.252', meaning: tx('Spamhaus: typing error in the DNSBL name', 'Spamhaus: błąd w nazwie strefy DNSBL') },
  { code: '127.255.255.254', meaning: tx('Spamhaus: query through a public/open resolver, refused', 'Spamhaus: zapytanie przez publiczny resolwer — odrzucone') },
  { code: '127.255.255.255', meaning: tx('Spamhaus: too many queries, refused', 'Spamhaus: zbyt wiele zapytań — odrzucone') },
];

/** The blocklists checked unless the caller gives its own (`dnsblLists`). */
export const DEFAULT_DNSBL_LISTS: readonly DnsblList[] = [
  {
    id: 'spamhaus-zen', name: 'Spamhaus ZEN', zone: 'zen.spamhaus.org', kind: 'ip', ipv6: true,
    lookupUrl: 'https://check.spamhaus.org/', testEntry: '127.0.0.2', testAnswer: ['127.0.0.2', '127.0.0.4', '127.0.0.10'],
    codes: [
      { code: '127.0.0.2', sublist: 'SBL', meaning: tx('Spamhaus SBL: a known spam source or spam operation', 'Spamhaus SBL: znane źródło spamu lub operacja spamowa'), severity: 'block' },
      { code: '127.0.0.3', sublist: 'SBL CSS', meaning: tx('Spamhaus CSS: sending low-reputation mail (snowshoe spam, compromised forms)', 'Spamhaus CSS: wysyłka poczty o złej reputacji (spam rozproszony, przejęte formularze)'), severity: 'block' },
      { code: '127.0.0.4', sublist: 'XBL', meaning: tx('Spamhaus XBL/CBL: infected or hijacked machine (malware, open proxy)', 'Spamhaus XBL/CBL: zainfekowany lub przejęty komputer (malware, otwarte proxy)'), severity: 'block' },
      { code: '127.0.0.5', sublist: 'XBL', meaning: tx('Spamhaus XBL: infected or hijacked machine', 'Spamhaus XBL: zainfekowany lub przejęty komputer'), severity: 'block' },
      { code: '127.0.0.6', sublist: 'XBL', meaning: tx('Spamhaus XBL: infected or hijacked machine', 'Spamhaus XBL: zainfekowany lub przejęty komputer'), severity: 'block' },
      { code: '127.0.0.7', sublist: 'XBL', meaning: tx('Spamhaus XBL: infected or hijacked machine', 'Spamhaus XBL: zainfekowany lub przejęty komputer'), severity: 'block' },
      { code: '127.0.0.9', sublist: 'SBL DROP', meaning: tx('Spamhaus DROP: hijacked or criminal network', 'Spamhaus DROP: przejęta lub przestępcza sieć'), severity: 'block' },
      { code: '127.0.0.10', sublist: 'PBL', meaning: tx('Spamhaus PBL (ISP): an end-user address that should not send mail directly', 'Spamhaus PBL (dostawca): adres użytkownika końcowego, który nie powinien wysyłać poczty bezpośrednio'), severity: 'policy' },
      { code: '127.0.0.11', sublist: 'PBL', meaning: tx('Spamhaus PBL: an end-user address that should not send mail directly', 'Spamhaus PBL: adres użytkownika końcowego, który nie powinien wysyłać poczty bezpośrednio'), severity: 'policy' },
    ],
    errorCodes: SPAMHAUS_ERRORS,
  },
  {
    id: 'spamcop', name: 'SpamCop', zone: 'bl.spamcop.net', kind: 'ip', lookupUrl: 'https://www.spamcop.net/bl.shtml', testEntry: '127.0.0.2',
    codes: [{ code: '127.0.0.2', sublist: 'SCBL', meaning: tx('SpamCop: reported by spam recipients recently', 'SpamCop: adres niedawno zgłaszany przez odbiorców spamu'), severity: 'block' }],
    errorCodes: [],
  },
  {
    id: 'barracuda', name: 'Barracuda BRBL', zone: 'b.barracudacentral.org', kind: 'ip', lookupUrl: 'https://www.barracudacentral.org/lookups', testEntry: '127.0.0.2',
    codes: [{ code: '127.0.0.2', sublist: 'BRBL', meaning: tx('Barracuda: poor sending reputation', 'Barracuda: zła reputacja nadawcy'), severity: 'block' }],
    errorCodes: [],
  },
  {
    id: 'mailspike', name: 'Mailspike', zone: 'bl.mailspike.net', kind: 'ip', lookupUrl: 'https://mailspike.io/ip_verify', testEntry: '127.0.0.2',
    codes: [
      { code: '127.0.0.2', sublist: 'BL', meaning: tx('Mailspike: listed for spam', 'Mailspike: na liście za spam'), severity: 'block' },
      { code: '127.0.0.10', sublist: 'L5', meaning: tx('Mailspike: worst reputation', 'Mailspike: najgorsza reputacja'), severity: 'block' },
      { code: '127.0.0.11', sublist: 'L4', meaning: tx('Mailspike: very bad reputation', 'Mailspike: bardzo zła reputacja'), severity: 'block' },
      { code: '127.0.0.12', sublist: 'L3', meaning: tx('Mailspike: bad reputation', 'Mailspike: zła reputacja'), severity: 'block' },
      { code: '127.0.0.13', sublist: 'L2', meaning: tx('Mailspike: suspicious reputation', 'Mailspike: podejrzana reputacja'), severity: 'policy' },
    ],
    errorCodes: [],
  },
  {
    id: 'psbl', name: 'PSBL', zone: 'psbl.surriel.com', kind: 'ip', lookupUrl: 'https://psbl.org/', testEntry: '127.0.0.2',
    codes: [{ code: '127.0.0.2', sublist: 'PSBL', meaning: tx('PSBL: sent mail to spam traps', 'PSBL: adres wysyłał pocztę do pułapek antyspamowych'), severity: 'block' }],
    errorCodes: [],
  },
  {
    id: 'uceprotect-1', name: 'UCEPROTECT level 1', zone: 'dnsbl-1.uceprotect.net', kind: 'ip', lookupUrl: 'https://www.uceprotect.net/en/rblcheck.php', testEntry: '127.0.0.2',
    codes: [{ code: '127.0.0.2', sublist: 'L1', meaning: tx('UCEPROTECT level 1: this address sent to spam traps', 'UCEPROTECT poziom 1: ten adres wysyłał do pułapek antyspamowych'), severity: 'block' }],
    errorCodes: [],
  },
  {
    id: 'spamhaus-dbl', name: 'Spamhaus DBL', zone: 'dbl.spamhaus.org', kind: 'domain', lookupUrl: 'https://check.spamhaus.org/', testEntry: 'dbltest.com', testAnswer: ['127.0.1.2'],
    codes: [
      { code: '127.0.1.2', sublist: 'DBL spam', meaning: tx('Spamhaus DBL: spam domain', 'Spamhaus DBL: domena spamowa'), severity: 'block' },
      { code: '127.0.1.4', sublist: 'DBL phish', meaning: tx('Spamhaus DBL: phishing domain', 'Spamhaus DBL: domena phishingowa'), severity: 'block' },
      { code: '127.0.1.5', sublist: 'DBL malware', meaning: tx('Spamhaus DBL: malware domain', 'Spamhaus DBL: domena rozsyłająca złośliwe oprogramowanie'), severity: 'block' },
      { code: '127.0.1.6', sublist: 'DBL botnet', meaning: tx('Spamhaus DBL: botnet command-and-control domain', 'Spamhaus DBL: domena sterująca botnetem'), severity: 'block' },
      { code: '127.0.1.102', sublist: 'DBL abused', meaning: tx('Spamhaus DBL: legitimate domain abused by spammers', 'Spamhaus DBL: legalna domena wykorzystywana przez spamerów'), severity: 'block' },
      { code: '127.0.1.103', sublist: 'DBL abused redirector', meaning: tx('Spamhaus DBL: abused redirector or URL shortener', 'Spamhaus DBL: nadużywana usługa przekierowań lub skracania linków'), severity: 'block' },
      { code: '127.0.1.104', sublist: 'DBL abused phish', meaning: tx('Spamhaus DBL: legitimate domain abused for phishing', 'Spamhaus DBL: legalna domena wykorzystana do phishingu'), severity: 'block' },
      { code: '127.0.1.105', sublist: 'DBL abused malware', meaning: tx('Spamhaus DBL: legitimate domain abused for malware', 'Spamhaus DBL: legalna domena wykorzystana do rozsyłania złośliwego oprogramowania'), severity: 'block' },
    ],
    errorCodes: SPAMHAUS_ERRORS,
  },
  {
    id: 'surbl', name: 'SURBL multi', zone: 'multi.surbl.org', kind: 'domain', lookupUrl: 'https://www.surbl.org/surbl-analysis', testEntry: 'test.surbl.org', bitmask: true,
    codes: [
      { code: '8', sublist: 'PH', meaning: tx('SURBL: phishing', 'SURBL: phishing'), severity: 'block' },
      { code: '16', sublist: 'MW', meaning: tx('SURBL: malware', 'SURBL: malware'), severity: 'block' },
      { code: '64', sublist: 'ABUSE', meaning: tx('SURBL: spam and abuse', 'SURBL: spam i nadużycia'), severity: 'block' },
      { code: '128', sublist: 'CR', meaning: tx('SURBL: cracked (compromised) site', 'SURBL: przejęta (włamana) strona'), severity: 'block' },
    ],
    errorCodes: [{ code: '127.0.0.1', meaning: tx('SURBL: query refused (public resolver or over quota)', 'SURBL: zapytanie odrzucone (publiczny resolwer lub przekroczony limit)') }],
  },
  {
    id: 'uribl', name: 'URIBL multi', zone: 'multi.uribl.com', kind: 'domain', lookupUrl: 'https://admin.uribl.com/', testEntry: 'test.uribl.com', bitmask: true,
    codes: [
      { code: '2', sublist: 'black', meaning: tx('URIBL black: domain seen in spam', 'URIBL black: domena występująca w spamie'), severity: 'block' },
      { code: '4', sublist: 'grey', meaning: tx('URIBL grey: domain in bulk mail of mixed reputation', 'URIBL grey: domena w masowej poczcie o mieszanej reputacji'), severity: 'policy' },
      { code: '8', sublist: 'red', meaning: tx('URIBL red: new domain seen in spam', 'URIBL red: nowa domena występująca w spamie'), severity: 'block' },
    ],
    errorCodes: [{ code: '127.0.0.1', meaning: tx('URIBL: query refused (public resolver or over quota)', 'URIBL: zapytanie odrzucone (publiczny resolwer lub przekroczony limit)') }],
  },
];
