import { createWriteStream, writeFileSync, type WriteStream } from 'node:fs';
import { exitCodeFor, type Report } from '../core/finding.js';
import { render } from '../report/index.js';
import type { CommonFlags } from './args.js';

/**
 * Colour or not, the same in every command: --color / --no-color win; then FORCE_COLOR (0 or false: never, any other
 * value: always, as Node and most tools read it); then NO_COLOR (any value: never); else only on a terminal, and
 * never into a file.
 */
export function useColor(flags: Pick<CommonFlags, 'color' | 'output'>, env: NodeJS.ProcessEnv = process.env, tty = process.stdout.isTTY === true): boolean {
  if (flags.color !== undefined) return flags.color;
  if (flags.output) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force.toLowerCase() === 'false');
  if (env.NO_COLOR) return false;
  return tty;
}

/** Render a report the way the flags ask, to stdout or --output; returns the exit code. */
export function emit(report: Report, flags: CommonFlags, rendered?: string): number {
  const toFile = Boolean(flags.output);
  const color = useColor(flags);
  const text = rendered ?? render(report, flags.format, {
    lang: flags.lang, color, verbose: flags.verbose, width: process.stdout.columns || 80,
  });
  if (flags.output) writeFileSync(flags.output, text);
  else process.stdout.write(text);
  return exitCodeFor(report.status);
}

/** Read all of stdin (bounded), as a Buffer. */
export async function readStdin(limit = 256 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    size += (c as Buffer).length;
    // `limit` on the error marks it as the size limit (callers word it themselves), not a read failure.
    if (size > limit) throw Object.assign(new Error(`standard input is over ${limit} bytes`), { limit });
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Where a streaming command writes: stdout or --output, waiting when the reader is slower than we are. */
export interface Sink {
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export function openSink(flags: CommonFlags): Sink {
  const stream = flags.output ? createWriteStream(flags.output) : process.stdout;
  let failed: Error | undefined;
  stream.on('error', (e: Error) => { failed = e; });
  return {
    async write(text) {
      if (failed) throw failed;
      if (!stream.write(text)) await new Promise<void>((resolve) => { stream.once('drain', resolve); stream.once('error', () => resolve()); });
    },
    async close() {
      if (stream !== process.stdout) await new Promise<void>((resolve) => (stream as WriteStream).end(resolve));
      if (failed) throw failed;
    },
  };
}
