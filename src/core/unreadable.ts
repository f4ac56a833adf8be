/** Why a file could not be read, in both languages, by error code (the system's own words only for unusual codes). */
import type { Text } from './finding.js';
import { fill, tx } from '../i18n/text.js';

export const WHY_UNREADABLE = {
  noFile: tx('no such file', 'nie ma takiego pliku'),
  directory: tx('it is a directory, not a file', 'to katalog, a nie plik'),
  denied: tx('permission denied', 'brak uprawnień'),
  other: tx('error {code}', 'błąd {code}'), // wraps the system's message
} as const;

export function whyUnreadable(err: unknown): Text {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return WHY_UNREADABLE.noFile;
  if (e?.code === 'EISDIR') return WHY_UNREADABLE.directory;
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return WHY_UNREADABLE.denied;
  return { en: e?.message ?? String(err), pl: fill(WHY_UNREADABLE.other, { code: e?.code ?? '?' }).pl };
}

/** Why a server (a database, a queue) could not be used, in both languages. */
export const WHY_UNREACHABLE = {
  refused: tx('connection refused (is the server running, on this port?)', 'połączenie odrzucone (czy serwer działa i nasłuchuje na tym porcie?)'),
  timeout: tx('no answer in time (a firewall, or the wrong address)', 'brak odpowiedzi na czas (zapora albo zły adres)'),
  noName: tx('the host name does not resolve', 'nazwa hosta nie daje się przetłumaczyć na adres'),
  unreachable: tx('the network cannot reach it', 'sieć nie może go osiągnąć'),
  reset: tx('the server closed the connection', 'serwer zamknął połączenie'),
  refusedLogin: tx('the server refused the login or the database: {message}', 'serwer odrzucił logowanie albo bazę: {message}'), // wraps the server's own message
} as const;

const NET_CODES: Record<string, Text> = {
  ECONNREFUSED: WHY_UNREACHABLE.refused, ETIMEDOUT: WHY_UNREACHABLE.timeout, ENOTFOUND: WHY_UNREACHABLE.noName, EAI_AGAIN: WHY_UNREACHABLE.noName,
  EHOSTUNREACH: WHY_UNREACHABLE.unreachable, ENETUNREACH: WHY_UNREACHABLE.unreachable, ECONNRESET: WHY_UNREACHABLE.reset,
};

/**
 * When `err` says a server could not be reached or refused us (a socket error, or PostgreSQL's own refusal of a
 * login or database: SQLSTATE class 28 or 3D), where and why; otherwise undefined (some other kind of failure).
 */
export function whyUnreachable(err: unknown): { where: string; why: Text } | undefined {
  const e = err as NodeJS.ErrnoException & { address?: string; port?: number; hostname?: string; errors?: unknown[]; severity?: string };
  if (!e || typeof e !== 'object') return undefined;
  const net = e.code ? NET_CODES[e.code] : undefined;
  if (net) {
    // Node gives an AggregateError (no address of its own) when every address of a name failed.
    const first = (e.errors?.[0] ?? e) as typeof e;
    const where = first.address ? `${first.address}${first.port ? `:${first.port}` : ''}` : (e.hostname ?? '?');
    return { where, why: net };
  }
  if (typeof e.severity === 'string' && typeof e.code === 'string' && /^(28|3D)/.test(e.code)) {
    return { where: 'PostgreSQL', why: fill(WHY_UNREACHABLE.refusedLogin, { message: String(e.message).slice(0, 200) }) };
  }
  return undefined;
}
