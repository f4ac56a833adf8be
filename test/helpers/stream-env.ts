// Real NATS JetStream and PostgreSQL for the stream tests (issue 20), each in a private temporary folder on free
// loopback ports, started here and stopped after: nats-server from Debian with JetStream on, and a throw-away
// PostgreSQL cluster (initdb as the postgres user when the tests run as root, as PostgreSQL refuses root).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, POSTGRES_SKIP, startPostgres } from './postgres.js';

export { freePort };

const NATS = ['/usr/sbin/nats-server', '/usr/bin/nats-server'].find((p) => existsSync(p));
/** Why the stream tests cannot run here (skipped, saying so), or undefined. */
export const STREAM_SKIP = !NATS ? 'no nats-server (Debian package nats-server; .ci/install-system.sh installs it)'
  : POSTGRES_SKIP;

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

/** What the tests want made before they start: the stream, and the shared bounce consumer with test timings. */
export interface StreamSetup { bounceConsumer?: { ackWaitMs: number; maxDeliver?: number } }

/** Start both servers and make the stream (and the bounce consumer when asked); `stop()` ends them and removes their folders. */
export async function startStreamEnv(setup: StreamSetup = {}): Promise<StreamEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'mailmedic-stream-'));
  const natsPort = await freePort();
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
  const pg = await startPostgres(dir);
  const { connectNats, ensureStream, ensureBounceConsumer } = await import('../../src/stream/index.js');
  const nc = await connectNats({ servers: `nats://127.0.0.1:${natsPort}` });
  const jsm = await nc.jetstreamManager();
  await ensureStream(jsm);
  if (setup.bounceConsumer) await ensureBounceConsumer(jsm, setup.bounceConsumer);
  await nc.close();
  return {
    natsUrl: `nats://127.0.0.1:${natsPort}`, dbUrl: pg.url, startNats, stopNats, startPg: pg.startServer, stopPg: pg.stopServer,
    async stop() {
      await stopNats();
      await pg.stop(); // also removes the folder
    },
  };
}
