import type { Lang, Text } from '../core/finding.js';

/** Shorthand for a bilingual text. */
export function tx(en: string, pl: string): Text {
  return { en, pl };
}

/** Placeholder values: data (the same in both languages) or a Text (words to say in the reader's language). */
export type TextParams = Record<string, string | number | Text>;

/**
 * Fill {name} placeholders in both languages. A Text value gives each language its own words; other values are
 * data and are not translated.
 */
export function fill(text: Text, params: TextParams): Text {
  const sub = (s: string, lang: Lang) => s.replace(/\{(\w+)\}/g, (m, k: string) => {
    if (!(k in params)) return m;
    const v = params[k]!;
    return typeof v === 'object' ? v[lang] : String(v);
  });
  return { en: sub(text.en, 'en'), pl: sub(text.pl, 'pl') };
}

/** The text in one language (English when the Polish is missing), with decimal commas in Polish; '' for no text. */
export function pick(text: Text | undefined, lang: Lang): string {
  if (!text) return '';
  const s = text[lang] || text.en;
  return lang === 'pl' && s !== text.en ? decimalCommaPl(s) : s;
}

/**
 * A number with a decimal point and a unit ("5.9 h", "0.25 s", "10.3 KiB", "12.5 %") written the Polish way,
 * with a comma. Only a lone number before a unit: never part of a dotted run (an IP, a version, a status code
 * such as 5.7.1), never a bare number (it may be data).
 */
export function decimalCommaPl(s: string): string {
  return s.includes('.') ? s.replace(PL_DECIMAL, '$1,$2') : s;
}
const PL_DECIMAL = /(?<![\p{L}\d.,])(\d+)\.(\d+)(?=\s?(?:ms|s|min|h|d|B|KiB|MiB|GiB|TiB|%|×)(?![\p{L}\d]|\.[\p{L}\d]))/gu;

/** Language from --lang, else LC_ALL / LC_MESSAGES / LANG (pl_PL.UTF-8 → pl), else English. */
export function detectLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  const norm = (v: string | undefined): Lang | undefined => {
    if (!v) return undefined;
    const l = v.toLowerCase();
    if (l.startsWith('pl')) return 'pl';
    if (l.startsWith('en') || l === 'c' || l === 'posix' || l.startsWith('c.')) return 'en';
    return undefined;
  };
  if (flag) {
    const l = norm(flag);
    if (!l) throw new RangeError(`unknown language "${flag}" (use pl or en)`);
    return l;
  }
  for (const v of [env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    if (v) return norm(v) ?? 'en';
  }
  return 'en';
}

/** Every Text reachable inside a value (for the translation-completeness test). */
export function* walkTexts(value: unknown, path = '$', seen = new WeakSet<object>()): Generator<[string, Text]> {
  if (!value || typeof value !== 'object') return;
  if (seen.has(value as object)) return;
  seen.add(value as object);
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && 'en' in o && 'pl' in o && typeof o.en === 'string') {
    yield [path, o as unknown as Text];
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walkTexts(value[i], `${path}[${i}]`, seen);
    return;
  }
  for (const k of keys) yield* walkTexts(o[k], `${path}.${k}`, seen);
}
