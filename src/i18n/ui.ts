import { tx } from './text.js';

/** Labels the reporters and CLI use. Capability-specific texts live beside their capability. */
export const UI = {
  status: {
    ok: tx('OK', 'OK'),
    info: tx('info', 'informacja'),
    warn: tx('warning', 'ostrzeżenie'),
    error: tx('error', 'błąd'),
    unknown: tx('not checked', 'nie sprawdzono'),
  },
  actor: {
    you: tx('you (the sender)', 'Ty (nadawca)'),
    'your-provider': tx('your mail provider', 'Twój dostawca poczty'),
    recipient: tx('the recipient', 'odbiorca'),
    'recipient-provider': tx("the recipient's mail provider", 'dostawca poczty odbiorcy'),
    network: tx('the network (DNS, firewall, ISP)', 'sieć (DNS, zapora, dostawca internetu)'),
    unknown: tx('unclear', 'nie wiadomo'),
  },
  permanence: {
    temporary: tx('temporary', 'tymczasowy'),
    permanent: tx('permanent', 'trwały'),
    unknown: tx('unknown', 'nieznany'),
  },
  retry: {
    yes: tx('retrying may help', 'ponowienie może pomóc'),
    no: tx('retrying will not help', 'ponowienie nic nie da'),
    later: tx('retry later; the server usually retries by itself', 'spróbuj później; serwer zwykle ponawia sam'),
    'after-fix': tx('retry only after fixing the cause', 'ponów dopiero po usunięciu przyczyny'),
  },
  label: {
    reason: tx('Reason', 'Przyczyna'),
    permanence: tx('Kind', 'Rodzaj'),
    actor: tx('Who must act', 'Kto musi działać'),
    retry: tx('Retry', 'Ponowienie'),
    codes: tx('Codes', 'Kody'),
    rule: tx('Decided by', 'Rozstrzygnęła reguła'),
    advice: tx('What to do', 'Co zrobić'),
    evidence: tx('Evidence', 'Dowody'),
    seeAlso: tx('Check further', 'Sprawdź dalej'),
    findings: tx('Findings', 'Wyniki'),
    summary: tx('Summary', 'Podsumowanie'),
    subject: tx('Subject', 'Dotyczy'),
    generated: tx('Generated', 'Wygenerowano'),
    status: tx('Status', 'Stan'),
    noFindings: tx('Nothing to report.', 'Brak wyników do pokazania.'),
    counts: tx('errors: {error}, warnings: {warn}, not checked: {unknown}, OK: {ok}, info: {info}',
      'błędy: {error}, ostrzeżenia: {warn}, niesprawdzone: {unknown}, OK: {ok}, informacje: {info}'),
  },
  title: tx('mailmedic report', 'Raport mailmedic'),
} as const;
