// A small fake DNS server on 127.0.0.1 (UDP + TCP on the same port) for fault injection: delays, drops
// (timeouts), SERVFAIL, truncation, garbage. Real answers come from the real NSD in the other tests.
import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import * as packet from 'dns-packet';
import type { Answer, DecodedPacket } from 'dns-packet';

export interface FakeReply {
  rcode?: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' | 'FORMERR';
  answers?: Answer[];
  authorities?: Answer[];
  /** Set TC over UDP (the full answer is then served over TCP). */
  truncateUdp?: boolean;
  /** Set TC over TCP too (a broken server: even the TCP answer says it is cut). */
  truncateTcp?: boolean;
  ad?: boolean;
  /** Do not answer at all (simulates a timeout). */
  drop?: boolean;
  /** Send this junk before the real answer (a spoofed/garbage packet). */
  junkFirst?: Buffer;
  delayMs?: number;
}

/** `cd`: the query had the CD bit (checking disabled), as a DNSSEC chain walk sends it. */
export type FakeHandler = (q: { name: string; type: string; cd: boolean }, transport: 'udp' | 'tcp') => FakeReply | Promise<FakeReply>;

export interface FakeDnsServer {
  port: number;
  address: string;
  /** Every question received, in order. */
  log: { name: string; type: string; transport: 'udp' | 'tcp' }[];
  close(): Promise<void>;
}

function build(req: DecodedPacket, r: FakeReply, udp: boolean): Buffer {
  const flags = (r.ad ? packet.AUTHENTIC_DATA : 0) | packet.RECURSION_AVAILABLE | packet.RECURSION_DESIRED
    | ((udp && r.truncateUdp) || (!udp && r.truncateTcp) ? packet.TRUNCATED_RESPONSE : 0);
  const rcodes: Record<string, number> = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, REFUSED: 5 };
  return packet.encode({
    type: 'response', id: req.id, flags: flags | (rcodes[r.rcode ?? 'NOERROR'] ?? 0),
    questions: req.questions,
    answers: udp && r.truncateUdp ? [] : (r.answers ?? []),
    authorities: udp && r.truncateUdp ? [] : (r.authorities ?? []),
  });
}

export async function startFakeDns(handler: FakeHandler): Promise<FakeDnsServer> {
  const log: FakeDnsServer['log'] = [];
  const delay = (ms?: number) => (ms ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
  for (let attempt = 0; ; attempt++) {
    const udp: Socket = createSocket('udp4');
    await new Promise<void>((res) => udp.bind(0, '127.0.0.1', res));
    const port = udp.address().port;
    const tcp: Server = createServer((sock) => {
      let buf = Buffer.alloc(0);
      sock.on('error', () => {});
      sock.on('data', async (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          const body = buf.subarray(2, 2 + buf.readUInt16BE(0));
          buf = buf.subarray(2 + body.length);
          const req = packet.decode(body);
          const q = req.questions![0]!;
          log.push({ name: q.name, type: q.type, transport: 'tcp' });
          const r = await handler({ name: q.name, type: q.type, cd: Boolean(req.flag_cd) }, 'tcp');
          await delay(r.delayMs);
          if (r.drop) continue;
          const out = build(req, r, false);
          const len = Buffer.alloc(2); len.writeUInt16BE(out.length);
          sock.write(Buffer.concat([len, out]));
        }
      });
    });
    const ok = await new Promise<boolean>((res) => {
      tcp.once('error', () => res(false));
      tcp.listen(port, '127.0.0.1', () => res(true));
    });
    if (!ok) { udp.close(); if (attempt > 20) throw new Error('no free port for the fake DNS server'); continue; }
    udp.on('message', async (msg, rinfo) => {
      let req: DecodedPacket;
      try { req = packet.decode(msg); } catch { return; }
      const q = req.questions![0]!;
      log.push({ name: q.name, type: q.type, transport: 'udp' });
      const r = await handler({ name: q.name, type: q.type, cd: Boolean(req.flag_cd) }, 'udp');
      await delay(r.delayMs);
      if (r.drop) return;
      if (r.junkFirst) udp.send(r.junkFirst, rinfo.port, rinfo.address);
      udp.send(build(req, r, true), rinfo.port, rinfo.address);
    });
    return {
      port, address: '127.0.0.1', log,
      close: () => new Promise<void>((res) => { udp.close(); tcp.close(() => res()); }),
    };
  }
}
