/**
 * The command table: name → lazily loaded module, so `mailmedic explain` loads only what explain needs
 * (start-up time matters: aim under 2× bare Node). Each module exports `command: Command`.
 */
export interface Command {
  /** One-line description per language, for `mailmedic --help`. */
  describe: { en: string; pl: string };
  /** Full usage text per language. */
  usage: { en: string; pl: string };
  /** Run with the argv after the command name; returns the exit code. */
  run(argv: string[]): Promise<number>;
}

export const COMMANDS: Record<string, () => Promise<{ command: Command }>> = {
  explain: () => import('./explain.js'),
  bounce: () => import('./bounce.js'),
  domain: () => import('./domain.js'),
  spf: () => import('./spf.js'),
  probe: () => import('./probe.js'),
  settings: () => import('./settings.js'),
  logs: () => import('./logs.js'),
  queue: () => import('./queue.js'),
  message: () => import('./message.js'),
  doctor: () => import('./doctor.js'),
  serve: () => import('./serve.js'),
  ship: () => import('./ship.js'),
  worker: () => import('./worker.js'),
  query: () => import('./query.js'),
  watch: () => import('./watch.js'),
};
