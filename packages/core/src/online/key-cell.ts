import type { CellSource, StorageClass } from '../codec/cell-source.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { SqliteKeyValue } from './parse-change-key.js';

/**
 * A CellSource for a key value taken from the change log, whose row may be gone: the exact
 * forms come from the value itself, cast by SQLite the way the COPY path reads a stored cell.
 */
export function keyCell(db: SqliteDatabase, value: SqliteKeyValue): CellSource {
  const storage: StorageClass = value === null ? 'null' : typeof value === 'bigint' ? 'integer' : typeof value === 'number' ? 'real' : typeof value === 'string' ? 'text' : 'blob';
  return {
    storageClass: () => storage,
    exactText: () => db.prepare('SELECT CAST(? AS TEXT)').pluck().get(value) as string,
    rawBytes: () => (db.prepare('SELECT CAST(? AS BLOB)').pluck().get(value) as Buffer | null) ?? Buffer.alloc(0),
  };
}

/** The key value the way the row reader hands values to the encoders (integers as numbers; the cell keeps them exact). */
export function keyValueForCodec(value: SqliteKeyValue): unknown {
  return typeof value === 'bigint' ? Number(value) : value;
}
