// What the source scan of a data-only load finds; the shapes only, apart from the scan, so
// the report's declarations do not pull in the SQLite driver's.

import type { RowRef } from './find-orphans.js';

/** A source value that cannot become its target column's type. */
export interface BadValue {
  table: string;
  row: RowRef;
  column: string;
  /** The value, shortened for display. */
  value: string;
  targetType: string;
  reason: string;
}

/** A `real` (float4) column where some doubles change when rounded to float4. */
export interface RoundedColumn {
  table: string;
  column: string;
  targetType: string;
  count: number;
  example: { row: RowRef; from: string; to: string };
}
