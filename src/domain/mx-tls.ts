/**
 * TLS of every MX: does each mail server of the domain offer STARTTLS on port 25, with which protocol, and does its
 * certificate name the MX host and stay valid? The SMTP session itself is the probe capability's; it reaches this
 * check as a parameter (so the domain capability loads no socket code, and tests and fleets pass their own).
 */
import type { Finding, Text } from '../core/finding.js';
import { fill, tx } from '../i18n/text.js';
import type { ProbeResult } from '../probe/common.js';
import type { CertSummary } from '../probe/tls.js';
import { finding } from './util.js';

/** One SMTP session to a host and port with STARTTLS when offered (e.g. `(o) => probeSmtp({ ...o, tls: 'auto' }, deps)`). */
export type MxSessionFn = (o: { host: string; port: number }) => Promise<ProbeResult>;

/**
 * How to check the TLS of every MX: the SMTP session to use (the probe's, passed in), the port, how many at once, and
 * the certificate warning threshold in days.
 */
export interface MxTlsOptions {
  /** The SMTP session (see MxSessionFn). */
  session: MxSessionFn;
  /** Port of the MX servers (default 25; tests use the loopback servers' own). */
  port?: number;
  /** At most this many sessions at once (default 4). */
  concurrency?: number;
  /** Days before expiry from which a certificate gets a warning (default 14). */
  warnDays?: number;
}

/** What one MX answered. */
export interface MxTlsResult {
  host: string;
  port: number;
  reached: boolean;
  starttls: boolean;
  protocol?: string;
  daysLeft?: number;
  nameMatches?: boolean;
  trusted?: boolean;
  validTo?: string;
}

/** The chain an MX presented (leaf first) and whether it names the host: what DANE compares TLSA records with. */
export interface PresentedCertificate { chain: readonly CertSummary[]; nameMatches: boolean; nameError?: string }

const T = {
  unreachable: tx('{host}: port {port} did not answer ({why}), so its TLS was not checked.', '{host}: port {port} nie odpowiedział ({why}), więc nie sprawdzono jego TLS.'),
  unreachableDetail: tx('From many networks (home, cloud, hosting) outgoing port 25 is blocked: check from a mail server, or the MX is down.',
    'W wielu sieciach (domowych, chmurowych, hostingowych) wychodzący port 25 jest zablokowany: sprawdź to z serwera poczty — albo serwer MX nie działa.'),
  noStarttls: tx('{host} does not offer STARTTLS: mail to this domain travels unencrypted.', '{host} nie oferuje STARTTLS: poczta do tej domeny płynie bez szyfrowania.'),
  noStarttlsAdvice: tx('Turn on STARTTLS on the mail server with a certificate for {host} (Postfix: smtpd_tls_security_level = may).',
    'Włącz STARTTLS na serwerze poczty z certyfikatem dla {host} (Postfix: smtpd_tls_security_level = may).'),
  expired: tx('{host}: its certificate expired {days} day(s) ago ({validTo}).', '{host}: jego certyfikat wygasł {days} dni temu ({validTo}).'),
  expiring: tx('{host}: its certificate expires in {days} day(s) ({validTo}).', '{host}: jego certyfikat wygasa za {days} dni ({validTo}).'),
  renew: tx('Renew the certificate of {host} and reload the mail server.', 'Odnów certyfikat {host} i przeładuj serwer poczty.'),
  name: tx('{host}: its certificate does not name the MX host ({error}).', '{host}: jego certyfikat nie obejmuje nazwy serwera MX ({error}).'),
  nameDetail: tx('Senders that verify (MTA-STS, DANE, many large providers on the way) refuse or downgrade such a server; opportunistic TLS still encrypts.',
    'Nadawcy, którzy weryfikują certyfikat (MTA-STS, DANE, część dużych dostawców), odrzucą taki serwer lub obniżą poziom; zwykłe oportunistyczne TLS nadal szyfruje.'),
  nameAdvice: tx('Use a certificate whose names include {host} (or point the MX at the name the certificate has).',
    'Użyj certyfikatu, którego nazwy obejmują {host} (albo wskaż w MX nazwę, na którą wystawiono certyfikat).'),
  oldTls: tx('{host} speaks only {protocol}: too old, refused by current senders.', '{host} obsługuje tylko {protocol}: to za stara wersja, odrzucana przez współczesnych nadawców.'),
  untrusted: tx('{host}: STARTTLS with {protocol}; the certificate is not from a trusted authority ({why}).', '{host}: STARTTLS z {protocol}; certyfikat nie pochodzi od zaufanego wystawcy ({why}).'),
  ok: tx('{host}: STARTTLS with {protocol}; certificate for {host} valid until {validTo} ({days} days).', '{host}: STARTTLS z {protocol}; certyfikat dla {host} ważny do {validTo} (dni: {days}).'),
};

const at = (t: Text, p: Record<string, string | number>) => fill(t, p);

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  }));
  return out;
}

/** The TLS of each MX host, as findings (dns.mx.tls.*) and one result per host. */
export async function checkMxTls(hosts: readonly string[], o: MxTlsOptions): Promise<{ findings: Finding[]; results: MxTlsResult[]; presented: Map<string, PresentedCertificate> }> {
  const port = o.port ?? 25;
  const warnDays = o.warnDays ?? 14;
  const findings: Finding[] = [];
  const presented = new Map<string, PresentedCertificate>();
  const results = await mapLimit([...new Set(hosts)], o.concurrency ?? 4, async (host): Promise<MxTlsResult> => {
    const subject = `${host}:${port}`;
    let r: ProbeResult;
    try {
      r = await o.session({ host, port });
    } catch (e) {
      findings.push(finding('dns.mx.tls.unreachable', 'unknown', subject, at(T.unreachable, { host, port, why: String((e as Error).message).slice(0, 200) }), { detail: T.unreachableDetail }));
      return { host, port, reached: false, starttls: false };
    }
    const tls = r.tls;
    const starttls = Boolean(tls) || 'STARTTLS' in (r.capabilities ?? {});
    if (!tls && !r.capabilities) {
      const why = r.findings.find((f) => f.status === 'error' || f.status === 'unknown')?.summary.en ?? 'no answer';
      findings.push(finding('dns.mx.tls.unreachable', 'unknown', subject, at(T.unreachable, { host, port, why: why.slice(0, 200) }), { detail: T.unreachableDetail }));
      return { host, port, reached: false, starttls: false };
    }
    if (!tls) {
      findings.push(finding('dns.mx.tls.no-starttls', 'warn', subject, at(T.noStarttls, { host }), { advice: [at(T.noStarttlsAdvice, { host })] }));
      return { host, port, reached: true, starttls };
    }
    presented.set(host, { chain: tls.chain, nameMatches: tls.nameMatches, ...(tls.nameError ? { nameError: tls.nameError } : {}) });
    const leaf = tls.chain[0];
    const validTo = leaf?.validTo ?? '?';
    const base: MxTlsResult = { host, port, reached: true, starttls: true, protocol: tls.protocol, daysLeft: tls.daysLeft, nameMatches: tls.nameMatches, trusted: tls.trusted, validTo };
    const evidence = leaf ? [{ kind: 'other' as const, label: 'certificate', value: `${leaf.subject}; names: ${leaf.names.slice(0, 10).join(', ')}; issuer: ${leaf.issuer}; valid to ${validTo}` }] : [];
    let bad = false;
    if (tls.daysLeft < 0) { bad = true; findings.push(finding('dns.mx.tls.expired', 'error', subject, at(T.expired, { host, days: -tls.daysLeft, validTo }), { evidence, advice: [at(T.renew, { host })] })); }
    else if (tls.daysLeft <= warnDays) { bad = true; findings.push(finding('dns.mx.tls.expiring', 'warn', subject, at(T.expiring, { host, days: tls.daysLeft, validTo }), { evidence, advice: [at(T.renew, { host })] })); }
    if (!tls.nameMatches) { bad = true; findings.push(finding('dns.mx.tls.name', 'warn', subject, at(T.name, { host, error: tls.nameError ?? 'no matching name' }), { detail: T.nameDetail, evidence, advice: [at(T.nameAdvice, { host })] })); }
    if (/^(SSLv|TLSv1(\.[01])?$)/.test(tls.protocol)) { bad = true; findings.push(finding('dns.mx.tls.old-protocol', 'warn', subject, at(T.oldTls, { host, protocol: tls.protocol }))); }
    if (!bad) {
      findings.push(tls.trusted
        ? finding('dns.mx.tls', 'ok', subject, at(T.ok, { host, protocol: tls.protocol, validTo, days: tls.daysLeft }), { evidence })
        : finding('dns.mx.tls.untrusted', 'info', subject, at(T.untrusted, { host, protocol: tls.protocol, why: tls.verifyError ?? 'not verified' }), { evidence }));
    }
    return base;
  });
  return { findings, results, presented };
}
