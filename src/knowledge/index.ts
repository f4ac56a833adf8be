/**
 * The knowledge tables, as data: reply codes, enhanced status codes, known phrases of bounces, mail programs and
 * big providers. `explain` reads them; the classifier (src/classify) may read them as a rule source.
 * (Per-reason texts live in ./reasons.ts and are exported by the library root.)
 */
import { BOUNCE_PHRASES } from './bounce-phrases.js';
import { CLIENT_MESSAGES } from './client-messages.js';
import { PROVIDER_REJECTIONS } from './provider-rejections.js';
import type { MessagePattern } from './types.js';

export type { KnowledgeEntry, MessagePattern, SeeAlsoKind } from './types.js';
export { REPLY_CODES, REPLY_CODE_CLASSES, REPLY_CODE_CATEGORIES } from './reply-codes.js';
export type { ReplyCodeEntry } from './reply-codes.js';
export { ENHANCED_CODES, ENHANCED_CLASSES, ENHANCED_SUBJECTS, enhancedCodeEntry } from './enhanced-codes.js';
export type { EnhancedCodeEntry } from './enhanced-codes.js';
export { BOUNCE_PHRASES } from './bounce-phrases.js';
export { CLIENT_MESSAGES } from './client-messages.js';
export { PROVIDER_REJECTIONS } from './provider-rejections.js';
export { PROVIDER_CODES } from './provider-codes.js';
export type { ProviderCodeEntry } from './provider-codes.js';

/** Every keyword pattern (provider rejections, mail-program messages, bounce phrases), in one list. */
export const MESSAGE_PATTERNS: readonly MessagePattern[] = [...PROVIDER_REJECTIONS, ...CLIENT_MESSAGES, ...BOUNCE_PHRASES];
