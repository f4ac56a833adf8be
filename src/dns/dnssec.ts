/**
 * DNSSEC arithmetic on decoded records (RFC 4034/4035): the key tag of a DNSKEY, a DS digest of it, and whether an
 * RRSIG over an RRset verifies with a key. Only the math: which keys to trust is the chain walk's job
 * (src/domain/dnssec.ts). Everything here is written out (not a DNSSEC library) because each step must be able to
 * say why it failed.
 */
import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import * as packet from 'dns-packet';
import type { DnsRecord } from './types.js';

/** A DNSKEY's data as dns-packet decodes it. */
export interface DnskeyData { flags: number; algorithm: number; key: Buffer }
/** A DS record's data. */
export interface DsData { keyTag: number; algorithm: number; digestType: number; digest: Buffer }
/** An RRSIG's data. Times are seconds since 1970 (32-bit serial numbers on the wire). */
export interface RrsigData {
  typeCovered: string; algorithm: number; labels: number; originalTTL: number; expiration: number; inception: number;
  keyTag: number; signersName: string; signature: Buffer;
}
/** A TLSA record's data. */
export interface TlsaData { usage: number; selector: number; matchingType: number; certificate: Buffer }

/** DNSSEC algorithm numbers (IANA) with names; `verifiable` says whether this module checks their signatures. */
export const DNSSEC_ALGORITHMS: Record<number, { name: string; verifiable: boolean }> = {
  1: { name: 'RSAMD5', verifiable: false },
  3: { name: 'DSA', verifiable: false },
  5: { name: 'RSASHA1', verifiable: true },
  6: { name: 'DSA-NSEC3-SHA1', verifiable: false },
  7: { name: 'RSASHA1-NSEC3-SHA1', verifiable: true },
  8: { name: 'RSASHA256', verifiable: true },
  10: { name: 'RSASHA512', verifiable: true },
  12: { name: 'ECC-GOST', verifiable: false },
  13: { name: 'ECDSAP256SHA256', verifiable: true },
  14: { name: 'ECDSAP384SHA384', verifiable: true },
  15: { name: 'ED25519', verifiable: true },
  16: { name: 'ED448', verifiable: true },
};
/** DS digest types (IANA): the hash each uses; GOST (3) is not checked. */
const DS_DIGESTS: Record<number, string> = { 1: 'sha1', 2: 'sha256', 4: 'sha384' };

/** Is a DS digest type one this module computes? */
export const dsDigestChecked = (n: number) => n in DS_DIGESTS;
/** A DNSSEC algorithm's name ("ECDSAP256SHA256"), or "algorithm N". */
export const algorithmName = (n: number) => DNSSEC_ALGORITHMS[n]?.name ?? `algorithm ${n}`;
/** A DS digest type's name ("SHA-256"), or "digest type N". */
export const digestName = (n: number) => ({ 1: 'SHA-1', 2: 'SHA-256', 3: 'GOST', 4: 'SHA-384' } as Record<number, string>)[n] ?? `digest type ${n}`;

/** dns-packet's record codecs (its type declarations leave them out). */
const codec = packet as unknown as Record<'name' | 'a' | 'aaaa' | 'mx' | 'ds' | 'tlsa', { encode(x: unknown): Buffer }>;

const isBuf = (b: unknown): b is Buffer => Buffer.isBuffer(b);
/** Is this decoded record data a DNSKEY's? */
export const isDnskey = (d: unknown): d is DnskeyData => !!d && typeof d === 'object' && isBuf((d as DnskeyData).key) && typeof (d as DnskeyData).flags === 'number';
/** Is this decoded record data a DS record's? */
export const isDs = (d: unknown): d is DsData => !!d && typeof d === 'object' && isBuf((d as DsData).digest) && typeof (d as DsData).keyTag === 'number';
/** Is this decoded record data an RRSIG's? */
export const isRrsig = (d: unknown): d is RrsigData => !!d && typeof d === 'object' && isBuf((d as RrsigData).signature) && typeof (d as RrsigData).signersName === 'string';
/** Is this decoded record data a TLSA record's? */
export const isTlsa = (d: unknown): d is TlsaData => !!d && typeof d === 'object' && isBuf((d as TlsaData).certificate) && typeof (d as TlsaData).usage === 'number';

/** A name in canonical wire form (RFC 4034 §6.2): lower case, uncompressed, root label last. */
export function nameWire(name: string): Buffer {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n ? codec.name.encode(n) : Buffer.from([0]);
}

/** DNSKEY RDATA on the wire (flags, protocol 3, algorithm, key). */
export function dnskeyRdata(k: DnskeyData): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(k.flags); head.writeUInt8(3, 2); head.writeUInt8(k.algorithm, 3);
  return Buffer.concat([head, k.key]);
}

/** The key tag of a DNSKEY (RFC 4034 Appendix B; the old algorithm 1 is not handled). */
export function keyTag(k: DnskeyData): number {
  const rd = dnskeyRdata(k);
  let ac = 0;
  for (let i = 0; i < rd.length; i++) ac += i & 1 ? rd[i]! : rd[i]! << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

/** Is this the key a DS record points at? `undefined` when the digest type is not checked here. */
export function dsMatches(owner: string, ds: DsData, k: DnskeyData): boolean | undefined {
  const hash = DS_DIGESTS[ds.digestType];
  if (!hash) return undefined;
  if (ds.algorithm !== k.algorithm || ds.keyTag !== keyTag(k)) return false;
  const d = createHash(hash).update(nameWire(owner)).update(dnskeyRdata(k)).digest();
  return d.equals(ds.digest);
}

/** The DS record (SHA-256) for a key, in presentation form: what the parent should publish. */
export function dsFor(owner: string, k: DnskeyData): string {
  const d = createHash('sha256').update(nameWire(owner)).update(dnskeyRdata(k)).digest('hex').toUpperCase();
  return `${keyTag(k)} ${k.algorithm} 2 ${d}`;
}

const b64u = (b: Buffer) => b.toString('base64url');

/** The public key of a DNSKEY as a node:crypto key, or why not. */
export function publicKeyOf(k: DnskeyData): { key?: KeyObject; error?: string } {
  try {
    switch (k.algorithm) {
      case 5: case 7: case 8: case 10: {
        // RFC 3110: exponent length in one byte, or 0 and then two bytes; exponent; modulus.
        const b = k.key;
        if (b.length < 3) return { error: 'RSA key too short' };
        let off = 1; let elen = b[0]!;
        if (elen === 0) { elen = b.readUInt16BE(1); off = 3; }
        if (off + elen >= b.length) return { error: 'RSA key truncated' };
        const e = b.subarray(off, off + elen); const n = b.subarray(off + elen);
        return { key: createPublicKey({ key: { kty: 'RSA', n: b64u(n), e: b64u(e) }, format: 'jwk' }) };
      }
      case 13: case 14: {
        const size = k.algorithm === 13 ? 32 : 48;
        if (k.key.length !== size * 2) return { error: `ECDSA key of ${k.key.length} bytes (expected ${size * 2})` };
        return { key: createPublicKey({ key: { kty: 'EC', crv: k.algorithm === 13 ? 'P-256' : 'P-384', x: b64u(k.key.subarray(0, size)), y: b64u(k.key.subarray(size)) }, format: 'jwk' }) };
      }
      case 15: case 16:
        return { key: createPublicKey({ key: { kty: 'OKP', crv: k.algorithm === 15 ? 'Ed25519' : 'Ed448', x: b64u(k.key) }, format: 'jwk' }) };
      default:
        return { error: `${algorithmName(k.algorithm)} is not checked by mailmedic` };
    }
  } catch (e) {
    return { error: `unusable key: ${(e as Error).message}` };
  }
}

/** RDATA of a record in canonical form, for the types whose signatures are checked; undefined for others. */
export function canonicalRdata(r: DnsRecord): Buffer | undefined {
  try {
    const d = r.data as unknown;
    let enc: Buffer;
    switch (r.type) {
      case 'DNSKEY': if (!isDnskey(d)) return undefined; return dnskeyRdata(d);
      case 'DS': if (!isDs(d)) return undefined; enc = codec.ds.encode(d); break;
      case 'TLSA': if (!isTlsa(d)) return undefined; enc = codec.tlsa.encode(d); break;
      case 'A': enc = codec.a.encode(String(d)); break;
      case 'AAAA': enc = codec.aaaa.encode(String(d)); break;
      case 'MX': enc = codec.mx.encode(d); break;
      case 'NS': case 'CNAME': case 'PTR': return nameWire(String(d));
      default: return undefined;
    }
    return enc.subarray(2); // dns-packet writes the RDLENGTH first
  } catch {
    return undefined;
  }
}

const TYPE_NUMBERS: Record<string, number> = { A: 1, NS: 2, CNAME: 5, PTR: 12, MX: 15, AAAA: 28, DS: 43, DNSKEY: 48, TLSA: 52 };

/** Why a signature was not accepted, or `ok`. `unsupported`: not checked (algorithm or record type). */
export type SigVerdict = { ok: true } | { ok: false; unsupported?: boolean; why: string };

/**
 * Does `sig` sign `rrset` (records of one owner and type) with `key`? Checks the validity window against `nowSec`,
 * the key tag and algorithm, then the signature over the canonical RRset (RFC 4034 §3.1.8.1, §6).
 */
export function verifyRrsig(rrset: readonly DnsRecord[], sig: RrsigData, key: DnskeyData, signer: string, nowSec: number): SigVerdict {
  if (!rrset.length) return { ok: false, why: 'no records to check' };
  const type = rrset[0]!.type;
  const typeNum = TYPE_NUMBERS[type];
  if (!typeNum) return { ok: false, unsupported: true, why: `${type} signatures are not checked by mailmedic` };
  if (!DNSSEC_ALGORITHMS[sig.algorithm]?.verifiable) return { ok: false, unsupported: true, why: `${algorithmName(sig.algorithm)} is not checked by mailmedic` };
  if (sig.algorithm !== key.algorithm || sig.keyTag !== keyTag(key)) return { ok: false, why: 'made with another key' };
  if (sig.signersName.toLowerCase().replace(/\.$/, '') !== signer) return { ok: false, why: `signer ${sig.signersName} is not ${signer || '.'}` };
  const now = nowSec >>> 0;
  if (((now - sig.inception) | 0) < 0) return { ok: false, why: `not valid before ${new Date(sig.inception * 1000).toISOString()}` };
  if (((sig.expiration - now) | 0) < 0) return { ok: false, why: `expired ${new Date(sig.expiration * 1000).toISOString()}` };
  if ((key.flags & 0x100) === 0) return { ok: false, why: 'the key is not a zone key (flag bit 7 unset)' };
  const pub = publicKeyOf(key);
  if (!pub.key) return { ok: false, unsupported: true, why: pub.error ?? 'no key' };

  const owner = rrset[0]!.name;
  const labels = owner ? owner.split('.') : [];
  const signedOwner = sig.labels < labels.length ? ['*', ...labels.slice(labels.length - sig.labels)].join('.') : owner;
  const head = Buffer.alloc(18);
  head.writeUInt16BE(typeNum, 0); head.writeUInt8(sig.algorithm, 2); head.writeUInt8(sig.labels, 3);
  head.writeUInt32BE(sig.originalTTL >>> 0, 4); head.writeUInt32BE(sig.expiration >>> 0, 8); head.writeUInt32BE(sig.inception >>> 0, 12);
  head.writeUInt16BE(sig.keyTag, 16);
  const rdatas: Buffer[] = [];
  for (const r of rrset) {
    const rd = canonicalRdata(r);
    if (!rd) return { ok: false, unsupported: true, why: `a ${type} record could not be put in canonical form` };
    if (!rdatas.some((x) => x.equals(rd))) rdatas.push(rd);
  }
  rdatas.sort(Buffer.compare);
  const ownerWire = nameWire(signedOwner);
  const rrHead = Buffer.alloc(8);
  rrHead.writeUInt16BE(typeNum, 0); rrHead.writeUInt16BE(1, 2); rrHead.writeUInt32BE(sig.originalTTL >>> 0, 4);
  const parts: Buffer[] = [head, nameWire(signer)];
  for (const rd of rdatas) {
    const len = Buffer.alloc(2); len.writeUInt16BE(rd.length);
    parts.push(ownerWire, rrHead, len, rd);
  }
  const data = Buffer.concat(parts);
  try {
    let good: boolean;
    switch (sig.algorithm) {
      case 5: case 7: good = cryptoVerify('sha1', data, pub.key, sig.signature); break;
      case 8: good = cryptoVerify('sha256', data, pub.key, sig.signature); break;
      case 10: good = cryptoVerify('sha512', data, pub.key, sig.signature); break;
      case 13: good = cryptoVerify('sha256', data, { key: pub.key, dsaEncoding: 'ieee-p1363' }, sig.signature); break;
      case 14: good = cryptoVerify('sha384', data, { key: pub.key, dsaEncoding: 'ieee-p1363' }, sig.signature); break;
      default: good = cryptoVerify(null, data, pub.key, sig.signature);
    }
    return good ? { ok: true } : { ok: false, why: 'the signature does not verify' };
  } catch (e) {
    return { ok: false, why: `the signature could not be checked: ${(e as Error).message}` };
  }
}

/** DNSSEC-related records in presentation form (for evidence and --trace; the generic form would dump bytes). */
export function formatDnssecData(type: string, d: unknown): string | undefined {
  if (type === 'DNSKEY' && isDnskey(d)) return `${d.flags} 3 ${d.algorithm} ${d.key.toString('base64').slice(0, 60)}${d.key.length > 45 ? '…' : ''} ; key tag ${keyTag(d)}`;
  if (type === 'DS' && isDs(d)) return `${d.keyTag} ${d.algorithm} ${d.digestType} ${d.digest.toString('hex').toUpperCase()}`;
  if (type === 'RRSIG' && isRrsig(d)) {
    const t = (s: number) => new Date(s * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
    return `${d.typeCovered} ${d.algorithm} ${d.labels} ${d.originalTTL} ${t(d.expiration)} ${t(d.inception)} ${d.keyTag} ${d.signersName || '.'}. ${d.signature.toString('base64').slice(0, 24)}…`;
  }
  if (type === 'TLSA' && isTlsa(d)) return `${d.usage} ${d.selector} ${d.matchingType} ${d.certificate.toString('hex').toUpperCase().slice(0, 200)}${d.certificate.length > 100 ? '…' : ''}`;
  return undefined;
}
