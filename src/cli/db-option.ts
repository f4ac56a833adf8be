/**
 * `--db`: a PostgreSQL URL (postgres://user[:password]@host[:port]/db) or, where a command allows it, a SQLite file.
 * Checked before anything connects: a URL that cannot be read is a usage error (64) naming it without its password;
 * a file whose folder does not exist, or a folder given as the file, is "cannot read" (66) like any input.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { redactUrl } from '../watch/store/postgres.js';
import { UsageError } from './args.js';
import { USAGE_TEXTS } from './usage-texts.js';

const isPostgres = (db: string) => /^postgres(?:ql)?:\/\//i.test(db);

/** A URL no parser reads, as it may be shown: whatever stands before its last "@" and any query string hidden. */
function unparsedShown(url: string): string {
  const s = url.slice(0, 300).split('?')[0]!;
  const at = s.lastIndexOf('@');
  const start = s.indexOf('//');
  return (at > start && start >= 0 ? `${s.slice(0, start + 2)}…${s.slice(at)}` : s).slice(0, 120);
}

/**
 * Throws a UsageError naming `option` (default --db) when `url` is not a PostgreSQL URL a client can use; returns it
 * unchanged otherwise.
 */
export function postgresUrlOption(url: string, option = '--db'): string {
  let u: URL | undefined;
  try { u = new URL(url); } catch { /* reported below */ }
  const port = u?.port ? Number(u.port) : 5432;
  if (!u || !isPostgres(url) || !u.hostname || !(port >= 1 && port <= 65535)) {
    throw new UsageError(USAGE_TEXTS.badDbUrl, { option, value: u ? redactUrl(url) : unparsedShown(url) });
  }
  return url;
}

/** A `--db` that may be a SQLite file: the URL checked as above, or the file's folder must exist and the path be no folder. */
export function dbOption(db: string): string {
  if (isPostgres(db)) return postgresUrlOption(db);
  const abs = resolve(db);
  let isDir = false;
  try { isDir = statSync(abs).isDirectory(); } catch { /* a new file: its folder is checked below */ }
  if (isDir) throw Object.assign(new Error(`${abs} is a folder`), { code: 'EISDIR', path: abs });
  try { statSync(dirname(abs)); } catch { throw Object.assign(new Error(`no such folder: ${dirname(abs)}`), { code: 'ENOENT', path: dirname(abs) }); }
  return db;
}
