/**
 * Adapters over src/domain (with the src/dns client): MX of a domain, SPF/DKIM/DMARC of the sender's
 * domain, reverse DNS (PTR/FCrDNS) and blocklists of a server IP, the SPF verdict for that IP.
 */
import type { Finding } from '../../core/finding.js';
import { tx } from '../../i18n/text.js';
import { domainOfAddress } from '../questions.js';
import type { CheckAdapter, CheckContext, DoctorAnswers } from '../types.js';
import { capabilityFn } from './load.js';
import { NEEDS } from './needs.js';
import { dnsClientFor } from './resolver.js';

type WithFindings = { findings: Finding[] };
type MxFn = (dns: unknown, domain: string) => Promise<WithFindings>;
type SpfFn = (dns: unknown, domain: string, opts?: { ips?: string[]; sender?: string; helo?: string }) => Promise<WithFindings & { evaluations: { ip: string }[] }>;
type SpfEvalFindingFn = (domain: string, ev: { ip: string }) => Finding;
type DkimFn = (dns: unknown, domain: string, selectors?: string[]) => Promise<WithFindings>;
type DmarcFn = (dns: unknown, domain: string) => Promise<WithFindings>;
type PtrFn = (dns: unknown, target: { ip: string; host?: string }) => Promise<WithFindings>;
type DnsblFn = (dns: unknown, input: { ips?: { ip: string; label?: string }[]; domains?: string[]; lists?: readonly unknown[] }) => Promise<WithFindings>;

const senderDomain = (a: DoctorAnswers) => a.domain ?? domainOfAddress(a.from) ?? domainOfAddress(a.address);
const recipientDomain = (a: DoctorAnswers) => domainOfAddress(a.to);

function mxAdapter(id: string, title: ReturnType<typeof tx>, subject: (a: DoctorAnswers) => string | undefined, need: ReturnType<typeof tx>): CheckAdapter {
  return {
    id, capability: 'domain', title,
    needs: (a) => (subject(a) ? undefined : need),
    async run(ctx) {
      const checkMx = await capabilityFn<MxFn>('domain', ['checkMx']);
      return { findings: (await checkMx(await dnsClientFor(ctx.deps), subject(ctx.answers)!)).findings };
    },
  };
}

/** MX records of the user's own domain (receiving cases). */
export const domainMxAdapter = mxAdapter('domain.mx', tx('MX records of your domain', 'Rekordy MX Twojej domeny'), senderDomain, NEEDS.domain);

/** MX records of the recipient's domain (lost message, sending cases). */
export const recipientMxAdapter = mxAdapter('domain.recipient-mx', tx("MX records of the recipient's domain", 'Rekordy MX domeny odbiorcy'), recipientDomain, NEEDS.recipient);

/** SPF, DKIM and DMARC of the sender's domain. */
export const domainAuthAdapter: CheckAdapter = {
  id: 'domain.auth', capability: 'domain',
  title: tx("SPF, DKIM and DMARC of the sender's domain", 'SPF, DKIM i DMARC domeny nadawcy'),
  needs: (a) => (senderDomain(a) ? undefined : NEEDS.domain),
  async run(ctx: CheckContext) {
    const [checkSpf, checkDkim, checkDmarc] = await Promise.all([
      capabilityFn<SpfFn>('domain', ['checkSpf']), capabilityFn<DkimFn>('domain', ['checkDkim']), capabilityFn<DmarcFn>('domain', ['checkDmarc']),
    ]);
    const dns = await dnsClientFor(ctx.deps);
    const d = senderDomain(ctx.answers)!;
    const parts = await Promise.all([checkSpf(dns, d), checkDkim(dns, d, ctx.deps.dkimSelectors), checkDmarc(dns, d)]);
    return { findings: parts.flatMap((p) => p.findings) };
  },
};

/** Reverse DNS of the server IP: PTR, and does the PTR name point back (FCrDNS)? */
export const ptrAdapter: CheckAdapter = {
  id: 'ip.ptr', capability: 'domain',
  title: tx('Reverse DNS (PTR) of the server IP', 'Odwrotny DNS (PTR) adresu IP serwera'),
  needs: (a) => (a.ip ? undefined : NEEDS.ip),
  async run(ctx) {
    const checkPtr = await capabilityFn<PtrFn>('domain', ['checkPtr']);
    return { findings: (await checkPtr(await dnsClientFor(ctx.deps), { ip: ctx.answers.ip! })).findings };
  },
};

/** Is the server IP on the DNS blocklists? */
export const blacklistAdapter: CheckAdapter = {
  id: 'ip.blacklist', capability: 'domain',
  title: tx('Blocklists (DNSBL) for the server IP', 'Czarne listy (DNSBL) dla adresu IP serwera'),
  needs: (a) => (a.ip ? undefined : NEEDS.ip),
  async run(ctx) {
    const checkDnsbl = await capabilityFn<DnsblFn>('domain', ['checkDnsbl']);
    const input = { ips: [{ ip: ctx.answers.ip! }], ...(ctx.deps.dnsblLists ? { lists: ctx.deps.dnsblLists } : {}) };
    return { findings: (await checkDnsbl(await dnsClientFor(ctx.deps), input)).findings };
  },
};

/** Does the sender domain's SPF allow this IP? Only the verdict ranks; the record's own findings are in domain.auth. */
export const spfIpAdapter: CheckAdapter = {
  id: 'spf.ip', capability: 'domain',
  title: tx('SPF verdict for the server IP', 'Wynik SPF dla adresu IP serwera'),
  needs: (a) => (!a.ip ? NEEDS.ip : !senderDomain(a) ? NEEDS.domain : undefined),
  async run(ctx) {
    const [checkSpf, verdict] = await Promise.all([
      capabilityFn<SpfFn>('domain', ['checkSpf']), capabilityFn<SpfEvalFindingFn>('domain', ['spfEvaluationFinding']),
    ]);
    const a = ctx.answers;
    const d = senderDomain(a)!;
    const res = await checkSpf(await dnsClientFor(ctx.deps), d, { ips: [a.ip!], sender: a.from ?? a.address ?? `postmaster@${d}` });
    return { findings: res.evaluations.map((ev) => verdict(d, ev)) };
  },
};

const CUSTOM_LISTED = tx('listed on this blocklist', 'adres jest na tej czarnej liście');

/** A blocklist entry for a zone the user names (--dnsbl ZONE): any 127.0.0.x answer means "listed". */
export function customDnsblList(zone: string): Record<string, unknown> {
  return {
    id: zone, name: zone, zone, kind: 'ip', lookupUrl: `https://${zone}/`,
    codes: Array.from({ length: 254 }, (_, i) => ({ code: `127.0.0.${i + 1}`, sublist: zone, meaning: CUSTOM_LISTED, severity: 'block' })),
    errorCodes: [], testEntry: '127.0.0.2',
  };
}
