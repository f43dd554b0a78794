// One table's outcome of a data-only load; a result type only, so the public declarations
// do not pull in the driver's.

/** What the data-only load did to one table. */
export interface DataOnlyTableResult {
  table: string;
  target: string;
  /** `copy`: straight into the table; `merge`: through a staging table, keeping existing rows. */
  how: 'copy' | 'merge';
  /** Rows read from SQLite and sent (orphans left out). */
  rows: number;
  /** Rows added to the table (equal to `rows` for `copy`). */
  inserted: number;
  /** `merge`: source rows whose key already existed (the existing row was kept). */
  kept: number;
  /** `merge`: of those, rows whose existing values differ from the source's. */
  keptDifferent: number;
  rejected: number;
  bytes: number;
  ms: number;
}
