/**
 * Query parameters of the GET routes (the dashboard's and the stream results'), read and checked one way: a wrong
 * one is a 400 naming the field, a long one is cut before it is parsed, and the schemas say the same for OpenAPI.
 */
import { parseSpan } from '../core/span.js';
import { HttpError } from './security.js';

type JsonSchema = Record<string, unknown>;

/** The OpenAPI schema of a length of time (what `spanParam` accepts). */
export const SPAN_SCHEMA: JsonSchema = { type: 'string', pattern: '^\\d{1,6}(m|h|d)$', description: 'a length of time: 90m, 36h, 7d (1 minute to 400 days)' };

/** One query parameter of a route, as OpenAPI lists it. */
export interface QueryParam { name: string; description: string; schema: JsonSchema; required?: boolean }

/**
 * A look-back (`name`, default `dflt`, e.g. "7d") in ms; without a default, undefined when the parameter is absent.
 */
export function spanParam(params: URLSearchParams, name: string, dflt: string): number;
export function spanParam(params: URLSearchParams, name: string, dflt?: string): number | undefined;
export function spanParam(params: URLSearchParams, name: string, dflt?: string): number | undefined {
  const raw = params.get(name) ?? dflt;
  if (raw === undefined) return undefined;
  const ms = raw.length <= 20 ? parseSpan(raw) : undefined;
  if (ms === undefined) throw new HttpError(400, `${name} must be a length of time such as 90m, 36h or 7d (1 minute to 400 days)`, 'bad-field', name);
  return ms;
}

/** A whole number from `min` to `max` (default `dflt` when absent). */
export function intParam(params: URLSearchParams, name: string, dflt: number, min: number, max: number): number {
  const raw = params.get(name);
  const n = raw === null ? dflt : raw.length <= 12 && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(400, `${name} must be a whole number from ${min} to ${max}`, 'bad-field', name);
  return n;
}

/**
 * A text of at most `max` characters without control characters; `required`: a missing or blank one is refused.
 * Returns it trimmed (undefined when absent and optional).
 */
export function textParam(params: URLSearchParams, name: string, max: number, required: true): string;
export function textParam(params: URLSearchParams, name: string, max: number, required?: boolean): string | undefined;
export function textParam(params: URLSearchParams, name: string, max: number, required = false): string | undefined {
  const raw = params.get(name);
  if (raw === null || !raw.trim()) {
    if (required) throw new HttpError(400, `"${name}" is required`, 'missing-field', name);
    return undefined;
  }
  // eslint-disable-next-line no-control-regex
  if (raw.length > max || /[\u0000-\u001f\u007f]/.test(raw)) throw new HttpError(400, `${name} must be at most ${max} characters, without control characters`, 'bad-field', name);
  return raw.trim();
}
