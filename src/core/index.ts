// mailmedic/core: the one result shape (Report, Finding, Text …), its helpers and the bilingual text tools.
export * from './finding.js';
export { tx, fill, pick, detectLang, decimalCommaPl } from '../i18n/text.js';
export { describeReason, REASON_INFO, type ReasonInfo } from '../knowledge/reasons.js';
