import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Lang, Text } from '../core/finding.js';
import { detectLang, fill } from '../i18n/text.js';
import type { Format } from '../report/options.js';
import { USAGE_TEXTS, type TextParams } from './usage-texts.js';

/**
 * A usage error: the CLI prints it in the chosen language with the command's help and exits 64. `.message` is
 * the English (what library callers and logs always saw). With `cause` (an error from Node or another module),
 * the English stays that error's own message and only the Polish comes from `text`.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly text: Text;
  constructor(text: Text, params: TextParams = {}, cause?: unknown) {
    const t = fill(text, params);
    const en = cause === undefined ? t.en : cause instanceof Error ? cause.message : String(cause);
    super(en, cause === undefined ? undefined : { cause });
    this.text = { en, pl: t.pl };
  }
}

/** Input that cannot be used, with its own exit code (66 cannot read, 65 not usable, 64 nothing to work on). */
export class InputError extends Error {
  override name = 'InputError';
  readonly text: Text;
  constructor(text: Text, readonly exitCode: number, params: TextParams = {}) {
    const t = fill(text, params);
    super(t.en);
    this.text = t;
  }
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
/**
 * `--since -2h`: a value that starts with "-" and a digit belongs to the option before it (parseArgs would read it
 * as an option); given as `--since=-2h` it is one argument.
 */
function joinNegativeValues(argv: string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!, next = argv[i + 1];
    const o = a.startsWith('--') ? options[a.slice(2)] : undefined;
    if (o?.type === 'string' && next !== undefined && /^-\d/.test(next)) { out.push(`${a}=${next}`); i++; } else out.push(a);
  }
  return out;
}

export function parseCommand<O extends Options>(argv: string[], options: O): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  common: CommonFlags;
} {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv, { ...COMMON_OPTIONS, ...options }), options: { ...COMMON_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (e) {
    throw parseArgsError(e, argv, { ...COMMON_OPTIONS, ...options });
  }
  const v = parsed.values as Record<string, unknown>;
  const formats = (['json', 'markdown', 'html', 'csv'] as const).filter((f) => v[f]);
  let format: Format = 'terminal';
  if (typeof v.format === 'string') {
    if (!['terminal', 'json', 'markdown', 'html', 'csv'].includes(v.format)) throw new UsageError(USAGE_TEXTS.unknownFormat, { format: v.format });
    format = v.format as Format;
  } else if (formats.length > 1) throw new UsageError(USAGE_TEXTS.oneFormat, { options: `--${formats.join(', --')}` });
  else if (formats[0]) format = formats[0];
  let lang: Lang;
  try {
    lang = detectLang(v.lang as string | undefined);
  } catch (e) {
    throw new UsageError(USAGE_TEXTS.unknownLanguage, { lang: String(v.lang) }, e);
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

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, sec: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A duration option, in milliseconds: "500ms", "5s", "2m", "1h", or a bare number in the unit the command's help
 * always used (`bareUnit`), so old invocations keep their meaning. Bounds in ms; a UsageError on nonsense.
 */
export function durationOption(name: string, raw: unknown, dfltMs: number, bareUnit: 'ms' | 's', minMs: number, maxMs: number): number {
  if (raw === undefined) return dfltMs;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|m|min|h|d)?\s*$/i.exec(String(raw));
  const ms = m ? Number(m[1]) * UNIT_MS[(m[2] ?? bareUnit).toLowerCase()]! : NaN;
  if (!Number.isFinite(ms) || ms < minMs || ms > maxMs) {
    throw new UsageError(USAGE_TEXTS.durationRange, { name, min: fmtDuration(minMs), max: fmtDuration(maxMs), unit: bareUnit });
  }
  return Math.round(ms);
}

function fmtDuration(ms: number): string {
  return ms >= 2 * 86_400_000 && ms % 86_400_000 === 0 ? `${ms / 86_400_000}d` : ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

const UNIT_BYTES: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A size option in bytes: "512k", "64M", "1G" (binary units; "MiB", "MB" read alike) or a bare number of bytes. */
export function sizeOption(name: string, raw: unknown, dflt: number, min: number, max: number): number {
  if (raw === undefined) return dflt;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmg])(?:i?b)?|b)?\s*$/i.exec(String(raw));
  const n = m ? Math.round(Number(m[1]) * UNIT_BYTES[(m[2] ?? '').toLowerCase()]!) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(USAGE_TEXTS.sizeRange, { name, min: fmtSize(min), max: fmtSize(max) });
  return n;
}

function fmtSize(n: number): string {
  for (const [u, f] of [['G', 1024 ** 3], ['M', 1024 ** 2], ['k', 1024]] as const) if (n >= f && n % f === 0) return `${n / f}${u}`;
  return String(n);
}

/** Parse a positive number option with bounds; a UsageError on nonsense. */
export function numberOption(name: string, raw: unknown, dflt: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(USAGE_TEXTS.numberRange, { name, min, max });
  return n;
}

/**
 * Node's parseArgs error as a UsageError. Recognised by its code, never by its English wording; the option at
 * fault is found by parsing again leniently (strict: false, tokens) and applying the check that failed.
 */
export function parseArgsError(e: unknown, argv: string[], options: Options): UsageError {
  const code = (e as { code?: unknown })?.code;
  let tokens: NonNullable<ReturnType<typeof parseArgs>['tokens']> = [];
  try {
    tokens = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true }).tokens ?? [];
  } catch { /* leave tokens empty: the general text below still applies */ }
  const known = (name: string) => Object.hasOwn(options, name);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const t = tokens.find((x) => x.kind === 'option' && !known(x.name));
    if (t?.kind === 'option') return new UsageError(USAGE_TEXTS.optionUnknown, { option: t.rawName }, e);
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    for (const t of tokens) {
      if (t.kind !== 'option' || !known(t.name)) continue;
      const type = options[t.name]!.type;
      if (type === 'string' && t.value === undefined) return new UsageError(USAGE_TEXTS.optionMissingValue, { option: t.rawName }, e);
      if (type === 'boolean' && t.value !== undefined) return new UsageError(USAGE_TEXTS.optionTakesNoValue, { option: t.rawName }, e);
      // parseArgs' strict check: a separate value that looks like an option ("--timeout -1").
      if (type === 'string' && !t.inlineValue && t.value && t.value.length > 1 && t.value.startsWith('-')) {
        return new UsageError(USAGE_TEXTS.optionAmbiguous, { option: t.rawName, value: t.value }, e);
      }
    }
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const t = tokens.find((x) => x.kind === 'positional');
    if (t?.kind === 'positional') return new UsageError(USAGE_TEXTS.argumentUnexpected, { argument: t.value }, e);
  }
  return new UsageError(USAGE_TEXTS.optionsInvalid, {}, e);
}
