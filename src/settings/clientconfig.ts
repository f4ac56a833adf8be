/**
 * Thunderbird's clientConfig XML (ISPDB files and autoconfig answers) → compact server entries, read with
 * fast-xml-parser (single or double quotes, CDATA, character references and namespace prefixes as XML has them).
 * Hostile input is bounded: at most 256 KiB is read, entities defined in a DOCTYPE are never expanded (only the
 * five predefined ones and numeric references are decoded), and a document the parser cannot read is no config.
 */
import { XMLParser } from 'fast-xml-parser';

/** The three protocols a mail client is set up for: reading (IMAP, POP3) and sending (SMTP submission). */
export type SettingsProtocol = 'imap' | 'pop3' | 'smtp';
/** SSL: implicit TLS; STARTTLS; plain: no encryption. */
export type SocketType = 'SSL' | 'STARTTLS' | 'plain';

/** One server of a provider's configuration, as an autoconfig file or the ISPDB writes it: where, how encrypted, which login. */
export interface ServerEntry {
  protocol: SettingsProtocol;
  /** May hold placeholders (%EMAILDOMAIN%) until `fillPlaceholders`. */
  host: string;
  port: number;
  socket: SocketType;
  /** %EMAILADDRESS%, %EMAILLOCALPART% or a fixed name. */
  username: string;
  auth: string[];
}

/** A mail provider's client configuration (a Thunderbird autoconfig / ISPDB document): its domains and every server. */
export interface ProviderConfig {
  id: string;
  name: string;
  /** Mail domains (and MX host domains) this provider serves. */
  domains: string[];
  servers: ServerEntry[];
}

/** Longest input read; real files are a few KiB. */
const MAX_XML = 256 * 1024;
/** Longest element text or attribute value used; real values are host names and short labels. */
const MAX_VALUE = 1000;
const MAX_ID = 200;

/**
 * The parser keeps every reference as written (processEntities: false), so a DOCTYPE's own entities are never
 * expanded (no billion laughs); `decodeReferences` then decodes what XML itself defines.
 */
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  commentPropName: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The five predefined entities and numeric character references; anything else stays as written. */
function decodeReferences(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref]!;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    // XML allows no NUL and no surrogate halves, even as references.
    return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/** One element of the parser's ordered output: `{ [tagName]: children, ':@'?: attributes }`. */
type XmlNode = Record<string, unknown>;

function nameOf(node: XmlNode): string | undefined {
  for (const k of Object.keys(node)) if (k !== ':@' && k !== '#text' && k !== '#cdata') return k;
  return undefined;
}

function childrenOf(node: XmlNode, name: string): XmlNode[] {
  const c = node[name];
  return Array.isArray(c) ? (c as XmlNode[]) : [];
}

/** Every element called `name` below `nodes`, in document order, not looking inside a match. */
function findAll(nodes: XmlNode[], name: string, out: XmlNode[] = []): XmlNode[] {
  // An explicit stack: nesting is attacker-chosen (the parser bounds it, but recursion need not be trusted).
  const stack: XmlNode[][] = [nodes];
  const at: number[] = [0];
  while (stack.length) {
    const list = stack[stack.length - 1]!;
    const i = at[at.length - 1]!;
    if (i >= list.length) { stack.pop(); at.pop(); continue; }
    at[at.length - 1] = i + 1;
    const n = list[i]!;
    const tag = nameOf(n);
    if (tag === undefined) continue;
    if (tag === name) out.push(n);
    else { stack.push(childrenOf(n, tag)); at.push(0); }
  }
  return out;
}

/** An element's own text: its text and CDATA children in order, references decoded (not inside CDATA), trimmed. */
function textOf(node: XmlNode, name: string): string {
  let s = '';
  for (const c of childrenOf(node, name)) {
    if (typeof c['#text'] === 'string') s += decodeReferences(c['#text']);
    else if (Array.isArray(c['#cdata'])) for (const d of c['#cdata'] as XmlNode[]) if (typeof d['#text'] === 'string') s += d['#text'];
  }
  return s.trim();
}

function attr(node: XmlNode, name: string): string | undefined {
  const a = node[':@'] as Record<string, unknown> | undefined;
  const v = a?.[name];
  return typeof v === 'string' ? decodeReferences(v).trim() : undefined;
}

/** The texts of every `name` element below `within`, in order (over-long ones skipped). */
function texts(within: XmlNode, withinName: string, name: string): string[] {
  return findAll(childrenOf(within, withinName), name).map((n) => textOf(n, name)).filter((t) => t.length <= MAX_VALUE);
}

const SOCKETS: Record<string, SocketType> = { SSL: 'SSL', STARTTLS: 'STARTTLS', PLAIN: 'plain' };

/** A document cut off before its provider ends (a dropped connection) is not a config. */
const PROVIDER_END = /<\/(?:[A-Za-z_][\w.-]{0,100}:)?emailProvider\s*>/;

/** Parse one clientConfig document; undefined when it is not one (never throws). */
export function parseClientConfig(xmlIn: string): ProviderConfig | undefined {
  const xml = xmlIn.slice(0, MAX_XML);
  if (!PROVIDER_END.test(xml)) return undefined;
  let doc: XmlNode[];
  try {
    doc = parser.parse(xml) as XmlNode[];
  } catch {
    return undefined;
  }
  const prov = findAll(doc, 'emailProvider')[0];
  if (!prov) return undefined;
  const rawId = attr(prov, 'id') ?? '';
  const id = rawId.length <= MAX_ID ? rawId : '';
  const servers: ServerEntry[] = [];
  for (const kind of ['incomingServer', 'outgoingServer']) {
    for (const b of findAll(childrenOf(prov, 'emailProvider'), kind)) {
      const type = attr(b, 'type');
      if (type !== 'imap' && type !== 'pop3' && type !== 'smtp') continue;
      const port = Number(texts(b, kind, 'port')[0]);
      const socket = SOCKETS[(texts(b, kind, 'socketType')[0] ?? '').toUpperCase()];
      const host = texts(b, kind, 'hostname')[0];
      if (!host || !socket || !Number.isInteger(port) || port < 1 || port > 65535) continue;
      servers.push({ protocol: type, host: host.toLowerCase(), port, socket, username: texts(b, kind, 'username')[0] ?? '%EMAILADDRESS%', auth: texts(b, kind, 'authentication') });
    }
  }
  return {
    id,
    name: texts(prov, 'emailProvider', 'displayName')[0] ?? id,
    domains: texts(prov, 'emailProvider', 'domain').map((d) => d.toLowerCase()),
    servers,
  };
}

/** Replace %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN% for one address. */
export function fillPlaceholders(s: string, address: string): string {
  const at = address.lastIndexOf('@');
  const local = at > 0 ? address.slice(0, at) : address;
  const domain = at > 0 ? address.slice(at + 1) : '';
  return s.replace(/%EMAILADDRESS%/g, address).replace(/%EMAILLOCALPART%/g, local).replace(/%EMAILDOMAIN%/g, domain);
}
