/**
 * The `mailmedic` command line: a thin shell over the library. Exit codes: 0 all fine, 1 warnings or
 * something could not be checked, 2 errors found, 64 usage error, 65 bad input data, 66 input not found, 69 a server
 * (database, queue) cannot be reached, 70 internal error.
 */
import { EXIT, type Lang, type Text } from '../core/finding.js';
import { detectLang, fill, pick } from '../i18n/text.js';
import { COMMANDS } from './commands/index.js';
import { whyUnreachable, whyUnreadable } from '../core/unreadable.js';
import { USAGE_TEXTS } from './usage-texts.js';

const VERSION = '0.1.0';

/**
 * The language for messages, known even when the options cannot be parsed: the last --lang / --lang=X before a
 * "--", else (also when that value is missing or not a language) the environment, as detectLang reads it.
 */
export function langFromArgv(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  let flag: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang') flag = argv[i + 1];
    else if (a.startsWith('--lang=')) flag = a.slice('--lang='.length);
  }
  try { return detectLang(flag, env); } catch { return detectLang(undefined, env); }
}

/** An error's words in the reader's language: its bilingual text when it has one, else its message. */
function errorText(err: Error & { text?: unknown }, lang: Lang): string {
  const t = err.text as Partial<Text> | undefined;
  return t && typeof t.en === 'string' && typeof t.pl === 'string' ? pick(t as Text, lang) : err.message;
}

async function mainHelp(lang: 'en' | 'pl'): Promise<string> {
  const lines = [
    lang === 'pl'
      ? 'mailmedic — sprawdza, dlaczego poczta nie wychodzi lub nie dochodzi, i mówi, co z tym zrobić.'
      : 'mailmedic — finds out why e-mail is not sent or received, and says what to do about it.',
    '',
    lang === 'pl' ? 'Użycie: mailmedic <polecenie> [opcje]' : 'Usage: mailmedic <command> [options]',
    '',
  ];
  for (const [name, load] of Object.entries(COMMANDS)) {
    try {
      const { command } = await load();
      lines.push(`  ${name.padEnd(10)} ${command.describe[lang]}`);
    } catch { /* a command module that fails to load is not listed */ }
  }
  lines.push('', lang === 'pl'
    ? 'Wspólne opcje: --lang pl|en, --json, --markdown, --html, --output PLIK, --verbose, --no-color.\n`mailmedic <polecenie> --help` pokazuje szczegóły.'
    : 'Common options: --lang pl|en, --json, --markdown, --html, --output FILE, --verbose, --no-color.\n`mailmedic <command> --help` shows details.');
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  // A reader that goes away (`… | head -1`) is no error of ours: stop quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); else throw e; });
  const lang = langFromArgv(argv);
  // `mailmedic help explain` is `mailmedic explain --help`.
  if (argv[0] === 'help' && argv[1] && COMMANDS[argv[1]]) argv = [argv[1], '--help', ...argv.slice(2)];
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(await mainHelp(lang));
    return name ? EXIT.ok : EXIT.usage;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`mailmedic ${VERSION}\n`);
    return EXIT.ok;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`mailmedic: ${pick(fill(USAGE_TEXTS.unknownCommand, { name }), lang)}\n${await mainHelp(lang)}`);
    return EXIT.usage;
  }
  const { command } = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage[lang] + '\n');
    return EXIT.ok;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    const err = e as Error & { code?: string; exitCode?: number; path?: string; text?: unknown };
    if (err.name === 'UsageError') {
      process.stderr.write(`mailmedic ${name}: ${errorText(err, lang)}\n\n${command.usage[lang]}\n`);
      return EXIT.usage;
    }
    if (typeof err.path === 'string' && ['ENOENT', 'EACCES', 'EPERM', 'EISDIR', 'ENOTDIR', 'ELOOP'].includes(err.code ?? '')) {
      // The same sentence in every command and both languages: what could not be read, and why.
      process.stderr.write(`mailmedic ${name}: ${pick(fill(USAGE_TEXTS.cannotRead, { path: err.path, why: whyUnreadable(err) }), lang)}\n`);
      return EXIT.noInput;
    }
    const unreachable = whyUnreachable(err);
    if (unreachable) {
      // A database or queue that does not answer: the same sentence everywhere, no stack trace; 69 = unavailable.
      process.stderr.write(`mailmedic ${name}: ${pick(fill(USAGE_TEXTS.cannotConnect, { where: unreachable.where, why: unreachable.why }), lang)}\n`);
      return EXIT.unavailable;
    }
    if (typeof err.exitCode === 'number') {
      process.stderr.write(`mailmedic ${name}: ${errorText(err, lang)}\n`);
      return err.exitCode;
    }
    process.stderr.write(`mailmedic ${name}: internal error: ${err.stack ?? err.message}\n`);
    return EXIT.internal;
  }
}
