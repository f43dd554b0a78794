import type { ValueKind } from '../mapping/value-kind.js';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import { LARGE_VALUE_BYTES } from '../copy/large-values.js';

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

const D = '[0-9]';
const DATE = `${D}${D}${D}${D}-[01]${D}-[0-3]${D}`;
const TIME = `[0-2]${D}:[0-5]${D}:[0-5]${D}`;

/**
 * The canonical text of one column (what makeCanonicalizer returns, what the PostgreSQL
 * normaliser prints) computed by SQLite, for the forms the fast load path writes.
 * Anything else becomes SQL_CANNOT, so verification never compares a guess.
 */
function canonicalExpression(col: SqlCanonicalColumn): string | undefined {
  const c = quoteSqliteIdent(col.source);
  const t = `typeof(${c})`;
  const cannot = `char(28)`;
  const nul = col.notNull ? cannot : 'char(30)';
  const wrap = (e: string): string => `CASE WHEN ${c} IS NULL THEN ${nul} ELSE ${e} END`;
  switch (col.kind) {
    case 'integer':
      return wrap(`CASE WHEN ${t}='integer' THEN CAST(${c} AS TEXT) ELSE ${cannot} END`);
    case 'text':
      return wrap(`CASE WHEN ${t}='text' THEN ${c} ELSE ${cannot} END`);
    case 'bytea':
      return wrap(`CASE WHEN octet_length(${c}) > ${LARGE_VALUE_BYTES} THEN ${cannot} ELSE lower(hex(${c})) END`);
    case 'boolean':
      return wrap(`CASE WHEN ${t}='integer' AND ${c} IN (0,1) THEN CASE ${c} WHEN 1 THEN 't' ELSE 'f' END ELSE ${cannot} END`);
    case 'numeric':
      if (col.scale === undefined) return wrap(`CASE WHEN ${t}='integer' THEN CAST(${c} AS TEXT) ELSE ${cannot} END`);
      return wrap(`CASE WHEN ${t} IN ('integer','real') AND ${c} <> 0 THEN printf('%.${col.scale}f', ${c}) WHEN ${t} IN ('integer','real') THEN printf('%.${col.scale}f', 0) ELSE ${cannot} END`);
    case 'timestamptz':
    case 'timestamp': {
      const base = `${DATE}[ T]${TIME}`;
      return wrap(
        `CASE WHEN ${t}<>'text' THEN ${cannot} ` +
          `WHEN ${c} GLOB '${DATE}' THEN ${c} || ' 00:00:00.000000' ` +
          `WHEN ${c} GLOB '${base}' OR ${c} GLOB '${base}Z' THEN substr(${c}, 1, 10) || ' ' || substr(${c}, 12, 8) || '.000000' ` +
          `WHEN length(${c}) BETWEEN 21 AND 27 AND substr(${c}, 1, 20) GLOB '${base}.' AND rtrim(substr(${c}, 21), 'Z') NOT GLOB '*[^0-9]*' AND length(rtrim(substr(${c}, 21), 'Z')) BETWEEN 1 AND 6 ` +
          `THEN substr(${c}, 1, 10) || ' ' || substr(${c}, 12, 8) || '.' || substr(rtrim(substr(${c}, 21), 'Z') || '000000', 1, 6) ` +
          `ELSE ${cannot} END`,
      );
    }
    case 'date':
      return wrap(`CASE WHEN ${t}='text' AND ${c} GLOB '${DATE}' THEN ${c} ELSE ${cannot} END`);
    case 'float':
    case 'jsonb':
      // Always a placeholder, NULL included: JavaScript formats the value or the NULL mark.
      return `char(29)`;
    default:
      return undefined;
  }
}

/**
 * One query over the table that yields, per row, the canonical row text (fields joined
 * by \x1f, NULL as \x1e) with placeholders for the values JavaScript formats, followed
 * by those values. Undefined when a column's kind has no SQL form here.
 */
export function renderSqlCanonicalQuery(table: string, columns: readonly SqlCanonicalColumn[]): { sql: string; jsColumns: JsColumn[] } | undefined {
  const exprs = columns.map(canonicalExpression);
  if (exprs.length === 0 || exprs.some((e) => e === undefined)) return undefined;
  const js = columns.filter((c) => c.kind === 'float' || c.kind === 'jsonb');
  const extra = js.map((c) => quoteSqliteIdent(c.source));
  return {
    sql: `SELECT ${exprs.join(` || char(31) || `)}${extra.length ? ', ' + extra.join(', ') : ''} FROM main.${quoteSqliteIdent(table)}`,
    jsColumns: js.map((c) => ({ kind: c.kind, notNull: Boolean(c.notNull) })),
  };
}
