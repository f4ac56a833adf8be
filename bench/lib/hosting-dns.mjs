// A hosting company's customer domains served by a fake DNS server in a worker thread (shared by the fleet and
// watch benchmarks): a pool of 20 shared MX hosts, a shared SPF include, DMARC on 70 %, DKIM on half, one lapsed
// domain in 97, one `+all` in 50; blocklists under bl.test. Every answer comes after `delay` ms.
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';

const root = resolve(import.meta.dirname, '..', '..');
const { DEFAULT_DNSBL_LISTS } = await import(join(root, 'dist', 'src', 'domain', 'index.js'));

/** Start the fake DNS for N customer domains; returns its port, the domains, the blocklists, a served-count and close. */
export async function startHostingDns(N, delay) {
  const zone = new Map();
  const names = new Set();
  const add = (name, type, data) => { const k = `${name}|${type}`; zone.set(k, [...(zone.get(k) ?? []), data]); names.add(name); };
  add('_spf.hosting.test', 'TXT', 'v=spf1 ip4:45.20.0.0/16 ip6:2001:db8:20::/48 -all');
  for (let m = 0; m < 20; m++) {
    add(`mx${m}.hosting.test`, 'A', `45.20.1.${m + 1}`);
    add(`${m + 1}.1.20.45.in-addr.arpa`, 'PTR', `mx${m}.hosting.test`);
  }
  const domains = [];
  for (let i = 0; i < N; i++) {
    const d = `customer${i}.fleet.test`;
    domains.push(d);
    if (i % 97 === 13) continue; // a lapsed domain: NXDOMAIN
    add(d, 'MX', { preference: 10, exchange: `mx${i % 20}.hosting.test` });
    add(d, 'TXT', i % 50 === 7 ? 'v=spf1 include:_spf.hosting.test include:_spf.hosting.test +all' : 'v=spf1 include:_spf.hosting.test ~all');
    if (i % 10 < 7) add(`_dmarc.${d}`, 'TXT', `v=DMARC1; p=${i % 3 ? 'none' : 'quarantine'}; rua=mailto:dmarc@${d}`);
    if (i % 2) add(`default._domainkey.${d}`, 'TXT', 'v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=');
    add(d, 'SOA', { mname: 'ns1.hosting.test', rname: 'hostmaster.hosting.test', serial: 1, refresh: 7200, retry: 1800, expire: 1209600, minimum: 300 });
    add(d, 'NS', 'ns1.hosting.test');
    add(d, 'NS', 'ns2.hosting.test');
  }
  add('ns1.hosting.test', 'A', '45.20.0.53');
  add('ns2.hosting.test', 'A', '45.20.0.54');
  const lists = DEFAULT_DNSBL_LISTS.map((l) => ({ ...l, zone: `${l.id}.bl.test` }));
  for (const l of lists) add(l.kind === 'ip' ? `2.0.0.127.${l.zone}` : `${l.testEntry}.${l.zone}`, 'A', l.testAnswer?.[0] ?? (l.bitmask ? '127.0.0.14' : '127.0.0.2'));

  // The fake DNS server runs in a worker thread: on one thread it would take CPU from the fleet it serves.
  const worker = new Worker(new URL('data:text/javascript,' + encodeURIComponent(`
    const { parentPort, workerData } = await import('node:worker_threads');
    const { startFakeDns } = await import(workerData.fake);
    const zone = new Map(workerData.zone);
    const names = new Set(workerData.names);
    let served = 0;
    const server = await startFakeDns((q) => {
      served++;
      const name = q.name.toLowerCase();
      const data = zone.get(name + '|' + q.type);
      if (!data) return { delayMs: workerData.delay, rcode: names.has(name) ? 'NOERROR' : 'NXDOMAIN' };
      return { delayMs: workerData.delay, answers: data.map((d) => ({ name, type: q.type, ttl: 300, data: q.type === 'TXT' ? [Buffer.from(d)] : d })) };
    });
    parentPort.on('message', (m) => { if (m === 'served') parentPort.postMessage({ served }); else if (m === 'close') server.close().then(() => process.exit(0)); });
    parentPort.postMessage({ port: server.port });
  `)), { workerData: { fake: 'file://' + join(root, 'dist', 'test', 'dns', 'fake-dns-server.js'), zone: [...zone], names: [...names], delay } });
  const ask = (m) => new Promise((res) => { worker.once('message', res); worker.postMessage(m); });
  const { port } = await new Promise((res) => worker.once('message', res));
  const server = { port, close: () => { worker.postMessage('close'); } };
  const servedNow = async () => (await ask('served')).served;

  return { port, domains, lists, served: servedNow, close: server.close };
}
