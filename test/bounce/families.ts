/**
 * Leave-one-family-out: which of the reader's knowledge is named after a corpus family (lhost-<mta>,
 * rhost-<provider>). Switched off together, they show what the reader does with a family it was never taught.
 * Format modules match by name (exchange ⊂ exchange2007); provider tables through the aliases below.
 */
import { BOUNCE_FORMATS } from '../../src/bounce/formats/index.js';

/** Corpus family name → the provider ids our tables use for it. */
const PROVIDER_ALIASES: Record<string, string[]> = {
  gmail: ['google'], google: ['google'], gsuite: ['google'], googleworkspace: ['google'], googlegroups: ['google'],
  outlook: ['microsoft'], office365: ['microsoft'], microsoft: ['microsoft'], exchange2003: ['microsoft'], exchange2007: ['microsoft'],
  yahoo: ['yahoo'], yahooinc: ['yahoo'], aol: ['yahoo', 'aol'], verizon: ['yahoo', 'verizon'],
  amazonses: ['amazon'], receivingses: ['amazon'], amazonworkmail: ['amazon'],
  apple: ['apple'], mailru: ['mailru'], cox: ['cox'], franceptt: ['orange'], mimecast: ['mimecast'], messagelabs: ['messagelabs'],
  tencent: ['tencent'], facebook: ['facebook'], iua: ['iua'], kddi: ['kddi'], ezweb: ['kddi'], nttdocomo: ['nttdocomo'],
  gmx: ['gmx'], einsundeins: ['gmx'], yandex: ['yandex'], zoho: ['zoho'], godaddy: ['godaddy'], spectrum: ['spectrum'],
};

export function familyKnowledge(family: string): { formats: string[]; providers: string[] } {
  const token = family.replace(/^(?:lhost|rhost)-/, '');
  if (token === family) return { formats: [], providers: [] };
  const formats = BOUNCE_FORMATS.map((f) => f.name).filter((n) => token === n || token.includes(n) || n.includes(token));
  return { formats, providers: PROVIDER_ALIASES[token] ?? [] };
}
