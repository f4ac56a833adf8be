import { dnsClientFromFlags } from '../domain/cli-shared.js';
import { numberOption, UsageError } from './args.js';

/** The DNS options the DNS-using commands share: --resolver ip[:port], --timeout ms, --retries n, --trace. */
export const DNS_OPTIONS = {
  resolver: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  trace: { type: 'boolean' },
} as const;

/** Build the DNS client those options ask for; a bad value is a usage error. */
export function dnsFromOptions(v: Record<string, unknown>): ReturnType<typeof dnsClientFromFlags> {
  try {
    return dnsClientFromFlags({
      ...(typeof v.resolver === 'string' ? { resolver: v.resolver } : {}),
      timeoutMs: numberOption('timeout', v.timeout, 2000, 50, 60000),
      retries: numberOption('retries', v.retries, 1, 0, 10),
      trace: Boolean(v.trace),
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
