/**
 * Provider knowledge for the classifier: which provider handled a recipient (by its domain, the remote host
 * that answered, or the reporting host — in that order, as Sisimai's rhost does), and what that provider's
 * documented texts and codes say. One file per provider; this file only selects and matches.
 */
import type { Reason } from '../../core/finding.js';
import { PROVIDER_REJECTIONS } from '../../knowledge/provider-rejections.js';
import { PhraseMatcher } from '../matcher.js';
import { apple } from './apple.js';
import { cloudflare } from './cloudflare.js';
import { cox } from './cox.js';
import { facebook } from './facebook.js';
import { godaddy } from './godaddy.js';
import { google } from './google.js';
import { iua } from './iua.js';
import { kddi } from './kddi.js';
import { messagelabs } from './messagelabs.js';
import { microsoft } from './microsoft.js';
import { mimecast } from './mimecast.js';
import { nttdocomo } from './nttdocomo.js';
import { orange } from './orange.js';
import { interia, kei, mailru, onet, wp } from './polish.js';
import { spectrum } from './spectrum.js';
import { tencent } from './tencent.js';
import type { Provider, ProviderRule } from './types.js';
import { yahoo } from './yahoo.js';
import { zoho } from './zoho.js';

export type { Provider, ProviderRule, ProviderCodes } from './types.js';

/**
 * The mailbox providers whose own codes and wording are known, recognised by the remote host or the recipient's
 * domain.
 */
export const PROVIDERS: readonly Provider[] = [
  microsoft, google, yahoo, apple, cox, orange, godaddy, messagelabs, mimecast, tencent, nttdocomo, kddi, iua, spectrum, facebook,
  cloudflare, zoho, wp, interia, onet, kei, mailru,
];

/** The knowledge tables' provider names → provider ids here. */
const KNOWLEDGE_PROVIDER: Readonly<Record<string, string>> = {
  gmail: 'google', microsoft: 'microsoft', yahoo: 'yahoo', aol: 'yahoo', icloud: 'apple', mimecast: 'mimecast', mailru: 'mailru',
  wp: 'wp', interia: 'interia', kei: 'kei',
};

/** A rule with its status pattern parsed once. */
interface CompiledRule extends ProviderRule { cls?: string; sub?: string; lo?: number; hi?: number }

const STATUS_PATTERN = /^([x245])\.(\d{1,3})\.(\d{1,3})(?:-(\d{1,3}))?$/;

function compile(r: ProviderRule): CompiledRule {
  if (!r.status) return r;
  const m = STATUS_PATTERN.exec(r.status);
  if (!m) throw new Error(`bad status pattern ${r.status}`);
  return { ...r, cls: m[1]!, sub: m[2]!, lo: Number(m[3]), hi: m[4] !== undefined ? Number(m[4]) : Number(m[3]) };
}

/** Per provider: its own rules, then the knowledge tables' phrases for it (any status). */
const RULES: ReadonlyMap<string, readonly CompiledRule[]> = (() => {
  const m = new Map<string, CompiledRule[]>(PROVIDERS.map((p) => [p.id, p.rules.map(compile)]));
  for (const e of PROVIDER_REJECTIONS) {
    const id = e.provider ? KNOWLEDGE_PROVIDER[e.provider] : undefined;
    if (!id || !e.reason) continue;
    for (const phrase of e.phrases) m.get(id)?.push({ reason: e.reason, phrase });
  }
  return m;
})();

const MATCHERS = new Map<string, { m: PhraseMatcher; owner: number[][] }>();

/**
 * The indexes of the rules whose phrase occurs in `low`: one automaton pass per provider (built on first
 * use) instead of one search per rule. A '*' in a provider phrase is literal, so it is kept out of the
 * automaton's wildcard syntax by searching those few phrases with includes.
 */
function phrasesIn(id: string, rules: readonly CompiledRule[], low: string): Set<number> {
  let e = MATCHERS.get(id);
  if (!e) {
    const byPhrase = new Map<string, number[]>();
    rules.forEach((r, i) => { if (r.phrase && !r.phrase.includes('*')) byPhrase.set(r.phrase, [...(byPhrase.get(r.phrase) ?? []), i]); });
    e = { m: new PhraseMatcher([...byPhrase.keys()]), owner: [...byPhrase.values()] };
    MATCHERS.set(id, e);
  }
  const hits = new Set<number>();
  for (const h of e.m.scan(low)) for (const i of e.owner[h.index]!) hits.add(i);
  rules.forEach((r, i) => { if (r.phrase.includes('*') && low.includes(r.phrase)) hits.add(i); });
  return hits;
}

/** Host and domain patterns → provider: a name matches when it or one of its parent domains is a key. */
const BY_HOST = new Map<string, Provider>();
const BY_DOMAIN = new Map<string, Provider>();
for (const p of PROVIDERS) {
  for (const h of p.hosts) if (!BY_HOST.has(h.replace(/^\./, ''))) BY_HOST.set(h.replace(/^\./, ''), p);
  for (const d of p.domains) if (!BY_DOMAIN.has(d)) BY_DOMAIN.set(d, p);
}

/** The provider whose pattern is `name` or one of its parent domains (label by label), unless excluded. */
function lookup(map: ReadonlyMap<string, Provider>, name: string, exclude: readonly string[] | undefined): Provider | undefined {
  for (let at = 0; at >= 0 && at < name.length; at = name.indexOf('.', at) + 1 || -1) {
    const p = map.get(at ? name.slice(at) : name);
    if (p && !exclude?.includes(p.id)) return p;
  }
  return undefined;
}

/**
 * The provider that handled this recipient: by the recipient's domain, else the remote host that answered, else
 * the host that wrote the report. `exclude`: provider ids to leave out (leave-one-family-out scoring).
 */
export function providerFor(where: { recipient?: string; rhost?: string; lhost?: string }, exclude?: readonly string[]): Provider | undefined {
  const at = where.recipient ? where.recipient.lastIndexOf('@') : -1;
  if (at >= 0) {
    const p = lookup(BY_DOMAIN, where.recipient!.slice(at + 1).toLowerCase(), exclude);
    if (p) return p;
  }
  for (const h of [where.rhost, where.lhost]) {
    if (!h) continue;
    const p = lookup(BY_HOST, h.toLowerCase().replace(/\.$/, ''), exclude);
    if (p) return p;
  }
  return undefined;
}

function statusMatches(r: CompiledRule, status: string | undefined): boolean {
  if (!status) return false;
  const a = status.indexOf('.');
  const b = status.indexOf('.', a + 1);
  if (a !== 1 || b < 0) return false;
  if (r.cls !== 'x' && r.cls !== status[0]) return false;
  if (status.slice(2, b) !== r.sub) return false;
  const n = Number(status.slice(b + 1));
  return n >= r.lo! && n <= r.hi!;
}

function replyMatches(pattern: string, reply: number | undefined): boolean {
  if (!reply) return false;
  const r = String(reply);
  return pattern[0] === 'x' ? r.slice(1) === pattern.slice(1) : r === pattern;
}

export interface ProviderVerdict {
  reason: Reason;
  /** What decided: "code:AUP#CXBL" or the phrase. */
  matched: string;
}

/**
 * What the provider's own tables say about this answer: an error code it writes wins, then the first of its
 * rules (in the order listed: the more specific first) whose phrase, status, reply code and command agree.
 */
export function providerReason(p: Provider, input: { text: string; low: string; status?: string; replyCode?: number; command?: string }): ProviderVerdict | undefined {
  const c = p.codes;
  if (c) {
    const m = c.find.exec(input.text.length > 8192 ? input.text.slice(0, 8192) : input.text);
    if (m) {
      const code = m[1]!;
      const need = c.reply?.[code];
      if (!need || replyMatches(need, input.replyCode)) {
        const exact = c.reasons?.[code] ?? c.reasons?.[code.toUpperCase()];
        if (exact) return { reason: exact, matched: `code:${m[0]}` };
        const n = Number(code);
        for (const [lo, hi, reason] of c.ranges ?? []) if (n >= lo && n <= hi) return { reason, matched: `code:${m[0]}` };
      }
    }
  }
  const rules = RULES.get(p.id) ?? [];
  const hit = phrasesIn(p.id, rules, input.low);
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i]!;
    if (r.phrase && !hit.has(i)) continue;
    if (r.status && !statusMatches(r, input.status)) continue;
    if (r.reply && !replyMatches(r.reply, input.replyCode)) continue;
    if (r.command && r.command !== input.command) continue;
    return { reason: r.reason, matched: r.phrase || `status:${r.status ?? ''}${r.command ? `+${r.command}` : ''}` };
  }
  return undefined;
}
