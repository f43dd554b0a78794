import type pg from 'pg';
import type { Database } from 'better-sqlite3';
import { quoteIdent, quoteQualified } from './core-internals.js';

/** PostgreSQL type OIDs whose text is a number, and boolean's. */
const NUMBER_TYPES = new Set([20, 21, 23, 26, 700, 701, 1700]);
const BOOLEAN = 16;
const DATE_TEXT = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2})(?::(\d{2}))?(\.\d+)?)?(?:Z|[+-]00(?::?00)?)?$/;

/**
 * One value in a form both databases agree on when they mean the same thing: numbers by
 * value (12 significant digits for non-integers, as float text differs), booleans as SQLite's
 * 0/1, dates and times as `YYYY-MM-DD HH:MM:SS[.fff]` whether written with a T, a Z or a
 * midnight left out, BLOBs as hex. A view column has no declared type in SQLite, so a value's
 * storage class is not compared: integer 5 and text '5' from a column carried as text agree.
 */
export function canonicalViewValue(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (Buffer.isBuffer(v)) return `\\x${v.toString('hex')}`;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return canonicalNumber(v);
  const text = String(v);
  const m = DATE_TEXT.exec(text);
  if (!m) return text;
  const fraction = (m[4] ?? '').replace(/0+$/, '').replace(/^\.$/, '');
  return `${m[1]} ${m[2] ?? '00:00'}:${m[3] ?? '00'}${fraction}`;
}

function canonicalNumber(n: number): string {
  if (Number.isInteger(n)) return BigInt(n).toString();
  return Number.isFinite(n) ? String(Number(n.toPrecision(12))) : String(n);
}

/** The view's rows in SQLite, canonical and sorted (a multiset). */
export function sqliteViewRows(db: Database, view: string): string[] {
  const rows = db.prepare(`SELECT * FROM ${quoteIdent(view)}`).safeIntegers(true).raw(true).all() as unknown[][];
  return rows.map((r) => JSON.stringify(r.map(canonicalViewValue))).sort();
}

/** The view's rows in PostgreSQL, read as text and made canonical by column type, sorted. */
export async function pgViewRows(client: pg.Client, schema: string, view: string): Promise<string[]> {
  const result = await client.query({ text: `SELECT * FROM ${quoteQualified(schema, view)}`, rowMode: 'array', types: { getTypeParser: () => (value: string) => value } });
  const types = result.fields.map((f) => f.dataTypeID);
  return (result.rows as (string | null)[][])
    .map((r) =>
      JSON.stringify(
        r.map((v, k) => {
          if (v === null) return 'NULL';
          if (types[k] === BOOLEAN) return v === 't' ? '1' : '0';
          if (NUMBER_TYPES.has(types[k]!)) return /^-?\d+$/.test(v) ? BigInt(v).toString() : canonicalNumber(Number(v));
          return canonicalViewValue(v);
        }),
      ),
    )
    .sort();
}
