/**
 * MTA-STS (RFC 8461): the _mta-sts TXT record, the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt
 * (fetched through an injected function), its mode, and whether its mx: patterns cover the real MX hosts.
 * And TLS-RPT (RFC 8460): the _smtp._tls TXT record.
 */
import { request } from 'node:https';
import type { Finding, Text } from '../core/finding.js';
import { isDefinite, type DnsClient } from '../dns/index.js';
import { tx } from '../i18n/text.js';
import { dnsEvidence, dnsUnknown, finding, recordEvidence } from './util.js';

/** What the MTA-STS policy fetch returned: the HTTP status, the body and its content type. */
export interface HttpsResponse { status: number; body: string; contentType?: string }
/** Fetch an HTTPS URL (GET), bounded in time and size. Rejects on network/TLS errors with a message. */
export type HttpsFetch = (url: string, options: { timeoutMs: number }) => Promise<HttpsResponse>;

/**
 * The default fetch: resolves the host through the given DNS client (so no other resolver is asked),
 * connects to that address with TLS (certificate checked against the host name), at most 64 KB.
 */
export function dnsPinnedFetch(dns: DnsClient): HttpsFetch {
  return async (url, { timeoutMs }) => {
    const u = new URL(url);
    const a = await dns.a(u.hostname);
    const ip = a.values[0];
    if (!ip) throw new Error(`${u.hostname} has no A record (${a.status})`);
    return new Promise<HttpsResponse>((resolve, reject) => {
      const req = request({
        host: ip, port: Number(u.port || 443), path: u.pathname + u.search, method: 'GET', servername: u.hostname,
        headers: { host: u.host, 'user-agent': 'mailmedic' }, timeout: timeoutMs,
      }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => { body += c; if (body.length > 65536) { req.destroy(new Error('policy is larger than 64 KB')); } });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(res.headers['content-type'] ? { contentType: String(res.headers['content-type']) } : {}) }));
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end();
    });
  };
}

/**
 * An MTA-STS policy file read: version, mode, mx patterns, max_age in seconds (NaN when not a number), and what is
 * wrong with it.
 */
export interface MtaStsPolicy { version?: string; mode?: string; mx: string[]; maxAge?: number; errors: Text[] }

/** Reads an MTA-STS policy file ("key: value" lines, RFC 8461 §3.2); the first 64 KiB only. */
export function parseMtaStsPolicy(body: string): MtaStsPolicy {
  const p: MtaStsPolicy = { mx: [], errors: [] };
  for (const line of body.slice(0, 65536).split(/\r?\n/)) {
    if (!line.trim()) continue;
    const i = line.indexOf(':');
    if (i <= 0) { p.errors.push(tx(`"${line.slice(0, 40)}" is not "key: value"`, `„${line.slice(0, 40)}” nie ma postaci „klucz: wartość”`)); continue; }
    const k = line.slice(0, i).trim();
    const v = line.slice(i + 1).trim();
    if (k === 'version') p.version = v;
    else if (k === 'mode') p.mode = v;
    else if (k === 'mx') p.mx.push(v.toLowerCase());
    else if (k === 'max_age') p.maxAge = /^\d{1,10}$/.test(v) ? Number(v) : NaN;
  }
  if (p.version !== 'STSv1') p.errors.push(tx('version must be STSv1', 'version musi mieć wartość STSv1'));
  if (!p.mode || !['enforce', 'testing', 'none'].includes(p.mode)) p.errors.push(tx('mode must be enforce, testing or none', 'mode musi mieć wartość enforce, testing albo none'));
  if (p.maxAge === undefined || Number.isNaN(p.maxAge) || p.maxAge > 31557600) p.errors.push(tx('max_age must be a number of seconds up to 31557600', 'max_age musi być liczbą sekund nie większą niż 31557600'));
  if (p.mode !== 'none' && !p.mx.length) p.errors.push(tx('no mx: lines', 'brak wierszy mx:'));
  return p;
}

/** Does an MTA-STS mx pattern match a host ("*.example.com" matches exactly one more label)? */
export function mtaStsMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (p.startsWith('*.')) {
    const rest = p.slice(2);
    const dot = h.indexOf('.');
    return dot > 0 && h.slice(dot + 1) === rest;
  }
  return p === h;
}

/**
 * Checks the _mta-sts record and, when there is one, fetches the policy (`fetch`, `timeoutMs` in ms, default 5000)
 * and checks its mode and that its mx patterns cover the real MX hosts.
 */
export async function checkMtaSts(dns: DnsClient, domain: string, mxHosts: Promise<string[]>, fetch?: HttpsFetch, timeoutMs = 5000): Promise<Finding[]> {
  const C = 'dns.mta-sts';
  const findings: Finding[] = [];
  const txt = await dns.txt(`_mta-sts.${domain}`);
  if (!isDefinite(txt.status)) return [dnsUnknown(C, domain, tx('the MTA-STS record', 'rekord MTA-STS'), txt)];
  const recs = txt.values.filter((v) => /^v=STSv1\b/.test(v));
  if (!recs.length) {
    findings.push(finding(`${C}.missing`, 'info', domain,
      tx('The domain does not publish MTA-STS: senders may deliver to it without verified TLS.', 'Domena nie publikuje MTA-STS: nadawcy mogą dostarczać do niej pocztę bez weryfikowanego TLS.'),
      { advice: [tx('Optional: publish an MTA-STS policy (start with mode: testing) once your MX servers have valid certificates.', 'Opcjonalnie: opublikuj politykę MTA-STS (zacznij od mode: testing), gdy serwery MX mają poprawne certyfikaty.')], evidence: [dnsEvidence(txt)] }));
    return findings;
  }
  if (recs.length > 1 || !/(^|;)\s*id=[A-Za-z0-9]{1,32}\s*(;|$)/.test(recs[0]!)) {
    findings.push(finding(`${C}.record`, 'error', `_mta-sts.${domain}`,
      tx('The MTA-STS TXT record is invalid (there must be exactly one, with id=<1–32 letters/digits>).', 'Rekord TXT MTA-STS jest błędny (musi być dokładnie jeden, z id=<1–32 liter/cyfr>).'),
      { evidence: [dnsEvidence(txt)] }));
    return findings;
  }
  if (!fetch) {
    findings.push(finding(`${C}.policy`, 'info', domain, tx('MTA-STS record found; the policy was not fetched.', 'Znaleziono rekord MTA-STS; polityki nie pobrano.'), { evidence: [dnsEvidence(txt)] }));
    return findings;
  }
  const url = `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
  let res: HttpsResponse;
  try { res = await fetch(url, { timeoutMs }); } catch (e) {
    findings.push(finding(`${C}.fetch`, 'error', url,
      tx(`The MTA-STS record exists but the policy could not be fetched: ${(e as Error).message}.`, `Rekord MTA-STS istnieje, ale polityki nie udało się pobrać: ${(e as Error).message}.`),
      {
        detail: tx('Senders that already cached a policy keep using it; new senders treat the domain as having none. A broken TLS certificate on mta-sts.<domain> is the usual cause.', 'Nadawcy, którzy mają politykę w pamięci, nadal jej używają; nowi traktują domenę jak bez polityki. Zwykle winny jest błędny certyfikat TLS na mta-sts.<domena>.'),
        advice: [tx(`Serve the policy at ${url} with a valid certificate for mta-sts.${domain}.`, `Udostępnij politykę pod ${url} z poprawnym certyfikatem dla mta-sts.${domain}.`)],
        evidence: [dnsEvidence(txt)],
      }));
    return findings;
  }
  if (res.status !== 200) {
    findings.push(finding(`${C}.fetch`, 'error', url, tx(`The MTA-STS policy URL answered HTTP ${res.status}.`, `Adres polityki MTA-STS odpowiedział HTTP ${res.status}.`), { evidence: [dnsEvidence(txt)] }));
    return findings;
  }
  const policy = parseMtaStsPolicy(res.body);
  const pev = recordEvidence(url, res.body.slice(0, 1000));
  if (policy.errors.length) {
    findings.push(finding(`${C}.policy`, 'error', url, tx(`The MTA-STS policy is invalid: ${policy.errors.map((e) => e.en).join('; ')}.`, `Polityka MTA-STS jest błędna: ${policy.errors.map((e) => e.pl).join('; ')}.`), { evidence: [pev] }));
    return findings;
  }
  const hosts = await mxHosts;
  const uncovered = hosts.filter((h) => !policy.mx.some((p) => mtaStsMatches(p, h)));
  if (uncovered.length && policy.mode !== 'none') {
    findings.push(finding(`${C}.mx-mismatch`, policy.mode === 'enforce' ? 'error' : 'warn', domain,
      tx(`MX host(s) ${uncovered.join(', ')} are not covered by the MTA-STS policy (mx: ${policy.mx.join(', ')})${policy.mode === 'enforce' ? ': senders that honour MTA-STS will not deliver to them' : ''}.`,
        `Serwery MX ${uncovered.join(', ')} nie są objęte polityką MTA-STS (mx: ${policy.mx.join(', ')})${policy.mode === 'enforce' ? ': nadawcy respektujący MTA-STS nie dostarczą do nich poczty' : ''}.`),
      { advice: [tx('Add an mx: line for every MX host (wildcards like *.example.com match one label), then change the id= in the TXT record.', 'Dodaj wiersz mx: dla każdego serwera MX (wzorzec *.example.com obejmuje jedną etykietę), a potem zmień id= w rekordzie TXT.')], evidence: [pev] }));
  }
  findings.push(finding(`${C}.policy`, policy.mode === 'enforce' ? 'ok' : 'info', domain,
    tx(`MTA-STS policy: mode ${policy.mode}, max_age ${policy.maxAge} s, mx ${policy.mx.join(', ')}.`, `Polityka MTA-STS: tryb ${policy.mode}, max_age ${policy.maxAge} s, mx ${policy.mx.join(', ')}.`),
    { evidence: [dnsEvidence(txt), pev], data: { mode: policy.mode, mx: policy.mx, maxAge: policy.maxAge } }));
  return findings;
}

/** Checks the TLS-RPT record (_smtp._tls): one v=TLSRPTv1 record whose rua= are mailto: or https: URIs. */
export async function checkTlsRpt(dns: DnsClient, domain: string): Promise<Finding[]> {
  const C = 'dns.tlsrpt';
  const txt = await dns.txt(`_smtp._tls.${domain}`);
  if (!isDefinite(txt.status)) return [dnsUnknown(C, domain, tx('the TLS-RPT record', 'rekord TLS-RPT'), txt)];
  const recs = txt.values.filter((v) => /^v=TLSRPTv1\b/.test(v));
  if (!recs.length) {
    return [finding(`${C}.missing`, 'info', domain,
      tx('No TLS-RPT record: you get no reports about failed TLS deliveries to your domain.', 'Brak rekordu TLS-RPT: nie dostajesz raportów o nieudanych dostarczeniach TLS do Twojej domeny.'),
      { evidence: [dnsEvidence(txt)] })];
  }
  const rua = /(?:^|;)\s*rua=([^;]+)/.exec(recs[0]!)?.[1]?.trim();
  const ok = recs.length === 1 && rua && rua.split(',').every((u) => /^(mailto:[^@\s]+@[^@\s]+|https:\/\/\S+)$/.test(u.trim()));
  return [finding(`${C}.record`, ok ? 'ok' : 'error', `_smtp._tls.${domain}`,
    ok ? tx(`TLS-RPT reports go to ${rua}.`, `Raporty TLS-RPT trafiają do ${rua}.`)
      : tx('The TLS-RPT record is invalid (exactly one, with rua=mailto:… or https://…).', 'Rekord TLS-RPT jest błędny (dokładnie jeden, z rua=mailto:… albo https://…).'),
    { evidence: [dnsEvidence(txt)] })];
}
