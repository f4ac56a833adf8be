/**
 * Waiting between tries when the database (or NATS) is away: exponential, bounded and with full jitter, so many
 * workers that lost PostgreSQL at the same moment do not all knock again at the same moment when it comes back.
 */

/** How the waits grow: from `baseMs`, doubling, never over `capMs`. */
export interface BackoffOptions { baseMs?: number; capMs?: number; random?: () => number }

/** The wait before try number `attempt` + 1 (attempt 0 is the first retry): a random time up to base × 2^attempt, at most cap. */
export function backoffDelay(attempt: number, o: BackoffOptions = {}): number {
  const base = o.baseMs ?? 250, cap = o.capMs ?? 15_000;
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  // "Full jitter": anywhere between a tenth of the ceiling and the ceiling (never 0, which would be a busy loop).
  return Math.round(ceiling * (0.1 + 0.9 * (o.random ?? Math.random)()));
}

/** Wait ms (in slices of at most `sliceMs`, calling `tick` between them), or less when the signal aborts. */
export async function pause(ms: number, signal?: AbortSignal, tick?: () => void, sliceMs = 1000): Promise<void> {
  const end = Date.now() + ms;
  while (!signal?.aborted) {
    const left = end - Date.now();
    if (left <= 0) return;
    await new Promise<void>((res) => {
      const onAbort = () => { clearTimeout(t); res(); };
      const t = setTimeout(() => { signal?.removeEventListener('abort', onAbort); res(); }, Math.min(left, sliceMs));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    tick?.();
  }
}
