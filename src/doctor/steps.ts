/**
 * The doctor as steps, for the web page: given the case and the answers so far, which question comes next.
 * File questions become text questions on the web (the browser sends the file's text, never a path).
 */
import type { Text } from '../core/finding.js';
import { caseById } from './cases/index.js';
import { getAnswer, questionById, questionPrompt } from './questions.js';
import type { Choice, DoctorAnswers, QuestionKind } from './types.js';

/** The next question for the web doctor, with its position among the case's questions. */
export interface DoctorStep {
  id: string;
  /** Where the answer goes in DoctorAnswers. */
  path: string;
  kind: QuestionKind | 'longtext';
  prompt: Text;
  help?: Text;
  choices?: Choice[];
  defaultValue?: string;
  optional: boolean;
  /** 1-based position among the case's questions, and their count. */
  position: number;
  total: number;
}

/** On the web a file question takes the file's content instead of its path. */
const WEB_PATH: Record<string, string> = { bounceFile: 'bounce', logFile: 'log', messageFile: 'message', queueFile: 'queue' };

/** The next unanswered question of the case (skipped ids count as answered), or undefined when done. */
export function nextDoctorStep(caseId: string, answers: DoctorAnswers, skipped: readonly string[] = [], web = true): DoctorStep | undefined {
  const c = caseById(caseId);
  if (!c) throw new RangeError(`unknown case "${caseId}"`);
  for (let i = 0; i < c.questions.length; i++) {
    const q = questionById(c.questions[i]!);
    if (!q || skipped.includes(q.id)) continue;
    if (q.when && !q.when(answers)) continue;
    const path = web ? WEB_PATH[q.path] ?? q.path : q.path;
    if (getAnswer(answers, path) !== undefined) continue;
    const dflt = q.defaultValue?.(answers);
    return {
      id: q.id, path,
      kind: web && WEB_PATH[q.path] ? 'longtext' : q.kind,
      prompt: questionPrompt(q, caseId),
      ...(q.help ? { help: q.help } : {}),
      ...(q.choices ? { choices: q.choices } : {}),
      ...(dflt ? { defaultValue: dflt } : {}),
      optional: Boolean(q.optional),
      position: i + 1, total: c.questions.length,
    };
  }
  return undefined;
}
