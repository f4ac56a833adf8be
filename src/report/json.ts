import type { Report } from '../core/finding.js';

/** The versioned JSON form (schema documented in docs/json-schema.md). Texts keep both languages. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
