/**
 * The stream workers' results in the JSON API (`mailmedic serve --stream-db postgres://…`): read-only GET routes as
 * data — path, query parameters and output schema for OpenAPI — and a `run` over a StreamReader. The reader (and with
 * it `pg` and src/stream) is loaded only when a server is started with a results database: this file imports types only.
 */
import type { Lang } from '../core/finding.js';
import { fill } from '../i18n/text.js';
import { renderCsv } from '../report/csv.js';
import type { StreamReader, StreamUnavailableError } from '../stream/web-queries.js';
import { intParam, SPAN_SCHEMA, spanParam, textParam, type QueryParam } from './route-params.js';
import { HttpError } from './security.js';
import { SERVE_TEXT } from './texts.js';
import { findingForTheWeb } from './web-words.js';

type JsonSchema = Record<string, unknown>;

/** What a stream route is given: the query, the page's language, and the database as it may be shown (no password). */
export interface StreamContext { params: URLSearchParams; lang: Lang; database: string }

/** One route of the results API. `file`: the answer is a download of that type, not JSON. */
export interface StreamRoute {
  id: string;
  method: 'GET';
  path: string;
  summary: string;
  query?: QueryParam[];
  output: JsonSchema;
  file?: { type: string; name: string };
  run: (r: StreamReader, q: StreamContext) => Promise<unknown>;
}

const DATE = { type: 'string', format: 'date-time' };
const DATE_OR_NULL = { type: ['string', 'null'], format: 'date-time' };
const COUNT = { type: 'integer', minimum: 0 };
const NULLABLE = { type: ['string', 'null'] };
/** A look-back as a time, once: the query and the answer name the same instant. */
function sinceOf(params: URLSearchParams): { query: { since?: Date }; out: { since?: string } } {
  const ms = spanParam(params, 'since');
  if (ms === undefined) return { query: {}, out: {} };
  const at = new Date(Date.now() - ms);
  return { query: { since: at }, out: { since: at.toISOString() } };
}
const SINCE_ALL = (what: string): QueryParam => ({ name: 'since', description: `only ${what} within this time (default: all)`, schema: SPAN_SCHEMA });
const LIMIT = (dflt: number, max: number): QueryParam => ({ name: 'limit', description: `at most this many rows (default ${dflt})`, schema: { type: 'integer', minimum: 1, maximum: max } });
const HOST: QueryParam = { name: 'host', description: 'one host only, as `ship logs --host` named it (default: every host)', schema: { type: 'string', maxLength: 255 } };

const SUPPRESSION_ROW = {
  type: 'object', required: ['recipient', 'firstSeen', 'lastSeen', 'bounces', 'lastReason', 'lastStatus'],
  properties: { recipient: { type: 'string' }, firstSeen: DATE, lastSeen: DATE, bounces: COUNT, lastReason: { type: 'string', description: 'the reason code of the newest hard bounce (e.g. userunknown)' }, lastStatus: NULLABLE },
};
/** The suppression list's CSV columns: stable names a mailing system's import can map (the recipient first). */
const CSV_COLUMNS = ['recipient', 'first_seen', 'last_seen', 'bounces', 'last_reason', 'last_status'];

/** Every route of the results API. */
export function streamRoutes(): StreamRoute[] {
  return [
    {
      id: 'streamSummary', method: 'GET', path: '/api/stream/summary',
      summary: 'What the results database holds: bounce messages, bounced recipients, addresses on the suppression list; hosts, log lines, problems; the newest of each',
      output: { type: 'object', required: ['generatedAt', 'database', 'schemaVersion', 'bounces', 'logs'], properties: {
        generatedAt: DATE, database: { type: 'string', description: 'the PostgreSQL URL without its password' }, schemaVersion: COUNT,
        bounces: { type: 'object', required: ['messages', 'recipients', 'suppressed', 'newest'], properties: { messages: COUNT, recipients: COUNT, suppressed: COUNT, newest: DATE_OR_NULL } },
        logs: { type: 'object', required: ['hosts', 'lines', 'problems', 'newest'], properties: { hosts: COUNT, lines: COUNT, problems: COUNT, newest: { ...DATE_OR_NULL, description: 'stream time of the newest batch of log lines stored' } } } } },
      run: async (r, { database }) => ({ generatedAt: new Date().toISOString(), database, ...(await r.summary()) }),
    },
    {
      id: 'streamSuppression', method: 'GET', path: '/api/stream/suppression',
      summary: 'The suppression list: every recipient with a hard bounce, newest first, with first and last seen, how many, the last reason and status',
      query: [SINCE_ALL('recipients whose last hard bounce came'), LIMIT(1000, 10_000)],
      output: { type: 'object', required: ['rows', 'truncated'], properties: { since: DATE, rows: { type: 'array', items: SUPPRESSION_ROW }, truncated: { type: 'boolean', description: 'true: there are more rows than `limit`' } } },
      async run(r, { params }) {
        const since = sinceOf(params);
        const limit = intParam(params, 'limit', 1000, 1, 10_000);
        const rows = await r.suppression({ ...since.query, limit: limit + 1 });
        return { ...since.out, rows: rows.slice(0, limit), truncated: rows.length > limit };
      },
    },
    {
      id: 'streamSuppressionCsv', method: 'GET', path: '/api/stream/suppression.csv',
      summary: `The suppression list as CSV (RFC 4180) for a mailing system to import: columns ${CSV_COLUMNS.join(', ')}; times in UTC (ISO 8601)`,
      query: [SINCE_ALL('recipients whose last hard bounce came'), LIMIT(1_000_000, 1_000_000)],
      output: { type: 'string' }, file: { type: 'text/csv', name: 'mailmedic-suppression.csv' },
      async run(r, { params }) {
        const since = sinceOf(params);
        const rows = await r.suppression({ ...since.query, limit: intParam(params, 'limit', 1_000_000, 1, 1_000_000) });
        return renderCsv(CSV_COLUMNS, rows.map((x) => [x.recipient, x.firstSeen.toISOString(), x.lastSeen.toISOString(), x.bounces, x.lastReason, x.lastStatus ?? '']));
      },
    },
    {
      id: 'streamHosts', method: 'GET', path: '/api/stream/hosts',
      summary: 'Per host and hour (or day), newest first: log lines read, received, delivered, deferred, bounced, rejected',
      query: [SINCE_ALL('periods'), HOST,
        { name: 'by', description: 'hour (default) or day', schema: { enum: ['hour', 'day'] } }, LIMIT(1000, 50_000)],
      output: { type: 'object', required: ['by', 'rows'], properties: { since: DATE, by: { enum: ['hour', 'day'] }, rows: { type: 'array', items: {
        type: 'object', required: ['host', 'period', 'lines', 'received', 'delivered', 'deferred', 'bounced', 'rejected'],
        properties: { host: { type: 'string' }, period: DATE, lines: COUNT, received: COUNT, delivered: COUNT, deferred: COUNT, bounced: COUNT, rejected: COUNT } } } } },
      async run(r, { params }) {
        const since = sinceOf(params);
        const host = textParam(params, 'host', 255);
        const by = params.get('by') ?? 'hour';
        if (by !== 'hour' && by !== 'day') throw new HttpError(400, 'by must be hour or day', 'bad-field', 'by');
        const rows = await r.hosts({ ...since.query, ...(host ? { host } : {}), by, limit: intParam(params, 'limit', 1000, 1, 50_000) });
        return { ...since.out, by, rows };
      },
    },
    {
      id: 'streamProblems', method: 'GET', path: '/api/stream/problems',
      summary: 'The problems the log workers found in the hosts\' logs, newest first: each a Finding (both languages), with its host and when',
      query: [SINCE_ALL('problems detected'), HOST, LIMIT(200, 1000)],
      output: { type: 'object', required: ['problems'], properties: { since: DATE, problems: { type: 'array', items: {
        type: 'object', required: ['host', 'detectedAt', 'finding'], properties: { host: { type: 'string' }, detectedAt: DATE, finding: { $ref: '#/components/schemas/Finding' } } } } } },
      async run(r, { params }) {
        const since = sinceOf(params);
        const host = textParam(params, 'host', 255);
        const rows = await r.problems({ ...since.query, ...(host ? { host } : {}), limit: intParam(params, 'limit', 200, 1, 1000) });
        return { ...since.out, problems: rows.map((p) => ({ ...p, finding: findingForTheWeb(p.finding) })) };
      },
    },
    {
      id: 'streamMessage', method: 'GET', path: '/api/stream/message',
      summary: 'A message\'s story: every stored log line of a queue id, or of every queue id that carried a Message-ID, in log order',
      query: [{ name: 'id', required: true, description: 'a queue id (4B2C1A0F3) or a Message-ID, with or without <>', schema: { type: 'string', minLength: 1, maxLength: 500 } }],
      output: { type: 'object', required: ['id', 'lines'], properties: { id: { type: 'string' }, lines: { type: 'array', items: {
        type: 'object', required: ['host', 'qid', 'at', 'kind', 'status', 'recipient', 'messageId', 'line'],
        properties: { host: { type: 'string' }, qid: { type: 'string' }, at: DATE_OR_NULL, kind: { type: 'string' }, status: NULLABLE, recipient: NULLABLE, messageId: NULLABLE, line: { type: 'string' } } } } } },
      async run(r, { params }) {
        const id = textParam(params, 'id', 500, true);
        return { id, lines: await r.message(id, 2000) };
      },
    },
    {
      id: 'streamBounces', method: 'GET', path: '/api/stream/bounces',
      summary: 'Every stored bounce of one recipient (case-insensitive), newest first: when, reason, hard or soft, status, the remote server and its words',
      query: [{ name: 'recipient', required: true, description: 'the e-mail address', schema: { type: 'string', minLength: 1, maxLength: 320 } }, SINCE_ALL('bounces that came'), LIMIT(200, 1000)],
      output: { type: 'object', required: ['recipient', 'bounces'], properties: { recipient: { type: 'string' }, since: DATE, bounces: { type: 'array', items: {
        type: 'object', required: ['recipient', 'at', 'reason', 'hard', 'status', 'diagnostic', 'remoteHost', 'rule', 'messageId'],
        properties: { recipient: { type: 'string' }, at: DATE, reason: { type: 'string' }, hard: { type: 'boolean' }, status: NULLABLE, diagnostic: NULLABLE,
          remoteHost: NULLABLE, rule: { type: 'string' }, messageId: { type: 'string', description: 'the stored bounce message\'s key (SHA-256)' } } } } } },
      async run(r, { params }) {
        const recipient = textParam(params, 'recipient', 320, true);
        const since = sinceOf(params);
        return { recipient, ...since.out, bounces: await r.bounces(recipient, { ...since.query, limit: intParam(params, 'limit', 200, 1, 1000) }) };
      },
    },
  ];
}

/** A results database that stopped answering, as the API says it: 503, with the reason in both languages. */
export function streamHttpError(e: unknown): HttpError | undefined {
  if (!(e instanceof Error) || e.name !== 'StreamUnavailableError') return undefined;
  const text = fill(SERVE_TEXT.stream.unavailable, { why: (e as StreamUnavailableError).why });
  return new HttpError(503, text.en, 'stream-unavailable', undefined, { text });
}
