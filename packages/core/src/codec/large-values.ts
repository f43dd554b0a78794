import type { ColumnCodec } from './column-codec.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { SqliteDatabase } from '../sqlite/open-sqlite.js';
import type { ReadKey } from '../sqlite/read-key.js';

/**
 * BLOBs larger than this are never held whole in JavaScript: they are read from SQLite in
 * slices of this size and written out (or hashed) slice by slice, so memory stays flat
 * whatever the value size.
 */
export const LARGE_VALUE_BYTES = 1 << 20;

export interface LargeValuePlan {
  /** Per column: the SQL to select (huge BLOBs left out as NULL), then one length column per bytea column. */
  expressions: string[];
  /** Index (in codecs) of each bytea column, in the order of the extra length columns. */
  byteaColumns: number[];
  /** Rows per query: small, since rows may hold values up to LARGE_VALUE_BYTES each. */
  chunkRows: number;
  /** Reads one slice of a value: (key..., offset from 1, length) → Buffer. */
  slice(column: string, key: unknown[], offset: number, length: number): Buffer;
}

/**
 * A plan for reading a table whose bytea columns hold values above LARGE_VALUE_BYTES, or
 * undefined when none does (octet_length() of a BLOB is read from its header, so the check
 * does not load the values).
 */
export function planLargeValues(db: SqliteDatabase, table: string, key: ReadKey, codecs: readonly ColumnCodec[]): LargeValuePlan | undefined {
  const bytea = codecs.map((c, i) => (c.kind === 'bytea' ? i : -1)).filter((i) => i >= 0);
  if (bytea.length === 0) return undefined;
  const t = `main.${quoteSqliteIdent(table)}`;
  const longest = db.prepare(`SELECT ${bytea.map((i) => `max(octet_length(${quoteSqliteIdent(codecs[i]!.source)}))`).join(', ')} FROM ${t}`).raw(true).get() as (number | null)[];
  if (!longest.some((n) => (n ?? 0) > LARGE_VALUE_BYTES)) return undefined;
  const expressions = codecs.map((c, i) => {
    const q = quoteSqliteIdent(c.source);
    return bytea.includes(i) ? `CASE WHEN octet_length(${q}) > ${LARGE_VALUE_BYTES} THEN NULL ELSE ${q} END` : q;
  });
  for (const i of bytea) expressions.push(`octet_length(${quoteSqliteIdent(codecs[i]!.source)})`);
  const where = key.kind === 'rowid' ? 'rowid = ?' : key.columns.map((c) => `${quoteSqliteIdent(c)} = ?`).join(' AND ');
  const stmts = new Map<string, ReturnType<SqliteDatabase['prepare']>>();
  return {
    expressions,
    byteaColumns: bytea,
    chunkRows: 16,
    slice: (column, k, offset, length) => {
      let stmt = stmts.get(column);
      if (!stmt) {
        // CAST: substr() of TEXT counts characters; bytea wants the stored bytes.
        stmt = db.prepare(`SELECT substr(CAST(${quoteSqliteIdent(column)} AS BLOB), ?, ?) FROM ${t} WHERE ${where}`).pluck();
        stmts.set(column, stmt);
      }
      return stmt.get(...([offset, length, ...k] as unknown as [number])) as Buffer;
    },
  };
}

/**
 * The hex text of a huge value, slice by slice.
 */
export function* hexSlices(plan: LargeValuePlan, column: string, key: unknown[], length: number): Generator<string> {
  for (let offset = 1; offset <= length; offset += LARGE_VALUE_BYTES) {
    yield plan.slice(column, key, offset, LARGE_VALUE_BYTES).toString('hex');
  }
}
