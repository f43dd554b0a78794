const BOOL = 16;
const BYTEA = 17;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/**
 * Rows as sorted canonical text, so that a view's rows in SQLite and in PostgreSQL compare
 * equal when they hold the same values: numbers by their value, booleans as SQLite's 0/1,
 * BLOBs and bytea as hex. `pgTypes` gives the type oid of each column of a PostgreSQL result
 * read as text (undefined for SQLite's rows).
 */
export function canonicalRows(rows: readonly unknown[][], pgTypes: readonly number[] | undefined): string[] {
  return rows.map((row) => JSON.stringify(row.map((v, i) => canonical(v, pgTypes?.[i])))).sort();
}

function canonical(v: unknown, pgType: number | undefined): string | null {
  if (v === null || v === undefined) return null;
  if (pgType === BOOL) return v === 't' ? '1' : '0';
  if (pgType === BYTEA) return String(v).slice(2).toLowerCase();
  if (Buffer.isBuffer(v)) return v.toString('hex');
  const text = typeof v === 'bigint' ? v.toString() : String(v);
  return NUMBER.test(text) ? String(Number(text)) : text;
}
