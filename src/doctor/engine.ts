/**
 * The doctor's engine: for a case and the answers, run the case's checks through the adapters (progress
 * reported as each starts and ends), rank what failed into the most likely causes, list what was ruled out
 * and what could not be checked, and build the support report (facts + findings + transcripts), with every
 * secret scrubbed out.
 */
import type { Finding, Lang, Report, Status, Table, Text } from '../core/finding.js';
import { makeReport, worstStatus } from '../core/finding.js';
import { fill, pick, tx } from '../i18n/text.js';
import { labelText } from '../i18n/labels.js';
import { caseById, DOCTOR_CASES } from './cases/index.js';
import { CHECK_ADAPTERS, adapterById } from './checks/index.js';
import { CapabilityMissing, missingFinding } from './checks/load.js';
import { causeGroupOf } from './cause-groups.js';
import { DOCTOR_QUESTIONS, getAnswer } from './questions.js';
import { redactDeep, secretsOf } from './redact.js';
import { DOCTOR_TEXT as T } from './texts.js';
import type { CheckAdapter, DoctorAnswers, DoctorCase, DoctorDeps } from './types.js';

/** Progress of a doctor run, for a live display: a check started, or finished with its status, time and findings. */
export type DoctorProgress =
  | { type: 'start'; check: string; title: Text; index: number; total: number }
  | { type: 'done'; check: string; title: Text; status: Status; ms: number; findings: Finding[]; index: number; total: number };

/** How the doctor runs: the reader's language, the outside world (deps), progress, a time limit per check. */
export interface DoctorOptions {
  deps?: DoctorDeps;
  lang?: Lang;
  /** Override the adapter registry (tests). */
  adapters?: readonly CheckAdapter[];
  onProgress?: (p: DoctorProgress) => void;
  /** Largest time one check may take before it is reported as unfinished. */
  checkTimeoutMs?: number;
}

/**
 * One likely cause in the doctor's answer, ranked by how well it explains the case, with its evidence, advice and the
 * other checks that saw the same.
 */
export interface RankedCause {
  rank: number;
  check: string;
  adapter: string;
  status: Status;
  subject: string;
  summary: Text;
  evidence: string[];
  advice: Text[];
  score: number;
  /** Other checks whose findings give the same diagnosis (the same reason): independent evidence for this cause. */
  corroboratedBy: string[];
  /** Internal: the cause group (src/doctor/cause-groups.ts). */
  group?: string;
}

/** The `data` of a doctor report (documented in docs/json-schema.md). */
export interface DoctorData {
  case: string;
  seedNumber: number;
  facts: { key: string; label: Text; value: string | null }[];
  causes: RankedCause[];
  fixSteps: Text[];
  ruledOut: { check: string; subject: string; summary: Text }[];
  notChecked: { check: string; subject: string; summary: Text }[];
  checks: { id: string; capability: string; status: Status; ms: number; ran: boolean }[];
  notes: Text[];
}

const STATUS_WEIGHT: Record<Status, number> = { error: 100, warn: 50, unknown: 0, info: 0, ok: 0 };
const MAX_CAUSES = 5;
const MIN_OWN_STEPS = 2;

/** Score a failing finding: severity first, then how telling its check is for this case, then a diagnosis. */
export function scoreFinding(f: Finding, checkIndex: number, checkCount: number): number {
  return STATUS_WEIGHT[f.status] + (checkCount - checkIndex) * 5 + (f.diagnosis ? 10 : 0) + (f.advice?.length ? 2 : 0);
}

/** lang: the language of the evidence labels in the causes' evidence lines (the report's language). */
export function rankCauses(outcomes: { adapter: string; index: number; findings: Finding[] }[], checkCount: number, lang: Lang = 'en'): RankedCause[] {
  const seen = new Set<string>();
  const all: Omit<RankedCause, 'rank'>[] = [];
  for (const o of outcomes) {
    for (const f of o.findings) {
      if (f.status !== 'error' && f.status !== 'warn') continue;
      const key = `${f.check}|${f.summary.en}`;
      if (seen.has(key)) continue;
      seen.add(key);
      all.push({
        check: f.check, adapter: o.adapter, status: f.status, subject: f.subject, summary: f.summary,
        evidence: (f.evidence ?? []).slice(0, 3).map((e) => (e.label ? `${labelText(e.label, lang)}: ` : '') + e.value.slice(0, 300)),
        advice: f.advice ?? [], score: scoreFinding(f, o.index, checkCount), corroboratedBy: [],
        ...(causeGroupOf(f) ? { group: causeGroupOf(f)! } : {}),
      });
    }
  }
  all.sort((a, b) => b.score - a.score);
  // Two checks of different kinds reaching the same diagnosis are one cause with more evidence, ranked higher.
  const merged: Omit<RankedCause, 'rank'>[] = [];
  for (const c of all) {
    const same = c.group ? merged.find((m) => m.group === c.group && m.adapter !== c.adapter) : undefined;
    if (!same) { merged.push({ ...c }); continue; }
    same.corroboratedBy.push(c.check);
    same.evidence = [...same.evidence, ...c.evidence.slice(0, 1).map((e) => `${c.check}: ${e}`)].slice(0, 5);
    // The most telling finding's steps are specific (the list's removal page, the server's own login rules); a
    // corroborating finding's steps are the generic ones for its reason and mostly say the same again, so they
    // fill in only where the first had fewer than two.
    if (same.advice.length < MIN_OWN_STEPS) for (const a of c.advice) if (!same.advice.some((x) => x.en === a.en)) same.advice.push(a);
    same.score += 15;
  }
  merged.sort((a, b) => b.score - a.score);
  return merged.slice(0, MAX_CAUSES).map((c, i) => {
    const { group: _g, ...rest } = c;
    return { rank: i + 1, ...rest };
  });
}

function formatFact(key: string, a: DoctorAnswers, lang: Lang, c: DoctorCase): string | null {
  if (key === 'method' && !a.method) {
    const implied: Record<string, string> = { 'php-mail': 'php', 'vps-send': 'vps', 'client-send': 'client', webmail: 'webmail' };
    if (implied[c.id]) return formatFact(key, { ...a, method: implied[c.id]! }, lang, c);
  }
  const v = getAnswer(a, key);
  if (v === undefined || v === null || v === '') return null;
  // A choice is told to support in words ("From PHP mail() on web hosting"), not as its value ("php").
  const chosen = DOCTOR_QUESTIONS.find((q) => q.path === key)?.choices?.find((ch) => ch.value === String(v));
  if (chosen) return pick(chosen.label, lang);
  if (key === 'server' && typeof v === 'object') {
    const s = v as NonNullable<DoctorAnswers['server']>;
    // Never the password: only where the program connects and as whom.
    return [s.protocol, s.host && `${s.host}${s.port ? ':' + s.port : ''}`, s.security, s.user && `login ${s.user}`].filter(Boolean).join(', ');
  }
  return String(v);
}

/** How many ruled-out entries of one check are listed before the rest are counted (a log has one per message). */
const RULED_OUT_PER_CHECK = 3;

function collapseRuledOut(items: DoctorData['ruledOut']): DoctorData['ruledOut'] {
  const total = new Map<string, number>();
  for (const r of items) total.set(r.check, (total.get(r.check) ?? 0) + 1);
  const shown = new Map<string, number>();
  const out: DoctorData['ruledOut'] = [];
  for (const r of items) {
    const n = (shown.get(r.check) ?? 0) + 1;
    shown.set(r.check, n);
    if (n <= RULED_OUT_PER_CHECK) out.push(r);
    else if (n === RULED_OUT_PER_CHECK + 1) out.push({ check: r.check, subject: r.subject, summary: fill(T.moreLikeThis, { n: total.get(r.check)! - RULED_OUT_PER_CHECK }) });
  }
  return out;
}

/** The exact error support asks for, when the user gave none but a bounce carried it (its Diagnostic-Code). */
function bounceErrorText(findings: readonly Finding[], lang: Lang): string | null {
  for (const f of findings) {
    const e = f.evidence?.find((x) => x.label === 'Diagnostic-Code' && x.value);
    if (e) return `${e.value} ${pick(T.facts.fromBounce, lang)}`;
  }
  return null;
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, rej) => { t = setTimeout(() => rej(new Error(`no result within ${ms} ms`)), ms); });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(t);
  }
}

/** Run one case. Throws RangeError for an unknown case id. */
export async function runDoctor(caseId: string, answers: DoctorAnswers, opts: DoctorOptions = {}): Promise<Report> {
  const c = caseById(caseId);
  if (!c) throw new RangeError(`unknown case "${caseId}" (one of: ${DOCTOR_CASES.map((x) => x.id).join(', ')})`);
  const lang = opts.lang ?? 'en';
  const deps = opts.deps ?? {};
  const adapters = opts.adapters ?? CHECK_ADAPTERS;
  const timeoutMs = opts.checkTimeoutMs ?? 60_000;
  const subject = answers.address ?? answers.from ?? answers.domain ?? answers.to ?? c.id;
  const outcomes: { adapter: string; index: number; findings: Finding[]; context?: Finding[]; transcript?: string[] }[] = [];
  const checksRun: DoctorData['checks'] = [];
  const total = c.checks.length;

  // Checks are independent: run them side by side, report each as it ends.
  await Promise.all(c.checks.map(async (id, index) => {
    const adapter = adapterById(id, adapters);
    const title = adapter?.title ?? tx(id, id);
    const started = Date.now();
    opts.onProgress?.({ type: 'start', check: id, title, index, total });
    let findings: Finding[];
    let transcript: string[] | undefined;
    let context: Finding[] | undefined;
    let ran = false;
    const why = adapter ? adapter.needs(answers, deps) : undefined;
    if (!adapter) {
      findings = [missingFinding(id, subject, new CapabilityMissing(id, id))];
    } else if (why) {
      findings = [{
        check: `doctor.${id}.skipped`, status: 'info', subject,
        summary: { en: fill(T.notRun.summary, { check: adapter.title.en, why: why.en }).en, pl: fill(T.notRun.summary, { check: adapter.title.pl, why: why.pl }).pl },
      }];
    } else {
      try {
        const out = await withTimeout(adapter.run({ answers, deps, lang }), timeoutMs);
        findings = out.findings;
        transcript = out.transcript;
        context = out.context;
        ran = true;
      } catch (e) {
        if (e instanceof CapabilityMissing) findings = [missingFinding(id, subject, e)];
        else {
          const message = String((e as Error)?.message ?? e).slice(0, 500);
          findings = [{
            check: `doctor.${id}.failed`, status: 'unknown', subject,
            summary: { en: fill(T.failed.summary, { check: adapter.title.en, message }).en, pl: fill(T.failed.summary, { check: adapter.title.pl, message }).pl },
          }];
        }
      }
    }
    const ms = Date.now() - started;
    const status = worstStatus(findings);
    outcomes.push({ adapter: id, index, findings, ...(context ? { context } : {}), ...(transcript ? { transcript } : {}) });
    checksRun.push({ id, capability: adapter?.capability ?? 'unknown', status, ms, ran });
    opts.onProgress?.({ type: 'done', check: id, title, status, ms, findings: [...findings, ...(context ?? [])], index, total });
  }));
  outcomes.sort((a, b) => a.index - b.index);
  checksRun.sort((a, b) => c.checks.indexOf(a.id) - c.checks.indexOf(b.id));

  const causes = rankCauses(outcomes, total, lang);
  const fixSteps: Text[] = [];
  const seenStep = new Set<string>();
  for (const cause of causes) for (const s of cause.advice) if (!seenStep.has(s.en)) { seenStep.add(s.en); fixSteps.push(s); }
  const all = outcomes.flatMap((o) => [...o.findings, ...(o.context ?? [])]);
  const okCount = all.filter((f) => f.status === 'ok').length;
  const ruledOut = collapseRuledOut(all.filter((f) => f.status === 'ok').map((f) => ({ check: f.check, subject: f.subject, summary: f.summary })));
  const notChecked = all.filter((f) => f.status === 'unknown' || /\.skipped$/.test(f.check))
    .map((f) => ({ check: f.check, subject: f.subject, summary: f.summary }));

  const facts = [...new Set(['case', ...c.supportFacts])].map((key) => ({
    key,
    label: (T.facts as Record<string, Text>)[key] ?? tx(key, key),
    value: key === 'case' ? `${c.seedNumber}. ${pick(c.title, lang)}` : formatFact(key, answers, lang, c) ?? (key === 'error' ? bounceErrorText(all, lang) : null),
  }));

  const head: Finding = causes.length
    ? {
      check: 'doctor.diagnosis', status: causes[0]!.status, subject,
      summary: { en: fill(T.diagnosis.cause, { summary: causes[0]!.summary.en }).en, pl: fill(T.diagnosis.cause, { summary: causes[0]!.summary.pl }).pl },
      detail: {
        en: fill(T.diagnosis.detail, { count: causes.length, case: c.title.en, ok: okCount, unknown: notChecked.length }).en,
        pl: fill(T.diagnosis.detail, { count: causes.length, case: c.title.pl, ok: okCount, unknown: notChecked.length }).pl,
      },
      advice: fixSteps.slice(0, 8),
      data: { case: c.id, causes: causes.map((x) => x.check) },
    }
    : {
      check: 'doctor.diagnosis', status: notChecked.length ? 'unknown' : 'ok', subject,
      summary: T.diagnosis.none,
      detail: fill(T.diagnosis.noneDetail, { ok: okCount, unknown: notChecked.length }),
      advice: c.notes,
      data: { case: c.id, causes: [] },
    };

  const col = T.columns;
  const tables: Table[] = [
    { id: 'doctor.facts', title: T.tables.facts, columns: [col.fact, col.value], rows: facts.map((f) => [pick(f.label, lang), f.value ?? pick(T.facts.notGiven, lang)]) },
  ];
  if (causes.length) {
    tables.push({ id: 'doctor.causes', title: T.tables.causes, columns: [col.rank, col.cause, col.check, col.evidence],
      rows: causes.map((x) => [String(x.rank), pick(x.summary, lang), x.check, x.evidence.join('\n')]) });
  }
  if (fixSteps.length) tables.push({ id: 'doctor.fix', title: T.tables.fix, columns: [col.rank, col.step], rows: fixSteps.map((s, i) => [String(i + 1), pick(s, lang)]) });
  if (ruledOut.length) tables.push({ id: 'doctor.ruled-out', title: T.tables.ruledOut, columns: [col.check, col.note], rows: ruledOut.map((r) => [r.check, pick(r.summary, lang)]) });
  if (notChecked.length) tables.push({ id: 'doctor.not-checked', title: T.tables.notChecked, columns: [col.check, col.note], rows: notChecked.map((r) => [r.check, pick(r.summary, lang)]) });
  tables.push({ id: 'doctor.notes', title: T.tables.notes, columns: [col.note], rows: c.notes.map((n) => [pick(n, lang)]) });
  tables.push({ id: 'doctor.checks', title: T.tables.checks, columns: [col.check, col.status, col.time], rows: checksRun.map((r) => [r.id, r.status, String(r.ms)]) });

  const data: DoctorData = { case: c.id, seedNumber: c.seedNumber, facts, causes, fixSteps, ruledOut, notChecked, checks: checksRun, notes: c.notes };
  // The transcripts support asks for: whole sessions, already stripped of secrets by the probe, scrubbed again below.
  const transcripts: Finding[] = outcomes.filter((o) => o.transcript?.length).map((o) => ({
    check: `doctor.transcript.${o.adapter}`, status: 'info' as const, subject,
    summary: fill(T.transcript, { check: o.adapter }),
    evidence: [{ kind: 'transcript' as const, value: o.transcript!.slice(0, 400).join('\n') }],
  }));
  const report = makeReport('doctor', subject, [head, ...all, ...transcripts], { tables, data, ...(deps.now ? { now: deps.now } : {}) });
  return redactDeep(report, secretsOf(answers));
}
