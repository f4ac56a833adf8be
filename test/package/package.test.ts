import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../helpers/env.js';

const run = (cmd: string, args: string[], cwd: string): string => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });

// The tarball a stranger installs: no install-script warning, `npx mailmedic` works, and a strict TypeScript program
// (no skipLibCheck) compiles and runs against its types from ESM and from CommonJS.
test('the packed tarball installs cleanly and its API compiles strictly from ESM and CommonJS', { timeout: 240_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mm-consumer-'));
  try {
    const packed = run('npm', ['pack', '--silent', '--pack-destination', dir], PROJECT_ROOT).trim().split('\n').pop()!;
    const files = run('tar', ['-tzf', join(dir, packed)], dir);
    for (const f of ['package/LICENSE', 'package/NOTICE', 'package/README.md', 'package/bin/mailmedic.js', 'package/dist/src/index.d.ts']) assert.ok(files.includes(f), `${f} in the tarball`);
    assert.ok(!files.includes('package/dist/test/'), 'no tests in the tarball');
    for (const f of ['package/schemas/report.schema.json', 'package/schemas/data/bounce.schema.json', 'package/schemas/data/bounce-message.schema.json']) assert.ok(files.includes(f), `${f} in the tarball`);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
    const install = execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(dir, packed), '@types/node@20'],
      { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000 });
    assert.doesNotMatch(install, /warn/i, install);
    // explain exits 2 for a permanent failure: the exit code says what it found, the output what it means.
    const npx = spawnSync('npx', ['--no-install', 'mailmedic', 'explain', '550 5.1.1 user unknown'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    assert.equal(npx.status, 2, npx.stderr);
    assert.match(npx.stdout, /userunknown/);
    // The JSON Schemas are reachable through the package's exports (mailmedic/schemas/*), from CommonJS and ESM.
    const schemaId = run(process.execPath, ['-e', "console.log(require(require.resolve('mailmedic/schemas/report.schema.json')).$id)"], dir).trim();
    assert.equal(schemaId, 'https://mailmedic.invalid/schemas/report.schema.json');
    const esmSchema = run(process.execPath, ['--input-type=module', '-e', "const s = await import('mailmedic/schemas/data/bounce.schema.json', { with: { type: 'json' } }); console.log(s.default.title)"], dir).trim();
    assert.match(esmSchema, /^mailmedic bounce: data$/m);
    writeFileSync(join(dir, 'esm.mts'), [
      "import { checkBounce, render, type Report } from 'mailmedic';",
      "import { parseBounce, type BounceResult } from 'mailmedic/bounce';",
      "import { parseSpf } from 'mailmedic/domain';",
      "import type { Finding } from 'mailmedic/core';",
      "const bounce = 'From: MAILER-DAEMON@x.example\\nSubject: Undelivered Mail Returned to Sender\\n\\n<a@b.example>: host mx.b.example said: 550 5.1.1 user unknown\\n';",
      'const r: BounceResult = parseBounce(bounce);',
      'const report: Report = checkBounce(bounce);',
      'const first: Finding | undefined = report.findings[0];',
      "console.log(r.recipients[0]?.reason, first?.diagnosis?.reason, parseSpf('v=spf1 -all').errors.length === 0, render(report, 'json', { lang: 'pl' }).length > 0);",
    ].join('\n'));
    writeFileSync(join(dir, 'cjs.cts'), [
      "const mm = require('mailmedic') as typeof import('mailmedic');",
      "const queue = require('mailmedic/queue') as typeof import('mailmedic/queue');",
      'console.log(typeof mm.checkBounce, typeof queue.readQueue);',
    ].join('\n'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022',
      outDir: 'out', skipLibCheck: false, types: ['node'] }, files: ['esm.mts', 'cjs.cts'] }));
    run(join(PROJECT_ROOT, 'node_modules', '.bin', 'tsc'), ['-p', '.'], dir);
    assert.equal(run(process.execPath, [join(dir, 'out', 'esm.mjs')], dir).trim(), 'userunknown userunknown true true');
    assert.equal(run(process.execPath, [join(dir, 'out', 'cjs.cjs')], dir).trim(), 'function function');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(!readdirSync(PROJECT_ROOT).some((f) => f.endsWith('.tgz')), 'no tarball left in the project');
});
