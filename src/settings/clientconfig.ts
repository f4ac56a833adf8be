/**
 * Thunderbird's clientConfig XML (ISPDB files and autoconfig answers) → compact server entries. A small,
 * bounded reader for this one format (no general XML parser needed: the elements are flat and well known).
 */

export type SettingsProtocol = 'imap' | 'pop3' | 'smtp';
/** SSL: implicit TLS; STARTTLS; plain: no encryption. */
export type SocketType = 'SSL' | 'STARTTLS' | 'plain';

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

export interface ProviderConfig {
  id: string;
  name: string;
  /** Mail domains (and MX host domains) this provider serves. */
  domains: string[];
  servers: ServerEntry[];
}

/** Longest input read; real files are a few KiB. */
const MAX_XML = 256 * 1024;

const decode = (s: string) => s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").trim();

function tags(xml: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${name}(?:\\s[^>]{0,500})?>([^<]{0,1000})</${name}>`, 'g');
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(decode(m[1]!));
  return out;
}

function blocks(xml: string, name: string): { attrs: string; body: string }[] {
  const out: { attrs: string; body: string }[] = [];
  let at = 0;
  for (;;) {
    const start = xml.indexOf(`<${name}`, at);
    if (start < 0) break;
    const open = xml.indexOf('>', start);
    const end = xml.indexOf(`</${name}>`, open);
    if (open < 0 || end < 0) break;
    out.push({ attrs: xml.slice(start + name.length + 1, open), body: xml.slice(open + 1, end) });
    at = end + name.length + 3;
  }
  return out;
}

/** Remove <!-- … --> with indexOf (linear even for many unterminated comment starts; a lazy regex is not). */
function stripComments(xml: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const start = xml.indexOf('<!--', at);
    if (start < 0) return out + xml.slice(at);
    out += xml.slice(at, start);
    const end = xml.indexOf('-->', start + 4);
    if (end < 0) return out;
    at = end + 3;
  }
}

const SOCKETS: Record<string, SocketType> = { SSL: 'SSL', STARTTLS: 'STARTTLS', PLAIN: 'plain' };

/** Parse one clientConfig document; undefined when it is not one. */
export function parseClientConfig(xmlIn: string): ProviderConfig | undefined {
  const xml = stripComments(xmlIn.slice(0, MAX_XML));
  const prov = blocks(xml, 'emailProvider')[0];
  if (!prov) return undefined;
  const id = /id="([^"]{1,200})"/.exec(prov.attrs)?.[1] ?? '';
  const servers: ServerEntry[] = [];
  for (const kind of ['incomingServer', 'outgoingServer']) {
    for (const b of blocks(prov.body, kind)) {
      const type = /type="([a-z0-9]{1,10})"/.exec(b.attrs)?.[1];
      if (type !== 'imap' && type !== 'pop3' && type !== 'smtp') continue;
      const port = Number(tags(b.body, 'port')[0]);
      const socket = SOCKETS[(tags(b.body, 'socketType')[0] ?? '').toUpperCase()];
      const host = tags(b.body, 'hostname')[0];
      if (!host || !socket || !Number.isInteger(port) || port < 1 || port > 65535) continue;
      servers.push({ protocol: type, host: host.toLowerCase(), port, socket, username: tags(b.body, 'username')[0] ?? '%EMAILADDRESS%', auth: tags(b.body, 'authentication') });
    }
  }
  return {
    id,
    name: tags(prov.body, 'displayName')[0] ?? id,
    domains: tags(prov.body, 'domain').map((d) => d.toLowerCase()),
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
