import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';

/** What tells one SQLite file (and its schema) from another, recorded with a run for --resume. */
export interface SourceIdentity {
  path: string;
  /** Bytes of the main database file (a WAL file is not counted). */
  size: number;
  mtime: Date;
  /** SHA-256 hex of every sqlite_master row (type, name, table, sql), sorted. */
  schemaHash: string;
}

/** Reads the identity inside the open snapshot, so the schema hash matches what was planned. */
export function sourceIdentity(file: string, db: SqliteDatabase): SourceIdentity {
  const st = statSync(file);
  const rows = db.prepare(`SELECT type, name, tbl_name, coalesce(sql, '') FROM main.sqlite_master ORDER BY type, name`).raw(true).all() as string[][];
  const hash = createHash('sha256');
  for (const row of rows) hash.update(row.join('\u001f') + '\u001e');
  return { path: resolve(file), size: st.size, mtime: new Date(Math.floor(st.mtimeMs)), schemaHash: hash.digest('hex') };
}
