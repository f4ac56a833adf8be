/** The OpenAPI 3.1 description of the JSON API, built from the operation table (served at /openapi.json). */
import { TOOL_VERSION } from '../core/finding.js';
import { API_OPERATIONS } from './api.js';
import type { QueryParam } from './route-params.js';
import { streamRoutes } from './stream-api.js';
import { WATCH_SCHEMAS, watchRoutes } from './watch-api.js';

const TEXT = { type: 'object', required: ['en', 'pl'], properties: { en: { type: 'string' }, pl: { type: 'string' } } };
const FINDING = {
  type: 'object', required: ['check', 'status', 'subject', 'summary'],
  properties: {
    check: { type: 'string' }, status: { $ref: '#/components/schemas/Status' }, subject: { type: 'string' },
    summary: { $ref: '#/components/schemas/Text' }, detail: { $ref: '#/components/schemas/Text' },
    advice: { type: 'array', items: { $ref: '#/components/schemas/Text' } },
    evidence: { type: 'array', items: { type: 'object', required: ['kind', 'value'], properties: { kind: { type: 'string' }, label: { type: 'string' }, value: { type: 'string' }, atMs: { type: 'number' } } } },
    diagnosis: { type: 'object', required: ['reason', 'permanence', 'actor', 'retry', 'rule'], properties: {
      reason: { type: 'string' }, permanence: { enum: ['temporary', 'permanent', 'unknown'] }, actor: { type: 'string' },
      retry: { enum: ['yes', 'no', 'later', 'after-fix'] }, replyCode: { type: 'integer' }, enhancedCode: { type: 'string' }, rule: { type: 'string' } } },
    seeAlso: { type: 'array', items: { type: 'string' } }, data: { type: 'object' },
  },
};
const REPORT = {
  type: 'object', required: ['schema', 'schemaVersion', 'tool', 'command', 'subject', 'generatedAt', 'status', 'findings'],
  properties: {
    schema: { const: 'mailmedic.report' }, schemaVersion: { const: 1 },
    tool: { type: 'object', properties: { name: { const: 'mailmedic' }, version: { type: 'string' } } },
    command: { type: 'string' }, subject: { type: 'string' }, generatedAt: { type: 'string', format: 'date-time' },
    status: { $ref: '#/components/schemas/Status' }, findings: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
    tables: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, title: { $ref: '#/components/schemas/Text' },
      columns: { type: 'array', items: { $ref: '#/components/schemas/Text' } }, rows: { type: 'array', items: { type: 'array', items: { type: 'string' } } } } } },
    data: {},
  },
};
const ERROR = { type: 'object', required: ['error', 'message'], properties: { error: { type: 'string' }, message: { type: 'string' }, field: { type: 'string', description: 'the request field that was wrong, when one was' },
  text: { $ref: '#/components/schemas/Text', description: 'the dashboard\'s refusals, and a results database that does not answer: the reason in both languages' }, key: { type: 'string', description: 'a refused watch list: the key at fault (e.g. servers[0].port)' } } };

const SSE_DOC = 'With `?stream=1` (or `Accept: text/event-stream`) the answer is a stream of server-sent events: `progress` (doctor checks starting and ending), `finding` (each finding as soon as it is known), then `report` (the whole Report) or `error`.';

/** A route of a GET/POST/PUT table (the dashboard's, the results'), as its OpenAPI operation needs it. */
interface TableRoute {
  id: string; method: string; path: string; summary: string; bodyLimit?: number; query?: QueryParam[];
  input?: Record<string, unknown>; output: Record<string, unknown>; file?: { type: string };
}

/** Each route of a table as an operation, with the table's own words on where it is answered and its extra answers. */
function addRoutes<R extends TableRoute>(paths: Record<string, unknown>, routes: readonly R[], errors: Record<number, unknown>,
  about: (r: R) => { description: string; notFound: string; more?: Record<number, unknown> }): void {
  for (const r of routes) {
    const a = about(r);
    const entry = (paths[r.path] ?? {}) as Record<string, unknown>;
    entry[r.method.toLowerCase()] = {
      operationId: r.id, summary: r.summary, description: a.description,
      ...(r.query ? { parameters: r.query.map((q) => ({ name: q.name, in: 'query', required: Boolean(q.required), description: q.description, schema: q.schema })) } : {}),
      ...(r.input ? { requestBody: { required: true, content: { 'application/json': { schema: r.input } } } } : {}),
      responses: {
        200: { description: 'OK', content: { [r.file ? r.file.type : 'application/json']: { schema: r.output } } },
        ...errors,
        404: { description: a.notFound, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        ...a.more,
      },
    };
    paths[r.path] = entry;
  }
}

/** `serverUrl`: the address clients reach the API at (a running server passes its own; the default is the CLI's). */
export function buildOpenApi(serverUrl = 'http://127.0.0.1:8025'): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  const errors = {
    400: { description: 'Bad input', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    401: { description: 'This server needs the token it printed at start-up (a server reachable from the network)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    403: { description: 'Refused: a Host name the server does not answer to, a cross-origin request, or a probe target (private address or non-mail port on an exposed server)', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    413: { description: 'Body too large', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    429: { description: 'Too many probes from this client; retry later', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    503: { description: 'The request\'s time budget ran out and its work was stopped', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
  };
  for (const op of API_OPERATIONS) {
    paths[op.path] = {
      post: {
        operationId: op.id, summary: op.summary, description: `${SSE_DOC} Largest body: ${op.bodyLimit} bytes.${op.probes ? ' Rate-limited per client.' : ''}`,
        parameters: [{ name: 'stream', in: 'query', required: false, schema: { enum: ['1'] } }, { name: 'lang', in: 'query', required: false, schema: { enum: ['pl', 'en'] } }],
        requestBody: { required: true, content: {
          'application/json': { schema: op.input },
          // The file itself (plain or gzip), spooled to disk: far larger than JSON allows; X-File-Name names it in the report.
          ...(op.upload ? { 'application/octet-stream': { schema: { type: 'string', format: 'binary', maxLength: op.upload.limit } } } : {}),
        } },
        responses: {
          200: { description: 'A Report', content: { 'application/json': { schema: { $ref: '#/components/schemas/Report' } }, 'text/event-stream': { schema: { type: 'string' } } } },
          ...errors,
        },
      },
    };
  }
  paths['/api/doctor/cases'] = { get: { operationId: 'doctorCases', summary: 'The seven cases with their questions and checks', responses: { 200: { description: 'Cases', content: { 'application/json': { schema: { type: 'object' } } } } } } };
  paths['/api/doctor/next'] = {
    post: {
      operationId: 'doctorNext', summary: 'The next question of a case, given the answers so far',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['case'], properties: {
        case: { type: 'string' }, answers: { type: 'object' }, skipped: { type: 'array', items: { type: 'string' } } } } } } },
      responses: { 200: { description: '{done: true} or {done: false, step}', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors },
    },
  };
  paths['/api/render'] = {
    post: {
      operationId: 'render', summary: 'Render a Report as Markdown, HTML or JSON (for the support report download)',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['report', 'format'], properties: {
        report: { $ref: '#/components/schemas/Report' }, format: { enum: ['markdown', 'html', 'json'] }, lang: { enum: ['pl', 'en'] } } } } } },
      responses: { 200: { description: 'The rendered report' }, ...errors },
    },
  };
  // The dashboard's routes: answered by a server started with a watch list (--watch), 404 otherwise.
  addRoutes(paths, watchRoutes(), errors, (r) => ({
    description: `Only on a server started with a watch list (mailmedic serve --watch watch.yaml); 404 otherwise.${r.bodyLimit ? ` Largest body: ${r.bodyLimit} bytes.` : ''}`,
    notFound: 'No watch list on this server, or an unknown item or alert',
    ...(r.method === 'PUT' ? { more: { 409: { description: 'The watch list changed since the version sent', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } } } : {}),
  }));
  // The stream workers' results: answered by a server started with their database (--stream-db), 404 otherwise.
  addRoutes(paths, streamRoutes(), errors, () => ({
    description: 'Only on a server started with the stream workers\' database (mailmedic serve --stream-db postgres://…); 404 otherwise. Read-only.',
    notFound: 'No results database on this server',
    more: { 503: { description: 'The results database does not answer (stopped, unreachable or too slow); the reason in both languages in `text`', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } },
  }));
  paths['/api/health'] = { get: { operationId: 'health', summary: 'Liveness and which capabilities this build has', responses: { 200: { description: 'OK' } } } };
  return {
    openapi: '3.1.0',
    info: { title: 'mailmedic', version: TOOL_VERSION, description: 'Why is e-mail not sent or received? The JSON API of `mailmedic serve`: the same functions and the same findings schema as the command line (docs/json-schema.md).' },
    servers: [{ url: serverUrl }],
    paths,
    components: { schemas: { Text: TEXT, Status: { enum: ['ok', 'info', 'warn', 'error', 'unknown'] }, Finding: FINDING, Report: REPORT, Error: ERROR, ...WATCH_SCHEMAS } },
  };
}
