import type { Lang } from '../core/finding.js';

/**
 * Evidence labels in the human-facing reports (terminal, Markdown, HTML). A Finding keeps the label as the check
 * wrote it (English or a technical name) and JSON/CSV show it so; only the human views translate, here, as data.
 * Every label literal in src/ must be either in LABELS_PL / LABEL_PATTERNS_PL or in TECHNICAL_LABELS:
 * test/i18n/labels.test.ts scans the sources and fails on a label that is in neither.
 */

/** Labels made of ordinary English words, exactly as the checks write them. */
export const LABELS_PL: Readonly<Record<string, string>> = {
  // bounce: per-recipient evidence
  codes: 'kody',
  'remote host': 'serwer zdalny',
  'SMTP command': 'polecenie SMTP',
  rule: 'reguła',
  // explain: one diagnosed line
  reply: 'kod odpowiedzi',
  enhanced: 'kod rozszerzony',
  occurrences: 'wystąpienia',
  input: 'tekst wejściowy',
  // doctor: sending limits counted from a log
  log: 'dziennik',
  // probe: the server's certificate chain
  leaf: 'certyfikat serwera',
  certificate: 'certyfikat',
  // domain: SPF
  'SPF evaluation steps': 'kroki oceny SPF',
  // domain: DNSSEC and DANE
  'DNSSEC chain': 'łańcuch DNSSEC',
  // queue: the commands to run, where the mail goes, the MTA's words
  command: 'polecenie',
  'command (deletes mail)': 'polecenie (usuwa pocztę)',
  destinations: 'domeny odbiorców',
  'delay reason': 'przyczyna opóźnienia',
  reason: 'przyczyna',
};

/**
 * Labels with numbers in them. `{name}` stands for a run of digits, the same in both languages; nothing else
 * varies, so the anchored regexes built from these cannot backtrack badly.
 */
export const LABEL_PATTERNS_PL: readonly { en: string; pl: string }[] = [
  { en: 'line {n}', pl: 'wiersz {n}' },
  { en: 'chain[{n}]', pl: 'łańcuch[{n}]' },
  { en: 'SPF tree ({n}/{max} lookups)', pl: 'drzewo SPF ({n}/{max} zapytań DNS)' },
  { en: 'SPF tree (at least {n}/{max} lookups)', pl: 'drzewo SPF (co najmniej {n}/{max} zapytań DNS)' },
];

/**
 * Labels that stay as they are in both languages, with the reason. `{}` stands for any inserted value (the
 * scan's view of a template literal). Labels taken from data (header names, folder names, queue ids, host
 * names) are not literals and need no entry.
 */
export const TECHNICAL_LABELS: Readonly<Record<string, string>> = {
  RDAP: 'protocol name (RFC 9083): the registry look-up URL and its answer',
  VMC: 'BIMI Verified Mark Certificate: its subject, issuer and end date',
  Subject: 'header name',
  'Diagnostic-Code': 'DSN field name',
  S: 'SMTP/IMAP/POP3 transcript direction: server',
  C: 'transcript direction: client',
  '*': "transcript: mailmedic's own note",
  'IMAP STATUS': 'IMAP command',
  mailauth: 'name of the library that verified the message',
  'Received #{}': 'header name and hop number',
  'Authentication-Results {}': 'header name and the verifier host',
  'ARC-Authentication-Results i={} {}': 'header name, ARC instance and the verifier host',
  'TXT {}': 'DNS record type and name',
  'TXT {}._domainkey.{}': 'DNS record type and the DKIM key name',
  '{} {}': 'DNS query: record type and name',
  '{}/{}': 'probe failure code: phase/kind, as in JSON',
  '{}×': 'a count of log lines',
  '{} {} {}×': 'program, syslog level and count, as in the log',
};

const PATTERNS = LABEL_PATTERNS_PL.map((p) => {
  const names: string[] = [];
  const src = p.en.replace(/\{(\w+)\}|[.*+?^$()[\]\\|/]/g, (m, name: string | undefined) => {
    if (!name) return '\\' + m;
    names.push(name);
    return '(\\d+)';
  });
  return { re: new RegExp(`^${src}$`), names, pl: p.pl };
});

/**
 * The tables as plain data for the web app's client script (src/serve/assets/js.ts), which translates labels
 * of the JSON it receives the same way {@link labelText} does: patterns as regular-expression sources.
 */
export function clientLabels(lang: Lang): { table: Record<string, string>; patterns: { re: string; names: string[]; pl: string }[] } {
  if (lang === 'en') return { table: {}, patterns: [] };
  return { table: { ...LABELS_PL }, patterns: PATTERNS.map((p) => ({ re: p.re.source, names: p.names, pl: p.pl })) };
}

/** The label as a reader of `lang` should see it: translated when the tables know it, unchanged otherwise. */
export function labelText(label: string, lang: Lang): string {
  if (lang === 'en') return label;
  // hasOwn: a label such as "constructor" must not find Object.prototype's.
  if (Object.hasOwn(LABELS_PL, label)) return LABELS_PL[label]!;
  for (const p of PATTERNS) {
    const m = p.re.exec(label);
    if (!m) continue;
    return p.pl.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const i = p.names.indexOf(name);
      return i >= 0 ? m[i + 1]! : whole;
    });
  }
  return label;
}
