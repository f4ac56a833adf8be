import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createMailmedicServer, type MailmedicServer, type ServeOptions } from '../../src/serve/server.js';
import { baseEnv } from '../cli/usage-cases.js';
import { CLI, testEnv } from '../helpers/env.js';

/** A server on a free loopback port, pointed at the test DNS and trusting the test CA. */
export async function startTestServer(extra: ServeOptions = {}): Promise<MailmedicServer> {
  const env = testEnv();
  return createMailmedicServer({
    host: '127.0.0.1', port: 0, dnsServer: `${env.host}:${env.dnsPort}`, caFile: join(env.certs, 'cert.pem'), timeoutMs: 20_000, ...extra,
  }).listen();
}

/** A `mailmedic serve` process: its URL and everything it has written so far (stdout and stderr). */
export interface ServeProcess { child: ChildProcess; url: string; output(): string }

/** `mailmedic serve` as a user starts it; resolves with its URL once it prints it. */
export function startServe(args: string[]): Promise<ServeProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--quiet', '--resolver', '127.0.0.1:9', ...args], { env: baseEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '', err = '';
    const t = setTimeout(() => reject(new Error(`no URL printed: ${out} ${err}`)), 15_000);
    child.stderr!.on('data', (c: Buffer) => { err += c.toString(); });
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\n/.exec(out);
      if (m) { clearTimeout(t); resolve({ child, url: m[1]!, output: () => out + err }); }
    });
    child.on('exit', (code) => { clearTimeout(t); reject(new Error(`exited with ${code}: ${out} ${err}`)); });
  });
}

/** Stop a `mailmedic serve` process (SIGTERM) and wait for it to exit. */
export async function stopServe(s: { child: ChildProcess } | undefined): Promise<void> {
  if (!s || s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: unknown;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, json, text, headers: res.headers };
}

/** Parse a server-sent-events body into [event, data] pairs. */
export function parseSse(text: string): [string, any][] {
  return text.split('\n\n').filter(Boolean).map((chunk) => {
    let ev = 'message'; let data = '';
    for (const line of chunk.split('\n')) {
      if (line.startsWith('event: ')) ev = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    return [ev, data ? JSON.parse(data) : null];
  });
}

/** A bounce (RFC 3464 DSN) whose diagnostic text and headers carry script payloads. */
export const XSS_PAYLOAD = '<img src=x onerror=alert(1)><script>alert(2)</script>';
export const XSS_BOUNCE = [
  'From: MAILER-DAEMON@mail.example.test (Mail Delivery System)',
  'To: alice@example.test',
  `Subject: Undelivered Mail Returned to Sender ${XSS_PAYLOAD}`,
  'Date: Mon, 23 Nov 2026 10:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="BOUND"',
  '',
  '--BOUND',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  'This is the mail system at host mail.example.test.',
  `<nobody"><svg onload=alert(3)>@example.test>: host mx.example.test said: 550 5.1.1 User unknown ${XSS_PAYLOAD}`,
  '',
  '--BOUND',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mail.example.test',
  '',
  'Final-Recipient: rfc822; nobody@example.test',
  'Action: failed',
  'Status: 5.1.1',
  `Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.test>: Recipient address rejected: User unknown ${XSS_PAYLOAD}`,
  '',
  '--BOUND--',
  '',
].join('\r\n');
