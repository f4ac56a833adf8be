#!/usr/bin/env node
// Entry point: the compiled CLI lives in dist/ (`npm run build` in a checkout; the published package ships it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('mailmedic: not built yet — run `npm run build` in this folder first (Node.js ≥ 20.19).\n' +
    'mailmedic: jeszcze nie zbudowany — najpierw uruchom `npm run build` w tym katalogu (Node.js ≥ 20.19).\n');
  process.exit(70);
}
const { main } = await import(cli.href);
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`mailmedic: internal error: ${e?.stack ?? e}\n`); process.exitCode = 70; },
);
