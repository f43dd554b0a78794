import type { ValueKind } from '../mapping/value-kind.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import { LARGE_VALUE_BYTES } from './large-values.js';
import { DATE_GLOB, TIME_GLOB, timestampFormsCase } from './timestamp-forms-case.js';
import { keyRangeQueries, type KeyRangeQueries } from '../sqlite/key-ranges.js';

/**
 * A value PostgreSQL rejects for every non-text type: SQLite emits it where its SQL
 * cannot encode a value exactly, the COPY fails, and the table is loaded again through
 * the JavaScript encoders, which either carry the value or name it precisely.
 */
export const CANNOT_ENCODE = 'catdb:cannot-encode';

// CSV needs one replace() per text value where COPY's text format needs four: measured
// at 0.35 s against 1.4 s per million values on SQLite's side.
// Only for values known not to be NULL. `||` is one VDBE opcode where concat() is a
// function call: 0.71 s against 0.93 s per million JSON values of ~150 bytes.
const QUOTED = (e: string): string => `'"' || replace(${e}, '"', '""') || '"'`;
const BOOL_TRUE = "('1','t','true','y','yes','on')";
const BOOL_FALSE = "('0','f','false','n','no','off')";

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
  switch (column.kind) {
    case 'integer':
      if (column.rowid) return c;
      return byType(`WHEN 'integer' THEN ${c}`);
    case 'float':
      if (column.float4) return undefined;
      // CAST(real AS TEXT) round-trips exactly since SQLite 3.43 ('1.0e+300', 'Inf' are valid float8 input).
      // A REAL -0.0 survives only where no affinity turned it into integer 0; CAST drops its sign.
      return byType(`WHEN 'real' THEN CASE WHEN ${c} = 0 AND atan2(${c}, -1) < 0 THEN '-0' ELSE CAST(${c} AS TEXT) END WHEN 'integer' THEN ${c}`);
    case 'numeric':
      if (!column.scaled) return byType(`WHEN 'integer' THEN ${c}`);
      return byType(`WHEN 'real' THEN CAST(${c} AS TEXT) WHEN 'integer' THEN ${c}`);
    case 'boolean':
      return byType(
        `WHEN 'integer' THEN CASE ${c} WHEN 1 THEN 't' WHEN 0 THEN 'f' ELSE ${cannot} END ` +
          `WHEN 'text' THEN CASE WHEN lower(trim(${c})) IN ${BOOL_TRUE} THEN 't' WHEN lower(trim(${c})) IN ${BOOL_FALSE} THEN 'f' ELSE ${cannot} END`,
      );
    case 'text':
      // Invalid UTF-8 or NUL makes PostgreSQL reject the COPY, and the JavaScript path names the row.
      return `CASE WHEN ${c} IS NULL THEN '' ELSE ${QUOTED(`CAST(${c} AS TEXT)`)} END`;
    case 'bytea':
      // A huge BLOB would be held whole (and twice, as hex) by SQLite and Node: leave it to
      // the slice-by-slice path. '\\c…' is invalid bytea input, so the COPY fails and hands over.
      return `CASE WHEN ${c} IS NULL THEN '' WHEN octet_length(${c}) > ${LARGE_VALUE_BYTES} THEN '\\catdb-large-value' ELSE '\\x' || hex(${c}) END`;
    case 'timestamptz':
    case 'timestamp':
      // Offset-free forms and `Z` are UTC for both types (the session runs in UTC, and
      // `timestamp` ignoring a Z loses nothing); explicit offsets only for timestamptz,
      // which converts them: `timestamp` would silently drop them.
      return byType(
        `WHEN 'text' THEN ${timestampFormsCase(c, cannot, () => c, { offsets: column.kind === 'timestamptz' })} ` +
          `WHEN 'integer' THEN CASE WHEN ${c} BETWEEN -62135596800 AND 253402300799 THEN datetime(${c}, 'unixepoch') ELSE ${cannot} END`,
      );
    case 'date':
      return byType(`WHEN 'text' THEN CASE WHEN ${c} GLOB '${DATE_GLOB}' THEN ${c} ELSE ${cannot} END`);
    case 'time':
      return byType(`WHEN 'text' THEN CASE WHEN ${c} GLOB '${TIME_GLOB}' OR ${c} GLOB '[0-2][0-9]:[0-5][0-9]' THEN ${c} ELSE ${cannot} END`);
    case 'uuid':
      return byType(`WHEN 'text' THEN CASE WHEN length(${c}) = 36 AND ${c} GLOB '*-*-*-*-*' AND NOT ${c} GLOB '*[^0-9a-fA-F-]*' THEN ${c} ELSE ${cannot} END`);
    case 'json':
    case 'jsonb':
      return undefined;
  }
}

/**
 * How to page through a table's COPY data (see readSqlChunks). Each statement returns a
 * whole chunk as a BLOB (bytes reach Node without a round trip through UTF-16), without
 * the newline after its last line (appending it copied the whole chunk again).
 */
export type SqlChunkQueries =
  /** Rowid tables: the first chunk (bound: rows) and the next after a rowid (bound: rowid, rows); each returns the last rowid, the row count, the data. */
  | { first: string; next: string }
  /** WITHOUT ROWID tables: by key ranges (see KeyRangeQueries); each returns the row count and the data. */
  | { keyed: KeyRangeQueries };

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
