// Real parts for the watch tests: an NSD of their own (its zone rewritten and reloaded between passes) and a
// webhook receiver on loopback that fails a given number of times before it accepts.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { privateNsdConf } from '../helpers/nsd-conf.js';

export interface OwnNsd { port: number; write(zone: string): Promise<void>; stop(): Promise<void> }

const dig = (port: number, name: string, type: string) =>
  spawnSync('dig', ['+short', '+time=1', '+tries=1', '-p', String(port), '@127.0.0.1', name, type], { encoding: 'utf8' }).stdout;

/**
 * Start NSD for one zone on a free loopback port (5430 and up; the DKIM tests use 5399–5419). `write` replaces the
 * zone (its SOA serial must grow) and reloads NSD with SIGHUP, waiting until the new serial is served.
 */
export async function startOwnNsd(dir: string, zoneName: string, zone: string): Promise<OwnNsd> {
  const zoneFile = join(dir, `${zoneName}.zone`);
  const serialOf = (z: string) => /SOA\s+\S+\s+\S+\s+(\d+)/.exec(z)?.[1] ?? '';
  const waitFor = async (port: number, serial: string) => {
    for (let i = 0; i < 200; i++) {
      if (dig(port, zoneName, 'SOA').includes(` ${serial} `)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  };
  const pidOf = () => (existsSync(join(dir, 'nsd.pid')) ? Number(readFileSync(join(dir, 'nsd.pid'), 'utf8').trim()) : 0);
  for (let p = 5430; p < 5460; p++) {
    const conf = join(dir, 'nsd.conf');
    writeFileSync(conf, privateNsdConf(dir, p, zoneName));
    writeFileSync(zoneFile, zone);
    if (spawnSync('nsd', ['-c', conf], { encoding: 'utf8' }).status !== 0) continue;
    if (!(await waitFor(p, serialOf(zone)))) { const pid = pidOf(); if (pid) process.kill(pid, 'SIGTERM'); continue; }
    const port = p;
    return {
      port,
      async write(z) {
        writeFileSync(zoneFile, z);
        process.kill(pidOf(), 'SIGHUP');
        if (!(await waitFor(port, serialOf(z)))) throw new Error(`nsd did not load serial ${serialOf(z)} (see ${dir}/nsd.log)`);
      },
      async stop() {
        const pid = pidOf();
        if (pid <= 0) return;
        try { process.kill(pid, 'SIGTERM'); } catch { return; }
        // Wait until it is gone, so its folder can be removed.
        for (let i = 0; i < 100; i++) {
          try { process.kill(pid, 0); } catch { return; }
          await new Promise((r) => setTimeout(r, 20));
        }
      },
    };
  }
  throw new Error(`could not start nsd (see ${dir}/nsd.log)`);
}

export interface Receiver { url: string; bodies: unknown[]; attempts: number; close(): Promise<void> }

/** An HTTP receiver on 127.0.0.1 that answers 500 to its first `failures` requests, then 200. */
export async function webhookReceiver(failures: number): Promise<Receiver> {
  const r = { bodies: [] as unknown[], attempts: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      r.attempts++;
      if (r.attempts <= failures) { res.statusCode = 500; res.end('not yet'); return; }
      r.bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      res.end('ok');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return Object.assign(r, {
    url: `http://127.0.0.1:${port}/hook`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }) as Receiver;
}
