import { codecFor } from '../codec/codec-for.js';
import type { ValueKind } from '../codec/value-kind.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import type { ReadKey } from '../sqlite/read-key.js';
import { keyRangeQueries, type KeyRangeQueries } from '../sqlite/key-ranges.js';

/** In the row text: a value SQLite cannot make canonical (the table is then verified value by value). */
export const SQL_CANNOT = '\u001c';
/** In the row text: the place of a value formatted in JavaScript (floats, jsonb), returned as its own column. */
export const SQL_PLACEHOLDER = '\u001d';

/** A column whose canonical text JavaScript computes (floats: shortest form; jsonb: key order). */
export interface JsColumn {
  kind: ValueKind;
  notNull: boolean;
}

export interface SqlCanonicalColumn {
  source: string;
  kind: ValueKind;
  /** numeric(p,s) scale, when the plan kept one. */
  scale?: number;
  notNull?: boolean;
}


/**
 * The canonical text of one column (what the codec's canonicalizer returns, what the
 * PostgreSQL normaliser prints) computed by SQLite. Where a wrong guess could pass for
 * PostgreSQL's text (floats, booleans, numerics, dates) a value SQLite cannot be sure of
 * becomes SQL_CANNOT. Integers, text and timestamps are printed unchecked: a value of
 * another form comes out as text PostgreSQL never prints, so it can fail the sum, and the
 * table is then checked value by value (see verifyTable), but never pass a wrong value.
 */
function canonicalExpression(col: SqlCanonicalColumn): string | undefined {
  const c = quoteSqliteIdent(col.source);
  const cannot = `char(28)`;
  const nul = col.notNull ? cannot : 'char(30)';
  // One typeof() per value, dispatched by CASE: cheaper than IS NULL tests and nested CASEs.
  const byType = (type: string, e: string): string => `CASE typeof(${c}) WHEN '${type}' THEN ${e} WHEN 'null' THEN ${nul} ELSE ${cannot} END`;
  return codecFor(col.kind).sqlCanonicalExpression({ c, cannot, nul, byType, ...(col.scale !== undefined ? { scale: col.scale } : {}) });
}

/**
 * One way to read a table's canonical rows in chunks; see SqlCanonicalQuery.chunks. Each
 * statement returns one row per chunk: the chunk's last key (rowid tables; 1 for keyed
 * ones), its row count, the rows as one BLOB, and the JavaScript-formatted values as a
 * JSON array of arrays. In the BLOB each row is its segments (the text between
 * JavaScript-formatted values), each written as `<byte length>,<bytes>`, so no value can
 * pass for a separator; a chunk without such values (`jsColumns` empty) holds its rows
 * separated by NUL instead, which saves a concatenation per row: a text holding NUL (which
 * PostgreSQL cannot store) shows as a row count that does not add up, and the table is
 * then verified value by value.
 */
export type ChunkQuery = {
  /** Primary-key columns of a WITHOUT ROWID table; 0 for rowid tables, which can also be read in ranges. */
  keyWidth: number;
  jsColumns: JsColumn[];
} & (
  /** Rowid tables; binds: after rowid, up to rowid, rows. */
  | { sql: string }
  /** WITHOUT ROWID tables, read by key ranges. */
  | { keyed: KeyRangeQueries }
);

/** How SQLite yields a table's canonical rows; see sqliteChecksum. */
export interface SqlCanonicalQuery {
  /**
   * One row per table row: the canonical row text (fields joined by \x1f, NULL as \x1e)
   * with SQL_PLACEHOLDER where JavaScript formats a value, followed by those values.
   */
  rowSql: string;
  jsColumns: JsColumn[];
  /**
   * One crossing per chunk instead of one string per row is most of their speed. The
   * first query prints floats in SQL where that is certain to be PostgreSQL's text; a
   * chunk holding another float is read again with the next query, which leaves floats
   * to JavaScript.
   */
  chunks?: ChunkQuery[];
}

/** Whether JavaScript formats the column: always for some kinds (jsonb), for others (float) only where SQL was not sure. */
const isJs = (kind: ValueKind, sqlFloats: boolean): boolean => {
  const js = codecFor(kind).jsCanonical;
  return js !== undefined && (js.always || !sqlFloats);
};

/** Undefined when a column's kind has no SQL form here. */
export function renderSqlCanonicalQuery(table: string, columns: readonly SqlCanonicalColumn[], key: ReadKey = { kind: 'rowid' }): SqlCanonicalQuery | undefined {
  const exprs = columns.map(canonicalExpression);
  if (exprs.length === 0 || exprs.some((e) => e === undefined)) return undefined;
  const from = `main.${quoteSqliteIdent(table)}`;
  const js = columns.filter((c) => isJs(c.kind, false));
  const jsColumns = js.map((c) => ({ kind: c.kind, notNull: Boolean(c.notNull) }));
  const rowExprs = columns.map((c, i) => (isJs(c.kind, false) ? 'char(29)' : exprs[i]!));
  const extra = js.map((c) => quoteSqliteIdent(c.source));
  const rowSql = `SELECT ${rowExprs.join(' || char(31) || ')}${extra.length ? ', ' + extra.join(', ') : ''} FROM ${from}`;
  if (key.kind === 'columns' && key.columns.length === 0) return { rowSql, jsColumns };
  const hasFloat = columns.some((c) => codecFor(c.kind).jsCanonical?.always === false);
  const chunks = [chunkQuery(from, columns, exprs as string[], true, key), ...(hasFloat ? [chunkQuery(from, columns, exprs as string[], false, key)] : [])];
  return { rowSql, jsColumns, chunks };
}

function chunkQuery(from: string, columns: readonly SqlCanonicalColumn[], exprs: readonly string[], sqlFloats: boolean, key: ReadKey): ChunkQuery {
  const js = columns.filter((c) => isJs(c.kind, sqlFloats));
  const jsColumns = js.map((c) => ({ kind: c.kind, notNull: Boolean(c.notNull) }));
  // Segments: the canonical text between JavaScript-formatted columns, separators included
  // (an empty argument to concat_ws puts a separator at that end). One concat_ws per
  // segment allocates once, where a chain of || allocates per operand.
  const parts: string[][] = [[]];
  columns.forEach((c, i) => {
    if (isJs(c.kind, sqlFloats)) {
      if (i > 0) parts[parts.length - 1]!.push("''");
      parts.push(i < columns.length - 1 ? ["''"] : []);
    } else parts[parts.length - 1]!.push(exprs[i]!);
  });
  const segments = parts.map((p) => (p.length === 0 ? "''" : p.length === 1 && p[0] === "''" ? "''" : `concat_ws(char(31), ${p.join(', ')})`));
  const fields = [...segments.map((s, i) => `${s} AS s${i}`), ...js.map((c, i) => `${jsValueExpression(c)} AS j${i}`)].join(', ');
  const frame = `concat(${segments.map((_, i) => `octet_length(s${i}), ',', s${i}`).join(', ')})`;
  const values = js.length ? `json_group_array(json_array(${js.map((_, i) => `j${i}`).join(', ')}))` : 'NULL';
  const rows = js.length ? `group_concat(${frame}, '')` : `group_concat(s0, char(0))`;
  const aggregates = `count(*), CAST(${rows} AS BLOB), ${values}`;
  if (key.kind === 'rowid') {
    // ORDER BY in the subquery keeps SQLite from flattening it, which would compute each segment twice.
    const sql = `SELECT max(k), ${aggregates} FROM (SELECT rowid AS k, ${fields} FROM ${from} WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?)`;
    return { sql, keyWidth: 0, jsColumns };
  }
  // ORDER BY on the key costs nothing (it is the table's order) and keeps the subquery from being flattened.
  const order = key.columns.map(quoteSqliteIdent).join(', ');
  const keyed = keyRangeQueries(from, key.columns, (where) => `SELECT 1, ${aggregates} FROM (SELECT ${fields} FROM ${from}${where} ORDER BY ${order})`);
  return { keyWidth: key.columns.length, keyed, jsColumns };
}

/**
 * A JavaScript-formatted value as JSON can carry it exactly (see JsCanonical.sqlValue);
 * anything else becomes SQL_CANNOT, which the formatter refuses.
 */
function jsValueExpression(col: SqlCanonicalColumn): string {
  return codecFor(col.kind).jsCanonical!.sqlValue(quoteSqliteIdent(col.source));
}
