/**
 * The explain capability: find every SMTP reply code, enhanced status code and known error message in a text
 * and explain it in English and Polish. The knowledge tables it reads are exported too (read-only data).
 */
export { explain, explainBytes, EXPLAIN_TEXTS } from './explain.js';
export type { ExplainOptions, ExplainDiagnosis, ExplainData } from './explain.js';
export { decodeExplainInput } from './decode.js';
export type { DecodedInput, InputEncoding } from './decode.js';
export * from '../knowledge/index.js';
