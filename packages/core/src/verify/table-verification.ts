// What verification reports, kept apart from the code that computes it so that a library
// user's compiler reads these types without loading the database drivers' declarations.

/** The comparison of one table, source against target: row counts and checksums. */
export interface TableVerification {
  table: string;
  target: string;
  ok: boolean;
  sourceRows: number;
  targetRows: number;
  /** Source rows whose values cannot be carried (left out by --on-error skip-row). */
  rejected: number;
  sourceChecksum: string;
  targetChecksum: string;
  ms: number;
}

/** One row that differs between source and target, named by its primary key. */
export interface RowDifference {
  /** Primary key values in canonical text, e.g. `(42)` or `(7, 'a')`. */
  key: string;
  problem: 'missing in target' | 'extra in target' | 'values differ';
}
