/** Small helpers every domain check shares: building findings, DNS evidence, "could not check" findings. */
import type { Evidence, Finding, Status, Text } from '../core/finding.js';
import { formatRecord, isDefinite, type DnsAnswer } from '../dns/index.js';
import { fill, tx } from '../i18n/text.js';

export interface FindingParts {
  detail?: Text;
  advice?: Text[];
  evidence?: Evidence[];
  data?: Record<string, unknown>;
  seeAlso?: string[];
}

export function finding(check: string, status: Status, subject: string, summary: Text, parts: FindingParts = {}): Finding {
  const f: Finding = { check, status, subject, summary };
  if (parts.detail) f.detail = parts.detail;
  if (parts.advice?.length) f.advice = parts.advice;
  if (parts.evidence?.length) f.evidence = parts.evidence;
  if (parts.data) f.data = parts.data;
  if (parts.seeAlso?.length) f.seeAlso = parts.seeAlso;
  return f;
}

/** A query and its answer as evidence ("TXT example.com" → the records, or the status). */
/** Records of one answer shown in evidence at most; the rest is counted (a hostile zone may answer thousands). */
export const EVIDENCE_RECORDS = 20;

/** A DNS answer as evidence: its first EVIDENCE_RECORDS records, then how many more there are. */
export function dnsEvidence(a: DnsAnswer): Evidence {
  const shown = a.answers.slice(0, EVIDENCE_RECORDS).map(formatRecord).join('\n');
  const more = a.answers.length - EVIDENCE_RECORDS;
  const value = a.answers.length
    ? shown + (more > 0 ? `\n… ${more} more record(s) not shown (${a.answers.length} in the answer)` : '')
    : `${a.status.toUpperCase()}${a.rcode && a.rcode !== 'NOERROR' ? '' : a.status === 'nodata' ? ' (NOERROR, no records)' : ''}${a.error ? ': ' + a.error : ''}`;
  return { kind: 'query', label: `${a.type} ${a.name}`, value };
}

/** A list of values (addresses, names) for evidence and tables: the first `max`, then the count of the rest. */
export function sampleList(values: readonly string[], max = 10): string {
  return values.length <= max ? values.join(', ') : `${values.slice(0, max).join(', ')}, … (${values.length} in all)`;
}

export function recordEvidence(label: string, value: string): Evidence {
  return { kind: 'record', label, value };
}

const DNS_STATUS_TEXT: Record<string, Text> = {
  timeout: tx('the DNS server did not answer in time', 'serwer DNS nie odpowiedział na czas'),
  servfail: tx('the DNS server answered SERVFAIL (it could not resolve the name)', 'serwer DNS odpowiedział SERVFAIL (nie zdołał rozwiązać nazwy)'),
  refused: tx('the DNS server refused the query (REFUSED)', 'serwer DNS odmówił odpowiedzi (REFUSED)'),
  error: tx('the DNS query failed', 'zapytanie DNS się nie powiodło'),
};

/** Why a lookup gave no answer, in both languages. */
export function dnsFailureText(a: DnsAnswer): Text {
  return DNS_STATUS_TEXT[a.status] ?? DNS_STATUS_TEXT.error!;
}

/** The "could not check" finding: a DNS failure is never a verdict. */
export function dnsUnknown(check: string, subject: string, what: Text, a: DnsAnswer): Finding {
  const why = dnsFailureText(a);
  return finding(check, 'unknown', subject,
    fill2(tx('Could not check {what}: {why}.', 'Nie udało się sprawdzić: {what} — {why}.'), { what: what.en, why: why.en }, { what: what.pl, why: why.pl }),
    {
      detail: tx(
        `The query ${a.type} ${a.name} to ${a.server || 'the resolver'} got no usable answer (${a.status}${a.error ? ': ' + a.error : ''}). This says nothing about whether the record is right; try again, or use another resolver with --resolver.`,
        `Zapytanie ${a.type} ${a.name} do ${a.server || 'resolwera'} nie dało użytecznej odpowiedzi (${a.status}${a.error ? ': ' + a.error : ''}). To nie znaczy, że rekord jest zły ani dobry; spróbuj ponownie albo użyj innego resolwera (--resolver).`,
      ),
      evidence: [dnsEvidence(a)],
    });
}

/** Fill both languages with separate per-language values. */
export function fill2(text: Text, en: Record<string, string | number>, pl: Record<string, string | number>): Text {
  return { en: fill(text, en).en, pl: fill(text, pl).pl };
}

export { isDefinite };

/** Polish plural form: 1 rekord, 2–4 rekordy (but 12–14 rekordów), 5+ rekordów. */
export function plPlural(n: number, one: string, few: string, many: string): string {
  if (n === 1) return one;
  const d = n % 10, h = n % 100;
  return d >= 2 && d <= 4 && !(h >= 12 && h <= 14) ? few : many;
}
