// Every capability the doctor and the web app call has landed in this build: if one renames a function, this
// test fails loudly instead of the doctor quietly reporting "not available in this version".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hasCapability } from '../../src/doctor/checks/load.js';

const USED: [string, string[]][] = [
  ['explain', ['explain']],
  ['bounce', ['parseBounce']], ['bounce', ['bounceReport']],
  ['dns', ['createDnsClient']],
  ['domain', ['checkMx']], ['domain', ['checkSpf']], ['domain', ['spfEvaluationFinding']], ['domain', ['checkDkim']],
  ['domain', ['checkDmarc']], ['domain', ['checkPtr']], ['domain', ['checkDnsbl']], ['domain', ['checkDomain']],
  ['probe', ['probeSmtp']], ['probe', ['probeImap']], ['probe', ['probePop3']],
  ['settings', ['findMailSettings']], ['settings', ['settingsReport']],
  ['logs', ['findLogProblems']], ['logs', ['summarizeLogs']], ['logs', ['traceLogs']],
  ['logs', ['logSummaryReport', 'summaryReport']], ['logs', ['logTraceReport', 'traceReport']],
  ['message', ['analyzeMessageOffline']], ['message', ['messageReport']],
];

test('every capability function the doctor and serve call exists in this build', async () => {
  const missing: string[] = [];
  for (const [cap, fns] of USED) if (!(await hasCapability(cap, fns))) missing.push(`${cap}: ${fns.join(' / ')}`);
  assert.deepEqual(missing, []);
});
