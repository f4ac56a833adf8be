import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { EXIT, makeReport, type Report } from '../../core/finding.js';
import { fill, pick } from '../../i18n/text.js';
import { createDnsClient } from '../../dns/index.js';
import { loadDnsblLists } from '../../domain/cli-shared.js';
import { lookupViaDns } from '../../probe/lookup.js';
import { defaultDbPath, parseWatchConfig, resolveConfigPaths, WatchConfigError, type WatchConfig } from '../../watch/config.js';
import { runWatchPass, type WatchRunOptions } from '../../watch/run.js';
import { runWatchDaemon } from '../../watch/daemon.js';
import { watchHistoryReport } from '../../watch/history.js';
import { isPostgresUrl, openWatchStore, type WatchStore } from '../../watch/store/index.js';
import { WATCH_CONFIG_TEXTS, WATCH_TEXTS } from '../../watch/texts.js';
import { InputError, parseCommand, UsageError } from '../args.js';
import { dbOption } from '../db-option.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import { emit } from '../output.js';
import type { Command } from './index.js';

const OPTIONS = {
  config: { type: 'string', short: 'c' },
  db: { type: 'string' },
  since: { type: 'string' },
  for: { type: 'string' },
  reason: { type: 'string' },
} as const;

const USAGE_EN = `Usage: mailmedic watch run --config watch.yaml [--db FILE|URL] [options]
       mailmedic watch daemon --config watch.yaml [--db FILE|URL] [options]
       mailmedic watch report --config watch.yaml [--db FILE|URL] [--since 7d] [options]
       mailmedic watch mute ITEM --config watch.yaml [--for 24h] [--reason TEXT]
       mailmedic watch unmute ITEM --config watch.yaml

Checks everything on the watch list once (domains, sending IPs, mail servers, new lines of mail logs), stores
every result, and alerts when something changed since the last pass: a problem appeared, got worse or cleared,
a record changed. Alerts go to the terminal (this report) and to the webhook and e-mail of the list's alerts.
Run it from cron or a systemd timer, or run \`watch daemon\`: the same passes on each kind's own schedule (the list's
schedule: domains 1h, ips 30m, servers 5m, logs 1m by default, ±10 % at random) until SIGTERM or Ctrl-C, which
let the pass in hand finish; an item may have its own \`every:\` (e.g. a busy server every 1m). \`watch report\`
tells from the database what changed in a period: the alerts in order and, per item, the passes, the worst and the
latest status. \`watch mute\` keeps an item's alerts in the database but sends none until the time is up (planned
work); ITEM is its key as the reports show it (domain:example.com, ip:192.0.2.1, smtp:mail.example.com:587,
log:/var/log/maillog). The history keeps results 90 days and alerts 400 by default (the list's history:
keep_results, keep_alerts); each pass removes what is older, never an item's newest result.

  -c, --config FILE   the watch list (YAML or JSON): resolver, blocklists, concurrency, schedule, domains, ips,
                      servers, logs, alerts
      --db FILE|URL   the history: a SQLite file (default: the list's name with .db, next to it) or a
                      PostgreSQL URL, postgres://user@host/db, shared by a team and the dashboard
      --since D       report: the period to look back (default 7d; e.g. 36h, 90m)
      --for D         mute: how long (default 24h; e.g. 2h, 7d)
      --reason TEXT   mute: why, shown on the dashboard

Examples:
  mailmedic watch run --config /etc/mailmedic/watch.yaml
  mailmedic watch run -c watch.yaml --db /var/lib/mailmedic/watch.db --json
  mailmedic watch report -c watch.yaml --since 24h --markdown
  mailmedic watch daemon -c watch.yaml --db postgres://mailmedic@db.example.com/mailmedic
  mailmedic watch mute smtp:mail.example.com:587 -c watch.yaml --for 2h --reason "server upgrade"`;

const USAGE_PL = `Użycie: mailmedic watch run --config watch.yaml [--db PLIK|URL] [opcje]
       mailmedic watch daemon --config watch.yaml [--db PLIK|URL] [opcje]
       mailmedic watch report --config watch.yaml [--db PLIK|URL] [--since 7d] [opcje]
       mailmedic watch mute ELEMENT --config watch.yaml [--for 24h] [--reason TEKST]
       mailmedic watch unmute ELEMENT --config watch.yaml

Jednorazowo sprawdza wszystko z listy obserwowanych (domeny, adresy IP nadawców, serwery poczty, nowe wiersze logów
poczty), zapisuje każdy wynik i powiadamia, gdy od ostatniego przebiegu coś się zmieniło: pojawił się problem,
pogorszył się albo zniknął, zmienił się rekord. Powiadomienia trafiają do terminala (ten raport) oraz na webhook
i adres e-mail z sekcji alerts listy. Uruchamiaj z crona albo timera systemd albo jako \`watch daemon\`: te same
przebiegi według harmonogramu każdego rodzaju (schedule listy: domeny 1h, ips 30m, serwery 5m, logi 1m domyślnie,
±10 % losowo) aż do SIGTERM lub Ctrl-C, które pozwalają dokończyć bieżący przebieg; element może mieć własne \`every:\`
(np. obciążony serwer co 1m). \`watch report\` pokazuje z bazy, co się zmieniło w danym okresie: powiadomienia po
kolei oraz dla każdego elementu liczbę przebiegów, najgorszy i ostatni stan. \`watch mute\` zapisuje powiadomienia
elementu w bazie, ale nie wysyła ich do upływu czasu (prace planowe); ELEMENT to jego klucz z raportów
(domain:example.com, ip:192.0.2.1, smtp:mail.example.com:587, log:/var/log/maillog). Historia przechowuje wyniki
90 dni, a powiadomienia 400 (history: keep_results, keep_alerts na liście); każdy przebieg usuwa starsze, nigdy
najnowszego wyniku elementu.

  -c, --config PLIK   lista obserwowanych (YAML albo JSON): resolver, blocklists, concurrency, schedule, domains,
                      ips, servers, logs, alerts
      --db PLIK|URL   historia: plik SQLite (domyślnie nazwa listy z .db, obok niej) albo adres PostgreSQL,
                      postgres://użytkownik@host/baza, wspólny dla zespołu i panelu
      --since D       report: okres wstecz (domyślnie 7d; np. 36h, 90m)
      --for D         mute: na jak długo (domyślnie 24h; np. 2h, 7d)
      --reason TEKST  mute: powód, widoczny w panelu

Przykłady:
  mailmedic watch run --config /etc/mailmedic/watch.yaml
  mailmedic watch run -c watch.yaml --db /var/lib/mailmedic/watch.db --json
  mailmedic watch report -c watch.yaml --since 24h --markdown
  mailmedic watch daemon -c watch.yaml --db postgres://mailmedic@db.example.com/mailmedic
  mailmedic watch mute smtp:mail.example.com:587 -c watch.yaml --for 2h --reason "aktualizacja serwera"`;

function readFileText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** A look-back or mute length: "7d", "36h", "90m". */
function ageOption(name: 'since' | 'for', value: unknown, dflt: string): number {
  const raw = typeof value === 'string' ? value : dflt;
  const m = /^\s*(\d{1,6})\s*(d|h|m)\s*$/i.exec(raw);
  if (!m) throw new UsageError(USAGE_TEXTS.watchSince, { name, value: raw });
  return Number(m[1]) * { d: 86_400_000, h: 3_600_000, m: 60_000 }[m[2]!.toLowerCase() as 'd' | 'h' | 'm'];
}

/** The watch list read and checked, with the outside world its passes need (DNS, CA files, blocklists). */
function loadSetup(configPath: string): { cfg: WatchConfig; deps: () => WatchRunOptions['deps'] } {
  let cfg: WatchConfig;
  try {
    cfg = resolveConfigPaths(parseWatchConfig(readFileText(configPath), configPath), dirname(resolve(configPath)));
  } catch (e) {
    // The watch list's own errors are bilingual already (src/watch/texts.ts), the key at fault named.
    if (e instanceof WatchConfigError) { const text = e.text; throw new InputError(text, EXIT.dataError); }
    throw e;
  }
  // A password_env that is not set is a mistake in how the watcher is started: say so before any check runs.
  const envs: [string, string | undefined][] = [
    ...cfg.servers.map((s, i): [string, string | undefined] => [`servers[${i}].password_env`, s.passwordEnv]),
    ['alerts.email.password_env', cfg.alerts.email?.passwordEnv],
  ];
  for (const [key, name] of envs) {
    if (!name || process.env[name] !== undefined) continue;
    const text = new WatchConfigError(key, WATCH_CONFIG_TEXTS.passwordEnvUnset, { name }).text;
    throw new InputError(text, EXIT.usage);
  }
  const caFiles: Record<string, string> = {};
  for (const s of cfg.servers) if (s.ca) caFiles[s.ca] = readFileText(s.ca);
  const mailCa = cfg.alerts.email?.ca ? readFileText(cfg.alerts.email.ca) : undefined;
  const lists = cfg.blocklists ? loadDnsblLists(cfg.blocklists) : undefined;
  // A DNS client per pass: a client keeps the answers it got, and a watcher must see today's records.
  const deps = () => {
    const dns = createDnsClient(cfg.resolver ? { server: cfg.resolver } : {});
    return {
      dns,
      ...(cfg.resolver ? { net: { lookup: lookupViaDns(dns) } } : {}),
      ...(lists ? { dnsblLists: lists } : {}),
      caFiles,
      ...(mailCa ? { email: { ca: mailCa } } : {}),
    };
  };
  return { cfg, deps };
}

/** `watch mute ITEM` / `watch unmute ITEM`, said back as a one-finding report. */
async function muteCommand(store: WatchStore, sub: 'mute' | 'unmute', item: string, forMs: number, reason: unknown): Promise<Report> {
  const now = new Date();
  if (sub === 'unmute') {
    await store.unmute(item);
    return makeReport('watch unmute', item, [{ check: 'watch.mute', status: 'ok', subject: item, summary: fill(WATCH_TEXTS.unmuted, { item }) }]);
  }
  const until = new Date(now.getTime() + forMs).toISOString();
  await store.mute(item, until, typeof reason === 'string' ? reason.slice(0, 500) : undefined, now.toISOString());
  return makeReport('watch mute', item, [{ check: 'watch.mute', status: 'info', subject: item, summary: fill(WATCH_TEXTS.muted, { item, until }), data: { item, until } }]);
}

export const command: Command = {
  describe: {
    en: 'watch domains, IPs, servers and logs: store every result, alert on changes',
    pl: 'obserwuj domeny, IP, serwery i logi: zapisuj wyniki, powiadamiaj o zmianach',
  },
  usage: { en: USAGE_EN, pl: USAGE_PL },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, OPTIONS);
    const [sub, ...extra] = positionals;
    const takesItem = sub === 'mute' || sub === 'unmute';
    if (!['run', 'report', 'daemon', 'mute', 'unmute'].includes(sub ?? '') || extra.length !== (takesItem ? 1 : 0)) throw new UsageError(USAGE_TEXTS.watchSubcommand);
    if (typeof v.config !== 'string') throw new UsageError(USAGE_TEXTS.watchNoConfig);
    const configPath = v.config;
    const db = typeof v.db === 'string' ? dbOption(v.db) : defaultDbPath(configPath);
    if (sub === 'report' || takesItem) {
      // Options first (a usage error, 64), then the list (65/66), then the database.
      const ms = sub === 'report' ? ageOption('since', v.since, '7d') : sub === 'mute' ? ageOption('for', v.for, '24h') : 0;
      // The list must exist and be valid (it names the default database), though these read only the database.
      try { parseWatchConfig(readFileText(configPath), configPath); } catch (e) {
        if (e instanceof WatchConfigError) { const text = e.text; throw new InputError(text, EXIT.dataError); }
        throw e;
      }
      // No database yet means no pass has run: say so (exit 66) rather than make an empty one.
      if (!isPostgresUrl(db) && !existsSync(db)) throw Object.assign(new Error(`no such file: ${db}`), { code: 'ENOENT', path: db });
      const store = await openWatchStore(db);
      try {
        if (sub === 'report') return emit(await watchHistoryReport(store, new Date(Date.now() - ms)), common);
        return emit(await muteCommand(store, sub as 'mute' | 'unmute', extra[0]!, ms, v.reason), common);
      } finally {
        await store.close();
      }
    }
    let setup = loadSetup(configPath);
    const store = await openWatchStore(db);
    try {
      if (sub === 'daemon') {
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        try {
          // The list is read again when the file changes (an edit, the dashboard's save): a list that no longer
          // reads is said on stderr and the daemon goes on with the one it has.
          const seen = () => { try { const st = statSync(configPath); return `${st.mtimeMs}:${st.size}`; } catch { return ''; } };
          let stamp = seen();
          const reload = () => {
            const now = seen();
            if (now === stamp || !now) return undefined;
            stamp = now;
            try { setup = loadSetup(configPath); return setup.cfg; } catch (e) {
              const why = e instanceof InputError ? e.text : { en: String((e as Error).message), pl: String((e as Error).message) };
              process.stderr.write(`mailmedic watch: ${pick(fill(WATCH_TEXTS.reloadFailed, { why }), common.lang)}\n`);
              return undefined;
            }
          };
          // Each pass with alerts prints its report; a quiet pass prints nothing (journald stays readable).
          await runWatchDaemon({ config: setup.cfg, store, lang: common.lang, deps: () => setup.deps(), signal: stop.signal, reload, onPass: (r) => {
            if (r.alerts.length) emit(r.report, common);
          } });
        } finally {
          process.off('SIGTERM', onSignal);
          process.off('SIGINT', onSignal);
        }
        return EXIT.ok;
      }
      const { report } = await runWatchPass({ config: setup.cfg, store, lang: common.lang, deps: setup.deps() });
      return emit(report, common);
    } finally {
      await store.close();
    }
  },
};
