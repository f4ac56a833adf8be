import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { EXIT, makeReport, type Finding } from '../../core/finding.js';
import { pick } from '../../i18n/text.js';
import {
  DEFAULT_LOG_LIMITS, findLogProblems, followLog, logNotCheckedFindings, parseLogTime, renderLogSummaryHtml, summarizeLogs, logSummaryReport, traceLogs, logTraceReport,
  type LogProblemLimits, type LogTraceFilter,
} from '../../logs/index.js';
import { describeSources, resolveLogSources } from '../../logs/input.js';
import { makeLogProgress } from '../../logs/progress.js';
import { describeFilter } from '../../logs/report.js';
import { redactLogLine } from '../../logs/redact.js';
import { render } from '../../report/index.js';
import { InputError, numberOption, parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import { emit } from '../output.js';
import type { Command } from './index.js';

const USAGE_EN = `mailmedic logs <trace|summary|problems|follow> [FILE|FOLDER|-]... [options]

Reads Postfix, Exim, Sendmail and Dovecot logs (plain or .gz, a folder with its rotations, or stdin).

  logs trace   --to ADDR | --from ADDR | --id QUEUEID|MESSAGE-ID  [--since T] [--until T] [--limit N]
               each matching message's whole story and the verdict with a diagnosis
  logs summary [--top N] [--html]
               received/delivered/deferred/bounced/rejected, per hour/day, top lists, delays, reasons
  logs problems [limits]
               sending limits, rejection waves, password guessing, deferred pile-up, TLS, stuck mail
  logs follow  FILE [--webhook URL] [--from-start] [limits]
               like tail -F: prints problems as they happen (--json: one JSON object per line)

Limits (defaults from the hosting help): --per-hour 200 --per-day 500 --per-ip-hour 300 --auth-failures 10
  --reject-wave 10 --deferred-pile 50 --stuck-hours 4 --tls-failures 5 --destination-pile 10 --rbl-provider 3
  --dmarc-failures 3
Times (--since/--until, for trace, summary and problems): "2026-11-23 14:05", "14:05" (today), "-2h".
--tz ZONE reads stamps without a zone in ZONE (Europe/Warsaw, +01:00) and counts hours in it; by default hours
  are those the log wrote (an RFC 3339 stamp keeps its own offset).
--verbose shows every evidence line and the lines that were not understood.`;

const USAGE_PL = `mailmedic logs <trace|summary|problems|follow> [PLIK|KATALOG|-]... [opcje]

Czyta dzienniki poczty (logi) Postfiksa, Exima, Sendmaila i Dovecota (zwykłe lub .gz, katalog z plikami
rotacji albo standardowe wejście).

  logs trace   --to ADRES | --from ADRES | --id ID-KOLEJKI|MESSAGE-ID  [--since CZAS] [--until CZAS] [--limit N]
               pełna historia każdej pasującej wiadomości i werdykt z diagnozą
  logs summary [--top N] [--html]
               odebrane/doręczone/odroczone/zwrócone/odrzucone, godziny/dni, rankingi, opóźnienia, przyczyny
  logs problems [limity]
               limity wysyłki, fale odrzuceń, zgadywanie haseł, narastające odroczenia, TLS, zalegająca poczta
  logs follow  PLIK [--webhook URL] [--from-start] [limity]
               jak tail -F: wypisuje problemy na bieżąco (--json: jeden obiekt JSON na wiersz)

Limity (domyślnie wg pomocy hostingu): --per-hour 200 --per-day 500 --per-ip-hour 300 --auth-failures 10
  --reject-wave 10 --deferred-pile 50 --stuck-hours 4 --tls-failures 5 --destination-pile 10 --rbl-provider 3
  --dmarc-failures 3
Czas (--since/--until, dla trace, summary i problems): „2026-11-23 14:05”, „14:05” (dziś), „-2h”.
--tz STREFA czyta znaczniki czasu bez strefy w STREFIE (Europe/Warsaw, +01:00) i liczy w niej godziny; domyślnie
  godziny są takie, jak zapisał je dziennik (znacznik RFC 3339 zachowuje własne przesunięcie).
--verbose pokazuje wszystkie wiersze dowodowe i wiersze, których nie zrozumiano.`;

const OPTIONS = {
  to: { type: 'string' }, from: { type: 'string' }, id: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' },
  limit: { type: 'string' }, top: { type: 'string' }, webhook: { type: 'string' }, 'from-start': { type: 'boolean' }, 'poll-ms': { type: 'string' },
  'per-hour': { type: 'string' }, 'per-day': { type: 'string' }, 'per-ip-hour': { type: 'string' }, 'auth-failures': { type: 'string' },
  'reject-wave': { type: 'string' }, 'deferred-pile': { type: 'string' }, 'stuck-hours': { type: 'string' }, 'tls-failures': { type: 'string' },
  'destination-pile': { type: 'string' }, 'rbl-provider': { type: 'string' }, 'dmarc-failures': { type: 'string' }, tz: { type: 'string' },
} as const;

/**
 * --tz: the zone to read stamps without one in (classic syslog) and to count hours and days in. A zone name
 * (Europe/Warsaw) or a whole-hour offset (+01:00, UTC); it becomes this process's TZ.
 */
function setReaderZone(raw: string): void {
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d\d))?$/i.exec(raw.trim());
  let zone = raw.trim();
  if (/^(?:UTC|GMT|Z)$/i.test(zone)) zone = 'UTC';
  else if (m) {
    if (m[3] && m[3] !== '00') throw new UsageError(USAGE_TEXTS.logsBadZone, { value: raw });
    const h = Number(m[2]);
    zone = h === 0 ? 'UTC' : `Etc/GMT${m[1] === '+' ? '-' : '+'}${h}`; // POSIX Etc zones count westwards
  }
  try { new Intl.DateTimeFormat('en', { timeZone: zone }); } catch { throw new UsageError(USAGE_TEXTS.logsBadZone, { value: raw }); }
  process.env.TZ = zone;
}

function limitsFrom(v: Record<string, unknown>): LogProblemLimits {
  const L = DEFAULT_LOG_LIMITS;
  return {
    accountPerHour: numberOption('per-hour', v['per-hour'], L.accountPerHour, 1),
    accountPerDay: numberOption('per-day', v['per-day'], L.accountPerDay, 1),
    ipPerHour: numberOption('per-ip-hour', v['per-ip-hour'], L.ipPerHour, 1),
    authFailuresPerHour: numberOption('auth-failures', v['auth-failures'], L.authFailuresPerHour, 1),
    rejectWave: numberOption('reject-wave', v['reject-wave'], L.rejectWave, 1),
    deferredPile: numberOption('deferred-pile', v['deferred-pile'], L.deferredPile, 1),
    stuckHours: numberOption('stuck-hours', v['stuck-hours'], L.stuckHours, 0),
    tlsFailures: numberOption('tls-failures', v['tls-failures'], L.tlsFailures, 1),
    destinationPile: numberOption('destination-pile', v['destination-pile'], L.destinationPile, 1),
    rblProvider: numberOption('rbl-provider', v['rbl-provider'], L.rblProvider, 1),
    dmarcFailures: numberOption('dmarc-failures', v['dmarc-failures'], L.dmarcFailures, 1),
  };
}

/** POST a finding as JSON; resolves false on any failure (a webhook must never stop following). */
export function postWebhook(url: string, body: unknown, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    let u: URL;
    try { u = new URL(url); } catch { resolve(false); return; }
    const data = Buffer.from(JSON.stringify(body));
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(u, {
      method: 'POST', headers: { 'content-type': 'application/json', 'content-length': data.length, 'user-agent': 'mailmedic' }, timeout: timeoutMs,
    }, (res) => { res.resume(); res.on('end', () => resolve((res.statusCode ?? 500) < 300)); });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end(data);
  });
}

export const command: Command = {
  describe: { en: 'trace messages, summarise and find problems in mail logs (Postfix, Exim, Sendmail, Dovecot)', pl: 'śledzenie wiadomości, podsumowanie i problemy w logach poczty (Postfix, Exim, Sendmail, Dovecot)' },
  usage: { en: USAGE_EN, pl: USAGE_PL },
  async run(argv: string[]): Promise<number> {
    // The sub-command is the first positional, so options may come before it (`logs --lang pl trace …`).
    const { values: v, positionals: all, common } = parseCommand(argv, OPTIONS);
    const [sub, ...positionals] = all;
    const now = Date.now;
    const progress = makeLogProgress();
    if (typeof v.tz === 'string') setReaderZone(v.tz);
    const range: { since?: number; until?: number } = {};
    for (const k of ['since', 'until'] as const) {
      const raw = v[k];
      if (typeof raw !== 'string') continue;
      try { range[k] = parseLogTime(raw, now()); } catch (e) { throw new UsageError(USAGE_TEXTS.logsBadTime, { value: raw }, e); }
    }
    const base = { inputs: positionals, onProgress: progress, keepUnparsed: common.verbose ? 200 : 20, ...range };
    const inputs = positionals.length ? positionals : ['-'];
    if (inputs.includes('-') && process.stdin.isTTY && sub !== 'follow') throw new UsageError(USAGE_TEXTS.logsNoInput);
    const subject = describeSources(resolveLogSources(inputs));
    switch (sub) {
      case 'trace': {
        const filter: LogTraceFilter = {};
        if (typeof v.to === 'string') filter.to = v.to;
        if (typeof v.from === 'string') filter.from = v.from;
        if (typeof v.id === 'string') filter.id = v.id;
        if (range.since !== undefined) filter.since = range.since;
        if (range.until !== undefined) filter.until = range.until;
        if (!filter.to && !filter.from && !filter.id && filter.since === undefined && filter.until === undefined) throw new UsageError(USAGE_TEXTS.logsTraceNeeds);
        const limit = numberOption('limit', v.limit, 50, 1, 100000);
        const r = await traceLogs(base, filter, limit);
        progress.done();
        emptyStdin(inputs, r.stats.lines);
        return emit(logTraceReport(r, filter, `${subject}: ${describeFilter(filter)}`), common);
      }
      case 'summary': {
        const d = await summarizeLogs(base, numberOption('top', v.top, 10, 1, 1000), { readerZone: typeof v.tz === 'string' });
        progress.done();
        emptyStdin(inputs, d.lines);
        const report = logSummaryReport(d, subject);
        if (common.format === 'html') return emit(report, common, renderLogSummaryHtml(report, d, common.lang));
        return emit(report, common);
      }
      case 'problems': {
        const r = await findLogProblems(base, limitsFrom(v));
        progress.done();
        emptyStdin(inputs, r.lines);
        const findings: Finding[] = r.findings.length ? r.findings : [{
          check: 'logs.problems.none', status: 'ok', subject,
          summary: { en: `No problems found in ${r.parsed} log lines.`, pl: `Nie znaleziono problemów w ${r.parsed} wpisach dziennika poczty (logu).` },
        }];
        findings.push(...logNotCheckedFindings(r.notChecked));
        if (!r.parsed) findings.push({ check: 'logs.problems.empty', status: 'unknown', subject, summary: { en: 'No mail log lines were recognised.', pl: 'Nie rozpoznano żadnego wpisu z dziennika poczty (logu).' } });
        if (common.verbose && r.unparsed) findings.push({ check: 'logs.unparsed', status: 'info', subject: String(r.unparsed), summary: { en: `${r.unparsed} lines were not understood.`, pl: `Niezrozumiałych wierszy: ${r.unparsed}.` }, evidence: r.unparsedSamples.map((s) => ({ kind: 'log' as const, value: redactLogLine(s) })) });
        return emit(makeReport('logs problems', subject, findings, { data: { lines: r.lines, parsed: r.parsed, unparsed: r.unparsed, format: r.format, problems: r.findings.length } }), common);
      }
      case 'follow': {
        const path = positionals[0];
        if (!path || path === '-' || positionals.length > 1) throw new UsageError(USAGE_TEXTS.logsFollowOne);
        const webhook = typeof v.webhook === 'string' ? v.webhook : undefined;
        if (webhook && !/^https?:\/\//.test(webhook)) throw new UsageError(USAGE_TEXTS.logsWebhook);
        const ac = new AbortController();
        const stop = () => ac.abort();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const pending: Promise<unknown>[] = [];
        await followLog({
          path, limits: limitsFrom(v), fromStart: Boolean(v['from-start']), signal: ac.signal, pollMs: numberOption('poll-ms', v['poll-ms'], 500, 20, 60000),
          onFinding: (f) => {
            if (common.format === 'json') process.stdout.write(JSON.stringify(f) + '\n');
            else {
              const r = makeReport('logs follow', path, [f]);
              process.stdout.write(common.format === 'terminal' ? `${new Date().toISOString()} ${f.status.toUpperCase()} [${f.check}] ${f.subject}: ${pick(f.summary, common.lang)}\n` : render(r, common.format, { lang: common.lang }));
            }
            if (webhook) pending.push(postWebhook(webhook, { tool: 'mailmedic', command: 'logs follow', source: path, at: new Date().toISOString(), finding: f }));
          },
        });
        await Promise.all(pending);
        return EXIT.ok;
      }
      default:
        throw sub ? new UsageError(USAGE_TEXTS.logsUnknownSub, { sub }) : new UsageError(USAGE_TEXTS.logsNoSub);
    }
  },
};

/** Standard input alone, and nothing on it: there is nothing to summarize (the same answer in every command). */
function emptyStdin(inputs: string[], lines: number): void {
  if (lines === 0 && inputs.length === 1 && inputs[0] === '-') throw new InputError(USAGE_TEXTS.emptyStdin, EXIT.usage);
}
