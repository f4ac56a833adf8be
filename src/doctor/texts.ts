/** User-facing texts of the doctor (questions and cases carry their own). */
import { tx } from '../i18n/text.js';

/** The doctor's user-facing texts (its questions and cases carry their own), in both languages. */
export const DOCTOR_TEXT = {
  chooseCase: tx('What does not work?', 'Co nie działa?'),
  diagnosis: {
    cause: tx('Most likely cause: {summary}', 'Najbardziej prawdopodobna przyczyna: {summary}'),
    none: tx('No problem found in what could be checked.', 'W tym, co dało się sprawdzić, nie znaleziono problemu.'),
    noneDetail: tx('{ok} checks passed, {unknown} could not be run. If the problem persists, send the report below to support.',
      'Testy zakończone powodzeniem: {ok}, niewykonane: {unknown}. Jeśli problem nadal występuje, wyślij poniższy raport do pomocy technicznej.'),
    detail: tx('{count} possible causes found, ranked by how well they explain "{case}". {ok} things were ruled out, {unknown} could not be checked.',
      'Znaleziono możliwe przyczyny: {count}, uszeregowane według tego, jak dobrze tłumaczą problem „{case}”. Wykluczono: {ok}, nie dało się sprawdzić: {unknown}.'),
  },
  notRun: {
    summary: tx('Not checked — {check}: {why}.', 'Nie sprawdzono — {check}: {why}.'),
  },
  failed: {
    summary: tx('{check} could not be completed: {message}', 'Nie udało się dokończyć testu „{check}”: {message}'),
  },
  tables: {
    facts: tx('For support: the facts of this case', 'Dla pomocy technicznej: informacje do zgłoszenia'),
    causes: tx('Most likely causes, ranked', 'Najbardziej prawdopodobne przyczyny (ranking)'),
    fix: tx('Fix steps', 'Kroki naprawy'),
    ruledOut: tx('Ruled out', 'Wykluczone'),
    notChecked: tx('Not checked', 'Nie sprawdzono'),
    notes: tx('Worth knowing for this case', 'Warto wiedzieć w tej sprawie'),
    checks: tx('Checks run', 'Wykonane testy'),
  },
  columns: {
    fact: tx('Fact', 'Informacja'),
    value: tx('Value', 'Wartość'),
    rank: tx('#', 'Nr'),
    cause: tx('Cause', 'Przyczyna'),
    evidence: tx('Evidence', 'Dowody'),
    check: tx('Check', 'Test'),
    step: tx('Step', 'Krok'),
    status: tx('Status', 'Stan'),
    time: tx('Time (ms)', 'Czas (ms)'),
    note: tx('Note', 'Uwaga'),
  },
  facts: {
    address: tx('Mailbox', 'Skrzynka e-mail'),
    client: tx('Mail program and version', 'Program pocztowy i wersja'),
    error: tx('Exact error text', 'Dokładna treść błędu'),
    sentAt: tx('When it was sent', 'Kiedy wysłano'),
    from: tx('Sender', 'Nadawca'),
    to: tx('Recipient', 'Odbiorca'),
    method: tx('How it was sent', 'Sposób wysłania'),
    server: tx('Server settings', 'Ustawienia serwera'),
    domain: tx('Domain', 'Domena'),
    ip: tx('Server IP', 'Adres IP serwera'),
    webmailProblem: tx('What fails in webmail', 'Co nie działa w webmailu'),
    case: tx('Problem', 'Problem'),
    notGiven: tx('(not given)', '(nie podano)'),
    fromBounce: tx('(from the bounce)', '(z wiadomości zwrotnej)'),
  },
  moreLikeThis: tx('…and {n} more like the ones above.', '…i jeszcze {n} podobnych do powyższych.'),
  transcript: tx('Transcript of the session with the server ({check})', 'Zapis sesji z serwerem ({check})'),
  progress: {
    start: tx('checking: {title}…', 'sprawdzam: {title}…'),
    done: tx('{status}: {title} ({ms} ms)', '{status}: {title} (czas: {ms} ms)'),
  },
};
