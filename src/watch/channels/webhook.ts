/**
 * The webhook channel: the pass's alerts as one JSON POST, retried with exponential backoff (0.5 s, 1 s, 2 s …) on a
 * network error, a timeout or a non-2xx answer. Fetch and sleep are injectable.
 */
import type { WatchAlert } from '../changes.js';
import type { WebhookChannel } from '../config.js';

/** Injectable fetch, sleep and the first backoff step (ms) of the webhook channel. */
export interface WebhookDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  backoffMs?: number;
}

/** The body every webhook gets (versioned, like the report JSON). */
export function webhookBody(alerts: WatchAlert[], runId: string): unknown {
  return { schema: 'mailmedic.watch.alerts', schemaVersion: 1, runId, alerts };
}

/** POST the alerts; resolves to how it went ("delivered after N attempt(s)"), rejects after the last retry. */
export async function sendWebhook(ch: WebhookChannel, alerts: WatchAlert[], runId: string, deps: WebhookDeps = {}): Promise<string> {
  const doFetch = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const body = JSON.stringify(webhookBody(alerts, runId));
  let last = '';
  for (let attempt = 0; attempt <= ch.retries; attempt++) {
    if (attempt) await sleep((deps.backoffMs ?? 500) * 2 ** (attempt - 1));
    try {
      const res = await doFetch(ch.url, {
        method: 'POST', body, redirect: 'manual',
        headers: { 'content-type': 'application/json', 'user-agent': 'mailmedic-watch' },
        signal: AbortSignal.timeout(ch.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return `delivered after ${attempt + 1} attempt(s)`;
      last = `HTTP ${res.status}`;
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      last = err.name === 'TimeoutError' ? `no answer within ${ch.timeoutMs} ms` : err.cause?.code ?? err.message;
    }
  }
  throw new Error(`${last} (after ${ch.retries + 1} attempt(s))`);
}
