/**
 * The dashboard's JSON API (`mailmedic serve --watch`): routes as data — method, path, body limit, input and output
 * schemas for OpenAPI — and a `run` over the WatchDashboard. The dashboard itself (src/watch) is loaded only when a
 * server is started with a watch list: the app without one loads no part of `watch`.
 */
import type { DashboardError, WatchDashboard } from '../watch/dashboard.js';
import { intParam, SPAN_SCHEMA, spanParam, type QueryParam } from './route-params.js';
import { HttpError } from './security.js';

type JsonSchema = Record<string, unknown>;

/** One route of the dashboard's API. */
export interface WatchRoute {
  id: string;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  summary: string;
  /** Largest accepted body in bytes (routes that take one). */
  bodyLimit?: number;
  /** Query parameters (GET). */
  query?: QueryParam[];
  input?: JsonSchema;
  output: JsonSchema;
  run: (d: WatchDashboard, q: { body: Record<string, unknown>; params: URLSearchParams; client: string }) => Promise<unknown>;
}

const KB = 1024;
const TEXT_REF = { $ref: '#/components/schemas/Text' };
const STATUS_REF = { $ref: '#/components/schemas/Status' };
const SPAN = SPAN_SCHEMA;
const ITEM = { type: 'string', maxLength: 2048, description: 'the item key as the reports show it: domain:example.com, ip:192.0.2.1, smtp:mail.example.com:587, log:/var/log/maillog' };

const DASHBOARD_ITEM = {
  type: 'object', required: ['item', 'kind', 'status', 'problems', 'problemCount', 'unacked', 'listed'],
  properties: {
    item: { type: 'string' }, kind: { enum: ['domain', 'ip', 'server', 'log'] }, status: STATUS_REF,
    checkedAt: { type: 'string', format: 'date-time' }, durationMs: { type: 'number' },
    problems: { type: 'array', maxItems: 5, items: { type: 'object', required: ['check', 'status', 'subject', 'summary'],
      properties: { check: { type: 'string' }, status: STATUS_REF, subject: { type: 'string' }, summary: TEXT_REF } } },
    problemCount: { type: 'integer' }, unacked: { type: 'integer', description: 'alerts of the last 30 days nobody acknowledged' },
    mute: { type: 'object', required: ['until'], properties: { until: { type: 'string', format: 'date-time' }, reason: { type: 'string' } } },
    listed: { type: 'boolean', description: 'false: history of an item no longer on the watch list' },
  },
};
const EVENT = {
  type: 'object', required: ['id', 'at', 'item', 'kind', 'kindText', 'status', 'previous', 'check', 'subject', 'summary'],
  properties: {
    id: { type: 'string' }, at: { type: 'string', format: 'date-time' }, item: { type: 'string' },
    kind: { enum: ['appeared', 'worsened', 'improved', 'cleared', 'changed'] }, kindText: TEXT_REF,
    status: STATUS_REF, previous: STATUS_REF, check: { type: 'string' }, subject: { type: 'string' }, summary: TEXT_REF,
    advice: { type: 'array', items: TEXT_REF }, delivery: { type: 'object', additionalProperties: { type: 'string' } },
    acked: { type: 'object', required: ['at', 'by'], properties: { at: { type: 'string', format: 'date-time' }, by: { type: 'string' } } },
  },
};
const LIST = {
  type: 'object', required: ['path', 'format', 'text', 'version', 'items'],
  properties: { path: { type: 'string' }, format: { enum: ['yaml', 'json'] }, text: { type: 'string' }, version: { type: 'string' }, items: { type: 'array', items: { type: 'string' } } },
};

/** The dashboard's shapes for the OpenAPI components (referenced as #/components/schemas/Watch…). */
export const WATCH_SCHEMAS: Record<string, JsonSchema> = {
  WatchItem: DASHBOARD_ITEM,
  WatchEvent: EVENT,
  WatchList: LIST,
};

function str(body: Record<string, unknown>, key: string, max: number, required = true): string | undefined {
  const v = body[key];
  if (v === undefined || v === null || v === '') {
    if (required) throw new HttpError(400, `"${key}" is required`, 'missing-field', key);
    return undefined;
  }
  if (typeof v !== 'string') throw new HttpError(400, `"${key}" must be a string`, 'bad-field', key);
  if (v.length > max) throw new HttpError(413, `"${key}" is over ${max} characters`, 'too-large');
  return v;
}

/** Every route of the dashboard's API. */
export function watchRoutes(): WatchRoute[] {
  return [
    {
      id: 'watchState', method: 'GET', path: '/api/watch/state',
      summary: 'Every watched item: its newest result and problems, unacknowledged alerts and mute, worst first',
      output: { type: 'object', required: ['generatedAt', 'database', 'engine', 'items'], properties: {
        generatedAt: { type: 'string', format: 'date-time' }, database: { type: 'string', description: 'the SQLite file or the PostgreSQL URL without its password' },
        engine: { enum: ['sqlite', 'postgres'] },
        lastRun: { type: 'object', properties: { startedAt: { type: 'string' }, finishedAt: { type: 'string' }, status: { type: 'string' } } },
        items: { type: 'array', items: { $ref: '#/components/schemas/WatchItem' } } } },
      run: (d) => d.state(),
    },
    {
      id: 'watchHistory', method: 'GET', path: '/api/watch/history',
      summary: 'Each item\'s passes over a period as chart points (the worst of a time slice when there are more than `points`)',
      query: [
        { name: 'item', description: 'one item only (default: every item)', schema: ITEM },
        { name: 'since', description: 'how far back (default 7d)', schema: SPAN },
        { name: 'points', description: 'at most this many points per item (default 120)', schema: { type: 'integer', minimum: 10, maximum: 1000 } },
      ],
      output: { type: 'object', required: ['since', 'items'], properties: { since: { type: 'string', format: 'date-time' }, items: { type: 'object', additionalProperties: {
        type: 'array', items: { type: 'object', required: ['at', 'status', 'passes', 'durationMs'], properties: { at: { type: 'string', format: 'date-time' }, status: STATUS_REF, passes: { type: 'integer' }, durationMs: { type: 'number' } } } } } } },
      async run(d, { params }) {
        const ms = spanParam(params, 'since', '7d');
        const item = params.get('item') ?? undefined;
        if (item !== undefined && (!item || item.length > 2048)) throw new HttpError(400, 'item must be an item key', 'bad-field', 'item');
        const points = intParam(params, 'points', 120, 10, 1000);
        const items = await d.history(ms, item, points);
        return { since: new Date(Date.now() - ms).toISOString(), items };
      },
    },
    {
      id: 'watchEvents', method: 'GET', path: '/api/watch/events',
      summary: 'The alerts of a period, newest first: appeared, worsened, improved, cleared, changed — with who acknowledged them',
      query: [
        { name: 'since', description: 'how far back (default 30d)', schema: SPAN },
        { name: 'limit', description: 'at most this many (default 200)', schema: { type: 'integer', minimum: 1, maximum: 1000 } },
      ],
      output: { type: 'object', required: ['events'], properties: { events: { type: 'array', items: { $ref: '#/components/schemas/WatchEvent' } } } },
      async run(d, { params }) {
        const ms = spanParam(params, 'since', '30d');
        const limit = intParam(params, 'limit', 200, 1, 1000);
        return { events: await d.events(ms, limit) };
      },
    },
    {
      id: 'watchAck', method: 'POST', path: '/api/watch/ack', bodyLimit: 64 * KB,
      summary: 'Acknowledge alerts (someone has seen them); 404 when none of the ids is known',
      input: { type: 'object', required: ['ids'], properties: { ids: { type: 'array', minItems: 1, maxItems: 500, items: { type: 'string', maxLength: 100 } }, by: { type: 'string', maxLength: 100, description: 'who (default: "web" and the client address)' } } },
      output: { type: 'object', required: ['acknowledged'], properties: { acknowledged: { type: 'integer' } } },
      async run(d, { body, client }) {
        const ids = body.ids;
        if (!Array.isArray(ids) || !ids.length || ids.length > 500 || !ids.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 100)) {
          throw new HttpError(400, 'ids must be a list of 1 to 500 alert ids', 'bad-field', 'ids');
        }
        const by = str(body, 'by', 100, false)?.trim() || `web ${client}`;
        return { acknowledged: await d.acknowledge(ids as string[], by) };
      },
    },
    {
      id: 'watchMute', method: 'POST', path: '/api/watch/mute', bodyLimit: 8 * KB,
      summary: 'Mute an item for a time: its alerts are still stored and shown, but not sent (planned work)',
      input: { type: 'object', required: ['item', 'for'], properties: { item: ITEM, for: SPAN, reason: { type: 'string', maxLength: 500 } } },
      output: { type: 'object', required: ['item', 'until'], properties: { item: { type: 'string' }, until: { type: 'string', format: 'date-time' }, reason: { type: 'string' } } },
      run: (d, { body }) => d.mute(str(body, 'item', 2048)!, str(body, 'for', 20), str(body, 'reason', 500, false)),
    },
    {
      id: 'watchUnmute', method: 'POST', path: '/api/watch/unmute', bodyLimit: 4 * KB,
      summary: 'End an item\'s mute: its alerts are sent again',
      input: { type: 'object', required: ['item'], properties: { item: ITEM } },
      output: { type: 'object', required: ['item'], properties: { item: { type: 'string' } } },
      async run(d, { body }) {
        const item = str(body, 'item', 2048)!;
        await d.unmute(item);
        return { item };
      },
    },
    {
      id: 'watchListGet', method: 'GET', path: '/api/watch/list',
      summary: 'The watch list as it is on disk, with its item keys and a version to send back with a change',
      output: { $ref: '#/components/schemas/WatchList' },
      run: (d) => d.readList(),
    },
    {
      id: 'watchListPut', method: 'PUT', path: '/api/watch/list', bodyLimit: 5 * 1024 * KB,
      summary: 'Replace the watch list (checked by the watcher\'s own rules first; a bad list is refused naming the key, in both languages, and the file stays as it was). `text`: the whole file; or `list`: the list as JSON, applied onto the YAML so comments and order survive. Written atomically (a temporary file renamed over it). A new file for the watcher to read (logs, blocklists, ca) or a password_env (or one moved to another server) is refused (403): those are written into the file on the machine. A running `watch daemon` reads the list when it starts.',
      input: { type: 'object', properties: { text: { type: 'string', maxLength: 4 * 1024 * KB }, list: { type: 'object' }, version: { type: 'string', maxLength: 64, description: 'the version read with GET; refused (409) when the file changed since' } } },
      output: { $ref: '#/components/schemas/WatchList' },
      async run(d, { body }) {
        const text = str(body, 'text', 4 * 1024 * KB, false);
        const version = str(body, 'version', 64, false);
        const list = body.list;
        if (text === undefined && (list === undefined || list === null || typeof list !== 'object' || Array.isArray(list))) {
          throw new HttpError(400, 'send the list as "text" (the whole file) or "list" (a JSON object)', 'missing-field', 'text');
        }
        return d.writeList({ ...(text !== undefined ? { text } : { list }), ...(version !== undefined ? { version } : {}) });
      },
    },
  ];
}

const STATUS_OF: Record<DashboardError['code'], number> = { 'unknown-item': 404, 'unknown-alert': 404, 'bad-field': 400, 'bad-list': 400, 'list-changed': 409, 'needs-local-edit': 403 };

/** A dashboard refusal as the API answers it: its status, code and field, and its words in both languages. */
export function dashboardHttpError(e: unknown): HttpError | undefined {
  if (!(e instanceof Error) || e.name !== 'DashboardError') return undefined;
  const d = e as DashboardError;
  return new HttpError(STATUS_OF[d.code] ?? 400, d.message, d.code, d.field, { text: d.text, ...(d.key !== undefined ? { key: d.key } : {}) });
}
