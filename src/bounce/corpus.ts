/**
 * Scoring the bounce reader against corpora with expectations: recipients scored by ADDRESS (recall: expected
 * recipients found; precision: reported recipients that are expected), reason / hard-soft / status agreement,
 * non-bounces recognised, per-family figures, and a leave-one-family-out run that scores each family with the
 * knowledge named after it switched off (its format module, its provider table): what the reader would do with
 * bounces of an MTA or provider it had never been taught.
 * Used by `npm run corpus` (scripts/corpus.mjs) and by the regression tests in test/bounce/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBounce, type ParseBounceOptions } from './parse.js';
import type { BounceRecipient } from './types.js';

/** One recipient a corpus expects. `recipient` '*' means the message does not disclose it (any one reported passes). */
export interface ExpectedRecipient {
  recipient: string;
  reason: string;
  hard: boolean;
  /** Enhanced status code expected, when comparable. */
  status?: string;
}

/**
 * One message of a labelled bounce corpus: its bytes and the recipients, reasons and statuses a correct reader must
 * report.
 */
export interface CorpusItem {
  file: string;
  /** MTA or provider family, e.g. "lhost-postfix", "rhost-google"; "not-bounce" for messages that are no bounce. */
  family: string;
  raw: Uint8Array;
  /** Empty: the message is not a bounce and must be reported as none. */
  expected: ExpectedRecipient[];
}

export interface Tally {
  files: number;
  expected: number;
  found: number;
  reported: number;
  reportedRight: number;
  exactFiles: number;
  reasonAgree: number;
  hardAgree: number;
  statusCompared: number;
  statusAgree: number;
}

/**
 * How the bounce reader did on a labelled corpus: counts, percentages, per-family tallies, throughput and the misses,
 * so a drop in any of them shows.
 */
export interface CorpusScore extends Tally {
  messages: number;
  nonBounces: number;
  nonBouncesRecognised: number;
  /**
   * Percentages (0–100, rounded to 0.1): recipients = recall, precision = reported recipients that are
   * expected, exact = bounce files whose reported set is exactly the expected one.
   */
  pct: { recipients: number; precision: number; exact: number; reason: number; hard: number; status: number; nonBounces: number };
  families: Record<string, Tally>;
  messagesPerSecond: number;
  /** "expected → got" → count and up to 3 example files. */
  confusion: Record<string, { count: number; files: string[] }>;
  misses: { file: string; recipient: string; expected: string; got: string; rule?: string }[];
  /** Reported recipients that no expectation names. */
  extras: { file: string; recipient: string; rule: string }[];
}

function pct(a: number, b: number): number {
  return b ? Math.round((a / b) * 1000) / 10 : 100;
}

function tally(): Tally {
  return { files: 0, expected: 0, found: 0, reported: 0, reportedRight: 0, exactFiles: 0, reasonAgree: 0, hardAgree: 0, statusCompared: 0, statusAgree: 0 };
}

const TALLY_KEYS = Object.keys(tally()) as (keyof Tally)[];

function add(into: Tally, t: Tally): void {
  for (const k of TALLY_KEYS) into[k] += t[k];
}

/** Sisimai writes X.0.9xx placeholders where a bounce has no code: not comparable. */
const PLACEHOLDER = /^\d\.0\.9\d\d$/;

/** Score a list of messages with their expectations. */
export function scoreItems(items: readonly CorpusItem[], opts: ParseBounceOptions = {}): CorpusScore {
  const t0 = process.hrtime.bigint();
  const results = items.map((it) => parseBounce(it.raw, opts));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const s: CorpusScore = {
    ...tally(), messages: items.length, nonBounces: 0, nonBouncesRecognised: 0,
    pct: { recipients: 0, precision: 0, exact: 0, reason: 0, hard: 0, status: 0, nonBounces: 0 },
    families: {}, messagesPerSecond: Math.round(items.length / Math.max(secs, 1e-6)), confusion: {}, misses: [], extras: [],
  };
  items.forEach((it, i) => {
    const res = results[i]!;
    if (!it.expected.length) {
      s.nonBounces++;
      if (!res.isBounce || res.kind === 'auto-reply') s.nonBouncesRecognised++;
      return;
    }
    const t = tally();
    t.files = 1;
    const got = res.recipients;
    const byAddr = new Map<string, BounceRecipient>();
    for (const r of got) if (!byAddr.has(r.recipient.toLowerCase())) byAddr.set(r.recipient.toLowerCase(), r);
    const seen = new Set<string>();
    const undisclosed = it.expected.some((e) => e.recipient === '*');
    let k = 0;
    for (const e of it.expected) {
      const key = e.recipient.toLowerCase();
      if (e.recipient !== '*' && seen.has(key)) continue;
      seen.add(key);
      t.expected++;
      const r = e.recipient === '*' ? got[k] : byAddr.get(key);
      k++;
      if (r) t.found++;
      if (r && r.reason === e.reason) t.reasonAgree++;
      else {
        const c = (s.confusion[`${e.reason} → ${r ? r.reason : '(none)'}`] ??= { count: 0, files: [] });
        c.count++;
        if (c.files.length < 3) c.files.push(it.file);
        s.misses.push({ file: it.file, recipient: e.recipient, expected: e.reason, got: r?.reason ?? '(none)', ...(r ? { rule: r.rule } : {}) });
      }
      if (r && r.hardBounce === e.hard) t.hardAgree++;
      if (e.status && !PLACEHOLDER.test(e.status)) {
        t.statusCompared++;
        if (r?.status === e.status) t.statusAgree++;
      }
    }
    if (!undisclosed) {
      const distinct = new Set(got.map((r) => r.recipient.toLowerCase()));
      t.reported = distinct.size;
      for (const a of distinct) {
        if (seen.has(a)) t.reportedRight++;
        else s.extras.push({ file: it.file, recipient: a, rule: byAddr.get(a)!.rule });
      }
      if (t.reportedRight === t.reported && t.reported === seen.size) t.exactFiles++;
    } else if (got.length) t.exactFiles++;
    add(s, t);
    add((s.families[it.family] ??= tally()), t);
  });
  s.pct = {
    recipients: pct(s.found, s.expected), precision: pct(s.reportedRight, s.reported), exact: pct(s.exactFiles, s.files),
    reason: pct(s.reasonAgree, s.expected), hard: pct(s.hardAgree, s.expected), status: pct(s.statusAgree, s.statusCompared),
    nonBounces: pct(s.nonBouncesRecognised, s.nonBounces),
  };
  return s;
}

/** "lhost-postfix-07.eml" → "lhost-postfix". */
export function familyOf(file: string): string {
  return file.replace(/\.eml$/, '').replace(/-\d+$/, '');
}

/**
 * The shared Sisimai corpus (`dir` holds eml/, not/ and expectations.tsv) with the expected recipient addresses
 * from `recipientsFile` (file, recipient_index, recipient: the corpus gives reasons by position only).
 */
export function loadSisimaiCorpus(dir: string, recipientsFile: string): CorpusItem[] {
  const addr = new Map<string, string>();
  for (const l of readFileSync(recipientsFile, 'utf8').split('\n').slice(1)) {
    const [file, index, recipient] = l.split('\t');
    if (file && index && recipient) addr.set(`${file}#${index}`, recipient);
  }
  const byFile = new Map<string, ExpectedRecipient[]>();
  for (const l of readFileSync(join(dir, 'expectations.tsv'), 'utf8').split('\n').slice(1)) {
    if (!l) continue;
    const [file, index, status, , reason, hard] = l.split('\t');
    const recipient = addr.get(`${file}#${index}`);
    if (!recipient) throw new Error(`no expected address for ${file} recipient ${index} in ${recipientsFile}`);
    const e: ExpectedRecipient = { recipient, reason: reason ?? '', hard: hard === 'true' };
    if (status) e.status = status;
    const list = byFile.get(file!) ?? [];
    list.push(e);
    byFile.set(file!, list);
  }
  const items: CorpusItem[] = [...byFile].map(([file, expected]) => ({ file, family: familyOf(file), raw: readFileSync(join(dir, 'eml', file)), expected }));
  for (const n of readdirSync(join(dir, 'not')).filter((f) => f.endsWith('.eml')).sort()) {
    items.push({ file: `not/${n}`, family: 'not-bounce', raw: readFileSync(join(dir, 'not', n)), expected: [] });
  }
  return items;
}

/** Score the shared corpus under `dir` (see loadSisimaiCorpus). */
export function scoreBounceCorpus(dir: string, recipientsFile: string, opts: ParseBounceOptions = {}): CorpusScore {
  return scoreItems(loadSisimaiCorpus(dir, recipientsFile), opts);
}

export interface LeaveOneOutScore {
  /** Sum over families, each scored with its own knowledge switched off. */
  total: CorpusScore;
  /** Per family: what was switched off, and its score without it. */
  families: Record<string, { excluded: { formats: string[]; providers: string[] }; score: Tally }>;
}

/**
 * Leave one family out: for every family, the format modules and provider tables whose names it carries
 * (`knowledgeOf` says which) are switched off and the family's messages scored again. Families that no
 * knowledge is named after (e.g. generic RFC 3464 DSNs) are scored as they are.
 */
export function leaveOneFamilyOut(items: readonly CorpusItem[], knowledgeOf: (family: string) => { formats: string[]; providers: string[] }): LeaveOneOutScore {
  const groups = new Map<string, CorpusItem[]>();
  for (const it of items) groups.set(it.family, [...(groups.get(it.family) ?? []), it]);
  const families: LeaveOneOutScore['families'] = {};
  const parts: CorpusScore[] = [];
  for (const [family, list] of groups) {
    const excluded = knowledgeOf(family);
    const sc = scoreItems(list, { exclude: excluded });
    parts.push(sc);
    families[family] = { excluded, score: sc.families[family] ?? tally() };
  }
  return { total: mergeScores(parts), families };
}

function mergeScores(parts: readonly CorpusScore[]): CorpusScore {
  const s: CorpusScore = {
    ...tally(), messages: 0, nonBounces: 0, nonBouncesRecognised: 0,
    pct: { recipients: 0, precision: 0, exact: 0, reason: 0, hard: 0, status: 0, nonBounces: 0 },
    families: {}, messagesPerSecond: 0, confusion: {}, misses: [], extras: [],
  };
  for (const p of parts) {
    add(s, p);
    s.messages += p.messages;
    s.nonBounces += p.nonBounces;
    s.nonBouncesRecognised += p.nonBouncesRecognised;
    Object.assign(s.families, p.families);
    for (const [k, v] of Object.entries(p.confusion)) {
      const c = (s.confusion[k] ??= { count: 0, files: [] });
      c.count += v.count;
      for (const f of v.files) if (c.files.length < 3) c.files.push(f);
    }
    s.misses.push(...p.misses);
    s.extras.push(...p.extras);
  }
  s.pct = {
    recipients: pct(s.found, s.expected), precision: pct(s.reportedRight, s.reported), exact: pct(s.exactFiles, s.files),
    reason: pct(s.reasonAgree, s.expected), hard: pct(s.hardAgree, s.expected), status: pct(s.statusAgree, s.statusCompared),
    nonBounces: pct(s.nonBouncesRecognised, s.nonBounces),
  };
  return s;
}
