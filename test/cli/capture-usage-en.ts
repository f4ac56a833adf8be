/**
 * Records the English stderr and exit code of every USAGE_CASES invocation into test/cli/fixtures/usage-en.json.
 * Run once before the usage errors became bilingual (`node dist/test/cli/capture-usage-en.js`); the tests then
 * compare today's English output with it. Not a test file: re-running it would only re-record the present.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/env.js';
import { USAGE_CASES, baseEnv, caseKey, runCli } from './usage-cases.js';

const out: Record<string, { code: number | null; stderr: string }> = {};
for (const c of USAGE_CASES) {
  const r = runCli(c.args, c.input ?? '', baseEnv(c.env));
  out[caseKey(c)] = { code: r.code, stderr: r.stderr };
}
writeFileSync(join(PROJECT_ROOT, 'test', 'cli', 'fixtures', 'usage-en.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`recorded ${Object.keys(out).length} cases`);
