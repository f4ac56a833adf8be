/**
 * The live queue of the machine mailmedic runs on: the MTA's own read-only listing command, found on the PATH
 * (postqueue for Postfix, exim4/exim for Exim, mailq for Sendmail), streamed as it runs, stopped after a
 * timeout. The command runner is a parameter, so tests drive a real Postfix and faults alike.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { QueueFormat, QueueMta } from './types.js';

/** The command that lists this machine's queue, for which MTA, and the format its output is in. */
export interface LiveCommand {
  mta: QueueMta;
  command: string;
  args: string[];
  format: QueueFormat;
}

/** Runs a command; yields its standard output in chunks; rejects with its error output when it fails. */
export type CommandRunner = (command: string, args: string[], timeoutMs: number) => AsyncIterable<Uint8Array>;

/**
 * The full path of an executable found on PATH or in the sbin directories (where MTA tools live but a user's PATH
 * often does not reach); undefined when there is none.
 */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of [...path.split(delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin']) {
    if (!dir) continue;
    const p = join(dir, name);
    try { accessSync(p, constants.X_OK); return p; } catch { /* next */ }
  }
  return undefined;
}

/**
 * The listing command for this machine: the MTA asked for, or the first one installed (Postfix's postqueue
 * first, since Postfix also installs a `mailq`). `configDir`: Postfix's configuration directory (-c).
 */
export function liveCommand(opts: { mta?: QueueMta; configDir?: string; find?: (name: string) => string | undefined } = {}): LiveCommand | undefined {
  const find = opts.find ?? ((n: string) => findOnPath(n));
  const tries: (() => LiveCommand | undefined)[] = [
    () => { const c = find('postqueue'); return c ? { mta: 'postfix', command: c, args: [...(opts.configDir ? ['-c', opts.configDir] : []), '-j'], format: 'postqueue-json' } : undefined; },
    () => { const c = find('exim4') ?? find('exim'); return c ? { mta: 'exim', command: c, args: ['-bp'], format: 'exim-bp' } : undefined; },
    () => { const c = find('mailq'); return c ? { mta: 'sendmail', command: c, args: [], format: 'sendmail-mailq' } : undefined; },
  ];
  const order: QueueMta[] = ['postfix', 'exim', 'sendmail'];
  for (const [i, t] of tries.entries()) {
    if (opts.mta && opts.mta !== order[i]) continue;
    const c = t();
    if (c) return c;
  }
  return undefined;
}

/** The default runner: spawn, stream stdout, kill after the timeout, fail with stderr on a non-zero exit. */
export const spawnRunner: CommandRunner = async function* (command, args, timeoutMs) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => { if (err.length < 4096) err += d; });
  const timer = setTimeout(() => { child.kill('SIGKILL'); err += `\n(stopped after ${timeoutMs} ms)`; }, timeoutMs);
  const exited = new Promise<number | null>((resolve, reject) => { child.on('error', reject); child.on('close', resolve); });
  try {
    for await (const c of child.stdout) yield c as Uint8Array;
    const code = await exited;
    if (code !== 0) throw new Error((err.trim() || `${command} exited with ${code}`).slice(0, 2000));
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
};
