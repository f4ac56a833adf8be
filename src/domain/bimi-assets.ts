/**
 * What a BIMI record points at, fetched when the check may use the network: the logo must be SVG Tiny Portable/Secure
 * (the profile mailboxes accept: no scripts, no animation, no outside references, a title, square) and small; the
 * certificate (a VMC or CMC, PEM) must name the domain, be in date, carry the BIMI key purpose and the logo
 * extension. Trust in the issuing mark-certificate authority is the mailbox provider's; not judged here.
 */
import { X509Certificate } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';

/** The BIMI group's size advice for the logo (larger files are refused by some mailboxes). */
export const BIMI_LOGO_MAX_BYTES = 32 * 1024;
/** id-kp-BrandIndicatorforMessageIdentification (RFC 9495 / the BIMI VMC guidelines). */
export const BIMI_EKU = '1.3.6.1.5.5.7.3.31';
/** The logotype extension (RFC 3709), DER-encoded OID 1.3.6.1.5.5.7.1.12: a VMC embeds the logo there. */
const LOGOTYPE_OID_DER = Buffer.from('06082b0601050507010c', 'hex');

/** Elements SVG Tiny PS forbids (scripting, animation, embedding, interaction). */
const FORBIDDEN = new Set(['script', 'animate', 'animatecolor', 'animatemotion', 'animatetransform', 'set', 'foreignobject', 'image', 'a', 'iframe', 'video', 'audio']);

/** The problems of a BIMI logo (English, technical; empty when it is SVG Tiny PS as mailboxes want it). */
export function svgTinyPsProblems(svg: string, bytes = Buffer.byteLength(svg)): string[] {
  const problems: string[] = [];
  if (bytes > BIMI_LOGO_MAX_BYTES) problems.push(`it is ${bytes} bytes; keep it under ${BIMI_LOGO_MAX_BYTES} (32 KB)`);
  let doc: Record<string, unknown>;
  try {
    // Entities are not expanded (no billion laughs); a DOCTYPE with entities is itself a finding below.
    doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: false, preserveOrder: false }).parse(svg.slice(0, 1 << 20), true) as Record<string, unknown>;
  } catch (e) {
    return [...problems, `it is not well-formed XML (${String((e as Error).message ?? e).split('\n')[0]!.slice(0, 120)})`];
  }
  if (/<!ENTITY/i.test(svg)) problems.push('it declares XML entities');
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  const root = rootKey ? doc[rootKey] : undefined;
  if (rootKey?.replace(/^.*:/, '') !== 'svg' || typeof root !== 'object' || root === null) return [...problems, 'its root element is not <svg>'];
  const attrs = root as Record<string, unknown>;
  if (attrs['@baseProfile'] !== 'tiny-ps') problems.push(`baseProfile is ${attrs['@baseProfile'] === undefined ? 'missing' : `"${String(attrs['@baseProfile']).slice(0, 30)}"`} (must be "tiny-ps")`);
  if (attrs['@version'] !== '1.2') problems.push(`version is ${attrs['@version'] === undefined ? 'missing' : `"${String(attrs['@version']).slice(0, 30)}"`} (must be "1.2")`);
  if (attrs['@x'] !== undefined || attrs['@y'] !== undefined) problems.push('the <svg> element has x= or y= (not allowed)');
  const vb = String(attrs['@viewBox'] ?? '').trim().split(/[\s,]+/).map(Number);
  if (vb.length === 4 && vb.every(Number.isFinite) && Math.abs(vb[2]! - vb[3]!) > 1e-9) problems.push(`it is not square (viewBox ${vb[2]} × ${vb[3]})`);
  let hasTitle = false;
  const found = new Set<string>();
  let external = '';
  let nodes = 0;
  const walk = (node: unknown, name: string, depth: number) => {
    if (++nodes > 50_000 || depth > 64) return;
    const local = name.replace(/^.*:/, '').toLowerCase();
    if (local === 'title') hasTitle = true;
    if (FORBIDDEN.has(local)) found.add(local);
    if (Array.isArray(node)) { for (const n of node) walk(n, name, depth + 1); return; }
    if (typeof node !== 'object' || node === null) return;
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      if (k.startsWith('@')) {
        const an = k.slice(1).toLowerCase();
        if ((an === 'href' || an.endsWith(':href')) && typeof v === 'string' && !v.startsWith('#') && !external) external = v.slice(0, 100);
        if (an.startsWith('on') && !found.has('event handlers')) found.add('event handlers');
        continue;
      }
      if (k === '#text') continue;
      walk(v, k, depth + 1);
    }
  };
  walk(root, 'svg', 0);
  if (!hasTitle) problems.push('it has no <title> (the brand name)');
  if (found.size) problems.push(`it contains ${[...found].sort().join(', ')} (not allowed in SVG Tiny PS)`);
  if (external) problems.push(`it refers to an outside resource (${external})`);
  return problems;
}

/** What a VMC/CMC file says: its certificates in order, and the problems of the first (the mark's own). */
export interface MarkCertificate {
  subject: string;
  issuer: string;
  validTo: string;
  names: string[];
  problems: string[];
  /** Certificates in the file (the mark's, then its issuers). */
  chain: number;
}

/** Read a PEM mark certificate (VMC or CMC) for `domain` at `now`. */
export function markCertificate(pem: string, domain: string, now: Date): MarkCertificate {
  const blocks = pem.slice(0, 1 << 20).match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) return { subject: '', issuer: '', validTo: '', names: [], problems: ['it holds no PEM certificate'], chain: 0 };
  let certs: X509Certificate[];
  try { certs = blocks.slice(0, 10).map((b) => new X509Certificate(b)); } catch (e) {
    return { subject: '', issuer: '', validTo: '', names: [], problems: [`a certificate in it cannot be read (${String((e as Error).message).slice(0, 100)})`], chain: blocks.length };
  }
  const leaf = certs[0]!;
  const problems: string[] = [];
  const names = (leaf.subjectAltName ?? '').split(/,\s*/).filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4).toLowerCase());
  const d = domain.toLowerCase();
  if (!names.includes(d)) problems.push(`it is for ${names.length ? names.slice(0, 5).join(', ') : 'no domain name'}, not ${d}`);
  if (Date.parse(leaf.validTo) < now.getTime()) problems.push(`it expired on ${new Date(leaf.validTo).toISOString().slice(0, 10)}`);
  if (Date.parse(leaf.validFrom) > now.getTime()) problems.push(`it is valid only from ${new Date(leaf.validFrom).toISOString().slice(0, 10)}`);
  const eku = leaf.keyUsage ?? [];
  if (!eku.includes(BIMI_EKU)) problems.push(`it lacks the BIMI key purpose (${BIMI_EKU})`);
  if (!leaf.raw.includes(LOGOTYPE_OID_DER)) problems.push('it embeds no logo (no logotype extension)');
  for (let i = 0; i + 1 < certs.length; i++) {
    if (!certs[i]!.checkIssued(certs[i + 1]!) || !certs[i]!.verify(certs[i + 1]!.publicKey)) { problems.push(`certificate ${i + 1} in the file is not issued by certificate ${i + 2}`); break; }
  }
  return { subject: leaf.subject.replace(/\n/g, ', '), issuer: leaf.issuer.replace(/\n/g, ', '), validTo: new Date(leaf.validTo).toISOString(), names, problems, chain: certs.length };
}
