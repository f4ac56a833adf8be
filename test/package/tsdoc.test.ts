// Every public export carries a TSDoc comment (issue 15): an integrator reads the library through their editor's
// hover, so a symbol without one is a gap in the API's documentation. Walks the exports of the root and of every
// subpath in package.json with the TypeScript compiler (one program over the index files only, so it stays fast).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { PROJECT_ROOT } from '../helpers/env.js';

// Empty: every export is documented. Kept so a symbol that truly cannot be documented is named here, visibly.
const NOT_YET_DOCUMENTED = new Set<string>([]);

/**
 * The source of each entry of package.json "exports" that has types (the root and one per capability): its
 * "types" target dist/src/<cap>/index.d.ts is compiled from src/<cap>/index.ts. Data entries (package.json, the
 * JSON Schemas) have no symbols to document.
 */
function publicEntries(): string[] {
  const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { exports: Record<string, string | { types?: string }> };
  return Object.values(pkg.exports).flatMap((v) => (typeof v === 'object' && v.types ? [v.types] : []))
    .map((types) => join(PROJECT_ROOT, types.replace(/^\.\/dist\//, '').replace(/\.d\.ts$/, '.ts')));
}

/** A doc comment with text, or a deprecated alias whose @deprecated tag says what to use instead. */
function documented(sym: ts.Symbol, checker: ts.TypeChecker): boolean {
  if (ts.displayPartsToString(sym.getDocumentationComment(checker)).trim()) return true;
  return sym.getJsDocTags(checker).some((t) => t.name === 'deprecated' && ts.displayPartsToString(t.text).trim() !== '');
}

test('every symbol exported from the root and the subpaths has a TSDoc comment', () => {
  const entries = publicEntries();
  assert.ok(entries.length >= 15, `${entries.length} entries in package.json exports`);
  const program = ts.createProgram(entries, {
    module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
    strict: true, noEmit: true, skipLibCheck: true, types: [],
  });
  const checker = program.getTypeChecker();
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const entry of entries) {
    const file = program.getSourceFile(entry);
    assert.ok(file, `${entry} is in the program`);
    const mod = checker.getSymbolAtLocation(file);
    assert.ok(mod, `${entry} is a module`);
    for (const exported of checker.getExportsOfModule(mod)) {
      const sym = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decl = sym.declarations?.[0];
      if (!decl) continue;
      // Named by where it is declared, so a symbol re-exported from the root and from its subpath counts once.
      const key = `${relative(PROJECT_ROOT, decl.getSourceFile().fileName)}:${sym.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!documented(sym, checker)) missing.push(key);
    }
  }
  assert.ok(seen.size > 400, `only ${seen.size} exported symbols found: is the walk broken?`);
  const undocumented = missing.filter((k) => !NOT_YET_DOCUMENTED.has(k));
  assert.deepEqual(undocumented, [], `exported without a TSDoc comment:\n  ${undocumented.join('\n  ')}`);
  // The allow-list only shrinks: an entry documented since (or gone) must leave it.
  const stale = [...NOT_YET_DOCUMENTED].filter((k) => !missing.includes(k));
  assert.deepEqual(stale, [], `documented (or no longer exported) now; remove from NOT_YET_DOCUMENTED:\n  ${stale.join('\n  ')}`);
});
