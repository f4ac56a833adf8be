/**
 * The `mailmedic` command line: a thin shell over the library. Exit codes: 0 all fine, 1 warnings or
 * something could not be checked, 2 errors found, 64 usage error, 65 bad input data, 66 input not found, 70 internal error.
 */
import { EXIT } from '../core/finding.js';
import { detectLang } from '../i18n/text.js';
import { COMMANDS } from './commands/index.js';

const VERSION = '0.1.0';

function langFromArgv(argv: string[]): 'en' | 'pl' {
  const i = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const flag = i < 0 ? undefined : argv[i]!.includes('=') ? argv[i]!.split('=')[1] : argv[i + 1];
  try { return detectLang(flag); } catch { return 'en'; }
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
  const lang = langFromArgv(argv);
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
    process.stderr.write((lang === 'pl' ? `mailmedic: nieznane polecenie "${name}"\n` : `mailmedic: unknown command "${name}"\n`) + (await mainHelp(lang)));
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
    const err = e as Error & { code?: string; exitCode?: number };
    if (err.name === 'UsageError') {
      process.stderr.write(`mailmedic ${name}: ${err.message}\n\n${command.usage[lang]}\n`);
      return EXIT.usage;
    }
    if (err.code === 'ENOENT') {
      process.stderr.write(`mailmedic ${name}: ${err.message}\n`);
      return EXIT.noInput;
    }
    if (typeof err.exitCode === 'number') {
      process.stderr.write(`mailmedic ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    process.stderr.write(`mailmedic ${name}: internal error: ${err.stack ?? err.message}\n`);
    return EXIT.internal;
  }
}
