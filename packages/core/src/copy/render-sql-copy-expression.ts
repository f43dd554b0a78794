import { codecFor } from '../codec/codec-for.js';
import type { ValueKind } from '../codec/value-kind.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import { keyRangeQueries } from '../sqlite/key-ranges.js';
import type { SqlChunkQueries } from '../sqlite/read-sql-chunks.js';

export type { SqlChunkQueries };

/**
 * A value PostgreSQL rejects for every non-text type: SQLite emits it where its SQL
 * cannot encode a value exactly, the COPY fails, and the table is loaded again through
 * the JavaScript encoders, which either carry the value or name it precisely.
 */
export const CANNOT_ENCODE = 'catdb:cannot-encode';

export interface SqlCopyColumn {
  source: string;
  kind: ValueKind;
  /** numeric(p,s): values were checked to fit exactly, so PostgreSQL's rounding of the round-trip text is exact. */
  scaled?: boolean;
  /**
   * A `real` target. PostgreSQL would round the 17-digit text, not the double: where a double
   * lies on a float4 midpoint the two differ, so only the JavaScript encoder (which rounds
   * the double itself) is exact.
   */
  float4?: boolean;
  /** The INTEGER PRIMARY KEY: an alias of the rowid, so always an integer and never NULL. */
  rowid?: boolean;
}

/**
 * The SQLite expression that renders one column as a COPY CSV field (empty for NULL,
 * text always quoted, so an empty string stays an empty string),
 * for the kinds whose exact text SQLite can produce itself: on the fast path the rows
 * never become JavaScript values. Returns undefined where only the JavaScript encoder is
 * exact (unconstrained numeric from reals, json in need of canonical checks…).
 *
 * Forms SQLite writes that PostgreSQL reads differently are routed to CANNOT_ENCODE,
 * never passed through: PostgreSQL also accepts 'now', 'epoch', zone names, boolean
 * prefixes, which the JavaScript encoders reject.
 */
export function renderSqlCopyExpression(column: SqlCopyColumn): string | undefined {
  const c = quoteSqliteIdent(column.source);
  const cannot = `'${CANNOT_ENCODE}'`;
  // One typeof() per value, dispatched by CASE: cheaper than IS NULL tests and nested CASEs.
  const byType = (branches: string): string => `CASE typeof(${c}) ${branches} WHEN 'null' THEN '' ELSE ${cannot} END`;
  return codecFor(column.kind).sqlCopyExpression({ c, cannot, byType, ...(column.scaled ? { scaled: true } : {}), ...(column.float4 ? { float4: true } : {}), ...(column.rowid ? { rowid: true } : {}) });
}

/**
 * The chunk queries of a table whose every column SQLite can render exactly. The rows are
 * concatenated in the order the subquery yields them; COPY needs no order, and sorting
 * each chunk cost a fifth of the time.
 */
export function renderSqlCopyChunkQueries(table: string, columns: readonly SqlCopyColumn[], keyColumns: readonly string[]): SqlChunkQueries | undefined {
  const exprs = columns.map(renderSqlCopyExpression);
  if (exprs.some((e) => e === undefined) || exprs.length === 0 || keyColumns.length === 0) return undefined;
  const from = `main.${quoteSqliteIdent(table)}`;
  // Every expression yields text, never NULL, so concat_ws keeps each field (and allocates once).
  const line = `concat_ws(',', ${exprs.join(', ')})`;
  if (keyColumns.length > 1 || keyColumns[0] !== 'rowid') {
    return { keyed: keyRangeQueries(from, keyColumns, (where) => `SELECT count(*), CAST(group_concat(${line}, char(10)) AS BLOB) FROM ${from}${where}`) };
  }
  const chunk = (where: string): string =>
    `SELECT max(k0) AS rn, count(*) AS n, CAST(group_concat(line, char(10)) AS BLOB) AS data, k0 FROM (SELECT rowid AS k0, ${line} AS line FROM ${from} WHERE ${where} ORDER BY rowid LIMIT ?)`;
  return { first: chunk('1'), next: chunk('rowid > ?') };
}
