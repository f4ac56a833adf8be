/**
 * Shapes of the guided troubleshooter: answers the user gives, questions that gather them, the seven cases
 * as data, and the adapters through which the doctor calls the other capabilities.
 */
import type { Finding, Lang, Text } from '../core/finding.js';
import type { CommandRunner as QueueCommandRunner } from '../queue/live.js';

/** Mail server settings the user gives (for probing their server). The password is used once, never reported. */
export interface ServerAnswer {
  host?: string;
  port?: number;
  /** 'tls' = implicit TLS (465/993/995), 'starttls', 'none'. */
  security?: 'tls' | 'starttls' | 'none';
  user?: string;
  password?: string;
  /** Which protocol: smtp (sending), imap or pop3 (receiving). */
  protocol?: 'smtp' | 'imap' | 'pop3';
}

/** Everything the doctor may ask. Every field is optional: a case asks only for what it needs. */
export interface DoctorAnswers {
  case?: string;
  /** The mailbox concerned (the user's own address). */
  address?: string;
  /** Mail program and its version, e.g. "Thunderbird 128.3". */
  client?: string;
  /** The exact error text the program or the server showed. */
  error?: string;
  /** Path of a bounce message (.eml) the sender got back. */
  bounceFile?: string;
  /** Raw bounce text, when given directly (web app, tests). */
  bounce?: string;
  /** When the message was sent (ISO or free text). */
  sentAt?: string;
  from?: string;
  to?: string;
  /** How it was sent: 'client' (our SMTP server), 'php', 'webmail', 'vps', 'other'. */
  method?: string;
  /** Sending/receiving server settings. */
  server?: ServerAnswer;
  /** Incoming server settings (IMAP/POP3), for receiving cases and the spam-folder look-up. */
  incoming?: ServerAnswer;
  /** The domain concerned (defaults to the domain of the address). */
  domain?: string;
  /** The public IP of the sending server (VPS). */
  ip?: string;
  /** Path of a copy of the message as it arrived (.eml with headers), e.g. found in the Spam folder. */
  messageFile?: string;
  /** The received message's raw text, when given directly (web app). */
  message?: string;
  /** A mail log file the user owns (e.g. /var/log/maillog). */
  logFile?: string;
  /** Raw log text, when given directly (web app). */
  log?: string;
  /** The mail queue: path of a saved listing (postqueue -j, mailq, exim -bp), or "live" for this machine's queue. */
  queueFile?: string;
  /** A queue listing's text, when given directly (web app). */
  queue?: string;
  /** How many messages were sent in the last day / the last hour (PHP, webmail, client). */
  sentToday?: number;
  sentLastHour?: number;
  /** Webmail: does the login fail? */
  webmailProblem?: string;
  /** Anything else the user wants support to know. */
  notes?: string;
}

export type AnswerKey = keyof DoctorAnswers;

/** How a question is answered: a choice, text, a secret (never echoed), a number, or a file (text on the web). */
export type QuestionKind = 'choice' | 'text' | 'secret' | 'number' | 'file';

/** One answer of a choice question: the value stored and the label shown. */
export interface Choice {
  value: string;
  label: Text;
}

/** One question asked one at a time. `path` is where the answer goes ("server.host"). */
export interface Question {
  id: string;
  path: string;
  kind: QuestionKind;
  prompt: Text;
  /** The prompt where a case needs other words (webmail has no "program" whose settings one could read). */
  promptByCase?: Record<string, Text>;
  help?: Text;
  choices?: Choice[];
  /** Asked only when this returns true for the answers so far. */
  when?: (a: DoctorAnswers) => boolean;
  /** Default value shown and used on empty input. */
  defaultValue?: (a: DoctorAnswers) => string | undefined;
  optional?: boolean;
  /** The answer may span lines (a pasted error message): on a terminal it ends with an empty line. */
  multiline?: boolean;
  /** Words a file question accepts instead of a path ("live" for the mail queue). */
  words?: string[];
  /** A file question that also takes a folder (a log folder with its rotations). */
  folderOk?: boolean;
}

/** The outside world a check may reach, injected (tests and the web app pass their own). */
export interface DoctorDeps {
  /** DNS server to ask, "host:port" (default: the system's). */
  dnsServer?: string;
  /** Trust this CA file for TLS probes (test servers use a private CA). */
  caFile?: string;
  /** Timeout per network operation, ms. */
  timeoutMs?: number;
  /** DNS blocklists to ask instead of the default set (src/domain `DnsblList` entries; tests use a local zone). */
  dnsblLists?: readonly unknown[];
  /** DKIM selectors to look for (default: the common ones). */
  dkimSelectors?: string[];
  /** Read a file (bounded); defaults to fs. */
  readFile?: (path: string) => Promise<string>;
  now?: () => Date;
  /**
   * Check that a target may be probed (the web app refuses private targets when exposed). Throws to refuse;
   * when it returns addresses, the probe connects only to those (the ones it checked), never looks up again.
   */
  guardTarget?: (host: string, port: number) => Promise<string[] | undefined | void>;
  /** Stops the network work (DNS queries, probe connections) when it aborts: a web request's budget or hang-up. */
  signal?: AbortSignal;
  /**
   * Reading this machine's live mail queue when the answer is "live" (read-only: the MTA's listing command).
   * Off unless given: the CLI gives it, the web app does not. `configDir`: Postfix's -c; `run`/`find` for tests.
   */
  liveQueue?: { configDir?: string; run?: QueueCommandRunner; find?: (name: string) => string | undefined };
}

/** What a check adapter runs with: the answers so far, the outside world, and the language. */
export interface CheckContext {
  answers: DoctorAnswers;
  deps: DoctorDeps;
  lang: Lang;
}

/** Result of one adapter run. `transcript` lines go to the support report (passwords never in them). */
export interface CheckOutcome {
  findings: Finding[];
  /** Findings shown in the report as background but never ranked as causes (e.g. the IMAP session used to look into Spam). */
  context?: Finding[];
  transcript?: string[];
}

/** One adapter: calls one capability's library function for the doctor. */
export interface CheckAdapter {
  /** Stable id, e.g. "explain", "probe.smtp", "domain.mx". */
  id: string;
  /** Which capability (src/<cap>) it needs. */
  capability: string;
  title: Text;
  /** Does the adapter have what it needs from the answers (and the deps)? If not, says why (a Text). */
  needs: (a: DoctorAnswers, deps?: DoctorDeps) => Text | undefined;
  run: (ctx: CheckContext) => Promise<CheckOutcome>;
}

/** A case of seed 000: what to ask, what to check, what support needs. */
export interface DoctorCase {
  id: string;
  /** Number in seed 000 (1–7). */
  seedNumber: number;
  title: Text;
  description: Text;
  /** Question ids, in order. */
  questions: string[];
  /** Adapter ids, in order of how strongly their failures explain this case (first = most telling). */
  checks: string[];
  /** The facts a support ticket must contain for this case (answer paths). */
  supportFacts: string[];
  /** Standing advice of the seed for this case (limits, where to look), shown after the ranked causes. */
  notes: Text[];
}
