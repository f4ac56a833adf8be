/** Shapes of the queue reader: one waiting message as the MTA's own listing describes it. */
import type { Text } from '../core/finding.js';

/**
 * Where a message waits. Postfix: active (being delivered), deferred (waiting for a retry), hold (held by the
 * admin), incoming/maildrop (not yet picked up), corrupt. Exim: frozen (delivery stopped until thawed) or
 * queued. Sendmail: queued.
 */
export type QueueName = 'active' | 'deferred' | 'hold' | 'incoming' | 'maildrop' | 'corrupt' | 'frozen' | 'queued';

/** The MTAs whose queue listings mailmedic reads. */
export type QueueMta = 'postfix' | 'exim' | 'sendmail';

/** One recipient of a queued message, with why delivery to it waits when the listing says. */
export interface QueueRecipient {
  address: string;
  /** Why delivery to it is waiting, in the MTA's words (Postfix's delay_reason, Sendmail's deferral). */
  reason?: string;
  /** Exim lists recipients already delivered ("D addr") beside those still waiting. */
  delivered?: boolean;
}

/** One message in a queue listing, whatever the MTA: its id, which queue, age, size, sender and recipients. */
export interface QueueMessage {
  mta: QueueMta;
  id: string;
  queue: QueueName;
  /** Arrival time, ms since the epoch, when the listing gives one (Postfix, Sendmail). */
  arrival?: number;
  /** Time waited, seconds: from the arrival time, or as the listing says it (Exim's "25m"). */
  ageSeconds?: number;
  size?: number;
  /** Envelope sender; "" for the null sender (a bounce). */
  sender: string;
  recipients: QueueRecipient[];
}

/** A line of the dump that could not be read (the rest still counts). */
export interface QueueProblem {
  line: number;
  text: string;
  why: Text;
}

/** A streaming parser of one listing format: lines in, messages out. */
export interface QueueParser {
  format: QueueFormat;
  push(line: string, lineNo: number): QueueMessage[];
  end(): QueueMessage[];
  problems: QueueProblem[];
}

/** The queue listing formats read: Postfix's postqueue -j and -p (mailq), Exim's exim -bp and Sendmail's mailq. */
export type QueueFormat = 'postqueue-json' | 'postqueue-text' | 'exim-bp' | 'sendmail-mailq';
