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
