/**
 * mailmedic as a library — the curated root: the result types, one renderer, and one entry per capability that
 * returns the same `Report` the CLI prints (plus the few building blocks most programs need). Everything else
 * lives under its capability's subpath: `mailmedic/bounce`, `mailmedic/domain`, `mailmedic/dns`, `mailmedic/probe`,
 * `mailmedic/settings`, `mailmedic/logs`, `mailmedic/queue`, `mailmedic/message`, `mailmedic/doctor`,
 * `mailmedic/serve`, `mailmedic/explain`, `mailmedic/classify`, `mailmedic/report`, `mailmedic/core`; importing a
 * subpath loads only that capability.
 */

// The result shape every command returns, and how to print it.
export type { Report, Finding, Evidence, Diagnosis, Table, Text, Lang, Status, Reason, Permanence, Actor } from './core/finding.js';
export { REASONS, EXIT, exitCodeFor, makeReport } from './core/finding.js';
export { render } from './report/index.js';
export type { Format, RenderOptions } from './report/index.js';
export { describeReason } from './knowledge/reasons.js';

// explain: an error text or code → what it means, whose side acts, whether a retry helps.
export { explain, explainBytes, type ExplainOptions } from './explain/explain.js';
// bounce: bounce messages → one record per recipient.
export { checkBounce, checkBounces } from './bounce/check.js';
export { parseBounce, type ParseBounceOptions } from './bounce/parse.js';
export { readBounces, type BounceItem, type ReadBouncesOptions } from './bounce/read.js';
export type { BounceResult, BounceRecipient } from './bounce/types.js';
// domain: a domain's mail DNS health; DNS clients that ask only the server you name.
export { checkMailDomain, type DomainCheckOptions } from './domain/check.js';
export { createDnsClient, type DnsClient, type DnsClientOptions } from './dns/index.js';
// probe: a live SMTP/IMAP/POP3 server test.
export { checkServer } from './probe/many.js';
export type { ProbeOptions } from './probe/common.js';
// settings: the right mail program settings for an address.
export { checkMailSettings } from './settings/check.js';
export type { SettingsOptions, SettingsDeps } from './settings/discover.js';
// logs: a mail log summarised.
export { checkLogs } from './logs/index.js';
// queue: what waits in a mail queue and why.
export { checkQueueListing, checkLiveQueue, type CheckQueueOptions } from './queue/index.js';
// message: a delivered message's path, authentication and spam verdicts.
export { checkMessage } from './message/analyze.js';
export type { MessageAnalysisOptions } from './message/analyze.js';
// doctor: the guided seven-case troubleshooter.
export { runDoctor, type DoctorOptions } from './doctor/engine.js';
export { parseDoctorAnswers } from './doctor/answers.js';
export { DOCTOR_CASES } from './doctor/cases/index.js';
export type { DoctorAnswers, DoctorDeps } from './doctor/types.js';
// serve: the local web app and JSON API.
export { createMailmedicServer, type ServeOptions, type MailmedicServer } from './serve/server.js';
