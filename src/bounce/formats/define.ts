/** Declarative helper for text-bounce formats: how to recognise one, where its recipient section starts/ends. */
import { PhraseMatcher } from '../../classify/matcher.js';
import { addressBlocks, inlineAddresses, startAt, type BlockOptions } from '../text.js';
import type { BounceContext, BounceFormat, RawRecipient } from '../types.js';

export interface TextFormatSpec {
  name: string;
  /** Lowercase fragments; any one matching in the given place recognises the format. */
  from?: readonly string[];
  subject?: readonly string[];
  text?: readonly string[];
  /** Header names whose presence recognises the format (lowercase). */
  header?: readonly string[];
  /** Received/X-Mailer style header values (lowercase fragments) that recognise it. */
  headerValue?: readonly string[];
  /** Where the recipient section starts (lowercase, first found). */
  start?: readonly string[];
  /** Lines (lowercase prefixes) that end the recipient section. */
  stop?: readonly string[];
  /** Require both a from/subject hit and a text hit (for generic-looking formats). */
  needTextAndHeader?: boolean;
  /** Post-processing of each recipient (e.g. set the command or a decided reason). */
  fix?: (r: RawRecipient, ctx: BounceContext) => void;
  /** Accept addresses found inside sentences only when the text carries an SMTP reply or status code. */
  inlineNeedsCode?: boolean;
  /** Custom decoding, replacing the address-block reader. */
  decode?: (ctx: BounceContext) => RawRecipient[];
}

const CODE = /(?:^|[\s(#\[])(?:[45]\d\d[ -]|[45]\.\d{1,3}\.\d{1,3})/;

function hasCode(text: string): boolean {
  return CODE.test(text.length > 16384 ? text.slice(0, 16384) : text);
}

function any(hay: string, needles: readonly string[] | undefined): boolean {
  if (!needles) return false;
  for (const n of needles) if (hay.includes(n)) return true;
  return false;
}

/**
 * Every text marker of every format, matched in ONE automaton pass over the bounce's text per message (instead
 * of one search per marker per format).
 */
const MARKERS: string[] = [];
const MARKER_OWNER: string[] = [];
/** Every format's list of start markers (the lists themselves: startAt hits are looked up by list). */
const START_LISTS: (readonly string[])[] = [];
let markerMatcher: PhraseMatcher | undefined;

/** Every format's text markers (lowercase, '*' as a space) and the format that owns each, in one list. */
export function textMarkers(): { markers: readonly string[]; owners: readonly string[]; starts: readonly (readonly string[])[] } {
  return { markers: MARKERS, owners: MARKER_OWNER, starts: START_LISTS };
}

function formatsSeenInText(ctx: BounceContext): Set<string> {
  if (ctx.markerHits) return ctx.markerHits;
  markerMatcher ??= new PhraseMatcher(MARKERS);
  ctx.markerHits = new Set(markerMatcher.scan(ctx.lowHead).map((h) => MARKER_OWNER[h.index]!));
  return ctx.markerHits;
}

export function defineTextFormat(spec: TextFormatSpec): BounceFormat {
  for (const m of spec.text ?? []) { MARKERS.push(m.replace(/\*/g, ' ')); MARKER_OWNER.push(spec.name); }
  if (spec.start?.length) START_LISTS.push(spec.start);
  markerMatcher = undefined;
  return {
    name: spec.name,
    ...(spec.needTextAndHeader ? { standalone: true } : {}),
    detect(ctx) {
      const known = ctx.detected.get(spec.name);
      if (known !== undefined) return known;
      const r = detectUncached(ctx);
      ctx.detected.set(spec.name, r);
      return r;
    },
    decode(ctx) {
      const cached = ctx.cache.get(spec.name);
      if (cached) return cached.map((r) => ({ ...r }));
      const fresh = decodeUncached(ctx);
      ctx.cache.set(spec.name, fresh);
      return fresh.map((r) => ({ ...r }));
    },
  };

  function detectUncached(ctx: BounceContext): boolean {
    const hdr = any(ctx.lowFrom, spec.from) || any(ctx.lowSubject, spec.subject) ||
      (spec.header?.some((h) => ctx.headers.some(([n]) => n === h)) ?? false) || any(ctx.lowTrace, spec.headerValue);
    const txt = spec.text ? formatsSeenInText(ctx).has(spec.name) : false;
    return spec.needTextAndHeader ? hdr && txt : hdr || txt;
  }

  function decodeUncached(ctx: BounceContext): RawRecipient[] {
    if (spec.decode) return spec.decode(ctx);
    const start = spec.start ?? [];
    const lowError = ctx.lowError;
    // The marker pass that cut lowError also found the start markers (ctx.startHits); without it, scan.
    const known = start.length && ctx.startHits ? ctx.startHits.get(start) ?? null : undefined;
    const { text } = startAt(ctx.errorText, start, lowError, known);
    const opts: BlockOptions = {};
    if (spec.stop) opts.stop = spec.stop;
    let out = addressBlocks(text, opts);
    // No address-led lines: the address sits inside a sentence ("error delivering your mail to <a@b>").
    if (!out.length && (!spec.inlineNeedsCode || hasCode(text))) out = inlineAddresses(text, ctx);
    for (const r of out) {
      r.rule = `${spec.name}/${r.rule ?? 'text-block'}`;
      spec.fix?.(r, ctx);
    }
    return out;
  }
}
