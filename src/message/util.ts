import type { Text } from '../core/finding.js';
import { isIP } from 'node:net';
import { getDomain } from 'tldts';
import { trimEndOf } from '../core/trim.js';

/** "3 h 5 min", "45 s", "2 d 1 h": the same units read naturally in English and Polish. */
export function formatDuration(seconds: number): string {
  const neg = seconds < 0;
  let s = Math.round(Math.abs(seconds));
  const d = Math.floor(s / 86400); s -= d * 86400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const parts: string[] = [];
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m && !d) parts.push(`${m} min`);
  if ((s && !d && !h) || !parts.length) parts.push(`${s} s`);
  return (neg ? '−' : '') + parts.join(' ');
}

/** The domain of an address ("a@b.example" → "b.example"), lower-cased; undefined when there is none. */
export function domainOf(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const at = address.lastIndexOf('@');
  const d = trimEndOf((at >= 0 ? address.slice(at + 1) : address).trim(), '>.', true).toLowerCase();
  return d && /^[a-z0-9._-]+$/i.test(d) ? d : undefined;
}

/** The organizational domain (public-suffix based, as DMARC uses it); the name itself when unknown. */
export function orgDomain(domain: string): string {
  return getDomain(domain, { allowPrivateDomains: false }) ?? domain.toLowerCase();
}

/** DMARC alignment of two domains: strict (same name), relaxed (same organizational domain) or none. */
export function alignment(a: string | undefined, b: string | undefined): 'strict' | 'relaxed' | 'none' {
  if (!a || !b) return 'none';
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return 'strict';
  return orgDomain(x) === orgDomain(y) ? 'relaxed' : 'none';
}

/** Loopback, private, link-local, CGNAT or documentation addresses: not the public Internet. */
export function isNonPublicIp(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) {
    const [a, b] = ip.split('.').map(Number) as [number, number];
    return a === 10 || a === 127 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) ||
      (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || (a === 192 && b === 0) || (a === 198 && (b === 18 || b === 19));
  }
  if (v === 6) {
    const l = ip.toLowerCase();
    return l === '::1' || l.startsWith('fe80:') || l.startsWith('fc') || l.startsWith('fd') || l.startsWith('2001:db8:') || l === '::';
  }
  return false;
}

export function isLoopbackIp(ip: string | undefined): boolean {
  return !!ip && (ip.startsWith('127.') || ip === '::1');
}

/** Cut a string for evidence and tables. */
export function cut(s: string, n = 200): string {
  return s.length > n ? s.slice(0, n) + '…' : s;
}

/** The first address in an address header: "Name <a@b>" → "a@b"; bare "a@b" as is. */
export function addressOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.slice(0, 2000);
  const lt = v.lastIndexOf('<');
  const gt = lt >= 0 ? v.indexOf('>', lt) : -1;
  if (lt >= 0 && gt > lt) return v.slice(lt + 1, gt).trim() || undefined;
  const m = /[^\s<>"(),;:]{1,200}@[^\s<>"(),;:]{1,255}/.exec(v);
  return m?.[0];
}

/** The display name of an address header ("Bank <x@y>" → "Bank"), quotes removed. */
export function displayNameOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const lt = value.lastIndexOf('<');
  if (lt <= 0) return undefined;
  const name = value.slice(0, lt).trim().replace(/^"|"$/g, '').trim();
  return name || undefined;
}

/** Like fill(), but a parameter may itself be bilingual: each language gets its own wording. */
export function fillT(text: Text, params: Record<string, string | number | Text>): Text {
  const sub = (s: string, lang: 'en' | 'pl') => s.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = params[k];
    if (v === undefined) return m;
    return typeof v === 'object' ? v[lang] : String(v);
  });
  return { en: sub(text.en, 'en'), pl: sub(text.pl, 'pl') };
}

/** Letters and pairs that look alike in most fonts, folded to one form ("paypa1" → "paypal", "rn" → "m"). */
function foldConfusables(s: string): string {
  return s.toLowerCase().replace(/rn/g, 'm').replace(/vv/g, 'w').replace(/[0]/g, 'o').replace(/[1|]/g, 'l').replace(/5/g, 's');
}

/** Edit distance, bounded: names are cut to 64 characters (DNS labels are at most 63). */
function editDistance(a: string, b: string): number {
  const x = a.slice(0, 64);
  const y = b.slice(0, 64);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
}

/**
 * Two different organizational domains that a reader could take for one another: equal after folding
 * lookalike characters, or one edit apart (for names of 6+ characters).
 */
export function looksAlike(a: string, b: string): boolean {
  const x = orgDomain(a);
  const y = orgDomain(b);
  if (x === y) return false;
  if (foldConfusables(x) === foldConfusables(y)) return true;
  const lx = x.split('.')[0]!;
  const ly = y.split('.')[0]!;
  return Math.min(lx.length, ly.length) >= 6 && editDistance(x, y) <= 1;
}
