// A throw-away PostgreSQL cluster for tests: initdb in a private temporary folder (as the postgres user when the
// tests run as root, since PostgreSQL refuses root), on a free loopback port, trust authentication, fsync off.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = ['/usr/lib/postgresql'].flatMap((d) => (existsSync(d) ? readdirSync(d).sort().reverse().map((v) => join(d, v, 'bin')) : [])).find((b) => existsSync(join(b, 'initdb')));
/** Why PostgreSQL tests cannot run here (skipped, saying so), or undefined. */
export const POSTGRES_SKIP = PG_BIN ? undefined : 'no PostgreSQL server (Debian package postgresql; .ci/install-system.sh installs it)';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

/** A running cluster: its URL (database "postgres", user "mailmedic"), a way to stop and start it again, and to remove it. */
export interface Postgres { url: string; dir: string; stopServer(): void; startServer(): void; stop(): Promise<void> }

/** Start a PostgreSQL cluster; `dir` (created when not given) holds its data and log. */
export async function startPostgres(dir = mkdtempSync(join(tmpdir(), 'mailmedic-pg-'))): Promise<Postgres> {
  if (!PG_BIN) throw new Error(POSTGRES_SKIP);
  const port = await freePort();
  const data = join(dir, 'pg');
  const asRoot = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  as(join(PG_BIN, 'initdb'), ['-D', data, '-U', 'mailmedic', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const startServer = () => { as(join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', join(dir, 'pg.log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']); };
  const stopServer = () => { try { as(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']); } catch { /* already stopped */ } };
  startServer();
  return {
    url: `postgres://mailmedic@127.0.0.1:${port}/postgres`, dir, startServer, stopServer,
    async stop() {
      try { as(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']); } catch { /* already gone */ }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
