import type { Database } from 'better-sqlite3';
import { loadBetterSqlite3 } from '../../fixtures/catalogizer/load-better-sqlite3.js';

/** Writes a SQLite file with `build` and closes it. */
export function writeSqlite(file: string, build: (db: Database) => void): string {
  const Db = loadBetterSqlite3();
  const db = new Db(file);
  try {
    build(db);
  } finally {
    db.close();
  }
  return file;
}
