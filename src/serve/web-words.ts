/**
 * Advice written for the command line, said the web's way: a web reader has fields and buttons, not flags. Data:
 * each entry replaces one CLI phrase, in its language, wherever a finding's text holds it (other commands that
 * name a page become links in the browser; flags with no page equivalent stay as they are).
 */
import type { Finding, Report, Text } from '../core/finding.js';

interface Rephrase { en: [cli: string, web: string]; pl: [cli: string, web: string] }

const REPHRASE: readonly Rephrase[] = [
  {
    en: ['Add --user and --password-env VAR (or --password-stdin) to test the login too.', 'Fill in the user name and password above to test the login too (the password is used once and not kept).'],
    pl: ['Dodaj --user oraz --password-env ZMIENNA (albo --password-stdin), żeby sprawdzić także logowanie.', 'Wpisz powyżej nazwę użytkownika i hasło, żeby sprawdzić także logowanie (hasło zostanie użyte raz i nie jest przechowywane).'],
  },
  {
    en: ['Run with --verify to check SPF, DKIM and DMARC yourself.', 'Choose "check them myself too" under SPF, DKIM and DMARC above to check them yourself.'],
    pl: ['Uruchom z --verify, aby samodzielnie sprawdzić SPF, DKIM i DMARC.', 'Wybierz powyżej przy SPF, DKIM i DMARC „sprawdź je też samodzielnie”, aby sprawdzić je samemu.'],
  },
  {
    en: ['run with --quoted to analyse the original\'s headers.', 'choose "the original quoted inside a bounce" under What to read above to analyse the original\'s headers.'],
    pl: ['uruchom z --quoted, aby przeanalizować nagłówki oryginału.', 'wybierz powyżej „oryginał zacytowany w zwrocie”, aby przeanalizować nagłówki oryginału.'],
  },
  {
    en: ['--quoted was given, but', 'The original was asked for, but'],
    pl: ['Podano --quoted, ale', 'Wybrano oryginał, ale'],
  },
  {
    en: [' (give one with --ip).', '.'],
    pl: [' (podaj go przez --ip).', '.'],
  },
  {
    en: [' (on the command line, --fetch-autoconfig turns this on).', ': this app does not fetch web pages of the domain you name.'],
    pl: [' (w wierszu poleceń włącza to opcja --fetch-autoconfig).', ': ta aplikacja nie pobiera stron WWW podanej domeny.'],
  },
  {
    en: ['the transcript (--transcript)', 'this report (download it below)'],
    pl: ['zapis rozmowy (--transcript)', 'ten raport (pobierz go poniżej)'],
  },
];

function rephrase(t: Text): Text {
  let { en, pl } = t;
  for (const r of REPHRASE) {
    if (en.includes(r.en[0])) en = en.split(r.en[0]).join(r.en[1]);
    if (pl.includes(r.pl[0])) pl = pl.split(r.pl[0]).join(r.pl[1]);
  }
  return en === t.en && pl === t.pl ? t : { en, pl };
}

/** One finding as a web page shows it (also each finding streamed live). */
export function findingForTheWeb(f: Finding): Finding {
  const advice = f.advice?.map(rephrase);
  const detail = f.detail ? rephrase(f.detail) : undefined;
  return { ...f, summary: rephrase(f.summary), ...(advice ? { advice } : {}), ...(detail ? { detail } : {}) };
}

/** The report a web page shows: the same findings, with command-line advice said as the page would say it. */
export function reportForTheWeb(r: Report): Report {
  return { ...r, findings: r.findings.map(findingForTheWeb) };
}

