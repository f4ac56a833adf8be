/**
 * SPF record parser (RFC 7208 §4.6, §5, §6, §12 ABNF). It never throws: it returns every term with its
 * position and the syntax errors found, each with the character offset in the record.
 */
import { isIP } from 'node:net';
import type { Text } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import { isStrictIPv4 } from '../ip.js';
import { parseMacroString, type MacroPart } from './macro.js';

/** An SPF mechanism's qualifier: + pass (the default), - fail, ~ softfail, ? neutral. */
export type SpfQualifier = '+' | '-' | '~' | '?';
/** The mechanism names RFC 7208 defines. */
export type SpfMechanismName = 'all' | 'include' | 'a' | 'mx' | 'ptr' | 'ip4' | 'ip6' | 'exists';

/** Every mechanism name RFC 7208 defines; any other name is a syntax error. */
export const MECHANISMS: readonly SpfMechanismName[] = ['all', 'include', 'a', 'mx', 'ptr', 'ip4', 'ip6', 'exists'];
/** Terms that cost one of the 10 DNS lookups (RFC 7208 §4.6.4). */
export const LOOKUP_TERMS: readonly string[] = ['include', 'a', 'mx', 'ptr', 'exists', 'redirect'];

/**
 * One mechanism of a record as written: its qualifier, name, domain or network and prefix lengths, and where it
 * stands.
 */
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

/** One name=value modifier of a record (redirect, exp, or one receivers ignore), with its macros parsed. */
export interface SpfModifier {
  kind: 'modifier';
  name: string;
  value: string;
  valueParts?: MacroPart[];
  raw: string;
  pos: number;
}

/** One space-separated term of an SPF record: a mechanism or a modifier. */
export type SpfTerm = SpfMechanism | SpfModifier;

/** What is wrong in an SPF record and where, so the report can point at the term. */
export interface SpfSyntaxError {
  /** Character offset in the record (0-based). */
  pos: number;
  /** The term (or part) that is wrong. */
  term: string;
  message: Text;
}

/** An SPF record split into its terms, with the redirect and exp modifiers picked out and every syntax error found. */
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
function checkDomainSpec(spec: string): { parts?: MacroPart[]; error?: { pos: number; message: Text } } {
  if (!spec) return { error: { pos: 0, message: tx('domain is empty', 'domena jest pusta') } };
  const { parts, error } = parseMacroString(spec);
  if (error) return { error };
  const last = parts[parts.length - 1];
  if (last?.kind === 'macro') return { parts };
  // domain-end = "." toplabel [ "." ]: the last label must not be all digits, no leading/trailing hyphen.
  const text = spec.endsWith('.') ? spec.slice(0, -1) : spec;
  const lastDot = text.lastIndexOf('.');
  if (lastDot < 0) return { error: { pos: 0, message: tx(`"${spec}" is not a fully qualified domain name`, `„${spec}” nie jest pełną nazwą domeny`) } };
  const tail = text.slice(lastDot + 1);
  // If the tail ends in a macro expansion the parts check above covered it; here tail is plain text.
  if (!/^[A-Za-z0-9-]+$/.test(tail) || /^\d+$/.test(tail) || tail.startsWith('-') || tail.endsWith('-')) {
    return { error: { pos: lastDot + 1, message: tx(`"${tail}" is not a valid top-level label`, `„${tail}” nie jest poprawną etykietą najwyższego poziomu`) } };
  }
  return { parts };
}

function parseMechanism(raw: string, pos: number, errors: SpfSyntaxError[]): SpfMechanism | undefined {
  const err = (at: number, message: Text) => { errors.push({ pos: pos + at, term: raw, message }); return undefined; };
  let i = 0;
  let qualifier: SpfQualifier = '+';
  let explicitQualifier = false;
  if ('+-~?'.includes(raw[0]!)) { qualifier = raw[0] as SpfQualifier; explicitQualifier = true; i = 1; }
  const m = /^[A-Za-z0-9]*/.exec(raw.slice(i))![0];
  const name = m.toLowerCase() as SpfMechanismName;
  if (!MECHANISMS.includes(name)) return err(i, m ? tx(`unknown mechanism "${m}"`, `nieznany mechanizm „${m}”`) : tx('missing mechanism', 'brak mechanizmu'));
  let rest = raw.slice(i + m.length);
  const restPos = i + m.length;
  const mech: SpfMechanism = { kind: 'mechanism', qualifier, explicitQualifier, name, raw, pos };
  /** The ":domain-spec" part (given with its leading ":" at `at`): checked, then stored on the mechanism. */
  const withDomain = (specWithColon: string, at: number) => {
    const spec = specWithColon.slice(1);
    const d = checkDomainSpec(spec);
    if (d.error) return err(at + 1 + d.error.pos, d.error.message);
    mech.domainSpec = spec; mech.domainParts = d.parts!;
    return mech;
  };
  switch (name) {
    case 'all':
      if (rest) return err(restPos, tx('"all" takes no arguments', '„all” nie przyjmuje argumentów'));
      return mech;
    case 'include': case 'exists': case 'ptr': {
      if (name === 'ptr' && !rest) return mech;
      if (!rest.startsWith(':')) return err(restPos, tx(`"${name}" needs ":" and a domain`, `„${name}” wymaga „:” i domeny`));
      return withDomain(rest, restPos);
    }
    case 'a': case 'mx': {
      const cidr = CIDR_TAIL.exec(rest)!;
      const specPart = rest.slice(0, rest.length - cidr[0].length);
      if (cidr[1] !== undefined) { mech.cidr4 = Number(cidr[1]); if (mech.cidr4 > 32) return err(restPos + specPart.length, tx(`IPv4 prefix /${cidr[1]} is over 32`, `prefiks IPv4 /${cidr[1]} jest większy niż 32`)); }
      if (cidr[2] !== undefined) { mech.cidr6 = Number(cidr[2]); if (mech.cidr6 > 128) return err(restPos + specPart.length, tx(`IPv6 prefix //${cidr[2]} is over 128`, `prefiks IPv6 //${cidr[2]} jest większy niż 128`)); }
      if (!specPart) return mech;
      if (!specPart.startsWith(':')) return err(restPos, tx(`unexpected "${specPart.slice(0, 20)}" after "${name}"`, `nieoczekiwane „${specPart.slice(0, 20)}” po „${name}”`));
      return withDomain(specPart, restPos);
    }
    case 'ip4': case 'ip6': {
      if (!rest.startsWith(':')) return err(restPos, tx(`"${name}" needs ":" and an address`, `„${name}” wymaga „:” i adresu`));
      rest = rest.slice(1);
      const slash = rest.indexOf('/');
      const net = slash < 0 ? rest : rest.slice(0, slash);
      const len = slash < 0 ? undefined : rest.slice(slash + 1);
      if (name === 'ip4' ? !isStrictIPv4(net) : isIP(net) !== 6) return err(restPos + 1, tx(`"${net}" is not a valid ${name === 'ip4' ? 'IPv4' : 'IPv6'} address`, `„${net}” nie jest poprawnym adresem ${name === 'ip4' ? 'IPv4' : 'IPv6'}`));
      mech.network = net;
      if (len !== undefined) {
        if (!/^(0|[1-9]\d{0,2})$/.test(len)) return err(restPos + 2 + slash, tx(`"/${len}" is not a valid prefix length`, `„/${len}” nie jest poprawną długością prefiksu`));
        const n = Number(len);
        if (n > (name === 'ip4' ? 32 : 128)) return err(restPos + 2 + slash, tx(`prefix /${len} is too long for ${name}`, `prefiks /${len} jest za długi dla ${name}`));
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
    out.errors.push({ pos: 65536, term: '', message: tx('record is longer than 64 KB', 'rekord jest dłuższy niż 64 KB') });
    return out;
  }
  if (!isSpfRecord(record)) {
    out.errors.push({ pos: 0, term: record.slice(0, 10), message: tx('record does not start with "v=spf1"', 'rekord nie zaczyna się od „v=spf1”') });
    return out;
  }
  // eslint-disable-next-line no-control-regex
  const bad = /[^\x20-\x7e]/.exec(record);
  if (bad) out.errors.push({ pos: bad.index, term: record.slice(Math.max(0, bad.index - 5), bad.index + 5), message: bad[0].charCodeAt(0) > 0x7e ? tx('non-ASCII character (SPF records are 7-bit ASCII)', 'znak spoza ASCII (rekordy SPF muszą być w 7-bitowym ASCII)') : tx('control character', 'znak sterujący') });
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
      if (!NAME_RE.test(name)) { out.errors.push({ pos, term: raw, message: tx(`"${name}" is not a valid modifier name`, `„${name}” nie jest poprawną nazwą modyfikatora`) }); continue; }
      const lname = name.toLowerCase();
      const mod: SpfModifier = { kind: 'modifier', name: lname, value, raw, pos };
      if (lname === 'redirect' || lname === 'exp') {
        const d = checkDomainSpec(value);
        if (d.error) { out.errors.push({ pos: pos + eq + 1 + d.error.pos, term: raw, message: d.error.message }); continue; }
        mod.valueParts = d.parts!;
        if (out[lname]) { out.errors.push({ pos, term: raw, message: tx(`"${lname}=" appears more than once`, `„${lname}=” występuje więcej niż raz`) }); continue; }
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
