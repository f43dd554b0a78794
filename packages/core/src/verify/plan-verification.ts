import type { ColumnCodec } from '../codec/column-codec.js';
import { LEAN_PROFILE_ROWS } from './open-render-pool.js';
import type { ReadKey } from '../sqlite/read-key.js';
import { renderSqlCanonicalQuery, type SqlCanonicalColumn, type SqlCanonicalQuery } from './render-sql-canonical.js';

/** One table to compare, as the caller knows it (from a migration plan or from the target's catalog). */
export interface VerifySubject {
  source: string;
  target: string;
  readKey: ReadKey;
  codecs: ColumnCodec[];
  /**
   * The columns for SQLite's own canonical rows; undefined where only the value-by-value
   * path prints them right (a float4 column needs float4's shortest text, `--nul strip` changed text).
   */
  canonical: SqlCanonicalColumn[] | undefined;
  /** Rows in the source. */
  rows: number;
  /** Bytes a load just wrote, where known: a better measure of the work than rows. */
  bytes?: number;
  /** Key columns that can name differing rows; empty or absent: a mismatch is not diffed. */
  keyColumns?: string[];
}

/** How one table is compared. */
export interface TableVerificationPlan extends VerifySubject {
  /** The SQL-side source checksum (SQLite renders canonical rows); absent: value by value. */
  sqlCanonical?: SqlCanonicalQuery;
  /**
   * The source side is shared with the worker threads, when there are any: worth it above
   * LEAN_PROFILE_ROWS, and it may start before the target side (see startVerification).
   */
  threads: boolean;
}

export interface VerificationPlan {
  schema: string;
  /** In the order they are compared. */
  tables: TableVerificationPlan[];
}

export interface VerificationPlanOptions {
  /**
   * False where value-by-value checks are needed for every table: rows were skipped or text
   * was changed on purpose, or the fast path is off.
   */
  sqlSide: boolean;
}

/**
 * Decides, without touching either database, how each table is verified and in which
 * order. Big WITHOUT ROWID tables come first (their source side is one piece of work, not
 * ranges the threads share), then the most bytes (or rows) first, so the long tables start
 * early and the small ones fill the gaps. Huge values are found while reading, so the
 * large-value path stays verifyTable's choice.
 */
export function planVerification(schema: string, subjects: readonly VerifySubject[], options: VerificationPlanOptions): VerificationPlan {
  const whole = (t: VerifySubject): boolean => t.readKey.kind === 'columns' && t.rows > LEAN_PROFILE_ROWS;
  const weight = (t: VerifySubject): number => t.bytes || t.rows;
  const order = [...subjects].sort((a, b) => Number(whole(b)) - Number(whole(a)) || weight(b) - weight(a));
  const tables = order.map((t): TableVerificationPlan => {
    const sqlCanonical = options.sqlSide && t.canonical ? renderSqlCanonicalQuery(t.source, t.canonical, t.readKey) : undefined;
    return { ...t, ...(sqlCanonical ? { sqlCanonical } : {}), threads: Boolean(sqlCanonical) && t.rows > LEAN_PROFILE_ROWS };
  });
  return { schema, tables };
}
