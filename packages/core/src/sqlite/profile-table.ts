import { quoteSqliteIdent } from '../pg/quote-ident.js';
import { parseDeclaredType } from '../mapping/parse-declared-type.js';
import type { ColumnProfile } from './column-profile.js';
import type { SqliteDatabase } from './open-sqlite.js';
import type { SqliteTable } from './sqlite-schema.js';

/**
 * Counts storage classes, lengths and ranges of every column in one scan of the table
 * (inside the migration's snapshot). The planner needs them to keep varchar(n) and
 * numeric(p,s) only when they fit, to size integers, and to notice columns that hold
 * values their declared type cannot carry.
 */
export function profileTable(db: SqliteDatabase, table: SqliteTable): Map<string, ColumnProfile> {
  const result = new Map<string, ColumnProfile>();
  if (table.columns.length === 0) return result;
  const selects: string[] = [];
  for (const column of table.columns) {
    const c = quoteSqliteIdent(column.name);
    const scale = parseDeclaredType(column.declaredType).typmod[1] ?? 0;
    selects.push(
      `sum(typeof(${c})='null')`,
      `sum(typeof(${c})='integer')`,
      `sum(typeof(${c})='real')`,
      `sum(typeof(${c})='text')`,
      `sum(typeof(${c})='blob')`,
      `max(CASE WHEN typeof(${c})='text' THEN length(${c}) END)`,
      `min(CASE WHEN typeof(${c})='integer' THEN ${c} END)`,
      `max(CASE WHEN typeof(${c})='integer' THEN ${c} END)`,
      // abs() of the smallest int64 overflows, so compare in floating point.
      `max(CASE WHEN typeof(${c}) IN ('integer','real') THEN abs(CAST(${c} AS REAL)) END)`,
      `sum(CASE WHEN typeof(${c})='real' AND round(${c}, ${Math.max(0, Math.min(scale, 30))}) <> ${c} THEN 1 ELSE 0 END)`,
    );
  }
  const row = db
    .prepare(`SELECT ${selects.join(', ')} FROM main.${quoteSqliteIdent(table.name)}`)
    .raw(true)
    .safeIntegers(true)
    .get() as (bigint | number | null)[];
  const num = (v: bigint | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
  table.columns.forEach((column, i) => {
    const o = i * 10;
    const big = (v: bigint | number | null | undefined): bigint | null => (v === null || v === undefined ? null : BigInt(v));
    const maxLen = row[o + 5];
    const maxAbs = row[o + 8];
    result.set(column.name, {
      nulls: num(row[o]),
      integers: num(row[o + 1]),
      reals: num(row[o + 2]),
      texts: num(row[o + 3]),
      blobs: num(row[o + 4]),
      maxTextLength: maxLen === null || maxLen === undefined ? null : Number(maxLen),
      minInteger: big(row[o + 6]),
      maxInteger: big(row[o + 7]),
      maxAbsNumber: maxAbs === null || maxAbs === undefined ? null : Number(maxAbs),
      offScale: num(row[o + 9]),
    });
  });
  return result;
}
