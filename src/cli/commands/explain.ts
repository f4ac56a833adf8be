import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EXIT } from '../../core/finding.js';
import { explain, explainBytes, type ExplainOptions } from '../../explain/explain.js';
import { InputError, parseCommand, UsageError } from '../args.js';
import { USAGE_TEXTS, whyUnreadable } from '../usage-texts.js';
import { emit, readStdin } from '../output.js';
import type { Command } from './index.js';

/** The most explain reads: error texts are short; a whole log or mailbox belongs to `logs` or `bounce`. */
export const EXPLAIN_MAX_BYTES = 64 * 1024 * 1024;
const MAX_MIB = EXPLAIN_MAX_BYTES / 1024 / 1024;

function readInputFile(path: string): Buffer {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    // Read one byte past the limit (a pipe or a device has no size to ask for): more than the limit is refused.
    const st = fstatSync(fd);
    if (st.isFile() && st.size > EXPLAIN_MAX_BYTES) throw new InputError(USAGE_TEXTS.explainTooBig, EXIT.dataError, { file: path, max: MAX_MIB });
    const buf = Buffer.alloc(Math.min(st.isFile() ? st.size : EXPLAIN_MAX_BYTES + 1, EXPLAIN_MAX_BYTES + 1));
    let got = 0;
    for (let n = 1; n > 0 && got < buf.length; got += n) n = readSync(fd, buf, got, buf.length - got, null);
    if (got > EXPLAIN_MAX_BYTES) throw new InputError(USAGE_TEXTS.explainTooBig, EXIT.dataError, { file: path, max: MAX_MIB });
    return buf.subarray(0, got);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(USAGE_TEXTS.cannotRead, EXIT.noInput, { path, why: whyUnreadable(e) });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

async function readInputStdin(): Promise<Buffer> {
  try {
    return await readStdin(EXPLAIN_MAX_BYTES);
  } catch (e) {
    if (typeof (e as { limit?: unknown }).limit === 'number') throw new InputError(USAGE_TEXTS.explainTooBig, EXIT.dataError, { file: 'stdin', max: MAX_MIB });
    throw e;
  }
}

export const command: Command = {
  describe: {
    en: 'explain SMTP replies, status codes and mail error messages: what they mean and what to do',
    pl: 'wyjaśnia odpowiedzi SMTP, kody statusu i komunikaty błędów poczty: co znaczą i co zrobić',
  },
  usage: {
    en: `mailmedic explain [text…] [--file FILE] [-] [--domain D] [--ip IP] [--json|--markdown|--html|--csv] [--lang en|pl]

Finds every SMTP reply code (550), enhanced status code (5.7.26) and known error message (Gmail, Microsoft,
Yahoo, Postfix, qmail, mail programs, in English and Polish) in the text, and says for each what it means,
whose side must act, whether retrying helps and what to do next.
  text…        the text to explain (quote it); without text, or with "-", standard input is read
  --file FILE  read the text from a file (a bounce, a log excerpt, a saved error dialog)
  --domain D   your sending domain, used in the suggested commands when the text does not name it
  --ip IP      your sending IP, likewise
Exit codes: 0 nothing failed, 1 temporary problems or not recognised, 2 permanent failures found,
64 no input / usage error, 65 the input is not text, 66 the file cannot be read.`,
    pl: `mailmedic explain [tekst…] [--file PLIK] [-] [--domain D] [--ip IP] [--json|--markdown|--html|--csv] [--lang en|pl]

Znajduje w tekście każdy kod odpowiedzi SMTP (550), rozszerzony kod statusu (5.7.26) i znany komunikat błędu
(Gmail, Microsoft, Yahoo, Postfix, qmail, programy pocztowe, po angielsku i po polsku) i mówi, co znaczy,
po czyjej stronie trzeba działać, czy ponowienie pomoże i co zrobić dalej.
  tekst…       tekst do wyjaśnienia (w cudzysłowie); bez tekstu lub z „-” czytane jest standardowe wejście
  --file PLIK  czyta tekst z pliku (zwrot, fragment logu, zapisany komunikat błędu)
  --domain D   Twoja domena nadawcy, wstawiana do proponowanych poleceń, gdy tekst jej nie podaje
  --ip IP      Twój wysyłający adres IP, podobnie
Kody wyjścia: 0 nic nie zawiodło, 1 problemy tymczasowe lub nie rozpoznano, 2 znaleziono błędy trwałe,
64 brak danych / błąd użycia, 65 dane nie są tekstem, 66 nie można odczytać pliku.`,
  },
  async run(argv) {
    const { values, positionals, common } = parseCommand(argv, {
      file: { type: 'string', short: 'f' },
      domain: { type: 'string' },
      ip: { type: 'string' },
    });
    const file = typeof values.file === 'string' ? values.file : undefined;
    const names: ExplainOptions = {};
    if (typeof values.domain === 'string') {
      if (!/^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(values.domain)) throw new UsageError(USAGE_TEXTS.explainDomain, { value: values.domain });
      names.senderDomain = values.domain.toLowerCase();
    }
    if (typeof values.ip === 'string') {
      if (!/^[0-9.]{7,15}$|^[0-9A-Fa-f:]{2,39}$/.test(values.ip)) throw new UsageError(USAGE_TEXTS.explainIp, { value: values.ip });
      names.sendingIp = values.ip;
    }
    const useStdin = positionals.length === 1 && positionals[0] === '-';
    if (file && positionals.length) throw new UsageError(USAGE_TEXTS.explainTextAndFile);
    let report;
    if (file) {
      const buf = readInputFile(file);
      if (!buf.toString('latin1').trim()) throw new InputError(USAGE_TEXTS.explainEmptyFile, EXIT.usage, { file });
      report = explainBytes(buf, { ...names, subject: file });
      if (report.findings[0]?.check === 'explain.input') throw new InputError(USAGE_TEXTS.explainNotText, EXIT.dataError, { file });
    } else if (useStdin || !positionals.length) {
      if (!useStdin && process.stdin.isTTY) throw new UsageError(USAGE_TEXTS.explainNoInput);
      const buf = await readInputStdin();
      if (!buf.toString('latin1').trim()) throw new InputError(USAGE_TEXTS.explainEmptyStdin, EXIT.usage);
      report = explainBytes(buf, { ...names, subject: 'stdin' });
      if (report.findings[0]?.check === 'explain.input') throw new InputError(USAGE_TEXTS.explainNotText, EXIT.dataError, { file: 'stdin' });
    } else {
      const text = positionals.join(' ');
      if (!text.trim()) throw new UsageError(USAGE_TEXTS.explainEmptyText);
      report = explain(text, names);
    }
    return emit(report, common);
  },
};
