// Shared by the message tests: send through the real Postfix with swaks, find the delivered file in alice's Maildir.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestEnv } from '../helpers/env.js';

const run = promisify(execFile);

/** swaks, retried for up to ~20 s: a neighbour may restart the shared test servers at any moment. */
export async function swaks(args: string[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run('swaks', args, { timeout: 20_000 });
      return;
    } catch (e) {
      if (attempt >= 8) throw e;
      await new Promise((r) => setTimeout(r, 2500));
    }
  }
}

/**
 * The text of the message whose header block contains `token`, from alice's Maildir: new/ and cur/ (a
 * neighbour's IMAP test opening the INBOX makes Dovecot move new mail to cur/).
 */
export async function deliveredText(env: TestEnv, token: string, timeoutMs = 20_000): Promise<string> {
  const dirs = ['new', 'cur'].map((d) => join(env.root, 'vmail', 'example.test', 'alice', d));
  const seen = new Set<string>();
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    for (const p of dirs.flatMap((d) => { try { return readdirSync(d).map((n) => join(d, n)); } catch { return []; } })) {
      if (seen.has(p)) continue;
      let text: string;
      try { text = readFileSync(p, 'utf8'); } catch { continue; }
      const cut = text.search(/\r?\n\r?\n/);
      if ((cut >= 0 ? text.slice(0, cut) : text).includes(token)) return text;
      seen.add(p);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`message ${token} not delivered within ${timeoutMs} ms (see ${env.maillog})`);
}
