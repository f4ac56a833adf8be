/**
 * What a TLS session says about the server: protocol version, cipher, the certificate chain, its validity, whether
 * it is for the host name asked for, whether anyone vouches for it (self-signed, unknown CA).
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { createHash, X509Certificate } from 'node:crypto';

/**
 * One certificate of a server's chain, as much as a diagnosis needs: who for, who issued it, names, validity,
 * fingerprint.
 */
export interface CertSummary {
  subject: string;
  issuer: string;
  /** DNS names and IPs from subjectAltName (or the CN when there is none). */
  names: string[];
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  selfSigned: boolean;
  /**
   * Digests a TLSA record is compared with (DANE, RFC 6698): of the whole certificate (SHA-512; SHA-256 is
   * `fingerprint256`) and of its public key (SubjectPublicKeyInfo), lower-case hex.
   */
  sha512?: string;
  spkiSha256?: string;
  spkiSha512?: string;
}

/**
 * The TLS session a probe got: protocol and cipher, the chain, days left, and whether the name matches and the chain
 * is trusted.
 */
export interface TlsInfo {
  protocol: string;
  cipher: string;
  /** Leaf first. */
  chain: CertSummary[];
  /** Days until the leaf certificate expires (negative: expired that many days ago). */
  daysLeft: number;
  notYetValid: boolean;
  /** Does the certificate cover the host name the user asked for? */
  nameMatches: boolean;
  nameError?: string;
  /** Did the chain verify against the trusted CAs (system + --ca)? */
  trusted: boolean;
  /** OpenSSL's verdict when not trusted, e.g. DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED. */
  verifyError?: string;
  selfSigned: boolean;
}

function dn(o: Record<string, unknown> | undefined): string {
  if (!o) return '';
  return Object.entries(o).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ');
}

function namesOf(c: tls.PeerCertificate): string[] {
  const alt = c.subjectaltname;
  if (alt) return alt.split(/,\s*/).map((s) => s.replace(/^(DNS|IP Address):/, '')).slice(0, 100);
  const cn = c.subject?.CN;
  return cn ? [Array.isArray(cn) ? cn.join(',') : cn] : [];
}

/** The DANE digests of a DER certificate; none when it cannot be read. */
function daneDigests(raw: Buffer | undefined): Pick<CertSummary, 'sha512' | 'spkiSha256' | 'spkiSha512'> {
  if (!raw?.length) return {};
  try {
    const spki = new X509Certificate(raw).publicKey.export({ type: 'spki', format: 'der' });
    const h = (alg: string, b: Buffer) => createHash(alg).update(b).digest('hex');
    return { sha512: h('sha512', raw), spkiSha256: h('sha256', spki), spkiSha512: h('sha512', spki) };
  } catch {
    return {};
  }
}

function summarize(c: tls.PeerCertificate): CertSummary {
  return {
    ...daneDigests(c.raw),
    subject: dn(c.subject as unknown as Record<string, unknown>),
    issuer: dn(c.issuer as unknown as Record<string, unknown>),
    names: namesOf(c),
    validFrom: new Date(c.valid_from).toISOString(),
    validTo: new Date(c.valid_to).toISOString(),
    fingerprint256: c.fingerprint256,
    selfSigned: dn(c.subject as unknown as Record<string, unknown>) === dn(c.issuer as unknown as Record<string, unknown>),
  };
}

/** Inspect an established TLS socket. `host` is the name the user asked for; `now` the wall clock. */
export function inspectTls(s: tls.TLSSocket, host: string, now: Date): TlsInfo {
  const leaf = s.getPeerCertificate(true);
  const chain: CertSummary[] = [];
  const seen = new Set<string>();
  let c: tls.DetailedPeerCertificate | undefined = leaf && leaf.raw ? leaf : undefined;
  while (c && c.raw && !seen.has(c.fingerprint256) && chain.length < 10) {
    seen.add(c.fingerprint256);
    chain.push(summarize(c));
    c = c.issuerCertificate;
  }
  const cipher = s.getCipher();
  const validTo = leaf?.valid_to ? new Date(leaf.valid_to).getTime() : NaN;
  const validFrom = leaf?.valid_from ? new Date(leaf.valid_from).getTime() : NaN;
  let nameError: string | undefined;
  if (leaf?.raw) {
    // checkServerIdentity handles IP addresses (against IP SANs) and DNS names with wildcards.
    const err = tls.checkServerIdentity(net.isIP(host) ? host : host.toLowerCase(), leaf);
    if (err) nameError = err.message;
  } else nameError = 'no certificate';
  const verify = s.authorizationError ? String((s.authorizationError as unknown as { code?: string }).code ?? s.authorizationError) : undefined;
  const info: TlsInfo = {
    protocol: s.getProtocol() ?? 'unknown',
    cipher: cipher ? cipher.standardName || cipher.name : 'unknown',
    chain,
    daysLeft: Number.isFinite(validTo) ? Math.floor((validTo - now.getTime()) / 86_400_000) : 0,
    notYetValid: Number.isFinite(validFrom) && validFrom > now.getTime(),
    nameMatches: !nameError,
    trusted: s.authorized,
    selfSigned: chain.length > 0 && chain[0]!.selfSigned,
  };
  if (nameError) info.nameError = nameError;
  if (verify) info.verifyError = verify;
  return info;
}
