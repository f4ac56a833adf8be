/**
 * `doctor`: the guided troubleshooter of seed 000. Seven cases as data, one question at a time, the right
 * checks of the other capabilities through adapters, ranked causes with evidence and fix steps, and a
 * support report without passwords.
 */
export type {
  DoctorAnswers, ServerAnswer, Question, QuestionKind, Choice, DoctorCase, DoctorDeps, CheckAdapter, CheckContext, CheckOutcome,
} from './types.js';
export { DOCTOR_CASES, caseById as doctorCaseById } from './cases/index.js';
export { DOCTOR_QUESTIONS, questionById as doctorQuestionById } from './questions.js';
export { CHECK_ADAPTERS as DOCTOR_CHECK_ADAPTERS } from './checks/index.js';
export { SENDING_LIMITS, checkSendingLimits } from './checks/limits.js';
export { runDoctor, rankCauses, scoreFinding, type DoctorOptions, type DoctorProgress, type DoctorData, type RankedCause } from './engine.js';
export { QuestionIO, QuestionAborted, interview as doctorInterview, askQuestion as askDoctorQuestion, PROMPT_TEXT as DOCTOR_PROMPT_TEXT } from './interactive.js';
export { parseDoctorAnswers, parseDoctorAnswersJson, AnswersError as DoctorAnswersError } from './answers.js';
export { publicAnswers as publicDoctorAnswers, redactDeep as redactDoctorReport, secretsOf as doctorSecrets } from './redact.js';
export { DOCTOR_TEXT } from './texts.js';
export { NEEDS as DOCTOR_NEEDS } from './checks/needs.js';
export { nextDoctorStep, type DoctorStep } from './steps.js';
export { renderDoctorTerminal } from './terminal.js';
export { CAUSE_GROUPS, causeGroupOf, type CauseGroup } from './cause-groups.js';
