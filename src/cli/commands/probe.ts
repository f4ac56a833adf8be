import { readFileSync } from 'node:fs';
import { createDnsClient } from '../../dns/index.js';
import { render } from '../../report/index.js';
import { DEFAULT_PORTS, probeMany, type AnyProbeOptions } from '../../probe/many.js';
import { lookupViaDns } from '../../probe/lookup.js';
import { formatTranscript, type Protocol, type TlsMode } from '../../probe/common.js';
import type { NetDeps } from '../../probe/connection.js';
import { maskSecrets, passwordForms } from '../../core/secrets.js';
import type { SmtpAuthMechanism } from '../../probe/smtp.js';
import { durationOption, numberOption, parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import { emit, readStdin, useColor } from '../output.js';
import type { Command } from './index.js';

const OPTIONS = {
  port: { type: 'string', short: 'p', multiple: true },
  tls: { type: 'string' },
  user: { type: 'string', short: 'u' },
  'password-env': { type: 'string' },
  'password-stdin': { type: 'boolean' },
  auth: { type: 'string' },
  helo: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string', multiple: true },
  send: { type: 'boolean' },
  'relay-test': { type: 'boolean' },
  transcript: { type: 'boolean', short: 't' },
  concurrency: { type: 'string' },
  'timeout-connect': { type: 'string' },
  'timeout-banner': { type: 'string' },
  'timeout-command': { type: 'string' },
  'timeout-tls': { type: 'string' },
  ca: { type: 'string' },
  'local-address': { type: 'string' },
  // The old name of --resolver, still accepted (not shown in the help).
  'dns-server': { type: 'string' },
  // The name `domain` and `spf` use for the same thing.
  resolver: { type: 'string' },
} as const;

const USAGE_EN = `Usage: mailmedic probe smtp|imap|pop3 <host>[:port[:tls]] [<host>[:port[:tls]] …] [options]

Tests a live mail server the way a mail program talks to it and says in one sentence what is wrong.
Without --port, SMTP tries 587, 465 and 25; IMAP 993 and 143; POP3 995 and 110 (each reported).

  -p, --port N            port to test (repeatable)
      --tls MODE          implicit (SSL/TLS), starttls, none, auto (default: by port; STARTTLS when offered)
  -u, --user NAME         log in as NAME (the password never appears in any output)
      --password-env VAR  read the password from environment variable VAR
      --password-stdin    read the password from standard input (first line)
                          (with --user and neither of these, a terminal prompt asks without echo)
      --auth MECH         SMTP login method: PLAIN, LOGIN or CRAM-MD5 (default: the strongest offered)
      --helo NAME         name to send in EHLO (default mailmedic.invalid)
      --from ADDR         SMTP: test MAIL FROM with this sender (no message is sent)
      --to ADDR           SMTP: test RCPT TO for this recipient (repeatable)
      --send              SMTP: really send a short test message from --from to the first --to
      --relay-test        SMTP: check whether the named host relays to an outside domain without login
  -t, --transcript        show the whole conversation (like swaks), passwords hidden
      --concurrency N     at most N connections at once (default 4)
      --timeout-connect S, --timeout-banner S, --timeout-command S, --timeout-tls S
                          seconds for each phase (defaults 10, 30, 30, 15)
      --ca FILE           also trust the CA certificate(s) in FILE (PEM)
      --local-address IP  connect from this local address
      --resolver IP[:PORT]    resolve host names with this DNS server instead of the system's

Examples:
  mailmedic probe smtp mail.example.com
  mailmedic probe smtp mail.example.com -p 587 -u me@example.com --password-env MAILPASS --transcript
  mailmedic probe imap imap.example.com -u me@example.com --password-stdin < pass.txt`;

const USAGE_PL = `Użycie: mailmedic probe smtp|imap|pop3 <serwer>[:port[:tls]] [<serwer>[:port[:tls]] …] [opcje]

Sprawdza działający serwer poczty tak, jak łączy się z nim program pocztowy, i jednym zdaniem mówi, co jest nie tak.
Bez --port SMTP próbuje portów 587, 465 i 25; IMAP 993 i 143; POP3 995 i 110 (wynik dla każdego).

  -p, --port N            port do sprawdzenia (można powtarzać)
      --tls TRYB          implicit (SSL/TLS), starttls, none, auto (domyślnie wg portu; STARTTLS, gdy dostępny)
  -u, --user NAZWA        zaloguj się jako NAZWA (hasło nigdy nie pojawia się w wynikach)
      --password-env ZM   hasło ze zmiennej środowiskowej ZM
      --password-stdin    hasło ze standardowego wejścia (pierwsza linia)
                          (z --user i bez powyższych program zapyta o hasło bez wyświetlania go)
      --auth METODA       metoda logowania SMTP: PLAIN, LOGIN albo CRAM-MD5 (domyślnie najmocniejsza dostępna)
      --helo NAZWA        nazwa w EHLO (domyślnie mailmedic.invalid)
      --from ADRES        SMTP: sprawdź MAIL FROM z tym nadawcą (bez wysyłania wiadomości)
      --to ADRES          SMTP: sprawdź RCPT TO dla tego odbiorcy (można powtarzać)
      --send              SMTP: naprawdę wyślij krótką wiadomość testową z --from do pierwszego --to
      --relay-test        SMTP: sprawdź, czy wskazany serwer przekazuje pocztę do obcej domeny bez logowania
  -t, --transcript        pokaż całą rozmowę (jak swaks), z ukrytymi hasłami
      --concurrency N     najwyżej N połączeń naraz (domyślnie 4)
      --timeout-connect S, --timeout-banner S, --timeout-command S, --timeout-tls S
                          sekundy na każdy etap (domyślnie 10, 30, 30, 15)
      --ca PLIK           ufaj także certyfikatom CA z PLIKU (PEM)
      --local-address IP  łącz się z tego adresu lokalnego
      --resolver IP[:PORT]    tłumacz nazwy tym serwerem DNS zamiast systemowego

Przykłady:
  mailmedic probe smtp mail.example.com
  mailmedic probe smtp mail.example.com -p 587 -u ja@example.com --password-env HASLO --transcript
  mailmedic probe imap imap.example.com -u ja@example.com --password-stdin < haslo.txt`;

const PROTOCOLS: readonly Protocol[] = ['smtp', 'imap', 'pop3'];
const TLS_MODES: readonly TlsMode[] = ['implicit', 'starttls', 'none', 'auto'];
const TLS_ALIASES: Record<string, TlsMode> = { ssl: 'implicit', tls: 'implicit', implicit: 'implicit', starttls: 'starttls', none: 'none', plain: 'none', auto: 'auto' };

/** Read a password from the terminal without echoing it. */
async function promptPassword(prompt: string): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) throw new UsageError(USAGE_TEXTS.probeNoTerminal);
  // Raw mode (no echo) first, then the prompt: typing right after the prompt appears must not echo.
  stdin.setRawMode(true);
  stdin.resume();
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let pw = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') { done(); resolve(pw); return; }
        if (ch === '\u0003') { done(); reject(new UsageError(USAGE_TEXTS.probeCancelled)); return; }
        if (ch === '\u007f' || ch === '\b') pw = pw.slice(0, -1);
        else pw += ch;
      }
    };
    const done = () => { stdin.off('data', onData); stdin.setRawMode(false); stdin.pause(); process.stderr.write('\n'); };
    stdin.on('data', onData);
  });
}

function seconds(name: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  return durationOption(name, raw, 0, 's', 50, 3_600_000);
}

export const command: Command = {
  describe: {
    en: 'test a live SMTP/IMAP/POP3 server: ports, TLS, certificate, login, folders',
    pl: 'sprawdź działający serwer SMTP/IMAP/POP3: porty, TLS, certyfikat, logowanie, foldery',
  },
  usage: { en: USAGE_EN, pl: USAGE_PL },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, OPTIONS);
    const [proto, ...hosts] = positionals;
    if (!proto || !PROTOCOLS.includes(proto as Protocol)) throw new UsageError(USAGE_TEXTS.probeProtocol);
    if (!hosts.length) throw new UsageError(USAGE_TEXTS.probeNoHost);
    const protocol = proto as Protocol;
    const tls = (v.tls as string | undefined) ?? 'auto';
    if (!TLS_MODES.includes(tls as TlsMode)) throw new UsageError(USAGE_TEXTS.probeTls);
    const auth = (v.auth as string | undefined)?.toUpperCase();
    if (auth && !['PLAIN', 'LOGIN', 'CRAM-MD5'].includes(auth)) throw new UsageError(USAGE_TEXTS.probeAuth);
    const user = v.user as string | undefined;
    let password: string | undefined;
    if (v['password-env']) {
      password = process.env[v['password-env'] as string];
      if (password === undefined) throw new UsageError(USAGE_TEXTS.probeEnvUnset, { name: String(v['password-env']) });
    } else if (v['password-stdin']) {
      password = (await readStdin(64 * 1024)).toString('utf8').split(/\r?\n/)[0];
    } else if (user) {
      password = await promptPassword(common.lang === 'pl' ? `Hasło dla ${user}: ` : `Password for ${user}: `);
    }
    // An empty password would silently skip the login test ("no password given"): say so instead.
    if (user && password === '') throw new UsageError(USAGE_TEXTS.probeEmptyPassword);
    const ports = ((v.port as string[] | undefined) ?? []).map((p) => numberOption('port', p, 0, 1, 65535));
    const timeouts = Object.fromEntries(
      (['connect', 'banner', 'command', 'tls'] as const).map((k) => [k, seconds(`timeout-${k}`, v[`timeout-${k}`])]).filter(([, x]) => x !== undefined),
    );
    const ca = v.ca ? readFileSync(v.ca as string, 'utf8') : undefined;
    const targets: AnyProbeOptions[] = [];
    for (const h of hosts) {
      // host, host:port or host:port:tls (tls = ssl|implicit|starttls|none|auto), like settings' --smtp host:port:tls
      const v6 = /^\[([0-9A-Fa-f:.]{2,45})\](?::(\d{1,5}))?(?::([a-z]{1,10}))?$/i.exec(h);
      const parts = v6 ? [v6[1]!, ...(v6[2] ? [v6[2]] : []), ...(v6[3] ? [v6[3]] : [])] : h.split(':');
      const hostTls = parts.length === 3 ? TLS_ALIASES[parts[2]!.toLowerCase()] : undefined;
      if (parts.length > 3 || (parts.length === 3 && !hostTls)) throw new UsageError(USAGE_TEXTS.probeHostSpec, { value: h });
      const [name, portText] = parts;
      if (!name || name.length > 253 || !(v6 ? /^[0-9A-Fa-f:.]+$/ : /^[A-Za-z0-9._-]+$/).test(name)) throw new UsageError(USAGE_TEXTS.probeHostName, { value: h });
      const hostPorts = portText ? [numberOption('port', portText, 0, 1, 65535)] : ports.length ? ports : DEFAULT_PORTS[protocol];
      for (const port of hostPorts) {
        targets.push({
          host: name, port, tls: hostTls ?? (tls as TlsMode), timeouts,
          ...(user ? { user } : {}), ...(password !== undefined ? { password } : {}),
          ...(auth ? { authMechanism: auth as SmtpAuthMechanism } : {}),
          ...(v.helo ? { helo: v.helo as string } : {}),
          ...(v.from !== undefined ? { mailFrom: v.from as string } : {}),
          ...(v.to ? { rcptTo: v.to as string[] } : {}),
          ...(v.send ? { send: true } : {}),
          ...(v['relay-test'] ? { relayTest: true } : {}),
          ...(ca ? { ca } : {}),
          ...(v['local-address'] ? { localAddress: v['local-address'] as string } : {}),
        });
      }
    }
    if (targets.length > 1000) throw new UsageError(USAGE_TEXTS.probeTooMany, { max: 1000 });
    if (v.send && (v.from === undefined || !v.to)) throw new UsageError(USAGE_TEXTS.probeSendNeeds);
    const deps: NetDeps = {};
    const dnsServer = (v.resolver ?? v['dns-server']) as string | undefined;
    if (dnsServer) deps.lookup = lookupViaDns(createDnsClient({ server: dnsServer }));
    const concurrency = numberOption('concurrency', v.concurrency, 4, 1, 256);
    const { report, results } = await probeMany({ protocol, targets, concurrency, transcript: Boolean(v.transcript) }, deps);
    if (v.transcript && common.format === 'terminal') {
      const secrets = passwordForms(user, password);
      const color = useColor(common);
      // In the terminal the transcript reads best as swaks-style text, not as evidence lines.
      const slim = { ...report, findings: report.findings.filter((f) => !f.check.endsWith('.transcript')) };
      let text = render(slim, 'terminal', { lang: common.lang, color, verbose: common.verbose, width: process.stdout.columns || 80 });
      for (const r of results) text += `\n=== ${r.host}:${r.port} ===\n${formatTranscript(r.transcript)}\n`;
      return emit(report, common, maskSecrets(text, secrets));
    }
    return emit(report, common);
  },
};
