/**
 * An independent count of what a Postfix maillog says, made straight from the raw lines with a few regular
 * expressions (not mailmedic's parser, tracker or fast path), for the logs truth tests. It relies on what the
 * traffic of testenv/filters guarantees: every message has its own Message-ID, kept by every leg (the content
 * filter's re-injection, a local forward, a requeued copy), so "one message" = one Message-ID.
 */

export interface Truth {
  received: number; delivered: number; forwarded: number; deferred: number; deferrals: number; bounced: number;
  rejected: number; discarded: number; quarantined: number; held: number; released: number; requeued: number; deleted: number;
  senders: Map<string, { messages: number; bytes: number }>; recipients: Set<string>; bytesReceived: number;
  clientIps: Map<string, number>;
  /** received per "YYYY-MM-DD HH" as written in the log. */
  receivedPerHour: Map<string, number>;
  failedLogins: number; smtpFailed: number; imapPopFailed: number;
  screen: { passNew: number; passOld: number; pregreet: number; dnsbl: number; hangup: number };
  listHits: Map<string, number>;
  /** End-to-end delays of delivered recipients (seconds): the last leg's delay= plus the time since the first leg's first line. */
  delays: number[];
  /** Content filter verdicts by "filter category" (amavis CLEAN, rspamd SPAM, clamav-milter INFECTED …). */
  filters: Map<string, { passed: number; blocked: number }>;
  /** SPF and DMARC verdicts by "SPF softfail", "DMARC fail" …. */
  auth: Map<string, number>;
  openAtEnd: number;
}

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
/** "Dec  5 06:05:29" or "2026-12-05T06:05:29.123456+01:00" → [seconds of the written wall time, "YYYY-MM-DD HH", rest of the line]. */
function stamp(line: string): [number, string, string] | undefined {
  let m = /^(\w{3}) +(\d+) (\d\d):(\d\d):(\d\d) (.*)$/.exec(line);
  if (m) {
    const mon = MONTHS.indexOf(m[1]!) / 3 + 1, day = Number(m[2]);
    const wall = Date.UTC(2026, mon - 1, day, Number(m[3]), Number(m[4]), Number(m[5])) / 1000;
    return [wall, `2026-${String(mon).padStart(2, '0')}-${String(day).padStart(2, '0')} ${m[3]}`, m[6]!];
  }
  m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(\.\d+)?[+-]\d\d:\d\d (.*)$/.exec(line);
  if (m) {
    const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000 + Number(m[7] ?? 0);
    return [wall, `${m[1]}-${m[2]}-${m[3]} ${m[4]}`, m[8]!];
  }
  return undefined;
}

function filterVerdict(t: Truth, key: string, blocked: boolean): void {
  const f = t.filters.get(key) ?? { passed: 0, blocked: 0 };
  if (blocked) f.blocked++; else f.passed++;
  t.filters.set(key, f);
}
const count = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

export function truthOf(text: string): Truth {
  const t: Truth = {
    received: 0, delivered: 0, forwarded: 0, deferred: 0, deferrals: 0, bounced: 0, rejected: 0, discarded: 0, quarantined: 0,
    held: 0, released: 0, requeued: 0, deleted: 0, senders: new Map(), recipients: new Set(), bytesReceived: 0, clientIps: new Map(),
    receivedPerHour: new Map(), failedLogins: 0, smtpFailed: 0, imapPopFailed: 0,
    screen: { passNew: 0, passOld: 0, pregreet: 0, dnsbl: 0, hangup: 0 }, listHits: new Map(), delays: [], filters: new Map(), auth: new Map(), openAtEnd: 0,
  };
  interface Leg { first: number; hour: string; msgid?: string; from?: string; size?: number; arrival?: 'smtp' | 'pickup'; ip?: string; removed?: boolean }
  const legs = new Map<string, Leg>();
  const lines: { wall: number; prog: string; body: string }[] = [];
  for (const line of text.split('\n')) {
    const st = stamp(line);
    if (!st) continue;
    const m = /^\S+ ([^\s[]+)(?:\[\d+\])?: (.*)$/.exec(st[2]);
    if (!m) continue;
    lines.push({ wall: st[0], prog: m[1]!, body: m[2]! });
    const q = /^([0-9A-F]{6,}): /.exec(m[2]!);
    if (q && !legs.has(q[1]!)) legs.set(q[1]!, { first: st[0], hour: st[1] });
  }
  // pass 1: what each queue id is
  for (const { prog, body } of lines) {
    const q = /^([0-9A-F]{6,}): (.*)$/.exec(body);
    if (!q) continue;
    const leg = legs.get(q[1]!)!, rest = q[2]!;
    let x: RegExpExecArray | null;
    if ((x = /^client=[^[]*\[([^\]]*)\]/.exec(rest)) && prog.endsWith('/smtpd')) { leg.arrival = 'smtp'; leg.ip = x[1]!; }
    else if (prog.endsWith('/pickup') && /^uid=/.test(rest) && !/orig_id=/.test(rest)) leg.arrival = 'pickup';
    else if ((x = /^message-id=<?([^>]*)>?/.exec(rest))) leg.msgid = x[1]!;
    else if ((x = /^from=<([^>]*)>, size=(\d+)/.exec(rest))) { leg.from = x[1]!; leg.size = Number(x[2]); }
    else if (/^removed$/.test(rest) && prog.endsWith('/qmgr')) leg.removed = true;
  }
  // one message = one Message-ID; its first leg is the one seen first
  const firstLeg = new Map<string, Leg>();
  for (const leg of legs.values()) if (leg.msgid && !firstLeg.has(leg.msgid)) firstLeg.set(leg.msgid, leg);
  for (const leg of firstLeg.values()) {
    if (!leg.arrival) continue;
    t.received++;
    t.receivedPerHour.set(leg.hour, (t.receivedPerHour.get(leg.hour) ?? 0) + 1);
    // a message a milter refused after DATA never reached the queue manager: no sender, no size counted
    if (leg.from !== undefined) {
      const s = t.senders.get(leg.from) ?? { messages: 0, bytes: 0 };
      s.messages++; s.bytes += leg.size!; t.senders.set(leg.from, s);
      t.bytesReceived += leg.size!;
    }
    if (leg.ip) t.clientIps.set(leg.ip, (t.clientIps.get(leg.ip) ?? 0) + 1);
  }
  const deferredIds = new Set<string>();
  const deletedOrRequeued = new Set<string>();
  for (const { prog, body } of lines) {
    let x: RegExpExecArray | null;
    if ((x = /^([0-9A-F]{6,}): to=<([^>]*)>,.* delay=([\d.]+),.* status=(\w+) \((.*)\)$/.exec(body))) {
      const [, qid, to, delay, status, reply] = x as unknown as string[];
      const leg = legs.get(qid!)!;
      if (status === 'sent') {
        const child = /(?:queued|forwarded) as ([0-9A-F]{6,})/.exec(reply!);
        if (/^forwarded as /.test(reply!)) t.forwarded++;
        else if (/^250 2\.7\.0 Ok, discarded,/.test(reply!)) t.discarded++;
        else if (!(child && legs.has(child[1]!))) {
          t.delivered++;
          t.recipients.add(to!);
          const root = leg.msgid ? firstLeg.get(leg.msgid)! : leg;
          t.delays.push(Number(delay) + (leg.first - root.first));
        }
      } else if (status === 'deferred') { t.deferrals++; deferredIds.add(leg.msgid ?? qid!); }
      else if (status === 'bounced') t.bounced++;
    } else if (/^(?:NOQUEUE|[0-9A-F]{6,}): (?:milter-)?reject: /.test(body)) t.rejected++;
    else if (/^NOQUEUE: discard: /.test(body)) t.discarded++;
    else if (prog.endsWith('/postsuper') && (x = /^([0-9A-F]{6,}): (placed on hold|released from hold|requeued|removed)$/.exec(body))) {
      if (x[2] === 'placed on hold') t.held++;
      else if (x[2] === 'released from hold') t.released++;
      else { if (x[2] === 'requeued') t.requeued++; else t.deleted++; deletedOrRequeued.add(x[1]!); }
    } else if (prog === 'amavis' && (x = /^\(\S+\) (Passed|Blocked) ([A-Z-]+?)(?:-\d+)?[ ,]/.exec(body))) {
      filterVerdict(t, 'amavis ' + x[2]!, x[1] === 'Blocked');
      if (/\{[^}]*Quarantined[^}]*\}/.test(body)) t.quarantined++;
    } else if (prog === 'rspamd' && (x = /rspamd_task_write_log: .*\(default: [TF] \(([a-z ]+)\): \[/.exec(body))) {
      const a = x[1]!, cat = a === 'no action' ? 'CLEAN' : a === 'soft reject' || a === 'greylist' ? 'DEFERRED' : 'SPAM';
      filterVerdict(t, 'rspamd ' + cat, a === 'reject' || a === 'discard');
    } else if (prog === 'spamd' && (x = /^spamd: result: ([YN.]) /.exec(body))) filterVerdict(t, x[1] === 'Y' ? 'spamd SPAM' : 'spamd CLEAN', false);
    else if (prog === 'clamav-milter' && / infected by \S+$/.test(body)) filterVerdict(t, 'clamav-milter INFECTED', true);
    else if (prog === 'policyd-spf' && (x = /^: prepend Received-SPF: (\w+) \(/.exec(body))) count(t.auth, 'SPF ' + x[1]!.toLowerCase());
    else if (prog === 'policyd-spf' && /^: 5\d\d 5\.\d+\.\d+ Message rejected due to: SPF fail /.test(body)) count(t.auth, 'SPF fail');
    else if (prog === 'opendmarc' && (x = /^[0-9A-F]{6,}: \S+ (\w+)$/.exec(body))) count(t.auth, 'DMARC ' + x[1]!);
    else if (/: SASL \w+ authentication failed/.test(body)) { t.smtpFailed++; }
    else if (prog === 'dovecot' && (x = /^(?:imap|pop3)-login: .*\(auth failed, (\d+) attempts/.exec(body))) t.imapPopFailed += Number(x[1]);
    else if (prog.endsWith('/postscreen')) {
      if (/^PASS NEW /.test(body)) t.screen.passNew++;
      else if (/^PASS OLD /.test(body)) t.screen.passOld++;
      else if (/^PREGREET /.test(body)) t.screen.pregreet++;
      else if (/^DNSBL rank /.test(body)) t.screen.dnsbl++;
      else if (/^HANGUP /.test(body)) t.screen.hangup++;
    } else if (prog.endsWith('/dnsblog') && (x = /^addr \S+ listed by domain (\S+) as /.exec(body))) t.listHits.set(x[1]!, (t.listHits.get(x[1]!) ?? 0) + 1);
  }
  t.deferred = deferredIds.size;
  t.failedLogins = t.smtpFailed + t.imapPopFailed;
  // still in the queue: legs never removed, deleted or requeued (a requeued id continues under a new one)
  for (const [qid, leg] of legs) if (leg.from !== undefined && !leg.removed && !deletedOrRequeued.has(qid)) t.openAtEnd++;
  return t;
}
