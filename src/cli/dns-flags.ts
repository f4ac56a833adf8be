import { dnsClientFromFlags } from '../domain/cli-shared.js';
import { durationOption, numberOption, UsageError } from './args.js';
import { USAGE_TEXTS } from './usage-texts.js';

/** The DNS options the DNS-using commands share: --resolver ip[:port], --timeout ms, --retries n, --trace. */
export const DNS_OPTIONS = {
  resolver: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  trace: { type: 'boolean' },
} as const;

/** Build the DNS client those options ask for; a bad value is a usage error. */
export function dnsFromOptions(v: Record<string, unknown>): ReturnType<typeof dnsClientFromFlags> {
  const timeoutMs = durationOption('timeout', v.timeout, 2000, 'ms', 50, 60000);
  const retries = numberOption('retries', v.retries, 1, 0, 10);
  try {
    return dnsClientFromFlags({
      ...(typeof v.resolver === 'string' ? { resolver: v.resolver } : {}),
      timeoutMs, retries, trace: Boolean(v.trace),
    });
  } catch (e) {
    // The only thing that can be wrong here is the --resolver address (the DNS client's RangeError).
    throw new UsageError(USAGE_TEXTS.badResolver, { value: String(v.resolver) }, e);
  }
}
