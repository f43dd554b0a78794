import type Database from 'better-sqlite3';
import { quoteSqliteIdent } from '../pg/quote-ident.js';

/**
 * How a WITHOUT ROWID table is read in chunks: by ranges of its primary key. Each chunk
 * is one statement over `key > after AND key <= upTo`, where `upTo` is the key a given
 * number of rows on, found by walking the key alone. A numbered LIMIT needs a window
 * function to name its last key, which cost as much as rendering the rows.
 */
export interface KeyRangeQueries {
  /** The key `?` rows after a key (bound: the key columns, then the offset). */
  bound: string;
  /** The key `?` rows from the start (bound: the offset). */
  firstBound: string;
  /**
   * The chunk statement, by which ends are bound (bit 1: after a key, bit 2: up to a key;
   * each end binds the key columns in order): ranges[0] reads the whole table, ranges[3]
   * one inner range.
   */
  ranges: [string, string, string, string];
}

/**
 * `select(where)` is a complete statement reading the rows that `where` (SQL, possibly
 * empty, else starting with ` WHERE`) selects from `from`.
 */
export function keyRangeQueries(from: string, keyColumns: readonly string[], select: (where: string) => string): KeyRangeQueries {
  const keys = keyColumns.map(quoteSqliteIdent);
  const order = keys.join(', ');
  const tuple = keys.length === 1 ? keys[0]! : `(${order})`;
  const params = keys.length === 1 ? '?' : `(${keys.map(() => '?').join(', ')})`;
  const bound = (where: string): string => `SELECT ${order} FROM ${from}${where} ORDER BY ${order} LIMIT 1 OFFSET ?`;
  const range = (ends: number): string => {
    const where = [ends & 1 ? `${tuple} > ${params}` : '', ends & 2 ? `${tuple} <= ${params}` : ''].filter(Boolean);
    return select(where.length ? ` WHERE ${where.join(' AND ')}` : '');
  };
  return { bound: bound(` WHERE ${tuple} > ${params}`), firstBound: bound(''), ranges: [range(0), range(1), range(2), range(3)] };
}

/** One chunk: run `ranges[ends]` with `params`; `last` when it reaches the end of the table. */
export interface KeyRange {
  ends: 0 | 1 | 2 | 3;
  params: unknown[];
  last: boolean;
}

/**
 * The ranges of a table in key order, `rows()` rows each (asked afresh for every chunk,
 * so a caller can size chunks by what it has read). Lazy: a bound is looked up only when
 * the next range is asked for. Keys are read as BigInt, exact past 2^53.
 */
export function* keyRanges(db: Database.Database, queries: KeyRangeQueries, rows: () => number): Generator<KeyRange> {
  const next = db.prepare(queries.bound).raw(true).safeIntegers(true);
  const first = db.prepare(queries.firstBound).raw(true).safeIntegers(true);
  for (let after: unknown[] | undefined; ; ) {
    const offset = Math.max(1, rows()) - 1;
    const upTo = (after ? next.get(...after, offset) : first.get(offset)) as unknown[] | undefined;
    yield { ends: ((after ? 1 : 0) + (upTo ? 2 : 0)) as KeyRange['ends'], params: [...(after ?? []), ...(upTo ?? [])], last: !upTo };
    if (!upTo) return;
    after = upTo;
  }
}
