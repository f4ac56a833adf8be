/**
 * Answers from a file (`--answers file.json`), from flags, or from the web app: validated into DoctorAnswers.
 * Unknown keys and wrong types are a clear error, never silently ignored; strings are bounded.
 */
import type { DoctorAnswers, ServerAnswer } from './types.js';

export class AnswersError extends Error {
  override name = 'AnswersError';
}

const MAX_STRING = 64 * 1024;
const TEXT_KEYS = ['case', 'address', 'client', 'error', 'bounceFile', 'bounce', 'sentAt', 'from', 'to', 'method', 'domain', 'ip', 'logFile', 'log', 'messageFile', 'message', 'webmailProblem', 'notes'] as const;
const NUMBER_KEYS = ['sentToday', 'sentLastHour'] as const;
const SERVER_KEYS = ['server', 'incoming'] as const;
/** Raw bounce and log text may be big (a log pasted into the web app). */
const BIG_KEYS = new Set(['bounce', 'log', 'message']);
const BIG_STRING = 16 * 1024 * 1024;

function str(key: string, v: unknown): string {
  if (typeof v !== 'string') throw new AnswersError(`"${key}" must be a string`);
  if (v.length > (BIG_KEYS.has(key) ? BIG_STRING : MAX_STRING)) throw new AnswersError(`"${key}" is too long`);
  return v;
}

function server(key: string, v: unknown): ServerAnswer {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new AnswersError(`"${key}" must be an object`);
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
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) throw new AnswersError(`"${key}.port" must be a port number`);
        out.port = n;
        break;
      }
      case 'security':
        if (x !== 'tls' && x !== 'starttls' && x !== 'none') throw new AnswersError(`"${key}.security" must be tls, starttls or none`);
        out.security = x;
        break;
      case 'protocol':
        if (x !== 'smtp' && x !== 'imap' && x !== 'pop3') throw new AnswersError(`"${key}.protocol" must be smtp, imap or pop3`);
        out.protocol = x;
        break;
      default: throw new AnswersError(`unknown key "${key}.${k}"`);
    }
  }
  return out;
}

/** Validate a parsed JSON value into answers. */
export function parseDoctorAnswers(value: unknown): DoctorAnswers {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new AnswersError('the answers must be a JSON object');
  const out: DoctorAnswers = {};
  const o = value as Record<string, unknown>;
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || v === '') continue;
    if ((TEXT_KEYS as readonly string[]).includes(k)) (out as Record<string, unknown>)[k] = str(k, v);
    else if ((NUMBER_KEYS as readonly string[]).includes(k)) {
      const n = typeof v === 'string' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new AnswersError(`"${k}" must be a number`);
      (out as Record<string, unknown>)[k] = n;
    } else if ((SERVER_KEYS as readonly string[]).includes(k)) (out as Record<string, unknown>)[k] = server(k, v);
    else throw new AnswersError(`unknown key "${k}"`);
  }
  return out;
}

/** Parse answers JSON text. */
export function parseDoctorAnswersJson(text: string): DoctorAnswers {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new AnswersError(`the answers are not valid JSON: ${(e as Error).message}`);
  }
  return parseDoctorAnswers(v);
}
