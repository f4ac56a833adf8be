import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The running loopback mail environment (testenv/start.sh), as started by scripts/test.mjs. */
export interface TestEnv {
  root: string;
  host: string;
  dnsPort: number;
  smtp: number;
  submission: number;
  smtps: number;
  imap: number;
  imaps: number;
  pop3: number;
  pop3s: number;
  maillog: string;
  dovecotLog: string;
  certs: string;
  users: Record<string, string>;
  [extra: string]: unknown;
}

export function testEnv(): TestEnv {
  const p = process.env.MAILMEDIC_TEST_ENV;
  if (!p) throw new Error('MAILMEDIC_TEST_ENV is not set: run the tests with `npm test` (it starts the real servers)');
  return JSON.parse(readFileSync(p, 'utf8')) as TestEnv;
}

/** Project root (tests run from dist/test/...). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
/** ../shared beside the project. */
export const SHARED = resolve(PROJECT_ROOT, '..', 'shared');
export const CLI = resolve(PROJECT_ROOT, 'bin', 'mailmedic.js');

/** Is ../shared (the shared corpora and seeds) beside the checkout? CI has it; a stranger's clone may not. */
export const HAS_SHARED = existsSync(resolve(SHARED, 'corpus'));
/** Options for a test that reads ../shared: skipped, and saying why, when it is not there. */
export const NEEDS_SHARED: { skip?: string } = HAS_SHARED ? {} : { skip: 'needs ../shared beside the checkout (the shared corpora)' };
