// Real NATS JetStream and PostgreSQL for the stream tests (issue 20), each in a private temporary folder on free
// loopback ports, started here and stopped after: nats-server from Debian with JetStream on, and a throw-away
// PostgreSQL cluster (initdb as the postgres user when the tests run as root, as PostgreSQL refuses root).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

const PG_BIN = ['/usr/lib/postgresql'].flatMap((d) => (existsSync(d) ? readdirSync(d).sort().reverse().map((v) => join(d, v, 'bin')) : [])).find((b) => existsSync(join(b, 'initdb')));
const NATS = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find((p) => existsSync(p));
/** Why the stream tests cannot run here (skipped, saying so), or undefined. */
export const STREAM_SKIP = !NATS ? 'no nats-server (Debian package nats-server; .ci/install-system.sh installs it)'
  : !PG_BIN ? 'no PostgreSQL server (Debian package postgresql; .ci/install-system.sh installs it)' : undefined;

export interface StreamEnv {
  natsUrl: string; dbUrl: string; stopNats(): Promise<void>; startNats(): Promise<void>;
  /** PostgreSQL stopped (fast: clients disconnected) and started again on the same data folder and port. */
  stopPg(): void; startPg(): void;
  stop(): Promise<void>;
}

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try { if (await ok()) return; } catch { /* not yet */ }
    if (Date.now() > end) throw new Error(`${what} did not start within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const portOpen = (port: number) => new Promise<boolean>((resolve) => {
  import('node:net').then(({ connect }) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); resolve(true); });
    s.once('error', () => resolve(false));
  });
});

/** Start both servers; `stop()` ends them and removes their folders. */
export async function startStreamEnv(): Promise<StreamEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'mailmedic-stream-'));
  const natsPort = await freePort();
  const pgPort = await freePort();
  let nats: ChildProcess | undefined;
  const natsConf = join(dir, 'nats.conf');
  // Bounces with their returned originals can pass 1 MB, the server's default largest payload.
  writeFileSync(natsConf, `listen: 127.0.0.1:${natsPort}\nmax_payload: 8MB\njetstream { store_dir: "${join(dir, 'js')}" }\n`);
  const startNats = async () => {
    nats = spawn(NATS!, ['-c', natsConf], { stdio: 'ignore' });
    await waitFor('nats-server', () => portOpen(natsPort));
  };
  const stopNats = async () => {
    if (!nats || nats.exitCode !== null) return;
    const p = new Promise((r) => nats!.once('exit', r));
    nats.kill('SIGTERM');
    await p;
  };
  await startNats();
  const pgData = join(dir, 'pg');
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  as(join(PG_BIN!, 'initdb'), ['-D', pgData, '-U', 'mailmedic', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const startPg = () => { as(join(PG_BIN!, 'pg_ctl'), ['-D', pgData, '-l', join(dir, 'pg.log'), '-w', '-o', `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']); };
  const stopPg = () => { as(join(PG_BIN!, 'pg_ctl'), ['-D', pgData, '-m', 'fast', '-w', 'stop']); };
  startPg();
  const dbUrl = `postgres://mailmedic@127.0.0.1:${pgPort}/postgres`;
  return {
    natsUrl: `nats://127.0.0.1:${natsPort}`, dbUrl, startNats, stopNats, startPg, stopPg,
    async stop() {
      await stopNats();
      try { as(join(PG_BIN!, 'pg_ctl'), ['-D', pgData, '-m', 'immediate', '-w', 'stop']); } catch { /* already gone */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
