import { isUtf8 } from 'node:buffer';
import { quoteSqliteIdent } from '../pg/quote-ident.js';
import { parseDeclaredType } from './parse-declared-type.js';
import { emptyProfile, type ColumnProfile } from './column-profile.js';
import type { SqliteDatabase } from './open-sqlite.js';
import type { SqliteColumn, SqliteTable } from './sqlite-schema.js';

export interface ProfileOptions {
  lean?: boolean;
  trustLengths?: boolean;
  /** NULs will be removed from text (`--nul strip`): they do not decide a type. */
  stripNul?: boolean;
}

/** Storage classes a column of each affinity holds when its data matches its declaration. */
const EXPECTED: Record<string, string> = {
  INTEGER: "('integer','null')",
  REAL: "('real','integer','null')",
  NUMERIC: "('integer','real','null')",
};
const SIZED_INTEGER = /^(TINYINT|SMALLINT|INT2|MEDIUMINT|INT4|SMALLINT UNSIGNED|TINYINT UNSIGNED|MEDIUMINT UNSIGNED|SHORT INTEGER|BOOLEAN|BOOL)$/;

/**
 * Profiles a table's data for the planner in as few passes as its declarations allow:
 * one scan computes, per column, only what a decision needs (values outside the
 * declared affinity, max length for varchar(n), range for small integers and
 * booleans, scale fit for numeric(p,s), NULLs in keys). Columns with surprises, and
 * columns with no declared type, get a full count of storage classes in a second,
 * narrower scan. The rowid alias's range comes from the b-tree ends, not a scan.
 *
 * `lean` leaves out the checks the load itself makes (storage classes a type cannot
 * carry, booleans other than 0/1): on large tables the separate scan costs as much as
 * rendering the data, and the load stops at the first such value with the same fix.
 * It also stops at the first BLOB of a column with BLOB affinity, so the plan gets its
 * type (bytea) but not the note that other values are stored as their bytes.
 * `trustLengths` also takes declared varchar(n) lengths on trust: the load widens a
 * column to text when a longer value turns up.
 */
export function profileTable(db: SqliteDatabase, table: SqliteTable, options: ProfileOptions = {}): Map<string, ColumnProfile> {
  const result = new Map<string, ColumnProfile>(table.columns.map((c) => [c.name, emptyProfile()]));
  const t = `main.${quoteSqliteIdent(table.name)}`;
  const selects: string[] = [];
  const readers: ((row: unknown[]) => void)[] = [];
  const full: SqliteColumn[] = [];
  const add = (sql: string, apply: (p: ColumnProfile, v: unknown) => void, column: string): void => {
    const i = selects.length;
    selects.push(sql);
    readers.push((row) => apply(result.get(column)!, row[i]));
  };
  for (const column of table.columns) {
    const c = quoteSqliteIdent(column.name);
    const type = parseDeclaredType(column.declaredType);
    if (column.name === table.rowidAlias) {
      const ends = db.prepare(`SELECT min(rowid), max(rowid) FROM ${t}`).raw(true).safeIntegers(true).get() as (bigint | null)[];
      Object.assign(result.get(column.name)!, { minInteger: ends[0] ?? null, maxInteger: ends[1] ?? null, integers: table.rowCount });
      continue;
    }
    if (type.affinity === 'BLOB') {
      // One BLOB makes the column bytea whatever else it holds, and the first is usually
      // near the start: only the note on what else it holds needs the full count.
      if (options.lean && holdsBlob(db, t, c)) result.get(column.name)!.blobs = 1;
      else full.push(column);
      continue;
    }
    // A boolean column's surprises are its own: text may spell true/false, but reals, BLOBs and
    // integers other than 0/1 need a type chosen from the data.
    const unexpected = /^BOOL/.test(type.base)
      ? `typeof(${c}) NOT IN ('integer','text','null') OR (typeof(${c})='integer' AND ${c} NOT IN (0, 1))`
      : EXPECTED[type.affinity] && `typeof(${c}) NOT IN ${EXPECTED[type.affinity]}`;
    if (unexpected && !options.lean) add(`sum(${unexpected})`, (p, v) => (p.texts = Number(v ?? 0)), column.name);
    if (type.typmod.length > 0 && type.affinity === 'TEXT' && !(options.lean && options.trustLengths)) add(`max(length(${c}))`, (p, v) => (p.maxTextLength = v === null ? null : Number(v)), column.name);
    if (SIZED_INTEGER.test(type.base) && !(options.lean && /^BOOL/.test(type.base))) {
      add(`min(CASE WHEN typeof(${c})='integer' THEN ${c} END)`, (p, v) => (p.minInteger = v === null ? null : BigInt(v as bigint)), column.name);
      add(`max(CASE WHEN typeof(${c})='integer' THEN ${c} END)`, (p, v) => (p.maxInteger = v === null ? null : BigInt(v as bigint)), column.name);
    }
    if (type.affinity === 'NUMERIC' && type.typmod.length > 0) {
      const scale = Math.max(0, Math.min(type.typmod[1] ?? 0, 30));
      add(`max(CASE WHEN typeof(${c}) IN ('integer','real') THEN abs(CAST(${c} AS REAL)) END)`, (p, v) => (p.maxAbsNumber = v === null ? null : Number(v)), column.name);
      add(`sum(CASE WHEN typeof(${c})='real' AND round(${c}, ${scale}) <> ${c} THEN 1 ELSE 0 END)`, (p, v) => (p.offScale = Number(v ?? 0)), column.name);
    }
    // A TEXT column may hold BLOBs (SQLite never converts them); the ones that are not UTF-8 need bytea.
    if (type.affinity === 'TEXT' && !options.lean) add(`sum(typeof(${c})='blob')`, (p, v) => (p.blobs = Number(v ?? 0)), column.name);
    // SQLite enforces NOT NULL, and NOT NULL on every key column of a WITHOUT ROWID table.
    const mayHoldNull = !column.notNull && !table.withoutRowid;
    if (column.primaryKeyPosition > 0 && mayHoldNull) add(`sum(${c} IS NULL)`, (p, v) => (p.nulls = Number(v ?? 0)), column.name);
  }
  if (selects.length > 0) {
    const row = db.prepare(`SELECT ${selects.join(', ')} FROM ${t}`).raw(true).safeIntegers(true).get() as unknown[];
    for (const read of readers) read(row);
  }
  // Surprises (the `texts` slot held the count of unexpected values until here): count every class.
  for (const column of table.columns) {
    const p = result.get(column.name)!;
    if (column.name !== table.rowidAlias && p.texts > 0) full.push(column);
    else if (column.name !== table.rowidAlias) p.texts = 0;
  }
  if (full.length > 0) countInto(db, t, full.map((c) => c.name), result);
  for (const column of table.columns) {
    const p = result.get(column.name)!;
    const textAffinity = parseDeclaredType(column.declaredType).affinity === 'TEXT';
    if (p.blobs > 0 && textAffinity) p.notUtf8 = countNotUtf8(db, t, column.name);
    // SQL cannot tell invalid UTF-8: the lean profile leaves it to the load, which refuses it.
    if (textAffinity && !options.lean) {
      const bad = countTextsNotStorable(db, t, column.name);
      if (options.stripNul) bad.withNul = 0;
      if (bad.notUtf8 > 0 || bad.withNul > 0) p.textsNotStorable = bad;
    }
  }
  return result;
}

/**
 * Counts every storage class (and the ranges) of the named columns in one scan: the
 * profile a decision from the data needs, for a table whose lean profile left it out.
 */
export function countStorageClasses(db: SqliteDatabase, table: string, columns: readonly string[], textColumns: ReadonlySet<string> = new Set()): Map<string, ColumnProfile> {
  const result = new Map<string, ColumnProfile>(columns.map((c) => [c, emptyProfile()]));
  const t = `main.${quoteSqliteIdent(table)}`;
  if (columns.length > 0) countInto(db, t, columns, result);
  for (const c of columns) {
    const p = result.get(c)!;
    if (p.blobs > 0 && textColumns.has(c)) p.notUtf8 = countNotUtf8(db, t, c);
    if (p.texts > 0) p.textsNotStorable = countTextsNotStorable(db, t, c);
  }
  return result;
}

const NOT_ASCII = '*[^\u0001-\u007f]*';

/** TEXT values of a column that PostgreSQL text refuses, read as their stored bytes. */
function countTextsNotStorable(db: SqliteDatabase, t: string, column: string): { notUtf8: number; withNul: number } {
  const c = quoteSqliteIdent(column);
  const counts = { notUtf8: 0, withNul: 0 };
  // Only a value with a NUL or a byte past ASCII can be either, and SQL finds those cheaply:
  // GLOB reads any byte from 0x80 up (valid or not) as a character outside U+0001..U+007F.
  const candidates = `typeof(${c}) = 'text' AND (${c} GLOB ? OR instr(CAST(${c} AS BLOB), x'00') > 0)`;
  const stmt = db.prepare(`SELECT CAST(${c} AS BLOB) FROM ${t} WHERE ${candidates}`).pluck();
  for (const v of stmt.iterate(NOT_ASCII) as Iterable<Buffer>) {
    if (!isUtf8(v)) counts.notUtf8++;
    else if (v.includes(0)) counts.withNul++;
  }
  return counts;
}

/** BLOBs of a column that are not valid UTF-8 (SQL cannot tell; only the BLOBs are read). */
function countNotUtf8(db: SqliteDatabase, t: string, column: string): number {
  const c = quoteSqliteIdent(column);
  let n = 0;
  for (const v of db.prepare(`SELECT ${c} FROM ${t} WHERE typeof(${c}) = 'blob'`).pluck().iterate() as Iterable<Buffer>) if (!isUtf8(v)) n++;
  return n;
}

function holdsBlob(db: SqliteDatabase, t: string, c: string): boolean {
  return db.prepare(`SELECT EXISTS (SELECT 1 FROM ${t} WHERE typeof(${c}) = 'blob')`).pluck().get() === 1;
}

function countInto(db: SqliteDatabase, t: string, columns: readonly string[], result: Map<string, ColumnProfile>): void {
  const selects: string[] = [];
  for (const column of columns) {
    const c = quoteSqliteIdent(column);
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
    );
  }
  const row = db.prepare(`SELECT ${selects.join(', ')} FROM ${t}`).raw(true).safeIntegers(true).get() as (bigint | number | null)[];
  const num = (v: bigint | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));
  const big = (v: bigint | number | null | undefined): bigint | null => (v === null || v === undefined ? null : BigInt(v));
  columns.forEach((column, i) => {
    const o = i * 9;
    const p = result.get(column)!;
    Object.assign(p, {
      nulls: num(row[o]),
      integers: num(row[o + 1]),
      reals: num(row[o + 2]),
      texts: num(row[o + 3]),
      blobs: num(row[o + 4]),
      maxTextLength: row[o + 5] === null ? p.maxTextLength : num(row[o + 5]),
      minInteger: big(row[o + 6]),
      maxInteger: big(row[o + 7]),
      maxAbsNumber: row[o + 8] === null ? p.maxAbsNumber : num(row[o + 8]),
    });
  });
}
