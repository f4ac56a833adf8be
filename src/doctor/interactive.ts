/**
 * The question engine: one question at a time, arrow-key choices, line input with masking for secrets.
 * Built on node:readline keypress events over any input stream, so tests drive it with an injected stream
 * and a terminal drives it live. No TUI library.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { emitKeypressEvents } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Lang, Text } from '../core/finding.js';
import { whyUnreadable } from '../core/unreadable.js';
import { fill, pick, tx } from '../i18n/text.js';
import { DOCTOR_CASES, caseById } from './cases/index.js';
import { getAnswer, questionById, questionPrompt, setAnswer } from './questions.js';
import { DOCTOR_TEXT } from './texts.js';
import type { Choice, DoctorAnswers, Question } from './types.js';

interface Key { name?: string; ctrl?: boolean; sequence?: string }

/**
 * The user cancelled a question (Ctrl+C, Ctrl+D, or the input ended): thrown so the caller stops asking instead of
 * taking it as an answer.
 */
export class QuestionAborted extends Error {
  override name = 'QuestionAborted';
  constructor() { super('cancelled by the user'); }
}

/** The prompt's own hints and messages, in both languages. */
export const PROMPT_TEXT = {
  hintChoice: tx('(↑/↓ to move, Enter to choose)', '(↑/↓ — wybór, Enter — zatwierdź)'),
  hintDefault: tx('Enter = {value}', 'Enter = {value}'),
  hintMultiline: tx('(paste it whole: several lines are fine)', '(wklej w całości: może mieć kilka wierszy)'),
  invalidNumber: tx('Please give a number.', 'Podaj liczbę.'),
  badFile: tx('Cannot read {path}: {why}. Give the path again, or leave it empty.', 'Nie da się odczytać {path}: {why}. Podaj ścieżkę jeszcze raz albo zostaw puste.'),
};

export interface QuestionIOOptions {
  lang: Lang;
  /** Redraw choices in place with ANSI codes (a real terminal). Off: plain numbered lists. */
  ansi?: boolean;
}

/** Reads keypresses from an input stream and asks questions on an output stream. */
export class QuestionIO {
  private queue: Key[] = [];
  private waiting: ((k: Key) => void) | undefined;
  private ended = false;
  private readonly onKey = (str: string | undefined, key: Key | undefined) => {
    const k: Key = key ?? { sequence: str ?? '' };
    if (!k.name && str && str.length === 1) k.sequence = str;
    if (this.waiting) { const w = this.waiting; this.waiting = undefined; w(k); } else this.queue.push(k);
  };
  private readonly onEnd = () => {
    this.ended = true;
    if (this.waiting) { const w = this.waiting; this.waiting = undefined; w({ name: 'eof' }); }
  };

  constructor(private readonly input: Readable, private readonly output: Writable, private readonly opt: QuestionIOOptions) {
    emitKeypressEvents(input);
    const tty = input as Readable & { isTTY?: boolean; setRawMode?: (b: boolean) => void };
    if (tty.isTTY && tty.setRawMode) tty.setRawMode(true);
    // Bracketed paste: the terminal marks pasted text, so its line breaks never answer the next questions.
    if (opt.ansi) output.write('\x1b[?2004h');
    input.on('keypress', this.onKey);
    input.on('end', this.onEnd);
    input.resume();
  }

  close(): void {
    if (this.opt.ansi) this.output.write('\x1b[?2004l');
    this.input.off('keypress', this.onKey);
    this.input.off('end', this.onEnd);
    const tty = this.input as Readable & { isTTY?: boolean; setRawMode?: (b: boolean) => void };
    if (tty.isTTY && tty.setRawMode) tty.setRawMode(false);
    this.input.pause();
  }

  private next(): Promise<Key> {
    const k = this.queue.shift();
    if (k) return Promise.resolve(k);
    if (this.ended) return Promise.resolve({ name: 'eof' });
    return new Promise((res) => { this.waiting = res; });
  }

  private write(s: string): void {
    this.output.write(s);
  }

  /** A line of plain output between questions. */
  say(s: string): void {
    this.write(s);
  }

  /** Arrow-key choice; digits pick directly. Returns the chosen value. */
  async choice(prompt: string, choices: Choice[], dflt?: string): Promise<string> {
    const lang = this.opt.lang;
    let i = Math.max(0, choices.findIndex((c) => c.value === dflt));
    const draw = (first: boolean) => {
      if (!first && this.opt.ansi) this.write(`\x1b[${choices.length}A`);
      for (let j = 0; j < choices.length; j++) {
        const mark = j === i ? '❯' : ' ';
        const line = `${mark} ${j + 1}. ${pick(choices[j]!.label, lang)}`;
        this.write((this.opt.ansi ? '\x1b[2K' : '') + (this.opt.ansi && j === i ? `\x1b[36m${line}\x1b[0m` : line) + '\n');
      }
    };
    this.write(`? ${prompt} ${pick(PROMPT_TEXT.hintChoice, lang)}\n`);
    draw(true);
    for (;;) {
      const k = await this.next();
      if (k.name === 'eof') throw new QuestionAborted();
      if (k.ctrl && (k.name === 'c' || k.name === 'd')) throw new QuestionAborted();
      if (k.name === 'up' || k.name === 'k') i = (i + choices.length - 1) % choices.length;
      else if (k.name === 'down' || k.name === 'j' || k.name === 'tab') i = (i + 1) % choices.length;
      else if (k.name === 'return' || k.name === 'enter') break;
      else if (k.sequence && /^[1-9]$/.test(k.sequence) && Number(k.sequence) <= choices.length) {
        i = Number(k.sequence) - 1;
        if (!this.opt.ansi) break;
      } else continue;
      if (this.opt.ansi) draw(false);
    }
    this.write(`  → ${pick(choices[i]!.label, lang)}\n`);
    return choices[i]!.value;
  }

  /**
   * A line of text; `secret` echoes '*' and never the characters. A line break that is part of a paste (inside the
   * terminal's paste brackets, or with more of the same paste already read) never ends the answer: `multiline`
   * keeps it, otherwise it becomes a space — so a pasted error cannot spill into the next questions.
   */
  async text(prompt: string, opts: { secret?: boolean; dflt?: string; multiline?: boolean } = {}): Promise<string> {
    const lang = this.opt.lang;
    const hint = (opts.dflt ? ` [${pick(PROMPT_TEXT.hintDefault, lang).replace('{value}', opts.dflt)}]` : '') + (opts.multiline ? ` ${pick(PROMPT_TEXT.hintMultiline, lang)}` : '');
    this.write(`? ${prompt}${hint}\n> `);
    let buf = '';
    let pasting = false;
    for (;;) {
      const k = await this.next();
      if (k.name === 'paste-start') { pasting = true; continue; }
      if (k.name === 'paste-end') { pasting = false; continue; }
      if (k.name === 'eof') { if (buf) break; throw new QuestionAborted(); }
      if (k.ctrl && (k.name === 'c' || k.name === 'd')) throw new QuestionAborted();
      if (k.name === 'return' || k.name === 'enter') {
        if (!pasting && !this.queue.length) break;
        if (buf.length > 64 * 1024) continue;
        const br = opts.multiline ? '\n' : ' ';
        if (!buf.endsWith(br)) { buf += br; this.write(opts.multiline ? '\n  ' : ' '); }
        continue;
      }
      if (k.name === 'backspace') {
        if (buf) { buf = buf.slice(0, -1); this.write('\b \b'); }
        continue;
      }
      const ch = k.sequence ?? '';
      // Printable input only (pasted text arrives as many keypresses); escape sequences are ignored.
      if (!ch || ch.startsWith('\x1b') || /[\x00-\x08\x0b-\x1f\x7f]/.test(ch)) continue;
      if (buf.length > 64 * 1024) continue;
      buf += ch;
      this.write(opts.secret ? '*'.repeat([...ch].length) : ch);
    }
    this.write('\n');
    return buf.trim() || opts.dflt || '';
  }
}

/** Why a path given as an answer cannot be read (undefined when it can). */
function unreadableFile(path: string, folderOk: boolean): Text | undefined {
  try {
    const st = statSync(path);
    if (st.isDirectory() && !folderOk) return whyUnreadable(Object.assign(new Error('directory'), { code: 'EISDIR' }));
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (e) {
    return whyUnreadable(e);
  }
}

/** Ask one catalogue question; returns true when answered. */
export async function askQuestion(io: QuestionIO, q: Question, answers: DoctorAnswers, lang: Lang): Promise<void> {
  if (q.when && !q.when(answers)) return;
  if (getAnswer(answers, q.path) !== undefined) return; // given by a flag or the answers file
  const prompt = pick(questionPrompt(q, answers.case), lang);
  const dflt = q.defaultValue?.(answers);
  if (q.kind === 'choice' && q.choices) {
    setAnswer(answers, q.path, await io.choice(prompt, q.choices, dflt));
    return;
  }
  for (;;) {
    const v = await io.text(prompt, { secret: q.kind === 'secret', ...(q.multiline ? { multiline: true } : {}), ...(dflt ? { dflt } : {}) });
    if (!v) return;
    if (q.kind === 'file' && !q.words?.includes(v.toLowerCase())) {
      // Checked now, not when the report would say "ENOENT": the user is still here to correct it.
      const why = unreadableFile(v, Boolean(q.folderOk));
      if (why) { io.say(pick(fill(PROMPT_TEXT.badFile, { path: v, why }), lang) + '\n'); continue; }
    }
    if (q.kind === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) { io.say(pick(PROMPT_TEXT.invalidNumber, lang) + '\n'); continue; }
      setAnswer(answers, q.path, n);
    } else setAnswer(answers, q.path, v);
    return;
  }
}

/** The whole interview: the case (unless given), then the case's questions, one at a time. */
export async function interview(io: QuestionIO, answers: DoctorAnswers, lang: Lang): Promise<DoctorAnswers> {
  if (!answers.case || !caseById(answers.case)) {
    answers.case = await io.choice(pick(DOCTOR_TEXT.chooseCase, lang),
      DOCTOR_CASES.map((c) => ({ value: c.id, label: c.title })));
  }
  const c = caseById(answers.case)!;
  for (const id of c.questions) {
    const q = questionById(id);
    if (q) await askQuestion(io, q, answers, lang);
  }
  return answers;
}
