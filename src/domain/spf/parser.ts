/**
 * SPF record parser (RFC 7208 §4.6, §5, §6, §12 ABNF). It never throws: it returns every term with its
 * position and the syntax errors found, each with the character offset in the record.
 */
import { isIP } from 'node:net';
import { isStrictIPv4 } from '../ip.js';
import { parseMacroString, type MacroPart } from './macro.js';

export type SpfQualifier = '+' | '-' | '~' | '?';
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

export const MECHANISMS: readonly SpfMechanismName[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];
/** Terms that cost one of the 10 DNS lookups (RFC 7208 §4.6.4). */
export const LOOKUP_TERMS: readonly string[] = ['include', 'a', 'mx', 'ptr', 'exists', 'redirect'];

export interface SpfMechanism {
  kind: 'mechanism';
  qualifier: SpfQualifier;
  /** Was the qualifier written out (e.g. "+all")? */
  explicitQualifier: boolean;
  name: SpfMechanismName;
  /** domain-spec as written (include, a, mx, ptr, exists), if any. */
  domainSpec?: string;
  domainParts?: MacroPart[];
  /** ip4/ip6 network as written. */
  network?: string;
  cidr4?: number;
  cidr6?: number;
  raw: string;
  /** Offset of the term in the record. */
  pos: number;
}

export interface SpfModifier {
  kind: 'modifier';
  name: string;
  value: string;
  valueParts?: MacroPart[];
  raw: string;
  pos: number;
}

export type SpfTerm = SpfMechanism | SpfModifier;

export interface SpfSyntaxError {
  /** Character offset in the record (0-based). */
  pos: number;
  /** The term (or part) that is wrong. */
  term: string;
  message: string;
}

export interface ParsedSpf {
  record: string;
  terms: SpfTerm[];
  mechanisms: SpfMechanism[];
  redirect?: SpfModifier;
  exp?: SpfModifier;
  errors: SpfSyntaxError[];
}

/** Does this TXT string start an SPF record (RFC 7208 §4.5: "v=spf1" then a space or the end)? */
export function isSpfRecord(txt: string): boolean {
  return /^v=spf1( |$)/i.test(txt);
}

/** Strings that look like a botched SPF version tag (to tell "no SPF" from "SPF with a typo"). */
export function looksLikeSpfTypo(txt: string): boolean {
  if (isSpfRecord(txt)) return false;
  const t = txt.trim().slice(0, 40).toLowerCase();
  return /^(v\s*=\s*spf|spf\s*[12]|v=spf[02-9]|"?v=spf1|v:spf1|vspf1|spf=|v=sfp1|v=psf1)/.test(t) || /^v=spf1\S/.test(t) || /\bip4:|\binclude:/.test(t) && !t.startsWith('v=');
}

const NAME_RE = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const CIDR_TAIL = /(?:\/(0|[1-9]\d{0,2}))?(?:\/\/(0|[1-9]\d{0,2}))?$/;

/** Validate a domain-spec: macro-string ending in "." toplabel or a macro (RFC 7208 §7.1). */
function checkDomainSpec(spec: string): { parts?: MacroPart[]; error?: { pos: number; message: string } } {
  if (!spec) return { error: { pos: 0, message: 'domain is empty' } };
  const { parts, error } = parseMacroString(spec);
  if (error) return { error };
  const last = parts[parts.length - 1];
  if (last?.kind === 'macro') return { parts };
  // domain-end = "." toplabel [ "." ]: the last label must not be all digits, no leading/trailing hyphen.
  const text = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const lastDot = text.lastIndexOf('.');
  if (lastDot < 0) return { error: { pos: 0, message: `"${spec}" is not a fully qualified domain name` } };
  const tail = text.slice(lastDot + 1);
  // If the tail ends in a macro expansion the parts check above covered it; here tail is plain text.
  if (!/^[A-Za-z0-9-]+$/.test(tail) || /^\d+$/.test(tail) || tail.startsWith('-') || tail.endsWith('-')) {
    return { error: { pos: lastDot + 1, message: `"${tail}" is not a valid top-level label` } };
  }
  return { parts };
}

function parseMechanism(raw: string, pos: number, errors: SpfSyntaxError[]): SpfMechanism | undefined {
  const err = (at: number, message: string) => { errors.push({ pos: pos + at, term: raw, message }); return undefined; };
  let i = 0;
  let qualifier: SpfQualifier = '+';
  let explicitQualifier = false;
  if ('+-~?'.includes(raw[0]!)) { qualifier = raw[0] as SpfQualifier; explicitQualifier = true; i = 1; }
  const m = /^[A-Za-z0-9]*/.exec(raw.slice(i))![0];
  const name = m.toLowerCase() as SpfMechanismName;
  if (!MECHANISMS.includes(name)) return err(i, m ? `unknown mechanism "${m}"` : 'missing mechanism');
  let rest = raw.slice(i + m.length);
  const restPos = i + m.length;
  const mech: SpfMechanism = { kind: 'mechanism', qualifier, explicitQualifier, name, raw, pos };
  switch (name) {
    case 'all':
      if (rest) return err(restPos, '"all" takes no arguments');
      return mech;
    case 'include': case 'exists': case 'ptr': {
      if (name === 'ptr' && !rest) return mech;
      if (!rest.startsWith(':')) return err(restPos, `"${name}" needs ":" and a domain`);
      const spec = rest.slice(1);
      const d = checkDomainSpec(spec);
      if (d.error) return err(restPos + 1 + d.error.pos, d.error.message);
      mech.domainSpec = spec; mech.domainParts = d.parts!;
      return mech;
    }
    case 'a': case 'mx': {
      const cidr = CIDR_TAIL.exec(rest)!;
      const specPart = rest.slice(0, rest.length - cidr[0].length);
      if (cidr[1] !== undefined) { mech.cidr4 = Number(cidr[1]); if (mech.cidr4 > 32) return err(restPos + specPart.length, `IPv4 prefix /${cidr[1]} is over 32`); }
      if (cidr[2] !== undefined) { mech.cidr6 = Number(cidr[2]); if (mech.cidr6 > 128) return err(restPos + specPart.length, `IPv6 prefix //${cidr[2]} is over 128`); }
      if (!specPart) return mech;
      if (!specPart.startsWith(':')) return err(restPos, `unexpected "${specPart.slice(0, 20)}" after "${name}"`);
      const spec = specPart.slice(1);
      const d = checkDomainSpec(spec);
      if (d.error) return err(restPos + 1 + d.error.pos, d.error.message);
      mech.domainSpec = spec; mech.domainParts = d.parts!;
      return mech;
    }
    case 'ip4': case 'ip6': {
      if (!rest.startsWith(':')) return err(restPos, `"${name}" needs ":" and an address`);
      rest = rest.slice(1);
      const slash = rest.indexOf('/');
      const net = slash < 0 ? rest : rest.slice(0, slash);
      const len = slash < 0 ? undefined : rest.slice(slash + 1);
      if (name === 'ip4' ? !isStrictIPv4(net) : isIP(net) !== 6) return err(restPos + 1, `"${net}" is not a valid ${name === 'ip4' ? 'IPv4' : 'IPv6'} address`);
      mech.network = net;
      if (len !== undefined) {
        if (!/^(0|[1-9]\d{0,2})$/.test(len)) return err(restPos + 2 + slash, `"/${len}" is not a valid prefix length`);
        const n = Number(len);
        if (n > (name === 'ip4' ? 32 : 128)) return err(restPos + 2 + slash, `prefix /${len} is too long for ${name}`);
        if (name === 'ip4') mech.cidr4 = n; else mech.cidr6 = n;
      }
      return mech;
    }
  }
}

/**
 * Parse one SPF record. `record` should start with "v=spf1" (see `isSpfRecord`); terms are separated by
 * spaces. Over-long input is bounded (a record over 64 KB is refused as one error).
 */
export function parseSpf(record: string): ParsedSpf {
  const out: ParsedSpf = { record, terms: [], mechanisms: [], errors: [] };
  if (record.length > 65536) {
    out.errors.push({ pos: 65536, term: '', message: 'record is longer than 64 KB' });
    return out;
  }
  if (!isSpfRecord(record)) {
    out.errors.push({ pos: 0, term: record.slice(0, 10), message: 'record does not start with "v=spf1"' });
    return out;
  }
  // eslint-disable-next-line no-control-regex
  const bad = /[^\x20-\x7e]/.exec(record);
  if (bad) out.errors.push({ pos: bad.index, term: record.slice(Math.max(0, bad.index - 5), bad.index + 5), message: bad[0].charCodeAt(0) > 0x7e ? 'non-ASCII character (SPF records are 7-bit ASCII)' : 'control character' });
  const re = /[^ ]+/g;
  re.lastIndex = 6;
  for (let m = re.exec(record); m; m = re.exec(record)) {
    const raw = m[0];
    const pos = m.index;
    if (bad && bad.index >= pos && bad.index < pos + raw.length) continue; // already reported
    const eq = raw.indexOf('=');
    const colon = raw.indexOf(':');
    const slash = raw.indexOf('/');
    const isModifier = eq > 0 && (colon < 0 || eq < colon) && (slash < 0 || eq < slash);
    if (isModifier) {
      const name = raw.slice(0, eq);
      const value = raw.slice(eq + 1);
      if (!NAME_RE.test(name)) { out.errors.push({ pos, term: raw, message: `"${name}" is not a valid modifier name` }); continue; }
      const lname = name.toLowerCase();
      const mod: SpfModifier = { kind: 'modifier', name: lname, value, raw, pos };
      if (lname === 'redirect' || lname === 'exp') {
        const d = checkDomainSpec(value);
        if (d.error) { out.errors.push({ pos: pos + eq + 1 + d.error.pos, term: raw, message: d.error.message }); continue; }
        mod.valueParts = d.parts!;
        if (out[lname]) { out.errors.push({ pos, term: raw, message: `"${lname}=" appears more than once` }); continue; }
        out[lname] = mod;
      } else {
        const p = parseMacroString(value);
        if (p.error) { out.errors.push({ pos: pos + eq + 1 + p.error.pos, term: raw, message: p.error.message }); continue; }
        mod.valueParts = p.parts;
      }
      out.terms.push(mod);
      continue;
    }
    const mech = parseMechanism(raw, pos, out.errors);
    if (mech) { out.terms.push(mech); out.mechanisms.push(mech); }
  }
  return out;
}
