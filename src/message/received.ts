/**
 * The Received trace (RFC 5321 §4.4): every hop in the order the servers handled the message, the protocol
 * and TLS of each, the time at each and the delay between them — and, in plain words, where the delay happened.
 * Clocks are not trusted blindly: skewed or unreadable hop times are flagged and left out of the delays.
 */
import { isIP } from 'node:net';
import type { Finding, Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import { parseMailDate, type DateProblem } from './dates.js';
import { FIX } from './spam/fixes.js';
import { headerAll, tokenize, type HeaderField } from '../mime/header-fields.js';
import { cut, fillT, formatDuration, isLoopbackIp, isNonPublicIp, orgDomain } from './util.js';

export type HopFlag = 'no-date' | 'unparseable-date' | 'clock-skew' | 'future' | 'no-ptr' | 'ptr-mismatch' | 'no-from';

/**
 * One server the message passed, read from a Received header: who handed it over, who took it, how, when, and what
 * looks wrong.
 */
export interface ReceivedHop {
  /** 1 = the first server that received the message (the bottom Received header). */
  number: number;
  /** Position of the Received field among all header fields (0 = top). */
  headerIndex: number;
  /** Name the sending side gave (HELO) or the bracketed address, as written after "from". */
  from?: string;
  /** Reverse-DNS name the receiving server found for the sender, when it wrote one. */
  fromRdns?: string;
  /** The connecting IP address. */
  fromIp?: string;
  /** The receiving server. */
  by?: string;
  /** The whole "with" clause ("ESMTPS", "Microsoft SMTP Server", …). */
  with?: string;
  /** The protocol keyword, upper-cased ("ESMTPSA", "LMTP", "HTTP", "LOCAL"). */
  protocol?: string;
  /** Transport encrypted? undefined when the header does not say (e.g. a local hand-over). */
  tls?: boolean;
  /** TLS version and cipher, when written. */
  tlsDetail?: string;
  /** The sender authenticated to this server (ESMTPA/ESMTPSA, "Authenticated sender"). */
  authenticated: boolean;
  id?: string;
  for?: string;
  /** The time this server wrote, ISO 8601 (UTC). */
  time?: string;
  timeRaw?: string;
  /** The zone offset the server wrote, minutes east of UTC. */
  zoneMinutes?: number;
  dateProblems: DateProblem[];
  /** Seconds since the previous hop with a trusted time; undefined when either time is missing or skewed. */
  delaySeconds?: number;
  /** Handed over inside one machine (loopback address or a local protocol). */
  local: boolean;
  flags: HopFlag[];
  raw: string;
}

/** Protocol keywords (RFC 3848 and the Exim/Microsoft variants): whether they mean TLS or authentication. */
export const PROTOCOLS: Record<string, { tls?: boolean; auth?: boolean; local?: boolean }> = {
  SMTP: { tls: false }, ESMTP: { tls: false }, ESMTPA: { tls: false, auth: true }, ESMTPS: { tls: true },
  ESMTPSA: { tls: true, auth: true }, LMTP: { local: true }, LMTPA: { auth: true, local: true },
  LMTPS: { tls: true, local: true }, LMTPSA: { tls: true, auth: true, local: true }, UTF8SMTP: { tls: false },
  UTF8SMTPA: { tls: false, auth: true }, UTF8SMTPS: { tls: true }, UTF8SMTPSA: { tls: true, auth: true },
  UTF8LMTP: { local: true }, UTF8LMTPS: { tls: true, local: true }, HTTP: { tls: false }, HTTPS: { tls: true },
  HTTPSA: { tls: true, auth: true }, LOCAL: { local: true }, IMAP: {}, MAPI: {}, QMQP: { tls: false },
};

const KEYWORDS = new Set(['from', 'by', 'via', 'with', 'id', 'for']);
const MAX_RECEIVED_CHARS = 4096;
/** Hops analysed in detail; a longer trace is a mail loop and is counted, not walked. */
export const MAX_HOPS = 1000;

function bracketedIp(text: string): string | undefined {
  let at = 0;
  for (let guard = 0; guard < 8; guard++) {
    const open = text.indexOf('[', at);
    if (open < 0) break;
    const close = text.indexOf(']', open);
    if (close < 0 || close - open > 60) { at = open + 1; continue; }
    const inner = text.slice(open + 1, close).replace(/^ipv6:/i, '');
    if (isIP(inner)) return inner;
    at = close + 1;
  }
  return undefined;
}

/** Parse one Received value. Never throws; missing parts stay undefined. */
export function parseReceived(value: string, headerIndex = 0): ReceivedHop {
  const v = value.length > MAX_RECEIVED_CHARS ? value.slice(0, MAX_RECEIVED_CHARS) : value;
  const semi = v.lastIndexOf(';');
  const clauses = semi >= 0 ? v.slice(0, semi) : v;
  const dateText = semi >= 0 ? v.slice(semi + 1).trim() : '';
  const parts: Record<string, { words: string[]; comments: string[] }> = {};
  let current: { words: string[]; comments: string[] } | undefined;
  const extras: string[] = [];
  for (const t of tokenize(clauses)) {
    if (t.kind === 'word' && KEYWORDS.has(t.text.toLowerCase()) && !parts[t.text.toLowerCase()]) {
      current = parts[t.text.toLowerCase()] = { words: [], comments: [] };
      continue;
    }
    if (!current) { extras.push(t.text); continue; }
    if (t.kind === 'word') current.words.push(t.text);
    else current.comments.push(t.text);
  }
  const from = parts.from;
  const hop: ReceivedHop = {
    number: 0, headerIndex, authenticated: false, local: false, dateProblems: [], flags: [], raw: cut(value.slice(0, 2000).replace(/\s+/g, ' ').trim(), 600),
  };
  if (from) {
    const name = from.words[0];
    if (name) hop.from = name.replace(/^\[|\]$/g, '').replace(/^ipv6:/i, '');
    // The connecting address is in the comment the receiver wrote ("from [192.168.1.20] (unknown [83.0.0.50])":
    // the word is only what the client said in HELO), so the comment comes first.
    hop.fromIp = bracketedIp(from.comments.join(' ')) ?? bracketedIp(from.words.join(' ')) ?? from.words.concat(from.comments.flatMap((c) => c.split(/[\s,]+/))).find((w) => isIP(w.replace(/^\[|\]$/g, '')))?.replace(/^\[|\]$/g, '');
    // Postfix writes "(name [ip])" with "unknown" when the address has no forward-confirmed PTR; Exim "(rdns [ip] helo=…)".
    for (const c of from.comments) {
      const b = c.indexOf('[');
      if (b < 0) continue;
      const before = c.slice(0, b).trim().split(/\s+/).pop() ?? '';
      if (before.toLowerCase() === 'unknown') hop.flags.push('no-ptr');
      else if (before && !before.includes('=')) hop.fromRdns = before.replace(/\.$/, '');
      if (/may be forged/i.test(c)) hop.flags.push('ptr-mismatch');
      break;
    }
  } else hop.flags.push('no-from');
  if (parts.by?.words[0]) hop.by = parts.by.words[0];
  const withText = parts.with ? [...parts.with.words].join(' ') : undefined;
  if (withText) {
    hop.with = cut(withText, 120);
    hop.protocol = parts.with!.words[0]!.toUpperCase();
  }
  if (parts.id?.words[0]) hop.id = cut(parts.id.words[0], 80);
  if (parts.for?.words[0]) hop.for = cut(parts.for.words[0].replace(/^<|>;?$/g, ''), 120);
  const proto = hop.protocol ? PROTOCOLS[hop.protocol] : undefined;
  // TLS and authentication notes may follow any clause ("for <x> (version=TLS1_3 …)" in Gmail's headers).
  const commentText = [
    ...Object.values(parts).flatMap((p) => p.comments), ...(parts.with?.words.slice(1) ?? []), ...extras,
  ].join(' ');
  const tlsMatch = /\b(TLS ?v?1[._]?[0-3]|TLS1_[0-3]|SSLv3|version=TLS[^\s,;)]*|using TLS[^\s,;)]*|cipher=[^\s,;)]+|with cipher [^\s)]+)/i.exec(commentText.slice(0, 2000));
  if (tlsMatch) {
    hop.tls = true;
    // Just the version when one is named ("TLSv1.3", "TLS1_2"); else what was written.
    const version = /TLS ?v?1[._]?[0-3]|SSLv3/i.exec(tlsMatch[0])?.[0];
    hop.tlsDetail = cut(version ?? tlsMatch[0], 40);
  }
  else if (proto?.tls !== undefined) hop.tls = proto.tls;
  if (proto?.tls && !hop.tls) hop.tls = true;
  hop.authenticated = Boolean(proto?.auth) || /authenticated sender|\bauth=|\(authenticated/i.test(commentText.slice(0, 2000));
  hop.local = Boolean(proto?.local) || isLoopbackIp(hop.fromIp) || (!!hop.from && /^localhost$/i.test(hop.from) && !hop.fromIp);
  if (hop.local && hop.tls === false && proto?.local) delete hop.tls;
  if (!dateText) { hop.flags.push('no-date'); hop.dateProblems.push('empty'); }
  else {
    hop.timeRaw = cut(dateText, 80);
    const d = parseMailDate(dateText);
    hop.dateProblems = d.problems;
    if (d.date) { hop.time = d.date.toISOString(); hop.zoneMinutes = d.offsetMinutes; }
    else hop.flags.push('unparseable-date');
  }
  return hop;
}

/** The path the message took, in order, with the transit time and where the recipient's side took it over. */
export interface ReceivedAnalysis {
  /** Chronological: hops[0] is the first server. At most MAX_HOPS. */
  hops: ReceivedHop[];
  /** All Received fields, also those beyond MAX_HOPS. */
  total: number;
  /** Total transit time from the first to the last trusted hop time, in seconds. */
  transitSeconds?: number;
  /** The hop where the recipient's side accepted the message from the sender's side (see `receivingHop`). */
  receivingHop?: number;
}

/** The organizational domain of a host name; undefined for an address literal or a name without a dot. */
function hostOrg(name: string | undefined): string | undefined {
  if (!name || !name.includes('.') || isIP(name.replace(/^\[|\]$/g, ''))) return undefined;
  return orgDomain(name.replace(/\.$/, ''));
}

/**
 * The receiving hop: where the recipient's side took the message from the outside world — the SPF and block
 * list IP. Walking from the newest hop down, hand-overs inside the recipient's organization are skipped
 * (Outlook's and WP's internal hops carry public addresses too: the sender's name is in the same
 * organizational domain as a server already on the recipient's side), and so are loopback and private ones.
 * A hop that an authenticated sender submitted to is not a receiving hop: the newest internal hop with a
 * public address (mail within one provider), else the later hop with a private address from outside the
 * recipient's organization, else the newest later hop, is then taken. Without any of these: the last hop with a public
 * address, else the last non-loopback one, else the last hop with any address.
 */
export function receivingHop(hops: readonly ReceivedHop[]): ReceivedHop | undefined {
  const orgs = new Set<string>();
  let internalPublic: ReceivedHop | undefined;
  let laterPrivate: ReceivedHop | undefined;
  let externalPrivate: ReceivedHop | undefined;
  for (let i = hops.length - 1; i >= 0; i--) {
    const h = hops[i]!;
    const byOrg = hostOrg(h.by);
    if (byOrg) orgs.add(byOrg);
    if (!h.fromIp || isLoopbackIp(h.fromIp)) continue;
    const fromOrg = hostOrg(h.fromRdns) ?? hostOrg(h.from);
    const inside = Boolean(fromOrg && orgs.has(fromOrg));
    if (isNonPublicIp(h.fromIp)) { if (!inside) externalPrivate ??= h; laterPrivate ??= h; continue; }
    // A submission hop (the sender logged in) is where the sender's own provider took the message, never the
    // recipient's side, as long as a later hop exists.
    if (h.authenticated) return internalPublic ?? externalPrivate ?? laterPrivate ?? h;
    if (inside) { internalPublic ??= h; continue; }
    return h;
  }
  if (internalPublic) return internalPublic;
  const withIp = hops.filter((h) => h.fromIp);
  return [...withIp].reverse().find((h) => !isNonPublicIp(h.fromIp!)) ??
    [...withIp].reverse().find((h) => !isLoopbackIp(h.fromIp)) ?? withIp[withIp.length - 1];
}

/** Parse the whole trace and compute delays; `now` decides what "in the future" means. */
export function analyzeReceived(fields: readonly HeaderField[], now: Date): ReceivedAnalysis {
  const all = headerAll(fields, 'received');
  // Top is newest: the first server's header is at the bottom. Beyond MAX_HOPS keep the oldest ones.
  const kept = all.slice(-MAX_HOPS).reverse();
  const hops = kept.map((f, i) => ({ ...parseReceived(f.value, f.index), number: i + 1 }));
  const future = now.getTime() + 5 * 60_000;
  const timedHops: { h: ReceivedHop; t: number }[] = [];
  for (const h of hops) {
    if (!h.time) continue;
    const t = Date.parse(h.time);
    if (t > future) h.flags.push('future');
    else timedHops.push({ h, t });
  }
  // Which clocks to trust: the largest set of hops whose times run forward in header order (a minute of
  // drift allowed). One server with a wrong clock then stands out alone instead of putting every later hop
  // in doubt. Ties prefer the later hops (the receiver's own clocks).
  const n = timedHops.length;
  const best = new Array<number>(n).fill(1);
  const from = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    // Looking back 64 timed hops is plenty for real traces and keeps a 10,000-hop loop linear.
    for (let j = i - 1; j >= Math.max(0, i - 64); j--) {
      if (timedHops[j]!.t <= timedHops[i]!.t + 60_000 && best[j]! + 1 > best[i]!) { best[i] = best[j]! + 1; from[i] = j; }
    }
  }
  let end = -1;
  for (let i = 0; i < n; i++) if (end < 0 || best[i]! >= best[end]!) end = i;
  const trusted = new Set<number>();
  for (let i = end; i >= 0; i = from[i]!) trusted.add(i);
  let prev: { h: ReceivedHop; t: number } | undefined;
  for (let i = 0; i < n; i++) {
    const cur = timedHops[i]!;
    if (!trusted.has(i)) { cur.h.flags.push('clock-skew'); continue; }
    if (prev) cur.h.delaySeconds = Math.max(0, (cur.t - prev.t) / 1000);
    prev = cur;
  }
  const timed = hops.filter((h) => h.time && !h.flags.includes('future') && !h.flags.includes('clock-skew'));
  const out: ReceivedAnalysis = { hops, total: all.length };
  if (timed.length >= 2) out.transitSeconds = (Date.parse(timed[timed.length - 1]!.time!) - Date.parse(timed[0]!.time!)) / 1000;
  const r = receivingHop(hops);
  if (r) out.receivingHop = r.number;
  return out;
}

const T = {
  none: {
    summary: tx('The message has no Received headers: its path cannot be traced.', 'Wiadomość nie ma nagłówków Received: nie da się odtworzyć jej drogi.'),
    detail: tx('Every mail server that handles a message adds a Received header on top. None here means the headers were copied only in part (copy them all, "show original"), or the message never passed a server.',
      'Każdy serwer poczty, który obsługuje wiadomość, dopisuje na górze nagłówek Received. Ich brak oznacza, że nagłówki skopiowano tylko częściowo (skopiuj wszystkie, „pokaż oryginał”), albo wiadomość nie przeszła przez żaden serwer.'),
  },
  path: tx('Path: {n} {hops} from {first} to {last}{transit}.', 'Trasa: {n} {hops} od {first} do {last}{transit}.'),
  pathDetailRecv: tx('{base} Hop {n} is where {by} took the message from {from} [{ip}]: the IP that SPF and block lists judge.', '{base} Etap {n} to miejsce, w którym {by} przyjął wiadomość od {from} [{ip}]: ten adres IP oceniają SPF i czarne listy.'),
  pathDetailLocal: tx('{base} The message came in from {ip} on the same machine: it was submitted or handed over locally, so no outside server\'s IP is there for SPF and block lists to judge.', '{base} Wiadomość przyszła z adresu {ip} na tej samej maszynie: została nadana lub przekazana lokalnie, więc nie ma tu adresu IP zewnętrznego serwera, który mogłyby ocenić SPF i czarne listy.'),
  pathDetail: tx('Read from the bottom Received header (the first server) to the top one (the last). The table shows each hop: who handed the message over, who took it, the protocol, TLS and the time.',
    'Kolejność: od dolnego nagłówka Received (pierwszy serwer) do górnego (ostatni). Tabela pokazuje każdy etap: kto przekazał wiadomość, kto ją przyjął, protokół, TLS i czas.'),
  transit: tx(' in {t}', ' w czasie {t}'),
  delay: tx('{t} between hop {a} and hop {b}: {where}.', '{t} między etapem {a} a {b}: {where}.'),
  whereSender: tx('the message waited in the queue of the sender\'s server {host} before the next server accepted it',
    'wiadomość czekała w kolejce serwera nadawcy {host}, zanim przyjął ją następny serwer'),
  whereFilter: tx('the time went on a content filter (spam/virus scanning) on {host}',
    'ten czas zajął filtr treści (skanowanie antyspamowe/antywirusowe) na {host}'),
  whereDelivery: tx('the message waited on the receiving server {host} before it was put into the mailbox',
    'wiadomość czekała na serwerze odbiorcy {host}, zanim trafiła do skrzynki'),
  whereInside: tx('the message waited inside {org}, between its own servers {host} and {next}',
    'wiadomość czekała wewnątrz {org}, między jej własnymi serwerami {host} i {next}'),
  whereMiddle: tx('the message waited at {host} (queue, content filter or retries) before {next} accepted it',
    'wiadomość czekała na {host} (kolejka, filtr treści albo ponawianie prób), zanim przyjął ją {next}'),
  zoneDelay: tx('{t} between hop {a} and hop {b}, exactly the difference between the time zones they wrote ({za} and {zb}): most likely one of the two servers writes its local time with the wrong zone, and the message did not really wait.',
    '{t} między etapem {a} a {b} — dokładnie tyle, ile wynosi różnica zapisanych stref czasowych ({za} i {zb}): najpewniej jeden z tych serwerów zapisuje czas lokalny z błędną strefą, a wiadomość wcale nie czekała.'),
  zoneWritten: tx('{t} between the Date of the message and the first server, exactly the difference between the time zones they wrote ({za} and {zb}): most likely the sender\'s computer or program uses the wrong time zone, and the message did not really wait.',
    '{t} między datą wiadomości (Date) a pierwszym serwerem — dokładnie tyle, ile wynosi różnica zapisanych stref czasowych ({za} i {zb}): najpewniej komputer lub program nadawcy używa błędnej strefy czasowej, a wiadomość wcale nie czekała.'),
  tooLong: tx('{t} between hop {a} and hop {b}: longer than any mail server keeps a message in its queue (5 days at most by default), so one of the two clocks is wrong rather than the message waiting.',
    '{t} między etapem {a} a {b}: dłużej, niż jakikolwiek serwer poczty trzyma wiadomość w kolejce (domyślnie najwyżej 5 dni), więc raczej zegar jednego z serwerów jest źle ustawiony, niż wiadomość tyle czekała.'),
  zoneAdvice: tx('Whoever runs the machine with the wrong zone should set its time zone (e.g. timedatectl set-timezone Europe/Warsaw) and keep its clock synchronized (NTP); the delay itself needs no fix.',
    'Osoba odpowiedzialna za maszynę z błędną strefą powinna ustawić na niej strefę czasową (np. timedatectl set-timezone Europe/Warsaw) i synchronizację zegara (NTP); samo opóźnienie nie wymaga naprawy.'),
  delayDetail: tx('The time between two hops is time the message spent on the server of the earlier hop: in its queue, in a content filter, or waiting to retry because the next server did not answer or deferred it (4xx). Clocks of different servers may also be off by a few minutes.',
    'Czas między dwoma etapami to czas, który wiadomość spędziła na serwerze wcześniejszego etapu: w kolejce, w filtrze treści albo w oczekiwaniu na ponowienie, bo kolejny serwer nie odpowiadał lub ją odroczył (4xx). Zegary różnych serwerów mogą też różnić się o kilka minut.'),
  delayAdvice: [
    tx('If the delay is at the sender\'s server, ask its administrator for the log lines of this message (its queue ID is in the "id" of that hop): they show why it was deferred.',
      'Jeśli opóźnienie powstało na serwerze nadawcy, poproś jego administratora o wpisy z logu dotyczące tej wiadomości (jej identyfikator kolejki jest w polu „id” tego etapu): pokażą, dlaczego została odroczona.'),
    tx('Deferrals by the receiving server (greylisting, rate limits) show as delays at the hop before it; they clear by themselves.',
      'Odroczenia przez serwer odbiorcy (greylisting, limity) widać jako opóźnienie na etapie przed nim; mijają same.'),
  ],
  skew: tx('Hop {n} ({host}) is dated {t} earlier than the hop before it: its server\'s clock is behind (or the other\'s is ahead).', 'Etap {n} ({host}) ma czas o {t} wcześniejszy niż poprzedni etap: zegar jego serwera się spóźnia (albo tamten się spieszy).'),
  skewAhead: tx('Hop {n} ({host}) is dated {t} later than the hops after it: its server\'s clock is ahead.', 'Etap {n} ({host}) ma czas o {t} późniejszy niż kolejne etapy: zegar jego serwera się spieszy.'),
  future: tx('Hop {n} ({host}) is dated in the future ({time}): that server\'s clock is wrong.', 'Etap {n} ({host}) ma datę z przyszłości ({time}): zegar tego serwera jest źle ustawiony.'),
  skewDetail: tx('Delays involving this hop are not computed: a wrong clock would give invented numbers. The order of the headers, not their times, tells the real order.',
    'Opóźnień z udziałem tego etapu nie liczymy: zły zegar dałby zmyślone liczby. O prawdziwej kolejności mówi kolejność nagłówków, a nie ich czasy.'),
  skewAdvice: tx('The administrator of that server should synchronize its clock (NTP, e.g. chrony or systemd-timesyncd).', 'Administrator tego serwera powinien zsynchronizować zegar (NTP, np. chrony lub systemd-timesyncd).'),
  badDate: tx('Hop {n} ({host}) has no readable time: "{raw}".', 'Etap {n} ({host}) nie ma czytelnego czasu: „{raw}”.'),
  noDate: tx('Hop {n} ({host}) has no time: the header does not end with "; date".', 'Etap {n} ({host}) nie ma czasu: nagłówek nie kończy się „; data”.'),
  badDateDetail: tx('The Received header must end with "; date". Without a readable date the delays around this hop are unknown.',
    'Nagłówek Received musi kończyć się „; data”. Bez czytelnej daty opóźnienia wokół tego etapu są nieznane.'),
  noTls: tx('Hop {n} ({from} → {by}) was not encrypted (no TLS).', 'Etap {n} ({from} → {by}) nie był szyfrowany (brak TLS).'),
  noTlsDetail: tx('The message crossed the network in plain text on this hop: anyone on the way could read it. Between two Internet servers TLS is expected today; some receivers rate unencrypted mail worse.',
    'Na tym etapie wiadomość przeszła przez sieć otwartym tekstem: każdy po drodze mógł ją przeczytać. Między dwoma serwerami w Internecie oczekuje się dziś TLS; niektórzy odbiorcy oceniają pocztę bez szyfrowania gorzej.'),
  noTlsAdvice: tx('The sending server should use STARTTLS when the receiver offers it (Postfix: smtp_tls_security_level = may).', 'Serwer wysyłający powinien używać STARTTLS, gdy odbiorca to oferuje (Postfix: smtp_tls_security_level = may).'),
  noPtr: tx('The sending IP {ip} has no reverse DNS (PTR) name, according to the receiving server.', 'Adres IP nadawcy {ip} nie ma nazwy w odwrotnym DNS (PTR) — tak zapisał serwer odbiorcy.'),
  noPtrDetail: tx('Postfix writes "unknown" when the connecting address has no PTR record or its name does not point back to the address. Many receivers score such mail as spam or refuse it.',
    'Postfix wpisuje „unknown”, gdy adres IP serwera nadawcy nie ma rekordu PTR albo nazwa z PTR nie wskazuje z powrotem na ten adres. Wielu odbiorców ocenia taką pocztę jako spam albo ją odrzuca.'),
  forged: tx('The receiving server marked the sender\'s name as "may be forged" (hop {n}).', 'Serwer odbiorcy oznaczył nazwę nadawcy jako „may be forged” (etap {n}).'),
  forgedDetail: tx('The PTR name of the sending IP does not resolve back to that IP. Receivers distrust such servers.', 'Nazwa z PTR adresu IP nadawcy nie wskazuje z powrotem na ten adres. Odbiorcy nie ufają takim serwerom.'),
  loop: tx('{n} Received headers: the message went round in a mail loop.', 'Liczba nagłówków Received: {n} — wiadomość krążyła w pętli pocztowej.'),
  loopDetail: tx('Mail servers give up after about 50–100 hops ("too many hops"). So many hops mean two servers forward the message to each other (e.g. a forward that points back, or an MX pointing to a server that does not consider itself the destination). Only the first {kept} were analysed.',
    'Serwery poczty poddają się po ok. 50–100 etapach („too many hops”). Tyle etapów oznacza, że dwa serwery przekazują sobie wiadomość nawzajem (np. przekierowanie wskazujące z powrotem albo MX wskazujący serwer, który nie uważa się za cel). Przeanalizowano tylko pierwsze {kept}.'),
  loopAdvice: tx('Look at the hosts that repeat in the trace and fix the forwarding or the MX/relay setting between them.', 'Sprawdź, które serwery powtarzają się na trasie, i popraw przekierowanie albo ustawienia MX lub serwera pośredniczącego (relay) między nimi.'),
  written: tx('{t} between the Date of the message and the first server: the message waited in the sender\'s outbox, or the sender\'s clock is wrong.',
    '{t} między datą wiadomości (Date) a pierwszym serwerem: wiadomość czekała w skrzynce nadawczej albo zegar nadawcy jest źle ustawiony.'),
  writtenDetail: tx('The Date header is set by the program that wrote the message, when it was written or sent; the first Received header when a server took it.',
    'Nagłówek Date ustawia program, który napisał wiadomość — w chwili napisania lub wysłania; pierwszy nagłówek Received — gdy przyjął ją serwer.'),
};

const host = (s: string | undefined) => s ?? '?';

/** Longer than Postfix's maximal_queue_lifetime (5 d) and Exim's usual retry limit, with a day to spare. */
const MAX_QUEUE_SECONDS = 6 * 86400;

/** "+0900", "-0700": a zone offset as mail headers write it. */
function zoneText(min: number): string {
  const a = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

/**
 * A gap that is exactly the difference between two written zones (within 2 min): a server writing local time
 * with the wrong zone, not a wait. Anonymized samples and misconfigured servers show it as a whole-hour gap.
 */
function zoneExplains(seconds: number, za: number | undefined, zb: number | undefined): boolean {
  if (za === undefined || zb === undefined || za === zb) return false;
  return Math.abs(Math.abs(seconds) - Math.abs(za - zb) * 60) <= 120;
}

/** "1 hop", "3 hops"; "1 etap", "3 etapy", "5 etapów". */
function hopsWord(n: number): Text {
  const pl = n === 1 ? 'etap' : n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? 'etapy' : 'etapów';
  return { en: n === 1 ? 'hop' : 'hops', pl };
}

/** Where a delay between hop p and the later hop h happened, in plain words (data decides, not guesses). */
function whereDelayed(p: ReceivedHop, h: ReceivedHop): Text {
  const by = host(p.by);
  const next = host(h.by);
  // A hand-over on one machine (loopback) into a filter such as amavis or a milter.
  if (h.local && !PROTOCOLS[h.protocol ?? '']?.local && isLoopbackIp(h.fromIp)) return fill(T.whereFilter, { host: by });
  if (PROTOCOLS[h.protocol ?? '']?.local) return fill(T.whereDelivery, { host: by });
  if (p.number === 1 && (p.authenticated || p.local || !p.fromIp || isNonPublicIp(p.fromIp))) return fill(T.whereSender, { host: by });
  const o1 = p.by && /\./.test(p.by) ? orgDomain(p.by) : undefined;
  const o2 = h.by && /\./.test(h.by) ? orgDomain(h.by) : undefined;
  if (o1 && o1 === o2) return fill(T.whereInside, { org: o1, host: by, next });
  if (p.number === 1) return fill(T.whereSender, { host: by });
  return fill(T.whereMiddle, { host: by, next });
}

/** Findings about the path: loop, missing trace, delays in plain words, skew, TLS, PTR. */
export function receivedFindings(r: ReceivedAnalysis, messageDate: Date | undefined, messageZoneMinutes?: number): Finding[] {
  const out: Finding[] = [];
  const { hops } = r;
  if (!r.total) {
    out.push({ check: 'message.received.none', status: 'info', subject: 'Received', summary: T.none.summary, detail: T.none.detail });
    return out;
  }
  const first = hops[0]!;
  const last = hops[hops.length - 1]!;
  const recvHop = r.receivingHop ? hops[r.receivingHop - 1] : undefined;
  out.push({
    check: 'message.received.path', status: 'info', subject: 'Received',
    summary: fillT(T.path, {
      n: r.total, hops: hopsWord(r.total), first: host(first.from ?? first.by), last: host(last.by),
      transit: r.transitSeconds !== undefined ? fill(T.transit, { t: formatDuration(r.transitSeconds) }) : '',
    }),
    detail: recvHop?.fromIp && isLoopbackIp(recvHop.fromIp) ? fillT(T.pathDetailLocal, { base: T.pathDetail, ip: recvHop.fromIp })
      : recvHop?.fromIp ? fillT(T.pathDetailRecv, { base: T.pathDetail, n: recvHop.number, by: host(recvHop.by), ip: recvHop.fromIp, from: host(recvHop.fromRdns ?? recvHop.from) }) : T.pathDetail,
    data: { hops: hops.length, total: r.total, transitSeconds: r.transitSeconds, receivingHop: r.receivingHop },
  });
  if (r.total > 50) {
    out.push({
      check: 'message.received.loop', status: 'error', subject: `${r.total} × Received`,
      summary: fill(T.loop, { n: r.total }), detail: fill(T.loopDetail, { kept: hops.length }), advice: [T.loopAdvice],
      diagnosis: { reason: 'systemerror', permanence: 'permanent', actor: 'your-provider', retry: 'after-fix', rule: 'received:loop' },
    });
  }
  // Date header → first hop.
  if (messageDate && first.time && !first.flags.includes('future')) {
    const d = (Date.parse(first.time) - messageDate.getTime()) / 1000;
    if (d >= 15 * 60) {
      const zone = zoneExplains(d, messageZoneMinutes, first.zoneMinutes);
      out.push({
        check: 'message.received.delay', status: zone ? 'info' : d >= 3600 ? 'warn' : 'info', subject: `Date → ${host(first.by)}`,
        summary: zone ? fill(T.zoneWritten, { t: formatDuration(d), za: zoneText(messageZoneMinutes!), zb: zoneText(first.zoneMinutes!) }) : fill(T.written, { t: formatDuration(d) }),
        detail: T.writtenDetail, ...(zone ? { advice: [T.zoneAdvice] } : {}),
        data: { fromHop: 0, toHop: 1, seconds: d, ...(zone ? { zoneMismatch: true } : {}) },
      });
    }
  }
  // The biggest delays between hops (at most 3 reported, each ≥ 5 min).
  const gaps = hops.map((h, i) => ({ h, i })).filter(({ h }) => (h.delaySeconds ?? 0) >= 300)
    .sort((a, b) => b.h.delaySeconds! - a.h.delaySeconds!).slice(0, 3);
  for (const { h, i } of gaps) {
    // The previous trusted hop: the one the delay is measured from.
    let j = i - 1;
    while (j >= 0 && !(hops[j]!.time && !hops[j]!.flags.some((f) => f === 'future' || f === 'clock-skew'))) j--;
    const p = hops[Math.max(j, 0)]!;
    const t = formatDuration(h.delaySeconds!);
    const evidence = [{ kind: 'header' as const, label: `Received #${p.number}`, value: p.raw }, { kind: 'header' as const, label: `Received #${h.number}`, value: h.raw }];
    if (zoneExplains(h.delaySeconds!, p.zoneMinutes, h.zoneMinutes)) {
      out.push({
        check: 'message.received.delay', status: 'info', subject: `${host(p.by)} → ${host(h.by)}`,
        summary: fill(T.zoneDelay, { t, a: p.number, b: h.number, za: zoneText(p.zoneMinutes!), zb: zoneText(h.zoneMinutes!) }),
        detail: T.delayDetail, advice: [T.zoneAdvice], evidence,
        data: { fromHop: p.number, toHop: h.number, seconds: h.delaySeconds, zoneMismatch: true },
      });
      continue;
    }
    if (h.delaySeconds! > MAX_QUEUE_SECONDS) {
      out.push({
        check: 'message.received.delay', status: 'warn', subject: `${host(p.by)} → ${host(h.by)}`,
        summary: fill(T.tooLong, { t, a: p.number, b: h.number }), detail: T.skewDetail, advice: [T.skewAdvice], evidence,
        data: { fromHop: p.number, toHop: h.number, seconds: h.delaySeconds, beyondQueueLifetime: true },
      });
      continue;
    }
    const where = whereDelayed(p, h);
    out.push({
      check: 'message.received.delay', status: h.delaySeconds! >= 3600 ? 'warn' : 'info', subject: `${host(p.by)} → ${host(h.by)}`,
      summary: fillT(T.delay, { t, a: p.number, b: h.number, where }),
      detail: T.delayDetail, advice: T.delayAdvice, evidence,
      data: { fromHop: p.number, toHop: h.number, seconds: h.delaySeconds },
    });
  }
  let skewShown = 0;
  let badShown = 0;
  for (const h of hops) {
    if (h.flags.includes('future') && skewShown++ < 3) {
      out.push({ check: 'message.received.clock-skew', status: 'warn', subject: host(h.by), summary: fill(T.future, { n: h.number, host: host(h.by), time: h.time! }), detail: T.skewDetail, advice: [T.skewAdvice], evidence: [{ kind: 'header', label: `Received #${h.number}`, value: h.raw }] });
    } else if (h.flags.includes('clock-skew') && skewShown++ < 3) {
      const t = Date.parse(h.time!);
      const ok = (x: ReceivedHop) => x.time && !x.flags.includes('future') && !x.flags.includes('clock-skew');
      const before = hops.slice(0, h.number - 1).reverse().find(ok);
      const after = hops.slice(h.number).find(ok);
      const behind = before && t < Date.parse(before.time!);
      const off = behind ? (Date.parse(before.time!) - t) / 1000 : after ? (t - Date.parse(after.time!)) / 1000 : 0;
      out.push({ check: 'message.received.clock-skew', status: 'warn', subject: host(h.by), summary: fill(behind || !after ? T.skew : T.skewAhead, { n: h.number, host: host(h.by), t: formatDuration(off) }), detail: T.skewDetail, advice: [T.skewAdvice], evidence: [{ kind: 'header', label: `Received #${h.number}`, value: h.raw }] });
    }
    if ((h.flags.includes('unparseable-date') || h.flags.includes('no-date')) && badShown++ < 3) {
      out.push({ check: 'message.received.bad-date', status: 'warn', subject: host(h.by), summary: fill(h.timeRaw ? T.badDate : T.noDate, { n: h.number, host: host(h.by), raw: h.timeRaw ?? '' }), detail: T.badDateDetail, evidence: [{ kind: 'header', label: `Received #${h.number}`, value: h.raw }] });
    }
  }
  const hidden = hops.filter((h) => h.flags.includes('future') || h.flags.includes('clock-skew')).length - Math.min(skewShown, 3);
  const hiddenBad = hops.filter((h) => h.flags.includes('unparseable-date') || h.flags.includes('no-date')).length - Math.min(badShown, 3);
  if (hidden > 0 || hiddenBad > 0) {
    out.push({ check: 'message.received.more', status: 'info', subject: 'Received', summary: tx(`${hidden + hiddenBad} more hops with a wrong or unreadable time are not listed one by one.`, `Kolejnych ${hidden + hiddenBad} etapów ze złym lub nieczytelnym czasem nie wymieniamy osobno.`) });
  }
  // TLS: only hops between two machines over a network.
  const plain = hops.filter((h) => h.tls === false && !h.local && h.fromIp).slice(0, 3);
  for (const h of plain) {
    const pub = !isNonPublicIp(h.fromIp!);
    out.push({ check: 'message.received.no-tls', status: pub ? 'warn' : 'info', subject: `${host(h.from)} → ${host(h.by)}`, summary: fill(T.noTls, { n: h.number, from: host(h.from), by: host(h.by) }), detail: T.noTlsDetail, advice: [T.noTlsAdvice], evidence: [{ kind: 'header', label: `Received #${h.number}`, value: h.raw }], data: { hop: h.number, spamWeight: pub ? 1 : 0 } });
  }
  const recv = r.receivingHop ? hops[r.receivingHop - 1] : undefined;
  if (recv?.flags.includes('no-ptr') && recv.fromIp) {
    out.push({ check: 'message.received.no-ptr', status: 'warn', subject: recv.fromIp, summary: fill(T.noPtr, { ip: recv.fromIp }), detail: T.noPtrDetail, advice: [FIX.ptr], evidence: [{ kind: 'header', label: `Received #${recv.number}`, value: recv.raw }], seeAlso: [`mailmedic domain ${recv.from ?? ''}`.trim()], data: { hop: recv.number, spamWeight: 3 } });
  }
  if (recv?.flags.includes('ptr-mismatch')) {
    out.push({ check: 'message.received.ptr-mismatch', status: 'warn', subject: recv.fromIp ?? host(recv.from), summary: fill(T.forged, { n: recv.number }), detail: T.forgedDetail, advice: [FIX.ptr], data: { hop: recv.number, spamWeight: 2 } });
  }
  return out;
}
