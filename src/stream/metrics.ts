/** A worker's counters in the Prometheus text format (version 0.0.4), served on /metrics when asked. */
import { createServer, type Server } from 'node:http';

/** Counters of one worker process. */
export class WorkerMetrics {
  private messages = 0;
  private stored = 0;
  private duplicates = 0;
  private recipients = 0;
  private failedMessages = 0;
  private deadMessages = 0;
  private retries = 0;
  private batchSeconds = 0;
  private batches = 0;

  /** A batch stored and acknowledged. */
  batch(n: number, r: { stored: number; duplicates: number; recipients: number }, ms: number): void {
    this.messages += n; this.stored += r.stored; this.duplicates += r.duplicates; this.recipients += r.recipients;
    this.batches++; this.batchSeconds += ms / 1000;
  }

  /** A batch given back (the database refused it). */
  failed(n: number): void { this.failedMessages += n; }

  /** Messages sent to the dead letters. */
  dead(n: number): void { this.deadMessages += n; }

  /** A wait before trying PostgreSQL again. */
  retry(): void { this.retries++; }

  /** The text a Prometheus server scrapes. */
  text(extra: Record<string, number> = {}): string {
    const lines = [
      '# HELP mailmedic_worker_messages_total Bounce messages stored and acknowledged, by outcome.',
      '# TYPE mailmedic_worker_messages_total counter',
      `mailmedic_worker_messages_total{outcome="stored"} ${this.stored}`,
      `mailmedic_worker_messages_total{outcome="duplicate"} ${this.duplicates}`,
      `mailmedic_worker_messages_total{outcome="failed"} ${this.failedMessages}`,
      `mailmedic_worker_messages_total{outcome="dead"} ${this.deadMessages}`,
      '# HELP mailmedic_worker_store_retries_total Waits before trying PostgreSQL again (it was away).',
      '# TYPE mailmedic_worker_store_retries_total counter',
      `mailmedic_worker_store_retries_total ${this.retries}`,
      '# HELP mailmedic_worker_recipients_total Bounced recipients stored.',
      '# TYPE mailmedic_worker_recipients_total counter',
      `mailmedic_worker_recipients_total ${this.recipients}`,
      '# HELP mailmedic_worker_batch_seconds Time to read and store a batch.',
      '# TYPE mailmedic_worker_batch_seconds summary',
      `mailmedic_worker_batch_seconds_sum ${this.batchSeconds.toFixed(6)}`,
      `mailmedic_worker_batch_seconds_count ${this.batches}`,
    ];
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
    return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
  }
}
