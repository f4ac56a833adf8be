/**
 * mailmedic as a library: every capability is a typed export; the CLI and web app are thin shells over these.
 */
export * from './core/finding.js';
export { tx, fill, pick, detectLang } from './i18n/text.js';
export { render, renderTerminal, renderJson, renderMarkdown, renderHtml, renderCsv } from './report/index.js';
export type { Format, RenderOptions } from './report/index.js';
export { describeReason, REASON_INFO } from './knowledge/reasons.js';
export type { ReasonInfo } from './knowledge/reasons.js';
export * from './classify/index.js';
export * from './explain/index.js';
export * from './bounce/index.js';
export * from './dns/index.js';
export * from './domain/index.js';
export * from './probe/index.js';
export * from './settings/index.js';
export * from './logs/index.js';
export * from './message/index.js';
export * from './doctor/index.js';
export * from './serve/index.js';
export * from './queue/index.js';
