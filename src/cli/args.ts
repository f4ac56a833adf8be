import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Lang } from '../core/finding.js';
import { detectLang } from '../i18n/text.js';
import type { Format } from '../report/options.js';

/** A usage error: the CLI prints it with the command's help and exits 64. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Options every command takes. */
export const COMMON_OPTIONS = {
  lang: { type: 'string' },
  json: { type: 'boolean' },
  markdown: { type: 'boolean' },
  html: { type: 'boolean' },
  csv: { type: 'boolean' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  verbose: { type: 'boolean', short: 'v' },
  'no-color': { type: 'boolean' },
  color: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

export interface CommonFlags {
  lang: Lang;
  format: Format;
  output?: string;
  verbose: boolean;
  color?: boolean;
  help: boolean;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parse a command's argv: its own options plus the common ones. Unknown options are a UsageError. */
export function parseCommand<O extends Options>(argv: string[], options: O): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  common: CommonFlags;
} {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values as Record<string, unknown>;
  const formats = (['json', 'markdown', 'html', 'csv'] as const).filter((f) => v[f]);
  let format: Format = 'terminal';
  if (typeof v.format === 'string') {
    if (!['terminal', 'json', 'markdown', 'html', 'csv'].includes(v.format)) throw new UsageError(`unknown format "${v.format}"`);
    format = v.format as Format;
  } else if (formats.length > 1) throw new UsageError(`choose one of --${formats.join(', --')}`);
  else if (formats[0]) format = formats[0];
  let lang: Lang;
  try {
    lang = detectLang(v.lang as string | undefined);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const common: CommonFlags = {
    lang,
    format,
    verbose: Boolean(v.verbose),
    help: Boolean(v.help),
    ...(typeof v.output === 'string' ? { output: v.output } : {}),
    ...(v['no-color'] ? { color: false } : v.color ? { color: true } : {}),
  };
  return { values: parsed.values, positionals: parsed.positionals, common };
}

/** Parse a positive number option with bounds; a UsageError on nonsense. */
export function numberOption(name: string, raw: unknown, dflt: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number from ${min} to ${max}`);
  return n;
}
