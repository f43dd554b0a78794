import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { FollowTable } from './follow-plan.js';
import type { SqliteKeyValue } from './parse-change-key.js';
import { renderKeyExpression } from './render-capture-sql.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The rows of some keys as they are now, in the shape the COPY encoder reads (see RowChunk). */
export interface RowsByKey {
  /** Rows that exist: the read key (`keyWidth` values), then every column. */
  present: unknown[][];
  keyWidth: number;
  /** Keys whose row is gone: delete them in the target. */
  absent: SqliteKeyValue[][];
}

/**
 * Looks each key up in the table, inside the caller's read transaction. A lookup by key
 * columns goes through their index, whose collation may match another spelling of the key
 * (NOCASE): a row counts only when its key is exactly the logged one, byte for byte;
 * otherwise the logged key is gone, and the row found has a log entry of its own.
 */
export function readRowsByKey(db: SqliteDatabase, table: FollowTable, keys: ReadonlyMap<string, SqliteKeyValue[]>): RowsByKey {
  const readKey = table.readKey.kind === 'rowid' ? ['rowid'] : table.readKey.columns.map(quoteSqliteIdent);
  const where = table.key.kind === 'columns' ? table.key.columns.map((c) => `${quoteSqliteIdent(c)} = ?`).join(' AND ') : 'rowid = ?';
  const select = [renderKeyExpression(table.key), ...readKey, ...table.columns.map((c) => quoteSqliteIdent(c.source))].join(', ');
  const stmt = db.prepare(`SELECT ${select} FROM main.${quoteSqliteIdent(table.source)} WHERE ${where}`).raw(true).safeIntegers(true);
  const width = readKey.length;
  const present: unknown[][] = [];
  const absent: SqliteKeyValue[][] = [];
  for (const [logged, values] of keys) {
    const found = stmt.get(...values) as unknown[] | undefined;
    if (!found || String(found[0]) !== logged) {
      absent.push(values);
      continue;
    }
    const row = found.slice(1);
    // As readRowChunks: exact keys, and numbers for values (encoders re-read big integers exactly).
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      if (typeof v === 'bigint') row[i] = i < width && (v > MAX_SAFE || v < -MAX_SAFE) ? v : Number(v);
    }
    present.push(row);
  }
  return { present, keyWidth: width, absent };
}
