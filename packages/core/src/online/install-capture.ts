import { CatdbError } from '../errors.js';
import { mapSqliteError, type SqliteDatabase } from '../sqlite/open-sqlite.js';
import { META_TABLE } from '../sqlite/capture-names.js';
import type { CaptureTable } from './capture-table.js';
import { fingerprintCapture } from './fingerprint-capture.js';
import { readCapture, type CaptureState } from './read-capture.js';
import { renderInstallCapture } from './render-capture-sql.js';

export interface InstallCaptureOptions {
  file: string;
  tables: readonly CaptureTable[];
  installId: string;
  targetSchema: string;
}

/**
 * Installs change capture in ONE write transaction (BEGIN IMMEDIATE: it waits for the
 * application's current writer on the busy timeout, and holds the lock only for the DDL).
 * Either every object is created or none is. Refuses when any catdb object is present.
 *
 * Errors: ONLINE_CAPTURE_CONFLICT, SQLITE_LOCKED.
 */
export function installCapture(db: SqliteDatabase, o: InstallCaptureOptions): CaptureState {
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    throw mapSqliteError(err, o.file);
  }
  try {
    const present = readCapture(db);
    const names = [...present.objects.tables, ...present.objects.triggers];
    if (names.length > 0) {
      throw new CatdbError('ONLINE_CAPTURE_CONFLICT', `${o.file} already holds catdb objects (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', …' : ''}); nothing was changed`, {
        hint: 'Another online migration is under way or was left behind. Continue it with the same command, or remove it with `catdb migrate online-abort`.',
        details: { file: o.file, objects: names, ...(present.installId ? { installId: present.installId } : {}) },
      });
    }
    for (const sql of renderInstallCapture(o.tables)) db.exec(sql);
    const insert = db.prepare(`INSERT INTO main.${META_TABLE} (name, value) VALUES (?, ?)`);
    const meta: [string, string][] = [
      ['install_id', o.installId],
      ['target_schema', o.targetSchema],
      ['phase', 'capturing'],
      ['installed_at', new Date().toISOString()],
      ['tables', JSON.stringify(o.tables)],
      ['fingerprint', fingerprintCapture(db, o.tables.map((t) => t.name))],
    ];
    for (const [k, v] of meta) insert.run(k, v);
    const state = readCapture(db);
    db.exec('COMMIT');
    return state;
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err instanceof CatdbError ? err : mapSqliteError(err, o.file);
  }
}
