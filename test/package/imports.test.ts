// The library's shape: a curated root (a few dozen exports, one Report-returning entry per capability) and one
// subpath per capability that loads only what that capability needs — checked on the compiled import graph
// (static imports; the doctor reaches the other capabilities lazily, on purpose).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { PROJECT_ROOT } from '../helpers/env.js';

const DIST = join(PROJECT_ROOT, 'dist', 'src');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.[^'"]+)['"]/g;

/** Capability folders reached from a module by static imports. */
function reached(entry: string): Set<string> {
  return new Set([...reachedFiles(entry)].map((f) => relative(DIST, f).split('/')[0]!));
}

/** The compiled files a module reaches by static imports (itself included). */
function reachedFiles(entry: string): Set<string> {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const f = stack.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const m of readFileSync(f, 'utf8').matchAll(IMPORT)) stack.push(resolve(dirname(f), m[1] ?? m[2]!));
  }
  return seen;
}

// What each subpath may load (shared: core, i18n, knowledge — texts and the result shape — and mime, the one MIME layer).
const SHARED = ['core', 'i18n', 'knowledge', 'mime'];
const ALLOWED: Record<string, string[]> = {
  core: [], classify: [], report: [], dns: [], explain: ['classify'], bounce: ['classify'], domain: ['dns'], probe: ['classify', 'dns'],
  settings: ['classify', 'dns', 'probe'], logs: ['classify', 'report'], queue: ['classify', 'logs', 'report'], message: ['dns', 'report'],
  doctor: ['report'], serve: ['doctor', 'report'],
  // stream: bounce workers read with bounce; log shipping follows files and log workers count with logs (its summary,
  // problem detector and parser: not a second copy), which itself loads report.
  stream: ['bounce', 'classify', 'logs', 'report'],
  watch: ['classify', 'dns', 'domain', 'logs', 'probe', 'report'],
};

test('each subpath in package.json loads only its own capability and what it needs', () => {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };
  const subpaths = Object.keys(pkg.exports).filter((k) => k !== '.' && k !== './package.json' && !k.includes('*')).map((k) => k.slice(2)).sort();
  assert.deepEqual(subpaths, Object.keys(ALLOWED).sort(), 'every subpath is listed here');
  for (const cap of subpaths) {
    const loaded = reached(join(DIST, cap, 'index.js'));
    const extra = [...loaded].filter((c) => c !== cap && !SHARED.includes(c) && !ALLOWED[cap]!.includes(c));
    assert.deepEqual(extra, [], `mailmedic/${cap} loads ${extra.join(', ')}`);
  }
});

test('the web app without a database loads no database driver: pg, better-sqlite3 and the stores come only with --watch or --stream-db', () => {
  const drivers = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](pg|better-sqlite3)['"]/;
  const loading = [...reachedFiles(join(DIST, 'serve', 'index.js'))].filter((f) => drivers.test(readFileSync(f, 'utf8'))).map((f) => relative(DIST, f));
  assert.deepEqual(loading, []);
});

test('the root is curated: the result types, one renderer, one entry per capability — no internals', async () => {
  const root = await import('../../src/index.js');
  const names = Object.keys(root).sort();
  assert.ok(names.length <= 40, `${names.length} runtime exports at the root: ${names.join(', ')}`);
  for (const entry of ['explain', 'checkBounce', 'checkBounces', 'checkMailDomain', 'checkServer', 'checkMailSettings', 'checkLogs',
    'checkQueueListing', 'checkLiveQueue', 'checkMessage', 'runDoctor', 'render', 'createMailmedicServer']) {
    assert.equal(typeof (root as Record<string, unknown>)[entry], 'function', entry);
  }
  for (const internal of ['LineConnection', 'ProbeRateLimiter', 'expandIPv6', 'PhraseMatcher', 'LogLineParser']) assert.ok(!(internal in root), `${internal} is not at the root`);
  // The entries give Reports, as the CLI does.
  const r = root.checkBounce('From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail Returned to Sender\n\n<a@b.example>: host mx.b.example said: 550 5.1.1 user unknown\n');
  assert.equal(r.schema, 'mailmedic.report');
  assert.equal(r.findings[0]!.diagnosis!.reason, 'userunknown');
  const logs = await root.checkLogs({ inputs: [join(PROJECT_ROOT, 'test', 'logs', 'fixtures', 'filters', 'maillog')] });
  assert.equal(logs.command, 'logs summary');
  assert.ok(logs.tables!.some((t) => t.id === 'logs.totals'));
});

test('every export of the curated root has a TSDoc comment', async () => {
  const ts = (await import('typescript')).default;
  const file = join(PROJECT_ROOT, 'src', 'index.ts');
  const program = ts.createProgram([file], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!);
  for (const sym of exports) {
    const s = sym.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(sym) : sym;
    if (!ts.displayPartsToString(s.getDocumentationComment(checker)).trim()) missing.push(sym.name);
  }
  assert.ok(exports.length > 40, `${exports.length} exports walked`);
  assert.deepEqual(missing, [], 'exports without a doc comment');
});
