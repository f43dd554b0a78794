/**
 * How the change log names a row of one table: its rowid (rowid tables whose INTEGER PRIMARY
 * KEY aliases it), its primary key columns (WITHOUT ROWID tables, and rowid tables whose
 * key is not the rowid, because the target knows the row only by that key), or nothing
 * the target could use (tables without a primary key: reloaded whole at cutover when changed).
 */
export type CaptureKey = { kind: 'rowid' } | { kind: 'columns'; columns: string[] } | { kind: 'none' };

/** One table whose changes catdb records. Plain data, stored with the online run. */
export interface CaptureTable {
  /** The table's name in SQLite. */
  name: string;
  key: CaptureKey;
}
