import Database from 'better-sqlite3';
import { CatdbError } from '../errors.js';
import { mapSqliteError, openSqlite, SCAN_CACHE_KIB, type SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { SqliteTextEncoding } from './parse-change-key.js';

/** A connection to the application's live database, next to the application's own. */
export interface LiveSqlite {
  db: SqliteDatabase;
  encoding: SqliteTextEncoding;
  close(): void;
}

/**
 * Opens the application's database while the application keeps using it. catdb changes
 * no setting of the file (journal mode, page size, checkpoints): only its own connection's
 * busy timeout and cache. The file must be in WAL mode: in rollback-journal mode the long
 * read of the snapshot would block every writer of the application for the whole copy.
 *
 * `readonly` connections read the change log and rows; the other kind writes catdb's own
 * objects and takes the write lock at cutover. `requireWal: false` (removing catdb's objects)
 * accepts any journal mode.
 *
 * Errors: SQLITE_* (from openSqlite), ONLINE_NOT_WAL.
 */
export function openLiveSqlite(file: string, options: { readonly: boolean; busyTimeoutMs?: number; requireWal?: boolean }): LiveSqlite {
  // The same checks as every other command (header, encryption, readable), then closed.
  openSqlite(file).close();
  let db: SqliteDatabase;
  try {
    db = new Database(file, { readonly: options.readonly, fileMustExist: true, timeout: options.busyTimeoutMs ?? 5000 });
  } catch (err) {
    throw mapSqliteError(err, file);
  }
  try {
    db.pragma(`cache_size = -${SCAN_CACHE_KIB}`);
    const mode = String(db.pragma('journal_mode', { simple: true })).toLowerCase();
    if (mode !== 'wal' && options.requireWal !== false) {
      throw new CatdbError('ONLINE_NOT_WAL', `${file} is in ${mode} journal mode; an online migration needs WAL mode`, {
        hint: "In rollback-journal mode catdb's long snapshot read would block every writer of the application. Switch the file to WAL once (stop the application, run `sqlite3 app.db 'PRAGMA journal_mode=WAL'`, start it again), or migrate offline without --online.",
        details: { file, journalMode: mode },
      });
    }
    const encoding = String(db.pragma('encoding', { simple: true })) as SqliteTextEncoding;
    return { db, encoding, close: () => db.close() };
  } catch (err) {
    db.close();
    throw mapSqliteError(err, file);
  }
}
