/**
 * The shapes the client script reads: the server's Report/Finding as JSON (src/core/finding.ts is their
 * source of truth) and the page's texts (src/serve/pages.ts clientTexts). A declaration file, so the
 * browser build emits only app.js.
 */
type Status = 'ok' | 'info' | 'warn' | 'error' | 'unknown';
type LangText = { en: string; pl: string };

interface Evidence { kind: string; label?: string; value: string; atMs?: number }
interface Diagnosis { reason: string; permanence: string; actor: string; retry: string; replyCode?: number; enhancedCode?: string; rule?: string }
interface Finding {
  check: string; status: Status; subject: string; summary: LangText; detail?: LangText;
  advice?: LangText[]; evidence?: Evidence[]; diagnosis?: Diagnosis; seeAlso?: string[];
}
interface Table { id?: string; title: LangText; columns: LangText[]; rows: string[][] }
interface Report { command: string; subject: string; status: Status; findings: Finding[]; tables?: Table[] }

interface LabelPattern { re: string; pl: string; names: string[] }
interface ClientTexts {
  lang: 'en' | 'pl';
  button: Record<string, string>;
  status: Record<string, string>;
  ui: Record<string, string>;
  statusLabel: Record<string, string>;
  actor: Record<string, string>;
  permanence: Record<string, string>;
  retry: Record<string, string>;
  cases: { id: string; n: number; title: string; description: string }[];
  tables: Record<string, string>;
  errors: Record<string, string>;
  fieldErrors: Record<string, string>;
  reasons: Record<string, string>;
  labels?: { table: Record<string, string>; patterns: LabelPattern[] } | null;
  /** Where a `mailmedic <command>` in a finding's text leads on the web (page path by command). */
  pages?: Record<string, string>;
  /** The page field a command's argument fills in (by command). */
  prefill?: Record<string, string>;
  /** Page names by page id. */
  nav: Record<string, string>;
  /** The monitoring dashboard's words. */
  watch?: Record<string, string>;
  /** The stream results page's words. */
  stream?: Record<string, string>;
  /** Log event kinds and statuses in the page's language. */
  streamEvents?: Record<string, string>;
}

/** The results API's answers (src/serve/stream-api.ts is their source of truth). */
interface StreamSummary {
  generatedAt: string; database: string; schemaVersion: number;
  bounces: { messages: number; recipients: number; suppressed: number; newest: string | null };
  logs: { hosts: number; lines: number; problems: number; newest: string | null };
}
interface SuppressionRow { recipient: string; firstSeen: string; lastSeen: string; bounces: number; lastReason: string; lastStatus: string | null }
interface HostPeriodRow { host: string; period: string; lines: number; received: number; delivered: number; deferred: number; bounced: number; rejected: number }
interface StoredProblem { host: string; detectedAt: string; finding: Finding }
interface StoryLine { host: string; qid: string; at: string | null; kind: string; status: string | null; recipient: string | null; messageId: string | null; line: string }
interface RecipientBounce { recipient: string; at: string; reason: string; hard: boolean; status: string | null; diagnostic: string | null; remoteHost: string | null; rule: string; messageId: string }

/** The dashboard's answers (src/watch/dashboard.ts is their source of truth). */
interface WatchItemState {
  item: string; kind: string; status: Status; checkedAt?: string; durationMs?: number;
  problems: { check: string; status: Status; subject: string; summary: LangText }[]; problemCount: number;
  unacked: number; mute?: { until: string; reason?: string }; listed: boolean;
}
interface WatchState { generatedAt: string; database: string; engine: string; lastRun?: { startedAt: string; finishedAt?: string; status?: string }; items: WatchItemState[] }
interface WatchPoint { at: string; status: Status; passes: number; durationMs: number }
interface WatchEvent {
  id: string; at: string; item: string; kind: string; kindText: LangText; status: Status; previous: Status;
  check: string; subject: string; summary: LangText; advice?: LangText[]; acked?: { at: string; by: string };
}
interface WatchList { path: string; format: 'yaml' | 'json'; text: string; version: string; items: string[] }
interface WatchErrorBody extends ApiErrorBody { text?: LangText; key?: string }

interface ApiErrorBody { error?: string; message?: string; field?: string }

interface DoctorChoice { value: string; label: LangText }
interface DoctorStep {
  id: string; path: string; kind: 'choice' | 'longtext' | 'secret' | 'number' | 'text'; position: number; total: number;
  prompt: LangText; help?: LangText; choices: DoctorChoice[]; defaultValue?: string; optional?: boolean;
}
interface DoctorProgress { type: 'start' | 'end' | 'done'; check: string; title: LangText; status: Status; ms: number }
