/**
 * The one result shape every mailmedic check returns. Reporters (terminal, JSON, Markdown, HTML) render it;
 * no capability invents a second shape. Every user-facing text is a `Text`: English and Polish side by side.
 */
import { decimalCommaPl } from '../i18n/text.js';

/** A user-facing text in both languages. Both must be non-empty (a test walks every table for this). */
export interface Text {
  en: string;
  pl: string;
}

/** A language of the reports: 'en' or 'pl'. */
export type Lang = keyof Text;
/** Every language a text must exist in; English first. */
export const LANGS: readonly Lang[] = ['en', 'pl'];

/** ok: fine; info: worth knowing; warn: likely a problem; error: a problem; unknown: could not be checked (say why). */
export type Status = 'ok' | 'info' | 'warn' | 'error' | 'unknown';
/**
 * Statuses from best to worst: a report's status is the worst of its findings', and "could not check" ranks above
 * "worth knowing" but below a warning.
 */
export const STATUS_ORDER: readonly Status[] = ['ok', 'info', 'unknown', 'warn', 'error'];

/** Who must act to fix it. */
export type Actor =
  | 'you' // the sender / the user of mailmedic
  | 'your-provider' // the sender's mail provider or hosting
  | 'recipient'
  | 'recipient-provider'
  | 'network' // DNS, routing, firewalls, ISPs in between
  | 'unknown';

/** Whether a failure is temporary (a retry may work), permanent, or not known. */
export type Permanence = 'temporary' | 'permanent' | 'unknown';

/**
 * Bounce reason vocabulary (Sisimai's names, see ../shared/corpus/bounces/README.md), used by `explain`,
 * `bounce` and `logs` alike.
 */
export const REASONS = [
  'userunknown', 'hostunknown', 'mailboxfull', 'suspend', 'hasmoved', 'notaccept', 'filtered', 'rejected',
  'blocked', 'badreputation', 'requireptr', 'authfailure', 'policyviolation', 'spamdetected', 'virusdetected',
  'contenterror', 'notcompliantrfc', 'mesgtoobig', 'exceedlimit', 'norelaying', 'securityerror',
  'failedstarttls', 'toomanyconn', 'speeding', 'syntaxerror', 'systemerror', 'systemfull', 'networkerror',
  'expired', 'mailererror', 'onhold', 'undefined', 'feedback', 'vacation', 'delivered',
] as const;
/** Why a delivery failed, in the bounce vocabulary shared by every capability (see REASONS). */
export type Reason = (typeof REASONS)[number];

/** A piece of raw evidence: a code, a DNS record, a transcript or log line, a query and its answer. */
export interface Evidence {
  kind: 'code' | 'text' | 'record' | 'query' | 'transcript' | 'log' | 'certificate' | 'header' | 'other';
  /** Short label, e.g. "TXT example.com" or "remote host": kept as written in JSON and CSV; the terminal, Markdown and HTML views show it in the report language (src/i18n/labels.ts: technical labels stay as they are). */
  label?: string;
  value: string;
  /** Milliseconds since the check started, for transcripts and traces. */
  atMs?: number;
}

/** For findings that diagnose a failure (an SMTP reply, a bounce, a log line). */
export interface Diagnosis {
  reason: Reason;
  permanence: Permanence;
  actor: Actor;
  /** Does retrying (later, unchanged) help? */
  retry: 'yes' | 'no' | 'later' | 'after-fix';
  /** Reply code (e.g. 550) and enhanced status code (e.g. "5.7.26") seen, if any. */
  replyCode?: number;
  enhancedCode?: string;
  /** What decided the verdict: a rule id such as "status:5.1.1" or "text:over-quota". */
  rule: string;
}

/** One thing checked and what was found: status, the words in both languages, evidence, diagnosis, advice. */
export interface Finding {
  /** Stable machine id, dotted: "explain.code", "dns.spf.lookup-limit", "probe.smtp.tls.certificate". */
  check: string;
  status: Status;
  /** What was checked: a domain, host:port, an address, an excerpt of the text. Data, not translated. */
  subject: string;
  /** One sentence. */
  summary: Text;
  /** More explanation: what it means and why. */
  detail?: Text;
  /** Concrete steps, in order. */
  advice?: Text[];
  evidence?: Evidence[];
  diagnosis?: Diagnosis;
  /** mailmedic commands that check this further, e.g. "mailmedic domain example.com". */
  seeAlso?: string[];
  /** Check-specific structured data (documented per check id). */
  data?: Record<string, unknown>;
}

/** A table that a report shows beside its findings (settings, hop path, log summary). */
export interface Table {
  id: string;
  title: Text;
  columns: Text[];
  rows: string[][];
  /**
   * The first cell of each row in both languages, when it is a word rather than data ("received" / "odebrane"):
   * the human views show it in the reader's language; `rows` keep the English word for machines and CSV.
   */
  rowLabels?: Text[];
}

/** What a command returns and every reporter renders. Versioned: see docs/json-schema.md. */
export interface Report {
  schema: 'mailmedic.report';
  schemaVersion: 1;
  tool: { name: 'mailmedic'; version: string };
  command: string;
  /** What the whole report is about (a domain, a host, "stdin"). */
  subject: string;
  generatedAt: string;
  /** Worst status over all findings ('ok' when there are none). */
  status: Status;
  findings: Finding[];
  tables?: Table[];
  /** Command-specific structured output (e.g. bounce records, log summary); documented per command. */
  data?: unknown;
}

/** The version written into every report's `tool` field. */
export const TOOL_VERSION = '0.1.0';

/** The worst status among the findings (by STATUS_ORDER); 'ok' when there are none. */
export function worstStatus(findings: readonly { status: Status }[]): Status {
  let worst = 0;
  for (const f of findings) worst = Math.max(worst, STATUS_ORDER.indexOf(f.status));
  return STATUS_ORDER[worst] ?? 'ok';
}

/** Build the one Report shape from findings (its status is the worst finding's), with tables and `data`. */
export function makeReport(
  command: string,
  subject: string,
  findings: Finding[],
  extra: { tables?: Table[]; data?: unknown; now?: () => Date } = {},
): Report {
  for (const f of findings) polishNumbers(f);
  const report: Report = {
    schema: 'mailmedic.report',
    schemaVersion: 1,
    tool: { name: 'mailmedic', version: TOOL_VERSION },
    command,
    subject,
    generatedAt: (extra.now ?? (() => new Date()))().toISOString(),
    status: worstStatus(findings),
    findings,
  };
  if (extra.tables?.length) report.tables = extra.tables;
  if (extra.data !== undefined) report.data = extra.data;
  return report;
}

/** Exit codes (documented in README): worst status decides, usage and internal errors have their own. */
export const EXIT = { ok: 0, warn: 1, error: 2, usage: 64, dataError: 65, noInput: 66, unavailable: 69, internal: 70 } as const;

/** The CLI exit code for a report's worst status: 2 error, 1 warning or not checked, 0 otherwise. */
export function exitCodeFor(status: Status): number {
  if (status === 'error') return EXIT.error;
  if (status === 'warn' || status === 'unknown') return EXIT.warn;
  return EXIT.ok;
}

/** The Polish texts of a finding with decimal commas (src/i18n/text.ts), so JSON readers (the web app) get them too. */
function polishNumbers(f: Finding): void {
  const fix = (t: Text | undefined): Text | undefined => {
    if (!t || !t.pl.includes('.')) return t;
    const pl = decimalCommaPl(t.pl);
    return pl === t.pl ? t : { en: t.en, pl };
  };
  f.summary = fix(f.summary)!;
  if (f.detail) f.detail = fix(f.detail);
  if (f.advice) f.advice = f.advice.map((a) => fix(a)!);
}
