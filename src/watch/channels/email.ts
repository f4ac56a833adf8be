/**
 * The e-mail channel: one message per pass with every alert, in the watcher's language, sent through the SMTP
 * server of the watch list with nodemailer. The password comes from the environment variable the list names.
 */
import { createTransport } from 'nodemailer';
import type { Lang } from '../../core/finding.js';
import { STATUS_ORDER } from '../../core/finding.js';
import { fill } from '../../i18n/text.js';
import type { WatchAlert } from '../changes.js';
import type { EmailChannel } from '../config.js';
import { STATUS_WORDS, WATCH_TEXTS as W } from '../texts.js';
import { alertBlock } from './text.js';

/** The environment (for password_env), an extra CA and the timeout of the e-mail channel. */
export interface EmailDeps {
  env?: NodeJS.ProcessEnv;
  /** Extra CA PEM text to trust (a private CA). */
  ca?: string;
  timeoutMs?: number;
}

/** Subject and body of the alert mail. */
export function alertMail(alerts: WatchAlert[], lang: Lang, at: string): { subject: string; text: string } {
  const worst = alerts.reduce((w, a) => (STATUS_ORDER.indexOf(a.status) > STATUS_ORDER.indexOf(w) ? a.status : w), 'ok' as WatchAlert['status']);
  return {
    subject: fill(W.mailSubject, { count: alerts.length, worst: STATUS_WORDS[worst] })[lang],
    text: `${fill(W.mailIntro, { at })[lang]}\n\n${alerts.map((a) => alertBlock(a, lang)).join('\n\n')}\n`,
  };
}

/** Send the pass's alerts as one message; resolves to the server's answer, rejects when the server does not take it. */
export async function sendEmail(ch: EmailChannel, alerts: WatchAlert[], lang: Lang, at: string, runId: string, deps: EmailDeps = {}): Promise<string> {
  const password = ch.passwordEnv ? (deps.env ?? process.env)[ch.passwordEnv] : undefined;
  const timeout = deps.timeoutMs ?? 30_000;
  const transport = createTransport({
    host: ch.host, port: ch.port, secure: ch.tls === 'implicit', requireTLS: ch.tls === 'starttls', ignoreTLS: ch.tls === 'none',
    connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout,
    ...(ch.user && password !== undefined ? { auth: { user: ch.user, pass: password } } : {}),
    ...(deps.ca ? { tls: { ca: deps.ca } } : {}),
  });
  try {
    const { subject, text } = alertMail(alerts, lang, at);
    const info = await transport.sendMail({ from: ch.from, to: ch.to, subject, text, headers: { 'X-Mailmedic-Watch-Run': runId } });
    return `accepted: ${String(info.response ?? '').slice(0, 200)}`;
  } finally {
    transport.close();
  }
}
