// Public exports of the domain capability: mail DNS checks (MX, SPF, DKIM, DMARC, PTR, DNSBL, MTA-STS, …).
export { parseSpf, isSpfRecord, looksLikeSpfTypo, MECHANISMS as SPF_MECHANISMS, LOOKUP_TERMS as SPF_LOOKUP_TERMS } from './spf/parser.js';
export type { ParsedSpf, SpfTerm, SpfMechanism, SpfModifier, SpfSyntaxError, SpfQualifier, SpfMechanismName } from './spf/parser.js';
export { evaluateSpf, isValidSpfDomain, selectSpfRecord, SPF_LIMITS } from './spf/evaluator.js';
export type { SpfResult, SpfEvalInput, SpfEvaluation, SpfStep } from './spf/evaluator.js';
export { parseMacroString as parseSpfMacroString, expandMacroParts as expandSpfMacro } from './spf/macro.js';
export type { MacroPart as SpfMacroPart, MacroContext as SpfMacroContext } from './spf/macro.js';
export { parseIp, ipInCidr, specialRange, SPECIAL_RANGES } from './ip.js';
export type { IpBytes } from './ip.js';
