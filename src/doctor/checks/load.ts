/**
 * Loading the other capabilities lazily, by name. A capability that has not landed (or lacks the function
 * the adapter needs) is reported honestly as "not available in this version", never simulated.
 */
import type { Finding, Report } from '../../core/finding.js';
import { fill, tx } from '../../i18n/text.js';

/** Thrown by an adapter when the capability or the function it needs is missing. */
export class CapabilityMissing extends Error {
  override name = 'CapabilityMissing';
  constructor(readonly capability: string, readonly wanted: string) {
    super(`${capability}: ${wanted} is not available in this version`);
  }
}

type Fn = (...args: never[]) => unknown;

// Literal specifiers, so bundlers and tsc see them; the table maps capability → loader.
const LOADERS: Record<string, () => Promise<Record<string, unknown>>> = {
  explain: () => import('../../explain/index.js') as Promise<Record<string, unknown>>,
  bounce: () => import('../../bounce/index.js') as Promise<Record<string, unknown>>,
  dns: () => import('../../dns/index.js') as Promise<Record<string, unknown>>,
  domain: () => import('../../domain/index.js') as Promise<Record<string, unknown>>,
  probe: () => import('../../probe/index.js') as Promise<Record<string, unknown>>,
  settings: () => import('../../settings/index.js') as Promise<Record<string, unknown>>,
  logs: () => import('../../logs/index.js') as Promise<Record<string, unknown>>,
  message: () => import('../../message/index.js') as Promise<Record<string, unknown>>,
  queue: () => import('../../queue/index.js') as Promise<Record<string, unknown>>,
};

/** The first of `names` that the capability exports as a function; throws CapabilityMissing otherwise. */
export async function capabilityFn<T extends Fn>(capability: string, names: string[]): Promise<T> {
  const load = LOADERS[capability];
  let mod: Record<string, unknown> | undefined;
  try {
    mod = load ? await load() : undefined;
  } catch {
    mod = undefined;
  }
  for (const n of names) {
    const f = mod?.[n];
    if (typeof f === 'function') return f as T;
  }
  throw new CapabilityMissing(capability, names.join(' / '));
}

/** Does the capability export at least one of these functions? */
export async function hasCapability(capability: string, names: string[]): Promise<boolean> {
  try {
    await capabilityFn(capability, names);
    return true;
  } catch {
    return false;
  }
}

/** Findings of a Report or a bare array, whatever a capability returns. */
export function findingsOf(result: unknown): Finding[] {
  if (Array.isArray(result)) return result as Finding[];
  if (result && typeof result === 'object' && Array.isArray((result as Report).findings)) return (result as Report).findings;
  return [];
}

export const MISSING_TEXT = {
  summary: tx('This check is not available in this version of mailmedic ({capability}).',
    'Ten test nie jest dostępny w tej wersji mailmedic ({capability}).'),
  detail: tx('The part of mailmedic that does it ({wanted}) is not included in this build, so nothing was checked here and nothing is assumed.',
    'Część mailmedic, która to sprawdza ({wanted}), nie wchodzi w skład tej wersji, więc niczego tu nie sprawdzono ani nie założono.'),
};

export function missingFinding(check: string, subject: string, e: CapabilityMissing): Finding {
  return {
    check: `doctor.${check}.unavailable`,
    status: 'unknown',
    subject,
    summary: fill(MISSING_TEXT.summary, { capability: e.capability }),
    detail: fill(MISSING_TEXT.detail, { wanted: `${e.capability}: ${e.wanted}` }),
  };
}
