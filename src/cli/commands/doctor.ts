import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { EXIT } from '../../core/finding.js';
import { fill, pick } from '../../i18n/text.js';
import { UI } from '../../i18n/ui.js';
import { DOCTOR_CASES, caseById } from '../../doctor/cases/index.js';
import { AnswersError, parseDoctorAnswers, parseDoctorAnswersJson } from '../../doctor/answers.js';
import { runDoctor, type DoctorProgress } from '../../doctor/engine.js';
import { customDnsblList } from '../../doctor/checks/domain.js';
import { QuestionAborted, QuestionIO, interview } from '../../doctor/interactive.js';
import { DOCTOR_TEXT } from '../../doctor/texts.js';
import { renderDoctorTerminal } from '../../doctor/terminal.js';
import type { DoctorAnswers } from '../../doctor/types.js';
import type { Format } from '../../report/options.js';
import { durationOption, numberOption, parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import { emit, useColor } from '../output.js';
import type { Command } from './index.js';

const OPTIONS = {
  case: { type: 'string' },
  answers: { type: 'string' },
  address: { type: 'string' },
  client: { type: 'string' },
  error: { type: 'string' },
  bounce: { type: 'string' },
  'sent-at': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  method: { type: 'string' },
  server: { type: 'string' },
  port: { type: 'string' },
  security: { type: 'string' },
  protocol: { type: 'string' },
  user: { type: 'string' },
  'imap-server': { type: 'string' },
  'imap-port': { type: 'string' },
  'imap-user': { type: 'string' },
  ip: { type: 'string' },
  domain: { type: 'string' },
  log: { type: 'string' },
  'sent-today': { type: 'string' },
  'sent-last-hour': { type: 'string' },
  resolver: { type: 'string' },
  // The old name of --resolver, still accepted (not shown in the help).
  dns: { type: 'string' },
  dnsbl: { type: 'string', multiple: true },
  queue: { type: 'string' },
  'postfix-config': { type: 'string' },
  ca: { type: 'string' },
  timeout: { type: 'string' },
  'no-interactive': { type: 'boolean' },
  'list-cases': { type: 'boolean' },
  progress: { type: 'boolean' },
} as const;

const USAGE_EN = `Usage: mailmedic doctor [options]

Guided troubleshooting of the seven cases of mail that is not sent or received. On a terminal it asks one
question at a time (arrow keys; paste a multi-line error whole); with --answers or flags it runs without
questions (help desks, scripts).

Cases (--case): ${DOCTOR_CASES.map((c) => c.id).join(', ')}

  --answers FILE        answers as JSON (keys: case, address, client, error, bounceFile, sentAt, from, to,
                        method, server{protocol,host,port,security,user,password}, incoming{…}, ip, domain,
                        logFile, sentToday, sentLastHour, webmailProblem)
  --address A --client "Thunderbird 128" --error TEXT --bounce FILE.eml --sent-at WHEN --from A --to A
  --server HOST[:PORT] --security tls|starttls|none --protocol smtp|imap|pop3 --user LOGIN
                        (the password comes from MAILMEDIC_PASSWORD, never from a flag)
  --imap-server HOST[:PORT] --imap-user LOGIN   (Spam folder look-up; password from MAILMEDIC_IMAP_PASSWORD)
  --ip IP --domain D --log FILE --sent-today N --sent-last-hour N
  --queue FILE|live     the mail queue: a saved listing (postqueue -j, mailq), or "live" to read this server's
  --postfix-config DIR  Postfix configuration directory for --queue live (postqueue -c)
  --resolver HOST:PORT  DNS server to ask        --ca FILE   trust this CA for TLS tests
  --dnsbl ZONE          ask this blocklist zone instead of the default set (repeatable)
  --timeout TIME        per network operation (10s, 500ms; a bare number is ms)    --no-interactive   never ask
  --list-cases          list the cases           --progress   show progress even when stderr is not a terminal
  --output report.md|report.html|report.json   the support report (format from the extension or --json/--markdown/--html);
                        the summary is shown on the terminal too`;

const USAGE_PL = `Użycie: mailmedic doctor [opcje]

Prowadzona diagnoza siedmiu przypadków z poradnika. W terminalu zadaje pytania jedno po drugim (wybór strzałkami);
z --answers lub flagami działa bez pytań (helpdesk, skrypty).

Przypadki (--case): ${DOCTOR_CASES.map((c) => c.id).join(', ')}

  --answers PLIK        odpowiedzi w JSON (klucze jak wyżej w wersji angielskiej: case, address, client, error,
                        bounceFile, sentAt, from, to, method, server{…}, incoming{…}, ip, domain, logFile, …)
  --address A --client "Thunderbird 128" --error TEKST --bounce PLIK.eml --sent-at KIEDY --from A --to A
  --server HOST[:PORT] --security tls|starttls|none --protocol smtp|imap|pop3 --user LOGIN
                        (hasło tylko ze zmiennej MAILMEDIC_PASSWORD, nigdy z flagi)
  --imap-server HOST[:PORT] --imap-user LOGIN   (folder Spam; hasło z MAILMEDIC_IMAP_PASSWORD)
  --ip IP --domain D --log PLIK --sent-today N --sent-last-hour N
  --queue PLIK|live     kolejka poczty: zapisana lista (postqueue -j, mailq) albo „live”, by odczytać kolejkę tego serwera
  --postfix-config KAT  katalog konfiguracji Postfiksa dla --queue live (postqueue -c)
  --resolver HOST:PORT  serwer DNS               --ca PLIK   zaufany urząd certyfikacji dla testów TLS
  --dnsbl STREFA        pytaj tę czarną listę (DNSBL) zamiast domyślnych (można powtórzyć)
  --timeout CZAS        limit czasu operacji (10s, 500ms; sama liczba to ms)     --no-interactive   bez pytań
  --list-cases          lista przypadków         --progress   postęp także poza terminalem
  --output raport.md|raport.html|raport.json   raport dla pomocy technicznej (format z rozszerzenia lub flagi);
                        podsumowanie widać też w terminalu`;

function hostPort(s: string): { host: string; port?: number } {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(s) ?? /^([^:]+)(?::(\d+))?$/.exec(s);
  if (!m) return { host: s };
  return { host: m[1]!, ...(m[2] ? { port: Number(m[2]) } : {}) };
}

function formatFromExtension(path: string): Format | undefined {
  const e = extname(path).toLowerCase();
  return e === '.md' || e === '.markdown' ? 'markdown' : e === '.html' || e === '.htm' ? 'html' : e === '.json' ? 'json' : undefined;
}

export const command: Command = {
  describe: { en: 'guided troubleshooting, one question at a time, with a report for support', pl: 'prowadzona diagnoza krok po kroku z raportem dla pomocy technicznej' },
  usage: { en: USAGE_EN, pl: USAGE_PL },
  async run(argv) {
    const { values: v, common } = parseCommand(argv, OPTIONS);
    const lang = common.lang;
    if (v['list-cases']) {
      for (const c of DOCTOR_CASES) process.stdout.write(`${c.id.padEnd(15)} ${c.seedNumber}. ${pick(c.title, lang)}\n`);
      return EXIT.ok;
    }
    let answers: DoctorAnswers = {};
    try {
      if (typeof v.answers === 'string') answers = parseDoctorAnswersJson(await readFile(v.answers, 'utf8'));
      const flags: Record<string, unknown> = {
        case: v.case, address: v.address, client: v.client, error: v.error, bounceFile: v.bounce, sentAt: v['sent-at'],
        from: v.from, to: v.to, method: v.method, ip: v.ip, domain: v.domain, logFile: v.log, queueFile: v.queue,
        sentToday: v['sent-today'], sentLastHour: v['sent-last-hour'],
      };
      if (typeof v.server === 'string') {
        flags.server = { ...hostPort(v.server), ...(v.port ? { port: v.port } : {}), security: v.security, protocol: v.protocol, user: v.user,
          password: process.env.MAILMEDIC_PASSWORD };
      }
      if (typeof v['imap-server'] === 'string') {
        flags.incoming = { ...hostPort(v['imap-server']), ...(v['imap-port'] ? { port: v['imap-port'] } : {}), user: v['imap-user'],
          password: process.env.MAILMEDIC_IMAP_PASSWORD, protocol: 'imap' };
      }
      const fromFlags = parseDoctorAnswers(flags);
      answers = { ...answers, ...fromFlags, ...(fromFlags.server || answers.server ? { server: { ...answers.server, ...fromFlags.server } } : {}),
        ...(fromFlags.incoming || answers.incoming ? { incoming: { ...answers.incoming, ...fromFlags.incoming } } : {}) };
    } catch (e) {
      if (e instanceof AnswersError) {
        const text = e.text; // the doctor's own bilingual text: which key, what it must be
        throw new UsageError(text, {}, e);
      }
      throw e;
    }
    if (answers.case && !caseById(answers.case)) throw new UsageError(USAGE_TEXTS.doctorUnknownCase, { id: answers.case });

    const interactive = !v['no-interactive'] && typeof v.answers !== 'string' && process.stdin.isTTY === true;
    if (interactive) {
      const io = new QuestionIO(process.stdin, process.stderr, { lang, ansi: process.stderr.isTTY === true });
      try {
        await interview(io, answers, lang);
      } catch (e) {
        if (e instanceof QuestionAborted) return 130;
        throw e;
      } finally {
        io.close();
      }
    }
    if (!answers.case) throw new UsageError(USAGE_TEXTS.doctorNoCase);

    const showProgress = Boolean(v.progress) || process.stderr.isTTY === true;
    const onProgress = showProgress ? (p: DoctorProgress) => {
      if (p.type === 'start') process.stderr.write(`  … ${pick(fill(DOCTOR_TEXT.progress.start, { title: pick(p.title, lang) }), lang)}\n`);
      else process.stderr.write(`  ${pick(fill(DOCTOR_TEXT.progress.done, { status: pick(UI.status[p.status], lang), title: pick(p.title, lang), ms: p.ms }), lang)}\n`);
    } : undefined;
    const report = await runDoctor(answers.case, answers, {
      lang,
      deps: {
        ...(typeof (v.resolver ?? v.dns) === 'string' ? { dnsServer: String(v.resolver ?? v.dns) } : {}),
        // The CLI runs on the user's machine: "live" may read this machine's queue (the web app never does).
        liveQueue: typeof v['postfix-config'] === 'string' ? { configDir: v['postfix-config'] } : {},
        ...(typeof v.ca === 'string' ? { caFile: v.ca } : {}),
        ...(Array.isArray(v.dnsbl) ? { dnsblLists: v.dnsbl.map((z) => customDnsblList(String(z))) } : {}),
        ...(v.timeout !== undefined ? { timeoutMs: durationOption('timeout', v.timeout, 10_000, 'ms', 1, 600_000) } : {}),
      },
      ...(onProgress ? { onProgress } : {}),
    });
    const flags = { ...common };
    const explicitFormat = argv.some((a) => /^--(json|markdown|html|csv|format)\b/.test(a));
    if (common.output && !explicitFormat) flags.format = formatFromExtension(common.output) ?? 'markdown';
    const terminalView = flags.format === 'terminal' && !flags.verbose && !common.output;
    const color = useColor({ ...(flags.color !== undefined ? { color: flags.color } : {}) });
    const code = emit(report, flags, terminalView ? renderDoctorTerminal(report, { lang, color, width: process.stdout.columns || 80 }) : undefined);
    if (common.output) {
      // The file is for support; the person at the terminal still sees what was found.
      process.stdout.write(renderDoctorTerminal(report, { lang, color, width: process.stdout.columns || 80 }));
      process.stderr.write(`${lang === 'pl' ? 'Raport zapisano w' : 'Report written to'} ${common.output}\n`);
    }
    return code;
  },
};
