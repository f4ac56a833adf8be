/**
 * Adapters over src/domain (and src/dns for the client): MX of a domain, SPF/DKIM/DMARC of the sender's
 * domain, reverse DNS (PTR/FCrDNS) and blacklists of a server IP, SPF verdict for that IP.
 */
import { tx } from '../../i18n/text.js';
import { domainOfAddress } from '../questions.js';
import type { CheckAdapter, CheckContext, DoctorAnswers } from '../types.js';
import { capabilityFn, findingsOf } from './load.js';
import { NEEDS } from './needs.js';
import { dnsClientFor } from './resolver.js';

type DomainFn = (subject: string, opts: Record<string, unknown>) => unknown;
type SpfIpFn = (opts: Record<string, unknown>) => unknown;

async function options(ctx: CheckContext): Promise<Record<string, unknown>> {
  const dns = await dnsClientFor(ctx.deps);
  return { dns, resolver: dns, lang: ctx.lang, ...(ctx.deps.now ? { now: ctx.deps.now } : {}) };
}

const senderDomain = (a: DoctorAnswers) => a.domain ?? domainOfAddress(a.from) ?? domainOfAddress(a.address);
const recipientDomain = (a: DoctorAnswers) => domainOfAddress(a.to);

function domainAdapter(id: string, title: ReturnType<typeof tx>, fns: string[], subject: (a: DoctorAnswers) => string | undefined,
  need: ReturnType<typeof tx>): CheckAdapter {
  return {
    id,
    capability: 'domain',
    title,
    needs: (a) => (subject(a) ? undefined : need),
    async run(ctx) {
      const fn = await capabilityFn<DomainFn>('domain', fns);
      return { findings: findingsOf(await fn(subject(ctx.answers)!, await options(ctx))) };
    },
  };
}

/** MX records of the user's own domain (receiving cases). */
export const domainMxAdapter = domainAdapter('domain.mx', tx('MX records of your domain', 'Rekordy MX Twojej domeny'),
  ['checkMx'], senderDomain, NEEDS.domain);

/** MX records of the recipient's domain (lost message, sending cases). */
export const recipientMxAdapter = domainAdapter('domain.recipient-mx', tx("MX records of the recipient's domain", 'Rekordy MX domeny odbiorcy'),
  ['checkMx'], recipientDomain, NEEDS.recipient);

/** SPF, DKIM and DMARC of the sender's domain. */
export const domainAuthAdapter = domainAdapter('domain.auth', tx("SPF, DKIM and DMARC of the sender's domain", 'SPF, DKIM i DMARC domeny nadawcy'),
  ['checkMailAuth', 'checkSenderAuth', 'checkAuthRecords'], senderDomain, NEEDS.domain);

/** Reverse DNS of the server IP: PTR, and does the PTR name point back (FCrDNS)? */
export const ptrAdapter = domainAdapter('ip.ptr', tx('Reverse DNS (PTR) of the server IP', 'Odwrotny DNS (PTR) adresu IP serwera'),
  ['checkPtr', 'checkReverseDns', 'checkFcrdns'], (a) => a.ip, NEEDS.ip);

/** Is the server IP on the DNS blacklists? */
export const blacklistAdapter = domainAdapter('ip.blacklist', tx('Blacklists (DNSBL) for the server IP', 'Czarne listy (DNSBL) dla adresu IP serwera'),
  ['checkBlacklists', 'checkDnsbl'], (a) => a.ip, NEEDS.ip);

/** Does the sender domain's SPF allow this IP? */
export const spfIpAdapter: CheckAdapter = {
  id: 'spf.ip',
  capability: 'domain',
  title: tx('SPF verdict for the server IP', 'Wynik SPF dla adresu IP serwera'),
  needs: (a) => (!a.ip ? NEEDS.ip : !senderDomain(a) ? NEEDS.domain : undefined),
  async run(ctx) {
    const fn = await capabilityFn<SpfIpFn>('domain', ['checkSpfForIp', 'evaluateSpf', 'checkSpfIp']);
    const a = ctx.answers;
    const sender = a.from ?? a.address ?? `postmaster@${senderDomain(a)}`;
    const result = await fn({ ...(await options(ctx)), ip: a.ip, domain: senderDomain(a), sender });
    return { findings: findingsOf(result) };
  },
};
