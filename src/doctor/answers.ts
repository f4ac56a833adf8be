/**
 * Answers from a file (`--answers file.json`), from flags, or from the web app: validated into DoctorAnswers.
 * Unknown keys and wrong types are a clear error, never silently ignored; strings are bounded.
 */
import type { Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import type { DoctorAnswers, ServerAnswer } from './types.js';

/** What is wrong with the answers, in both languages ({key}: the answer's key as written). */
const ANSWER_ERRORS = {
  mustString: tx('"{key}" must be a string', '„{key}” musi być tekstem'),
  tooLong: tx('"{key}" is too long', '„{key}” jest za długie'),
  mustObject: tx('"{key}" must be an object', '„{key}” musi być obiektem'),
  port: tx('"{key}.port" must be a port number', '„{key}.port” musi być numerem portu (1–65535)'),
  security: tx('"{key}.security" must be tls, starttls or none', '„{key}.security” musi mieć wartość tls, starttls albo none'),
  protocol: tx('"{key}.protocol" must be smtp, imap or pop3', '„{key}.protocol” musi mieć wartość smtp, imap albo pop3'),
  unknownKey: tx('unknown key "{key}"', 'nieznany klucz „{key}”'),
  notObject: tx('the answers must be a JSON object', 'odpowiedzi muszą być obiektem JSON'),
  mustNumber: tx('"{key}" must be a number', '„{key}” musi być liczbą'),
  notJson: tx('the answers are not valid JSON: {detail}', 'odpowiedzi nie są poprawnym JSON-em (sprawdź cudzysłowy, przecinki i nawiasy)'),
} as const satisfies Record<string, Text>;

/** Answers that cannot be used: `message` is the English text (as before), `text` both languages. */
export class AnswersError extends Error {
  override name = 'AnswersError';
  readonly text: Text;
  constructor(what: keyof typeof ANSWER_ERRORS, params: Record<string, string> = {}) {
    const text = fill(ANSWER_ERRORS[what], params);
    super(text.en);
    this.text = text;
  }
}

const MAX_STRING = 64 * 1024;
const TEXT_KEYS = ['case', 'address', 'client', 'error', 'bounceFile', 'bounce', 'sentAt', 'from', 'to', 'method', 'domain', 'ip', 'logFile', 'log', 'queueFile', 'queue', 'messageFile', 'message', 'webmailProblem', 'notes'] as const;
const NUMBER_KEYS = ['sentToday', 'sentLastHour'] as const;
const SERVER_KEYS = ['server', 'incoming'] as const;
/** Raw bounce and log text may be big (a log pasted into the web app). */
const BIG_KEYS = new Set(['bounce', 'log', 'message', 'queue']);
const BIG_STRING = 16 * 1024 * 1024;

function str(key: string, v: unknown): string {
  if (typeof v !== 'string') throw new AnswersError('mustString', { key });
  if (v.length > (BIG_KEYS.has(key) ? BIG_STRING : MAX_STRING)) throw new AnswersError('tooLong', { key });
  return v;
}

function server(key: string, v: unknown): ServerAnswer {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new AnswersError('mustObject', { key });
  const o = v as Record<string, unknown>;
  const out: ServerAnswer = {};
  for (const [k, x] of Object.entries(o)) {
    if (x === undefined || x === null || x === '') continue;
    switch (k) {
      case 'host': out.host = str(`${key}.host`, x).trim(); break;
      case 'user': out.user = str(`${key}.user`, x); break;
      case 'password': out.password = str(`${key}.password`, x); break;
      case 'port': {
        const n = typeof x === 'string' ? Number(x) : x;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) throw new AnswersError('port', { key });
        out.port = n;
        break;
      }
      case 'security':
        if (x !== 'tls' && x !== 'starttls' && x !== 'none') throw new AnswersError('security', { key });
        out.security = x;
        break;
      case 'protocol':
        if (x !== 'smtp' && x !== 'imap' && x !== 'pop3') throw new AnswersError('protocol', { key });
        out.protocol = x;
        break;
      default: throw new AnswersError('unknownKey', { key: `${key}.${k}` });
    }
  }
  return out;
}

/** Validate a parsed JSON value into answers. */
export function parseDoctorAnswers(value: unknown): DoctorAnswers {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new AnswersError('notObject');
  const out: DoctorAnswers = {};
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '') continue;
    if ((TEXT_KEYS as readonly string[]).includes(k)) (out as Record<string, unknown>)[k] = str(k, v);
    else if ((NUMBER_KEYS as readonly string[]).includes(k)) {
      const n = typeof v === 'string' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new AnswersError('mustNumber', { key: k });
      (out as Record<string, unknown>)[k] = n;
    } else if ((SERVER_KEYS as readonly string[]).includes(k)) (out as Record<string, unknown>)[k] = server(k, v);
    else throw new AnswersError('unknownKey', { key: k });
  }
  return out;
}

/** Parse answers JSON text. */
export function parseDoctorAnswersJson(text: string): DoctorAnswers {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new AnswersError('notJson', { detail: (e as Error).message });
  }
  return parseDoctorAnswers(v);
}
