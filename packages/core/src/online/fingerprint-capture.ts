import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { isCaptureObjectName } from '../sqlite/capture-names.js';

/**
 * A digest of what the capture depends on: the CREATE TABLE text of every captured table
 * and the names of catdb's triggers. It changes when the application alters or drops a
 * captured table (its rows would no longer match the copy) or when catdb's triggers are
 * removed, and not when the application adds an index or another table.
 */
export function fingerprintCapture(db: SqliteDatabase, tables: readonly string[]): string {
  const wanted = new Set(tables);
  const rows = db.prepare(`SELECT type, name, coalesce(sql, '') AS sql FROM main.sqlite_master WHERE type IN ('table', 'trigger') ORDER BY type, name`).all() as { type: string; name: string; sql: string }[];
  const hash = createHash('sha256');
  for (const r of rows) {
    if (r.type === 'table' && wanted.has(r.name)) hash.update(`table\u001f${r.name}\u001f${r.sql}\u001e`);
    else if (r.type === 'trigger' && isCaptureObjectName(r.name)) hash.update(`trigger\u001f${r.name}\u001e`);
  }
  return hash.digest('hex');
}
