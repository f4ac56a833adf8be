/**
 * Dates as found in Date: and Received: headers — RFC 5322 and everything seen in the wild: no day name,
 * two-digit years, named or missing zones, ISO 8601, ctime, "+05:30", dotted European dates. A tokenizer,
 * not one big regex: input is cut to 256 characters and each token is looked at once.
 */

export type DateProblem =
  | 'empty' | 'unparseable' | 'no-zone' | 'two-digit-year' | 'obsolete-zone' | 'nonstandard-zone'
  | 'invalid-field' | 'not-rfc5322' | 'weekday-mismatch';

/** A Date header read: the instant, the zone as written, and what is wrong with it by RFC 5322. */
export interface ParsedDate {
  /** The instant, when one could be read. */
  date?: Date;
  /** Problems; an unreadable date has 'unparseable' or 'empty'. */
  problems: DateProblem[];
  /** The zone offset as written, in minutes east of UTC (0 also when no zone was written). */
  offsetMinutes?: number;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
  // Localized month abbreviations some broken clients write (Polish, German, French, Spanish).
  sty: 1, lut: 2, kwi: 4, maj: 5, cze: 6, lip: 7, sie: 8, wrz: 9, paz: 10, 'paź': 10, lis: 11, gru: 12,
  mrz: 3, 'mär': 3, mai: 5, okt: 10, dez: 12, janv: 1, 'févr': 2, mars: 3, avr: 4, juin: 6, juil: 7,
  ene: 1, abr: 4, ago: 8, dic: 12,
};
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** Localized weekday abbreviations broken clients write (Polish, German, French). */
const WEEKDAY_ALIASES: Record<string, number> = {
  nie: 0, pon: 1, wto: 2, 'śro': 3, sro: 3, czw: 4, 'pią': 5, pia: 5, sob: 6,
  son: 0, mon: 1, die: 2, mit: 3, don: 4, fre: 5, sam: 6, dim: 0, lun: 1, mar: 2, mer: 3, jeu: 4, ven: 5,
};

/** Zones RFC 5322 names (obsolete but defined) and zones seen in the wild (not defined: ambiguous). */
const RFC_ZONES: Record<string, number> = {
  ut: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
};
const WILD_ZONES: Record<string, number> = {
  utc: 0, cet: 60, cest: 120, met: 60, mest: 120, bst: 60, wet: 0, west: 60, eet: 120, eest: 180, msk: 180,
  ist: 330, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  hst: -600, akst: -540, akdt: -480, ast: -240, adt: -180, brt: -180, art: -180,
};

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS[w] ?? MONTHS[w.slice(0, 3)];
}

function daysIn(month: number, year: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parse a mail date leniently, recording every departure from RFC 5322. Never throws. */
export function parseMailDate(input: string | undefined): ParsedDate {
  const problems: DateProblem[] = [];
  if (!input || !input.trim()) return { problems: ['empty'] };
  // Comments such as "(UTC)" or "(PST)" are not part of the date.
  let s = input.slice(0, 256).replace(/\([^()]{0,64}\)/g, ' ').trim();
  const fail = (): ParsedDate => ({ problems: [...problems, 'unparseable'] });

  // ISO 8601: 2026-11-23T10:00:00Z / 2026-11-23 10:00:00+01:00
  const iso = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?\s?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (iso) {
    problems.push('not-rfc5322');
    const zone = iso[7];
    if (!zone) problems.push('no-zone');
    const off = !zone || zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return build(+iso[1]!, +iso[2]!, +iso[3]!, +iso[4]!, +iso[5]!, +(iso[6] ?? 0), off, problems, undefined);
  }

  s = s.replace(/,/g, ' ');
  const words = s.split(/\s+/).filter(Boolean).slice(0, 12);
  let weekday: number | undefined;
  let day: number | undefined;
  let month: number | undefined;
  let year: number | undefined;
  let time: number[] | undefined;
  let offset: number | undefined;
  const numbers: string[] = [];
  for (const w0 of words) {
    const w = w0.toLowerCase();
    const wd = WEEKDAYS.indexOf(w.slice(0, 3));
    if (wd >= 0 && /^[a-z]+\.?$/.test(w) && monthOf(w) === undefined) { weekday = wd; continue; }
    const alias = WEEKDAY_ALIASES[w.replace(/\.$/, '').slice(0, 3)];
    if (alias !== undefined && weekday === undefined && month === undefined && /^[\p{L}]+\.?$/u.test(w) && (monthOf(w) === undefined || w.length <= 4 && w.startsWith('mar') === false)) {
      problems.push('not-rfc5322');
      weekday = alias;
      continue;
    }
    if (/^\d{1,2}:\d{2}(:\d{2})?(\.\d+)?$/.test(w)) {
      if (time) return fail();
      time = w.split('.')[0]!.split(':').map(Number);
      continue;
    }
    if (/^[+-]\d{4}$/.test(w) || /^[+-]\d{2}:\d{2}$/.test(w)) {
      if (w.includes(':')) problems.push('not-rfc5322');
      offset = (w[0] === '-' ? -1 : 1) * (Number(w.slice(1, 3)) * 60 + Number(w.slice(-2)));
      continue;
    }
    if (/^(gmt|utc)[+-]\d{1,2}(:?\d{2})?$/.test(w)) {
      problems.push('nonstandard-zone');
      const m = /^...([+-])(\d{1,2}):?(\d{2})?$/.exec(w)!;
      offset = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
      continue;
    }
    if (w in RFC_ZONES && offset === undefined) {
      if (w !== 'ut' && w !== 'gmt') problems.push('obsolete-zone');
      offset = RFC_ZONES[w];
      continue;
    }
    if (w in WILD_ZONES && offset === undefined) { problems.push('nonstandard-zone'); offset = WILD_ZONES[w]; continue; }
    if (/^[a-ik-z]$/.test(w) && offset === undefined) { problems.push('obsolete-zone'); offset = 0; continue; }
    // Dotted or slashed numeric dates: 23.11.2026, 2026/11/23, 11/23/2026 (ambiguous: read as day/month only if > 12).
    const dm = /^(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})$/.exec(w);
    if (dm) {
      problems.push('not-rfc5322');
      const [a, b, c] = [Number(dm[1]), Number(dm[2]), Number(dm[3])];
      if (dm[1]!.length === 4) { year = a; month = b; day = c; } else if (b > 12) { month = a; day = b; year = c; } else { day = a; month = b; year = c; }
      continue;
    }
    // 23-Nov-2026 (IMAP internal date style)
    const dmy = /^(\d{1,2})-([a-z]{3,5})-(\d{2,4})$/.exec(w);
    if (dmy && monthOf(dmy[2]!)) { problems.push('not-rfc5322'); day = +dmy[1]!; month = monthOf(dmy[2]!); year = +dmy[3]!; if (dmy[3]!.length < 4) numbers.push(dmy[3]!); continue; }
    const mo = monthOf(w);
    if (mo !== undefined && /^[\p{L}]+\.?$/u.test(w)) { if (month !== undefined) return fail(); month = mo; continue; }
    if (/^\d{1,4}$/.test(w)) { numbers.push(w); continue; }
    if (w === 'at' || w === 'am' || w === 'pm') continue;
    return fail();
  }
  // Day and year from the bare numbers: "23 Nov 2026", "Nov 23 2026" (ctime puts the year last, after the time).
  for (const n of numbers) {
    if (day === undefined && n.length <= 2 && Number(n) >= 1 && Number(n) <= 31 && year === undefined) day = Number(n);
    else if (year === undefined) year = Number(n);
    else if (day === undefined && n.length <= 2) day = Number(n);
    else return fail();
  }
  if (year !== undefined && numbers.some((n) => n.length === 2 || n.length === 3) && year < 1000) {
    problems.push('two-digit-year');
    year = year < 50 ? 2000 + year : 1900 + year;
  }
  if (day === undefined || month === undefined || year === undefined || !time) return fail();
  if (offset === undefined) { problems.push('no-zone'); offset = 0; }
  return build(year, month, day, time[0]!, time[1]!, time[2] ?? 0, offset, problems, weekday);
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, offsetMin: number, problems: DateProblem[], weekday: number | undefined): ParsedDate {
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || h > 24 || mi > 59 || s > 60 || y < 1900 || y > 9999 || Math.abs(offsetMin) > 18 * 60) {
    return { problems: [...problems, 'invalid-field', 'unparseable'] };
  }
  if (h === 24 || s === 60) problems.push('invalid-field');
  const ms = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59)) - offsetMin * 60_000;
  const date = new Date(ms);
  if (weekday !== undefined && new Date(Date.UTC(y, mo - 1, d)).getUTCDay() !== weekday) problems.push('weekday-mismatch');
  return { date, problems: [...new Set(problems)], offsetMinutes: offsetMin };
}
