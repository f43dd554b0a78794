import { mapSqliteError, type SqliteDatabase } from '../sqlite/open-sqlite.js';
import { readCapture } from './read-capture.js';
import { renderRemoveCapture } from './render-capture-sql.js';

/**
 * Drops every catdb object from the file in ONE write transaction: the capture or fence
 * triggers, the change log and the meta table. Objects are found by their exact catdb names
 * (see isCaptureObjectName); nothing else is touched. Returns what was dropped.
 *
 * Errors: SQLITE_LOCKED (the application held the write lock past the busy timeout).
 */
export function removeCapture(db: SqliteDatabase, file: string): { triggers: string[]; tables: string[] } {
  try {
    db.exec('BEGIN IMMEDIATE');
    const { objects } = readCapture(db);
    for (const sql of renderRemoveCapture(objects)) db.exec(sql);
    db.exec('COMMIT');
    return objects;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw mapSqliteError(err, file);
  }
}
