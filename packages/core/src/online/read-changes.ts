import { CatdbError } from '../errors.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import { CHANGES_TABLE } from '../sqlite/capture-names.js';
import type { CaptureKey } from './capture-table.js';
import { parseChangeKey, type SqliteKeyValue, type SqliteTextEncoding } from './parse-change-key.js';

/** The changes after one log position, reduced to the keys they touched. */
export interface ChangeBatch {
  /** The last log position read (the position the batch brings the target to). */
  endSeq: bigint;
  /** Log entries read. */
  entries: number;
  /** Distinct keys touched, by source table and then by the key's logged text. */
  byTable: Map<string, Map<string, SqliteKeyValue[]>>;
}

/**
 * Reads log entries after `after` in `seq` order, at most `limit` of them (all without a
 * limit), inside the caller's read transaction. Only the key of each change matters: the
 * row is read again as it is now, so many changes to one row become one.
 *
 * Throws ONLINE_LOG_DAMAGED for an entry naming a table that is not captured.
 */
export function readChanges(db: SqliteDatabase, keys: ReadonlyMap<string, CaptureKey>, after: bigint, limit: number | undefined, encoding: SqliteTextEncoding): ChangeBatch {
  const sql = `SELECT seq, tbl, row_key FROM main.${quoteSqliteIdent(CHANGES_TABLE)} WHERE seq > ? ORDER BY seq${limit === undefined ? '' : ' LIMIT ?'}`;
  const stmt = db.prepare(sql).raw(true).safeIntegers(true);
  const rows = (limit === undefined ? stmt.all(after) : stmt.all(after, limit)) as [bigint, unknown, unknown][];
  const byTable = new Map<string, Map<string, SqliteKeyValue[]>>();
  for (const [, tbl, rowKey] of rows) {
    const key = typeof tbl === 'string' ? keys.get(tbl) : undefined;
    if (!key) {
      throw new CatdbError('ONLINE_LOG_DAMAGED', `The change log holds an entry for ${String(tbl).slice(0, 80)}, which is not a captured table`, {
        hint: 'Something other than catdb wrote to _catdb_changes. Remove the capture with `catdb migrate online-abort` and start the online migration again.',
        details: { table: String(tbl).slice(0, 200) },
      });
    }
    let keysOfTable = byTable.get(tbl as string);
    if (!keysOfTable) byTable.set(tbl as string, (keysOfTable = new Map()));
    const id = String(rowKey);
    if (!keysOfTable.has(id)) keysOfTable.set(id, parseChangeKey(tbl as string, key, rowKey, encoding));
  }
  return { endSeq: rows.length > 0 ? rows[rows.length - 1]![0] : after, entries: rows.length, byTable };
}
