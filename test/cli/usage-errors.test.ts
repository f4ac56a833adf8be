import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCommand, UsageError } from '../../src/cli/args.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { langFromArgv } from '../../src/cli/main.js';
import { USAGE_TEXTS } from '../../src/cli/usage-texts.js';
import { fill } from '../../src/i18n/text.js';
import { walkTexts } from '../../src/i18n/text.js';
import { PROJECT_ROOT } from '../helpers/env.js';
import { USAGE_CASES, baseEnv, caseKey, runCli, type UsageCase } from './usage-cases.js';

/** English stderr and exit codes recorded before the messages became bilingual. */
const BEFORE = JSON.parse(readFileSync(join(PROJECT_ROOT, 'test', 'cli', 'fixtures', 'usage-en.json'), 'utf8')) as Record<string, { code: number; stderr: string }>;

const POLISH = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ„]|\b(podaj|nie\w*|opcj\w+|wymaga|musi|albo|brak|przerwano)\b/;
/** English words that would betray an untranslated sentence (checked outside quoted values and option names). */
const ENGLISH = /\b(the|must|give|is|not|unknown|needs?|cannot|choose|option|argument|missing|use|only|either|both|nothing|say|which|got)\b/i;

/** `--lang pl` (or `--lang=pl`) right after the command, where it cannot take another option's value. */
function withLang(c: UsageCase, lang: string, i: number): string[] {
  const flag = i % 2 ? [`--lang=${lang}`] : ['--lang', lang];
  return [c.args[0]!, ...flag, ...c.args.slice(1)];
}

const usageCache = new Map<string, { en: string; pl: string }>();
async function usageOf(name: string) {
  if (!usageCache.has(name)) usageCache.set(name, (await COMMANDS[name]!()).command.usage);
  return usageCache.get(name)!;
}

/** Checks one Polish run against the English one recorded for the same case. */
async function assertPolish(c: UsageCase, r: ReturnType<typeof runCli>, how: string) {
  const before = BEFORE[caseKey(c)]!;
  const label = `${how} ${caseKey(c)}`;
  assert.equal(r.code, before.code, `${label}: exit code\n${r.stderr}`);
  const name = c.args[0]!;
  const first = r.stderr.split('\n')[0]!;
  const prefix = name in COMMANDS ? `mailmedic ${name}: ` : 'mailmedic: ';
  assert.ok(first.startsWith(prefix), `${label}: ${first}`);
  const words = first.slice(prefix.length);
  assert.match(words, POLISH, `${label}: not Polish: ${words}`);
  const bare = words.replace(/„[^”]*”|"[^"]*"|--?[\w-]+(=\S*)?|\S+@\S+|\/\S+/g, ' ');
  assert.doesNotMatch(bare, ENGLISH, `${label}: English left in: ${words}`);
  assert.notEqual(first, before.stderr.split('\n')[0], label);
  // A usage error comes with the command's Polish usage, exactly as the English one came with the English usage.
  if (name in COMMANDS && before.stderr.includes((await usageOf(name)).en)) assert.equal(r.stderr, `${first}\n\n${(await usageOf(name)).pl}\n`, label);
}

test('without Polish, every bad invocation prints exactly the English recorded before the change, with the same exit code', () => {
  assert.equal(Object.keys(BEFORE).length, USAGE_CASES.length);
  for (const c of USAGE_CASES) {
    const r = runCli(c.args, c.input ?? '', baseEnv(c.env));
    const before = BEFORE[caseKey(c)]!;
    assert.equal(r.code, before.code, caseKey(c));
    assert.equal(r.stderr, before.stderr, caseKey(c));
    // Also when the environment is Polish but --lang en says otherwise.
    if (!c.envOnly) {
      const en = runCli(withLang(c, 'en', 0), c.input ?? '', baseEnv({ ...c.env, LANG: 'pl_PL.UTF-8' }));
      assert.equal(en.stderr, before.stderr, `--lang en ${caseKey(c)}`);
      assert.equal(en.code, before.code);
    }
  }
});

test('with --lang pl every bad invocation of every command is answered in Polish, same exit code', async () => {
  const commands = new Set<string>();
  for (const [i, c] of USAGE_CASES.entries()) {
    if (c.envOnly) continue;
    commands.add(c.args[0]!);
    await assertPolish(c, runCli(withLang(c, 'pl', i), c.input ?? '', baseEnv(c.env)), '--lang pl');
  }
  for (const name of Object.keys(COMMANDS)) assert.ok(commands.has(name), `no Polish case for ${name}`);
});

test('with LANG=pl_PL.UTF-8 (or LC_ALL, which wins over LANG) the same invocations are answered in Polish', async () => {
  for (const [i, c] of USAGE_CASES.entries()) {
    const env = i % 3 === 0 ? { ...c.env, LC_ALL: 'pl_PL.UTF-8', LANG: 'en_US.UTF-8' } : { ...c.env, LANG: 'pl_PL.UTF-8' };
    await assertPolish(c, runCli(c.args, c.input ?? '', baseEnv(env)), i % 3 === 0 ? 'LC_ALL=pl_PL.UTF-8' : 'LANG=pl_PL.UTF-8');
  }
});

test('every usage text has both languages, different, with the same placeholders', () => {
  const texts = [...walkTexts(USAGE_TEXTS)];
  assert.equal(texts.length, Object.keys(USAGE_TEXTS).length);
  const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().filter((x, i, a) => a.indexOf(x) === i);
  for (const [path, t] of texts) {
    assert.ok(t.en.trim() && t.pl.trim(), path);
    assert.notEqual(t.en, t.pl, path);
    assert.deepEqual(holes(t.pl), holes(t.en), path);
    assert.match(t.pl, POLISH, path);
  }
});

test('every UsageError and InputError in src/cli takes a text from USAGE_TEXTS, never a bare string', () => {
  const files: string[] = [];
  (function walk(dir: string) {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name.endsWith('.ts')) files.push(join(dir, e.name));
    }
  })(join(PROJECT_ROOT, 'src', 'cli'));
  let sites = 0;
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/new (UsageError|InputError)\(([^,)]*)/g)) {
      sites++;
      assert.match(m[2]!, /^(USAGE_TEXTS\.\w+|text)$/, `${f}: new ${m[1]}(${m[2]}`);
    }
  }
  assert.ok(sites >= 50, `only ${sites} sites found`);
});

test("Node's parseArgs errors: recognised by code, the option named in Polish, Node's English kept as the message", () => {
  const err = (argv: string[]) => {
    try { parseCommand(argv, { file: { type: 'string', short: 'f' } }); } catch (e) { return e as UsageError & { cause?: { code?: string } }; }
    assert.fail(`no error for ${argv.join(' ')}`);
  };
  const cases: [string[], string, string][] = [
    [['--bogus'], 'ERR_PARSE_ARGS_UNKNOWN_OPTION', fill(USAGE_TEXTS.optionUnknown, { option: '--bogus' }).pl],
    [['-vq'], 'ERR_PARSE_ARGS_UNKNOWN_OPTION', fill(USAGE_TEXTS.optionUnknown, { option: '-q' }).pl],
    [['x', '-f'], 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', fill(USAGE_TEXTS.optionMissingValue, { option: '-f' }).pl],
    [['--verbose=1'], 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', fill(USAGE_TEXTS.optionTakesNoValue, { option: '--verbose' }).pl],
    [['--file', '-x'], 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', fill(USAGE_TEXTS.optionAmbiguous, { option: '--file', value: '-x' }).pl],
  ];
  for (const [argv, code, pl] of cases) {
    const e = err(argv);
    assert.ok(e instanceof UsageError);
    assert.equal(e.cause?.code, code, argv.join(' '));
    assert.equal(e.message, (e.cause as unknown as Error).message);
    assert.equal(e.text.en, e.message);
    assert.equal(e.text.pl, pl, argv.join(' '));
  }
});

test('the language is known before parsing: the last --lang before "--", else the environment (also for a bad --lang)', () => {
  const pl = { LANG: 'pl_PL.UTF-8' };
  assert.equal(langFromArgv(['explain', '--lang=pl', '--nope'], {}), 'pl');
  assert.equal(langFromArgv(['explain', '--lang', 'pl', '--lang', 'en'], pl), 'en');
  assert.equal(langFromArgv(['explain', '--lang', 'de'], pl), 'pl');
  assert.equal(langFromArgv(['explain', '--lang'], pl), 'pl');
  assert.equal(langFromArgv(['explain', '--', '--lang', 'en'], pl), 'pl');
  assert.equal(langFromArgv(['explain', '--nope'], { LC_ALL: 'pl_PL.UTF-8', LANG: 'en_US.UTF-8' }), 'pl');
  assert.equal(langFromArgv(['explain', '--nope'], {}), 'en');
});
