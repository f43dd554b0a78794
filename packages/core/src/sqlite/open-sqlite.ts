import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { CatdbError } from '../errors.js';

export type SqliteDatabase = Database.Database;

const MAGIC = 'SQLite format 3\u0000';

/**
 * SQLite page cache per connection, in KiB. catdb's reads are full scans and keyset seeks,
 * which a large cache does not speed up; the default 16 MB stays resident per connection.
 */
export const SCAN_CACHE_KIB = 2048;

/**
 * Opens a SQLite file read-only and starts a read transaction, so every later read
 * (introspection, load, verify) sees one consistent snapshot even while an application
 * keeps writing (WAL) or is blocked from writing (rollback journal).
 *
 * Errors: SQLITE_NOT_FOUND, SQLITE_NOT_A_DATABASE, SQLITE_ENCRYPTED, SQLITE_LOCKED, SQLITE_CORRUPT.
 */
export function openSqlite(file: string, options: { integrityCheck?: boolean; busyTimeoutMs?: number } = {}): SqliteDatabase {
  if (!existsSync(file)) {
    throw new CatdbError('SQLITE_NOT_FOUND', `SQLite file not found: ${file}`, { hint: 'Check the path (quote it if it contains spaces).', details: { file } });
  }
  if (statSync(file).isDirectory()) {
    throw new CatdbError('SQLITE_NOT_A_DATABASE', `${file} is a directory, not a SQLite file`, { details: { file } });
  }
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  const read = readSync(fd, header, 0, 16, 0);
  closeSync(fd);
  if (read === 0) {
    throw new CatdbError('SQLITE_NOT_A_DATABASE', `${file} is empty`, { hint: 'Point catdb at the application database file.', details: { file } });
  }
  if (header.toString('latin1') !== MAGIC) {
    throw new CatdbError('SQLITE_ENCRYPTED', `${file} is not a plain SQLite database (no SQLite header): it is encrypted or not a database`, {
      hint: 'If it is encrypted (SQLCipher, SEE), decrypt it first with the tool that wrote it, e.g. sqlcipher `ATTACH … KEY ""; SELECT sqlcipher_export(…)`.',
      details: { file },
    });
  }
  let db: SqliteDatabase;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (err) {
    throw mapSqliteError(err, file);
  }
  try {
    if (options.integrityCheck) {
      const rows = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
      if (rows.length !== 1 || rows[0] !== 'ok') {
        throw new CatdbError('SQLITE_CORRUPT', `${file} failed PRAGMA integrity_check: ${rows.slice(0, 5).join('; ')}`, {
          hint: 'Recover what can be read with `sqlite3 file ".recover"` into a new file and migrate that.',
          details: { file, problems: rows.slice(0, 50) },
        });
      }
    }
    db.pragma(`cache_size = -${SCAN_CACHE_KIB}`);
    db.exec('BEGIN');
    // The snapshot starts at the first read, not at BEGIN.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    throw mapSqliteError(err, file);
  }
  return db;
}

/**
 * `err` as a SQLITE_* CatdbError naming `file` when SQLite raised it (a page found corrupt
 * in the middle of a scan, a lock), any other error as it is. Reads of the source call it
 * where their errors leave catdb, so no SQLite error reaches the user unnamed.
 */
export function asSourceError(err: unknown, file: string): unknown {
  return err instanceof Database.SqliteError ? mapSqliteError(err, file) : err;
}

/** Names the SQLite failure precisely (the driver's codes are SQLITE_BUSY, SQLITE_NOTADB, …). */
export function mapSqliteError(err: unknown, file: string): CatdbError {
  if (err instanceof CatdbError) return err;
  const code = (err as { code?: string }).code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    return new CatdbError('SQLITE_LOCKED', `${file} is locked by another process: ${message}`, {
      hint: 'Another process holds a write lock. Retry when it is idle, or switch the database to WAL mode (PRAGMA journal_mode=WAL) so readers never wait.',
      details: { file },
      cause: err,
    });
  }
  if (code === 'SQLITE_NOTADB') {
    return new CatdbError('SQLITE_NOT_A_DATABASE', `${file} is not a SQLite database: ${message}`, {
      hint: 'Check the path; an encrypted database must be decrypted first.',
      details: { file },
      cause: err,
    });
  }
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_IOERR_SHORT_READ' || code.startsWith('SQLITE_IOERR')) {
    return new CatdbError('SQLITE_CORRUPT', `${file} is damaged or truncated: ${message}`, {
      hint: 'Run with --check-integrity to see the damage; recover with `sqlite3 file ".recover"` into a new file.',
      details: { file },
      cause: err,
    });
  }
  return new CatdbError('SQLITE_CORRUPT', `Reading ${file} failed: ${message}`, { details: { file, sqliteCode: code }, cause: err });
}
