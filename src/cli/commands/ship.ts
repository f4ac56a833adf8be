import { EXIT } from '../../core/finding.js';
import { fill, pick, tx } from '../../i18n/text.js';
import { durationOption, InputError, parseCommand, UsageError } from '../args.js';
import { readStdin } from '../output.js';
import { USAGE_TEXTS } from '../usage-texts.js';
import type { Command } from './index.js';

/** EX_TEMPFAIL: a Postfix pipe transport keeps the message and tries again later. */
const TEMPFAIL = 75;

const T = {
  shipped: tx('stored as {id} (stream sequence {seq}){dup}', 'zapisano jako {id} (numer w strumieniu {seq}){dup}'),
  dup: tx(', already shipped before', ', wysłano już wcześniej'),
  failed: tx('could not hand the message to NATS ({why}); exit 75 so the mail system tries again later', 'nie udało się przekazać wiadomości do NATS ({why}); kod 75, by system pocztowy spróbował później'),
};

export const command: Command = {
  describe: {
    en: 'send one bounce (standard input) to NATS JetStream for the workers (e.g. a Postfix pipe transport)',
    pl: 'wysyła jeden zwrot (ze standardowego wejścia) do NATS JetStream dla pracowników (np. jako transport pipe Postfiksa)',
  },
  usage: {
    en: `mailmedic ship bounce [--nats nats://127.0.0.1:4222] [--timeout 5s] [--verbose]

Reads one message on standard input and publishes it to the stream (subject mailmedic.bounce) with its SHA-256 as
its id, then waits for the server's acknowledgement: a message shipped twice is stored once. Exit 0 once stored,
75 (try again later) when NATS cannot take it — so a Postfix pipe transport keeps the mail until it can:
  bounces  unix  -  n  n  -  -  pipe  flags=q user=nobody argv=/usr/bin/mailmedic ship bounce --nats nats://10.0.0.5:4222
  --nats URL        NATS servers, comma-separated (default $MAILMEDIC_NATS or nats://127.0.0.1:4222)
  --timeout TIME    for connecting and for the acknowledgement (default 5s)`,
    pl: `mailmedic ship bounce [--nats nats://127.0.0.1:4222] [--timeout 5s] [--verbose]

Czyta jedną wiadomość ze standardowego wejścia i publikuje ją w strumieniu (temat mailmedic.bounce) z jej SHA-256
jako identyfikatorem, po czym czeka na potwierdzenie serwera: wiadomość wysłana dwa razy jest zapisana raz. Kod 0
po zapisaniu, 75 (spróbuj później), gdy NATS nie może jej przyjąć — transport pipe Postfiksa zatrzyma wtedy pocztę:
  bounces  unix  -  n  n  -  -  pipe  flags=q user=nobody argv=/usr/bin/mailmedic ship bounce --nats nats://10.0.0.5:4222
  --nats URL        serwery NATS, po przecinku (domyślnie $MAILMEDIC_NATS albo nats://127.0.0.1:4222)
  --timeout CZAS    na połączenie i na potwierdzenie (domyślnie 5s)`,
  },
  async run(argv) {
    const { values: v, positionals, common } = parseCommand(argv, { nats: { type: 'string' }, timeout: { type: 'string' } });
    if (positionals[0] !== 'bounce' || positionals.length > 1) throw new UsageError(USAGE_TEXTS.shipWhat);
    const timeoutMs = durationOption('timeout', v.timeout, 5000, 'ms', 100, 120_000);
    const raw = await readStdin(64 * 1024 * 1024);
    if (!raw.length) throw new InputError(USAGE_TEXTS.emptyStdin, EXIT.usage);
    const { shipBounce } = await import('../../stream/ship.js');
    try {
      const r = await shipBounce(raw, { servers: String(v.nats ?? process.env.MAILMEDIC_NATS ?? 'nats://127.0.0.1:4222'), timeoutMs });
      if (common.verbose) process.stderr.write(`mailmedic ship: ${pick(fill(T.shipped, { id: r.id, seq: r.seq, dup: r.duplicate ? T.dup : tx('', '') }), common.lang)}\n`);
      return EXIT.ok;
    } catch (e) {
      process.stderr.write(`mailmedic ship: ${pick(fill(T.failed, { why: String((e as Error).message ?? e).slice(0, 200) }), common.lang)}\n`);
      return TEMPFAIL;
    }
  },
};
