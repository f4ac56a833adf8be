/**
 * Normalised mail-log events. Every format parser (src/logs/formats/*) turns one log line into at most one of
 * these; the analyzers (summary, trace, problems) consume them without knowing which MTA wrote the line.
 * `line` is the raw line (a reference, not a copy) so findings can quote it as evidence.
 */

/** Which software wrote a line. */
export type LogFormatId = 'postfix' | 'exim' | 'sendmail' | 'dovecot' | 'amavis' | 'filter';

/** Final or intermediate state of one delivery attempt to one recipient. */
export type DeliveryStatus = 'sent' | 'deferred' | 'bounced' | 'expired' | 'forwarded' | 'filtered' | 'discarded';

/** What a policy decision did to a message or command (Postfix access(5) actions, Exim/Sendmail rejects). */
export type RejectAction = 'reject' | 'hold' | 'discard' | 'warn' | 'redirect' | 'filter';

interface Base {
  /** Milliseconds since the epoch; NaN when the line had no usable timestamp. */
  ts: number;
  /** The raw line, for evidence. */
  line: string;
  fmt: LogFormatId;
  /** The program and sub-service that wrote it, e.g. "postfix/submission/smtpd", "dovecot/imap-login". */
  prog: string;
}

/** An SMTP (or POP/IMAP) client connected. `session` is the process id: one smtpd handles one client at a time. */
export interface ConnectEvent extends Base { k: 'connect'; session: string; client: string; ip: string }
export interface DisconnectEvent extends Base {
  k: 'disconnect'; session: string; client: string; ip: string; commands?: string;
  /** Failed AUTH commands of the session (Postfix's "auth=1/3": 3 tried, 1 succeeded → 2). */
  authFailed?: number;
}
/** A new message entered the queue (smtpd client=, pickup, Exim <=, Sendmail from=). */
export interface ReceivedEvent extends Base {
  k: 'received';
  qid: string;
  origin: 'smtp' | 'local';
  session?: string;
  client?: string;
  ip?: string;
  helo?: string;
  saslUser?: string;
  saslMethod?: string;
  /** Set when the same line also tells the envelope (Exim, Sendmail, pickup). */
  from?: string;
  size?: number;
  nrcpt?: number;
  messageId?: string;
  /**
   * The queue id this message continues (pickup's "orig_id=" after `postsuper -r`, smtpd's "orig_queue_id=" when a
   * content filter forwards it with XFORWARD): not a new arrival but the next leg of that message.
   */
  origId?: string;
}
export interface MessageIdEvent extends Base { k: 'message-id'; qid: string; messageId: string }
/** The queue manager took the message: envelope sender, size, recipient count. */
export interface QueuedEvent extends Base { k: 'queued'; qid: string; from: string; size: number; nrcpt: number }
/** One delivery attempt to one recipient. */
export interface DeliveryEvent extends Base {
  k: 'delivery';
  qid: string;
  to: string;
  origTo?: string;
  relay: string;
  /** Total delay in seconds. */
  delay: number;
  /** Postfix delays=a/b/c/d: before queue manager, in queue, connection setup, transmission (seconds). */
  delays?: [number, number, number, number];
  dsn: string;
  status: DeliveryStatus;
  /** The text in parentheses: the remote server's words or the local reason. */
  text: string;
  /** Recipients this one line stands for (Sendmail logs "to=<a>,<b>" on one line); 1 when absent. */
  rcptCount?: number;
}
/** The message gave up waiting (Postfix qmgr status=expired). */
export interface ExpiredEvent extends Base { k: 'expired'; qid: string; from: string }
export interface RemovedEvent extends Base { k: 'removed'; qid: string }
/** A policy decision: NOQUEUE reject, milter-reject, header/body check hold/discard, Exim "rejected RCPT". */
export interface RejectEvent extends Base {
  k: 'reject';
  action: RejectAction;
  /** SMTP stage: CONNECT, EHLO, MAIL, RCPT, DATA, END-OF-MESSAGE, header, body … */
  stage: string;
  qid?: string;
  client?: string;
  ip?: string;
  replyCode?: number;
  dsn?: string;
  text: string;
  from?: string;
  to?: string;
  helo?: string;
}
/** Postfix bounce daemon: a notice (non-delivery, delay, success) was queued as a new message. */
export interface NoticeEvent extends Base { k: 'notice'; qid: string; kind: string; newQid: string }
/** A login that failed: SMTP AUTH (SASL) or IMAP/POP3. */
export interface AuthFailEvent extends Base { k: 'auth-fail'; ip: string; client?: string; user?: string; method?: string }
/** A successful IMAP/POP3 login. */
export interface LoginEvent extends Base { k: 'login'; ip: string; user: string }
/** A TLS handshake outcome or problem. */
export interface TlsEvent extends Base { k: 'tls'; ok: boolean; peer: string; ip?: string; text: string }
/** A warning/error/fatal/panic the software logged about itself. */
export interface DaemonLogEvent extends Base { k: 'daemon'; level: 'warning' | 'error' | 'fatal' | 'panic'; text: string }
/** What postscreen (or its DNSBL helper) decided about a connecting client before any smtpd saw it. */
export type ScreenVerdict = 'pass-new' | 'pass-old' | 'pregreet' | 'dnsbl' | 'hangup' | 'command' | 'bare-newline' | 'non-smtp'
  | 'pipelining' | 'denylisted' | 'allowlisted' | 'listed';
/** postscreen / dnsblog: "PASS NEW [ip]:port", "DNSBL rank 5 for [ip]", "addr ip listed by domain zen.example as …". */
export interface ScreenEvent extends Base { k: 'screen'; verdict: ScreenVerdict; ip: string; rank?: number; list?: string }
/** The administrator acted on a queued message (postsuper -h/-H/-r/-d). */
export interface AdminEvent extends Base { k: 'admin'; qid: string; action: 'hold' | 'release' | 'requeue' | 'delete' }
/**
 * A content filter's verdict on one message: amavisd-new's "Passed CLEAN"/"Blocked BANNED …", rspamd's action,
 * spamd's result, clamav-milter's "infected by". `qid` is the Postfix queue id the filter names.
 */
export interface FilterEvent extends Base {
  k: 'filter';
  filter: string;
  qid?: string;
  verdict: 'passed' | 'blocked';
  /** CLEAN, SPAM, SPAMMY, BANNED, INFECTED, BAD-HEADER, UNCHECKED, OVERSIZED … (upper case as amavis writes it). */
  category: string;
  discarded: boolean;
  quarantined: boolean;
  /** The filter refused the message back to the MTA (amavis {Rejected…}, rspamd reject). */
  rejected: boolean;
  from?: string;
  to: string[];
  /** Queue ids the filter re-injected the message as (amavis "queued_as: A, B"). */
  children: string[];
  messageId?: string;
  score?: number;
  size?: number;
  ip?: string;
  /** What the filter named: the banned file type, the virus, the spam score text. */
  detail?: string;
}
/**
 * A sender-authentication verdict on one message: SPF (policyd-spf's "prepend Received-SPF: Softfail (mailfrom) …",
 * or its own "550 5.7.23 Message rejected due to: SPF fail …") or DMARC (opendmarc's "QID: bank.test fail").
 * `domain` is the domain judged: the envelope sender's (SPF mailfrom), the HELO name (SPF helo) or the From
 * header's (DMARC).
 */
export interface AuthCheckEvent extends Base {
  k: 'authcheck';
  method: 'spf' | 'dmarc';
  /** pass, fail, softfail, neutral, none, temperror, permerror … (lower case, as the checker names it). */
  result: string;
  domain: string;
  qid?: string;
  ip?: string;
  /** The checker itself refused (5xx) or deferred (4xx) the message, with this SMTP reply code. */
  replyCode?: number;
}
/** A line we understood but that carries nothing the analyzers use. */
export interface OtherEvent extends Base { k: 'other' }

/**
 * Every kind of event a log line can become, whatever the program that wrote it (Postfix, Exim, Sendmail, Dovecot,
 * amavis, filters); `k` tells them apart.
 */
export type LogEvent =
  | ConnectEvent | DisconnectEvent | ReceivedEvent | MessageIdEvent | QueuedEvent | DeliveryEvent | ExpiredEvent
  | RemovedEvent | RejectEvent | NoticeEvent | AuthFailEvent | LoginEvent | TlsEvent | DaemonLogEvent | ScreenEvent | AdminEvent
  | FilterEvent | AuthCheckEvent | OtherEvent;

/** A consumer of events (summary, trace, problems, follow). */
export interface LogConsumer {
  add(e: LogEvent): void;
  /** A line no parser understood (malformed, truncated, binary, an unknown program). */
  unparsed?(line: string, source: string, lineNo: number): void;
}
