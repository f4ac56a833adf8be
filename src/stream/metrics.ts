/**
 * Workers' counters in the Prometheus text format (version 0.0.4), served on /metrics when asked. The metrics each
 * kind of worker has are a table (name, type, help); a worker only adds to them.
 */
import { createServer, type Server } from 'node:http';

type MetricType = 'counter' | 'gauge' | 'summary';
/** One metric: its type and the line of help Prometheus shows. */
export interface MetricDef { type: MetricType; help: string }
type Labels = Record<string, string>;

/** A label value as the text format wants it: backslash, double quote and new line escaped. */
const labelValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labelText = (l?: Labels) => (l && Object.keys(l).length ? `{${Object.entries(l).map(([k, v]) => `${k}="${labelValue(v)}"`).join(',')}}` : '');

/** A set of metrics declared up front: counters added to, gauges set, summaries observed, per label set. */
export class MetricSet {
  /** name → label text → value (a summary keeps `_sum` and `_count` under its own name). */
  private values = new Map<string, Map<string, number>>();
  constructor(private readonly defs: Readonly<Record<string, MetricDef>>, initial: [string, Labels?][] = []) {
    for (const [name, labels] of initial) this.add(name, 0, labels);
  }

  private slot(name: string, key: string): Map<string, number> {
    if (!this.defs[name]) throw new Error(`unknown metric ${name}`);
    let m = this.values.get(name);
    if (!m) { m = new Map(); this.values.set(name, m); }
    if (!m.has(key)) m.set(key, 0);
    return m;
  }

  /** Add to a counter (or a gauge). */
  add(name: string, n = 1, labels?: Labels): void {
    const key = labelText(labels);
    const m = this.slot(name, key);
    m.set(key, m.get(key)! + n);
  }

  /** Set a gauge. */
  set(name: string, v: number, labels?: Labels): void { this.slot(name, labelText(labels)).set(labelText(labels), v); }

  /** Remove one label set of a metric (a gauge of a host no longer held). */
  remove(name: string, labels?: Labels): void { this.values.get(name)?.delete(labelText(labels)); }

  /** One observation of a summary (its sum and count). */
  observe(name: string, v: number): void {
    const m = this.slot(name, '_sum');
    m.set('_sum', m.get('_sum')! + v);
    m.set('_count', (m.get('_count') ?? 0) + 1);
  }

  /** The text a Prometheus server scrapes; `extra` are gauges asked for at this scrape. */
  text(extra: Record<string, number> = {}): string {
    const lines: string[] = [];
    for (const [name, def] of Object.entries(this.defs)) {
      const m = this.values.get(name);
      // A summary is shown from the start (0 of 0); a counter or gauge once it has a value.
      if (!m?.size && def.type !== 'summary') continue;
      lines.push(`# HELP ${name} ${def.help}`, `# TYPE ${name} ${def.type}`);
      if (def.type === 'summary') lines.push(`${name}_sum ${(m?.get('_sum') ?? 0).toFixed(6)}`, `${name}_count ${m?.get('_count') ?? 0}`);
      else if (m) for (const [labels, v] of m) lines.push(`${name}${labels} ${v}`);
    }
    for (const [k, v] of Object.entries(extra)) lines.push(`# TYPE ${k} gauge`, `${k} ${v}`);
    return lines.join('\n') + '\n';
  }

  /** Serve /metrics on host:port (loopback by default); `gauges` is asked at each scrape. */
  serve(host: string, port: number, gauges: () => Promise<Record<string, number>> = async () => ({})): Promise<Server> {
    const server = createServer((req, res) => {
      if (req.url !== '/metrics') { res.writeHead(404); res.end(); return; }
      gauges().catch(() => ({})).then((g) => {
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
        res.end(this.text(g));
      });
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => { server.off('error', reject); resolve(server); });
    });
  }
}

const BOUNCE_METRICS: Record<string, MetricDef> = {
  mailmedic_worker_messages_total: { type: 'counter', help: 'Bounce messages stored and acknowledged, by outcome.' },
  mailmedic_worker_store_retries_total: { type: 'counter', help: 'Waits before trying PostgreSQL again (it was away).' },
  mailmedic_worker_recipients_total: { type: 'counter', help: 'Bounced recipients stored.' },
  mailmedic_worker_batch_seconds: { type: 'summary', help: 'Time to read and store a batch.' },
};
const OUTCOMES = ['stored', 'duplicate', 'failed', 'dead'] as const;

/** Counters of one bounce worker process. */
export class WorkerMetrics extends MetricSet {
  constructor() {
    super(BOUNCE_METRICS, [...OUTCOMES.map((o): [string, Labels] => ['mailmedic_worker_messages_total', { outcome: o }]),
      ['mailmedic_worker_store_retries_total'], ['mailmedic_worker_recipients_total']]);
  }

  /** A batch stored and acknowledged. */
  batch(n: number, r: { stored: number; duplicates: number; recipients: number }, ms: number): void {
    this.add('mailmedic_worker_messages_total', r.stored, { outcome: 'stored' });
    this.add('mailmedic_worker_messages_total', r.duplicates, { outcome: 'duplicate' });
    this.add('mailmedic_worker_recipients_total', r.recipients);
    this.observe('mailmedic_worker_batch_seconds', ms / 1000);
  }

  /** A batch given back (the database refused it). */
  failed(n: number): void { this.add('mailmedic_worker_messages_total', n, { outcome: 'failed' }); }

  /** Messages sent to the dead letters. */
  dead(n: number): void { this.add('mailmedic_worker_messages_total', n, { outcome: 'dead' }); }

  /** A wait before trying PostgreSQL again. */
  retry(): void { this.add('mailmedic_worker_store_retries_total'); }
}

const LOG_METRICS: Record<string, MetricDef> = {
  mailmedic_log_worker_messages_total: { type: 'counter', help: 'Stream messages of log lines counted and checkpointed, per host.' },
  mailmedic_log_worker_lines_total: { type: 'counter', help: 'Log lines counted, per host.' },
  mailmedic_log_worker_dead_total: { type: 'counter', help: 'Stream messages of log lines sent to the dead letters.' },
  mailmedic_log_worker_store_retries_total: { type: 'counter', help: 'Waits before trying PostgreSQL again (it was away).' },
  mailmedic_log_worker_host_changes_total: { type: 'counter', help: 'Hosts taken and let go (workers sharing the hosts), by change.' },
  mailmedic_log_worker_hosts: { type: 'gauge', help: 'Hosts this worker reads now.' },
  mailmedic_log_worker_host_pending: { type: 'gauge', help: 'Stream messages of a held host waiting after the last one read (as of the last read).' },
  mailmedic_log_worker_stories_pruned_total: { type: 'counter', help: 'Message-story rows deleted for being older than the kept period.' },
  mailmedic_log_worker_batch_seconds: { type: 'summary', help: 'Time to read and store a batch of one host.' },
};

/** Counters of one log worker process (per host where it matters); fed by {@link runLogWorker}'s events. */
export class LogWorkerMetrics extends MetricSet {
  private held = 0;
  constructor() {
    super(LOG_METRICS, [['mailmedic_log_worker_dead_total'], ['mailmedic_log_worker_store_retries_total'], ['mailmedic_log_worker_stories_pruned_total'],
      ['mailmedic_log_worker_host_changes_total', { change: 'taken' }], ['mailmedic_log_worker_host_changes_total', { change: 'let go' }]]);
    this.set('mailmedic_log_worker_hosts', 0);
  }

  /** A host's batch committed; `pending`: the stream messages of the host still after it. */
  batch(b: { host: string; messages: number; lines: number; ms: number; pending?: number }): void {
    this.add('mailmedic_log_worker_messages_total', b.messages, { host: b.host });
    this.add('mailmedic_log_worker_lines_total', b.lines, { host: b.host });
    if (b.pending !== undefined) this.set('mailmedic_log_worker_host_pending', b.pending, { host: b.host });
    this.observe('mailmedic_log_worker_batch_seconds', b.ms / 1000);
  }

  /** A host taken or let go. */
  host(h: { host: string; taken: boolean }): void {
    this.held += h.taken ? 1 : -1;
    this.set('mailmedic_log_worker_hosts', Math.max(0, this.held));
    this.add('mailmedic_log_worker_host_changes_total', 1, { change: h.taken ? 'taken' : 'let go' });
    if (!h.taken) this.remove('mailmedic_log_worker_host_pending', { host: h.host });
  }

  /** Messages sent to the dead letters. */
  dead(n: number): void { this.add('mailmedic_log_worker_dead_total', n); }

  /** A wait before trying PostgreSQL again. */
  retry(): void { this.add('mailmedic_log_worker_store_retries_total'); }

  /** Old story rows deleted. */
  pruned(n: number): void { this.add('mailmedic_log_worker_stories_pruned_total', n); }
}
