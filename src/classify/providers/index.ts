/**
 * Provider knowledge for the classifier: which provider handled a recipient (by its domain, the remote host
 * that answered, or the reporting host — in that order, as Sisimai's rhost does), and what that provider's
 * documented texts and codes say. One file per provider; this file only selects and matches.
 */
import type { Reason } from '../../core/finding.js';
import { PROVIDER_REJECTIONS } from '../../knowledge/provider-rejections.js';
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

export const PROVIDERS: readonly Provider[] = [
  microsoft, google, yahoo, apple, cox, orange, godaddy, messagelabs, mimecast, tencent, nttdocomo, kddi, iua, spectrum, facebook,
  cloudflare, zoho, wp, interia, onet, kei, mailru,
];

/** The knowledge tables' provider names → provider ids here. */
const KNOWLEDGE_PROVIDER: Readonly<Record<string, string>> = {
  gmail: 'google', microsoft: 'microsoft', yahoo: 'yahoo', aol: 'yahoo', icloud: 'apple', mimecast: 'mimecast', mailru: 'mailru',
  wp: 'wp', interia: 'interia', kei: 'kei',
};

/** Per provider: its own rules, then the knowledge tables' phrases for it (any status). */
const RULES: ReadonlyMap<string, readonly ProviderRule[]> = (() => {
  const m = new Map<string, ProviderRule[]>(PROVIDERS.map((p) => [p.id, [...p.rules]]));
  for (const e of PROVIDER_REJECTIONS) {
    const id = e.provider ? KNOWLEDGE_PROVIDER[e.provider] : undefined;
    if (!id || !e.reason) continue;
    for (const phrase of e.phrases) m.get(id)?.push({ reason: e.reason, phrase });
  }
  return m;
})();

function hostMatches(host: string, patterns: readonly string[]): boolean {
  for (const p of patterns) {
    if (p.startsWith('.') ? host.endsWith(p) || host === p.slice(1) : host === p || host.endsWith(`.${p}`)) return true;
  }
  return false;
}

/**
 * The provider that handled this recipient: by the recipient's domain, else the remote host that answered, else
 * the host that wrote the report. `exclude`: provider ids to leave out (leave-one-family-out scoring).
 */
export function providerFor(where: { recipient?: string; rhost?: string; lhost?: string }, exclude?: readonly string[]): Provider | undefined {
  const list = exclude?.length ? PROVIDERS.filter((p) => !exclude.includes(p.id)) : PROVIDERS;
  const at = where.recipient ? where.recipient.lastIndexOf('@') : -1;
  const domain = at >= 0 ? where.recipient!.slice(at + 1).toLowerCase().replace(/\.$/, '') : '';
  if (domain) for (const p of list) if (hostMatches(domain, p.domains)) return p;
  for (const h of [where.rhost, where.lhost]) {
    const host = h?.toLowerCase().replace(/\.$/, '');
    if (host) for (const p of list) if (hostMatches(host, p.hosts)) return p;
  }
  return undefined;
}

const STATUS_PATTERN = /^([x245])\.(\d{1,3})\.(\d{1,3})(?:-(\d{1,3}))?$/;

function statusMatches(pattern: string, status: string | undefined): boolean {
  if (!status) return false;
  const p = STATUS_PATTERN.exec(pattern);
  const s = /^([245])\.(\d{1,3})\.(\d{1,3})$/.exec(status);
  if (!p || !s) return false;
  if (p[1] !== 'x' && p[1] !== s[1]) return false;
  if (p[2] !== s[2]) return false;
  const lo = Number(p[3]);
  const hi = p[4] !== undefined ? Number(p[4]) : lo;
  const n = Number(s[3]);
  return n >= lo && n <= hi;
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
  for (const r of RULES.get(p.id) ?? []) {
    if (r.status && !statusMatches(r.status, input.status)) continue;
    if (r.reply && !replyMatches(r.reply, input.replyCode)) continue;
    if (r.command && r.command !== input.command) continue;
    if (r.phrase && !input.low.includes(r.phrase)) continue;
    return { reason: r.reason, matched: r.phrase || `status:${r.status ?? ''}${r.command ? `+${r.command}` : ''}` };
  }
  return undefined;
}
