// Public exports of the probe capability.
export { probeSmtp, readSmtpReply, parseEhlo, chooseAuthMechanism, SMTP_AUTH_PREFERENCE } from './smtp.js';
export type { SmtpProbeOptions, SmtpReply, SmtpAuthMechanism } from './smtp.js';
export { ProbeError, LineConnection, DEFAULT_TIMEOUTS as PROBE_DEFAULT_TIMEOUTS, classifyNetError } from './connection.js';
export type { ConnectFn, TlsConnectFn, LookupFn, NetDeps, Timeouts as ProbeTimeouts, FailureKind } from './connection.js';
export { inspectTls } from './tls.js';
export type { TlsInfo, CertSummary } from './tls.js';
export { Transcript, secretForms, scrub as scrubSecrets, REDACTED } from './transcript.js';
export type { TranscriptLine } from './transcript.js';
export type { ProbeOptions, ProbeResult, TlsMode, Protocol as ProbeProtocol } from './common.js';
export { PROBE_TEXTS } from './texts.js';
export { probeImap, readImapResponse, parseListLine } from './imap.js';
export type { ImapProbeOptions, ImapFolder, ImapResponse } from './imap.js';
export { probePop3, readPop3Reply } from './pop3.js';
export type { Pop3Reply } from './pop3.js';
export { checkServer, probeMany, probeOne, mapConcurrent, scrubReport, DEFAULT_PORTS as PROBE_DEFAULT_PORTS } from './many.js';
export type { ProbeManyOptions } from './many.js';
export { lookupViaDns } from './lookup.js';
