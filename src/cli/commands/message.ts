import { open } from 'node:fs/promises';
import { EXIT } from '../../core/finding.js';
import { isIP } from 'node:net';
import { analyzeMessage, hopTable, makeMessageResolver, messageReport, parseResolverAddress, renderHopTimelineHtml, MAX_MESSAGE_BYTES } from '../../message/index.js';
import { renderCsv } from '../../report/csv.js';
import { render } from '../../report/index.js';
import { durationOption, InputError, numberOption, parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import { emit, readStdin } from '../output.js';
import type { Command } from './index.js';

/** The first MAX_MESSAGE_BYTES + 1 bytes of a file (one more, so the analysis can say it was cut). */
async function readFileBounded(file: string): Promise<Buffer> {
  let fh;
  try {
    fh = await open(file, 'r');
    const st = await fh.stat();
    if (st.isDirectory()) throw new InputError(USAGE_TEXTS.messageDirectory, 66, { file });
    if (st.isFile() && st.size === 0) return Buffer.alloc(0);
    // Pipes and devices report size 0: read up to the limit.
    const buf = Buffer.alloc(Math.min(st.isFile() ? st.size : MAX_MESSAGE_BYTES + 1, MAX_MESSAGE_BYTES + 1));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    if ((e as { code?: string }).code === 'EISDIR') throw new InputError(USAGE_TEXTS.messageDirectory, 66, { file });
    throw e;
  } finally {
    await fh?.close();
  }
}

async function readStdinBounded(): Promise<Buffer> {
  try {
    return await readStdin(MAX_MESSAGE_BYTES + 1);
  } catch (e) {
    if (typeof (e as { limit?: unknown }).limit === 'number') throw new InputError(USAGE_TEXTS.messageTooBig, 65, { limit: MAX_MESSAGE_BYTES + 1, max: MAX_MESSAGE_BYTES });
    throw Object.assign(new Error(`${(e as Error).message}: give at most ${MAX_MESSAGE_BYTES} bytes (the headers are enough)`), { exitCode: 65 });
  }
}

export const command: Command = {
  describe: {
    en: 'read a delivered message\'s headers: its path and delays, SPF/DKIM/DMARC, spam verdicts, and why it went to spam',
    pl: 'czyta nagłówki doręczonej wiadomości: trasę i opóźnienia, SPF/DKIM/DMARC, werdykty antyspamowe i dlaczego trafiła do spamu',
  },
  usage: {
    en: `mailmedic message <file.eml | -> [--verify [--resolver ip[:port]] [--ip ADDRESS] [--dnsbl ZONE]] [--quoted] [--json|--markdown|--html|--csv] [--lang en|pl]

Reads a delivered message (the whole source, or the headers alone) and explains:
  the path: every Received hop with protocol, TLS, time and the delay between hops, and in plain words where a delay happened;
  authentication: Authentication-Results, ARC, DKIM-Signature — SPF, DKIM, DMARC and their alignment with From;
  identity: From vs Return-Path vs Sender vs Reply-To vs DKIM d=, Message-ID, Date;
  spam verdicts: SpamAssassin, rspamd, Microsoft 365 (SFV, CAT, SCL, BCL), Gmail and others, rule by rule;
  and the findings that most likely sent it to spam, with what the sender can fix.
  --verify             also check DKIM signatures (body hash, signature, key from DNS), SPF for the connecting IP
                       of the receiving hop and DMARC yourself (mailauth), and compare with the receiver's verdict
  --resolver ip[:port] the DNS server --verify asks (only that one); default: the system's resolvers
  --ip ADDRESS         the connecting IP for SPF, when the Received headers do not show it
  --dnsbl ZONE         also ask this DNS block list about the sending IP (repeat, or comma-separated)
  --timeout TIME       limit for --verify: 20s, 1m … (default 20s; a bare number is seconds)
  --quoted             analyse the original message quoted inside a bounce
  --csv                one row per hop (the path table)`,
    pl: `mailmedic message <plik.eml | -> [--verify [--resolver ip[:port]] [--ip ADRES] [--dnsbl STREFA]] [--quoted] [--json|--markdown|--html|--csv] [--lang en|pl]

Czyta doręczoną wiadomość (całe źródło albo same nagłówki) i wyjaśnia:
  trasę: każdy etap (nagłówek Received) z protokołem, TLS, czasem i opóźnieniem między etapami, a prostymi słowami — gdzie powstało opóźnienie;
  uwierzytelnienie: Authentication-Results, ARC, DKIM-Signature — SPF, DKIM, DMARC i ich wyrównanie (alignment) z From;
  tożsamość: From w porównaniu z Return-Path, Sender, Reply-To i d= z DKIM; Message-ID, Date;
  werdykty antyspamowe: SpamAssassin, rspamd, Microsoft 365 (SFV, CAT, SCL, BCL), Gmail i inne, reguła po regule;
  oraz to, co najpewniej skierowało ją do spamu, z tym, co nadawca może poprawić.
  --verify             dodatkowo samodzielnie sprawdza podpisy DKIM (skrót treści, podpis, klucz z DNS), SPF dla adresu IP
                       etapu przyjmującego i DMARC (mailauth) oraz porównuje z werdyktem odbiorcy
  --resolver ip[:port] serwer DNS, o który pyta --verify (tylko ten); domyślnie serwery DNS systemu
  --ip ADRES           adres IP, z którego nawiązano połączenie, dla SPF — gdy nagłówki Received go nie pokazują
  --dnsbl STREFA       pyta też tę listę blokad DNS o adres IP nadawcy (można powtórzyć lub podać po przecinku)
  --timeout CZAS       limit czasu dla --verify: 20s, 1m … (domyślnie 20s; sama liczba to sekundy)
  --quoted             analizuje oryginalną wiadomość zacytowaną w zwrocie (bounce)
  --csv                jeden wiersz na etap (tabela trasy)`,
  },
  async run(argv) {
    const { values, positionals, common } = parseCommand(argv, {
      verify: { type: 'boolean' }, resolver: { type: 'string' }, dnsbl: { type: 'string', multiple: true }, ip: { type: 'string' }, quoted: { type: 'boolean' }, timeout: { type: 'string' },
    });
    if (positionals.length !== 1) throw new UsageError(USAGE_TEXTS.messageOneFile);
    const file = positionals[0]!;
    if ((values.resolver || values.ip || values.dnsbl) && !values.verify) throw new UsageError(USAGE_TEXTS.messageVerifyOnly);
    const dnsbl = (Array.isArray(values.dnsbl) ? values.dnsbl : []).flatMap((z) => String(z).split(',')).map((z) => z.trim()).filter(Boolean);
    for (const z of dnsbl) if (!/^[a-z0-9.-]{1,253}$/i.test(z)) throw new UsageError(USAGE_TEXTS.messageDnsbl, { zone: z });
    let server: string | undefined;
    if (typeof values.resolver === 'string') {
      try { server = parseResolverAddress(values.resolver).server; } catch (e) { throw new UsageError(USAGE_TEXTS.badResolver, { value: values.resolver }, e); }
    }
    if (typeof values.ip === 'string' && !isIP(values.ip)) throw new UsageError(USAGE_TEXTS.messageIp, { value: values.ip });
    const timeoutMs = durationOption('timeout', values.timeout, 20_000, 's', 1000, 600_000);
    const raw = file === '-' ? await readStdinBounded() : await readFileBounded(file);
    if (!raw.length) throw file === '-' ? new InputError(USAGE_TEXTS.emptyStdin, EXIT.usage) : new InputError(USAGE_TEXTS.emptyFile, EXIT.usage, { path: file });
    const analysis = await analyzeMessage(raw, {
      quoted: Boolean(values.quoted),
      ...(values.verify ? { verify: { resolver: makeMessageResolver({ ...(server ? { server } : {}), timeoutMs: Math.min(5000, timeoutMs) }), timeoutMs, dnsbl, ...(typeof values.ip === 'string' ? { ip: values.ip } : {}) } } : {}),
    });
    const report = messageReport(analysis, { lang: common.lang });
    if (common.format === 'csv') {
      // One row per hop: the path is the table people put in a spreadsheet.
      const t = hopTable(analysis.received, common.lang);
      return emit(report, common, renderCsv(t.columns.map((c) => c[common.lang]), t.rows));
    }
    if (common.format === 'html') {
      const html = render(report, 'html', { lang: common.lang });
      const end = html.lastIndexOf('</body>');
      return emit(report, common, `${html.slice(0, end)}${renderHopTimelineHtml(analysis.received, common.lang)}\n${html.slice(end)}`);
    }
    return emit(report, common);
  },
};
