/**
 * The bounce capability as Reports: one message, or many sources read whole. For inputs too big to hold (an ESP's
 * bounce folder), iterate `readBounces` and render message by message, as the CLI does.
 */
import type { Report } from '../core/finding.js';
import { parseBounce, type ParseBounceOptions } from './parse.js';
import { readBounces, type BounceItem, type ReadBouncesOptions } from './read.js';
import { bounceReport } from './report.js';

/** Read one bounce message (a DSN, an MTA's text bounce, an ARF report, an auto-reply) into a Report. */
export function checkBounce(message: string | Uint8Array, options: ParseBounceOptions & { name?: string } = {}): Report {
  const name = options.name ?? 'message';
  return bounceReport([{ file: name, result: parseBounce(message, options) }], name);
}

/** Messages `checkBounces` holds at most; past it, it throws a RangeError (use `readBounces` to stream). */
export const CHECK_BOUNCES_LIMIT = 10_000;

/**
 * Read every message of files, directories (maildir), globs and mbox files into one Report (at most
 * CHECK_BOUNCES_LIMIT messages: a bigger input throws RangeError; stream it with `readBounces`).
 */
export async function checkBounces(sources: string | readonly string[], options: ReadBouncesOptions = {}): Promise<Report> {
  const items: BounceItem[] = [];
  for await (const it of readBounces(sources, options)) {
    if (items.length >= CHECK_BOUNCES_LIMIT) throw new RangeError(`more than ${CHECK_BOUNCES_LIMIT} messages: iterate readBounces() to stream them`);
    items.push(it);
  }
  return bounceReport(items, typeof sources === 'string' ? sources : sources.join(' '));
}
